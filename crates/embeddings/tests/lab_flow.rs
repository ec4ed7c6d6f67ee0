//! The lab's flow as the app runs it, without a window: a sample embedded through the real SDK
//! against the emulator, projected, asked for neighbours, searched by meaning, compared with a
//! smaller embedding of the same texts, exported.

mod job_support;

use std::sync::atomic::{AtomicUsize, Ordering};

use base64::Engine;
use embeddings::dataset;
use embeddings::job::{CollectingSink, EmbeddingSpec, embed_query, run_job};
use embeddings::lab::Lab;
use embeddings::lab::export::ExportFormat;
use embeddings::lab::layout::{LayoutEvent, LayoutMethod, LayoutRequest};
use embeddings::store::{LabStore, RunStatus};
use job_support::*;
use tokio_util::sync::CancellationToken;

fn titan(dimensions: u32) -> EmbeddingSpec {
    EmbeddingSpec {
        dimensions: Some(dimensions),
        ..spec(TITAN_V2)
    }
}

fn floats(base64: &str) -> Vec<f32> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64)
        .unwrap();
    bytes
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

async fn embedded(
    lab: &Lab,
    client: &aws_sdk_bedrockruntime::Client,
    dataset: u32,
    spec: &EmbeddingSpec,
) -> u32 {
    let run = lab.store().create_run(dataset, spec).unwrap().id;
    let outcome = run_job(
        client,
        lab.store_mutex(),
        run,
        &mut CollectingSink::default(),
        &CancellationToken::new(),
        options(8),
    )
    .await;
    assert_eq!(outcome.status, RunStatus::Done, "{:?}", outcome.error);
    run
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sample_is_embedded_mapped_searched_compared_and_exported() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let exports = tempfile::tempdir().unwrap();
    let lab = Lab::new(LabStore::open_in_memory().unwrap(), exports.path());
    let draft = dataset::sample("topics").unwrap();
    let texts = draft.texts.clone();
    let dataset = lab.store().save_dataset(&draft).unwrap().id;
    let run = embedded(&lab, &client, dataset, &titan(1024)).await;

    let layouts_sent = AtomicUsize::new(0);
    let mut on_event = |event: LayoutEvent| {
        if let LayoutEvent::Layout { coords_base64, .. } = event {
            assert_eq!(floats(&coords_base64).len(), texts.len() * 2);
            layouts_sent.fetch_add(1, Ordering::Relaxed);
        }
    };
    let view = lab
        .compute_layout(run, &LayoutRequest::default(), &mut on_event, &|| false)
        .unwrap();
    assert!(
        layouts_sent.load(Ordering::Relaxed) >= 1,
        "the layout streams in"
    );
    let coords = floats(&view.coords_base64);
    assert_eq!(coords.len(), texts.len() * 2);
    assert!(coords.iter().all(|c| c.is_finite()));
    assert!(view.clusters.len() >= 4, "{} clusters", view.clusters.len());
    assert!(view.clusters.iter().all(|c| !c.label.is_empty()));
    assert_eq!(lab.layouts(run).unwrap().len(), 1, "the layout is stored");
    assert_eq!(lab.layout_view(view.id).unwrap(), view);

    let neighbours = lab.neighbours(run, 0, 10).unwrap();
    assert_eq!(neighbours.len(), 10);
    assert!(neighbours.iter().all(|n| n.index != 0));
    assert!(
        neighbours
            .windows(2)
            .all(|w| w[0].similarity >= w[1].similarity)
    );

    let query = embed_query(&client, lab.store_mutex(), &titan(1024), &texts[7])
        .await
        .unwrap();
    let found = lab.search_vector(run, Some(view.id), query, 5).unwrap();
    assert_eq!(found.hits[0].index, 7, "a text is nearest to itself");
    assert!(found.hits[0].similarity > 0.99);
    let (x, y) = found.position.expect("the query is placed on the map");
    let (px, py) = (coords[14], coords[15]);
    let spread = coords.iter().fold(0f32, |m, c| m.max(c.abs()));
    assert!(
        ((x - px).powi(2) + (y - py).powi(2)).sqrt() < spread / 4.0,
        "placed near its text"
    );

    let small = embedded(&lab, &client, dataset, &titan(256)).await;
    let report = lab.compare(run, small, 10, &|| false).unwrap();
    assert_eq!(floats(&report.per_point_base64).len(), texts.len());
    assert!(
        report.mean > 0.3 && report.mean <= 1.0,
        "overlap {}",
        report.mean
    );
    let same = lab.compare(run, run, 10, &|| false).unwrap();
    assert!((same.mean - 1.0).abs() < 1e-6);

    let pca = lab
        .compute_layout(
            run,
            &LayoutRequest {
                method: LayoutMethod::Pca,
                ..LayoutRequest::default()
            },
            &mut |_| {},
            &|| false,
        )
        .unwrap();
    assert_eq!(pca.explained_variance.len(), 2);
    let query = embed_query(&client, lab.store_mutex(), &titan(1024), &texts[3])
        .await
        .unwrap();
    let placed = lab
        .search_vector(run, Some(pca.id), query, 1)
        .unwrap()
        .position
        .unwrap();
    let pca_coords = floats(&pca.coords_base64);
    assert!((placed.0 - pca_coords[6]).abs() < 1e-3 && (placed.1 - pca_coords[7]).abs() < 1e-3);

    let written = lab
        .export_run(run, Some(view.id), ExportFormat::Npy)
        .unwrap();
    assert_eq!(written.len(), 2);
    let vectors = embeddings::npy::read_npy(&written[0]).unwrap();
    assert_eq!((vectors.rows(), vectors.cols()), (texts.len(), 1024));
    let csv = lab
        .export_run(run, Some(view.id), ExportFormat::Csv)
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(&csv[0]).unwrap().lines().count(),
        texts.len() + 1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_projection_stores_nothing() {
    let emulator = emulator().await;
    let client = client(&emulator);
    let exports = tempfile::tempdir().unwrap();
    let lab = Lab::new(LabStore::open_in_memory().unwrap(), exports.path());
    let dataset = lab
        .store()
        .save_dataset(&draft("garden", &texts(60, "garden")))
        .unwrap()
        .id;
    let run = embedded(&lab, &client, dataset, &titan(256)).await;
    let error = lab
        .compute_layout(run, &LayoutRequest::default(), &mut |_| {}, &|| true)
        .unwrap_err();
    assert_eq!(error.code, embeddings::store::LabErrorCode::Cancelled);
    assert!(lab.layouts(run).unwrap().is_empty());
}
