"""The knowledge-bases lab's emulator operations through boto3: ListDataSources, GetDataSource,
ListKnowledgeBaseDocuments, Rerank, reranking and query decomposition in Retrieve and
RetrieveAndGenerate, the guardrail and stream faults, constraint errors in the service's words,
and the chunk listing of the control API."""

from __future__ import annotations

import math

import pytest
from botocore.exceptions import ClientError, EventStreamError

from support import error_code, error_message, with_behaviour

MODEL_ARN = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
RERANKERS = [
    "arn:aws:bedrock:us-east-1::foundation-model/amazon.rerank-v1:0",
    "arn:aws:bedrock:us-east-1::foundation-model/cohere.rerank-v3-5:0",
]


@pytest.fixture(scope="module")
def kb_id(agent) -> str:
    summaries = agent.list_knowledge_bases()["knowledgeBaseSummaries"]
    return summaries[0]["knowledgeBaseId"]


def rag(kb_id: str, question: str, **kb_config) -> dict:
    return {
        "input": {"text": question},
        "retrieveAndGenerateConfiguration": {
            "type": "KNOWLEDGE_BASE",
            "knowledgeBaseConfiguration": {"knowledgeBaseId": kb_id, "modelArn": MODEL_ARN, **kb_config},
        },
    }


def test_data_sources_and_documents(agent, kb_id):
    sources = agent.list_data_sources(knowledgeBaseId=kb_id)["dataSourceSummaries"]
    assert len(sources) == 1
    ds_id = sources[0]["dataSourceId"]
    assert sources[0]["status"] == "AVAILABLE"
    source = agent.get_data_source(knowledgeBaseId=kb_id, dataSourceId=ds_id)["dataSource"]
    assert source["dataSourceConfiguration"]["type"] == "S3"
    assert source["dataSourceConfiguration"]["s3Configuration"]["bucketArn"].startswith("arn:aws:s3:::")
    chunking = source["vectorIngestionConfiguration"]["chunkingConfiguration"]
    assert chunking["chunkingStrategy"] == "FIXED_SIZE"
    fixed = chunking["fixedSizeChunkingConfiguration"]
    assert 1 <= fixed["maxTokens"] <= 8192 and 1 <= fixed["overlapPercentage"] <= 99

    uris, token = [], None
    while True:
        kwargs = {"knowledgeBaseId": kb_id, "dataSourceId": ds_id, "maxResults": 2}
        if token:
            kwargs["nextToken"] = token
        page = agent.list_knowledge_base_documents(**kwargs)
        assert len(page["documentDetails"]) <= 2
        for detail in page["documentDetails"]:
            assert detail["status"] == "INDEXED"
            assert detail["identifier"]["dataSourceType"] == "S3"
            uris.append(detail["identifier"]["s3"]["uri"])
        token = page.get("nextToken")
        if not token:
            break
    assert len(uris) == len(set(uris)) >= 3

    with pytest.raises(ClientError) as missing:
        agent.get_data_source(knowledgeBaseId=kb_id, dataSourceId="NOSUCHDS00")
    assert error_code(missing) == "ResourceNotFoundException"


def text_source(text: str) -> dict:
    return {"type": "INLINE", "inlineDocumentSource": {"type": "TEXT", "textDocument": {"text": text}}}


@pytest.mark.parametrize("model_arn", RERANKERS)
def test_rerank_orders_inline_sources(agent_runtime, model_arn):
    sources = [
        text_source("Bake the bread until the crust is golden."),
        text_source("Retry throttled requests with exponential backoff."),
        {"type": "INLINE", "inlineDocumentSource": {"type": "JSON", "jsonDocument": {
            "title": "Throttling", "body": "Requests are throttled above the quota"}}},
    ]
    response = agent_runtime.rerank(
        queries=[{"type": "TEXT", "textQuery": {"text": "why are my requests throttled"}}],
        sources=sources,
        rerankingConfiguration={"type": "BEDROCK_RERANKING_MODEL", "bedrockRerankingConfiguration": {
            "modelConfiguration": {"modelArn": model_arn}, "numberOfResults": 2}},
    )
    results = response["results"]
    assert [r["index"] for r in results] != [0, 1]
    assert len(results) == 2 and all(r["index"] != 0 for r in results)
    assert results[0]["relevanceScore"] >= results[1]["relevanceScore"]
    assert results[0]["document"] == sources[results[0]["index"]]["inlineDocumentSource"]


