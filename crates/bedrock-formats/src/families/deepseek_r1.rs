//! DeepSeek-R1: a completion prompt in R1's chat template. The model writes its reasoning first,
//! closed by `</think>`, inside the same text as the answer.

use serde_json::{Value, json};

use super::TextFormat;
use crate::draft::Draft;
use crate::error::FormatError;
use crate::json::{delta_at, text_at};
use crate::mapping::{SAME_VALUE, path};
use crate::response::{ChunkText, ParsedResponse};
use crate::schema::{Kind, Object};
use crate::spec::{PromptSpec, Role};

const BEGIN_OF_SENTENCE: &str = "<\u{ff5c}begin\u{2581}of\u{2581}sentence\u{ff5c}>";
const END_OF_SENTENCE: &str = "<\u{ff5c}end\u{2581}of\u{2581}sentence\u{ff5c}>";
const USER: &str = "<\u{ff5c}User\u{ff5c}>";
const ASSISTANT: &str = "<\u{ff5c}Assistant\u{ff5c}>";
/// AWS's example ends the prompt here so the reasoning starts at once.
const OPEN_THINKING: &str = "<think>\n";

const KEYS: &[&str] = &["prompt", "max_tokens", "temperature", "top_p", "stop"];
const HINT: &str = "DeepSeek-R1's native body is a prompt string in R1's chat template plus \
    optional max_tokens, temperature, top_p and stop.";

pub(crate) struct DeepSeekR1;

fn prompt(spec: &PromptSpec) -> String {
    let mut prompt = BEGIN_OF_SENTENCE.to_owned();
    if let Some(system) = spec.system() {
        prompt.push_str(system);
    }
    let last = spec.messages.len().saturating_sub(1);
    for (index, message) in spec.messages.iter().enumerate() {
        match message.role {
            Role::User => prompt.push_str(USER),
            Role::Assistant => prompt.push_str(ASSISTANT),
        }
        prompt.push_str(&message.text);
        if message.role == Role::Assistant && index != last {
            prompt.push_str(END_OF_SENTENCE);
        }
    }
    if !spec.ends_with_assistant() {
        prompt.push_str(ASSISTANT);
        prompt.push_str(OPEN_THINKING);
    }
    prompt
}

impl TextFormat for DeepSeekR1 {
    fn build(&self, spec: &PromptSpec) -> Draft {
        let mut draft = Draft::default();
        draft.field(
            path::MESSAGES,
            "prompt",
            json!(prompt(spec)),
            "turns after <\u{ff5c}User\u{ff5c}> and <\u{ff5c}Assistant\u{ff5c}> tokens, \
             ending with an open assistant turn that starts with <think>",
        );
        if spec.system().is_some() {
            draft.map(
                path::SYSTEM,
                "prompt",
                "plain text right after <\u{ff5c}begin\u{2581}of\u{2581}sentence\u{ff5c}>, \
                 before the first user turn",
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
            text: text_at(body, "/choices/0/text").unwrap_or_default(),
            stop_reason: text_at(body, "/choices/0/stop_reason"),
            ..ParsedResponse::default()
        }
    }

    fn parse_chunk(&self, chunk: &Value) -> ChunkText {
        ChunkText {
            text_delta: delta_at(chunk, "/choices/0/text"),
            stop_reason: text_at(chunk, "/choices/0/stop_reason"),
            ..ChunkText::default()
        }
    }

    fn validate(&self, body: &Value) -> Result<(), FormatError> {
        let root = Object::root(body, HINT)?;
        root.only(KEYS)?;
        root.required("prompt", Kind::String)?;
        root.optional("max_tokens", Kind::Integer)?;
        root.optional_all(&["temperature", "top_p"], Kind::Number)?;
        root.strings("stop")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::test_support::spec;

    const R1: &str = "us.deepseek.r1-v1:0";

    // Request shape and prompt template from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-deepseek.html
    #[test]
    fn builds_the_documented_prompt() {
        let draft = DeepSeekR1.build(&spec(R1));
        let expected = json!({
            "prompt": "<｜begin▁of▁sentence｜>You are terse.<｜User｜>What is tracing?<｜Assistant｜>Following one request across services.<｜end▁of▁sentence｜><｜User｜>And a span?<｜Assistant｜><think>\n",
            "max_tokens": 512,
            "temperature": 0.5,
            "top_p": 0.9,
            "stop": ["END"]
        });
        assert_eq!(Value::Object(draft.body), expected);
    }

    #[test]
    fn reads_the_response_and_stream_chunks() {
        let response = json!({"choices": [{"text": "Short.\n</think>\n\nA timed step.", "stop_reason": "stop"}]});
        let parsed = DeepSeekR1.parse_response(&response);
        assert_eq!(parsed.text, "Short.\n</think>\n\nA timed step.");
        assert_eq!(parsed.stop_reason.as_deref(), Some("stop"));
        let chunk = json!({"choices": [{"text": "Short", "stop_reason": null}]});
        assert_eq!(
            DeepSeekR1.parse_chunk(&chunk).text_delta.as_deref(),
            Some("Short")
        );
        let last = json!({"choices": [{"text": "", "stop_reason": "length"}]});
        assert_eq!(
            DeepSeekR1.parse_chunk(&last).stop_reason.as_deref(),
            Some("length")
        );
    }

    #[test]
    fn validation_catches_a_missing_prompt() {
        assert_eq!(
            DeepSeekR1.validate(&Value::Object(DeepSeekR1.build(&spec(R1)).body)),
            Ok(())
        );
        let error = DeepSeekR1.validate(&json!({"max_tokens": 5})).unwrap_err();
        assert!(error.message.contains("#: required key [prompt] not found"));
        let error = DeepSeekR1
            .validate(&json!({"prompt": "x", "top_k": 5}))
            .unwrap_err();
        assert!(
            error
                .message
                .contains("#: extraneous key [top_k] is not permitted")
        );
    }
}
