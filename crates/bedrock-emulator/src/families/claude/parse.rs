//! Reading a native Claude body into a [`Prompt`]: the schema first, then Claude's own rules.

use serde_json::{Value, json};

use super::thinking::{self, Settings};
use super::{body_schema, content_rules, turns};
use crate::catalogue::ModelEntry;
use crate::families::schema::{self, Fields};
use crate::generation::{Message, Prompt, Role, Tool, ToolChoice, ToolResult};
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
const REQUIRED: &[&str] = &["anthropic_version", "max_tokens", "messages"];

/// What the schema pass leaves for Claude's own rules.
struct Parsed {
    prompt: Prompt,
    version: String,
    budget_tokens: Option<u64>,
    top_k_set: bool,
}

pub fn parse_body(body: &Value, model: &ModelEntry) -> ApiResult<Prompt> {
    let Some(object) = body.as_object() else {
        return Err(ApiError::malformed(format!(
            "#: expected type: JSONObject, found: {}",
            schema::type_name(body)
        )));
    };
    if !body_schema::is_messages_body(body) {
        return Err(body_schema::reject_text_completion(object, model));
    }
    body_schema::check_messages_top_level(object, TOP_LEVEL, REQUIRED)?;
    let parsed = parse_schema(body, model).map_err(body_schema::in_messages_branch)?;
    if parsed.version != ANTHROPIC_VERSION {
        return Err(ApiError::validation(format!(
            "Invalid API version: {}",
            parsed.version
        )));
    }
    let mut prompt = parsed.prompt;
    if let Some(budget_tokens) = parsed.budget_tokens {
        let settings = Settings {
            budget_tokens,
            max_tokens: prompt.max_tokens,
            temperature: prompt.temperature,
            top_p: prompt.top_p,
            top_k_set: parsed.top_k_set,
            forces_tool_use: matches!(prompt.tool_choice, ToolChoice::Any | ToolChoice::Tool(_)),
        };
        thinking::check_settings(&settings).map_err(ApiError::validation)?;
    }
    let messages = body["messages"].as_array().map_or(&[][..], Vec::as_slice);
    let turns = turns::from_native(messages);
    content_rules::check(&turns).map_err(ApiError::validation)?;
    if parsed.budget_tokens.is_some() {
        thinking::check_turns(&turns).map_err(ApiError::validation)?;
    }
    prompt.reasoning_budget = parsed
        .budget_tokens
        .map(|budget| u32::try_from(budget).unwrap_or(u32::MAX));
    Ok(prompt)
}

fn parse_schema(body: &Value, model: &ModelEntry) -> ApiResult<Parsed> {
    let fields = Fields::root(body, TOP_LEVEL)?;
    let version = fields.required_string("anthropic_version")?.to_owned();
    let mut prompt = Prompt {
        max_tokens: Some(fields.required_integer("max_tokens", 1, 128_000)?),
        temperature: fields.number("temperature", 0.0, 1.0)?,
        top_p: fields.number("top_p", 0.0, 1.0)?,
        stop_sequences: fields.strings("stop_sequences", 8191)?,
        system: parse_system(fields.get("system"))?,
        ..Prompt::default()
    };
    let top_k_set = fields.integer("top_k", 0, 500)?.is_some();
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
    let budget_tokens = match fields.get("thinking") {
        Some(thinking) => parse_thinking(thinking)?,
        None => None,
    };
    Ok(Parsed {
        prompt,
        version,
        budget_tokens,
        top_k_set,
    })
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
            schema::type_name(other)
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
        Value::Array(blocks) if blocks.is_empty() => {
            return Err(ApiError::malformed(format!(
                "{path}/content: expected type: String, found: JSONArray{path}/content: expected minimum item count: 1, found: 0"
            )));
        }
        Value::Array(blocks) => {
            for (block_index, block) in blocks.iter().enumerate() {
                let block_path = format!("{path}/content/{block_index}");
                parse_block(block, &block_path, model, &mut parsed)?;
            }
        }
        other => {
            return Err(ApiError::malformed(format!(
                "{path}/content: expected type: JSONArray, found: {}",
                schema::type_name(other)
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

/// The budget of `thinking: {"type": "enabled"}`; Claude's rules judge it later.
fn parse_thinking(thinking: &Value) -> ApiResult<Option<u64>> {
    let fields = Fields::object_at(thinking, "#/thinking", &["type", "budget_tokens"])?;
    match fields.required_string("type")? {
        "disabled" => Ok(None),
        "enabled" => Ok(Some(u64::from(fields.required_integer(
            "budget_tokens",
            0,
            u32::MAX,
        )?))),
        other => Err(ApiError::malformed(format!(
            "#/thinking/type: {other} is not a valid enum value"
        ))),
    }
}
