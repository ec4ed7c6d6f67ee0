//! Metadata filters as Bedrock documents them in JSON (`{"andAll": [{"equals": {"key": "year",
//! "value": 2024}}, ...]}`), checked before sending and converted to the SDK's `RetrievalFilter`.
//! A problem names its path, e.g. `andAll[1].greaterThan.value`.

use aws_sdk_bedrockagentruntime::types::{FilterAttribute, RetrievalFilter};
use serde::Serialize;
use serde_json::Value;

use super::json::from_json;
use crate::error::{ClientError, ErrorCode};

/// The operators of a `RetrievalFilter`, as the JSON names them.
pub const FILTER_OPERATORS: [&str; 11] = [
    "equals",
    "notEquals",
    "greaterThan",
    "greaterThanOrEquals",
    "lessThan",
    "lessThanOrEquals",
    "in",
    "notIn",
    "startsWith",
    "listContains",
    "stringContains",
];

const MAX_KEY_CHARS: usize = 100;

/// Where a filter is wrong and why.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterProblem {
    /// `andAll[1].greaterThan.value`; empty for the filter as a whole.
    pub path: String,
    pub message: String,
}

impl FilterProblem {
    fn at(path: &str, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            message: message.into(),
        }
    }

    pub fn into_client_error(self) -> ClientError {
        let place = if self.path.is_empty() {
            "the filter".to_owned()
        } else {
            format!("`{}`", self.path)
        };
        ClientError::new(
            ErrorCode::InvalidRequest,
            format!("Invalid metadata filter at {place}: {}", self.message),
        )
        .with_hint(
            "A filter is one operator object ({\"equals\": {\"key\": \"k\", \"value\": v}}) or {\"andAll\"|\"orAll\": [two or more filters]}; fix the member named in the message.",
        )
    }
}

/// Check filter JSON text without converting it.
pub fn check_filter(json: &str) -> Option<FilterProblem> {
    parse_filter_text(json).err()
}

/// Filter JSON text as the SDK's `RetrievalFilter`.
pub fn parse_filter(json: &str) -> Result<RetrievalFilter, ClientError> {
    parse_filter_text(json).map_err(FilterProblem::into_client_error)
}

fn parse_filter_text(json: &str) -> Result<RetrievalFilter, FilterProblem> {
    let value: Value = serde_json::from_str(json)
        .map_err(|e| FilterProblem::at("", format!("not valid JSON ({e})")))?;
    filter_from_value(&value, "")
}

