//! The prompt must fit the model's context window (enforced where the wording is known: Claude).

use crate::catalogue::ModelEntry;
use crate::generation::Prompt;
use crate::wire::error::{ApiError, ApiResult};

pub fn check(prompt: &Prompt, model: &ModelEntry) -> ApiResult<()> {
    match model.capabilities.context_window {
        Some(window) if prompt.input_tokens() > window => Err(ApiError::validation(
            "The model returned the following errors: Input is too long for requested model.",
        )),
        _ => Ok(()),
    }
}
