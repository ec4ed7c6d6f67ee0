//! Reading JSON request bodies with Bedrock's errors.

use bytes::Bytes;
use serde_json::Value;

use crate::wire::error::{ApiError, ApiResult};

/// Parse a REST-JSON request body; an empty body is an empty object.
pub fn json_body(bytes: &Bytes) -> ApiResult<Value> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Default::default()));
    }
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::validation(format!("The request body is not valid JSON: {e}")))?;
    if !value.is_object() {
        return Err(ApiError::validation(
            "The request body must be a JSON object.",
        ));
    }
    Ok(value)
}
