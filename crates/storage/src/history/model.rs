//! What the history holds, as the UI sees it.

use serde::{Deserialize, Serialize};

pub type ConversationId = String;
pub type RunId = String;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RunStatus {
    /// The answer is still arriving.
    Streaming,
    Done,
    /// The user stopped it.
    Stopped,
    Failed,
    /// The app was closed or killed while it was streaming.
    Interrupted,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Streaming => "streaming",
            Self::Done => "done",
            Self::Stopped => "stopped",
            Self::Failed => "failed",
            Self::Interrupted => "interrupted",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<Self> {
        [
            Self::Streaming,
            Self::Done,
            Self::Stopped,
            Self::Failed,
            Self::Interrupted,
        ]
        .into_iter()
        .find(|status| status.as_str() == text)
    }
}

/// A request about to be sent. Without a conversation id (or with one not yet stored) a new
/// conversation is started, titled after `user_text`; with a parent run, the run joins the
/// parent's conversation.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewRun {
    pub conversation_id: Option<ConversationId>,
    pub parent_run_id: Option<RunId>,
    pub profile_id: String,
    pub profile_name: String,
    pub region: String,
    pub model_id: String,
    /// The whole request as sent, kept verbatim.
    pub request_json: String,
    /// The new user message, for the title, display and search.
    pub user_text: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StartedRun {
    pub run_id: RunId,
    pub conversation_id: ConversationId,
    pub created_at: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Usage {
    pub input_tokens: u32,
    pub output_tokens: u32,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunMetrics {
    pub time_to_first_token_ms: Option<u32>,
    pub total_latency_ms: u32,
    pub tokens_per_second: Option<f64>,
}

/// How a run ended. `status` must not be `streaming`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunEnd {
    pub status: RunStatus,
    pub stop_reason: Option<String>,
    pub error_json: Option<String>,
    pub usage: Option<Usage>,
    pub metrics: Option<RunMetrics>,
}

/// A tool call the model made in a run's answer, its input as the JSON text it streamed.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunToolCall {
    pub tool_use_id: String,
    pub name: String,
    pub input_json: String,
}

/// A reasoning block of a run's answer, kept verbatim: a continued conversation sends it back.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum RunReasoning {
    Text {
        text: String,
        signature: Option<String>,
    },
    Redacted {
        data_base64: String,
    },
}

/// What an answer holds besides its text, known once it has ended.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerBlocks {
    pub tool_calls: Vec<RunToolCall>,
    pub reasoning: Vec<RunReasoning>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    pub id: RunId,
    pub conversation_id: ConversationId,
    pub parent_run_id: Option<RunId>,
    pub created_at: String,
    pub finished_at: Option<String>,
    pub profile_id: String,
    pub profile_name: String,
    pub region: String,
    pub model_id: String,
    pub request_json: String,
    pub user_text: String,
    pub answer_text: String,
    pub reasoning_text: String,
    /// The answer's tool calls and reasoning blocks, in the order the model produced them.
    pub blocks: AnswerBlocks,
    pub status: RunStatus,
    pub stop_reason: Option<String>,
    pub error_json: Option<String>,
    pub usage: Option<Usage>,
    pub metrics: Option<RunMetrics>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationSummary {
    pub id: ConversationId,
    pub title: String,
    pub created_at: String,
    pub updated_at: String,
    pub run_count: u32,
    pub last_model_id: Option<String>,
    pub last_status: Option<RunStatus>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    pub summary: ConversationSummary,
    /// In the order they were made.
    pub runs: Vec<Run>,
}

/// One page of the history list, newest first.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationPage {
    pub conversations: Vec<ConversationSummary>,
    /// How many conversations the query finds in all.
    pub total: u32,
    pub has_more: bool,
    /// Asks for the page after this one; `None` on the last page.
    pub next_cursor: Option<String>,
    /// The query this page answers, as given, so a caller can drop pages of an older query.
    pub query: Option<String>,
}

/// The attachments (and other large base64 payloads) of every stored request, each kept once.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlobUsage {
    pub count: u32,
    /// Decoded, as stored; `u32::MAX` from 4 GiB up.
    pub bytes: u32,
}
