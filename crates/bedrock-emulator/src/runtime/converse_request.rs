//! Parsing and validating a Converse request body into a [`Prompt`], with Bedrock's messages.

use base64::Engine;
use serde_json::{Map, Value};

use super::rules;
use crate::catalogue::{Family, ModelEntry};
use crate::families::{self, claude::converse_rules};
use crate::generation::{Message, Prompt, Role, Tool, ToolChoice, ToolResult};
use crate::wire::error::{ApiError, ApiResult};

const IMAGE_FORMATS: &[&str] = &["png", "jpeg", "gif", "webp"];
const DOCUMENT_FORMATS: &[&str] = &[
    "pdf", "csv", "doc", "docx", "xls", "xlsx", "html", "txt", "md",
];
const KNOWN_TOP_LEVEL: &[&str] = &[
    "messages",
    "system",
    "inferenceConfig",
    "toolConfig",
    "guardrailConfig",
    "additionalModelRequestFields",
    "additionalModelResponseFieldPaths",
    "promptVariables",
    "requestMetadata",
    "performanceConfig",
    "serviceTier",
    "outputConfig",
];

#[derive(Debug, Clone)]
pub struct ConverseRequest {
    pub prompt: Prompt,
    pub additional_fields: Map<String, Value>,
    pub response_field_paths: Vec<String>,
}

/// `streaming` for ConverseStream, which refuses more than Converse does.
pub fn parse(body: &Value, model: &ModelEntry, streaming: bool) -> ApiResult<ConverseRequest> {
    let object = body
        .as_object()
        .ok_or_else(|| ApiError::validation("The request body must be a JSON object."))?;
    if let Some(unknown) = object
        .keys()
        .find(|k| !KNOWN_TOP_LEVEL.contains(&k.as_str()))
    {
        return Err(ApiError::validation(format!(
            "Unknown field \"{unknown}\" in the request body."
        )));
    }
    if model.family.is_embedding() {
        return Err(ApiError::validation(
            "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
        ));
    }
    rules::check(object, model, streaming)?;
    let messages = parse_messages(object.get("messages"), model)?;
    let system = parse_system(object.get("system"))?;
    if !system.is_empty() && !model.family.supports_system_prompt() {
        return Err(ApiError::validation(
            "This model doesn't support system messages. Try again without a system prompt, or with a model that supports system messages.",
        ));
    }
    let mut prompt = Prompt {
        system,
        messages,
        ..Prompt::default()
    };
    parse_inference_config(object.get("inferenceConfig"), &mut prompt)?;
    parse_tool_config(object.get("toolConfig"), model, &mut prompt)?;
    rules::check_context(&prompt, model)?;
    let additional_fields = match object.get("additionalModelRequestFields") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(fields)) => fields.clone(),
        Some(_) => {
            return Err(ApiError::validation(
                "additionalModelRequestFields must be a JSON object.",
            ));
        }
    };
    for key in additional_fields.keys() {
        if !families::accepts_additional_field(model.family, key) {
            // Claude's own validator finds it, so Converse relays it behind the model prefix.
            return Err(if model.family == Family::Claude {
                converse_rules::unknown_field(model, key)
            } else {
                ApiError::malformed(format!("#: extraneous key [{key}] is not permitted"))
            });
        }
    }
    prompt.reasoning_budget =
        reasoning_budget(&additional_fields, &prompt, object.get("messages"))?;
    let response_field_paths = match object.get("additionalModelResponseFieldPaths") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(paths)) => paths
            .iter()
            .map(|p| match p.as_str() {
                Some(path) if path.starts_with('/') => Ok(path.to_owned()),
                _ => Err(ApiError::validation(
                    "additionalModelResponseFieldPaths must hold JSON Pointer strings such as \"/stop_sequence\".",
                )),
            })
            .collect::<ApiResult<_>>()?,
        Some(_) => return Err(ApiError::validation("additionalModelResponseFieldPaths must be an array of strings.")),
    };
    Ok(ConverseRequest {
        prompt,
        additional_fields,
        response_field_paths,
    })
}

