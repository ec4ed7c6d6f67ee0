//! The wire capture against the emulator over real HTTP with the real SDK clients.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::provider::token::SharedTokenProvider;
use aws_credential_types::{Credentials, Token};
use aws_sdk_bedrockruntime::primitives::Blob;
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ContentBlockDelta, ConversationRole, ConverseStreamOutput, Message,
    ResponseStream,
};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::auth::http::HTTP_BEARER_AUTH_SCHEME_ID;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use bedrock_client::wire::{
    BodyState, EventFrame, WireCapture, WireExchange, WireHeader, WireLog, with_capture,
};
use bedrock_emulator::{Emulator, EmulatorConfig, RuleSpec};
use serde_json::{Value, json};

const ACCESS_KEY_ID: &str = "AKIAWIRECAPTURE12345";
const SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYwireCaptureKey";
const SESSION_TOKEN: &str = "IQoJb3JpZ2luX2VjEwireCaptureSessionToken0123456789abcdef";
const BEARER_TOKEN: &str = "ABSKQmVkcm9ja0FQSUtleS13aXJlY2FwdHVyZQ9f3a";

const NOVA: &str = "amazon.nova-pro-v1:0";
const HAIKU: &str = "anthropic.claude-3-haiku-20240307-v1:0";
const FOUNDATION_MODEL_ARN: &str =
    "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0";

async fn emulator(pace: Duration) -> Emulator {
    Emulator::start(EmulatorConfig {
        pace,
        ..EmulatorConfig::default()
    })
    .await
    .unwrap()
}

enum Auth {
    SigV4 { session_token: Option<&'static str> },
    Bearer,
}

fn config(emulator: &Emulator, auth: Auth) -> SdkConfig {
    let builder = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(emulator.endpoint_url())
        .retry_config(RetryConfig::disabled());
    match auth {
        Auth::SigV4 { session_token } => {
            let credentials = Credentials::new(
                ACCESS_KEY_ID,
                SECRET_ACCESS_KEY,
                session_token.map(str::to_owned),
                None,
                "wire-capture-test",
            );
            builder.credentials_provider(SharedCredentialsProvider::new(credentials))
        }
        Auth::Bearer => builder
            .token_provider(SharedTokenProvider::new(Token::new(BEARER_TOKEN, None)))
            .auth_scheme_preference([HTTP_BEARER_AUTH_SCHEME_ID]),
    }
    .build()
}

fn sigv4_config(emulator: &Emulator, session_token: Option<&'static str>) -> SdkConfig {
    config(emulator, Auth::SigV4 { session_token })
}

fn user_says(text: &str) -> Message {
    Message::builder()
        .role(ConversationRole::User)
        .content(ContentBlock::Text(text.into()))
        .build()
        .unwrap()
}

fn header<'a>(headers: &'a [WireHeader], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

fn only_exchange(log: &WireLog) -> WireExchange {
    let mut exchanges = log.exchanges();
    assert_eq!(exchanges.len(), 1, "{exchanges:#?}");
    exchanges.remove(0)
}

fn event_types(frames: &[EventFrame]) -> Vec<&str> {
    frames
        .iter()
        .map(|f| f.event_type.as_deref().unwrap_or("?"))
        .collect()
}

/// Keeps the `Authorization` header exactly as signed, to prove the capture does not.
#[derive(Debug, Clone, Default)]
struct RawAuthorization(Arc<Mutex<Vec<String>>>);

impl Intercept for RawAuthorization {
    fn name(&self) -> &'static str {
        "RawAuthorization"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(value) = context.request().headers().get("authorization") {
            self.0.lock().unwrap().push(value.to_owned());
        }
        Ok(())
    }
}

