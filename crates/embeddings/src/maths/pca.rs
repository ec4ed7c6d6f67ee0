//! Principal component analysis by randomised subspace iteration (Halko, Martinsson & Tropp):
//! a seeded Gaussian start, a few power iterations on the covariance with re-orthonormalisation,
//! then a Rayleigh–Ritz step on the small projected matrix. Each product with the covariance
//! reads the data once, by blocks of rows (`(B − 1μᵀ)ᵀ (B − 1μᵀ) Z` summed over blocks), and the
//! data are centred implicitly (the mean is subtracted inside each block's product), so the input
//! matrix is never copied. For narrow data (≤ 128 columns) the covariance matrix is decomposed
//! directly instead.

use rayon::prelude::*;

use super::error::{MathsError, MathsErrorCode};
use super::gemm::{gemm_nn, gemm_nt, gemm_tn};
use super::linalg::{orthonormalise_f32, symmetric_eigen};
use super::matrix::Matrix;
use super::rng::{normal, rng_for};
use super::stats::{BLOCK_ROWS, column_means, total_sum_of_squares};

/// A fitted PCA.
#[derive(Debug, Clone, PartialEq)]
pub struct Pca {
    /// The data in the components' coordinates, `n × dims`.
    pub coords: Matrix,
    /// The share of the total variance each component explains, largest first.
    pub explained_variance_ratio: Vec<f32>,
    /// The components, one unit vector a row: `dims × d`. Each one's largest entry (by magnitude)
    /// is positive, so the signs are deterministic.
    pub components: Matrix,
    /// The column means that were subtracted.
    pub mean: Vec<f32>,
}

impl Pca {
    /// Coordinates of other points (same width as the fitted data) on the fitted components.
    pub fn project(&self, points: &Matrix) -> Matrix {
        let k = self.components.rows();
        let d = self.components.cols();
        if points.cols() != d || d == 0 || k == 0 {
            return Matrix::zeros(points.rows(), k);
        }
        let mut out = vec![0.0f32; points.rows() * k];
        gemm_nt(
            1.0,
            points.as_slice(),
            points.rows(),
            d,
            self.components.as_slice(),
            k,
            0.0,
            &mut out,
        );
        let comps = self.components.as_slice();
        let shift: Vec<f32> = (0..k)
            .map(|j| {
                comps[j * d..(j + 1) * d]
                    .iter()
                    .zip(&self.mean)
                    .map(|(c, m)| f64::from(c * m))
                    .sum::<f64>() as f32
            })
            .collect();
        out.par_chunks_mut(k)
            .for_each(|r| r.iter_mut().zip(&shift).for_each(|(v, s)| *v -= s));
        Matrix::new(points.rows(), k, out).unwrap_or_else(|_| Matrix::zeros(points.rows(), k))
    }
}

/// Power iterations for [`pca`]: accurate even when the spectrum decays slowly.
const POWER_ITERATIONS: usize = 5;

/// PCA of `data` onto `dims` components.
pub fn pca(data: &Matrix, dims: usize, seed: u64) -> Result<Pca, MathsError> {
    pca_with(data, dims, seed, POWER_ITERATIONS)
}

/// [`pca`] with a chosen number of power iterations (fewer for a rough reduction before a
/// neighbour search).
pub fn pca_with(
    data: &Matrix,
    dims: usize,
    seed: u64,
    iterations: usize,
) -> Result<Pca, MathsError> {
    let (n, d) = (data.rows(), data.cols());
    if n < 2 {
        return Err(MathsError::new(
            MathsErrorCode::TooFewRows,
            format!("PCA needs at least 2 rows, got {n}"),
            "add more vectors",
        ));
    }
    if dims == 0 || dims > d.min(n) {
        return Err(MathsError::invalid(
            format!("cannot take {dims} components of {n} × {d} data"),
            format!("ask for 1 to {} components", d.min(n)),
        ));
    }
    data.check_finite()?;
    let mean64 = column_means(data);
    let mean: Vec<f32> = mean64.iter().map(|&m| m as f32).collect();
    let total = total_sum_of_squares(data, &mean64);

    let (values, comps) = if d <= 128 {
        covariance_eigen(data, &mean, dims)
    } else {
        randomised(data, &mean, dims, seed, iterations)
    };
    // comps: dims × d, orthonormal rows; values: sums of squares along each.
    let mut components = comps;
    for j in 0..dims {
        let row = &mut components[j * d..(j + 1) * d];
        let big = row
            .iter()
            .copied()
            .fold(0.0f32, |b, v| if v.abs() > b.abs() { v } else { b });
        if big < 0.0 {
            row.iter_mut().for_each(|v| *v = -*v);
        }
    }
    let components = Matrix::new(dims, d, components)?;
    let explained_variance_ratio = values
        .iter()
        .take(dims)
        .map(|&v| if total > 0.0 { (v / total) as f32 } else { 0.0 })
        .collect();
    let mut fitted = Pca {
        coords: Matrix::zeros(0, dims),
        explained_variance_ratio,
        components,
        mean,
    };
    fitted.coords = fitted.project(data);
    Ok(fitted)
}

