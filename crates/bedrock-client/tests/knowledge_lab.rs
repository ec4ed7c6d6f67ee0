//! bedrock_client::knowledge with the real SDK clients against the emulator: listing and
//! describing, Retrieve with filters and reranking, the streamed answer's events and citations,
//! sessions, cancellation, guardrails, stream failures, prompt templates, ARNs and every new
//! validation error in Bedrock's words.

use std::time::Duration;

mod common;

use aws_config::SdkConfig;
use aws_sdk_bedrockagentruntime::error::ProvideErrorMetadata;
use aws_sdk_bedrockagentruntime::types::{
    KnowledgeBaseQuery, KnowledgeBaseRetrieveAndGenerateConfiguration,
    RetrieveAndGenerateConfiguration, RetrieveAndGenerateInput, RetrieveAndGenerateType,
};
use bedrock_client::ErrorCode;
use bedrock_client::chat::InferenceParams;
use bedrock_client::knowledge::{
    AccountIds, GenerateRequest, GuardrailSettings, KnowledgeEvent, RerankingSettings,
    RetrievalSettings, RetrieveRequest, SearchKind, describe_knowledge_base, list_documents,
    list_knowledge_bases, retrieve, retrieve_and_generate, retrieve_and_generate_stream,
};
use bedrock_client::wire::{WireLog, with_agent_capture};
use bedrock_emulator::{Emulator, RuleSpec};
use tokio_util::sync::CancellationToken;

const HAIKU: &str = "anthropic.claude-3-haiku-20240307-v1:0";

struct Lab {
    emulator: Emulator,
    config: SdkConfig,
    runtime: aws_sdk_bedrockagentruntime::Client,
    agent: aws_sdk_bedrockagent::Client,
    kb: String,
}

async fn lab(pace: Duration) -> Lab {
    let (emulator, config) = common::emulator_config(pace).await;
    let runtime = aws_sdk_bedrockagentruntime::Client::new(&config);
    let agent = aws_sdk_bedrockagent::Client::new(&config);
    let kb = list_knowledge_bases(&agent)
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.name == "bedrock-playground-handbook")
        .unwrap()
        .knowledge_base_id;
    Lab {
        emulator,
        config,
        runtime,
        agent,
        kb,
    }
}

fn ask(lab: &Lab, question: &str) -> GenerateRequest {
    GenerateRequest {
        knowledge_base_id: lab.kb.clone(),
        question: question.to_owned(),
        session_id: None,
        model_id: HAIKU.to_owned(),
        account_id: None,
        retrieval: RetrievalSettings::default(),
        prompt_template: None,
        inference: InferenceParams::default(),
        guardrail: None,
        query_decomposition: false,
    }
}

fn query(lab: &Lab, text: &str, settings: RetrievalSettings) -> RetrieveRequest {
    RetrieveRequest {
        knowledge_base_id: lab.kb.clone(),
        query: text.to_owned(),
        settings,
        next_token: None,
    }
}

fn fault(lab: &Lab, spec: RuleSpec) {
    lab.emulator.state().faults.add(spec).unwrap();
}

fn slice(text: &str, start: i32, end: i32) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[tokio::test]
async fn lists_and_describes_knowledge_bases_with_their_data_sources() {
    let lab = lab(Duration::ZERO).await;
    let bases = list_knowledge_bases(&lab.agent).await.unwrap();
    assert_eq!(bases.len(), 2);
    let handbook = bases
        .iter()
        .find(|b| b.knowledge_base_id == lab.kb)
        .unwrap();
    assert_eq!(handbook.status, "ACTIVE");
    assert!(handbook.description.is_some());
    let details = handbook.details.as_ref().unwrap();
    assert_eq!(
        details.embedding_model_id.as_deref(),
        Some("amazon.titan-embed-text-v2:0")
    );
    assert_eq!(details.embedding_dimensions, Some(1024));
    assert_eq!(
        details.storage_type.as_deref(),
        Some("OPENSEARCH_SERVERLESS")
    );
    assert_eq!(details.kind, "VECTOR");
    let source = &details.data_sources[0];
    assert_eq!(source.source_type.as_deref(), Some("S3"));
    assert_eq!(
        source.s3_bucket_arn.as_deref(),
        Some("arn:aws:s3:::bedrock-playground-handbook-docs")
    );
    let chunking = source.chunking.as_ref().unwrap();
    assert_eq!(chunking.strategy, "FIXED_SIZE");
    assert_eq!(chunking.summary, "Fixed size: 280 tokens, 17% overlap");

    // Describing works on its own, for an id typed in when listing is denied.
    let alone = describe_knowledge_base(&lab.agent, &format!(" {} ", lab.kb))
        .await
        .unwrap();
    assert_eq!(&alone, details);
    let missing = describe_knowledge_base(&lab.agent, "NOSUCHKB00")
        .await
        .unwrap_err();
    assert_eq!(missing.code, ErrorCode::ModelNotFound);
    assert!(
        missing.hint.contains("knowledge base ID"),
        "{}",
        missing.hint
    );

    let documents = list_documents(&lab.agent, &lab.kb, &source.data_source_id)
        .await
        .unwrap();
    assert_eq!(documents.len(), 9);
    assert!(
        documents
            .iter()
            .all(|d| d.status == "INDEXED" && d.uri.starts_with("s3://"))
    );
}

