//! The lab as the app uses it: the store, and the vectors of the runs being explored, loaded once
//! and shared by the map, neighbour queries, search and comparisons.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};

use crate::maths::{ClusterSummary, MathsError, MathsErrorCode, Matrix};
use crate::store::{LabError, LabErrorCode, LabStore, Layout, LayoutSummary, NewLayout};

use super::explore::{self, NeighbourHit, OverlapReport, Placement};
use super::export::{ExportFormat, ExportTable, export_table};
use super::floats::{encode_f32, encode_i32};
use super::layout::{LayoutEvent, LayoutRequest, compute_layout};

/// How many runs keep their vectors in memory: the one on the map and one to compare with.
const LOADED_RUNS: usize = 2;

/// One run's vectors with its texts, in dataset order.
pub struct LoadedRun {
    pub run_id: u32,
    pub vectors: Matrix,
    pub texts: Vec<String>,
    pub metadata_columns: Vec<String>,
    pub metadata: Vec<Vec<String>>,
    pub dataset_name: String,
}

/// A cluster on a layout, as the UI draws it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterView {
    pub id: i32,
    pub size: u32,
    pub centroid: Vec<f32>,
    pub words: Vec<String>,
    pub label: String,
}

impl From<&ClusterSummary> for ClusterView {
    fn from(summary: &ClusterSummary) -> Self {
        Self {
            id: summary.id,
            size: summary.size as u32,
            centroid: summary.centroid.clone(),
            words: summary.words.clone(),
            label: summary.label.clone(),
        }
    }
}

/// What a layout keeps besides its coordinates.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredParams {
    request: LayoutRequest,
    #[serde(default)]
    explained_variance: Vec<f32>,
    #[serde(default)]
    pca_basis: Vec<f32>,
}

/// A stored layout for the map.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayoutView {
    pub id: u32,
    pub run_id: u32,
    pub request: LayoutRequest,
    /// n × 2 little-endian f32, base64.
    pub coords_base64: String,
    /// One cluster id per point (-1: none), little-endian i32, base64.
    pub assignments_base64: String,
    pub clusters: Vec<ClusterView>,
    pub explained_variance: Vec<f32>,
    pub created_ms: f64,
}

/// Texts nearest to a query, and where the query falls on the map.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeaningSearch {
    pub hits: Vec<NeighbourHit>,
    pub position: Option<(f32, f32)>,
}

pub struct Lab {
    store: Mutex<LabStore>,
    loaded: Mutex<Vec<Arc<LoadedRun>>>,
    exports_dir: PathBuf,
}

