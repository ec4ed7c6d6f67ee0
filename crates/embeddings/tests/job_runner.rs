//! The embedding job against the emulator, through the real Rust SDK on loopback.

mod job_support;

use std::sync::Mutex;
use std::time::Instant;

use bedrock_client::ErrorCode;
use bedrock_client::pricing::PriceTable;
use embeddings::job::{
    CollectingSink, EmbeddingSpec, JobOptions, JobProgress, embed_query, estimate, run_job,
};
use embeddings::store::{LabStore, RunStatus};
use job_support::*;
use serde_json::json;
use tokio_util::sync::CancellationToken;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_ends_at_done_equal_total_and_a_rerun_sends_nothing() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let texts = texts(40, "garden");
    let (store, dataset, run) = store_with_run(&draft("garden", &texts), &spec(TITAN_V2));
    let mut sink = CollectingSink::default();
    let options = JobOptions {
        max_concurrency: 4,
        ..JobOptions::default()
    }
    .priced(&PriceTable::builtin(), TITAN_V2);
    let started = Instant::now();
    let outcome = run_job(
        &client,
        &store,
        run,
        &mut sink,
        &CancellationToken::new(),
        options,
    )
    .await;
    let elapsed = started.elapsed().as_secs_f64();
    assert_eq!(outcome.status, RunStatus::Done, "{:?}", outcome.error);
    assert_eq!(outcome.progress.done, 40);
    assert_eq!(outcome.progress.requests, 40);
    assert!(outcome.progress.tokens > 0);
    assert!(outcome.progress.cost_usd > 0.0);
    let events: &[JobProgress] = &sink.0;
    let last = events.last().unwrap();
    assert_eq!((last.done, last.total), (40, 40));
    assert_eq!(last.status, RunStatus::Done);
    assert_eq!(last.eta_seconds, Some(0.0));
    assert!(events.windows(2).all(|w| w[0].done <= w[1].done));
    // At most ten a second, plus the first and the final one.
    assert!(
        events.len() as f64 <= elapsed * 10.0 + 3.0,
        "{} events in {elapsed} s",
        events.len()
    );
    assert_eq!(invoke_requests(&emulator).await.len(), 40);

    let saved = store.lock().unwrap().run(run).unwrap();
    assert_eq!(saved.status, RunStatus::Done);
    assert_eq!(saved.progress.done, 40);
    let (rows, cols, values) = store.lock().unwrap().run_vectors(run).unwrap();
    assert_eq!((rows, cols, values.len()), (40, 1024, 40 * 1024));

    // The same dataset and spec again: everything is cached, no request goes out.
    let again = store
        .lock()
        .unwrap()
        .create_run(dataset, &spec(TITAN_V2))
        .unwrap();
    let outcome = run_job(
        &client,
        &store,
        again.id,
        &mut CollectingSink::default(),
        &CancellationToken::new(),
        options_for_test(),
    )
    .await;
    assert_eq!(outcome.status, RunStatus::Done);
    assert_eq!(
        (outcome.progress.cached, outcome.progress.requests),
        (40, 0)
    );
    assert_eq!(invoke_requests(&emulator).await.len(), 40);
    emulator.stop().await;
}

