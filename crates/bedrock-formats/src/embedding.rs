//! Embedding request bodies (InvokeModel only: embedding models have no Converse form).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{FormatError, FormatErrorCode};
use crate::families::{cohere_embed, titan_embed};
use crate::family::{Family, family_of, strip_geo_prefix};
use crate::response::ParsedResponse;

/// The optional settings of an embedding request; each family reads the ones it knows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EmbeddingOptions {
    /// Titan V2: 256, 512 or 1024 (Bedrock's default: 1024). Cohere Embed v4 `output_dimension`:
    /// 256, 512, 1024 or 1536 (default 1536), written only by [`embedding_body_for_model`].
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
        Family::CohereEmbed => cohere_embed::body(texts, options, false),
        _ => Err(FormatError::new(
            FormatErrorCode::NotAnEmbeddingModel,
            format!("{} generates text; it does not embed.", family.label()),
            "Pick an embedding model: Titan Text Embeddings or Cohere Embed.",
        )),
    }
}

/// The InvokeModel body that embeds `texts` with `model_id` (an ID, inference profile or ARN).
/// Unlike [`embedding_body`] it knows the models within a family: Cohere Embed v4 gets
/// `output_dimension` from `options.dimensions`.
pub fn embedding_body_for_model(
    model_id: &str,
    texts: &[String],
    options: &EmbeddingOptions,
) -> Result<Value, FormatError> {
    let Some(family) = family_of(model_id) else {
        return Err(FormatError::new(
            FormatErrorCode::NotAnEmbeddingModel,
            format!("{model_id} is not a model this app knows how to embed with."),
            "Pick an embedding model: Titan Text Embeddings or Cohere Embed.",
        ));
    };
    if family == Family::CohereEmbed && is_cohere_embed_v4(model_id) {
        return cohere_embed::body(texts, options, true);
    }
    embedding_body(family, texts, options)
}

/// Whether the ID (profile or ARN) names Cohere Embed v4 rather than v3.
pub fn is_cohere_embed_v4(model_id: &str) -> bool {
    let id = model_id.trim();
    strip_geo_prefix(id.rsplit('/').next().unwrap_or(id)).starts_with("cohere.embed-v4")
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

    #[test]
    fn only_cohere_embed_v4_gets_a_dimension() {
        let texts = vec!["a".to_owned()];
        let options = EmbeddingOptions {
            dimensions: Some(256),
            ..EmbeddingOptions::default()
        };
        for (id, dimension) in [
            ("cohere.embed-v4:0", Some(256u64)),
            ("us.cohere.embed-v4:0", Some(256)),
            ("cohere.embed-english-v3", None),
        ] {
            let body = embedding_body_for_model(id, &texts, &options).unwrap();
            assert_eq!(
                body.get("output_dimension").and_then(Value::as_u64),
                dimension,
                "{id}"
            );
        }
        let titan = embedding_body_for_model("amazon.titan-embed-text-v2:0", &texts, &options);
        assert_eq!(titan.unwrap()["dimensions"], 256);
        assert!(embedding_body_for_model("stability.sd3-large-v1:0", &texts, &options).is_err());
    }
}
