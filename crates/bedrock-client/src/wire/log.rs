//! The most recent exchanges, shared between the interceptor, streaming bodies and the UI.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::model::WireExchange;

pub const WIRE_LOG_CAPACITY: usize = 200;

/// A bounded log of exchanges, oldest first; cloning shares it.
#[derive(Debug, Clone)]
pub struct WireLog {
    exchanges: Arc<Mutex<VecDeque<WireExchange>>>,
    next_id: Arc<AtomicU32>,
    capacity: usize,
}

impl Default for WireLog {
    fn default() -> Self {
        Self::with_capacity(WIRE_LOG_CAPACITY)
    }
}

impl WireLog {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            exchanges: Arc::default(),
            next_id: Arc::new(AtomicU32::new(1)),
            capacity: capacity.max(1),
        }
    }

    /// A snapshot, newest last. Streams still arriving show the frames received so far.
    pub fn exchanges(&self) -> Vec<WireExchange> {
        self.lock().iter().cloned().collect()
    }

    pub fn get(&self, id: u32) -> Option<WireExchange> {
        self.lock().iter().find(|e| e.id == id).cloned()
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    /// Adds an exchange under a fresh ID, evicting the oldest beyond capacity.
    pub(crate) fn record(&self, mut exchange: WireExchange) -> u32 {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        exchange.id = id;
        let mut exchanges = self.lock();
        exchanges.push_back(exchange);
        while exchanges.len() > self.capacity {
            exchanges.pop_front();
        }
        id
    }

    /// Changes an exchange in place; does nothing once it has been evicted or cleared.
    pub(crate) fn update(&self, id: u32, change: impl FnOnce(&mut WireExchange)) {
        if let Some(exchange) = self.lock().iter_mut().rev().find(|e| e.id == id) {
            change(exchange);
        }
    }

    fn lock(&self) -> MutexGuard<'_, VecDeque<WireExchange>> {
        // A panic mid-update leaves at worst a half-updated capture, still worth showing.
        self.exchanges
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::model::WireTiming;

    fn exchange(url: &str) -> WireExchange {
        WireExchange {
            id: 0,
            operation: None,
            service: None,
            attempt: 1,
            method: "POST".into(),
            url: url.into(),
            region: None,
            model_id: None,
            request_headers: vec![],
            request_body: None,
            response: None,
            error: None,
            timing: WireTiming {
                started_at: String::new(),
                response_headers_ms: None,
                first_byte_ms: None,
                total_ms: None,
            },
        }
    }

    #[test]
    fn keeps_the_newest_up_to_capacity_newest_last() {
        let log = WireLog::with_capacity(2);
        let ids: Vec<u32> = ["a", "b", "c"].map(|u| log.record(exchange(u))).into();
        let urls: Vec<String> = log.exchanges().into_iter().map(|e| e.url).collect();
        assert_eq!(urls, ["b", "c"]);
        assert!(log.get(ids[0]).is_none());
        assert_eq!(log.get(ids[2]).unwrap().url, "c");
    }

    #[test]
    fn updates_reach_the_recorded_exchange_and_clear_empties() {
        let log = WireLog::new();
        let id = log.record(exchange("a"));
        log.update(id, |e| e.error = Some("boom".into()));
        assert_eq!(log.get(id).unwrap().error.as_deref(), Some("boom"));
        log.clear();
        assert!(log.exchanges().is_empty());
        log.update(id, |e| e.error = None);
        assert!(log.get(id).is_none());
    }

    #[test]
    fn clones_share_one_log() {
        let log = WireLog::new();
        log.clone().record(exchange("a"));
        assert_eq!(log.exchanges().len(), 1);
    }
}
