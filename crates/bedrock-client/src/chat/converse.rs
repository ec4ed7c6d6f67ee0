//! The non-streaming path: one Converse call, its answer replayed as the same [`ChatEvent`]s a
//! stream would have produced, for models that cannot stream (or cannot stream tool use).

use std::time::Instant;

use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::operation::converse::ConverseOutput;
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ConverseOutput as Output, ReasoningContentBlock,
};
use tokio_util::sync::CancellationToken;

use super::events::{ChatEvent, EventSink};
use super::metrics::{ChatMetrics, TokenUsage};
use super::reply::reply_from_message;
use super::request::ChatRequest;
use super::stream::{ChatOutcome, stream_chat};
use super::tools::tool_call_from_output;
use crate::catalogue::ModelCapabilities;
use crate::error::ClientError;

/// Send `request` the way its model takes it: ConverseStream, or Converse when the model cannot
/// stream it. Either way the same events reach `sink`, and cancelling stops at once.
pub async fn run_chat(
    client: &Client,
    request: &ChatRequest,
    sink: &mut impl EventSink,
    cancel: &CancellationToken,
) -> ChatOutcome {
    run_chat_as(client, request, &request.capabilities(), sink, cancel).await
}

/// [`run_chat`] with the model's capabilities as listed (Bedrock may say a model does not stream).
pub async fn run_chat_as(
    client: &Client,
    request: &ChatRequest,
    capabilities: &ModelCapabilities,
    sink: &mut impl EventSink,
    cancel: &CancellationToken,
) -> ChatOutcome {
    if capabilities.streams_with(request.uses_tools()) {
        stream_chat(client, request, sink, cancel).await
    } else {
        converse_chat(client, request, sink, cancel).await
    }
}

/// Send `request` with Converse and deliver its answer to `sink` as events.
pub async fn converse_chat(
    client: &Client,
    request: &ChatRequest,
    sink: &mut impl EventSink,
    cancel: &CancellationToken,
) -> ChatOutcome {
    let started = Instant::now();
    let builder = match request.to_converse(client) {
        Ok(builder) => builder,
        Err(error) => return failed(sink, error, started),
    };
    let output = tokio::select! {
        biased;
        () = cancel.cancelled() => return cancelled(ChatOutcome::default(), started, None),
        sent = builder.send() => match sent {
            Ok(output) => output,
            Err(error) => return failed(sink, ClientError::from_sdk(error), started),
        },
    };
    let service_latency_ms = output.metrics.as_ref().map(|m| m.latency_ms);
    let (outcome, events) = replay(request, &output);
    if cancel.is_cancelled() || !events.into_iter().all(|event| sink.deliver(event)) {
        return cancelled(outcome, started, service_latency_ms);
    }
    let outcome = with_metrics(outcome, started, service_latency_ms);
    sink.deliver(ChatEvent::Metadata {
        usage: outcome.usage.unwrap_or_default(),
        metrics: outcome.metrics,
    });
    outcome
}

/// The whole answer arrives at once: its first token is its last.
fn with_metrics(
    outcome: ChatOutcome,
    started: Instant,
    service_latency_ms: Option<i64>,
) -> ChatOutcome {
    let total = started.elapsed();
    let output_tokens = outcome.usage.map_or(0, |u| u.output_tokens);
    let first = (outcome.usage.is_some() || !outcome.text.is_empty()).then_some(total);
    ChatOutcome {
        metrics: ChatMetrics::compute(first, total, service_latency_ms, output_tokens),
        ..outcome
    }
}

fn failed(sink: &mut impl EventSink, error: ClientError, started: Instant) -> ChatOutcome {
    sink.deliver(ChatEvent::Failed {
        error: error.clone(),
    });
    let outcome = ChatOutcome {
        error: Some(error),
        ..ChatOutcome::default()
    };
    with_metrics(outcome, started, None)
}

fn cancelled(
    outcome: ChatOutcome,
    started: Instant,
    service_latency_ms: Option<i64>,
) -> ChatOutcome {
    ChatOutcome {
        cancelled: true,
        ..with_metrics(outcome, started, service_latency_ms)
    }
}

/// What `output` came to, and its events in the order a stream would have sent them.
fn replay(request: &ChatRequest, output: &ConverseOutput) -> (ChatOutcome, Vec<ChatEvent>) {
    let message = match &output.output {
        Some(Output::Message(message)) => Some(message),
        _ => None,
    };
    let reply = message.map(reply_from_message).unwrap_or_default();
    let stop_reason = output.stop_reason.as_str().to_owned();
    let outcome = ChatOutcome {
        text: reply.text,
        reasoning: reply.reasoning,
        tool_calls: reply.tool_calls,
        stop_reason: Some(stop_reason.clone()),
        usage: output.usage.as_ref().map(|usage| TokenUsage {
            input_tokens: usage.input_tokens,
            output_tokens: usage.output_tokens,
            total_tokens: usage.total_tokens,
        }),
        ..ChatOutcome::default()
    };
    let mut events = vec![ChatEvent::Started {
        model_id: request.model_id.clone(),
    }];
    for (index, block) in message
        .map_or(&[][..], |m| &m.content[..])
        .iter()
        .enumerate()
    {
        let block_index = i32::try_from(index).unwrap_or(i32::MAX);
        events.extend(block_events(block_index, block));
    }
    events.push(ChatEvent::Stopped { stop_reason });
    (outcome, events)
}

fn block_events(block: i32, content: &ContentBlock) -> Vec<ChatEvent> {
    match content {
        ContentBlock::Text(text) => vec![ChatEvent::TextDelta {
            block,
            text: text.clone(),
        }],
        ContentBlock::ReasoningContent(ReasoningContentBlock::ReasoningText(reasoning)) => {
            vec![ChatEvent::ReasoningDelta {
                block,
                text: reasoning.text.clone(),
            }]
        }
        ContentBlock::ToolUse(tool) => {
            let call = tool_call_from_output(tool);
            vec![
                ChatEvent::ToolUseStart {
                    block,
                    tool_use_id: call.tool_use_id,
                    name: call.name,
                },
                ChatEvent::ToolUseDelta {
                    block,
                    input: call.input_json,
                },
            ]
        }
        _ => vec![],
    }
}
