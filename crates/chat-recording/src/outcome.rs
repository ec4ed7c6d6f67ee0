//! A chat's outcome as the history keeps it.

use bedrock_client::chat::{ChatOutcome, ReasoningBlock};
use storage::{AnswerBlocks, RunEnd, RunMetrics, RunReasoning, RunStatus, RunToolCall, Usage};

/// How the run ended: stopped, failed or done, with its usage and metrics.
pub(crate) fn run_end(outcome: &ChatOutcome) -> RunEnd {
    let status = if outcome.cancelled {
        RunStatus::Stopped
    } else if outcome.error.is_some() {
        RunStatus::Failed
    } else {
        RunStatus::Done
    };
    RunEnd {
        status,
        stop_reason: outcome.stop_reason.clone(),
        error_json: outcome
            .error
            .as_ref()
            .and_then(|e| serde_json::to_string(e).ok()),
        usage: outcome.usage.map(|u| Usage {
            input_tokens: u32::try_from(u.input_tokens).unwrap_or(0),
            output_tokens: u32::try_from(u.output_tokens).unwrap_or(0),
        }),
        metrics: Some(RunMetrics {
            time_to_first_token_ms: outcome.metrics.time_to_first_token_ms,
            total_latency_ms: outcome.metrics.total_latency_ms,
            tokens_per_second: outcome.metrics.tokens_per_second,
        }),
    }
}

/// The outcome's tool calls and reasoning blocks, as the history keeps them.
pub(crate) fn answer_blocks(outcome: &ChatOutcome) -> AnswerBlocks {
    AnswerBlocks {
        tool_calls: outcome
            .tool_calls
            .iter()
            .map(|call| RunToolCall {
                tool_use_id: call.tool_use_id.clone(),
                name: call.name.clone(),
                input_json: call.input_json.clone(),
            })
            .collect(),
        reasoning: outcome
            .reasoning
            .iter()
            .map(|block| match block {
                ReasoningBlock::Text { text, signature } => RunReasoning::Text {
                    text: text.clone(),
                    signature: signature.clone(),
                },
                ReasoningBlock::Redacted { data_base64 } => RunReasoning::Redacted {
                    data_base64: data_base64.clone(),
                },
            })
            .collect(),
    }
}
