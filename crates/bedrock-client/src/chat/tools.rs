//! Tool use by hand: tools defined as JSON schema, the model's `toolUse` calls sent back in the
//! history, and the user's `toolResult` answers.

use aws_sdk_bedrockruntime::types::{
    ContentBlock, Tool, ToolConfiguration, ToolInputSchema, ToolResultBlock,
    ToolResultContentBlock, ToolResultStatus, ToolSpecification, ToolUseBlock,
};
use aws_smithy_types::{Document, Number};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::additional_fields::json_to_document;
use crate::error::{ClientError, ErrorCode};

const TOOLS_HINT: &str = "Write a JSON array of tools, e.g. [{\"name\": \"get_weather\", \"description\": \"Weather for a city\", \"inputSchema\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"]}}].";

/// A tool call the model made, kept to send back with the conversation.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolCall {
    pub tool_use_id: String,
    pub name: String,
    /// The input as the model streamed it: JSON object text.
    pub input_json: String,
}

/// The user's answer to a tool call.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolAnswer {
    pub tool_use_id: String,
    pub text: String,
    #[serde(default)]
    pub is_error: bool,
}

fn invalid(message: String, hint: &str) -> ClientError {
    ClientError::new(ErrorCode::InvalidRequest, message).with_hint(hint)
}

/// The tool configuration from the tools editor's JSON; `None` when it is blank.
pub fn parse_tools(json: &str) -> Result<Option<ToolConfiguration>, ClientError> {
    if json.trim().is_empty() {
        return Ok(None);
    }
    let value: Value = serde_json::from_str(json)
        .map_err(|e| invalid(format!("The tools are not valid JSON: {e}."), TOOLS_HINT))?;
    let Value::Array(items) = value else {
        return Err(invalid(
            "The tools must be a JSON array.".to_owned(),
            TOOLS_HINT,
        ));
    };
    if items.is_empty() {
        return Ok(None);
    }
    let mut config = ToolConfiguration::builder();
    for item in items {
        config = config.tools(Tool::ToolSpec(tool_spec(item)?));
    }
    config
        .build()
        .map(Some)
        .map_err(|e| invalid(e.to_string(), TOOLS_HINT))
}

fn tool_spec(item: Value) -> Result<ToolSpecification, ClientError> {
    let name = item.get("name").and_then(Value::as_str).unwrap_or_default();
    let valid_name = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !valid_name {
        return Err(invalid(
            format!("Tool name {name:?} must be 1-64 letters, digits, _ or -."),
            TOOLS_HINT,
        ));
    }
    let schema = match item.get("inputSchema") {
        Some(schema @ Value::Object(_)) => schema.clone(),
        _ => {
            return Err(invalid(
                format!("Tool {name} needs an inputSchema object (a JSON schema)."),
                TOOLS_HINT,
            ));
        }
    };
    ToolSpecification::builder()
        .name(name)
        .set_description(
            item.get("description")
                .and_then(Value::as_str)
                .map(str::to_owned),
        )
        .input_schema(ToolInputSchema::Json(json_to_document(schema)))
        .build()
        .map_err(|e| invalid(e.to_string(), TOOLS_HINT))
}

pub fn tool_use_block(call: &ToolCall) -> Result<ContentBlock, ClientError> {
    let input = if call.input_json.trim().is_empty() {
        Value::Object(serde_json::Map::new())
    } else {
        serde_json::from_str(&call.input_json).map_err(|e| {
            invalid(
                format!(
                    "The input of tool call {} is not valid JSON: {e}.",
                    call.name
                ),
                "Send the conversation again from before this tool call.",
            )
        })?
    };
    ToolUseBlock::builder()
        .tool_use_id(&call.tool_use_id)
        .name(&call.name)
        .input(json_to_document(input))
        .build()
        .map(ContentBlock::ToolUse)
        .map_err(|e| ClientError::new(ErrorCode::InvalidRequest, e.to_string()))
}

/// A tool call of a non-streamed reply, its input as JSON text like a streamed one.
pub fn tool_call_from_output(block: &ToolUseBlock) -> ToolCall {
    ToolCall {
        tool_use_id: block.tool_use_id.clone(),
        name: block.name.clone(),
        input_json: document_to_json(&block.input).to_string(),
    }
}

fn document_to_json(document: &Document) -> Value {
    match document {
        Document::Null => Value::Null,
        Document::Bool(flag) => Value::Bool(*flag),
        Document::Number(Number::PosInt(n)) => Value::from(*n),
        Document::Number(Number::NegInt(n)) => Value::from(*n),
        Document::Number(Number::Float(n)) => Value::from(*n),
        Document::String(text) => Value::String(text.clone()),
        Document::Array(items) => Value::Array(items.iter().map(document_to_json).collect()),
        Document::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(key, value)| (key.clone(), document_to_json(value)))
                .collect(),
        ),
    }
}

pub fn tool_result_block(answer: &ToolAnswer) -> Result<ContentBlock, ClientError> {
    let status = if answer.is_error {
        ToolResultStatus::Error
    } else {
        ToolResultStatus::Success
    };
    ToolResultBlock::builder()
        .tool_use_id(&answer.tool_use_id)
        .content(ToolResultContentBlock::Text(answer.text.clone()))
        .status(status)
        .build()
        .map(ContentBlock::ToolResult)
        .map_err(|e| ClientError::new(ErrorCode::InvalidRequest, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tools_are_checked_and_converted() {
        let config = parse_tools(
            r#"[{"name":"get_weather","description":"d","inputSchema":{"type":"object"}}]"#,
        )
        .unwrap()
        .unwrap();
        assert_eq!(config.tools().len(), 1);
        assert!(parse_tools("  ").unwrap().is_none());
        assert!(parse_tools("{}").unwrap_err().message.contains("array"));
        assert!(parse_tools(r#"[{"name":"bad name","inputSchema":{}}]"#).is_err());
        assert!(
            parse_tools(r#"[{"name":"ok"}]"#)
                .unwrap_err()
                .message
                .contains("inputSchema")
        );
    }

    #[test]
    fn calls_and_answers_become_blocks() {
        let call = ToolCall {
            tool_use_id: "t1".into(),
            name: "get_weather".into(),
            input_json: r#"{"city":"Paris"}"#.into(),
        };
        assert!(matches!(
            tool_use_block(&call),
            Ok(ContentBlock::ToolUse(_))
        ));
        let broken = ToolCall {
            input_json: "{".into(),
            ..call
        };
        assert!(tool_use_block(&broken).is_err());
        let answer = ToolAnswer {
            tool_use_id: "t1".into(),
            text: "18°C".into(),
            is_error: false,
        };
        assert!(matches!(
            tool_result_block(&answer),
            Ok(ContentBlock::ToolResult(_))
        ));
    }

    #[test]
    fn a_converse_tool_call_keeps_its_input_as_json_text() {
        let call = ToolCall {
            tool_use_id: "t1".into(),
            name: "get_weather".into(),
            input_json: r#"{"city":"Paris","days":[1,-2],"ok":true,"x":0.5,"n":null}"#.into(),
        };
        let Ok(ContentBlock::ToolUse(block)) = tool_use_block(&call) else {
            panic!("not a toolUse block")
        };
        let back = tool_call_from_output(&block);
        assert_eq!(
            (back.tool_use_id.as_str(), back.name.as_str()),
            ("t1", "get_weather")
        );
        let parsed: Value = serde_json::from_str(&back.input_json).unwrap();
        let original: Value = serde_json::from_str(&call.input_json).unwrap();
        assert_eq!(parsed, original);
    }
}
