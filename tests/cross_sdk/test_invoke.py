"""InvokeModel and InvokeModelWithResponseStream with each family's native body format."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

import pytest

from support import http_headers, invoke_json, stream_chunks

PROMPT = "What is observability?"
SYSTEM = "Answer like a librarian."


@dataclass
class Family:
    """How one model family is called natively, and where its answer and counts are."""

    name: str
    model_id: str
    model_name: str
    request: Callable[[str, int | None], dict]  # (prompt, max tokens) -> body
    text: Callable[[dict], str]  # response body -> generated text
    stop: Callable[[dict], str]  # response body -> stop/finish reason
    done: str  # stop reason for a complete answer
    truncated: str  # stop reason when the token limit cut the answer
    reflects_system: bool = True
    output_tokens: Callable[[dict], int] | None = None  # response body -> output token count
    input_tokens: Callable[[dict], int] | None = None
    chunk_text: Callable[[dict], str] | None = None  # stream chunk -> text piece


def _claude(prompt, max_tokens):
    return {
        "anthropic_version": "bedrock-2023-05-31",
        "max_tokens": max_tokens or 512,
        "system": SYSTEM,
        "messages": [{"role": "user", "content": [{"type": "text", "text": prompt}]}],
    }


def _llama(prompt, max_tokens):
    return {
        "prompt": (
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
            f"{SYSTEM}<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n"
            f"{prompt}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
        ),
        "max_gen_len": max_tokens or 512,
        "temperature": 0.5,
    }


def _titan(prompt, max_tokens):
    return {"inputText": prompt, "textGenerationConfig": {"maxTokenCount": max_tokens or 512, "temperature": 0}}


def _nova(prompt, max_tokens):
    return {
        "schemaVersion": "messages-v1",
        "system": [{"text": SYSTEM}],
        "messages": [{"role": "user", "content": [{"text": prompt}]}],
        "inferenceConfig": {"max_new_tokens": max_tokens or 512},
    }


def _mistral(prompt, max_tokens):
    return {"prompt": f"<s>[INST] {prompt} [/INST]", "max_tokens": max_tokens or 512}


def _cohere(prompt, max_tokens):
    return {"message": prompt, "preamble": SYSTEM, "max_tokens": max_tokens or 512}


def _jamba(prompt, max_tokens):
    return {
        "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}],
        "max_tokens": max_tokens or 512,
    }


def _deepseek(prompt, max_tokens):
    return {"prompt": prompt, "max_tokens": max_tokens or 4096}


def _nova_chunk(chunk):
    return chunk.get("contentBlockDelta", {}).get("delta", {}).get("text", "")


def _cohere_chunk(chunk):
    return chunk.get("text", "") if chunk.get("event_type") == "text-generation" else ""


def _jamba_chunk(chunk):
    choices = chunk.get("choices") or [{}]
    return (choices[0].get("delta") or {}).get("content") or ""


FAMILIES = [
    Family(
        "claude",
        "anthropic.claude-3-haiku-20240307-v1:0",
        "Claude 3 Haiku",
        _claude,
        text=lambda b: "".join(c["text"] for c in b["content"] if c["type"] == "text"),
        stop=lambda b: b["stop_reason"],
        done="end_turn",
        truncated="max_tokens",
        output_tokens=lambda b: b["usage"]["output_tokens"],
        input_tokens=lambda b: b["usage"]["input_tokens"],
        chunk_text=lambda c: c["delta"].get("text", "") if c["type"] == "content_block_delta" else "",
    ),
    Family(
        "llama",
        "meta.llama3-1-70b-instruct-v1:0",
        "Llama 3.1 70B Instruct",
        _llama,
        text=lambda b: b["generation"],
        stop=lambda b: b["stop_reason"],
        done="stop",
        truncated="length",
        output_tokens=lambda b: b["generation_token_count"],
        input_tokens=lambda b: b["prompt_token_count"],
        chunk_text=lambda c: c.get("generation") or "",
    ),
    Family(
        "titan-text",
        "amazon.titan-text-express-v1",
        "Titan Text G1 - Express",
        _titan,
        text=lambda b: b["results"][0]["outputText"],
        stop=lambda b: b["results"][0]["completionReason"],
        done="FINISH",
        truncated="LENGTH",
        reflects_system=False,
        output_tokens=lambda b: b["results"][0]["tokenCount"],
        input_tokens=lambda b: b["inputTextTokenCount"],
        chunk_text=lambda c: c.get("outputText") or "",
    ),
    Family(
        "nova",
        "amazon.nova-lite-v1:0",
        "Nova Lite",
        _nova,
        text=lambda b: "".join(c.get("text", "") for c in b["output"]["message"]["content"]),
        stop=lambda b: b["stopReason"],
        done="end_turn",
        truncated="max_tokens",
        output_tokens=lambda b: b["usage"]["outputTokens"],
        input_tokens=lambda b: b["usage"]["inputTokens"],
        chunk_text=_nova_chunk,
    ),
    Family(
        "mistral",
        "mistral.mistral-7b-instruct-v0:2",
        "Mistral 7B Instruct",
        _mistral,
        text=lambda b: b["outputs"][0]["text"],
        stop=lambda b: b["outputs"][0]["stop_reason"],
        done="stop",
        truncated="length",
        reflects_system=False,
        chunk_text=lambda c: (c.get("outputs") or [{}])[0].get("text") or "",
    ),
    Family(
        "cohere-command-r",
        "cohere.command-r-v1:0",
        "Command R",
        _cohere,
        text=lambda b: b["text"],
        stop=lambda b: b["finish_reason"],
        done="COMPLETE",
        truncated="MAX_TOKENS",
        chunk_text=_cohere_chunk,
    ),
    Family(
        "jamba",
        "ai21.jamba-1-5-mini-v1:0",
        "Jamba 1.5 Mini",
        _jamba,
        text=lambda b: b["choices"][0]["message"]["content"],
        stop=lambda b: b["choices"][0]["finish_reason"],
        done="stop",
        truncated="length",
        output_tokens=lambda b: b["usage"]["completion_tokens"],
        input_tokens=lambda b: b["usage"]["prompt_tokens"],
        chunk_text=_jamba_chunk,
    ),
    Family(
        "deepseek-r1",
        "us.deepseek.r1-v1:0",
        "DeepSeek-R1",
        _deepseek,
        text=lambda b: b["choices"][0]["text"],
        stop=lambda b: b["choices"][0]["stop_reason"],
        done="stop",
        truncated="length",
        reflects_system=False,
        chunk_text=lambda c: (c.get("choices") or [{}])[0].get("text") or "",
    ),
]

BY_NAME = {f.name: f for f in FAMILIES}
family_params = pytest.mark.parametrize("family", FAMILIES, ids=[f.name for f in FAMILIES])


def token_headers(headers: dict) -> tuple[int, int, int]:
    return (
        int(headers["x-amzn-bedrock-input-token-count"]),
        int(headers["x-amzn-bedrock-output-token-count"]),
        int(headers["x-amzn-bedrock-invocation-latency"]),
    )


# --------------------------------------------------------------------------------------
# InvokeModel
# --------------------------------------------------------------------------------------


@family_params
def test_invoke_native_body(runtime, family):
    body, headers = invoke_json(runtime, family.model_id, family.request(PROMPT, None))

    text = family.text(body)
    assert f"[Emulated {family.model_name}]" in text, text
    if family.name != "deepseek-r1":  # R1 may put its reasoning first
        assert text.startswith(f"[Emulated {family.model_name}]"), text
    assert PROMPT in text
    if family.reflects_system:
        assert SYSTEM in text
    assert family.stop(body) == family.done

    input_count, output_count, latency = token_headers(headers)
    assert input_count > 0 and output_count > 0 and latency >= 0
    if family.output_tokens:
        assert family.output_tokens(body) == output_count
    if family.input_tokens:
        assert family.input_tokens(body) == input_count


@family_params
def test_invoke_token_limit(runtime, family):
    body, headers = invoke_json(runtime, family.model_id, family.request(PROMPT, 6))
    assert family.stop(body) == family.truncated
    _, output_count, _ = token_headers(headers)
    assert output_count == 6
    if family.output_tokens:
        assert family.output_tokens(body) == 6


def test_claude_response_shape(runtime):
    body, _ = invoke_json(runtime, BY_NAME["claude"].model_id, _claude(PROMPT, None))
    assert body["id"].startswith("msg_")
    assert body["type"] == "message"
    assert body["role"] == "assistant"
    assert isinstance(body["model"], str) and body["model"]
    assert [c["type"] for c in body["content"]] == ["text"]
    assert body["stop_sequence"] is None
    assert set(body["usage"]) >= {"input_tokens", "output_tokens"}


def test_claude_plain_string_content_and_stop_sequences(runtime):
    request = {
        "anthropic_version": "bedrock-2023-05-31",
        "max_tokens": 300,
        "messages": [{"role": "user", "content": "please echo PINEAPPLE for me"}],
        "stop_sequences": ["PINEAPPLE"],
    }
    body, _ = invoke_json(runtime, BY_NAME["claude"].model_id, request)
    assert body["stop_reason"] == "stop_sequence"
    assert body["stop_sequence"] == "PINEAPPLE"
    assert "PINEAPPLE" not in body["content"][0]["text"]


def test_claude_tool_use_native(runtime):
    request = {
        "anthropic_version": "bedrock-2023-05-31",
        "max_tokens": 300,
        "messages": [{"role": "user", "content": "Use get_time for Tokyo"}],
        "tools": [
            {
                "name": "get_time",
                "description": "Local time",
                "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
            }
        ],
    }
    body, _ = invoke_json(runtime, BY_NAME["claude"].model_id, request)
    assert body["stop_reason"] == "tool_use"
    tool_blocks = [c for c in body["content"] if c["type"] == "tool_use"]
    assert len(tool_blocks) == 1
    assert tool_blocks[0]["name"] == "get_time"
    assert tool_blocks[0]["id"]
    assert isinstance(tool_blocks[0]["input"]["city"], str)


def test_llama_response_shape(runtime):
    body, _ = invoke_json(runtime, BY_NAME["llama"].model_id, _llama(PROMPT, None))
    assert set(body) >= {"generation", "prompt_token_count", "generation_token_count", "stop_reason"}


def test_titan_response_shape(runtime):
    body, _ = invoke_json(runtime, BY_NAME["titan-text"].model_id, _titan(PROMPT, None))
    assert isinstance(body["inputTextTokenCount"], int)
    assert len(body["results"]) == 1
    assert set(body["results"][0]) >= {"tokenCount", "outputText", "completionReason"}


def test_nova_response_shape(runtime):
    body, _ = invoke_json(runtime, BY_NAME["nova"].model_id, _nova(PROMPT, None))
    assert body["output"]["message"]["role"] == "assistant"
    usage = body["usage"]
    assert usage["totalTokens"] == usage["inputTokens"] + usage["outputTokens"]


def test_cohere_command_r_response_shape(runtime):
    body, _ = invoke_json(runtime, BY_NAME["cohere-command-r"].model_id, _cohere(PROMPT, None))
    assert set(body) >= {"response_id", "text", "generation_id", "finish_reason"}


def test_jamba_response_shape(runtime):
    body, _ = invoke_json(runtime, BY_NAME["jamba"].model_id, _jamba(PROMPT, None))
    choice = body["choices"][0]
    assert choice["index"] == 0
    assert choice["message"]["role"] == "assistant"
    usage = body["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


def test_invoke_accepts_an_explicit_content_type(runtime):
    body, _ = invoke_json(
        runtime,
        BY_NAME["claude"].model_id,
        _claude("content type check", None),
        contentType="application/json",
        accept="application/json",
    )
    assert body["type"] == "message"


# --------------------------------------------------------------------------------------
# InvokeModelWithResponseStream
# --------------------------------------------------------------------------------------


@family_params
def test_stream_chunks_concatenate_to_the_invoke_answer(runtime, family):
    request = family.request(PROMPT, None)
    chunks, response = stream_chunks(runtime, family.model_id, request)
    assert response["contentType"] == "application/json"
    assert len(chunks) >= 2

    metrics = chunks[-1]["amazon-bedrock-invocationMetrics"]
    assert set(metrics) >= {"inputTokenCount", "outputTokenCount", "invocationLatency", "firstByteLatency"}
    assert all("amazon-bedrock-invocationMetrics" not in c for c in chunks[:-1])

    body, headers = invoke_json(runtime, family.model_id, request)
    streamed = "".join(family.chunk_text(c) for c in chunks)
    assert streamed == family.text(body)
    input_count, output_count, _ = token_headers(headers)
    assert metrics["inputTokenCount"] == input_count
    assert metrics["outputTokenCount"] == output_count


def test_claude_stream_event_order(runtime):
    chunks, _ = stream_chunks(runtime, BY_NAME["claude"].model_id, _claude(PROMPT, None))
    types = [c["type"] for c in chunks]
    assert types[:2] == ["message_start", "content_block_start"]
    assert types[-3:] == ["content_block_stop", "message_delta", "message_stop"]
    assert set(types[2:-3]) == {"content_block_delta"}
    assert chunks[0]["message"]["role"] == "assistant"
    assert chunks[1]["content_block"] == {"type": "text", "text": ""}
    assert all(c["delta"]["type"] == "text_delta" for c in chunks if c["type"] == "content_block_delta")
    assert chunks[-2]["delta"]["stop_reason"] == "end_turn"
    assert chunks[-2]["usage"]["output_tokens"] == chunks[-1]["amazon-bedrock-invocationMetrics"]["outputTokenCount"]


def test_llama_stream_last_chunk_has_stop_reason(runtime):
    chunks, _ = stream_chunks(runtime, BY_NAME["llama"].model_id, _llama(PROMPT, None))
    assert all("generation" in c for c in chunks)
    assert chunks[-1]["stop_reason"] == "stop"
    assert all(c.get("stop_reason") is None for c in chunks[:-1])


def test_titan_stream_completion_reason(runtime):
    chunks, _ = stream_chunks(runtime, BY_NAME["titan-text"].model_id, _titan(PROMPT, None))
    assert chunks[-1]["completionReason"] == "FINISH"
    assert all(c["index"] == 0 for c in chunks)


def test_nova_stream_events_are_nested_converse_events(runtime):
    chunks, _ = stream_chunks(runtime, BY_NAME["nova"].model_id, _nova(PROMPT, None))
    names = [next(k for k in c if k != "amazon-bedrock-invocationMetrics") for c in chunks]
    assert names[0] == "messageStart"
    assert "contentBlockDelta" in names
    assert "messageStop" in names
    stop = next(c["messageStop"] for c in chunks if "messageStop" in c)
    assert stop["stopReason"] == "end_turn"


def test_stream_response_header_content_type(runtime):
    _, response = stream_chunks(runtime, BY_NAME["claude"].model_id, _claude("hdr", None))
    headers = http_headers(response)
    assert headers["content-type"] == "application/vnd.amazon.eventstream"
    assert headers["x-amzn-bedrock-content-type"] == "application/json"


# --------------------------------------------------------------------------------------
# CountTokens
# --------------------------------------------------------------------------------------

def _has_count_tokens() -> bool:
    import botocore.session

    model = botocore.session.get_session().get_service_model("bedrock-runtime")
    return "CountTokens" in model.operation_names


needs_count_tokens = pytest.mark.skipif(
    not _has_count_tokens(), reason="the installed botocore has no bedrock-runtime CountTokens"
)


@needs_count_tokens
def test_count_tokens_for_converse_matches_converse_usage(runtime):
    messages = [{"role": "user", "content": [{"text": "Count the tokens in this sentence, please."}]}]
    system = [{"text": SYSTEM}]

    counted = runtime.count_tokens(
        modelId=BY_NAME["claude"].model_id, input={"converse": {"messages": messages, "system": system}}
    )

    assert isinstance(counted["inputTokens"], int) and counted["inputTokens"] > 0
    used = runtime.converse(modelId=BY_NAME["claude"].model_id, messages=messages, system=system)
    assert counted["inputTokens"] == used["usage"]["inputTokens"]


@needs_count_tokens
def test_count_tokens_for_invoke_model_matches_the_invoke_header(runtime):
    body = _claude("How many tokens is this?", None)

    counted = runtime.count_tokens(
        modelId=BY_NAME["claude"].model_id, input={"invokeModel": {"body": json.dumps(body).encode()}}
    )

    _, headers = invoke_json(runtime, BY_NAME["claude"].model_id, body)
    assert counted["inputTokens"] == int(headers["x-amzn-bedrock-input-token-count"])


@needs_count_tokens
def test_count_tokens_grows_with_the_input(runtime):
    def count(text):
        return runtime.count_tokens(
            modelId=BY_NAME["claude"].model_id,
            input={"converse": {"messages": [{"role": "user", "content": [{"text": text}]}]}},
        )["inputTokens"]

    assert count("short") < count("a considerably longer input sentence with many more words in it")
