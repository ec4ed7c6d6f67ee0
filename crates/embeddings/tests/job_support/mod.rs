//! An emulator on loopback, real SDK clients pointed at it, and its control API over HTTP/1.1.
#![allow(dead_code)]

use std::sync::Mutex;
use std::time::Duration;

use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::config::retry::RetryConfig;
use aws_sdk_bedrockruntime::config::{BehaviorVersion, Credentials, Region};
use bedrock_emulator::{Emulator, EmulatorConfig};
use embeddings::dataset::DatasetDraft;
use embeddings::job::{EmbeddingSpec, JobOptions};
use embeddings::store::LabStore;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub const TITAN_V2: &str = "amazon.titan-embed-text-v2:0";
pub const COHERE_V3: &str = "cohere.embed-english-v3";
pub const COHERE_V4: &str = "cohere.embed-v4:0";

pub async fn emulator() -> Emulator {
    Emulator::start(EmulatorConfig {
        pace: Duration::ZERO,
        ..EmulatorConfig::default()
    })
    .await
    .expect("the emulator starts")
}

pub fn config_builder(emulator: &Emulator) -> aws_sdk_bedrockruntime::config::Builder {
    aws_sdk_bedrockruntime::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(emulator.endpoint_url())
        .credentials_provider(Credentials::new(
            "AKIAEMBEDDINGSLAB001",
            "emulator-secret",
            None,
            None,
            "tests",
        ))
}

/// A client as the app builds one: the SDK's standard retries on.
pub fn client(emulator: &Emulator) -> Client {
    Client::from_conf(
        config_builder(emulator)
            .retry_config(RetryConfig::standard().with_max_attempts(3))
            .build(),
    )
}

/// One HTTP/1.1 exchange with the emulator's control API: (status, body).
pub async fn http(emulator: &Emulator, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(emulator.address()).await.unwrap();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        emulator.address(),
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (head, rest) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(rest)
    } else {
        rest.to_owned()
    };
    (status, body)
}

fn dechunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.push_str(&tail[..size]);
        rest = &tail[size + 2..];
    }
    out
}

/// `POST /_emulator/faults` with a rule such as
/// `{"operation":"InvokeModel","fault":"throttling","times":5}`.
pub async fn add_fault(emulator: &Emulator, rule: Value) {
    let (status, body) = http(emulator, "POST", "/_emulator/faults", &rule.to_string()).await;
    assert_eq!(status, 201, "{body}");
}

/// The InvokeModel requests the emulator served (`GET /_emulator/requests`).
pub async fn invoke_requests(emulator: &Emulator) -> Vec<Value> {
    let (status, body) = http(emulator, "GET", "/_emulator/requests", "").await;
    assert_eq!(status, 200, "{body}");
    let parsed: Value = serde_json::from_str(&body).unwrap();
    parsed["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["operation"] == "InvokeModel")
        .cloned()
        .collect()
}

pub fn draft(name: &str, texts: &[String]) -> DatasetDraft {
    DatasetDraft {
        name: name.to_owned(),
        source: "test".to_owned(),
        texts: texts.to_vec(),
        ..DatasetDraft::default()
    }
}

/// `n` distinct short texts.
pub fn texts(n: usize, topic: &str) -> Vec<String> {
    (0..n)
        .map(|i| format!("{topic} sentence number {i} about {topic} things"))
        .collect()
}

/// A store holding `draft` and a queued run of it with `spec`: (store, dataset id, run id).
pub fn store_with_run(draft: &DatasetDraft, spec: &EmbeddingSpec) -> (Mutex<LabStore>, u32, u32) {
    let mut store = LabStore::open_in_memory().unwrap();
    let dataset = store.save_dataset(draft).unwrap();
    let run = store.create_run(dataset.id, spec).unwrap();
    (Mutex::new(store), dataset.id, run.id)
}

pub fn spec(model: &str) -> EmbeddingSpec {
    EmbeddingSpec {
        model_id: model.to_owned(),
        ..EmbeddingSpec::default()
    }
}

/// Options for tests: short backoffs so throttles cost milliseconds.
pub fn options(max_concurrency: u32) -> JobOptions {
    JobOptions {
        max_concurrency,
        initial_backoff_ms: 5,
        max_backoff_ms: 50,
        progress_interval_ms: 0,
        ..JobOptions::default()
    }
}
