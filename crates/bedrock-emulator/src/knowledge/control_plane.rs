//! bedrock-agent: ListKnowledgeBases and GetKnowledgeBase.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::Response;
use bytes::Bytes;
use chrono::SecondsFormat;
use serde_json::{Value, json};

use super::corpus::{EMBEDDING_DIMENSIONS, KnowledgeBase};
use super::paging;
use super::request::constraint_error;
use crate::catalogue::profiles::ACCOUNT_ID;
use crate::context::RequestContext;
use crate::runtime::body::json_body;
use crate::state::SharedState;
use crate::wire::error::ApiResult;
use crate::wire::response;

const DEFAULT_MAX_RESULTS: u64 = 1000;
const EMBEDDING_MODEL_ID: &str = "amazon.titan-embed-text-v2:0";

pub async fn list_knowledge_bases(
    State(state): State<SharedState>,
    body: Bytes,
) -> ApiResult<Response> {
    let request = json_body(&body)?;
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
