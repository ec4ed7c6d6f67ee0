//! The lab's SQLite file: migrations, datasets, the vector cache, runs and layouts.

use std::time::Instant;

use embeddings::dataset::DatasetDraft;
use embeddings::job::{EmbeddingSpec, cache_key};
use embeddings::store::{
    CacheKey, LabErrorCode, LabStore, LayoutMethod, NewLayout, RunProgress, RunStatus,
    SCHEMA_VERSION, text_hash,
};
use rusqlite::Connection;

fn draft(n: usize) -> DatasetDraft {
    DatasetDraft {
        name: "Fruit".into(),
        source: "test".into(),
        texts: (0..n).map(|i| format!("fruit {i}")).collect(),
        metadata_columns: vec!["colour".into(), "shape".into()],
        metadata: (0..n)
            .map(|i| {
                vec![
                    if i % 2 == 0 { "red" } else { "green" }.into(),
                    "round".into(),
                ]
            })
            .collect(),
        skipped_empty: 3,
    }
}

fn titan(dimensions: Option<u32>) -> EmbeddingSpec {
    EmbeddingSpec {
        model_id: "amazon.titan-embed-text-v2:0".into(),
        dimensions,
        ..EmbeddingSpec::default()
    }
}

#[test]
fn a_file_is_migrated_uses_wal_and_a_newer_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lab/embeddings.sqlite3");
    let store = LabStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.journal_mode().unwrap(), "wal");
    let busy: i64 = Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "busy_timeout", |r| r.get(0))
        .unwrap();
    assert!(busy >= 0);
    drop(store);
    assert_eq!(
        LabStore::open(&path).unwrap().schema_version().unwrap(),
        SCHEMA_VERSION
    );

    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let error = LabStore::open(&path).unwrap_err();
    assert_eq!(error.code, LabErrorCode::NewerSchema);
    assert!(error.hint.contains("update the app"), "{}", error.hint);
    let still: u32 = Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(still, SCHEMA_VERSION + 1, "the file is left alone");
}

#[test]
fn datasets_round_trip_and_delete_with_their_runs_and_layouts() {
    let mut store = LabStore::open_in_memory().unwrap();
    let saved = store.save_dataset(&draft(5)).unwrap();
    assert_eq!(saved.count, 5);
    assert_eq!(saved.skipped_empty, 3);
    assert_eq!(saved.metadata_columns, ["colour", "shape"]);
    assert!(saved.created_ms > 1.6e12);
    assert_eq!(store.datasets().unwrap(), std::slice::from_ref(&saved));
    let content = store.dataset(saved.id).unwrap();
    assert_eq!(content.texts[4], "fruit 4");
    assert_eq!(content.metadata[1], ["green", "round"]);

    let run = store.create_run(saved.id, &titan(Some(256))).unwrap();
    let layout = store
        .save_layout(&NewLayout {
            run_id: run.id,
            method: LayoutMethod::Pca,
            params_json: "{}".into(),
            dimensions: 2,
            coords: vec![0.0; 10],
            clusters: vec![],
            cluster_summaries_json: "[]".into(),
        })
        .unwrap();
    store.delete_dataset(saved.id).unwrap();
    assert!(store.datasets().unwrap().is_empty());
    assert_eq!(store.run(run.id).unwrap_err().code, LabErrorCode::NotFound);
    assert_eq!(
        store.layout(layout.id).unwrap_err().code,
        LabErrorCode::NotFound
    );
    assert_eq!(
        store.delete_dataset(saved.id).unwrap_err().code,
        LabErrorCode::NotFound
    );

    let mut bad = draft(2);
    bad.metadata.pop();
    assert_eq!(
        store.save_dataset(&bad).unwrap_err().code,
        LabErrorCode::InvalidInput
    );
}