pub fn maths_error(error: MathsError) -> LabError {
    let code = match error.code {
        MathsErrorCode::Cancelled => LabErrorCode::Cancelled,
        _ => LabErrorCode::InvalidInput,
    };
    LabError::new(code, error.message, error.hint)
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Lab {
    pub fn new(store: LabStore, exports_dir: &Path) -> Self {
        Self {
            store: Mutex::new(store),
            loaded: Mutex::new(Vec::new()),
            exports_dir: exports_dir.to_path_buf(),
        }
    }

    pub fn store(&self) -> MutexGuard<'_, LabStore> {
        lock(&self.store)
    }

    pub fn store_mutex(&self) -> &Mutex<LabStore> {
        &self.store
    }

    /// Forget loaded vectors of `run_id` (after its run changed) or of every run.
    pub fn unload(&self, run_id: Option<u32>) {
        lock(&self.loaded).retain(|r| run_id.is_some_and(|id| r.run_id != id));
    }

    /// The run's vectors and texts, read from the store once and kept for the next questions.
    pub fn loaded_run(&self, run_id: u32) -> Result<Arc<LoadedRun>, LabError> {
        if let Some(run) = lock(&self.loaded).iter().find(|r| r.run_id == run_id) {
            return Ok(Arc::clone(run));
        }
        let (run, content, (rows, cols, values)) = {
            let store = self.store();
            let run = store.run(run_id)?;
            let content = store.dataset(run.dataset_id)?;
            let vectors = store.run_vectors(run_id)?;
            (run, content, vectors)
        };
        let vectors = Matrix::new(rows, cols, values).map_err(maths_error)?;
        let loaded = Arc::new(LoadedRun {
            run_id: run.id,
            vectors,
            texts: content.texts,
            metadata_columns: content.summary.metadata_columns,
            metadata: content.metadata,
            dataset_name: content.summary.name,
        });
        let mut cache = lock(&self.loaded);
        cache.retain(|r| r.run_id != run_id);
        cache.insert(0, Arc::clone(&loaded));
        cache.truncate(LOADED_RUNS);
        Ok(loaded)
    }

    /// Project a run, sending progress to `on_event`, then store the layout with its clusters.
    pub fn compute_layout(
        &self,
        run_id: u32,
        request: &LayoutRequest,
        on_event: &mut dyn FnMut(LayoutEvent),
        cancelled: &dyn Fn() -> bool,
    ) -> Result<LayoutView, LabError> {
        let run = self.loaded_run(run_id)?;
        let texts: Vec<&str> = run.texts.iter().map(String::as_str).collect();
        let computed = compute_layout(&run.vectors, &texts, request, on_event, cancelled)
            .map_err(maths_error)?;
        let params = StoredParams {
            request: request.clone(),
            explained_variance: computed.explained_variance,
            pca_basis: computed.pca_basis,
        };
        let clusters: Vec<ClusterView> = computed.clusters.iter().map(ClusterView::from).collect();
        let summary = self.store().save_layout(&NewLayout {
            run_id,
            method: request.method,
            params_json: serde_json::to_string(&params).unwrap_or_default(),
            dimensions: computed.coords.cols() as u32,
            coords: computed.coords.into_vec(),
            clusters: computed.assignments,
            cluster_summaries_json: serde_json::to_string(&clusters).unwrap_or_default(),
        })?;
        self.layout_view(summary.id)
    }

    pub fn layouts(&self, run_id: u32) -> Result<Vec<LayoutSummary>, LabError> {
        self.store().layouts(run_id)
    }

    pub fn layout_view(&self, layout_id: u32) -> Result<LayoutView, LabError> {
        let layout = self.store().layout(layout_id)?;
        Ok(view_of(&layout))
    }

    pub fn neighbours(
        &self,
        run_id: u32,
        index: u32,
        k: u32,
    ) -> Result<Vec<NeighbourHit>, LabError> {
        let run = self.loaded_run(run_id)?;
        if index as usize >= run.vectors.rows() {
            return Err(LabError::new(
                LabErrorCode::InvalidInput,
                format!(
                    "Run {run_id} has {} texts; there is no text {index}.",
                    run.vectors.rows()
                ),
                "Pick a point on the current map.",
            ));
        }
        Ok(explore::neighbours_of(
            &run.vectors,
            index as usize,
            k as usize,
        ))
    }

    /// The texts nearest to an embedded query, and where it falls on layout `layout_id`.
    pub fn search_vector(
        &self,
        run_id: u32,
        layout_id: Option<u32>,
        query: Vec<f32>,
        k: u32,
    ) -> Result<MeaningSearch, LabError> {
        let run = self.loaded_run(run_id)?;
        if query.len() != run.vectors.cols() {
            return Err(LabError::new(
                LabErrorCode::InvalidInput,
                format!(
                    "The query has {} dimensions and the run's vectors {}.",
                    query.len(),
                    run.vectors.cols()
                ),
                "Search with the model and options the run was embedded with.",
            ));
        }
        let hits = explore::nearest_to(&run.vectors, &query, k as usize);
        let position = match layout_id {
            Some(id) => self.place(&run, id, query)?,
            None => None,
        };
        Ok(MeaningSearch { hits, position })
    }

    fn place(
        &self,
        run: &LoadedRun,
        layout_id: u32,
        point: Vec<f32>,
    ) -> Result<Option<(f32, f32)>, LabError> {
        let layout = self.store().layout(layout_id)?;
        let params: StoredParams =
            serde_json::from_str(&layout.summary.params_json).map_err(|e| {
                LabError::new(
                    LabErrorCode::InvalidInput,
                    format!("Layout {layout_id} has unreadable settings: {e}"),
                    "Project the run again.",
                )
            })?;
        let coords = Matrix::new(run.vectors.rows(), 2, layout.coords).map_err(maths_error)?;
        let placement = Placement::new(
            params.request.method,
            &params.pca_basis,
            params.request.umap_params(),
        );
        let dims = point.len();
        let query = Matrix::new(1, dims, point).map_err(maths_error)?;
        let placed =
            explore::place(&run.vectors, &coords, &placement, &query).map_err(maths_error)?;
        Ok(placed
            .row(0)
            .first()
            .zip(placed.row(0).get(1))
            .map(|(x, y)| (*x, *y)))
    }

    /// How many nearest neighbours two runs of the same dataset share, per text and overall.
    pub fn compare(
        &self,
        run_a: u32,
        run_b: u32,
        k: u32,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<OverlapReport, LabError> {
        let a = self.loaded_run(run_a)?;
        let b = self.loaded_run(run_b)?;
        if a.vectors.rows() != b.vectors.rows() || a.texts != b.texts {
            return Err(LabError::new(
                LabErrorCode::InvalidInput,
                "The two runs embed different texts.",
                "Compare two runs of the same dataset.",
            ));
        }
        explore::neighbour_overlap(&a.vectors, &b.vectors, k as usize, cancelled)
            .map_err(maths_error)
    }

    /// Write a run's vectors (and a layout's coordinates) to the exports folder.
    pub fn export_run(
        &self,
        run_id: u32,
        layout_id: Option<u32>,
        format: ExportFormat,
    ) -> Result<Vec<PathBuf>, LabError> {
        let run = self.loaded_run(run_id)?;
        let coords = match layout_id {
            Some(id) => {
                let layout = self.store().layout(id)?;
                let dims = layout.summary.dimensions as usize;
                Some(Matrix::new(run.vectors.rows(), dims, layout.coords).map_err(maths_error)?)
            }
            None => None,
        };
        let table = ExportTable {
            texts: &run.texts,
            metadata_columns: &run.metadata_columns,
            metadata: &run.metadata,
            vectors: &run.vectors,
            coords: coords.as_ref(),
        };
        let name = format!("{}-run{run_id}", run.dataset_name);
        export_table(&self.exports_dir, &name, &table, format).map_err(|e| self.write_error(&e))
    }

    /// Write a text export (a selection) to the exports folder under `file_name`.
    pub fn save_text(&self, file_name: &str, content: &str) -> Result<PathBuf, LabError> {
        let (stem, extension) = file_name.rsplit_once('.').unwrap_or((file_name, "txt"));
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let path = self.exports_dir.join(format!(
            "{}-{stamp}.{}",
            super::export::safe_file_name(stem),
            super::export::safe_file_name(extension)
        ));
        std::fs::create_dir_all(&self.exports_dir)
            .and_then(|()| std::fs::write(&path, content))
            .map_err(|e| self.write_error(&e))?;
        Ok(path)
    }

    fn write_error(&self, error: &std::io::Error) -> LabError {
        LabError::new(
            LabErrorCode::Database,
            format!("Could not write to {}: {error}", self.exports_dir.display()),
            "Check that the folder is writable and the disk is not full.",
        )
    }
}

fn view_of(layout: &Layout) -> LayoutView {
    let params: Option<StoredParams> = serde_json::from_str(&layout.summary.params_json).ok();
    let clusters: Vec<ClusterView> =
        serde_json::from_str(&layout.cluster_summaries_json).unwrap_or_default();
    LayoutView {
        id: layout.summary.id,
        run_id: layout.summary.run_id,
        request: params
            .as_ref()
            .map(|p| p.request.clone())
            .unwrap_or_else(|| LayoutRequest {
                method: layout.summary.method,
                ..LayoutRequest::default()
            }),
        coords_base64: encode_f32(&layout.coords),
        assignments_base64: encode_i32(&layout.clusters),
        clusters,
        explained_variance: params.map(|p| p.explained_variance).unwrap_or_default(),
        created_ms: layout.summary.created_ms,
    }
}
