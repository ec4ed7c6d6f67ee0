//! Exact k-nearest neighbours by blocked matrix products: a block of query rows times all the
//! data rows through sgemm (norms precomputed), then a partial selection per row in parallel.

use rayon::prelude::*;

use super::KnnGraph;
use crate::maths::error::MathsError;
use crate::maths::gemm::gemm_nt;
use crate::maths::matrix::{Matrix, Metric};
use crate::maths::select::TopK;
use crate::maths::similarity::{dot, row_norms, sq_dist};

/// Largest tile of similarities held at once (floats).
const TILE: usize = 1 << 22;

/// Similarities scanned together before the (rare) insertions.
const LANES: usize = 32;

/// The `k` nearest rows of `data` for every row of `queries`, nearest first. With `same`, the
/// queries are the data and each row's own index is left out.
pub fn knn_query(
    queries: &Matrix,
    data: &Matrix,
    k: usize,
    metric: Metric,
    same: bool,
    cancel: &dyn Fn() -> bool,
) -> Result<KnnGraph, MathsError> {
    let (nq, n, d) = (queries.rows(), data.rows(), data.cols());
    let data_norms = row_norms(data);
    let query_norms = if same {
        data_norms.clone()
    } else {
        row_norms(queries)
    };
    let block = (TILE / n.max(1)).clamp(16, 1024).min(nq.max(1));
    let mut indices = vec![0u32; nq * k];
    let mut distances = vec![0.0f32; nq * k];
    let mut tile = vec![0.0f32; block * n];
    let mut start = 0;
    while start < nq {
        if cancel() {
            return Err(MathsError::cancelled());
        }
        let rows = block.min(nq - start);
        let q = &queries.as_slice()[start * d..(start + rows) * d];
        gemm_nt(
            1.0,
            q,
            rows,
            d,
            data.as_slice(),
            n,
            0.0,
            &mut tile[..rows * n],
        );
        indices[start * k..(start + rows) * k]
            .par_chunks_mut(k.max(1))
            .zip(distances[start * k..(start + rows) * k].par_chunks_mut(k.max(1)))
            .zip(tile[..rows * n].par_chunks(n.max(1)))
            .enumerate()
            .for_each(|(r, ((idx, dist), dots))| {
                let i = start + r;
                let qn = query_norms[i];
                let mut top = TopK::new(k);
                let mut keys = [0.0f32; LANES];
                for (c, (dots, norms)) in
                    dots.chunks(LANES).zip(data_norms.chunks(LANES)).enumerate()
                {
                    match metric {
                        Metric::Cosine => {
                            let qi = if qn > 0.0 { 1.0 / qn } else { 0.0 };
                            for ((key, &dot), &nj) in keys.iter_mut().zip(dots).zip(norms) {
                                let inv = if nj > 0.0 { qi / nj } else { 0.0 };
                                *key = 1.0 - dot * inv;
                            }
                        }
                        Metric::Euclidean => {
                            let q2 = qn * qn;
                            for ((key, &dot), &nj) in keys.iter_mut().zip(dots).zip(norms) {
                                *key = (q2 + nj * nj - 2.0 * dot).max(0.0);
                            }
                        }
                    }
                    let len = dots.len();
                    let threshold = top.threshold();
                    // Most chunks hold nothing better than the current k-th: one vectorised test.
                    if keys[..len].iter().fold(f32::INFINITY, |m, &x| m.min(x)) >= threshold {
                        continue;
                    }
                    for (l, &key) in keys[..len].iter().enumerate() {
                        let j = c * LANES + l;
                        if key < top.threshold() && !(same && j == i) {
                            top.push(key, j as u32);
                        }
                    }
                }
                // The expanded form loses digits for close pairs: recompute the chosen ones.
                let qrow = queries.row(i);
                let mut best: Vec<(f32, u32)> = top
                    .into_items()
                    .into_iter()
                    .map(|(_, j)| {
                        (
                            exact_distance(
                                qrow,
                                qn,
                                data.row(j as usize),
                                data_norms[j as usize],
                                metric,
                            ),
                            j,
                        )
                    })
                    .collect();
                best.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                for (slot, (dist_j, j)) in best.into_iter().enumerate() {
                    idx[slot] = j;
                    dist[slot] = dist_j;
                }
            });
        start += rows;
    }
    Ok(KnnGraph {
        k,
        indices,
        distances,
    })
}

/// The distance the graph reports: `1 − cos` for cosine (1 when either vector is all zeros), L2 for Euclidean.
pub fn exact_distance(a: &[f32], na: f32, b: &[f32], nb: f32, metric: Metric) -> f32 {
    match metric {
        Metric::Cosine => {
            if na == 0.0 || nb == 0.0 {
                1.0
            } else {
                (1.0 - dot(a, b) / (na * nb)).max(0.0)
            }
        }
        Metric::Euclidean => sq_dist(a, b).sqrt(),
    }
}
