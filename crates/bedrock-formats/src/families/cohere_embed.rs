//! Cohere Embed v3: up to 96 `texts` per request, with an `input_type`.

use serde_json::{Map, Value, json};

use crate::embedding::EmbeddingOptions;
use crate::error::{FormatError, FormatErrorCode};
use crate::schema::{Kind, Object};

const MAX_TEXTS: usize = 96;
/// Bedrock requires an input type; a stored document is the most common use.
const DEFAULT_INPUT_TYPE: &str = "search_document";
const INPUT_TYPES: &[&str] = &[
    "search_document",
    "search_query",
    "classification",
    "clustering",
];
const KEYS: &[&str] = &["texts", "input_type", "truncate", "embedding_types"];
const HINT: &str = "Cohere Embed takes {\"texts\": [...], \"input_type\": \"search_document|search_query|\
    classification|clustering\"} plus optional truncate and embedding_types.";

pub(crate) fn body(texts: &[String], options: &EmbeddingOptions) -> Result<Value, FormatError> {
    if texts.is_empty() || texts.len() > MAX_TEXTS {
        return Err(FormatError::new(
            FormatErrorCode::InvalidEmbeddingInput,
            format!(
                "Cohere Embed takes 1 to {MAX_TEXTS} texts per request; {} were given.",
                texts.len()
            ),
            "Split the texts into batches of at most 96.",
        ));
    }
    let mut body = Map::new();
    body.insert("texts".into(), json!(texts));
    let input_type = options.input_type.as_deref().unwrap_or(DEFAULT_INPUT_TYPE);
    body.insert("input_type".into(), json!(input_type));
    if let Some(truncate) = &options.truncate {
        body.insert("truncate".into(), json!(truncate));
    }
    if !options.embedding_types.is_empty() {
        body.insert("embedding_types".into(), json!(options.embedding_types));
    }
    Ok(Value::Object(body))
}

pub(crate) fn validate(body: &Value) -> Result<(), FormatError> {
    let root = Object::root(body, HINT)?;
    root.only(KEYS)?;
    root.required("texts", Kind::Array)?;
    root.strings("texts")?;
    root.required("input_type", Kind::String)?;
    root.enumerated("input_type", INPUT_TYPES)?;
    root.enumerated("truncate", &["NONE", "START", "END"])?;
    root.strings("embedding_types")
}

#[cfg(test)]
mod tests {
    use super::*;

    // Request shape from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html
    #[test]
    fn builds_the_documented_body() {
        let texts = vec!["a cat".to_owned(), "a dog".to_owned()];
        let options = EmbeddingOptions {
            truncate: Some("NONE".into()),
            ..EmbeddingOptions::default()
        };
        assert_eq!(
            body(&texts, &options).unwrap(),
            json!({"texts": ["a cat", "a dog"], "input_type": "search_document", "truncate": "NONE"})
        );
        assert!(body(&[], &options).is_err());
    }

    #[test]
    fn validation_catches_a_missing_input_type() {
        let error = validate(&json!({"texts": ["x"]})).unwrap_err();
        assert!(
            error
                .message
                .contains("#: required key [input_type] not found")
        );
        let error = validate(&json!({"texts": ["x"], "input_type": "query"})).unwrap_err();
        assert!(
            error
                .message
                .contains("#/input_type: query is not a valid enum value")
        );
    }
}
