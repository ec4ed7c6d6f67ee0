//! bedrock-agent: ListKnowledgeBases, GetKnowledgeBase, ListDataSources, GetDataSource and
//! ListKnowledgeBaseDocuments.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::Response;
use bytes::Bytes;
use chrono::SecondsFormat;
use serde_json::{Value, json};

use super::chunking::{MAX_CHUNK_TOKENS, OVERLAP_PERCENTAGE};
use super::corpus::{EMBEDDING_DIMENSIONS, EMBEDDING_MODEL_ID, KnowledgeBase};
use super::paging;
use super::request::constraint_error;
use crate::catalogue::profiles::ACCOUNT_ID;
use crate::context::RequestContext;
use crate::runtime::body::json_body;
use crate::state::SharedState;
use crate::wire::error::{ApiError, ApiResult};
use crate::wire::response;

const DEFAULT_MAX_RESULTS: u64 = 1000;

/// `maxResults` (1–1000) and `nextToken` of a list request: how many, from where.
fn page_of(request: &Value) -> ApiResult<(usize, usize)> {
    let max_results = match request.get("maxResults").filter(|v| !v.is_null()) {
        Some(value) => value
            .as_u64()
            .filter(|n| (1..=1000).contains(n))
            .ok_or_else(|| {
                constraint_error(
                    value,
                    "maxResults",
                    "Member must have value between 1 and 1000",
                )
            })?,
        None => DEFAULT_MAX_RESULTS,
    } as usize;
    let offset = match request.get("nextToken").and_then(Value::as_str) {
        Some(token) => paging::decode(token)?,
        None => 0,
    };
    Ok((max_results, offset))
}

pub async fn list_knowledge_bases(
    State(state): State<SharedState>,
    body: Bytes,
) -> ApiResult<Response> {
    let request = json_body(&body)?;
    let (max_results, offset) = page_of(&request)?;
    let bases = state.knowledge.all();
    let page: Vec<Value> = bases
        .iter()
        .skip(offset)
        .take(max_results)
        .map(summary)
        .collect();
    let mut body = json!({"knowledgeBaseSummaries": page});
    if offset + max_results < bases.len() {
        body["nextToken"] = json!(paging::encode(offset + max_results));
    }
    Ok(response::json(&body))
}

pub async fn get_knowledge_base(
    State(state): State<SharedState>,
    Extension(context): Extension<RequestContext>,
    Path(knowledge_base_id): Path<String>,
) -> ApiResult<Response> {
    let base = state.knowledge.find(&knowledge_base_id)?;
    Ok(response::json(
        &json!({"knowledgeBase": details(base, context.region())}),
    ))
}

