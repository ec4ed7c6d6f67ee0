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

/// A conversation and its runs, each with the whole request it sent.
#[tauri::command]
#[specta::specta]
pub async fn get_conversation(app: AppHandle, id: String) -> Result<Conversation, StorageError> {
    with_state(&app, move |state| state.history().conversation(&id)).await
}

/// A conversation to show and continue: as `get_conversation`, but each run's request keeps
/// only the message that run added (`messages` is its last one), which is all reopening reads;
/// every earlier turn, files included, is not sent again with each later run.
#[tauri::command]
#[specta::specta]
pub async fn open_conversation(app: AppHandle, id: String) -> Result<Conversation, StorageError> {
    with_state(&app, move |state| {
        let mut conversation = state.history().conversation(&id)?;
        for run in &mut conversation.runs {
            if let Some(trimmed) = with_last_message_only(&run.request_json) {
                run.request_json = trimmed;
            }
        }
        Ok(conversation)
    })
    .await
}

/// The request JSON with only the last of its `messages`; `None` when it has no such array
/// (a knowledge-base run, text that is not JSON), which is then kept as it is.
fn with_last_message_only(request_json: &str) -> Option<String> {
    let mut request: serde_json::Value = serde_json::from_str(request_json).ok()?;
    let messages = request.get_mut("messages")?.as_array_mut()?;
    let last = messages.pop()?;
    *messages = vec![last];
    serde_json::to_string(&request).ok()
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

#[cfg(test)]
mod tests {
    use super::with_last_message_only;

    #[test]
    fn only_the_last_message_stays_and_the_rest_of_the_request_is_kept() {
        let request = r#"{"modelId":"m","systemPrompt":"s","messages":[{"role":"user","text":"1","attachments":[{"name":"a.png","dataBase64":"AAAA"}]},{"role":"assistant","text":"2"},{"role":"user","text":"3"}],"params":{"maxTokens":5}}"#;
        let trimmed: serde_json::Value =
            serde_json::from_str(&with_last_message_only(request).unwrap()).unwrap();
        assert_eq!(
            trimmed,
            serde_json::json!({
                "modelId": "m",
                "systemPrompt": "s",
                "messages": [{"role": "user", "text": "3"}],
                "params": {"maxTokens": 5},
            })
        );
    }

    #[test]
    fn requests_without_messages_are_left_alone() {
        for kept in [
            r#"{"question":"q","sessionId":null}"#,
            r#"{"messages":[]}"#,
            "not json",
        ] {
            assert_eq!(with_last_message_only(kept), None, "{kept}");
        }
    }
}
