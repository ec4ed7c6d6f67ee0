//! Column statistics with a fixed summation order (blocks of rows, partial sums added in block
//! order), so results are bit-identical whatever rayon's scheduling.

use rayon::prelude::*;

use super::matrix::Matrix;

/// Rows per block for the deterministic parallel reductions.
pub const BLOCK_ROWS: usize = 2048;

/// The mean of every column, accumulated in `f64`.
pub fn column_means(m: &Matrix) -> Vec<f64> {
    let d = m.cols();
    if m.rows() == 0 || d == 0 {
        return vec![0.0; d];
    }
    let partials: Vec<Vec<f64>> = m
        .as_slice()
        .par_chunks(BLOCK_ROWS * d)
        .map(|block| {
            let mut s = vec![0.0f64; d];
            for r in block.chunks_exact(d) {
                for (acc, &v) in s.iter_mut().zip(r) {
                    *acc += f64::from(v);
                }
            }
            s
        })
        .collect();
    let mut total = vec![0.0f64; d];
    for p in partials {
        for (t, v) in total.iter_mut().zip(p) {
            *t += v;
        }
    }
    let n = m.rows() as f64;
    total.iter_mut().for_each(|t| *t /= n);
    total
}

/// `Σ (x − mean)²` over every entry.
pub fn total_sum_of_squares(m: &Matrix, mean: &[f64]) -> f64 {
    let d = m.cols();
    if m.rows() == 0 || d == 0 {
        return 0.0;
    }
    let partials: Vec<f64> = m
        .as_slice()
        .par_chunks(BLOCK_ROWS * d)
        .map(|block| {
            let mut s = 0.0f64;
            for r in block.chunks_exact(d) {
                for (&v, &mu) in r.iter().zip(mean) {
                    let c = f64::from(v) - mu;
                    s += c * c;
                }
            }
            s
        })
        .collect();
    partials.iter().sum()
}