pub fn parse_messages(messages: Option<&Value>, model: &ModelEntry) -> ApiResult<Vec<Message>> {
    let start_with_user = || {
        ApiError::validation(
            "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
        )
    };
    let list = match messages {
        None | Some(Value::Null) => return Err(start_with_user()),
        Some(Value::Array(list)) => list,
        Some(_) => {
            return Err(ApiError::validation(
                "messages must be an array of messages.",
            ));
        }
    };
    if list.is_empty() {
        return Err(start_with_user());
    }
    let mut parsed: Vec<Message> = Vec::with_capacity(list.len());
    for (index, message) in list.iter().enumerate() {
        let role = match message.get("role").and_then(Value::as_str) {
            Some("user") => Role::User,
            Some("assistant") => Role::Assistant,
            other => {
                return Err(ApiError::validation(format!(
                    "1 validation error detected: Value '{}' at 'messages.{}.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]",
                    other.unwrap_or("null"),
                    index + 1
                )));
            }
        };
        if index == 0 && role != Role::User {
            return Err(start_with_user());
        }
        if parsed.last().is_some_and(|previous| previous.role == role) {
            return Err(ApiError::validation(
                "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.",
            ));
        }
        let blocks = message
            .get("content")
            .and_then(Value::as_array)
            .filter(|blocks| !blocks.is_empty())
            .ok_or_else(|| ApiError::validation(format!("The content field in the Message object at messages.{index} is empty. Add a ContentBlock object to the content field and try again.")))?;
        let mut parsed_message = Message::new(role, String::new());
        for block in blocks {
            parse_content_block(block, role, model, &mut parsed_message)?;
        }
        parsed.push(parsed_message);
    }
    Ok(parsed)
}

fn single_member(block: &Value) -> ApiResult<(&str, &Value)> {
    let object = block.as_object().filter(|o| o.len() == 1).ok_or_else(|| {
        ApiError::validation(
            "Each ContentBlock must set exactly one member, e.g. {\"text\": \"...\"}. Note that Converse blocks are not Claude's native {\"type\": \"text\", \"text\": \"...\"}.",
        )
    })?;
    let (key, value) = object.iter().next().expect("one member");
    Ok((key.as_str(), value))
}

fn parse_content_block(
    block: &Value,
    role: Role,
    model: &ModelEntry,
    message: &mut Message,
) -> ApiResult<()> {
    let (member, value) = single_member(block)?;
    match member {
        "text" => {
            let text = value
                .as_str()
                .ok_or_else(|| ApiError::validation("A text content block must be a string."))?;
            if !message.text.is_empty() {
                message.text.push('\n');
            }
            message.text.push_str(text);
        }
        "image" => message.attachments.push(parse_image(value, model)?),
        "document" => message.attachments.push(parse_document(value)?),
        "video" | "audio" => {
            if !model
                .input_modalities
                .contains(&member.to_ascii_uppercase().as_str())
            {
                return Err(unsupported_block(member));
            }
            message.attachments.push(format!("a {member}"));
        }
        "toolUse" => {
            if role != Role::Assistant {
                return Err(ApiError::validation(
                    "toolUse blocks can only appear in assistant messages.",
                ));
            }
            for key in ["toolUseId", "name", "input"] {
                if value.get(key).is_none() {
                    return Err(ApiError::validation(format!(
                        "The toolUse block is missing its {key} field."
                    )));
                }
            }
        }
        "toolResult" => {
            if role != Role::User {
                return Err(ApiError::validation(
                    "toolResult blocks can only appear in user messages.",
                ));
            }
            message.tool_results.push(parse_tool_result(value)?);
        }
        "reasoningContent" | "cachePoint" | "guardContent" | "citationsContent"
        | "searchResult" => {}
        other => {
            return Err(ApiError::validation(format!(
                "Unknown content block member \"{other}\"."
            )));
        }
    }
    Ok(())
}

fn unsupported_block(member: &str) -> ApiError {
    ApiError::validation(format!(
        "This model doesn't support the {member} content block that you provided. Try again with a supported content block or a model that accepts {member} input."
    ))
}

