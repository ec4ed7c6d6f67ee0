//! Knowledge bases: bedrock-agent (list/get) and bedrock-agent-runtime (Retrieve, RetrieveAndGenerate).

use std::path::Path;

use axum::Router;

use crate::state::SharedState;

#[derive(Default)]
pub struct KnowledgeBases {}

impl KnowledgeBases {
    pub fn load(_dir: Option<&Path>) -> Result<Self, String> {
        Ok(Self {})
    }
}

pub fn routes() -> Router<SharedState> {
    Router::new()
}
