//! Prompt caching: a `cachePoint` sent to a model without prompt caching is refused as a
//! matter of access, not of shape.

use serde_json::{Map, Value};

use super::blocks;
use crate::catalogue::ModelEntry;
use crate::wire::error::{ApiError, ApiResult, ErrorKind};

/// As real Bedrock answers it (cline#2064, microsoft/vscode#296675; AccessDeniedException for
/// Llama, strands-agents/harness-sdk#1807).
pub const UNSUPPORTED: &str = "You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.";

pub fn check(
    request: &Map<String, Value>,
    messages: &[Value],
    model: &ModelEntry,
) -> ApiResult<()> {
    if model.capabilities.prompt_caching || !has_cache_point(request, messages) {
        return Ok(());
    }
    Err(ApiError::new(ErrorKind::AccessDenied, UNSUPPORTED))
}

fn has_cache_point(request: &Map<String, Value>, messages: &[Value]) -> bool {
    let system = request.get("system").and_then(Value::as_array);
    let tools = request
        .get("toolConfig")
        .and_then(|config| config.get("tools"))
        .and_then(Value::as_array);
    system
        .into_iter()
        .chain(tools)
        .flatten()
        .chain(messages.iter().flat_map(blocks))
        .any(|block| block.get("cachePoint").is_some())
}
