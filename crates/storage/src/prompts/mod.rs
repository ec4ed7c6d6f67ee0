//! Saved prompts with versions.

mod library;
pub mod model;
mod variables;
