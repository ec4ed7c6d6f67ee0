//! Gathering texts: empty ones skipped and counted, the size limit enforced with a clear error.

use super::types::{DatasetDraft, MAX_TEXTS};
use crate::store::{LabError, LabErrorCode, Result};

/// Texts with their metadata rows, as an importer finds them.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    texts: Vec<String>,
    metadata: Vec<Vec<String>>,
    skipped_empty: u32,
    /// Non-empty texts seen, kept counting past the limit to say how many there are.
    seen: usize,
}

impl Collector {
    pub fn push(&mut self, text: &str, metadata: Vec<String>) {
        let text = text.trim();
        if text.is_empty() {
            self.skipped_empty += 1;
            return;
        }
        self.seen += 1;
        if self.seen <= MAX_TEXTS {
            self.texts.push(text.to_owned());
            self.metadata.push(metadata);
        }
    }

    pub fn finish(
        self,
        name: String,
        source: String,
        metadata_columns: Vec<String>,
        what: &str,
    ) -> Result<DatasetDraft> {
        if self.seen > MAX_TEXTS {
            return Err(LabError::new(
                LabErrorCode::TooManyTexts,
                format!(
                    "{what} has {} texts; a dataset holds at most {MAX_TEXTS}.",
                    self.seen
                ),
                format!(
                    "Split the file into parts of at most {MAX_TEXTS} texts and import each as its own dataset."
                ),
            ));
        }
        if self.texts.is_empty() {
            return Err(LabError::new(
                LabErrorCode::EmptyDataset,
                format!(
                    "{what} has no texts to embed ({} empty skipped).",
                    self.skipped_empty
                ),
                "Check that you picked the right file, column or field: every text in it is empty.",
            ));
        }
        let metadata = if metadata_columns.is_empty() {
            Vec::new()
        } else {
            self.metadata
        };
        Ok(DatasetDraft {
            name,
            source,
            texts: self.texts,
            metadata_columns,
            metadata,
            skipped_empty: self.skipped_empty,
        })
    }
}

/// The name the user gave, else one made from a file name (without its extension).
pub(crate) fn dataset_name(given: Option<&str>, fallback: &str) -> String {
    if let Some(name) = given.map(str::trim).filter(|n| !n.is_empty()) {
        return name.to_owned();
    }
    let stem = fallback
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(fallback)
        .rsplit_once('.')
        .map_or(fallback, |(stem, _)| stem);
    if stem.is_empty() {
        fallback.to_owned()
    } else {
        stem.to_owned()
    }
}

/// The lower-case extension of a file name, without the dot.
pub(crate) fn extension(file_name: &str) -> String {
    file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Content without a leading byte-order mark.
pub(crate) fn strip_bom(content: &str) -> &str {
    content.strip_prefix('\u{feff}').unwrap_or(content)
}
