//! Running an embedding job: skip what is cached, send the rest with adaptive concurrency,
//! cache vectors as they arrive, report progress, stop on cancel.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use aws_sdk_bedrockruntime::Client;
use bedrock_client::{ClientError, ErrorCode};
use bedrock_formats::EmbeddingOptions;
use serde::{Deserialize, Serialize};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::aimd::Aimd;
use super::client::job_client;
use super::invoke::{Embedded, embed_batch};
use super::models::EmbeddingFamily;
use super::progress::{JobProgress, JobSink};
use super::spec::resolve;
use crate::store::{CacheKey, LabError, LabStore, RunError, RunProgress, RunStatus};

/// How a job runs. Times are milliseconds.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JobOptions {
    /// Requests in flight at most (the job starts there and halves on a throttle).
    pub max_concurrency: u32,
    /// The first wait after a throttle; it doubles with each throttle in a row.
    pub initial_backoff_ms: u32,
    pub max_backoff_ms: u32,
    /// Progress reports at most this often (plus a final one).
    pub progress_interval_ms: u32,
    /// Vectors are written to the cache in transactions of at most this many...
    pub flush_every: u32,
    /// ...or at least this often.
    pub flush_interval_ms: u32,
    /// USD per 1,000 input tokens, for the cost so far (see [`JobOptions::priced`]).
    pub price_per_1k_tokens: Option<f64>,
}

impl Default for JobOptions {
    fn default() -> Self {
        Self {
            max_concurrency: 8,
            initial_backoff_ms: 250,
            max_backoff_ms: 20_000,
            progress_interval_ms: 100,
            flush_every: 256,
            flush_interval_ms: 250,
            price_per_1k_tokens: None,
        }
    }
}

impl JobOptions {
    /// These options with the model's input price from `prices`.
    pub fn priced(mut self, prices: &bedrock_client::pricing::PriceTable, model_id: &str) -> Self {
        self.price_per_1k_tokens = prices.price(model_id).map(|p| p.input);
        self
    }
}

/// How a job ended.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobOutcome {
    pub run_id: u32,
    /// `done`, `cancelled` or `failed`.
    pub status: RunStatus,
    pub total: u32,
    #[serde(flatten)]
    pub progress: RunProgress,
    /// Requests in flight when the job was cancelled or failed, whose answers were dropped
    /// (they may have been billed).
    pub dropped_in_flight: u32,
    /// The lowest concurrency the job went down to.
    pub lowest_concurrency: u32,
    pub error: Option<ClientError>,
}

struct Batch {
    texts: Vec<String>,
    hashes: Vec<[u8; 32]>,
}

type Answer = (Batch, u64, Result<Embedded, ClientError>);

fn lock(store: &Mutex<LabStore>) -> MutexGuard<'_, LabStore> {
    store.lock().unwrap_or_else(PoisonError::into_inner)
}

fn lab_failure(error: LabError) -> ClientError {
    ClientError::new(ErrorCode::Unknown, error.message).with_hint(error.hint)
}

fn run_error(error: &ClientError) -> RunError {
    RunError {
        code: format!("{:?}", error.code),
        message: error.message.clone(),
        hint: error.hint.clone(),
    }
}

/// What the job needs from the store before it sends anything.
struct Plan {
    total: u32,
    key: CacheKey,
    options: EmbeddingOptions,
    family: EmbeddingFamily,
    dimensions: usize,
    batches: VecDeque<Batch>,
    /// Positions in the dataset per distinct pending text.
    positions: HashMap<[u8; 32], u32>,
    cached: u32,
    too_long: usize,
    max_chars: u32,
}

