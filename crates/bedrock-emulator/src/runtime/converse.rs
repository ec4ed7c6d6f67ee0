//! Converse and ConverseStream.

use std::time::{Duration, Instant};

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::Response;
use bytes::Bytes;
use serde_json::{Map, Value, json};

use super::body::json_body;
use super::converse_request::{self, ConverseRequest};
use crate::catalogue::{Family, ModelEntry};
use crate::context::RequestContext;
use crate::families;
use crate::generation::{Generation, Shape, generate};
use crate::state::SharedState;
use crate::wire::error::{ApiResult, ErrorKind};
use crate::wire::eventstream::Frame;
use crate::wire::response::{self, FrameStream};

/// The exception members of the `ConverseStreamOutput` union.
const CONVERSE_STREAM_EXCEPTIONS: [ErrorKind; 5] = [
    ErrorKind::InternalServer,
    ErrorKind::ModelStreamError,
    ErrorKind::Validation,
    ErrorKind::Throttling,
    ErrorKind::ServiceUnavailable,
];

struct Prepared {
    model: ModelEntry,
    request: ConverseRequest,
    generation: Generation,
}

/// Whether the request came in on ConverseStream, which refuses more than Converse does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Operation {
    Converse,
    ConverseStream,
}

fn prepare(
    state: &SharedState,
    context: &RequestContext,
    model_id: &str,
    body: &Bytes,
    operation: Operation,
) -> ApiResult<Prepared> {
    let resolved = state.catalogue.resolve(model_id, context.region())?;
    let body = json_body(body)?;
    let streaming = operation == Operation::ConverseStream;
    let request = converse_request::parse(&body, &resolved.model, streaming)?;
    let generation = generate(
        resolved.model.name,
        &request.prompt,
        &shape_for(&resolved.model, context),
    );
    Ok(Prepared {
        model: resolved.model,
        request,
        generation,
    })
}

pub fn shape_for(model: &ModelEntry, context: &RequestContext) -> Shape {
    Shape {
        output_tokens: context.behaviour.output_tokens,
        always_reasons: model.family == Family::DeepSeek,
    }
}

pub async fn converse(
    State(state): State<SharedState>,
    Extension(context): Extension<RequestContext>,
    Path(model_id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let started = Instant::now();
    let prepared = prepare(&state, &context, &model_id, &body, Operation::Converse)?;
    let generation = &prepared.generation;
    let mut content = Vec::new();
    if !generation.reasoning.is_empty() {
        content.push(json!({"reasoningContent": {"reasoningText": {
            "text": generation.reasoning_text(),
            "signature": generation.reasoning_signature,
        }}}));
    }
    if !generation.text.is_empty() {
        content.push(json!({"text": generation.text()}));
    }
    if let Some(call) = &generation.tool_call {
        content.push(
            json!({"toolUse": {"toolUseId": call.id, "name": call.name, "input": call.input}}),
        );
    }
    let mut body = json!({
        "output": {"message": {"role": "assistant", "content": content}},
        "stopReason": generation.stop_reason.converse(),
        "usage": usage(generation),
        "metrics": {"latencyMs": started.elapsed().as_millis() as u64},
    });
    if let Some(fields) = additional_response_fields(&prepared) {
        body["additionalModelResponseFields"] = fields;
    }
    Ok(response::json(&body))
}

pub async fn converse_stream(
    State(state): State<SharedState>,
    Extension(context): Extension<RequestContext>,
    Path(model_id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let prepared = prepare(
        &state,
        &context,
        &model_id,
        &body,
        Operation::ConverseStream,
    )?;
    let pace = context.behaviour.pace.unwrap_or(state.config.pace);
    let frames = stream_frames(&prepared, pace);
    let interruption = context
        .behaviour
        .interruption(frames.len(), &CONVERSE_STREAM_EXCEPTIONS);
    Ok(FrameStream::new(frames, pace)
        .interrupted(interruption)
        .into_response(&[]))
}

fn usage(generation: &Generation) -> Value {
    let output = generation.output_tokens();
    json!({
        "inputTokens": generation.input_tokens,
        "outputTokens": output,
        "totalTokens": generation.input_tokens + output,
    })
}

fn stream_frames(prepared: &Prepared, pace: Duration) -> Vec<Frame> {
    let generation = &prepared.generation;
    let mut frames = vec![Frame::event(
        "messageStart",
        json!({"role": "assistant", "p": padding(0)}),
    )];
    let mut index = 0;
    if !generation.reasoning.is_empty() {
        for piece in &generation.reasoning {
            frames.push(delta(index, json!({"reasoningContent": {"text": piece}})));
        }
        if let Some(signature) = &generation.reasoning_signature {
            frames.push(delta(
                index,
                json!({"reasoningContent": {"signature": signature}}),
            ));
        }
        frames.push(Frame::event(
            "contentBlockStop",
            json!({"contentBlockIndex": index}),
        ));
        index += 1;
    }
    if !generation.text.is_empty() {
        for piece in &generation.text {
            frames.push(delta(index, json!({"text": piece})));
        }
        frames.push(Frame::event(
            "contentBlockStop",
            json!({"contentBlockIndex": index}),
        ));
        index += 1;
    }
    if let Some(call) = &generation.tool_call {
        frames.push(Frame::event(
            "contentBlockStart",
            json!({"contentBlockIndex": index, "start": {"toolUse": {"toolUseId": call.id, "name": call.name}}}),
        ));
        for fragment in generation.tool_input_fragments() {
            frames.push(delta(index, json!({"toolUse": {"input": fragment}})));
        }
        frames.push(Frame::event(
            "contentBlockStop",
            json!({"contentBlockIndex": index}),
        ));
    }
    let mut stop = json!({"stopReason": generation.stop_reason.converse()});
    if let Some(fields) = additional_response_fields(prepared) {
        stop["additionalModelResponseFields"] = fields;
    }
    frames.push(Frame::event("messageStop", stop));
    let latency = pace.as_millis() as u64 * frames.len() as u64 + 1;
    frames.push(Frame::event(
        "metadata",
        json!({"usage": usage(generation), "metrics": {"latencyMs": latency}, "p": padding(frames.len())}),
    ));
    frames
}

fn delta(index: usize, delta: Value) -> Frame {
    Frame::event(
        "contentBlockDelta",
        json!({"contentBlockIndex": index, "delta": delta, "p": padding(index)}),
    )
}

/// Real frames carry a padding field of varying length that clients ignore.
fn padding(seed: usize) -> &'static str {
    const PAD: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ";
    &PAD[..(seed * 7 + 3) % PAD.len()]
}

/// The native response fields that `additionalModelResponseFieldPaths` asked for.
fn additional_response_fields(prepared: &Prepared) -> Option<Value> {
    if prepared.request.response_field_paths.is_empty() {
        return None;
    }
    let native = families::format_of(prepared.model.family)?.response(
        &prepared.model,
        &prepared.request.prompt,
        &prepared.generation,
    );
    let mut fields = Map::new();
    for path in &prepared.request.response_field_paths {
        if let Some(value) = native.pointer(path) {
            insert_at_pointer(&mut fields, path, value.clone());
        }
    }
    Some(Value::Object(fields))
}

fn insert_at_pointer(target: &mut Map<String, Value>, pointer: &str, value: Value) {
    let keys: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let mut current = target;
    for key in &keys[..keys.len() - 1] {
        let entry = current
            .entry(key.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        current = entry.as_object_mut().expect("just made an object");
    }
    current.insert(keys[keys.len() - 1].to_owned(), value);
}
