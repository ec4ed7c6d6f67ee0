//! Amazon Nova: the `messages-v1` schema, Converse's blocks with Nova's inference keys.

use serde_json::{Value, json};

use super::TextFormat;
use crate::converse::{message, parse_converse_response, text_blocks};
use crate::draft::Draft;
use crate::error::FormatError;
use crate::json::{count_at, delta_at, text_at};
use crate::mapping::{SAME_VALUE, path};
use crate::response::{ChunkText, ParsedResponse};
use crate::schema::{Kind, Object};
use crate::spec::PromptSpec;

const CONFIG: &str = "inferenceConfig";
const KEYS: &[&str] = &[
    "schemaVersion",
    "system",
    "messages",
    "inferenceConfig",
    "toolConfig",
];
/// Nova's first documentation spelled these in snake case, the current one in camel case.
const CONFIG_KEYS: &[&str] = &[
    "max_new_tokens",
    "maxTokens",
    "temperature",
    "top_p",
    "topP",
    "top_k",
    "topK",
    "stopSequences",
    "reasoningConfig",
];
const HINT: &str = "Nova's native body is {\"schemaVersion\": \"messages-v1\", \"system\": [{\"text\"}], \
    \"messages\": [...], \"inferenceConfig\": {\"max_new_tokens\", \"temperature\", \"top_p\", \
    \"top_k\", \"stopSequences\"}}.";

pub(crate) struct Nova;

impl TextFormat for Nova {
    fn build(&self, spec: &PromptSpec) -> Draft {
        let mut draft = Draft::default();
        draft.fixed(
            "schemaVersion",
            json!("messages-v1"),
            "names the request schema; Converse needs none",
        );
        if let Some(system) = spec.system() {
            draft.field(
                path::SYSTEM,
                "system",
                text_blocks(system),
                "same shape as Converse",
            );
        }
        let messages: Vec<Value> = spec.messages.iter().map(message).collect();
        draft.field(
            path::MESSAGES,
            "messages",
            json!(messages),
            "same shape as Converse",
        );
        draft.nested_param(
            CONFIG,
            path::MAX_TOKENS,
            "max_new_tokens",
            spec.max_tokens_value(),
            "renamed (Nova's current docs also accept maxTokens)",
        );
        draft.nested_param(
            CONFIG,
            path::TEMPERATURE,
            "temperature",
            spec.temperature_value(),
            SAME_VALUE,
        );
        draft.nested_param(
            CONFIG,
            path::TOP_P,
            "top_p",
            spec.top_p_value(),
            "renamed (Nova's current docs also accept topP)",
        );
        draft.nested_param(
            CONFIG,
            path::STOP_SEQUENCES,
            "stopSequences",
            spec.stop_value(),
            SAME_VALUE,
        );
        draft
    }

    fn parse_response(&self, body: &Value) -> ParsedResponse {
        parse_converse_response(body)
    }

    /// Nova streams Converse's events, each nested under its name.
    fn parse_chunk(&self, chunk: &Value) -> ChunkText {
        ChunkText {
            text_delta: delta_at(chunk, "/contentBlockDelta/delta/text"),
            reasoning_delta: delta_at(chunk, "/contentBlockDelta/delta/reasoningContent/text"),
            stop_reason: text_at(chunk, "/messageStop/stopReason"),
            input_tokens: count_at(chunk, "/metadata/usage/inputTokens"),
            output_tokens: count_at(chunk, "/metadata/usage/outputTokens"),
        }
    }

