//! Adaptive concurrency: additive increase, multiplicative decrease, jittered backoff.

use std::time::Duration;

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

#[derive(Debug)]
pub(crate) struct Aimd {
    limit: u32,
    max: u32,
    successes: u32,
    /// Bumped on every decrease: a throttle of a request sent before it does not halve again,
    /// so a burst of throttles from one window counts as one signal.
    epoch: u64,
    consecutive_throttles: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    rng: Pcg64,
    lowest: u32,
}

impl Aimd {
    pub fn new(max: u32, initial_backoff: Duration, max_backoff: Duration, seed: u64) -> Self {
        let max = max.max(1);
        Self {
            limit: max,
            max,
            successes: 0,
            epoch: 0,
            consecutive_throttles: 0,
            initial_backoff,
            max_backoff: max_backoff.max(initial_backoff),
            rng: Pcg64::seed_from_u64(seed),
            lowest: max,
        }
    }

    pub fn limit(&self) -> u32 {
        self.limit
    }

    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// The lowest limit so far.
    pub fn lowest(&self) -> u32 {
        self.lowest
    }

    /// After a run of `limit` successes, one more request may be in flight.
    pub fn on_success(&mut self) {
        self.consecutive_throttles = 0;
        self.successes += 1;
        if self.successes >= self.limit && self.limit < self.max {
            self.limit += 1;
            self.successes = 0;
        }
    }

    /// Halves the limit (once per window) and says how long to wait before sending again:
    /// exponential in the throttles in a row, capped, with jitter in its upper half.
    pub fn on_throttle(&mut self, sent_in_epoch: u64) -> Duration {
        if sent_in_epoch == self.epoch {
            self.limit = (self.limit / 2).max(1);
            self.lowest = self.lowest.min(self.limit);
            self.epoch += 1;
            self.successes = 0;
        }
        self.consecutive_throttles = self.consecutive_throttles.saturating_add(1);
        let exponent = (self.consecutive_throttles - 1).min(16);
        let base = self
            .initial_backoff
            .saturating_mul(1 << exponent)
            .min(self.max_backoff);
        let jitter = self.rng.gen_range(0.5..=1.0);
        base.mul_f64(jitter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_once_per_window_and_climbs_back() {
        let mut aimd = Aimd::new(8, Duration::from_millis(100), Duration::from_secs(2), 1);
        let epoch = aimd.epoch();
        let first = aimd.on_throttle(epoch);
        assert_eq!(aimd.limit(), 4);
        assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
        // Throttles of requests sent before the decrease do not halve again, but back off more.
        let second = aimd.on_throttle(epoch);
        assert_eq!(aimd.limit(), 4);
        assert!(second >= Duration::from_millis(100));
        aimd.on_throttle(aimd.epoch());
        assert_eq!(aimd.limit(), 2);
        for _ in 0..2 {
            aimd.on_success();
        }
        assert_eq!(aimd.limit(), 3);
        for _ in 0..100 {
            aimd.on_success();
        }
        assert_eq!(aimd.limit(), 8);
        assert_eq!(aimd.lowest(), 2);
        for _ in 0..40 {
            assert!(aimd.on_throttle(aimd.epoch()) <= Duration::from_secs(2));
        }
        assert_eq!(aimd.limit(), 1);
    }
}