def test_rerank_errors(agent_runtime):
    def call(number: int, model_arn: str = RERANKERS[0]):
        agent_runtime.rerank(
            queries=[{"type": "TEXT", "textQuery": {"text": "q"}}],
            sources=[text_source("one")],
            rerankingConfiguration={"type": "BEDROCK_RERANKING_MODEL", "bedrockRerankingConfiguration": {
                "modelConfiguration": {"modelArn": model_arn}, "numberOfResults": number}},
        )

    with pytest.raises(ClientError) as too_many:
        call(2)
    assert error_message(too_many) == "Cannot provide numberOfResults value that exceeds the number of sources."
    with pytest.raises(ClientError) as not_reranker:
        call(1, MODEL_ARN)
    assert error_message(not_reranker).startswith("The provided model ARN for reranking is invalid.")


def reranked(count: int, reranked_count: int) -> dict:
    return {"vectorSearchConfiguration": {"numberOfResults": count, "rerankingConfiguration": {
        "type": "BEDROCK_RERANKING_MODEL", "bedrockRerankingConfiguration": {
            "modelConfiguration": {"modelArn": RERANKERS[0]}, "numberOfRerankedResults": reranked_count}}}}


def test_retrieve_reranks_then_cuts(agent_runtime, kb_id):
    query = {"text": "how do I retry throttled requests"}
    plain = agent_runtime.retrieve(knowledgeBaseId=kb_id, retrievalQuery=query,
                                   retrievalConfiguration={"vectorSearchConfiguration": {"numberOfResults": 8}})
    ranked = agent_runtime.retrieve(knowledgeBaseId=kb_id, retrievalQuery=query,
                                    retrievalConfiguration=reranked(8, 3))
    chunk_id = lambda r: r["metadata"]["x-amz-bedrock-kb-chunk-id"]  # noqa: E731
    assert len(ranked["retrievalResults"]) == 3
    assert {chunk_id(r) for r in ranked["retrievalResults"]} <= {chunk_id(r) for r in plain["retrievalResults"]}
    scores = [r["score"] for r in ranked["retrievalResults"]]
    assert scores == sorted(scores, reverse=True)


def test_rag_honours_reranking_the_template_and_decomposition(agent_runtime, kb_id):
    question = "How do I log in with IAM Identity Center and what is a cosine similarity?"
    decomposed = agent_runtime.retrieve_and_generate(**rag(
        kb_id, question,
        retrievalConfiguration=reranked(6, 4),
        orchestrationConfiguration={"queryTransformationConfiguration": {"type": "QUERY_DECOMPOSITION"}},
    ))
    assert "decomposed into 2 sub-queries" in decomposed["output"]["text"]
    assert decomposed["citations"]
    quiet = agent_runtime.retrieve_and_generate(**rag(
        kb_id, question,
        generationConfiguration={"promptTemplate": {"textPromptTemplate": "Answer $query$ from $search_results$"}},
    ))
    assert quiet["citations"] == []
    with pytest.raises(ClientError) as missing:
        agent_runtime.retrieve_and_generate(**rag(
            kb_id, question, generationConfiguration={"promptTemplate": {"textPromptTemplate": "Answer $query$"}}))
    assert error_code(missing) == "ValidationException"


