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
