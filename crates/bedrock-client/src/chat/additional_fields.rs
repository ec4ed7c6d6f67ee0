//! Model-specific parameters that Converse passes through untouched
//! (`additionalModelRequestFields`), written by the UI as JSON text.

use aws_smithy_types::{Document, Number};
use serde_json::Value;

use crate::error::{ClientError, ErrorCode};

const HINT: &str = "Write a JSON object whose keys the model family knows, e.g. {\"top_k\": 50} for Anthropic Claude or {\"inferenceConfig\": {\"topK\": 50}} for Amazon Nova.";

/// `None` for blank text; otherwise the object, or an error saying where the JSON went wrong.
pub fn parse_additional_fields(json: &str) -> Result<Option<Document>, ClientError> {
    if json.trim().is_empty() {
        return Ok(None);
    }
    let value: Value = serde_json::from_str(json).map_err(|error| {
        invalid(format!(
            "additionalModelRequestFields is not valid JSON: {error}."
        ))
    })?;
    if !value.is_object() {
        return Err(invalid(
            "additionalModelRequestFields must be a JSON object".to_owned(),
        ));
    }
    Ok(Some(json_to_document(value)))
}

pub(crate) fn json_to_document(value: Value) -> Document {
    match value {
        Value::Null => Document::Null,
        Value::Bool(flag) => Document::Bool(flag),
        Value::Number(number) => Document::Number(to_number(&number)),
        Value::String(text) => Document::String(text),
        Value::Array(items) => Document::Array(items.into_iter().map(json_to_document).collect()),
        Value::Object(fields) => Document::Object(
            fields
                .into_iter()
                .map(|(key, value)| (key, json_to_document(value)))
                .collect(),
        ),
    }
}

fn to_number(number: &serde_json::Number) -> Number {
    if let Some(positive) = number.as_u64() {
        Number::PosInt(positive)
    } else if let Some(negative) = number.as_i64() {
        Number::NegInt(negative)
    } else {
        Number::Float(number.as_f64().unwrap_or(f64::NAN))
    }
}

fn invalid(message: String) -> ClientError {
    ClientError::new(ErrorCode::InvalidRequest, message).with_hint(HINT)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn blank_text_means_no_fields() {
        assert_eq!(parse_additional_fields("  \n").unwrap(), None);
    }

    #[test]
    fn objects_convert_to_documents_keeping_number_kinds() {
        let document = parse_additional_fields(
            r#"{"top_k": 50, "bias": -2, "p": 0.5, "on": true, "tags": ["a", null]}"#,
        )
        .unwrap()
        .unwrap();
        let expected = Document::Object(HashMap::from([
            ("top_k".to_owned(), Document::Number(Number::PosInt(50))),
            ("bias".to_owned(), Document::Number(Number::NegInt(-2))),
            ("p".to_owned(), Document::Number(Number::Float(0.5))),
            ("on".to_owned(), Document::Bool(true)),
            (
                "tags".to_owned(),
                Document::Array(vec![Document::String("a".into()), Document::Null]),
            ),
        ]));
        assert_eq!(document, expected);
    }

    #[test]
    fn invalid_json_says_where() {
        let error = parse_additional_fields("{\n  \"top_k\": 50,\n}").unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidRequest);
        assert!(
            error.message.contains("line 3 column 1"),
            "{}",
            error.message
        );
        assert!(error.hint.contains("top_k"));
    }

    #[test]
    fn non_objects_are_refused() {
        for json in ["[1, 2]", "50", "\"top_k\"", "null"] {
            let error = parse_additional_fields(json).unwrap_err();
            assert_eq!(
                error.message, "additionalModelRequestFields must be a JSON object",
                "{json}"
            );
        }
    }
}
