//! What a run embeds with: a model and its options, and the cache key they make.

use bedrock_formats::EmbeddingOptions;
use serde::{Deserialize, Serialize};

use super::models::{EmbeddingFamily, EmbeddingModelInfo, base_model_id, model_info};
use crate::store::{CacheKey, LabError, LabErrorCode};

/// A model and its options. Unset options take the model's defaults (Titan V2: 1024
/// dimensions, normalised; Cohere: `search_document`). Cohere queries use `search_query`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmbeddingSpec {
    pub model_id: String,
    pub dimensions: Option<u32>,
    pub normalize: Option<bool>,
    pub input_type: Option<String>,
}

/// A spec checked against its model, its defaults filled in.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub info: EmbeddingModelInfo,
    pub key: CacheKey,
    pub options: EmbeddingOptions,
}

pub(crate) fn resolve(spec: &EmbeddingSpec) -> Result<Resolved, LabError> {
    let info = model_info(&spec.model_id).ok_or_else(|| {
        LabError::new(
            LabErrorCode::NotAnEmbeddingModel,
            format!("{} is not a text embedding model.", spec.model_id),
            "Pick Titan Text Embeddings (V1 or V2) or Cohere Embed (v3 English/Multilingual or v4).",
        )
    })?;
    let dimensions = spec.dimensions.unwrap_or(info.default_dimensions);
    if !info.dimensions.contains(&dimensions) {
        let offered: Vec<String> = info.dimensions.iter().map(u32::to_string).collect();
        return Err(LabError::new(
            LabErrorCode::InvalidSpec,
            format!("{} does not offer {dimensions} dimensions.", spec.model_id),
            format!("Pick one of: {}.", offered.join(", ")),
        ));
    }
    let normalize = info.supports_normalize && spec.normalize.unwrap_or(true);
    let input_type = match (&info.default_input_type, &spec.input_type) {
        (None, _) => String::new(),
        (Some(default), None) => default.clone(),
        (Some(_), Some(given)) if info.input_types.contains(given) => given.clone(),
        (Some(_), Some(given)) => {
            return Err(LabError::new(
                LabErrorCode::InvalidSpec,
                format!("{given} is not an input type of {}.", spec.model_id),
                format!(
                    "Use one of: {} (search_document for the texts you search, search_query for queries).",
                    info.input_types.join(", ")
                ),
            ));
        }
    };
    let options = EmbeddingOptions {
        dimensions: matches!(
            info.family,
            EmbeddingFamily::TitanV2 | EmbeddingFamily::CohereV4
        )
        .then_some(dimensions),
        normalize: info.supports_normalize.then_some(normalize),
        input_type: (!input_type.is_empty()).then(|| input_type.clone()),
        ..EmbeddingOptions::default()
    };
    let key = CacheKey {
        model_id: base_model_id(&spec.model_id),
        dimensions,
        normalize,
        input_type,
    };
    Ok(Resolved { info, key, options })
}

/// The cache key of a spec: the effective model, dimensions, normalize and input type.
pub fn cache_key(spec: &EmbeddingSpec) -> Result<CacheKey, LabError> {
    resolve(spec).map(|r| r.key)
}

/// The same spec for a search query: Cohere's `search_query` input type.
pub fn query_spec(spec: &EmbeddingSpec) -> EmbeddingSpec {
    let mut query = spec.clone();
    if EmbeddingFamily::of(&spec.model_id).is_some_and(EmbeddingFamily::is_cohere) {
        query.input_type = Some("search_query".to_owned());
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(model: &str) -> EmbeddingSpec {
        EmbeddingSpec {
            model_id: model.to_owned(),
            ..EmbeddingSpec::default()
        }
    }

    #[test]
    fn defaults_make_the_same_key_as_their_explicit_values() {
        let implicit = cache_key(&spec("amazon.titan-embed-text-v2:0")).unwrap();
        let explicit = cache_key(&EmbeddingSpec {
            dimensions: Some(1024),
            normalize: Some(true),
            ..spec("us.amazon.titan-embed-text-v2:0")
        })
        .unwrap();
        assert_eq!(implicit, explicit);
        let cohere = cache_key(&spec("cohere.embed-english-v3")).unwrap();
        assert_eq!(cohere.input_type, "search_document");
        assert_eq!(cohere.dimensions, 1024);
    }

    #[test]
    fn options_a_model_lacks_are_errors_with_the_choices() {
        let error = cache_key(&EmbeddingSpec {
            dimensions: Some(300),
            ..spec("amazon.titan-embed-text-v2:0")
        })
        .unwrap_err();
        assert_eq!(error.code, LabErrorCode::InvalidSpec);
        assert!(error.hint.contains("256, 512, 1024"));
        let error = cache_key(&EmbeddingSpec {
            input_type: Some("query".into()),
            ..spec("cohere.embed-v4:0")
        })
        .unwrap_err();
        assert!(error.hint.contains("search_query"));
        let error = cache_key(&spec("anthropic.claude-3-haiku-20240307-v1:0")).unwrap_err();
        assert_eq!(error.code, LabErrorCode::NotAnEmbeddingModel);
    }
}
