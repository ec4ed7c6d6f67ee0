//! k-nearest-neighbour graphs: exact by blocked matrix products for small sets, NN-descent above
//! [`EXACT_MAX_ROWS`], and the overlap of two graphs.

mod exact;
mod nndescent;

pub use exact::{exact_distance, knn_query};
pub use nndescent::{Settings as NnDescentSettings, Space, nn_descent};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::{MathsError, MathsErrorCode};
use super::matrix::{Matrix, Metric};
use super::pca::pca_with;
use super::similarity::row_norms;

/// The `k` nearest neighbours of every row: `indices` and `distances` are `n × k`, row after row,
/// nearest first, the row itself left out. Distances are `1 − cos` for [`Metric::Cosine`] and L2
/// for [`Metric::Euclidean`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KnnGraph {
    pub k: usize,
    pub indices: Vec<u32>,
    pub distances: Vec<f32>,
}

impl KnnGraph {
    pub fn rows(&self) -> usize {
        self.indices.len().checked_div(self.k).unwrap_or(0)
    }

    pub fn neighbours(&self, i: usize) -> &[u32] {
        &self.indices[i * self.k..(i + 1) * self.k]
    }

    pub fn distances_of(&self, i: usize) -> &[f32] {
        &self.distances[i * self.k..(i + 1) * self.k]
    }
}

/// Up to this many rows the graph is exact. Measured on these 2 cores (`embeddings knn-bench`,
/// 1024-d unit vectors in 20 clusters, k = 15, with other builds running): at 5,000 rows exact
/// 0.87 s, NN-descent 0.69 s; at 10,000 exact 3.1–4.1 s, NN-descent 1.3–1.9 s with recall
/// 0.97–0.996 against exact. So exact up to 5,000 rows, NN-descent above.
pub const EXACT_MAX_ROWS: usize = 5_000;

/// Above this many rows and [`REDUCE_ABOVE_DIMS`] columns, NN-descent runs on a PCA reduction to
/// [`REDUCED_DIMS`] columns (as uwot and scanpy do) and re-ranks its candidates (half as many
/// again as asked for) with the full vectors: on the full 1024 columns NN-descent over 100,000
/// rows would take about 10 s. Recall then depends on how much of the neighbourhoods the leading
/// components hold: 0.84 for clusters spread over 16 directions, 0.53 over 64 (10,000 rows).
pub const REDUCE_ABOVE_ROWS: usize = 30_000;
pub const REDUCE_ABOVE_DIMS: usize = 128;
pub const REDUCED_DIMS: usize = 48;

/// Which search [`knn_graph_with`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnnMethod {
    /// Exact up to [`EXACT_MAX_ROWS`] rows, approximate above.
    Auto,
    Exact,
    Approximate,
    /// NN-descent on the full vectors, never on a PCA reduction (slower on wide vectors).
    ApproximateFullWidth,
}

/// The `k`-nearest-neighbour graph of the rows of `data`, exact or approximate by size;
/// deterministic for a seed. `cancel` is polled between blocks and iterations.
pub fn knn_graph(
    data: &Matrix,
    k: usize,
    metric: Metric,
    seed: u64,
    cancel: &dyn Fn() -> bool,
) -> Result<KnnGraph, MathsError> {
    knn_graph_with(data, k, metric, seed, KnnMethod::Auto, cancel)
}

/// [`knn_graph`] with the method chosen by the caller.
pub fn knn_graph_with(
    data: &Matrix,
    k: usize,
    metric: Metric,
    seed: u64,
    method: KnnMethod,
    cancel: &dyn Fn() -> bool,
) -> Result<KnnGraph, MathsError> {
    let n = data.rows();
    if k == 0 {
        return Err(MathsError::invalid(
            "k must be at least 1",
            "ask for 1 or more neighbours",
        ));
    }
    if n < k + 1 {
        return Err(MathsError::new(
            MathsErrorCode::TooFewRows,
            format!("{n} rows cannot have {k} neighbours each"),
            format!("give at least {} rows, or ask for fewer neighbours", k + 1),
        ));
    }
    if data.cols() == 0 {
        return Err(MathsError::invalid(
            "the vectors have no dimensions",
            "give vectors of at least one value",
        ));
    }
    data.check_finite()?;
    let exact = match method {
        KnnMethod::Exact => true,
        KnnMethod::Approximate | KnnMethod::ApproximateFullWidth => false,
        KnnMethod::Auto => n <= EXACT_MAX_ROWS,
    };
    if exact {
        return knn_query(data, data, k, metric, true, cancel);
    }
    if method != KnnMethod::ApproximateFullWidth && reduces(n, data.cols()) {
        let reduced = search_reduction(data, metric, seed)?;
        if cancel() {
            return Err(MathsError::cancelled());
        }
        return approximate(data, Some(&reduced), k, metric, seed, cancel);
    }
    approximate(data, None, k, metric, seed, cancel)
}

/// Whether [`knn_graph`] searches `n × d` vectors on a PCA reduction (see [`REDUCE_ABOVE_ROWS`]).
pub fn reduces(n: usize, d: usize) -> bool {
    n > EXACT_MAX_ROWS.max(REDUCE_ABOVE_ROWS) && d > REDUCE_ABOVE_DIMS
}

