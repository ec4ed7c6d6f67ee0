//! The knowledge-bases lab's emulator operations through the real SDKs: data sources and
//! documents (bedrock-agent), Rerank, reranking and query decomposition, the guardrail and
//! stream faults, the service model's constraints, and the chunk listing for maps.

use aws_sdk_bedrockagent::types::{ChunkingStrategy, DataSourceType, DocumentStatus};
use aws_sdk_bedrockagentruntime::error::ProvideErrorMetadata;
use aws_sdk_bedrockagentruntime::types::{
    BedrockRerankingConfiguration, BedrockRerankingModelConfiguration, GenerationConfiguration,
    KnowledgeBaseQuery, KnowledgeBaseRetrievalConfiguration,
    KnowledgeBaseRetrieveAndGenerateConfiguration, KnowledgeBaseVectorSearchConfiguration,
    OrchestrationConfiguration, PromptTemplate, QueryTransformationConfiguration,
    QueryTransformationType, RerankDocument, RerankDocumentType, RerankQuery,
    RerankQueryContentType, RerankSource, RerankSourceType, RerankTextDocument,
    RerankingConfiguration, RerankingConfigurationType, RetrieveAndGenerateConfiguration,
    RetrieveAndGenerateInput, RetrieveAndGenerateStreamResponseOutput, RetrieveAndGenerateType,
    VectorSearchBedrockRerankingConfiguration, VectorSearchBedrockRerankingModelConfiguration,
    VectorSearchRerankingConfiguration, VectorSearchRerankingConfigurationType,
};
use bedrock_emulator::{Emulator, RuleSpec};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support;

const HANDBOOK: &str = "bedrock-playground-handbook";
const HAIKU_ARN: &str =
    "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";
const AMAZON_RERANK: &str = "arn:aws:bedrock:us-east-1::foundation-model/amazon.rerank-v1:0";
const COHERE_RERANK: &str = "arn:aws:bedrock:us-east-1::foundation-model/cohere.rerank-v3-5:0";

async fn handbook_id(emulator: &Emulator) -> String {
    support::agent_client(emulator)
        .list_knowledge_bases()
        .send()
        .await
        .unwrap()
        .knowledge_base_summaries()
        .iter()
        .find(|s| s.name() == HANDBOOK)
        .unwrap()
        .knowledge_base_id()
        .to_owned()
}

