//! What a generation produced, before a family or Converse renders it.

use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    EndTurn,
    MaxTokens,
    StopSequence,
    ToolUse,
}

impl StopReason {
    /// The Converse `stopReason` value.
    pub fn converse(self) -> &'static str {
        match self {
            Self::EndTurn => "end_turn",
            Self::MaxTokens => "max_tokens",
            Self::StopSequence => "stop_sequence",
            Self::ToolUse => "tool_use",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ToolCall {
    pub id: String,
    pub name: String,
    pub input: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Generation {
    /// Reasoning pieces, streamed before the answer when reasoning is on.
    pub reasoning: Vec<String>,
    pub reasoning_signature: Option<String>,
    /// Answer pieces, one token each.
    pub text: Vec<String>,
    pub tool_call: Option<ToolCall>,
    pub stop_reason: StopReason,
    pub stop_sequence: Option<String>,
    pub input_tokens: u32,
}

impl Generation {
    pub fn text(&self) -> String {
        self.text.concat()
    }

    pub fn reasoning_text(&self) -> String {
        self.reasoning.concat()
    }

    pub fn output_tokens(&self) -> u32 {
        let tool = self
            .tool_call
            .as_ref()
            .map_or(0, |call| super::tokens::count(&call.input.to_string()) + 4);
        u32::try_from(self.text.len() + self.reasoning.len()).unwrap_or(u32::MAX) + tool
    }

    /// The tool call's input JSON, cut into fragments as a stream delivers it.
    pub fn tool_input_fragments(&self) -> Vec<String> {
        let Some(call) = &self.tool_call else {
            return Vec::new();
        };
        let json = call.input.to_string();
        let chars: Vec<char> = json.chars().collect();
        chars
            .chunks(12)
            .map(|chunk| chunk.iter().collect())
            .collect()
    }
}
