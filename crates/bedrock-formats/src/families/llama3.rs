//! Meta Llama 3.x: one raw prompt written with Llama 3's header tokens.

use serde_json::{Value, json};

use super::TextFormat;
use crate::draft::Draft;
use crate::error::FormatError;
use crate::json::{count_at, delta_at, text_at};
use crate::mapping::{SAME_VALUE, path};
use crate::response::{ChunkText, ParsedResponse};
use crate::schema::{Kind, Object};
use crate::spec::PromptSpec;

const BEGIN_OF_TEXT: &str = "<|begin_of_text|>";
const END_OF_TURN: &str = "<|eot_id|>";
const KEYS: &[&str] = &["prompt", "max_gen_len", "temperature", "top_p", "images"];
const HINT: &str = "Llama's native body is a prompt string written with Llama 3 header tokens, \
    plus optional max_gen_len, temperature and top_p; it has no messages list.";

pub(crate) struct Llama3;

fn header(role: &str) -> String {
    format!("<|start_header_id|>{role}<|end_header_id|>\n\n")
}

/// The conversation in Llama 3's chat template, ending with an open assistant header.
fn prompt(spec: &PromptSpec) -> String {
    let mut prompt = BEGIN_OF_TEXT.to_owned();
    if let Some(system) = spec.system() {
        prompt.push_str(&header("system"));
        prompt.push_str(system);
        prompt.push_str(END_OF_TURN);
    }
    let last = spec.messages.len().saturating_sub(1);
    for (index, message) in spec.messages.iter().enumerate() {
        prompt.push_str(&header(message.role.as_str()));
        prompt.push_str(&message.text);
        // A closing assistant turn stays open, so the model continues it.
        if !(index == last && spec.ends_with_assistant()) {
            prompt.push_str(END_OF_TURN);
        }
    }
    if !spec.ends_with_assistant() {
        prompt.push_str(&header("assistant"));
    }
    prompt
}

impl TextFormat for Llama3 {
    fn build(&self, spec: &PromptSpec) -> Draft {
        let mut draft = Draft::default();
        draft.field(
            path::MESSAGES,
            "prompt",
            json!(prompt(spec)),
            "each turn between <|start_header_id|>role<|end_header_id|> and <|eot_id|>, \
             ending with an open assistant header",
        );
        if spec.system().is_some() {
            draft.map(
                path::SYSTEM,
                "prompt",
                "the first turn of the prompt, under a system header",
            );
        }
        draft.param(
            path::MAX_TOKENS,
            "max_gen_len",
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
        draft.unsupported(
            path::STOP_SEQUENCES,
            !spec.stop_sequences.is_empty(),
            "stop sequences: Llama's native body has none",
        );
        draft
    }

    fn parse_response(&self, body: &Value) -> ParsedResponse {
        ParsedResponse {
            text: text_at(body, "/generation").unwrap_or_default(),
            reasoning: None,
            stop_reason: text_at(body, "/stop_reason"),
            input_tokens: count_at(body, "/prompt_token_count"),
            output_tokens: count_at(body, "/generation_token_count"),
        }
    }

    fn parse_chunk(&self, chunk: &Value) -> ChunkText {
        ChunkText {
            text_delta: delta_at(chunk, "/generation"),
            reasoning_delta: None,
            stop_reason: text_at(chunk, "/stop_reason"),
            input_tokens: count_at(chunk, "/prompt_token_count"),
            output_tokens: count_at(chunk, "/generation_token_count"),
        }
    }

    fn validate(&self, body: &Value) -> Result<(), FormatError> {
        let root = Object::root(body, HINT)?;
        root.only(KEYS)?;
        root.required("prompt", Kind::String)?;
        root.optional("max_gen_len", Kind::Integer)?;
        root.optional_all(&["temperature", "top_p"], Kind::Number)?;
        root.strings("images")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::spec::Role;
    use crate::test_support::{mapped_paths, message, spec};

    const LLAMA: &str = "meta.llama3-1-70b-instruct-v1:0";

    // Prompt template and parameters from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-meta.html
    #[test]
    fn builds_the_documented_prompt() {
        let draft = Llama3.build(&spec(LLAMA));
        let expected = json!({
            "prompt": "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are terse.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is tracing?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nFollowing one request across services.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd a span?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            "max_gen_len": 512,
            "temperature": 0.5,
            "top_p": 0.9
        });
        assert_eq!(Value::Object(draft.body), expected);
        assert_eq!(
            draft.unsupported,
            vec!["stop sequences: Llama's native body has none"]
        );
        assert!(mapped_paths(&draft.mappings).contains(&("inferenceConfig.stopSequences", None)));
    }

    #[test]
    fn a_closing_assistant_turn_is_left_open() {
        let mut prompt = spec(LLAMA);
        prompt.system_prompt.clear();
        prompt.messages = vec![message(Role::User, "Hi"), message(Role::Assistant, "Well,")];
        let body = Llama3.build(&prompt).body;
        assert_eq!(
            body["prompt"],
            "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nWell,"
        );
    }

    #[test]
    fn reads_the_response_and_stream_chunks() {
        let response = json!({"generation": "A timed step.", "prompt_token_count": 40, "generation_token_count": 5, "stop_reason": "stop"});
        let parsed = Llama3.parse_response(&response);
        assert_eq!(parsed.text, "A timed step.");
        assert_eq!(parsed.stop_reason.as_deref(), Some("stop"));
        assert_eq!(
            (parsed.input_tokens, parsed.output_tokens),
            (Some(40), Some(5))
        );

        let first = json!({"generation": "A", "prompt_token_count": 40, "generation_token_count": 1, "stop_reason": null});
        let first = Llama3.parse_chunk(&first);
        assert_eq!(first.text_delta.as_deref(), Some("A"));
        assert_eq!(first.input_tokens, Some(40));
        assert_eq!(first.stop_reason, None);
        let last = json!({"generation": "", "prompt_token_count": null, "generation_token_count": 5, "stop_reason": "length"});
        let last = Llama3.parse_chunk(&last);
        assert_eq!(last.text_delta, None);
        assert_eq!(last.stop_reason.as_deref(), Some("length"));
    }

    #[test]
    fn validation_catches_a_missing_prompt() {
        assert_eq!(
            Llama3.validate(&Value::Object(Llama3.build(&spec(LLAMA)).body)),
            Ok(())
        );
        let error = Llama3.validate(&json!({"max_gen_len": 512})).unwrap_err();
        assert!(
            error.message.contains("#: required key [prompt] not found"),
            "{}",
            error.message
        );
        let error = Llama3
            .validate(&json!({"prompt": "x", "max_tokens": 5}))
            .unwrap_err();
        assert!(
            error
                .message
                .contains("#: extraneous key [max_tokens] is not permitted")
        );
    }
}
