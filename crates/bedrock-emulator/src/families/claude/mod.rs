//! Anthropic Claude: the Messages API as Bedrock takes it (`anthropic_version` in the body).
//! https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html

mod body_schema;
mod content;
mod content_rules;
pub mod converse_rules;
mod parse;
pub mod signature;
mod thinking;
mod turns;

use serde_json::{Value, json};

use super::{InvocationMetrics, NativeFormat};
use crate::catalogue::ModelEntry;
use crate::generation::{Generation, Prompt};
use crate::wire::error::ApiResult;

pub use parse::ANTHROPIC_VERSION;

pub struct Claude;

impl NativeFormat for Claude {
    fn parse(&self, body: &Value, model: &ModelEntry) -> ApiResult<Prompt> {
        parse::parse_body(body, model)
    }

    fn response(&self, model: &ModelEntry, _prompt: &Prompt, generation: &Generation) -> Value {
        let mut content = Vec::new();
        if !generation.reasoning.is_empty() {
            content.push(json!({
                "type": "thinking",
                "thinking": generation.reasoning_text(),
                "signature": generation.reasoning_signature,
            }));
        }
        if !generation.text.is_empty() || generation.tool_call.is_none() {
            content.push(json!({"type": "text", "text": generation.text()}));
        }
        if let Some(call) = &generation.tool_call {
            content.push(
                json!({"type": "tool_use", "id": call.id, "name": call.name, "input": call.input}),
            );
        }
        json!({
            "id": message_id(),
            "type": "message",
            "role": "assistant",
            "model": model.id,
            "content": content,
            "stop_reason": generation.stop_reason.converse(),
            "stop_sequence": generation.stop_sequence,
            "usage": {
                "input_tokens": generation.input_tokens,
                "output_tokens": generation.output_tokens(),
            },
        })
    }

    fn stream_chunks(
        &self,
        model: &ModelEntry,
        _prompt: &Prompt,
        generation: &Generation,
        metrics: &InvocationMetrics,
    ) -> Vec<Value> {
        let mut chunks = vec![json!({
            "type": "message_start",
            "message": {
                "id": message_id(),
                "type": "message",
                "role": "assistant",
                "model": model.id,
                "content": [],
                "stop_reason": null,
                "stop_sequence": null,
                "usage": {"input_tokens": generation.input_tokens, "output_tokens": 1},
            },
        })];
        let mut index = 0;
        if !generation.reasoning.is_empty() {
            let deltas = generation
                .reasoning
                .iter()
                .map(|piece| json!({"type": "thinking_delta", "thinking": piece}))
                .chain(
                    generation
                        .reasoning_signature
                        .iter()
                        .map(|s| json!({"type": "signature_delta", "signature": s})),
                );
            block(
                &mut chunks,
                index,
                json!({"type": "thinking", "thinking": ""}),
                deltas,
            );
            index += 1;
        }
        if !generation.text.is_empty() || generation.tool_call.is_none() {
            let deltas = generation
                .text
                .iter()
                .map(|piece| json!({"type": "text_delta", "text": piece}));
            block(
                &mut chunks,
                index,
                json!({"type": "text", "text": ""}),
                deltas,
            );
            index += 1;
        }
        if let Some(call) = &generation.tool_call {
            let deltas = generation
                .tool_input_fragments()
                .into_iter()
                .map(|fragment| json!({"type": "input_json_delta", "partial_json": fragment}));
            block(
                &mut chunks,
                index,
                json!({"type": "tool_use", "id": call.id, "name": call.name, "input": {}}),
                deltas,
            );
        }
        chunks.push(json!({
            "type": "message_delta",
            "delta": {
                "stop_reason": generation.stop_reason.converse(),
                "stop_sequence": generation.stop_sequence,
            },
            "usage": {"output_tokens": generation.output_tokens()},
        }));
        chunks.push(metrics.attach(json!({"type": "message_stop"})));
        chunks
    }

    fn additional_fields(&self) -> &'static [&'static str] {
        &["top_k", "thinking", "anthropic_beta"]
    }
}

fn block(chunks: &mut Vec<Value>, index: usize, start: Value, deltas: impl Iterator<Item = Value>) {
    chunks.push(json!({"type": "content_block_start", "index": index, "content_block": start}));
    for delta in deltas {
        chunks.push(json!({"type": "content_block_delta", "index": index, "delta": delta}));
    }
    chunks.push(json!({"type": "content_block_stop", "index": index}));
}