#[tokio::test]
async fn retrieve_ranks_chunks_with_scores_locations_and_metadata() {
    let lab = lab(Duration::ZERO).await;
    let outcome = retrieve(
        &lab.runtime,
        &query(
            &lab,
            "Why does throttling happen and how do quotas work?",
            RetrievalSettings {
                number_of_results: Some(4),
                search_type: SearchKind::Semantic,
                ..RetrievalSettings::default()
            },
        ),
    )
    .await
    .unwrap();
    assert_eq!(outcome.chunks.len(), 4);
    assert!(outcome.next_token.is_some());
    let top = &outcome.chunks[0];
    assert_eq!(top.rank, 1);
    assert_eq!(top.content_type, "TEXT");
    assert_eq!(top.location.kind, "S3");
    assert!(
        top.location
            .uri
            .as_deref()
            .unwrap()
            .ends_with("limits-and-throttling.md")
    );
    let metadata: serde_json::Value = serde_json::from_str(&top.metadata_json).unwrap();
    assert_eq!(
        metadata["x-amz-bedrock-kb-source-uri"],
        top.location.uri.as_deref().unwrap()
    );
    assert_eq!(top.chunk_id.as_deref().map(str::len), Some(36));
    let scores: Vec<f64> = outcome.chunks.iter().map(|c| c.score.unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));

    let next = retrieve(
        &lab.runtime,
        &RetrieveRequest {
            next_token: outcome.next_token.clone(),
            ..query(
                &lab,
                "Why does throttling happen and how do quotas work?",
                RetrievalSettings {
                    number_of_results: Some(4),
                    search_type: SearchKind::Semantic,
                    ..RetrievalSettings::default()
                },
            )
        },
    )
    .await
    .unwrap();
    assert!(
        next.chunks
            .iter()
            .all(|c| !outcome.chunks.iter().any(|o| o.chunk_id == c.chunk_id))
    );
}

#[tokio::test]
async fn filters_exclude_documents_and_bad_filters_never_leave_the_app() {
    let lab = lab(Duration::ZERO).await;
    let question = "How do I log in with IAM Identity Center?";
    let sso = "s3://bedrock-playground-handbook-docs/getting-started/credentials-and-sso.md";
    let unfiltered = retrieve(
        &lab.runtime,
        &query(&lab, question, RetrievalSettings::default()),
    )
    .await
    .unwrap();
    assert!(
        unfiltered
            .chunks
            .iter()
            .any(|c| c.location.uri.as_deref() == Some(sso))
    );
    let filter = format!(
        r#"{{"andAll": [{{"notEquals": {{"key": "x-amz-bedrock-kb-source-uri", "value": "{sso}"}}}},
                        {{"startsWith": {{"key": "x-amz-bedrock-kb-source-uri", "value": "s3://bedrock-playground-handbook-docs/"}}}}]}}"#
    );
    let filtered = retrieve(
        &lab.runtime,
        &query(
            &lab,
            question,
            RetrievalSettings {
                number_of_results: Some(20),
                filter_json: Some(filter),
                ..RetrievalSettings::default()
            },
        ),
    )
    .await
    .unwrap();
    assert!(!filtered.chunks.is_empty());
    assert!(
        filtered
            .chunks
            .iter()
            .all(|c| c.location.uri.as_deref() != Some(sso))
    );

    let before = lab.emulator.state().recorder.all().len();
    let error = retrieve(
        &lab.runtime,
        &query(&lab, question, RetrievalSettings {
            filter_json: Some(r#"{"orAll": [{"greaterThan": {"key": "year", "value": "2024"}}, {"equals": {"key": "a", "value": 1}}]}"#.into()),
            ..RetrievalSettings::default()
        }),
    )
    .await
    .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidRequest);
    assert_eq!(
        error.message,
        "Invalid metadata filter at `orAll[0].greaterThan.value`: greaterThan needs a number, got a string"
    );
    assert_eq!(
        lab.emulator.state().recorder.all().len(),
        before,
        "nothing was sent"
    );
}

