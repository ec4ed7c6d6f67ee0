//! Retrieval metadata filters: the `RetrievalFilter` union and its evaluation against a chunk.

use serde_json::Value;

use super::metadata::Metadata;
use crate::wire::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    Equals,
    NotEquals,
    GreaterThan,
    GreaterThanOrEquals,
    LessThan,
    LessThanOrEquals,
    In,
    NotIn,
    StartsWith,
    ListContains,
    StringContains,
}

const OPERATORS: [(&str, Operator); 11] = [
    ("equals", Operator::Equals),
    ("notEquals", Operator::NotEquals),
    ("greaterThan", Operator::GreaterThan),
    ("greaterThanOrEquals", Operator::GreaterThanOrEquals),
    ("lessThan", Operator::LessThan),
    ("lessThanOrEquals", Operator::LessThanOrEquals),
    ("in", Operator::In),
    ("notIn", Operator::NotIn),
    ("startsWith", Operator::StartsWith),
    ("listContains", Operator::ListContains),
    ("stringContains", Operator::StringContains),
];

#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    Compare {
        operator: Operator,
        key: String,
        value: Value,
    },
    AndAll(Vec<Filter>),
    OrAll(Vec<Filter>),
}

impl Filter {
    /// Parse a `RetrievalFilter`; `path` names it in validation messages.
    pub fn parse(value: &Value, path: &str) -> ApiResult<Self> {
        let members = value
            .as_object()
            .ok_or_else(|| ApiError::validation(format!("{path} must be an object.")))?;
        let mut set = members.iter().filter(|(_, v)| !v.is_null());
        let (Some((name, body)), None) = (set.next(), set.next()) else {
            return Err(ApiError::validation(format!(
                "{path} must set exactly one of andAll, orAll or a filter operator."
            )));
        };
        let member_path = format!("{path}.{name}");
        match name.as_str() {
            "andAll" => Ok(Self::AndAll(parse_list(body, &member_path)?)),
            "orAll" => Ok(Self::OrAll(parse_list(body, &member_path)?)),
            _ => {
                let operator = OPERATORS
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, op)| *op)
                    .ok_or_else(|| {
                        ApiError::validation(format!("Unknown filter operator {name:?} in {path}."))
                    })?;
                parse_comparison(operator, body, &member_path)
            }
        }
    }

    pub fn matches(&self, metadata: &Metadata) -> bool {
        match self {
            Self::AndAll(all) => all.iter().all(|f| f.matches(metadata)),
            Self::OrAll(any) => any.iter().any(|f| f.matches(metadata)),
            Self::Compare {
                operator,
                key,
                value,
            } => compare(*operator, metadata.get(key), value),
        }
    }
}

fn parse_list(body: &Value, path: &str) -> ApiResult<Vec<Filter>> {
    let items = body
        .as_array()
        .ok_or_else(|| ApiError::validation(format!("{path} must be a list.")))?;
    if items.len() < 2 {
        return Err(ApiError::validation(format!(
            "1 validation error detected: Value at '{path}' failed to satisfy constraint: Member must have length greater than or equal to 2"
        )));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| Filter::parse(item, &format!("{path}.{}", i + 1)))
        .collect()
}

fn parse_comparison(operator: Operator, body: &Value, path: &str) -> ApiResult<Filter> {
    let key = body
        .get("key")
        .and_then(Value::as_str)
        .filter(|k| (1..=100).contains(&k.chars().count()))
        .ok_or_else(|| {
            ApiError::validation(format!(
                "{path}.key must be a string of 1 to 100 characters."
            ))
        })?;
    let value = body
        .get("value")
        .filter(|v| !v.is_null())
        .ok_or_else(|| ApiError::validation(format!("{path}.value is required.")))?;
    let fits = match operator {
        Operator::Equals | Operator::NotEquals => true,
        Operator::GreaterThan
        | Operator::GreaterThanOrEquals
        | Operator::LessThan
        | Operator::LessThanOrEquals => value.is_number(),
        Operator::In | Operator::NotIn => value.is_array(),
        Operator::StartsWith | Operator::StringContains => value.is_string(),
        Operator::ListContains => !value.is_array() && !value.is_object(),
    };
    if !fits {
        return Err(ApiError::validation(format!(
            "{path}.value has the wrong type for this operator: {}",
            expected_type(operator)
        )));
    }
    Ok(Filter::Compare {
        operator,
        key: key.to_owned(),
        value: value.clone(),
    })
}

fn expected_type(operator: Operator) -> &'static str {
    match operator {
        Operator::Equals | Operator::NotEquals => "any value",
        Operator::In | Operator::NotIn => "a list",
        Operator::StartsWith | Operator::StringContains => "a string",
        Operator::ListContains => "a string, number or boolean",
        _ => "a number",
    }
}

