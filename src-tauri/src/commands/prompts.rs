use storage::{PromptContent, PromptSummary, PromptVersion, StorageError};
use tauri::AppHandle;

use crate::commands::blocking::with_state;

/// Save under `name`: a new prompt, or a new version when the content changed.
#[tauri::command]
#[specta::specta]
pub async fn save_prompt(
    app: AppHandle,
    name: String,
    content: PromptContent,
) -> Result<PromptVersion, StorageError> {
    with_state(&app, move |state| {
        state.history().save_prompt(&name, content)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn list_prompts(app: AppHandle) -> Result<Vec<PromptSummary>, StorageError> {
    with_state(&app, |state| state.history().list_prompts()).await
}

/// Every version of a prompt, oldest first.
#[tauri::command]
#[specta::specta]
pub async fn prompt_versions(
    app: AppHandle,
    id: String,
) -> Result<Vec<PromptVersion>, StorageError> {
    with_state(&app, move |state| state.history().prompt_versions(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_prompt(app: AppHandle, id: String) -> Result<(), StorageError> {
    with_state(&app, move |state| state.history().delete_prompt(&id)).await
}
