//! RetrieveAndGenerate: validate the request, retrieve (decomposed into sub-queries and
//! reranked when asked), compose a cited answer, remember the turn.

use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use bytes::Bytes;
use serde_json::{Value, json};

use super::constraints::check_retrieve_and_generate;
use super::corpus::Chunk;
use super::decompose::{merge, sub_queries};
use super::generate::{Answer, CitedPart, Limits, compose_noted};
use super::index::{Hit, search};
use super::request::{constraint_error, optional_string, required, retrieval_settings};
use super::results::reference;
use super::sessions::Turn;
use crate::context::RequestContext;
use crate::faults::Fault;
use crate::runtime::body::json_body;
use crate::state::SharedState;
use crate::wire::error::{ApiError, ApiResult};
use crate::wire::response;

const MAX_INPUT_CHARS: usize = 1000;
const MAX_TEMPLATE_CHARS: usize = 4000;
const MAX_STOP_SEQUENCES: usize = 4;
const MAX_OUTPUT_TOKENS: u64 = 65_536;
const SEARCH_RESULTS_PLACEHOLDER: &str = "$search_results$";
const OUTPUT_FORMAT_PLACEHOLDER: &str = "$output_format_instructions$";
/// What a guardrail that blocks answers with, unless configured otherwise.
pub const GUARDRAIL_BLOCKED_MESSAGE: &str = "Sorry, the model cannot answer this question.";
const CONFIG: &str = "retrieveAndGenerateConfiguration";

/// A generated answer with what it cites.
pub struct Outcome {
    pub session_id: String,
    pub answer: Answer,
    pub cited_chunks: Vec<Chunk>,
    pub guardrail: Guardrail,
    /// Whether the prompt template asks for citations (a custom one without
    /// `$output_format_instructions$` does not, and gets none back).
    pub cites: bool,
}

/// What the response says of guardrails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guardrail {
    NotConfigured,
    None,
    Intervened,
}

impl Guardrail {
    pub fn action(self) -> Option<&'static str> {
        match self {
            Self::NotConfigured => None,
            Self::None => Some("NONE"),
            Self::Intervened => Some("INTERVENED"),
        }
    }
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

    /// The citations the response carries.
    pub fn citations(&self) -> Vec<&CitedPart> {
        if self.cites && self.guardrail != Guardrail::Intervened {
            self.answer.citations.iter().collect()
        } else {
            Vec::new()
        }
    }
}

pub async fn retrieve_and_generate(
    State(state): State<SharedState>,
    Extension(context): Extension<RequestContext>,
    body: Bytes,
) -> ApiResult<Response> {
    let outcome = answer(&state, &context, &body)?;
    let citations: Vec<Value> = outcome
        .citations()
        .into_iter()
        .map(|part| outcome.citation(part))
        .collect();
    let mut body = json!({
        "output": {"text": outcome.answer.text},
        "sessionId": outcome.session_id,
        "citations": citations,
    });
    if let Some(action) = outcome.guardrail.action() {
        body["guardrailAction"] = json!(action);
    }
    Ok(response::json(&body))
}

/// Everything both RetrieveAndGenerate operations do before they write their response.
pub fn answer(state: &SharedState, context: &RequestContext, body: &Bytes) -> ApiResult<Outcome> {
    let request = json_body(body)?;
    check_retrieve_and_generate(&request)?;
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
    let (limits, cites) =
        generation_limits(generation, &format!("{kb_path}.generationConfiguration"))?;
    let limits = Limits {
        max_tokens: limits
            .max_tokens
            .or(context.behaviour.output_tokens.map(|n| n as usize)),
        ..limits
    };
    let decompose = kb_config
        .pointer("/orchestrationConfiguration/queryTransformationConfiguration/type")
        .and_then(Value::as_str)
        == Some("QUERY_DECOMPOSITION");
    let session_id = optional_string(&request, "sessionId", "sessionId", 100)?;
    let base = state.knowledge.find(knowledge_base_id)?;
    let (session_id, turns) = state.knowledge.sessions().open(session_id)?;
    let guardrail = if context.behaviour.fault == Some(Fault::GuardrailIntervened) {
        Guardrail::Intervened
    } else if generation.is_some_and(|g| g.get("guardrailConfiguration").is_some()) {
        Guardrail::None
    } else {
        Guardrail::NotConfigured
    };
    if guardrail == Guardrail::Intervened {
        let answer = Answer {
            text: GUARDRAIL_BLOCKED_MESSAGE.to_owned(),
            citations: Vec::new(),
        };
        state.knowledge.sessions().record(
            &session_id,
            Turn {
                question: question.to_owned(),
                answer: answer.text.clone(),
            },
        );
        return Ok(Outcome {
            session_id,
            answer,
            cited_chunks: Vec::new(),
            guardrail,
            cites: false,
        });
    }

    let earlier = turns.last().map(|t| t.question.as_str());
    let with_context = |q: &str| match earlier {
        Some(previous) => format!("{previous} {q}"),
        None => q.to_owned(),
    };
    let query = with_context(question);
    let rank = |q: &str| {
        search(
            &base.chunks,
            q,
            settings.search_type,
            settings.filter.as_ref(),
        )
    };
    let (hits, note): (Vec<Hit>, Option<String>) = if decompose {
        let subs = sub_queries(question);
        let rankings = subs.iter().map(|s| rank(&with_context(s))).collect();
        let quoted: Vec<String> = subs.iter().map(|s| format!("\"{s}\"")).collect();
        let note = format!(
            "(the question was decomposed into {} sub-quer{}: {})",
            subs.len(),
            if subs.len() == 1 { "y" } else { "ies" },
            quoted.join("; ")
        );
        (merge(rankings), Some(note))
    } else {
        (rank(&query), None)
    };
    let mut top: Vec<Hit> = hits.into_iter().take(settings.number_of_results).collect();
    if let Some(reranking) = &settings.reranking {
        top = reranking.apply(&query, top);
    }
    let passages: Vec<&str> = top.iter().map(|h| h.chunk.text.as_str()).collect();
    let answer = compose_noted(&query, &passages, turns.len() + 1, note.as_deref(), &limits);
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
        cited_chunks: top.into_iter().map(|h| h.chunk.clone()).collect(),
        guardrail,
        cites,
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

/// The answer's limits, and whether the prompt template asks for citations.
fn generation_limits(generation: Option<&Value>, path: &str) -> ApiResult<(Limits, bool)> {
    let mut limits = Limits::default();
    let mut cites = true;
    let Some(generation) = generation.filter(|g| !g.is_null()) else {
        return Ok((limits, cites));
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
        cites = text.contains(OUTPUT_FORMAT_PLACEHOLDER);
    }
    let Some(text_config) = generation
        .get("inferenceConfig")
        .and_then(|c| c.get("textInferenceConfig"))
        .filter(|c| !c.is_null())
    else {
        return Ok((limits, cites));
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
    Ok((limits, cites))
}
