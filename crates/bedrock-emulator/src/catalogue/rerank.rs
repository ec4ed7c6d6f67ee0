//! The reranking models: used by bedrock-agent-runtime's Rerank and by the
//! `rerankingConfiguration` of Retrieve and RetrieveAndGenerate, never invoked directly.

use crate::wire::error::{ApiError, ApiResult};

/// How a reranking model weighs what a query and a document share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RerankModel {
    pub id: &'static str,
    pub name: &'static str,
    pub provider: &'static str,
    /// Weight of the query's words found in the document.
    pub coverage_weight: f64,
    /// Weight of the query's word pairs found in the document, in order.
    pub phrase_weight: f64,
    /// Weight of the embedding similarity.
    pub semantic_weight: f64,
    /// Steepness of the logistic curve that maps the mix to a relevance in (0, 1).
    pub steepness: f64,
}

pub const RERANK_MODELS: [RerankModel; 2] = [
    RerankModel {
        id: "amazon.rerank-v1:0",
        name: "Rerank 1.0",
        provider: "Amazon",
        coverage_weight: 0.55,
        phrase_weight: 0.25,
        semantic_weight: 0.20,
        steepness: 9.0,
    },
    RerankModel {
        id: "cohere.rerank-v3-5:0",
        name: "Rerank 3.5",
        provider: "Cohere",
        coverage_weight: 0.45,
        phrase_weight: 0.35,
        semantic_weight: 0.20,
        steepness: 11.0,
    },
];

pub fn find(id: &str) -> Option<&'static RerankModel> {
    RERANK_MODELS.iter().find(|m| m.id == id)
}

/// The message Bedrock answers for a reranking model ARN it cannot use.
pub const INVALID_RERANKING_ARN: &str = "The provided model ARN for reranking is invalid. Please, use a valid model ARN. Also check the model ARN follows this format: arn:<partition>:bedrock:<region>:<foundation-model/<model-id>";

/// The reranking model a foundation-model ARN names.
pub fn resolve_arn(arn: &str) -> ApiResult<&'static RerankModel> {
    let id = arn
        .strip_prefix("arn:aws")
        .and_then(|rest| rest.split_once("::foundation-model/"))
        .map(|(_, id)| id);
    id.and_then(find)
        .ok_or_else(|| ApiError::validation(INVALID_RERANKING_ARN))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_foundation_model_arns_of_reranking_models_only() {
        let model = resolve_arn("arn:aws:bedrock:us-west-2::foundation-model/cohere.rerank-v3-5:0")
            .unwrap();
        assert_eq!(model.provider, "Cohere");
        for bad in [
            "amazon.rerank-v1:0",
            "arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
            "arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.amazon.rerank-v1:0",
        ] {
            assert_eq!(resolve_arn(bad).unwrap_err().message, INVALID_RERANKING_ARN);
        }
    }
}
