//! The model's rules applied to a request's parameters: what is refused before sending (with
//! what to change), and what is left out because the model does not take it.

use aws_sdk_bedrockruntime::types::InferenceConfiguration;
use aws_smithy_types::Document;

use super::additional_fields::{Thinking, thinking_of, without_path};
use super::request::ChatRequest;
use crate::catalogue::capabilities::{
    MAX_STOP_SEQUENCES, MIN_THINKING_BUDGET, ModelCapabilities, capabilities_of,
};
use crate::error::{ClientError, ErrorCode};

fn invalid(message: String, hint: String) -> ClientError {
    ClientError::new(ErrorCode::InvalidRequest, message).with_hint(hint)
}

impl ChatRequest {
    pub fn capabilities(&self) -> ModelCapabilities {
        capabilities_of(&self.model_id)
    }

    /// Tools are defined, or the conversation carries tool calls or answers.
    pub fn uses_tools(&self) -> bool {
        self.tools_json
            .as_deref()
            .is_some_and(|json| !matches!(json.trim(), "" | "[]"))
            || self
                .messages
                .iter()
                .any(|m| !m.tool_calls.is_empty() || !m.tool_answers.is_empty())
    }

    /// ConverseStream, unless the model cannot stream (or cannot stream tool use and tools are in play).
    pub fn streams(&self) -> bool {
        self.capabilities().streams_with(self.uses_tools())
    }

    /// The parameter rules of the model: limits, stop sequences, extended thinking.
    pub(crate) fn check_params(
        &self,
        caps: &ModelCapabilities,
        fields: Option<&Document>,
    ) -> Result<(), ClientError> {
        let params = &self.params;
        if !caps.tool_use && self.uses_tools() {
            return Err(invalid(
                "This model takes no tools through Converse.".to_owned(),
                "Clear the Tools editor, or pick a model with tool use (Claude 3 and later, Nova, Llama 3.1 and later, Mistral Large, Command R, Jamba 1.5).".to_owned(),
            ));
        }
        let stops = self.stop_sequences().count();
        if caps.stop_sequences && stops > MAX_STOP_SEQUENCES {
            return Err(invalid(
                format!("{stops} stop sequences: Bedrock takes at most {MAX_STOP_SEQUENCES}."),
                format!("Remove stop sequences until {MAX_STOP_SEQUENCES} are left."),
            ));
        }
        if let (Some(limit), Some(max)) = (caps.max_output_tokens, params.max_tokens)
            && i64::from(max) > i64::from(limit)
        {
            return Err(invalid(
                format!("Max tokens {max} is above this model's limit of {limit} output tokens."),
                format!("Set max tokens to {limit} or less."),
            ));
        }
        let Thinking::Budget(budget) = thinking_of(fields) else {
            return Ok(());
        };
        let min = i64::from(MIN_THINKING_BUDGET);
        let budget = match budget {
            Some(budget) if budget >= min => budget,
            _ => {
                return Err(invalid(
                    format!("The reasoning budget must be at least {min} tokens."),
                    format!(
                        "Set the reasoning budget to {min} or more, or clear it to answer without thinking."
                    ),
                ));
            }
        };
        if params.max_tokens.is_none_or(|max| i64::from(max) <= budget) {
            return Err(invalid(
                format!(
                    "Max tokens must be above the reasoning budget ({budget}): thinking counts towards max tokens."
                ),
                format!("Raise max tokens above {budget}, or lower the reasoning budget."),
            ));
        }
        Ok(())
    }

    /// The inference configuration to send: what the model lacks, or thinking forbids, left out.
    pub(crate) fn inference_config(
        &self,
        caps: &ModelCapabilities,
        fields: Option<&Document>,
    ) -> InferenceConfiguration {
        let params = &self.params;
        let thinking = thinking_of(fields) != Thinking::Off;
        // With thinking, Claude takes temperature 1 only and no top P.
        let temperature = params
            .temperature
            .filter(|&t| !thinking || (t - 1.0).abs() < f32::EPSILON);
        let mut config = InferenceConfiguration::builder()
            .set_max_tokens(params.max_tokens)
            .set_temperature(temperature)
            .set_top_p(params.top_p.filter(|_| !thinking));
        if caps.stop_sequences {
            for stop in self.stop_sequences() {
                config = config.stop_sequences(stop);
            }
        }
        config.build()
    }

    /// The additional fields to send: top-k left out when thinking is on (Claude refuses both).
    pub(crate) fn fields_to_send(
        caps: &ModelCapabilities,
        fields: Option<Document>,
    ) -> Option<Document> {
        match (&caps.top_k_path, thinking_of(fields.as_ref())) {
            (Some(path), Thinking::Budget(_)) => without_path(fields, path),
            _ => fields,
        }
    }

    /// The system prompt, when there is one and the model takes it.
    pub(crate) fn system_to_send(&self, caps: &ModelCapabilities) -> Option<&str> {
        Some(self.system_prompt.as_str()).filter(|s| caps.system_prompt && !s.trim().is_empty())
    }

    fn stop_sequences(&self) -> impl Iterator<Item = &String> {
        self.params.stop_sequences.iter().filter(|s| !s.is_empty())
    }
}
