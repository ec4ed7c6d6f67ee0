//! Runs: one embedding of one dataset with one spec, its status and counters, and its vectors
//! read back from the cache in dataset order.

use rusqlite::types::ValueRef;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::blob::extend_f32;
use super::error::{LabError, LabErrorCode, Result};
use super::{LabStore, id_u32, now_ms};
use crate::job::EmbeddingSpec;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[serde(rename = "EmbeddingRunStatus")]
pub enum RunStatus {
    Queued,
    Running,
    Done,
    Cancelled,
    Failed,
    /// Was running when the app stopped; run it again to finish (cached vectors are kept).
    Interrupted,
}

impl RunStatus {
    fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Done => "done",
            Self::Cancelled => "cancelled",
            Self::Failed => "failed",
            Self::Interrupted => "interrupted",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "queued" => Self::Queued,
            "running" => Self::Running,
            "done" => Self::Done,
            "cancelled" => Self::Cancelled,
            "failed" => Self::Failed,
            _ => Self::Interrupted,
        }
    }
}

/// Why a run failed: a `bedrock_client::ClientError` as stored (`code` is its `ErrorCode` name).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunError {
    pub code: String,
    pub message: String,
    pub hint: String,
}

/// The counters a job keeps up to date.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunProgress {
    /// Texts with a vector (cached before or embedded now).
    pub done: u32,
    /// Texts that were in the cache when the job started.
    pub cached: u32,
    pub requests: u32,
    pub tokens: u32,
    pub cost_usd: f64,
    pub throttles: u32,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunSummary {
    pub id: u32,
    pub dataset_id: u32,
    pub spec: EmbeddingSpec,
    pub status: RunStatus,
    pub total: u32,
    #[serde(flatten)]
    pub progress: RunProgress,
    pub error: Option<RunError>,
    pub created_ms: f64,
    pub updated_ms: f64,
}

const RUN_COLUMNS: &str = "id, dataset_id, spec, status, total, done, cached, requests, tokens, \
     cost_usd, throttles, error, created_ms, updated_ms";

fn run_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<RunSummary> {
    let spec: String = row.get(2)?;
    let status: String = row.get(3)?;
    let error: Option<String> = row.get(11)?;
    Ok(RunSummary {
        id: id_u32(row.get(0)?),
        dataset_id: id_u32(row.get(1)?),
        spec: serde_json::from_str(&spec).unwrap_or_default(),
        status: RunStatus::parse(&status),
        total: row.get(4)?,
        progress: RunProgress {
            done: row.get(5)?,
            cached: row.get(6)?,
            requests: row.get(7)?,
            tokens: row.get(8)?,
            cost_usd: row.get(9)?,
            throttles: row.get(10)?,
        },
        error: error.and_then(|e| serde_json::from_str(&e).ok()),
        created_ms: row.get::<_, i64>(12)? as f64,
        updated_ms: row.get::<_, i64>(13)? as f64,
    })
}

impl LabStore {
    /// A queued run of `dataset_id` with `spec` (checked against the model's options).
    pub fn create_run(&mut self, dataset_id: u32, spec: &EmbeddingSpec) -> Result<RunSummary> {
        crate::job::cache_key(spec)?;
        let dataset = self.dataset_summary(dataset_id)?;
        let now = now_ms();
        self.conn.execute(
            "INSERT INTO runs (dataset_id, spec, status, total, created_ms, updated_ms) \
             VALUES (?1, ?2, 'queued', ?3, ?4, ?4)",
            params![
                dataset_id,
                serde_json::to_string(spec).unwrap_or_default(),
                dataset.count,
                now
            ],
        )?;
        self.run(id_u32(self.conn.last_insert_rowid()))
    }

    pub fn run(&self, id: u32) -> Result<RunSummary> {
        self.conn
            .query_row(
                &format!("SELECT {RUN_COLUMNS} FROM runs WHERE id = ?1"),
                [id],
                run_row,
            )
            .optional()?
            .ok_or_else(|| LabError::not_found("run", id))
    }

