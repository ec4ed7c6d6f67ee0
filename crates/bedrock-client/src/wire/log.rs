//! The most recent exchanges, shared between the interceptor, streaming bodies and the UI.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::model::WireExchange;
use super::summary::{WireChanges, WireExchangeSummary};

pub const WIRE_LOG_CAPACITY: usize = 200;

/// A bounded log of exchanges, oldest first; cloning shares it.
#[derive(Debug, Clone)]
pub struct WireLog {
    entries: Arc<Mutex<Entries>>,
    next_id: Arc<AtomicU32>,
    capacity: usize,
}

/// The exchanges, each with the revision of its last change; every change counts one up.
#[derive(Debug, Default)]
struct Entries {
    exchanges: VecDeque<(u32, WireExchange)>,
    revision: u32,
}

impl Entries {
    fn next_revision(&mut self) -> u32 {
        self.revision = self.revision.wrapping_add(1);
        self.revision
    }
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
            entries: Arc::default(),
            next_id: Arc::new(AtomicU32::new(1)),
            capacity: capacity.max(1),
        }
    }

    /// A snapshot, newest last. Streams still arriving show the frames received so far.
    pub fn exchanges(&self) -> Vec<WireExchange> {
        self.lock()
            .exchanges
            .iter()
            .map(|(_, exchange)| exchange.clone())
            .collect()
    }

    /// One exchange in full (headers, bodies, frames), while it is kept.
    pub fn get(&self, id: u32) -> Option<WireExchange> {
        self.lock()
            .exchanges
            .iter()
            .find(|(_, e)| e.id == id)
            .map(|(_, exchange)| exchange.clone())
    }

    /// Summaries of the exchanges recorded or changed after revision `since` (0: all of them).
    pub fn changes_since(&self, since: u32) -> WireChanges {
        let entries = self.lock();
        WireChanges {
            revision: entries.revision,
            exchanges: entries
                .exchanges
                .iter()
                .filter(|(revision, _)| *revision > since)
                .map(|(_, exchange)| WireExchangeSummary::of(exchange))
                .collect(),
            kept_from_id: entries
                .exchanges
                .front()
                .map_or_else(|| self.next_id.load(Ordering::Relaxed), |(_, e)| e.id),
        }
    }

    pub fn clear(&self) {
        let mut entries = self.lock();
        entries.exchanges.clear();
        entries.next_revision();
    }

    /// Adds an exchange under a fresh ID, evicting the oldest beyond capacity.
    pub(crate) fn record(&self, mut exchange: WireExchange) -> u32 {
        let mut entries = self.lock();
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        exchange.id = id;
        let revision = entries.next_revision();
        entries.exchanges.push_back((revision, exchange));
        while entries.exchanges.len() > self.capacity {
            entries.exchanges.pop_front();
        }
        id
    }

    /// Changes an exchange in place; does nothing once it has been evicted or cleared.
    pub(crate) fn update(&self, id: u32, change: impl FnOnce(&mut WireExchange)) {
        let mut entries = self.lock();
        let revision = entries.next_revision();
        if let Some((changed_at, exchange)) =
            entries.exchanges.iter_mut().rev().find(|(_, e)| e.id == id)
        {
            *changed_at = revision;
            change(exchange);
        }
    }

    fn lock(&self) -> MutexGuard<'_, Entries> {
        // A panic mid-update leaves at worst a half-updated capture, still worth showing.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
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
    fn changes_since_a_revision_hold_new_and_updated_exchanges_once() {
        let log = WireLog::with_capacity(3);
        let first = log.record(exchange("a"));
        let seen = log.changes_since(0);
        assert_eq!(seen.exchanges.len(), 1);
        assert_eq!(log.changes_since(seen.revision).exchanges, []);

        let second = log.record(exchange("b"));
        log.update(first, |e| e.error = Some("late".into()));
        log.update(first, |e| e.attempt = 2);
        let changed = log.changes_since(seen.revision);
        let ids: Vec<u32> = changed.exchanges.iter().map(|e| e.id).collect();
        assert_eq!(ids, [first, second], "oldest first, each once");
        assert_eq!(changed.exchanges[0].error.as_deref(), Some("late"));
        assert_eq!(changed.kept_from_id, first);

        let third = log.record(exchange("c"));
        log.record(exchange("d"));
        let evicted = log.changes_since(changed.revision);
        assert_eq!(evicted.kept_from_id, second);
        assert_eq!(evicted.exchanges.len(), 2);
        assert_eq!(evicted.exchanges[0].id, third);

        log.clear();
        let cleared = log.changes_since(evicted.revision);
        assert!(cleared.exchanges.is_empty());
        assert!(cleared.revision > evicted.revision);
        assert_eq!(
            cleared.kept_from_id,
            third + 2,
            "nothing kept below the next id"
        );
    }

    #[test]
    fn clones_share_one_log() {
        let log = WireLog::new();
        log.clone().record(exchange("a"));
        assert_eq!(log.exchanges().len(), 1);
    }
}
