//! CSV and TSV with a header row: one column holds the text, every other one is metadata.

use super::collect::{Collector, dataset_name, extension, strip_bom};
use super::types::DatasetDraft;
use crate::store::{LabError, LabErrorCode, Result};

const CANDIDATES: [char; 4] = [',', '\t', ';', '|'];
const SNIFF_LINES: usize = 20;

/// The delimiter: the one given, tabs for `.tsv`/`.tab`, else the candidate that splits the
/// first lines into the most fields the same number of times (commas when nothing does).
pub(crate) fn delimiter(file_name: &str, content: &str, given: Option<char>) -> Result<u8> {
    if let Some(given) = given {
        return u8::try_from(given)
            .ok()
            .filter(u8::is_ascii)
            .ok_or_else(|| {
                LabError::invalid(
                    format!("{given:?} cannot be a delimiter."),
                    "Use a single ASCII character such as a comma, a tab, a semicolon or |.",
                )
            });
    }
    if matches!(extension(file_name).as_str(), "tsv" | "tab") {
        return Ok(b'\t');
    }
    Ok(sniff(content) as u8)
}

fn sniff(content: &str) -> char {
    let lines: Vec<&str> = content
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SNIFF_LINES)
        .collect();
    let mut best = (',', 0usize);
    for candidate in CANDIDATES {
        let counts: Vec<usize> = lines
            .iter()
            .map(|line| count_outside_quotes(line, candidate))
            .collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        let consistent = counts.iter().filter(|&&c| c == first).count();
        // Most lines agree and the header splits: score by fields per line.
        if first > 0 && consistent * 2 > counts.len() && first > best.1 {
            best = (candidate, first);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delimiter: char) -> usize {
    let mut quoted = false;
    line.chars()
        .filter(|&c| {
            if c == '"' {
                quoted = !quoted;
            }
            c == delimiter && !quoted
        })
        .count()
}

/// The header and every record, with errors that say which row is wrong and why.
pub(crate) fn read(
    file_name: &str,
    content: &str,
    delimiter: u8,
    limit: Option<usize>,
) -> Result<(Vec<String>, Vec<Vec<String>>, usize)> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(false)
        .from_reader(strip_bom(content).as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(file_name, &e))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    if header.iter().all(String::is_empty) {
        return Err(LabError::new(
            LabErrorCode::BadCsv,
            format!("{file_name} has no header row."),
            "The first line must name the columns, e.g. text,topic.",
        ));
    }
    let mut rows = Vec::new();
    let mut total = 0;
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(file_name, &e))?;
        total += 1;
        if limit.is_none_or(|l| rows.len() < l) {
            rows.push(record.iter().map(str::to_owned).collect());
        }
    }
    Ok((header, rows, total))
}

fn csv_error(file_name: &str, error: &csv::Error) -> LabError {
    let line = error.position().map(csv::Position::line);
    let at = line.map_or_else(String::new, |l| format!(" on line {l}"));
    match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => LabError::new(
            LabErrorCode::BadCsv,
            format!(
                "Bad CSV row{at} of {file_name}: it has {len} fields, the header has {expected_len}."
            ),
            "Quote fields that contain the delimiter (\"like, this\"), or fix the row so it has one value per column.",
        ),
        csv::ErrorKind::Utf8 { .. } => LabError::new(
            LabErrorCode::BadCsv,
            format!("Bad CSV row{at} of {file_name}: it is not UTF-8 text."),
            "Save the file as UTF-8 (most spreadsheet programs offer \"CSV UTF-8\").",
        ),
        _ => LabError::new(
            LabErrorCode::BadCsv,
            format!("Bad CSV{at} in {file_name}: {error}"),
            "Check the quoting on that line: a quote inside a field is written twice (\"\").",
        ),
    }
}

/// The index of `wanted` in `columns` (exact, else ignoring case and spaces), or an error that
/// lists the columns there are.
pub(crate) fn column_index(
    file_name: &str,
    columns: &[String],
    wanted: &str,
    noun: &str,
) -> Result<usize> {
    columns
        .iter()
        .position(|c| c == wanted)
        .or_else(|| {
            columns
                .iter()
                .position(|c| c.trim().eq_ignore_ascii_case(wanted.trim()))
        })
        .ok_or_else(|| {
            let available: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
            LabError::new(
                LabErrorCode::MissingColumn,
                format!("There is no {noun} \"{wanted}\" in {file_name}."),
                format!(
                    "Pick one of its {noun}s as the text: {}.",
                    available.join(", ")
                ),
            )
        })
}

pub(crate) fn import(
    name: Option<&str>,
    file_name: &str,
    content: &str,
    text_column: &str,
    given_delimiter: Option<char>,
) -> Result<DatasetDraft> {
    let delimiter = delimiter(file_name, content, given_delimiter)?;
    let (header, rows, _) = read(file_name, content, delimiter, None)?;
    let text_index = column_index(file_name, &header, text_column, "column")?;
    let metadata_columns: Vec<String> = header
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != text_index)
        .map(|(_, c)| c.clone())
        .collect();
    let mut collector = Collector::default();
    for row in rows {
        let metadata = row
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != text_index)
            .map(|(_, v)| v.trim().to_owned())
            .collect();
        collector.push(&row[text_index], metadata);
    }
    let kind = if delimiter == b'\t' { "tsv" } else { "csv" };
    collector.finish(
        dataset_name(name, file_name),
        format!(
            "{kind}: {file_name} (text column \"{}\")",
            header[text_index]
        ),
        metadata_columns,
        file_name,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_delimiter() {
        assert_eq!(sniff("a;b;c\n1;2;3\n"), ';');
        assert_eq!(sniff("a,b\n\"x;y\",2\n"), ',');
        assert_eq!(sniff("a\tb\n1\t2\n"), '\t');
        assert_eq!(sniff("justonecolumn\nvalue\n"), ',');
    }
}
