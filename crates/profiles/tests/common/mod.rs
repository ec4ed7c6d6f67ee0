//! Shared by the integration tests: an in-process emulator and what it recorded.

#![allow(dead_code)]

pub mod fixture;

use bedrock_emulator::{Emulator, EmulatorConfig};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

pub async fn start_emulator() -> Emulator {
    Emulator::start(EmulatorConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        ..Default::default()
    })
    .await
    .unwrap()
}

/// `GET /_emulator/requests`, over plain HTTP/1.0 so the test needs no HTTP client crate.
pub async fn recorded_requests(emulator: &Emulator) -> Vec<Value> {
    let mut stream = tokio::net::TcpStream::connect(emulator.address())
        .await
        .unwrap();
    let request = format!(
        "GET /_emulator/requests HTTP/1.0\r\nHost: {}\r\n\r\n",
        emulator.address()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let response = String::from_utf8(response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").expect("an HTTP response");
    assert!(
        head.starts_with("HTTP/1.0 200") || head.starts_with("HTTP/1.1 200"),
        "{head}"
    );
    let json: Value = serde_json::from_str(body).unwrap();
    json["requests"]
        .as_array()
        .expect("a requests array")
        .clone()
}

/// The access key id that signed the last recorded request of `operation`.
pub async fn last_signer(emulator: &Emulator, operation: &str) -> Option<String> {
    last_caller(emulator, operation)
        .await
        .and_then(|caller| caller["accessKeyId"].as_str().map(str::to_owned))
}

pub async fn last_caller(emulator: &Emulator, operation: &str) -> Option<Value> {
    recorded_requests(emulator)
        .await
        .into_iter()
        .rev()
        .find(|request| request["operation"] == operation)
        .map(|request| request["caller"].clone())
}

/// One control-plane call with the resolved configuration.
pub async fn list_models(config: &aws_config::SdkConfig) {
    aws_sdk_bedrock::Client::new(config)
        .list_foundation_models()
        .send()
        .await
        .expect("ListFoundationModels against the emulator");
}
