//! `GET /_emulator/knowledge-bases/{id}/chunks`: every chunk of a knowledge base with its id,
//! document, text and vector, so a client can map the whole knowledge base offline.
//! `?vectors=false` leaves the vectors out; `?document=<s3 uri>` keeps one document's chunks.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::corpus::{EMBEDDING_DIMENSIONS, EMBEDDING_MODEL_ID};
use super::metadata::DATA_SOURCE_ID;
use crate::state::SharedState;

pub async fn list_chunks(
    State(state): State<SharedState>,
    Path(knowledge_base_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let base = match state.knowledge.find(&knowledge_base_id) {
        Ok(base) => base,
        Err(error) => {
            return (
                StatusCode::NOT_FOUND,
                Json(json!({"message": error.message})),
            )
                .into_response();
        }
    };
    let with_vectors = query.get("vectors").is_none_or(|v| v != "false");
    let document = query.get("document");
    let chunks: Vec<Value> = base
        .chunks
        .iter()
        .filter(|chunk| document.is_none_or(|uri| *uri == chunk.source_uri))
        .map(|chunk| {
            let mut entry = json!({
                "chunkId": chunk.chunk_id(),
                "dataSourceId": chunk.metadata.get(DATA_SOURCE_ID),
                "location": {"type": "S3", "s3Location": {"uri": chunk.source_uri}},
                "headingPath": chunk.heading_path,
                "text": chunk.text,
                "embeddedText": chunk.embedded_text(),
                "metadata": chunk.metadata,
            });
            if with_vectors {
                entry["vector"] = json!(chunk.vector);
            }
            entry
        })
        .collect();
    Json(json!({
        "knowledgeBaseId": base.id,
        "name": base.name,
        "embeddingModelId": EMBEDDING_MODEL_ID,
        "dimensions": EMBEDDING_DIMENSIONS,
        "normalized": true,
        "chunks": chunks,
    }))
    .into_response()
}
