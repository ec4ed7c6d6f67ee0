//! The text embedding models the lab embeds with, and what each one takes.
//!
//! Facts from the Bedrock user guide: model-parameters-titan-embed-text.html (Titan V1/V2),
//! model-parameters-embed-v3.html and model-parameters-embed-v4.html (Cohere).

use bedrock_formats::{Family, family_of, is_cohere_embed_v4, strip_geo_prefix};
use serde::{Deserialize, Serialize};

/// The request/response shape a model speaks.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EmbeddingFamily {
    /// `amazon.titan-embed-text-v1`: 1,536 floats, no options.
    TitanV1,
    /// `amazon.titan-embed-text-v2:0`: 256/512/1024, `normalize`.
    TitanV2,
    /// `cohere.embed-english-v3`, `cohere.embed-multilingual-v3`: 1,024 floats, input types.
    CohereV3,
    /// `cohere.embed-v4:0`: 256/512/1024/1536 (`output_dimension`), input types.
    CohereV4,
}

pub const COHERE_INPUT_TYPES: &[&str] = &[
    "search_document",
    "search_query",
    "classification",
    "clustering",
];

/// What the UI needs to offer a model's options.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmbeddingModelInfo {
    pub model_id: String,
    pub family: EmbeddingFamily,
    /// The dimensions the model offers; one entry when it is fixed.
    pub dimensions: Vec<u32>,
    pub default_dimensions: u32,
    /// Texts per InvokeModel request: 1 for Titan, up to 96 for Cohere.
    pub batch_size: u32,
    /// Whether `normalize` applies (Titan V2; its default is true).
    pub supports_normalize: bool,
    /// The input types the model takes (empty when it has none).
    pub input_types: Vec<String>,
    /// The input type used for a dataset when none is chosen.
    pub default_input_type: Option<String>,
    /// The longest text a request may carry, in characters (Cohere v3: 2,048).
    pub max_text_chars: u32,
}

impl EmbeddingFamily {
    /// The family of a model, inference-profile ID or ARN, if it is a text embedding model.
    pub fn of(model_id: &str) -> Option<Self> {
        match family_of(model_id)? {
            Family::TitanEmbedV1 => Some(Self::TitanV1),
            Family::TitanEmbedV2 => Some(Self::TitanV2),
            Family::CohereEmbed if is_cohere_embed_v4(model_id) => Some(Self::CohereV4),
            Family::CohereEmbed => Some(Self::CohereV3),
            _ => None,
        }
    }

    pub fn is_cohere(self) -> bool {
        matches!(self, Self::CohereV3 | Self::CohereV4)
    }
}

/// What the lab knows of one model ID; `None` when it is not a text embedding model.
pub fn model_info(model_id: &str) -> Option<EmbeddingModelInfo> {
    let family = EmbeddingFamily::of(model_id)?;
    let cohere_types = || COHERE_INPUT_TYPES.iter().map(|t| (*t).to_owned()).collect();
    let (dimensions, default_dimensions, batch_size, max_text_chars) = match family {
        EmbeddingFamily::TitanV1 => (vec![1536], 1536, 1, 50_000),
        EmbeddingFamily::TitanV2 => (vec![256, 512, 1024], 1024, 1, 50_000),
        EmbeddingFamily::CohereV3 => (vec![1024], 1024, 96, 2_048),
        // About 128k tokens per input; a char limit well inside it.
        EmbeddingFamily::CohereV4 => (vec![256, 512, 1024, 1536], 1536, 96, 400_000),
    };
    Some(EmbeddingModelInfo {
        model_id: model_id.to_owned(),
        family,
        dimensions,
        default_dimensions,
        batch_size,
        supports_normalize: family == EmbeddingFamily::TitanV2,
        input_types: if family.is_cohere() {
            cohere_types()
        } else {
            Vec::new()
        },
        default_input_type: family.is_cohere().then(|| "search_document".to_owned()),
        max_text_chars,
    })
}

/// For each catalogue ID that is a text embedding model (others are left out), its options.
/// Pass the IDs the catalogue lists (`ListFoundationModels` with output modality EMBEDDING), so
/// only models the account's region offers are shown.
pub fn embedding_models(model_ids: &[String]) -> Vec<EmbeddingModelInfo> {
    model_ids.iter().filter_map(|id| model_info(id)).collect()
}

/// The ID the cache keys on: an inference profile's vectors are the model's.
pub(crate) fn base_model_id(model_id: &str) -> String {
    let id = model_id.trim();
    strip_geo_prefix(id.rsplit('/').next().unwrap_or(id)).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_every_text_embedding_model_and_skips_the_rest() {
        let ids: Vec<String> = [
            "amazon.titan-embed-text-v1",
            "amazon.titan-embed-text-v2:0",
            "cohere.embed-english-v3",
            "cohere.embed-multilingual-v3",
            "cohere.embed-v4:0",
            "us.cohere.embed-v4:0",
            "anthropic.claude-3-haiku-20240307-v1:0",
        ]
        .map(str::to_owned)
        .to_vec();
        let models = embedding_models(&ids);
        assert_eq!(models.len(), 6);
        assert_eq!(models[1].default_dimensions, 1024);
        assert!(models[1].supports_normalize);
        assert_eq!(models[2].batch_size, 96);
        assert_eq!(models[4].family, EmbeddingFamily::CohereV4);
        assert_eq!(models[4].default_dimensions, 1536);
        assert_eq!(base_model_id("us.cohere.embed-v4:0"), "cohere.embed-v4:0");
    }
}
