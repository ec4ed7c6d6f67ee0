//! The retrieval settings shared by Retrieve and RetrieveAndGenerate, validated as Bedrock does.

use serde_json::Value;

use super::filter::Filter;
use super::index::SearchType;
use super::rerank::{Reranking, parse_reranking};
use crate::wire::error::{ApiError, ApiResult};

pub const DEFAULT_NUMBER_OF_RESULTS: usize = 5;
const MAX_NUMBER_OF_RESULTS: u64 = 100;

#[derive(Debug, Clone)]
pub struct RetrievalSettings {
    pub number_of_results: usize,
    pub search_type: SearchType,
    pub filter: Option<Filter>,
    pub reranking: Option<Reranking>,
}

impl Default for RetrievalSettings {
    fn default() -> Self {
        Self {
            number_of_results: DEFAULT_NUMBER_OF_RESULTS,
            search_type: SearchType::Hybrid,
            filter: None,
            reranking: None,
        }
    }
}

/// A constraint failure, worded like the service's restJson validation errors.
pub fn constraint_error(value: impl std::fmt::Display, path: &str, constraint: &str) -> ApiError {
    ApiError::validation(format!(
        "1 validation error detected: Value '{value}' at '{path}' failed to satisfy constraint: {constraint}"
    ))
}

pub fn required(path: &str) -> ApiError {
    constraint_error("null", path, "Member must not be null")
}

/// A string member no longer than `max` characters, if present.
pub fn optional_string<'a>(
    parent: &'a Value,
    member: &str,
    path: &str,
    max: usize,
) -> ApiResult<Option<&'a str>> {
    match parent.get(member) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) if text.chars().count() <= max => Ok(Some(text)),
        Some(Value::String(_)) => Err(constraint_error(
            "...",
            path,
            &format!("Member must have length less than or equal to {max}"),
        )),
        Some(other) => Err(ApiError::validation(format!(
            "{path} must be a string, got {other}"
        ))),
    }
}

/// `retrievalConfiguration` (a `KnowledgeBaseRetrievalConfiguration`) found at `path`.
pub fn retrieval_settings(
    configuration: Option<&Value>,
    path: &str,
) -> ApiResult<RetrievalSettings> {
    let mut settings = RetrievalSettings::default();
    let Some(configuration) = configuration.filter(|c| !c.is_null()) else {
        return Ok(settings);
    };
    let vector_path = format!("{path}.vectorSearchConfiguration");
    let vector = configuration
        .get("vectorSearchConfiguration")
        .filter(|v| v.is_object())
        .ok_or_else(|| required(&vector_path))?;
    if let Some(count) = vector.get("numberOfResults").filter(|v| !v.is_null()) {
        let count_path = format!("{vector_path}.numberOfResults");
        let number = count.as_u64().filter(|n| *n >= 1).ok_or_else(|| {
            constraint_error(
                count,
                &count_path,
                "Member must have value greater than or equal to 1",
            )
        })?;
        if number > MAX_NUMBER_OF_RESULTS {
            return Err(constraint_error(
                number,
                &count_path,
                "Member must have value less than or equal to 100",
            ));
        }
        settings.number_of_results = number as usize;
    }
    if let Some(kind) = optional_string(vector, "overrideSearchType", &vector_path, 16)? {
        settings.search_type = SearchType::parse(kind).ok_or_else(|| {
            constraint_error(
                kind,
                &format!("{vector_path}.overrideSearchType"),
                "Member must satisfy enum value set: [HYBRID, SEMANTIC]",
            )
        })?;
    }
    if let Some(filter) = vector.get("filter").filter(|f| !f.is_null()) {
        settings.filter = Some(Filter::parse(filter, &format!("{vector_path}.filter"))?);
    }
    if let Some(reranking) = vector
        .get("rerankingConfiguration")
        .filter(|r| !r.is_null())
    {
        settings.reranking = Some(parse_reranking(reranking)?);
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_apply_without_a_configuration() {
        let settings = retrieval_settings(None, "retrievalConfiguration").unwrap();
        assert_eq!(settings.number_of_results, 5);
        assert_eq!(settings.search_type, SearchType::Hybrid);
    }

    #[test]
    fn number_of_results_must_be_within_range() {
        for bad in [0, 101] {
            let config = json!({"vectorSearchConfiguration": {"numberOfResults": bad}});
            let error = retrieval_settings(Some(&config), "retrievalConfiguration").unwrap_err();
            assert!(
                error.message.contains("numberOfResults"),
                "{}",
                error.message
            );
        }
        let config = json!({"vectorSearchConfiguration": {"numberOfResults": 100, "overrideSearchType": "SEMANTIC"}});
        let settings = retrieval_settings(Some(&config), "retrievalConfiguration").unwrap();
        assert_eq!(settings.number_of_results, 100);
        assert_eq!(settings.search_type, SearchType::Semantic);
    }

    #[test]
    fn unknown_search_types_are_rejected() {
        let config = json!({"vectorSearchConfiguration": {"overrideSearchType": "FUZZY"}});
        assert!(retrieval_settings(Some(&config), "retrievalConfiguration").is_err());
        assert!(retrieval_settings(Some(&json!({})), "retrievalConfiguration").is_err());
    }
}
