//! What the UI sends to import texts and what it gets back.

use serde::{Deserialize, Serialize};

/// The most texts one dataset holds.
pub const MAX_TEXTS: usize = 100_000;

/// Texts ready to be saved as a dataset: `metadata[i]` is the row of `texts[i]`, one value per
/// entry of `metadata_columns` (empty when there are no columns).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetDraft {
    pub name: String,
    /// Where the texts came from, for people: `pasted`, `csv: tickets.csv (text column "body")`.
    pub source: String,
    pub texts: Vec<String>,
    pub metadata_columns: Vec<String>,
    pub metadata: Vec<Vec<String>>,
    /// Empty texts left out.
    #[serde(default)]
    pub skipped_empty: u32,
}

/// One file the user picked, read as text by the UI.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileContent {
    pub name: String,
    pub content: String,
}

/// How `.txt`/`.md` files become texts.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SplitMode {
    /// Each file is one text.
    #[default]
    Document,
    /// Each paragraph (text between blank lines) is one text.
    Paragraphs,
}

/// An import, as the UI sends it: `{"kind": "pasted", "text": "..."}`, `{"kind": "files", ...}`.
/// `name` is the dataset's name; without it one is made from the file name.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ImportRequest {
    /// One text per non-empty line.
    Pasted { name: Option<String>, text: String },
    /// `.txt`/`.md` files, a text per file or per paragraph; metadata column `file`.
    Files {
        name: Option<String>,
        files: Vec<FileContent>,
        split: SplitMode,
    },
    /// CSV/TSV with a header row. The delimiter comes from the extension (`.tsv` is tabs) or is
    /// sniffed, unless given. Every column but the text column is kept as metadata.
    Delimited {
        name: Option<String>,
        file_name: String,
        content: String,
        text_column: String,
        delimiter: Option<char>,
    },
    /// JSON Lines: one object per line; other scalar fields are kept as metadata (as strings).
    JsonLines {
        name: Option<String>,
        file_name: String,
        content: String,
        text_field: String,
    },
}

/// The kind of file a preview found.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ImportFormat {
    Delimited,
    JsonLines,
    Text,
}

/// A file to preview before importing it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRequest {
    pub file_name: String,
    pub content: String,
    /// For CSV/TSV: the delimiter to use instead of the sniffed one.
    pub delimiter: Option<char>,
}

/// The columns (CSV/TSV) or fields (JSON Lines) of a file and its first rows, so the user can
/// pick the text column. For `.txt`/`.md` there is one column, `text`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub format: ImportFormat,
    /// The delimiter read or sniffed (CSV/TSV only).
    pub delimiter: Option<char>,
    pub columns: Vec<String>,
    /// Up to [`PREVIEW_ROWS`] rows, one value per column (`""` where a field is absent).
    pub rows: Vec<Vec<String>>,
    /// Data rows (or lines) in the whole file.
    pub total_rows: u32,
    /// The column that looks like the text: named text/body/content/..., else the longest.
    pub suggested_text_column: Option<String>,
}

pub const PREVIEW_ROWS: usize = 20;

/// A sample dataset shipped with the app.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SampleInfo {
    pub id: String,
    pub name: String,
    pub description: String,
    pub count: u32,
}
