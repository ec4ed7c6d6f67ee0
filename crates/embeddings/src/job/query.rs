//! Embedding a search term, to show its neighbours on the map, and a few documents outside a
//! dataset (a knowledge base's chunks), each cached like every vector.

use std::sync::{Mutex, PoisonError};

use aws_sdk_bedrockruntime::Client;
use bedrock_client::{ClientError, ErrorCode};

use super::invoke::embed_batch;
use super::spec::{EmbeddingSpec, Resolved, query_spec, resolve};
use crate::store::{LabStore, text_hash};

/// The vector of `text` with the run's spec, as a query: Cohere models embed it with input
/// type `search_query` (documents use `search_document`). Cached like every vector. Sent with
/// `client` as it is (its retries included): a single query gains from them.
pub async fn embed_query(
    client: &Client,
    store: &Mutex<LabStore>,
    spec: &EmbeddingSpec,
    text: &str,
) -> Result<Vec<f32>, ClientError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(
            ClientError::new(ErrorCode::InvalidRequest, "The query is empty.")
                .with_hint("Type a word or a sentence to search for."),
        );
    }
    let resolved = resolve_or_error(&query_spec(spec))?;
    embed_one(client, store, spec, &resolved, text).await
}

/// The vectors of `texts` as documents (Cohere: `search_document`), in order. Texts already in
/// the cache under the same model and options are not sent again; an empty text gets an
/// empty vector.
pub async fn embed_documents(
    client: &Client,
    store: &Mutex<LabStore>,
    spec: &EmbeddingSpec,
    texts: &[String],
) -> Result<Vec<Vec<f32>>, ClientError> {
    let resolved = resolve_or_error(spec)?;
    let mut vectors = Vec::with_capacity(texts.len());
    for text in texts {
        let text = text.trim();
        if text.is_empty() {
            vectors.push(Vec::new());
            continue;
        }
        vectors.push(embed_one(client, store, spec, &resolved, text).await?);
    }
    Ok(vectors)
}

fn resolve_or_error(spec: &EmbeddingSpec) -> Result<Resolved, ClientError> {
    resolve(spec)
        .map_err(|e| ClientError::new(ErrorCode::InvalidRequest, e.message).with_hint(e.hint))
}

async fn embed_one(
    client: &Client,
    store: &Mutex<LabStore>,
    spec: &EmbeddingSpec,
    resolved: &Resolved,
    text: &str,
) -> Result<Vec<f32>, ClientError> {
    let hash = text_hash(text);
    let lock = || store.lock().unwrap_or_else(PoisonError::into_inner);
    if let Ok(Some(vector)) = lock().cached_vector(&resolved.key, &hash) {
        return Ok(vector);
    }
    let mut embedded = embed_batch(
        client,
        &spec.model_id,
        resolved.info.family,
        &resolved.options,
        resolved.key.dimensions as usize,
        &[text.to_owned()],
    )
    .await?;
    let vector = embedded.vectors.pop().unwrap_or_default();
    // A vector that could not be cached is still returned.
    let _ = lock().put_vectors(
        &resolved.key,
        &[(hash, vector.clone(), Some(embedded.tokens))],
    );
    Ok(vector)
}
