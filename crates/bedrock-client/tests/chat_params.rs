//! The model's rules on parameters, the Converse fallback and Stop, against the emulator over
//! real HTTP with the real SDK client and the app's wire capture.

mod common;

use std::time::{Duration, Instant};

use bedrock_client::ErrorCode;
use bedrock_client::catalogue::{ModelCapabilities, ModelCatalogue};
use bedrock_client::chat::{
    ChatEvent, ChatMessage, ChatRequest, InferenceParams, run_chat, run_chat_as,
};
use bedrock_client::wire::{WireLog, with_capture};
use bedrock_emulator::{Emulator, RuleSpec};
use common::emulator_config;
use serde_json::Value;
use tokio_util::sync::CancellationToken;

const SONNET_37: &str = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
const LLAMA_31: &str = "meta.llama3-1-70b-instruct-v1:0";
const HAIKU_3: &str = "anthropic.claude-3-haiku-20240307-v1:0";
const TITAN: &str = "amazon.titan-text-premier-v1:0";
const TOOLS: &str = r#"[{"name": "get_weather", "description": "Weather for a city", "inputSchema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]"#;

struct Setup {
    emulator: Emulator,
    client: aws_sdk_bedrockruntime::Client,
    log: WireLog,
}

async fn setup() -> Setup {
    let (emulator, config) = emulator_config(Duration::ZERO).await;
    let log = WireLog::new();
    let (client, _) = with_capture(&config, &log);
    Setup {
        emulator,
        client,
        log,
    }
}

fn request(model: &str, text: &str) -> ChatRequest {
    ChatRequest {
        model_id: model.into(),
        system_prompt: "You are concise.".into(),
        messages: vec![ChatMessage::user(text)],
        params: InferenceParams {
            max_tokens: Some(400),
            temperature: Some(0.5),
            top_p: Some(0.9),
            stop_sequences: vec!["END".into()],
        },
        additional_fields_json: None,
        tools_json: None,
    }
}

