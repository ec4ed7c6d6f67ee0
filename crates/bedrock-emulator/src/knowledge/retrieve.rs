//! bedrock-agent-runtime Retrieve: ranked chunks of one knowledge base, a page at a time,
//! reranked when the request asks for it.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::Response;
use bytes::Bytes;
use serde_json::{Value, json};

use super::constraints::{check_retrieve, knowledge_base_of};
use super::index::search;
use super::paging;
use super::request::{constraint_error, optional_string, required, retrieval_settings};
use super::results::retrieval_result;
use crate::context::RequestContext;
use crate::faults::Fault;
use crate::runtime::body::json_body;
use crate::state::SharedState;
use crate::wire::error::{ApiError, ApiResult};
use crate::wire::response;

const MAX_QUERY_CHARS: usize = 20_000;
/// How far a client can page through the ranking.
const MAX_RANKED_RESULTS: usize = 100;

pub async fn retrieve(
    State(state): State<SharedState>,
    Extension(context): Extension<RequestContext>,
    Path(knowledge_base_id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let request = json_body(&body)?;
    check_retrieve(&knowledge_base_id, &request)?;
    let query = query_text(&request)?;
    let settings = retrieval_settings(
        request.get("retrievalConfiguration"),
        "retrievalConfiguration",
    )?;
    let offset = match optional_string(&request, "nextToken", "nextToken", 2048)? {
        Some(token) => paging::decode(token)?,
        None => 0,
    };
    let id = knowledge_base_of(&knowledge_base_id).unwrap_or(&knowledge_base_id);
    let base = state.knowledge.find(id)?;
    let guardrail_configured = request
        .get("guardrailConfiguration")
        .is_some_and(|g| !g.is_null());
    if context.behaviour.fault == Some(Fault::GuardrailIntervened) {
        return Ok(response::json(
            &json!({"retrievalResults": [], "guardrailAction": "INTERVENED"}),
        ));
    }
    let ranked = search(
        &base.chunks,
        query,
        settings.search_type,
        settings.filter.as_ref(),
    );
    let reachable = ranked.len().min(MAX_RANKED_RESULTS);
    let end = (offset + settings.number_of_results).min(reachable);
    let mut page = ranked
        .get(offset.min(end)..end)
        .unwrap_or_default()
        .to_vec();
    if let Some(reranking) = &settings.reranking {
        page = reranking.apply(query, page);
    }
    let results: Vec<Value> = page.iter().map(retrieval_result).collect();
    let mut body = json!({"retrievalResults": results});
    if end < reachable {
        body["nextToken"] = json!(paging::encode(end));
    }
    if guardrail_configured {
        body["guardrailAction"] = json!("NONE");
    }
    Ok(response::json(&body))
}

fn query_text(request: &Value) -> ApiResult<&str> {
    let query = request
        .get("retrievalQuery")
        .filter(|q| q.is_object())
        .ok_or_else(|| required("retrievalQuery"))?;
    if query.get("type").and_then(Value::as_str) == Some("IMAGE") || query.get("image").is_some() {
        return Err(ApiError::validation(
            "Image queries are not supported by the emulator's text knowledge bases.",
        ));
    }
    let text = optional_string(query, "text", "retrievalQuery.text", MAX_QUERY_CHARS)?
        .ok_or_else(|| required("retrievalQuery.text"))?;
    if text.trim().is_empty() {
        return Err(constraint_error(
            text,
            "retrievalQuery.text",
            "Member must have length greater than or equal to 1",
        ));
    }
    Ok(text)
}
