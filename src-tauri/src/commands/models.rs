use bedrock_client::ClientError;
use bedrock_client::catalogue::{ModelOption, list_chat_models};
use tauri::State;

use crate::AppState;

/// The chat models of the backend's region, each with the ID to invoke it by.
#[tauri::command]
#[specta::specta]
pub async fn list_models(state: State<'_, AppState>) -> Result<Vec<ModelOption>, ClientError> {
    let connection = state.connection().await?;
    list_chat_models(&connection.control, &connection.info.region).await
}
