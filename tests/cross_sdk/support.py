"""Helpers shared by the cross-SDK tests (plain functions, no fixtures)."""

from __future__ import annotations

import json
import math

BEHAVIOUR_HEADER = "x-bedrock-emulator"


def with_behaviour(client, value: str):
    """Make every request of ``client`` carry ``x-bedrock-emulator: value``. Use a fresh client."""

    def add_header(request, **_):
        request.headers[BEHAVIOUR_HEADER] = value

    client.meta.events.register("before-sign", add_header)
    return client


def user(text: str) -> dict:
    return {"role": "user", "content": [{"text": text}]}


def response_text(converse_response: dict) -> str:
    return "".join(
        block["text"] for block in converse_response["output"]["message"]["content"] if "text" in block
    )


def http_headers(response: dict) -> dict:
    return response["ResponseMetadata"]["HTTPHeaders"]


def error_code(excinfo) -> str:
    return excinfo.value.response["Error"]["Code"]


def error_message(excinfo) -> str:
    return excinfo.value.response["Error"]["Message"]


def status_code(excinfo) -> int:
    return excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"]


def cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


def norm(v: list[float]) -> float:
    return math.sqrt(sum(x * x for x in v))


def invoke_json(runtime, model_id: str, body: dict, **kw) -> tuple[dict, dict]:
    """InvokeModel with a JSON body: (decoded response body, lower-cased HTTP headers)."""
    response = runtime.invoke_model(modelId=model_id, body=json.dumps(body), **kw)
    assert response["contentType"] == "application/json"
    return json.loads(response["body"].read()), http_headers(response)


def stream_chunks(runtime, model_id: str, body: dict) -> tuple[list[dict], dict]:
    """InvokeModelWithResponseStream: (every chunk's bytes decoded as JSON, the full response)."""
    response = runtime.invoke_model_with_response_stream(modelId=model_id, body=json.dumps(body))
    chunks = []
    for event in response["body"]:
        assert set(event) == {"chunk"}, event
        chunks.append(json.loads(event["chunk"]["bytes"]))
    return chunks, response
