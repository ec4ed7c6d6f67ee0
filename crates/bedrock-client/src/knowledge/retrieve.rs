//! Retrieve: the ranked chunks of a knowledge base for a query, with the settings the console's
//! test pane offers (number of results, search type, metadata filter, reranking).

use aws_sdk_bedrockagentruntime::Client;
use aws_sdk_bedrockagentruntime::types::{
    KnowledgeBaseQuery, KnowledgeBaseRetrievalConfiguration, KnowledgeBaseRetrievalResult,
    KnowledgeBaseVectorSearchConfiguration, RetrievalResultContent, RetrievalResultLocation,
    RetrievedReference, SearchType, VectorSearchBedrockRerankingConfiguration,
    VectorSearchBedrockRerankingModelConfiguration, VectorSearchRerankingConfiguration,
    VectorSearchRerankingConfigurationType,
};
use serde::{Deserialize, Serialize};

use super::arn::foundation_model_arn;
use super::errors::knowledge_error;
use super::filter::parse_filter;
use super::json::{metadata_json, to_json};
use crate::error::{ClientError, ErrorCode};

pub const DEFAULT_NUMBER_OF_RESULTS: i32 = 5;
pub const MAX_NUMBER_OF_RESULTS: i32 = 100;
pub const MAX_QUERY_CHARS: usize = 20_000;
const CHUNK_ID_KEY: &str = "x-amz-bedrock-kb-chunk-id";

/// The reranking models knowledge bases can use.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RerankModelInfo {
    pub model_id: String,
    pub name: String,
    pub provider: String,
}

pub fn rerank_models() -> Vec<RerankModelInfo> {
    [
        ("amazon.rerank-v1:0", "Rerank 1.0", "Amazon"),
        ("cohere.rerank-v3-5:0", "Rerank 3.5", "Cohere"),
    ]
    .into_iter()
    .map(|(id, name, provider)| RerankModelInfo {
        model_id: id.to_owned(),
        name: name.to_owned(),
        provider: provider.to_owned(),
    })
    .collect()
}

