//! Knowledge bases through aws-sdk-bedrockagent (list/get) and aws-sdk-bedrockagentruntime
//! (Retrieve, RetrieveAndGenerate, RetrieveAndGenerateStream).

use std::path::PathBuf;
use std::time::Duration;

use aws_sdk_bedrockagent::types::{
    KnowledgeBaseStatus, KnowledgeBaseStorageType, KnowledgeBaseType,
};
use aws_sdk_bedrockagentruntime::operation::retrieve::RetrieveOutput;
use aws_sdk_bedrockagentruntime::types::{
    Citation, FilterAttribute, GenerationConfiguration, InferenceConfig, KnowledgeBaseQuery,
    KnowledgeBaseRetrievalConfiguration, KnowledgeBaseRetrieveAndGenerateConfiguration,
    KnowledgeBaseVectorSearchConfiguration, RetrievalFilter, RetrieveAndGenerateConfiguration,
    RetrieveAndGenerateInput, RetrieveAndGenerateStreamResponseOutput, RetrieveAndGenerateType,
    SearchType, TextInferenceConfig,
};
use aws_smithy_types::{Document, Number};
use bedrock_emulator::{Emulator, EmulatorConfig, RuleSpec};

use crate::support;

const HANDBOOK: &str = "bedrock-playground-handbook";
const HAIKU_ARN: &str =
    "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";

async fn handbook_id(emulator: &Emulator) -> String {
    let listed = support::agent_client(emulator)
        .list_knowledge_bases()
        .send()
        .await
        .unwrap();
    listed
        .knowledge_base_summaries()
        .iter()
        .find(|s| s.name() == HANDBOOK)
        .unwrap()
        .knowledge_base_id()
        .to_owned()
}

fn vector_search(
    count: i32,
    search_type: Option<SearchType>,
    filter: Option<RetrievalFilter>,
) -> KnowledgeBaseRetrievalConfiguration {
    KnowledgeBaseRetrievalConfiguration::builder()
        .vector_search_configuration(
            KnowledgeBaseVectorSearchConfiguration::builder()
                .number_of_results(count)
                .set_override_search_type(search_type)
                .set_filter(filter)
                .build(),
        )
        .build()
}

async fn retrieve(
    client: &aws_sdk_bedrockagentruntime::Client,
    kb: &str,
    query: &str,
    config: KnowledgeBaseRetrievalConfiguration,
) -> RetrieveOutput {
    client
        .retrieve()
        .knowledge_base_id(kb)
        .retrieval_query(KnowledgeBaseQuery::builder().text(query).build())
        .retrieval_configuration(config)
        .send()
        .await
        .unwrap()
}

fn attribute(key: &str, value: Document) -> FilterAttribute {
    FilterAttribute::builder()
        .key(key)
        .value(value)
        .build()
        .unwrap()
}

fn text(value: &str) -> Document {
    Document::String(value.to_owned())
}

fn number(value: u64) -> Document {
    Document::Number(Number::PosInt(value))
}

fn metadata_str<'a>(
    result: &'a aws_sdk_bedrockagentruntime::types::KnowledgeBaseRetrievalResult,
    key: &str,
) -> Option<&'a str> {
    result.metadata()?.get(key)?.as_string()
}

fn source_uri(result: &aws_sdk_bedrockagentruntime::types::KnowledgeBaseRetrievalResult) -> &str {
    result
        .location()
        .unwrap()
        .s3_location()
        .unwrap()
        .uri()
        .unwrap()
}