/// The PCA reduction the approximate search runs on: the top [`REDUCED_DIMS`] components (one
/// power iteration: a rough subspace is enough, candidates are re-ranked on the full vectors).
/// For cosine, each row is projected as a unit vector, so Euclidean distances there follow the
/// cosine distances. Its first columns are also a quick PCA preview of the layout.
pub fn search_reduction(data: &Matrix, metric: Metric, seed: u64) -> Result<Matrix, MathsError> {
    let (n, d) = (data.rows(), data.cols());
    let r = REDUCED_DIMS.min(n - 1).min(d);
    let fitted = pca_with(data, r, seed, 1)?;
    let mut reduced = fitted.coords;
    if metric == Metric::Cosine {
        let c = fitted.components.as_slice();
        let mean_proj: Vec<f32> = (0..r)
            .map(|j| {
                c[j * d..(j + 1) * d]
                    .iter()
                    .zip(&fitted.mean)
                    .map(|(a, b)| a * b)
                    .sum()
            })
            .collect();
        let norms = row_norms(data);
        reduced
            .as_mut_slice()
            .par_chunks_mut(r)
            .zip(&norms)
            .for_each(|(row, &nrm)| {
                let s = if nrm > 0.0 { 1.0 / nrm } else { 0.0 };
                row.iter_mut()
                    .zip(&mean_proj)
                    .for_each(|(v, m)| *v = (*v + m) * s);
            });
    }
    Ok(reduced)
}

/// NN-descent on `data` itself, or on `reduced` (its rows' reduction) with the candidates
/// re-ranked exactly on `data`.
pub fn approximate(
    data: &Matrix,
    reduced: Option<&Matrix>,
    k: usize,
    metric: Metric,
    seed: u64,
    cancel: &dyn Fn() -> bool,
) -> Result<KnnGraph, MathsError> {
    let n = data.rows();
    let d = data.cols();
    let norms = row_norms(data);
    // Search a few more than k on a reduction, then re-rank exactly.
    let k_search = if reduced.is_some() {
        (k + k / 2 + 2).min(n - 1)
    } else {
        k
    };
    let settings = NnDescentSettings {
        k: k_search,
        seed,
        trees: if n > 50_000 { 3 } else { 4 },
        leaf_size: (k_search + 10).max(24),
        max_candidates: k.clamp(8, 60),
        max_iterations: if n > 50_000 { 6 } else { 12 },
        delta: 0.001,
    };
    let (ids, _) = match reduced {
        Some(r) => {
            let space = Space {
                data: r.as_slice(),
                dims: r.cols(),
                inv_norms: None,
            };
            nn_descent(&space, &settings, cancel)?
        }
        None => {
            let inv_norms = (metric == Metric::Cosine).then(|| {
                norms
                    .iter()
                    .map(|&v| if v > 0.0 { 1.0 / v } else { 0.0 })
                    .collect()
            });
            let space = Space {
                data: data.as_slice(),
                dims: d,
                inv_norms,
            };
            nn_descent(&space, &settings, cancel)?
        }
    };
    if cancel() {
        return Err(MathsError::cancelled());
    }
    // Exact distances for the candidates, best k kept.
    let mut indices = vec![0u32; n * k];
    let mut distances = vec![0.0f32; n * k];
    indices
        .par_chunks_mut(k)
        .zip(distances.par_chunks_mut(k))
        .enumerate()
        .for_each(|(i, (idx, dist))| {
            let mut cand: Vec<(f32, u32)> = ids[i * k_search..(i + 1) * k_search]
                .iter()
                .filter(|&&j| j != u32::MAX)
                .map(|&j| {
                    (
                        exact_distance(
                            data.row(i),
                            norms[i],
                            data.row(j as usize),
                            norms[j as usize],
                            metric,
                        ),
                        j,
                    )
                })
                .collect();
            cand.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            for slot in 0..k {
                let (dj, j) = cand
                    .get(slot)
                    .copied()
                    .unwrap_or((f32::INFINITY, ((i + 1 + slot) % n) as u32));
                idx[slot] = j;
                dist[slot] = if dj.is_finite() {
                    dj
                } else {
                    exact_distance(
                        data.row(i),
                        norms[i],
                        data.row(j as usize),
                        norms[j as usize],
                        metric,
                    )
                };
            }
        });
    Ok(KnnGraph {
        k,
        indices,
        distances,
    })
}

/// For each point, the share of its first `k` neighbours in `a` that are also among its first `k`
/// in `b` (in `[0, 1]`), and the mean over points. `k` is capped at both graphs' `k`; graphs of
/// different sizes compare over the rows they share.
pub fn neighbour_overlap(a: &KnnGraph, b: &KnnGraph, k: usize) -> (Vec<f32>, f32) {
    let k = k.min(a.k).min(b.k);
    let n = a.rows().min(b.rows());
    if k == 0 || n == 0 {
        return (vec![0.0; n], 0.0);
    }
    let per: Vec<f32> = (0..n)
        .into_par_iter()
        .map(|i| {
            let na = &a.neighbours(i)[..k];
            let nb = &b.neighbours(i)[..k];
            na.iter().filter(|x| nb.contains(x)).count() as f32 / k as f32
        })
        .collect();
    let mean = (per.iter().map(|&v| f64::from(v)).sum::<f64>() / n as f64) as f32;
    (per, mean)
}
