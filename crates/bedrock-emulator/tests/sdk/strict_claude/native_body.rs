//! The native Claude body: schema errors as Bedrock reports them, and Claude's own checks on
//! the messages, through InvokeModel and InvokeModelWithResponseStream.

use serde_json::{Value, json};

use super::calls::{self, HAIKU};
use crate::support;

fn body(messages: Value) -> Value {
    json!({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 100, "messages": messages})
}

fn text(role: &str, text: &str) -> Value {
    json!({"role": role, "content": [{"type": "text", "text": text}]})
}

fn images(count: usize) -> Value {
    let image = json!({"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}});
    let mut content = vec![image; count];
    content.push(json!({"type": "text", "text": "Describe these."}));
    json!([{"role": "user", "content": content}])
}

fn cases() -> Vec<(Value, &'static str)> {
    vec![
        (
            body(json!([text("user", "")])),
            "messages: text content blocks must be non-empty",
        ),
        (
            body(json!([text("user", " \n\t ")])),
            "messages: text content blocks must contain non-whitespace text",
        ),
        (
            body(json!([text("user", "Hi."), text("user", "Hello?")])),
            "messages: roles must alternate between \"user\" and \"assistant\", but found multiple \"user\" roles in a row",
        ),
        (
            body(json!([
                text("user", "Hi."),
                text("assistant", "Hello."),
                text("assistant", "Well?")
            ])),
            "messages: roles must alternate between \"user\" and \"assistant\", but found multiple \"assistant\" roles in a row",
        ),
        (
            json!({"anthropic_version": "bedrock-2023-05-31", "messages": [text("user", "Hi.")]}),
            "Malformed input request: #: subject must not be valid against schema {\"required\":[\"messages\"]}#: required key [max_tokens] not found, please reformat your input and try again.",
        ),
        (
            json!({"prompt": "\n\nHuman: Hi.\n\nAssistant:", "max_tokens_to_sample": 100, "textGenerationConfig": {"maxTokenCount": 100}}),
            "Malformed input request: #: extraneous key [textGenerationConfig] is not permitted, please reformat your input and try again.",
        ),
        (
            json!({"prompt": "\n\nHuman: Hi.\n\nAssistant:", "textGenerationConfig": {"maxTokenCount": 100}}),
            "Malformed input request: 2 schema violations found, please reformat your input and try again.",
        ),
        (
            body(images(21)),
            "too many images and documents: 21 + 0 > 20",
        ),
        (
            json!({"anthropic_version": "claude-3-haiku-20240307-v1:0", "max_tokens": 100, "messages": [text("user", "Hi.")]}),
            "Invalid API version: claude-3-haiku-20240307-v1:0",
        ),
        (
            json!({"prompt": "\n\nHuman: Hi.\n\nAssistant:", "max_tokens_to_sample": 100}),
            "\"claude-3-haiku-20240307\" is not supported on this API. Please use the Messages API instead.",
        ),
    ]
}

#[tokio::test]
async fn native_bodies_claude_refuses_get_bedrocks_words() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    for (body, message) in cases() {
        calls::assert_invoke_refuses(&client, HAIKU, &body, message).await;
    }
}

#[tokio::test]
async fn twenty_images_and_plain_string_content_are_fine() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    calls::invoke(&client, HAIKU, &body(images(20))).await;
    let plain = body(json!([{"role": "user", "content": "Hi."}]));
    calls::invoke(&client, HAIKU, &plain).await;
}
