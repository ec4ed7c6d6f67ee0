//! Every failure as `{code, message, hint}`: the UI branches on `code`, the user acts on `hint`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::template::MissingVariables;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StorageErrorCode {
    /// SQLite failed: the file is unreadable, locked, corrupt, or the disk is full.
    Database,
    NotFound,
    /// An argument that cannot be right, such as an empty prompt name.
    InvalidInput,
    /// Deltas or an end for a run that is no longer streaming.
    RunNotStreaming,
    /// An export file that is not one, or is damaged, or is from a newer version.
    InvalidImport,
    /// The database file was written by a newer version of the app.
    NewerSchema,
    DuplicateName,
    MissingVariables,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StorageError {
    pub code: StorageErrorCode,
    pub message: String,
    pub hint: String,
}

pub type Result<T, E = StorageError> = std::result::Result<T, E>;

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {} ({})", self.code, self.message, self.hint)
    }
}

impl std::error::Error for StorageError {}

impl StorageError {
    pub fn new(
        code: StorageErrorCode,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self {
            code,
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub(crate) fn not_found(what: &str, id: &str) -> Self {
        Self::new(
            StorageErrorCode::NotFound,
            format!("There is no {what} with id `{id}`."),
            format!("Refresh the list; the {what} may have been deleted."),
        )
    }

    pub(crate) fn invalid_input(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(StorageErrorCode::InvalidInput, message, hint)
    }

    pub(crate) fn invalid_import(message: impl Into<String>) -> Self {
        Self::new(
            StorageErrorCode::InvalidImport,
            message,
            "Choose a file made with \"Export conversation\" in Bedrock Playground.",
        )
    }

    pub(crate) fn opening(path: &Path, cause: impl std::fmt::Display) -> Self {
        Self::new(
            StorageErrorCode::Database,
            format!("Could not open the database {}: {cause}", path.display()),
            format!(
                "Check that {} is readable and writable by you and that the disk is not full. \
                 If the file is damaged, move it away and restart the app to start afresh.",
                path.display()
            ),
        )
    }
}

impl From<rusqlite::Error> for StorageError {
    fn from(error: rusqlite::Error) -> Self {
        let hint = match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                "Another copy of the app may be using the database; close it and try again."
            }
            Some(rusqlite::ErrorCode::DiskFull) => "Free some disk space and try again.",
            Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen) => {
                "Check that the app's data folder is writable by you."
            }
            Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
                "The database file is damaged: move it away and restart the app to start afresh."
            }
            _ => "This is a bug or a damaged database; restarting the app may help.",
        };
        Self::new(
            StorageErrorCode::Database,
            format!("The database failed: {error}"),
            hint,
        )
    }
}

impl From<MissingVariables> for StorageError {
    fn from(missing: MissingVariables) -> Self {
        Self::new(
            StorageErrorCode::MissingVariables,
            missing.to_string(),
            "Give every {{variable}} a value, or write \\{{name}} for the literal text.",
        )
    }
}