fn plan(store: &Mutex<LabStore>, run_id: u32) -> Result<Plan, ClientError> {
    let mut store = lock(store);
    let run = store.run(run_id).map_err(lab_failure)?;
    let resolved = resolve(&run.spec)
        .map_err(|e| ClientError::new(ErrorCode::InvalidRequest, e.message).with_hint(e.hint))?;
    let texts = store.dataset_texts(run.dataset_id).map_err(lab_failure)?;
    let mut positions: HashMap<[u8; 32], u32> = HashMap::new();
    let mut unique: Vec<(String, [u8; 32])> = Vec::new();
    for (text, hash) in texts {
        let count = positions.entry(hash).or_insert(0);
        if *count == 0 {
            unique.push((text, hash));
        }
        *count += 1;
    }
    let hashes: Vec<[u8; 32]> = unique.iter().map(|(_, h)| *h).collect();
    let cached_flags = store.cached(&resolved.key, &hashes).map_err(lab_failure)?;
    let mut cached = 0;
    let mut pending = Vec::new();
    for ((text, hash), is_cached) in unique.into_iter().zip(cached_flags) {
        if is_cached {
            cached += positions.remove(&hash).unwrap_or(0);
        } else {
            pending.push((text, hash));
        }
    }
    let max_chars = resolved.info.max_text_chars;
    let too_long = pending
        .iter()
        .filter(|(t, _)| t.chars().count() > max_chars as usize)
        .count();
    let batch_size = resolved.info.batch_size.max(1) as usize;
    let batches = pending
        .chunks(batch_size)
        .map(|chunk| Batch {
            texts: chunk.iter().map(|(t, _)| t.clone()).collect(),
            hashes: chunk.iter().map(|(_, h)| *h).collect(),
        })
        .collect();
    store
        .set_run_status(run_id, RunStatus::Running, None)
        .map_err(lab_failure)?;
    Ok(Plan {
        total: run.total,
        key: resolved.key.clone(),
        options: resolved.options,
        family: resolved.info.family,
        dimensions: resolved.key.dimensions as usize,
        batches,
        positions,
        cached,
        too_long,
        max_chars,
    })
}

/// The job's counters and the reports it sends.
struct Tracker<'a, S: JobSink + ?Sized> {
    run_id: u32,
    total: u32,
    progress: RunProgress,
    embedded: u32,
    started: Instant,
    last_report: Option<Instant>,
    interval: Duration,
    price: Option<f64>,
    sink: &'a mut S,
}

impl<S: JobSink + ?Sized> Tracker<'_, S> {
    fn report(&mut self, status: RunStatus, concurrency: u32, force: bool) {
        let now = Instant::now();
        if !force && self.last_report.is_some_and(|t| now - t < self.interval) {
            return;
        }
        self.last_report = Some(now);
        let elapsed = self.started.elapsed().as_secs_f64();
        let rate = if elapsed > 0.0 {
            f64::from(self.embedded) / elapsed
        } else {
            0.0
        };
        let remaining = f64::from(self.total.saturating_sub(self.progress.done));
        let eta_seconds = if remaining == 0.0 {
            Some(0.0)
        } else {
            (rate > 0.0).then(|| remaining / rate)
        };
        self.sink.progress(&JobProgress {
            run_id: self.run_id,
            status,
            done: self.progress.done,
            total: self.total,
            cached: self.progress.cached,
            requests: self.progress.requests,
            tokens: self.progress.tokens,
            estimated_cost_usd: self.progress.cost_usd,
            texts_per_second: rate,
            eta_seconds,
            concurrency,
            throttles: self.progress.throttles,
            elapsed_seconds: elapsed,
        });
    }

    fn add_tokens(&mut self, tokens: u32) {
        self.progress.tokens = self.progress.tokens.saturating_add(tokens);
        self.progress.cost_usd = self
            .price
            .map_or(0.0, |p| f64::from(self.progress.tokens) / 1000.0 * p);
    }
}

