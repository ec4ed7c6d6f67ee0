//! A conversation's content blocks as Claude's validator sees them, read from a native body or
//! from Converse messages, so one set of rules serves both (`messages.N.content.M` paths).

use serde_json::Value;

use crate::generation::Role;

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Thinking {
        text: String,
        signature: Option<String>,
    },
    RedactedThinking,
    ToolUse,
    ToolResult,
    Text(String),
    Image,
    Document,
    Other(String),
}

impl Block {
    /// The block's `type` in Claude's Messages API.
    pub fn type_name(&self) -> &str {
        match self {
            Self::Thinking { .. } => "thinking",
            Self::RedactedThinking => "redacted_thinking",
            Self::ToolUse => "tool_use",
            Self::ToolResult => "tool_result",
            Self::Text(_) => "text",
            Self::Image => "image",
            Self::Document => "document",
            Self::Other(kind) => kind,
        }
    }

    pub fn is_thinking(&self) -> bool {
        matches!(self, Self::Thinking { .. } | Self::RedactedThinking)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    pub role: Option<Role>,
    pub blocks: Vec<Block>,
}

fn role_of(message: &Value) -> Option<Role> {
    match message.get("role").and_then(Value::as_str) {
        Some("user") => Some(Role::User),
        Some("assistant") => Some(Role::Assistant),
        _ => None,
    }
}

fn text_of(value: Option<&Value>) -> String {
    value.and_then(Value::as_str).unwrap_or_default().to_owned()
}

/// The turns of a native Messages API body (`content` as a string or as typed blocks).
pub fn from_native(messages: &[Value]) -> Vec<Turn> {
    messages
        .iter()
        .map(|message| {
            let blocks = match message.get("content") {
                Some(Value::String(text)) => vec![Block::Text(text.clone())],
                Some(Value::Array(blocks)) => blocks.iter().map(native_block).collect(),
                _ => Vec::new(),
            };
            Turn {
                role: role_of(message),
                blocks,
            }
        })
        .collect()
}

fn native_block(block: &Value) -> Block {
    match block.get("type").and_then(Value::as_str).unwrap_or("") {
        "thinking" => Block::Thinking {
            text: text_of(block.get("thinking")),
            signature: block
                .get("signature")
                .and_then(Value::as_str)
                .map(str::to_owned),
        },
        "redacted_thinking" => Block::RedactedThinking,
        "tool_use" => Block::ToolUse,
        "tool_result" => Block::ToolResult,
        "text" => Block::Text(text_of(block.get("text"))),
        "image" => Block::Image,
        "document" => Block::Document,
        other => Block::Other(other.to_owned()),
    }
}

/// The turns of Converse messages as Bedrock hands them to Claude: a `cachePoint` becomes a
/// marker on the block before it, so it takes no index of its own.
pub fn from_converse(messages: &[Value]) -> Vec<Turn> {
    messages
        .iter()
        .map(|message| {
            let blocks = message
                .get("content")
                .and_then(Value::as_array)
                .map(|blocks| {
                    blocks
                        .iter()
                        .filter(|block| block.get("cachePoint").is_none())
                        .map(converse_block)
                        .collect()
                })
                .unwrap_or_default();
            Turn {
                role: role_of(message),
                blocks,
            }
        })
        .collect()
}

fn converse_block(block: &Value) -> Block {
    let member = block
        .as_object()
        .and_then(|object| object.iter().next())
        .map(|(key, value)| (key.as_str(), value));
    match member {
        Some(("reasoningContent", reasoning)) => match reasoning.get("reasoningText") {
            Some(text) => Block::Thinking {
                text: text_of(text.get("text")),
                signature: text
                    .get("signature")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            },
            None => Block::RedactedThinking,
        },
        Some(("toolUse", _)) => Block::ToolUse,
        Some(("toolResult", _)) => Block::ToolResult,
        Some(("text", text)) => Block::Text(text.as_str().unwrap_or_default().to_owned()),
        Some(("image", _)) => Block::Image,
        Some(("document", _)) => Block::Document,
        Some((other, _)) => Block::Other(other.to_owned()),
        None => Block::Other(String::new()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn converse_cache_points_take_no_index_and_reasoning_keeps_its_signature() {
        let turns = from_converse(&[json!({"role": "assistant", "content": [
            {"text": "Cached context."},
            {"cachePoint": {"type": "default"}},
            {"reasoningContent": {"reasoningText": {"text": "Hmm.", "signature": "sig"}}},
            {"reasoningContent": {"redactedContent": "b3BhcXVl"}},
            {"toolUse": {"toolUseId": "t1", "name": "f", "input": {}}},
        ]})]);
        assert_eq!(turns[0].role, Some(Role::Assistant));
        assert_eq!(
            turns[0].blocks,
            [
                Block::Text("Cached context.".into()),
                Block::Thinking {
                    text: "Hmm.".into(),
                    signature: Some("sig".into())
                },
                Block::RedactedThinking,
                Block::ToolUse,
            ]
        );
    }

    #[test]
    fn native_string_content_is_one_text_block() {
        let turns = from_native(&[json!({"role": "user", "content": "Hi."})]);
        assert_eq!(turns[0].blocks, [Block::Text("Hi.".into())]);
        assert_eq!(turns[0].blocks[0].type_name(), "text");
    }
}
