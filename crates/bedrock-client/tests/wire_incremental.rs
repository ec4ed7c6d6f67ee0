//! The Wire screen's incremental reads against the emulator with the real SDK client: summaries
//! of what changed since a revision (a stream in flight included), one exchange in full by id,
//! and secrets redacted in both.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_bedrockruntime::types::{ContentBlock, ConversationRole, Message};
use bedrock_client::wire::{BodyState, WireLog, with_capture};
use bedrock_emulator::{Emulator, EmulatorConfig};

const ACCESS_KEY_ID: &str = "AKIAWIREINCREMENTAL1";
const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYwireIncrementalKey";
const SESSION_TOKEN: &str = "IQoJb3JpZ2luX2VjEwireIncrementalSessionToken0123456789";
const NOVA: &str = "amazon.nova-pro-v1:0";

fn config(emulator: &Emulator) -> SdkConfig {
    let credentials = Credentials::new(
        ACCESS_KEY_ID,
        SECRET_ACCESS_KEY,
        Some(SESSION_TOKEN.to_owned()),
        None,
        "wire-incremental-test",
    );
    SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(emulator.endpoint_url())
        .retry_config(RetryConfig::disabled())
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .build()
}

fn user_says(text: &str) -> Message {
    Message::builder()
        .role(ConversationRole::User)
        .content(ContentBlock::Text(text.into()))
        .build()
        .unwrap()
}

fn assert_no_secret(json: &str) {
    for secret in [SECRET_ACCESS_KEY, SESSION_TOKEN, ACCESS_KEY_ID] {
        assert!(!json.contains(secret), "{secret} leaked");
    }
}

#[tokio::test]
async fn only_new_and_changed_exchanges_come_back_as_summaries_and_one_comes_in_full() {
    let emulator = Emulator::start(EmulatorConfig {
        pace: Duration::from_millis(5),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let log = WireLog::new();
    let (runtime, _) = with_capture(&config(&emulator), &log);
    runtime
        .converse()
        .model_id(NOVA)
        .messages(user_says("First"))
        .send()
        .await
        .unwrap();

    let first = log.changes_since(0);
    assert_eq!(first.exchanges.len(), 1);
    let converse = &first.exchanges[0];
    assert_eq!(converse.operation.as_deref(), Some("Converse"));
    assert_eq!(converse.model_id.as_deref(), Some(NOVA));
    assert_eq!((converse.status, converse.frame_count), (Some(200), 0));
    assert_eq!(converse.body_state, Some(BodyState::Complete));
    let full = log.get(converse.id).unwrap();
    let request_body = full.request_body.as_ref().unwrap();
    assert_eq!(converse.request_bytes, Some(request_body.size_bytes));
    let response_body = full.response.as_ref().unwrap().body.as_ref().unwrap();
    assert_eq!(converse.response_bytes, Some(response_body.size_bytes));
    assert_eq!(log.changes_since(first.revision).exchanges, []);

    let mut stream = runtime
        .converse_stream()
        .model_id(NOVA)
        .messages(user_says("Second, streamed"))
        .send()
        .await
        .unwrap()
        .stream;
    for _ in 0..3 {
        stream.recv().await.unwrap().unwrap();
    }
    let streaming = log.changes_since(first.revision);
    assert_eq!(streaming.exchanges.len(), 1, "not the Converse again");
    let in_flight = &streaming.exchanges[0];
    assert_eq!(in_flight.operation.as_deref(), Some("ConverseStream"));
    assert_eq!(in_flight.body_state, Some(BodyState::Receiving));
    assert!(in_flight.frame_count >= 3, "{in_flight:?}");
    assert_eq!(in_flight.response_bytes, None);

    let mut events = 3;
    while stream.recv().await.unwrap().is_some() {
        events += 1;
    }
    let ended = log.changes_since(streaming.revision);
    assert_eq!(ended.exchanges.len(), 1);
    let done = &ended.exchanges[0];
    assert_eq!((done.id, done.frame_count), (in_flight.id, events));
    assert_eq!(done.body_state, Some(BodyState::Complete));
    assert!(done.timing.total_ms.is_some());
    assert_eq!(ended.kept_from_id, converse.id);

    let summaries = serde_json::to_value(&ended).unwrap();
    let summary = summaries["exchanges"][0].as_object().unwrap();
    for heavy in ["requestHeaders", "requestBody", "response", "frames"] {
        assert!(!summary.contains_key(heavy), "{heavy} in a summary");
    }
    assert_no_secret(&summaries.to_string());

    let stream_in_full = log.get(done.id).unwrap();
    assert_eq!(
        stream_in_full.response.as_ref().unwrap().frames.len() as u32,
        events
    );
    let authorization = stream_in_full
        .request_headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("authorization"))
        .unwrap();
    assert!(
        authorization.value.ends_with("Signature=****"),
        "{authorization:?}"
    );
    assert_no_secret(&serde_json::to_string(&stream_in_full).unwrap());
    assert!(log.get(done.id + 1).is_none());
}
