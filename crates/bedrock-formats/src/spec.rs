//! The prompt as the playground holds it, before it becomes any wire format.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::FormatError;
use crate::number::decimal;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PromptSpec {
    pub model_id: String,
    /// Empty (or only whitespace) means no system prompt.
    #[serde(default)]
    pub system_prompt: String,
    #[serde(default)]
    pub messages: Vec<SpecMessage>,
    #[serde(default)]
    pub max_tokens: Option<u32>,
    #[serde(default)]
    pub temperature: Option<f32>,
    #[serde(default)]
    pub top_p: Option<f32>,
    #[serde(default)]
    pub stop_sequences: Vec<String>,
    /// The `additionalModelRequestFields` JSON object as the user typed it.
    #[serde(default)]
    pub additional_fields_json: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SpecMessage {
    pub role: Role,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Role {
    User,
    Assistant,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Assistant => "assistant",
        }
    }
}

impl PromptSpec {
    pub(crate) fn system(&self) -> Option<&str> {
        let system = self.system_prompt.as_str();
        (!system.trim().is_empty()).then_some(system)
    }

    pub(crate) fn max_tokens_value(&self) -> Option<Value> {
        self.max_tokens.map(Value::from)
    }

    pub(crate) fn temperature_value(&self) -> Option<Value> {
        self.temperature.map(decimal)
    }

    pub(crate) fn top_p_value(&self) -> Option<Value> {
        self.top_p.map(decimal)
    }

    /// The stop sequences as a JSON list, or `None` when there are none.
    pub(crate) fn stop_value(&self) -> Option<Value> {
        (!self.stop_sequences.is_empty()).then(|| Value::from(self.stop_sequences.clone()))
    }

    /// Whether the conversation ends on an assistant turn the model should continue (a prefill).
    pub(crate) fn ends_with_assistant(&self) -> bool {
        self.messages
            .last()
            .is_some_and(|m| m.role == Role::Assistant)
    }

    /// The additional model request fields; an empty object counts as none.
    pub(crate) fn additional_fields(&self) -> Result<Option<Map<String, Value>>, FormatError> {
        let Some(raw) = self
            .additional_fields_json
            .as_deref()
            .map(str::trim)
            .filter(|raw| !raw.is_empty())
        else {
            return Ok(None);
        };
        match serde_json::from_str::<Value>(raw) {
            Ok(Value::Object(fields)) if fields.is_empty() => Ok(None),
            Ok(Value::Object(fields)) => Ok(Some(fields)),
            Ok(_) => Err(FormatError::additional_fields(
                "additionalModelRequestFields must be a JSON object.",
            )),
            Err(error) => Err(FormatError::additional_fields(format!(
                "additionalModelRequestFields is not valid JSON: {error}."
            ))),
        }
    }
}
