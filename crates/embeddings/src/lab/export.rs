//! A run's vectors and a layout's coordinates written for notebooks and spreadsheets.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::maths::Matrix;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    /// `<name>.vectors.npy` (n × d) and `<name>.coords.npy` (n × 2), float32.
    Npy,
    /// One row per text: index, text, metadata, x, y, then the vector's components.
    Csv,
    /// One JSON object per text with its metadata, coordinates and vector.
    Jsonl,
}

/// What is written: one row per text.
pub struct ExportTable<'a> {
    pub texts: &'a [String],
    pub metadata_columns: &'a [String],
    pub metadata: &'a [Vec<String>],
    pub vectors: &'a Matrix,
    pub coords: Option<&'a Matrix>,
}

/// Write `table` into `dir` as files named after `name`; returns the files written.
pub fn export_table(
    dir: &Path,
    name: &str,
    table: &ExportTable<'_>,
    format: ExportFormat,
) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let base = dir.join(safe_file_name(name));
    match format {
        ExportFormat::Npy => {
            let mut written = vec![with_suffix(&base, "vectors.npy")];
            write_npy(&written[0], table.vectors)?;
            if let Some(coords) = table.coords {
                written.push(with_suffix(&base, "coords.npy"));
                write_npy(&written[1], coords)?;
            }
            Ok(written)
        }
        ExportFormat::Csv => {
            let path = with_suffix(&base, "csv");
            write_csv(&path, table)?;
            Ok(vec![path])
        }
        ExportFormat::Jsonl => {
            let path = with_suffix(&base, "jsonl");
            write_jsonl(&path, table)?;
            Ok(vec![path])
        }
    }
}

fn write_npy(path: &Path, matrix: &Matrix) -> std::io::Result<()> {
    crate::npy::write_npy(path, matrix).map_err(|e| std::io::Error::other(e.to_string()))
}

fn with_suffix(base: &Path, suffix: &str) -> PathBuf {
    let mut name = base.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// A file name from a dataset's name: letters, digits, `-` and `_` only.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches('-');
    if trimmed.is_empty() {
        "embeddings".into()
    } else {
        trimmed.into()
    }
}

fn csv_cell(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

fn write_csv(path: &Path, table: &ExportTable<'_>) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut header = vec!["index".to_owned(), "text".to_owned()];
    header.extend(table.metadata_columns.iter().map(|c| csv_cell(c)));
    if table.coords.is_some() {
        header.extend(["x".to_owned(), "y".to_owned()]);
    }
    header.extend((0..table.vectors.cols()).map(|i| format!("v{i}")));
    writeln!(out, "{}", header.join(","))?;
    for (index, text) in table.texts.iter().enumerate() {
        let mut cells = vec![index.to_string(), csv_cell(text)];
        let row = table.metadata.get(index);
        for column in 0..table.metadata_columns.len() {
            let value = row.and_then(|r| r.get(column)).map_or("", String::as_str);
            cells.push(csv_cell(value));
        }
        if let Some(coords) = table.coords {
            cells.extend(coords.row(index).iter().take(2).map(f32::to_string));
        }
        cells.extend(table.vectors.row(index).iter().map(f32::to_string));
        writeln!(out, "{}", cells.join(","))?;
    }
    out.flush()
}

fn write_jsonl(path: &Path, table: &ExportTable<'_>) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for (index, text) in table.texts.iter().enumerate() {
        let mut metadata = serde_json::Map::new();
        if let Some(row) = table.metadata.get(index) {
            for (column, value) in table.metadata_columns.iter().zip(row) {
                metadata.insert(column.clone(), value.clone().into());
            }
        }
        let mut object = serde_json::json!({
            "index": index,
            "text": text,
            "metadata": metadata,
            "vector": table.vectors.row(index),
        });
        if let Some(coords) = table.coords {
            let point = coords.row(index);
            object["x"] = point.first().copied().unwrap_or(0.0).into();
            object["y"] = point.get(1).copied().unwrap_or(0.0).into();
        }
        serde_json::to_writer(&mut out, &object)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_files_safely() {
        assert_eq!(safe_file_name("My data/set: v2"), "My-data-set--v2");
        assert_eq!(safe_file_name("///"), "embeddings");
    }

    #[test]
    fn writes_csv_and_jsonl_rows_with_metadata_coordinates_and_vectors() {
        let dir = tempfile::tempdir().unwrap();
        let texts = vec!["a, b".to_owned(), "c".to_owned()];
        let columns = vec!["topic".to_owned()];
        let metadata = vec![vec!["x".to_owned()], vec!["y".to_owned()]];
        let vectors = Matrix::new(2, 2, vec![1.0, 0.0, 0.5, 0.5]).unwrap();
        let coords = Matrix::new(2, 2, vec![3.0, 4.0, 5.0, 6.0]).unwrap();
        let table = ExportTable {
            texts: &texts,
            metadata_columns: &columns,
            metadata: &metadata,
            vectors: &vectors,
            coords: Some(&coords),
        };
        let csv = export_table(dir.path(), "set", &table, ExportFormat::Csv).unwrap();
        let text = std::fs::read_to_string(&csv[0]).unwrap();
        assert_eq!(text.lines().next().unwrap(), "index,text,topic,x,y,v0,v1");
        assert_eq!(text.lines().nth(1).unwrap(), "0,\"a, b\",x,3,4,1,0");
        let jsonl = export_table(dir.path(), "set", &table, ExportFormat::Jsonl).unwrap();
        let line: serde_json::Value = serde_json::from_str(
            std::fs::read_to_string(&jsonl[0])
                .unwrap()
                .lines()
                .nth(1)
                .unwrap(),
        )
        .unwrap();
        assert_eq!(line["metadata"]["topic"], "y");
        assert_eq!(line["y"], 6.0);
        assert_eq!(line["vector"][1], 0.5);
    }
}
