//! Exact nearest rows to one query ("click a point", "search by meaning").

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::matrix::{Matrix, Metric};
use super::select::TopK;
use super::similarity::{dot, sq_dist};

/// One neighbour of a query. `similarity` is the cosine for [`Metric::Cosine`] and the negated L2
/// distance for [`Metric::Euclidean`]: larger is nearer in both.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Neighbour {
    pub index: u32,
    pub similarity: f32,
}

/// The `k` rows of `data` most similar to `query`, best first (ties by index). Empty when the
/// query's length differs from the rows'.
pub fn nearest(data: &Matrix, query: &[f32], k: usize, metric: Metric) -> Vec<Neighbour> {
    let d = data.cols();
    if query.len() != d || k == 0 || data.rows() == 0 {
        return Vec::new();
    }
    let qn = dot(query, query).sqrt();
    let chunk = 4096;
    let partial: Vec<Vec<(f32, u32)>> = data
        .as_slice()
        .par_chunks(chunk * d.max(1))
        .enumerate()
        .map(|(c, block)| {
            let mut top = TopK::new(k);
            for (r, row) in block.chunks_exact(d.max(1)).enumerate() {
                let key = match metric {
                    Metric::Cosine => {
                        let rn = dot(row, row).sqrt();
                        let cos = if qn > 0.0 && rn > 0.0 {
                            (dot(query, row) / (qn * rn)).clamp(-1.0, 1.0)
                        } else {
                            0.0
                        };
                        -cos
                    }
                    Metric::Euclidean => sq_dist(query, row).sqrt(),
                };
                if key.is_finite() {
                    top.push(key, (c * chunk + r) as u32);
                }
            }
            top.into_items()
        })
        .collect();
    let mut top = TopK::new(k);
    for (key, i) in partial.into_iter().flatten() {
        top.push(key, i);
    }
    top.into_items()
        .into_iter()
        .map(|(key, index)| Neighbour {
            index,
            similarity: -key,
        })
        .collect()
}
