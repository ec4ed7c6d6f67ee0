//! The model's own limits on inference parameters.

use serde_json::{Map, Value};

use crate::catalogue::ModelEntry;
use crate::wire::error::{ApiError, ApiResult};

pub fn check(request: &Map<String, Value>, model: &ModelEntry) -> ApiResult<()> {
    let Some(config) = request.get("inferenceConfig").and_then(Value::as_object) else {
        return Ok(());
    };
    let requested = config.get("maxTokens").and_then(Value::as_u64);
    if let (Some(requested), Some(limit)) = (requested, model.capabilities.max_output_tokens)
        && requested > u64::from(limit)
    {
        return Err(ApiError::validation(format!(
            "The maximum tokens you requested exceeds the model limit of {limit}. Try again with a maximum tokens value that is lower than {limit}."
        )));
    }
    let has_stops = config
        .get("stopSequences")
        .and_then(Value::as_array)
        .is_some_and(|stops| !stops.is_empty());
    if has_stops && !model.capabilities.stop_sequences {
        return Err(ApiError::validation(
            "This model doesn't support the stopSequences field. Remove stopSequences and try again.",
        ));
    }
    Ok(())
}
