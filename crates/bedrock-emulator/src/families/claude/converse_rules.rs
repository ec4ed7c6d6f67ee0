//! Claude's thinking rules on the Converse path: `additionalModelRequestFields.thinking`, the
//! inference settings, and the reasoning blocks sent back in `messages`.

use serde_json::{Map, Value};

use super::thinking::{self, Settings};
use super::turns;
use crate::catalogue::ModelEntry;
use crate::generation::{Prompt, ToolChoice};
use crate::wire::error::{ApiError, ApiResult};

/// How Converse relays an error of the model's own validator.
pub fn model_error(message: impl std::fmt::Display) -> ApiError {
    ApiError::validation(format!(
        "The model returned the following errors: {message}"
    ))
}

/// A key of `additionalModelRequestFields` that Claude's own validator does not know. Claude 3
/// models answer with Bedrock's schema text (litellm#7416), Claude 4 models as Anthropic's API
/// does (litellm#13825, #13609).
pub fn unknown_field(model: &ModelEntry, key: &str) -> ApiError {
    if is_claude_4_or_later(model) {
        model_error(format!("{key}: Extra inputs are not permitted"))
    } else {
        model_error(
            ApiError::malformed(format!("#: extraneous key [{key}] is not permitted")).message,
        )
    }
}

/// Claude 4 and later are named by tier first: `anthropic.claude-sonnet-4-...`.
fn is_claude_4_or_later(model: &ModelEntry) -> bool {
    model
        .id
        .strip_prefix("anthropic.claude-")
        .is_some_and(|name| {
            ["sonnet-", "opus-", "haiku-"]
                .iter()
                .any(|tier| name.starts_with(tier))
        })
}

/// The reasoning budget a Converse request turns on, after Claude's checks.
pub fn reasoning_budget(
    fields: &Map<String, Value>,
    prompt: &Prompt,
    messages: Option<&Value>,
) -> ApiResult<Option<u32>> {
    let messages = messages
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    check_cache_points(messages)?;
    let Some(config) = fields.get("thinking") else {
        return Ok(None);
    };
    if config.get("type").and_then(Value::as_str) != Some("enabled") {
        return Ok(None);
    }
    let budget_tokens = config
        .get("budget_tokens")
        .and_then(Value::as_u64)
        .unwrap_or(thinking::MIN_BUDGET);
    let settings = Settings {
        budget_tokens,
        max_tokens: prompt.max_tokens,
        temperature: prompt.temperature,
        top_p: prompt.top_p,
        top_k_set: fields.get("top_k").is_some_and(|v| !v.is_null()),
        forces_tool_use: matches!(prompt.tool_choice, ToolChoice::Any | ToolChoice::Tool(_)),
    };
    thinking::check_settings(&settings).map_err(model_error)?;
    thinking::check_turns(&turns::from_converse(messages)).map_err(model_error)?;
    Ok(Some(u32::try_from(budget_tokens).unwrap_or(u32::MAX)))
}

/// A cache point marks the block before it, which may not be a reasoning block.
fn check_cache_points(messages: &[Value]) -> ApiResult<()> {
    let after_reasoning = messages
        .iter()
        .filter_map(|message| message.get("content").and_then(Value::as_array))
        .any(|blocks| {
            blocks.windows(2).any(|pair| {
                pair[0].get("reasoningContent").is_some() && pair[1].get("cachePoint").is_some()
            })
        });
    if after_reasoning {
        return Err(ApiError::validation(
            "Cache point cannot be inserted after reasoning block. Please remove the invalid cache point and try again.",
        ));
    }
    Ok(())
}