fn join(path: &str, member: &str) -> String {
    if path.is_empty() {
        member.to_owned()
    } else {
        format!("{path}.{member}")
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A JSON filter value at `path` ("" for the root) as a `RetrievalFilter`.
pub fn filter_from_value(value: &Value, path: &str) -> Result<RetrievalFilter, FilterProblem> {
    let members = value.as_object().ok_or_else(|| {
        FilterProblem::at(path, format!("expected an object, got {}", kind(value)))
    })?;
    let mut set = members.iter();
    let (Some((name, body)), None) = (set.next(), set.next()) else {
        return Err(FilterProblem::at(
            path,
            format!(
                "expected exactly one of andAll, orAll, {}; got {}",
                FILTER_OPERATORS.join(", "),
                if members.is_empty() {
                    "none".to_owned()
                } else {
                    members.keys().cloned().collect::<Vec<_>>().join(", ")
                }
            ),
        ));
    };
    let member_path = join(path, name);
    match name.as_str() {
        "andAll" | "orAll" => {
            let items = body.as_array().ok_or_else(|| {
                FilterProblem::at(
                    &member_path,
                    format!("expected a list of filters, got {}", kind(body)),
                )
            })?;
            if items.len() < 2 {
                return Err(FilterProblem::at(
                    &member_path,
                    format!(
                        "{name} needs at least 2 filters, got {}; use the single filter on its own",
                        items.len()
                    ),
                ));
            }
            let filters = items
                .iter()
                .enumerate()
                .map(|(i, item)| filter_from_value(item, &format!("{member_path}[{i}]")))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(if name == "andAll" {
                RetrievalFilter::AndAll(filters)
            } else {
                RetrievalFilter::OrAll(filters)
            })
        }
        operator if FILTER_OPERATORS.contains(&operator) => {
            let attribute = attribute(operator, body, &member_path)?;
            Ok(match operator {
                "equals" => RetrievalFilter::Equals(attribute),
                "notEquals" => RetrievalFilter::NotEquals(attribute),
                "greaterThan" => RetrievalFilter::GreaterThan(attribute),
                "greaterThanOrEquals" => RetrievalFilter::GreaterThanOrEquals(attribute),
                "lessThan" => RetrievalFilter::LessThan(attribute),
                "lessThanOrEquals" => RetrievalFilter::LessThanOrEquals(attribute),
                "in" => RetrievalFilter::In(attribute),
                "notIn" => RetrievalFilter::NotIn(attribute),
                "startsWith" => RetrievalFilter::StartsWith(attribute),
                "listContains" => RetrievalFilter::ListContains(attribute),
                _ => RetrievalFilter::StringContains(attribute),
            })
        }
        other => Err(FilterProblem::at(
            &member_path,
            format!(
                "unknown operator {other:?}; use andAll, orAll or one of {}",
                FILTER_OPERATORS.join(", ")
            ),
        )),
    }
}

fn attribute(operator: &str, body: &Value, path: &str) -> Result<FilterAttribute, FilterProblem> {
    let members = body.as_object().ok_or_else(|| {
        FilterProblem::at(
            path,
            format!(
                "expected {{\"key\": ..., \"value\": ...}}, got {}",
                kind(body)
            ),
        )
    })?;
    if let Some(extra) = members.keys().find(|k| *k != "key" && *k != "value") {
        return Err(FilterProblem::at(
            &join(path, extra),
            "unknown member; a filter attribute has only key and value",
        ));
    }
    let key_path = join(path, "key");
    let key = match members.get("key") {
        Some(Value::String(key)) if (1..=MAX_KEY_CHARS).contains(&key.chars().count()) => key,
        Some(Value::String(_)) => {
            return Err(FilterProblem::at(
                &key_path,
                format!("the key must have 1 to {MAX_KEY_CHARS} characters"),
            ));
        }
        Some(other) => {
            return Err(FilterProblem::at(
                &key_path,
                format!("expected a string, got {}", kind(other)),
            ));
        }
        None => return Err(FilterProblem::at(&key_path, "the key is missing")),
    };
    let value_path = join(path, "value");
    let value = members
        .get("value")
        .filter(|v| !v.is_null())
        .ok_or_else(|| FilterProblem::at(&value_path, "the value is missing"))?;
    let (fits, wanted) = match operator {
        "greaterThan" | "greaterThanOrEquals" | "lessThan" | "lessThanOrEquals" => {
            (value.is_number(), "a number")
        }
        "in" | "notIn" => (
            value
                .as_array()
                .is_some_and(|items| items.iter().all(|i| !i.is_object() && !i.is_array())),
            "a list of strings, numbers or booleans",
        ),
        "startsWith" | "stringContains" => (value.is_string(), "a string"),
        "listContains" => (
            !value.is_array() && !value.is_object(),
            "a string, number or boolean",
        ),
        _ => (!value.is_object(), "a string, number, boolean or list"),
    };
    if !fits {
        return Err(FilterProblem::at(
            &value_path,
            format!("{operator} needs {wanted}, got {}", kind(value)),
        ));
    }
    FilterAttribute::builder()
        .key(key)
        .value(from_json(value))
        .build()
        .map_err(|e| FilterProblem::at(path, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_nested_filters() {
        let filter = parse_filter(
            r#"{"andAll": [{"equals": {"key": "category", "value": "faq"}},
                {"orAll": [{"greaterThan": {"key": "year", "value": 2023}},
                           {"in": {"key": "tags", "value": ["a", "b"]}}]}]}"#,
        )
        .unwrap();
        let RetrievalFilter::AndAll(all) = filter else {
            panic!("andAll");
        };
        assert!(matches!(&all[0], RetrievalFilter::Equals(a) if a.key() == "category"));
        assert!(matches!(&all[1], RetrievalFilter::OrAll(any) if any.len() == 2));
    }

    #[test]
    fn problems_name_their_path() {
        let cases = [
            ("[]", "", "expected an object, got a list"),
            ("{}", "", "expected exactly one of"),
            (
                r#"{"andAll": [{"equals": {"key": "a", "value": 1}}]}"#,
                "andAll",
                "andAll needs at least 2 filters, got 1",
            ),
            (
                r#"{"andAll": [{"equals": {"key": "a", "value": 1}}, {"greaterThan": {"key": "year", "value": "2020"}}]}"#,
                "andAll[1].greaterThan.value",
                "greaterThan needs a number, got a string",
            ),
            (
                r#"{"orAll": [{"near": {"key": "a", "value": 1}}, {"equals": {"key": "a", "value": 1}}]}"#,
                "orAll[0].near",
                "unknown operator \"near\"",
            ),
            (
                r#"{"in": {"key": "a", "value": 3}}"#,
                "in.value",
                "in needs a list",
            ),
            (
                r#"{"equals": {"key": "", "value": 3}}"#,
                "equals.key",
                "1 to 100",
            ),
            (
                r#"{"equals": {"key": "a", "value": 3, "op": 1}}"#,
                "equals.op",
                "unknown member",
            ),
            ("{", "", "not valid JSON"),
        ];
        for (json, path, message) in cases {
            let problem = check_filter(json).unwrap_or_else(|| panic!("{json} should fail"));
            assert_eq!(problem.path, path, "{json}");
            assert!(
                problem.message.contains(message),
                "{json}: {}",
                problem.message
            );
        }
        let error = parse_filter(r#"{"in": {"key": "a", "value": 3}}"#).unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidRequest);
        assert!(
            error
                .message
                .starts_with("Invalid metadata filter at `in.value`: ")
        );
    }
}
