//! Bedrock client logic for the playground, with no UI or Tauri dependency.

pub mod catalogue;
pub mod chat;
pub mod connection;
pub mod connection_check;
pub mod error;
pub mod inspect;
pub mod knowledge;
pub mod pricing;
pub mod settings;
pub mod validation_hints;
pub mod wire;

pub use connection::{BackendInfo, BackendKind, Connection};
pub use error::{ClientError, ErrorCode};
