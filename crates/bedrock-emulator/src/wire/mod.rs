//! What crosses the wire: errors, event-stream frames, callers, responses.

pub mod auth;
pub mod error;
pub mod eventstream;
pub mod response;
