//! AI21 Jamba 1.5: OpenAI-style chat completions.
//! https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-jamba.html

use serde_json::{Value, json};

use super::schema::Fields;
use super::{InvocationMetrics, NativeFormat, openai_style, piece_chunks, stop_or_length};
use crate::catalogue::ModelEntry;
use crate::generation::{Generation, Prompt, StopReason};
use crate::wire::error::ApiResult;

const TOP_LEVEL: &[&str] = &[
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

pub struct Jamba;

impl NativeFormat for Jamba {
    fn parse(&self, body: &Value, _model: &ModelEntry) -> ApiResult<Prompt> {
        let fields = Fields::root(body, TOP_LEVEL)?;
        let mut prompt = Prompt::default();
        openai_style::parse_messages(fields.required_array("messages")?, &mut prompt)?;
        prompt.max_tokens = Some(fields.integer("max_tokens", 0, 4096)?.unwrap_or(4096));
        prompt.temperature = fields.number("temperature", 0.0, 2.0)?;
        prompt.top_p = fields.number("top_p", 0.0, 1.0)?;
        prompt.stop_sequences = fields.strings("stop", 64)?;
        fields.integer("n", 1, 16)?;
        fields.number("frequency_penalty", -2.0, 2.0)?;
        fields.number("presence_penalty", -2.0, 2.0)?;
        if let Some(tools) = fields.array("tools")? {
            prompt.tools = openai_style::parse_tools(tools)?;
        }
        Ok(prompt)
    }

    fn response(&self, model: &ModelEntry, _prompt: &Prompt, generation: &Generation) -> Value {
        let mut message =
            json!({"role": "assistant", "content": generation.text(), "tool_calls": null});
        if let Some(call) = &generation.tool_call {
            message["tool_calls"] = json!([openai_style::tool_call(call)]);
        }
        json!({
            "id": completion_id(),
            "choices": [{"index": 0, "message": message, "finish_reason": finish_reason(generation)}],
            "usage": usage(generation),
            "model": model_name(model),
        })
    }

    fn stream_chunks(
        &self,
        model: &ModelEntry,
        _prompt: &Prompt,
        generation: &Generation,
        metrics: &InvocationMetrics,
    ) -> Vec<Value> {
        let id = completion_id();
        let mut chunks = vec![json!({
            "id": id,
            "choices": [{"index": 0, "delta": {"role": "assistant"}, "finish_reason": null}],
            "model": model_name(model),
        })];
        chunks.extend(piece_chunks(
            &generation.text,
            finish_reason(generation),
            metrics,
            |text, stop| {
                json!({
                    "id": id,
                    "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": stop}],
                })
            },
        ));
        if let Some(last) = chunks.last_mut() {
            last["usage"] = usage(generation);
        }
        chunks
    }

    fn additional_fields(&self) -> &'static [&'static str] {
        &[
            "n",
            "frequency_penalty",
            "presence_penalty",
            "response_format",
            "documents",
        ]
    }
}

fn finish_reason(generation: &Generation) -> &'static str {
    match generation.stop_reason {
        StopReason::ToolUse => "tool_calls",
        _ => stop_or_length(generation),
    }
}

fn usage(generation: &Generation) -> Value {
    let output = generation.output_tokens();
    json!({
        "prompt_tokens": generation.input_tokens,
        "completion_tokens": output,
        "total_tokens": generation.input_tokens + output,
    })
}

fn completion_id() -> String {
    format!("chatcmpl-{}", uuid::Uuid::new_v4().simple())
}

/// `ai21.jamba-1-5-large-v1:0` → `jamba-1.5-large`.
fn model_name(model: &ModelEntry) -> String {
    let name = model.id.trim_start_matches("ai21.");
    let name = name.split("-v1").next().unwrap_or(name);
    name.replacen("1-5", "1.5", 1)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_metrics_on_last, metrics, model, run};
    use super::*;

    const MINI: &str = "ai21.jamba-1-5-mini-v1:0";

    // Request shape from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-jamba.html
    fn doc_body() -> Value {
        json!({
            "messages": [
                {"role": "system", "content": "You are a helpful assistant."},
                {"role": "user", "content": "Summarise tracing."}
            ],
            "max_tokens": 512,
            "temperature": 0.7,
            "top_p": 0.9,
            "stop": [],
            "n": 1
        })
    }

    #[test]
    fn parses_and_validates() {
        let m = model(MINI);
        let prompt = Jamba.parse(&doc_body(), &m).unwrap();
        assert_eq!(prompt.system, vec!["You are a helpful assistant."]);
        assert_eq!(prompt.messages[0].text, "Summarise tracing.");
        for (body, expected) in [
            (
                json!({"prompt": "x"}),
                "#: extraneous key [prompt] is not permitted",
            ),
            (
                json!({"max_tokens": 5}),
                "#: required key [messages] not found",
            ),
            (
                json!({"messages": [{"role": "user", "content": "x"}], "n": 17}),
                "#/n: 17 is not less or equal to 16",
            ),
        ] {
            let message = Jamba.parse(&body, &m).unwrap_err().message;
            assert!(message.contains(expected), "{message}");
        }
    }

    #[test]
    fn response_and_chunks_are_openai_style() {
        let m = model(MINI);
        let prompt = Jamba.parse(&doc_body(), &m).unwrap();
        let generation = run(&m, &prompt);
        let response = Jamba.response(&m, &prompt, &generation);
        assert_eq!(response["model"], "jamba-1.5-mini");
        assert_eq!(response["choices"][0]["finish_reason"], "stop");
        assert!(response["usage"]["total_tokens"].as_u64().unwrap() > 0);
        let chunks = Jamba.stream_chunks(&m, &prompt, &generation, &metrics());
        let text: String = chunks
            .iter()
            .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
            .collect();
        assert_eq!(text, response["choices"][0]["message"]["content"]);
        assert_eq!(
            chunks.last().unwrap()["choices"][0]["finish_reason"],
            "stop"
        );
        assert_metrics_on_last(&chunks);
    }
}
