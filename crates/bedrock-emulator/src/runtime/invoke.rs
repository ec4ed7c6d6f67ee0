//! InvokeModel and InvokeModelWithResponseStream: native bodies in, native bodies (or chunks) out.

use std::time::{Duration, Instant};

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::HeaderValue;
use axum::response::Response;
use base64::Engine;
use bytes::Bytes;
use serde_json::{Value, json};

use super::converse::shape_for;
use crate::catalogue::ModelEntry;
use crate::context::RequestContext;
use crate::embeddings;
use crate::families::{self, InvocationMetrics, NativeFormat};
use crate::generation::{Generation, Prompt, generate};
use crate::state::SharedState;
use crate::wire::error::{ApiError, ApiResult, ErrorKind};
use crate::wire::eventstream::Frame;
use crate::wire::response::{self, FrameStream};

/// The largest body InvokeModel takes (the service model's `Body` shape).
pub const MAX_BODY_BYTES: usize = 25_000_000;

const INPUT_TOKENS_HEADER: &str = "x-amzn-bedrock-input-token-count";
const OUTPUT_TOKENS_HEADER: &str = "x-amzn-bedrock-output-token-count";
const LATENCY_HEADER: &str = "x-amzn-bedrock-invocation-latency";
const STREAM_CONTENT_TYPE_HEADER: &str = "x-amzn-bedrock-content-type";

/// The exception members of the `ResponseStream` union.
const RESPONSE_STREAM_EXCEPTIONS: [ErrorKind; 6] = [
    ErrorKind::InternalServer,
    ErrorKind::ModelStreamError,
    ErrorKind::Validation,
    ErrorKind::Throttling,
    ErrorKind::ModelTimeout,
    ErrorKind::ServiceUnavailable,
];

pub async fn invoke_model(
    State(state): State<SharedState>,
    Extension(context): Extension<RequestContext>,
    Path(model_id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let started = Instant::now();
    let model = state.catalogue.resolve(&model_id, context.region())?.model;
    let body = native_body(&body)?;
    if model.family.is_embedding() {
        let embedded = embeddings::invoke(model.family, &body)?;
        let mut response = response::json(&embedded.body);
        set_header(&mut response, INPUT_TOKENS_HEADER, embedded.input_tokens);
        set_header(&mut response, LATENCY_HEADER, latency_ms(started));
        return Ok(response);
    }
    let invocation = Invocation::prepare(&model, &context, &body)?;
    let native = invocation
        .format
        .response(&model, &invocation.prompt, &invocation.generation);
    let mut response = response::json(&native);
    set_header(
        &mut response,
        INPUT_TOKENS_HEADER,
        invocation.generation.input_tokens,
    );
    set_header(
        &mut response,
        OUTPUT_TOKENS_HEADER,
        invocation.generation.output_tokens(),
    );
    set_header(&mut response, LATENCY_HEADER, latency_ms(started));
    Ok(response)
}

pub async fn invoke_model_with_response_stream(
    State(state): State<SharedState>,
    Extension(context): Extension<RequestContext>,
    Path(model_id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let started = Instant::now();
    let model = state.catalogue.resolve(&model_id, context.region())?.model;
    let body = native_body(&body)?;
    if !model.streaming() {
        return Err(ApiError::validation(
            "The model is unsupported for streaming.",
        ));
    }
    let invocation = Invocation::prepare(&model, &context, &body)?;
    let pace = context.behaviour.pace.unwrap_or(state.config.pace);
    let chunks = invocation.chunks(&model, started, pace);
    let frames: Vec<Frame> = chunks.iter().map(chunk_frame).collect();
    let interruption = context
        .behaviour
        .interruption(frames.len(), &RESPONSE_STREAM_EXCEPTIONS);
    Ok(FrameStream::new(frames, pace)
        .interrupted(interruption)
        .into_response(&[(STREAM_CONTENT_TYPE_HEADER, "application/json".to_owned())]))
}

/// A parsed native request and what the emulated model made of it.
pub struct Invocation {
    pub format: &'static dyn NativeFormat,
    pub prompt: Prompt,
    pub generation: Generation,
}

impl Invocation {
    pub fn prepare(model: &ModelEntry, context: &RequestContext, body: &Value) -> ApiResult<Self> {
        let format = families::format_for_body(model.family, body)
            .ok_or_else(|| families::unsupported(model))?;
        let prompt = format.parse(body, model)?;
        let generation = generate(model.name, &prompt, &shape_for(model, context));
        Ok(Self {
            format,
            prompt,
            generation,
        })
    }

    /// The native chunks, the last carrying latencies as the paced stream will show them.
    fn chunks(&self, model: &ModelEntry, started: Instant, pace: Duration) -> Vec<Value> {
        let mut metrics = InvocationMetrics {
            input_tokens: self.generation.input_tokens,
            output_tokens: self.generation.output_tokens(),
            invocation_latency_ms: 0,
            first_byte_latency_ms: 0,
        };
        let count = self
            .format
            .stream_chunks(model, &self.prompt, &self.generation, &metrics)
            .len() as u64;
        let first_byte = latency_ms(started);
        metrics.first_byte_latency_ms = first_byte;
        metrics.invocation_latency_ms =
            first_byte + pace.as_millis() as u64 * count.saturating_sub(1);
        self.format
            .stream_chunks(model, &self.prompt, &self.generation, &metrics)
    }
}

/// The body as JSON, whatever the Content-Type says, as Bedrock reads it.
pub fn native_body(bytes: &[u8]) -> ApiResult<Value> {
    if bytes.len() > MAX_BODY_BYTES {
        return Err(ApiError::validation(format!(
            "1 validation error detected: Value at 'body' failed to satisfy constraint: Member must have length less than or equal to {MAX_BODY_BYTES}"
        )));
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value) if value.is_object() => Ok(value),
        _ => Err(ApiError::malformed(
            "A JSONObject text must begin with '{' at 1 [character 2 line 1]",
        )),
    }
}

fn chunk_frame(chunk: &Value) -> Frame {
    let bytes = base64::engine::general_purpose::STANDARD.encode(chunk.to_string());
    Frame::event("chunk", json!({ "bytes": bytes }))
}

fn latency_ms(started: Instant) -> u64 {
    (started.elapsed().as_millis() as u64).max(1)
}

fn set_header(response: &mut Response, name: &'static str, value: impl ToString) {
    if let Ok(value) = HeaderValue::from_str(&value.to_string()) {
        response.headers_mut().insert(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_json_objects_of_at_most_25_mb() {
        assert!(native_body(br#"{"prompt":"x"}"#).is_ok());
        let err = native_body(b"prompt=x").unwrap_err();
        assert!(
            err.message.starts_with("Malformed input request: "),
            "{}",
            err.message
        );
        assert!(native_body(b"[1]").is_err());
        let big = vec![b' '; MAX_BODY_BYTES + 1];
        assert!(native_body(&big).unwrap_err().message.contains("25000000"));
    }
}
