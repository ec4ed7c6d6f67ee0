//! What went wrong, in words for the user, with a hint on what to do.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum FormatErrorCode {
    /// The model ID belongs to no family this crate knows.
    UnknownModelFamily,
    /// A conversation was asked of an embedding model.
    EmbeddingModel,
    /// Texts to embed were given to a text-generation model.
    NotAnEmbeddingModel,
    /// The additional model request fields are not a JSON object.
    InvalidAdditionalFields,
    /// The texts to embed do not fit the embedding model.
    InvalidEmbeddingInput,
    /// A native body does not fit its family; Bedrock would answer ValidationException.
    MalformedInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FormatError {
    pub code: FormatErrorCode,
    pub message: String,
    pub hint: String,
}

impl FormatError {
    pub fn new(code: FormatErrorCode, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// Bedrock's wording for a body its JSON-schema validator rejects.
    pub(crate) fn malformed(detail: impl fmt::Display, hint: impl Into<String>) -> Self {
        Self::new(
            FormatErrorCode::MalformedInput,
            format!("Malformed input request: {detail}, please reformat your input and try again."),
            hint,
        )
    }

    pub(crate) fn unknown_model(model_id: &str) -> Self {
        Self::new(
            FormatErrorCode::UnknownModelFamily,
            format!("No native format is known for the model {model_id}."),
            "Pick a model of a supported family (Claude, Llama 3, Titan, Nova, Mistral, Cohere, \
             AI21 Jamba, DeepSeek-R1), or use the Converse API, which works for every model.",
        )
    }

    pub(crate) fn additional_fields(message: impl Into<String>) -> Self {
        Self::new(
            FormatErrorCode::InvalidAdditionalFields,
            message,
            "Write a JSON object of native keys, e.g. {\"top_k\": 50}, or leave the field empty.",
        )
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.hint)
    }
}

impl std::error::Error for FormatError {}
