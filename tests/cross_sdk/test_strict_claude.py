"""Claude's own rules as boto3 sees them: extended thinking on Converse, ConverseStream,
InvokeModel and InvokeModelWithResponseStream, thinking signatures, and the native body's checks.
Every refusal is a 400 ValidationException with Bedrock's exact words."""

from __future__ import annotations

import copy
import json

import pytest
from botocore.exceptions import ClientError

from support import error_code, error_message, status_code, user

SONNET = "us.anthropic.claude-3-7-sonnet-20250219-v1:0"
HAIKU = "anthropic.claude-3-haiku-20240307-v1:0"
PREFIX = "The model returned the following errors: "
WEATHER_SCHEMA = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
CONVERSE_TOOLS = {"tools": [{"toolSpec": {"name": "get_weather", "description": "The weather in a city", "inputSchema": {"json": WEATHER_SCHEMA}}}]}
NATIVE_TOOLS = [{"name": "get_weather", "description": "The weather in a city", "input_schema": WEATHER_SCHEMA}]
MAX_TOKENS_MESSAGE = (
    "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at "
    "https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size"
)
FORCED_TOOL_MESSAGE = "Thinking may not be enabled when tool_choice forces tool use."
INVALID_SIGNATURE = "messages.1.content.0: Invalid `signature` in `thinking` block"
MODIFIED = (
    "messages.1.content.0: `thinking` or `redacted_thinking` blocks in the latest assistant message cannot be "
    "modified. These blocks must remain as they were in the original response."
)


def thinking(budget: int = 2000) -> dict:
    return {"type": "enabled", "budget_tokens": budget}


def missing_thinking(index: int, found: str) -> str:
    return (
        f"messages.{index}.content.0.type: Expected `thinking` or `redacted_thinking`, but found `{found}`. "
        "When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding "
        "the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from "
        "previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at "
        "https://docs.claude.com/en/docs/build-with-claude/extended-thinking"
    )


def refusal(call, **request) -> str:
    with pytest.raises(ClientError) as excinfo:
        response = call(**request)
        for _ in response.get("stream", response.get("body", [])):
            pass
    assert error_code(excinfo) == "ValidationException"
    assert status_code(excinfo) == 400
    return error_message(excinfo)


# --------------------------------------------------------------------------------------
# Converse and native requests with thinking on
# --------------------------------------------------------------------------------------


def converse_request(messages: list[dict], **change) -> dict:
    inference = {"maxTokens": change.pop("max_tokens", 3000)}
    for native, converse in (("temperature", "temperature"), ("top_p", "topP")):
        if native in change:
            inference[converse] = change.pop(native)
    tools = dict(CONVERSE_TOOLS)
    choice = change.pop("tool_choice", None)
    if choice is not None:
        tools["toolChoice"] = {"any": {}} if choice["type"] == "any" else {"tool": {"name": choice["name"]}}
    fields = {"thinking": thinking(), **change}
    return {
        "modelId": SONNET,
        "messages": messages,
        "inferenceConfig": inference,
        "toolConfig": tools,
        "additionalModelRequestFields": fields,
    }


def native_request(messages: list[dict], model_id: str = SONNET, **change) -> dict:
    body = {
        "anthropic_version": "bedrock-2023-05-31",
        "max_tokens": 3000,
        "thinking": thinking(),
        "tools": NATIVE_TOOLS,
        "messages": messages,
        **change,
    }
    return {"modelId": model_id, "body": json.dumps(body)}


def assert_converse_refuses(runtime, request: dict, claude_message: str) -> None:
    assert refusal(runtime.converse, **request) == PREFIX + claude_message
    assert refusal(runtime.converse_stream, **request) == PREFIX + claude_message


def assert_invoke_refuses(runtime, request: dict, message: str) -> None:
    assert refusal(runtime.invoke_model, **request) == message
    assert refusal(runtime.invoke_model_with_response_stream, **request) == message


SETTINGS = {
    "temperature": ({"temperature": 0.7}, "temperature may only be set to 1 when thinking is enabled."),
    "top_p": ({"top_p": 0.9}, "top_p must be unset when thinking is enabled."),
    "top_k": ({"top_k": 40}, "top_k must be unset when thinking is enabled."),
    "budget": (
        {"thinking": thinking(1000)},
        "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024",
    ),
    "max_tokens": ({"max_tokens": 2000}, MAX_TOKENS_MESSAGE),
    "tool_choice_any": ({"tool_choice": {"type": "any"}}, FORCED_TOOL_MESSAGE),
    "tool_choice_tool": ({"tool_choice": {"type": "tool", "name": "get_weather"}}, FORCED_TOOL_MESSAGE),
}


