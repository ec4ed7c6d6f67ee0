//! Anthropic Claude: the Messages API with Bedrock's `anthropic_version` in the body.

use serde_json::{Value, json};

use super::TextFormat;
use crate::draft::Draft;
use crate::error::FormatError;
use crate::json::{count_at, delta_at, joined_texts, text_at};
use crate::mapping::{SAME_VALUE, path};
use crate::response::{ChunkText, ParsedResponse};
use crate::schema::{Kind, Object};
use crate::spec::PromptSpec;

pub(crate) const ANTHROPIC_VERSION: &str = "bedrock-2023-05-31";
/// Converse lets the prompt leave max tokens unset; the native body cannot.
const DEFAULT_MAX_TOKENS: u32 = 4096;

const KEYS: &[&str] = &[
    "anthropic_version",
    "anthropic_beta",
    "max_tokens",
    "messages",
    "system",
    "temperature",
    "top_p",
    "top_k",
    "stop_sequences",
    "tools",
    "tool_choice",
    "thinking",
    "metadata",
];
const HINT: &str = "Claude's native body needs anthropic_version \"bedrock-2023-05-31\", \
    max_tokens and messages, whose content is a string or a list of typed blocks.";
const BLOCK_HINT: &str = "Converse content blocks are {\"text\": \"...\"}; Claude's native \
    blocks need a type: {\"type\": \"text\", \"text\": \"...\"}.";

pub(crate) struct Claude;

impl TextFormat for Claude {
    fn build(&self, spec: &PromptSpec) -> Draft {
        let mut draft = Draft::default();
        draft.fixed(
            "anthropic_version",
            json!(ANTHROPIC_VERSION),
            "required in every native Claude body; Converse adds it itself",
        );
        match spec.max_tokens {
            Some(max) => draft.field(
                path::MAX_TOKENS,
                "max_tokens",
                json!(max),
                "required natively",
            ),
            None => draft.field(
                path::MAX_TOKENS,
                "max_tokens",
                json!(DEFAULT_MAX_TOKENS),
                "required natively: the prompt sets none, so 4096 is filled in",
            ),
        }
        if let Some(system) = spec.system() {
            draft.field(
                path::SYSTEM,
                "system",
                json!(system),
                "a top-level string instead of a list of text blocks",
            );
        }
        let messages: Vec<Value> = spec
            .messages
            .iter()
            .map(
                |m| json!({"role": m.role.as_str(), "content": [{"type": "text", "text": m.text}]}),
            )
            .collect();
        draft.field(
            path::MESSAGES,
            "messages",
            json!(messages),
            "content blocks carry \"type\": \"text\"",
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
            "stop_sequences",
            spec.stop_value(),
            SAME_VALUE,
        );
        draft
    }

    fn parse_response(&self, body: &Value) -> ParsedResponse {
        let of_type = |kind: &'static str| move |block: &Value| block["type"] == kind;
        ParsedResponse {
            text: joined_texts(body, "/content", "text", of_type("text")).unwrap_or_default(),
            reasoning: joined_texts(body, "/content", "thinking", of_type("thinking")),
            stop_reason: text_at(body, "/stop_reason"),
            input_tokens: count_at(body, "/usage/input_tokens"),
            output_tokens: count_at(body, "/usage/output_tokens"),
        }
    }

    fn parse_chunk(&self, chunk: &Value) -> ChunkText {
        match chunk["type"].as_str() {
            Some("message_start") => ChunkText {
                input_tokens: count_at(chunk, "/message/usage/input_tokens"),
                ..ChunkText::default()
            },
            Some("content_block_start") => ChunkText {
                text_delta: delta_at(chunk, "/content_block/text"),
                ..ChunkText::default()
            },
            Some("content_block_delta") => match chunk["delta"]["type"].as_str() {
                Some("text_delta") => ChunkText {
                    text_delta: delta_at(chunk, "/delta/text"),
                    ..ChunkText::default()
                },
                Some("thinking_delta") => ChunkText {
                    reasoning_delta: delta_at(chunk, "/delta/thinking"),
                    ..ChunkText::default()
                },
                _ => ChunkText::default(),
            },
            Some("message_delta") => ChunkText {
                stop_reason: text_at(chunk, "/delta/stop_reason"),
                output_tokens: count_at(chunk, "/usage/output_tokens"),
                ..ChunkText::default()
            },
            _ => ChunkText::default(),
        }
    }

    fn validate(&self, body: &Value) -> Result<(), FormatError> {
        let root = Object::root(body, HINT)?;
        root.only(KEYS)?;
        let version = root.required("anthropic_version", Kind::String)?;
        if version != ANTHROPIC_VERSION {
            return Err(root.error(format!(
                "#/anthropic_version: {} is not a valid enum value",
                version.as_str().unwrap_or_default()
            )));
        }
        root.required("max_tokens", Kind::Integer)?;
        root.optional_any("system", &[Kind::String, Kind::Array])?;
        root.optional_all(&["temperature", "top_p"], Kind::Number)?;
        root.optional("top_k", Kind::Integer)?;
        root.strings("stop_sequences")?;
        root.optional("tools", Kind::Array)?;
        root.optional_all(&["tool_choice", "thinking", "metadata"], Kind::Object)?;
        let messages = root.objects("messages", true)?;
        if messages.is_empty() {
            return Err(root.error("#/messages: expected minimum item count: 1, found: 0"));
        }
        messages.iter().try_for_each(validate_message)?;
        super::claude_rules::check(body)
    }
}

