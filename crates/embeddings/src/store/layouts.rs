//! Layouts: a projection of a run (coordinates, cluster ids, cluster summaries), kept so the
//! map opens at once and a re-projection is a choice, not a necessity.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::blob::{f32_bytes, f32_values, i32_bytes, i32_values};
use super::error::{LabError, Result};
use super::{LabStore, id_u32, now_ms};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LayoutMethod {
    Pca,
    Umap,
}

impl LayoutMethod {
    fn as_str(self) -> &'static str {
        match self {
            Self::Pca => "pca",
            Self::Umap => "umap",
        }
    }

    fn parse(text: &str) -> Self {
        if text == "pca" { Self::Pca } else { Self::Umap }
    }
}

/// A layout to save. `coords` is row-major, `dimensions` (2 or 3) values per point, one point
/// per text of the run; `clusters` has one id per point (-1 for noise) or is empty.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewLayout {
    pub run_id: u32,
    pub method: LayoutMethod,
    /// The method's parameters as JSON (neighbours, min distance, seed, ...).
    pub params_json: String,
    pub dimensions: u32,
    pub coords: Vec<f32>,
    pub clusters: Vec<i32>,
    /// The clusters' labels and sizes as JSON, as the maths module writes them.
    pub cluster_summaries_json: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LayoutSummary {
    pub id: u32,
    pub run_id: u32,
    pub method: LayoutMethod,
    pub params_json: String,
    pub dimensions: u32,
    pub points: u32,
    pub created_ms: f64,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Layout {
    pub summary: LayoutSummary,
    pub coords: Vec<f32>,
    pub clusters: Vec<i32>,
    pub cluster_summaries_json: String,
}

const SUMMARY_COLUMNS: &str = "id, run_id, method, params, dimensions, points, created_ms";

fn summary_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<LayoutSummary> {
    let method: String = row.get(2)?;
    Ok(LayoutSummary {
        id: id_u32(row.get(0)?),
        run_id: id_u32(row.get(1)?),
        method: LayoutMethod::parse(&method),
        params_json: row.get(3)?,
        dimensions: row.get(4)?,
        points: row.get(5)?,
        created_ms: row.get::<_, i64>(6)? as f64,
    })
}

impl LabStore {
    pub fn save_layout(&mut self, layout: &NewLayout) -> Result<LayoutSummary> {
        let run = self.run(layout.run_id)?;
        let points = run.total as usize;
        if !(2..=3).contains(&layout.dimensions) {
            return Err(LabError::invalid(
                format!("A layout has 2 or 3 dimensions, not {}.", layout.dimensions),
                "Project to 2-D or 3-D.",
            ));
        }
        if layout.coords.len() != points * layout.dimensions as usize {
            return Err(LabError::invalid(
                format!(
                    "The layout has {} coordinates; run {} has {points} points of {} dimensions.",
                    layout.coords.len(),
                    layout.run_id,
                    layout.dimensions
                ),
                "Save the projection of this run's vectors, one point per text.",
            ));
        }
        if !layout.clusters.is_empty() && layout.clusters.len() != points {
            return Err(LabError::invalid(
                format!(
                    "The layout has {} cluster ids for {points} points.",
                    layout.clusters.len()
                ),
                "Give one cluster id per point (-1 for noise), or none.",
            ));
        }
        for (name, json) in [
            ("params", &layout.params_json),
            ("cluster summaries", &layout.cluster_summaries_json),
        ] {
            if serde_json::from_str::<serde_json::Value>(json).is_err() {
                return Err(LabError::invalid(
                    format!("The layout's {name} are not valid JSON."),
                    "Serialise them with serde_json.",
                ));
            }
        }
        self.conn.execute(
            "INSERT INTO layouts (run_id, method, params, dimensions, points, coords, clusters, \
             cluster_summaries, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                layout.run_id,
                layout.method.as_str(),
                layout.params_json,
                layout.dimensions,
                points as i64,
                f32_bytes(&layout.coords),
                i32_bytes(&layout.clusters),
                layout.cluster_summaries_json,
                now_ms()
            ],
        )?;
        self.layout_summary(id_u32(self.conn.last_insert_rowid()))
    }

    fn layout_summary(&self, id: u32) -> Result<LayoutSummary> {
        self.conn
            .query_row(
                &format!("SELECT {SUMMARY_COLUMNS} FROM layouts WHERE id = ?1"),
                [id],
                summary_row,
            )
            .optional()?
            .ok_or_else(|| LabError::not_found("layout", id))
    }

    /// The layouts of a run, newest first.
    pub fn layouts(&self, run_id: u32) -> Result<Vec<LayoutSummary>> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM layouts WHERE run_id = ?1 \
             ORDER BY created_ms DESC, id DESC"
        ))?;
        let rows = statement.query_map([run_id], summary_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn layout(&self, id: u32) -> Result<Layout> {
        let summary = self.layout_summary(id)?;
        let (coords, clusters, summaries): (Vec<u8>, Vec<u8>, String) = self.conn.query_row(
            "SELECT coords, clusters, cluster_summaries FROM layouts WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        Ok(Layout {
            summary,
            coords: f32_values(&coords),
            clusters: i32_values(&clusters),
            cluster_summaries_json: summaries,
        })
    }

    pub fn delete_layout(&mut self, id: u32) -> Result<()> {
        if self
            .conn
            .execute("DELETE FROM layouts WHERE id = ?1", [id])?
            == 0
        {
            return Err(LabError::not_found("layout", id));
        }
        Ok(())
    }
}
