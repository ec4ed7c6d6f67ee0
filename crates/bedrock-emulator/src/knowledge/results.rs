//! Retrieved chunks as the wire shows them: results with a score, references without.

use serde_json::{Value, json};

use super::corpus::Chunk;
use super::index::Hit;

pub fn retrieval_result(hit: &Hit) -> Value {
    let mut result = reference(hit.chunk);
    result["score"] = json!(hit.score);
    result
}

pub fn reference(chunk: &Chunk) -> Value {
    json!({
        "content": {"type": "TEXT", "text": chunk.text},
        "location": {"type": "S3", "s3Location": {"uri": chunk.source_uri}},
        "metadata": chunk.metadata,
    })
}