def test_guardrail_intervention_fault(make_client, kb_id):
    client = with_behaviour(make_client("bedrock-agent-runtime"), "fault=guardrail-intervened")
    answer = client.retrieve_and_generate(**rag(kb_id, "What is RAG?"))
    assert answer["guardrailAction"] == "INTERVENED"
    assert answer["output"]["text"] == "Sorry, the model cannot answer this question."
    assert answer.get("citations", []) == []
    stream = client.retrieve_and_generate_stream(**rag(kb_id, "What is RAG?"))
    events = [next(iter(e)) for e in stream["stream"]]
    assert events == ["guardrail", "output"]


@pytest.mark.parametrize("error,code", [("bad-gateway", "badGatewayException"),
                                        ("dependency-failed", "dependencyFailedException")])
def test_stream_exceptions_mid_stream(make_client, kb_id, error, code):
    client = with_behaviour(make_client("bedrock-agent-runtime"), f"fault=stream-error; error={error}; after=2")
    stream = client.retrieve_and_generate_stream(**rag(kb_id, "What is RAG?"))
    received = 0
    with pytest.raises(EventStreamError) as failure:
        for _ in stream["stream"]:
            received += 1
    assert received == 2
    assert failure.value.response["Error"]["Code"] in (code, code[0].upper() + code[1:])


def test_constraint_errors_in_the_service_wording(agent_runtime, kb_id):
    with pytest.raises(ClientError) as several:
        agent_runtime.retrieve_and_generate(sessionId="bad session", **rag(
            kb_id, "q", retrievalConfiguration={"vectorSearchConfiguration": {"numberOfResults": 101}}))
    assert error_message(several) == (
        "2 validation errors detected: Value '101' at 'retrieveAndGenerateConfiguration.knowledgeBaseConfiguration"
        ".retrievalConfiguration.vectorSearchConfiguration.numberOfResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 100; Value 'bad session' at 'sessionId' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z._:-]+$"
    )


def test_chunk_listing_for_maps(emulator, kb_id):
    status, listing = emulator._call("GET", f"/_emulator/knowledge-bases/{kb_id}/chunks")
    assert status == 200
    assert listing["embeddingModelId"] == "amazon.titan-embed-text-v2:0"
    chunk = listing["chunks"][0]
    assert {"chunkId", "location", "text", "embeddedText", "metadata", "vector"} <= set(chunk)
    assert len(chunk["vector"]) == listing["dimensions"]
    assert math.isclose(math.sqrt(sum(x * x for x in chunk["vector"])), 1.0, rel_tol=1e-3)


def test_unknown_sessions_are_refused_in_the_service_wording(agent_runtime, kb_id):
    session = "11111111-2222-3333-4444-555555555555"
    expected = f"Session with Id {session} is not valid. Please check and try again."
    with pytest.raises(ClientError) as plain:
        agent_runtime.retrieve_and_generate(sessionId=session, **rag(kb_id, "q"))
    assert (error_code(plain), error_message(plain)) == ("ValidationException", expected)
    with pytest.raises(ClientError) as streamed:
        for _ in agent_runtime.retrieve_and_generate_stream(sessionId=session, **rag(kb_id, "q"))["stream"]:
            pass
    assert (error_code(streamed), error_message(streamed)) == ("ValidationException", expected)


def test_float_members_show_their_value_as_the_service_prints_it(agent_runtime, kb_id):
    generation = {"inferenceConfig": {"textInferenceConfig": {"temperature": 2}}}
    with pytest.raises(ClientError) as refused:
        agent_runtime.retrieve_and_generate(**rag(kb_id, "q", generationConfiguration=generation))
    assert error_message(refused) == (
        "1 validation error detected: Value '2.0' at 'retrieveAndGenerateConfiguration.knowledgeBaseConfiguration"
        ".generationConfiguration.inferenceConfig.textInferenceConfig.temperature' failed to satisfy constraint: "
        "Member must have value less than or equal to 1"
    )
