//! Mistral AI chat completion (Mistral Large, Small, Pixtral): a role/content `messages` list.
//! These models also take the text-completion body, so a body with a `prompt` is checked as one.

use serde_json::Value;

use super::TextFormat;
use super::chat_messages::{choice_content, put_messages, validate_messages};
use super::mistral_text::MistralText;
use crate::draft::Draft;
use crate::error::FormatError;
use crate::json::text_at;
use crate::mapping::{SAME_VALUE, path};
use crate::response::{ChunkText, ParsedResponse};
use crate::schema::{Kind, Object};
use crate::spec::PromptSpec;

const KEYS: &[&str] = &[
    "messages",
    "tools",
    "tool_choice",
    "max_tokens",
    "temperature",
    "top_p",
    "stop",
];
const HINT: &str = "Mistral's chat body is {\"messages\": [{\"role\": \"system|user|assistant|tool\", \
    \"content\": \"...\"}]} plus optional max_tokens, temperature, top_p, tools and tool_choice.";

pub(crate) struct MistralChat;

impl TextFormat for MistralChat {
    fn build(&self, spec: &PromptSpec) -> Draft {
        let mut draft = Draft::default();
        put_messages(&mut draft, spec);
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
        draft.param(
            path::STOP_SEQUENCES,
            "stop",
            spec.stop_value(),
            "same value; stop is not among the documented chat parameters, only the text ones",
        );
        draft
    }

    fn parse_response(&self, body: &Value) -> ParsedResponse {
        ParsedResponse {
            text: choice_content(body).unwrap_or_default(),
            stop_reason: stop_reason(body),
            ..ParsedResponse::default()
        }
    }

    fn parse_chunk(&self, chunk: &Value) -> ChunkText {
        ChunkText {
            text_delta: choice_content(chunk).filter(|text| !text.is_empty()),
            stop_reason: stop_reason(chunk),
            ..ChunkText::default()
        }
    }

    fn validate(&self, body: &Value) -> Result<(), FormatError> {
        if body.get("prompt").is_some() && body.get("messages").is_none() {
            return MistralText.validate(body);
        }
        let root = Object::root(body, HINT)?;
        root.only(KEYS)?;
        validate_messages(&root, &["system", "user", "assistant", "tool"])?;
        root.optional("max_tokens", Kind::Integer)?;
        root.optional_all(&["temperature", "top_p"], Kind::Number)?;
        root.optional("tools", Kind::Array)?;
        root.strings("stop")
    }
}

/// Bedrock's Mistral chat answers say `stop_reason`; OpenAI-style ones `finish_reason`.
fn stop_reason(body: &Value) -> Option<String> {
    text_at(body, "/choices/0/stop_reason").or_else(|| text_at(body, "/choices/0/finish_reason"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::test_support::{ANSWER, FIRST_QUESTION, SECOND_QUESTION, SYSTEM, spec};

    const LARGE: &str = "mistral.mistral-large-2407-v1:0";

    // Request shape from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral-chat-completion.html
    #[test]
    fn builds_the_documented_body() {
        let draft = MistralChat.build(&spec(LARGE));
        let expected = json!({
            "messages": [
                {"role": "system", "content": SYSTEM},
                {"role": "user", "content": FIRST_QUESTION},
                {"role": "assistant", "content": ANSWER},
                {"role": "user", "content": SECOND_QUESTION}
            ],
            "max_tokens": 512,
            "temperature": 0.5,
            "top_p": 0.9,
            "stop": ["END"]
        });
        assert_eq!(Value::Object(draft.body), expected);
    }

    #[test]
    fn reads_the_response_and_stream_chunks() {
        let response = json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": "A timed step."}, "stop_reason": "stop"}]});
        let parsed = MistralChat.parse_response(&response);
        assert_eq!(parsed.text, "A timed step.");
        assert_eq!(parsed.stop_reason.as_deref(), Some("stop"));
        let chunk = json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": "A"}, "stop_reason": null}]});
        assert_eq!(
            MistralChat.parse_chunk(&chunk).text_delta.as_deref(),
            Some("A")
        );
        let last = json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": ""}, "stop_reason": "length"}]});
        let last = MistralChat.parse_chunk(&last);
        assert_eq!(
            (last.text_delta, last.stop_reason.as_deref()),
            (None, Some("length"))
        );
    }

    #[test]
    fn validation_catches_missing_messages_and_takes_the_text_form() {
        assert_eq!(
            MistralChat.validate(&Value::Object(MistralChat.build(&spec(LARGE)).body)),
            Ok(())
        );
        let error = MistralChat.validate(&json!({"max_tokens": 5})).unwrap_err();
        assert!(
            error
                .message
                .contains("#: required key [messages] not found")
        );
        assert_eq!(
            MistralChat.validate(&json!({"prompt": "<s>[INST] Hi [/INST]"})),
            Ok(())
        );
        let error = MistralChat
            .validate(&json!({"messages": [{"role": "bot", "content": "x"}]}))
            .unwrap_err();
        assert!(
            error
                .message
                .contains("#/messages/0/role: bot is not a valid enum value")
        );
    }
}