fn validate_message(message: &Object) -> Result<(), FormatError> {
    message.required("role", Kind::String)?;
    message.enumerated("role", &["user", "assistant"])?;
    let content = message.required_any("content", &[Kind::Array, Kind::String])?;
    let Some(blocks) = content.as_array() else {
        return Ok(());
    };
    for (index, block) in blocks.iter().enumerate() {
        if block.get("type").and_then(Value::as_str).is_none() {
            return Err(FormatError::malformed(
                format!(
                    "{}/content/{index}: required key [type] not found",
                    message.path()
                ),
                BLOCK_HINT,
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::test_support::{ANSWER, FIRST_QUESTION, SECOND_QUESTION, SYSTEM, spec};

    const HAIKU: &str = "anthropic.claude-3-haiku-20240307-v1:0";

    // Request shape from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages.html
    #[test]
    fn builds_the_documented_messages_body() {
        let draft = Claude.build(&spec(HAIKU));
        let expected = json!({
            "anthropic_version": "bedrock-2023-05-31",
            "max_tokens": 512,
            "system": SYSTEM,
            "messages": [
                {"role": "user", "content": [{"type": "text", "text": FIRST_QUESTION}]},
                {"role": "assistant", "content": [{"type": "text", "text": ANSWER}]},
                {"role": "user", "content": [{"type": "text", "text": SECOND_QUESTION}]}
            ],
            "temperature": 0.5,
            "top_p": 0.9,
            "stop_sequences": ["END"]
        });
        assert_eq!(Value::Object(draft.body), expected);
        assert!(draft.unsupported.is_empty());
    }

    #[test]
    fn max_tokens_is_filled_in_when_unset() {
        let mut prompt = spec(HAIKU);
        prompt.max_tokens = None;
        let draft = Claude.build(&prompt);
        assert_eq!(draft.body["max_tokens"], 4096);
        assert!(draft.mappings.iter().any(|m| m.note.contains("4096")));
    }

    // Response and stream shapes from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html
    #[test]
    fn reads_the_response_and_stream_chunks() {
        let response = json!({
            "id": "msg_bdrk_01", "type": "message", "role": "assistant",
            "model": "claude-3-haiku-20240307",
            "content": [
                {"type": "thinking", "thinking": "Short answer.", "signature": "sig"},
                {"type": "text", "text": "A span is one timed step."}
            ],
            "stop_reason": "end_turn", "stop_sequence": null,
            "usage": {"input_tokens": 21, "output_tokens": 9}
        });
        let parsed = Claude.parse_response(&response);
        assert_eq!(parsed.text, "A span is one timed step.");
        assert_eq!(parsed.reasoning.as_deref(), Some("Short answer."));
        assert_eq!(parsed.stop_reason.as_deref(), Some("end_turn"));
        assert_eq!(
            (parsed.input_tokens, parsed.output_tokens),
            (Some(21), Some(9))
        );

        let start = json!({"type": "message_start", "message": {"id": "msg_bdrk_01", "usage": {"input_tokens": 21, "output_tokens": 1}}});
        assert_eq!(Claude.parse_chunk(&start).input_tokens, Some(21));
        let delta = json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "A span"}});
        assert_eq!(
            Claude.parse_chunk(&delta).text_delta.as_deref(),
            Some("A span")
        );
        let thinking = json!({"type": "content_block_delta", "index": 0, "delta": {"type": "thinking_delta", "thinking": "Hmm"}});
        assert_eq!(
            Claude.parse_chunk(&thinking).reasoning_delta.as_deref(),
            Some("Hmm")
        );
        let end = json!({"type": "message_delta", "delta": {"stop_reason": "stop_sequence", "stop_sequence": "END"}, "usage": {"output_tokens": 9}});
        let end = Claude.parse_chunk(&end);
        assert_eq!(end.stop_reason.as_deref(), Some("stop_sequence"));
        assert_eq!(end.output_tokens, Some(9));
        let block_start = json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}});
        assert_eq!(Claude.parse_chunk(&block_start), ChunkText::default());
    }

    #[test]
    fn validation_catches_missing_keys_and_converse_blocks() {
        let body = Value::Object(Claude.build(&spec(HAIKU)).body);
        assert_eq!(Claude.validate(&body), Ok(()));

        let mut missing = body.clone();
        missing.as_object_mut().unwrap().remove("max_tokens");
        let error = Claude.validate(&missing).unwrap_err();
        assert_eq!(
            error.message,
            "Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again."
        );
        assert_eq!(error.hint, HINT);

        let mut converse_style = body.clone();
        converse_style["messages"][0]["content"] = json!([{"text": "hi"}]);
        let error = Claude.validate(&converse_style).unwrap_err();
        assert!(
            error
                .message
                .contains("#/messages/0/content/0: required key [type] not found")
        );
        assert_eq!(error.hint, BLOCK_HINT);

        let mut wrong_version = body.clone();
        wrong_version["anthropic_version"] = json!("2023-06-01");
        assert!(
            Claude
                .validate(&wrong_version)
                .unwrap_err()
                .message
                .contains("is not a valid enum value")
        );

        let mut converse_key = body;
        converse_key["inferenceConfig"] = json!({"maxTokens": 5});
        assert!(
            Claude
                .validate(&converse_key)
                .unwrap_err()
                .message
                .contains("extraneous key [inferenceConfig]")
        );
    }
}
