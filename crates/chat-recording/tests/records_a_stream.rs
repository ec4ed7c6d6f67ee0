//! A streamed answer recorded into a real SQLite file, read back from the file: while it streams
//! (the 200 ms appends) and once it has ended (done or stopped).

mod support;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use bedrock_client::catalogue::capabilities_of;
use bedrock_client::chat::{
    ChatEvent, ChatMessage, ChatRequest, ChatRole, InferenceParams, run_chat_as,
};
use bedrock_client::wire::WireLog;
use bedrock_emulator::{Emulator, EmulatorConfig, RuleSpec};
use chat_recording::{FLUSH_EVERY, RecordingSink};
use storage::{Database, NewRun, Run, RunStatus};
use tokio_util::sync::CancellationToken;

const MODEL: &str = "amazon.nova-lite-v1:0";
const TOKENS: u32 = 150;

fn request() -> ChatRequest {
    ChatRequest {
        model_id: MODEL.into(),
        system_prompt: String::new(),
        messages: vec![ChatMessage {
            role: ChatRole::User,
            text: "Tell me a long story".into(),
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

/// An emulator streaming `TOKENS` chunks 5 ms apart (about 750 ms), and a history file.
async fn setup() -> (Emulator, tempfile::TempDir, Mutex<Database>) {
    let emulator = Emulator::start(EmulatorConfig {
        pace: Duration::from_millis(5),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    emulator
        .state()
        .faults
        .add(RuleSpec {
            output_tokens: Some(TOKENS),
            ..RuleSpec::default()
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let database = Database::open(dir.path().join("history.sqlite3")).unwrap();
    (emulator, dir, Mutex::new(database))
}

fn start_run(history: &Mutex<Database>) -> (String, String) {
    let started = history
        .lock()
        .unwrap()
        .start_run(NewRun {
            model_id: MODEL.into(),
            user_text: "Tell me a long story".into(),
            ..NewRun::default()
        })
        .unwrap();
    (started.run_id, started.conversation_id)
}

/// The run as another connection to the file sees it.
fn read_back(dir: &tempfile::TempDir, conversation_id: &str) -> Run {
    let database = Database::open(dir.path().join("history.sqlite3")).unwrap();
    let mut runs = database.conversation(conversation_id).unwrap().runs;
    assert_eq!(runs.len(), 1);
    runs.remove(0)
}

fn streamed_text(events: &[ChatEvent]) -> String {
    events
        .iter()
        .filter_map(|event| match event {
            ChatEvent::TextDelta { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_streamed_answer_is_in_the_file_while_it_streams_and_whole_once_done() {
    let (emulator, dir, history) = setup().await;
    let wire = WireLog::new();
    let connection = support::app_connection(dir.path(), &emulator.endpoint_url(), &wire).await;
    let (run_id, conversation_id) = start_run(&history);

    let mut events = Vec::new();
    let mut seen_midway: Option<Run> = None;
    let started = Instant::now();
    let to_ui = |event: ChatEvent| {
        // Well past the first append, and before the end: the file holds a part of the answer.
        if seen_midway.is_none() && started.elapsed() > FLUSH_EVERY * 2 {
            seen_midway = Some(read_back(&dir, &conversation_id));
        }
        events.push(event);
        true
    };
    let mut sink = RecordingSink::new(to_ui, &history, Some(run_id.clone()));
    let outcome = run_chat_as(
        &connection.runtime,
        &request(),
        &capabilities_of(MODEL),
        &mut sink,
        &CancellationToken::new(),
    )
    .await;
    sink.finish(&outcome);
    assert!(outcome.error.is_none(), "{:?}", outcome.error);

    let text = streamed_text(&events);
    let midway = seen_midway.expect("the stream lasted beyond two appends");
    assert_eq!(midway.status, RunStatus::Streaming);
    assert!(!midway.answer_text.is_empty(), "appended while streaming");
    assert!(midway.answer_text.len() < text.len());
    assert!(text.starts_with(&midway.answer_text));

    let run = read_back(&dir, &conversation_id);
    assert_eq!(run.id, run_id);
    assert_eq!(run.answer_text, text);
    assert_eq!(run.status, RunStatus::Done);
    assert_eq!(run.stop_reason.as_deref(), Some("end_turn"));
    assert_eq!(run.usage.map(|u| u.output_tokens), Some(TOKENS));
    assert!(run.metrics.is_some_and(|m| m.total_latency_ms > 0));
    let exchanges = wire.exchanges();
    assert_eq!(exchanges.len(), 1, "the call went through the wire capture");
    assert_eq!(exchanges[0].operation.as_deref(), Some("ConverseStream"));
}

#[tokio::test]
async fn a_stopped_answer_keeps_what_arrived_and_is_marked_stopped() {
    let (emulator, dir, history) = setup().await;
    let wire = WireLog::new();
    let connection = support::app_connection(dir.path(), &emulator.endpoint_url(), &wire).await;
    let (run_id, conversation_id) = start_run(&history);

    let cancel = CancellationToken::new();
    let mut events = Vec::new();
    let to_ui = |event: ChatEvent| {
        if events.len() == 40 {
            cancel.cancel();
        }
        events.push(event);
        true
    };
    let mut sink = RecordingSink::new(to_ui, &history, Some(run_id));
    let outcome = run_chat_as(
        &connection.runtime,
        &request(),
        &capabilities_of(MODEL),
        &mut sink,
        &cancel,
    )
    .await;
    sink.finish(&outcome);
    assert!(outcome.cancelled);

    let run = read_back(&dir, &conversation_id);
    assert_eq!(run.status, RunStatus::Stopped);
    assert_eq!(run.answer_text, streamed_text(&events));
    assert!(!run.answer_text.is_empty());
}

#[tokio::test]
async fn without_a_run_events_still_reach_the_ui_and_nothing_is_saved() {
    let (emulator, dir, history) = setup().await;
    let wire = WireLog::new();
    let connection = support::app_connection(dir.path(), &emulator.endpoint_url(), &wire).await;

    let mut events = Vec::new();
    let mut sink = RecordingSink::new(
        |event: ChatEvent| {
            events.push(event);
            true
        },
        &history,
        None,
    );
    let outcome = run_chat_as(
        &connection.runtime,
        &request(),
        &capabilities_of(MODEL),
        &mut sink,
        &CancellationToken::new(),
    )
    .await;
    sink.finish(&outcome);
    assert!(outcome.error.is_none());
    assert!(!streamed_text(&events).is_empty());
    let database = history.into_inner().unwrap();
    assert!(database.list_conversations(None, 10, 0).unwrap().is_empty());
}
