//! Saved prompts as the UI sees them.

use serde::{Deserialize, Serialize};

pub type PromptId = String;

/// What one version of a prompt holds. `messages_json` and `params_json` are kept verbatim.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PromptContent {
    pub system_prompt: String,
    pub messages_json: String,
    pub params_json: String,
    pub model_id: Option<String>,
    /// What changed in this version; a note alone does not make a new version.
    pub note: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PromptVersion {
    pub prompt_id: PromptId,
    /// 1, 2, ... in the order they were saved.
    pub version: u32,
    pub created_at: String,
    pub system_prompt: String,
    pub messages_json: String,
    pub params_json: String,
    pub model_id: Option<String>,
    pub note: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PromptSummary {
    pub id: PromptId,
    pub name: String,
    pub latest_version: u32,
    pub created_at: String,
    pub updated_at: String,
    /// The `{{variables}}` of the latest version: system prompt first, then the messages.
    pub variables: Vec<String>,
}
