//! Tool use: the configuration it needs, what the model takes, and toolUse/toolResult pairing.

use serde_json::{Map, Value};

use super::{blocks, role};
use crate::catalogue::ModelEntry;
use crate::wire::error::{ApiError, ApiResult};

pub fn check(
    request: &Map<String, Value>,
    messages: &[Value],
    model: &ModelEntry,
    streaming: bool,
) -> ApiResult<()> {
    let config = request.get("toolConfig").filter(|c| !c.is_null());
    let has_tool_blocks = messages
        .iter()
        .flat_map(blocks)
        .any(|b| b.get("toolUse").is_some() || b.get("toolResult").is_some());
    if has_tool_blocks && config.is_none() {
        return Err(ApiError::validation(
            "The toolConfig field must be defined when using toolUse and toolResult content blocks.",
        ));
    }
    if let Some(config) = config {
        check_config(config, model, streaming)?;
    }
    for (index, message) in messages.iter().enumerate() {
        match role(message) {
            Some("assistant") => check_tool_uses(index, message)?,
            Some("user") => check_tool_results(index, messages, model)?,
            _ => {}
        }
    }
    Ok(())
}

fn check_config(config: &Value, model: &ModelEntry, streaming: bool) -> ApiResult<()> {
    // ConverseStream says so first, also to models with no tool use at all (Titan Text,
    // DeepSeek R1 in the reference's traffic).
    if streaming && !model.capabilities.streaming_tool_use {
        return Err(ApiError::validation(
            "This model doesn't support tool use in streaming mode.",
        ));
    }
    if !model.capabilities.tool_use {
        return Err(ApiError::validation("This model doesn't support tool use."));
    }
    let wants_any = config
        .get("toolChoice")
        .is_some_and(|choice| choice.get("any").is_some());
    if wants_any && !model.capabilities.tool_choice_any {
        return Err(ApiError::validation(
            "This model doesn't support the toolConfig.toolChoice.any field. Remove toolConfig.toolChoice.any and try again.",
        ));
    }
    Ok(())
}

fn tool_use_ids(message: &Value) -> Vec<&str> {
    blocks(message)
        .iter()
        .filter_map(|b| b.get("toolUse"))
        .filter_map(|u| u.get("toolUseId").and_then(Value::as_str))
        .collect()
}

fn tool_results(message: &Value) -> Vec<&Value> {
    blocks(message)
        .iter()
        .filter_map(|b| b.get("toolResult"))
        .collect()
}

fn check_tool_uses(index: usize, message: &Value) -> ApiResult<()> {
    let ids = tool_use_ids(message);
    let mut duplicates: Vec<&str> = Vec::new();
    for (position, id) in ids.iter().enumerate() {
        if ids[..position].contains(id) && !duplicates.contains(id) {
            duplicates.push(id);
        }
    }
    if duplicates.is_empty() {
        return Ok(());
    }
    Err(ApiError::validation(format!(
        "The toolUse blocks at messages.{index}.content contain duplicate Ids: {}",
        duplicates.join(", ")
    )))
}

fn check_tool_results(index: usize, messages: &[Value], model: &ModelEntry) -> ApiResult<()> {
    let message = &messages[index];
    let results = tool_results(message);
    for (position, block) in blocks(message).iter().enumerate() {
        check_result_json(index, position, block)?;
    }
    let asked = index
        .checked_sub(1)
        .map(|previous| tool_use_ids(&messages[previous]))
        .unwrap_or_default();
    let answered: Vec<&str> = results
        .iter()
        .filter_map(|r| r.get("toolUseId").and_then(Value::as_str))
        .collect();
    let missing: Vec<&str> = asked
        .iter()
        .copied()
        .filter(|id| !answered.contains(id))
        .collect();
    if !missing.is_empty() {
        return Err(ApiError::validation(format!(
            "Expected toolResult blocks at messages.{index}.content for the following Ids: {}",
            missing.join(", ")
        )));
    }
    if results.len() > asked.len() {
        return Err(ApiError::validation(format!(
            "The number of toolResult blocks at messages.{index}.content exceeds the number of toolUse blocks of previous turn."
        )));
    }
    let mixes = !results.is_empty() && results.len() < blocks(message).len();
    if mixes && !model.capabilities.mixes_tool_results_with_content {
        return Err(ApiError::validation(format!(
            "messages.{index}.content: Conversation blocks and tool result blocks cannot be provided in the same turn."
        )));
    }
    Ok(())
}

fn check_result_json(index: usize, position: usize, block: &Value) -> ApiResult<()> {
    let Some(content) = block
        .get("toolResult")
        .and_then(|r| r.get("content"))
        .and_then(Value::as_array)
    else {
        return Ok(());
    };
    for (item, part) in content.iter().enumerate() {
        if part.get("json").is_some_and(|json| !json.is_object()) {
            return Err(ApiError::validation(format!(
                "The format of the value at messages.{index}.content.{position}.toolResult.content.{item}.json is invalid. Provide a json object for the field and try again."
            )));
        }
    }
    Ok(())
}
