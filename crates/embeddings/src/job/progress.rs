//! What a job tells the UI as it goes, and where it tells it.

use serde::{Deserialize, Serialize};

use crate::store::RunStatus;

/// One progress report. Sent at most every `JobOptions::progress_interval_ms` and once more at
/// the end (with the final status).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobProgress {
    pub run_id: u32,
    pub status: RunStatus,
    /// Texts of the dataset with a vector (cached or embedded), out of `total`.
    pub done: u32,
    pub total: u32,
    /// Texts that were cached when the job started (no request for them).
    pub cached: u32,
    /// InvokeModel requests sent by this job, throttled ones included.
    pub requests: u32,
    /// Input tokens billed so far by this job.
    pub tokens: u32,
    pub estimated_cost_usd: f64,
    /// Texts embedded per second by this job.
    pub texts_per_second: f64,
    /// Seconds left at the current rate; `None` before the first answer.
    pub eta_seconds: Option<f64>,
    /// Requests allowed in flight now (halved on a throttle, raised by one after successes).
    pub concurrency: u32,
    pub throttles: u32,
    pub elapsed_seconds: f64,
}

/// Where a job sends its progress (the shell forwards it to the UI on a channel).
pub trait JobSink {
    fn progress(&mut self, progress: &JobProgress);
}

impl<F: FnMut(&JobProgress)> JobSink for F {
    fn progress(&mut self, progress: &JobProgress) {
        self(progress);
    }
}

/// A sink that keeps every report, for tests and the CLI.
#[derive(Debug, Default, Clone)]
pub struct CollectingSink(pub Vec<JobProgress>);

impl JobSink for CollectingSink {
    fn progress(&mut self, progress: &JobProgress) {
        self.0.push(progress.clone());
    }
}
