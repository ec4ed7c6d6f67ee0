//! A log of the requests the emulator served and who signed them, so tests can prove what a client sent.

use std::sync::Mutex;

use serde::Serialize;

use crate::wire::auth::Caller;

const CAPACITY: usize = 10_000;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordedRequest {
    pub request_id: String,
    pub operation: String,
    pub method: String,
    pub path: String,
    /// The model identifier from the path, percent-decoded.
    pub model_id: Option<String>,
    pub caller: Caller,
    pub status: u16,
    /// Milliseconds since the Unix epoch.
    pub received_at_ms: i64,
}

#[derive(Default)]
pub struct Recorder {
    requests: Mutex<Vec<RecordedRequest>>,
}

impl Recorder {
    pub fn push(&self, request: RecordedRequest) {
        let mut requests = self.requests.lock().expect("recorder lock");
        if requests.len() == CAPACITY {
            requests.remove(0);
        }
        requests.push(request);
    }

    pub fn all(&self) -> Vec<RecordedRequest> {
        self.requests.lock().expect("recorder lock").clone()
    }

    pub fn clear(&self) {
        self.requests.lock().expect("recorder lock").clear();
    }
}
