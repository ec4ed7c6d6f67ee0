//! Recording a response body into the log as the SDK reads it.

use std::time::Instant;

use super::body::BODY_CAPTURE_LIMIT;
use super::frames::FrameCapture;
use super::log::WireLog;
use super::model::{BodyState, CapturedBody, EventFrame, WireResponse};

/// Where one attempt's response body is recorded.
#[derive(Debug)]
pub(super) struct ResponseCapture {
    log: WireLog,
    id: u32,
    started: Instant,
    content: Content,
    first_byte_seen: bool,
    finished: bool,
}

#[derive(Debug)]
enum Content {
    Plain {
        kept: Vec<u8>,
        size: usize,
    },
    Frames(FrameCapture),
    /// A frame failed to decode; the rest of the stream cannot be framed reliably.
    Undecodable,
}

impl ResponseCapture {
    pub(super) fn new(log: WireLog, id: u32, started: Instant, event_stream: bool) -> Self {
        let content = if event_stream {
            Content::Frames(FrameCapture::default())
        } else {
            Content::Plain {
                kept: Vec::new(),
                size: 0,
            }
        };
        Self {
            log,
            id,
            started,
            content,
            first_byte_seen: false,
            finished: false,
        }
    }

    fn elapsed_ms(&self) -> f64 {
        self.started.elapsed().as_secs_f64() * 1000.0
    }

    pub(super) fn on_data(&mut self, chunk: &[u8]) {
        if chunk.is_empty() {
            return;
        }
        let at_ms = self.elapsed_ms();
        let first_byte_ms = (!self.first_byte_seen).then_some(at_ms);
        self.first_byte_seen = true;
        let change = self.take_in(chunk, at_ms);
        if first_byte_ms.is_none() && change.is_none() {
            return;
        }
        self.log.update(self.id, |exchange| {
            if let Some(ms) = first_byte_ms {
                exchange.timing.first_byte_ms = Some(ms);
            }
            if let (Some(change), Some(response)) = (change, exchange.response.as_mut()) {
                change.apply(response);
            }
        });
    }

    /// Plain bodies are kept here until they end; frames go to the log as soon as they are whole.
    fn take_in(&mut self, chunk: &[u8], at_ms: f64) -> Option<StreamChange> {
        let change = match &mut self.content {
            Content::Plain { kept, size } => {
                let room = BODY_CAPTURE_LIMIT.saturating_sub(kept.len());
                kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
                *size += chunk.len();
                return None;
            }
            Content::Undecodable => return None,
            Content::Frames(frames) => {
                let count_before = frames.frame_count;
                match frames.push(chunk, at_ms) {
                    Ok(_) if frames.frame_count == count_before => return None,
                    Ok(new) => StreamChange::Frames {
                        new,
                        count: frames.frame_count,
                        truncated: frames.truncated,
                    },
                    Err(error) => StreamChange::Undecodable(error),
                }
            }
        };
        if matches!(change, StreamChange::Undecodable(_)) {
            self.content = Content::Undecodable;
        }
        Some(change)
    }

    /// Records the end of the body; only the first call counts.
    pub(super) fn finish(&mut self, state: BodyState, error: Option<String>) {
        if std::mem::replace(&mut self.finished, true) {
            return;
        }
        let total_ms = self.elapsed_ms();
        let (body, leftover) = match &self.content {
            Content::Plain { kept, size } => (Some(CapturedBody::new(kept, *size)), 0),
            Content::Frames(frames) => (None, frames.leftover()),
            Content::Undecodable => (None, 0),
        };
        let error = error.or_else(|| {
            (state == BodyState::Complete && leftover > 0)
                .then(|| format!("{leftover} bytes after the last whole frame"))
        });
        self.log.update(self.id, |exchange| {
            exchange.timing.total_ms = Some(total_ms);
            let Some(response) = exchange.response.as_mut() else {
                return;
            };
            response.body_state = state;
            if body.is_some() {
                response.body = body;
            }
            if error.is_some() {
                response.body_error = error;
            }
        });
    }
}

enum StreamChange {
    Frames {
        new: Vec<EventFrame>,
        count: u32,
        truncated: bool,
    },
    Undecodable(String),
}

impl StreamChange {
    fn apply(self, response: &mut WireResponse) {
        match self {
            StreamChange::Frames {
                new,
                count,
                truncated,
            } => {
                response.frames.extend(new);
                response.frame_count = count;
                response.frames_truncated = truncated;
            }
            StreamChange::Undecodable(error) => response.body_error = Some(error),
        }
    }
}
