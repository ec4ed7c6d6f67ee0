//! Checking a hand-edited native body before it is sent.

use serde_json::Value;

use crate::embedding;
use crate::error::FormatError;
use crate::families::text_format;
use crate::family::Family;

/// Whether `body` fits `family`'s native format: required keys, known keys, value types. The
/// message reads like Bedrock's ValidationException; the hint says what the family expects.
pub fn validate_native_body(family: Family, body: &Value) -> Result<(), FormatError> {
    match text_format(family) {
        Some(format) => format.validate(body),
        None => embedding::validate(family, body),
    }
}
