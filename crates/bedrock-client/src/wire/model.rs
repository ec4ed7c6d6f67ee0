//! What one HTTP exchange with AWS looked like on the wire, secrets already redacted.

use serde::Serialize;

/// One attempt of one SDK call: the request as signed and sent, and the response as received.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireExchange {
    pub id: u32,
    /// The SDK operation, e.g. `ConverseStream`.
    pub operation: Option<String>,
    /// The SDK service, e.g. `Bedrock Runtime`.
    pub service: Option<String>,
    /// 1 for the first attempt; retries of the same call count up.
    pub attempt: u32,
    pub method: String,
    pub url: String,
    pub region: Option<String>,
    /// The model ID, inference-profile ID or ARN from the `/model/{id}/…` path, percent-decoded.
    pub model_id: Option<String>,
    pub request_headers: Vec<WireHeader>,
    /// `None` when the SDK sent the body as a stream it produced on the fly.
    pub request_body: Option<CapturedBody>,
    pub response: Option<WireResponse>,
    /// Why the attempt failed, as the SDK reported it.
    pub error: Option<String>,
    pub timing: WireTiming,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireHeader {
    pub name: String,
    pub value: String,
}

/// Bytes shown as text when they are UTF-8, otherwise as base64.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CapturedBody {
    pub text: String,
    pub base64: bool,
    /// Only the first [`super::body::BODY_CAPTURE_LIMIT`] bytes are kept.
    pub truncated: bool,
    pub size_bytes: u32,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireResponse {
    pub status: u16,
    pub headers: Vec<WireHeader>,
    /// The body of an ordinary response; `None` for an event stream.
    pub body: Option<CapturedBody>,
    /// The decoded frames of an `application/vnd.amazon.eventstream` response, in arrival order.
    pub frames: Vec<EventFrame>,
    pub frame_count: u32,
    /// Frames past the capture limit were counted but not kept.
    pub frames_truncated: bool,
    pub body_state: BodyState,
    /// Why reading or decoding the body failed.
    pub body_error: Option<String>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BodyState {
    /// The SDK is still reading it.
    Receiving,
    Complete,
    /// The SDK stopped reading before the end, e.g. a cancelled stream.
    Abandoned,
    Failed,
}

/// One event-stream message.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventFrame {
    /// Milliseconds from sending the request to the arrival of the frame's last byte.
    pub at_ms: f64,
    pub event_type: Option<String>,
    pub message_type: Option<String>,
    pub content_type: Option<String>,
    pub exception_type: Option<String>,
    pub payload: CapturedBody,
    /// An InvokeModelWithResponseStream `chunk`'s base64 `bytes`, decoded to the model's JSON.
    pub decoded_chunk: Option<String>,
}

/// Milliseconds are counted from handing the signed request to the HTTP client.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireTiming {
    /// RFC 3339, UTC.
    pub started_at: String,
    pub response_headers_ms: Option<f64>,
    pub first_byte_ms: Option<f64>,
    /// Until the last byte of the response body, or the failure.
    pub total_ms: Option<f64>,
}
