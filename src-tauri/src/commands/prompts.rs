use storage::{PromptContent, PromptSummary, PromptVersion, StorageError};
use tauri::State;

use crate::AppState;

/// Save under `name`: a new prompt, or a new version when the content changed.
#[tauri::command]
#[specta::specta]
pub fn save_prompt(
    state: State<'_, AppState>,
    name: String,
    content: PromptContent,
) -> Result<PromptVersion, StorageError> {
    state.history().save_prompt(&name, content)
}

#[tauri::command]
#[specta::specta]
pub fn list_prompts(state: State<'_, AppState>) -> Result<Vec<PromptSummary>, StorageError> {
    state.history().list_prompts()
}

/// Every version of a prompt, oldest first.
#[tauri::command]
#[specta::specta]
pub fn prompt_versions(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<PromptVersion>, StorageError> {
    state.history().prompt_versions(&id)
}

#[tauri::command]
#[specta::specta]
pub fn delete_prompt(state: State<'_, AppState>, id: String) -> Result<(), StorageError> {
    state.history().delete_prompt(&id)
}
