//! Datasets: a draft saved once, listed, read back in order, deleted with its runs and layouts.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::cache::text_hash;
use super::error::{LabError, Result};
use super::{LabStore, id_u32, now_ms};
use crate::dataset::DatasetDraft;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetSummary {
    pub id: u32,
    pub name: String,
    pub source: String,
    pub count: u32,
    pub metadata_columns: Vec<String>,
    /// Empty texts left out on import.
    pub skipped_empty: u32,
    /// Milliseconds since the Unix epoch.
    pub created_ms: f64,
}

/// A dataset's texts in order, and for each its metadata row (aligned with
/// `summary.metadata_columns`).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetContent {
    pub summary: DatasetSummary,
    pub texts: Vec<String>,
    pub metadata: Vec<Vec<String>>,
}

const SUMMARY_COLUMNS: &str =
    "id, name, source, count, metadata_columns, skipped_empty, created_ms";

fn summary_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DatasetSummary> {
    let columns: String = row.get(4)?;
    Ok(DatasetSummary {
        id: id_u32(row.get(0)?),
        name: row.get(1)?,
        source: row.get(2)?,
        count: row.get(3)?,
        metadata_columns: serde_json::from_str(&columns).unwrap_or_default(),
        skipped_empty: row.get(5)?,
        created_ms: row.get::<_, i64>(6)? as f64,
    })
}

impl LabStore {
    /// Saves an imported draft in one transaction.
    pub fn save_dataset(&mut self, draft: &DatasetDraft) -> Result<DatasetSummary> {
        let name = draft.name.trim();
        if name.is_empty() {
            return Err(LabError::invalid(
                "A dataset needs a name.",
                "Type a name for the dataset.",
            ));
        }
        if draft.texts.is_empty() {
            return Err(LabError::invalid(
                "The dataset has no texts.",
                "Import at least one non-empty text.",
            ));
        }
        let rows_fit = if draft.metadata.is_empty() {
            draft.metadata_columns.is_empty()
        } else {
            draft.metadata.len() == draft.texts.len()
                && draft
                    .metadata
                    .iter()
                    .all(|row| row.len() == draft.metadata_columns.len())
        };
        if !rows_fit {
            return Err(LabError::invalid(
                "The metadata rows do not match the dataset's texts and columns.",
                "Give one metadata row per text with one value per metadata column, or no metadata columns at all.",
            ));
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO datasets (name, source, count, metadata_columns, skipped_empty, created_ms) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                name,
                draft.source,
                draft.texts.len() as i64,
                serde_json::to_string(&draft.metadata_columns).unwrap_or_default(),
                draft.skipped_empty,
                now_ms()
            ],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut insert = tx.prepare(
                "INSERT INTO dataset_texts (dataset_id, position, text, text_hash, metadata) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let empty: Vec<String> = Vec::new();
            for (position, text) in draft.texts.iter().enumerate() {
                let row = draft.metadata.get(position).unwrap_or(&empty);
                insert.execute(params![
                    id,
                    position as i64,
                    text,
                    text_hash(text).as_slice(),
                    serde_json::to_string(row).unwrap_or_default()
                ])?;
            }
        }
        tx.commit()?;
        self.dataset_summary(id_u32(id))
    }

    pub fn datasets(&self) -> Result<Vec<DatasetSummary>> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM datasets ORDER BY created_ms DESC, id DESC"
        ))?;
        let rows = statement.query_map([], summary_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn dataset_summary(&self, id: u32) -> Result<DatasetSummary> {
        self.conn
            .query_row(
                &format!("SELECT {SUMMARY_COLUMNS} FROM datasets WHERE id = ?1"),
                [id],
                summary_row,
            )
            .optional()?
            .ok_or_else(|| LabError::not_found("dataset", id))
    }

    /// The texts and metadata rows, in the dataset's order.
    pub fn dataset(&self, id: u32) -> Result<DatasetContent> {
        let summary = self.dataset_summary(id)?;
        let mut statement = self.conn.prepare(
            "SELECT text, metadata FROM dataset_texts WHERE dataset_id = ?1 ORDER BY position",
        )?;
        let mut texts = Vec::with_capacity(summary.count as usize);
        let mut metadata = Vec::with_capacity(summary.count as usize);
        let mut rows = statement.query([id])?;
        while let Some(row) = rows.next()? {
            texts.push(row.get(0)?);
            let values: String = row.get(1)?;
            metadata.push(serde_json::from_str(&values).unwrap_or_default());
        }
        Ok(DatasetContent {
            summary,
            texts,
            metadata,
        })
    }

    /// The texts and their SHA-256, in order.
    pub(crate) fn dataset_texts(&self, id: u32) -> Result<Vec<(String, [u8; 32])>> {
        self.dataset_summary(id)?;
        let mut statement = self.conn.prepare(
            "SELECT text, text_hash FROM dataset_texts WHERE dataset_id = ?1 ORDER BY position",
        )?;
        let rows = statement.query_map([id], |row| {
            let hash: Vec<u8> = row.get(1)?;
            let mut key = [0u8; 32];
            key.copy_from_slice(&hash[..32.min(hash.len())]);
            Ok((row.get(0)?, key))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes the dataset with its runs and their layouts. Cached vectors stay: another
    /// dataset with the same texts reuses them.
    pub fn delete_dataset(&mut self, id: u32) -> Result<()> {
        let deleted = self
            .conn
            .execute("DELETE FROM datasets WHERE id = ?1", [id])?;
        if deleted == 0 {
            return Err(LabError::not_found("dataset", id));
        }
        Ok(())
    }
}
