//! AWS event-stream frames, written with the smithy codec.

use aws_smithy_eventstream::frame::write_message_to;
use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
use bytes::Bytes;
use serde_json::Value;

use super::error::ApiError;

/// One frame of a streamed response, before encoding.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    /// A modeled event: `:event-type` is the union member name.
    Event { event_type: String, payload: Value },
    /// A modeled exception: `:exception-type` is the lowerCamel member name.
    Exception(ApiError),
}

impl Frame {
    pub fn event(event_type: impl Into<String>, payload: Value) -> Self {
        Self::Event {
            event_type: event_type.into(),
            payload,
        }
    }

    pub fn encode(&self) -> Bytes {
        let message = match self {
            Frame::Event {
                event_type,
                payload,
            } => headers(&[
                (":event-type", event_type.as_str()),
                (":content-type", "application/json"),
                (":message-type", "event"),
            ])
            .into_iter()
            .fold(Message::new(payload.to_string()), Message::add_header),
            Frame::Exception(error) => {
                let member = error.kind.stream_member();
                headers(&[
                    (":exception-type", member.as_str()),
                    (":content-type", "application/json"),
                    (":message-type", "exception"),
                ])
                .into_iter()
                .fold(Message::new(error.body().to_string()), Message::add_header)
            }
        };
        let mut buffer = Vec::with_capacity(128);
        write_message_to(&message, &mut buffer)
            .expect("string headers and a JSON payload always encode");
        Bytes::from(buffer)
    }
}

fn headers(pairs: &[(&'static str, &str)]) -> Vec<Header> {
    pairs
        .iter()
        .map(|(name, value)| Header::new(*name, HeaderValue::String(value.to_string().into())))
        .collect()
}
