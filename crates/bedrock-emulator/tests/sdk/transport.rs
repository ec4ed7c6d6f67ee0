//! Transport-level behaviour clients rely on beyond what the Rust SDK exercises.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support;

/// The JavaScript SDK v3 talks HTTP/2 with prior knowledge to bedrock-runtime, even over http://.
#[tokio::test]
async fn speaks_http2_with_prior_knowledge() {
    let emulator = support::emulator().await;
    let mut socket = tokio::net::TcpStream::connect(emulator.address())
        .await
        .unwrap();
    let preface = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    let empty_settings = [0u8, 0, 0, 0x04, 0, 0, 0, 0, 0];
    socket.write_all(preface).await.unwrap();
    socket.write_all(&empty_settings).await.unwrap();
    let mut frame_header = [0u8; 9];
    socket
        .read_exact(&mut frame_header)
        .await
        .expect("the server answers with an HTTP/2 frame");
    assert_eq!(
        frame_header[3], 0x04,
        "the server's connection preface is a SETTINGS frame"
    );
}

/// A known path with the wrong method is an AWS-style error, not a bare 405.
#[tokio::test]
async fn a_wrong_method_gets_an_aws_error() {
    let emulator = support::emulator().await;
    let mut socket = tokio::net::TcpStream::connect(emulator.address())
        .await
        .unwrap();
    let request = "GET /model/amazon.nova-lite-v1%3A0/converse HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n";
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    socket.read_to_string(&mut response).await.unwrap();
    let lower = response.to_ascii_lowercase();
    assert!(response.starts_with("HTTP/1.1 404"), "{response}");
    assert!(
        lower.contains("x-amzn-errortype: unknownoperationexception"),
        "{response}"
    );
    assert!(response.contains("\"message\""));
}