/// Embeds the run's dataset. Texts already cached cost nothing; the rest go out in batches
/// (Titan one text, Cohere up to 96) with at most `max_concurrency` requests in flight,
/// halved on each throttle (which is retried after a jittered backoff, never failing the job)
/// and raised by one after a run of successes. Vectors are cached in batches as they arrive, so
/// a cancelled, failed or crashed job resumes paying only for the rest: call `run_job` again
/// with the same run. Another error fails the job with Bedrock's error.
///
/// `client` is the app's; the job sends with a copy that keeps its interceptors (the wire
/// capture) and timeouts but does not retry (see [`super::job_client`]).
pub async fn run_job<S: JobSink + ?Sized>(
    client: &Client,
    store: &Mutex<LabStore>,
    run_id: u32,
    sink: &mut S,
    cancel: &CancellationToken,
    options: JobOptions,
) -> JobOutcome {
    let started = Instant::now();
    let plan = match plan(store, run_id) {
        Ok(plan) => plan,
        Err(error) => {
            return fail_early(store, run_id, error);
        }
    };
    let mut tracker = Tracker {
        run_id,
        total: plan.total,
        progress: RunProgress {
            done: plan.cached,
            cached: plan.cached,
            ..RunProgress::default()
        },
        embedded: 0,
        started,
        last_report: None,
        interval: Duration::from_millis(u64::from(options.progress_interval_ms)),
        price: options.price_per_1k_tokens,
        sink,
    };
    if plan.too_long > 0 {
        let error = ClientError::new(
            ErrorCode::InvalidRequest,
            format!(
                "{} texts are longer than {} characters, the most {} takes in one request.",
                plan.too_long, plan.max_chars, run_model(store, run_id)
            ),
        )
        .with_hint("Import long documents split by paragraphs, or pick a model that takes longer texts (Titan Text Embeddings V2 or Cohere Embed v4).");
        return finish(store, &mut tracker, RunStatus::Failed, Some(error), 0, 0);
    }
    let model_id = run_model(store, run_id);
    let client = job_client(client);
    let mut aimd = Aimd::new(
        options.max_concurrency,
        Duration::from_millis(u64::from(options.initial_backoff_ms)),
        Duration::from_millis(u64::from(options.max_backoff_ms)),
        u64::from(run_id) ^ started.elapsed().as_nanos() as u64 ^ 0x9e37_79b9_7f4a_7c15,
    );
    let Plan {
        key,
        options: body_options,
        family,
        dimensions,
        mut batches,
        positions,
        ..
    } = plan;
    let flush_every = options.flush_every.max(1) as usize;
    let flush_interval = Duration::from_millis(u64::from(options.flush_interval_ms));
    let mut pending: Vec<([u8; 32], Vec<f32>, Option<u32>)> = Vec::new();
    let mut last_flush = Instant::now();
    let mut in_flight: JoinSet<Answer> = JoinSet::new();
    let mut resume_at: Option<tokio::time::Instant> = None;
    tracker.report(RunStatus::Running, aimd.limit(), true);

    let failure: Option<ClientError> = loop {
        if cancel.is_cancelled() {
            break None;
        }
        let now = tokio::time::Instant::now();
        if resume_at.is_some_and(|t| t <= now) {
            resume_at = None;
        }
        while resume_at.is_none() && in_flight.len() < aimd.limit() as usize {
            let Some(batch) = batches.pop_front() else {
                break;
            };
            let client = client.clone();
            let model_id = model_id.clone();
            let body_options = body_options.clone();
            let epoch = aimd.epoch();
            tracker.progress.requests += 1;
            in_flight.spawn(async move {
                let result = embed_batch(
                    &client,
                    &model_id,
                    family,
                    &body_options,
                    dimensions,
                    &batch.texts,
                )
                .await;
                (batch, epoch, result)
            });
        }
        if in_flight.is_empty() && batches.is_empty() {
            break None;
        }
        let answer = tokio::select! {
            biased;
            () = cancel.cancelled() => break None,
            joined = in_flight.join_next(), if !in_flight.is_empty() => joined,
            () = sleep_until(resume_at), if resume_at.is_some() => continue,
        };
        let Some(joined) = answer else { continue };
        let (batch, epoch, result) = match joined {
            Ok(answer) => answer,
            Err(panic) => {
                break Some(ClientError::new(
                    ErrorCode::Unknown,
                    format!("An embedding request stopped unexpectedly: {panic}"),
                ));
            }
        };
        match result {
            Ok(embedded) => {
                aimd.on_success();
                tracker.add_tokens(embedded.tokens);
                let share = split_tokens(embedded.tokens, batch.hashes.len());
                for (hash, vector) in batch.hashes.into_iter().zip(embedded.vectors) {
                    let covered = positions.get(&hash).copied().unwrap_or(1);
                    tracker.progress.done += covered;
                    tracker.embedded += covered;
                    pending.push((hash, vector, Some(share)));
                }
            }
            Err(error) if is_throttle(&error) => {
                tracker.progress.throttles += 1;
                let wait = aimd.on_throttle(epoch);
                let until = tokio::time::Instant::now() + wait;
                resume_at = Some(resume_at.map_or(until, |t| t.max(until)));
                batches.push_front(batch);
            }
            Err(error) => break Some(error),
        }
        if pending.len() >= flush_every || last_flush.elapsed() >= flush_interval {
            if let Err(error) = flush(store, &key, &mut pending, run_id, &tracker.progress) {
                break Some(lab_failure(error));
            }
            last_flush = Instant::now();
        }
        tracker.report(RunStatus::Running, aimd.limit(), false);
    };

    let dropped = in_flight.len() as u32;
    in_flight.abort_all();
    let flushed = flush(store, &key, &mut pending, run_id, &tracker.progress);
    let (status, error) = match (failure, flushed) {
        (Some(error), _) => (RunStatus::Failed, Some(error)),
        (None, Err(error)) => (RunStatus::Failed, Some(lab_failure(error))),
        (None, Ok(())) if cancel.is_cancelled() => (RunStatus::Cancelled, None),
        (None, Ok(())) => (RunStatus::Done, None),
    };
    let mut outcome = finish(store, &mut tracker, status, error, dropped, aimd.limit());
    outcome.lowest_concurrency = aimd.lowest();
    outcome
}