    /// The runs of a dataset (every run when `None`), newest first.
    pub fn runs(&self, dataset_id: Option<u32>) -> Result<Vec<RunSummary>> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {RUN_COLUMNS} FROM runs WHERE ?1 IS NULL OR dataset_id = ?1 \
             ORDER BY created_ms DESC, id DESC"
        ))?;
        let rows = statement.query_map([dataset_id], run_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn set_run_status(
        &mut self,
        id: u32,
        status: RunStatus,
        error: Option<&RunError>,
    ) -> Result<()> {
        let error = error.map(|e| serde_json::to_string(e).unwrap_or_default());
        let changed = self.conn.execute(
            "UPDATE runs SET status = ?2, error = ?3, updated_ms = ?4 WHERE id = ?1",
            params![id, status.as_str(), error, now_ms()],
        )?;
        if changed == 0 {
            return Err(LabError::not_found("run", id));
        }
        Ok(())
    }

    pub fn set_run_progress(&mut self, id: u32, progress: &RunProgress) -> Result<()> {
        self.conn.execute(
            "UPDATE runs SET done = ?2, cached = ?3, requests = ?4, tokens = ?5, cost_usd = ?6, \
             throttles = ?7, updated_ms = ?8 WHERE id = ?1",
            params![
                id,
                progress.done,
                progress.cached,
                progress.requests,
                progress.tokens,
                progress.cost_usd,
                progress.throttles,
                now_ms()
            ],
        )?;
        Ok(())
    }

    /// Deletes a run and its layouts (its vectors stay in the cache).
    pub fn delete_run(&mut self, id: u32) -> Result<()> {
        if self.conn.execute("DELETE FROM runs WHERE id = ?1", [id])? == 0 {
            return Err(LabError::not_found("run", id));
        }
        Ok(())
    }

    /// Runs left `running` by an app that stopped are `interrupted`.
    pub(crate) fn interrupt_running_runs(&self) -> Result<usize> {
        Ok(self.conn.execute(
            "UPDATE runs SET status = 'interrupted', updated_ms = ?1 WHERE status = 'running'",
            [now_ms()],
        )?)
    }

    /// The run's vectors in dataset order as one row-major matrix: `(rows, cols, values)`.
    /// Read in one pass straight into a buffer of `rows × cols` floats, so 100,000 × 1,024 takes
    /// the vectors' 400 MB and one blob more. A run with texts not yet embedded is an error.
    pub fn run_vectors(&self, run_id: u32) -> Result<(usize, usize, Vec<f32>)> {
        let run = self.run(run_id)?;
        let key = crate::job::cache_key(&run.spec)?;
        let cols = key.dimensions as usize;
        let rows = run.total as usize;
        let key_id = self.key_id(&key)?;
        let mut statement = self.conn.prepare(
            "SELECT v.vector FROM dataset_texts t \
             LEFT JOIN vectors v ON v.key_id = ?2 AND v.text_hash = t.text_hash \
             WHERE t.dataset_id = ?1 ORDER BY t.position",
        )?;
        let mut values = Vec::with_capacity(rows * cols);
        let mut missing = 0usize;
        let mut seen = 0usize;
        let mut result = statement.query(params![run.dataset_id, key_id])?;
        while let Some(row) = result.next()? {
            seen += 1;
            match row.get_ref(0)? {
                ValueRef::Blob(blob) if blob.len() == cols * 4 => {
                    extend_f32(&mut values, blob);
                }
                _ => {
                    missing += 1;
                    values.extend(std::iter::repeat_n(0.0, cols));
                }
            }
        }
        if missing > 0 {
            return Err(LabError::new(
                LabErrorCode::RunIncomplete,
                format!("{missing} of {seen} texts of run {run_id} have no vector yet."),
                "Run the embedding job again: it embeds only the texts that are missing.",
            ));
        }
        Ok((seen, cols, values))
    }
}
