//! Both samples form visible clusters under the emulator's Titan V2 vectors: most of a text's
//! ten nearest neighbours (exact cosine) share its topic.

mod job_support;

use embeddings::dataset::{sample, samples};
use embeddings::job::{CollectingSink, run_job};
use embeddings::store::RunStatus;
use job_support::*;
use tokio_util::sync::CancellationToken;

const K: usize = 10;

fn neighbour_agreement(rows: usize, cols: usize, vectors: &[f32], labels: &[&str]) -> f64 {
    let norms: Vec<f32> = vectors
        .chunks(cols)
        .map(|v| v.iter().map(|x| x * x).sum::<f32>().sqrt())
        .collect();
    let mut total = 0.0;
    for i in 0..rows {
        let a = &vectors[i * cols..(i + 1) * cols];
        let mut scored: Vec<(f32, usize)> = (0..rows)
            .filter(|&j| j != i)
            .map(|j| {
                let b = &vectors[j * cols..(j + 1) * cols];
                let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
                (dot / (norms[i] * norms[j]), j)
            })
            .collect();
        scored.sort_by(|x, y| y.0.total_cmp(&x.0));
        let same = scored[..K]
            .iter()
            .filter(|(_, j)| labels[*j] == labels[i])
            .count();
        total += same as f64 / K as f64;
    }
    total / rows as f64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_samples_cluster_by_topic() {
    let emulator = emulator().await;
    let client = client(&emulator);
    assert_eq!(samples().len(), 2);
    for (id, column) in [("topics", "topic"), ("support-tickets", "product")] {
        let draft = sample(id).unwrap();
        let info = samples().into_iter().find(|s| s.id == id).unwrap();
        assert_eq!(info.count as usize, draft.texts.len());
        assert!((300..=500).contains(&draft.texts.len()), "{id}");
        let (store, dataset, run) = store_with_run(&draft, &spec(TITAN_V2));
        let outcome = run_job(
            &client,
            &store,
            run,
            &mut CollectingSink::default(),
            &CancellationToken::new(),
            options(8),
        )
        .await;
        assert_eq!(outcome.status, RunStatus::Done, "{:?}", outcome.error);
        let store = store.lock().unwrap();
        let content = store.dataset(dataset).unwrap();
        let index = content
            .summary
            .metadata_columns
            .iter()
            .position(|c| c == column)
            .unwrap();
        let labels: Vec<&str> = content.metadata.iter().map(|m| m[index].as_str()).collect();
        let (rows, cols, vectors) = store.run_vectors(run).unwrap();
        let agreement = neighbour_agreement(rows, cols, &vectors, &labels);
        println!("{id}: {rows} texts, {K}-NN {column} agreement {agreement:.3}");
        assert!(agreement >= 0.8, "{id}: {agreement}");
    }
    emulator.stop().await;
}
