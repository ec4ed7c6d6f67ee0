//! The knowledge-bases lab: list and describe knowledge bases, Retrieve, RetrieveAndGenerate
//! (streamed as typed events), model ARNs, metadata filters and prompt-template checks.

pub mod arn;
pub mod bases;
pub mod errors;
pub mod filter;
pub mod generate;
pub mod json;
pub mod prompt;
pub mod retrieve;
pub mod wire;

pub use arn::{AccountIds, foundation_model_arn, is_inference_profile, model_arn};
pub use bases::{
    ChunkingInfo, DataSourceInfo, DocumentInfo, KnowledgeBaseDetails, KnowledgeBaseSummary,
    describe_knowledge_base, list_documents, list_knowledge_bases,
};
pub use filter::{FILTER_OPERATORS, FilterProblem, check_filter, parse_filter};
pub use generate::{
    CitationInfo, GenerateOutcome, GenerateRequest, GuardrailSettings, KnowledgeEvent,
    KnowledgeSink, TextSpan, retrieve_and_generate, retrieve_and_generate_stream,
};
pub use prompt::{
    DEFAULT_TEMPLATE, Lint, LintSeverity, PreviewResult, prompt_template_lint,
    render_prompt_preview,
};
pub use retrieve::{
    RerankModelInfo, RerankingSettings, RetrievalSettings, RetrieveOutcome, RetrieveRequest,
    RetrievedChunk, SearchKind, SourceLocation, rerank_models, retrieve,
};
pub use wire::{generate_body, retrieve_body};