fn message_id() -> String {
    let id = uuid::Uuid::new_v4().simple().to_string();
    format!("msg_bdrk_{}", &id[..24])
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_metrics_on_last, metrics, model, run};
    use super::*;

    const HAIKU: &str = "anthropic.claude-3-haiku-20240307-v1:0";

    // Request shape from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html
    fn doc_body() -> Value {
        json!({
            "anthropic_version": "bedrock-2023-05-31",
            "max_tokens": 1024,
            "system": "You are terse.",
            "messages": [
                {"role": "user", "content": [{"type": "text", "text": "Hello there."}]},
                {"role": "assistant", "content": "Hi. What do you want?"},
                {"role": "user", "content": [{"type": "text", "text": "Explain tracing."}]}
            ],
            "temperature": 0.5,
            "top_p": 0.9,
            "top_k": 250,
            "stop_sequences": ["\n\nHuman:"]
        })
    }

    #[test]
    fn parses_the_documented_request() {
        let prompt = Claude.parse(&doc_body(), &model(HAIKU)).unwrap();
        assert_eq!(prompt.system, vec!["You are terse."]);
        assert_eq!(prompt.messages.len(), 3);
        assert_eq!(prompt.messages[2].text, "Explain tracing.");
        assert_eq!(prompt.max_tokens, Some(1024));
        assert_eq!(prompt.temperature, Some(0.5));
    }

    #[test]
    fn rejects_bodies_that_do_not_fit() {
        let m = model(HAIKU);
        let mut body = doc_body();
        body.as_object_mut().unwrap().remove("max_tokens");
        assert_eq!(
            Claude.parse(&body, &m).unwrap_err().message,
            "Malformed input request: #: subject must not be valid against schema {\"required\":[\"messages\"]}#: required key [max_tokens] not found, please reformat your input and try again."
        );
        let mut body = doc_body();
        body["foo"] = json!(1);
        assert!(
            Claude
                .parse(&body, &m)
                .unwrap_err()
                .message
                .contains("#: extraneous key [foo] is not permitted")
        );
        let mut body = doc_body();
        body["temperature"] = json!("hot");
        assert!(
            Claude
                .parse(&body, &m)
                .unwrap_err()
                .message
                .contains("#/temperature: expected type: Number, found: String")
        );
        let mut body = doc_body();
        body["anthropic_version"] = json!("2023-06-01");
        assert!(Claude.parse(&body, &m).is_err());
        let mut body = doc_body();
        body.as_object_mut().unwrap().remove("anthropic_version");
        assert!(
            Claude
                .parse(&body, &m)
                .unwrap_err()
                .message
                .contains("required key [anthropic_version]")
        );
        let mut body = doc_body();
        body["messages"][0]["content"] = json!([{"text": "Converse style"}]);
        assert!(
            Claude
                .parse(&body, &m)
                .unwrap_err()
                .message
                .contains("#/messages/0/content/0: required key [type] not found")
        );
        let mut body = doc_body();
        body["top_k"] = json!(501);
        assert!(Claude.parse(&body, &m).is_err());
    }

    #[test]
    fn response_and_stream_have_the_messages_api_shape() {
        let m = model(HAIKU);
        let prompt = Claude.parse(&doc_body(), &m).unwrap();
        let generation = run(&m, &prompt);
        let response = Claude.response(&m, &prompt, &generation);
        assert_eq!(response["type"], "message");
        assert_eq!(response["content"][0]["type"], "text");
        assert_eq!(response["stop_reason"], "end_turn");
        assert!(response["id"].as_str().unwrap().starts_with("msg_bdrk_"));

        let chunks = Claude.stream_chunks(&m, &prompt, &generation, &metrics());
        let types: Vec<&str> = chunks.iter().map(|c| c["type"].as_str().unwrap()).collect();
        assert_eq!(types[..2], ["message_start", "content_block_start"]);
        assert_eq!(
            types[types.len() - 3..],
            ["content_block_stop", "message_delta", "message_stop"]
        );
        let text: String = chunks
            .iter()
            .filter(|c| c["delta"]["type"] == "text_delta")
            .map(|c| c["delta"]["text"].as_str().unwrap())
            .collect();
        assert_eq!(text, response["content"][0]["text"]);
        assert_metrics_on_last(&chunks);
    }

    #[test]
    fn thinking_and_tools_stream_their_deltas() {
        let m = model(HAIKU);
        let body = json!({
            "anthropic_version": "bedrock-2023-05-31",
            "max_tokens": 4000,
            "thinking": {"type": "enabled", "budget_tokens": 2000},
            "tools": [{"name": "get_weather", "description": "Weather", "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}],
            "messages": [{"role": "user", "content": "Use get_weather for Paris"}]
        });
        let prompt = Claude.parse(&body, &m).unwrap();
        assert_eq!(prompt.reasoning_budget, Some(2000));
        let generation = run(&m, &prompt);
        let chunks = Claude.stream_chunks(&m, &prompt, &generation, &metrics());
        let delta_types: Vec<&str> = chunks
            .iter()
            .filter_map(|c| c["delta"]["type"].as_str())
            .collect();
        for kind in ["thinking_delta", "signature_delta", "input_json_delta"] {
            assert!(delta_types.contains(&kind), "{kind} in {delta_types:?}");
        }
        let response = Claude.response(&m, &prompt, &generation);
        assert_eq!(response["stop_reason"], "tool_use");
        assert_eq!(response["content"][0]["type"], "thinking");
    }
}
