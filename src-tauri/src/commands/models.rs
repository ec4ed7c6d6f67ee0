use bedrock_client::ClientError;
use bedrock_client::catalogue::CatalogueView;
use tauri::State;

use crate::AppState;
use crate::errors::storage_error;

/// The chat models of the active profile's region: cached unless `refresh`, offline
/// well-known IDs when listing is denied.
#[tauri::command]
#[specta::specta]
pub async fn list_models(
    state: State<'_, AppState>,
    refresh: bool,
) -> Result<CatalogueView, ClientError> {
    let active = state.connection().await?;
    state
        .catalogue
        .models(
            &active.profile_id,
            &active.connection.info.region,
            refresh,
            &active.connection.control,
        )
        .await
}

/// The model IDs the user starred.
#[tauri::command]
#[specta::specta]
pub fn favourite_models(state: State<'_, AppState>) -> Vec<String> {
    state.favourites().ids()
}

/// Star or unstar a model; returns the favourites after the change.
#[tauri::command]
#[specta::specta]
pub fn toggle_favourite(
    state: State<'_, AppState>,
    model_id: String,
) -> Result<Vec<String>, ClientError> {
    let mut favourites = state.favourites();
    favourites.toggle(&model_id).map_err(storage_error)?;
    Ok(favourites.ids())
}
