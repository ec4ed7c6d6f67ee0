use storage::{Conversation, ConversationSummary, StorageError};
use tauri::State;

use crate::AppState;

const PAGE: u32 = 200;

/// Conversations newest first; `query` searches questions and answers.
#[tauri::command]
#[specta::specta]
pub fn list_conversations(
    state: State<'_, AppState>,
    query: Option<String>,
) -> Result<Vec<ConversationSummary>, StorageError> {
    let query = query.filter(|q| !q.trim().is_empty());
    state
        .history()
        .list_conversations(query.as_deref(), PAGE, 0)
}

/// A conversation and its runs, to reopen.
#[tauri::command]
#[specta::specta]
pub fn get_conversation(
    state: State<'_, AppState>,
    id: String,
) -> Result<Conversation, StorageError> {
    state.history().conversation(&id)
}

#[tauri::command]
#[specta::specta]
pub fn delete_conversation(state: State<'_, AppState>, id: String) -> Result<(), StorageError> {
    state.history().delete_conversation(&id)
}

/// A new conversation holding the turns up to and including `run_id`, to continue differently.
#[tauri::command]
#[specta::specta]
pub fn branch_conversation(
    state: State<'_, AppState>,
    run_id: String,
) -> Result<Conversation, StorageError> {
    let mut history = state.history();
    let id = history.branch(&run_id)?;
    history.conversation(&id)
}

/// The conversation as a JSON document (no keys: runs hold profile names, not credentials).
#[tauri::command]
#[specta::specta]
pub fn export_conversation(state: State<'_, AppState>, id: String) -> Result<String, StorageError> {
    state.history().export_conversation(&id)
}

#[tauri::command]
#[specta::specta]
pub fn import_conversation(
    state: State<'_, AppState>,
    json: String,
) -> Result<Conversation, StorageError> {
    let mut history = state.history();
    let id = history.import_conversation(&json)?;
    history.conversation(&id)
}