fn rag_config(
    kb: &str,
    model_arn: &str,
    generation: Option<GenerationConfiguration>,
) -> RetrieveAndGenerateConfiguration {
    RetrieveAndGenerateConfiguration::builder()
        .r#type(RetrieveAndGenerateType::KnowledgeBase)
        .knowledge_base_configuration(
            KnowledgeBaseRetrieveAndGenerateConfiguration::builder()
                .knowledge_base_id(kb)
                .model_arn(model_arn)
                .set_generation_configuration(generation)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap()
}

fn question(text: &str) -> RetrieveAndGenerateInput {
    RetrieveAndGenerateInput::builder()
        .text(text)
        .build()
        .unwrap()
}

fn span_text(output: &str, start: i32, end: i32) -> String {
    output
        .chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

fn assert_spans_index_output(output: &str, citations: &[Citation]) {
    assert!(!citations.is_empty());
    for citation in citations {
        let part = citation
            .generated_response_part()
            .unwrap()
            .text_response_part()
            .unwrap();
        let span = part.span().unwrap();
        assert_eq!(
            span_text(output, span.start().unwrap(), span.end().unwrap()),
            part.text().unwrap()
        );
        let reference = &citation.retrieved_references()[0];
        assert!(!reference.content().unwrap().text().is_empty());
        let uri = reference
            .location()
            .unwrap()
            .s3_location()
            .unwrap()
            .uri()
            .unwrap();
        assert!(uri.starts_with("s3://"), "{uri}");
        assert!(
            reference
                .metadata()
                .unwrap()
                .contains_key("x-amz-bedrock-kb-chunk-id")
        );
    }
}

#[tokio::test]
async fn lists_and_gets_the_bundled_knowledge_bases() {
    let emulator = support::emulator().await;
    let agent = support::agent_client(&emulator);
    let listed = agent.list_knowledge_bases().send().await.unwrap();
    let summaries = listed.knowledge_base_summaries();
    assert_eq!(summaries.len(), 2);
    for summary in summaries {
        assert_eq!(summary.knowledge_base_id().len(), 10);
        assert!(
            summary
                .knowledge_base_id()
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        );
        assert_eq!(summary.status(), &KnowledgeBaseStatus::Active);
        assert!(summary.description().is_some());
    }
    assert!(listed.next_token().is_none());

    let first = agent
        .list_knowledge_bases()
        .max_results(1)
        .send()
        .await
        .unwrap();
    assert_eq!(first.knowledge_base_summaries().len(), 1);
    let second = agent
        .list_knowledge_bases()
        .max_results(1)
        .next_token(first.next_token().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(second.knowledge_base_summaries().len(), 1);
    assert_ne!(
        second.knowledge_base_summaries()[0].name(),
        first.knowledge_base_summaries()[0].name()
    );
    assert!(second.next_token().is_none());

    let id = handbook_id(&emulator).await;
    let got = agent
        .get_knowledge_base()
        .knowledge_base_id(&id)
        .send()
        .await
        .unwrap();
    let kb = got.knowledge_base().unwrap();
    assert_eq!(kb.name(), HANDBOOK);
    assert_eq!(
        kb.knowledge_base_arn(),
        format!("arn:aws:bedrock:us-east-1:123456789012:knowledge-base/{id}")
    );
    assert!(kb.role_arn().starts_with("arn:aws:iam::123456789012:role/"));
    let config = kb.knowledge_base_configuration().unwrap();
    assert_eq!(config.r#type(), &KnowledgeBaseType::Vector);
    assert!(
        config
            .vector_knowledge_base_configuration()
            .unwrap()
            .embedding_model_arn()
            .ends_with("amazon.titan-embed-text-v2:0")
    );
    assert_eq!(
        kb.storage_configuration().unwrap().r#type(),
        &KnowledgeBaseStorageType::OpensearchServerless
    );
    assert!(kb.created_at().secs() > 1_700_000_000);

    let missing = agent
        .get_knowledge_base()
        .knowledge_base_id("NOSUCHKB00")
        .send()
        .await
        .unwrap_err();
    assert!(
        missing
            .into_service_error()
            .is_resource_not_found_exception()
    );
}

#[tokio::test]
async fn retrieve_ranks_results_and_pages_through_them() {
    let emulator = support::emulator().await;
    let runtime = support::agent_runtime_client(&emulator);
    let kb = handbook_id(&emulator).await;
    let page = retrieve(
        &runtime,
        &kb,
        "Why does throttling happen and how do tokens-per-minute quotas work?",
        vector_search(3, None, None),
    )
    .await;
    let results = page.retrieval_results();
    assert_eq!(results.len(), 3);
    assert!(
        source_uri(&results[0]).contains("limits-and-throttling"),
        "{}",
        source_uri(&results[0])
    );
    assert!(results.windows(2).all(|w| w[0].score() >= w[1].score()));
    let top = &results[0];
    assert_eq!(
        top.content().unwrap().r#type().map(|t| t.as_str()),
        Some("TEXT")
    );
    assert_eq!(top.location().unwrap().r#type().as_str(), "S3");
    assert_eq!(
        metadata_str(top, "x-amz-bedrock-kb-source-uri"),
        Some(source_uri(top))
    );
    assert!(source_uri(top).starts_with("s3://bedrock-playground-handbook-docs/"));
    assert!(metadata_str(top, "x-amz-bedrock-kb-data-source-id").is_some());

    let next = runtime
        .retrieve()
        .knowledge_base_id(&kb)
        .retrieval_query(
            KnowledgeBaseQuery::builder()
                .text("Why does throttling happen and how do tokens-per-minute quotas work?")
                .build(),
        )
        .retrieval_configuration(vector_search(3, None, None))
        .next_token(page.next_token().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(next.retrieval_results().len(), 3);
    assert!(next.retrieval_results()[0].score() <= results[2].score());
    let first_ids: Vec<_> = results
        .iter()
        .map(|r| metadata_str(r, "x-amz-bedrock-kb-chunk-id"))
        .collect();
    assert!(
        next.retrieval_results()
            .iter()
            .all(|r| !first_ids.contains(&metadata_str(r, "x-amz-bedrock-kb-chunk-id")))
    );

    let default_count = retrieve(
        &runtime,
        &kb,
        "embeddings",
        KnowledgeBaseRetrievalConfiguration::builder()
            .vector_search_configuration(KnowledgeBaseVectorSearchConfiguration::builder().build())
            .build(),
    )
    .await;
    assert_eq!(default_count.retrieval_results().len(), 5);

    let too_many = runtime
        .retrieve()
        .knowledge_base_id(&kb)
        .retrieval_query(KnowledgeBaseQuery::builder().text("x").build())
        .retrieval_configuration(vector_search(101, None, None))
        .send()
        .await
        .unwrap_err();
    assert!(too_many.into_service_error().is_validation_exception());
}

#[tokio::test]
async fn semantic_and_hybrid_searches_score_differently() {
    let emulator = support::emulator().await;
    let runtime = support::agent_runtime_client(&emulator);
    let kb = handbook_id(&emulator).await;
    let query = "cosine similarity of embedding vectors";
    let semantic = retrieve(
        &runtime,
        &kb,
        query,
        vector_search(4, Some(SearchType::Semantic), None),
    )
    .await;
    let hybrid = retrieve(
        &runtime,
        &kb,
        query,
        vector_search(4, Some(SearchType::Hybrid), None),
    )
    .await;
    for page in [&semantic, &hybrid] {
        assert!(source_uri(&page.retrieval_results()[0]).ends_with("rag/embeddings.md"));
    }
    assert_ne!(
        semantic.retrieval_results()[0].score(),
        hybrid.retrieval_results()[0].score()
    );
}

#[tokio::test]
async fn metadata_filters_restrict_the_results() {
    let emulator = support::emulator().await;
    let runtime = support::agent_runtime_client(&emulator);
    let kb = handbook_id(&emulator).await;
    let query = "What should I know about Bedrock?";

    let faq = RetrievalFilter::Equals(attribute("category", text("faq")));
    let page = retrieve(&runtime, &kb, query, vector_search(20, None, Some(faq))).await;
    assert!(!page.retrieval_results().is_empty());
    assert!(
        page.retrieval_results()
            .iter()
            .all(|r| metadata_str(r, "category") == Some("faq"))
    );

    let recent_throttling = RetrievalFilter::AndAll(vec![
        RetrievalFilter::GreaterThanOrEquals(attribute("year", number(2025))),
        RetrievalFilter::ListContains(attribute("tags", text("throttling"))),
    ]);
    let page = retrieve(
        &runtime,
        &kb,
        query,
        vector_search(20, None, Some(recent_throttling)),
    )
    .await;
    assert!(!page.retrieval_results().is_empty());
    assert!(
        page.retrieval_results()
            .iter()
            .all(|r| source_uri(r).ends_with("operations/limits-and-throttling.md"))
    );

    let rag_docs = RetrievalFilter::StartsWith(attribute(
        "x-amz-bedrock-kb-source-uri",
        text("s3://bedrock-playground-handbook-docs/rag/"),
    ));
    let page = retrieve(
        &runtime,
        &kb,
        query,
        vector_search(50, None, Some(rag_docs)),
    )
    .await;
    assert!(
        page.retrieval_results()
            .iter()
            .all(|r| source_uri(r).contains("/rag/"))
    );
    assert!(
        page.retrieval_results()
            .iter()
            .any(|r| source_uri(r).ends_with("embeddings.md"))
    );

    let audiences = RetrievalFilter::OrAll(vec![
        RetrievalFilter::In(attribute(
            "audience",
            Document::Array(vec![text("managers"), text("operators")]),
        )),
        RetrievalFilter::StringContains(attribute("tags", text("sso"))),
    ]);
    let page = retrieve(
        &runtime,
        &kb,
        query,
        vector_search(50, None, Some(audiences)),
    )
    .await;
    let uris: Vec<&str> = page.retrieval_results().iter().map(source_uri).collect();
    assert!(uris.iter().any(|u| u.ends_with("pricing-basics.md")));
    assert!(uris.iter().any(|u| u.ends_with("credentials-and-sso.md")));
    assert!(uris.iter().all(|u| !u.ends_with("model-access.md")));

    let old = RetrievalFilter::LessThan(attribute("year", number(2024)));
    let page = retrieve(&runtime, &kb, query, vector_search(50, None, Some(old))).await;
    assert!(
        page.retrieval_results()
            .iter()
            .all(|r| source_uri(r).ends_with("pricing-basics.md"))
    );

    let lonely_and = RetrievalFilter::AndAll(vec![RetrievalFilter::Equals(attribute(
        "category",
        text("faq"),
    ))]);
    let error = runtime
        .retrieve()
        .knowledge_base_id(&kb)
        .retrieval_query(KnowledgeBaseQuery::builder().text(query).build())
        .retrieval_configuration(vector_search(5, None, Some(lonely_and)))
        .send()
        .await
        .unwrap_err();
    assert!(error.into_service_error().is_validation_exception());
}

#[tokio::test]
async fn retrieve_and_generate_cites_spans_of_its_output() {
    let emulator = support::emulator().await;
    let runtime = support::agent_runtime_client(&emulator);
    let kb = handbook_id(&emulator).await;
    let answer = runtime
        .retrieve_and_generate()
        .input(question(
            "What is an inference profile and when do I need one?",
        ))
        .retrieve_and_generate_configuration(rag_config(&kb, HAIKU_ARN, None))
        .send()
        .await
        .unwrap();
    let output = answer.output().unwrap().text();
    assert!(output.contains("Emulated"), "{output}");
    assert!(
        output.to_lowercase().contains("inference profile"),
        "{output}"
    );
    assert_spans_index_output(output, answer.citations());
    assert_eq!(answer.session_id().len(), 36);

    let limited = GenerationConfiguration::builder()
        .inference_config(
            InferenceConfig::builder()
                .text_inference_config(TextInferenceConfig::builder().max_tokens(12).build())
                .build(),
        )
        .build();
    let short = runtime
        .retrieve_and_generate()
        .input(question(
            "What is an inference profile and when do I need one?",
        ))
        .retrieve_and_generate_configuration(rag_config(&kb, HAIKU_ARN, Some(limited)))
        .send()
        .await
        .unwrap();
    let short_text = short.output().unwrap().text();
    assert!(short_text.len() < output.len());
    assert!(output.starts_with(short_text));
    for citation in short.citations() {
        let span = citation
            .generated_response_part()
            .unwrap()
            .text_response_part()
            .unwrap()
            .span()
            .unwrap();
        assert!(span.end().unwrap() as usize <= short_text.chars().count());
    }
}

#[tokio::test]
async fn sessions_carry_follow_up_questions() {
    let emulator = support::emulator().await;
    let runtime = support::agent_runtime_client(&emulator);
    let kb = handbook_id(&emulator).await;
    let first = runtime
        .retrieve_and_generate()
        .input(question("How do I log in with IAM Identity Center?"))
        .retrieve_and_generate_configuration(rag_config(&kb, HAIKU_ARN, None))
        .send()
        .await
        .unwrap();
    let follow_up = runtime
        .retrieve_and_generate()
        .session_id(first.session_id())
        .input(question("And when does it expire?"))
        .retrieve_and_generate_configuration(rag_config(&kb, HAIKU_ARN, None))
        .send()
        .await
        .unwrap();
    assert_eq!(follow_up.session_id(), first.session_id());
    let output = follow_up.output().unwrap().text();
    assert!(output.contains("follow-up question 2"), "{output}");
    let cited_sso = follow_up
        .citations()
        .iter()
        .flat_map(|c| c.retrieved_references())
        .any(|r| {
            r.location()
                .unwrap()
                .s3_location()
                .unwrap()
                .uri()
                .unwrap()
                .ends_with("credentials-and-sso.md")
        });
    assert!(
        cited_sso,
        "the follow-up keeps the topic of the first question"
    );

    let bogus = runtime
        .retrieve_and_generate()
        .session_id("11111111-2222-3333-4444-555555555555")
        .input(question("Anything?"))
        .retrieve_and_generate_configuration(rag_config(&kb, HAIKU_ARN, None))
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(bogus.is_validation_exception());
    assert_eq!(
        aws_sdk_bedrockagentruntime::error::ProvideErrorMetadata::message(&bogus),
        Some(
            "Session with Id 11111111-2222-3333-4444-555555555555 is not valid. Please check and try again."
        )
    );
}

#[tokio::test]
async fn retrieve_and_generate_validates_the_model_and_knowledge_base() {
    let emulator = support::emulator().await;
    let runtime = support::agent_runtime_client(&emulator);
    let kb = handbook_id(&emulator).await;
    // The service model's BedrockModelArn pattern makes the ARN prefix optional.
    runtime
        .retrieve_and_generate()
        .input(question("What is RAG?"))
        .retrieve_and_generate_configuration(rag_config(
            &kb,
            "anthropic.claude-3-haiku-20240307-v1:0",
            None,
        ))
        .send()
        .await
        .expect("a bare model ID is accepted");
    for model in [
        "arn:aws:bedrock:us-east-1::foundation-model/acme.nonexistent-v1:0",
        "amazon.titan-embed-text-v2:0",
    ] {
        let error = runtime
            .retrieve_and_generate()
            .input(question("What is RAG?"))
            .retrieve_and_generate_configuration(rag_config(&kb, model, None))
            .send()
            .await
            .unwrap_err();
        assert!(
            error.into_service_error().is_validation_exception(),
            "{model}"
        );
    }
    let unknown_kb = runtime
        .retrieve_and_generate()
        .input(question("What is RAG?"))
        .retrieve_and_generate_configuration(rag_config("NOSUCHKB00", HAIKU_ARN, None))
        .send()
        .await
        .unwrap_err();
    assert!(
        unknown_kb
            .into_service_error()
            .is_resource_not_found_exception()
    );
    let unknown_retrieve = runtime
        .retrieve()
        .knowledge_base_id("NOSUCHKB00")
        .retrieval_query(KnowledgeBaseQuery::builder().text("What is RAG?").build())
        .send()
        .await
        .unwrap_err();
    assert!(
        unknown_retrieve
            .into_service_error()
            .is_resource_not_found_exception()
    );
}

#[tokio::test]
#[allow(deprecated)]
async fn retrieve_and_generate_stream_sends_output_and_citations() {
    let emulator = support::emulator().await;
    let runtime = support::agent_runtime_client(&emulator);
    let kb = handbook_id(&emulator).await;
    let mut response = runtime
        .retrieve_and_generate_stream()
        .input(question("How do streaming responses report errors?"))
        .retrieve_and_generate_configuration(rag_config(&kb, HAIKU_ARN, None))
        .send()
        .await
        .unwrap();
    assert_eq!(response.session_id().len(), 36);
    let mut output = String::new();
    let mut outputs = 0;
    let mut citations = Vec::new();
    while let Some(event) = response.stream.recv().await.unwrap() {
        match event {
            RetrieveAndGenerateStreamResponseOutput::Output(piece) => {
                output.push_str(piece.text());
                outputs += 1;
            }
            RetrieveAndGenerateStreamResponseOutput::Citation(event) => {
                assert_eq!(
                    event.citation().unwrap().retrieved_references(),
                    event.retrieved_references()
                );
                citations.push(
                    Citation::builder()
                        .set_generated_response_part(event.generated_response_part().cloned())
                        .set_retrieved_references(Some(event.retrieved_references().to_vec()))
                        .build(),
                );
            }
            other => panic!("unexpected event {other:?}"),
        }
    }
    assert!(outputs > 5, "the answer arrives in small pieces");
    assert!(output.starts_with("Emulated"), "{output}");
    assert_spans_index_output(&output, &citations);

    let follow_up = runtime
        .retrieve_and_generate()
        .session_id(response.session_id())
        .input(question("Which events carry the text?"))
        .retrieve_and_generate_configuration(rag_config(&kb, HAIKU_ARN, None))
        .send()
        .await
        .unwrap();
    assert_eq!(follow_up.session_id(), response.session_id());
}

#[tokio::test]
async fn retrieve_and_generate_stream_honours_injected_stream_faults() {
    let emulator = support::emulator().await;
    support::add_fault(
        &emulator,
        RuleSpec {
            operation: Some("RetrieveAndGenerateStream".into()),
            fault: Some("stream-error".into()),
            after: Some(2),
            ..RuleSpec::default()
        },
    );
    let runtime = support::agent_runtime_client(&emulator);
    let kb = handbook_id(&emulator).await;
    let mut response = runtime
        .retrieve_and_generate_stream()
        .input(question("What is RAG?"))
        .retrieve_and_generate_configuration(rag_config(&kb, HAIKU_ARN, None))
        .send()
        .await
        .unwrap();
    let mut received = 0;
    let error = loop {
        match response.stream.recv().await {
            Ok(Some(_)) => received += 1,
            Ok(None) => panic!("the stream should fail"),
            Err(error) => break error,
        }
    };
    assert_eq!(received, 2);
    assert!(error.into_service_error().is_internal_server_exception());
}

fn temp_kb_root() -> PathBuf {
    let root = std::env::temp_dir().join(format!("bedrock-emulator-kb-{}", uuid_like()));
    let kb = root.join("ops_runbook");
    std::fs::create_dir_all(kb.join("alerts")).unwrap();
    std::fs::write(kb.join("kb.json"), r#"{"description": "On-call runbook"}"#).unwrap();
    std::fs::write(
        kb.join("alerts/disk.md"),
        "# Disk alerts\n\n## Disk almost full\n\nWhen the disk alert fires, rotate the application logs first and then expand the volume.",
    )
    .unwrap();
    std::fs::write(
        kb.join("alerts/disk.md.metadata.json"),
        r#"{"metadataAttributes": {"severity": "high", "team": "storage"}}"#,
    )
    .unwrap();
    std::fs::write(
        kb.join("escalation.txt"),
        "Escalate to the duty manager after thirty minutes without progress.",
    )
    .unwrap();
    root
}

fn uuid_like() -> String {
    format!(
        "{}-{:?}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

#[tokio::test]
async fn knowledge_bases_load_from_a_folder() {
    let root = temp_kb_root();
    let emulator = Emulator::start(EmulatorConfig {
        pace: Duration::ZERO,
        knowledge_base_dir: Some(root.clone()),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let listed = support::agent_client(&emulator)
        .list_knowledge_bases()
        .send()
        .await
        .unwrap();
    let summaries = listed.knowledge_base_summaries();
    assert_eq!(summaries.len(), 1);
    assert_eq!(summaries[0].name(), "ops_runbook");
    assert_eq!(summaries[0].description(), Some("On-call runbook"));
    let kb = summaries[0].knowledge_base_id().to_owned();

    let runtime = support::agent_runtime_client(&emulator);
    let page = retrieve(
        &runtime,
        &kb,
        "the disk is almost full",
        vector_search(2, None, None),
    )
    .await;
    let top = &page.retrieval_results()[0];
    assert_eq!(source_uri(top), "s3://ops-runbook-docs/alerts/disk.md");
    assert_eq!(metadata_str(top, "severity"), Some("high"));
    assert!(
        top.content()
            .unwrap()
            .text()
            .contains("rotate the application logs")
    );

    let storage_only = RetrievalFilter::Equals(attribute("team", text("storage")));
    let filtered = retrieve(
        &runtime,
        &kb,
        "escalate to the duty manager",
        vector_search(5, None, Some(storage_only)),
    )
    .await;
    assert_eq!(filtered.retrieval_results().len(), 1);
    std::fs::remove_dir_all(root).ok();
}
