//! "On the map" in the knowledge-bases lab: a knowledge base's chunks projected with the
//! embeddings lab, the query placed among them. With the built-in emulator the chunks are all of
//! them (its control endpoint lists them with their vectors); with AWS, whose APIs list no
//! chunks, they are the chunks retrieved so far, embedded with the knowledge base's own model
//! (cached in the lab store, so nothing is paid twice). The flow is `embeddings::lab::kb_map`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use bedrock_client::knowledge;
use bedrock_client::{ClientError, ErrorCode};
use embeddings::job::{self, EmbeddingSpec};
use embeddings::lab::kb_map::{ChunkMapLayout, map_chunks};
use embeddings::lab::service::maths_error;
use embeddings::maths::Matrix;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tauri::State;

use crate::AppState;
use crate::errors::{lab_error, task_failed};

/// A chunk the UI has seen in a retrieval or a citation.
#[derive(Debug, Clone, Deserialize, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MapChunk {
    pub chunk_id: Option<String>,
    pub text: String,
    /// The source document (an S3 URI, a URL, ...).
    pub uri: Option<String>,
}

#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct KnowledgeMapRequest {
    pub knowledge_base_id: String,
    /// The query to place on the map; none or blank places nothing.
    pub query: Option<String>,
    /// The chunks seen so far: the map's points when the backend cannot list them all.
    pub seen_chunks: Vec<MapChunk>,
}

/// Where the map's points come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum MapSource {
    /// Every chunk of the knowledge base (the emulator lists them).
    All,
    /// The chunks retrieved so far, embedded with the knowledge base's model.
    Retrieved,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct KnowledgeMap {
    pub source: MapSource,
    pub model_id: String,
    pub dimensions: u32,
    /// The map's points, in the order of the layout's coordinates.
    pub chunks: Vec<MapChunk>,
    pub layout: ChunkMapLayout,
}

/// Map the knowledge base's chunks and place `query` among them.
#[tauri::command]
#[specta::specta]
pub async fn knowledge_map(
    state: State<'_, AppState>,
    request: KnowledgeMapRequest,
) -> Result<KnowledgeMap, ClientError> {
    let active = state.connection().await?;
    let clients = state.knowledge().await?;
    let details =
        knowledge::describe_knowledge_base(&clients.agent, &request.knowledge_base_id).await?;
    let lab = state.lab_handle();
    let on_emulator = active.resolved.id == profiles::EMULATOR_ID;
    let (source, chunks, vectors, mut spec) = if on_emulator {
        let endpoint = state.emulator_endpoint().await?;
        let id = request.knowledge_base_id.clone();
        let listed = tauri::async_runtime::spawn_blocking(move || emulator_chunks(&endpoint, &id))
            .await
            .map_err(task_failed)??;
        (MapSource::All, listed.chunks, listed.vectors, listed.spec)
    } else {
        let Some(model_id) = details.embedding_model_id.clone() else {
            return Err(ClientError::new(
                ErrorCode::InvalidRequest,
                format!(
                    "{} has no embedding model to map its chunks with (it is a {} knowledge base).",
                    details.name, details.kind
                ),
            )
            .with_hint("Pick a vector knowledge base."));
        };
        let spec = EmbeddingSpec {
            model_id,
            dimensions: details.embedding_dimensions.map(|d| d.max(0) as u32),
            ..EmbeddingSpec::default()
        };
        let chunks = unique(request.seen_chunks);
        let texts: Vec<String> = chunks.iter().map(|c| c.text.clone()).collect();
        let vectors =
            job::embed_documents(&active.connection.runtime, lab.store_mutex(), &spec, &texts)
                .await?;
        let (chunks, vectors): (Vec<MapChunk>, Vec<Vec<f32>>) = chunks
            .into_iter()
            .zip(vectors)
            .filter(|(_, v)| !v.is_empty())
            .unzip();
        (MapSource::Retrieved, chunks, vectors, spec)
    };
    // The knowledge base's own model embeds the query (GetKnowledgeBase names it).
    if let Some(model_id) = details.embedding_model_id.clone() {
        spec.model_id = model_id;
    }
    let query = request.query.unwrap_or_default();
    let query_vector = if query.trim().is_empty() {
        None
    } else {
        Some(job::embed_query(&active.connection.runtime, lab.store_mutex(), &spec, &query).await?)
    };
    let dimensions = vectors.first().map_or(0, Vec::len);
    let layout = tauri::async_runtime::spawn_blocking(move || {
        let rows = vectors.len();
        let matrix = Matrix::new(rows, dimensions, vectors.concat())
            .map_err(|e| lab_error(maths_error(e)))?;
        let texts: Vec<&str> = chunks.iter().map(|c| c.text.as_str()).collect();
        let map = map_chunks(&matrix, &texts, query_vector.as_deref(), &|| false)
            .map_err(|e| lab_error(maths_error(e)))?;
        Ok::<_, ClientError>((chunks, map.view()))
    })
    .await
    .map_err(task_failed)??;
    Ok(KnowledgeMap {
        source,
        model_id: spec.model_id,
        dimensions: dimensions as u32,
        chunks: layout.0,
        layout: layout.1,
    })
}

