//! Anthropic Claude: the Messages API as Bedrock takes it (`anthropic_version` in the body).
//! https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html

use serde_json::{Value, json};

use super::schema::Fields;
use super::{InvocationMetrics, NativeFormat};
use crate::catalogue::ModelEntry;
use crate::generation::{Generation, Message, Prompt, Role, Tool, ToolChoice, ToolResult};
use crate::wire::error::{ApiError, ApiResult};

pub const ANTHROPIC_VERSION: &str = "bedrock-2023-05-31";

const TOP_LEVEL: &[&str] = &[
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

pub struct Claude;

impl NativeFormat for Claude {
    fn parse(&self, body: &Value, model: &ModelEntry) -> ApiResult<Prompt> {
        let fields = Fields::root(body, TOP_LEVEL)?;
        let version = fields.required_string("anthropic_version")?;
        if version != ANTHROPIC_VERSION {
            return Err(ApiError::malformed(format!(
                "#/anthropic_version: {version} is not a valid enum value"
            )));
        }
        let mut prompt = Prompt {
            max_tokens: Some(fields.required_integer("max_tokens", 1, 128_000)?),
            temperature: fields.number("temperature", 0.0, 1.0)?,
            top_p: fields.number("top_p", 0.0, 1.0)?,
            stop_sequences: fields.strings("stop_sequences", 8191)?,
            system: parse_system(fields.get("system"))?,
            ..Prompt::default()
        };
        fields.integer("top_k", 0, 500)?;
        fields.strings("anthropic_beta", 64)?;
        let messages = fields.required_array("messages")?;
        if messages.is_empty() {
            return Err(ApiError::malformed(
                "#/messages: expected minimum item count: 1, found: 0",
            ));
        }
        for (index, message) in messages.iter().enumerate() {
            prompt.messages.push(parse_message(message, index, model)?);
        }
        if let Some(tools) = fields.array("tools")? {
            prompt.tools = parse_tools(tools)?;
        }
        if let Some(choice) = fields.get("tool_choice") {
            prompt.tool_choice = parse_tool_choice(choice, &prompt.tools)?;
        }
        if let Some(thinking) = fields.get("thinking") {
            prompt.reasoning_budget = parse_thinking(thinking, prompt.max_tokens)?;
        }
        Ok(prompt)
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

fn parse_system(system: Option<&Value>) -> ApiResult<Vec<String>> {
    match system {
        None => Ok(Vec::new()),
        Some(Value::String(text)) => Ok(vec![text.clone()]),
        Some(Value::Array(blocks)) => blocks
            .iter()
            .enumerate()
            .map(|(index, block)| {
                let path = format!("#/system/{index}");
                let fields = Fields::object_at(block, &path, &["type", "text", "cache_control"])?;
                fields.one_of("type", &["text"])?;
                fields.required_string("text").map(str::to_owned)
            })
            .collect(),
        Some(other) => Err(ApiError::malformed(format!(
            "#/system: expected type: String, found: {}",
            super::schema::type_name(other)
        ))),
    }
}

fn parse_message(message: &Value, index: usize, model: &ModelEntry) -> ApiResult<Message> {
    let path = format!("#/messages/{index}");
    let fields = Fields::object_at(message, &path, &["role", "content"])?;
    let role = match fields.required_string("role")? {
        "user" => Role::User,
        "assistant" => Role::Assistant,
        other => {
            return Err(ApiError::malformed(format!(
                "{path}/role: {other} is not a valid enum value"
            )));
        }
    };
    let mut parsed = Message::new(role, String::new());
    match fields.require("content")? {
        Value::String(text) => parsed.text = text.clone(),
        Value::Array(blocks) => {
            for (block_index, block) in blocks.iter().enumerate() {
                let block_path = format!("{path}/content/{block_index}");
                parse_block(block, &block_path, model, &mut parsed)?;
            }
        }
        other => {
            return Err(ApiError::malformed(format!(
                "{path}/content: expected type: JSONArray, found: {}",
                super::schema::type_name(other)
            )));
        }
    }
    Ok(parsed)
}

fn parse_block(
    block: &Value,
    path: &str,
    model: &ModelEntry,
    message: &mut Message,
) -> ApiResult<()> {
    let object = block.as_object().ok_or_else(|| {
        ApiError::malformed(format!("{path}: expected type: JSONObject, found: String"))
    })?;
    let kind = object
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::malformed(format!("{path}: required key [type] not found")))?;
    match kind {
        "text" => {
            let fields =
                Fields::object_at(block, path, &["type", "text", "cache_control", "citations"])?;
            if !message.text.is_empty() {
                message.text.push('\n');
            }
            message.text.push_str(fields.required_string("text")?);
        }
        "image" | "document" => {
            if kind == "image" && !model.input_modalities.contains(&"IMAGE") {
                return Err(ApiError::validation(format!(
                    "The model {} does not accept image input.",
                    model.id
                )));
            }
            let source = Fields::object_at(
                block,
                path,
                &[
                    "type",
                    "source",
                    "cache_control",
                    "title",
                    "context",
                    "citations",
                ],
            )?
            .require("source")?;
            let media = source
                .get("media_type")
                .and_then(Value::as_str)
                .unwrap_or("unknown");
            message.attachments.push(format!("an {kind} ({media})"));
        }
        "tool_use" => {
            let fields = Fields::object_at(
                block,
                path,
                &["type", "id", "name", "input", "cache_control"],
            )?;
            fields.required_string("id")?;
            fields.required_string("name")?;
            fields.require("input")?;
        }
        "tool_result" => {
            let fields = Fields::object_at(
                block,
                path,
                &[
                    "type",
                    "tool_use_id",
                    "content",
                    "is_error",
                    "cache_control",
                ],
            )?;
            let content = match fields.get("content") {
                None => String::new(),
                Some(Value::String(text)) => text.clone(),
                Some(Value::Array(parts)) => parts
                    .iter()
                    .filter_map(|p| p.get("text").and_then(Value::as_str))
                    .collect::<Vec<_>>()
                    .join(" "),
                Some(other) => other.to_string(),
            };
            message.tool_results.push(ToolResult {
                tool_use_id: fields.required_string("tool_use_id")?.to_owned(),
                content,
                is_error: fields.boolean("is_error")?.unwrap_or(false),
            });
        }
        "thinking" | "redacted_thinking" => {}
        other => {
            return Err(ApiError::malformed(format!(
                "{path}/type: {other} is not a valid enum value"
            )));
        }
    }
    Ok(())
}

fn parse_tools(tools: &[Value]) -> ApiResult<Vec<Tool>> {
    tools
        .iter()
        .enumerate()
        .map(|(index, tool)| {
            let path = format!("#/tools/{index}");
            let fields = Fields::object_at(
                tool,
                &path,
                &[
                    "type",
                    "name",
                    "description",
                    "input_schema",
                    "cache_control",
                ],
            )?;
            Ok(Tool {
                name: fields.required_string("name")?.to_owned(),
                description: fields.string("description")?.unwrap_or("").to_owned(),
                input_schema: fields
                    .get("input_schema")
                    .cloned()
                    .unwrap_or_else(|| json!({"type": "object"})),
            })
        })
        .collect()
}

fn parse_tool_choice(choice: &Value, tools: &[Tool]) -> ApiResult<ToolChoice> {
    let fields = Fields::object_at(
        choice,
        "#/tool_choice",
        &["type", "name", "disable_parallel_tool_use"],
    )?;
    let kind = fields.required_string("type")?;
    Ok(match kind {
        "auto" => ToolChoice::Auto,
        "any" => ToolChoice::Any,
        "none" => ToolChoice::None,
        "tool" => {
            let name = fields.required_string("name")?;
            if !tools.iter().any(|t| t.name == name) {
                return Err(ApiError::validation(format!(
                    "tool_choice names the tool {name}, which is not in tools."
                )));
            }
            ToolChoice::Tool(name.to_owned())
        }
        other => {
            return Err(ApiError::malformed(format!(
                "#/tool_choice/type: {other} is not a valid enum value"
            )));
        }
    })
}

fn parse_thinking(thinking: &Value, max_tokens: Option<u32>) -> ApiResult<Option<u32>> {
    let fields = Fields::object_at(thinking, "#/thinking", &["type", "budget_tokens"])?;
    match fields.required_string("type")? {
        "disabled" => Ok(None),
        "enabled" => {
            let budget = fields.required_integer("budget_tokens", 1024, u32::MAX)?;
            if max_tokens.is_some_and(|max| max <= budget) {
                return Err(ApiError::validation(
                    "`max_tokens` must be greater than `thinking.budget_tokens`.",
                ));
            }
            Ok(Some(budget))
        }
        other => Err(ApiError::malformed(format!(
            "#/thinking/type: {other} is not a valid enum value"
        ))),
    }
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
            "Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again."
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
            "tool_choice": {"type": "any"},
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
