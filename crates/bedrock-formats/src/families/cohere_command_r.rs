//! Cohere Command R and R+: Cohere's v1 chat API, the latest `message` apart from the
//! `chat_history` before it.

use serde_json::{Value, json};

use super::TextFormat;
use crate::draft::Draft;
use crate::error::FormatError;
use crate::json::{count_at, delta_at, text_at};
use crate::mapping::{SAME_VALUE, path};
use crate::response::{ChunkText, ParsedResponse};
use crate::schema::{Kind, Object};
use crate::spec::{PromptSpec, Role, SpecMessage};

const KEYS: &[&str] = &[
    "message",
    "chat_history",
    "documents",
    "search_queries_only",
    "preamble",
    "max_tokens",
    "temperature",
    "p",
    "k",
    "prompt_truncation",
    "frequency_penalty",
    "presence_penalty",
    "seed",
    "return_prompt",
    "tools",
    "tool_results",
    "stop_sequences",
    "raw_prompting",
];
const HINT: &str = "Command R's native body is {\"message\": \"...\", \"chat_history\": [{\"role\": \
    \"USER|CHATBOT\", \"message\": \"...\"}], \"preamble\": \"...\"} plus optional max_tokens, \
    temperature, p, k and stop_sequences.";

pub(crate) struct CommandR;

fn history_entry(message: &SpecMessage) -> Value {
    let role = match message.role {
        Role::User => "USER",
        Role::Assistant => "CHATBOT",
    };
    json!({"role": role, "message": message.text})
}

