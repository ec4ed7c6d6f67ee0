//! The inspector's native run against the emulator: built body in, family-parsed answer out.

mod common;

use std::time::Duration;

use bedrock_client::ErrorCode;
use bedrock_client::inspect::run_native;
use bedrock_formats::{PromptSpec, Role, SpecMessage, native_request};

fn spec(model_id: &str) -> PromptSpec {
    PromptSpec {
        model_id: model_id.into(),
        system_prompt: "You are terse.".into(),
        messages: vec![SpecMessage {
            role: Role::User,
            text: "Name three rivers.".into(),
        }],
        max_tokens: Some(64),
        ..PromptSpec::default()
    }
}

#[tokio::test]
async fn native_bodies_built_for_each_family_run_and_read_back() {
    let (_emulator, client) = common::setup(Duration::ZERO).await;
    for model in [
        "meta.llama3-1-70b-instruct-v1:0",
        "anthropic.claude-3-haiku-20240307-v1:0",
        "cohere.command-r-v1:0",
    ] {
        let native = native_request(&spec(model)).unwrap();
        let run = run_native(&client, model, &native.body_json).await.unwrap();
        assert!(run.text.contains("Emulated"), "{model}: {run:?}");
        assert!(run.chunk_count > 1, "{model}: not streamed");
        assert!(run.stop_reason.is_some(), "{model}: no stop reason");
        assert!(run.output_tokens.unwrap_or(0) > 0, "{model}: no usage");
    }
}

#[tokio::test]
async fn a_body_that_does_not_fit_the_family_is_refused_before_sending() {
    let (emulator, client) = common::setup(Duration::ZERO).await;
    let error = run_native(
        &client,
        "meta.llama3-1-70b-instruct-v1:0",
        r#"{"inputText": "hi"}"#,
    )
    .await
    .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidRequest);
    let not_json = run_native(&client, "meta.llama3-1-70b-instruct-v1:0", "{")
        .await
        .unwrap_err();
    assert!(not_json.message.contains("not valid JSON"));
    assert!(emulator.state().recorder.all().is_empty());
}
