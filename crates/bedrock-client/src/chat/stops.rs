//! The cancellation tokens of the runs in flight, by id, where a Stop may arrive before its run
//! has begun (the request is still on its way to the backend, or credentials still resolve).

use std::collections::HashMap;

use tokio_util::sync::CancellationToken;

/// Early Stops kept at most; beyond that they are all forgotten (their runs never came).
const REMEMBERED_STOPS: usize = 64;

/// The token that stops run `id`: already cancelled when its Stop came first.
pub fn begin(runs: &mut HashMap<String, CancellationToken>, id: &str) -> CancellationToken {
    if let Some(stopped) = runs.remove(id).filter(CancellationToken::is_cancelled) {
        return stopped;
    }
    let token = CancellationToken::new();
    runs.insert(id.to_owned(), token.clone());
    token
}

/// Cancel run `id`; `false` when it is not running.
pub fn cancel(runs: &mut HashMap<String, CancellationToken>, id: &str) -> bool {
    runs.remove(id).map(|token| token.cancel()).is_some()
}

/// Stop run `id`, or remember the Stop for a run of that id that begins later (`false`).
/// Only for ids used once (a chat stream's): a reused id would begin already stopped.
pub fn stop(runs: &mut HashMap<String, CancellationToken>, id: &str) -> bool {
    if cancel(runs, id) {
        return true;
    }
    // Only early Stops are cancelled tokens here: a running run's token leaves when cancelled.
    if runs.values().filter(|t| t.is_cancelled()).count() >= REMEMBERED_STOPS {
        runs.retain(|_, token| !token.is_cancelled());
    }
    let stopped = CancellationToken::new();
    stopped.cancel();
    runs.insert(id.to_owned(), stopped);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stop_before_the_run_begins_cancels_it_as_it_begins() {
        let mut runs = HashMap::new();
        assert!(!stop(&mut runs, "early"));
        assert!(begin(&mut runs, "early").is_cancelled());
        assert!(runs.is_empty(), "the early stop is used once");
        assert!(
            !begin(&mut runs, "early").is_cancelled(),
            "a later run of the same id runs"
        );
    }

    #[test]
    fn a_stop_during_the_run_cancels_its_token() {
        let mut runs = HashMap::new();
        let token = begin(&mut runs, "run");
        assert!(!token.is_cancelled());
        assert!(stop(&mut runs, "run"));
        assert!(token.is_cancelled() && runs.is_empty());
    }

    #[test]
    fn a_plain_cancel_of_a_run_not_running_leaves_nothing_behind() {
        let mut runs = HashMap::new();
        assert!(!cancel(&mut runs, "embed-1"));
        assert!(!begin(&mut runs, "embed-1").is_cancelled());
    }

    #[test]
    fn early_stops_do_not_pile_up() {
        let mut runs = HashMap::new();
        let running = begin(&mut runs, "running");
        for n in 0..1000 {
            stop(&mut runs, &format!("never-{n}"));
        }
        assert!(runs.len() <= REMEMBERED_STOPS + 1);
        assert!(!running.is_cancelled() && runs.contains_key("running"));
    }
}