@pytest.mark.parametrize("change,message", SETTINGS.values(), ids=SETTINGS.keys())
def test_thinking_refuses_the_settings_claude_refuses(runtime, change, message):
    question = "What is the weather like?"
    assert_converse_refuses(runtime, converse_request([user(question)], **copy.deepcopy(change)), message)
    native = native_request([{"role": "user", "content": question}], **change)
    assert_invoke_refuses(runtime, native, message)


def test_thinking_takes_temperature_one(runtime):
    request = converse_request([user("What is the weather like?")], temperature=1)
    content = runtime.converse(**request)["output"]["message"]["content"]
    assert "reasoningContent" in content[0]
    native = native_request([{"role": "user", "content": "What is the weather like?"}], temperature=1)
    body = json.loads(runtime.invoke_model(**native)["body"].read())
    assert body["content"][0]["type"] == "thinking"


def test_converse_relays_an_unknown_additional_field_in_claudes_words(runtime):
    # litellm#7416: Claude's schema error, behind the Converse prefix.
    request = converse_request([user("What is the weather like?")], chat_id="c-1")
    assert_converse_refuses(
        runtime,
        request,
        "Malformed input request: #: extraneous key [chat_id] is not permitted, please reformat your input and try again.",
    )


@pytest.mark.parametrize(
    "model", ["us.anthropic.claude-sonnet-4-20250514-v1:0", "us.anthropic.claude-opus-4-1-20250805-v1:0"]
)
def test_claude_4_names_an_unknown_additional_field_as_an_extra_input(runtime, model):
    # litellm#13825 (Sonnet 4), litellm#13609 (Opus 4.1): Anthropic's wording, behind the prefix.
    for call in (runtime.converse, runtime.converse_stream):
        message = refusal(
            call, modelId=model, messages=[user("Hi")], additionalModelRequestFields={"guardrails": {}}
        )
        assert message == PREFIX + "guardrails: Extra inputs are not permitted"


def test_bedrocks_checks_come_before_claudes_validator(runtime, make_client):
    blank = (
        "The text field in the ContentBlock object at messages.0.content.0 is blank. "
        "Add text to the text field, and try again."
    )
    request = converse_request([user(" ")], temperature=0.7)
    for call in (runtime.converse, runtime.converse_stream):
        assert refusal(call, **request) == blank
    unvalidated = make_client("bedrock-runtime", parameter_validation=False)
    request = converse_request([user(" ")], temperature=1.5)
    assert refusal(unvalidated.converse_stream, **request) == (
        "1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy "
        "constraint: Member must have value less than or equal to 1"
    )


# --------------------------------------------------------------------------------------
# Tool use over several turns, reasoning blocks sent back
# --------------------------------------------------------------------------------------


def streamed_message(runtime, request: dict) -> dict:
    """The assistant message rebuilt from ConverseStream events, as a client does."""
    reasoning = {"text": "", "signature": ""}
    text, tool, tool_input = "", None, ""
    for event in runtime.converse_stream(**request)["stream"]:
        if "contentBlockStart" in event and "toolUse" in event["contentBlockStart"]["start"]:
            tool = dict(event["contentBlockStart"]["start"]["toolUse"])
        delta = event.get("contentBlockDelta", {}).get("delta", {})
        for key in ("text", "signature"):
            reasoning[key] += delta.get("reasoningContent", {}).get(key, "")
        text += delta.get("text", "")
        tool_input += delta.get("toolUse", {}).get("input", "")
    assert reasoning["signature"], "the reasoning delta carries a signature"
    content = [{"reasoningContent": {"reasoningText": reasoning}}]
    if text:
        content.append({"text": text})
    if tool is not None:
        content.append({"toolUse": {**tool, "input": json.loads(tool_input)}})
    return {"role": "assistant", "content": content}


def tool_result(message: dict) -> dict:
    tool_use = next(block["toolUse"] for block in message["content"] if "toolUse" in block)
    return {"role": "user", "content": [{"toolResult": {"toolUseId": tool_use["toolUseId"], "content": [{"text": "18 degrees and sunny"}]}}]}


def without_reasoning(message: dict, keep=lambda block: "reasoningContent" not in block) -> dict:
    return {"role": "assistant", "content": [block for block in message["content"] if keep(block)]}


