//! Trustworthiness against a naive transcription of scikit-learn's formula.

mod maths_support;

use embeddings::maths::{Matrix, Metric, trustworthiness};
use maths_support::{blobs, gaussian, rng};

/// sklearn.manifold.trustworthiness, computed the slow way (full ranks, Euclidean).
fn reference(high: &Matrix, low: &Matrix, k: usize) -> f64 {
    let n = high.rows();
    let dist = |m: &Matrix, i: usize, j: usize| -> f64 {
        m.row(i)
            .iter()
            .zip(m.row(j))
            .map(|(a, b)| f64::from(a - b).powi(2))
            .sum::<f64>()
    };
    let mut t = 0.0;
    for i in 0..n {
        let mut hi: Vec<usize> = (0..n).filter(|&j| j != i).collect();
        hi.sort_by(|&a, &b| dist(high, i, a).total_cmp(&dist(high, i, b)));
        let mut lo: Vec<usize> = (0..n).filter(|&j| j != i).collect();
        lo.sort_by(|&a, &b| dist(low, i, a).total_cmp(&dist(low, i, b)));
        for &j in &lo[..k] {
            let rank = hi.iter().position(|&x| x == j).unwrap() + 1;
            if rank > k {
                t += (rank - k) as f64;
            }
        }
    }
    let (n, k) = (n as f64, k as f64);
    1.0 - t * 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0))
}

#[test]
fn matches_the_reference_formula() {
    let (x, _) = blobs(150, 6, 3, 3, 2.0, 1);
    // A poor layout: the first two columns plus noise.
    let mut r = rng(2);
    let v: Vec<f32> = (0..150)
        .flat_map(|i| {
            [
                x.row(i)[0] + gaussian(&mut r),
                x.row(i)[1] + gaussian(&mut r),
            ]
        })
        .collect();
    let low = Matrix::new(150, 2, v).unwrap();
    let got = trustworthiness(&x, &low, 7, Metric::Euclidean);
    let want = reference(&x, &low, 7);
    assert!((got - want).abs() < 1e-9, "{got} vs {want}");
    assert!(got < 0.99);
}

#[test]
fn a_perfect_layout_scores_one_and_a_random_one_low() {
    let mut r = rng(3);
    let v: Vec<f32> = (0..400).map(|_| gaussian(&mut r)).collect();
    let flat = Matrix::new(200, 2, v).unwrap();
    assert!((trustworthiness(&flat, &flat, 5, Metric::Euclidean) - 1.0).abs() < 1e-12);
    let w: Vec<f32> = (0..400).map(|_| gaussian(&mut r)).collect();
    let random = Matrix::new(200, 2, w).unwrap();
    let t = trustworthiness(&flat, &random, 5, Metric::Euclidean);
    assert!(t < 0.6, "{t}");
    // Cosine ranks: scaling rows changes nothing.
    let scaled: Vec<f32> = flat
        .as_slice()
        .chunks(2)
        .enumerate()
        .flat_map(|(i, r)| [r[0] * (1 + i % 3) as f32, r[1] * (1 + i % 3) as f32])
        .collect();
    let scaled = Matrix::new(200, 2, scaled).unwrap();
    let a = trustworthiness(&flat, &random, 5, Metric::Cosine);
    let b = trustworthiness(&scaled, &random, 5, Metric::Cosine);
    assert!((a - b).abs() < 1e-9);
    assert_eq!(
        trustworthiness(&flat, &Matrix::zeros(10, 2), 5, Metric::Euclidean),
        0.0
    );
}
