//! JSON Lines: one object per line, a chosen text field; other scalar fields are metadata.

use serde_json::{Map, Value};

use super::collect::{Collector, dataset_name, strip_bom};
use super::delimited::column_index;
use super::types::DatasetDraft;
use crate::store::{LabError, LabErrorCode, Result};

/// Each non-empty line's object, with its 1-based line number.
pub(crate) fn objects(file_name: &str, content: &str) -> Result<Vec<(usize, Map<String, Value>)>> {
    let mut out = Vec::new();
    for (index, line) in strip_bom(content).lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(object)) => out.push((number, object)),
            Ok(other) => {
                return Err(LabError::new(
                    LabErrorCode::InvalidJson,
                    format!(
                        "Line {number} of {file_name} is a JSON {}, not an object.",
                        kind(&other)
                    ),
                    "Each line of a JSON Lines file must be one object, e.g. {\"text\": \"...\", \"topic\": \"...\"}.",
                ));
            }
            Err(error) => {
                return Err(LabError::new(
                    LabErrorCode::InvalidJson,
                    format!("Invalid JSON on line {number} of {file_name}: {error}."),
                    "Fix that line: each line must be one complete JSON object (no trailing commas, strings in double quotes). A pretty-printed .json file is not JSON Lines.",
                ));
            }
        }
    }
    Ok(out)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The scalar fields, those of the first line first (within a line in name order, as
/// serde_json keeps objects); objects and arrays are not metadata.
pub(crate) fn fields(objects: &[(usize, Map<String, Value>)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, object) in objects {
        for (key, value) in object {
            if !matches!(value, Value::Object(_) | Value::Array(_)) && !out.contains(key) {
                out.push(key.clone());
            }
        }
    }
    out
}

/// A scalar as the string the UI shows and filters by; absent and null are "".
pub(crate) fn as_text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(_) | Value::Array(_)) => String::new(),
        Some(other) => other.to_string(),
    }
}

pub(crate) fn import(
    name: Option<&str>,
    file_name: &str,
    content: &str,
    text_field: &str,
) -> Result<DatasetDraft> {
    let objects = objects(file_name, content)?;
    let all = fields(&objects);
    let text_field = all[column_index(file_name, &all, text_field, "field")?].clone();
    let metadata_columns: Vec<String> = all.into_iter().filter(|f| *f != text_field).collect();
    let mut collector = Collector::default();
    for (_, object) in &objects {
        let metadata = metadata_columns
            .iter()
            .map(|f| as_text(object.get(f)))
            .collect();
        collector.push(&as_text(object.get(&text_field)), metadata);
    }
    collector.finish(
        dataset_name(name, file_name),
        format!("jsonl: {file_name} (text field \"{text_field}\")"),
        metadata_columns,
        file_name,
    )
}
