//! The chat pipeline against the emulator over real HTTP with the real SDK client.

mod common;

use std::time::Duration;

use bedrock_client::ErrorCode;
use bedrock_client::chat::{
    ChatEvent, ChatMessage, ChatRequest, ChatRole, InferenceParams, stream_chat,
};
use bedrock_emulator::RuleSpec;
use common::setup;
use tokio_util::sync::CancellationToken;

fn request(model: &str, messages: &[(&str, ChatRole)]) -> ChatRequest {
    ChatRequest {
        model_id: model.into(),
        system_prompt: "You are concise.".into(),
        messages: messages
            .iter()
            .map(|(text, role)| ChatMessage {
                role: *role,
                text: (*text).into(),
                attachments: vec![],
                tool_calls: vec![],
                tool_answers: vec![],
                reasoning: vec![],
            })
            .collect(),
        params: InferenceParams {
            max_tokens: Some(400),
            temperature: Some(0.5),
            top_p: None,
            stop_sequences: vec![],
        },
        additional_fields_json: None,
        tools_json: None,
    }
}

#[tokio::test]
async fn streams_text_deltas_then_stop_and_metadata() {
    let (_emulator, client) = setup(Duration::ZERO).await;
    let mut events = Vec::new();
    let outcome = stream_chat(
        &client,
        &request("amazon.nova-pro-v1:0", &[("Hello there", ChatRole::User)]),
        &mut events,
        &CancellationToken::new(),
    )
    .await;
    assert!(outcome.error.is_none());
    assert!(matches!(events.first(), Some(ChatEvent::Started { .. })));
    let text: String = events
        .iter()
        .filter_map(|e| {
            if let ChatEvent::TextDelta { text, .. } = e {
                Some(text.as_str())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(text, outcome.text);
    assert!(text.contains("Hello there") && text.contains("You are concise."));
    assert!(
        events
            .iter()
            .filter(|e| matches!(e, ChatEvent::TextDelta { .. }))
            .count()
            > 10
    );
    assert_eq!(outcome.stop_reason.as_deref(), Some("end_turn"));
    let Some(ChatEvent::Metadata { usage, metrics }) = events.last() else {
        panic!("metadata comes last: {events:?}")
    };
    assert!(usage.output_tokens > 10 && usage.input_tokens > 0);
    assert!(metrics.time_to_first_token_ms.is_some());
    assert!(metrics.total_latency_ms >= metrics.time_to_first_token_ms.unwrap());
}

#[tokio::test]
async fn every_turn_is_sent() {
    let (emulator, client) = setup(Duration::ZERO).await;
    let turns = [
        ("First", ChatRole::User),
        ("Answer", ChatRole::Assistant),
        ("Second", ChatRole::User),
    ];
    let outcome = stream_chat(
        &client,
        &request("amazon.nova-pro-v1:0", &turns),
        &mut Vec::new(),
        &CancellationToken::new(),
    )
    .await;
    assert!(outcome.text.contains("turn 2"), "{}", outcome.text);
    assert_eq!(
        emulator.state().recorder.all()[0].operation,
        "ConverseStream"
    );
}

#[tokio::test]
async fn cancelling_drops_the_stream_and_no_event_follows() {
    let (emulator, client) = setup(Duration::from_millis(2)).await;
    emulator
        .state()
        .faults
        .add(RuleSpec {
            output_tokens: Some(5_000),
            ..RuleSpec::default()
        })
        .unwrap();
    let cancel = CancellationToken::new();
    let mut events = Vec::new();
    let mut sink = |event: ChatEvent| {
        events.push(event);
        if events.len() == 20 {
            cancel.cancel();
        }
        true
    };
    let outcome = stream_chat(
        &client,
        &request("amazon.nova-pro-v1:0", &[("long please", ChatRole::User)]),
        &mut sink,
        &cancel,
    )
    .await;
    assert!(outcome.cancelled);
    assert_eq!(events.len(), 20, "nothing is delivered after cancel");
    assert!(!outcome.text.is_empty() && outcome.stop_reason.is_none());
}

#[tokio::test]
async fn errors_arrive_as_failed_events_with_hints() {
    let (emulator, client) = setup(Duration::ZERO).await;
    emulator
        .state()
        .faults
        .add(RuleSpec {
            fault: Some("throttling".into()),
            times: Some(1),
            ..RuleSpec::default()
        })
        .unwrap();
    let mut events = Vec::new();
    let outcome = stream_chat(
        &client,
        &request("amazon.nova-pro-v1:0", &[("hi", ChatRole::User)]),
        &mut events,
        &CancellationToken::new(),
    )
    .await;
    let error = outcome.error.expect("throttled");
    assert_eq!(error.code, ErrorCode::Throttled);
    assert!(error.hint.contains("retry"));
    assert_eq!(events, vec![ChatEvent::Failed { error }]);

    let denied = stream_chat(
        &client,
        &request(
            "anthropic.claude-3-opus-20240229-v1:0",
            &[("hi", ChatRole::User)],
        ),
        &mut Vec::new(),
        &CancellationToken::new(),
    )
    .await;
    assert_eq!(denied.error.unwrap().code, ErrorCode::AccessDenied);

    let profile_only = stream_chat(
        &client,
        &request(
            "anthropic.claude-3-7-sonnet-20250219-v1:0",
            &[("hi", ChatRole::User)],
        ),
        &mut Vec::new(),
        &CancellationToken::new(),
    )
    .await;
    assert_eq!(
        profile_only.error.unwrap().code,
        ErrorCode::OnDemandNotSupported
    );
}

#[tokio::test]
async fn a_stream_failing_midway_keeps_what_arrived() {
    let (emulator, client) = setup(Duration::ZERO).await;
    emulator
        .state()
        .faults
        .add(RuleSpec {
            fault: Some("stream-error".into()),
            error: Some("throttling".into()),
            after: Some(6),
            ..RuleSpec::default()
        })
        .unwrap();
    let mut events = Vec::new();
    let outcome = stream_chat(
        &client,
        &request("amazon.nova-pro-v1:0", &[("hi", ChatRole::User)]),
        &mut events,
        &CancellationToken::new(),
    )
    .await;
    assert_eq!(
        outcome.error.as_ref().unwrap().code,
        ErrorCode::Throttled,
        "{:?}",
        outcome.error
    );
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, ChatEvent::TextDelta { .. }))
            .count(),
        5
    );
    assert!(!outcome.text.is_empty());
}

#[tokio::test]
async fn invalid_requests_fail_before_sending() {
    let (emulator, client) = setup(Duration::ZERO).await;
    let mut bad = request("amazon.nova-pro-v1:0", &[("hi", ChatRole::User)]);
    bad.params.temperature = Some(3.0);
    let outcome = stream_chat(&client, &bad, &mut Vec::new(), &CancellationToken::new()).await;
    assert_eq!(outcome.error.unwrap().code, ErrorCode::InvalidRequest);
    assert!(emulator.state().recorder.all().is_empty());
}
