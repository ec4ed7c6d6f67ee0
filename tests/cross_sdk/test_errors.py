"""Bedrock's errors as boto3 sees them: validation, model resolution, access, injected faults, retries."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError, EventStreamError

from support import (
    error_code,
    error_message,
    http_headers,
    response_text,
    status_code,
    user,
    with_behaviour,
)

HAIKU = "anthropic.claude-3-haiku-20240307-v1:0"
OPUS = "anthropic.claude-3-opus-20240229-v1:0"
SONNET_37 = "anthropic.claude-3-7-sonnet-20250219-v1:0"


def converse(client, text: str = "hello", model_id: str = HAIKU, **kw) -> dict:
    return client.converse(modelId=model_id, messages=[user(text)], **kw)


# --------------------------------------------------------------------------------------
# Malformed native bodies
# --------------------------------------------------------------------------------------

MALFORMED_BODIES = {
    "claude-without-anthropic-version": (
        HAIKU,
        {"max_tokens": 100, "messages": [{"role": "user", "content": "hi"}]},
    ),
    "claude-with-converse-style-content": (
        HAIKU,
        {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 100, "messages": [{"role": "user", "content": [{"text": "hi"}]}]},
    ),
    "llama-without-prompt": ("meta.llama3-1-70b-instruct-v1:0", {"max_gen_len": 100}),
    "titan-with-messages": ("amazon.titan-text-express-v1", {"messages": [{"role": "user", "content": "hi"}]}),
    "nova-without-messages": ("amazon.nova-lite-v1:0", {"schemaVersion": "messages-v1", "inferenceConfig": {}}),
    "mistral-without-prompt": ("mistral.mistral-7b-instruct-v0:2", {"max_tokens": 10}),
}


@pytest.mark.parametrize("model_id,body", MALFORMED_BODIES.values(), ids=MALFORMED_BODIES.keys())
def test_malformed_native_body_is_a_validation_exception(runtime, model_id, body):
    with pytest.raises(ClientError) as excinfo:
        runtime.invoke_model(modelId=model_id, body=json.dumps(body))
    assert error_code(excinfo) == "ValidationException"
    assert status_code(excinfo) == 400
    assert "Malformed input request" in error_message(excinfo)


def test_non_json_body_is_a_validation_exception(runtime):
    with pytest.raises(ClientError) as excinfo:
        runtime.invoke_model(modelId=HAIKU, body=b"this is not json")
    assert error_code(excinfo) == "ValidationException"


def test_error_wire_format(runtime):
    with pytest.raises(ClientError) as excinfo:
        runtime.invoke_model(modelId=HAIKU, body=json.dumps({"max_tokens": 1}))
    headers = http_headers(excinfo.value.response)
    assert headers["x-amzn-errortype"].split(":")[0] == "ValidationException"
    assert headers["x-amzn-requestid"] == excinfo.value.response["ResponseMetadata"]["RequestId"]


def test_converse_rejects_an_empty_message_list(runtime):
    with pytest.raises(ClientError) as excinfo:
        runtime.converse(modelId=HAIKU, messages=[])
    assert error_code(excinfo) == "ValidationException"


# --------------------------------------------------------------------------------------
# Model identifiers and access
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("model_id", [SONNET_37, "deepseek.r1-v1:0"])
def test_on_demand_not_supported_for_profile_only_models(runtime, model_id):
    with pytest.raises(ClientError) as excinfo:
        converse(runtime, model_id=model_id)
    assert error_code(excinfo) == "ValidationException"
    message = error_message(excinfo)
    assert model_id in message
    assert "on-demand throughput" in message
    assert "inference profile" in message


def test_invalid_model_identifier(runtime):
    with pytest.raises(ClientError) as excinfo:
        converse(runtime, model_id="anthropic.claude-99-nonexistent-v1:0")
    assert error_code(excinfo) == "ValidationException"
    assert error_message(excinfo) == "The provided model identifier is invalid."


def test_profile_of_another_geography_is_invalid(runtime):
    with pytest.raises(ClientError) as excinfo:
        converse(runtime, model_id=f"eu.{SONNET_37}")
    assert error_code(excinfo) == "ValidationException"


def test_retired_model_is_not_found(runtime):
    with pytest.raises(ClientError) as excinfo:
        converse(runtime, model_id="anthropic.claude-v2")
    assert error_code(excinfo) == "ResourceNotFoundException"
    assert status_code(excinfo) == 404


def test_model_without_access_is_denied_until_granted(runtime, emulator):
    with pytest.raises(ClientError) as excinfo:
        converse(runtime, model_id=OPUS)
    assert error_code(excinfo) == "AccessDeniedException"
    assert status_code(excinfo) == 403

    emulator.set_model_access(OPUS, True)
    try:
        assert response_text(converse(runtime, model_id=OPUS)).startswith("[Emulated Claude 3 Opus]")
    finally:
        emulator.set_model_access(OPUS, False)

    with pytest.raises(ClientError) as excinfo:
        runtime.invoke_model(
            modelId=OPUS,
            body=json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]}),
        )
    assert error_code(excinfo) == "AccessDeniedException"


# --------------------------------------------------------------------------------------
# Faults injected with the x-bedrock-emulator header
# --------------------------------------------------------------------------------------

HEADER_FAULTS = [
    ("throttling", "ThrottlingException", 429),
    ("access-denied", "AccessDeniedException", 403),
    ("expired-token", "ExpiredTokenException", 403),
    ("internal-server", "InternalServerException", 500),
    ("service-unavailable", "ServiceUnavailableException", 503),
    ("model-not-ready", "ModelNotReadyException", 429),
    ("validation", "ValidationException", 400),
]


@pytest.mark.parametrize("fault,code,status", HEADER_FAULTS, ids=[f[0] for f in HEADER_FAULTS])
def test_fault_header(make_client, emulator, fault, code, status):
    client = with_behaviour(make_client("bedrock-runtime"), f"fault={fault}")
    emulator.clear_requests()
    with pytest.raises(ClientError) as excinfo:
        converse(client)
    assert error_code(excinfo) == code
    assert status_code(excinfo) == status
    assert error_message(excinfo)
    recorded = emulator.requests("Converse")
    assert [r["status"] for r in recorded] == [status]  # retries are off: exactly one request


def test_throttling_header_on_invoke_model(make_client):
    client = with_behaviour(make_client("bedrock-runtime"), "fault=throttling")
    with pytest.raises(ClientError) as excinfo:
        client.invoke_model(modelId=HAIKU, body=json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 5, "messages": [{"role": "user", "content": "x"}]}))
    assert error_code(excinfo) == "ThrottlingException"


def test_model_timeout(make_client):
    client = with_behaviour(make_client("bedrock-runtime"), "fault=timeout; delay-ms=50")
    with pytest.raises(ClientError) as excinfo:
        converse(client)
    assert error_code(excinfo) == "ModelTimeoutException"
    assert status_code(excinfo) == 408


def test_output_tokens_shapes_the_reply(make_client):
    client = with_behaviour(make_client("bedrock-runtime"), "output-tokens=40")
    response = converse(client, "shape me")
    assert response["usage"]["outputTokens"] == 40
    assert response["stopReason"] == "end_turn"


def test_unknown_fault_name_is_rejected(make_client):
    client = with_behaviour(make_client("bedrock-runtime"), "fault=gremlins")
    with pytest.raises(ClientError) as excinfo:
        converse(client)
    assert error_code(excinfo) == "ValidationException"


# --------------------------------------------------------------------------------------
# Fault rules and retries
# --------------------------------------------------------------------------------------


def test_throttle_rule_with_retries_succeeds_on_the_third_attempt(make_client, emulator):
    emulator.add_fault(model="claude-3-haiku", operation="Converse", fault="throttling", times=2)
    retrying = make_client("bedrock-runtime", attempts=3)
    emulator.clear_requests()

    response = converse(retrying, "third time lucky")

    assert response_text(response).startswith("[Emulated Claude 3 Haiku]")
    assert response["ResponseMetadata"]["RetryAttempts"] == 2
    recorded = emulator.requests("Converse")
    assert [r["status"] for r in recorded] == [429, 429, 200]
    assert all(r["modelId"] == HAIKU for r in recorded)


def test_throttle_rule_without_retries_fails_then_is_used_up(runtime, emulator):
    emulator.add_fault(model="claude-3-haiku", operation="Converse", fault="throttling", times=1)
    with pytest.raises(ClientError) as excinfo:
        converse(runtime)
    assert error_code(excinfo) == "ThrottlingException"
    assert converse(runtime)["stopReason"] == "end_turn"


def test_rules_match_model_and_operation(runtime, emulator):
    emulator.add_fault(model="nova", operation="ConverseStream", fault="internal-server")
    # Other model, and same model but other operation: unaffected.
    assert converse(runtime, model_id=HAIKU)["stopReason"] == "end_turn"
    assert converse(runtime, model_id="amazon.nova-lite-v1:0")["stopReason"] == "end_turn"
    with pytest.raises(ClientError) as excinfo:
        runtime.converse_stream(modelId="amazon.nova-lite-v1:0", messages=[user("stream")])
    assert error_code(excinfo) == "InternalServerException"


def test_retries_exhausted_after_max_attempts(make_client, emulator):
    emulator.add_fault(model="claude-3-haiku", operation="Converse", fault="service-unavailable")
    retrying = make_client("bedrock-runtime", attempts=2)
    emulator.clear_requests()
    with pytest.raises(ClientError) as excinfo:
        converse(retrying)
    assert error_code(excinfo) == "ServiceUnavailableException"
    assert [r["status"] for r in emulator.requests("Converse")] == [503, 503]


# --------------------------------------------------------------------------------------
# Streams that fail midway
# --------------------------------------------------------------------------------------


def collect_until_error(stream) -> tuple[list[dict], Exception | None]:
    events = []
    try:
        for event in stream:
            events.append(event)
    except Exception as error:  # noqa: BLE001 - the test inspects what was raised
        return events, error
    return events, None


def test_converse_stream_fails_midway_with_model_stream_error(make_client):
    client = with_behaviour(make_client("bedrock-runtime"), "fault=stream-error; after=3")
    response = client.converse_stream(modelId=HAIKU, messages=[user("fail later")])
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200

    events, error = collect_until_error(response["stream"])

    assert isinstance(error, EventStreamError)
    assert error.response["Error"]["Code"] == "modelStreamErrorException"
    assert error.response["Error"]["Message"]
    assert len(events) == 3
    assert "messageStart" in events[0]
    assert all("contentBlockDelta" in e for e in events[1:])


def test_converse_stream_error_kind_is_selectable(make_client):
    client = with_behaviour(make_client("bedrock-runtime"), "fault=stream-error; after=1; error=throttling")
    response = client.converse_stream(modelId=HAIKU, messages=[user("throttle midway")])
    events, error = collect_until_error(response["stream"])
    assert isinstance(error, EventStreamError)
    assert error.response["Error"]["Code"] == "throttlingException"
    assert len(events) == 1


def test_invoke_stream_fails_midway(make_client):
    client = with_behaviour(make_client("bedrock-runtime"), "fault=stream-error; after=2")
    body = {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 200, "messages": [{"role": "user", "content": "x"}]}
    response = client.invoke_model_with_response_stream(modelId=HAIKU, body=json.dumps(body))
    events, error = collect_until_error(response["body"])
    assert isinstance(error, EventStreamError)
    assert error.response["Error"]["Code"] == "modelStreamErrorException"
    assert len(events) == 2 and all("chunk" in e for e in events)


@pytest.mark.parametrize("pace_ms", [0, 20])
def test_dropped_connection_ends_the_stream_with_an_error(make_client, pace_ms):
    # Contract: the connection drops after N frames, so the client has seen exactly N events.
    client = with_behaviour(make_client("bedrock-runtime"), f"fault=drop; after=2; pace-ms={pace_ms}")
    response = client.converse_stream(modelId=HAIKU, messages=[user("drop me")])
    events, error = collect_until_error(response["stream"])
    assert error is not None
    assert not isinstance(error, EventStreamError)  # a transport failure, not a modelled exception
    assert len(events) == 2
    assert not any("messageStop" in e or "metadata" in e for e in events)


# --------------------------------------------------------------------------------------
# Bearer tokens (Bedrock API keys)
# --------------------------------------------------------------------------------------


def test_bearer_token_auth_is_recorded(emulator, monkeypatch):
    import boto3
    from botocore.config import Config

    token = "ABSKZW11bGF0b3ItdGVzdC1rZXk=WXYZ"
    monkeypatch.setenv("AWS_BEARER_TOKEN_BEDROCK", token)
    client = boto3.session.Session(region_name="us-east-1").client(
        "bedrock-runtime",
        endpoint_url=emulator.url,
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
    )
    emulator.clear_requests()

    response = converse(client, "bearer hello")

    assert response["stopReason"] == "end_turn"
    (record,) = emulator.requests("Converse")
    assert record["caller"]["scheme"] == "bearer"
    assert record["caller"]["bearerKeySuffix"] == token[-4:]
    assert record["caller"].get("accessKeyId") is None
