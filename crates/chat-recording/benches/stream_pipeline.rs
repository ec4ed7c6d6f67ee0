//! A 20,000-chunk answer (no pacing) from the emulator, read once by the bare SDK and once as the
//! app runs a chat: the emulator profile's clients with the wire capture on, every event
//! serialised to JSON as the Tauri channel does and handed to another task, the answer appended
//! to an on-disk SQLite history every 200 ms. Alternating rounds in one run; prints the median of
//! each and their ratio. Run: `cargo bench -p chat-recording` (release profile).

#[path = "../tests/support/mod.rs"]
mod support;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::config::{Credentials, SharedCredentialsProvider};
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ContentBlockDelta, ConversationRole, ConverseStreamOutput, Message,
};
use bedrock_client::Connection;
use bedrock_client::catalogue::capabilities_of;
use bedrock_client::chat::{
    ChatEvent, ChatMessage, ChatRequest, ChatRole, InferenceParams, run_chat_as,
};
use bedrock_client::wire::WireLog;
use bedrock_emulator::{Emulator, EmulatorConfig, RuleSpec};
use chat_recording::RecordingSink;
use storage::{Database, NewRun};
use tokio_util::sync::CancellationToken;

const CHUNKS: u32 = 20_000;
const ROUNDS: usize = 9;
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
    let data_dir = tempfile::tempdir().expect("a data folder");
    let bare = Client::new(&bare_config(&emulator));
    let wire = WireLog::new();
    let app = support::app_connection(data_dir.path(), &emulator.endpoint_url(), &wire).await;
    let history = Mutex::new(
        Database::open(data_dir.path().join("history.sqlite3")).expect("a history file"),
    );

    // One warm-up of each, so connection set-up and lazy initialisation are not measured.
    let _ = bare_sdk(&bare).await;
    as_the_app_runs_it(&app, &history).await;
    let mut bare_times = Vec::new();
    let mut first_chunks = Vec::new();
    let mut app_times = Vec::new();
    for _ in 0..ROUNDS {
        let (total, first_chunk) = bare_sdk(&bare).await;
        bare_times.push(total);
        first_chunks.push(first_chunk);
        app_times.push(as_the_app_runs_it(&app, &history).await);
    }
    let first_chunk = median(&mut first_chunks);
    let bare = median(&mut bare_times);
    let app = median(&mut app_times);
    let ratio = app.as_secs_f64() / bare.as_secs_f64();
    println!("stream of {CHUNKS} chunks, median of {ROUNDS} alternating rounds");
    println!(
        "bare SDK:                {:>8.1} ms",
        bare.as_secs_f64() * 1e3
    );
    println!(
        "  of which to the first chunk (the emulator composing the answer): {:.1} ms",
        first_chunk.as_secs_f64() * 1e3
    );
    println!(
        "as the app runs it:      {:>8.1} ms",
        app.as_secs_f64() * 1e3
    );
    println!(
        "ratio: {ratio:.3}x (target <= {TARGET_RATIO}x: {})",
        if ratio <= TARGET_RATIO {
            "met"
        } else {
            "NOT met"
        }
    );
}

/// The whole stream's time, and the time to its first text chunk.
async fn bare_sdk(client: &Client) -> (Duration, Duration) {
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
    let mut first_chunk = None;
    while let Some(event) = stream.recv().await.unwrap() {
        if let ConverseStreamOutput::ContentBlockDelta(delta) = event
            && let Some(ContentBlockDelta::Text(piece)) = delta.delta
        {
            first_chunk.get_or_insert_with(|| started.elapsed());
            text.push_str(&piece);
            deltas += 1;
        }
    }
    assert_eq!(deltas, CHUNKS);
    (started.elapsed(), first_chunk.unwrap_or_default())
}

/// The path of `chat_stream` (src-tauri/src/commands/chat.rs): a history run started, the
/// events through the recording sink to a channel consumer, the run finished.
async fn as_the_app_runs_it(app: &Connection, history: &Mutex<Database>) -> Duration {
    let started = Instant::now();
    let request = request();
    let run = history
        .lock()
        .unwrap()
        .start_run(NewRun {
            model_id: MODEL.into(),
            request_json: serde_json::to_string(&request).unwrap(),
            user_text: "go".into(),
            ..NewRun::default()
        })
        .expect("a run");
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
    let to_ui = |event: ChatEvent| {
        sender
            .send(serde_json::to_string(&event).expect("events serialise"))
            .is_ok()
    };
    let mut sink = RecordingSink::new(to_ui, history, Some(run.run_id));
    let outcome = run_chat_as(
        &app.runtime,
        &request,
        &capabilities_of(MODEL),
        &mut sink,
        &CancellationToken::new(),
    )
    .await;
    sink.finish(&outcome);
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    drop(sender);
    assert_eq!(consumer.await.unwrap(), CHUNKS);
    started.elapsed()
}

fn request() -> ChatRequest {
    ChatRequest {
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
    }
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

/// The bare SDK: a static key on the emulator, no interceptor, nothing else.
fn bare_config(emulator: &Emulator) -> SdkConfig {
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
