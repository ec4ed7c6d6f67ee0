//! Amazon Nova: the `messages-v1` schema, Converse-like blocks with snake_case inference keys.
//! https://docs.aws.amazon.com/nova/latest/userguide/complete-request-schema.html

use serde_json::{Value, json};

use super::schema::Fields;
use super::{InvocationMetrics, NativeFormat};
use crate::catalogue::ModelEntry;
use crate::generation::{Generation, Prompt};
use crate::runtime::converse_request::{parse_messages, parse_system, parse_tool_config};
use crate::wire::error::ApiResult;

const TOP_LEVEL: &[&str] = &[
    "schemaVersion",
    "system",
    "messages",
    "inferenceConfig",
    "toolConfig",
];
const INFERENCE_KEYS: &[&str] = &[
    "max_new_tokens",
    "temperature",
    "top_p",
    "top_k",
    "stopSequences",
];

pub struct Nova;

impl NativeFormat for Nova {
    fn parse(&self, body: &Value, model: &ModelEntry) -> ApiResult<Prompt> {
        let fields = Fields::root(body, TOP_LEVEL)?;
        fields.one_of("schemaVersion", &["messages-v1"])?;
        fields.require("messages")?;
        let mut prompt = Prompt {
            system: parse_system(fields.get("system"))?,
            messages: parse_messages(fields.get("messages"), model)?,
            ..Prompt::default()
        };
        if let Some(config) = fields.get("inferenceConfig") {
            let config = Fields::object_at(config, "#/inferenceConfig", INFERENCE_KEYS)?;
            prompt.max_tokens = config.integer("max_new_tokens", 1, 10_000)?;
            prompt.temperature = config.number("temperature", 0.0, 1.0)?;
            prompt.top_p = config.number("top_p", 0.0, 1.0)?;
            config.integer("top_k", 0, 128)?;
            prompt.stop_sequences = config.strings("stopSequences", 4)?;
        }
        parse_tool_config(fields.get("toolConfig"), model, &mut prompt)?;
        Ok(prompt)
    }

    fn response(&self, _model: &ModelEntry, _prompt: &Prompt, generation: &Generation) -> Value {
        let mut content = Vec::new();
        if !generation.text.is_empty() || generation.tool_call.is_none() {
            content.push(json!({"text": generation.text()}));
        }
        if let Some(call) = &generation.tool_call {
            content.push(
                json!({"toolUse": {"toolUseId": call.id, "name": call.name, "input": call.input}}),
            );
        }
        json!({
            "output": {"message": {"role": "assistant", "content": content}},
            "stopReason": generation.stop_reason.converse(),
            "usage": usage(generation),
        })
    }

    fn stream_chunks(
        &self,
        _model: &ModelEntry,
        _prompt: &Prompt,
        generation: &Generation,
        metrics: &InvocationMetrics,
    ) -> Vec<Value> {
        let mut chunks = vec![json!({"messageStart": {"role": "assistant"}})];
        let mut index = 0;
        if !generation.text.is_empty() {
            for piece in &generation.text {
                chunks.push(delta(index, json!({"text": piece})));
            }
            chunks.push(json!({"contentBlockStop": {"contentBlockIndex": index}}));
            index += 1;
        }
        if let Some(call) = &generation.tool_call {
            chunks.push(json!({"contentBlockStart": {
                "contentBlockIndex": index,
                "start": {"toolUse": {"toolUseId": call.id, "name": call.name}},
            }}));
            for fragment in generation.tool_input_fragments() {
                chunks.push(delta(index, json!({"toolUse": {"input": fragment}})));
            }
            chunks.push(json!({"contentBlockStop": {"contentBlockIndex": index}}));
        }
        chunks.push(json!({"messageStop": {"stopReason": generation.stop_reason.converse()}}));
        chunks.push(metrics.attach(json!({"metadata": {
            "usage": {"inputTokens": generation.input_tokens, "outputTokens": generation.output_tokens()},
            "metrics": {},
            "trace": {},
        }})));
        chunks
    }

    fn additional_fields(&self) -> &'static [&'static str] {
        &["inferenceConfig", "reasoningConfig"]
    }
}

fn delta(index: usize, delta: Value) -> Value {
    json!({"contentBlockDelta": {"delta": delta, "contentBlockIndex": index}})
}

fn usage(generation: &Generation) -> Value {
    let output = generation.output_tokens();
    json!({
        "inputTokens": generation.input_tokens,
        "outputTokens": output,
        "totalTokens": generation.input_tokens + output,
        "cacheReadInputTokenCount": 0,
        "cacheWriteInputTokenCount": 0,
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_metrics_on_last, metrics, model, run};
    use super::*;

    const LITE: &str = "amazon.nova-lite-v1:0";

    // Request shape from
    // https://docs.aws.amazon.com/nova/latest/userguide/using-invoke-api.html
    fn doc_body() -> Value {
        json!({
            "schemaVersion": "messages-v1",
            "system": [{"text": "Act as a creative writing assistant."}],
            "messages": [{"role": "user", "content": [{"text": "Create a list of 3 pop songs."}]}],
            "inferenceConfig": {"max_new_tokens": 300, "top_p": 0.9, "top_k": 20, "temperature": 0.7}
        })
    }

    #[test]
    fn parses_and_validates() {
        let m = model(LITE);
        let prompt = Nova.parse(&doc_body(), &m).unwrap();
        assert_eq!(prompt.system, vec!["Act as a creative writing assistant."]);
        assert_eq!(prompt.max_tokens, Some(300));
        let mut body = doc_body();
        body["inferenceConfig"]["maxTokens"] = json!(5);
        assert!(
            Nova.parse(&body, &m)
                .unwrap_err()
                .message
                .contains("#/inferenceConfig: extraneous key [maxTokens] is not permitted")
        );
        let mut body = doc_body();
        body["schemaVersion"] = json!("messages-v2");
        assert!(Nova.parse(&body, &m).is_err());
        assert!(
            Nova.parse(&json!({"schemaVersion": "messages-v1"}), &m)
                .unwrap_err()
                .message
                .contains("#: required key [messages] not found")
        );
    }

    #[test]
    fn response_and_chunks_are_converse_like() {
        let m = model(LITE);
        let prompt = Nova.parse(&doc_body(), &m).unwrap();
        let generation = run(&m, &prompt);
        let response = Nova.response(&m, &prompt, &generation);
        assert_eq!(response["stopReason"], "end_turn");
        assert!(response["usage"]["totalTokens"].as_u64().unwrap() > 0);
        let chunks = Nova.stream_chunks(&m, &prompt, &generation, &metrics());
        assert_eq!(chunks[0]["messageStart"]["role"], "assistant");
        let text: String = chunks
            .iter()
            .filter_map(|c| c["contentBlockDelta"]["delta"]["text"].as_str())
            .collect();
        assert_eq!(text, response["output"]["message"]["content"][0]["text"]);
        assert!(chunks.last().unwrap()["metadata"]["usage"].is_object());
        assert_metrics_on_last(&chunks);
    }
}