/// Small `d`: eigen-decomposition of `XcᵀXc`, accumulated by blocks of centred rows.
fn covariance_eigen(data: &Matrix, mean: &[f32], dims: usize) -> (Vec<f64>, Vec<f32>) {
    let d = data.cols();
    let partials: Vec<Vec<f32>> = data
        .as_slice()
        .par_chunks(BLOCK_ROWS * d)
        .map(|block| {
            let rows = block.len() / d;
            let mut c: Vec<f32> = block.to_vec();
            for r in c.chunks_exact_mut(d) {
                r.iter_mut().zip(mean).for_each(|(v, m)| *v -= m);
            }
            let mut g = vec![0.0f32; d * d];
            gemm_tn(1.0, &c, rows, d, &c, d, 0.0, &mut g);
            g
        })
        .collect();
    let mut cov = vec![0.0f64; d * d];
    for p in partials {
        cov.iter_mut().zip(p).for_each(|(c, v)| *c += f64::from(v));
    }
    let (values, vectors) = symmetric_eigen(&cov, d);
    let mut comps = vec![0.0f32; dims * d];
    for j in 0..dims {
        for i in 0..d {
            comps[j * d + i] = vectors[i * d + j] as f32;
        }
    }
    (values, comps)
}

/// `C·b` for the centred covariance (unscaled) `C = XcᵀXc` and `b` (`d × q`), in one pass over
/// the rows: each block `B` of rows gives `Y_B = (B − 1μᵀ)·b` and adds `(B − 1μᵀ)ᵀ·Y_B`, so
/// the data are read once per product.
fn covariance_times(data: &Matrix, mean: &[f32], b: &[f32], q: usize) -> Vec<f32> {
    let (n, d) = (data.rows(), data.cols());
    let shift: Vec<f32> = (0..q)
        .map(|j| (0..d).map(|i| mean[i] * b[i * q + j]).sum())
        .collect();
    let mut out = vec![0.0f32; d * q];
    let mut colsum = vec![0.0f64; q];
    let rows_per_block = 4096;
    let mut y = vec![0.0f32; rows_per_block * q];
    let mut start = 0;
    while start < n {
        let rows = rows_per_block.min(n - start);
        let block = &data.as_slice()[start * d..(start + rows) * d];
        let y = &mut y[..rows * q];
        gemm_nn(1.0, block, rows, d, b, q, 0.0, y);
        for r in y.chunks_exact_mut(q) {
            for ((v, s), c) in r.iter_mut().zip(&shift).zip(colsum.iter_mut()) {
                *v -= s;
                *c += f64::from(*v);
            }
        }
        gemm_tn(1.0, block, rows, d, y, q, 1.0, &mut out);
        start += rows;
    }
    for i in 0..d {
        for j in 0..q {
            out[i * q + j] -= (f64::from(mean[i]) * colsum[j]) as f32;
        }
    }
    out
}

fn randomised(
    data: &Matrix,
    mean: &[f32],
    dims: usize,
    seed: u64,
    iterations: usize,
) -> (Vec<f64>, Vec<f32>) {
    let (n, d) = (data.rows(), data.cols());
    let q = (dims + (dims / 4).max(8)).min(d).min(n);
    let mut rng = rng_for(seed, 0x9ca);
    let mut z: Vec<f32> = (0..d * q).map(|_| normal(&mut rng) as f32).collect();
    orthonormalise_f32(&mut z, d, q);
    // Subspace iteration on C = XcᵀXc: Z ← orth(C·Z), then Rayleigh–Ritz with the last product.
    let mut cz = covariance_times(data, mean, &z, q);
    for _ in 0..iterations {
        z = cz;
        orthonormalise_f32(&mut z, d, q);
        cz = covariance_times(data, mean, &z, q);
    }
    let mut g = vec![0.0f32; q * q];
    gemm_tn(1.0, &z, d, q, &cz, q, 0.0, &mut g);
    let mut g: Vec<f64> = g.iter().map(|&v| f64::from(v)).collect();
    for i in 0..q {
        for j in 0..i {
            let m = 0.5 * (g[i * q + j] + g[j * q + i]);
            g[i * q + j] = m;
            g[j * q + i] = m;
        }
    }
    let (values, u) = symmetric_eigen(&g, q);
    let mut comps = vec![0.0f32; dims * d];
    for j in 0..dims {
        for i in 0..d {
            comps[j * d + i] = (0..q)
                .map(|l| f64::from(z[i * q + l]) * u[l * q + j])
                .sum::<f64>() as f32;
        }
    }
    (values, comps)
}
