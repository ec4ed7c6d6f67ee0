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
use crate::error::ClientError;

/// Send `request` the way its model takes it: ConverseStream, or Converse when the model cannot
/// stream it. Either way the same events reach `sink`, and cancelling stops at once.
pub async fn run_chat(
    client: &Client,
    request: &ChatRequest,
    sink: &mut impl EventSink,
    cancel: &CancellationToken,
) -> ChatOutcome {
    if request.streams() {
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
    let finish = |outcome: ChatOutcome, service_latency_ms: Option<i64>| {
        let output_tokens = outcome.usage.map_or(0, |u| u.output_tokens);
        let total = started.elapsed();
        let first = (outcome.usage.is_some() || !outcome.text.is_empty()).then_some(total);
        ChatOutcome {
            metrics: ChatMetrics::compute(first, total, service_latency_ms, output_tokens),
            ..outcome
        }
    };
    let failed = |sink: &mut dyn FnMut(ChatEvent) -> bool, error: ClientError| {
        sink(ChatEvent::Failed {
            error: error.clone(),
        });
        ChatOutcome {
            error: Some(error),
            ..ChatOutcome::default()
        }
    };
    let mut deliver = |event: ChatEvent| sink.deliver(event);
    let builder = match request.to_converse(client) {
        Ok(builder) => builder,
        Err(error) => return finish(failed(&mut deliver, error), None),
    };
    let output = tokio::select! {
        biased;
        () = cancel.cancelled() => return finish(cancelled(ChatOutcome::default()), None),
        sent = builder.send() => match sent {
            Ok(output) => output,
            Err(error) => return finish(failed(&mut deliver, ClientError::from_sdk(error)), None),
        },
    };
    if cancel.is_cancelled() {
        return finish(cancelled(ChatOutcome::default()), None);
    }
    let service_latency_ms = output.metrics.as_ref().map(|m| m.latency_ms);
    let (outcome, delivered) = replay(request, &output, &mut deliver);
    let outcome = finish(outcome, service_latency_ms);
    if !delivered {
        return cancelled(outcome);
    }
    deliver(ChatEvent::Metadata {
        usage: outcome.usage.unwrap_or_default(),
        metrics: outcome.metrics,
    });
    outcome
}

/// The events of `output` in stream order; `false` when the sink stopped listening.
fn replay(
    request: &ChatRequest,
    output: &ConverseOutput,
    deliver: &mut impl FnMut(ChatEvent) -> bool,
) -> (ChatOutcome, bool) {
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
    let delivered = events.into_iter().all(|event| deliver(event));
    (outcome, delivered)
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

fn cancelled(outcome: ChatOutcome) -> ChatOutcome {
    ChatOutcome {
        cancelled: true,
        ..outcome
    }
}