pub async fn list_data_sources(
    State(state): State<SharedState>,
    Path(knowledge_base_id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let request = json_body(&body)?;
    let (max_results, offset) = page_of(&request)?;
    let base = state.knowledge.find(&knowledge_base_id)?;
    let summaries: Vec<Value> = std::iter::once(data_source_summary(base))
        .skip(offset)
        .take(max_results)
        .collect();
    Ok(response::json(&json!({"dataSourceSummaries": summaries})))
}

pub async fn get_data_source(
    State(state): State<SharedState>,
    Path((knowledge_base_id, data_source_id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let base = state.knowledge.find(&knowledge_base_id)?;
    check_data_source(base, &data_source_id)?;
    let mut source = data_source_summary(base);
    let fields = source.as_object_mut().expect("an object");
    fields.insert(
        "dataSourceConfiguration".into(),
        json!({"type": "S3", "s3Configuration": {
            "bucketArn": format!("arn:aws:s3:::{}", base.bucket),
            "bucketOwnerAccountId": ACCOUNT_ID,
        }}),
    );
    fields.insert(
        "vectorIngestionConfiguration".into(),
        json!({"chunkingConfiguration": {
            "chunkingStrategy": "FIXED_SIZE",
            "fixedSizeChunkingConfiguration": {
                "maxTokens": MAX_CHUNK_TOKENS,
                "overlapPercentage": OVERLAP_PERCENTAGE,
            },
        }}),
    );
    fields.insert("dataDeletionPolicy".into(), json!("DELETE"));
    fields.insert("createdAt".into(), json!(timestamp(base)));
    Ok(response::json(&json!({"dataSource": source})))
}

pub async fn list_documents(
    State(state): State<SharedState>,
    Path((knowledge_base_id, data_source_id)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult<Response> {
    let request = json_body(&body)?;
    let (max_results, offset) = page_of(&request)?;
    let base = state.knowledge.find(&knowledge_base_id)?;
    check_data_source(base, &data_source_id)?;
    let details: Vec<Value> = base
        .documents
        .iter()
        .skip(offset)
        .take(max_results)
        .map(|document| {
            json!({
                "knowledgeBaseId": base.id,
                "dataSourceId": base.data_source_id,
                "status": "INDEXED",
                "identifier": {"dataSourceType": "S3", "s3": {"uri": document.uri}},
                "updatedAt": timestamp(base),
            })
        })
        .collect();
    let mut body = json!({"documentDetails": details});
    if offset + max_results < base.documents.len() {
        body["nextToken"] = json!(paging::encode(offset + max_results));
    }
    Ok(response::json(&body))
}

fn check_data_source(base: &KnowledgeBase, data_source_id: &str) -> ApiResult<()> {
    if data_source_id == base.data_source_id {
        Ok(())
    } else {
        Err(ApiError::not_found(format!(
            "Data source with id {data_source_id} does not exist in knowledge base {}",
            base.id
        )))
    }
}

pub fn data_source_name(base: &KnowledgeBase) -> String {
    format!("{}-s3", base.name)
}

fn data_source_summary(base: &KnowledgeBase) -> Value {
    json!({
        "knowledgeBaseId": base.id,
        "dataSourceId": base.data_source_id,
        "name": data_source_name(base),
        "status": "AVAILABLE",
        "description": format!("The documents in s3://{}", base.bucket).chars().take(200).collect::<String>(),
        "updatedAt": timestamp(base),
    })
}

fn timestamp(base: &KnowledgeBase) -> String {
    base.created_at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn summary(base: &KnowledgeBase) -> Value {
    let mut summary = json!({
        "knowledgeBaseId": base.id,
        "name": base.name,
        "status": "ACTIVE",
        "updatedAt": timestamp(base),
    });
    if let Some(description) = &base.description {
        summary["description"] = json!(description);
    }
    summary
}

fn details(base: &KnowledgeBase, region: &str) -> Value {
    let collection = base.id.to_ascii_lowercase();
    let mut details = json!({
        "knowledgeBaseId": base.id,
        "name": base.name,
        "knowledgeBaseArn": format!("arn:aws:bedrock:{region}:{ACCOUNT_ID}:knowledge-base/{}", base.id),
        "roleArn": format!(
            "arn:aws:iam::{ACCOUNT_ID}:role/service-role/AmazonBedrockExecutionRoleForKnowledgeBase_{collection}"
        ),
        "knowledgeBaseConfiguration": {
            "type": "VECTOR",
            "vectorKnowledgeBaseConfiguration": {
                "embeddingModelArn": format!("arn:aws:bedrock:{region}::foundation-model/{EMBEDDING_MODEL_ID}"),
                "embeddingModelConfiguration": {
                    "bedrockEmbeddingModelConfiguration": {
                        "dimensions": EMBEDDING_DIMENSIONS,
                        "embeddingDataType": "FLOAT32",
                    }
                }
            }
        },
        "storageConfiguration": {
            "type": "OPENSEARCH_SERVERLESS",
            "opensearchServerlessConfiguration": {
                "collectionArn": format!("arn:aws:aoss:{region}:{ACCOUNT_ID}:collection/{collection}"),
                "vectorIndexName": "bedrock-knowledge-base-default-index",
                "fieldMapping": {
                    "vectorField": "bedrock-knowledge-base-default-vector",
                    "textField": "AMAZON_BEDROCK_TEXT_CHUNK",
                    "metadataField": "AMAZON_BEDROCK_METADATA",
                }
            }
        },
        "status": "ACTIVE",
        "createdAt": timestamp(base),
        "updatedAt": timestamp(base),
    });
    if let Some(description) = &base.description {
        details["description"] = json!(description);
    }
    details
}
