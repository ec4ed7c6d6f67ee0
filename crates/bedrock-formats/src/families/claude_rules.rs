//! What Claude's own validator refuses in a body that fits the schema, in its words (InvokeModel
//! passes them on without a prefix): blank text, roles out of turn, extended thinking with
//! sampling controls or a budget that does not fit, too many images and documents.

use serde_json::Value;

use crate::error::{FormatError, FormatErrorCode};

const MIN_THINKING_BUDGET: u64 = 1024;
const MAX_IMAGES_AND_DOCUMENTS: usize = 20;
const MAX_TOKENS_BELOW_BUDGET: &str = "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size";

pub(crate) fn check(body: &Value) -> Result<(), FormatError> {
    let messages = body["messages"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    check_texts(messages)?;
    check_roles(messages)?;
    check_attachment_count(messages)?;
    check_thinking(body)
}

fn refused(message: impl Into<String>, hint: &str) -> FormatError {
    FormatError::new(FormatErrorCode::MalformedInput, message, hint)
}

fn blocks(message: &Value) -> impl Iterator<Item = &Value> {
    message["content"].as_array().into_iter().flatten()
}

fn check_texts(messages: &[Value]) -> Result<(), FormatError> {
    let texts = messages
        .iter()
        .flat_map(blocks)
        .filter(|b| b["type"] == "text")
        .filter_map(|b| b["text"].as_str());
    for text in texts {
        if text.is_empty() {
            return Err(refused(
                "messages: text content blocks must be non-empty",
                "Write something in every text block, or remove the empty block.",
            ));
        }
        if text.trim().is_empty() {
            return Err(refused(
                "messages: text content blocks must contain non-whitespace text",
                "A text block of only spaces or newlines counts as empty: write something or remove it.",
            ));
        }
    }
    Ok(())
}

fn check_roles(messages: &[Value]) -> Result<(), FormatError> {
    let roles = messages.iter().filter_map(|m| m["role"].as_str());
    let mut previous: Option<&str> = None;
    for role in roles {
        if previous == Some(role) {
            return Err(refused(
                format!(
                    "messages: roles must alternate between \"user\" and \"assistant\", but found multiple \"{role}\" roles in a row"
                ),
                "Merge the two messages into one, or put a message of the other role between them.",
            ));
        }
        previous = Some(role);
    }
    Ok(())
}

fn check_attachment_count(messages: &[Value]) -> Result<(), FormatError> {
    let count = |kind: &str| {
        messages
            .iter()
            .flat_map(blocks)
            .filter(|b| b["type"] == kind)
            .count()
    };
    let (images, documents) = (count("image"), count("document"));
    if images + documents > MAX_IMAGES_AND_DOCUMENTS {
        return Err(refused(
            format!(
                "too many images and documents: {images} + {documents} > {MAX_IMAGES_AND_DOCUMENTS}"
            ),
            "Claude takes at most 20 images and documents in one request: remove some, or send them over several turns.",
        ));
    }
    Ok(())
}

fn check_thinking(body: &Value) -> Result<(), FormatError> {
    let thinking = &body["thinking"];
    if thinking["type"] != "enabled" {
        return Ok(());
    }
    let budget = thinking["budget_tokens"].as_u64().unwrap_or_default();
    if budget < MIN_THINKING_BUDGET {
        return Err(refused(
            "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024",
            "Give thinking a budget_tokens of at least 1024.",
        ));
    }
    if body["max_tokens"].as_u64().is_some_and(|max| max <= budget) {
        return Err(refused(
            MAX_TOKENS_BELOW_BUDGET,
            "The thinking budget is part of max_tokens: raise max_tokens above budget_tokens, or lower the budget.",
        ));
    }
    if body
        .get("temperature")
        .is_some_and(|t| t.as_f64() != Some(1.0))
    {
        return Err(refused(
            "temperature may only be set to 1 when thinking is enabled.",
            "Remove temperature (or set it to 1) while thinking is on.",
        ));
    }
    for key in ["top_p", "top_k"] {
        if body.get(key).is_some() {
            return Err(refused(
                format!("{key} must be unset when thinking is enabled."),
                "Remove top_p and top_k while thinking is on.",
            ));
        }
    }
    if matches!(body["tool_choice"]["type"].as_str(), Some("any" | "tool")) {
        return Err(refused(
            "Thinking may not be enabled when tool_choice forces tool use.",
            "Use tool_choice {\"type\": \"auto\"} (or none) while thinking is on.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::check;

    fn body(messages: Value) -> Value {
        json!({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 2048, "messages": messages})
    }

    fn user(text: &str) -> Value {
        json!({"role": "user", "content": [{"type": "text", "text": text}]})
    }

    fn refusal(body: &Value) -> String {
        check(body).expect_err("refused").message
    }

    #[test]
    fn blank_text_is_refused_in_claudes_words() {
        assert_eq!(
            refusal(&body(json!([user("")]))),
            "messages: text content blocks must be non-empty"
        );
        assert_eq!(
            refusal(&body(json!([user(" \n")]))),
            "messages: text content blocks must contain non-whitespace text"
        );
        assert!(check(&body(json!([user("hi")]))).is_ok());
    }

    #[test]
    fn roles_must_alternate() {
        assert_eq!(
            refusal(&body(json!([user("a"), user("b")]))),
            "messages: roles must alternate between \"user\" and \"assistant\", but found multiple \"user\" roles in a row"
        );
    }

    #[test]
    fn at_most_twenty_images_and_documents() {
        let image = json!({"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AA=="}});
        let mut content = vec![image; 21];
        content.push(json!({"type": "text", "text": "what are these?"}));
        let message = json!([{"role": "user", "content": content}]);
        assert_eq!(
            refusal(&body(message)),
            "too many images and documents: 21 + 0 > 20"
        );
    }

    #[test]
    fn thinking_takes_no_sampling_controls_and_a_budget_that_fits() {
        let thinking = |extra: Value| {
            let mut b = body(json!([user("hi")]));
            b["thinking"] = json!({"type": "enabled", "budget_tokens": 1024});
            for (k, v) in extra.as_object().unwrap() {
                b[k] = v.clone();
            }
            b
        };
        assert!(check(&thinking(json!({"temperature": 1}))).is_ok());
        assert_eq!(
            refusal(&thinking(json!({"temperature": 0.7}))),
            "temperature may only be set to 1 when thinking is enabled."
        );
        assert_eq!(
            refusal(&thinking(json!({"top_p": 0.9}))),
            "top_p must be unset when thinking is enabled."
        );
        assert_eq!(
            refusal(&thinking(json!({"top_k": 5}))),
            "top_k must be unset when thinking is enabled."
        );
        assert_eq!(
            refusal(&thinking(
                json!({"thinking": {"type": "enabled", "budget_tokens": 512}})
            )),
            "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024"
        );
        assert!(
            refusal(&thinking(json!({"max_tokens": 1024})))
                .starts_with("`max_tokens` must be greater than `thinking.budget_tokens`.")
        );
        assert_eq!(
            refusal(&thinking(json!({"tool_choice": {"type": "any"}}))),
            "Thinking may not be enabled when tool_choice forces tool use."
        );
    }
}
