//! A Converse chat streamed token by token to a sink, with usage and latency metrics.

pub mod additional_fields;
pub mod attachments;
pub mod converse;
pub mod events;
pub mod messages;
pub mod metrics;
pub mod params;
pub mod reasoning;
pub mod reply;
pub mod request;
pub mod stops;
pub mod stream;
pub mod tools;

pub use additional_fields::parse_additional_fields;
pub use attachments::{Attachment, AttachmentInfo, AttachmentKind, describe_attachment};
pub use converse::{converse_chat, run_chat, run_chat_as};
pub use events::{ChatEvent, EventSink};
pub use metrics::{ChatMetrics, TokenUsage};
pub use reasoning::ReasoningBlock;
pub use reply::{ReplyContent, reply_from_message};
pub use request::{ChatMessage, ChatRequest, ChatRole, InferenceParams};
pub use stream::{ChatOutcome, stream_chat};
pub use tools::{ToolAnswer, ToolCall};
