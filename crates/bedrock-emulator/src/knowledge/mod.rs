//! Knowledge bases: bedrock-agent (knowledge bases, data sources, documents) and
//! bedrock-agent-runtime (Retrieve, RetrieveAndGenerate[Stream], Rerank).

pub mod chunking;
pub mod chunks;
pub mod constraints;
pub mod control_plane;
pub mod corpus;
pub mod decompose;
pub mod filter;
pub mod generate;
pub mod ids;
pub mod index;
pub mod metadata;
pub mod paging;
pub mod rag;
pub mod request;
pub mod rerank;
pub mod results;
pub mod retrieve;
pub mod sessions;
pub mod stream;
pub mod text;

use std::path::Path;

use axum::Router;
use axum::routing::{get, post};

pub use corpus::{Chunk, KnowledgeBase};
pub use sessions::Sessions;

use crate::state::SharedState;
use crate::wire::error::{ApiError, ApiResult};

#[derive(Default)]
pub struct KnowledgeBases {
    bases: Vec<KnowledgeBase>,
    sessions: Sessions,
}

impl KnowledgeBases {
    /// The knowledge bases of `dir` (one per sub-folder), or the bundled demo when absent.
    pub fn load(dir: Option<&Path>) -> Result<Self, String> {
        let bases = match dir {
            Some(dir) => corpus::load_dir(dir)?,
            None => corpus::load_bundled()?,
        };
        Ok(Self {
            bases,
            sessions: Sessions::default(),
        })
    }

    pub fn all(&self) -> &[KnowledgeBase] {
        &self.bases
    }

    pub fn sessions(&self) -> &Sessions {
        &self.sessions
    }

    pub fn find(&self, id: &str) -> ApiResult<&KnowledgeBase> {
        self.bases.iter().find(|b| b.id == id).ok_or_else(|| {
            ApiError::not_found(format!("Knowledge base with id {id} does not exist"))
        })
    }
}

pub fn routes() -> Router<SharedState> {
    Router::new()
        // botocore sends the trailing slash of the model's URI; the Rust SDK drops it.
        .route(
            "/knowledgebases/",
            post(control_plane::list_knowledge_bases),
        )
        .route("/knowledgebases", post(control_plane::list_knowledge_bases))
        .route(
            "/knowledgebases/{knowledge_base_id}",
            get(control_plane::get_knowledge_base),
        )
        .route(
            "/knowledgebases/{knowledge_base_id}/datasources/",
            post(control_plane::list_data_sources),
        )
        .route(
            "/knowledgebases/{knowledge_base_id}/datasources",
            post(control_plane::list_data_sources),
        )
        .route(
            "/knowledgebases/{knowledge_base_id}/datasources/{data_source_id}",
            get(control_plane::get_data_source),
        )
        .route(
            "/knowledgebases/{knowledge_base_id}/datasources/{data_source_id}/documents",
            post(control_plane::list_documents),
        )
        .route("/rerank", post(rerank::rerank))
        .route(
            "/knowledgebases/{knowledge_base_id}/retrieve",
            post(retrieve::retrieve),
        )
        .route("/retrieveAndGenerate", post(rag::retrieve_and_generate))
        .route(
            "/retrieveAndGenerateStream",
            post(stream::retrieve_and_generate_stream),
        )
}
