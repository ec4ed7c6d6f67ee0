//! RetrieveAndGenerate: validate the request, retrieve, compose a cited answer, remember the turn.

use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use bytes::Bytes;
use serde_json::{Value, json};

use super::corpus::Chunk;
use super::generate::{Answer, CitedPart, Limits, compose};
use super::index::search;
use super::request::{constraint_error, optional_string, required, retrieval_settings};
use super::results::reference;
use super::sessions::Turn;
use crate::context::RequestContext;
use crate::runtime::body::json_body;
use crate::state::SharedState;
use crate::wire::error::{ApiError, ApiResult};
use crate::wire::response;

const MAX_INPUT_CHARS: usize = 1000;
const MAX_TEMPLATE_CHARS: usize = 4000;
const MAX_STOP_SEQUENCES: usize = 4;
const MAX_OUTPUT_TOKENS: u64 = 65_536;
const SEARCH_RESULTS_PLACEHOLDER: &str = "$search_results$";
const CONFIG: &str = "retrieveAndGenerateConfiguration";

/// A generated answer with what it cites.
pub struct Outcome {
    pub session_id: String,
    pub answer: Answer,
    pub cited_chunks: Vec<Chunk>,
    pub guardrail_configured: bool,
}

impl Outcome {
    pub fn citation(&self, part: &CitedPart) -> Value {
        json!({
            "generatedResponsePart": {"textResponsePart": {
                "text": part.text,
                "span": {"start": part.start, "end": part.end},
            }},
            "retrievedReferences": [reference(&self.cited_chunks[part.passage])],
        })
    }
}

pub async fn retrieve_and_generate(
    State(state): State<SharedState>,
    Extension(context): Extension<RequestContext>,
    body: Bytes,
) -> ApiResult<Response> {
    let outcome = answer(&state, &context, &body)?;
    let citations: Vec<Value> = outcome
        .answer
        .citations
        .iter()
        .map(|part| outcome.citation(part))
        .collect();
    let mut body = json!({
        "output": {"text": outcome.answer.text},
        "sessionId": outcome.session_id,
        "citations": citations,
    });
    if outcome.guardrail_configured {
        body["guardrailAction"] = json!("NONE");
    }
    Ok(response::json(&body))
}

/// Everything both RetrieveAndGenerate operations do before they write their response.
pub fn answer(state: &SharedState, context: &RequestContext, body: &Bytes) -> ApiResult<Outcome> {
    let request = json_body(body)?;
    let question = input_text(&request)?;
    let config = request
        .get(CONFIG)
        .filter(|c| c.is_object())
        .ok_or_else(|| required(CONFIG))?;
    match config.get("type").and_then(Value::as_str) {
        Some("KNOWLEDGE_BASE") => {}
        Some("EXTERNAL_SOURCES") => {
            return Err(ApiError::validation(
                "The emulator answers from knowledge bases only; EXTERNAL_SOURCES is not supported.",
            ));
        }
        Some(other) => {
            return Err(constraint_error(
                other,
                &format!("{CONFIG}.type"),
                "Member must satisfy enum value set: [KNOWLEDGE_BASE, EXTERNAL_SOURCES]",
            ));
        }
        None => return Err(required(&format!("{CONFIG}.type"))),
    }
    let kb_path = format!("{CONFIG}.knowledgeBaseConfiguration");
    let kb_config = config
        .get("knowledgeBaseConfiguration")
        .filter(|c| c.is_object())
        .ok_or_else(|| required(&kb_path))?;
    let knowledge_base_id = optional_string(kb_config, "knowledgeBaseId", &kb_path, 10)?
        .ok_or_else(|| required(&format!("{kb_path}.knowledgeBaseId")))?;
    let model_arn = optional_string(kb_config, "modelArn", &kb_path, 2048)?
        .ok_or_else(|| required(&format!("{kb_path}.modelArn")))?;
    check_model(state, context, model_arn)?;
    let settings = retrieval_settings(
        kb_config.get("retrievalConfiguration"),
        &format!("{kb_path}.retrievalConfiguration"),
    )?;
    let generation = kb_config.get("generationConfiguration");
    let limits = generation_limits(generation, &format!("{kb_path}.generationConfiguration"))?;
    let limits = Limits {
        max_tokens: limits
            .max_tokens
            .or(context.behaviour.output_tokens.map(|n| n as usize)),
        ..limits
    };
    let session_id = optional_string(&request, "sessionId", "sessionId", 100)?;
    let base = state.knowledge.find(knowledge_base_id)?;
    let (session_id, turns) = state.knowledge.sessions().open(session_id)?;

    let query = match turns.last() {
        Some(previous) => format!("{} {question}", previous.question),
        None => question.to_owned(),
    };
    let hits = search(
        &base.chunks,
        &query,
        settings.search_type,
        settings.filter.as_ref(),
    );
    let top: Vec<&Chunk> = hits
        .iter()
        .take(settings.number_of_results)
        .map(|h| h.chunk)
        .collect();
    let passages: Vec<&str> = top.iter().map(|c| c.text.as_str()).collect();
    let answer = compose(&query, &passages, turns.len() + 1, &limits);
    state.knowledge.sessions().record(
        &session_id,
        Turn {
            question: question.to_owned(),
            answer: answer.text.clone(),
        },
    );
    Ok(Outcome {
        session_id,
        answer,
        cited_chunks: top.into_iter().cloned().collect(),
        guardrail_configured: generation.is_some_and(|g| g.get("guardrailConfiguration").is_some()),
    })
}

