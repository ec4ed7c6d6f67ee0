use bedrock_client::ClientError;
use bedrock_client::chat::{ChatEvent, ChatOutcome, ChatRequest, run_chat_as};
use bedrock_client::inspect::{NativeRun, run_native};
use bedrock_formats::code_snippets::{SnippetApi, SnippetLanguage, SnippetTarget, snippet};
use bedrock_formats::{FormatError, NativeRequest, PromptSpec, converse_request, native_request};
use serde::Serialize;
use tauri::State;
use tokio_util::sync::CancellationToken;

use crate::AppState;

/// The same prompt as a Converse request and as the family's native InvokeModel body.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FormatPreview {
    pub converse_json: String,
    pub native: Option<NativeRequest>,
    pub native_error: Option<FormatError>,
}

#[tauri::command]
#[specta::specta]
pub fn format_preview(spec: PromptSpec) -> FormatPreview {
    let converse = converse_request(&spec);
    let (native, native_error) = match native_request(&spec) {
        Ok(native) => (Some(native), None),
        Err(error) => (None, Some(error)),
    };
    FormatPreview {
        converse_json: serde_json::to_string_pretty(&converse).unwrap_or_default(),
        native,
        native_error,
    }
}

/// Send the (possibly edited) native body with InvokeModelWithResponseStream.
#[tauri::command]
#[specta::specta]
pub async fn run_native_body(
    state: State<'_, AppState>,
    model_id: String,
    body_json: String,
) -> Result<NativeRun, ClientError> {
    let active = state.connection().await?;
    run_native(&active.connection.runtime, &model_id, &body_json).await
}

/// Send the prompt as the chat would (ConverseStream, or Converse for a model that cannot
/// stream it), outside the chat and its history.
#[tauri::command]
#[specta::specta]
pub async fn run_converse(
    state: State<'_, AppState>,
    request: ChatRequest,
) -> Result<ChatOutcome, ClientError> {
    let active = state.connection().await?;
    let capabilities = state.capabilities_for(&active, &request.model_id);
    let mut events: Vec<ChatEvent> = Vec::new();
    Ok(run_chat_as(
        &active.connection.runtime,
        &request,
        &capabilities,
        &mut events,
        &CancellationToken::new(),
    )
    .await)
}

/// A ready-to-run snippet for the request, using the active profile's name and region, never
/// its keys (a keyring profile's snippet uses the default credential chain instead).
#[tauri::command]
#[specta::specta]
pub async fn code_snippet(
    state: State<'_, AppState>,
    language: SnippetLanguage,
    api: SnippetApi,
    model_id: String,
    body_json: String,
) -> Result<String, ClientError> {
    let active = state.connection().await?;
    let target = SnippetTarget {
        api,
        model_id,
        body_json,
        profile_name: active
            .profile_id
            .strip_prefix(profiles::AWS_ID_PREFIX)
            .map(str::to_owned),
        region: active.resolved.region.clone(),
        endpoint_url: active.resolved.endpoint_url.clone(),
    };
    Ok(snippet(language, &target))
}

/// The InvokeModel body of an embeddings model (Titan v1/v2, Cohere) for `text`.
#[tauri::command]
#[specta::specta]
pub fn embedding_preview(model_id: String, text: String) -> Result<String, FormatError> {
    let family = bedrock_formats::family_of(&model_id)
        .filter(|family| family.is_embedding())
        .ok_or_else(|| {
            FormatError::new(
                bedrock_formats::FormatErrorCode::NotAnEmbeddingModel,
                format!("{model_id} is not an embeddings model this app knows."),
                "Pick Titan Embeddings v1/v2 or Cohere Embed.",
            )
        })?;
    let body = bedrock_formats::embedding_body(
        family,
        &[text],
        &bedrock_formats::EmbeddingOptions::default(),
    )?;
    Ok(serde_json::to_string_pretty(&body).unwrap_or_default())
}
