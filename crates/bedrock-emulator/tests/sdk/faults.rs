//! Fault injection seen through the real SDK: throttling then success, errors, timeouts,
//! streams failing midway or dropped, and which credentials signed what.

use std::time::{Duration, Instant};

use aws_config::retry::RetryConfig;
use aws_sdk_bedrockruntime::error::SdkError;
use aws_sdk_bedrockruntime::types::{ContentBlock, ConversationRole, Message};
use bedrock_emulator::RuleSpec;
use bedrock_emulator::wire::auth::AuthScheme;

use crate::support;

const NOVA: &str = "amazon.nova-lite-v1:0";

fn hello() -> Message {
    Message::builder()
        .role(ConversationRole::User)
        .content(ContentBlock::Text("hello".into()))
        .build()
        .unwrap()
}

fn rule(fault: &str) -> RuleSpec {
    RuleSpec {
        model: Some("nova-lite".into()),
        fault: Some(fault.into()),
        ..RuleSpec::default()
    }
}

#[tokio::test]
async fn throttling_then_success_with_sdk_retries() {
    let emulator = support::emulator().await;
    support::add_fault(
        &emulator,
        RuleSpec {
            times: Some(2),
            ..rule("throttling")
        },
    );
    let config = support::sdk_config(&emulator, "us-east-1", support::ACCESS_KEY_ID)
        .into_builder()
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(3)
                .with_initial_backoff(Duration::from_millis(1)),
        )
        .build();
    let client = aws_sdk_bedrockruntime::Client::new(&config);
    client
        .converse()
        .model_id(NOVA)
        .messages(hello())
        .send()
        .await
        .expect("the third attempt succeeds");
    let statuses: Vec<u16> = emulator
        .state()
        .recorder
        .all()
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [429, 429, 200]);
}

#[tokio::test]
async fn each_injected_error_arrives_as_its_modeled_exception() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    for (fault, check) in [
        (
            "throttling",
            (|e| e.is_throttling_exception())
                as fn(&aws_sdk_bedrockruntime::operation::converse::ConverseError) -> bool,
        ),
        ("access-denied", |e| e.is_access_denied_exception()),
        ("internal-server", |e| e.is_internal_server_exception()),
        ("service-unavailable", |e| {
            e.is_service_unavailable_exception()
        }),
        ("model-not-ready", |e| e.is_model_not_ready_exception()),
        ("model-error", |e| e.is_model_error_exception()),
    ] {
        let error = client
            .converse()
            .model_id(NOVA)
            .messages(hello())
            .customize()
            .mutate_request(move |request| {
                request
                    .headers_mut()
                    .insert("x-bedrock-emulator", format!("fault={fault}"));
            })
            .send()
            .await
            .unwrap_err();
        let service_error = error.into_service_error();
        assert!(check(&service_error), "{fault}: {service_error:?}");
        assert!(
            service_error
                .meta()
                .message()
                .is_some_and(|m| !m.is_empty())
        );
    }
}

#[tokio::test]
async fn expired_tokens_are_reported_with_their_code() {
    let emulator = support::emulator().await;
    support::add_fault(&emulator, rule("expired-token"));
    let error = support::runtime_client(&emulator)
        .converse()
        .model_id(NOVA)
        .messages(hello())
        .send()
        .await
        .unwrap_err();
    match error {
        SdkError::ServiceError(service) => {
            assert_eq!(service.raw().status().as_u16(), 403);
            assert_eq!(service.err().meta().code(), Some("ExpiredTokenException"));
        }
        other => panic!("expected a service error, got {other:?}"),
    }
}

#[tokio::test]
async fn model_access_can_be_granted_and_revoked() {
    let emulator = support::emulator().await;
    let client = support::runtime_client(&emulator);
    emulator.state().catalogue.set_access(NOVA, false).unwrap();
    let denied = client
        .converse()
        .model_id(NOVA)
        .messages(hello())
        .send()
        .await
        .unwrap_err();
    assert!(denied.into_service_error().is_access_denied_exception());
    emulator.state().catalogue.set_access(NOVA, true).unwrap();
    client
        .converse()
        .model_id(NOVA)
        .messages(hello())
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn model_timeouts_come_after_the_delay() {
    let emulator = support::emulator().await;
    support::add_fault(
        &emulator,
        RuleSpec {
            delay_ms: Some(150),
            ..rule("timeout")
        },
    );
    let started = Instant::now();
    let error = support::runtime_client(&emulator)
        .converse()
        .model_id(NOVA)
        .messages(hello())
        .send()
        .await
        .unwrap_err();
    assert!(error.into_service_error().is_model_timeout_exception());
    assert!(started.elapsed() >= Duration::from_millis(150));
}

#[tokio::test]
async fn a_slow_first_byte_delays_the_response() {
    let emulator = support::emulator().await;
    support::add_fault(
        &emulator,
        RuleSpec {
            model: Some("nova-lite".into()),
            first_byte_ms: Some(120),
            ..RuleSpec::default()
        },
    );
    let started = Instant::now();
    support::runtime_client(&emulator)
        .converse()
        .model_id(NOVA)
        .messages(hello())
        .send()
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(120));
}

