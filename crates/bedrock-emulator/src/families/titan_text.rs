//! Amazon Titan Text: `inputText` with a `textGenerationConfig`.
//! https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-text.html

use serde_json::{Value, json};

use super::schema::Fields;
use super::{InvocationMetrics, NativeFormat};
use crate::catalogue::ModelEntry;
use crate::generation::{Generation, Message, Prompt, Role, StopReason};
use crate::wire::error::ApiResult;

const CONFIG_KEYS: &[&str] = &["maxTokenCount", "stopSequences", "temperature", "topP"];

pub struct TitanText;

impl NativeFormat for TitanText {
    fn parse(&self, body: &Value, _model: &ModelEntry) -> ApiResult<Prompt> {
        let fields = Fields::root(body, &["inputText", "textGenerationConfig"])?;
        let input = fields.required_string("inputText")?;
        let text = input.trim_end().trim_end_matches("Bot:").trim();
        let mut prompt = Prompt {
            messages: vec![Message::new(Role::User, text)],
            max_tokens: Some(512),
            ..Prompt::default()
        };
        if let Some(config) = fields.get("textGenerationConfig") {
            let config = Fields::object_at(config, "#/textGenerationConfig", CONFIG_KEYS)?;
            if let Some(max) = config.integer("maxTokenCount", 0, 8192)? {
                prompt.max_tokens = Some(max);
            }
            prompt.stop_sequences = config.strings("stopSequences", 4)?;
            prompt.temperature = config.number("temperature", 0.0, 1.0)?;
            prompt.top_p = config.number("topP", 0.0, 1.0)?;
        }
        Ok(prompt)
    }

    fn response(&self, _model: &ModelEntry, _prompt: &Prompt, generation: &Generation) -> Value {
        json!({
            "inputTextTokenCount": generation.input_tokens,
            "results": [{
                "tokenCount": generation.output_tokens(),
                "outputText": generation.text(),
                "completionReason": completion_reason(generation),
            }],
        })
    }

    fn stream_chunks(
        &self,
        _model: &ModelEntry,
        _prompt: &Prompt,
        generation: &Generation,
        metrics: &InvocationMetrics,
    ) -> Vec<Value> {
        let pieces: Vec<&str> = if generation.text.is_empty() {
            vec![""]
        } else {
            generation.text.iter().map(String::as_str).collect()
        };
        let last = pieces.len() - 1;
        pieces
            .into_iter()
            .enumerate()
            .map(|(index, piece)| {
                let chunk = json!({
                    "outputText": piece,
                    "index": 0,
                    "totalOutputTextTokenCount": index + 1,
                    "completionReason": (index == last).then(|| completion_reason(generation)),
                    "inputTextTokenCount": (index == 0).then_some(generation.input_tokens),
                });
                if index == last {
                    metrics.attach(chunk)
                } else {
                    chunk
                }
            })
            .collect()
    }

    fn additional_fields(&self) -> &'static [&'static str] {
        &[]
    }
}

fn completion_reason(generation: &Generation) -> &'static str {
    match generation.stop_reason {
        StopReason::MaxTokens => "LENGTH",
        StopReason::StopSequence => "STOP_CRITERIA_MET",
        _ => "FINISH",
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_metrics_on_last, metrics, model, run};
    use super::*;

    const EXPRESS: &str = "amazon.titan-text-express-v1";

    // Request shape from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-text.html
    fn doc_body() -> Value {
        json!({
            "inputText": "User: Explain tracing in one paragraph.\nBot:",
            "textGenerationConfig": {"maxTokenCount": 512, "stopSequences": [], "temperature": 0, "topP": 0.9}
        })
    }

    #[test]
    fn parses_and_validates() {
        let m = model(EXPRESS);
        let prompt = TitanText.parse(&doc_body(), &m).unwrap();
        assert_eq!(
            prompt.messages[0].text,
            "User: Explain tracing in one paragraph."
        );
        assert_eq!(prompt.max_tokens, Some(512));
        for (body, expected) in [
            (
                json!({"prompt": "x"}),
                "#: extraneous key [prompt] is not permitted",
            ),
            (
                json!({"textGenerationConfig": {}}),
                "#: required key [inputText] not found",
            ),
            (
                json!({"inputText": "x", "textGenerationConfig": {"max_tokens": 5}}),
                "#/textGenerationConfig: extraneous key [max_tokens] is not permitted",
            ),
            (
                json!({"inputText": "x", "textGenerationConfig": {"temperature": 2}}),
                "#/textGenerationConfig/temperature: 2 is not less or equal to 1",
            ),
        ] {
            let message = TitanText.parse(&body, &m).unwrap_err().message;
            assert!(message.contains(expected), "{message}");
        }
    }

    #[test]
    fn response_and_chunks() {
        let m = model(EXPRESS);
        let prompt = TitanText.parse(&doc_body(), &m).unwrap();
        let generation = run(&m, &prompt);
        let response = TitanText.response(&m, &prompt, &generation);
        assert_eq!(response["results"][0]["completionReason"], "FINISH");
        let chunks = TitanText.stream_chunks(&m, &prompt, &generation, &metrics());
        let text: String = chunks
            .iter()
            .map(|c| c["outputText"].as_str().unwrap())
            .collect();
        assert_eq!(text, response["results"][0]["outputText"]);
        assert!(chunks[0]["completionReason"].is_null());
        assert_eq!(chunks.last().unwrap()["completionReason"], "FINISH");
        assert_metrics_on_last(&chunks);
    }
}
