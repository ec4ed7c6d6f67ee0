use bedrock_client::ClientError;
use bedrock_client::chat::{ChatEvent, ChatOutcome, ChatRequest, EventSink, stream_chat};
use tauri::State;
use tauri::ipc::Channel;

use crate::AppState;

/// Where a run sits in the history: its conversation and the run it follows.
#[derive(Debug, Clone, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RunLink {
    pub run_id: String,
    pub conversation_id: String,
    pub parent_run_id: Option<String>,
}

struct ChannelSink(Channel<ChatEvent>);

impl EventSink for ChannelSink {
    fn deliver(&mut self, event: ChatEvent) -> bool {
        self.0.send(event).is_ok()
    }
}

/// Stream one answer with ConverseStream; its events go to `on_event` as they arrive.
/// Failures arrive as a `failed` event and in the outcome; what was received is kept.
#[tauri::command]
#[specta::specta]
pub async fn chat_stream(
    state: State<'_, AppState>,
    stream_id: String,
    request: ChatRequest,
    link: RunLink,
    on_event: Channel<ChatEvent>,
) -> Result<ChatOutcome, ClientError> {
    let _ = &link;
    let mut sink = ChannelSink(on_event);
    let active = match state.connection().await {
        Ok(active) => active,
        Err(error) => {
            sink.deliver(ChatEvent::Failed {
                error: error.clone(),
            });
            return Err(error);
        }
    };
    let cancel = state.begin_stream(&stream_id);
    let outcome = stream_chat(&active.connection.runtime, &request, &mut sink, &cancel).await;
    state.end_stream(&stream_id);
    Ok(outcome)
}

/// Stop a stream in flight: the HTTP stream is dropped and no further event is sent.
#[tauri::command]
#[specta::specta]
pub fn cancel_chat(state: State<'_, AppState>, stream_id: String) -> bool {
    state.cancel_stream(&stream_id)
}
