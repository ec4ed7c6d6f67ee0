//! A look at a file before importing it: its columns or fields and first rows.

use super::collect::extension;
use super::documents::TEXT_EXTENSIONS;
use super::types::{ImportFormat, PREVIEW_ROWS, Preview, PreviewRequest};
use super::{delimited, jsonl};
use crate::store::{LabError, LabErrorCode, Result};

/// Column names that usually hold the text, best first.
const TEXT_NAMES: &[&str] = &[
    "text",
    "body",
    "content",
    "message",
    "description",
    "sentence",
    "review",
    "comment",
    "question",
    "title",
];

/// The kind of file its name says it is.
pub fn format_of(file_name: &str) -> Result<ImportFormat> {
    match extension(file_name).as_str() {
        "csv" | "tsv" | "tab" | "psv" => Ok(ImportFormat::Delimited),
        "jsonl" | "ndjson" | "jsonlines" => Ok(ImportFormat::JsonLines),
        ext if TEXT_EXTENSIONS.contains(&ext) => Ok(ImportFormat::Text),
        _ => Err(LabError::new(
            LabErrorCode::UnsupportedFile,
            format!("{file_name} is not a file the lab imports."),
            "Import .csv, .tsv, .jsonl (JSON Lines), .txt or .md files, or paste one text per line.",
        )),
    }
}

pub fn preview(request: &PreviewRequest) -> Result<Preview> {
    let file_name = &request.file_name;
    match format_of(file_name)? {
        ImportFormat::Delimited => {
            let delimiter = delimited::delimiter(file_name, &request.content, request.delimiter)?;
            let (columns, mut rows, total) =
                delimited::read(file_name, &request.content, delimiter, Some(PREVIEW_ROWS))?;
            rows.iter_mut()
                .for_each(|r| r.resize(columns.len(), String::new()));
            Ok(finish(
                ImportFormat::Delimited,
                Some(char::from(delimiter)),
                columns,
                rows,
                total,
            ))
        }
        ImportFormat::JsonLines => {
            let objects = jsonl::objects(file_name, &request.content)?;
            let columns = jsonl::fields(&objects);
            let rows = objects
                .iter()
                .take(PREVIEW_ROWS)
                .map(|(_, o)| columns.iter().map(|c| jsonl::as_text(o.get(c))).collect())
                .collect();
            Ok(finish(
                ImportFormat::JsonLines,
                None,
                columns,
                rows,
                objects.len(),
            ))
        }
        ImportFormat::Text => {
            let paragraphs: Vec<Vec<String>> = request
                .content
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| vec![p.to_owned()])
                .collect();
            let total = paragraphs.len();
            let rows = paragraphs.into_iter().take(PREVIEW_ROWS).collect();
            Ok(finish(
                ImportFormat::Text,
                None,
                vec!["text".to_owned()],
                rows,
                total,
            ))
        }
    }
}

fn finish(
    format: ImportFormat,
    delimiter: Option<char>,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
    total: usize,
) -> Preview {
    let suggested_text_column = suggest(&columns, &rows);
    Preview {
        format,
        delimiter,
        columns,
        rows,
        total_rows: u32::try_from(total).unwrap_or(u32::MAX),
        suggested_text_column,
    }
}

/// A column with a usual name, else the one with the longest values on average.
fn suggest(columns: &[String], rows: &[Vec<String>]) -> Option<String> {
    for name in TEXT_NAMES {
        if let Some(column) = columns.iter().find(|c| c.eq_ignore_ascii_case(name)) {
            return Some(column.clone());
        }
    }
    let mean_length = |index: usize| {
        rows.iter()
            .map(|r| r.get(index).map_or(0, |v| v.chars().count()))
            .sum::<usize>()
    };
    (0..columns.len())
        .max_by_key(|&i| mean_length(i))
        .map(|i| columns[i].clone())
}
