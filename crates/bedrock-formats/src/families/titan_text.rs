//! Amazon Titan Text: one `inputText` and a `textGenerationConfig`.

use serde_json::{Value, json};

use super::TextFormat;
use crate::draft::Draft;
use crate::error::FormatError;
use crate::json::{count_at, delta_at, text_at};
use crate::mapping::{SAME_VALUE, path};
use crate::response::{ChunkText, ParsedResponse};
use crate::schema::{Kind, Object};
use crate::spec::{PromptSpec, Role};

const CONFIG: &str = "textGenerationConfig";
const CONFIG_KEYS: &[&str] = &["maxTokenCount", "stopSequences", "temperature", "topP"];
const HINT: &str = "Titan Text's native body is {\"inputText\": \"...\", \
    \"textGenerationConfig\": {\"maxTokenCount\", \"temperature\", \"topP\", \"stopSequences\"}}.";

pub(crate) struct TitanText;

/// Titan's conversation convention: `User:` and `Bot:` lines, ending with an open `Bot:`.
fn input_text(spec: &PromptSpec) -> String {
    let mut lines = Vec::new();
    if let Some(system) = spec.system() {
        lines.push(format!("{system}\n"));
    }
    for message in &spec.messages {
        let speaker = match message.role {
            Role::User => "User",
            Role::Assistant => "Bot",
        };
        lines.push(format!("{speaker}: {}", message.text));
    }
    if !spec.ends_with_assistant() {
        lines.push("Bot:".to_owned());
    }
    lines.join("\n")
}

impl TextFormat for TitanText {
    fn build(&self, spec: &PromptSpec) -> Draft {
        let mut draft = Draft::default();
        draft.field(
            path::MESSAGES,
            "inputText",
            json!(input_text(spec)),
            "turns written as \"User:\" and \"Bot:\" lines, ending with an open \"Bot:\"",
        );
        if spec.system().is_some() {
            draft.map(
                path::SYSTEM,
                "inputText",
                "Titan Text has no system field: the system prompt opens inputText",
            );
        }
        draft.nested_param(
            CONFIG,
            path::MAX_TOKENS,
            "maxTokenCount",
            spec.max_tokens_value(),
            SAME_VALUE,
        );
        draft.nested_param(
            CONFIG,
            path::TEMPERATURE,
            "temperature",
            spec.temperature_value(),
            SAME_VALUE,
        );
        draft.nested_param(CONFIG, path::TOP_P, "topP", spec.top_p_value(), SAME_VALUE);
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
        ParsedResponse {
            text: text_at(body, "/results/0/outputText").unwrap_or_default(),
            reasoning: None,
            stop_reason: text_at(body, "/results/0/completionReason"),
            input_tokens: count_at(body, "/inputTextTokenCount"),
            output_tokens: count_at(body, "/results/0/tokenCount"),
        }
    }

    fn parse_chunk(&self, chunk: &Value) -> ChunkText {
        ChunkText {
            text_delta: delta_at(chunk, "/outputText"),
            reasoning_delta: None,
            stop_reason: text_at(chunk, "/completionReason"),
            input_tokens: count_at(chunk, "/inputTextTokenCount"),
            output_tokens: count_at(chunk, "/totalOutputTextTokenCount"),
        }
    }

    fn validate(&self, body: &Value) -> Result<(), FormatError> {
        let root = Object::root(body, HINT)?;
        root.only(&["inputText", CONFIG])?;
        root.required("inputText", Kind::String)?;
        let Some(config) = root.object(CONFIG)? else {
            return Ok(());
        };
        config.only(CONFIG_KEYS)?;
        config.optional("maxTokenCount", Kind::Integer)?;
        config.optional_all(&["temperature", "topP"], Kind::Number)?;
        config.strings("stopSequences")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::test_support::spec;

    const EXPRESS: &str = "amazon.titan-text-express-v1";

    // Request shape from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-text.html
    #[test]
    fn builds_the_documented_body() {
        let draft = TitanText.build(&spec(EXPRESS));
        let expected = json!({
            "inputText": "You are terse.\n\nUser: What is tracing?\nBot: Following one request across services.\nUser: And a span?\nBot:",
            "textGenerationConfig": {
                "maxTokenCount": 512,
                "temperature": 0.5,
                "topP": 0.9,
                "stopSequences": ["END"]
            }
        });
        assert_eq!(Value::Object(draft.body), expected);
        let system = draft
            .mappings
            .iter()
            .find(|m| m.converse == "system")
            .unwrap();
        assert!(system.note.contains("no system field"));
        assert!(draft.unsupported.is_empty());
    }

    #[test]
    fn no_parameters_means_no_config() {
        let mut prompt = spec(EXPRESS);
        prompt.max_tokens = None;
        prompt.temperature = None;
        prompt.top_p = None;
        prompt.stop_sequences.clear();
        assert!(TitanText.build(&prompt).body.get(CONFIG).is_none());
    }

    #[test]
    fn reads_the_response_and_stream_chunks() {
        let response = json!({
            "inputTextTokenCount": 18,
            "results": [{"tokenCount": 7, "outputText": "A timed step.", "completionReason": "FINISH"}]
        });
        let parsed = TitanText.parse_response(&response);
        assert_eq!(parsed.text, "A timed step.");
        assert_eq!(parsed.stop_reason.as_deref(), Some("FINISH"));
        assert_eq!(
            (parsed.input_tokens, parsed.output_tokens),
            (Some(18), Some(7))
        );

        let chunk = json!({"outputText": "A timed", "index": 0, "totalOutputTextTokenCount": 3, "completionReason": null, "inputTextTokenCount": 18});
        let chunk = TitanText.parse_chunk(&chunk);
        assert_eq!(chunk.text_delta.as_deref(), Some("A timed"));
        assert_eq!(chunk.stop_reason, None);
        assert_eq!(chunk.output_tokens, Some(3));
        let last = json!({"outputText": " step.", "index": 0, "totalOutputTextTokenCount": 7, "completionReason": "LENGTH"});
        assert_eq!(
            TitanText.parse_chunk(&last).stop_reason.as_deref(),
            Some("LENGTH")
        );
    }

    #[test]
    fn validation_catches_missing_and_misplaced_keys() {
        assert_eq!(
            TitanText.validate(&Value::Object(TitanText.build(&spec(EXPRESS)).body)),
            Ok(())
        );
        let error = TitanText
            .validate(&json!({"textGenerationConfig": {}}))
            .unwrap_err();
        assert!(
            error
                .message
                .contains("#: required key [inputText] not found")
        );
        let error = TitanText
            .validate(&json!({"inputText": "x", "textGenerationConfig": {"max_tokens": 5}}))
            .unwrap_err();
        assert!(
            error
                .message
                .contains("#/textGenerationConfig: extraneous key [max_tokens] is not permitted")
        );
    }
}