fn message<E: ProvideErrorMetadata>(error: E) -> String {
    error.message().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn data_sources_and_documents() {
    let emulator = support::emulator().await;
    let agent = support::agent_client(&emulator);
    let kb = handbook_id(&emulator).await;
    let listed = agent
        .list_data_sources()
        .knowledge_base_id(&kb)
        .send()
        .await
        .unwrap();
    let summaries = listed.data_source_summaries();
    assert_eq!(summaries.len(), 1);
    let ds = summaries[0].data_source_id().to_owned();
    assert_eq!(summaries[0].knowledge_base_id(), kb);
    assert_eq!(summaries[0].status().as_str(), "AVAILABLE");

    let got = agent
        .get_data_source()
        .knowledge_base_id(&kb)
        .data_source_id(&ds)
        .send()
        .await
        .unwrap();
    let source = got.data_source().unwrap();
    let config = source.data_source_configuration().unwrap();
    assert_eq!(config.r#type(), &DataSourceType::S3);
    assert_eq!(
        config.s3_configuration().unwrap().bucket_arn(),
        "arn:aws:s3:::bedrock-playground-handbook-docs"
    );
    let chunking = source
        .vector_ingestion_configuration()
        .unwrap()
        .chunking_configuration()
        .unwrap();
    assert_eq!(chunking.chunking_strategy(), &ChunkingStrategy::FixedSize);
    let fixed = chunking.fixed_size_chunking_configuration().unwrap();
    assert_eq!((fixed.max_tokens(), fixed.overlap_percentage()), (280, 17));

    let mut uris = Vec::new();
    let mut token = None;
    loop {
        let page = agent
            .list_knowledge_base_documents()
            .knowledge_base_id(&kb)
            .data_source_id(&ds)
            .max_results(4)
            .set_next_token(token)
            .send()
            .await
            .unwrap();
        assert!(page.document_details().len() <= 4);
        for detail in page.document_details() {
            assert_eq!(detail.status(), &DocumentStatus::Indexed);
            uris.push(detail.identifier().unwrap().s3().unwrap().uri().to_owned());
        }
        token = page.next_token().map(str::to_owned);
        if token.is_none() {
            break;
        }
    }
    assert_eq!(uris.len(), 9, "{uris:?}");
    assert!(uris.contains(&"s3://bedrock-playground-handbook-docs/rag/embeddings.md".to_owned()));

    let missing = agent
        .get_data_source()
        .knowledge_base_id(&kb)
        .data_source_id("NOSUCHDS00")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(missing.is_resource_not_found_exception());
}

fn text_source(text: &str) -> RerankSource {
    RerankSource::builder()
        .r#type(RerankSourceType::Inline)
        .inline_document_source(
            RerankDocument::builder()
                .r#type(RerankDocumentType::Text)
                .text_document(RerankTextDocument::builder().text(text).build())
                .build()
                .unwrap(),
        )
        .build()
        .unwrap()
}

fn rerank_config(arn: &str, count: Option<i32>) -> RerankingConfiguration {
    RerankingConfiguration::builder()
        .r#type(RerankingConfigurationType::BedrockRerankingModel)
        .bedrock_reranking_configuration(
            BedrockRerankingConfiguration::builder()
                .model_configuration(
                    BedrockRerankingModelConfiguration::builder()
                        .model_arn(arn)
                        .build()
                        .unwrap(),
                )
                .set_number_of_results(count)
                .build(),
        )
        .build()
        .unwrap()
}

fn rerank_query(text: &str) -> RerankQuery {
    RerankQuery::builder()
        .r#type(RerankQueryContentType::Text)
        .text_query(RerankTextDocument::builder().text(text).build())
        .build()
        .unwrap()
}

#[tokio::test]
async fn rerank_orders_sources_by_relevance() {
    let emulator = support::emulator().await;
    let runtime = support::agent_runtime_client(&emulator);
    let sources = [
        "Bake the bread at high heat until the crust is golden.",
        "Retry throttled requests with exponential backoff and jitter.",
        "Throttling happens when requests exceed the tokens-per-minute quota.",
    ];
    let ranked = runtime
        .rerank()
        .queries(rerank_query("why are my requests throttled"))
        .set_sources(Some(sources.iter().map(|s| text_source(s)).collect()))
        .reranking_configuration(rerank_config(AMAZON_RERANK, Some(2)))
        .send()
        .await
        .unwrap();
    let results = ranked.results();
    assert_eq!(results.len(), 2);
    assert!(
        results.iter().all(|r| r.index() != 0),
        "the bread is not relevant"
    );
    assert!(results[0].relevance_score() >= results[1].relevance_score());
    assert!(
        results
            .iter()
            .all(|r| (0.0..=1.0).contains(&r.relevance_score()))
    );
    let document = results[0].document().unwrap();
    assert_eq!(
        document.text_document().unwrap().text(),
        Some(sources[results[0].index() as usize])
    );

    let cohere = runtime
        .rerank()
        .queries(rerank_query("why are my requests throttled"))
        .set_sources(Some(sources.iter().map(|s| text_source(s)).collect()))
        .reranking_configuration(rerank_config(COHERE_RERANK, None))
        .send()
        .await
        .unwrap();
    assert_eq!(cohere.results().len(), 3);
    assert_ne!(
        cohere.results()[0].relevance_score(),
        results[0].relevance_score()
    );

    let too_many = runtime
        .rerank()
        .queries(rerank_query("q"))
        .sources(text_source("one"))
        .reranking_configuration(rerank_config(AMAZON_RERANK, Some(2)))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        message(too_many.into_service_error()),
        "Cannot provide numberOfResults value that exceeds the number of sources."
    );
    let not_a_reranker = runtime
        .rerank()
        .queries(rerank_query("q"))
        .sources(text_source("one"))
        .reranking_configuration(rerank_config(HAIKU_ARN, None))
        .send()
        .await
        .unwrap_err();
    assert!(
        message(not_a_reranker.into_service_error())
            .starts_with("The provided model ARN for reranking is invalid.")
    );
    let bad_count = runtime
        .rerank()
        .queries(rerank_query("q"))
        .sources(text_source("one"))
        .reranking_configuration(rerank_config(AMAZON_RERANK, Some(1001)))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        message(bad_count.into_service_error()),
        "1 validation error detected: Value '1001' at 'rerankingConfiguration.bedrockRerankingConfiguration.numberOfResults' failed to satisfy constraint: Member must have value less than or equal to 1000"
    );
}

