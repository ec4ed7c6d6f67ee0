//! Bedrock client logic for the playground, with no UI or Tauri dependency.

pub mod chat;
pub mod error;

pub use error::{ClientError, ErrorCode};
