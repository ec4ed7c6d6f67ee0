use storage::{Conversation, ConversationPage, ConversationSummary, StorageError};
use tauri::AppHandle;

use crate::commands::blocking::with_state;

const PAGE: u32 = 200;

/// Conversations newest first; `query` searches questions and answers. The first 200 only:
/// `history_page` pages through all of them.
#[tauri::command]
#[specta::specta]
pub async fn list_conversations(
    app: AppHandle,
    query: Option<String>,
) -> Result<Vec<ConversationSummary>, StorageError> {
    let query = query.filter(|q| !q.trim().is_empty());
    with_state(&app, move |state| {
        state
            .history()
            .list_conversations(query.as_deref(), PAGE, 0)
    })
    .await
}

/// One page of conversations, newest first: the first without `cursor`, then each page's
/// `nextCursor`. `query` searches questions and answers (every word, as prefixes); the page
/// repeats it, so an answer to an older query can be dropped. `limit` is 1 to 500.
#[tauri::command]
#[specta::specta]
pub async fn history_page(
    app: AppHandle,
    query: Option<String>,
    cursor: Option<String>,
    limit: u32,
) -> Result<ConversationPage, StorageError> {
    with_state(&app, move |state| {
        let searched = query.as_deref().filter(|q| !q.trim().is_empty());
        let mut page = state
            .history()
            .conversation_page(searched, cursor.as_deref(), limit)?;
        page.query = query;
        Ok(page)
    })
    .await
}

/// A conversation and its runs, to reopen.
#[tauri::command]
#[specta::specta]
pub async fn get_conversation(app: AppHandle, id: String) -> Result<Conversation, StorageError> {
    with_state(&app, move |state| state.history().conversation(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_conversation(app: AppHandle, id: String) -> Result<(), StorageError> {
    with_state(&app, move |state| state.history().delete_conversation(&id)).await
}

/// A new conversation holding the turns up to and including `run_id`, to continue differently.
#[tauri::command]
#[specta::specta]
pub async fn branch_conversation(
    app: AppHandle,
    run_id: String,
) -> Result<Conversation, StorageError> {
    with_state(&app, move |state| {
        let mut history = state.history();
        let id = history.branch(&run_id)?;
        history.conversation(&id)
    })
    .await
}

/// The conversation as a JSON document (no keys: runs hold profile names, not credentials).
#[tauri::command]
#[specta::specta]
pub async fn export_conversation(app: AppHandle, id: String) -> Result<String, StorageError> {
    with_state(&app, move |state| state.history().export_conversation(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_conversation(
    app: AppHandle,
    json: String,
) -> Result<Conversation, StorageError> {
    with_state(&app, move |state| {
        let mut history = state.history();
        let id = history.import_conversation(&json)?;
        history.conversation(&id)
    })
    .await
}
