"""Converse and ConverseStream through boto3's bedrock-runtime client."""

from __future__ import annotations

import json

import pytest

from support import response_text, user

HAIKU = "anthropic.claude-3-haiku-20240307-v1:0"
HAIKU_NAME = "Claude 3 Haiku"
SONNET_37_PROFILE = "us.anthropic.claude-3-7-sonnet-20250219-v1:0"

WEATHER_TOOL = {
    "toolSpec": {
        "name": "get_weather",
        "description": "Current weather for a city",
        "inputSchema": {
            "json": {
                "type": "object",
                "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
                "required": ["city", "unit"],
            }
        },
    }
}


def converse(runtime, text: str, model_id: str = HAIKU, **kw) -> dict:
    return runtime.converse(modelId=model_id, messages=[user(text)], **kw)


# --------------------------------------------------------------------------------------
# Converse
# --------------------------------------------------------------------------------------


def test_text_reply_names_the_model_and_reflects_the_prompt(runtime):
    response = converse(runtime, "What is distributed tracing?")

    message = response["output"]["message"]
    assert message["role"] == "assistant"
    assert len(message["content"]) == 1 and set(message["content"][0]) == {"text"}
    text = message["content"][0]["text"]
    assert text.startswith(f"[Emulated {HAIKU_NAME}]"), text
    assert "What is distributed tracing?" in text
    assert response["stopReason"] == "end_turn"

    usage = response["usage"]
    assert usage["inputTokens"] > 0 and usage["outputTokens"] > 0
    assert usage["totalTokens"] == usage["inputTokens"] + usage["outputTokens"]
    assert isinstance(response["metrics"]["latencyMs"], int)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["ResponseMetadata"]["RequestId"]


def test_converse_responses_carry_no_invoke_token_headers(runtime):
    headers = converse(runtime, "hello")["ResponseMetadata"]["HTTPHeaders"]
    assert "x-amzn-requestid" in headers
    assert "x-amzn-bedrock-input-token-count" not in headers


def test_system_prompt_is_reflected(runtime):
    response = converse(runtime, "Explain spans.", system=[{"text": "You are a terse pirate."}])
    text = response_text(response)
    assert "You are a terse pirate." in text
    assert "Explain spans." in text


def test_same_request_gives_the_same_reply(runtime):
    first = response_text(converse(runtime, "Determinism check"))
    second = response_text(converse(runtime, "Determinism check"))
    assert first == second


@pytest.mark.parametrize("max_tokens", [1, 5, 12])
def test_max_tokens_truncates_with_stop_reason_max_tokens(runtime, max_tokens):
    response = converse(runtime, "Tell me a long story about tracing.", inferenceConfig={"maxTokens": max_tokens})
    assert response["stopReason"] == "max_tokens"
    assert response["usage"]["outputTokens"] == max_tokens
    assert response_text(response)  # something was said before the cut


def test_max_tokens_reply_is_a_prefix_of_the_full_reply(runtime):
    full = response_text(converse(runtime, "Prefix check please"))
    short = response_text(converse(runtime, "Prefix check please", inferenceConfig={"maxTokens": 6}))
    assert len(short) < len(full)
    assert full.startswith(short)


def test_stop_sequence_cuts_the_reply(runtime):
    # The reply reflects the prompt, so a word from the prompt is certain to occur in it.
    response = converse(runtime, "please say BANANA twice", inferenceConfig={"stopSequences": ["BANANA"]})
    assert response["stopReason"] == "stop_sequence"
    text = response_text(response)
    assert "BANANA" not in text
    assert text.startswith(f"[Emulated {HAIKU_NAME}]")
    assert text.rstrip().endswith("please say")


def test_multi_turn_conversation(runtime):
    first = converse(runtime, "My name is Ada.")
    history = [user("My name is Ada."), first["output"]["message"], user("What is my name?")]

    second = runtime.converse(modelId=HAIKU, messages=history)

    text = response_text(second)
    assert "What is my name?" in text
    assert "turn 2" in text
    assert second["usage"]["inputTokens"] > first["usage"]["inputTokens"]


def test_inference_profile_id_works_for_profile_only_model(runtime):
    response = converse(runtime, "hi via profile", model_id=SONNET_37_PROFILE)
    assert response_text(response).startswith("[Emulated Claude 3.7 Sonnet]")


def test_foundation_model_arn_works_as_model_id(runtime):
    arn = f"arn:aws:bedrock:us-east-1::foundation-model/{HAIKU}"
    response = converse(runtime, "hi via arn", model_id=arn)
    assert response_text(response).startswith(f"[Emulated {HAIKU_NAME}]")


def test_deepseek_r1_reasons_before_answering(runtime):
    response = converse(runtime, "Why is the sky blue?", model_id="us.deepseek.r1-v1:0")
    content = response["output"]["message"]["content"]
    assert [next(iter(block)) for block in content] == ["reasoningContent", "text"]
    assert "Why is the sky blue?" in content[0]["reasoningContent"]["reasoningText"]["text"]
    assert content[1]["text"].startswith("[Emulated DeepSeek-R1]")


