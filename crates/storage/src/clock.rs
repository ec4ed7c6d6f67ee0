//! Timestamps as fixed-width RFC 3339 UTC strings, so that text order is time order.

use std::cell::Cell;
use std::time::{SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use time::macros::format_description;

/// Hands out strictly increasing millisecond timestamps, so that "newest first" never ties
/// between two writes of one process, even within the same millisecond.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    last_ms: Cell<i64>,
}

impl Clock {
    pub(crate) fn now(&self) -> String {
        let system_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| {
                i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
            });
        let ms = system_ms.max(self.last_ms.get() + 1);
        self.last_ms.set(ms);
        format_millis(ms)
    }
}

pub(crate) fn format_millis(unix_ms: i64) -> String {
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(unix_ms) * 1_000_000)
        .ok()
        .and_then(|at| at.format(format).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00.000Z".to_owned())
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_fixed_width_utc_with_milliseconds() {
        assert_eq!(format_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_millis(1_767_225_600_007), "2026-01-01T00:00:00.007Z");
    }

    #[test]
    fn timestamps_strictly_increase_and_sort_as_text() {
        let clock = Clock::default();
        let stamps: Vec<String> = (0..50).map(|_| clock.now()).collect();
        assert!(
            stamps.windows(2).all(|pair| pair[0] < pair[1]),
            "{stamps:?}"
        );
    }
}