def test_converse_tool_turns_with_their_reasoning_blocks_succeed(runtime):
    messages = [user("Use get_weather for Paris")]
    first = streamed_message(runtime, converse_request(messages))
    messages += [first, tool_result(first)]
    second = runtime.converse(**converse_request(messages))["output"]["message"]
    assert "reasoningContent" in second["content"][0]
    messages += [second, user("Now use get_weather for Rome")]
    third = runtime.converse(**converse_request(messages))["output"]["message"]
    messages += [third, tool_result(third)]
    latest = len(messages) - 2
    streamed_message(runtime, converse_request(messages))

    dropped_earlier = copy.deepcopy(messages)
    dropped_earlier[1] = without_reasoning(messages[1])
    runtime.converse(**converse_request(dropped_earlier))

    dropped_latest = copy.deepcopy(messages)
    dropped_latest[latest] = without_reasoning(messages[latest])
    assert_converse_refuses(runtime, converse_request(dropped_latest), missing_thinking(latest, "text"))
    dropped_latest[latest] = without_reasoning(messages[latest], keep=lambda block: "toolUse" in block)
    assert_converse_refuses(runtime, converse_request(dropped_latest), missing_thinking(latest, "tool_use"))


def native_tool_result(content: list[dict]) -> dict:
    tool_use = next(block for block in content if block["type"] == "tool_use")
    return {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tool_use["id"], "content": "18 degrees and sunny"}]}


def streamed_native_content(runtime, request: dict) -> list[dict]:
    """The message content rebuilt from native stream chunks (thinking, signature and text deltas)."""
    blocks, inputs = [], []
    for event in runtime.invoke_model_with_response_stream(**request)["body"]:
        chunk = json.loads(event["chunk"]["bytes"])
        if chunk["type"] == "content_block_start":
            blocks.append(dict(chunk["content_block"]))
            inputs.append("")
        elif chunk["type"] == "content_block_delta":
            delta, index = chunk["delta"], chunk["index"]
            kind = delta["type"].removesuffix("_delta")
            if kind == "input_json":
                inputs[index] += delta["partial_json"]
            else:
                blocks[index][kind] = blocks[index].get(kind, "") + delta[kind]
    for block, tool_input in zip(blocks, inputs):
        if block["type"] == "tool_use":
            block["input"] = json.loads(tool_input)
    return blocks


def test_native_tool_turns_with_their_thinking_blocks_succeed(runtime):
    messages = [{"role": "user", "content": "Use get_weather for Paris"}]
    first = streamed_native_content(runtime, native_request(messages))
    assert first[0]["type"] == "thinking" and first[0]["signature"]
    messages += [{"role": "assistant", "content": first}, native_tool_result(first)]
    second = json.loads(runtime.invoke_model(**native_request(messages))["body"].read())["content"]
    messages += [{"role": "assistant", "content": second}, {"role": "user", "content": "Now use get_weather for Rome"}]
    third = json.loads(runtime.invoke_model(**native_request(messages))["body"].read())["content"]
    messages += [{"role": "assistant", "content": third}, native_tool_result(third)]
    latest = len(messages) - 2
    streamed_native_content(runtime, native_request(messages))

    dropped = copy.deepcopy(messages)
    dropped[latest]["content"] = [block for block in third if block["type"] != "thinking"]
    assert_invoke_refuses(runtime, native_request(dropped), missing_thinking(latest, "text"))


# --------------------------------------------------------------------------------------
# Signatures and redacted thinking
# --------------------------------------------------------------------------------------


def first_turn(runtime) -> list[dict]:
    """The question, the answer with its reasoning and tool call, and the tool's result."""
    question = user("Use get_weather for Paris")
    answer = runtime.converse(**converse_request([question]))["output"]["message"]
    return [question, answer, tool_result(answer)]


def with_reasoning(turns: list[dict], block: dict) -> list[dict]:
    changed = copy.deepcopy(turns)
    changed[1]["content"][0] = block
    return changed


def test_converse_checks_signatures_and_the_latest_thinking_text(runtime):
    turns = first_turn(runtime)
    original = turns[1]["content"][0]["reasoningContent"]["reasoningText"]
    runtime.converse(**converse_request(turns))

    forged = {"reasoningContent": {"reasoningText": {**original, "signature": original["signature"] + "AAAA"}}}
    assert_converse_refuses(runtime, converse_request(with_reasoning(turns, forged)), INVALID_SIGNATURE)
    edited = {"reasoningContent": {"reasoningText": {**original, "text": original["text"] + " Edited."}}}
    assert_converse_refuses(runtime, converse_request(with_reasoning(turns, edited)), MODIFIED)

    later = with_reasoning(turns, edited) + [
        {"role": "assistant", "content": [{"text": "It is sunny in Paris."}]},
        user("Thanks. And tomorrow?"),
    ]
    runtime.converse(**converse_request(later))

    redacted = {"reasoningContent": {"redactedContent": b"opaque redacted thinking"}}
    runtime.converse(**converse_request(with_reasoning(turns, redacted)))


