//! A chat's events go to the UI's channel and, every 200 ms, into the history database, so a
//! crash or kill mid-stream keeps what had arrived.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use bedrock_client::chat::{ChatEvent, ChatOutcome, EventSink, ReasoningBlock};
use storage::{
    AnswerBlocks, Database, RunEnd, RunMetrics, RunReasoning, RunStatus, RunToolCall, Usage,
};
use tauri::ipc::Channel;

const FLUSH_EVERY: Duration = Duration::from_millis(200);

pub struct RecordingSink<'a> {
    channel: Channel<ChatEvent>,
    history: &'a Mutex<Database>,
    run_id: Option<String>,
    text: String,
    reasoning: String,
    flushed_at: Instant,
}

impl<'a> RecordingSink<'a> {
    pub fn new(
        channel: Channel<ChatEvent>,
        history: &'a Mutex<Database>,
        run_id: Option<String>,
    ) -> Self {
        Self {
            channel,
            history,
            run_id,
            text: String::new(),
            reasoning: String::new(),
            flushed_at: Instant::now(),
        }
    }

    fn flush(&mut self) {
        self.flushed_at = Instant::now();
        let Some(run_id) = &self.run_id else { return };
        if self.text.is_empty() && self.reasoning.is_empty() {
            return;
        }
        let database = crate::state::lock(self.history);
        if let Err(error) = database.append_answer(run_id, &self.text, &self.reasoning) {
            eprintln!("history: could not save streamed text: {error}");
        }
        self.text.clear();
        self.reasoning.clear();
    }

    /// Save the rest of the answer and how the run ended.
    pub fn finish(mut self, outcome: &ChatOutcome) {
        self.flush();
        let Some(run_id) = self.run_id.take() else {
            return;
        };
        let status = if outcome.cancelled {
            RunStatus::Stopped
        } else if outcome.error.is_some() {
            RunStatus::Failed
        } else {
            RunStatus::Done
        };
        let end = RunEnd {
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
        };
        let mut database = crate::state::lock(self.history);
        if let Err(error) = database.save_answer_blocks(&run_id, &answer_blocks(outcome)) {
            eprintln!(
                "history: could not save the tool calls and reasoning of run {run_id}: {error}"
            );
        }
        if let Err(error) = database.finish_run(&run_id, end) {
            eprintln!("history: could not save the end of run {run_id}: {error}");
        }
    }
}

/// The outcome's tool calls and reasoning blocks, as the history keeps them.
fn answer_blocks(outcome: &ChatOutcome) -> AnswerBlocks {
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

impl EventSink for RecordingSink<'_> {
    fn deliver(&mut self, event: ChatEvent) -> bool {
        match &event {
            ChatEvent::TextDelta { text, .. } => self.text.push_str(text),
            ChatEvent::ReasoningDelta { text, .. } => self.reasoning.push_str(text),
            _ => {}
        }
        if self.flushed_at.elapsed() >= FLUSH_EVERY {
            self.flush();
        }
        self.channel.send(event).is_ok()
    }
}
