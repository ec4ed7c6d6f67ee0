//! Chunk metadata: Bedrock's `<file>.metadata.json` sidecars plus the built-in attributes.

use serde_json::{Map, Value};

pub type Metadata = Map<String, Value>;

pub const SOURCE_URI: &str = "x-amz-bedrock-kb-source-uri";
pub const CHUNK_ID: &str = "x-amz-bedrock-kb-chunk-id";
pub const DATA_SOURCE_ID: &str = "x-amz-bedrock-kb-data-source-id";

pub const SIDECAR_SUFFIX: &str = ".metadata.json";

/// The attributes of a sidecar file: `{"metadataAttributes": {"year": 2024, ...}}`, where a value
/// is a string, number, boolean or list of strings, or Bedrock's typed form
/// `{"value": {"type": "STRING", "stringValue": "faq"}, "includeForEmbedding": true}`.
pub fn parse_sidecar(json: &str) -> Result<Metadata, String> {
    let document: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let attributes = document
        .get("metadataAttributes")
        .and_then(Value::as_object)
        .ok_or("expected an object under \"metadataAttributes\"")?;
    attributes
        .iter()
        .map(|(key, value)| Ok((key.clone(), attribute_value(key, value)?)))
        .collect()
}

fn attribute_value(key: &str, value: &Value) -> Result<Value, String> {
    let typed = value.get("value").filter(|v| v.get("type").is_some());
    let plain = match typed {
        Some(typed) => [
            "stringValue",
            "numberValue",
            "booleanValue",
            "stringListValue",
        ]
        .iter()
        .find_map(|member| typed.get(*member))
        .ok_or_else(|| format!("attribute {key:?} has a type but no value"))?,
        None => value,
    };
    let valid = match plain {
        Value::String(_) | Value::Number(_) | Value::Bool(_) => true,
        Value::Array(items) => items.iter().all(Value::is_string),
        _ => false,
    };
    if valid {
        Ok(plain.clone())
    } else {
        Err(format!(
            "attribute {key:?} must be a string, number, boolean or list of strings"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_plain_and_typed_attributes() {
        let metadata = parse_sidecar(
            r#"{"metadataAttributes": {"category": "faq", "year": 2024, "tags": ["a", "b"],
                "audience": {"value": {"type": "STRING", "stringValue": "developers"}, "includeForEmbedding": true}}}"#,
        )
        .unwrap();
        assert_eq!(metadata["category"], json!("faq"));
        assert_eq!(metadata["year"], json!(2024));
        assert_eq!(metadata["tags"], json!(["a", "b"]));
        assert_eq!(metadata["audience"], json!("developers"));
    }

    #[test]
    fn rejects_nested_objects() {
        assert!(parse_sidecar(r#"{"metadataAttributes": {"x": {"y": 1}}}"#).is_err());
        assert!(parse_sidecar(r#"{"attributes": {}}"#).is_err());
    }
}