fn thinking(budget: u32, top_k: bool) -> Option<String> {
    let top_k = if top_k { r#""top_k": 40, "# } else { "" };
    Some(format!(
        r#"{{{top_k}"thinking": {{"type": "enabled", "budget_tokens": {budget}}}}}"#
    ))
}

/// The JSON body of the only request the client sent, and its operation.
fn sent(log: &WireLog) -> (String, Value) {
    let exchanges = log.exchanges();
    assert_eq!(exchanges.len(), 1, "one request: {exchanges:?}");
    let exchange = &exchanges[0];
    let body = exchange.request_body.as_ref().expect("a captured body");
    (
        exchange.operation.clone().unwrap_or_default(),
        serde_json::from_str(&body.text).unwrap(),
    )
}

#[tokio::test]
async fn with_thinking_temperature_top_p_and_top_k_are_left_out() {
    let setup = setup().await;
    let mut claude = request(SONNET_37, "Think, then answer");
    claude.params.max_tokens = Some(4096);
    claude.additional_fields_json = thinking(2048, true);
    let outcome = run_chat(
        &setup.client,
        &claude,
        &mut Vec::new(),
        &CancellationToken::new(),
    )
    .await;
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    let (operation, body) = sent(&setup.log);
    assert_eq!(operation, "ConverseStream");
    let config = &body["inferenceConfig"];
    assert_eq!(config["maxTokens"], 4096);
    assert!(config.get("topP").is_none(), "{config}");
    assert!(config.get("temperature").is_none(), "{config}");
    let fields = &body["additionalModelRequestFields"];
    assert!(fields.get("top_k").is_none(), "{fields}");
    assert_eq!(fields["thinking"]["budget_tokens"], 2048);
}

#[tokio::test]
async fn without_thinking_every_parameter_is_sent() {
    let setup = setup().await;
    let mut claude = request(HAIKU_3, "Answer");
    claude.additional_fields_json = Some(r#"{"top_k": 40}"#.into());
    let outcome = run_chat(
        &setup.client,
        &claude,
        &mut Vec::new(),
        &CancellationToken::new(),
    )
    .await;
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    let (_, body) = sent(&setup.log);
    assert_eq!(
        body["inferenceConfig"]["topP"].as_f64().map(|p| p as f32),
        Some(0.9)
    );
    assert_eq!(body["inferenceConfig"]["stopSequences"][0], "END");
    assert_eq!(body["additionalModelRequestFields"]["top_k"], 40);
    assert_eq!(body["system"][0]["text"], "You are concise.");
}

#[tokio::test]
async fn controls_the_model_lacks_are_not_sent() {
    let setup = setup().await;
    let titan = request(TITAN, "Hello");
    let outcome = run_chat(
        &setup.client,
        &titan,
        &mut Vec::new(),
        &CancellationToken::new(),
    )
    .await;
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    let (_, body) = sent(&setup.log);
    assert!(
        body.get("system").is_none(),
        "Titan takes no system prompt: {body}"
    );
    setup.log.clear();
    let llama = request(LLAMA_31, "Hello");
    let outcome = run_chat(
        &setup.client,
        &llama,
        &mut Vec::new(),
        &CancellationToken::new(),
    )
    .await;
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    let (_, body) = sent(&setup.log);
    assert!(
        body["inferenceConfig"].get("stopSequences").is_none(),
        "Llama takes no stop sequences: {body}"
    );
}

#[tokio::test]
async fn what_bedrock_would_refuse_is_refused_before_sending() {
    let setup = setup().await;
    let mut too_long = request(HAIKU_3, "Hi");
    too_long.params.max_tokens = Some(8000);
    let mut five_stops = request(HAIKU_3, "Hi");
    five_stops.params.stop_sequences = ["a", "b", "c", "d", "e"].map(String::from).to_vec();
    let mut small_budget = request(SONNET_37, "Hi");
    small_budget.params.max_tokens = Some(4096);
    small_budget.additional_fields_json = thinking(512, false);
    let mut budget_above_max = request(SONNET_37, "Hi");
    budget_above_max.params.max_tokens = Some(2048);
    budget_above_max.additional_fields_json = thinking(2048, false);
    let mut hot = request(HAIKU_3, "Hi");
    hot.params.temperature = Some(1.5);
    let mut titan_tools = request(TITAN, "Hi");
    titan_tools.tools_json = Some(TOOLS.into());
    for (bad, expected) in [
        (&too_long, "limit of 4096"),
        (&five_stops, "at most 4"),
        (&small_budget, "at least 1024"),
        (&budget_above_max, "above the reasoning budget (2048)"),
        (&hot, "Temperature must be between 0 and 1"),
        (&titan_tools, "takes no tools"),
    ] {
        let error = bad.validate().unwrap_err();
        assert!(error.message.contains(expected), "{}", error.message);
        let mut events = Vec::new();
        let outcome = run_chat(&setup.client, bad, &mut events, &CancellationToken::new()).await;
        assert_eq!(
            outcome.error.as_ref().map(|e| e.code),
            Some(ErrorCode::InvalidRequest)
        );
        assert!(
            matches!(events.as_slice(), [ChatEvent::Failed { .. }]),
            "{events:?}"
        );
    }
    assert!(setup.log.exchanges().is_empty(), "nothing was sent");
    assert!(setup.emulator.state().recorder.all().is_empty());
}

#[tokio::test]
async fn a_model_that_cannot_stream_tools_answers_through_converse_with_the_same_events() {
    let setup = setup().await;
    let mut llama = request(LLAMA_31, "What is the weather in Paris?");
    llama.tools_json = Some(TOOLS.into());
    let mut events = Vec::new();
    let outcome = run_chat(
        &setup.client,
        &llama,
        &mut events,
        &CancellationToken::new(),
    )
    .await;
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    let (operation, _) = sent(&setup.log);
    assert_eq!(operation, "Converse");
    assert_eq!(
        setup.emulator.state().recorder.all()[0].operation,
        "Converse"
    );
    assert!(matches!(events.first(), Some(ChatEvent::Started { .. })));
    assert!(
        matches!(events.last(), Some(ChatEvent::Metadata { usage, .. }) if usage.output_tokens > 0)
    );
    let stop = events.iter().find_map(|e| match e {
        ChatEvent::Stopped { stop_reason } => Some(stop_reason.clone()),
        _ => None,
    });
    assert_eq!(stop, outcome.stop_reason);
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            ChatEvent::TextDelta { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(text, outcome.text);
    let starts = events
        .iter()
        .filter(|e| matches!(e, ChatEvent::ToolUseStart { .. }))
        .count();
    assert_eq!(starts, outcome.tool_calls.len());
    assert!(outcome.metrics.total_latency_ms > 0 || outcome.usage.is_some());
    setup.log.clear();
    llama.tools_json = None;
    run_chat(
        &setup.client,
        &llama,
        &mut Vec::new(),
        &CancellationToken::new(),
    )
    .await;
    assert_eq!(
        sent(&setup.log).0,
        "ConverseStream",
        "without tools it streams"
    );
}

async fn stop_before_the_first_byte(model: &str, tools: Option<&str>, operation: &str) {
    let setup = setup().await;
    setup
        .emulator
        .state()
        .faults
        .add(RuleSpec {
            first_byte_ms: Some(10_000),
            ..RuleSpec::default()
        })
        .unwrap();
    let mut slow = request(model, "Hello");
    slow.tools_json = tools.map(str::to_owned);
    let cancel = CancellationToken::new();
    let stopper = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        stopper.cancel();
    });
    let started = Instant::now();
    let mut events = Vec::new();
    let outcome = run_chat(&setup.client, &slow, &mut events, &cancel).await;
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "stopped promptly, not after the first byte: {:?}",
        started.elapsed()
    );
    assert!(outcome.cancelled && outcome.error.is_none(), "{outcome:?}");
    assert!(events.is_empty(), "{events:?}");
    let exchanges = setup.log.exchanges();
    assert_eq!(exchanges.len(), 1, "{exchanges:?}");
    assert_eq!(exchanges[0].operation.as_deref(), Some(operation));
}