#[tokio::test]
async fn converse_is_captured_as_signed_with_the_secrets_redacted() {
    let emulator = emulator(Duration::ZERO).await;
    let log = WireLog::new();
    let raw = RawAuthorization::default();
    let config = aws_sdk_bedrockruntime::config::Builder::from(&sigv4_config(&emulator, None))
        .interceptor(WireCapture::new(log.clone()))
        .interceptor(raw.clone())
        .build();
    let client = aws_sdk_bedrockruntime::Client::from_conf(config);
    client
        .converse()
        .model_id(FOUNDATION_MODEL_ARN)
        .messages(user_says("Hello over the wire"))
        .send()
        .await
        .unwrap();

    let exchange = only_exchange(&log);
    assert_eq!(exchange.operation.as_deref(), Some("Converse"));
    assert_eq!(exchange.service.as_deref(), Some("Bedrock Runtime"));
    assert_eq!(exchange.attempt, 1);
    assert_eq!(exchange.method, "POST");
    let encoded_arn =
        "arn%3Aaws%3Abedrock%3Aus-east-1%3A%3Afoundation-model%2Famazon.nova-pro-v1%3A0";
    assert_eq!(
        exchange.url,
        format!("{}/model/{encoded_arn}/converse", emulator.endpoint_url())
    );
    assert_eq!(exchange.model_id.as_deref(), Some(FOUNDATION_MODEL_ARN));
    assert_eq!(exchange.region.as_deref(), Some("us-east-1"));

    let headers = &exchange.request_headers;
    assert!(header(headers, "x-amz-date").is_some_and(|d| d.ends_with('Z')));
    let authorization = header(headers, "authorization").unwrap();
    assert!(
        authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIA****2345/")
            && authorization.contains("/us-east-1/bedrock/aws4_request"),
        "{authorization}"
    );
    assert!(authorization.ends_with("Signature=****"), "{authorization}");
    let sent = raw.0.lock().unwrap()[0].clone();
    let signature = sent.rsplit_once("Signature=").unwrap().1;
    assert_eq!(signature.len(), 64);
    let captured = serde_json::to_string(&exchange).unwrap();
    for secret in [signature, SECRET_ACCESS_KEY, ACCESS_KEY_ID] {
        assert!(!captured.contains(secret), "{secret} leaked");
    }
    let request_body = exchange.request_body.as_ref().unwrap();
    assert!(!request_body.base64 && request_body.text.contains("Hello over the wire"));

    let response = exchange.response.as_ref().unwrap();
    assert_eq!(response.status, 200);
    let body = response.body.as_ref().unwrap();
    let body: Value = serde_json::from_str(&body.text).unwrap();
    assert!(body["output"]["message"]["content"].is_array(), "{body}");
    assert_eq!(response.body_state, BodyState::Complete);
    assert!(response.frames.is_empty());
    let recorded = &emulator.state().recorder.all()[0];
    assert_eq!(
        header(&response.headers, "x-amzn-RequestId"),
        Some(recorded.request_id.as_str())
    );
    assert_eq!(recorded.model_id.as_deref(), Some(FOUNDATION_MODEL_ARN));

    let timing = &exchange.timing;
    assert!(timing.started_at.ends_with('Z'));
    let headers_ms = timing.response_headers_ms.unwrap();
    let first_byte_ms = timing.first_byte_ms.unwrap();
    let total_ms = timing.total_ms.unwrap();
    assert!(
        headers_ms <= first_byte_ms && first_byte_ms <= total_ms,
        "{timing:?}"
    );
    assert!(exchange.error.is_none());
}

