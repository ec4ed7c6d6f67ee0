//! The typed events a streamed answer produces, and where they go.

use serde::Serialize;

use super::metrics::{ChatMetrics, TokenUsage};
use crate::error::ClientError;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ChatEvent {
    Started {
        model_id: String,
    },
    TextDelta {
        block: i32,
        text: String,
    },
    ReasoningDelta {
        block: i32,
        text: String,
    },
    ToolUseStart {
        block: i32,
        tool_use_id: String,
        name: String,
    },
    ToolUseDelta {
        block: i32,
        input: String,
    },
    Stopped {
        stop_reason: String,
    },
    Metadata {
        usage: TokenUsage,
        metrics: ChatMetrics,
    },
    Failed {
        error: ClientError,
    },
}

/// Where events go: a Tauri channel in the app, a vector or a queue in tests and benchmarks.
pub trait EventSink {
    /// Deliver one event; `false` means nobody listens any more and the stream should stop.
    fn deliver(&mut self, event: ChatEvent) -> bool;
}

impl EventSink for Vec<ChatEvent> {
    fn deliver(&mut self, event: ChatEvent) -> bool {
        self.push(event);
        true
    }
}

impl<F: FnMut(ChatEvent) -> bool> EventSink for F {
    fn deliver(&mut self, event: ChatEvent) -> bool {
        self(event)
    }
}