async fn stream_until_failure(
    emulator: &bedrock_emulator::Emulator,
    header: &'static str,
) -> (usize, String) {
    let output = support::runtime_client(emulator)
        .converse_stream()
        .model_id(NOVA)
        .messages(hello())
        .customize()
        .mutate_request(move |request| {
            request.headers_mut().insert("x-bedrock-emulator", header);
        })
        .send()
        .await
        .expect("the stream starts");
    let mut stream = output.stream;
    let mut events = 0;
    loop {
        match stream.recv().await {
            Ok(Some(_)) => events += 1,
            Ok(None) => return (events, "ended cleanly".into()),
            Err(error) => return (events, format!("{:?}", error.into_service_error())),
        }
    }
}

#[tokio::test]
async fn a_stream_can_fail_midway_with_an_exception_frame() {
    let emulator = support::emulator().await;
    let (events, error) =
        stream_until_failure(&emulator, "fault=stream-error; error=throttling; after=4").await;
    assert_eq!(events, 4);
    assert!(error.contains("ThrottlingException"), "{error}");
    let (events, error) = stream_until_failure(&emulator, "fault=stream-error; after=2").await;
    assert_eq!(events, 2);
    assert!(error.contains("ModelStreamErrorException"), "{error}");
}

#[tokio::test]
async fn a_dropped_connection_is_an_error_not_a_clean_end() {
    let emulator = support::emulator().await;
    let (events, error) = stream_until_failure(&emulator, "fault=drop; after=3").await;
    assert_eq!(events, 3);
    assert_ne!(error, "ended cleanly");
}

#[tokio::test]
async fn a_bad_behaviour_header_is_a_validation_error() {
    let emulator = support::emulator().await;
    let error = support::runtime_client(&emulator)
        .converse()
        .model_id(NOVA)
        .messages(hello())
        .customize()
        .mutate_request(|request| {
            request
                .headers_mut()
                .insert("x-bedrock-emulator", "fault=gremlins");
        })
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(error.is_validation_exception());
    assert!(error.meta().message().unwrap().contains("gremlins"));
}

#[tokio::test]
async fn records_which_credentials_signed_each_request() {
    let emulator = support::emulator().await;
    let first = aws_sdk_bedrockruntime::Client::new(&support::sdk_config(
        &emulator,
        "us-west-2",
        "AKIAFIRSTPROFILE0001",
    ));
    let second = aws_sdk_bedrockruntime::Client::new(&support::sdk_config(
        &emulator,
        "eu-west-1",
        "AKIASECONDPROFILE002",
    ));
    first
        .converse()
        .model_id(NOVA)
        .messages(hello())
        .send()
        .await
        .unwrap();
    second
        .converse()
        .model_id(NOVA)
        .messages(hello())
        .send()
        .await
        .unwrap();
    let bearer = aws_sdk_bedrockruntime::Client::from_conf(
        aws_sdk_bedrockruntime::Config::builder()
            .behavior_version_latest()
            .region(aws_sdk_bedrockruntime::config::Region::new("us-east-1"))
            .endpoint_url(emulator.endpoint_url())
            .bearer_token(aws_sdk_bedrockruntime::config::Token::new(
                "ABSKemulatorapikeyXY12",
                None,
            ))
            .build(),
    );
    bearer
        .converse()
        .model_id(NOVA)
        .messages(hello())
        .send()
        .await
        .unwrap();

    let recorded = emulator.state().recorder.all();
    assert_eq!(
        recorded[0].caller.access_key_id.as_deref(),
        Some("AKIAFIRSTPROFILE0001")
    );
    assert_eq!(recorded[0].caller.region, "us-west-2");
    assert_eq!(
        recorded[1].caller.access_key_id.as_deref(),
        Some("AKIASECONDPROFILE002")
    );
    assert_eq!(recorded[1].caller.region, "eu-west-1");
    assert_eq!(recorded[2].caller.scheme, AuthScheme::Bearer);
    assert_eq!(
        recorded[2].caller.bearer_key_suffix.as_deref(),
        Some("XY12")
    );
    assert!(
        recorded
            .iter()
            .all(|r| !r.request_id.is_empty() && r.status == 200)
    );
}
