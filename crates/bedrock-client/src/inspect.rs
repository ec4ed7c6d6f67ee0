//! The inspector's native call: a hand-checked InvokeModel body sent with response streaming,
//! its chunks read back per model family.

use std::time::Instant;

use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::primitives::Blob;
use aws_sdk_bedrockruntime::types::ResponseStream;
use bedrock_formats::{FormatError, family_of, parse_native_stream_chunk, validate_native_body};
use serde::Serialize;
use serde_json::Value;

use crate::error::{ClientError, ErrorCode, from_invoke_stream_error};

/// What the native call came to.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NativeRun {
    pub text: String,
    pub reasoning: String,
    pub stop_reason: Option<String>,
    pub input_tokens: Option<u32>,
    pub output_tokens: Option<u32>,
    pub chunk_count: u32,
    pub time_to_first_chunk_ms: Option<u32>,
    pub total_ms: u32,
}

fn format_error(error: FormatError) -> ClientError {
    ClientError::new(ErrorCode::InvalidRequest, error.message).with_hint(error.hint)
}

/// Check `body_json` against the model's family, then send it with InvokeModelWithResponseStream.
pub async fn run_native(
    client: &Client,
    model_id: &str,
    body_json: &str,
) -> Result<NativeRun, ClientError> {
    let family = family_of(model_id).ok_or_else(|| {
        ClientError::new(
            ErrorCode::InvalidRequest,
            format!("No native body format is known for {model_id}."),
        )
    })?;
    let body: Value = serde_json::from_str(body_json).map_err(|e| {
        ClientError::new(
            ErrorCode::InvalidRequest,
            format!("The native body is not valid JSON: {e}."),
        )
        .with_hint("Fix the JSON in the right-hand pane; Regenerate rebuilds it from the prompt.")
    })?;
    validate_native_body(family, &body).map_err(format_error)?;
    let started = Instant::now();
    let output = client
        .invoke_model_with_response_stream()
        .model_id(model_id)
        .content_type("application/json")
        .accept("application/json")
        .body(Blob::new(body_json.as_bytes().to_vec()))
        .send()
        .await
        .map_err(ClientError::from_sdk)?;
    let mut run = NativeRun::default();
    let mut stream = output.body;
    while let Some(event) = stream.recv().await.map_err(from_invoke_stream_error)? {
        let ResponseStream::Chunk(part) = event else {
            continue;
        };
        let Some(bytes) = part.bytes else { continue };
        run.chunk_count += 1;
        if run.time_to_first_chunk_ms.is_none() {
            run.time_to_first_chunk_ms = u32::try_from(started.elapsed().as_millis()).ok();
        }
        let Ok(chunk) = serde_json::from_slice::<Value>(bytes.as_ref()) else {
            continue;
        };
        let read = parse_native_stream_chunk(family, &chunk);
        run.text.push_str(read.text_delta.as_deref().unwrap_or(""));
        run.reasoning
            .push_str(read.reasoning_delta.as_deref().unwrap_or(""));
        run.stop_reason = read.stop_reason.or(run.stop_reason);
        run.input_tokens = read.input_tokens.or(run.input_tokens);
        run.output_tokens = read.output_tokens.or(run.output_tokens);
    }
    run.total_ms = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
    Ok(run)
}