#[tokio::test]
async fn converse_stream_frames_are_captured_in_order_while_the_sdk_still_streams() {
    let emulator = emulator(Duration::from_millis(2)).await;
    let log = WireLog::new();
    let (runtime, _) = with_capture(&sigv4_config(&emulator, None), &log);
    let mut stream = runtime
        .converse_stream()
        .model_id(NOVA)
        .messages(user_says("Stream to me"))
        .send()
        .await
        .unwrap()
        .stream;
    let mut sdk_text = String::new();
    let mut sdk_events = 0;
    while let Some(event) = stream.recv().await.unwrap() {
        sdk_events += 1;
        if let ConverseStreamOutput::ContentBlockDelta(delta) = event
            && let Some(ContentBlockDelta::Text(text)) = delta.delta
        {
            sdk_text.push_str(&text);
        }
    }

    let exchange = only_exchange(&log);
    assert_eq!(exchange.operation.as_deref(), Some("ConverseStream"));
    assert_eq!(exchange.model_id.as_deref(), Some(NOVA));
    let response = exchange.response.unwrap();
    assert_eq!(
        header(&response.headers, "content-type"),
        Some("application/vnd.amazon.eventstream")
    );
    assert!(response.body.is_none());
    assert_eq!(response.body_state, BodyState::Complete);
    assert_eq!(response.body_error, None);
    assert_eq!(response.frames.len(), sdk_events);
    assert_eq!(response.frame_count as usize, sdk_events);
    assert!(!response.frames_truncated);

    let types = event_types(&response.frames);
    assert_eq!(types.first(), Some(&"messageStart"));
    assert_eq!(types[types.len() - 2..], ["messageStop", "metadata"]);
    let first_delta = types
        .iter()
        .position(|t| *t == "contentBlockDelta")
        .unwrap();
    let last_delta = types
        .iter()
        .rposition(|t| *t == "contentBlockDelta")
        .unwrap();
    assert!(last_delta - first_delta > 10);
    for frame in &response.frames {
        assert_eq!(frame.message_type.as_deref(), Some("event"));
        assert_eq!(frame.content_type.as_deref(), Some("application/json"));
        assert!(frame.decoded_chunk.is_none());
    }

    let captured_text: String = response
        .frames
        .iter()
        .filter(|f| f.event_type.as_deref() == Some("contentBlockDelta"))
        .map(|f| {
            let payload: Value = serde_json::from_str(&f.payload.text).unwrap();
            payload["delta"]["text"].as_str().unwrap().to_owned()
        })
        .collect();
    assert!(sdk_text.contains("Stream to me"), "{sdk_text}");
    assert_eq!(captured_text, sdk_text);

    let arrivals: Vec<f64> = response.frames.iter().map(|f| f.at_ms).collect();
    assert!(arrivals.windows(2).all(|w| w[0] <= w[1]));
    assert!(arrivals[arrivals.len() - 1] > arrivals[0], "{arrivals:?}");
    let timing = exchange.timing;
    assert!(timing.first_byte_ms.unwrap() <= arrivals[0]);
    assert!(timing.total_ms.unwrap() >= arrivals[arrivals.len() - 1]);
}

#[tokio::test]
async fn invoke_model_stream_chunks_are_decoded_to_the_native_json() {
    let emulator = emulator(Duration::ZERO).await;
    let log = WireLog::new();
    let (runtime, _) = with_capture(&sigv4_config(&emulator, None), &log);
    let request = json!({
        "anthropic_version": "bedrock-2023-05-31",
        "max_tokens": 200,
        "messages": [{"role": "user", "content": "Chunk me"}],
    });
    let mut stream = runtime
        .invoke_model_with_response_stream()
        .model_id(HAIKU)
        .content_type("application/json")
        .body(Blob::new(request.to_string()))
        .send()
        .await
        .unwrap()
        .body;
    let mut sdk_chunks = Vec::new();
    while let Some(event) = stream.recv().await.unwrap() {
        if let ResponseStream::Chunk(part) = event {
            sdk_chunks.push(String::from_utf8(part.bytes.unwrap().into_inner()).unwrap());
        }
    }

    let exchange = only_exchange(&log);
    assert_eq!(
        exchange.operation.as_deref(),
        Some("InvokeModelWithResponseStream")
    );
    assert!(exchange.url.ends_with("/invoke-with-response-stream"));
    let response = exchange.response.unwrap();
    assert_eq!(
        header(&response.headers, "x-amzn-bedrock-content-type"),
        Some("application/json")
    );
    assert!(event_types(&response.frames).iter().all(|t| *t == "chunk"));
    let captured: Vec<String> = response
        .frames
        .iter()
        .map(|f| f.decoded_chunk.clone().unwrap())
        .collect();
    assert!(sdk_chunks.len() > 3);
    assert_eq!(captured, sdk_chunks);
    let first: Value = serde_json::from_str(&captured[0]).unwrap();
    assert_eq!(first["type"], "message_start");
    assert!(response.frames[0].payload.text.starts_with("{\"bytes\":"));
}

