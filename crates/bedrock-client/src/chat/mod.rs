//! A Converse chat streamed token by token to a sink, with usage and latency metrics.

pub mod additional_fields;
pub mod attachments;
pub mod events;
pub mod metrics;
pub mod request;
pub mod stream;
pub mod tools;

pub use additional_fields::parse_additional_fields;
pub use attachments::{Attachment, AttachmentInfo, AttachmentKind, describe_attachment};
pub use events::{ChatEvent, EventSink};
pub use metrics::{ChatMetrics, TokenUsage};
pub use request::{ChatMessage, ChatRequest, ChatRole, InferenceParams};
pub use stream::{ChatOutcome, stream_chat};
pub use tools::{ToolAnswer, ToolCall};
