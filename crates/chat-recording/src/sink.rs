//! The sink a streamed answer goes through: on to the UI, and into the history as it arrives.

use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use bedrock_client::chat::{ChatEvent, ChatOutcome, EventSink};
use storage::Database;

use crate::outcome::{answer_blocks, run_end};

/// How often the text received so far is appended to the history.
pub const FLUSH_EVERY: Duration = Duration::from_millis(200);

pub struct RecordingSink<'a, S> {
    ui: S,
    history: &'a Mutex<Database>,
    run_id: Option<String>,
    text: String,
    reasoning: String,
    flushed_at: Instant,
}

impl<'a, S: EventSink> RecordingSink<'a, S> {
    /// Events go to `ui`; without a `run_id` (the run could not be started) nothing is saved.
    pub fn new(ui: S, history: &'a Mutex<Database>, run_id: Option<String>) -> Self {
        Self {
            ui,
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
        let database = lock(self.history);
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
        let mut database = lock(self.history);
        if let Err(error) = database.save_answer_blocks(&run_id, &answer_blocks(outcome)) {
            eprintln!(
                "history: could not save the tool calls and reasoning of run {run_id}: {error}"
            );
        }
        if let Err(error) = database.finish_run(&run_id, run_end(outcome)) {
            eprintln!("history: could not save the end of run {run_id}: {error}");
        }
    }
}

impl<S: EventSink> EventSink for RecordingSink<'_, S> {
    fn deliver(&mut self, event: ChatEvent) -> bool {
        match &event {
            ChatEvent::TextDelta { text, .. } => self.text.push_str(text),
            ChatEvent::ReasoningDelta { text, .. } => self.reasoning.push_str(text),
            _ => {}
        }
        if self.flushed_at.elapsed() >= FLUSH_EVERY {
            self.flush();
        }
        self.ui.deliver(event)
    }
}

/// A panic while holding the lock leaves the database usable: recover it.
fn lock(mutex: &Mutex<Database>) -> MutexGuard<'_, Database> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
