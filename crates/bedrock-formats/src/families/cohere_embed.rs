//! Cohere Embed v3 and v4: up to 96 `texts` per request, with an `input_type`. v4
//! (`cohere.embed-v4:0`) also takes `output_dimension` (256, 512, 1024 or 1536), `max_tokens`,
//! `images`, interleaved `inputs`, and truncates `LEFT`/`RIGHT` where v3 says `START`/`END`.

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
const KEYS: &[&str] = &[
    "texts",
    "input_type",
    "truncate",
    "embedding_types",
    "output_dimension",
    "max_tokens",
    "images",
    "inputs",
];
const TRUNCATE: &[&str] = &["NONE", "START", "END", "LEFT", "RIGHT"];
const HINT: &str = "Cohere Embed takes {\"texts\": [...], \"input_type\": \"search_document|search_query|\
    classification|clustering\"} plus optional truncate and embedding_types (v4 also \
    output_dimension 256|512|1024|1536 and max_tokens).";

/// `v4`: the model is Cohere Embed v4, which also takes `output_dimension`.
pub(crate) fn body(
    texts: &[String],
    options: &EmbeddingOptions,
    v4: bool,
) -> Result<Value, FormatError> {
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
    // Only Embed v4 takes a dimension; v3 answers 1024 floats and rejects the key.
    if let Some(dimensions) = options.dimensions.filter(|_| v4) {
        body.insert("output_dimension".into(), json!(dimensions));
    }
    Ok(Value::Object(body))
}

pub(crate) fn validate(body: &Value) -> Result<(), FormatError> {
    let root = Object::root(body, HINT)?;
    root.only(KEYS)?;
    if body.get("images").is_none() && body.get("inputs").is_none() {
        root.required("texts", Kind::Array)?;
    }
    root.strings("texts")?;
    root.required("input_type", Kind::String)?;
    root.enumerated("input_type", INPUT_TYPES)?;
    root.enumerated("truncate", TRUNCATE)?;
    root.optional("output_dimension", Kind::Integer)?;
    root.optional("max_tokens", Kind::Integer)?;
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
            body(&texts, &options, false).unwrap(),
            json!({"texts": ["a cat", "a dog"], "input_type": "search_document", "truncate": "NONE"})
        );
        assert!(body(&[], &options, false).is_err());
    }

    // Request shape from
    // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed-v4.html
    #[test]
    fn embed_v4_takes_an_output_dimension() {
        let texts = vec!["RAG system design".to_owned()];
        let options = EmbeddingOptions {
            dimensions: Some(512),
            input_type: Some("search_query".into()),
            embedding_types: vec!["float".into()],
            ..EmbeddingOptions::default()
        };
        let built = body(&texts, &options, true).unwrap();
        assert_eq!(
            built,
            json!({"texts": ["RAG system design"], "input_type": "search_query", "embedding_types": ["float"], "output_dimension": 512})
        );
        assert_eq!(validate(&built), Ok(()));
        let v3 = body(&texts, &options, false).unwrap();
        assert!(v3.get("output_dimension").is_none());
        assert_eq!(
            validate(
                &json!({"texts": ["x"], "input_type": "clustering", "truncate": "RIGHT", "max_tokens": 1000})
            ),
            Ok(())
        );
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
