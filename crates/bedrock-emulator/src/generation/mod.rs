//! Synthetic text generation: deterministic, labelled as emulated, honouring the request's limits.

pub mod output;
pub mod prompt;
pub mod synth;
pub mod tokens;

pub use output::{Generation, StopReason, ToolCall};
pub use prompt::{Message, Prompt, Role, Tool, ToolChoice, ToolResult};
pub use synth::{Shape, generate};
