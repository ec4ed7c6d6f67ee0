//! Amazon Titan Text Embeddings V1 and V2: one `inputText` per request.

use serde_json::{Map, Value, json};

use crate::embedding::EmbeddingOptions;
use crate::error::FormatError;
use crate::json::count_at;
use crate::response::ParsedResponse;
use crate::schema::{Kind, Object};

const V1_KEYS: &[&str] = &["inputText"];
const V2_KEYS: &[&str] = &["inputText", "dimensions", "normalize", "embeddingTypes"];
const HINT: &str = "Titan Text Embeddings takes {\"inputText\": \"...\"}; V2 also takes \
    dimensions (256, 512 or 1024), normalize and embeddingTypes.";

/// V1 takes only the text; V2's settings are written when set.
pub(crate) fn body(v2: bool, text: &str, options: &EmbeddingOptions) -> Value {
    let mut body = Map::new();
    body.insert("inputText".into(), json!(text));
    if v2 {
        if let Some(dimensions) = options.dimensions {
            body.insert("dimensions".into(), json!(dimensions));
        }
        if let Some(normalize) = options.normalize {
            body.insert("normalize".into(), json!(normalize));
        }
        if !options.embedding_types.is_empty() {
            body.insert("embeddingTypes".into(), json!(options.embedding_types));
        }
    }
    Value::Object(body)
}

pub(crate) fn parse_response(body: &Value) -> ParsedResponse {
    ParsedResponse {
        input_tokens: count_at(body, "/inputTextTokenCount"),
        ..ParsedResponse::default()
    }
}

pub(crate) fn validate(v2: bool, body: &Value) -> Result<(), FormatError> {
    let root = Object::root(body, HINT)?;
    root.only(if v2 { V2_KEYS } else { V1_KEYS })?;
    root.required("inputText", Kind::String)?;
    root.optional("dimensions", Kind::Integer)?;
    root.optional("normalize", Kind::Boolean)?;
    root.strings("embeddingTypes")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Request shapes from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html
    #[test]
    fn builds_v1_and_v2_bodies() {
        let options = EmbeddingOptions {
            dimensions: Some(512),
            normalize: Some(true),
            embedding_types: vec!["float".into()],
            ..EmbeddingOptions::default()
        };
        assert_eq!(
            body(false, "hello", &options),
            json!({"inputText": "hello"})
        );
        assert_eq!(
            body(true, "hello", &options),
            json!({"inputText": "hello", "dimensions": 512, "normalize": true, "embeddingTypes": ["float"]})
        );
    }

    #[test]
    fn reads_the_token_count_and_validates() {
        let response = json!({"embedding": [0.1, 0.2], "inputTextTokenCount": 3});
        assert_eq!(parse_response(&response).input_tokens, Some(3));
        assert!(validate(false, &json!({"inputText": "x", "dimensions": 256})).is_err());
        assert_eq!(
            validate(true, &json!({"inputText": "x", "dimensions": 256})),
            Ok(())
        );
        let error = validate(true, &json!({"dimensions": 256})).unwrap_err();
        assert!(
            error
                .message
                .contains("#: required key [inputText] not found")
        );
    }
}
