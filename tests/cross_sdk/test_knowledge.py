"""Knowledge bases: bedrock-agent (list/get) and bedrock-agent-runtime (Retrieve, RetrieveAndGenerate[Stream]).

The tests do not assume what the bundled demo knowledge bases contain: they query with text taken
from the knowledge base itself.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from botocore.exceptions import ClientError

from support import error_code

MODEL_ARN = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
KB_ID = re.compile(r"^[0-9a-zA-Z]{10}$")
LOCATION_KEYS = {
    "S3": "s3Location",
    "WEB": "webLocation",
    "CONFLUENCE": "confluenceLocation",
    "SALESFORCE": "salesforceLocation",
    "SHAREPOINT": "sharePointLocation",
    "CUSTOM": "customDocumentLocation",
    "KENDRA": "kendraDocumentLocation",
    "SQL": "sqlLocation",
}


@pytest.fixture(scope="module")
def knowledge_base_id(agent) -> str:
    summaries = agent.list_knowledge_bases()["knowledgeBaseSummaries"]
    assert summaries, "the emulator should serve at least one (demo) knowledge base"
    return summaries[0]["knowledgeBaseId"]


def retrieve(agent_runtime, kb_id: str, query: str, number: int | None = None) -> list[dict]:
    config = {"vectorSearchConfiguration": {"numberOfResults": number}} if number else None
    kwargs = {"knowledgeBaseId": kb_id, "retrievalQuery": {"text": query}}
    if config:
        kwargs["retrievalConfiguration"] = config
    return agent_runtime.retrieve(**kwargs)["retrievalResults"]


def rag_request(kb_id: str, question: str, session_id: str | None = None) -> dict:
    request = {
        "input": {"text": question},
        "retrieveAndGenerateConfiguration": {
            "type": "KNOWLEDGE_BASE",
            "knowledgeBaseConfiguration": {"knowledgeBaseId": kb_id, "modelArn": MODEL_ARN},
        },
    }
    if session_id:
        request["sessionId"] = session_id
    return request


def check_location(location: dict) -> None:
    key = LOCATION_KEYS[location["type"]]
    assert location[key], location


def check_span(output_text: str, part: dict) -> None:
    """A citation span points into the generated text.

    Bedrock documents ``start``/``end`` only as "where the text with a citation starts/ends"; the
    reference's example ("answer", 0..5) reads ``end`` as inclusive. Accept either reading, but
    the text at ``start`` must be the cited text.
    """
    span, text = part["span"], part["text"]
    assert text
    assert 0 <= span["start"] <= span["end"] <= len(output_text)
    assert output_text[span["start"]:].startswith(text), (span, text)
    assert span["end"] - span["start"] in (len(text), len(text) - 1), (span, text)


# --------------------------------------------------------------------------------------
# bedrock-agent
# --------------------------------------------------------------------------------------


def test_list_knowledge_bases(agent):
    summaries = agent.list_knowledge_bases()["knowledgeBaseSummaries"]
    assert summaries
    for summary in summaries:
        assert KB_ID.match(summary["knowledgeBaseId"]), summary["knowledgeBaseId"]
        assert summary["name"]
        assert summary["status"] == "ACTIVE"
        assert isinstance(summary["updatedAt"], datetime)


def test_get_knowledge_base(agent, knowledge_base_id):
    kb = agent.get_knowledge_base(knowledgeBaseId=knowledge_base_id)["knowledgeBase"]
    assert kb["knowledgeBaseId"] == knowledge_base_id
    assert re.fullmatch(rf"arn:aws:bedrock:us-east-1:\d{{12}}:knowledge-base/{knowledge_base_id}", kb["knowledgeBaseArn"])
    assert kb["roleArn"].startswith("arn:aws:iam::")
    assert kb["knowledgeBaseConfiguration"]["type"] == "VECTOR"
    embedding_arn = kb["knowledgeBaseConfiguration"]["vectorKnowledgeBaseConfiguration"]["embeddingModelArn"]
    assert ":foundation-model/" in embedding_arn
    assert kb["status"] == "ACTIVE"
    assert isinstance(kb["createdAt"], datetime) and isinstance(kb["updatedAt"], datetime)


def test_get_unknown_knowledge_base(agent):
    with pytest.raises(ClientError) as excinfo:
        agent.get_knowledge_base(knowledgeBaseId="ZZZZZZZZZZ")
    assert error_code(excinfo) == "ResourceNotFoundException"


# --------------------------------------------------------------------------------------
# Retrieve
# --------------------------------------------------------------------------------------


def test_retrieve_result_shape_and_order(agent_runtime, knowledge_base_id):
    results = retrieve(agent_runtime, knowledge_base_id, "overview getting started")
    assert 1 <= len(results) <= 5  # default numberOfResults is 5
    for result in results:
        assert result["content"]["type"] == "TEXT"
        assert result["content"]["text"].strip()
        check_location(result["location"])
        assert isinstance(result["score"], float)
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("number", [1, 2, 3])
def test_retrieve_number_of_results(agent_runtime, knowledge_base_id, number):
    results = retrieve(agent_runtime, knowledge_base_id, "how does it work", number)
    assert 1 <= len(results) <= number
    more = retrieve(agent_runtime, knowledge_base_id, "how does it work", 10)
    assert len(results) == min(number, len(more))
    assert [r["content"]["text"] for r in results] == [r["content"]["text"] for r in more[: len(results)]]


def test_retrieve_ranks_an_exact_chunk_first(agent_runtime, knowledge_base_id):
    pool = retrieve(agent_runtime, knowledge_base_id, "configuration setup guide", 10)
    target = pool[-1]["content"]["text"]  # the weakest match for the first query

    results = retrieve(agent_runtime, knowledge_base_id, target, 3)

    assert results[0]["content"]["text"] == target
    if len(results) > 1:
        assert results[0]["score"] > results[1]["score"]


def _chunk_id(result: dict) -> tuple:
    return (result["location"].get("s3Location", {}).get("uri"), result["content"]["text"])


def _user_metadata(result: dict) -> dict:
    return {k: v for k, v in (result.get("metadata") or {}).items() if not k.startswith("x-amz-bedrock-kb-")}


def test_retrieve_metadata_filter_equals(agent_runtime, knowledge_base_id):
    pool = retrieve(agent_runtime, knowledge_base_id, "overview guide questions", 20)
    key, value = next(
        (k, v) for r in pool for k, v in _user_metadata(r).items() if isinstance(v, str)
    )
    config = {
        "vectorSearchConfiguration": {
            "numberOfResults": 20,
            "filter": {"equals": {"key": key, "value": value}},
        }
    }

    results = agent_runtime.retrieve(
        knowledgeBaseId=knowledge_base_id,
        retrievalQuery={"text": "overview guide questions"},
        retrievalConfiguration=config,
    )["retrievalResults"]

    assert results
    assert all(r["metadata"][key] == value for r in results)
    # Every matching chunk of the unfiltered top 20 ranks in the filtered top 20 too.
    expected = {_chunk_id(r) for r in pool if _user_metadata(r).get(key) == value}
    assert expected <= {_chunk_id(r) for r in results}
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)


def test_retrieve_metadata_filter_and_all_with_numbers(agent_runtime, knowledge_base_id):
    pool = retrieve(agent_runtime, knowledge_base_id, "limits credentials streaming", 20)
    numeric = [(k, v) for r in pool for k, v in _user_metadata(r).items() if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if not numeric:
        pytest.skip("the demo knowledge base has no numeric metadata")
    key = numeric[0][0]
    threshold = min(v for k, v in numeric if k == key)
    config = {
        "vectorSearchConfiguration": {
            "numberOfResults": 20,
            "filter": {
                "andAll": [
                    {"greaterThan": {"key": key, "value": threshold}},
                    {"lessThanOrEquals": {"key": key, "value": 10_000}},
                ]
            },
        }
    }
    results = agent_runtime.retrieve(
        knowledgeBaseId=knowledge_base_id,
        retrievalQuery={"text": "limits credentials streaming"},
        retrievalConfiguration=config,
    )["retrievalResults"]
    assert all(r["metadata"][key] > threshold for r in results)
    assert results
    expected = {_chunk_id(r) for r in pool if isinstance(_user_metadata(r).get(key), (int, float)) and _user_metadata(r)[key] > threshold}
    assert expected <= {_chunk_id(r) for r in results}


def test_retrieve_unknown_knowledge_base(agent_runtime):
    with pytest.raises(ClientError) as excinfo:
        retrieve(agent_runtime, "ZZZZZZZZZZ", "anything")
    assert error_code(excinfo) == "ResourceNotFoundException"


# --------------------------------------------------------------------------------------
# RetrieveAndGenerate
# --------------------------------------------------------------------------------------


def test_retrieve_and_generate(agent_runtime, knowledge_base_id):
    response = agent_runtime.retrieve_and_generate(**rag_request(knowledge_base_id, "What is this knowledge base about?"))

    text = response["output"]["text"]
    assert text.strip()
    assert response["sessionId"]
    citations = response["citations"]
    assert citations
    for citation in citations:
        check_span(text, citation["generatedResponsePart"]["textResponsePart"])
        references = citation["retrievedReferences"]
        assert references
        for reference in references:
            assert reference["content"]["text"].strip()
            check_location(reference["location"])
            assert "score" not in reference
    if "guardrailAction" in response:
        assert response["guardrailAction"] in ("NONE", "INTERVENED")


def test_retrieve_and_generate_session_is_reusable(agent_runtime, knowledge_base_id):
    first = agent_runtime.retrieve_and_generate(**rag_request(knowledge_base_id, "Give me an overview."))
    session_id = first["sessionId"]

    second = agent_runtime.retrieve_and_generate(**rag_request(knowledge_base_id, "Tell me more.", session_id))

    assert second["sessionId"] == session_id
    assert second["output"]["text"].strip()

    other = agent_runtime.retrieve_and_generate(**rag_request(knowledge_base_id, "Give me an overview."))
    assert other["sessionId"] != session_id


def test_retrieve_and_generate_stream(agent_runtime, knowledge_base_id):
    question = "What is this knowledge base about?"
    response = agent_runtime.retrieve_and_generate_stream(**rag_request(knowledge_base_id, question))

    assert response["sessionId"]
    outputs, citations, others = [], [], []
    for event in response["stream"]:
        assert len(event) == 1, event
        if "output" in event:
            outputs.append(event["output"]["text"])
        elif "citation" in event:
            citations.append(event["citation"])
        else:
            others.append(event)
    assert outputs and "".join(outputs).strip()
    assert citations
    assert all(set(o) <= {"guardrail"} for o in others), others
    streamed = "".join(outputs)
    for citation in citations:
        part = (citation.get("generatedResponsePart") or citation["citation"]["generatedResponsePart"])["textResponsePart"]
        check_span(streamed, part)
        references = citation.get("retrievedReferences") or citation["citation"]["retrievedReferences"]
        assert references and all(r["content"]["text"] for r in references)

    # The same question without streaming gives the same answer.
    plain = agent_runtime.retrieve_and_generate(**rag_request(knowledge_base_id, question))
    assert streamed == plain["output"]["text"]