fn same(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

fn compare(operator: Operator, actual: Option<&Value>, wanted: &Value) -> bool {
    let number = |ok: fn(f64, f64) -> bool| match (actual.and_then(Value::as_f64), wanted.as_f64())
    {
        (Some(a), Some(w)) => ok(a, w),
        _ => false,
    };
    let listed = |list: &Value| {
        actual.is_some_and(|a| {
            list.as_array()
                .is_some_and(|l| l.iter().any(|w| same(a, w)))
        })
    };
    match operator {
        Operator::Equals => actual.is_some_and(|a| same(a, wanted)),
        Operator::NotEquals => !actual.is_some_and(|a| same(a, wanted)),
        Operator::GreaterThan => number(|a, w| a > w),
        Operator::GreaterThanOrEquals => number(|a, w| a >= w),
        Operator::LessThan => number(|a, w| a < w),
        Operator::LessThanOrEquals => number(|a, w| a <= w),
        Operator::In => listed(wanted),
        Operator::NotIn => !listed(wanted),
        Operator::StartsWith => match (actual.and_then(Value::as_str), wanted.as_str()) {
            (Some(a), Some(w)) => a.starts_with(w),
            _ => false,
        },
        Operator::ListContains => actual
            .and_then(Value::as_array)
            .is_some_and(|items| items.iter().any(|item| same(item, wanted))),
        Operator::StringContains => {
            let Some(needle) = wanted.as_str() else {
                return false;
            };
            match actual {
                Some(Value::String(s)) => s.contains(needle),
                Some(Value::Array(items)) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .any(|s| s.contains(needle)),
                _ => false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Metadata {
        json!({"category": "faq", "year": 2024, "tags": ["billing", "tokens"], "draft": false})
            .as_object()
            .unwrap()
            .clone()
    }

    fn check(filter: Value) -> bool {
        Filter::parse(&filter, "filter").unwrap().matches(&doc())
    }

    #[test]
    fn equality_operators() {
        assert!(check(
            json!({"equals": {"key": "category", "value": "faq"}})
        ));
        assert!(!check(
            json!({"equals": {"key": "category", "value": "guide"}})
        ));
        assert!(check(json!({"equals": {"key": "year", "value": 2024.0}})));
        assert!(check(json!({"equals": {"key": "draft", "value": false}})));
        assert!(check(
            json!({"notEquals": {"key": "category", "value": "guide"}})
        ));
        assert!(!check(
            json!({"notEquals": {"key": "category", "value": "faq"}})
        ));
        assert!(check(
            json!({"notEquals": {"key": "missing", "value": "x"}})
        ));
    }

    #[test]
    fn numeric_operators() {
        assert!(check(
            json!({"greaterThan": {"key": "year", "value": 2023}})
        ));
        assert!(!check(
            json!({"greaterThan": {"key": "year", "value": 2024}})
        ));
        assert!(check(
            json!({"greaterThanOrEquals": {"key": "year", "value": 2024}})
        ));
        assert!(check(json!({"lessThan": {"key": "year", "value": 2025}})));
        assert!(!check(json!({"lessThan": {"key": "year", "value": 2024}})));
        assert!(check(
            json!({"lessThanOrEquals": {"key": "year", "value": 2024}})
        ));
        assert!(!check(json!({"lessThan": {"key": "category", "value": 5}})));
    }

    #[test]
    fn membership_operators() {
        assert!(check(
            json!({"in": {"key": "category", "value": ["faq", "guide"]}})
        ));
        assert!(!check(
            json!({"in": {"key": "category", "value": ["guide"]}})
        ));
        assert!(check(
            json!({"notIn": {"key": "category", "value": ["guide"]}})
        ));
        assert!(!check(json!({"notIn": {"key": "year", "value": [2024]}})));
        assert!(check(
            json!({"listContains": {"key": "tags", "value": "tokens"}})
        ));
        assert!(!check(
            json!({"listContains": {"key": "tags", "value": "token"}})
        ));
        assert!(!check(
            json!({"listContains": {"key": "category", "value": "faq"}})
        ));
    }

    #[test]
    fn string_operators() {
        assert!(check(
            json!({"startsWith": {"key": "category", "value": "fa"}})
        ));
        assert!(!check(
            json!({"startsWith": {"key": "category", "value": "aq"}})
        ));
        assert!(check(
            json!({"stringContains": {"key": "category", "value": "aq"}})
        ));
        assert!(check(
            json!({"stringContains": {"key": "tags", "value": "bill"}})
        ));
        assert!(!check(
            json!({"stringContains": {"key": "tags", "value": "xyz"}})
        ));
    }

    #[test]
    fn logical_operators() {
        let faq_2024 = json!({"andAll": [
            {"equals": {"key": "category", "value": "faq"}},
            {"greaterThan": {"key": "year", "value": 2020}}]});
        assert!(check(faq_2024));
        let neither = json!({"orAll": [
            {"equals": {"key": "category", "value": "guide"}},
            {"andAll": [
                {"equals": {"key": "year", "value": 2024}},
                {"equals": {"key": "draft", "value": true}}]}]});
        assert!(!check(neither));
        let either = json!({"orAll": [
            {"equals": {"key": "category", "value": "guide"}},
            {"listContains": {"key": "tags", "value": "billing"}}]});
        assert!(check(either));
    }

    #[test]
    fn malformed_filters_are_validation_errors() {
        for bad in [
            json!({}),
            json!({"equals": {"key": "a", "value": 1}, "notEquals": {"key": "a", "value": 2}}),
            json!({"andAll": [{"equals": {"key": "a", "value": 1}}]}),
            json!({"greaterThan": {"key": "year", "value": "2020"}}),
            json!({"in": {"key": "year", "value": 2020}}),
            json!({"equals": {"key": "", "value": 1}}),
            json!({"nearby": {"key": "a", "value": 1}}),
        ] {
            assert!(Filter::parse(&bad, "filter").is_err(), "{bad}");
        }
    }
}
