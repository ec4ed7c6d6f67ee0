//! Reading values out of response JSON by JSON pointer, leniently: a missing or mistyped value
//! is `None`, as responses vary between model versions.

use serde_json::Value;

pub(crate) fn text_at(value: &Value, pointer: &str) -> Option<String> {
    value.pointer(pointer)?.as_str().map(str::to_owned)
}

/// A non-empty string, the way deltas are reported.
pub(crate) fn delta_at(value: &Value, pointer: &str) -> Option<String> {
    text_at(value, pointer).filter(|text| !text.is_empty())
}

pub(crate) fn count_at(value: &Value, pointer: &str) -> Option<u32> {
    value
        .pointer(pointer)?
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
}

/// The `text` of every element of the array at `pointer` that passes `keep`, joined.
pub(crate) fn joined_texts(
    value: &Value,
    pointer: &str,
    text_key: &str,
    keep: impl Fn(&Value) -> bool,
) -> Option<String> {
    let parts: Vec<&str> = value
        .pointer(pointer)?
        .as_array()?
        .iter()
        .filter(|item| keep(item))
        .filter_map(|item| item.get(text_key).and_then(Value::as_str))
        .collect();
    (!parts.is_empty()).then(|| parts.concat())
}
