//! The prompt every family's tests build from: a system prompt, two user turns around one
//! assistant turn, every inference parameter and a stop sequence.

use crate::spec::{PromptSpec, Role, SpecMessage};

pub(crate) const SYSTEM: &str = "You are terse.";
pub(crate) const FIRST_QUESTION: &str = "What is tracing?";
pub(crate) const ANSWER: &str = "Following one request across services.";
pub(crate) const SECOND_QUESTION: &str = "And a span?";

pub(crate) fn spec(model_id: &str) -> PromptSpec {
    PromptSpec {
        model_id: model_id.to_owned(),
        system_prompt: SYSTEM.to_owned(),
        messages: vec![
            message(Role::User, FIRST_QUESTION),
            message(Role::Assistant, ANSWER),
            message(Role::User, SECOND_QUESTION),
        ],
        max_tokens: Some(512),
        temperature: Some(0.5),
        top_p: Some(0.9),
        stop_sequences: vec!["END".to_owned()],
        additional_fields_json: None,
    }
}

pub(crate) fn message(role: Role, text: &str) -> SpecMessage {
    SpecMessage {
        role,
        text: text.to_owned(),
    }
}

/// The converse paths of a native body's mappings, in order.
pub(crate) fn mapped_paths(mappings: &[crate::FieldMapping]) -> Vec<(&str, Option<&str>)> {
    mappings
        .iter()
        .map(|m| (m.converse.as_str(), m.native.as_deref()))
        .collect()
}
