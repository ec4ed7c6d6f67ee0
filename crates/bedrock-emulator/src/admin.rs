//! The emulator's own control API under `/_emulator`: recorded requests, fault rules, model access.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::faults::RuleSpec;
use crate::state::SharedState;

pub const PREFIX: &str = "/_emulator";

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/_emulator/health", get(health))
        .route(
            "/_emulator/requests",
            get(list_requests).delete(clear_requests),
        )
        .route(
            "/_emulator/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/_emulator/faults/{id}", delete(remove_fault))
        .route("/_emulator/model-access/{model_id}", put(set_model_access))
        .route(
            "/_emulator/knowledge-bases/{id}/chunks",
            get(crate::knowledge::chunks::list_chunks),
        )
}

async fn health() -> Response {
    Json(json!({"status": "ok", "service": "bedrock-emulator", "version": env!("CARGO_PKG_VERSION"), "synthetic": true}))
        .into_response()
}

async fn list_requests(State(state): State<SharedState>) -> Response {
    Json(json!({ "requests": state.recorder.all() })).into_response()
}

async fn clear_requests(State(state): State<SharedState>) -> StatusCode {
    state.recorder.clear();
    StatusCode::NO_CONTENT
}

async fn list_faults(State(state): State<SharedState>) -> Response {
    Json(json!({ "faults": state.faults.list() })).into_response()
}

async fn add_fault(State(state): State<SharedState>, Json(spec): Json<RuleSpec>) -> Response {
    match state.faults.add(spec) {
        Ok(rule) => (StatusCode::CREATED, Json(json!(rule))).into_response(),
        Err(problem) => {
            (StatusCode::BAD_REQUEST, Json(json!({ "message": problem }))).into_response()
        }
    }
}

async fn clear_faults(State(state): State<SharedState>) -> StatusCode {
    state.faults.clear();
    StatusCode::NO_CONTENT
}

async fn remove_fault(State(state): State<SharedState>, Path(id): Path<u64>) -> StatusCode {
    if state.faults.remove(id) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}

#[derive(Deserialize)]
struct Access {
    granted: bool,
}

async fn set_model_access(
    State(state): State<SharedState>,
    Path(model_id): Path<String>,
    Json(access): Json<Access>,
) -> Response {
    match state.catalogue.set_access(&model_id, access.granted) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => (
            StatusCode::NOT_FOUND,
            Json(json!({ "message": error.message })),
        )
            .into_response(),
    }
}
