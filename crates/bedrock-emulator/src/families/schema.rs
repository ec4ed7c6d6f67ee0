//! Reading native request bodies with the JSON-schema messages Bedrock's validator gives
//! (`#: required key [max_tokens] not found`, `#/temperature: expected type: Number, found: String`).

use serde_json::{Map, Value};

use crate::wire::error::{ApiError, ApiResult};

/// The name the validator gives a JSON value's type.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "Null",
        Value::Bool(_) => "Boolean",
        Value::Number(n) if n.is_f64() => "BigDecimal",
        Value::Number(_) => "Integer",
        Value::String(_) => "String",
        Value::Array(_) => "JSONArray",
        Value::Object(_) => "JSONObject",
    }
}

fn wrong_type(path: &str, expected: &str, found: &Value) -> ApiError {
    ApiError::malformed(format!(
        "{path}: expected type: {expected}, found: {}",
        type_name(found)
    ))
}

fn render(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        number.to_string()
    }
}

/// One JSON object of a native body, with its schema path (`#`, `#/textGenerationConfig`).
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: &'a str,
}

impl<'a> Fields<'a> {
    /// The top-level object, rejecting keys the family does not know.
    pub fn root(body: &'a Value, allowed: &[&str]) -> ApiResult<Self> {
        Self::object_at(body, "#", allowed)
    }

    pub fn object_at(value: &'a Value, path: &'a str, allowed: &[&str]) -> ApiResult<Self> {
        let map = value
            .as_object()
            .ok_or_else(|| wrong_type(path, "JSONObject", value))?;
        if let Some(unknown) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(ApiError::malformed(format!(
                "{path}: extraneous key [{unknown}] is not permitted"
            )));
        }
        Ok(Self { map, path })
    }

    pub fn path(&self) -> &'a str {
        self.path
    }

    pub fn child_path(&self, key: &str) -> String {
        format!("{}/{key}", self.path)
    }

    /// A present, non-null value.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn require(&self, key: &str) -> ApiResult<&'a Value> {
        self.get(key).ok_or_else(|| {
            ApiError::malformed(format!("{}: required key [{key}] not found", self.path))
        })
    }

    pub fn string(&self, key: &str) -> ApiResult<Option<&'a str>> {
        self.get(key)
            .map(|value| {
                value
                    .as_str()
                    .ok_or_else(|| wrong_type(&self.child_path(key), "String", value))
            })
            .transpose()
    }

    pub fn required_string(&self, key: &str) -> ApiResult<&'a str> {
        let value = self.require(key)?;
        value
            .as_str()
            .ok_or_else(|| wrong_type(&self.child_path(key), "String", value))
    }

    pub fn boolean(&self, key: &str) -> ApiResult<Option<bool>> {
        self.get(key)
            .map(|value| {
                value
                    .as_bool()
                    .ok_or_else(|| wrong_type(&self.child_path(key), "Boolean", value))
            })
            .transpose()
    }

    /// A number within `low..=high`.
    pub fn number(&self, key: &str, low: f64, high: f64) -> ApiResult<Option<f64>> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        let path = self.child_path(key);
        let number = value
            .as_f64()
            .ok_or_else(|| wrong_type(&path, "Number", value))?;
        in_range(&path, number, low, high).map(Some)
    }

    /// An integer within `low..=high`.
    pub fn integer(&self, key: &str, low: u32, high: u32) -> ApiResult<Option<u32>> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        let path = self.child_path(key);
        let number = match value.as_i64() {
            Some(n) => n as f64,
            None => return Err(wrong_type(&path, "Integer", value)),
        };
        in_range(&path, number, f64::from(low), f64::from(high)).map(|n| Some(n as u32))
    }

    pub fn required_integer(&self, key: &str, low: u32, high: u32) -> ApiResult<u32> {
        self.require(key)?;
        Ok(self.integer(key, low, high)?.expect("present"))
    }

    pub fn array(&self, key: &str) -> ApiResult<Option<&'a Vec<Value>>> {
        self.get(key)
            .map(|value| {
                value
                    .as_array()
                    .ok_or_else(|| wrong_type(&self.child_path(key), "JSONArray", value))
            })
            .transpose()
    }

    pub fn required_array(&self, key: &str) -> ApiResult<&'a Vec<Value>> {
        self.require(key)?;
        Ok(self.array(key)?.expect("present"))
    }

    /// A list of at most `max_items` strings.
    pub fn strings(&self, key: &str, max_items: usize) -> ApiResult<Vec<String>> {
        let Some(items) = self.array(key)? else {
            return Ok(Vec::new());
        };
        let path = self.child_path(key);
        if items.len() > max_items {
            return Err(ApiError::malformed(format!(
                "{path}: expected maximum item count: {max_items}, found: {}",
                items.len()
            )));
        }
        items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                item.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| wrong_type(&format!("{path}/{index}"), "String", item))
            })
            .collect()
    }

    /// A value that must be one of `allowed`.
    pub fn one_of(&self, key: &str, allowed: &[&str]) -> ApiResult<Option<&'a str>> {
        let Some(value) = self.string(key)? else {
            return Ok(None);
        };
        if allowed.contains(&value) {
            Ok(Some(value))
        } else {
            Err(ApiError::malformed(format!(
                "{}: {value} is not a valid enum value",
                self.child_path(key)
            )))
        }
    }
}

pub fn in_range(path: &str, number: f64, low: f64, high: f64) -> ApiResult<f64> {
    if number < low {
        return Err(ApiError::malformed(format!(
            "{path}: {} is not greater or equal to {}",
            render(number),
            render(low)
        )));
    }
    if number > high {
        return Err(ApiError::malformed(format!(
            "{path}: {} is not less or equal to {}",
            render(number),
            render(high)
        )));
    }
    Ok(number)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn messages_follow_the_validator_wording() {
        let body = json!({"temperature": "hot", "max": 5});
        let fields = Fields::root(&body, &["temperature", "max", "top_k"]).unwrap();
        assert_eq!(
            fields.number("temperature", 0.0, 1.0).unwrap_err().message,
            "Malformed input request: #/temperature: expected type: Number, found: String, please reformat your input and try again."
        );
        assert!(
            fields
                .required_integer("top_k", 0, 5)
                .unwrap_err()
                .message
                .contains("#: required key [top_k] not found")
        );
        assert!(
            fields
                .integer("max", 10, 20)
                .unwrap_err()
                .message
                .contains("#/max: 5 is not greater or equal to 10")
        );
        let err = Fields::root(&body, &["temperature"]).unwrap_err();
        assert!(
            err.message
                .contains("#: extraneous key [max] is not permitted")
        );
    }
}
