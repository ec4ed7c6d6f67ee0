//! Cohere Embed v4 (`cohere.embed-v4:0`): texts, images or interleaved `inputs`, a chosen
//! `output_dimension` (1536 by default), truncation `LEFT`/`RIGHT`.
//! https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v4.html
//!
//! As on Bedrock: without `embedding_types` the answer is `embeddings_floats` (a list of float
//! vectors); with them, `embeddings_by_type` (an object keyed by type, even for `["float"]`).

use serde_json::{Map, Value, json};

use super::Embedded;
use super::cohere::{EMBEDDING_TYPES, INPUT_TYPES, convert};
use super::embedder;
use crate::families::schema::Fields;
use crate::generation::tokens;
use crate::hashing::fnv1a;
use crate::wire::error::{ApiError, ApiResult};

const DEFAULT_DIMENSIONS: u32 = 1536;
const DIMENSIONS: &[u32] = &[256, 512, 1024, 1536];
const MAX_ITEMS: usize = 96;
const MAX_TOKENS: u32 = 128_000;
/// Image tokens ≈ pixels ÷ 784 × 4; the emulator does not decode images, so it bills a fixed
/// 512 × 512 picture.
const IMAGE_TOKENS: u32 = 1_338;
const KEYS: &[&str] = &[
    "input_type",
    "texts",
    "images",
    "inputs",
    "embedding_types",
    "output_dimension",
    "max_tokens",
    "truncate",
];

pub fn embed(body: &Value) -> ApiResult<Embedded> {
    let fields = Fields::root(body, KEYS)?;
    fields.require("input_type")?;
    fields.one_of("input_type", INPUT_TYPES)?;
    fields.one_of("truncate", &["NONE", "LEFT", "RIGHT"])?;
    fields.integer("max_tokens", 1, MAX_TOKENS)?;
    let dimensions = match fields.integer("output_dimension", 0, u32::MAX)? {
        None => DEFAULT_DIMENSIONS,
        Some(d) if DIMENSIONS.contains(&d) => d,
        Some(other) => {
            return Err(ApiError::malformed(format!(
                "#/output_dimension: {other} is not a valid enum value"
            )));
        }
    };
    let types = fields.strings("embedding_types", EMBEDDING_TYPES.len())?;
    for (index, kind) in types.iter().enumerate() {
        if !EMBEDDING_TYPES.contains(&kind.as_str()) {
            return Err(ApiError::malformed(format!(
                "#/embedding_types/{index}: {kind} is not a valid enum value"
            )));
        }
    }
    let texts = fields.strings("texts", MAX_ITEMS)?;
    let images = fields.strings("images", MAX_ITEMS)?;
    let inputs = fields.array("inputs")?;
    if !texts.is_empty() && !images.is_empty() {
        return Err(ApiError::validation(
            "Send either texts or images in one request, not both; use inputs for interleaved content.",
        ));
    }
    let mut items: Vec<(String, u32)> = texts
        .iter()
        .map(|t| (t.clone(), tokens::count(t)))
        .collect();
    items.extend(images.iter().map(|uri| (image_feature(uri), IMAGE_TOKENS)));
    if let Some(inputs) = inputs {
        for (index, input) in inputs.iter().enumerate() {
            items.push(interleaved(input, index)?);
        }
    }
    if items.is_empty() {
        return Err(ApiError::malformed(
            "#: one of texts, images or inputs must hold at least 1 item",
        ));
    }
    if items.len() > MAX_ITEMS {
        return Err(ApiError::malformed(format!(
            "#: expected at most {MAX_ITEMS} texts, images or inputs, found: {}",
            items.len()
        )));
    }
    let vectors: Vec<Vec<f32>> = items
        .iter()
        .map(|(text, _)| embedder::embed(text, dimensions as usize, true))
        .collect();
    let input_tokens = items.iter().map(|(_, count)| count).sum();
    let mut body = if types.is_empty() {
        json!({"id": uuid::Uuid::new_v4().to_string(), "embeddings": vectors, "response_type": "embeddings_floats"})
    } else {
        let mut by_type = Map::new();
        for kind in &types {
            let converted: Vec<Value> = vectors.iter().map(|v| convert(v, kind)).collect();
            by_type.insert(kind.clone(), Value::Array(converted));
        }
        json!({"id": uuid::Uuid::new_v4().to_string(), "embeddings": by_type, "response_type": "embeddings_by_type"})
    };
    if !texts.is_empty() {
        body["texts"] = json!(texts);
    }
    if let Some(inputs) = inputs {
        body["inputs"] = Value::Array(inputs.clone());
    }
    Ok(Embedded { body, input_tokens })
}

