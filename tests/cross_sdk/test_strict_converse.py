"""Converse and ConverseStream through boto3 refuse, word for word, what real Bedrock refuses."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from support import error_code, error_message, status_code, user

HAIKU = "anthropic.claude-3-haiku-20240307-v1:0"
SONNET_4 = "us.anthropic.claude-sonnet-4-20250514-v1:0"
LLAMA = "meta.llama3-1-70b-instruct-v1:0"
NOVA = "amazon.nova-pro-v1:0"
DEEPSEEK = "us.deepseek.r1-v1:0"

TOOLS = {"tools": [{"toolSpec": {"name": "get_weather", "inputSchema": {"json": {"type": "object"}}}}]}
FORCED = {**TOOLS, "toolChoice": {"any": {}}}


@pytest.fixture(scope="module")
def unvalidated(make_client):
    """A client that sends what botocore's own min checks would stop (maxTokens 0, temperature -1)."""
    return make_client("bedrock-runtime", parameter_validation=False)


def call(runtime, operation: str, **request):
    if operation == "converse":
        return runtime.converse(**request)
    response = runtime.converse_stream(**request)
    return list(response["stream"])


def refused(runtime, operation: str, **request) -> tuple[str, int, str]:
    with pytest.raises(ClientError) as excinfo:
        call(runtime, operation, **request)
    return error_code(excinfo), status_code(excinfo), error_message(excinfo)


def assert_refused(runtime, message: str, operations=("converse", "converse_stream"), **request):
    for operation in operations:
        assert refused(runtime, operation, **request) == ("ValidationException", 400, message), operation


def assert_accepted(runtime, **request):
    for operation in ("converse", "converse_stream"):
        call(runtime, operation, **request)


def turn(role: str, *blocks: dict) -> dict:
    return {"role": role, "content": list(blocks)}


def tool_use(tool_use_id: str) -> dict:
    return {"toolUse": {"toolUseId": tool_use_id, "name": "get_weather", "input": {"city": "Lisbon"}}}


def tool_result(tool_use_id: str, content=None) -> dict:
    return {"toolResult": {"toolUseId": tool_use_id, "content": content or [{"text": "18 degrees"}]}}


def tool_turns(ids, *answer: dict) -> list[dict]:
    return [user("Weather in Lisbon?"), turn("assistant", *(tool_use(i) for i in ids)), turn("user", *answer)]


def png(size: int) -> dict:
    return {"image": {"format": "png", "source": {"bytes": b"\x89PNG" + bytes(size - 4)}}}


def document(name: str, size: int) -> dict:
    return {"document": {"format": "txt", "name": name, "source": {"bytes": b"a" * size}}}


@pytest.mark.parametrize("blank", ["", "  \n\t"])
def test_blank_text_is_refused_with_its_path(runtime, blank):
    messages = [user("Hi"), turn("assistant", {"text": blank}), user("Again")]
    assert_refused(
        runtime,
        "The text field in the ContentBlock object at messages.1.content.0 is blank. Add text to the text field, and try again.",
        modelId=HAIKU,
        messages=messages,
    )


def test_conversations_start_with_the_user_and_alternate(runtime):
    assert_refused(
        runtime,
        "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
        modelId=HAIKU,
        messages=[turn("assistant", {"text": "Hello"}), user("Hi")],
    )
    assert_refused(
        runtime,
        "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.",
        modelId=HAIKU,
        messages=[user("One"), user("Two")],
    )


def test_every_tool_call_needs_its_result(runtime):
    assert_refused(
        runtime,
        "Expected toolResult blocks at messages.2.content for the following Ids: tooluse_a, tooluse_b",
        modelId=HAIKU,
        messages=tool_turns(["tooluse_a", "tooluse_b"], {"text": "Never mind"}),
        toolConfig=TOOLS,
    )


def test_results_may_not_outnumber_the_calls(runtime):
    assert_refused(
        runtime,
        "The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of previous turn.",
        modelId=HAIKU,
        messages=tool_turns(["tooluse_a"], tool_result("tooluse_a"), tool_result("tooluse_extra")),
        toolConfig=TOOLS,
    )


