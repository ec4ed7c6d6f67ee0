//! Reading a native Claude body into a [`Prompt`]: the schema first, then Claude's own rules.

use serde_json::Value;

use super::content::{parse_message, parse_system, parse_tool_choice, parse_tools};
use super::thinking::{self, Settings};
use super::{body_schema, content_rules, turns};
use crate::catalogue::ModelEntry;
use crate::families::schema::{self, Fields};
use crate::generation::{Prompt, ToolChoice};
use crate::wire::error::{ApiError, ApiResult};

pub const ANTHROPIC_VERSION: &str = "bedrock-2023-05-31";

const TOP_LEVEL: &[&str] = &[
    "anthropic_version",
    "anthropic_beta",
    "max_tokens",
    "messages",
    "system",
    "temperature",
    "top_p",
    "top_k",
    "stop_sequences",
    "tools",
    "tool_choice",
    "thinking",
    "metadata",
];
const REQUIRED: &[&str] = &["anthropic_version", "max_tokens", "messages"];

/// What the schema pass leaves for Claude's own rules.
struct Parsed {
    prompt: Prompt,
    version: String,
    budget_tokens: Option<u64>,
    top_k_set: bool,
}

pub fn parse_body(body: &Value, model: &ModelEntry) -> ApiResult<Prompt> {
    let Some(object) = body.as_object() else {
        return Err(ApiError::malformed(format!(
            "#: expected type: JSONObject, found: {}",
            schema::type_name(body)
        )));
    };
    if !body_schema::is_messages_body(body) {
        return Err(body_schema::reject_text_completion(object, model));
    }
    body_schema::check_messages_top_level(object, TOP_LEVEL, REQUIRED)?;
    let parsed = parse_schema(body, model).map_err(body_schema::in_messages_branch)?;
    if parsed.version != ANTHROPIC_VERSION {
        return Err(ApiError::validation(format!(
            "Invalid API version: {}",
            parsed.version
        )));
    }
    let mut prompt = parsed.prompt;
    if let Some(budget_tokens) = parsed.budget_tokens {
        let settings = Settings {
            budget_tokens,
            max_tokens: prompt.max_tokens,
            temperature: prompt.temperature,
            top_p: prompt.top_p,
            top_k_set: parsed.top_k_set,
            forces_tool_use: matches!(prompt.tool_choice, ToolChoice::Any | ToolChoice::Tool(_)),
        };
        thinking::check_settings(&settings).map_err(ApiError::validation)?;
    }
    let messages = body["messages"].as_array().map_or(&[][..], Vec::as_slice);
    let turns = turns::from_native(messages);
    content_rules::check(&turns).map_err(ApiError::validation)?;
    if parsed.budget_tokens.is_some() {
        thinking::check_turns(&turns).map_err(ApiError::validation)?;
    }
    prompt.reasoning_budget = parsed
        .budget_tokens
        .map(|budget| u32::try_from(budget).unwrap_or(u32::MAX));
    Ok(prompt)
}

fn parse_schema(body: &Value, model: &ModelEntry) -> ApiResult<Parsed> {
    let fields = Fields::root(body, TOP_LEVEL)?;
    let version = fields.required_string("anthropic_version")?.to_owned();
    let mut prompt = Prompt {
        max_tokens: Some(fields.required_integer("max_tokens", 1, 128_000)?),
        temperature: fields.number("temperature", 0.0, 1.0)?,
        top_p: fields.number("top_p", 0.0, 1.0)?,
        stop_sequences: fields.strings("stop_sequences", 8191)?,
        system: parse_system(fields.get("system"))?,
        ..Prompt::default()
    };
    let top_k_set = fields.integer("top_k", 0, 500)?.is_some();
    fields.strings("anthropic_beta", 64)?;
    let messages = fields.required_array("messages")?;
    if messages.is_empty() {
        return Err(ApiError::malformed(
            "#/messages: expected minimum item count: 1, found: 0",
        ));
    }
    for (index, message) in messages.iter().enumerate() {
        prompt.messages.push(parse_message(message, index, model)?);
    }
    if let Some(tools) = fields.array("tools")? {
        prompt.tools = parse_tools(tools)?;
    }
    if let Some(choice) = fields.get("tool_choice") {
        prompt.tool_choice = parse_tool_choice(choice, &prompt.tools)?;
    }
    let budget_tokens = match fields.get("thinking") {
        Some(thinking) => parse_thinking(thinking)?,
        None => None,
    };
    Ok(Parsed {
        prompt,
        version,
        budget_tokens,
        top_k_set,
    })
}

/// The budget of `thinking: {"type": "enabled"}`; Claude's rules judge it later.
fn parse_thinking(thinking: &Value) -> ApiResult<Option<u64>> {
    let fields = Fields::object_at(thinking, "#/thinking", &["type", "budget_tokens"])?;
    match fields.required_string("type")? {
        "disabled" => Ok(None),
        "enabled" => Ok(Some(u64::from(fields.required_integer(
            "budget_tokens",
            0,
            u32::MAX,
        )?))),
        other => Err(ApiError::malformed(format!(
            "#/thinking/type: {other} is not a valid enum value"
        ))),
    }
}