fn reranked_search(count: i32, reranked: Option<i32>) -> KnowledgeBaseRetrievalConfiguration {
    let mut vector = KnowledgeBaseVectorSearchConfiguration::builder().number_of_results(count);
    if let Some(reranked) = reranked {
        vector = vector.reranking_configuration(
            VectorSearchRerankingConfiguration::builder()
                .r#type(VectorSearchRerankingConfigurationType::BedrockRerankingModel)
                .bedrock_reranking_configuration(
                    VectorSearchBedrockRerankingConfiguration::builder()
                        .model_configuration(
                            VectorSearchBedrockRerankingModelConfiguration::builder()
                                .model_arn(AMAZON_RERANK)
                                .build()
                                .unwrap(),
                        )
                        .number_of_reranked_results(reranked)
                        .build(),
                )
                .build()
                .unwrap(),
        );
    }
    KnowledgeBaseRetrievalConfiguration::builder()
        .vector_search_configuration(vector.build())
        .build()
}

#[tokio::test]
async fn retrieve_reranks_and_cuts_to_the_reranked_count() {
    let emulator = support::emulator().await;
    let runtime = support::agent_runtime_client(&emulator);
    let kb = handbook_id(&emulator).await;
    let query = "how do I retry throttled requests with backoff";
    let retrieve = |config| {
        runtime
            .retrieve()
            .knowledge_base_id(&kb)
            .retrieval_query(KnowledgeBaseQuery::builder().text(query).build())
            .retrieval_configuration(config)
            .send()
    };
    let plain = retrieve(reranked_search(8, None)).await.unwrap();
    let reranked = retrieve(reranked_search(8, Some(3))).await.unwrap();
    assert_eq!(plain.retrieval_results().len(), 8);
    assert_eq!(reranked.retrieval_results().len(), 3);
    let id = |r: &aws_sdk_bedrockagentruntime::types::KnowledgeBaseRetrievalResult| {
        r.metadata().unwrap()["x-amz-bedrock-kb-chunk-id"]
            .as_string()
            .unwrap()
            .to_owned()
    };
    let plain_ids: Vec<String> = plain.retrieval_results().iter().map(id).collect();
    let reranked_ids: Vec<String> = reranked.retrieval_results().iter().map(id).collect();
    assert!(
        reranked_ids.iter().all(|i| plain_ids.contains(i)),
        "reranking reorders the retrieved"
    );
    assert_ne!(
        plain.retrieval_results()[0].score(),
        reranked.retrieval_results()[0].score(),
        "reranked results carry the reranker's score"
    );
    let scores: Vec<f64> = reranked
        .retrieval_results()
        .iter()
        .map(|r| r.score().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

fn rag_config(
    kb: &str,
    generation: Option<GenerationConfiguration>,
    orchestration: Option<OrchestrationConfiguration>,
) -> RetrieveAndGenerateConfiguration {
    RetrieveAndGenerateConfiguration::builder()
        .r#type(RetrieveAndGenerateType::KnowledgeBase)
        .knowledge_base_configuration(
            KnowledgeBaseRetrieveAndGenerateConfiguration::builder()
                .knowledge_base_id(kb)
                .model_arn(HAIKU_ARN)
                .set_generation_configuration(generation)
                .set_orchestration_configuration(orchestration)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap()
}

fn input(text: &str) -> RetrieveAndGenerateInput {
    RetrieveAndGenerateInput::builder()
        .text(text)
        .build()
        .unwrap()
}

fn template(text: &str) -> GenerationConfiguration {
    GenerationConfiguration::builder()
        .prompt_template(PromptTemplate::builder().text_prompt_template(text).build())
        .build()
}

#[tokio::test]
async fn the_prompt_template_decides_whether_citations_come_back() {
    let emulator = support::emulator().await;
    let runtime = support::agent_runtime_client(&emulator);
    let kb = handbook_id(&emulator).await;
    let ask = |generation| {
        runtime
            .retrieve_and_generate()
            .input(input("What is an inference profile?"))
            .retrieve_and_generate_configuration(rag_config(&kb, generation, None))
            .send()
    };
    let with = ask(Some(template(
        "Use $search_results$ to answer $query$. $output_format_instructions$",
    )))
    .await
    .unwrap();
    assert!(!with.citations().is_empty());
    let without = ask(Some(template("Use $search_results$ to answer $query$.")))
        .await
        .unwrap();
    assert!(without.citations().is_empty());
    assert_eq!(
        without.output().unwrap().text(),
        with.output().unwrap().text()
    );
    let missing = ask(Some(template("Answer $query$."))).await.unwrap_err();
    assert_eq!(
        message(missing.into_service_error()),
        "The prompt template must contain the $search_results$ placeholder."
    );
}

#[tokio::test]
async fn query_decomposition_retrieves_for_each_sub_query() {
    let emulator = support::emulator().await;
    let runtime = support::agent_runtime_client(&emulator);
    let kb = handbook_id(&emulator).await;
    let question = "How do I log in with IAM Identity Center and what does a cosine similarity of embeddings mean?";
    let decomposition = OrchestrationConfiguration::builder()
        .query_transformation_configuration(
            QueryTransformationConfiguration::builder()
                .r#type(QueryTransformationType::QueryDecomposition)
                .build()
                .unwrap(),
        )
        .build();
    let answer = runtime
        .retrieve_and_generate()
        .input(input(question))
        .retrieve_and_generate_configuration(rag_config(&kb, None, Some(decomposition)))
        .send()
        .await
        .unwrap();
    let text = answer.output().unwrap().text();
    assert!(
        text.contains("decomposed into 2 sub-queries: \"How do I log in with IAM Identity Center\"; \"what does a cosine similarity of embeddings mean\""),
        "{text}"
    );
    let cited: Vec<String> = answer
        .citations()
        .iter()
        .flat_map(|c| c.retrieved_references())
        .map(|r| {
            r.location()
                .unwrap()
                .s3_location()
                .unwrap()
                .uri()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert!(
        cited.iter().any(|u| u.ends_with("credentials-and-sso.md")),
        "{cited:?}"
    );
    assert!(
        cited.iter().any(|u| u.ends_with("embeddings.md")),
        "{cited:?}"
    );
}

#[tokio::test]
async fn an_injected_guardrail_intervenes() {
    let emulator = support::emulator().await;
    support::add_fault(
        &emulator,
        RuleSpec {
            fault: Some("guardrail-intervened".into()),
            ..RuleSpec::default()
        },
    );
    let runtime = support::agent_runtime_client(&emulator);
    let kb = handbook_id(&emulator).await;
    let answer = runtime
        .retrieve_and_generate()
        .input(input("What is RAG?"))
        .retrieve_and_generate_configuration(rag_config(&kb, None, None))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.guardrail_action().unwrap().as_str(), "INTERVENED");
    assert_eq!(
        answer.output().unwrap().text(),
        "Sorry, the model cannot answer this question."
    );
    assert!(answer.citations().is_empty());

    let mut stream = runtime
        .retrieve_and_generate_stream()
        .input(input("What is RAG?"))
        .retrieve_and_generate_configuration(rag_config(&kb, None, None))
        .send()
        .await
        .unwrap();
    let mut kinds = Vec::new();
    while let Some(event) = stream.stream.recv().await.unwrap() {
        kinds.push(match event {
            RetrieveAndGenerateStreamResponseOutput::Guardrail(g) => {
                format!("guardrail:{}", g.action().unwrap().as_str())
            }
            RetrieveAndGenerateStreamResponseOutput::Output(o) => format!("output:{}", o.text()),
            other => format!("{other:?}"),
        });
    }
    assert_eq!(
        kinds,
        [
            "guardrail:INTERVENED",
            "output:Sorry, the model cannot answer this question."
        ]
    );
}

#[tokio::test]
async fn bad_gateway_and_dependency_failures_arrive_mid_stream() {
    for (error, check) in [
        ("bad-gateway", "BadGatewayException"),
        ("dependency-failed", "DependencyFailedException"),
    ] {
        let emulator = support::emulator().await;
        support::add_fault(
            &emulator,
            RuleSpec {
                operation: Some("RetrieveAndGenerateStream".into()),
                fault: Some("stream-error".into()),
                error: Some(error.into()),
                after: Some(3),
                ..RuleSpec::default()
            },
        );
        let runtime = support::agent_runtime_client(&emulator);
        let kb = handbook_id(&emulator).await;
        let mut stream = runtime
            .retrieve_and_generate_stream()
            .input(input("What is RAG?"))
            .retrieve_and_generate_configuration(rag_config(&kb, None, None))
            .send()
            .await
            .unwrap();
        let mut received = 0;
        let failure = loop {
            match stream.stream.recv().await {
                Ok(Some(_)) => received += 1,
                Ok(None) => panic!("the stream should fail"),
                Err(error) => break error.into_service_error(),
            }
        };
        assert_eq!(received, 3);
        let matched = match check {
            "BadGatewayException" => failure.is_bad_gateway_exception(),
            _ => failure.is_dependency_failed_exception(),
        };
        assert!(matched, "{failure:?}");
    }
}

#[tokio::test]
async fn constraints_are_reported_in_the_service_wording() {
    let emulator = support::emulator().await;
    let runtime = support::agent_runtime_client(&emulator);
    let kb = handbook_id(&emulator).await;
    let bad_session = runtime
        .retrieve_and_generate()
        .session_id("not a session!")
        .input(input("x".repeat(1001).as_str()))
        .retrieve_and_generate_configuration(rag_config(&kb, None, None))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        message(bad_session.into_service_error()),
        "2 validation errors detected: Value at 'input.text' failed to satisfy constraint: Member must have length less than or equal to 1000; Value 'not a session!' at 'sessionId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z._:-]+$"
    );
    let bad_kb = runtime
        .retrieve()
        .knowledge_base_id("kb-1")
        .retrieval_query(KnowledgeBaseQuery::builder().text("q").build())
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        message(bad_kb.into_service_error()),
        "2 validation errors detected: Value 'kb-1' at 'knowledgeBaseId' failed to satisfy constraint: Member must have length greater than or equal to 10; Value 'kb-1' at 'knowledgeBaseId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z]{10}$|^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:knowledge-base/[0-9a-zA-Z]{10}$"
    );
    let bad_arn = runtime
        .retrieve_and_generate()
        .input(input("q"))
        .retrieve_and_generate_configuration(
            RetrieveAndGenerateConfiguration::builder()
                .r#type(RetrieveAndGenerateType::KnowledgeBase)
                .knowledge_base_configuration(
                    KnowledgeBaseRetrieveAndGenerateConfiguration::builder()
                        .knowledge_base_id(&kb)
                        .model_arn("Claude 3 Haiku")
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap_err();
    assert!(message(bad_arn.into_service_error()).starts_with(
        "1 validation error detected: Value 'Claude 3 Haiku' at 'retrieveAndGenerateConfiguration.knowledgeBaseConfiguration.modelArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(arn:aws"
    ));
    let by_arn = runtime
        .retrieve()
        .knowledge_base_id(format!(
            "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/{kb}"
        ))
        .retrieval_query(KnowledgeBaseQuery::builder().text("embeddings").build())
        .send()
        .await
        .unwrap();
    assert_eq!(by_arn.retrieval_results().len(), 5);
}

async fn http_get(emulator: &Emulator, path: &str) -> (u16, Value) {
    let mut stream = tokio::net::TcpStream::connect(emulator.address())
        .await
        .unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let text = String::from_utf8(raw).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        let mut joined = String::new();
        let mut rest = body;
        while let Some((size, tail)) = rest.split_once("\r\n") {
            let size = usize::from_str_radix(size.trim(), 16).unwrap();
            if size == 0 {
                break;
            }
            joined.push_str(&tail[..size]);
            rest = &tail[size + 2..];
        }
        joined
    } else {
        body.to_owned()
    };
    (status, serde_json::from_str(&body).unwrap())
}

#[tokio::test]
async fn the_control_endpoint_lists_every_chunk_with_its_vector() {
    let emulator = support::emulator().await;
    let kb = handbook_id(&emulator).await;
    let (status, listing) = http_get(
        &emulator,
        &format!("/_emulator/knowledge-bases/{kb}/chunks"),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(listing["embeddingModelId"], "amazon.titan-embed-text-v2:0");
    let chunks = listing["chunks"].as_array().unwrap();
    assert!(chunks.len() >= 24);
    let first = &chunks[0];
    assert_eq!(first["chunkId"].as_str().unwrap().len(), 36);
    assert!(
        first["location"]["s3Location"]["uri"]
            .as_str()
            .unwrap()
            .starts_with("s3://")
    );
    let vector = first["vector"].as_array().unwrap();
    assert_eq!(vector.len(), 1024);
    let norm: f64 = vector
        .iter()
        .map(|x| x.as_f64().unwrap().powi(2))
        .sum::<f64>()
        .sqrt();
    assert!((norm - 1.0).abs() < 1e-3, "{norm}");

    // The same vector InvokeModel gives for the chunk's embedded text.
    let body = serde_json::json!({"inputText": first["embeddedText"]});
    let invoked = support::runtime_client(&emulator)
        .invoke_model()
        .model_id("amazon.titan-embed-text-v2:0")
        .body(aws_smithy_types::Blob::new(body.to_string()))
        .send()
        .await
        .unwrap();
    let invoked: Value = serde_json::from_slice(invoked.body().as_ref()).unwrap();
    let same = invoked["embedding"]
        .as_array()
        .unwrap()
        .iter()
        .zip(vector)
        .all(|(a, b)| (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() < 1e-6);
    assert!(same);

    let (_, light) = http_get(
        &emulator,
        &format!("/_emulator/knowledge-bases/{kb}/chunks?vectors=false"),
    )
    .await;
    assert!(light["chunks"][0].get("vector").is_none());
    let (missing, _) = http_get(&emulator, "/_emulator/knowledge-bases/NOSUCHKB00/chunks").await;
    assert_eq!(missing, 404);
}
