//! Cohere Embed v3 (English and multilingual).
//! https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v3.html

use serde_json::{Map, Value, json};

use super::Embedded;
use super::embedder;
use crate::families::schema::Fields;
use crate::generation::tokens;
use crate::wire::error::{ApiError, ApiResult};

const DIMENSIONS: usize = 1024;
const MAX_TEXTS: usize = 96;
const MAX_TEXT_CHARS: usize = 2048;
pub(super) const INPUT_TYPES: &[&str] = &[
    "search_document",
    "search_query",
    "classification",
    "clustering",
];
pub(super) const EMBEDDING_TYPES: &[&str] = &["float", "int8", "uint8", "binary", "ubinary"];

pub fn embed(body: &Value) -> ApiResult<Embedded> {
    let fields = Fields::root(
        body,
        &["texts", "input_type", "truncate", "embedding_types"],
    )?;
    fields.require("texts")?;
    let texts = fields.strings("texts", MAX_TEXTS)?;
    if texts.is_empty() {
        return Err(ApiError::malformed(
            "#/texts: expected minimum item count: 1, found: 0",
        ));
    }
    for (index, text) in texts.iter().enumerate() {
        let length = text.chars().count();
        if length > MAX_TEXT_CHARS {
            return Err(ApiError::malformed(format!(
                "#/texts/{index}: expected maxLength: {MAX_TEXT_CHARS}, actual: {length}"
            )));
        }
    }
    fields.require("input_type")?;
    fields.one_of("input_type", INPUT_TYPES)?;
    fields.one_of("truncate", &["NONE", "START", "END"])?;
    let types = fields.strings("embedding_types", EMBEDDING_TYPES.len())?;
    for (index, kind) in types.iter().enumerate() {
        if !EMBEDDING_TYPES.contains(&kind.as_str()) {
            return Err(ApiError::malformed(format!(
                "#/embedding_types/{index}: {kind} is not a valid enum value"
            )));
        }
    }
    let vectors: Vec<Vec<f32>> = texts.iter().map(|t| embed_one(t)).collect();
    let input_tokens = texts.iter().map(|t| tokens::count(t)).sum();
    let id = uuid::Uuid::new_v4().to_string();
    let body = if fields.get("embedding_types").is_none() {
        json!({"embeddings": vectors, "id": id, "response_type": "embeddings_floats", "texts": texts})
    } else {
        let mut by_type = Map::new();
        for kind in &types {
            let converted: Vec<Value> = vectors.iter().map(|v| convert(v, kind)).collect();
            by_type.insert(kind.clone(), Value::Array(converted));
        }
        json!({"embeddings": by_type, "id": id, "response_type": "embeddings_by_type", "texts": texts})
    };
    Ok(Embedded { body, input_tokens })
}

fn embed_one(text: &str) -> Vec<f32> {
    embedder::embed(text, DIMENSIONS, true)
}

/// Cohere's quantised forms: int8/uint8 scale each value; (u)binary packs signs 8 to a byte.
pub(super) fn convert(vector: &[f32], kind: &str) -> Value {
    let scaled = |x: f32| (x.clamp(-1.0, 1.0) * 127.0).round();
    match kind {
        "int8" => json!(vector.iter().map(|x| scaled(*x) as i8).collect::<Vec<_>>()),
        "uint8" => json!(
            vector
                .iter()
                .map(|x| (scaled(*x) + 128.0) as u8)
                .collect::<Vec<_>>()
        ),
        "binary" | "ubinary" => {
            let packed: Vec<u8> = vector
                .chunks(8)
                .map(|bits| {
                    bits.iter()
                        .fold(0u8, |byte, x| (byte << 1) | u8::from(*x > 0.0))
                })
                .collect();
            if kind == "binary" {
                json!(
                    packed
                        .iter()
                        .map(|b| (i16::from(*b) - 128) as i8)
                        .collect::<Vec<_>>()
                )
            } else {
                json!(packed)
            }
        }
        _ => json!(vector),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Request shape from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html
    #[test]
    fn floats_by_default() {
        let out = embed(&json!({"texts": ["a cat", "a dog"], "input_type": "search_document", "truncate": "NONE"}))
            .unwrap();
        assert_eq!(out.body["response_type"], "embeddings_floats");
        let embeddings = out.body["embeddings"].as_array().unwrap();
        assert_eq!(embeddings.len(), 2);
        assert_eq!(embeddings[0].as_array().unwrap().len(), 1024);
        assert_eq!(out.body["texts"], json!(["a cat", "a dog"]));
        assert!(uuid::Uuid::parse_str(out.body["id"].as_str().unwrap()).is_ok());
    }

    #[test]
    fn by_type_when_types_are_asked_for() {
        let out = embed(&json!({"texts": ["x"], "input_type": "search_query", "embedding_types": ["int8", "ubinary", "float"]}))
            .unwrap();
        assert_eq!(out.body["response_type"], "embeddings_by_type");
        assert_eq!(
            out.body["embeddings"]["int8"][0].as_array().unwrap().len(),
            1024
        );
        assert_eq!(
            out.body["embeddings"]["ubinary"][0]
                .as_array()
                .unwrap()
                .len(),
            128
        );
        assert_eq!(
            out.body["embeddings"]["float"][0].as_array().unwrap().len(),
            1024
        );
    }

    #[test]
    fn limits() {
        let texts = |n: usize| json!(vec!["t"; n]);
        assert!(embed(&json!({"texts": texts(96), "input_type": "clustering"})).is_ok());
        let err = embed(&json!({"texts": texts(97), "input_type": "clustering"})).unwrap_err();
        assert!(
            err.message
                .contains("#/texts: expected maximum item count: 96, found: 97"),
            "{}",
            err.message
        );
        let err = embed(&json!({"texts": ["x"]})).unwrap_err();
        assert!(
            err.message
                .contains("#: required key [input_type] not found")
        );
        let err = embed(&json!({"texts": ["x"], "input_type": "search"})).unwrap_err();
        assert!(
            err.message
                .contains("#/input_type: search is not a valid enum value")
        );
        let long = "a".repeat(2049);
        assert!(embed(&json!({"texts": [long], "input_type": "clustering"})).is_err());
        assert!(embed(&json!({"texts": [], "input_type": "clustering"})).is_err());
    }
}