def test_tool_blocks_need_a_tool_config(runtime):
    assert_refused(
        runtime,
        "The toolConfig field must be defined when using toolUse and toolResult content blocks.",
        modelId=HAIKU,
        messages=[user("Weather?"), turn("assistant", tool_use("tooluse_a")), user("Thanks")],
    )


def test_tool_use_ids_are_unique_in_a_turn(runtime):
    assert_refused(
        runtime,
        "The toolUse blocks at messages.1.content contain duplicate Ids: tooluse_a",
        modelId=HAIKU,
        messages=tool_turns(["tooluse_a", "tooluse_a"], tool_result("tooluse_a")),
        toolConfig=TOOLS,
    )


def test_only_claude_and_nova_take_text_beside_tool_results(runtime):
    mixed = tool_turns(["tooluse_a"], tool_result("tooluse_a"), {"text": "And tomorrow?"})
    assert_refused(
        runtime,
        "messages.2.content: Conversation blocks and tool result blocks cannot be provided in the same turn.",
        operations=("converse",),
        modelId=LLAMA,
        messages=mixed,
        toolConfig=TOOLS,
    )
    assert_accepted(runtime, modelId=HAIKU, messages=mixed, toolConfig=TOOLS)
    assert_accepted(runtime, modelId=NOVA, messages=mixed, toolConfig=TOOLS)


def test_tool_result_json_must_be_an_object(runtime):
    assert_refused(
        runtime,
        "The format of the value at messages.2.content.0.toolResult.content.0.json is invalid. Provide a json object for the field and try again.",
        modelId=HAIKU,
        messages=tool_turns(["tooluse_a"], tool_result("tooluse_a", [{"json": [18]}])),
        toolConfig=TOOLS,
    )


def test_tool_choice_any_is_refused_by_llama(runtime):
    assert_refused(
        runtime,
        "This model doesn't support the toolConfig.toolChoice.any field. Remove toolConfig.toolChoice.any and try again.",
        operations=("converse",),
        modelId=LLAMA,
        messages=[user("Weather?")],
        toolConfig=FORCED,
    )
    assert_accepted(runtime, modelId=HAIKU, messages=[user("Weather?")], toolConfig=FORCED)


def test_llama_uses_tools_only_without_streaming(runtime):
    request = {"modelId": LLAMA, "messages": [user("Weather in Lisbon?")], "toolConfig": TOOLS}
    call(runtime, "converse", **request)
    assert refused(runtime, "converse_stream", **request) == (
        "ValidationException",
        400,
        "This model doesn't support tool use in streaming mode.",
    )
    assert_accepted(runtime, modelId=NOVA, messages=[user("Weather in Lisbon?")], toolConfig=TOOLS)


@pytest.mark.parametrize("model_id", [DEEPSEEK, "amazon.titan-text-express-v1"])
def test_models_without_tools_refuse_a_tool_config(runtime, model_id):
    # Converse: langchain-aws#447 (DeepSeek R1); ConverseStream answers with the streaming
    # refusal for these models too (shared/reference).
    request = {"modelId": model_id, "messages": [user("Weather?")], "toolConfig": TOOLS}
    assert refused(runtime, "converse", **request) == (
        "ValidationException",
        400,
        "This model doesn't support tool use.",
    )
    assert refused(runtime, "converse_stream", **request) == (
        "ValidationException",
        400,
        "This model doesn't support tool use in streaming mode.",
    )


@pytest.mark.parametrize("model_id", [LLAMA, DEEPSEEK])
def test_llama_and_deepseek_take_no_stop_sequences(runtime, model_id):
    assert_refused(
        runtime,
        "This model doesn't support the stopSequences field. Remove stopSequences and try again.",
        modelId=model_id,
        messages=[user("Count")],
        inferenceConfig={"stopSequences": ["STOP"]},
    )


def test_claude_takes_four_stop_sequences(runtime):
    stops = [f"STOP{i}" for i in range(4)]
    assert_accepted(runtime, modelId=HAIKU, messages=[user("Count")], inferenceConfig={"stopSequences": stops})


