use bedrock_client::ClientError;
use bedrock_client::chat::{ChatEvent, ChatOutcome, ChatRequest, run_chat_as};
use chat_recording::RecordingSink;
use serde::{Deserialize, Serialize};
use storage::{NewRun, StorageError};
use tauri::State;
use tauri::ipc::Channel;

use crate::AppState;

/// Where a run sits in the history: its conversation and the run it follows.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RunLink {
    pub conversation_id: String,
    pub parent_run_id: Option<String>,
}

/// How a streamed answer ended, and the history run that keeps it.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChatRun {
    pub outcome: ChatOutcome,
    pub run_id: Option<String>,
    /// The answer could not be saved to the history (the chat itself went on).
    pub history_error: Option<StorageError>,
}

/// Stream one answer with ConverseStream (Converse for a model that cannot stream it); its
/// events go to `on_event` as they arrive and into
/// the history. Failures arrive as a `failed` event and in the outcome; what was received is kept.
#[tauri::command]
#[specta::specta]
pub async fn chat_stream(
    state: State<'_, AppState>,
    stream_id: String,
    request: ChatRequest,
    link: RunLink,
    on_event: Channel<ChatEvent>,
) -> Result<ChatRun, ClientError> {
    // Registered first, so that Stop works while credentials resolve or the client connects.
    let cancel = state.begin_stream(&stream_id);
    let connected = cancel.run_until_cancelled(state.connection()).await;
    let active = match connected {
        Some(Ok(active)) => active,
        None => {
            return Ok(ChatRun {
                outcome: ChatOutcome {
                    cancelled: true,
                    ..ChatOutcome::default()
                },
                run_id: None,
                history_error: None,
            });
        }
        Some(Err(error)) => {
            state.end_stream(&stream_id);
            let _ = on_event.send(ChatEvent::Failed {
                error: error.clone(),
            });
            return Err(error);
        }
    };
    let started = state.history().start_run(NewRun {
        conversation_id: Some(link.conversation_id),
        parent_run_id: link.parent_run_id,
        profile_id: active.resolved.id.clone(),
        profile_name: active.resolved.name.clone(),
        region: active.resolved.region.clone(),
        model_id: request.model_id.clone(),
        request_json: serde_json::to_string(&request).unwrap_or_default(),
        user_text: request
            .messages
            .last()
            .map(|m| m.text.clone())
            .unwrap_or_default(),
    });
    let (run_id, history_error) = match started {
        Ok(started) => (Some(started.run_id), None),
        Err(error) => (None, Some(error)),
    };
    let to_ui = move |event: ChatEvent| on_event.send(event).is_ok();
    let mut sink = RecordingSink::new(to_ui, state.history_database(), run_id.clone());
    let capabilities = state.capabilities_for(&active, &request.model_id);
    let runtime = &active.connection.runtime;
    let outcome = run_chat_as(runtime, &request, &capabilities, &mut sink, &cancel).await;
    state.end_stream(&stream_id);
    sink.finish(&outcome);
    Ok(ChatRun {
        outcome,
        run_id,
        history_error,
    })
}

/// Stop a stream, in flight or not yet begun: the HTTP stream is dropped and no further event
/// is sent.
#[tauri::command]
#[specta::specta]
pub fn cancel_chat(state: State<'_, AppState>, stream_id: String) -> bool {
    state.stop_chat_stream(&stream_id)
}

/// What an attached file is (from its bytes, not its name), or why it cannot be sent.
#[tauri::command]
#[specta::specta]
pub async fn describe_attachment(
    name: String,
    data_base64: String,
) -> Result<bedrock_client::chat::AttachmentInfo, ClientError> {
    // Decoding megabytes of base64 happens off the async threads.
    crate::commands::blocking::blocking(move || {
        let attachment = bedrock_client::chat::Attachment { name, data_base64 };
        let bytes = attachment.decode()?;
        bedrock_client::chat::describe_attachment(&attachment.name, &bytes)
    })
    .await
}
