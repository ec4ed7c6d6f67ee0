//! Small dense linear algebra in `f64`: the symmetric eigenproblem (cyclic Jacobi) and the
//! orthonormalisation of tall, thin blocks of vectors.

use super::gemm::{gemm_nn, gemm_tn};

/// Eigen-decomposition of the symmetric `n × n` matrix `a` (row-major).
/// Returns eigenvalues in decreasing order and the eigenvectors as the columns of a row-major
/// `n × n` matrix, in the same order.
pub fn symmetric_eigen(a: &[f64], n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut m = a.to_vec();
    let mut v = vec![0.0; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    for _sweep in 0..100 {
        let mut off = 0.0;
        let mut diag = 0.0;
        for i in 0..n {
            diag += m[i * n + i] * m[i * n + i];
            for j in (i + 1)..n {
                off += m[i * n + j] * m[i * n + j];
            }
        }
        if off <= 1e-30 * diag.max(1e-300) {
            break;
        }
        for p in 0..n {
            for q in (p + 1)..n {
                let apq = m[p * n + q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let app = m[p * n + p];
                let aqq = m[q * n + q];
                let theta = (aqq - app) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let mkp = m[k * n + p];
                    let mkq = m[k * n + q];
                    m[k * n + p] = c * mkp - s * mkq;
                    m[k * n + q] = s * mkp + c * mkq;
                }
                for k in 0..n {
                    let mpk = m[p * n + k];
                    let mqk = m[q * n + k];
                    m[p * n + k] = c * mpk - s * mqk;
                    m[q * n + k] = s * mpk + c * mqk;
                }
                for k in 0..n {
                    let vkp = v[k * n + p];
                    let vkq = v[k * n + q];
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&x, &y| m[y * n + y].total_cmp(&m[x * n + x]).then(x.cmp(&y)));
    let values = order.iter().map(|&i| m[i * n + i]).collect();
    let mut vectors = vec![0.0; n * n];
    for (new, &old) in order.iter().enumerate() {
        for k in 0..n {
            vectors[k * n + new] = v[k * n + old];
        }
    }
    (values, vectors)
}

/// Orthonormalises the `q` columns of the row-major `rows × q` block `y` in place (twice over, by
/// the eigen-decomposition of its Gram matrix, which copes with dependent columns: those become
/// zero). Returns the number of independent columns.
pub fn orthonormalise_f32(y: &mut [f32], rows: usize, q: usize) -> usize {
    let mut rank = q;
    let mut out = vec![0.0f32; rows * q];
    for _ in 0..2 {
        let mut g = vec![0.0f32; q * q];
        gemm_tn(1.0, y, rows, q, y, q, 0.0, &mut g);
        let g: Vec<f64> = g.iter().map(|&x| f64::from(x)).collect();
        let t = whitening(&g, q, &mut rank);
        let t32: Vec<f32> = t.iter().map(|&x| x as f32).collect();
        gemm_nn(1.0, y, rows, q, &t32, q, 0.0, &mut out);
        y[..rows * q].copy_from_slice(&out);
    }
    rank
}

/// `T` such that `Y T` has orthonormal columns, from the Gram matrix `G = YᵀY`: `T = V Λ^{-1/2}`,
/// columns with a negligible eigenvalue set to zero.
fn whitening(g: &[f64], q: usize, rank: &mut usize) -> Vec<f64> {
    let (values, vectors) = symmetric_eigen(g, q);
    let top = values.first().copied().unwrap_or(0.0).max(0.0);
    let mut t = vec![0.0; q * q];
    let mut r = 0;
    for (j, &l) in values.iter().enumerate() {
        if l > top * 1e-10 && l > 0.0 {
            r += 1;
            let s = 1.0 / l.sqrt();
            for i in 0..q {
                t[i * q + j] = vectors[i * q + j] * s;
            }
        }
    }
    *rank = (*rank).min(r);
    t
}
