//! Each smoke step calls the app's own client code, through the wire capture as the app does.

use std::sync::Mutex;

use aws_config::SdkConfig;
use bedrock_client::chat::{ChatEvent, ChatOutcome, ChatRequest, converse_chat, stream_chat};
use bedrock_client::knowledge::{RetrieveRequest, list_knowledge_bases, retrieve};
use bedrock_client::wire::{WireLog, with_agent_capture, with_capture};
use bedrock_client::{ClientError, ErrorCode, catalogue, inspect};
use bedrock_formats::{PromptSpec, native_request};
use embeddings::job::{EmbeddingSpec, embed_documents};
use embeddings::store::LabStore;
use serde_json::json;
use tokio_util::sync::CancellationToken;

use crate::pick;
use crate::report::Report;

const PROMPT: &str = "Reply with the single word OK.";
const MAX_TOKENS: u32 = 16;

pub async fn run_all(config: &SdkConfig, log: &WireLog, region: &str, report: &mut Report) {
    let (runtime, control) = with_capture(config, log);
    let (agent_runtime, agent) = with_agent_capture(config, log);
    let listed = catalogue::list_chat_models(&control, region).await;
    let models = listed
        .as_ref()
        .map(|l| l.models.as_slice())
        .unwrap_or_default();
    let model = pick::text_model(models);
    report.record(
        "list models",
        listed.as_ref().map_err(Clone::clone).map(|l| {
            let warning = l
                .warning
                .as_ref()
                .map(|w| format!(" ({})", w.message))
                .unwrap_or_default();
            format!(
                "{} chat models{warning}; using {}",
                l.models.len(),
                model.as_deref().unwrap_or("none of the small ones")
            )
        }),
    );
    match &model {
        Some(model) => {
            report.record("chat (Converse)", chat(&runtime, model, false).await);
            report.record("stream (ConverseStream)", chat(&runtime, model, true).await);
            report.record("native invoke", native(&runtime, model).await);
        }
        None => report.skip(
            "chat",
            "no small text model found; set BEDROCK_LIVE_MODEL to an invoke ID",
        ),
    }
    report.record("embeddings", embed(&runtime).await);
    match knowledge_base(&agent).await {
        Ok(Some(id)) => report.record("knowledge base", query(&agent_runtime, &id).await),
        Ok(None) => report.skip(
            "knowledge base",
            "none in this region; set BEDROCK_LIVE_KB_ID to query one",
        ),
        Err(error) => report.record("knowledge base", Err(error)),
    }
}

fn chat_request(model: &str) -> Result<ChatRequest, ClientError> {
    serde_json::from_value(json!({
        "modelId": model,
        "messages": [{"role": "user", "text": PROMPT}],
        "params": {"maxTokens": MAX_TOKENS, "temperature": 0},
    }))
    .map_err(|e| ClientError::new(ErrorCode::InvalidRequest, e.to_string()))
}

async fn chat(
    runtime: &aws_sdk_bedrockruntime::Client,
    model: &str,
    streamed: bool,
) -> Result<String, ClientError> {
    let request = chat_request(model)?;
    let mut events: Vec<ChatEvent> = Vec::new();
    let cancel = CancellationToken::new();
    let outcome: ChatOutcome = if streamed {
        stream_chat(runtime, &request, &mut events, &cancel).await
    } else {
        converse_chat(runtime, &request, &mut events, &cancel).await
    };
    if let Some(error) = outcome.error {
        return Err(error);
    }
    if outcome.text.trim().is_empty() {
        return Err(ClientError::new(ErrorCode::Unknown, "the answer was empty"));
    }
    let usage = outcome
        .usage
        .map(|u| format!("{} in / {} out tokens", u.input_tokens, u.output_tokens))
        .unwrap_or_else(|| "no usage reported".to_owned());
    Ok(format!(
        "{:?}, {usage}, {} ms",
        outcome.text.trim(),
        outcome.metrics.total_latency_ms
    ))
}

async fn native(
    runtime: &aws_sdk_bedrockruntime::Client,
    model: &str,
) -> Result<String, ClientError> {
    let spec: PromptSpec = serde_json::from_value(json!({
        "modelId": model,
        "messages": [{"role": "user", "text": PROMPT}],
        "maxTokens": MAX_TOKENS,
    }))
    .map_err(|e| ClientError::new(ErrorCode::InvalidRequest, e.to_string()))?;
    let body = native_request(&spec)
        .map_err(|e| ClientError::new(ErrorCode::InvalidRequest, e.message))?;
    let run = inspect::run_native(runtime, model, &body.body_json).await?;
    Ok(format!(
        "{:?} in {} chunks, {} ms",
        run.text.trim(),
        run.chunk_count,
        run.total_ms
    ))
}

async fn embed(runtime: &aws_sdk_bedrockruntime::Client) -> Result<String, ClientError> {
    let store = LabStore::open_in_memory()
        .map_err(|e| ClientError::new(ErrorCode::Unknown, e.to_string()))?;
    let spec = EmbeddingSpec {
        model_id: pick::embedding_model(),
        dimensions: Some(256),
        normalize: Some(true),
        input_type: None,
    };
    let texts = vec![
        "A cat sat on the mat.".to_owned(),
        "Quarterly revenue rose.".to_owned(),
    ];
    let vectors = embed_documents(runtime, &Mutex::new(store), &spec, &texts).await?;
    let lengths: Vec<usize> = vectors.iter().map(Vec::len).collect();
    if lengths.contains(&0) {
        return Err(ClientError::new(
            ErrorCode::Unknown,
            "an empty vector came back",
        ));
    }
    Ok(format!(
        "{} vectors of {} dimensions from {}",
        vectors.len(),
        lengths[0],
        spec.model_id
    ))
}

async fn knowledge_base(
    agent: &aws_sdk_bedrockagent::Client,
) -> Result<Option<String>, ClientError> {
    if let Some(id) = pick::env("BEDROCK_LIVE_KB_ID") {
        return Ok(Some(id));
    }
    let bases = list_knowledge_bases(agent).await?;
    Ok(bases
        .into_iter()
        .find(|b| b.status == "ACTIVE")
        .map(|b| b.knowledge_base_id))
}

async fn query(
    agent_runtime: &aws_sdk_bedrockagentruntime::Client,
    id: &str,
) -> Result<String, ClientError> {
    let request: RetrieveRequest = serde_json::from_value(json!({
        "knowledgeBaseId": id,
        "query": "What is this knowledge base about?",
        "settings": {"numberOfResults": 2},
        "nextToken": null,
    }))
    .map_err(|e| ClientError::new(ErrorCode::InvalidRequest, e.to_string()))?;
    let outcome = retrieve(agent_runtime, &request).await?;
    Ok(format!(
        "{} chunks retrieved from {id}",
        outcome.chunks.len()
    ))
}
