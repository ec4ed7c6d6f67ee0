//! Splitting an `application/vnd.amazon.eventstream` body into readable frames as it arrives.

use aws_smithy_eventstream::frame::{DecodedFrame, MessageFrameDecoder};
use aws_smithy_types::event_stream::Message;
use bytes::BytesMut;

use super::body::BODY_CAPTURE_LIMIT;
use super::model::{CapturedBody, EventFrame};

pub const EVENT_STREAM_CONTENT_TYPE: &str = "application/vnd.amazon.eventstream";

/// Collects frames from body chunks, whatever their boundaries.
#[derive(Debug, Default)]
pub(super) struct FrameCapture {
    decoder: MessageFrameDecoder,
    pending: BytesMut,
    kept_payload_bytes: usize,
    pub(super) frame_count: u32,
    pub(super) truncated: bool,
}

impl FrameCapture {
    /// The frames that `chunk` completes; those past the capture limit are only counted.
    pub(super) fn push(&mut self, chunk: &[u8], at_ms: f64) -> Result<Vec<EventFrame>, String> {
        self.pending.extend_from_slice(chunk);
        let mut frames = Vec::new();
        loop {
            match self.decoder.decode_frame(&mut self.pending) {
                Ok(DecodedFrame::Complete(message)) => {
                    self.frame_count = self.frame_count.saturating_add(1);
                    self.kept_payload_bytes += message.payload().len();
                    if self.kept_payload_bytes > BODY_CAPTURE_LIMIT {
                        self.truncated = true;
                    } else {
                        frames.push(describe(&message, at_ms));
                    }
                }
                Ok(DecodedFrame::Incomplete) => return Ok(frames),
                Err(error) => {
                    return Err(format!(
                        "event stream frame {}: {error}",
                        self.frame_count + 1
                    ));
                }
            }
        }
    }

    /// Bytes left over that do not make a whole frame.
    pub(super) fn leftover(&self) -> usize {
        self.pending.len()
    }
}

fn describe(message: &Message, at_ms: f64) -> EventFrame {
    let header = |name: &str| {
        message
            .headers()
            .iter()
            .find(|h| h.name().as_str() == name)
            .and_then(|h| h.value().as_string().ok())
            .map(|value| value.as_str().to_owned())
    };
    let event_type = header(":event-type");
    let decoded_chunk = (event_type.as_deref() == Some("chunk"))
        .then(|| decode_chunk(message.payload()))
        .flatten();
    EventFrame {
        at_ms,
        message_type: header(":message-type"),
        content_type: header(":content-type"),
        exception_type: header(":exception-type"),
        event_type,
        payload: CapturedBody::capped(message.payload()),
        decoded_chunk,
    }
}

/// InvokeModelWithResponseStream wraps each native chunk as `{"bytes": "<base64>"}`.
fn decode_chunk(payload: &[u8]) -> Option<String> {
    let payload: serde_json::Value = serde_json::from_slice(payload).ok()?;
    let bytes = aws_smithy_types::base64::decode(payload.get("bytes")?.as_str()?).ok()?;
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use aws_smithy_eventstream::frame::write_message_to;
    use aws_smithy_types::event_stream::{Header, HeaderValue};

    use super::*;

    fn encoded(event_type: &str, payload: &str) -> Vec<u8> {
        let message = Message::new(payload.to_owned())
            .add_header(Header::new(
                ":event-type",
                HeaderValue::String(event_type.to_owned().into()),
            ))
            .add_header(Header::new(
                ":message-type",
                HeaderValue::String("event".into()),
            ));
        let mut bytes = Vec::new();
        write_message_to(&message, &mut bytes).unwrap();
        bytes
    }

    #[test]
    fn frames_split_across_chunks_are_decoded_once_whole() {
        let mut bytes = encoded("messageStart", r#"{"role":"assistant"}"#);
        bytes.extend(encoded("messageStop", r#"{"stopReason":"end_turn"}"#));
        let mut capture = FrameCapture::default();
        let (first, rest) = bytes.split_at(30);
        assert!(capture.push(first, 1.0).unwrap().is_empty());
        let frames = capture.push(rest, 2.0).unwrap();
        let types: Vec<_> = frames.iter().map(|f| f.event_type.as_deref()).collect();
        assert_eq!(types, [Some("messageStart"), Some("messageStop")]);
        assert_eq!(frames[1].payload.text, r#"{"stopReason":"end_turn"}"#);
        assert_eq!(frames[1].at_ms, 2.0);
        assert_eq!(capture.leftover(), 0);
    }

    #[test]
    fn chunk_bytes_are_decoded_to_the_native_json() {
        let native = r#"{"type":"content_block_delta"}"#;
        let payload = format!(
            r#"{{"bytes":"{}"}}"#,
            aws_smithy_types::base64::encode(native)
        );
        let frames = FrameCapture::default()
            .push(&encoded("chunk", &payload), 0.0)
            .unwrap();
        assert_eq!(frames[0].decoded_chunk.as_deref(), Some(native));
    }

    #[test]
    fn corrupt_frames_are_reported() {
        let mut bytes = encoded("chunk", "{}");
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        assert!(FrameCapture::default().push(&bytes, 0.0).is_err());
    }
}
