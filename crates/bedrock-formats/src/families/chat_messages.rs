//! The chat-completions shapes Mistral's chat models and AI21 Jamba share: a `messages` list of
//! role/content pairs, with the system prompt as the first message.

use serde_json::{Value, json};

use crate::draft::Draft;
use crate::error::FormatError;
use crate::mapping::path;
use crate::schema::{Kind, Object};
use crate::spec::PromptSpec;

/// Put the system prompt and the turns into `messages`, with their mappings.
pub(super) fn put_messages(draft: &mut Draft, spec: &PromptSpec) {
    let mut messages = Vec::with_capacity(spec.messages.len() + 1);
    if let Some(system) = spec.system() {
        messages.push(json!({"role": "system", "content": system}));
        draft.map(
            path::SYSTEM,
            "messages[0]",
            "the first message, with role \"system\" and a string content",
        );
    }
    messages.extend(
        spec.messages
            .iter()
            .map(|m| json!({"role": m.role.as_str(), "content": m.text})),
    );
    draft.field(
        path::MESSAGES,
        "messages",
        json!(messages),
        "content is a plain string instead of a list of blocks",
    );
}

/// Check a `messages` list of role/content objects.
pub(super) fn validate_messages(root: &Object, roles: &[&str]) -> Result<(), FormatError> {
    let messages = root.objects("messages", true)?;
    if messages.is_empty() {
        return Err(root.error("#/messages: expected minimum item count: 1, found: 0"));
    }
    for message in messages {
        message.required("role", Kind::String)?;
        message.enumerated("role", roles)?;
        message.optional_any("content", &[Kind::String, Kind::Array])?;
    }
    Ok(())
}

/// The first choice's message content, or its streamed delta.
pub(super) fn choice_content(body: &Value) -> Option<String> {
    ["/choices/0/message/content", "/choices/0/delta/content"]
        .iter()
        .find_map(|pointer| body.pointer(pointer)?.as_str().map(str::to_owned))
}
