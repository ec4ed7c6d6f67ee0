//! A request to generate text, normalised from Converse or any native format.

use serde_json::Value;

use super::tokens;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    User,
    Assistant,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ToolResult {
    pub tool_use_id: String,
    pub content: String,
    pub is_error: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub role: Role,
    pub text: String,
    pub tool_results: Vec<ToolResult>,
    /// Short descriptions of images, documents and other attachments ("an image (png)").
    pub attachments: Vec<String>,
}

impl Message {
    pub fn new(role: Role, text: impl Into<String>) -> Self {
        Self {
            role,
            text: text.into(),
            tool_results: Vec::new(),
            attachments: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tool {
    pub name: String,
    pub description: String,
    pub input_schema: Value,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub enum ToolChoice {
    #[default]
    Auto,
    Any,
    Tool(String),
    None,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prompt {
    pub system: Vec<String>,
    pub messages: Vec<Message>,
    pub max_tokens: Option<u32>,
    pub stop_sequences: Vec<String>,
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub tools: Vec<Tool>,
    pub tool_choice: ToolChoice,
    /// A reasoning budget in tokens, when the request turned reasoning on.
    pub reasoning_budget: Option<u32>,
}

impl Prompt {
    pub fn last_user(&self) -> Option<&Message> {
        self.messages.iter().rev().find(|m| m.role == Role::User)
    }

    /// Add a user turn and, when there is one, the assistant's answer to it.
    pub fn push_exchange(&mut self, question: &str, answer: &str) {
        self.messages
            .push(Message::new(Role::User, question.trim()));
        if !answer.trim().is_empty() {
            self.messages
                .push(Message::new(Role::Assistant, answer.trim()));
        }
    }

    pub fn input_tokens(&self) -> u32 {
        let system: u32 = self.system.iter().map(|s| tokens::count(s)).sum();
        let messages: u32 = self
            .messages
            .iter()
            .map(|m| {
                let results: u32 = m
                    .tool_results
                    .iter()
                    .map(|r| tokens::count(&r.content))
                    .sum();
                tokens::count(&m.text)
                    + results
                    + 4
                    + 256 * u32::try_from(m.attachments.len()).unwrap_or(0)
            })
            .sum();
        let tools: u32 = self
            .tools
            .iter()
            .map(|t| tokens::count(&t.input_schema.to_string()) + 8)
            .sum();
        system + messages + tools + 3
    }
}
