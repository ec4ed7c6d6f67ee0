//! The embeddings lab's commands: datasets, embedding runs over a Channel, layouts, questions
//! asked of the map. The work is in `crates/embeddings`; heavy maths runs off the async threads.

use bedrock_client::ClientError;
use embeddings::dataset::{self, ImportRequest, Preview, PreviewRequest, SampleInfo};
use embeddings::job::{self, EmbeddingModelInfo, EmbeddingSpec, Estimate, JobOutcome, JobProgress};
use embeddings::lab::explore::{NeighbourHit, OverlapReport};
use embeddings::lab::export::ExportFormat;
use embeddings::lab::layout::{LayoutEvent, LayoutRequest};
use embeddings::lab::{LayoutView, MeaningSearch};
use embeddings::store::{DatasetSummary, LayoutSummary, RunSummary};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;

use super::blocking::blocking;
use crate::AppState;
use crate::errors::lab_error;

/// A dataset's texts and metadata, for hovering, tables and exports.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DatasetRows {
    pub texts: Vec<String>,
    pub metadata_columns: Vec<String>,
    pub metadata: Vec<Vec<String>>,
}

#[tauri::command]
#[specta::specta]
pub fn embedding_samples() -> Vec<SampleInfo> {
    dataset::samples()
}

#[tauri::command]
#[specta::specta]
pub fn list_datasets(state: State<'_, AppState>) -> Result<Vec<DatasetSummary>, ClientError> {
    state.lab().store().datasets().map_err(lab_error)
}

