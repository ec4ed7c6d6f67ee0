//! The conversation's messages as Converse content blocks, in the order Bedrock expects and
//! with nothing it would refuse: no blank text block, earlier reasoning sent back unchanged.

use aws_sdk_bedrockruntime::types::{ContentBlock, ConversationRole, Message};

use super::attachments;
use super::request::{ChatMessage, ChatRole};
use super::tools::{tool_result_block, tool_use_block};
use crate::error::{ClientError, ErrorCode};

/// Every message as a Converse message; an error names a message that would have no content.
pub fn converse_messages(messages: &[ChatMessage]) -> Result<Vec<Message>, ClientError> {
    messages
        .iter()
        .enumerate()
        .map(|(index, message)| converse_message(index, message))
        .collect()
}

fn converse_message(index: usize, message: &ChatMessage) -> Result<Message, ClientError> {
    let (role, content) = match message.role {
        ChatRole::User => (ConversationRole::User, user_content(message)?),
        ChatRole::Assistant => (ConversationRole::Assistant, assistant_content(message)?),
    };
    if content.is_empty() {
        return Err(ClientError::new(
            ErrorCode::InvalidRequest,
            format!("Message {index} of the conversation has nothing to send (its text is blank)."),
        )
        .with_hint("Bedrock refuses blank text blocks: start a new chat or branch from before this message."));
    }
    Message::builder()
        .role(role)
        .set_content(Some(content))
        .build()
        .map_err(|e| ClientError::new(ErrorCode::InvalidRequest, e.to_string()))
}

/// Tool results first (they answer the previous turn), then attachments, then the text.
fn user_content(message: &ChatMessage) -> Result<Vec<ContentBlock>, ClientError> {
    let mut content = message
        .tool_answers
        .iter()
        .map(tool_result_block)
        .collect::<Result<Vec<_>, _>>()?;
    for attachment in attachments::prepare(&message.attachments)? {
        content.push(attachment.into_content_block()?);
    }
    push_text(&mut content, &message.text);
    Ok(content)
}

/// Reasoning first, exactly as received, then the text, then the tool calls.
fn assistant_content(message: &ChatMessage) -> Result<Vec<ContentBlock>, ClientError> {
    let mut content = message
        .reasoning
        .iter()
        .filter(|block| block.can_be_sent_back())
        .map(|block| block.to_content_block())
        .collect::<Result<Vec<_>, _>>()?;
    push_text(&mut content, &message.text);
    for call in &message.tool_calls {
        content.push(tool_use_block(call)?);
    }
    Ok(content)
}

fn push_text(content: &mut Vec<ContentBlock>, text: &str) {
    if !text.trim().is_empty() {
        content.push(ContentBlock::Text(text.to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_bedrockruntime::types::ReasoningContentBlock;

    use super::*;
    use crate::chat::{ReasoningBlock, ToolAnswer, ToolCall};

    fn call() -> ToolCall {
        ToolCall {
            tool_use_id: "t1".into(),
            name: "get_weather".into(),
            input_json: r#"{"city":"Paris"}"#.into(),
        }
    }

    fn signed(text: &str, signature: &str) -> ReasoningBlock {
        ReasoningBlock::Text {
            text: text.into(),
            signature: Some(signature.into()),
        }
    }

    #[test]
    fn an_assistant_turn_sends_reasoning_then_text_then_tool_calls() {
        let mut message = ChatMessage::assistant("Let me check.");
        message.reasoning = vec![
            signed("Weather needed.", "sig-1"),
            ReasoningBlock::Redacted {
                data_base64: "AAE=".into(),
            },
        ];
        message.tool_calls = vec![call()];
        let sent = converse_messages(&[message]).unwrap();
        let [
            ContentBlock::ReasoningContent(ReasoningContentBlock::ReasoningText(thinking)),
            ContentBlock::ReasoningContent(ReasoningContentBlock::RedactedContent(redacted)),
            ContentBlock::Text(text),
            ContentBlock::ToolUse(tool),
        ] = sent[0].content.as_slice()
        else {
            panic!("{:?}", sent[0].content)
        };
        assert_eq!(thinking.signature.as_deref(), Some("sig-1"));
        assert_eq!(thinking.text, "Weather needed.");
        assert_eq!(redacted.as_ref(), &[0, 1]);
        assert_eq!(text, "Let me check.");
        assert_eq!(tool.tool_use_id, "t1");
    }

    #[test]
    fn tool_only_turns_send_no_text_block() {
        let mut calls = ChatMessage::assistant(" \n ");
        calls.tool_calls = vec![call()];
        calls.reasoning = vec![ReasoningBlock::Text {
            text: "unsigned".into(),
            signature: None,
        }];
        let mut answers = ChatMessage::user("");
        answers.tool_answers = vec![ToolAnswer {
            tool_use_id: "t1".into(),
            text: "18°C".into(),
            is_error: true,
        }];
        let sent = converse_messages(&[calls, answers]).unwrap();
        assert!(matches!(
            sent[0].content.as_slice(),
            [ContentBlock::ToolUse(_)]
        ));
        let [ContentBlock::ToolResult(result)] = sent[1].content.as_slice() else {
            panic!("{:?}", sent[1].content)
        };
        assert_eq!(
            result.status,
            Some(aws_sdk_bedrockruntime::types::ToolResultStatus::Error)
        );
    }

    #[test]
    fn a_message_with_nothing_to_send_is_refused_not_sent_blank() {
        let error = converse_messages(&[ChatMessage::user("hi"), ChatMessage::assistant("  ")])
            .unwrap_err();
        assert!(error.message.starts_with("Message 1 "), "{}", error.message);
    }
}
