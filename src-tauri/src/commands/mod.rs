//! Thin commands: parse, call a core crate, return typed results and `{code, message, hint}` errors.

pub mod blocking;
pub mod chat;
pub mod embeddings;
pub mod history;
pub mod inspector;
pub mod knowledge;
pub mod knowledge_map;
pub mod models;
pub mod profiles;
pub mod prompts;
pub mod settings;
pub mod status;
pub mod wire;