def test_converse_refuses_a_cache_point_after_reasoning(runtime):
    turns = first_turn(runtime)
    turns[1]["content"].insert(1, {"cachePoint": {"type": "default"}})
    expected = "Cache point cannot be inserted after reasoning block. Please remove the invalid cache point and try again."
    assert refusal(runtime.converse, **converse_request(turns)) == expected
    assert refusal(runtime.converse_stream, **converse_request(turns)) == expected


def test_native_checks_signatures_and_takes_redacted_thinking_back(runtime):
    question = {"role": "user", "content": "Use get_weather for Paris"}
    answer = json.loads(runtime.invoke_model(**native_request([question]))["body"].read())["content"]

    def continuation(content: list[dict]) -> dict:
        return native_request([question, {"role": "assistant", "content": content}, native_tool_result(content)])

    runtime.invoke_model(**continuation(answer))
    forged = copy.deepcopy(answer)
    forged[0]["signature"] = "ZW11bGF0ZWQtc2lnbmF0dXJl"
    assert_invoke_refuses(runtime, continuation(forged), INVALID_SIGNATURE)
    edited = copy.deepcopy(answer)
    edited[0]["thinking"] = "Something else entirely."
    assert_invoke_refuses(runtime, continuation(edited), MODIFIED)
    redacted = copy.deepcopy(answer)
    redacted[0] = {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT"}
    runtime.invoke_model(**continuation(redacted))


# --------------------------------------------------------------------------------------
# The native body
# --------------------------------------------------------------------------------------


def body(messages: list[dict]) -> dict:
    return {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 100, "messages": messages}


def text(role: str, value: str) -> dict:
    return {"role": role, "content": [{"type": "text", "text": value}]}


def images(count: int) -> list[dict]:
    image = {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}}
    return [{"role": "user", "content": [image] * count + [{"type": "text", "text": "Describe these."}]}]


LEGACY_PROMPT = "\n\nHuman: Hi.\n\nAssistant:"
NATIVE_BODIES = {
    "empty-text": (body([text("user", "")]), "messages: text content blocks must be non-empty"),
    "whitespace-text": (body([text("user", " \n\t ")]), "messages: text content blocks must contain non-whitespace text"),
    "two-users": (
        body([text("user", "Hi."), text("user", "Hello?")]),
        'messages: roles must alternate between "user" and "assistant", but found multiple "user" roles in a row',
    ),
    "two-assistants": (
        body([text("user", "Hi."), text("assistant", "Hello."), text("assistant", "Well?")]),
        'messages: roles must alternate between "user" and "assistant", but found multiple "assistant" roles in a row',
    ),
    "no-max-tokens": (
        {"anthropic_version": "bedrock-2023-05-31", "messages": [text("user", "Hi.")]},
        'Malformed input request: #: subject must not be valid against schema {"required":["messages"]}'
        "#: required key [max_tokens] not found, please reformat your input and try again.",
    ),
    "extraneous-key": (
        {"prompt": LEGACY_PROMPT, "max_tokens_to_sample": 100, "textGenerationConfig": {"maxTokenCount": 100}},
        "Malformed input request: #: extraneous key [textGenerationConfig] is not permitted, please reformat your input and try again.",
    ),
    "two-violations": (
        {"prompt": LEGACY_PROMPT, "textGenerationConfig": {"maxTokenCount": 100}},
        "Malformed input request: 2 schema violations found, please reformat your input and try again.",
    ),
    "21-images": (body(images(21)), "too many images and documents: 21 + 0 > 20"),
    "api-version": (
        {"anthropic_version": "claude-3-haiku-20240307-v1:0", "max_tokens": 100, "messages": [text("user", "Hi.")]},
        "Invalid API version: claude-3-haiku-20240307-v1:0",
    ),
    "text-completion": (
        {"prompt": LEGACY_PROMPT, "max_tokens_to_sample": 100},
        '"claude-3-haiku-20240307" is not supported on this API. Please use the Messages API instead.',
    ),
}


@pytest.mark.parametrize("native,message", NATIVE_BODIES.values(), ids=NATIVE_BODIES.keys())
def test_native_bodies_claude_refuses_get_bedrocks_words(runtime, native, message):
    assert_invoke_refuses(runtime, {"modelId": HAIKU, "body": json.dumps(native)}, message)


def test_twenty_images_are_fine(runtime):
    runtime.invoke_model(modelId=HAIKU, body=json.dumps(body(images(20))))
