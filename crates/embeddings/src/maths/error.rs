//! The one error type of the maths: a code the UI can branch on, a message saying what is wrong,
//! and a hint saying how to fix it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of problem a [`MathsError`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MathsErrorCode {
    /// Shapes or parameters that cannot work (wrong length, zero dimensions, k of 0...).
    InvalidInput,
    /// Fewer rows than the method needs (for example fewer than `n_neighbours + 1`).
    TooFewRows,
    /// A NaN or an infinity in the input.
    NotFinite,
    /// The caller asked to stop.
    Cancelled,
}

/// An error from the maths, with a hint for the person who can fix it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MathsError {
    pub code: MathsErrorCode,
    pub message: String,
    pub hint: String,
}

impl MathsError {
    pub fn new(code: MathsErrorCode, message: impl Into<String>, hint: impl Into<String>) -> Self {
        MathsError {
            code,
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub fn invalid(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(MathsErrorCode::InvalidInput, message, hint)
    }

    pub fn cancelled() -> Self {
        Self::new(
            MathsErrorCode::Cancelled,
            "cancelled",
            "run it again when you are ready",
        )
    }
}

impl fmt::Display for MathsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.hint.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{} ({})", self.message, self.hint)
        }
    }
}

impl std::error::Error for MathsError {}