    fn validate(&self, body: &Value) -> Result<(), FormatError> {
        let root = Object::root(body, HINT)?;
        root.only(KEYS)?;
        root.enumerated("schemaVersion", &["messages-v1"])?;
        root.optional("system", Kind::Array)?;
        root.optional("toolConfig", Kind::Object)?;
        for message in root.objects("messages", true)? {
            message.required("role", Kind::String)?;
            message.enumerated("role", &["user", "assistant"])?;
            message.required("content", Kind::Array)?;
        }
        let Some(config) = root.object(CONFIG)? else {
            return Ok(());
        };
        config.only(CONFIG_KEYS)?;
        config.optional_all(
            &["max_new_tokens", "maxTokens", "top_k", "topK"],
            Kind::Integer,
        )?;
        config.optional_all(&["temperature", "top_p", "topP"], Kind::Number)?;
        config.strings("stopSequences")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::test_support::{ANSWER, FIRST_QUESTION, SECOND_QUESTION, SYSTEM, spec};

    const LITE: &str = "us.amazon.nova-lite-v1:0";

    // Request shape from
    // https://docs.aws.amazon.com/nova/latest/userguide/using-invoke-api.html
    #[test]
    fn builds_the_documented_body() {
        let draft = Nova.build(&spec(LITE));
        let expected = json!({
            "schemaVersion": "messages-v1",
            "system": [{"text": SYSTEM}],
            "messages": [
                {"role": "user", "content": [{"text": FIRST_QUESTION}]},
                {"role": "assistant", "content": [{"text": ANSWER}]},
                {"role": "user", "content": [{"text": SECOND_QUESTION}]}
            ],
            "inferenceConfig": {"max_new_tokens": 512, "temperature": 0.5, "top_p": 0.9, "stopSequences": ["END"]}
        });
        assert_eq!(Value::Object(draft.body), expected);
        assert!(draft.unsupported.is_empty());
    }

    #[test]
    fn reads_the_response_and_stream_chunks() {
        let response = json!({
            "output": {"message": {"role": "assistant", "content": [{"text": "A timed step."}]}},
            "stopReason": "max_tokens",
            "usage": {"inputTokens": 30, "outputTokens": 4, "totalTokens": 34}
        });
        let parsed = Nova.parse_response(&response);
        assert_eq!(parsed.text, "A timed step.");
        assert_eq!(parsed.stop_reason.as_deref(), Some("max_tokens"));
        assert_eq!(parsed.input_tokens, Some(30));

        let delta =
            json!({"contentBlockDelta": {"delta": {"text": "A timed"}, "contentBlockIndex": 0}});
        assert_eq!(
            Nova.parse_chunk(&delta).text_delta.as_deref(),
            Some("A timed")
        );
        let stop = json!({"messageStop": {"stopReason": "end_turn"}});
        assert_eq!(
            Nova.parse_chunk(&stop).stop_reason.as_deref(),
            Some("end_turn")
        );
        let metadata = json!({"metadata": {"usage": {"inputTokens": 30, "outputTokens": 4}, "metrics": {}, "trace": {}}});
        let metadata = Nova.parse_chunk(&metadata);
        assert_eq!(
            (metadata.input_tokens, metadata.output_tokens),
            (Some(30), Some(4))
        );
        let start = json!({"messageStart": {"role": "assistant"}});
        assert_eq!(Nova.parse_chunk(&start), ChunkText::default());
    }

    #[test]
    fn validation_accepts_both_spellings_and_catches_missing_messages() {
        assert_eq!(
            Nova.validate(&Value::Object(Nova.build(&spec(LITE)).body)),
            Ok(())
        );
        let camel = json!({"messages": [{"role": "user", "content": [{"text": "Hi"}]}], "inferenceConfig": {"maxTokens": 5, "topP": 0.9}});
        assert_eq!(Nova.validate(&camel), Ok(()));
        let error = Nova
            .validate(&json!({"schemaVersion": "messages-v1"}))
            .unwrap_err();
        assert!(
            error
                .message
                .contains("#: required key [messages] not found")
        );
        let error = Nova
            .validate(&json!({"messages": [], "inferenceConfig": {"max_tokens": 5}}))
            .unwrap_err();
        assert!(
            error
                .message
                .contains("#/inferenceConfig: extraneous key [max_tokens]")
        );
    }
}