@pytest.mark.parametrize(("model_id", "limit"), [(HAIKU, 4096), (SONNET_4, 64000)])
def test_max_tokens_stop_at_the_model_limit(runtime, model_id, limit):
    assert_refused(
        runtime,
        f"The maximum tokens you requested exceeds the model limit of {limit}. Try again with a maximum tokens value that is lower than {limit}.",
        modelId=model_id,
        messages=[user("Long story")],
        inferenceConfig={"maxTokens": limit + 1},
    )
    assert_accepted(runtime, modelId=model_id, messages=[user("Long story")], inferenceConfig={"maxTokens": limit})


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            {"temperature": 1.5},
            "1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1",
        ),
        (
            {"maxTokens": 0},
            "1 validation error detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1",
        ),
        (
            {"maxTokens": 0, "temperature": -1, "topP": 2},
            "3 validation errors detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '-1.0' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value greater than or equal to 0; Value '2.0' at 'inferenceConfig.topP' failed to satisfy constraint: Member must have value less than or equal to 1",
        ),
    ],
)
def test_member_constraints_use_the_service_wording(unvalidated, config, message):
    assert_refused(unvalidated, message, modelId=HAIKU, messages=[user("Hi")], inferenceConfig=config)


def test_stop_sequences_are_limited_by_the_service_model(runtime):
    stops = ["a", "b", "c", "d", "e"]
    code, status, message = refused(
        runtime, "converse", modelId=HAIKU, messages=[user("Hi")], inferenceConfig={"stopSequences": stops}
    )
    assert (code, status) == ("ValidationException", 400)
    assert message == (
        f"1 validation error detected: Value '[{', '.join(stops)}]' at 'inferenceConfig.stopSequences' "
        "failed to satisfy constraint: Member must have length less than or equal to 4"
    )
    runtime.converse(modelId=HAIKU, messages=[user("Hi")], inferenceConfig={"stopSequences": stops[:4]})


def test_member_constraints_come_before_the_conversation_rules(runtime):
    assert_refused(
        runtime,
        "1 validation error detected: Value '1.5' at 'inferenceConfig.topP' failed to satisfy constraint: Member must have value less than or equal to 1",
        modelId=HAIKU,
        messages=[turn("assistant", {"text": " "})],
        inferenceConfig={"topP": 1.5},
    )


def test_claude_refuses_images_over_5_mb(runtime):
    message = turn("user", {"text": "Look"}, {"text": "closely"}, png(7_167_852))
    assert_refused(
        runtime,
        "The model returned the following errors: messages.0.content.2.image.source.bytes: image exceeds 5 MB maximum: 7167852 bytes > 5242880 bytes",
        modelId=HAIKU,
        messages=[message],
    )


def test_claude_takes_at_most_20_images_and_documents(runtime):
    message = turn("user", *(png(64) for _ in range(21)), {"text": "Compare them"})
    assert_refused(
        runtime,
        "The model returned the following errors: too many images and documents: 21 + 0 > 20",
        modelId=HAIKU,
        messages=[message],
    )


def test_documents_are_at_most_five(runtime):
    message = turn("user", *(document(f"doc{i}", 16) for i in range(6)), {"text": "Summarise"})
    assert_refused(
        runtime,
        "You can't include more than 5 documents in a request. Reduce the number of documents and retry your request.",
        modelId=NOVA,
        messages=[message],
    )


def test_documents_are_at_most_4_5_mb(runtime):
    message = turn("user", document("big", 4_718_593), {"text": "Summarise"})
    assert_refused(
        runtime,
        "The maximum document size is 4.5 MB. Reduce the size of your document and retry your request.",
        modelId=NOVA,
        messages=[message],
    )


