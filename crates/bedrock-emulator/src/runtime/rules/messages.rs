//! The conversation's shape: who speaks first, turn order, and no blank text.

use serde_json::Value;

use super::{blocks, role};
use crate::wire::error::{ApiError, ApiResult};

pub fn check(messages: &[Value]) -> ApiResult<()> {
    if messages.first().and_then(|m| role(m)) != Some("user") {
        return Err(ApiError::validation(
            "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
        ));
    }
    for (index, message) in messages.iter().enumerate() {
        if index > 0 && role(&messages[index - 1]) == role(message) {
            return Err(ApiError::validation(
                "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.",
            ));
        }
        if blocks(message).is_empty() {
            return Err(ApiError::validation(format!(
                "The content field in the Message object at messages.{index} is empty. Add a ContentBlock object to the content field and try again."
            )));
        }
        for (position, block) in blocks(message).iter().enumerate() {
            if block
                .get("text")
                .and_then(Value::as_str)
                .is_some_and(|text| text.trim().is_empty())
            {
                return Err(ApiError::validation(format!(
                    "The text field in the ContentBlock object at messages.{index}.content.{position} is blank. Add text to the text field, and try again."
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn blank_and_whitespace_text_name_their_block() {
        for text in ["", " \n\t"] {
            let messages = json!([
                {"role": "user", "content": [{"text": "hi"}]},
                {"role": "assistant", "content": [{"text": "ok"}, {"text": text}]},
            ]);
            assert_eq!(
                check(messages.as_array().unwrap()).unwrap_err().message,
                "The text field in the ContentBlock object at messages.1.content.1 is blank. Add text to the text field, and try again."
            );
        }
    }
}
