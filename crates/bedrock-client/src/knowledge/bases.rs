//! The region's knowledge bases with what the picker shows: status, description, embedding
//! model, storage, data sources and their chunking. `describe_knowledge_base` works on its own
//! for a typed-in id when listing is denied.

use aws_sdk_bedrockagent::Client;
use aws_sdk_bedrockagent::types::{ChunkingConfiguration, DataSource, KnowledgeBase};
use aws_smithy_types::date_time::Format;
use serde::Serialize;

use super::errors::knowledge_error;
use crate::error::ClientError;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChunkingInfo {
    /// FIXED_SIZE, HIERARCHICAL, SEMANTIC or NONE.
    pub strategy: String,
    pub max_tokens: Option<i32>,
    pub overlap_percentage: Option<i32>,
    /// Hierarchical: the parent and child token limits, and the overlap between chunks.
    pub level_max_tokens: Vec<i32>,
    pub overlap_tokens: Option<i32>,
    /// Semantic: sentences around each one compared, and the breakpoint percentile.
    pub buffer_size: Option<i32>,
    pub breakpoint_percentile_threshold: Option<i32>,
    /// One line for the picker, e.g. "Fixed size: 300 tokens, 20% overlap".
    pub summary: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DataSourceInfo {
    pub data_source_id: String,
    pub name: String,
    pub status: String,
    pub description: Option<String>,
    /// S3, WEB, CONFLUENCE, ...
    pub source_type: Option<String>,
    pub s3_bucket_arn: Option<String>,
    pub inclusion_prefixes: Vec<String>,
    /// Bedrock's default chunking when the data source names none.
    pub chunking: Option<ChunkingInfo>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KnowledgeBaseDetails {
    pub knowledge_base_id: String,
    pub name: String,
    pub arn: String,
    pub description: Option<String>,
    pub status: String,
    /// VECTOR, KENDRA, SQL, ...
    pub kind: String,
    pub embedding_model_arn: Option<String>,
    /// The model ID at the end of the embedding model's ARN.
    pub embedding_model_id: Option<String>,
    pub embedding_dimensions: Option<i32>,
    /// OPENSEARCH_SERVERLESS, PINECONE, RDS, S3_VECTORS, ...
    pub storage_type: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub data_sources: Vec<DataSourceInfo>,
    /// Why the data sources could not be listed, when they could not.
    pub data_sources_error: Option<ClientError>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KnowledgeBaseSummary {
    pub knowledge_base_id: String,
    pub name: String,
    pub description: Option<String>,
    pub status: String,
    pub updated_at: String,
    /// Filled by describing the knowledge base; absent when that failed.
    pub details: Option<KnowledgeBaseDetails>,
    pub details_error: Option<ClientError>,
}

fn timestamp(time: &aws_smithy_types::DateTime) -> String {
    time.fmt(Format::DateTime).unwrap_or_default()
}

/// Every knowledge base of the region (all pages), each described.
pub async fn list_knowledge_bases(
    agent: &Client,
) -> Result<Vec<KnowledgeBaseSummary>, ClientError> {
    let mut summaries = Vec::new();
    let mut next_token: Option<String> = None;
    loop {
        let page = agent
            .list_knowledge_bases()
            .set_next_token(next_token.take())
            .send()
            .await
            .map_err(|e| knowledge_error(ClientError::from_sdk(e)))?;
        for summary in page.knowledge_base_summaries() {
            summaries.push(KnowledgeBaseSummary {
                knowledge_base_id: summary.knowledge_base_id().to_owned(),
                name: summary.name().to_owned(),
                description: summary.description().map(str::to_owned),
                status: summary.status().as_str().to_owned(),
                updated_at: timestamp(summary.updated_at()),
                details: None,
                details_error: None,
            });
        }
        match page.next_token() {
            Some(token) if !token.is_empty() => next_token = Some(token.to_owned()),
            _ => break,
        }
    }
    for summary in &mut summaries {
        match describe_knowledge_base(agent, &summary.knowledge_base_id).await {
            Ok(details) => summary.details = Some(details),
            Err(error) => summary.details_error = Some(error),
        }
    }
    Ok(summaries)
}

/// One knowledge base and its data sources (GetKnowledgeBase, ListDataSources, GetDataSource).
pub async fn describe_knowledge_base(
    agent: &Client,
    knowledge_base_id: &str,
) -> Result<KnowledgeBaseDetails, ClientError> {
    let output = agent
        .get_knowledge_base()
        .knowledge_base_id(knowledge_base_id.trim())
        .send()
        .await
        .map_err(|e| knowledge_error(ClientError::from_sdk(e)))?;
    let base = output.knowledge_base().ok_or_else(|| {
        ClientError::new(
            crate::error::ErrorCode::Unknown,
            "GetKnowledgeBase answered without a knowledge base.",
        )
    })?;
    let mut details = knowledge_base_details(base);
    match data_sources(agent, base.knowledge_base_id()).await {
        Ok(sources) => details.data_sources = sources,
        Err(error) => details.data_sources_error = Some(error),
    }
    Ok(details)
}

fn knowledge_base_details(base: &KnowledgeBase) -> KnowledgeBaseDetails {
    let configuration = base.knowledge_base_configuration();
    let vector = configuration.and_then(|c| c.vector_knowledge_base_configuration());
    let embedding_model_arn = vector.map(|v| v.embedding_model_arn().to_owned());
    KnowledgeBaseDetails {
        knowledge_base_id: base.knowledge_base_id().to_owned(),
        name: base.name().to_owned(),
        arn: base.knowledge_base_arn().to_owned(),
        description: base.description().map(str::to_owned),
        status: base.status().as_str().to_owned(),
        kind: configuration
            .map(|c| c.r#type().as_str().to_owned())
            .unwrap_or_default(),
        embedding_model_id: embedding_model_arn
            .as_deref()
            .map(|arn| arn.rsplit('/').next().unwrap_or(arn).to_owned()),
        embedding_model_arn,
        embedding_dimensions: vector
            .and_then(|v| v.embedding_model_configuration())
            .and_then(|c| c.bedrock_embedding_model_configuration())
            .and_then(|c| c.dimensions()),
        storage_type: base
            .storage_configuration()
            .map(|s| s.r#type().as_str().to_owned()),
        created_at: timestamp(base.created_at()),
        updated_at: timestamp(base.updated_at()),
        data_sources: Vec::new(),
        data_sources_error: None,
    }
}

async fn data_sources(
    agent: &Client,
    knowledge_base_id: &str,
) -> Result<Vec<DataSourceInfo>, ClientError> {
    let mut ids = Vec::new();
    let mut next_token: Option<String> = None;
    loop {
        let page = agent
            .list_data_sources()
            .knowledge_base_id(knowledge_base_id)
            .set_next_token(next_token.take())
            .send()
            .await
            .map_err(|e| knowledge_error(ClientError::from_sdk(e)))?;
        ids.extend(
            page.data_source_summaries()
                .iter()
                .map(|s| s.data_source_id().to_owned()),
        );
        match page.next_token() {
            Some(token) if !token.is_empty() => next_token = Some(token.to_owned()),
            _ => break,
        }
    }
    let mut sources = Vec::new();
    for id in ids {
        let output = agent
            .get_data_source()
            .knowledge_base_id(knowledge_base_id)
            .data_source_id(&id)
            .send()
            .await
            .map_err(|e| knowledge_error(ClientError::from_sdk(e)))?;
        if let Some(source) = output.data_source() {
            sources.push(data_source_info(source));
        }
    }
    Ok(sources)
}

fn data_source_info(source: &DataSource) -> DataSourceInfo {
    let configuration = source.data_source_configuration();
    let s3 = configuration.and_then(|c| c.s3_configuration());
    DataSourceInfo {
        data_source_id: source.data_source_id().to_owned(),
        name: source.name().to_owned(),
        status: source.status().as_str().to_owned(),
        description: source.description().map(str::to_owned),
        source_type: configuration.map(|c| c.r#type().as_str().to_owned()),
        s3_bucket_arn: s3.map(|s| s.bucket_arn().to_owned()),
        inclusion_prefixes: s3
            .map(|s| s.inclusion_prefixes().to_vec())
            .unwrap_or_default(),
        chunking: source
            .vector_ingestion_configuration()
            .and_then(|v| v.chunking_configuration())
            .map(chunking_info),
    }
}

pub fn chunking_info(chunking: &ChunkingConfiguration) -> ChunkingInfo {
    let strategy = chunking.chunking_strategy().as_str().to_owned();
    let mut info = ChunkingInfo {
        strategy: strategy.clone(),
        ..ChunkingInfo::default()
    };
    if let Some(fixed) = chunking.fixed_size_chunking_configuration() {
        info.max_tokens = Some(fixed.max_tokens());
        info.overlap_percentage = Some(fixed.overlap_percentage());
        info.summary = format!(
            "Fixed size: {} tokens, {}% overlap",
            fixed.max_tokens(),
            fixed.overlap_percentage()
        );
    } else if let Some(hierarchical) = chunking.hierarchical_chunking_configuration() {
        info.level_max_tokens = hierarchical
            .level_configurations()
            .iter()
            .map(|l| l.max_tokens())
            .collect();
        info.overlap_tokens = Some(hierarchical.overlap_tokens());
        info.summary = format!(
            "Hierarchical: {} tokens, {} overlap",
            info.level_max_tokens
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(" / "),
            hierarchical.overlap_tokens()
        );
    } else if let Some(semantic) = chunking.semantic_chunking_configuration() {
        info.max_tokens = Some(semantic.max_tokens());
        info.buffer_size = Some(semantic.buffer_size());
        info.breakpoint_percentile_threshold = Some(semantic.breakpoint_percentile_threshold());
        info.summary = format!(
            "Semantic: up to {} tokens, buffer {}, breakpoint {}th percentile",
            semantic.max_tokens(),
            semantic.buffer_size(),
            semantic.breakpoint_percentile_threshold()
        );
    } else {
        info.summary = match strategy.as_str() {
            "NONE" => "No chunking: one chunk per document".to_owned(),
            other => other.to_owned(),
        };
    }
    info
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentInfo {
    pub uri: String,
    pub status: String,
    pub updated_at: Option<String>,
}

/// Every document of a data source (ListKnowledgeBaseDocuments, all pages).
pub async fn list_documents(
    agent: &Client,
    knowledge_base_id: &str,
    data_source_id: &str,
) -> Result<Vec<DocumentInfo>, ClientError> {
    let mut documents = Vec::new();
    let mut next_token: Option<String> = None;
    loop {
        let page = agent
            .list_knowledge_base_documents()
            .knowledge_base_id(knowledge_base_id)
            .data_source_id(data_source_id)
            .set_next_token(next_token.take())
            .send()
            .await
            .map_err(|e| knowledge_error(ClientError::from_sdk(e)))?;
        for detail in page.document_details() {
            let identifier = detail.identifier();
            let uri = identifier
                .and_then(|i| i.s3())
                .map(|s| s.uri().to_owned())
                .or_else(|| {
                    identifier
                        .and_then(|i| i.custom())
                        .map(|c| c.id().to_owned())
                })
                .unwrap_or_default();
            documents.push(DocumentInfo {
                uri,
                status: detail.status().as_str().to_owned(),
                updated_at: detail.updated_at().map(timestamp),
            });
        }
        match page.next_token() {
            Some(token) if !token.is_empty() => next_token = Some(token.to_owned()),
            _ => break,
        }
    }
    Ok(documents)
}
