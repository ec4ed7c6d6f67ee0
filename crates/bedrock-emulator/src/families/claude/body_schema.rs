//! Bedrock validates a Claude body against two schemas: the Messages API one, or, for a body
//! without `messages`, the legacy text-completion one. Its error texts show which: a Messages
//! body's violations follow the other schema's failure (`#: subject must not be valid against
//! schema {"required":["messages"]}`) and run on without separators; a text-completion body
//! gets its single violation, or just how many there are.

use serde_json::{Map, Value};

use crate::catalogue::ModelEntry;
use crate::wire::error::{ApiError, ApiResult};

const NOT_TEXT_COMPLETION: &str =
    "#: subject must not be valid against schema {\"required\":[\"messages\"]}";
const MALFORMED_START: &str = "Malformed input request: ";
const MALFORMED_END: &str = ", please reformat your input and try again.";

const TEXT_COMPLETION_KEYS: &[&str] = &[
    "prompt",
    "max_tokens_to_sample",
    "temperature",
    "top_p",
    "top_k",
    "stop_sequences",
    "anthropic_version",
];
const TEXT_COMPLETION_REQUIRED: &[&str] = &["prompt", "max_tokens_to_sample"];

pub fn is_messages_body(body: &Value) -> bool {
    body.get("messages").is_some()
}

/// The top-level violations of a Messages API body, all of them, in Bedrock's words.
pub fn check_messages_top_level(
    body: &Map<String, Value>,
    allowed: &[&str],
    required: &[&str],
) -> ApiResult<()> {
    let violations = violations(body, allowed, required);
    if violations.is_empty() {
        return Ok(());
    }
    Err(ApiError::malformed(format!(
        "{NOT_TEXT_COMPLETION}{}",
        violations.concat()
    )))
}

/// A schema error found deeper in a Messages API body, with the text-completion failure first.
pub fn in_messages_branch(error: ApiError) -> ApiError {
    match error
        .message
        .strip_prefix(MALFORMED_START)
        .and_then(|rest| rest.strip_suffix(MALFORMED_END))
    {
        Some(detail) => ApiError::malformed(format!("{NOT_TEXT_COMPLETION}{detail}")),
        None => error,
    }
}

/// A body without `messages`: Claude 3 and later do not take text completions at all.
pub fn reject_text_completion(body: &Map<String, Value>, model: &ModelEntry) -> ApiError {
    let violations = violations(body, TEXT_COMPLETION_KEYS, TEXT_COMPLETION_REQUIRED);
    match violations.as_slice() {
        [] => ApiError::validation(format!(
            "\"{}\" is not supported on this API. Please use the Messages API instead.",
            api_model_name(model.id)
        )),
        [only] => ApiError::malformed(only),
        many => ApiError::validation(format!(
            "{MALFORMED_START}{} schema violations found{MALFORMED_END}",
            many.len()
        )),
    }
}

fn violations(body: &Map<String, Value>, allowed: &[&str], required: &[&str]) -> Vec<String> {
    let extraneous = body
        .keys()
        .filter(|key| !allowed.contains(&key.as_str()))
        .map(|key| format!("#: extraneous key [{key}] is not permitted"));
    let missing = required
        .iter()
        .filter(|key| body.get(**key).is_none_or(Value::is_null))
        .map(|key| format!("#: required key [{key}] not found"));
    extraneous.chain(missing).collect()
}

/// `anthropic.claude-3-haiku-20240307-v1:0` is `claude-3-haiku-20240307` to Anthropic's API.
fn api_model_name(id: &str) -> &str {
    let name = id.strip_prefix("anthropic.").unwrap_or(id);
    match name.rfind("-v") {
        Some(at) if name[at + 2..].starts_with(|c: char| c.is_ascii_digit()) => &name[..at],
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_names_lose_the_bedrock_decoration() {
        assert_eq!(
            api_model_name("anthropic.claude-3-sonnet-20240229-v1:0"),
            "claude-3-sonnet-20240229"
        );
        assert_eq!(
            api_model_name("anthropic.claude-3-5-sonnet-20241022-v2:0"),
            "claude-3-5-sonnet-20241022"
        );
    }
}
