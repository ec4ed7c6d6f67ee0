//! A chat's answer as the app records it, with no window: every event goes on to the UI (any
//! [`EventSink`](bedrock_client::chat::EventSink); the app's Tauri channel is one) and, every
//! 200 ms, what arrived is appended to the history database, so a crash or kill mid-stream keeps
//! it. When the stream ends, [`RecordingSink::finish`] saves the rest and how the run ended.

mod outcome;
mod sink;

pub use sink::{FLUSH_EVERY, RecordingSink};
