//! AI21 Jamba 1.5: OpenAI-style chat completions.

use serde_json::Value;

use super::TextFormat;
use super::chat_messages::{choice_content, put_messages, validate_messages};
use crate::draft::Draft;
use crate::error::FormatError;
use crate::json::{count_at, text_at};
use crate::mapping::{SAME_VALUE, path};
use crate::response::{ChunkText, ParsedResponse};
use crate::schema::{Kind, Object};
use crate::spec::PromptSpec;

const KEYS: &[&str] = &[
    "messages",
    "max_tokens",
    "temperature",
    "top_p",
    "stop",
    "n",
    "frequency_penalty",
    "presence_penalty",
    "tools",
    "response_format",
    "documents",
];
const HINT: &str = "Jamba's native body is OpenAI-style: {\"messages\": [{\"role\": \"system|user|assistant\", \
    \"content\": \"...\"}]} plus optional max_tokens, temperature, top_p, stop and n.";

pub(crate) struct Jamba;

impl TextFormat for Jamba {
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
            "same value; Jamba allows up to 2.0",
        );
        draft.param(path::TOP_P, "top_p", spec.top_p_value(), SAME_VALUE);
        draft.param(path::STOP_SEQUENCES, "stop", spec.stop_value(), SAME_VALUE);
        draft
    }

    fn parse_response(&self, body: &Value) -> ParsedResponse {
        ParsedResponse {
            text: choice_content(body).unwrap_or_default(),
            reasoning: None,
            stop_reason: text_at(body, "/choices/0/finish_reason"),
            input_tokens: count_at(body, "/usage/prompt_tokens"),
            output_tokens: count_at(body, "/usage/completion_tokens"),
        }
    }

    fn parse_chunk(&self, chunk: &Value) -> ChunkText {
        ChunkText {
            text_delta: choice_content(chunk).filter(|text| !text.is_empty()),
            reasoning_delta: None,
            stop_reason: text_at(chunk, "/choices/0/finish_reason"),
            input_tokens: count_at(chunk, "/usage/prompt_tokens"),
            output_tokens: count_at(chunk, "/usage/completion_tokens"),
        }
    }

    fn validate(&self, body: &Value) -> Result<(), FormatError> {
        let root = Object::root(body, HINT)?;
        root.only(KEYS)?;
        validate_messages(&root, &["system", "user", "assistant", "tool"])?;
        root.optional_all(&["max_tokens", "n"], Kind::Integer)?;
        root.optional_all(
            &[
                "temperature",
                "top_p",
                "frequency_penalty",
                "presence_penalty",
            ],
            Kind::Number,
        )?;
        root.optional_all(&["tools", "documents"], Kind::Array)?;
        root.optional("response_format", Kind::Object)?;
        root.strings("stop")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::test_support::{ANSWER, FIRST_QUESTION, SECOND_QUESTION, SYSTEM, spec};

    const MINI: &str = "ai21.jamba-1-5-mini-v1:0";

    // Request shape from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-jamba.html
    #[test]
    fn builds_the_documented_body() {
        let draft = Jamba.build(&spec(MINI));
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
        let response = json!({
            "id": "chatcmpl-1",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "A timed step.", "tool_calls": null}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 30, "completion_tokens": 5, "total_tokens": 35}
        });
        let parsed = Jamba.parse_response(&response);
        assert_eq!(parsed.text, "A timed step.");
        assert_eq!(parsed.stop_reason.as_deref(), Some("stop"));
        assert_eq!(
            (parsed.input_tokens, parsed.output_tokens),
            (Some(30), Some(5))
        );
        let role = json!({"id": "chatcmpl-1", "choices": [{"index": 0, "delta": {"role": "assistant"}, "finish_reason": null}]});
        assert_eq!(Jamba.parse_chunk(&role), ChunkText::default());
        let delta = json!({"id": "chatcmpl-1", "choices": [{"index": 0, "delta": {"content": "A"}, "finish_reason": null}]});
        assert_eq!(Jamba.parse_chunk(&delta).text_delta.as_deref(), Some("A"));
        let last = json!({"choices": [{"index": 0, "delta": {"content": ""}, "finish_reason": "length"}], "usage": {"prompt_tokens": 30, "completion_tokens": 5}});
        let last = Jamba.parse_chunk(&last);
        assert_eq!(last.stop_reason.as_deref(), Some("length"));
        assert_eq!(last.output_tokens, Some(5));
    }

    #[test]
    fn validation_catches_missing_messages() {
        assert_eq!(
            Jamba.validate(&Value::Object(Jamba.build(&spec(MINI)).body)),
            Ok(())
        );
        let error = Jamba.validate(&json!({"max_tokens": 5})).unwrap_err();
        assert!(
            error
                .message
                .contains("#: required key [messages] not found")
        );
        let error = Jamba.validate(&json!({"prompt": "x"})).unwrap_err();
        assert!(error.message.contains("extraneous key [prompt]"));
    }
}