#[test]
fn cache_keys_tell_dimensions_normalize_and_input_types_apart() {
    let mut store = LabStore::open_in_memory().unwrap();
    let hash = text_hash("a ripe apple");
    let base = cache_key(&titan(None)).unwrap();
    store
        .put_vectors(&base, &[(hash, vec![1.0, 2.0, 3.0], Some(4))])
        .unwrap();
    assert_eq!(
        store.cached_vector(&base, &hash).unwrap(),
        Some(vec![1.0, 2.0, 3.0])
    );
    // The explicit defaults and an inference profile are the same key.
    let same = cache_key(&EmbeddingSpec {
        model_id: "us.amazon.titan-embed-text-v2:0".into(),
        dimensions: Some(1024),
        normalize: Some(true),
        input_type: None,
    })
    .unwrap();
    assert_eq!(store.cached(&same, &[hash]).unwrap(), [true]);
    let misses = [
        cache_key(&titan(Some(512))).unwrap(),
        cache_key(&EmbeddingSpec {
            normalize: Some(false),
            ..titan(None)
        })
        .unwrap(),
        cache_key(&EmbeddingSpec {
            model_id: "cohere.embed-english-v3".into(),
            ..EmbeddingSpec::default()
        })
        .unwrap(),
        cache_key(&EmbeddingSpec {
            model_id: "cohere.embed-english-v3".into(),
            input_type: Some("clustering".into()),
            ..EmbeddingSpec::default()
        })
        .unwrap(),
        CacheKey {
            model_id: "amazon.titan-embed-text-v1".into(),
            ..base.clone()
        },
    ];
    for key in &misses {
        assert_eq!(store.cached(key, &[hash]).unwrap(), [false], "{key:?}");
    }
    assert_eq!(
        store.cached(&base, &[text_hash("another text")]).unwrap(),
        [false]
    );
    assert_eq!(store.cached_vector_count().unwrap(), 1);
}

#[test]
fn runs_left_running_are_interrupted_on_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("embeddings.sqlite3");
    let (running, done) = {
        let mut store = LabStore::open(&path).unwrap();
        let dataset = store.save_dataset(&draft(3)).unwrap();
        let running = store.create_run(dataset.id, &titan(None)).unwrap();
        let done = store.create_run(dataset.id, &titan(Some(512))).unwrap();
        assert_eq!(running.status, RunStatus::Queued);
        store
            .set_run_status(running.id, RunStatus::Running, None)
            .unwrap();
        store
            .set_run_progress(
                running.id,
                &RunProgress {
                    done: 2,
                    requests: 2,
                    tokens: 6,
                    ..RunProgress::default()
                },
            )
            .unwrap();
        store
            .set_run_status(done.id, RunStatus::Done, None)
            .unwrap();
        (running.id, done.id)
    };
    let store = LabStore::open(&path).unwrap();
    let reopened = store.run(running).unwrap();
    assert_eq!(reopened.status, RunStatus::Interrupted);
    assert_eq!(reopened.progress.done, 2);
    assert_eq!(reopened.spec, titan(None));
    assert_eq!(store.run(done).unwrap().status, RunStatus::Done);
    assert_eq!(store.runs(None).unwrap().len(), 2);
}

