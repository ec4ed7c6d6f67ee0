//! The chat-completions shapes Mistral's and AI21's chat models share: role/content messages,
//! function tools and tool calls.

use serde_json::{Value, json};

use super::schema::{Fields, type_name};
use crate::generation::{Message, Prompt, Role, Tool, ToolCall, ToolChoice, ToolResult};
use crate::wire::error::{ApiError, ApiResult};

/// Fill the prompt's system prompt and turns from a `messages` list.
pub fn parse_messages(messages: &[Value], prompt: &mut Prompt) -> ApiResult<()> {
    if messages.is_empty() {
        return Err(ApiError::malformed(
            "#/messages: expected minimum item count: 1, found: 0",
        ));
    }
    for (index, message) in messages.iter().enumerate() {
        let path = format!("#/messages/{index}");
        let fields = Fields::object_at(
            message,
            &path,
            &[
                "role",
                "content",
                "tool_calls",
                "tool_call_id",
                "name",
                "prefix",
            ],
        )?;
        let role = fields.required_string("role")?;
        let text = content_text(fields.get("content"), &path)?;
        match role {
            "system" => prompt.system.push(text),
            "user" => push(prompt, Role::User, text),
            "assistant" => push(prompt, Role::Assistant, text),
            "tool" => {
                let result = ToolResult {
                    tool_use_id: fields.string("tool_call_id")?.unwrap_or("").to_owned(),
                    content: text,
                    is_error: false,
                };
                match prompt.messages.last_mut() {
                    Some(last) if last.role == Role::User => last.tool_results.push(result),
                    _ => {
                        let mut message = Message::new(Role::User, String::new());
                        message.tool_results.push(result);
                        prompt.messages.push(message);
                    }
                }
            }
            other => {
                return Err(ApiError::malformed(format!(
                    "{path}/role: {other} is not a valid enum value"
                )));
            }
        }
    }
    Ok(())
}

fn push(prompt: &mut Prompt, role: Role, text: String) {
    match prompt.messages.last_mut() {
        Some(last) if last.role == role => {
            last.text.push('\n');
            last.text.push_str(&text);
        }
        _ => prompt.messages.push(Message::new(role, text)),
    }
}

fn content_text(content: Option<&Value>, path: &str) -> ApiResult<String> {
    match content {
        None => Ok(String::new()),
        Some(Value::String(text)) => Ok(text.clone()),
        Some(Value::Array(parts)) => Ok(parts
            .iter()
            .filter_map(|part| part.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join("\n")),
        Some(other) => Err(ApiError::malformed(format!(
            "{path}/content: expected type: String, found: {}",
            type_name(other)
        ))),
    }
}

/// `[{"type": "function", "function": {"name", "description", "parameters"}}]`.
pub fn parse_tools(tools: &[Value]) -> ApiResult<Vec<Tool>> {
    tools
        .iter()
        .enumerate()
        .map(|(index, tool)| {
            let path = format!("#/tools/{index}");
            let fields = Fields::object_at(tool, &path, &["type", "function"])?;
            let function_path = format!("{path}/function");
            let function = Fields::object_at(
                fields.require("function")?,
                &function_path,
                &["name", "description", "parameters"],
            )?;
            Ok(Tool {
                name: function.required_string("name")?.to_owned(),
                description: function.string("description")?.unwrap_or("").to_owned(),
                input_schema: function
                    .get("parameters")
                    .cloned()
                    .unwrap_or_else(|| json!({"type": "object"})),
            })
        })
        .collect()
}

/// `"auto" | "any" | "required" | "none"`.
pub fn parse_tool_choice(fields: &Fields) -> ApiResult<ToolChoice> {
    Ok(
        match fields.one_of("tool_choice", &["auto", "any", "required", "none"])? {
            None | Some("auto") => ToolChoice::Auto,
            Some("none") => ToolChoice::None,
            Some(_) => ToolChoice::Any,
        },
    )
}

/// An assistant message's `tool_calls` entry.
pub fn tool_call(call: &ToolCall) -> Value {
    json!({
        "id": call.id,
        "type": "function",
        "function": {"name": call.name, "arguments": call.input.to_string()},
    })
}
