//! Native `InvokeModel` formats, one module per model family.

use serde_json::Value;

use crate::catalogue::{Family, ModelEntry};
use crate::generation::{Generation, Prompt};
use crate::wire::error::{ApiError, ApiResult};

/// What `amazon-bedrock-invocationMetrics` reports on the last native stream chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvocationMetrics {
    pub input_tokens: u32,
    pub output_tokens: u32,
    pub invocation_latency_ms: u64,
    pub first_byte_latency_ms: u64,
}

/// One family's native request and response format.
pub trait NativeFormat: Sync {
    /// Parse and validate a native request body, with Bedrock's "Malformed input request" errors.
    fn parse(&self, body: &Value, model: &ModelEntry) -> ApiResult<Prompt>;
    /// The native InvokeModel response body.
    fn response(&self, model: &ModelEntry, generation: &Generation) -> Value;
    /// The native chunks of InvokeModelWithResponseStream, in order.
    fn stream_chunks(
        &self,
        model: &ModelEntry,
        generation: &Generation,
        metrics: &InvocationMetrics,
    ) -> Vec<Value>;
    /// The native keys Converse accepts in `additionalModelRequestFields`.
    fn additional_fields(&self) -> &'static [&'static str];
}

/// The text-generation format of a family; embedding families have none.
pub fn format_of(family: Family) -> Option<&'static dyn NativeFormat> {
    let _ = family;
    None
}

pub fn accepts_additional_field(family: Family, key: &str) -> bool {
    format_of(family).is_none_or(|format| format.additional_fields().contains(&key))
}

pub fn unsupported(model: &ModelEntry) -> ApiError {
    ApiError::validation(format!(
        "The model {} has no native text format in the emulator.",
        model.id
    ))
}
