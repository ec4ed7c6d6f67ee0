//! The lab's requests as the JSON bodies bedrock-agent-runtime takes, for "copy as code".

use serde_json::{Map, Value, json};

use super::arn::{foundation_model_arn, model_arn};
use super::generate::GenerateRequest;
use super::retrieve::{RetrievalSettings, RetrieveRequest, SearchKind};

fn retrieval_json(settings: &RetrievalSettings, region: &str) -> Option<Value> {
    let mut search = Map::new();
    if let Some(n) = settings.number_of_results {
        search.insert("numberOfResults".into(), n.into());
    }
    match settings.search_type {
        SearchKind::Default => {}
        SearchKind::Hybrid => {
            search.insert("overrideSearchType".into(), "HYBRID".into());
        }
        SearchKind::Semantic => {
            search.insert("overrideSearchType".into(), "SEMANTIC".into());
        }
    }
    if let Some(filter) = settings
        .filter_json
        .as_deref()
        .filter(|f| !f.trim().is_empty())
        .and_then(|f| serde_json::from_str::<Value>(f).ok())
    {
        search.insert("filter".into(), filter);
    }
    if let Some(reranking) = &settings.reranking {
        let id = reranking.model_id.trim();
        let arn = if id.starts_with("arn:") {
            id.to_owned()
        } else {
            foundation_model_arn(region, id)
        };
        let mut bedrock = Map::new();
        bedrock.insert("modelConfiguration".into(), json!({ "modelArn": arn }));
        if let Some(n) = reranking.number_of_reranked_results {
            bedrock.insert("numberOfRerankedResults".into(), n.into());
        }
        search.insert(
            "rerankingConfiguration".into(),
            json!({ "type": "BEDROCK_RERANKING_MODEL", "bedrockRerankingConfiguration": bedrock }),
        );
    }
    (!search.is_empty()).then(|| json!({ "vectorSearchConfiguration": search }))
}

/// The Retrieve request body.
pub fn retrieve_body(request: &RetrieveRequest, region: &str) -> Value {
    let mut body = json!({
        "knowledgeBaseId": request.knowledge_base_id,
        "retrievalQuery": { "text": request.query },
    });
    if let Some(config) = retrieval_json(&request.settings, region) {
        body["retrievalConfiguration"] = config;
    }
    body
}

/// The RetrieveAndGenerate request body (RetrieveAndGenerateStream takes the same).
pub fn generate_body(request: &GenerateRequest, region: &str) -> Value {
    let account = request.account_id.as_deref().unwrap_or("<account-id>");
    let mut kb = json!({
        "knowledgeBaseId": request.knowledge_base_id,
        "modelArn": model_arn(region, &request.model_id, account),
    });
    if let Some(config) = retrieval_json(&request.retrieval, region) {
        kb["retrievalConfiguration"] = config;
    }
    let mut generation = Map::new();
    if let Some(template) = request
        .prompt_template
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        generation.insert(
            "promptTemplate".into(),
            json!({ "textPromptTemplate": template }),
        );
    }
    let params = &request.inference;
    let mut text = Map::new();
    if let Some(n) = params.max_tokens {
        text.insert("maxTokens".into(), n.into());
    }
    if let Some(t) = params.temperature {
        text.insert("temperature".into(), json!(f64::from(t)));
    }
    if let Some(p) = params.top_p {
        text.insert("topP".into(), json!(f64::from(p)));
    }
    if !params.stop_sequences.is_empty() {
        text.insert("stopSequences".into(), json!(params.stop_sequences));
    }
    if !text.is_empty() {
        generation.insert(
            "inferenceConfig".into(),
            json!({ "textInferenceConfig": text }),
        );
    }
    if let Some(guardrail) = &request.guardrail {
        generation.insert(
            "guardrailConfiguration".into(),
            json!({
                "guardrailId": guardrail.guardrail_id,
                "guardrailVersion": guardrail.guardrail_version,
            }),
        );
    }
    if !generation.is_empty() {
        kb["generationConfiguration"] = Value::Object(generation);
    }
    if request.query_decomposition {
        kb["orchestrationConfiguration"] =
            json!({ "queryTransformationConfiguration": { "type": "QUERY_DECOMPOSITION" } });
    }
    let mut body = json!({
        "input": { "text": request.question },
        "retrieveAndGenerateConfiguration": {
            "type": "KNOWLEDGE_BASE",
            "knowledgeBaseConfiguration": kb,
        },
    });
    if let Some(session) = request.session_id.as_deref().filter(|s| !s.is_empty()) {
        body["sessionId"] = session.into();
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::InferenceParams;
    use crate::knowledge::{GuardrailSettings, RerankingSettings};

    #[test]
    fn retrieve_carries_every_setting() {
        let body = retrieve_body(
            &RetrieveRequest {
                knowledge_base_id: "KB1".into(),
                query: "q".into(),
                settings: RetrievalSettings {
                    number_of_results: Some(7),
                    search_type: SearchKind::Semantic,
                    filter_json: Some(r#"{"equals":{"key":"year","value":2024}}"#.into()),
                    reranking: Some(RerankingSettings {
                        model_id: "amazon.rerank-v1:0".into(),
                        number_of_reranked_results: Some(3),
                    }),
                },
                next_token: None,
            },
            "us-west-2",
        );
        let search = &body["retrievalConfiguration"]["vectorSearchConfiguration"];
        assert_eq!(search["numberOfResults"], 7);
        assert_eq!(search["overrideSearchType"], "SEMANTIC");
        assert_eq!(search["filter"]["equals"]["value"], 2024);
        assert_eq!(
            search["rerankingConfiguration"]["bedrockRerankingConfiguration"]["modelConfiguration"]
                ["modelArn"],
            "arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0"
        );
    }

    #[test]
    fn generate_carries_model_session_template_inference_and_guardrail() {
        let body = generate_body(
            &GenerateRequest {
                knowledge_base_id: "KB1".into(),
                question: "why?".into(),
                session_id: Some("s-1".into()),
                model_id: "anthropic.claude-3-haiku-20240307-v1:0".into(),
                account_id: None,
                retrieval: RetrievalSettings::default(),
                prompt_template: Some("$search_results$".into()),
                inference: InferenceParams {
                    max_tokens: Some(100),
                    temperature: Some(0.5),
                    top_p: None,
                    stop_sequences: vec![],
                },
                guardrail: Some(GuardrailSettings {
                    guardrail_id: "g".into(),
                    guardrail_version: "1".into(),
                }),
                query_decomposition: true,
            },
            "us-east-1",
        );
        let kb = &body["retrieveAndGenerateConfiguration"]["knowledgeBaseConfiguration"];
        assert_eq!(body["sessionId"], "s-1");
        assert_eq!(
            kb["modelArn"],
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
        );
        assert!(kb.get("retrievalConfiguration").is_none());
        let generation = &kb["generationConfiguration"];
        assert_eq!(
            generation["inferenceConfig"]["textInferenceConfig"]["maxTokens"],
            100
        );
        assert_eq!(
            generation["guardrailConfiguration"]["guardrailVersion"],
            "1"
        );
        assert_eq!(
            kb["orchestrationConfiguration"]["queryTransformationConfiguration"]["type"],
            "QUERY_DECOMPOSITION"
        );
    }
}
