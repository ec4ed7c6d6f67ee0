//! What an assistant reply is made of (reasoning, text, tool calls), gathered from a
//! ConverseStream as it arrives or read from a Converse output message, so that it can be sent
//! back later exactly as it came.

use std::collections::BTreeMap;

use aws_sdk_bedrockruntime::types::{ContentBlock, Message, ReasoningContentBlockDelta};

use super::reasoning::{ReasoningBlock, ReasoningDraft};
use super::tools::{ToolCall, tool_call_from_output};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReplyContent {
    pub text: String,
    /// In the order the model produced them.
    pub reasoning: Vec<ReasoningBlock>,
    /// Only calls whose input arrived in full.
    pub tool_calls: Vec<ToolCall>,
}

/// The reply of a non-streamed Converse call (`output.message`).
pub fn reply_from_message(message: &Message) -> ReplyContent {
    let mut reply = ReplyContent::default();
    for block in &message.content {
        match block {
            ContentBlock::Text(text) => reply.text.push_str(text),
            ContentBlock::ReasoningContent(reasoning) => {
                reply
                    .reasoning
                    .extend(ReasoningBlock::from_output(reasoning));
            }
            ContentBlock::ToolUse(tool) => reply.tool_calls.push(tool_call_from_output(tool)),
            _ => {}
        }
    }
    reply
}

/// The blocks of a streamed reply, keyed by their `contentBlockIndex` until they stop.
#[derive(Debug, Default)]
pub(crate) struct ReplyDraft {
    reasoning: BTreeMap<i32, ReasoningDraft>,
    tools: BTreeMap<i32, ToolCall>,
    done_reasoning: BTreeMap<i32, ReasoningBlock>,
    done_tools: BTreeMap<i32, ToolCall>,
}

impl ReplyDraft {
    pub(crate) fn reasoning_delta(
        &mut self,
        block: i32,
        delta: ReasoningContentBlockDelta,
    ) -> Option<String> {
        self.reasoning.entry(block).or_default().push(delta)
    }

    pub(crate) fn tool_start(&mut self, block: i32, tool_use_id: &str, name: &str) {
        self.tools.insert(
            block,
            ToolCall {
                tool_use_id: tool_use_id.to_owned(),
                name: name.to_owned(),
                input_json: String::new(),
            },
        );
    }

    pub(crate) fn tool_delta(&mut self, block: i32, input: &str) {
        if let Some(call) = self.tools.get_mut(&block) {
            call.input_json.push_str(input);
        }
    }

    pub(crate) fn block_stop(&mut self, block: i32) {
        if let Some(draft) = self.reasoning.remove(&block) {
            self.done_reasoning.insert(block, draft.finish());
        }
        if let Some(call) = self.tools.remove(&block) {
            self.done_tools.insert(block, call);
        }
    }

    /// The reasoning and the complete tool calls. A reasoning block the stream never closed is
    /// kept too: whether it can go back depends on its signature having arrived.
    pub(crate) fn finish(mut self) -> (Vec<ReasoningBlock>, Vec<ToolCall>) {
        for (block, draft) in std::mem::take(&mut self.reasoning) {
            self.done_reasoning.insert(block, draft.finish());
        }
        (
            self.done_reasoning.into_values().collect(),
            self.done_tools.into_values().collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_bedrockruntime::types::{
        ConversationRole, ReasoningContentBlock, ReasoningTextBlock, ToolUseBlock,
    };
    use aws_smithy_types::Document;

    use super::*;

    #[test]
    fn a_converse_message_gives_reasoning_text_and_tool_calls_in_order() {
        let message = Message::builder()
            .role(ConversationRole::Assistant)
            .content(ContentBlock::ReasoningContent(
                ReasoningContentBlock::ReasoningText(
                    ReasoningTextBlock::builder()
                        .text("Need the weather.")
                        .signature("sig-a")
                        .build()
                        .unwrap(),
                ),
            ))
            .content(ContentBlock::Text("Checking.".into()))
            .content(ContentBlock::ToolUse(
                ToolUseBlock::builder()
                    .tool_use_id("t1")
                    .name("get_weather")
                    .input(Document::Object(
                        [("city".to_owned(), Document::String("Paris".into()))].into(),
                    ))
                    .build()
                    .unwrap(),
            ))
            .build()
            .unwrap();
        let reply = reply_from_message(&message);
        assert_eq!(reply.text, "Checking.");
        assert_eq!(
            reply.reasoning,
            vec![ReasoningBlock::Text {
                text: "Need the weather.".into(),
                signature: Some("sig-a".into())
            }]
        );
        assert_eq!(reply.tool_calls[0].input_json, r#"{"city":"Paris"}"#);
    }

    #[test]
    fn only_stopped_tool_calls_count_and_blocks_keep_their_order() {
        let mut draft = ReplyDraft::default();
        draft.reasoning_delta(1, ReasoningContentBlockDelta::Text("second".into()));
        draft.reasoning_delta(0, ReasoningContentBlockDelta::Text("first".into()));
        draft.reasoning_delta(0, ReasoningContentBlockDelta::Signature("s0".into()));
        draft.block_stop(0);
        draft.tool_start(2, "t1", "get_weather");
        draft.tool_delta(2, "{\"city\":");
        draft.tool_delta(2, "\"Paris\"}");
        draft.block_stop(2);
        draft.tool_start(3, "t2", "get_weather");
        draft.tool_delta(3, "{\"ci");
        let (reasoning, tools) = draft.finish();
        let texts: Vec<_> = reasoning
            .iter()
            .map(|block| match block {
                ReasoningBlock::Text { text, .. } => text.as_str(),
                ReasoningBlock::Redacted { .. } => "redacted",
            })
            .collect();
        assert_eq!(texts, ["first", "second"]);
        assert!(reasoning[0].can_be_sent_back() && !reasoning[1].can_be_sent_back());
        assert_eq!(tools.len(), 1);
        assert_eq!(tools[0].input_json, r#"{"city":"Paris"}"#);
    }
}
