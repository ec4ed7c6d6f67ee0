//! bedrock-runtime: Converse, ConverseStream, InvokeModel, InvokeModelWithResponseStream, CountTokens.

pub mod body;
pub mod converse;
pub mod converse_request;
pub mod count_tokens;
pub mod invoke;
pub mod rules;

use axum::Router;
use axum::routing::post;

use crate::state::SharedState;

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/model/{model_id}/converse", post(converse::converse))
        .route(
            "/model/{model_id}/converse-stream",
            post(converse::converse_stream),
        )
        .route("/model/{model_id}/invoke", post(invoke::invoke_model))
        .route(
            "/model/{model_id}/invoke-with-response-stream",
            post(invoke::invoke_model_with_response_stream),
        )
        .route(
            "/model/{model_id}/count-tokens",
            post(count_tokens::count_tokens),
        )
}