def test_tool_names_follow_the_service_model(runtime):
    long = "a" * 65
    for name, constraint in [
        ("kb.search", "Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+"),
        (long, "Member must have length less than or equal to 64"),
    ]:
        tools = {"tools": [{"toolSpec": {"name": name, "inputSchema": {"json": {"type": "object"}}}}]}
        assert_refused(
            runtime,
            f"1 validation error detected: Value '{name}' at 'toolConfig.tools.1.member.toolSpec.name' failed to satisfy constraint: {constraint}",
            modelId=HAIKU,
            messages=[user("Search")],
            toolConfig=tools,
        )


def test_system_text_is_never_empty(unvalidated):
    assert_refused(
        unvalidated,
        "1 validation error detected: Value '' at 'system.1.member.text' failed to satisfy constraint: Member must have length greater than or equal to 1",
        modelId=HAIKU,
        messages=[user("Hi")],
        system=[{"text": ""}],
    )


def test_claude_refuses_input_beyond_its_context_window(runtime):
    assert_refused(
        runtime,
        "The model returned the following errors: Input is too long for requested model.",
        modelId=HAIKU,
        messages=[user("word " * 200_001)],
    )


PROMPT_CACHING_DENIED = (
    "You invoked an unsupported model or your request did not allow prompt caching. "
    "See the documentation for more information."
)
CACHED_TURN = {"role": "user", "content": [{"text": "Hi"}, {"cachePoint": {"type": "default"}}]}


@pytest.mark.parametrize("model", [HAIKU, LLAMA])
def test_cache_points_need_a_model_with_prompt_caching(runtime, model):
    for operation in ("converse", "converse_stream"):
        got = refused(runtime, operation, modelId=model, messages=[CACHED_TURN])
        assert got == ("AccessDeniedException", 403, PROMPT_CACHING_DENIED), operation
    system = [{"text": "Be brief."}, {"cachePoint": {"type": "default"}}]
    got = refused(runtime, "converse", modelId=model, messages=[user("Hi")], system=system)
    assert got == ("AccessDeniedException", 403, PROMPT_CACHING_DENIED)


@pytest.mark.parametrize("model", [NOVA, "us.anthropic.claude-3-7-sonnet-20250219-v1:0"])
def test_models_with_prompt_caching_take_cache_points(runtime, model):
    assert_accepted(runtime, modelId=model, messages=[CACHED_TURN])


ACCESS_DENIED = ("AccessDeniedException", 403, "You don't have access to the model with the specified model ID.")
END_OF_LIFE = (
    "ResourceNotFoundException",
    404,
    "This model version has reached the end of its life. Please refer to the AWS documentation for more details.",
)
NATIVE_HELLO = json.dumps(
    {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 10, "messages": [{"role": "user", "content": "Hi"}]}
)


def invoke_refused(runtime, operation: str, model: str) -> tuple[str, int, str]:
    with pytest.raises(ClientError) as excinfo:
        response = getattr(runtime, operation)(modelId=model, body=NATIVE_HELLO)
        for _ in response["body"]:
            pass
    return error_code(excinfo), status_code(excinfo), error_message(excinfo)


@pytest.mark.parametrize(
    "model,expected",
    [("anthropic.claude-3-opus-20240229-v1:0", ACCESS_DENIED), ("anthropic.claude-v2:1", END_OF_LIFE)],
    ids=["not-granted", "retired"],
)
def test_denied_and_retired_models_are_worded_as_bedrock_words_them(runtime, model, expected):
    for operation in ("converse", "converse_stream"):
        assert refused(runtime, operation, modelId=model, messages=[user("Hi")]) == expected, operation
    for operation in ("invoke_model", "invoke_model_with_response_stream"):
        assert invoke_refused(runtime, operation, model) == expected, operation


def test_access_revoked_through_the_control_api_is_denied(runtime, emulator):
    emulator.set_model_access(HAIKU, False)
    try:
        assert refused(runtime, "converse_stream", modelId=HAIKU, messages=[user("Hi")]) == ACCESS_DENIED
        assert invoke_refused(runtime, "invoke_model", HAIKU) == ACCESS_DENIED
    finally:
        emulator.set_model_access(HAIKU, True)
    assert_accepted(runtime, modelId=HAIKU, messages=[user("Hi")])
