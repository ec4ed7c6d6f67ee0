//! Embedding request bodies (InvokeModel only: embedding models have no Converse form).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{FormatError, FormatErrorCode};
use crate::families::{cohere_embed, titan_embed};
use crate::family::Family;
use crate::response::ParsedResponse;

/// The optional settings of an embedding request; each family reads the ones it knows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EmbeddingOptions {
    /// Titan V2: 256, 512 or 1024 (Bedrock's default: 1024).
    pub dimensions: Option<u32>,
    /// Titan V2: scale the vector to length 1 (Bedrock's default: true).
    pub normalize: Option<bool>,
    /// Titan V2 `embeddingTypes`, Cohere `embedding_types` (`float`, `binary`, `int8`, ...).
    pub embedding_types: Vec<String>,
    /// Cohere: `search_document`, `search_query`, `classification` or `clustering`.
    pub input_type: Option<String>,
    /// Cohere: `NONE`, `START` or `END`.
    pub truncate: Option<String>,
}

/// The InvokeModel body that embeds `texts` with a model of `family`.
pub fn embedding_body(
    family: Family,
    texts: &[String],
    options: &EmbeddingOptions,
) -> Result<Value, FormatError> {
    match family {
        Family::TitanEmbedV1 => Ok(titan_embed::body(
            false,
            single_text(family, texts)?,
            options,
        )),
        Family::TitanEmbedV2 => Ok(titan_embed::body(
            true,
            single_text(family, texts)?,
            options,
        )),
        Family::CohereEmbed => cohere_embed::body(texts, options),
        _ => Err(FormatError::new(
            FormatErrorCode::NotAnEmbeddingModel,
            format!("{} generates text; it does not embed.", family.label()),
            "Pick an embedding model: Titan Text Embeddings or Cohere Embed.",
        )),
    }
}

fn single_text(family: Family, texts: &[String]) -> Result<&str, FormatError> {
    match texts {
        [text] => Ok(text),
        _ => Err(FormatError::new(
            FormatErrorCode::InvalidEmbeddingInput,
            format!(
                "{} embeds one text per request; {} were given.",
                family.label(),
                texts.len()
            ),
            "Send one InvokeModel request per text, or use Cohere Embed for batches of up to 96.",
        )),
    }
}

pub(crate) fn parse_response(family: Family, body: &Value) -> ParsedResponse {
    match family {
        Family::TitanEmbedV1 | Family::TitanEmbedV2 => titan_embed::parse_response(body),
        _ => ParsedResponse::default(),
    }
}

pub(crate) fn validate(family: Family, body: &Value) -> Result<(), FormatError> {
    match family {
        Family::TitanEmbedV1 => titan_embed::validate(false, body),
        Family::TitanEmbedV2 => titan_embed::validate(true, body),
        Family::CohereEmbed => cohere_embed::validate(body),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titan_takes_exactly_one_text_and_text_models_none() {
        let two = vec!["a".to_owned(), "b".to_owned()];
        let error =
            embedding_body(Family::TitanEmbedV2, &two, &EmbeddingOptions::default()).unwrap_err();
        assert_eq!(error.code, FormatErrorCode::InvalidEmbeddingInput);
        let error = embedding_body(Family::Claude, &two, &EmbeddingOptions::default()).unwrap_err();
        assert_eq!(error.code, FormatErrorCode::NotAnEmbeddingModel);
    }
}
