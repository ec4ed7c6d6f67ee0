//! The knowledge-bases lab: thin commands over `bedrock_client::knowledge` (list, describe,
//! Retrieve, RetrieveAndGenerateStream over a channel, filters, prompt templates, model ARNs).

use bedrock_client::ClientError;
use bedrock_client::knowledge::{
    self, DocumentInfo, FilterProblem, GenerateOutcome, GenerateRequest, KnowledgeBaseDetails,
    KnowledgeBaseSummary, KnowledgeEvent, Lint, PreviewResult, RerankModelInfo, RetrieveOutcome,
    RetrieveRequest, is_inference_profile,
};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use crate::AppState;
use crate::knowledge_recording::{KnowledgeRecorder, RunOrigin};

/// The active profile's knowledge bases, each described (status, storage, data sources).
#[tauri::command]
#[specta::specta]
pub async fn list_knowledge_bases(
    state: State<'_, AppState>,
) -> Result<Vec<KnowledgeBaseSummary>, ClientError> {
    let clients = state.knowledge().await?;
    knowledge::list_knowledge_bases(&clients.agent).await
}

/// One knowledge base by its id, for when listing is denied.
#[tauri::command]
#[specta::specta]
pub async fn describe_knowledge_base(
    state: State<'_, AppState>,
    knowledge_base_id: String,
) -> Result<KnowledgeBaseDetails, ClientError> {
    let clients = state.knowledge().await?;
    knowledge::describe_knowledge_base(&clients.agent, &knowledge_base_id).await
}

/// The documents of one data source.
#[tauri::command]
#[specta::specta]
pub async fn list_knowledge_base_documents(
    state: State<'_, AppState>,
    knowledge_base_id: String,
    data_source_id: String,
) -> Result<Vec<DocumentInfo>, ClientError> {
    let clients = state.knowledge().await?;
    knowledge::list_documents(&clients.agent, &knowledge_base_id, &data_source_id).await
}

/// Retrieve: the ranked chunks for a query.
#[tauri::command]
#[specta::specta]
pub async fn knowledge_retrieve(
    state: State<'_, AppState>,
    request: RetrieveRequest,
) -> Result<RetrieveOutcome, ClientError> {
    let clients = state.knowledge().await?;
    knowledge::retrieve(&clients.runtime, &request).await
}

/// RetrieveAndGenerateStream: events go to `on_event` as they arrive and the turn into the
/// history (one conversation per session); failures arrive as a `failed` event and in the
/// outcome, with what was received kept.
#[tauri::command]
#[specta::specta]
pub async fn knowledge_generate_stream(
    app: AppHandle,
    state: State<'_, AppState>,
    stream_id: String,
    mut request: GenerateRequest,
    on_event: Channel<KnowledgeEvent>,
) -> Result<GenerateOutcome, ClientError> {
    let prepared = async {
        let clients = state.knowledge().await?;
        if request.account_id.is_none() && is_inference_profile(request.model_id.trim()) {
            request.account_id = Some(state.account_id(&clients).await?);
        }
        let active = state.connection().await?;
        let origin = RunOrigin {
            profile_id: active.resolved.id.clone(),
            profile_name: active.resolved.name.clone(),
            region: active.resolved.region.clone(),
        };
        Ok::<_, ClientError>((clients, origin))
    }
    .await;
    let (clients, origin) = match prepared {
        Ok(prepared) => prepared,
        Err(error) => {
            let _ = on_event.send(KnowledgeEvent::Failed {
                error: error.clone(),
            });
            return Err(error);
        }
    };
    let cancel = state.begin_stream(&stream_id);
    // The core's sink is not `Send`: drive the stream on a blocking thread of the runtime.
    let streamed = tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let mut recorder = KnowledgeRecorder::start(state.history_database(), origin, &request);
        let mut sink = |event: KnowledgeEvent| {
            recorder.observe(&event);
            on_event.send(event).is_ok()
        };
        let outcome = tauri::async_runtime::block_on(knowledge::retrieve_and_generate_stream(
            &clients.runtime,
            &request,
            &mut sink,
            &cancel,
        ));
        recorder.finish(&outcome);
        outcome
    })
    .await;
    state.end_stream(&stream_id);
    streamed.map_err(|error| {
        ClientError::new(
            bedrock_client::ErrorCode::Unknown,
            format!("The knowledge-base stream stopped unexpectedly: {error}"),
        )
    })
}