fn decoded_source(value: &Value, kind: &str) -> ApiResult<Vec<u8>> {
    let source = value
        .get("source")
        .ok_or_else(|| ApiError::validation(format!("The {kind} block needs a source.")))?;
    if source.get("s3Location").is_some() {
        return Ok(Vec::new());
    }
    if let Some(text) = source.get("text").and_then(Value::as_str) {
        return Ok(text.as_bytes().to_vec());
    }
    let encoded = source
        .get("bytes")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::validation(format!("The {kind} source needs bytes (base64).")))?;
    base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|_| ApiError::validation(format!("The {kind} bytes are not valid base64.")))
}

fn parse_image(value: &Value, model: &ModelEntry) -> ApiResult<String> {
    if !model.input_modalities.contains(&"IMAGE") {
        return Err(unsupported_block("image"));
    }
    let format = value.get("format").and_then(Value::as_str).unwrap_or("");
    if !IMAGE_FORMATS.contains(&format) {
        return Err(ApiError::validation(format!(
            "1 validation error detected: Value '{format}' at 'image.format' failed to satisfy constraint: Member must satisfy enum value set: [png, jpeg, gif, webp]"
        )));
    }
    let bytes = decoded_source(value, "image")?;
    if let Some(actual) = sniff_image(&bytes).filter(|actual| *actual != format) {
        return Err(ApiError::validation(format!(
            "The image bytes are {actual} but the block says format \"{format}\". Set the format from the file's content, not its name."
        )));
    }
    Ok(format!("an image ({format}, {} bytes)", bytes.len()))
}

fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x89, b'P', b'N', b'G', ..] => Some("png"),
        [0xFF, 0xD8, 0xFF, ..] => Some("jpeg"),
        [b'G', b'I', b'F', b'8', ..] => Some("gif"),
        [
            b'R',
            b'I',
            b'F',
            b'F',
            _,
            _,
            _,
            _,
            b'W',
            b'E',
            b'B',
            b'P',
            ..,
        ] => Some("webp"),
        _ => None,
    }
}

fn parse_document(value: &Value) -> ApiResult<String> {
    let format = value.get("format").and_then(Value::as_str).unwrap_or("txt");
    if !DOCUMENT_FORMATS.contains(&format) {
        return Err(ApiError::validation(format!(
            "1 validation error detected: Value '{format}' at 'document.format' failed to satisfy constraint: Member must satisfy enum value set: [pdf, csv, doc, docx, xls, xlsx, html, txt, md]"
        )));
    }
    let name = value.get("name").and_then(Value::as_str).unwrap_or("");
    if name.is_empty() || name.chars().count() > 200 {
        return Err(ApiError::validation(
            "A document block needs a name of 1 to 200 characters.",
        ));
    }
    let bytes = decoded_source(value, "document")?;
    Ok(format!(
        "a document \"{name}\" ({format}, {} bytes)",
        bytes.len()
    ))
}

fn parse_tool_result(value: &Value) -> ApiResult<ToolResult> {
    let tool_use_id = value
        .get("toolUseId")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            ApiError::validation("The toolResult block is missing its toolUseId field.")
        })?;
    let content = value
        .get("content")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let content = content
        .iter()
        .map(|block| match single_member(block)? {
            ("text", Value::String(text)) => Ok(text.clone()),
            ("json", json) => Ok(json.to_string()),
            (other, _) => Ok(format!("[{other}]")),
        })
        .collect::<ApiResult<Vec<_>>>()?
        .join(" ");
    Ok(ToolResult {
        tool_use_id: tool_use_id.to_owned(),
        content,
        is_error: value.get("status").and_then(Value::as_str) == Some("error"),
    })
}

pub fn parse_system(system: Option<&Value>) -> ApiResult<Vec<String>> {
    let Some(system) = system.filter(|v| !v.is_null()) else {
        return Ok(Vec::new());
    };
    let blocks = system.as_array().ok_or_else(|| {
        ApiError::validation("system must be an array of {\"text\": \"...\"} blocks.")
    })?;
    let mut texts = Vec::new();
    for block in blocks {
        match single_member(block)? {
            ("text", Value::String(text)) => texts.push(text.clone()),
            ("guardContent" | "cachePoint", _) => {}
            _ => {
                return Err(ApiError::validation(
                    "system blocks must be {\"text\": \"...\"}, {\"guardContent\": ...} or {\"cachePoint\": ...}.",
                ));
            }
        }
    }
    Ok(texts)
}

