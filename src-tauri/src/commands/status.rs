use bedrock_client::{BackendInfo, ClientError};
use tauri::State;

use crate::AppState;

/// The active profile's backend (AWS or the emulator), region, endpoint and credential source.
#[tauri::command]
#[specta::specta]
pub async fn backend_status(state: State<'_, AppState>) -> Result<BackendInfo, ClientError> {
    Ok(state.connection().await?.connection.info.clone())
}
