//! Reranking: a relevance score of its own (the query's words and word pairs found in the
//! document, plus embedding similarity, through a logistic curve), used by the Rerank operation
//! and by the `rerankingConfiguration` of Retrieve and RetrieveAndGenerate.

use std::collections::BTreeSet;

use axum::extract::State;
use axum::response::Response;
use bytes::Bytes;
use serde_json::{Value, json};

use super::constraints::check_rerank;
use super::corpus::{Chunk, EMBEDDING_DIMENSIONS};
use super::index::Hit;
use super::paging;
use super::text::{term_sequence, terms};
use crate::catalogue::rerank::{RerankModel, resolve_arn};
use crate::embeddings::embedder::{cosine, embed};
use crate::runtime::body::json_body;
use crate::state::SharedState;
use crate::wire::error::{ApiError, ApiResult};
use crate::wire::response;

/// Where the logistic curve crosses one half.
const MIDPOINT: f64 = 0.42;

/// A query prepared once for scoring many documents.
pub struct RerankQuery {
    terms: BTreeSet<String>,
    pairs: BTreeSet<(String, String)>,
    vector: Vec<f32>,
}

impl RerankQuery {
    pub fn new(text: &str) -> Self {
        Self {
            terms: terms(text),
            pairs: pairs(text),
            vector: embed(text, EMBEDDING_DIMENSIONS, true),
        }
    }
}

fn pairs(text: &str) -> BTreeSet<(String, String)> {
    term_sequence(text)
        .windows(2)
        .map(|w| (w[0].clone(), w[1].clone()))
        .collect()
}

/// The relevance of a document (its text and embedding) to a query, in (0, 1).
pub fn relevance(model: &RerankModel, query: &RerankQuery, text: &str, vector: &[f32]) -> f64 {
    let coverage = if query.terms.is_empty() {
        0.0
    } else {
        terms(text).intersection(&query.terms).count() as f64 / query.terms.len() as f64
    };
    let phrase = if query.pairs.is_empty() {
        coverage
    } else {
        pairs(text).intersection(&query.pairs).count() as f64 / query.pairs.len() as f64
    };
    let semantic = (f64::from(cosine(&query.vector, vector)) * 2.0).clamp(0.0, 1.0);
    let mix = model.coverage_weight * coverage
        + model.phrase_weight * phrase
        + model.semantic_weight * semantic;
    1.0 / (1.0 + (-model.steepness * (mix - MIDPOINT)).exp())
}

/// Which metadata attributes reranking reads along with a chunk's text.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum MetadataSelection {
    /// The text only.
    #[default]
    None,
    All,
    Include(Vec<String>),
    Exclude(Vec<String>),
}

impl MetadataSelection {
    fn text_of(&self, chunk: &Chunk) -> Option<String> {
        let wanted = |key: &str| match self {
            Self::None => false,
            Self::All => true,
            Self::Include(keys) => keys.iter().any(|k| k == key),
            Self::Exclude(keys) => !keys.iter().any(|k| k == key),
        };
        let lines: Vec<String> = chunk
            .metadata
            .iter()
            .filter(|(key, _)| wanted(key))
            .map(|(key, value)| format!("{key}: {}", plain_text(value)))
            .collect();
        (!lines.is_empty()).then(|| format!("{}\n{}", chunk.text, lines.join("\n")))
    }
}

/// The reranking a retrieval asked for.
#[derive(Debug, Clone)]
pub struct Reranking {
    pub model: &'static RerankModel,
    pub number_of_results: Option<usize>,
    pub metadata: MetadataSelection,
}

impl Reranking {
    /// The hits rescored by relevance to `query`, best first, cut to `numberOfRerankedResults`.
    pub fn apply<'a>(&self, query: &str, hits: Vec<Hit<'a>>) -> Vec<Hit<'a>> {
        let prepared = RerankQuery::new(query);
        let mut rescored: Vec<Hit<'a>> = hits
            .into_iter()
            .map(|hit| {
                let score = match self.metadata.text_of(hit.chunk) {
                    Some(text) => relevance(
                        self.model,
                        &prepared,
                        &text,
                        &embed(&text, EMBEDDING_DIMENSIONS, true),
                    ),
                    None => relevance(self.model, &prepared, &hit.chunk.text, &hit.chunk.vector),
                };
                Hit {
                    chunk: hit.chunk,
                    score,
                }
            })
            .collect();
        rescored.sort_by(|a, b| b.score.total_cmp(&a.score));
        if let Some(limit) = self.number_of_results {
            rescored.truncate(limit);
        }
        rescored
    }
}

