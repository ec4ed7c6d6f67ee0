//! The fuzzy simplicial set: smooth kNN distances (ρ, σ), membership strengths, and the fuzzy
//! union `A + Aᵀ − A∘Aᵀ`, as in umap-learn.

use rayon::prelude::*;

use crate::maths::knn::KnnGraph;

/// A sparse matrix, row after row (columns ascending in each row).
#[derive(Debug, Clone, PartialEq)]
pub struct Csr {
    pub n: usize,
    pub offsets: Vec<usize>,
    pub cols: Vec<u32>,
    pub vals: Vec<f32>,
}

impl Csr {
    pub fn row(&self, i: usize) -> (&[u32], &[f32]) {
        let (s, e) = (self.offsets[i], self.offsets[i + 1]);
        (&self.cols[s..e], &self.vals[s..e])
    }
}

const SMOOTH_K_TOLERANCE: f64 = 1e-5;
const MIN_K_DIST_SCALE: f64 = 1e-3;

/// σ and ρ of every row of `dists` (`n × k`, nearest first, self excluded) so that
/// `Σ exp(−(d − ρ)/σ) = log2(n_neighbours)`; binary search, 64 steps at most.
pub fn smooth_knn_dist(
    dists: &[f32],
    k: usize,
    n_neighbours: usize,
    local_connectivity: f64,
) -> (Vec<f32>, Vec<f32>) {
    let n = dists.len() / k.max(1);
    let target = (n_neighbours as f64).log2();
    let global_mean = if dists.is_empty() {
        0.0
    } else {
        dists.iter().map(|&d| f64::from(d)).sum::<f64>() / (n * (k + 1)) as f64
    };
    let pairs: Vec<(f32, f32)> = dists
        .par_chunks(k.max(1))
        .map(|row| {
            let non_zero: Vec<f64> = row
                .iter()
                .map(|&d| f64::from(d))
                .filter(|&d| d > 0.0)
                .collect();
            let mut rho = 0.0;
            if non_zero.len() as f64 >= local_connectivity {
                let index = local_connectivity.floor() as usize;
                let interpolation = local_connectivity - index as f64;
                if index > 0 {
                    rho = non_zero[index - 1];
                    if interpolation > 1e-5 && index < non_zero.len() {
                        rho += interpolation * (non_zero[index] - non_zero[index - 1]);
                    }
                } else {
                    rho = interpolation * non_zero.first().copied().unwrap_or(0.0);
                }
            } else if !non_zero.is_empty() {
                rho = non_zero.iter().copied().fold(0.0, f64::max);
            }
            let (mut lo, mut hi, mut mid) = (0.0f64, f64::INFINITY, 1.0f64);
            for _ in 0..64 {
                let mut psum = 0.0;
                for &d in row {
                    let d = f64::from(d) - rho;
                    psum += if d > 0.0 { (-d / mid).exp() } else { 1.0 };
                }
                if (psum - target).abs() < SMOOTH_K_TOLERANCE {
                    break;
                }
                if psum > target {
                    hi = mid;
                    mid = (lo + hi) / 2.0;
                } else {
                    lo = mid;
                    mid = if hi.is_infinite() {
                        mid * 2.0
                    } else {
                        (lo + hi) / 2.0
                    };
                }
            }
            let mean_row = row.iter().map(|&d| f64::from(d)).sum::<f64>() / (k + 1) as f64;
            let floor = MIN_K_DIST_SCALE * if rho > 0.0 { mean_row } else { global_mean };
            (mid.max(floor) as f32, rho as f32)
        })
        .collect();
    pairs.into_iter().unzip()
}

/// Membership strength of each kNN edge: `exp(−(d − ρ)/σ)`, 1 within ρ.
pub fn memberships(graph: &KnnGraph, sigmas: &[f32], rhos: &[f32]) -> Vec<f32> {
    let k = graph.k;
    graph
        .distances
        .par_chunks(k)
        .enumerate()
        .flat_map_iter(|(i, row)| {
            let (s, r) = (sigmas[i], rhos[i]);
            row.iter().map(move |&d| {
                if d - r <= 0.0 || s == 0.0 {
                    1.0
                } else {
                    (-(d - r) / s).exp()
                }
            })
        })
        .collect()
}

/// The symmetric fuzzy union of the directed kNN memberships (zero weights dropped).
pub fn fuzzy_union(graph: &KnnGraph, weights: &[f32]) -> Csr {
    let n = graph.rows();
    let k = graph.k;
    // Transposed edges, bucketed by their new row in a fixed order.
    let mut counts = vec![0usize; n + 1];
    for &j in &graph.indices {
        counts[j as usize + 1] += 1;
    }
    for i in 0..n {
        counts[i + 1] += counts[i];
    }
    let mut fill = counts.clone();
    let mut t_cols = vec![0u32; n * k];
    let mut t_vals = vec![0.0f32; n * k];
    for i in 0..n {
        for s in 0..k {
            let j = graph.indices[i * k + s] as usize;
            let at = fill[j];
            t_cols[at] = i as u32;
            t_vals[at] = weights[i * k + s];
            fill[j] += 1;
        }
    }
    let rows: Vec<Vec<(u32, f32)>> = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut fwd: Vec<(u32, f32)> = (0..k)
                .map(|s| (graph.indices[i * k + s], weights[i * k + s]))
                .collect();
            fwd.sort_by_key(|e| e.0);
            fwd.dedup_by_key(|e| e.0);
            let mut bwd: Vec<(u32, f32)> = (counts[i]..counts[i + 1])
                .map(|t| (t_cols[t], t_vals[t]))
                .collect();
            bwd.sort_by_key(|e| e.0);
            bwd.dedup_by_key(|e| e.0);
            let mut out = Vec::with_capacity(fwd.len() + bwd.len());
            let (mut a, mut b) = (0, 0);
            while a < fwd.len() || b < bwd.len() {
                let (col, w) = if b == bwd.len() || (a < fwd.len() && fwd[a].0 < bwd[b].0) {
                    a += 1;
                    (fwd[a - 1].0, fwd[a - 1].1)
                } else if a == fwd.len() || bwd[b].0 < fwd[a].0 {
                    b += 1;
                    (bwd[b - 1].0, bwd[b - 1].1)
                } else {
                    let (x, y) = (fwd[a].1, bwd[b].1);
                    a += 1;
                    b += 1;
                    (fwd[a - 1].0, x + y - x * y)
                };
                if w > 0.0 && col as usize != i {
                    out.push((col, w));
                }
            }
            out
        })
        .collect();
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0);
    let mut cols = Vec::new();
    let mut vals = Vec::new();
    for r in rows {
        for (c, v) in r {
            cols.push(c);
            vals.push(v);
        }
        offsets.push(cols.len());
    }
    Csr {
        n,
        offsets,
        cols,
        vals,
    }
}
