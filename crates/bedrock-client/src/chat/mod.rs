//! A Converse chat streamed token by token to a sink, with usage and latency metrics.

pub mod events;
pub mod metrics;
pub mod request;
pub mod stream;

pub use events::{ChatEvent, EventSink};
pub use metrics::{ChatMetrics, TokenUsage};
pub use request::{ChatMessage, ChatRequest, ChatRole, InferenceParams};
pub use stream::{ChatOutcome, stream_chat};
