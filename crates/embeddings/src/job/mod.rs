//! Embedding a dataset through Bedrock: the models and their options, what a run will cost,
//! and the job itself (cache first, adaptive concurrency, progress, cancel and resume).

mod aimd;
mod client;
mod estimate;
mod invoke;
mod models;
mod progress;
mod query;
mod runner;
mod spec;
mod tokens;

pub use client::job_client;
pub use estimate::{CONFIRM_ABOVE_TOKENS, CONFIRM_ABOVE_USD, Estimate, estimate};
pub use models::{
    COHERE_INPUT_TYPES, EmbeddingFamily, EmbeddingModelInfo, embedding_models, model_info,
};
pub use progress::{CollectingSink, JobProgress, JobSink};
pub use query::{embed_documents, embed_query};
pub use runner::{JobOptions, JobOutcome, run_job};
pub use spec::{EmbeddingSpec, cache_key, query_spec};
pub use tokens::estimate_tokens;