#[test]
fn run_vectors_come_back_in_dataset_order_and_layouts_round_trip() {
    let mut store = LabStore::open_in_memory().unwrap();
    let mut fruit = draft(4);
    fruit.texts[3] = fruit.texts[1].clone(); // a repeated text shares its vector
    let dataset = store.save_dataset(&fruit).unwrap();
    let spec = titan(Some(256));
    let run = store.create_run(dataset.id, &spec).unwrap();
    let key = cache_key(&spec).unwrap();
    let vector = |seed: f32| (0..256).map(|i| seed + i as f32).collect::<Vec<f32>>();
    store
        .put_vectors(
            &key,
            &[
                (text_hash(&fruit.texts[2]), vector(2000.0), None),
                (text_hash(&fruit.texts[0]), vector(0.0), None),
            ],
        )
        .unwrap();
    assert_eq!(
        store.run_vectors(run.id).unwrap_err().code,
        LabErrorCode::RunIncomplete
    );
    store
        .put_vectors(&key, &[(text_hash(&fruit.texts[1]), vector(1000.0), None)])
        .unwrap();
    let (rows, cols, values) = store.run_vectors(run.id).unwrap();
    assert_eq!((rows, cols), (4, 256));
    let firsts: Vec<f32> = values.chunks(256).map(|v| v[0]).collect();
    assert_eq!(firsts, [0.0, 1000.0, 2000.0, 1000.0]);

    let coords: Vec<f32> = (0..8).map(|i| i as f32 * 0.5).collect();
    let saved = store
        .save_layout(&NewLayout {
            run_id: run.id,
            method: LayoutMethod::Umap,
            params_json: r#"{"neighbours":15,"seed":7}"#.into(),
            dimensions: 2,
            coords: coords.clone(),
            clusters: vec![0, 1, -1, 1],
            cluster_summaries_json: r#"[{"id":0,"label":"apple"}]"#.into(),
        })
        .unwrap();
    assert_eq!((saved.points, saved.method), (4, LayoutMethod::Umap));
    let layout = store.layout(saved.id).unwrap();
    assert_eq!(layout.coords, coords);
    assert_eq!(layout.clusters, [0, 1, -1, 1]);
    assert_eq!(layout.summary.params_json, r#"{"neighbours":15,"seed":7}"#);
    assert_eq!(store.layouts(run.id).unwrap(), std::slice::from_ref(&saved));
    let wrong = NewLayout {
        run_id: run.id,
        method: LayoutMethod::Pca,
        params_json: "{}".into(),
        dimensions: 2,
        coords: vec![0.0; 7],
        clusters: vec![],
        cluster_summaries_json: "[]".into(),
    };
    assert_eq!(
        store.save_layout(&wrong).unwrap_err().code,
        LabErrorCode::InvalidInput
    );
    store.delete_layout(saved.id).unwrap();
    assert!(store.layouts(run.id).unwrap().is_empty());
}

/// Measures the file for 100,000 cached 1,024-float vectors and how fast a run reads them back.
/// `cargo test -p embeddings --release --test store_lab -- --ignored --nocapture`
#[test]
#[ignore = "writes about 430 MB; run by hand to measure"]
fn size_of_100k_vectors_of_1024() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("embeddings.sqlite3");
    let mut store = LabStore::open(&path).unwrap();
    let n = 100_000;
    let texts: Vec<String> = (0..n).map(|i| format!("text number {i}")).collect();
    let dataset = store
        .save_dataset(&DatasetDraft {
            name: "big".into(),
            source: "test".into(),
            texts: texts.clone(),
            ..DatasetDraft::default()
        })
        .unwrap();
    let spec = titan(None);
    let run = store.create_run(dataset.id, &spec).unwrap();
    let key = cache_key(&spec).unwrap();
    let started = Instant::now();
    for chunk in texts.chunks(1000) {
        let batch: Vec<_> = chunk
            .iter()
            .map(|t| {
                let seed = t.len() as f32;
                (
                    text_hash(t),
                    (0..1024).map(|i| seed * i as f32).collect(),
                    Some(5),
                )
            })
            .collect();
        store.put_vectors(&key, &batch).unwrap();
    }
    let written = started.elapsed();
    store.checkpoint().unwrap();
    let bytes = store.size_bytes().unwrap();
    let file = std::fs::metadata(&path).unwrap().len();
    let started = Instant::now();
    let (rows, cols, values) = store.run_vectors(run.id).unwrap();
    let read = started.elapsed();
    assert_eq!((rows, cols, values.len()), (n, 1024, n * 1024));
    let raw = (n * 1024 * 4) as f64;
    println!(
        "100,000 x 1,024: size_bytes {bytes} ({:.1} MB), file {file}, raw floats {:.1} MB ({:.3}x); written in {written:?}, read in {read:?}",
        bytes as f64 / 1e6,
        raw / 1e6,
        bytes as f64 / raw
    );
}
