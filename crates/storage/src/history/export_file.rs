//! The export file of one conversation: versioned, readable JSON.
//!
//! Requests and errors are embedded as JSON (not as strings holding JSON) so the file reads well;
//! stored text that is not JSON is embedded as a JSON string and comes back as that text.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::model::{AnswerBlocks, Run, RunMetrics, RunStatus, Usage};

pub(crate) const FORMAT: &str = "bedrock-playground.conversation";
pub(crate) const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ExportFile {
    pub format: String,
    pub format_version: u32,
    pub exported_at: String,
    pub conversation: ExportedConversation,
    pub runs: Vec<ExportedRun>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ExportedConversation {
    pub id: String,
    pub title: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ExportedRun {
    pub id: String,
    pub parent_run_id: Option<String>,
    pub created_at: String,
    pub finished_at: Option<String>,
    pub profile_id: String,
    pub profile_name: String,
    pub region: String,
    pub model_id: String,
    pub request: Box<RawValue>,
    pub user_text: String,
    pub answer_text: String,
    pub reasoning_text: String,
    /// Absent from files written before tool calls and reasoning blocks were kept.
    #[serde(default)]
    pub blocks: AnswerBlocks,
    pub status: RunStatus,
    pub stop_reason: Option<String>,
    pub error: Option<Box<RawValue>>,
    pub usage: Option<Usage>,
    pub metrics: Option<RunMetrics>,
}

/// Just enough of a file to tell whether it is an export, and of which version.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FormatHeader {
    pub format: Option<String>,
    pub format_version: Option<serde_json::Value>,
}

impl ExportedRun {
    pub(crate) fn from_run(run: Run) -> Self {
        Self {
            request: embedded(&run.request_json),
            error: run.error_json.as_deref().map(embedded),
            id: run.id,
            parent_run_id: run.parent_run_id,
            created_at: run.created_at,
            finished_at: run.finished_at,
            profile_id: run.profile_id,
            profile_name: run.profile_name,
            region: run.region,
            model_id: run.model_id,
            user_text: run.user_text,
            answer_text: run.answer_text,
            reasoning_text: run.reasoning_text,
            blocks: run.blocks,
            status: run.status,
            stop_reason: run.stop_reason,
            usage: run.usage,
            metrics: run.metrics,
        }
    }

    /// The run as stored, still with the ids of the file.
    pub(crate) fn into_run(self, conversation_id: &str) -> Run {
        Run {
            request_json: stored_text(&self.request),
            error_json: self.error.as_deref().map(stored_text),
            id: self.id,
            conversation_id: conversation_id.to_owned(),
            parent_run_id: self.parent_run_id,
            created_at: self.created_at,
            finished_at: self.finished_at,
            profile_id: self.profile_id,
            profile_name: self.profile_name,
            region: self.region,
            model_id: self.model_id,
            user_text: self.user_text,
            answer_text: self.answer_text,
            reasoning_text: self.reasoning_text,
            blocks: self.blocks,
            status: self.status,
            stop_reason: self.stop_reason,
            usage: self.usage,
            metrics: self.metrics,
        }
    }
}

fn embedded(text: &str) -> Box<RawValue> {
    RawValue::from_string(text.trim().to_owned())
        .or_else(|_| serde_json::value::to_raw_value(text))
        .unwrap_or_else(|_| RawValue::NULL.to_owned())
}

fn stored_text(raw: &RawValue) -> String {
    serde_json::from_str::<String>(raw.get()).unwrap_or_else(|_| raw.get().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_embedded_verbatim_and_other_text_as_a_string() {
        let json = r#"{"messages":[{"role":"user","text":"hi"}],"b":1,"a":2}"#;
        assert_eq!(embedded(json).get(), json);
        assert_eq!(stored_text(&embedded(json)), json);

        let not_json = "plain {text";
        assert_eq!(embedded(not_json).get(), "\"plain {text\"");
        assert_eq!(stored_text(&embedded(not_json)), not_json);
    }
}