/// Default lets the vector store choose (hybrid where it can).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SearchKind {
    #[default]
    Default,
    Hybrid,
    Semantic,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RerankingSettings {
    /// A reranking model ID (`amazon.rerank-v1:0`) or its ARN.
    pub model_id: String,
    /// How many of the retrieved results come back after reranking (1–100).
    pub number_of_reranked_results: Option<i32>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetrievalSettings {
    /// 1–100; Bedrock's default (5) when absent.
    pub number_of_results: Option<i32>,
    #[serde(default)]
    pub search_type: SearchKind,
    /// A `RetrievalFilter` as JSON text, e.g. `{"equals": {"key": "year", "value": 2024}}`.
    pub filter_json: Option<String>,
    pub reranking: Option<RerankingSettings>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetrieveRequest {
    pub knowledge_base_id: String,
    pub query: String,
    #[serde(default)]
    pub settings: RetrievalSettings,
    pub next_token: Option<String>,
}

/// Where a chunk comes from.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceLocation {
    /// S3, WEB, CONFLUENCE, SALESFORCE, SHAREPOINT, CUSTOM, KENDRA, SQL, ...
    pub kind: String,
    /// The S3 URI, URL, document id or SQL query of the source.
    pub uri: Option<String>,
}

/// A chunk as a result of Retrieve (with a score) or as a cited reference (without).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RetrievedChunk {
    /// 1-based place in the ranking (for references: in the citation).
    pub rank: u32,
    /// Relevance as the store or the reranker reports it; higher is better.
    pub score: Option<f64>,
    /// TEXT, IMAGE, ROW, ...
    pub content_type: String,
    pub text: String,
    pub location: SourceLocation,
    /// The chunk's metadata as JSON object text.
    pub metadata_json: String,
    pub chunk_id: Option<String>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RetrieveOutcome {
    pub chunks: Vec<RetrievedChunk>,
    pub next_token: Option<String>,
    pub guardrail_action: Option<String>,
}

fn invalid(message: impl Into<String>) -> ClientError {
    ClientError::new(ErrorCode::InvalidRequest, message)
        .with_hint("Adjust the setting named in the message; Bedrock would reject the request.")
}

fn check_range(value: Option<i32>, name: &str, max: i32) -> Result<(), ClientError> {
    match value {
        Some(n) if !(1..=max).contains(&n) => Err(invalid(format!(
            "{name} must be between 1 and {max}, got {n}."
        ))),
        _ => Ok(()),
    }
}

/// The SDK's retrieval configuration for `settings`, checked as Bedrock checks it.
pub fn retrieval_configuration(
    settings: &RetrievalSettings,
    region: &str,
) -> Result<KnowledgeBaseRetrievalConfiguration, ClientError> {
    check_range(
        settings.number_of_results,
        "The number of results",
        MAX_NUMBER_OF_RESULTS,
    )?;
    let mut vector = KnowledgeBaseVectorSearchConfiguration::builder()
        .set_number_of_results(settings.number_of_results)
        .set_override_search_type(match settings.search_type {
            SearchKind::Default => None,
            SearchKind::Hybrid => Some(SearchType::Hybrid),
            SearchKind::Semantic => Some(SearchType::Semantic),
        });
    if let Some(filter) = settings
        .filter_json
        .as_deref()
        .filter(|f| !f.trim().is_empty())
    {
        vector = vector.filter(parse_filter(filter)?);
    }
    if let Some(reranking) = &settings.reranking {
        check_range(
            reranking.number_of_reranked_results,
            "The number of reranked results",
            MAX_NUMBER_OF_RESULTS,
        )?;
        let id = reranking.model_id.trim();
        let arn = if id.starts_with("arn:") {
            id.to_owned()
        } else {
            foundation_model_arn(region, id)
        };
        let model = VectorSearchBedrockRerankingModelConfiguration::builder()
            .model_arn(arn)
            .build()
            .map_err(|e| invalid(e.to_string()))?;
        let bedrock = VectorSearchBedrockRerankingConfiguration::builder()
            .model_configuration(model)
            .set_number_of_reranked_results(reranking.number_of_reranked_results)
            .build();
        vector = vector.reranking_configuration(
            VectorSearchRerankingConfiguration::builder()
                .r#type(VectorSearchRerankingConfigurationType::BedrockRerankingModel)
                .bedrock_reranking_configuration(bedrock)
                .build()
                .map_err(|e| invalid(e.to_string()))?,
        );
    }
    Ok(KnowledgeBaseRetrievalConfiguration::builder()
        .vector_search_configuration(vector.build())
        .build())
}

/// The region a client sends to.
pub fn region_of(runtime: &Client) -> String {
    runtime
        .config()
        .region()
        .map(|r| r.as_ref().to_owned())
        .unwrap_or_else(|| "us-east-1".to_owned())
}

/// Retrieve one page of ranked chunks.
pub async fn retrieve(
    runtime: &Client,
    request: &RetrieveRequest,
) -> Result<RetrieveOutcome, ClientError> {
    if request.query.trim().is_empty() {
        return Err(invalid("Type a query first."));
    }
    if request.query.chars().count() > MAX_QUERY_CHARS {
        return Err(invalid(format!(
            "The query is longer than Retrieve allows ({MAX_QUERY_CHARS} characters)."
        )));
    }
    let configuration = retrieval_configuration(&request.settings, &region_of(runtime))?;
    let output = runtime
        .retrieve()
        .knowledge_base_id(request.knowledge_base_id.trim())
        .retrieval_query(KnowledgeBaseQuery::builder().text(&request.query).build())
        .retrieval_configuration(configuration)
        .set_next_token(request.next_token.clone())
        .send()
        .await
        .map_err(|e| knowledge_error(ClientError::from_sdk(e)))?;
    Ok(RetrieveOutcome {
        chunks: output
            .retrieval_results()
            .iter()
            .enumerate()
            .map(|(i, r)| result_chunk(i, r))
            .collect(),
        next_token: output.next_token().map(str::to_owned),
        guardrail_action: output.guardrail_action().map(|a| a.as_str().to_owned()),
    })
}

fn result_chunk(index: usize, result: &KnowledgeBaseRetrievalResult) -> RetrievedChunk {
    chunk(
        index,
        result.score(),
        result.content(),
        result.location(),
        result.metadata(),
    )
}

pub(crate) fn reference_chunk(index: usize, reference: &RetrievedReference) -> RetrievedChunk {
    chunk(
        index,
        None,
        reference.content(),
        reference.location(),
        reference.metadata(),
    )
}

fn chunk(
    index: usize,
    score: Option<f64>,
    content: Option<&RetrievalResultContent>,
    location: Option<&RetrievalResultLocation>,
    metadata: Option<&std::collections::HashMap<String, aws_smithy_types::Document>>,
) -> RetrievedChunk {
    RetrievedChunk {
        rank: index as u32 + 1,
        score,
        content_type: content
            .and_then(|c| c.r#type())
            .map_or("TEXT", |t| t.as_str())
            .to_owned(),
        text: content.map(|c| c.text().to_owned()).unwrap_or_default(),
        location: location.map(source_location).unwrap_or_default(),
        metadata_json: metadata_json(metadata),
        chunk_id: metadata
            .and_then(|m| m.get(CHUNK_ID_KEY))
            .map(to_json)
            .and_then(|v| v.as_str().map(str::to_owned)),
    }
}

fn source_location(location: &RetrievalResultLocation) -> SourceLocation {
    let uri = location
        .s3_location()
        .and_then(|l| l.uri())
        .or_else(|| location.web_location().and_then(|l| l.url()))
        .or_else(|| location.confluence_location().and_then(|l| l.url()))
        .or_else(|| location.salesforce_location().and_then(|l| l.url()))
        .or_else(|| location.share_point_location().and_then(|l| l.url()))
        .or_else(|| location.custom_document_location().and_then(|l| l.id()))
        .or_else(|| location.kendra_document_location().and_then(|l| l.uri()))
        .or_else(|| location.sql_location().and_then(|l| l.query()))
        .or_else(|| location.one_drive_location().and_then(|l| l.url()))
        .or_else(|| location.google_drive_location().and_then(|l| l.url()));
    SourceLocation {
        kind: location.r#type().as_str().to_owned(),
        uri: uri.map(str::to_owned),
    }
}
