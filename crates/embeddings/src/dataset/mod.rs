//! Datasets: texts from pasted lines, `.txt`/`.md` files, CSV/TSV and JSON Lines (with their
//! other columns as metadata to colour and filter by), and the shipped samples. Up to
//! [`MAX_TEXTS`] texts; empty ones are skipped and counted.

mod collect;
mod delimited;
mod documents;
mod jsonl;
mod pasted;
mod preview;
mod samples;
mod types;

pub use crate::store::{LabError, LabErrorCode};
pub use preview::{format_of, preview};
pub use samples::{sample, samples};
pub use types::{
    DatasetDraft, FileContent, ImportFormat, ImportRequest, MAX_TEXTS, PREVIEW_ROWS, Preview,
    PreviewRequest, SampleInfo, SplitMode,
};

/// Reads the texts and metadata an import asks for.
pub fn import(request: &ImportRequest) -> Result<DatasetDraft, LabError> {
    match request {
        ImportRequest::Pasted { name, text } => pasted::import(name.as_deref(), text),
        ImportRequest::Files { name, files, split } => {
            documents::import(name.as_deref(), files, *split)
        }
        ImportRequest::Delimited {
            name,
            file_name,
            content,
            text_column,
            delimiter,
        } => delimited::import(name.as_deref(), file_name, content, text_column, *delimiter),
        ImportRequest::JsonLines {
            name,
            file_name,
            content,
            text_field,
        } => jsonl::import(name.as_deref(), file_name, content, text_field),
    }
}
