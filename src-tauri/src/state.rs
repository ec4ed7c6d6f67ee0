//! What the app keeps between commands: the backend and the streams in flight.

use std::collections::HashMap;
use std::sync::Mutex;

use bedrock_client::{ClientError, Connection};
use tokio::sync::OnceCell;
use tokio_util::sync::CancellationToken;

use crate::backend::Backend;

#[derive(Default)]
pub struct AppState {
    backend: OnceCell<Backend>,
    streams: Mutex<HashMap<String, CancellationToken>>,
}

impl AppState {
    /// The connection in use, starting the backend on first use.
    pub async fn connection(&self) -> Result<&Connection, ClientError> {
        let backend = self.backend.get_or_try_init(Backend::start).await?;
        Ok(&backend.connection)
    }

    pub fn begin_stream(&self, stream_id: &str) -> CancellationToken {
        let token = CancellationToken::new();
        self.streams().insert(stream_id.to_owned(), token.clone());
        token
    }

    pub fn end_stream(&self, stream_id: &str) {
        self.streams().remove(stream_id);
    }

    /// Cancel a stream in flight; `false` when it had already ended.
    pub fn cancel_stream(&self, stream_id: &str) -> bool {
        self.streams()
            .remove(stream_id)
            .map(|token| token.cancel())
            .is_some()
    }

    fn streams(&self) -> std::sync::MutexGuard<'_, HashMap<String, CancellationToken>> {
        // A panic while holding the lock leaves the map usable: recover it.
        self.streams
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
