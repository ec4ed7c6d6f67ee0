//! Tool use with thinking on over several turns: each turn's reasoning block goes back with its
//! signature; leaving out the latest one is refused, earlier ones may be dropped.

use aws_sdk_bedrockruntime::types::{ContentBlock, ConversationRole, Message};
use serde_json::{Value, json};

use super::calls::{self, Ask, SONNET, user};
use crate::support;

fn missing_thinking(message_index: usize, found: &str) -> String {
    format!(
        "messages.{message_index}.content.0.type: Expected `thinking` or `redacted_thinking`, but found `{found}`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking"
    )
}

fn without_reasoning(message: &Message) -> Message {
    let content = message
        .content()
        .iter()
        .filter(|block| !block.is_reasoning_content())
        .cloned()
        .collect();
    calls::message(ConversationRole::Assistant, content)
}

#[tokio::test]
async fn converse_tool_turns_with_their_reasoning_blocks_succeed() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let mut messages = vec![user("Use get_weather for Paris")];
    // Turn 1 (streamed): the model thinks, then calls the tool.
    let first = calls::converse_streamed(&client, &Ask::thinking(messages.clone())).await;
    assert!(first.content()[0].is_reasoning_content());
    messages.push(first.clone());
    messages.push(calls::tool_result(&calls::tool_use_id(&first)));
    // Turn 2: the tool's result comes back with the reasoning block; the model answers.
    let second = calls::converse(&client, &Ask::thinking(messages.clone())).await;
    assert!(second.content()[0].is_reasoning_content());
    messages.push(second);
    // Turn 3: a new question calls the tool again, and its result goes back.
    messages.push(user("Now use get_weather for Rome"));
    let third = calls::converse(&client, &Ask::thinking(messages.clone())).await;
    messages.push(third.clone());
    messages.push(calls::tool_result(&calls::tool_use_id(&third)));
    let last_assistant = messages.len() - 2;
    calls::converse_streamed(&client, &Ask::thinking(messages.clone())).await;

    // The first turn's thinking is history: a client may drop it.
    let mut dropped_earlier = messages.clone();
    dropped_earlier[1] = without_reasoning(&messages[1]);
    calls::converse(&client, &Ask::thinking(dropped_earlier)).await;

    // The latest one continues the tool use: it must come back.
    let mut dropped_latest = messages.clone();
    dropped_latest[last_assistant] = without_reasoning(&messages[last_assistant]);
    calls::assert_converse_refuses(
        &client,
        &Ask::thinking(dropped_latest.clone()),
        &missing_thinking(last_assistant, "text"),
    )
    .await;
    let tool_use_only: Vec<ContentBlock> = dropped_latest[last_assistant]
        .content()
        .iter()
        .filter(|block| block.is_tool_use())
        .cloned()
        .collect();
    dropped_latest[last_assistant] = calls::message(ConversationRole::Assistant, tool_use_only);
    calls::assert_converse_refuses(
        &client,
        &Ask::thinking(dropped_latest),
        &missing_thinking(last_assistant, "tool_use"),
    )
    .await;
}

fn assistant(content: &[Value]) -> Value {
    json!({"role": "assistant", "content": content})
}

fn native_tool_result(content: &[Value]) -> Value {
    let id = content
        .iter()
        .find(|block| block["type"] == "tool_use")
        .map(|block| block["id"].clone())
        .expect("the answer calls the tool");
    json!({"role": "user", "content": [{"type": "tool_result", "tool_use_id": id, "content": "18 degrees and sunny"}]})
}

fn without_thinking(content: &[Value]) -> Vec<Value> {
    content
        .iter()
        .filter(|block| block["type"] != "thinking")
        .cloned()
        .collect()
}

#[tokio::test]
async fn native_tool_turns_with_their_thinking_blocks_succeed() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let mut messages = vec![json!({"role": "user", "content": "Use get_weather for Paris"})];
    let first = calls::invoke_streamed(&client, SONNET, &calls::native_body(json!(messages))).await;
    assert_eq!(first[0]["type"], "thinking");
    assert!(first[0]["signature"].is_string());
    messages.push(assistant(&first));
    messages.push(native_tool_result(&first));
    let second = calls::invoke(&client, SONNET, &calls::native_body(json!(messages))).await;
    let second = second["content"].as_array().unwrap().clone();
    assert_eq!(second[0]["type"], "thinking");
    messages.push(assistant(&second));
    messages.push(json!({"role": "user", "content": "Now use get_weather for Rome"}));
    let third = calls::invoke(&client, SONNET, &calls::native_body(json!(messages))).await;
    let third = third["content"].as_array().unwrap().clone();
    messages.push(assistant(&third));
    messages.push(native_tool_result(&third));
    let last_assistant = messages.len() - 2;
    calls::invoke_streamed(&client, SONNET, &calls::native_body(json!(messages))).await;

    let mut dropped_earlier = messages.clone();
    dropped_earlier[1] = assistant(&without_thinking(&first));
    calls::invoke(&client, SONNET, &calls::native_body(json!(dropped_earlier))).await;

    let mut dropped_latest = messages.clone();
    dropped_latest[last_assistant] = assistant(&without_thinking(&third));
    calls::assert_invoke_refuses(
        &client,
        SONNET,
        &calls::native_body(json!(dropped_latest)),
        &missing_thinking(last_assistant, "text"),
    )
    .await;
}
