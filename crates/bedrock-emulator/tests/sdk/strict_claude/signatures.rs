//! Thinking signatures: a changed signature is invalid, edited thinking in the latest assistant
//! message is refused, redacted thinking goes back as it came.

use aws_sdk_bedrockruntime::primitives::Blob;
use aws_sdk_bedrockruntime::types::{
    CachePointBlock, CachePointType, ContentBlock, ConversationRole, Message, ReasoningContentBlock,
};
use serde_json::{Value, json};

use super::calls::{self, Ask, SONNET, user};
use crate::support;

const MODIFIED: &str = "messages.1.content.0: `thinking` or `redacted_thinking` blocks in the latest assistant message cannot be modified. These blocks must remain as they were in the original response.";
const INVALID: &str = "messages.1.content.0: Invalid `signature` in `thinking` block";

/// The first answer's reasoning text and signature, and its tool call.
async fn first_turn(client: &aws_sdk_bedrockruntime::Client) -> (String, String, Message) {
    let first = calls::converse(
        client,
        &Ask::thinking(vec![user("Use get_weather for Paris")]),
    )
    .await;
    let ContentBlock::ReasoningContent(ReasoningContentBlock::ReasoningText(reasoning)) =
        &first.content()[0]
    else {
        panic!("the answer starts with reasoning: {first:?}");
    };
    let text = reasoning.text().to_owned();
    let signature = reasoning.signature().expect("a signature").to_owned();
    (text, signature, first)
}

fn replace_reasoning(message: &Message, block: ContentBlock) -> Message {
    let mut content = message.content().to_vec();
    content[0] = block;
    calls::message(ConversationRole::Assistant, content)
}

fn continuation(first: Message) -> Ask {
    let result = calls::tool_result(&calls::tool_use_id(&first));
    Ask::thinking(vec![user("Use get_weather for Paris"), first, result])
}

#[tokio::test]
async fn converse_checks_the_signature_and_the_latest_thinking_text() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let (text, signature, first) = first_turn(&client).await;

    let genuine = continuation(first.clone());
    calls::converse(&client, &genuine).await;

    let forged = replace_reasoning(&first, calls::reasoning(&text, &format!("{signature}AAAA")));
    calls::assert_converse_refuses(&client, &continuation(forged), INVALID).await;
    let foreign = replace_reasoning(&first, calls::reasoning(&text, "c2lnbmF0dXJl"));
    calls::assert_converse_refuses(&client, &continuation(foreign), INVALID).await;

    let edited = replace_reasoning(
        &first,
        calls::reasoning(&format!("{text} Edited."), &signature),
    );
    calls::assert_converse_refuses(&client, &continuation(edited.clone()), MODIFIED).await;

    // Once a later assistant turn exists, the edited block is history and passes.
    let mut later = continuation(edited).messages;
    later.push(calls::message(
        ConversationRole::Assistant,
        vec![ContentBlock::Text("It is sunny in Paris.".into())],
    ));
    later.push(user("Thanks. And tomorrow?"));
    calls::converse(&client, &Ask::thinking(later)).await;
}

#[tokio::test]
async fn converse_takes_redacted_reasoning_back_and_no_cache_point_after_reasoning() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let (text, signature, first) = first_turn(&client).await;
    let redacted = ContentBlock::ReasoningContent(ReasoningContentBlock::RedactedContent(
        Blob::new(b"opaque redacted thinking".to_vec()),
    ));
    calls::converse(&client, &continuation(replace_reasoning(&first, redacted))).await;

    let mut content = first.content().to_vec();
    content.insert(
        1,
        ContentBlock::CachePoint(
            CachePointBlock::builder()
                .r#type(CachePointType::Default)
                .build()
                .unwrap(),
        ),
    );
    assert_eq!(content[0], calls::reasoning(&text, &signature));
    let cached = continuation(calls::message(ConversationRole::Assistant, content));
    let expected = "Cache point cannot be inserted after reasoning block. Please remove the invalid cache point and try again.";
    assert_eq!(calls::converse_rejection(&client, &cached).await, expected);
    assert_eq!(
        calls::converse_stream_rejection(&client, &cached).await,
        expected
    );
}

fn native_continuation(first: &[Value]) -> Value {
    let id = first
        .iter()
        .find(|b| b["type"] == "tool_use")
        .map(|b| b["id"].clone())
        .unwrap();
    calls::native_body(json!([
        {"role": "user", "content": "Use get_weather for Paris"},
        {"role": "assistant", "content": first},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": id, "content": "sunny"}]},
    ]))
}

#[tokio::test]
async fn native_checks_the_signature_and_takes_redacted_thinking_back() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    let body =
        calls::native_body(json!([{"role": "user", "content": "Use get_weather for Paris"}]));
    let first = calls::invoke(&client, SONNET, &body).await;
    let first = first["content"].as_array().unwrap().clone();
    calls::invoke(&client, SONNET, &native_continuation(&first)).await;

    let mut forged = first.clone();
    forged[0]["signature"] = json!("ZW11bGF0ZWQtc2lnbmF0dXJl");
    calls::assert_invoke_refuses(&client, SONNET, &native_continuation(&forged), INVALID).await;

    let mut edited = first.clone();
    edited[0]["thinking"] = json!("Something else entirely.");
    calls::assert_invoke_refuses(&client, SONNET, &native_continuation(&edited), MODIFIED).await;

    let mut redacted = first;
    redacted[0] = json!({"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT"});
    calls::invoke(&client, SONNET, &native_continuation(&redacted)).await;
}
