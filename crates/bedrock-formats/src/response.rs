//! What a native response or stream chunk says, read the same way for every family.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::embedding;
use crate::families::text_format;
use crate::family::Family;
use crate::json::count_at;

/// A whole response, read leniently: what a body does not carry stays `None` (or empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParsedResponse {
    pub text: String,
    /// Reasoning the format keeps apart from the answer (Claude thinking, Converse reasoning).
    pub reasoning: Option<String>,
    /// The stop reason in the format's own words (`end_turn`, `stop`, `FINISH`, `COMPLETE`).
    pub stop_reason: Option<String>,
    pub input_tokens: Option<u32>,
    pub output_tokens: Option<u32>,
}

/// What one InvokeModelWithResponseStream chunk adds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChunkText {
    pub text_delta: Option<String>,
    pub reasoning_delta: Option<String>,
    pub stop_reason: Option<String>,
    pub input_tokens: Option<u32>,
    /// Output tokens so far, or in all when the chunk is the last.
    pub output_tokens: Option<u32>,
}

/// Read a native InvokeModel response body of `family`.
pub fn parse_native_response(family: Family, body: &Value) -> ParsedResponse {
    match text_format(family) {
        Some(format) => format.parse_response(body),
        None => embedding::parse_response(family, body),
    }
}

/// Read one native stream chunk of `family` (the chunk's `bytes`, already decoded to JSON).
pub fn parse_native_stream_chunk(family: Family, chunk: &Value) -> ChunkText {
    let mut parsed = text_format(family)
        .map(|format| format.parse_chunk(chunk))
        .unwrap_or_default();
    // Bedrock puts the invocation metrics on the last chunk of every family.
    let metrics = "/amazon-bedrock-invocationMetrics";
    parsed.input_tokens = parsed
        .input_tokens
        .or_else(|| count_at(chunk, &format!("{metrics}/inputTokenCount")));
    parsed.output_tokens = parsed
        .output_tokens
        .or_else(|| count_at(chunk, &format!("{metrics}/outputTokenCount")));
    parsed
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn invocation_metrics_fill_missing_usage() {
        let chunk = json!({
            "outputs": [{"text": "", "stop_reason": "stop"}],
            "amazon-bedrock-invocationMetrics": {
                "inputTokenCount": 12, "outputTokenCount": 40,
                "invocationLatency": 900, "firstByteLatency": 200
            }
        });
        let parsed = parse_native_stream_chunk(Family::MistralText, &chunk);
        assert_eq!(parsed.stop_reason.as_deref(), Some("stop"));
        assert_eq!(parsed.text_delta, None);
        assert_eq!(
            (parsed.input_tokens, parsed.output_tokens),
            (Some(12), Some(40))
        );
    }
}