#[tokio::test]
async fn reranking_reorders_and_cuts_the_results() {
    let lab = lab(Duration::ZERO).await;
    let text = "how do I retry throttled requests with backoff";
    let plain = retrieve(
        &lab.runtime,
        &query(
            &lab,
            text,
            RetrievalSettings {
                number_of_results: Some(10),
                ..RetrievalSettings::default()
            },
        ),
    )
    .await
    .unwrap();
    for model in ["amazon.rerank-v1:0", "cohere.rerank-v3-5:0"] {
        let reranked = retrieve(
            &lab.runtime,
            &query(
                &lab,
                text,
                RetrievalSettings {
                    number_of_results: Some(10),
                    reranking: Some(RerankingSettings {
                        model_id: model.into(),
                        number_of_reranked_results: Some(3),
                    }),
                    ..RetrievalSettings::default()
                },
            ),
        )
        .await
        .unwrap();
        assert_eq!(reranked.chunks.len(), 3, "{model}");
        assert!(
            reranked
                .chunks
                .iter()
                .all(|c| plain.chunks.iter().any(|p| p.chunk_id == c.chunk_id))
        );
        assert_ne!(reranked.chunks[0].score, plain.chunks[0].score);
    }
    let too_many = retrieve(
        &lab.runtime,
        &query(
            &lab,
            text,
            RetrievalSettings {
                reranking: Some(RerankingSettings {
                    model_id: "amazon.rerank-v1:0".into(),
                    number_of_reranked_results: Some(101),
                }),
                ..RetrievalSettings::default()
            },
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(too_many.code, ErrorCode::InvalidRequest);
    let wrong_model = retrieve(
        &lab.runtime,
        &query(
            &lab,
            text,
            RetrievalSettings {
                reranking: Some(RerankingSettings {
                    model_id: HAIKU.into(),
                    number_of_reranked_results: None,
                }),
                ..RetrievalSettings::default()
            },
        ),
    )
    .await
    .unwrap_err();
    assert!(
        wrong_model
            .message
            .starts_with("The provided model ARN for reranking is invalid.")
    );
    assert!(wrong_model.hint.contains("amazon.rerank-v1:0"));
}

fn kinds(events: &[KnowledgeEvent]) -> Vec<&'static str> {
    events
        .iter()
        .map(|e| match e {
            KnowledgeEvent::Started { .. } => "started",
            KnowledgeEvent::Output { .. } => "output",
            KnowledgeEvent::Citation { .. } => "citation",
            KnowledgeEvent::Guardrail { .. } => "guardrail",
            KnowledgeEvent::Failed { .. } => "failed",
            KnowledgeEvent::Finished { .. } => "finished",
        })
        .collect()
}

#[tokio::test]
async fn the_stream_delivers_outputs_then_citations_that_slice_the_answer() {
    let lab = lab(Duration::ZERO).await;
    let mut events = Vec::new();
    let outcome = retrieve_and_generate_stream(
        &lab.runtime,
        &ask(&lab, "How do streaming responses report errors?"),
        &mut events,
        &CancellationToken::new(),
    )
    .await;
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    let order = kinds(&events);
    assert_eq!(order.first(), Some(&"started"));
    assert_eq!(order.last(), Some(&"finished"));
    assert_eq!(order[1], "output");
    assert!(order.iter().filter(|k| **k == "output").count() > 5);
    let KnowledgeEvent::Started { session_id } = &events[0] else {
        unreachable!()
    };
    assert_eq!(Some(session_id), outcome.session_id.as_ref());
    assert_eq!(session_id.len(), 36);
    // Each citation arrives right after the output it cites.
    let mut text = String::new();
    let mut citations = 0;
    for event in &events {
        match event {
            KnowledgeEvent::Output { text: piece } => text.push_str(piece),
            KnowledgeEvent::Citation { citation } => {
                let span = citation.span.unwrap();
                assert_eq!(span.end as usize, text.chars().count());
                assert_eq!(slice(&text, span.start, span.end), citation.text);
                let reference = &citation.references[0];
                assert!(
                    reference
                        .location
                        .uri
                        .as_deref()
                        .unwrap()
                        .starts_with("s3://")
                );
                assert!(reference.score.is_none());
                assert!(!reference.text.is_empty());
                citations += 1;
            }
            _ => {}
        }
    }
    assert!(citations > 0);
    assert_eq!(text, outcome.text);
    assert_eq!(outcome.citations.len(), citations);
}

#[tokio::test]
async fn follow_ups_reuse_the_session() {
    let lab = lab(Duration::ZERO).await;
    let mut events = Vec::new();
    let first = retrieve_and_generate_stream(
        &lab.runtime,
        &ask(&lab, "How do I log in with IAM Identity Center?"),
        &mut events,
        &CancellationToken::new(),
    )
    .await;
    let session = first.session_id.clone().unwrap();
    let follow_up = retrieve_and_generate_stream(
        &lab.runtime,
        &GenerateRequest {
            session_id: Some(session.clone()),
            ..ask(&lab, "And when does it expire?")
        },
        &mut Vec::new(),
        &CancellationToken::new(),
    )
    .await;
    assert_eq!(follow_up.session_id.as_deref(), Some(session.as_str()));
    assert!(
        follow_up.text.contains("follow-up question 2"),
        "{}",
        follow_up.text
    );
    let again = retrieve_and_generate(
        &lab.runtime,
        &GenerateRequest {
            session_id: Some(session.clone()),
            ..ask(&lab, "Which command refreshes it?")
        },
    )
    .await
    .unwrap();
    assert!(
        again.text.contains("follow-up question 3"),
        "{}",
        again.text
    );
    assert!(!again.citations.is_empty());

    let mut failed = Vec::new();
    let expired = retrieve_and_generate_stream(
        &lab.runtime,
        &GenerateRequest {
            session_id: Some("11111111-2222-3333-4444-555555555555".into()),
            ..ask(&lab, "Anything?")
        },
        &mut failed,
        &CancellationToken::new(),
    )
    .await;
    let error = expired.error.unwrap();
    assert_eq!(
        error.message,
        "Session with Id 11111111-2222-3333-4444-555555555555 is not valid. Please check and try again."
    );
    assert!(error.hint.contains("new session"));
    assert_eq!(kinds(&failed), ["failed"]);
}

#[tokio::test]
async fn cancelling_drops_the_stream_and_nothing_follows() {
    let lab = lab(Duration::from_millis(30)).await;
    let cancel = CancellationToken::new();
    let mut events = Vec::new();
    let mut sink = |event: KnowledgeEvent| {
        let is_output = matches!(event, KnowledgeEvent::Output { .. });
        events.push(event);
        if is_output {
            cancel.cancel();
        }
        true
    };
    let outcome =
        retrieve_and_generate_stream(&lab.runtime, &ask(&lab, "What is RAG?"), &mut sink, &cancel)
            .await;
    assert!(outcome.cancelled);
    assert_eq!(kinds(&events), ["started", "output"]);
}

#[tokio::test]
async fn an_intervening_guardrail_blocks_the_answer() {
    let lab = lab(Duration::ZERO).await;
    fault(
        &lab,
        RuleSpec {
            operation: Some("RetrieveAndGenerateStream".into()),
            fault: Some("guardrail-intervened".into()),
            ..RuleSpec::default()
        },
    );
    let mut events = Vec::new();
    let outcome = retrieve_and_generate_stream(
        &lab.runtime,
        &GenerateRequest {
            guardrail: Some(GuardrailSettings {
                guardrail_id: "abc123def456".into(),
                guardrail_version: "DRAFT".into(),
            }),
            ..ask(&lab, "Tell me something forbidden")
        },
        &mut events,
        &CancellationToken::new(),
    )
    .await;
    assert_eq!(
        kinds(&events),
        ["started", "guardrail", "output", "finished"]
    );
    assert_eq!(
        events[1],
        KnowledgeEvent::Guardrail {
            action: "INTERVENED".into()
        }
    );
    assert_eq!(
        outcome.text,
        "Sorry, the model cannot answer this question."
    );
    assert_eq!(outcome.guardrail_action.as_deref(), Some("INTERVENED"));
    assert!(outcome.citations.is_empty());

    // Without the fault, a configured guardrail reports NONE at the end.
    let mut events = Vec::new();
    let fine = retrieve_and_generate_stream(
        &lab.runtime,
        &GenerateRequest {
            guardrail: Some(GuardrailSettings {
                guardrail_id: "abc123def456".into(),
                guardrail_version: "1".into(),
            }),
            ..ask(&lab, "What is RAG?")
        },
        &mut events,
        &CancellationToken::new(),
    )
    .await;
    assert_eq!(
        fine.guardrail_action.as_deref(),
        Some("INTERVENED"),
        "the rule applies to every stream"
    );
    lab.emulator.state().faults.clear();
    let mut events = Vec::new();
    let fine = retrieve_and_generate_stream(
        &lab.runtime,
        &GenerateRequest {
            guardrail: Some(GuardrailSettings {
                guardrail_id: "abc123def456".into(),
                guardrail_version: "1".into(),
            }),
            ..ask(&lab, "What is RAG?")
        },
        &mut events,
        &CancellationToken::new(),
    )
    .await;
    assert_eq!(fine.guardrail_action.as_deref(), Some("NONE"));
    assert_eq!(kinds(&events)[kinds(&events).len() - 2], "guardrail");
}

#[tokio::test]
async fn bad_gateway_and_dependency_failures_end_the_stream_with_an_error() {
    for (error, name) in [
        ("bad-gateway", "BadGatewayException"),
        ("dependency-failed", "DependencyFailedException"),
    ] {
        let lab = lab(Duration::ZERO).await;
        fault(
            &lab,
            RuleSpec {
                operation: Some("RetrieveAndGenerateStream".into()),
                fault: Some("stream-error".into()),
                error: Some(error.into()),
                after: Some(2),
                ..RuleSpec::default()
            },
        );
        let mut events = Vec::new();
        let outcome = retrieve_and_generate_stream(
            &lab.runtime,
            &ask(&lab, "What is RAG?"),
            &mut events,
            &CancellationToken::new(),
        )
        .await;
        assert_eq!(kinds(&events), ["started", "output", "output", "failed"]);
        let failure = outcome.error.unwrap();
        assert_eq!(failure.code, ErrorCode::ServiceUnavailable);
        assert!(failure.message.starts_with(name), "{}", failure.message);
        assert!(!outcome.text.is_empty(), "what arrived is kept");
    }
}

#[tokio::test]
async fn prompt_templates_decide_citations_and_are_checked_first() {
    let lab = lab(Duration::ZERO).await;
    let question = "What is an inference profile?";
    let with = retrieve_and_generate(
        &lab.runtime,
        &GenerateRequest {
            prompt_template: Some(
                "Context: $search_results$\n$output_format_instructions$\nQ: $query$".into(),
            ),
            ..ask(&lab, question)
        },
    )
    .await
    .unwrap();
    assert!(!with.citations.is_empty());
    let without = retrieve_and_generate(
        &lab.runtime,
        &GenerateRequest {
            prompt_template: Some("Context: $search_results$\nQ: $query$".into()),
            ..ask(&lab, question)
        },
    )
    .await
    .unwrap();
    assert!(without.citations.is_empty());
    assert!(!without.text.is_empty());
    let before = lab.emulator.state().recorder.all().len();
    let missing = retrieve_and_generate(
        &lab.runtime,
        &GenerateRequest {
            prompt_template: Some("Answer $query$".into()),
            ..ask(&lab, question)
        },
    )
    .await
    .unwrap_err();
    assert_eq!(missing.code, ErrorCode::InvalidRequest);
    assert!(missing.message.contains("$search_results$"));
    assert_eq!(lab.emulator.state().recorder.all().len(), before);
}

#[tokio::test]
async fn query_decomposition_and_settings_change_the_retrieval() {
    let lab = lab(Duration::ZERO).await;
    let question = "How do I log in with IAM Identity Center and what does a cosine similarity of embeddings mean?";
    let plain = retrieve_and_generate(&lab.runtime, &ask(&lab, question))
        .await
        .unwrap();
    let decomposed = retrieve_and_generate(
        &lab.runtime,
        &GenerateRequest {
            query_decomposition: true,
            inference: InferenceParams {
                max_tokens: Some(400),
                temperature: Some(0.2),
                top_p: Some(0.9),
                stop_sequences: vec!["\n\nHuman:".into()],
            },
            ..ask(&lab, question)
        },
    )
    .await
    .unwrap();
    assert!(!plain.text.contains("decomposed"));
    assert!(
        decomposed.text.contains("decomposed into 2 sub-queries"),
        "{}",
        decomposed.text
    );
    let uris: Vec<String> = decomposed
        .citations
        .iter()
        .flat_map(|c| &c.references)
        .filter_map(|r| r.location.uri.clone())
        .collect();
    assert!(
        uris.iter().any(|u| u.ends_with("credentials-and-sso.md")),
        "{uris:?}"
    );
    assert!(
        uris.iter().any(|u| u.ends_with("embeddings.md")),
        "{uris:?}"
    );
}

#[tokio::test]
async fn inference_profiles_get_arns_with_the_account_from_sts() {
    let lab = lab(Duration::ZERO).await;
    let sts = aws_sdk_sts::Client::new(&lab.config);
    let accounts = AccountIds::default();
    let profile = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
    let arn = accounts
        .model_arn("default", &sts, "us-east-1", profile)
        .await
        .unwrap();
    assert_eq!(
        arn,
        format!("arn:aws:bedrock:us-east-1:123456789012:inference-profile/{profile}")
    );
    assert_eq!(accounts.cached("default").as_deref(), Some("123456789012"));
    let answered = retrieve_and_generate(
        &lab.runtime,
        &GenerateRequest {
            model_id: profile.into(),
            account_id: accounts.cached("default"),
            ..ask(&lab, "What is RAG?")
        },
    )
    .await
    .unwrap();
    assert!(!answered.text.is_empty());
    let without_account = retrieve_and_generate(
        &lab.runtime,
        &GenerateRequest {
            model_id: profile.into(),
            ..ask(&lab, "What is RAG?")
        },
    )
    .await
    .unwrap_err();
    assert!(without_account.message.contains("account id"));
}

#[tokio::test]
async fn the_wire_log_records_knowledge_base_calls() {
    let lab = lab(Duration::ZERO).await;
    let log = WireLog::new();
    let (runtime, agent) = with_agent_capture(&lab.config, &log);
    describe_knowledge_base(&agent, &lab.kb).await.unwrap();
    let mut events = Vec::new();
    retrieve_and_generate_stream(
        &runtime,
        &ask(&lab, "What is RAG?"),
        &mut events,
        &CancellationToken::new(),
    )
    .await;
    let exchanges = log.exchanges();
    assert!(exchanges.len() >= 4, "{}", exchanges.len());
    assert!(
        exchanges
            .iter()
            .any(|e| e.url.contains("/retrieveAndGenerateStream"))
    );
}

/// Requests the app never sends (its own checks stop them) still get Bedrock's wording.
#[tokio::test]
async fn the_emulator_words_constraint_errors_as_bedrock() {
    let lab = lab(Duration::ZERO).await;
    let config = |model: &str| {
        RetrieveAndGenerateConfiguration::builder()
            .r#type(RetrieveAndGenerateType::KnowledgeBase)
            .knowledge_base_configuration(
                KnowledgeBaseRetrieveAndGenerateConfiguration::builder()
                    .knowledge_base_id(&lab.kb)
                    .model_arn(model)
                    .build()
                    .unwrap(),
            )
            .build()
            .unwrap()
    };
    let long = lab
        .runtime
        .retrieve_and_generate()
        .input(
            RetrieveAndGenerateInput::builder()
                .text("q".repeat(1001))
                .build()
                .unwrap(),
        )
        .retrieve_and_generate_configuration(config(HAIKU))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        long.message(),
        Some(
            "1 validation error detected: Value at 'input.text' failed to satisfy constraint: Member must have length less than or equal to 1000"
        )
    );
    let wrong_kb = lab
        .runtime
        .retrieve()
        .knowledge_base_id("short")
        .retrieval_query(KnowledgeBaseQuery::builder().text("q").build())
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        wrong_kb
            .message()
            .unwrap()
            .starts_with("2 validation errors detected: Value 'short' at 'knowledgeBaseId'")
    );
}