#[tokio::test]
async fn a_stream_dropped_midway_is_marked_abandoned() {
    let emulator = emulator(Duration::from_millis(2)).await;
    emulator
        .state()
        .faults
        .add(RuleSpec {
            output_tokens: Some(5_000),
            ..RuleSpec::default()
        })
        .unwrap();
    let log = WireLog::new();
    let (runtime, _) = with_capture(&sigv4_config(&emulator, None), &log);
    let mut output = runtime
        .converse_stream()
        .model_id(NOVA)
        .messages(user_says("A long one"))
        .send()
        .await
        .unwrap();
    for _ in 0..5 {
        output.stream.recv().await.unwrap().unwrap();
    }
    drop(output);

    let exchange = only_exchange(&log);
    let response = exchange.response.unwrap();
    assert_eq!(response.body_state, BodyState::Abandoned);
    assert!(response.frames.len() >= 5 && response.frames.len() < 1_000);
    assert!(exchange.timing.total_ms.is_some());
}

#[tokio::test]
async fn failed_calls_keep_the_error_response() {
    let emulator = emulator(Duration::ZERO).await;
    let log = WireLog::new();
    let (runtime, _) = with_capture(&sigv4_config(&emulator, None), &log);
    let error = runtime
        .converse()
        .model_id("amazon.no-such-model-v1:0")
        .messages(user_says("Hello?"))
        .send()
        .await
        .unwrap_err();
    assert!(error.into_service_error().is_validation_exception());

    let exchange = only_exchange(&log);
    let response = exchange.response.unwrap();
    assert_eq!(response.status, 400);
    assert!(
        response
            .body
            .unwrap()
            .text
            .contains("The provided model identifier is invalid.")
    );
    assert!(header(&response.headers, "x-amzn-RequestId").is_some());
    assert!(
        exchange
            .error
            .is_some_and(|e| e.contains("ValidationException")),
    );
}

#[tokio::test]
async fn session_tokens_are_masked() {
    let emulator = emulator(Duration::ZERO).await;
    let log = WireLog::new();
    let (runtime, _) = with_capture(&sigv4_config(&emulator, Some(SESSION_TOKEN)), &log);
    runtime
        .converse()
        .model_id(NOVA)
        .messages(user_says("Temporary credentials"))
        .send()
        .await
        .unwrap();

    assert!(emulator.state().recorder.all()[0].caller.has_session_token);
    let exchange = only_exchange(&log);
    assert_eq!(
        header(&exchange.request_headers, "x-amz-security-token"),
        Some("****")
    );
}

#[tokio::test]
async fn no_secret_appears_anywhere_in_the_serialised_log() {
    let emulator = emulator(Duration::ZERO).await;
    let log = WireLog::new();
    let (runtime, control) = with_capture(&sigv4_config(&emulator, Some(SESSION_TOKEN)), &log);
    runtime
        .converse()
        .model_id(NOVA)
        .messages(user_says("One"))
        .send()
        .await
        .unwrap();
    let mut stream = runtime
        .converse_stream()
        .model_id(NOVA)
        .messages(user_says("Two"))
        .send()
        .await
        .unwrap()
        .stream;
    while stream.recv().await.unwrap().is_some() {}
    control.list_foundation_models().send().await.unwrap();
    let (bearer_runtime, _) = with_capture(&config(&emulator, Auth::Bearer), &log);
    bearer_runtime
        .converse()
        .model_id(NOVA)
        .messages(user_says("Three"))
        .send()
        .await
        .unwrap();

    let exchanges = log.exchanges();
    let operations: Vec<_> = exchanges
        .iter()
        .map(|e| e.operation.as_deref().unwrap_or("?"))
        .collect();
    assert_eq!(
        operations,
        [
            "Converse",
            "ConverseStream",
            "ListFoundationModels",
            "Converse"
        ]
    );
    assert_eq!(exchanges[2].service.as_deref(), Some("Bedrock"));
    let bearer = &exchanges[3];
    assert_eq!(
        header(&bearer.request_headers, "authorization"),
        Some("Bearer ****9f3a")
    );
    assert_eq!(bearer.region.as_deref(), Some("us-east-1"));

    let serialised = serde_json::to_string(&exchanges).unwrap();
    for secret in [
        SECRET_ACCESS_KEY,
        SESSION_TOKEN,
        BEARER_TOKEN,
        ACCESS_KEY_ID,
    ] {
        assert!(!serialised.contains(secret), "{secret} leaked");
    }
    assert!(serialised.contains("AKIA****2345"));
    assert_eq!(log.get(bearer.id).as_ref(), Some(bearer));
    log.clear();
    assert!(log.exchanges().is_empty());
}