async fn sleep_until(at: Option<tokio::time::Instant>) {
    if let Some(at) = at {
        tokio::time::sleep_until(at).await;
    }
}

/// Throttling (and a model still loading, also a 429) slow the job down; they never fail it.
fn is_throttle(error: &ClientError) -> bool {
    matches!(error.code, ErrorCode::Throttled | ErrorCode::ModelNotReady)
}

/// A batch's tokens shared out over its texts, for the cache's record.
fn split_tokens(tokens: u32, texts: usize) -> u32 {
    tokens / u32::try_from(texts.max(1)).unwrap_or(1)
}

fn run_model(store: &Mutex<LabStore>, run_id: u32) -> String {
    lock(store)
        .run(run_id)
        .map(|r| r.spec.model_id)
        .unwrap_or_default()
}

fn flush(
    store: &Mutex<LabStore>,
    key: &CacheKey,
    pending: &mut Vec<([u8; 32], Vec<f32>, Option<u32>)>,
    run_id: u32,
    progress: &RunProgress,
) -> Result<(), LabError> {
    let mut store = lock(store);
    store.put_vectors(key, pending)?;
    pending.clear();
    store.set_run_progress(run_id, progress)
}

fn finish<S: JobSink + ?Sized>(
    store: &Mutex<LabStore>,
    tracker: &mut Tracker<'_, S>,
    status: RunStatus,
    error: Option<ClientError>,
    dropped: u32,
    concurrency: u32,
) -> JobOutcome {
    {
        let mut store = lock(store);
        // The run's status is best effort here: the outcome says what happened either way.
        let _ = store.set_run_progress(tracker.run_id, &tracker.progress);
        let _ = store.set_run_status(
            tracker.run_id,
            status,
            error.as_ref().map(run_error).as_ref(),
        );
    }
    tracker.report(status, concurrency, true);
    JobOutcome {
        run_id: tracker.run_id,
        status,
        total: tracker.total,
        progress: tracker.progress,
        dropped_in_flight: dropped,
        lowest_concurrency: concurrency,
        error,
    }
}

fn fail_early(store: &Mutex<LabStore>, run_id: u32, error: ClientError) -> JobOutcome {
    let total = {
        let mut store = lock(store);
        let _ = store.set_run_status(run_id, RunStatus::Failed, Some(&run_error(&error)));
        store.run(run_id).map_or(0, |r| r.total)
    };
    JobOutcome {
        run_id,
        status: RunStatus::Failed,
        total,
        progress: RunProgress::default(),
        dropped_in_flight: 0,
        lowest_concurrency: 0,
        error: Some(error),
    }
}
