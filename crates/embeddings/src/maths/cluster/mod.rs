//! Clusters on the 2-D or 3-D layout (never on the high-dimensional vectors), by HDBSCAN.

mod hdbscan;
mod kdtree;

use crate::maths::matrix::Matrix;

/// The default minimum cluster size for `n` points: 0.5% of them, at least 10 (5 below 100 points).
pub fn default_min_cluster_size(n: usize) -> usize {
    if n < 100 { 5 } else { (n / 200).max(10) }
}

/// A cluster label per point of the layout `coords`: 0, 1, ... (largest cluster first) or −1 for
/// noise. Deterministic. `min_cluster_size` defaults to [`default_min_cluster_size`].
pub fn cluster_layout(coords: &Matrix, min_cluster_size: Option<usize>) -> Vec<i32> {
    let n = coords.rows();
    if coords.first_non_finite().is_some() || coords.cols() == 0 {
        return vec![-1; n];
    }
    let mcs = min_cluster_size
        .unwrap_or_else(|| default_min_cluster_size(n))
        .max(2);
    hdbscan::hdbscan(coords, mcs, mcs.min(10))
}
