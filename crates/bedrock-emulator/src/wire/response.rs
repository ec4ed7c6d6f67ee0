//! Building successful responses: JSON bodies and paced event streams.

use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures::StreamExt;
use serde_json::Value;

use super::error::ApiError;
use super::eventstream::Frame;

pub const EVENT_STREAM_CONTENT_TYPE: &str = "application/vnd.amazon.eventstream";

pub fn json(value: &Value) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

/// How a stream ends early, for fault injection.
#[derive(Debug, Clone, PartialEq)]
pub enum Interruption {
    /// After this many frames, send an exception frame and end the stream cleanly.
    ExceptionAfter(usize, ApiError),
    /// After this many frames, drop the connection without ending the body.
    DropAfter(usize),
}

/// The frames of one streamed response and how to pace them.
#[derive(Debug, Clone)]
pub struct FrameStream {
    pub frames: Vec<Frame>,
    pub pace: Duration,
    pub interruption: Option<Interruption>,
}

impl FrameStream {
    pub fn new(frames: Vec<Frame>, pace: Duration) -> Self {
        Self {
            frames,
            pace,
            interruption: None,
        }
    }

    pub fn interrupted(mut self, interruption: Option<Interruption>) -> Self {
        self.interruption = interruption;
        self
    }

    /// The frames as they will be sent, with any injected exception in place.
    fn into_items(self) -> (Vec<Frame>, bool) {
        let mut frames = self.frames;
        match self.interruption {
            Some(Interruption::ExceptionAfter(count, error)) => {
                frames.truncate(count);
                frames.push(Frame::Exception(error));
                (frames, false)
            }
            Some(Interruption::DropAfter(count)) => {
                frames.truncate(count);
                (frames, true)
            }
            None => (frames, false),
        }
    }

    pub fn into_response(self, extra_headers: &[(&'static str, String)]) -> Response {
        let pace = self.pace;
        let (frames, drop_at_end) = self.into_items();
        let paced = futures::stream::iter(frames.into_iter().enumerate()).then(
            move |(index, frame)| async move {
                if index > 0 && !pace.is_zero() {
                    tokio::time::sleep(pace).await;
                }
                Ok::<Bytes, std::io::Error>(frame.encode())
            },
        );
        // The pause lets the frames already sent reach the client before the connection is cut.
        let ending = futures::stream::iter(drop_at_end.then_some(())).then(|()| async {
            tokio::time::sleep(Duration::from_millis(50)).await;
            Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionAborted,
                "connection dropped by fault injection",
            ))
        });
        let mut response = Response::new(Body::from_stream(paced.chain(ending)));
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(EVENT_STREAM_CONTENT_TYPE),
        );
        for (name, value) in extra_headers {
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.insert(*name, value);
            }
        }
        response
    }
}