/// The columns and first rows of a file, so the user can pick the text column.
#[tauri::command]
#[specta::specta]
pub async fn preview_dataset(request: PreviewRequest) -> Result<Preview, ClientError> {
    blocking(move || dataset::preview(&request).map_err(lab_error)).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_dataset(
    state: State<'_, AppState>,
    request: ImportRequest,
) -> Result<DatasetSummary, ClientError> {
    let lab = state.lab_handle();
    blocking(move || {
        let draft = dataset::import(&request).map_err(lab_error)?;
        lab.store().save_dataset(&draft).map_err(lab_error)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn import_sample(
    state: State<'_, AppState>,
    sample_id: String,
) -> Result<DatasetSummary, ClientError> {
    let lab = state.lab_handle();
    blocking(move || {
        let draft = dataset::sample(&sample_id).map_err(lab_error)?;
        lab.store().save_dataset(&draft).map_err(lab_error)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_dataset(
    state: State<'_, AppState>,
    dataset_id: u32,
) -> Result<(), ClientError> {
    let lab = state.lab_handle();
    blocking(move || {
        lab.unload(None);
        lab.store().delete_dataset(dataset_id).map_err(lab_error)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn dataset_rows(
    state: State<'_, AppState>,
    dataset_id: u32,
) -> Result<DatasetRows, ClientError> {
    let lab = state.lab_handle();
    blocking(move || {
        let content = lab.store().dataset(dataset_id).map_err(lab_error)?;
        Ok(DatasetRows {
            texts: content.texts,
            metadata_columns: content.summary.metadata_columns,
            metadata: content.metadata,
        })
    })
    .await
}

/// The text embedding models of the active profile's region, with the options each takes.
#[tauri::command]
#[specta::specta]
pub async fn embedding_models(
    state: State<'_, AppState>,
) -> Result<Vec<EmbeddingModelInfo>, ClientError> {
    let active = state.connection().await?;
    let (ids, _listed) =
        bedrock_client::catalogue::list_embedding_model_ids(&active.connection.control).await?;
    Ok(job::embedding_models(&ids))
}

#[tauri::command]
#[specta::specta]
pub async fn list_embedding_runs(
    state: State<'_, AppState>,
    dataset_id: u32,
) -> Result<Vec<RunSummary>, ClientError> {
    let lab = state.lab_handle();
    blocking(move || lab.store().runs(Some(dataset_id)).map_err(lab_error)).await
}

/// Texts, cached vectors, tokens and cost of embedding a dataset with `spec`, before any call.
#[tauri::command]
#[specta::specta]
pub async fn estimate_embedding(
    state: State<'_, AppState>,
    dataset_id: u32,
    spec: EmbeddingSpec,
) -> Result<Estimate, ClientError> {
    let lab = state.lab_handle();
    let prices = state.prices.clone();
    blocking(move || {
        let store = lab.store();
        let content = store.dataset(dataset_id).map_err(lab_error)?;
        job::estimate(&store, &content.texts, &spec, &prices).map_err(lab_error)
    })
    .await
}

/// Record a new run of `spec` over the dataset; `run_embedding` then embeds it.
#[tauri::command]
#[specta::specta]
pub async fn start_embedding(
    state: State<'_, AppState>,
    dataset_id: u32,
    spec: EmbeddingSpec,
) -> Result<RunSummary, ClientError> {
    let lab = state.lab_handle();
    blocking(move || lab.store().create_run(dataset_id, &spec).map_err(lab_error)).await
}

/// Embed (or resume) a run; progress goes to `on_progress`. Texts already in the cache are
/// not sent again, so a resume after a cancel or a crash pays only for the rest.
#[tauri::command]
#[specta::specta]
pub async fn run_embedding(
    state: State<'_, AppState>,
    run_id: u32,
    on_progress: Channel<JobProgress>,
) -> Result<JobOutcome, ClientError> {
    let active = state.connection().await?;
    let lab = state.lab_handle();
    let model_id = lab.store().run(run_id).map_err(lab_error)?.spec.model_id;
    let options = job::JobOptions::default().priced(&state.prices, &model_id);
    let job_id = format!("embed-{run_id}");
    let cancel = state.begin_stream(&job_id);
    let mut sink = |progress: &JobProgress| {
        let _ = on_progress.send(progress.clone());
    };
    let outcome = job::run_job(
        &active.connection.runtime,
        lab.store_mutex(),
        run_id,
        &mut sink,
        &cancel,
        options,
    )
    .await;
    state.end_stream(&job_id);
    lab.unload(Some(run_id));
    Ok(outcome)
}

#[tauri::command]
#[specta::specta]
pub fn cancel_embedding(state: State<'_, AppState>, run_id: u32) -> bool {
    state.cancel_stream(&format!("embed-{run_id}"))
}

#[tauri::command]
#[specta::specta]
pub async fn list_layouts(
    state: State<'_, AppState>,
    run_id: u32,
) -> Result<Vec<LayoutSummary>, ClientError> {
    let lab = state.lab_handle();
    blocking(move || lab.layouts(run_id).map_err(lab_error)).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_layout(
    state: State<'_, AppState>,
    layout_id: u32,
) -> Result<LayoutView, ClientError> {
    let lab = state.lab_handle();
    blocking(move || lab.layout_view(layout_id).map_err(lab_error)).await
}

/// Project a run with PCA or UMAP; the layout so far goes to `on_event` as UMAP improves it,
/// then the finished layout with its clusters is stored and returned. `job_id` cancels it.
#[tauri::command]
#[specta::specta]
pub async fn compute_layout(
    state: State<'_, AppState>,
    run_id: u32,
    request: LayoutRequest,
    job_id: String,
    on_event: Channel<LayoutEvent>,
) -> Result<LayoutView, ClientError> {
    let lab = state.lab_handle();
    let cancel = state.begin_stream(&job_id);
    let token = cancel.clone();
    let result = blocking(move || {
        let mut send = |event: LayoutEvent| {
            let _ = on_event.send(event);
        };
        lab.compute_layout(run_id, &request, &mut send, &|| token.is_cancelled())
            .map_err(lab_error)
    })
    .await;
    state.end_stream(&job_id);
    result
}

#[tauri::command]
#[specta::specta]
pub fn cancel_layout(state: State<'_, AppState>, job_id: String) -> bool {
    state.cancel_stream(&job_id)
}

/// The `k` texts nearest to text `index` in the run's original space, by cosine similarity.
#[tauri::command]
#[specta::specta]
pub async fn point_neighbours(
    state: State<'_, AppState>,
    run_id: u32,
    index: u32,
    k: u32,
) -> Result<Vec<NeighbourHit>, ClientError> {
    let lab = state.lab_handle();
    blocking(move || lab.neighbours(run_id, index, k).map_err(lab_error)).await
}

/// Embed `query` with the run's model (as a search query), list the texts nearest to it and
/// place it on the layout.
#[tauri::command]
#[specta::specta]
pub async fn search_by_meaning(
    state: State<'_, AppState>,
    run_id: u32,
    layout_id: Option<u32>,
    query: String,
    k: u32,
) -> Result<MeaningSearch, ClientError> {
    let active = state.connection().await?;
    let lab = state.lab_handle();
    let spec = lab.store().run(run_id).map_err(lab_error)?.spec;
    let vector =
        job::embed_query(&active.connection.runtime, lab.store_mutex(), &spec, &query).await?;
    blocking(move || {
        lab.search_vector(run_id, layout_id, vector, k)
            .map_err(lab_error)
    })
    .await
}

/// How many of each text's `k` nearest neighbours two runs of one dataset share.
#[tauri::command]
#[specta::specta]
pub async fn compare_runs(
    state: State<'_, AppState>,
    run_a: u32,
    run_b: u32,
    k: u32,
) -> Result<OverlapReport, ClientError> {
    let lab = state.lab_handle();
    blocking(move || lab.compare(run_a, run_b, k, &|| false).map_err(lab_error)).await
}

/// Write a run's vectors (and a layout's coordinates) as `.npy`, CSV or JSON Lines; returns the
/// files written.
#[tauri::command]
#[specta::specta]
pub async fn export_run(
    state: State<'_, AppState>,
    run_id: u32,
    layout_id: Option<u32>,
    format: ExportFormat,
) -> Result<Vec<String>, ClientError> {
    let lab = state.lab_handle();
    blocking(move || {
        let paths = lab
            .export_run(run_id, layout_id, format)
            .map_err(lab_error)?;
        Ok(paths.iter().map(|p| p.display().to_string()).collect())
    })
    .await
}

/// Write a text export (a selection) to the exports folder; returns its path.
#[tauri::command]
#[specta::specta]
pub async fn save_export(
    state: State<'_, AppState>,
    file_name: String,
    content: String,
) -> Result<String, ClientError> {
    let lab = state.lab_handle();
    blocking(move || {
        let path = lab.save_text(&file_name, &content).map_err(lab_error)?;
        Ok(path.display().to_string())
    })
    .await
}
