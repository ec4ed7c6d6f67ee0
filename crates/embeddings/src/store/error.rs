//! Every failure of the lab's data side as `{code, message, hint}`: the UI branches on `code`,
//! the user acts on `hint`.

use std::path::Path;

use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LabErrorCode {
    /// SQLite failed: the file is unreadable, locked, corrupt, or the disk is full.
    Database,
    /// The file was written by a newer version of the app.
    NewerSchema,
    NotFound,
    /// An argument that cannot be right (an empty name, a layout of the wrong size).
    InvalidInput,
    /// Nothing to import: every text was empty.
    EmptyDataset,
    /// More texts than the lab takes in one dataset.
    TooManyTexts,
    /// A CSV/TSV file that cannot be read (a row of the wrong width, bad quoting).
    BadCsv,
    /// The text column or field asked for is not in the file.
    MissingColumn,
    /// A JSON Lines line that is not a JSON object.
    InvalidJson,
    /// A file of a kind the lab does not import.
    UnsupportedFile,
    /// A model that is not a text embedding model the lab knows.
    NotAnEmbeddingModel,
    /// Options that do not fit the model (a dimension it does not offer, an unknown input type).
    InvalidSpec,
    /// A run whose vectors are not all embedded yet.
    RunIncomplete,
    /// The work was cancelled before it finished.
    Cancelled,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabError {
    pub code: LabErrorCode,
    pub message: String,
    pub hint: String,
}

pub type Result<T, E = LabError> = std::result::Result<T, E>;

impl std::fmt::Display for LabError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {} ({})", self.code, self.message, self.hint)
    }
}

impl std::error::Error for LabError {}

impl LabError {
    pub fn new(code: LabErrorCode, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub(crate) fn not_found(what: &str, id: u32) -> Self {
        Self::new(
            LabErrorCode::NotFound,
            format!("There is no {what} {id}."),
            format!("It may have been deleted; refresh the list of {what}s."),
        )
    }

    pub(crate) fn invalid(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(LabErrorCode::InvalidInput, message, hint)
    }

    pub(crate) fn opening(path: &Path, error: impl std::fmt::Display) -> Self {
        Self::new(
            LabErrorCode::Database,
            format!(
                "Could not open the embeddings lab database {}: {error}",
                path.display()
            ),
            "Check that the folder is writable and the disk is not full; if the file is damaged, move it aside and the app starts a new one (cached vectors will be embedded again).",
        )
    }
}

impl From<rusqlite::Error> for LabError {
    fn from(error: rusqlite::Error) -> Self {
        Self::new(
            LabErrorCode::Database,
            format!("The embeddings lab database failed: {error}"),
            "Retry; if it keeps failing, check free disk space and that no other program holds the file.",
        )
    }
}