/// One `inputs` item: its text parts are embedded together; each image part adds a feature.
fn interleaved(input: &Value, index: usize) -> ApiResult<(String, u32)> {
    let path = format!("#/inputs/{index}");
    let item = Fields::object_at(input, &path, &["content"])?;
    let parts = item.required_array("content")?;
    let mut text = String::new();
    let mut count = 0;
    for (part_index, part) in parts.iter().enumerate() {
        let part_path = format!("{path}/content/{part_index}");
        let fields = Fields::object_at(part, &part_path, &["type", "text", "image_url"])?;
        match fields.one_of("type", &["text", "image_url"])? {
            Some("text") => {
                let value = fields.required_string("text")?;
                count += tokens::count(value);
                text.push_str(value);
            }
            Some(_) => {
                let url = fields
                    .require("image_url")?
                    .get("url")
                    .and_then(Value::as_str)
                    .ok_or_else(|| {
                        ApiError::malformed(format!(
                            "{part_path}/image_url: required key [url] not found"
                        ))
                    })?;
                count += IMAGE_TOKENS;
                text.push_str(&image_feature(url));
            }
            None => {
                return Err(ApiError::malformed(format!(
                    "{part_path}: required key [type] not found"
                )));
            }
        }
        text.push(' ');
    }
    Ok((text, count))
}

/// The emulator does not look at pixels: an image embeds as one word made from its bytes' hash.
fn image_feature(uri: &str) -> String {
    format!("image{:016x}", fnv1a(uri.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Request and response shapes from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v4.html
    #[test]
    fn floats_of_1536_by_default_and_by_type_when_asked() {
        let out = embed(&json!({"input_type": "search_document", "texts": ["RAG system design", "loss triangles"]}))
            .unwrap();
        assert_eq!(out.body["response_type"], "embeddings_floats");
        let vectors = out.body["embeddings"].as_array().unwrap();
        assert_eq!(vectors.len(), 2);
        assert_eq!(vectors[0].as_array().unwrap().len(), 1536);
        assert_eq!(out.body["texts"][1], "loss triangles");

        let out = embed(&json!({"input_type": "search_query", "texts": ["x"], "embedding_types": ["float"], "output_dimension": 256}))
            .unwrap();
        assert_eq!(out.body["response_type"], "embeddings_by_type");
        assert_eq!(
            out.body["embeddings"]["float"][0].as_array().unwrap().len(),
            256
        );
    }

    #[test]
    fn same_text_same_vector_as_any_dimension_allows() {
        let a = embed(&json!({"input_type": "clustering", "texts": ["tomato soup"], "output_dimension": 1024}))
            .unwrap();
        let b = embed(&json!({"input_type": "clustering", "texts": ["tomato soup"], "output_dimension": 1024}))
            .unwrap();
        assert_eq!(a.body["embeddings"], b.body["embeddings"]);
    }

    #[test]
    fn interleaved_inputs_give_one_vector_each() {
        let out = embed(&json!({
            "input_type": "search_document",
            "inputs": [{"content": [
                {"type": "text", "text": "Quarterly chart"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}
            ]}],
            "embedding_types": ["int8"],
            "output_dimension": 512
        }))
        .unwrap();
        assert_eq!(
            out.body["embeddings"]["int8"][0].as_array().unwrap().len(),
            512
        );
        assert!(out.body["inputs"].is_array());
        assert!(out.body.get("texts").is_none());
    }

    #[test]
    fn limits_and_enums() {
        let err = embed(&json!({"texts": ["x"]})).unwrap_err();
        assert!(err.message.contains("required key [input_type] not found"));
        let err =
            embed(&json!({"input_type": "clustering", "texts": ["x"], "output_dimension": 300}))
                .unwrap_err();
        assert!(
            err.message
                .contains("#/output_dimension: 300 is not a valid enum value")
        );
        let err = embed(&json!({"input_type": "clustering", "texts": ["x"], "truncate": "END"}))
            .unwrap_err();
        assert!(
            err.message
                .contains("#/truncate: END is not a valid enum value")
        );
        assert!(embed(&json!({"input_type": "clustering", "texts": vec!["t"; 96]})).is_ok());
        assert!(embed(&json!({"input_type": "clustering", "texts": vec!["t"; 97]})).is_err());
        assert!(embed(&json!({"input_type": "clustering"})).is_err());
        assert!(
            embed(&json!({"input_type": "clustering", "texts": ["a"], "images": ["data:image/png;base64,AA"]}))
                .is_err()
        );
    }
}