/// `rerankingConfiguration` of a vector search (constraints already checked).
pub fn parse_reranking(configuration: &Value) -> ApiResult<Reranking> {
    let bedrock = configuration
        .get("bedrockRerankingConfiguration")
        .filter(|v| v.is_object());
    let arn = bedrock
        .and_then(|b| b.get("modelConfiguration"))
        .and_then(|m| m.get("modelArn"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let model = resolve_arn(arn)?;
    let number_of_results = bedrock
        .and_then(|b| b.get("numberOfRerankedResults"))
        .and_then(Value::as_u64)
        .map(|n| n as usize);
    let metadata = match bedrock.and_then(|b| b.get("metadataConfiguration")) {
        None | Some(Value::Null) => MetadataSelection::None,
        Some(config) => {
            let selective = config.get("selectiveModeConfiguration");
            let keys = |member: &str| -> Option<Vec<String>> {
                let list = selective?.get(member)?.as_array()?;
                Some(
                    list.iter()
                        .filter_map(|f| f.get("fieldName").and_then(Value::as_str))
                        .map(str::to_owned)
                        .collect(),
                )
            };
            match config.get("selectionMode").and_then(Value::as_str) {
                Some("SELECTIVE") => match (keys("fieldsToInclude"), keys("fieldsToExclude")) {
                    (Some(include), _) => MetadataSelection::Include(include),
                    (None, Some(exclude)) => MetadataSelection::Exclude(exclude),
                    (None, None) => MetadataSelection::None,
                },
                _ => MetadataSelection::All,
            }
        }
    };
    Ok(Reranking {
        model,
        number_of_results,
        metadata,
    })
}

/// The words of a JSON document: its strings, numbers and booleans, keys included.
fn plain_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(items) => items.iter().map(plain_text).collect::<Vec<_>>().join(" "),
        Value::Object(members) => members
            .iter()
            .map(|(k, v)| format!("{k} {}", plain_text(v)))
            .collect::<Vec<_>>()
            .join(" "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// bedrock-agent-runtime Rerank: the sources ordered by relevance to the query.
pub async fn rerank(State(_state): State<SharedState>, body: Bytes) -> ApiResult<Response> {
    let request = json_body(&body)?;
    check_rerank(&request)?;
    let query = request
        .pointer("/queries/0/textQuery/text")
        .and_then(Value::as_str)
        .ok_or_else(|| super::request::required("queries"))?;
    let bedrock = request
        .pointer("/rerankingConfiguration/bedrockRerankingConfiguration")
        .ok_or_else(|| super::request::required("rerankingConfiguration"))?;
    let arn = bedrock
        .pointer("/modelConfiguration/modelArn")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let model = resolve_arn(arn)?;
    let sources = request
        .get("sources")
        .and_then(Value::as_array)
        .ok_or_else(|| super::request::required("sources"))?;
    let count = match bedrock.get("numberOfResults").and_then(Value::as_u64) {
        Some(n) if n as usize > sources.len() => {
            return Err(ApiError::validation(
                "Cannot provide numberOfResults value that exceeds the number of sources.",
            ));
        }
        Some(n) => n as usize,
        None => sources.len(),
    };
    let offset = match request.get("nextToken").and_then(Value::as_str) {
        Some(token) => paging::decode(token)?,
        None => 0,
    };
    let prepared = RerankQuery::new(query);
    let mut scored: Vec<(usize, f64, &Value)> = sources
        .iter()
        .enumerate()
        .map(|(index, source)| {
            let document = source.get("inlineDocumentSource").unwrap_or(&Value::Null);
            let text = match document.get("type").and_then(Value::as_str) {
                Some("JSON") => plain_text(document.get("jsonDocument").unwrap_or(&Value::Null)),
                _ => document
                    .pointer("/textDocument/text")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            };
            let vector = embed(&text, EMBEDDING_DIMENSIONS, true);
            (index, relevance(model, &prepared, &text, &vector), document)
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let results: Vec<Value> = scored
        .into_iter()
        .take(count)
        .skip(offset)
        .map(|(index, score, document)| {
            json!({"index": index, "relevanceScore": score, "document": document})
        })
        .collect();
    Ok(response::json(&json!({"results": results})))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::rerank::RERANK_MODELS;

    #[test]
    fn relevance_rewards_the_query_words_and_their_order() {
        let query = RerankQuery::new("how do I retry throttled requests");
        let score = |text: &str| {
            relevance(
                &RERANK_MODELS[0],
                &query,
                text,
                &embed(text, EMBEDDING_DIMENSIONS, true),
            )
        };
        let on_topic = score("Retry throttled requests with exponential backoff.");
        let partial = score("Requests are billed per token.");
        let off_topic = score("Bake the bread until golden.");
        assert!(
            on_topic > partial && partial > off_topic,
            "{on_topic} {partial} {off_topic}"
        );
        assert!((0.0..1.0).contains(&off_topic) && on_topic > 0.5);
        let cohere = relevance(
            &RERANK_MODELS[1],
            &query,
            "Retry throttled requests with exponential backoff.",
            &embed(
                "Retry throttled requests with exponential backoff.",
                EMBEDDING_DIMENSIONS,
                true,
            ),
        );
        assert_ne!(cohere, on_topic, "each model scores in its own way");
    }

    #[test]
    fn json_documents_read_as_their_values() {
        assert_eq!(
            plain_text(&json!({"title": "Quotas", "year": 2024, "tags": ["a", "b"]})),
            "tags a b title Quotas year 2024"
        );
    }
}
