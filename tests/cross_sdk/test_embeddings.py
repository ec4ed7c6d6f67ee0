"""Embeddings through InvokeModel: Titan Embed Text v1/v2 and Cohere Embed v3."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from support import cosine, error_code, http_headers, invoke_json, norm

TITAN_V1 = "amazon.titan-embed-text-v1"
TITAN_V2 = "amazon.titan-embed-text-v2:0"
COHERE_EN = "cohere.embed-english-v3"
COHERE_MULTI = "cohere.embed-multilingual-v3"

CAT = "The cat sat on the warm mat by the window."
CATS = "Two cats were sitting on a warm mat near the window."
TAXES = "Quarterly corporate tax filings are due before the fiscal deadline."


def titan(runtime, text: str, model_id: str = TITAN_V2, **options) -> tuple[dict, dict]:
    return invoke_json(runtime, model_id, {"inputText": text, **options})


def test_titan_v1_has_1536_dimensions(runtime):
    body, headers = titan(runtime, CAT, model_id=TITAN_V1)
    assert len(body["embedding"]) == 1536
    assert all(isinstance(x, float) for x in body["embedding"])
    assert isinstance(body["inputTextTokenCount"], int) and body["inputTextTokenCount"] > 0
    assert int(headers["x-amzn-bedrock-input-token-count"]) == body["inputTextTokenCount"]
    assert int(headers["x-amzn-bedrock-invocation-latency"]) >= 0
    # Embedding calls generate no tokens; real traffic carries no output count.
    assert "x-amzn-bedrock-output-token-count" not in headers


def test_titan_v2_defaults_to_1024_normalised(runtime):
    body, _ = titan(runtime, CAT)
    assert len(body["embedding"]) == 1024
    assert norm(body["embedding"]) == pytest.approx(1.0, abs=1e-3)
    assert body["inputTextTokenCount"] > 0


@pytest.mark.parametrize("dimensions", [256, 512, 1024])
def test_titan_v2_dimensions(runtime, dimensions):
    body, _ = titan(runtime, CAT, dimensions=dimensions)
    assert len(body["embedding"]) == dimensions


def test_titan_v2_rejects_other_dimensions(runtime):
    with pytest.raises(ClientError) as excinfo:
        titan(runtime, CAT, dimensions=300)
    assert error_code(excinfo) == "ValidationException"


def test_titan_v2_normalize_false_keeps_direction(runtime):
    raw, _ = titan(runtime, CAT, normalize=False)
    unit, _ = titan(runtime, CAT, normalize=True)
    assert len(raw["embedding"]) == len(unit["embedding"]) == 1024
    assert norm(unit["embedding"]) == pytest.approx(1.0, abs=1e-3)
    assert cosine(raw["embedding"], unit["embedding"]) == pytest.approx(1.0, abs=1e-3)


def test_titan_v2_embeddings_by_type(runtime):
    body, _ = titan(runtime, CAT, dimensions=256, embeddingTypes=["float", "binary"])
    by_type = body["embeddingsByType"]
    assert len(by_type["float"]) == 256
    assert len(by_type["binary"]) == 256
    assert set(by_type["binary"]) <= {0, 1}
    assert by_type["float"] == pytest.approx(body["embedding"])


def test_embeddings_are_deterministic(runtime):
    first, _ = titan(runtime, CAT, dimensions=256)
    second, _ = titan(runtime, CAT, dimensions=256)
    assert first["embedding"] == second["embedding"]


@pytest.mark.parametrize("model_id", [TITAN_V1, TITAN_V2])
def test_titan_similar_texts_are_closer(runtime, model_id):
    cat, _ = titan(runtime, CAT, model_id=model_id)
    cats, _ = titan(runtime, CATS, model_id=model_id)
    taxes, _ = titan(runtime, TAXES, model_id=model_id)
    assert cosine(cat["embedding"], cats["embedding"]) > cosine(cat["embedding"], taxes["embedding"]) + 0.1


def test_cohere_embed_v3_texts(runtime):
    texts = [CAT, CATS, TAXES]
    body, headers = invoke_json(runtime, COHERE_EN, {"texts": texts, "input_type": "search_document"})
    assert body["response_type"] == "embeddings_floats"
    assert body["texts"] == texts
    assert isinstance(body["id"], str) and body["id"]
    embeddings = body["embeddings"]
    assert len(embeddings) == 3 and all(len(e) == 1024 for e in embeddings)
    assert cosine(embeddings[0], embeddings[1]) > cosine(embeddings[0], embeddings[2]) + 0.1
    assert int(headers["x-amzn-bedrock-input-token-count"]) > 0


def test_cohere_embed_v3_embedding_types(runtime):
    body, _ = invoke_json(
        runtime,
        COHERE_MULTI,
        {"texts": [CAT, TAXES], "input_type": "search_query", "embedding_types": ["float"]},
    )
    assert body["response_type"] == "embeddings_by_type"
    floats = body["embeddings"]["float"]
    assert len(floats) == 2 and all(len(e) == 1024 for e in floats)


def test_cohere_embed_v3_requires_input_type(runtime):
    with pytest.raises(ClientError) as excinfo:
        invoke_json(runtime, COHERE_EN, {"texts": [CAT]})
    assert error_code(excinfo) == "ValidationException"


def test_cohere_embed_v3_rejects_more_than_96_texts(runtime):
    with pytest.raises(ClientError) as excinfo:
        invoke_json(runtime, COHERE_EN, {"texts": ["x"] * 97, "input_type": "search_document"})
    assert error_code(excinfo) == "ValidationException"


def test_embedding_models_are_not_converse_models(runtime):
    with pytest.raises(ClientError) as excinfo:
        runtime.converse(modelId=TITAN_V2, messages=[{"role": "user", "content": [{"text": "hi"}]}])
    assert error_code(excinfo) == "ValidationException"


def test_titan_embed_malformed_body(runtime):
    with pytest.raises(ClientError) as excinfo:
        runtime.invoke_model(modelId=TITAN_V2, body=json.dumps({"texts": ["wrong family"]}))
    assert error_code(excinfo) == "ValidationException"
    assert "Malformed input request" in excinfo.value.response["Error"]["Message"]
    assert http_headers(excinfo.value.response)["x-amzn-errortype"].startswith("ValidationException")
