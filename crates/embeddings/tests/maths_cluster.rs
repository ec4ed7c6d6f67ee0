//! Clusters on a layout, and their c-TF-IDF labels.

mod maths_support;

use embeddings::maths::{Matrix, cluster_layout, summarise_clusters};
use maths_support::{gaussian, rng};

/// Four tight 2-D blobs far apart, plus a few scattered points.
fn layout() -> (Matrix, Vec<usize>) {
    let mut r = rng(9);
    let centres = [(0.0f32, 0.0f32), (20.0, 0.0), (0.0, 20.0), (20.0, 20.0)];
    let mut v = Vec::new();
    let mut truth = Vec::new();
    for i in 0..1200 {
        let (cx, cy) = centres[i % 4];
        v.push(cx + gaussian(&mut r));
        v.push(cy + gaussian(&mut r));
        truth.push(i % 4);
    }
    (Matrix::new(1200, 2, v).unwrap(), truth)
}

#[test]
fn finds_well_separated_blobs_deterministically() {
    let (m, truth) = layout();
    let labels = cluster_layout(&m, None);
    assert_eq!(labels, cluster_layout(&m, None));
    let found: std::collections::BTreeSet<i32> =
        labels.iter().copied().filter(|&l| l >= 0).collect();
    assert_eq!(found.len(), 4, "clusters {found:?}");
    // Each blob maps to one cluster (noise allowed at the fringes).
    for blob in 0..4 {
        let mut counts = std::collections::HashMap::new();
        for (l, t) in labels.iter().zip(&truth) {
            if *t == blob {
                *counts.entry(*l).or_insert(0) += 1;
            }
        }
        let best = counts
            .iter()
            .filter(|(l, _)| **l >= 0)
            .map(|(_, c)| *c)
            .max()
            .unwrap_or(0);
        assert!(best >= 270, "blob {blob}: {counts:?}");
    }
    let noise = labels.iter().filter(|&&l| l < 0).count();
    assert!(noise < 120, "{noise} noise points");
}

#[test]
fn uniform_noise_is_mostly_unclustered_and_empty_input_is_fine() {
    let mut r = rng(3);
    let v: Vec<f32> = (0..2000)
        .map(|_| rand::Rng::gen_range(&mut r, 0.0..100.0))
        .collect();
    let labels = cluster_layout(&Matrix::new(1000, 2, v).unwrap(), Some(200));
    let clustered = labels.iter().filter(|&&l| l >= 0).count();
    let distinct: std::collections::BTreeSet<i32> =
        labels.iter().copied().filter(|&l| l >= 0).collect();
    assert!(distinct.len() <= 2, "{distinct:?} ({clustered} clustered)");
    assert!(cluster_layout(&Matrix::zeros(0, 2), None).is_empty());
    assert_eq!(cluster_layout(&Matrix::zeros(3, 2), None), vec![-1, -1, -1]);
}

#[test]
fn labels_pick_each_topic_word_by_class_tf_idf() {
    let (m, truth) = layout();
    let labels = cluster_layout(&m, None);
    let topics = [
        "the battery charging lasts all day and battery charging is fast product product product",
        "a sharp lens with a bright lens hood and lens cap product product product",
        "the shipping was late and shipping box arrived damaged product product product",
        "great price for the price and the value product product product",
    ];
    let texts: Vec<&str> = truth.iter().map(|&t| topics[t]).collect();
    let summaries = summarise_clusters(&m, &labels, &texts, 3);
    assert_eq!(summaries.len(), 4);
    assert!(summaries.windows(2).all(|w| w[0].id < w[1].id));
    let wanted = ["battery", "lens", "shipping", "price"];
    for s in &summaries {
        // The cluster's blob is the majority truth among its members.
        let blob = {
            let mut c = [0usize; 4];
            for (l, t) in labels.iter().zip(&truth) {
                if *l == s.id {
                    c[*t] += 1;
                }
            }
            (0..4).max_by_key(|&b| c[b]).unwrap()
        };
        assert_eq!(s.words[0], wanted[blob], "{s:?}");
        assert!(
            !s.words.iter().any(|w| w == "the" || w == "and" || w == "a"),
            "{s:?}"
        );
        assert_eq!(s.label, s.words.join(" · "));
        let (cx, cy) = [(0.0, 0.0), (20.0, 0.0), (0.0, 20.0), (20.0, 20.0)][blob];
        assert!(
            (s.centroid[0] - cx).abs() < 1.0 && (s.centroid[1] - cy).abs() < 1.0,
            "{s:?}"
        );
    }
    let json = serde_json::to_string(&summaries[0]).unwrap();
    assert!(json.contains("\"centroid\"") && json.contains("\"label\""));
}
