//! Usage and timing of one answer, as the user sees them after it.

use std::time::Duration;

use serde::Serialize;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenUsage {
    pub input_tokens: i32,
    pub output_tokens: i32,
    pub total_tokens: i32,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChatMetrics {
    /// From sending the request to the first text, reasoning or tool delta.
    pub time_to_first_token_ms: Option<u32>,
    /// From sending the request to the end of the stream.
    pub total_latency_ms: u32,
    /// The latency Bedrock itself reported in the metadata event.
    pub service_latency_ms: Option<u32>,
    /// Output tokens per second of generation (after the first token).
    pub tokens_per_second: Option<f64>,
}

impl ChatMetrics {
    pub fn compute(
        first_token: Option<Duration>,
        total: Duration,
        service_latency_ms: Option<i64>,
        output_tokens: i32,
    ) -> Self {
        let generating = first_token.map(|first| total.saturating_sub(first));
        let tokens_per_second = generating
            .filter(|d| !d.is_zero() && output_tokens > 1)
            .map(|d| f64::from(output_tokens - 1) / d.as_secs_f64());
        Self {
            time_to_first_token_ms: first_token.map(millis),
            total_latency_ms: millis(total),
            service_latency_ms: service_latency_ms.and_then(|ms| u32::try_from(ms).ok()),
            tokens_per_second,
        }
    }
}

/// Milliseconds as a JSON-safe number; an answer longer than 49 days saturates.
fn millis(duration: Duration) -> u32 {
    u32::try_from(duration.as_millis()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_per_second_counts_generation_after_the_first_token() {
        let metrics = ChatMetrics::compute(
            Some(Duration::from_millis(500)),
            Duration::from_millis(1500),
            Some(1400),
            101,
        );
        assert_eq!(metrics.time_to_first_token_ms, Some(500));
        assert_eq!(metrics.total_latency_ms, 1500);
        assert!((metrics.tokens_per_second.unwrap() - 100.0).abs() < 1e-9);
        assert_eq!(
            ChatMetrics::compute(None, Duration::from_millis(10), None, 0).tokens_per_second,
            None
        );
    }
}
