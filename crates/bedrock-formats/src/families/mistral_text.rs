//! Mistral AI text completion: an `<s>[INST] ... [/INST]` prompt (Mistral 7B, Mixtral, and the
//! chat models' text form).

use serde_json::{Value, json};

use super::TextFormat;
use crate::draft::Draft;
use crate::error::FormatError;
use crate::json::{delta_at, text_at};
use crate::mapping::{SAME_VALUE, path};
use crate::response::{ChunkText, ParsedResponse};
use crate::schema::{Kind, Object};
use crate::spec::{PromptSpec, Role};

const KEYS: &[&str] = &[
    "prompt",
    "max_tokens",
    "stop",
    "temperature",
    "top_p",
    "top_k",
];
const HINT: &str = "Mistral's text-completion body is a prompt string (\"<s>[INST] question [/INST]\") \
    plus optional max_tokens, stop, temperature, top_p and top_k.";

pub(crate) struct MistralText;

/// User turns inside `[INST] ... [/INST]`, answers after them closed by `</s>`; Mistral's
/// template has no system role, so the system prompt opens the first instruction.
fn prompt(spec: &PromptSpec) -> String {
    let mut prompt = "<s>".to_owned();
    let mut system = spec.system();
    let last = spec.messages.len().saturating_sub(1);
    for (index, message) in spec.messages.iter().enumerate() {
        match message.role {
            Role::User => {
                if index > 0 {
                    prompt.push(' ');
                }
                prompt.push_str("[INST] ");
                if let Some(system) = system.take() {
                    prompt.push_str(system);
                    prompt.push_str("\n\n");
                }
                prompt.push_str(&message.text);
                prompt.push_str(" [/INST]");
            }
            Role::Assistant => {
                prompt.push(' ');
                prompt.push_str(&message.text);
                // A closing answer stays open, so the model continues it.
                if index != last {
                    prompt.push_str("</s>");
                }
            }
        }
    }
    prompt
}

impl TextFormat for MistralText {
    fn build(&self, spec: &PromptSpec) -> Draft {
        let mut draft = Draft::default();
        draft.field(
            path::MESSAGES,
            "prompt",
            json!(prompt(spec)),
            "user turns inside [INST] ... [/INST], each answer after them closed by </s>",
        );
        if spec.system().is_some() {
            draft.map(
                path::SYSTEM,
                "prompt",
                "no system role in this template: the system prompt opens the first [INST]",
            );
        }
        draft.param(
            path::MAX_TOKENS,
            "max_tokens",
            spec.max_tokens_value(),
            SAME_VALUE,
        );
        draft.param(
            path::TEMPERATURE,
            "temperature",
            spec.temperature_value(),
            SAME_VALUE,
        );
        draft.param(path::TOP_P, "top_p", spec.top_p_value(), SAME_VALUE);
        draft.param(path::STOP_SEQUENCES, "stop", spec.stop_value(), SAME_VALUE);
        draft
    }

    fn parse_response(&self, body: &Value) -> ParsedResponse {
        ParsedResponse {
            text: text_at(body, "/outputs/0/text").unwrap_or_default(),
            stop_reason: text_at(body, "/outputs/0/stop_reason"),
            ..ParsedResponse::default()
        }
    }

    fn parse_chunk(&self, chunk: &Value) -> ChunkText {
        ChunkText {
            text_delta: delta_at(chunk, "/outputs/0/text"),
            stop_reason: text_at(chunk, "/outputs/0/stop_reason"),
            ..ChunkText::default()
        }
    }

    fn validate(&self, body: &Value) -> Result<(), FormatError> {
        let root = Object::root(body, HINT)?;
        root.only(KEYS)?;
        root.required("prompt", Kind::String)?;
        root.optional_all(&["max_tokens", "top_k"], Kind::Integer)?;
        root.optional_all(&["temperature", "top_p"], Kind::Number)?;
        root.strings("stop")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::test_support::{message, spec};

    const MIXTRAL: &str = "mistral.mixtral-8x7b-instruct-v0:1";

    // Prompt format and parameters from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral-text-completion.html
    #[test]
    fn builds_the_documented_prompt() {
        let draft = MistralText.build(&spec(MIXTRAL));
        let expected = json!({
            "prompt": "<s>[INST] You are terse.\n\nWhat is tracing? [/INST] Following one request across services.</s> [INST] And a span? [/INST]",
            "max_tokens": 512,
            "stop": ["END"],
            "temperature": 0.5,
            "top_p": 0.9
        });
        assert_eq!(Value::Object(draft.body), expected);
        assert!(draft.unsupported.is_empty());
    }

    #[test]
    fn a_closing_answer_stays_open() {
        let mut prompt = spec(MIXTRAL);
        prompt.system_prompt.clear();
        prompt.messages = vec![message(Role::User, "Hi"), message(Role::Assistant, "Well,")];
        assert_eq!(
            MistralText.build(&prompt).body["prompt"],
            "<s>[INST] Hi [/INST] Well,"
        );
    }

    #[test]
    fn reads_the_response_and_stream_chunks() {
        let response = json!({"outputs": [{"text": " A timed step.", "stop_reason": "stop"}]});
        let parsed = MistralText.parse_response(&response);
        assert_eq!(parsed.text, " A timed step.");
        assert_eq!(parsed.stop_reason.as_deref(), Some("stop"));
        let chunk = json!({"outputs": [{"text": " A", "stop_reason": null}]});
        let chunk = MistralText.parse_chunk(&chunk);
        assert_eq!(chunk.text_delta.as_deref(), Some(" A"));
        assert_eq!(chunk.stop_reason, None);
    }

    #[test]
    fn validation_catches_a_missing_prompt() {
        assert_eq!(
            MistralText.validate(&Value::Object(MistralText.build(&spec(MIXTRAL)).body)),
            Ok(())
        );
        let error = MistralText.validate(&json!({"max_tokens": 5})).unwrap_err();
        assert!(error.message.contains("#: required key [prompt] not found"));
        let error = MistralText
            .validate(&json!({"prompt": "x", "stop": "END"}))
            .unwrap_err();
        assert!(
            error
                .message
                .contains("#/stop: expected type: JSONArray, found: String")
        );
    }
}
