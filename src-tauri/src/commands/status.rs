use bedrock_client::{BackendInfo, ClientError};
use tauri::State;

use crate::AppState;

/// Which backend answers (AWS or the emulator), its region and endpoint.
#[tauri::command]
#[specta::specta]
pub async fn backend_status(state: State<'_, AppState>) -> Result<BackendInfo, ClientError> {
    Ok(state.connection().await?.info.clone())
}