fn input_text(request: &Value) -> ApiResult<&str> {
    let input = request
        .get("input")
        .filter(|i| i.is_object())
        .ok_or_else(|| required("input"))?;
    let text = optional_string(input, "text", "input.text", MAX_INPUT_CHARS)?
        .ok_or_else(|| required("input.text"))?;
    if text.trim().is_empty() {
        return Err(constraint_error(
            text,
            "input.text",
            "Member must have length greater than or equal to 1",
        ));
    }
    Ok(text)
}

/// The model (an ARN or, as the service model's pattern allows, a bare ID) must exist and generate text.
fn check_model(state: &SharedState, context: &RequestContext, model_arn: &str) -> ApiResult<()> {
    let resolved = state.catalogue.resolve(model_arn, context.region())?;
    if resolved.model.family.is_embedding() {
        return Err(ApiError::validation(format!(
            "The model {} cannot generate text; use a text model for RetrieveAndGenerate.",
            resolved.model.id
        )));
    }
    Ok(())
}

fn generation_limits(generation: Option<&Value>, path: &str) -> ApiResult<Limits> {
    let mut limits = Limits::default();
    let Some(generation) = generation.filter(|g| !g.is_null()) else {
        return Ok(limits);
    };
    if let Some(template) = generation.get("promptTemplate").filter(|t| !t.is_null()) {
        let template_path = format!("{path}.promptTemplate.textPromptTemplate");
        let text = optional_string(
            template,
            "textPromptTemplate",
            &template_path,
            MAX_TEMPLATE_CHARS,
        )?
        .unwrap_or_default();
        if !text.contains(SEARCH_RESULTS_PLACEHOLDER) {
            return Err(ApiError::validation(format!(
                "The prompt template must contain the {SEARCH_RESULTS_PLACEHOLDER} placeholder."
            )));
        }
    }
    let Some(text_config) = generation
        .get("inferenceConfig")
        .and_then(|c| c.get("textInferenceConfig"))
        .filter(|c| !c.is_null())
    else {
        return Ok(limits);
    };
    let config_path = format!("{path}.inferenceConfig.textInferenceConfig");
    if let Some(max) = text_config.get("maxTokens").filter(|v| !v.is_null()) {
        let max = max
            .as_u64()
            .filter(|n| *n <= MAX_OUTPUT_TOKENS)
            .ok_or_else(|| {
                constraint_error(
                    max,
                    &format!("{config_path}.maxTokens"),
                    "Member must have value between 0 and 65536",
                )
            })?;
        limits.max_tokens = Some(max as usize);
    }
    for member in ["temperature", "topP"] {
        let value = text_config.get(member).filter(|v| !v.is_null());
        if let Some(value) = value
            && !value.as_f64().is_some_and(|v| (0.0..=1.0).contains(&v))
        {
            return Err(constraint_error(
                value,
                &format!("{config_path}.{member}"),
                "Member must have value between 0 and 1",
            ));
        }
    }
    if let Some(stops) = text_config.get("stopSequences").filter(|v| !v.is_null()) {
        let stops_path = format!("{config_path}.stopSequences");
        let stops = stops
            .as_array()
            .ok_or_else(|| ApiError::validation(format!("{stops_path} must be a list.")))?;
        if stops.len() > MAX_STOP_SEQUENCES {
            return Err(constraint_error(
                stops.len(),
                &stops_path,
                "Member must have length less than or equal to 4",
            ));
        }
        limits.stop_sequences = stops
            .iter()
            .map(|s| {
                s.as_str()
                    .filter(|s| (1..=1000).contains(&s.chars().count()))
                    .map(str::to_owned)
                    .ok_or_else(|| {
                        ApiError::validation(format!(
                            "{stops_path} members must be strings of 1 to 1000 characters."
                        ))
                    })
            })
            .collect::<ApiResult<_>>()?;
    }
    Ok(limits)
}
