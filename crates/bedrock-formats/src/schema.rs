//! Checking a native body key by key, with the messages of Bedrock's JSON-schema validator
//! (`#: required key [prompt] not found`, `#/temperature: expected type: Number, found: String`).

use serde_json::{Map, Value};

use crate::error::FormatError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    String,
    Number,
    Integer,
    Boolean,
    Array,
    Object,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Self::String => "String",
            Self::Number => "Number",
            Self::Integer => "Integer",
            Self::Boolean => "Boolean",
            Self::Array => "JSONArray",
            Self::Object => "JSONObject",
        }
    }

    fn admits(self, value: &Value) -> bool {
        match self {
            Self::String => value.is_string(),
            Self::Number => value.is_number(),
            Self::Integer => value.is_i64() || value.is_u64(),
            Self::Boolean => value.is_boolean(),
            Self::Array => value.is_array(),
            Self::Object => value.is_object(),
        }
    }
}

/// The validator's name for the type of a value it found.
fn found(value: &Value) -> &'static str {
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

/// One JSON object of a body, at its schema path (`#`, `#/messages/0`), with the hint every
/// error about it carries.
#[derive(Debug, Clone)]
pub(crate) struct Object<'a> {
    map: &'a Map<String, Value>,
    path: String,
    hint: &'a str,
}

impl<'a> Object<'a> {
    pub fn root(body: &'a Value, hint: &'a str) -> Result<Self, FormatError> {
        Self::at(body, "#".to_owned(), hint)
    }

    fn at(value: &'a Value, path: String, hint: &'a str) -> Result<Self, FormatError> {
        match value.as_object() {
            Some(map) => Ok(Self { map, path, hint }),
            None => Err(FormatError::malformed(
                format!("{path}: expected type: JSONObject, found: {}", found(value)),
                hint,
            )),
        }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn error(&self, detail: impl std::fmt::Display) -> FormatError {
        FormatError::malformed(detail, self.hint)
    }

    fn child_path(&self, key: &str) -> String {
        format!("{}/{key}", self.path)
    }

    /// Reject any key outside `allowed`.
    pub fn only(&self, allowed: &[&str]) -> Result<(), FormatError> {
        match self.map.keys().find(|key| !allowed.contains(&key.as_str())) {
            Some(unknown) => Err(self.error(format!(
                "{}: extraneous key [{unknown}] is not permitted",
                self.path
            ))),
            None => Ok(()),
        }
    }

    /// A present value of one of `kinds`; null counts as absent.
    pub fn optional_any(
        &self,
        key: &str,
        kinds: &[Kind],
    ) -> Result<Option<&'a Value>, FormatError> {
        let Some(value) = self.map.get(key).filter(|value| !value.is_null()) else {
            return Ok(None);
        };
        if kinds.iter().any(|kind| kind.admits(value)) {
            return Ok(Some(value));
        }
        Err(self.error(format!(
            "{}: expected type: {}, found: {}",
            self.child_path(key),
            kinds[0].name(),
            found(value)
        )))
    }

    pub fn optional(&self, key: &str, kind: Kind) -> Result<Option<&'a Value>, FormatError> {
        self.optional_any(key, &[kind])
    }

    pub fn required_any(&self, key: &str, kinds: &[Kind]) -> Result<&'a Value, FormatError> {
        self.optional_any(key, kinds)?
            .ok_or_else(|| self.error(format!("{}: required key [{key}] not found", self.path)))
    }

    pub fn required(&self, key: &str, kind: Kind) -> Result<&'a Value, FormatError> {
        self.required_any(key, &[kind])
    }

    /// Check several optional keys of one kind at once.
    pub fn optional_all(&self, keys: &[&str], kind: Kind) -> Result<(), FormatError> {
        keys.iter()
            .try_for_each(|key| self.optional(key, kind).map(drop))
    }

    /// A string that must be one of `allowed`.
    pub fn enumerated(&self, key: &str, allowed: &[&str]) -> Result<(), FormatError> {
        match self.optional(key, Kind::String)?.and_then(Value::as_str) {
            Some(value) if !allowed.contains(&value) => Err(self.error(format!(
                "{}: {value} is not a valid enum value",
                self.child_path(key)
            ))),
            _ => Ok(()),
        }
    }

    /// An optional list whose items are all strings.
    pub fn strings(&self, key: &str) -> Result<(), FormatError> {
        let Some(items) = self.optional(key, Kind::Array)?.and_then(Value::as_array) else {
            return Ok(());
        };
        match items.iter().position(|item| !item.is_string()) {
            Some(index) => Err(self.error(format!(
                "{}/{index}: expected type: String, found: {}",
                self.child_path(key),
                found(&items[index])
            ))),
            None => Ok(()),
        }
    }

    /// An optional nested object.
    pub fn object(&self, key: &str) -> Result<Option<Object<'a>>, FormatError> {
        self.optional(key, Kind::Object)?
            .map(|value| Self::at(value, self.child_path(key), self.hint))
            .transpose()
    }

    /// The items of a list that must all be objects; `required` makes the list itself required.
    pub fn objects(&self, key: &str, required: bool) -> Result<Vec<Object<'a>>, FormatError> {
        let list = if required {
            Some(self.required(key, Kind::Array)?)
        } else {
            self.optional(key, Kind::Array)?
        };
        let Some(items) = list.and_then(Value::as_array) else {
            return Ok(Vec::new());
        };
        let path = self.child_path(key);
        items
            .iter()
            .enumerate()
            .map(|(index, item)| Self::at(item, format!("{path}/{index}"), self.hint))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn messages_follow_the_validator_wording() {
        let body = json!({"temperature": "hot", "max": 1.5, "stop": ["a", 2]});
        let root = Object::root(&body, "hint").unwrap();
        assert_eq!(
            root.optional("temperature", Kind::Number)
                .unwrap_err()
                .message,
            "Malformed input request: #/temperature: expected type: Number, found: String, please reformat your input and try again."
        );
        let missing = root.required("prompt", Kind::String).unwrap_err();
        assert!(
            missing
                .message
                .contains("#: required key [prompt] not found")
        );
        assert_eq!(missing.hint, "hint");
        assert!(
            root.optional("max", Kind::Integer)
                .unwrap_err()
                .message
                .contains("#/max: expected type: Integer, found: BigDecimal")
        );
        assert!(
            root.only(&["temperature", "stop"])
                .unwrap_err()
                .message
                .contains("#: extraneous key [max] is not permitted")
        );
        assert!(
            root.strings("stop")
                .unwrap_err()
                .message
                .contains("#/stop/1: expected type: String, found: Integer")
        );
        assert!(Object::root(&json!([]), "hint").is_err());
    }
}
