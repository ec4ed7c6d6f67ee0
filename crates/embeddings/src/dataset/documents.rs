//! `.txt` and `.md` files: a text per file, or per paragraph (split at blank lines). The file
//! name is kept as metadata column `file`.

use super::collect::{Collector, dataset_name, extension, strip_bom};
use super::types::{DatasetDraft, FileContent, SplitMode};
use crate::store::{LabError, LabErrorCode, Result};

pub(crate) const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown"];

pub(crate) fn import(
    name: Option<&str>,
    files: &[FileContent],
    split: SplitMode,
) -> Result<DatasetDraft> {
    if files.is_empty() {
        return Err(LabError::new(
            LabErrorCode::EmptyDataset,
            "No files were given.",
            "Pick one or more .txt or .md files.",
        ));
    }
    if let Some(file) = files
        .iter()
        .find(|f| !TEXT_EXTENSIONS.contains(&extension(&f.name).as_str()))
    {
        return Err(LabError::new(
            LabErrorCode::UnsupportedFile,
            format!("{} is not a .txt or .md file.", file.name),
            "Import CSV/TSV files as delimited and .jsonl files as JSON Lines; plain text files must end in .txt or .md.",
        ));
    }
    let mut collector = Collector::default();
    for file in files {
        let content = strip_bom(&file.content);
        match split {
            SplitMode::Document => collector.push(content, vec![file.name.clone()]),
            SplitMode::Paragraphs => {
                for paragraph in paragraphs(content) {
                    collector.push(&paragraph, vec![file.name.clone()]);
                }
            }
        }
    }
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    let how = match split {
        SplitMode::Document => "a text per file",
        SplitMode::Paragraphs => "a text per paragraph",
    };
    let what = if files.len() == 1 {
        files[0].name.clone()
    } else {
        format!("These {} files", files.len())
    };
    collector.finish(
        dataset_name(name, names[0]),
        format!("files: {} ({how})", names.join(", ")),
        vec!["file".to_owned()],
        &what,
    )
}

/// Paragraphs: runs of non-blank lines, joined with single newlines.
fn paragraphs(content: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in content.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines() {
        assert_eq!(
            paragraphs("a\nb\n\n  \nc\r\n\r\nd"),
            vec!["a\nb".to_owned(), "c".to_owned(), "d".to_owned()]
        );
    }
}
