//! The bedrock control plane: foundation models and inference profiles.

pub mod foundation_models;
pub mod inference_profiles;

use axum::Router;
use axum::routing::get;

use crate::state::SharedState;

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/foundation-models", get(foundation_models::list))
        .route(
            "/foundation-models/{model_identifier}",
            get(foundation_models::get),
        )
        .route("/inference-profiles", get(inference_profiles::list))
        .route(
            "/inference-profiles/{profile_identifier}",
            get(inference_profiles::get),
        )
}
