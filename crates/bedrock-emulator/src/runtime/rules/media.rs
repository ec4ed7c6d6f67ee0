//! Images and documents: Bedrock's own limits, then Claude's (which Converse wraps).

use base64::Engine;
use serde_json::Value;

use super::blocks;
use crate::catalogue::{Family, ModelEntry};
use crate::wire::error::{ApiError, ApiResult};

const MAX_DOCUMENTS: usize = 5;
/// 4.5 MB, as Bedrock counts megabytes (MiB).
const MAX_DOCUMENT_BYTES: usize = 4_718_592;
const CLAUDE_MAX_IMAGE_BYTES: usize = 5_242_880;
const CLAUDE_MAX_IMAGES_AND_DOCUMENTS: usize = 20;
const MODEL_PREFIX: &str = "The model returned the following errors: ";

struct Media<'a> {
    message: usize,
    position: usize,
    kind: &'a str,
    bytes: usize,
}

pub fn check(messages: &[Value], model: &ModelEntry) -> ApiResult<()> {
    let media = collect(messages);
    let documents = media.iter().filter(|m| m.kind == "document").count();
    if documents > MAX_DOCUMENTS {
        return Err(ApiError::validation(
            "You can't include more than 5 documents in a request. Reduce the number of documents and retry your request.",
        ));
    }
    if media
        .iter()
        .any(|m| m.kind == "document" && m.bytes > MAX_DOCUMENT_BYTES)
    {
        return Err(ApiError::validation(
            "The maximum document size is 4.5 MB. Reduce the size of your document and retry your request.",
        ));
    }
    if model.family == Family::Claude {
        check_claude(&media, documents)?;
    }
    Ok(())
}

fn check_claude(media: &[Media], documents: usize) -> ApiResult<()> {
    if let Some(image) = media
        .iter()
        .find(|m| m.kind == "image" && m.bytes > CLAUDE_MAX_IMAGE_BYTES)
    {
        return Err(ApiError::validation(format!(
            "{MODEL_PREFIX}messages.{}.content.{}.image.source.bytes: image exceeds 5 MB maximum: {} bytes > {CLAUDE_MAX_IMAGE_BYTES} bytes",
            image.message, image.position, image.bytes
        )));
    }
    let images = media.len() - documents;
    if images + documents > CLAUDE_MAX_IMAGES_AND_DOCUMENTS {
        return Err(ApiError::validation(format!(
            "{MODEL_PREFIX}too many images and documents: {images} + {documents} > {CLAUDE_MAX_IMAGES_AND_DOCUMENTS}"
        )));
    }
    Ok(())
}

fn collect(messages: &[Value]) -> Vec<Media<'_>> {
    let mut media = Vec::new();
    for (message, value) in messages.iter().enumerate() {
        for (position, block) in blocks(value).iter().enumerate() {
            for kind in ["image", "document"] {
                if let Some(item) = block.get(kind) {
                    media.push(Media {
                        message,
                        position,
                        kind,
                        bytes: source_bytes(item),
                    });
                }
            }
        }
    }
    media
}

fn source_bytes(item: &Value) -> usize {
    let source = item.get("source");
    if let Some(text) = source.and_then(|s| s.get("text")).and_then(Value::as_str) {
        return text.len();
    }
    source
        .and_then(|s| s.get("bytes"))
        .and_then(Value::as_str)
        .and_then(|encoded| {
            base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .ok()
        })
        .map_or(0, |bytes| bytes.len())
}
