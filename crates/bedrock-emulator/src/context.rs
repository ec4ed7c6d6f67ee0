//! Per-request context set by the wire layer: request id, caller and behaviour.

use axum::http::Method;

use crate::faults::Behaviour;
use crate::wire::auth::Caller;

#[derive(Debug, Clone)]
pub struct RequestContext {
    pub request_id: String,
    pub operation: &'static str,
    pub caller: Caller,
    pub behaviour: Behaviour,
}

impl RequestContext {
    pub fn region(&self) -> &str {
        &self.caller.region
    }
}

/// The Bedrock operation a method and raw path address.
pub fn operation_of(method: &Method, path: &str) -> &'static str {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match (method.as_str(), segments.as_slice()) {
        ("POST", ["model", _, "converse"]) => "Converse",
        ("POST", ["model", _, "converse-stream"]) => "ConverseStream",
        ("POST", ["model", _, "invoke"]) => "InvokeModel",
        ("POST", ["model", _, "invoke-with-response-stream"]) => "InvokeModelWithResponseStream",
        ("POST", ["model", _, "count-tokens"]) => "CountTokens",
        ("GET", ["foundation-models"]) => "ListFoundationModels",
        ("GET", ["foundation-models", _]) => "GetFoundationModel",
        ("GET", ["inference-profiles"]) => "ListInferenceProfiles",
        ("GET", ["inference-profiles", _]) => "GetInferenceProfile",
        ("POST", ["knowledgebases"] | ["knowledgebases", ""]) => "ListKnowledgeBases",
        ("GET", ["knowledgebases", _]) => "GetKnowledgeBase",
        (
            "POST",
            ["knowledgebases", _, "datasources"] | ["knowledgebases", _, "datasources", ""],
        ) => "ListDataSources",
        ("GET", ["knowledgebases", _, "datasources", _]) => "GetDataSource",
        ("POST", ["knowledgebases", _, "datasources", _, "documents"]) => {
            "ListKnowledgeBaseDocuments"
        }
        ("POST", ["rerank"]) => "Rerank",
        ("POST", ["knowledgebases", _, "retrieve"]) => "Retrieve",
        ("POST", ["retrieveAndGenerate"]) => "RetrieveAndGenerate",
        ("POST", ["retrieveAndGenerateStream"]) => "RetrieveAndGenerateStream",
        ("POST", [""]) => "STS",
        _ => "Unknown",
    }
}

/// The percent-decoded model identifier of a runtime path.
pub fn model_of(path: &str) -> Option<String> {
    let encoded = path.strip_prefix("/model/")?.split('/').next()?;
    Some(
        percent_encoding::percent_decode_str(encoded)
            .decode_utf8_lossy()
            .into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_model_ids_and_arns() {
        assert_eq!(
            model_of("/model/us.anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse").as_deref(),
            Some("us.anthropic.claude-3-5-sonnet-20241022-v2:0")
        );
        assert_eq!(
            model_of("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A%3Afoundation-model%2Famazon.nova-pro-v1%3A0/invoke").as_deref(),
            Some("arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0")
        );
        assert_eq!(
            operation_of(&Method::POST, "/model/x%2Fy/converse-stream"),
            "ConverseStream"
        );
        assert_eq!(
            operation_of(&Method::POST, "/knowledgebases/"),
            "ListKnowledgeBases"
        );
    }
}