#[tokio::test]
async fn stop_ends_a_stream_still_waiting_for_its_first_byte() {
    stop_before_the_first_byte(HAIKU_3, None, "ConverseStream").await;
}

#[tokio::test]
async fn stop_ends_a_converse_call_still_waiting_for_its_answer() {
    stop_before_the_first_byte(LLAMA_31, Some(TOOLS), "Converse").await;
}

#[tokio::test]
async fn a_model_listed_as_not_streaming_answers_through_converse() {
    let (emulator, config) = emulator_config(Duration::ZERO).await;
    let log = WireLog::new();
    let (client, control) = with_capture(&config, &log);
    let catalogue = ModelCatalogue::default();
    catalogue
        .models("emulator", "us-east-1", false, &control)
        .await
        .unwrap();
    let listed = catalogue
        .listed_capabilities("emulator", "us-east-1", HAIKU_3)
        .expect("Claude 3 Haiku is listed");
    assert!(listed.streaming, "the emulator says it streams");
    assert_eq!(listed.max_output_tokens, Some(4096));
    assert!(
        catalogue
            .listed_capabilities("emulator", "eu-west-1", HAIKU_3)
            .is_none()
    );
    log.clear();
    let not_streaming = ModelCapabilities {
        streaming: false,
        ..listed
    };
    let mut events = Vec::new();
    let outcome = run_chat_as(
        &client,
        &request(HAIKU_3, "Hello"),
        &not_streaming,
        &mut events,
        &CancellationToken::new(),
    )
    .await;
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    assert!(!outcome.text.is_empty());
    assert_eq!(sent(&log).0, "Converse");
    assert_eq!(
        emulator.state().recorder.all().last().unwrap().operation,
        "Converse"
    );
}