def test_max_tokens_also_bounds_reasoning(runtime):
    # maxTokens caps all generated tokens, reasoning included.
    response = converse(
        runtime, "Why is the sky blue?", model_id="us.deepseek.r1-v1:0", inferenceConfig={"maxTokens": 6}
    )
    assert response["stopReason"] == "max_tokens"
    assert response["usage"]["outputTokens"] == 6


def test_tool_use_then_tool_result(runtime):
    tool_config = {"tools": [WEATHER_TOOL]}
    question = user("Please use get_weather for Paris")

    first = runtime.converse(modelId=HAIKU, messages=[question], toolConfig=tool_config)

    assert first["stopReason"] == "tool_use"
    content = first["output"]["message"]["content"]
    tool_uses = [block["toolUse"] for block in content if "toolUse" in block]
    assert len(tool_uses) == 1
    call = tool_uses[0]
    assert call["name"] == "get_weather"
    assert call["toolUseId"]
    # The input satisfies the tool's schema: both required keys, the enum honoured.
    assert isinstance(call["input"]["city"], str) and call["input"]["city"]
    assert call["input"]["unit"] in ("celsius", "fahrenheit")

    result = {
        "role": "user",
        "content": [
            {
                "toolResult": {
                    "toolUseId": call["toolUseId"],
                    "content": [{"json": {"temperature": 21, "sky": "clear"}}],
                    "status": "success",
                }
            }
        ],
    }
    second = runtime.converse(
        modelId=HAIKU, messages=[question, first["output"]["message"], result], toolConfig=tool_config
    )

    assert second["stopReason"] == "end_turn"
    assert not any("toolUse" in block for block in second["output"]["message"]["content"])
    text = response_text(second)
    assert call["toolUseId"] in text


def test_tool_choice_forces_a_named_tool(runtime):
    response = runtime.converse(
        modelId=HAIKU,
        messages=[user("Something unrelated")],
        toolConfig={"tools": [WEATHER_TOOL], "toolChoice": {"tool": {"name": "get_weather"}}},
    )
    assert response["stopReason"] == "tool_use"
    blocks = response["output"]["message"]["content"]
    assert [b["toolUse"]["name"] for b in blocks if "toolUse" in b] == ["get_weather"]


def test_tools_not_mentioned_are_not_called(runtime):
    response = runtime.converse(
        modelId=HAIKU, messages=[user("Just say hello")], toolConfig={"tools": [WEATHER_TOOL]}
    )
    assert response["stopReason"] == "end_turn"


# --------------------------------------------------------------------------------------
# ConverseStream
# --------------------------------------------------------------------------------------


def stream_events(runtime, **request) -> list[tuple[str, dict]]:
    response = runtime.converse_stream(**request)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    events = []
    for event in response["stream"]:
        assert len(event) == 1, event
        (name, payload), = event.items()
        events.append((name, payload))
    return events


def test_stream_event_order_and_text_matches_converse(runtime):
    request = {
        "modelId": HAIKU,
        "messages": [user("Stream this, please")],
        "system": [{"text": "Be kind."}],
    }
    events = stream_events(runtime, **request)
    names = [name for name, _ in events]

    assert names[0] == "messageStart"
    assert events[0][1]["role"] == "assistant"
    assert names[-2:] == ["messageStop", "metadata"]
    assert names[-3] == "contentBlockStop"
    middle = names[1:-3]
    assert middle and set(middle) == {"contentBlockDelta"}, names
    assert all(payload["contentBlockIndex"] == 0 for name, payload in events if name.startswith("contentBlock"))

    streamed = "".join(payload["delta"]["text"] for name, payload in events if name == "contentBlockDelta")
    non_streamed = runtime.converse(**request)
    assert streamed == response_text(non_streamed)

    assert events[-2][1]["stopReason"] == non_streamed["stopReason"] == "end_turn"
    metadata = events[-1][1]
    assert metadata["usage"] == non_streamed["usage"]
    assert isinstance(metadata["metrics"]["latencyMs"], int)


def test_stream_honours_max_tokens(runtime):
    events = stream_events(
        runtime, modelId=HAIKU, messages=[user("long stream")], inferenceConfig={"maxTokens": 7}
    )
    deltas = [p for n, p in events if n == "contentBlockDelta"]
    stop = dict(events)["messageStop"]
    assert stop["stopReason"] == "max_tokens"
    assert dict(events)["metadata"]["usage"]["outputTokens"] == 7
    assert 1 <= len(deltas) <= 7


def test_stream_tool_use(runtime):
    events = stream_events(
        runtime,
        modelId=HAIKU,
        messages=[user("Please use get_weather for Oslo")],
        toolConfig={"tools": [WEATHER_TOOL]},
    )
    names = [n for n, _ in events]
    starts = [p for n, p in events if n == "contentBlockStart"]
    assert len(starts) == 1
    start = starts[0]
    assert start["start"]["toolUse"]["name"] == "get_weather"
    index = start["contentBlockIndex"]
    fragments = [
        p["delta"]["toolUse"]["input"]
        for n, p in events
        if n == "contentBlockDelta" and p["contentBlockIndex"] == index
    ]
    tool_input = json.loads("".join(fragments))
    assert set(tool_input) == {"city", "unit"}
    assert dict(events)["messageStop"]["stopReason"] == "tool_use"
    assert names[-1] == "metadata"