fn parse_inference_config(config: Option<&Value>, prompt: &mut Prompt) -> ApiResult<()> {
    let Some(config) = config.filter(|v| !v.is_null()) else {
        return Ok(());
    };
    // The bounds were checked with the service model's constraints (rules::constraints).
    let number = |field: &str| -> ApiResult<Option<f64>> {
        match config.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => value.as_f64().map(Some).ok_or_else(|| {
                ApiError::validation(format!("inferenceConfig.{field} must be a number."))
            }),
        }
    };
    prompt.max_tokens = number("maxTokens")?.map(|n| n as u32);
    prompt.temperature = number("temperature")?;
    prompt.top_p = number("topP")?;
    if let Some(stops) = config.get("stopSequences").filter(|v| !v.is_null()) {
        let stops = stops
            .as_array()
            .and_then(|list| {
                list.iter()
                    .map(|s| s.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
            })
            .ok_or_else(|| {
                ApiError::validation("inferenceConfig.stopSequences must be an array of strings.")
            })?;
        if stops.iter().any(String::is_empty) {
            return Err(ApiError::validation(
                "inferenceConfig.stopSequences must hold non-empty strings.",
            ));
        }
        prompt.stop_sequences = stops;
    }
    Ok(())
}

pub fn parse_tool_config(
    config: Option<&Value>,
    model: &ModelEntry,
    prompt: &mut Prompt,
) -> ApiResult<()> {
    let uses_tools = prompt.messages.iter().any(|m| !m.tool_results.is_empty());
    let Some(config) = config.filter(|v| !v.is_null()) else {
        return if uses_tools {
            Err(ApiError::validation(
                "The toolConfig field must be defined when using toolUse and toolResult content blocks.",
            ))
        } else {
            Ok(())
        };
    };
    if !model.capabilities.tool_use {
        return Err(ApiError::validation("This model doesn't support tool use."));
    }
    let tools = config
        .get("tools")
        .and_then(Value::as_array)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::validation("toolConfig.tools must hold at least one tool."))?;
    for tool in tools {
        let Some(spec) = tool.get("toolSpec") else {
            if tool.get("cachePoint").is_some() || tool.get("systemTool").is_some() {
                continue;
            }
            return Err(ApiError::validation(
                "Each tool must be {\"toolSpec\": {...}}.",
            ));
        };
        let name = spec.get("name").and_then(Value::as_str).unwrap_or("");
        let valid_name = !name.is_empty()
            && name.len() <= 64
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !valid_name {
            return Err(ApiError::validation(format!(
                "The tool name \"{name}\" is invalid: use 1 to 64 letters, digits, underscores or hyphens."
            )));
        }
        let schema = spec
            .get("inputSchema")
            .and_then(|s| s.get("json"))
            .ok_or_else(|| {
                ApiError::validation(format!("The tool \"{name}\" needs inputSchema.json."))
            })?;
        prompt.tools.push(Tool {
            name: name.to_owned(),
            description: spec
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned(),
            input_schema: schema.clone(),
        });
    }
    prompt.tool_choice = match config.get("toolChoice") {
        None | Some(Value::Null) => ToolChoice::Auto,
        Some(choice) if choice.get("auto").is_some() => ToolChoice::Auto,
        Some(choice) if choice.get("any").is_some() => ToolChoice::Any,
        Some(choice) => {
            let name = choice
                .get("tool")
                .and_then(|t| t.get("name"))
                .and_then(Value::as_str);
            match name {
                Some(name) if prompt.tools.iter().any(|t| t.name == name) => {
                    ToolChoice::Tool(name.to_owned())
                }
                _ => {
                    return Err(ApiError::validation(
                        "toolChoice must be {\"auto\":{}}, {\"any\":{}} or {\"tool\":{\"name\":...}} naming a defined tool.",
                    ));
                }
            }
        }
    };
    Ok(())
}

/// Claude's `thinking` in the additional fields turns reasoning on, within Claude's rules.
fn reasoning_budget(
    fields: &Map<String, Value>,
    prompt: &Prompt,
    messages: Option<&Value>,
) -> ApiResult<Option<u32>> {
    families::claude::converse_rules::reasoning_budget(fields, prompt, messages)
}