impl TextFormat for CommandR {
    fn build(&self, spec: &PromptSpec) -> Draft {
        let mut draft = Draft::default();
        let (latest, history) = match spec.messages.split_last() {
            Some((last, earlier)) if last.role == Role::User => (last.text.as_str(), earlier),
            _ => ("", spec.messages.as_slice()),
        };
        draft.field(
            path::MESSAGES,
            "message",
            json!(latest),
            "the last user turn",
        );
        if !history.is_empty() {
            let entries: Vec<Value> = history.iter().map(history_entry).collect();
            draft.field(
                path::MESSAGES,
                "chat_history",
                json!(entries),
                "the turns before it, with roles USER and CHATBOT",
            );
        }
        draft.unsupported(
            path::MESSAGES,
            spec.ends_with_assistant(),
            "a closing assistant turn (prefill): Command R answers a user message, so that turn \
             goes into chat_history and message is empty",
        );
        if let Some(system) = spec.system() {
            draft.field(path::SYSTEM, "preamble", json!(system), "a plain string");
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
        draft.param(
            path::TOP_P,
            "p",
            spec.top_p_value(),
            "renamed; Cohere takes 0.01 to 0.99",
        );
        draft.param(
            path::STOP_SEQUENCES,
            "stop_sequences",
            spec.stop_value(),
            SAME_VALUE,
        );
        draft
    }

    fn parse_response(&self, body: &Value) -> ParsedResponse {
        ParsedResponse {
            text: text_at(body, "/text").unwrap_or_default(),
            reasoning: None,
            stop_reason: text_at(body, "/finish_reason"),
            input_tokens: count_at(body, "/meta/billed_units/input_tokens"),
            output_tokens: count_at(body, "/meta/billed_units/output_tokens"),
        }
    }

    fn parse_chunk(&self, chunk: &Value) -> ChunkText {
        match chunk["event_type"].as_str() {
            Some("text-generation") => ChunkText {
                text_delta: delta_at(chunk, "/text"),
                ..ChunkText::default()
            },
            Some("stream-end") => ChunkText {
                stop_reason: text_at(chunk, "/finish_reason"),
                input_tokens: count_at(chunk, "/response/meta/billed_units/input_tokens"),
                output_tokens: count_at(chunk, "/response/meta/billed_units/output_tokens"),
                ..ChunkText::default()
            },
            _ => ChunkText::default(),
        }
    }

    fn validate(&self, body: &Value) -> Result<(), FormatError> {
        let root = Object::root(body, HINT)?;
        root.only(KEYS)?;
        root.required("message", Kind::String)?;
        root.optional("preamble", Kind::String)?;
        root.optional_all(&["max_tokens", "k", "seed"], Kind::Integer)?;
        root.optional_all(
            &["temperature", "p", "frequency_penalty", "presence_penalty"],
            Kind::Number,
        )?;
        root.optional_all(
            &["search_queries_only", "return_prompt", "raw_prompting"],
            Kind::Boolean,
        )?;
        root.optional_all(&["documents", "tools", "tool_results"], Kind::Array)?;
        root.strings("stop_sequences")?;
        for turn in root.objects("chat_history", false)? {
            turn.required("role", Kind::String)?;
            turn.enumerated("role", &["USER", "CHATBOT", "SYSTEM", "TOOL"])?;
            turn.optional("message", Kind::String)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::test_support::{ANSWER, FIRST_QUESTION, SECOND_QUESTION, SYSTEM, message, spec};

    const COMMAND_R_PLUS: &str = "cohere.command-r-plus-v1:0";

    // Request shape from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-cohere-command-r-plus.html
    #[test]
    fn builds_the_documented_body() {
        let draft = CommandR.build(&spec(COMMAND_R_PLUS));
        let expected = json!({
            "message": SECOND_QUESTION,
            "chat_history": [
                {"role": "USER", "message": FIRST_QUESTION},
                {"role": "CHATBOT", "message": ANSWER}
            ],
            "preamble": SYSTEM,
            "max_tokens": 512,
            "temperature": 0.5,
            "p": 0.9,
            "stop_sequences": ["END"]
        });
        assert_eq!(Value::Object(draft.body), expected);
        assert!(draft.unsupported.is_empty());
    }

    #[test]
    fn a_closing_assistant_turn_is_reported() {
        let mut prompt = spec(COMMAND_R_PLUS);
        prompt.messages = vec![message(Role::User, "Hi"), message(Role::Assistant, "Well,")];
        let draft = CommandR.build(&prompt);
        assert_eq!(draft.body["message"], "");
        assert_eq!(draft.body["chat_history"].as_array().unwrap().len(), 2);
        assert_eq!(draft.unsupported.len(), 1);
    }

    #[test]
    fn reads_the_response_and_stream_chunks() {
        let response = json!({
            "response_id": "r1", "generation_id": "g1",
            "text": "A timed step.",
            "chat_history": [],
            "finish_reason": "COMPLETE",
            "meta": {"billed_units": {"input_tokens": 30, "output_tokens": 5}}
        });
        let parsed = CommandR.parse_response(&response);
        assert_eq!(parsed.text, "A timed step.");
        assert_eq!(parsed.stop_reason.as_deref(), Some("COMPLETE"));
        assert_eq!(
            (parsed.input_tokens, parsed.output_tokens),
            (Some(30), Some(5))
        );

        let start =
            json!({"is_finished": false, "event_type": "stream-start", "generation_id": "g1"});
        assert_eq!(CommandR.parse_chunk(&start), ChunkText::default());
        let text =
            json!({"is_finished": false, "event_type": "text-generation", "text": "A timed"});
        assert_eq!(
            CommandR.parse_chunk(&text).text_delta.as_deref(),
            Some("A timed")
        );
        let end = json!({"is_finished": true, "event_type": "stream-end", "finish_reason": "MAX_TOKENS", "response": {"text": "A timed"}});
        assert_eq!(
            CommandR.parse_chunk(&end).stop_reason.as_deref(),
            Some("MAX_TOKENS")
        );
    }

    #[test]
    fn validation_catches_a_missing_message() {
        assert_eq!(
            CommandR.validate(&Value::Object(CommandR.build(&spec(COMMAND_R_PLUS)).body)),
            Ok(())
        );
        let error = CommandR.validate(&json!({"chat_history": []})).unwrap_err();
        assert!(
            error
                .message
                .contains("#: required key [message] not found")
        );
        let error = CommandR
            .validate(&json!({"message": "x", "chat_history": [{"role": "user", "message": "y"}]}))
            .unwrap_err();
        assert!(
            error
                .message
                .contains("#/chat_history/0/role: user is not a valid enum value")
        );
    }
}