/// Stop a knowledge-base answer in flight.
#[tauri::command]
#[specta::specta]
pub fn cancel_knowledge_stream(state: State<'_, AppState>, stream_id: String) -> bool {
    state.cancel_stream(&stream_id)
}

/// The ARN a knowledge-base call uses for `model_id` in the active profile's region.
#[tauri::command]
#[specta::specta]
pub async fn knowledge_model_arn(
    state: State<'_, AppState>,
    model_id: String,
) -> Result<String, ClientError> {
    let clients = state.knowledge().await?;
    if is_inference_profile(model_id.trim()) {
        let account = state.account_id(&clients).await?;
        Ok(knowledge::model_arn(&clients.region, &model_id, &account))
    } else {
        Ok(knowledge::model_arn(&clients.region, &model_id, ""))
    }
}

/// What is wrong with a generation prompt template, if anything.
#[tauri::command]
#[specta::specta]
pub fn knowledge_prompt_lint(template: String) -> Vec<Lint> {
    knowledge::prompt_template_lint(&template)
}

/// The prompt the model would read, with sample search results.
#[tauri::command]
#[specta::specta]
pub fn knowledge_prompt_preview(
    template: String,
    query: String,
    results: Vec<PreviewResult>,
    current_time: String,
) -> String {
    knowledge::render_prompt_preview(&template, &query, &results, &current_time)
}

/// A starting point for a custom generation prompt template.
#[tauri::command]
#[specta::specta]
pub fn knowledge_default_template() -> String {
    knowledge::DEFAULT_TEMPLATE.to_owned()
}

/// Where a metadata filter (JSON text) is wrong, or nothing when Bedrock would take it.
#[tauri::command]
#[specta::specta]
pub fn check_knowledge_filter(filter_json: String) -> Option<FilterProblem> {
    knowledge::check_filter(&filter_json)
}

/// The reranking models knowledge bases can use.
#[tauri::command]
#[specta::specta]
pub fn knowledge_rerank_models() -> Vec<RerankModelInfo> {
    knowledge::rerank_models()
}

/// "Copy as code" for the lab's Retrieve (`retrieve`) or RetrieveAndGenerate (`generate`)
/// request: the profile's name, region and endpoint, never its keys.
#[tauri::command]
#[specta::specta]
pub async fn knowledge_code_snippet(
    state: State<'_, AppState>,
    language: bedrock_formats::code_snippets::SnippetLanguage,
    retrieve: Option<RetrieveRequest>,
    generate: Option<GenerateRequest>,
) -> Result<String, ClientError> {
    use bedrock_formats::code_snippets::{KnowledgeApi, KnowledgeSnippetTarget, knowledge_snippet};
    let active = state.connection().await?;
    let region = active.resolved.region.clone();
    let (api, body) = match (retrieve, generate) {
        (Some(request), _) => (
            KnowledgeApi::Retrieve,
            knowledge::retrieve_body(&request, &region),
        ),
        (None, Some(mut request)) => {
            if request.account_id.is_none() && is_inference_profile(request.model_id.trim()) {
                let clients = state.knowledge().await?;
                request.account_id = state.account_id(&clients).await.ok();
            }
            (
                KnowledgeApi::RetrieveAndGenerate,
                knowledge::generate_body(&request, &region),
            )
        }
        (None, None) => {
            return Err(ClientError::new(
                bedrock_client::ErrorCode::InvalidRequest,
                "No request to turn into code.",
            ));
        }
    };
    let target = KnowledgeSnippetTarget {
        api,
        body_json: body.to_string(),
        profile_name: active
            .profile_id
            .strip_prefix(profiles::AWS_ID_PREFIX)
            .map(str::to_owned),
        region,
        endpoint_url: active.resolved.endpoint_url.clone(),
    };
    Ok(knowledge_snippet(language, &target))
}
