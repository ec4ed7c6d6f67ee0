//! Streams a long answer (20,000 chunks, no pacing) from the emulator, once consumed by the bare
//! SDK and once through the app's pipeline to a channel sink, alternating rounds; prints the
//! median time of each and their ratio. Run: `cargo bench -p bedrock-client`.

use std::time::{Duration, Instant};

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ContentBlockDelta, ConversationRole, ConverseStreamOutput, Message,
};
use bedrock_client::chat::{
    ChatEvent, ChatMessage, ChatRequest, ChatRole, InferenceParams, stream_chat,
};
use bedrock_emulator::{Emulator, EmulatorConfig, RuleSpec};
use tokio_util::sync::CancellationToken;

const CHUNKS: u32 = 20_000;
const ROUNDS: usize = 7;
const MODEL: &str = "amazon.nova-lite-v1:0";
const TARGET_RATIO: f64 = 1.15;

#[tokio::main]
async fn main() {
    let emulator = Emulator::start(EmulatorConfig {
        pace: Duration::ZERO,
        ..EmulatorConfig::default()
    })
    .await
    .expect("emulator");
    emulator
        .state()
        .faults
        .add(RuleSpec {
            output_tokens: Some(CHUNKS),
            ..RuleSpec::default()
        })
        .expect("a shaping rule");
    let client = Client::new(&config(&emulator));

    // One warm-up of each, so connection set-up and lazy initialisation are not measured.
    bare_sdk(&client).await;
    pipeline(&client).await;
    let mut bare_times = Vec::new();
    let mut pipeline_times = Vec::new();
    for _ in 0..ROUNDS {
        bare_times.push(bare_sdk(&client).await);
        pipeline_times.push(pipeline(&client).await);
    }
    let bare = median(&mut bare_times);
    let piped = median(&mut pipeline_times);
    let ratio = piped.as_secs_f64() / bare.as_secs_f64();
    println!("stream of {CHUNKS} chunks, median of {ROUNDS} rounds");
    println!("bare SDK:           {:>8.1} ms", bare.as_secs_f64() * 1e3);
    println!("pipeline -> channel: {:>7.1} ms", piped.as_secs_f64() * 1e3);
    println!(
        "ratio: {ratio:.3}x (target <= {TARGET_RATIO}x: {})",
        if ratio <= TARGET_RATIO {
            "met"
        } else {
            "NOT met"
        }
    );
}

async fn bare_sdk(client: &Client) -> Duration {
    let started = Instant::now();
    let message = Message::builder()
        .role(ConversationRole::User)
        .content(ContentBlock::Text("go".into()))
        .build()
        .unwrap();
    let mut stream = client
        .converse_stream()
        .model_id(MODEL)
        .messages(message)
        .send()
        .await
        .unwrap()
        .stream;
    let mut text = String::new();
    let mut deltas = 0u32;
    while let Some(event) = stream.recv().await.unwrap() {
        if let ConverseStreamOutput::ContentBlockDelta(delta) = event
            && let Some(ContentBlockDelta::Text(piece)) = delta.delta
        {
            text.push_str(&piece);
            deltas += 1;
        }
    }
    assert_eq!(deltas, CHUNKS);
    started.elapsed()
}

/// The app's path: typed events, serialised to JSON as an IPC channel does, sent to another task.
async fn pipeline(client: &Client) -> Duration {
    let started = Instant::now();
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel::<String>();
    let consumer = tokio::spawn(async move {
        let mut received = 0u32;
        while let Some(json) = receiver.recv().await {
            if json.contains("\"textDelta\"") {
                received += 1;
            }
        }
        received
    });
    let request = ChatRequest {
        model_id: MODEL.into(),
        system_prompt: String::new(),
        messages: vec![ChatMessage {
            role: ChatRole::User,
            text: "go".into(),
            attachments: vec![],
            tool_calls: vec![],
            tool_answers: vec![],
            reasoning: vec![],
        }],
        params: InferenceParams::default(),
        additional_fields_json: None,
        tools_json: None,
    };
    let mut sink = |event: ChatEvent| {
        sender
            .send(serde_json::to_string(&event).expect("events serialise"))
            .is_ok()
    };
    let outcome = stream_chat(client, &request, &mut sink, &CancellationToken::new()).await;
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    drop(sender);
    assert_eq!(consumer.await.unwrap(), CHUNKS);
    started.elapsed()
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn config(emulator: &Emulator) -> SdkConfig {
    SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(emulator.endpoint_url())
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
            "AKIABENCH",
            "secret",
            None,
            None,
            "bench",
        )))
        .build()
}