/// The chunks once each, by id or (without one) by text.
fn unique(chunks: Vec<MapChunk>) -> Vec<MapChunk> {
    let mut seen = std::collections::HashSet::new();
    chunks
        .into_iter()
        .filter(|c| !c.text.trim().is_empty())
        .filter(|c| seen.insert(c.chunk_id.clone().unwrap_or_else(|| c.text.clone())))
        .collect()
}

struct Listed {
    chunks: Vec<MapChunk>,
    vectors: Vec<Vec<f32>>,
    spec: EmbeddingSpec,
}

fn emulator_failed(message: impl Into<String>) -> ClientError {
    ClientError::new(ErrorCode::Unknown, message)
        .with_hint("Restart the app; the built-in emulator should answer on its loopback port.")
}

/// `GET /_emulator/knowledge-bases/{id}/chunks` on the built-in emulator (loopback HTTP/1.0,
/// so the body is sent whole and the connection closed).
fn emulator_chunks(endpoint: &str, knowledge_base_id: &str) -> Result<Listed, ClientError> {
    let authority = endpoint
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let id: String = knowledge_base_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let mut stream = TcpStream::connect(&authority)
        .map_err(|e| emulator_failed(format!("Could not reach the emulator at {endpoint}: {e}")))?;
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let request = format!(
        "GET /_emulator/knowledge-bases/{id}/chunks HTTP/1.0\r\nHost: {authority}\r\nAccept: application/json\r\n\r\n"
    );
    let mut response = Vec::new();
    stream
        .write_all(request.as_bytes())
        .and_then(|()| stream.read_to_end(&mut response))
        .map_err(|e| emulator_failed(format!("The emulator's chunk listing failed: {e}")))?;
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| emulator_failed("The emulator sent no HTTP response."))?;
    let head = String::from_utf8_lossy(&response[..split]);
    let body: Value = serde_json::from_slice(&response[split + 4..]).unwrap_or(Value::Null);
    let status_ok = head
        .lines()
        .next()
        .is_some_and(|line| line.split_whitespace().nth(1) == Some("200"));
    if !status_ok {
        let message = body["message"].as_str().unwrap_or("no message").to_owned();
        return Err(ClientError::new(
            ErrorCode::InvalidRequest,
            format!("The emulator lists no chunks for {knowledge_base_id}: {message}"),
        )
        .with_hint("Pick one of the emulator's demo knowledge bases."));
    }
    let mut chunks = Vec::new();
    let mut vectors = Vec::new();
    for entry in body["chunks"].as_array().into_iter().flatten() {
        let vector: Vec<f32> = entry["vector"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_f64)
            .map(|x| x as f32)
            .collect();
        if vector.is_empty() {
            continue;
        }
        chunks.push(MapChunk {
            chunk_id: entry["chunkId"].as_str().map(str::to_owned),
            text: entry["text"].as_str().unwrap_or_default().to_owned(),
            uri: entry["location"]["s3Location"]["uri"]
                .as_str()
                .map(str::to_owned),
        });
        vectors.push(vector);
    }
    let spec = EmbeddingSpec {
        model_id: body["embeddingModelId"]
            .as_str()
            .unwrap_or("amazon.titan-embed-text-v2:0")
            .to_owned(),
        dimensions: body["dimensions"].as_u64().map(|d| d as u32),
        normalize: body["normalized"].as_bool(),
        input_type: None,
    };
    Ok(Listed {
        chunks,
        vectors,
        spec,
    })
}
