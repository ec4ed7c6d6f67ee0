//! Bedrock's own checks of a Converse request, in the order Bedrock applies them: the service
//! model's member constraints, then the conversation's structure, tools, model limits, media and prompt caching.

mod caching;
mod constraints;
mod context;
mod limits;
mod media;
mod messages;
mod tools;

use serde_json::{Map, Value};

use crate::catalogue::ModelEntry;
use crate::wire::error::ApiResult;

pub use context::check as check_context;

/// Every rule of Converse, ConverseStream (`streaming`) and CountTokens.
pub fn check(request: &Map<String, Value>, model: &ModelEntry, streaming: bool) -> ApiResult<()> {
    constraints::check(request)?;
    let messages = messages_of(request);
    messages::check(messages)?;
    tools::check(request, messages, model, streaming)?;
    limits::check(request, model)?;
    media::check(messages, model)?;
    caching::check(request, messages, model)
}

fn messages_of(request: &Map<String, Value>) -> &[Value] {
    request
        .get("messages")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// The content blocks of a message, empty when it has none.
fn blocks(message: &Value) -> &[Value] {
    message
        .get("content")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

fn role(message: &Value) -> Option<&str> {
    message.get("role").and_then(Value::as_str)
}