fn options_for_test() -> JobOptions {
    options(4)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttles_are_absorbed_and_lower_the_concurrency() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let texts = texts(30, "comet");
    let (store, _, run) = store_with_run(&draft("comets", &texts), &spec(TITAN_V2));
    add_fault(
        &emulator,
        json!({"operation": "InvokeModel", "fault": "throttling", "times": 5}),
    )
    .await;
    let mut sink = CollectingSink::default();
    let outcome = run_job(
        &client,
        &store,
        run,
        &mut sink,
        &CancellationToken::new(),
        options(8),
    )
    .await;
    assert_eq!(outcome.status, RunStatus::Done, "{:?}", outcome.error);
    assert_eq!(outcome.progress.done, 30);
    assert_eq!(outcome.progress.throttles, 5);
    // Every throttle was one request the job saw (the SDK did not retry it) and retried.
    assert_eq!(outcome.progress.requests, 35);
    assert_eq!(invoke_requests(&emulator).await.len(), 35);
    assert!(
        outcome.lowest_concurrency < 8,
        "{}",
        outcome.lowest_concurrency
    );
    assert!(sink.0.iter().any(|p| p.concurrency < 8 && p.throttles > 0));
    assert_eq!(sink.0.last().unwrap().throttles, 5);
    emulator.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_job_resumes_paying_only_for_the_rest() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let texts = texts(120, "ledger");
    let (store, _, run) = store_with_run(&draft("ledgers", &texts), &spec(TITAN_V2));
    let cancel = CancellationToken::new();
    let mut seen = Vec::new();
    let mut sink = |p: &JobProgress| {
        seen.push(p.done);
        if p.done >= 30 {
            cancel.cancel();
        }
    };
    // One request in flight: the cancel comes between two answers, so nothing is dropped.
    let outcome = run_job(&client, &store, run, &mut sink, &cancel, options(1)).await;
    assert_eq!(outcome.status, RunStatus::Cancelled);
    assert_eq!(outcome.dropped_in_flight, 0);
    let first = outcome.progress.done;
    assert!((30..120).contains(&first), "{first}");
    assert_eq!(
        store.lock().unwrap().run(run).unwrap().status,
        RunStatus::Cancelled
    );
    assert_eq!(
        store.lock().unwrap().run_vectors(run).unwrap_err().code,
        embeddings::store::LabErrorCode::RunIncomplete
    );

    let outcome = run_job(
        &client,
        &store,
        run,
        &mut CollectingSink::default(),
        &CancellationToken::new(),
        options(4),
    )
    .await;
    assert_eq!(outcome.status, RunStatus::Done);
    assert_eq!(outcome.progress.cached, first);
    assert_eq!(outcome.progress.requests, 120 - first);
    assert_eq!(
        invoke_requests(&emulator).await.len(),
        120,
        "nothing paid twice"
    );
    let (rows, _, _) = store.lock().unwrap().run_vectors(run).unwrap();
    assert_eq!(rows, 120);
    emulator.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cohere_sends_batches_of_96() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let texts = texts(250, "ticket");
    for model in [COHERE_V3, COHERE_V4] {
        let (store, _, run) = store_with_run(&draft("tickets", &texts), &spec(model));
        let before = invoke_requests(&emulator).await.len();
        let outcome = run_job(
            &client,
            &store,
            run,
            &mut CollectingSink::default(),
            &CancellationToken::new(),
            options(2),
        )
        .await;
        assert_eq!(
            outcome.status,
            RunStatus::Done,
            "{model}: {:?}",
            outcome.error
        );
        assert_eq!(outcome.progress.requests, 3, "{model}: 96 + 96 + 58");
        assert_eq!(invoke_requests(&emulator).await.len() - before, 3);
        // The emulator's token header is read for Cohere, whose body has no count.
        assert!(
            outcome.progress.tokens >= 250 * 5,
            "{}",
            outcome.progress.tokens
        );
        let (rows, cols, _) = store.lock().unwrap().run_vectors(run).unwrap();
        let dims = if model == COHERE_V4 { 1536 } else { 1024 };
        assert_eq!((rows, cols), (250, dims));
    }
    // Cohere v4 at 256 dimensions sends output_dimension and keys the cache apart.
    let (store, _, run) = store_with_run(
        &draft("tickets", &texts[..10]),
        &EmbeddingSpec {
            dimensions: Some(256),
            ..spec(COHERE_V4)
        },
    );
    let outcome = run_job(
        &client,
        &store,
        run,
        &mut CollectingSink::default(),
        &CancellationToken::new(),
        options(2),
    )
    .await;
    assert_eq!(outcome.status, RunStatus::Done, "{:?}", outcome.error);
    assert_eq!(store.lock().unwrap().run_vectors(run).unwrap().1, 256);
    emulator.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_access_denied_fails_the_job_with_that_code_and_keeps_what_arrived() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let texts = texts(20, "violin");
    let (store, _, run) = store_with_run(&draft("violins", &texts), &spec(TITAN_V2));
    add_fault(
        &emulator,
        json!({"operation": "InvokeModel", "fault": "access-denied"}),
    )
    .await;
    let outcome = run_job(
        &client,
        &store,
        run,
        &mut CollectingSink::default(),
        &CancellationToken::new(),
        options(2),
    )
    .await;
    assert_eq!(outcome.status, RunStatus::Failed);
    let error = outcome.error.unwrap();
    assert_eq!(error.code, ErrorCode::AccessDenied);
    assert!(error.hint.contains("Model access"), "{}", error.hint);
    let saved = store.lock().unwrap().run(run).unwrap();
    assert_eq!(saved.status, RunStatus::Failed);
    assert_eq!(saved.error.unwrap().code, "AccessDenied");
    emulator.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_long_texts_for_cohere_v3_fail_before_any_request() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let texts = vec!["short".to_owned(), "word ".repeat(600)];
    let (store, _, run) = store_with_run(&draft("long", &texts), &spec(COHERE_V3));
    let outcome = run_job(
        &client,
        &store,
        run,
        &mut CollectingSink::default(),
        &CancellationToken::new(),
        options(2),
    )
    .await;
    assert_eq!(outcome.status, RunStatus::Failed);
    let error = outcome.error.unwrap();
    assert_eq!(error.code, ErrorCode::InvalidRequest);
    assert!(error.message.contains("2048"), "{}", error.message);
    assert!(invoke_requests(&emulator).await.is_empty());
    emulator.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn estimates_count_what_is_cached_and_what_is_left() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let mut texts = texts(10, "orbit");
    let (store, _, run) = store_with_run(&draft("orbits", &texts), &spec(TITAN_V2));
    let prices = PriceTable::builtin();
    let before = estimate(&store.lock().unwrap(), &texts, &spec(TITAN_V2), &prices).unwrap();
    assert_eq!(
        (before.cached, before.to_embed, before.requests),
        (0, 10, 10)
    );
    assert!(before.price_known && !before.needs_confirmation);
    assert!(before.estimated_tokens > 0);
    let cost = f64::from(before.estimated_tokens) / 1000.0 * 0.00002;
    assert!((before.estimated_cost_usd - cost).abs() < 1e-12);
    let outcome = run_job(
        &client,
        &store,
        run,
        &mut CollectingSink::default(),
        &CancellationToken::new(),
        options(2),
    )
    .await;
    // The heuristic is the emulator's own count (Titan's inputTextTokenCount).
    assert_eq!(outcome.progress.tokens, before.estimated_tokens);
    emulator.stop().await;

    let store = store.lock().unwrap();
    texts.extend(["a new one".to_owned(), "a new one".to_owned()]);
    let after = estimate(&store, &texts, &spec(TITAN_V2), &prices).unwrap();
    assert_eq!(
        (after.texts, after.cached, after.to_embed, after.requests),
        (12, 10, 1, 1)
    );
    let cohere = estimate(&store, &texts, &spec(COHERE_V3), &prices).unwrap();
    assert_eq!((cohere.to_embed, cohere.requests), (11, 1));
    let big: Vec<String> = (0..2000)
        .map(|i| format!("{i} {}", "word ".repeat(600)))
        .collect();
    let huge = estimate(&store, &big, &spec(TITAN_V2), &prices).unwrap();
    assert!(huge.estimated_tokens > 1_000_000);
    assert!(huge.needs_confirmation, "{huge:?}");
    let long = estimate(&store, &big[..3], &spec(COHERE_V3), &prices).unwrap();
    assert_eq!(long.too_long, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn queries_are_embedded_once_and_cohere_uses_search_query() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let store = Mutex::new(LabStore::open_in_memory().unwrap());
    let first = embed_query(&client, &store, &spec(TITAN_V2), "red giant star")
        .await
        .unwrap();
    let again = embed_query(&client, &store, &spec(TITAN_V2), " red giant star ")
        .await
        .unwrap();
    assert_eq!(first.len(), 1024);
    assert_eq!(first, again);
    assert_eq!(invoke_requests(&emulator).await.len(), 1);

    embed_query(&client, &store, &spec(COHERE_V3), "red giant star")
        .await
        .unwrap();
    emulator.stop().await;
    let store = store.lock().unwrap();
    let key = embeddings::job::cache_key(&EmbeddingSpec {
        input_type: Some("search_query".into()),
        ..spec(COHERE_V3)
    })
    .unwrap();
    let hash = embeddings::store::text_hash("red giant star");
    assert!(store.cached_vector(&key, &hash).unwrap().is_some());
    let documents = embeddings::job::cache_key(&spec(COHERE_V3)).unwrap();
    assert!(store.cached_vector(&documents, &hash).unwrap().is_none());
}

/// The shell spawns jobs on its runtime: their futures must be `Send`.
#[allow(dead_code)]
fn jobs_can_be_spawned(client: aws_sdk_bedrockruntime::Client, store: Mutex<LabStore>) {
    fn spawnable<F: std::future::Future + Send>(_: F) {}
    let mut sink = CollectingSink::default();
    let cancel = CancellationToken::new();
    spawnable(run_job(
        &client,
        &store,
        1,
        &mut sink,
        &cancel,
        JobOptions::default(),
    ));
    spawnable(embed_query(&client, &store, &spec(TITAN_V2), "x"));
}
