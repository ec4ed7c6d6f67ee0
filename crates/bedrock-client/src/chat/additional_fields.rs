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

/// Claude's extended thinking as the fields ask for it: `thinking: {type: enabled, budget_tokens}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thinking {
    Off,
    /// Enabled with this budget (`None` when `budget_tokens` is missing or not a whole number).
    Budget(Option<i64>),
}

pub fn thinking_of(fields: Option<&Document>) -> Thinking {
    let thinking = fields
        .and_then(Document::as_object)
        .and_then(|fields| fields.get("thinking"))
        .and_then(Document::as_object);
    let Some(thinking) = thinking else {
        return Thinking::Off;
    };
    if thinking.get("type").and_then(Document::as_string) != Some("enabled") {
        return Thinking::Off;
    }
    let budget = match thinking.get("budget_tokens") {
        Some(Document::Number(Number::PosInt(n))) => i64::try_from(*n).ok(),
        Some(Document::Number(Number::NegInt(n))) => Some(*n),
        _ => None,
    };
    Thinking::Budget(budget)
}

/// The fields without the value at `path` (e.g. top-k, which thinking forbids).
pub fn without_path(fields: Option<Document>, path: &[String]) -> Option<Document> {
    let Some(Document::Object(mut object)) = fields else {
        return fields;
    };
    if let [key] = path {
        object.remove(key);
    } else if let [key, rest @ ..] = path
        && let Some(child) = object.remove(key)
        && let Some(child) = without_path(Some(child), rest)
        && child.as_object().is_none_or(|c| !c.is_empty())
    {
        object.insert(key.clone(), child);
    }
    Some(Document::Object(object))
}

fn invalid(message: String) -> ClientError {
    ClientError::new(ErrorCode::InvalidRequest, message).with_hint(HINT)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn thinking_is_read_from_the_claude_shape() {
        let fields = |json: &str| parse_additional_fields(json).unwrap();
        let on = fields(r#"{"thinking": {"type": "enabled", "budget_tokens": 2048}}"#);
        assert_eq!(thinking_of(on.as_ref()), Thinking::Budget(Some(2048)));
        let off = fields(r#"{"thinking": {"type": "disabled"}}"#);
        assert_eq!(thinking_of(off.as_ref()), Thinking::Off);
        let bad = fields(r#"{"thinking": {"type": "enabled", "budget_tokens": "lots"}}"#);
        assert_eq!(thinking_of(bad.as_ref()), Thinking::Budget(None));
        assert_eq!(thinking_of(None), Thinking::Off);
    }

    #[test]
    fn a_path_is_removed_and_empty_parents_with_it() {
        let path = |p: &[&str]| p.iter().map(|&k| k.to_owned()).collect::<Vec<_>>();
        let claude = parse_additional_fields(r#"{"top_k": 5, "thinking": {}}"#).unwrap();
        let claude = without_path(claude, &path(&["top_k"])).unwrap();
        assert_eq!(
            claude.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["thinking"]
        );
        let nova = parse_additional_fields(r#"{"inferenceConfig": {"topK": 5}}"#).unwrap();
        let nova = without_path(nova, &path(&["inferenceConfig", "topK"])).unwrap();
        assert!(nova.as_object().unwrap().is_empty());
    }

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
