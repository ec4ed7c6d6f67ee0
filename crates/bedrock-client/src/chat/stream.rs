//! The streaming pipeline: ConverseStream events in, typed [`ChatEvent`]s out, cancellable.

use std::time::{Duration, Instant};

use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::types::{ContentBlockDelta, ContentBlockStart, ConverseStreamOutput};
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use super::events::{ChatEvent, EventSink};
use super::metrics::{ChatMetrics, TokenUsage};
use super::reasoning::ReasoningBlock;
use super::reply::ReplyDraft;
use super::request::ChatRequest;
use super::tools::ToolCall;
use crate::error::{ClientError, from_stream_error};

/// What one streamed answer came to; kept even when it failed or was cancelled midway.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatOutcome {
    pub text: String,
    /// The reasoning blocks as received (text with signature, or redacted), to send back.
    pub reasoning: Vec<ReasoningBlock>,
    /// The tool calls whose input arrived in full.
    pub tool_calls: Vec<ToolCall>,
    pub stop_reason: Option<String>,
    pub usage: Option<TokenUsage>,
    pub metrics: ChatMetrics,
    pub cancelled: bool,
    pub error: Option<ClientError>,
}

struct Progress {
    started: Instant,
    first_token: Option<Duration>,
    service_latency_ms: Option<i64>,
    reply: ReplyDraft,
    outcome: ChatOutcome,
}

impl Progress {
    fn mark_token(&mut self) {
        if self.first_token.is_none() {
            self.first_token = Some(self.started.elapsed());
        }
    }

    fn finish(mut self) -> ChatOutcome {
        let output_tokens = self.outcome.usage.map_or(0, |u| u.output_tokens);
        self.outcome.metrics = ChatMetrics::compute(
            self.first_token,
            self.started.elapsed(),
            self.service_latency_ms,
            output_tokens,
        );
        (self.outcome.reasoning, self.outcome.tool_calls) = self.reply.finish();
        self.outcome
    }
}

/// Send `request` with ConverseStream and deliver its events to `sink` as they arrive.
/// Cancelling the token drops the HTTP stream at once; no event follows.
pub async fn stream_chat(
    client: &Client,
    request: &ChatRequest,
    sink: &mut impl EventSink,
    cancel: &CancellationToken,
) -> ChatOutcome {
    let mut progress = Progress {
        started: Instant::now(),
        first_token: None,
        service_latency_ms: None,
        reply: ReplyDraft::default(),
        outcome: ChatOutcome::default(),
    };
    let builder = match request.to_converse_stream(client) {
        Ok(builder) => builder,
        Err(error) => return fail(progress, sink, error),
    };
    let output = tokio::select! {
        biased;
        () = cancel.cancelled() => return cancelled(progress),
        sent = builder.send() => match sent {
            Ok(output) => output,
            Err(error) => return fail(progress, sink, ClientError::from_sdk(error)),
        },
    };
    if !sink.deliver(ChatEvent::Started {
        model_id: request.model_id.clone(),
    }) {
        return cancelled(progress);
    }
    let mut stream = output.stream;
    loop {
        let next = tokio::select! {
            biased;
            () = cancel.cancelled() => return cancelled(progress),
            next = stream.recv() => next,
        };
        let event = match next {
            Ok(Some(event)) => event,
            Ok(None) => break,
            Err(error) => return fail(progress, sink, from_stream_error(error)),
        };
        let Some(chat_event) = translate(event, &mut progress) else {
            continue;
        };
        if !sink.deliver(chat_event) {
            return cancelled(progress);
        }
    }
    let outcome = progress.finish();
    let metadata = ChatEvent::Metadata {
        usage: outcome.usage.unwrap_or_default(),
        metrics: outcome.metrics,
    };
    sink.deliver(metadata);
    outcome
}

fn translate(event: ConverseStreamOutput, progress: &mut Progress) -> Option<ChatEvent> {
    match event {
        ConverseStreamOutput::ContentBlockDelta(delta) => {
            let block = delta.content_block_index;
            match delta.delta? {
                ContentBlockDelta::Text(text) => {
                    progress.mark_token();
                    progress.outcome.text.push_str(&text);
                    Some(ChatEvent::TextDelta { block, text })
                }
                ContentBlockDelta::ReasoningContent(reasoning) => {
                    progress.mark_token();
                    let text = progress.reply.reasoning_delta(block, reasoning)?;
                    Some(ChatEvent::ReasoningDelta { block, text })
                }
                ContentBlockDelta::ToolUse(tool) => {
                    progress.mark_token();
                    progress.reply.tool_delta(block, &tool.input);
                    Some(ChatEvent::ToolUseDelta {
                        block,
                        input: tool.input,
                    })
                }
                _ => None,
            }
        }
        ConverseStreamOutput::ContentBlockStart(start) => match start.start? {
            ContentBlockStart::ToolUse(tool) => {
                let block = start.content_block_index;
                progress
                    .reply
                    .tool_start(block, &tool.tool_use_id, &tool.name);
                Some(ChatEvent::ToolUseStart {
                    block,
                    tool_use_id: tool.tool_use_id,
                    name: tool.name,
                })
            }
            _ => None,
        },
        ConverseStreamOutput::ContentBlockStop(stop) => {
            progress.reply.block_stop(stop.content_block_index);
            None
        }
        ConverseStreamOutput::MessageStop(stop) => {
            let stop_reason = stop.stop_reason.as_str().to_owned();
            progress.outcome.stop_reason = Some(stop_reason.clone());
            Some(ChatEvent::Stopped { stop_reason })
        }
        ConverseStreamOutput::Metadata(metadata) => {
            if let Some(usage) = metadata.usage {
                progress.outcome.usage = Some(TokenUsage {
                    input_tokens: usage.input_tokens,
                    output_tokens: usage.output_tokens,
                    total_tokens: usage.total_tokens,
                });
            }
            progress.service_latency_ms = metadata.metrics.map(|m| m.latency_ms);
            None
        }
        _ => None,
    }
}

fn fail(progress: Progress, sink: &mut impl EventSink, error: ClientError) -> ChatOutcome {
    sink.deliver(ChatEvent::Failed {
        error: error.clone(),
    });
    let mut outcome = progress.finish();
    outcome.error = Some(error);
    outcome
}

fn cancelled(progress: Progress) -> ChatOutcome {
    let mut outcome = progress.finish();
    outcome.cancelled = true;
    outcome
}
