//! Deterministic text embeddings and the Titan, Cohere Embed v3 and Cohere Embed v4 formats.

pub mod cohere;
pub mod cohere_v4;
pub mod embedder;
pub mod titan;

use serde_json::Value;

use crate::catalogue::Family;
use crate::wire::error::{ApiError, ApiResult};

/// A native embeddings response and the input tokens it was billed.
#[derive(Debug, Clone, PartialEq)]
pub struct Embedded {
    pub body: Value,
    pub input_tokens: u32,
}

/// Answer an InvokeModel call on an embedding model.
pub fn invoke(family: Family, body: &Value) -> ApiResult<Embedded> {
    match family {
        Family::TitanEmbedV1 => titan::embed_v1(body),
        Family::TitanEmbedV2 => titan::embed_v2(body),
        Family::CohereEmbed => cohere::embed(body),
        Family::CohereEmbedV4 => cohere_v4::embed(body),
        _ => Err(ApiError::validation("The model is not an embedding model.")),
    }
}
