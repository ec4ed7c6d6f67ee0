//! The messages, system prompt and tools of a native Claude body, read with the schema's
//! error texts.

use serde_json::{Value, json};

use crate::catalogue::ModelEntry;
use crate::families::schema::{self, Fields};
use crate::generation::{Message, Role, Tool, ToolChoice, ToolResult};
use crate::wire::error::{ApiError, ApiResult};

pub fn parse_system(system: Option<&Value>) -> ApiResult<Vec<String>> {
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

pub fn parse_message(message: &Value, index: usize, model: &ModelEntry) -> ApiResult<Message> {
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

pub fn parse_tools(tools: &[Value]) -> ApiResult<Vec<Tool>> {
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

pub fn parse_tool_choice(choice: &Value, tools: &[Tool]) -> ApiResult<ToolChoice> {
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
