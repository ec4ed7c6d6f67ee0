//! Trustworthiness of a layout, as `sklearn.manifold.trustworthiness`: how many of each point's
//! `k` nearest neighbours in the layout are intruders in the original space, weighted by how far
//! down the original ranking they are. 1 is perfect. Exact, so `O(n²·d)`: sample large sets.

use rayon::prelude::*;

use super::gemm::gemm_nt;
use super::knn::knn_query;
use super::matrix::{Matrix, Metric};
use super::similarity::row_norms;

/// Trustworthiness of `low` (the layout) for `high` (the vectors), with `k` neighbours;
/// `metric` is the original space's (the layout's is Euclidean). 0 when the shapes do not fit
/// (`k` must be below `n / 2`).
pub fn trustworthiness(high: &Matrix, low: &Matrix, k: usize, metric: Metric) -> f64 {
    let n = high.rows();
    if low.rows() != n || k == 0 || 2 * k >= n || high.cols() == 0 || low.cols() == 0 {
        return 0.0;
    }
    let Ok(low_graph) = knn_query(low, low, k, Metric::Euclidean, true, &|| false) else {
        return 0.0;
    };
    let norms = row_norms(high);
    let d = high.cols();
    let block = 256usize;
    let mut penalty = 0.0f64;
    let mut dots = vec![0.0f32; block * n];
    let mut start = 0;
    while start < n {
        let rows = block.min(n - start);
        gemm_nt(
            1.0,
            &high.as_slice()[start * d..(start + rows) * d],
            rows,
            d,
            high.as_slice(),
            n,
            0.0,
            &mut dots[..rows * n],
        );
        let part: Vec<f64> = dots[..rows * n]
            .par_chunks(n)
            .enumerate()
            .map(|(r, row)| {
                let i = start + r;
                // Ranking keys of every other point in the original space.
                let key = |j: usize| -> f32 {
                    match metric {
                        Metric::Cosine => {
                            let s = norms[i] * norms[j];
                            if s > 0.0 { 1.0 - row[j] / s } else { 1.0 }
                        }
                        Metric::Euclidean => {
                            norms[i] * norms[i] + norms[j] * norms[j] - 2.0 * row[j]
                        }
                    }
                };
                let mut keys: Vec<f32> = (0..n).map(key).collect();
                keys[i] = f32::INFINITY;
                let mut sorted = keys.clone();
                sorted.sort_unstable_by(f32::total_cmp);
                let mut sum = 0.0f64;
                for &j in low_graph.neighbours(i) {
                    // rank: 1 + how many are strictly nearer
                    let rank = sorted.partition_point(|&v| v < keys[j as usize]) + 1;
                    if rank > k {
                        sum += (rank - k) as f64;
                    }
                }
                sum
            })
            .collect();
        penalty += part.iter().sum::<f64>();
        start += rows;
    }
    let (nf, kf) = (n as f64, k as f64);
    1.0 - penalty * 2.0 / (nf * kf * (2.0 * nf - 3.0 * kf - 1.0))
}
