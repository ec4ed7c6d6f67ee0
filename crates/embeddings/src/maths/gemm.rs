//! Matrix products through matrixmultiply's sgemm (runtime AVX/FMA kernels, threaded).
//!
//! matrixmultiply only exposes `unsafe fn sgemm`, and this workspace forbids `unsafe`, so the
//! calls go through ndarray's safe `general_mat_mul`, which hands strided views to that same sgemm.
//! ndarray stays inside this file.

#![allow(clippy::too_many_arguments)] // BLAS-style signatures

use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut2, ShapeBuilder};

/// `c (m × n) = alpha · a (m × k) · bᵀ + beta · c`, where `b` is `n × k` row-major.
pub fn gemm_nt(
    alpha: f32,
    a: &[f32],
    m: usize,
    k: usize,
    b: &[f32],
    n: usize,
    beta: f32,
    c: &mut [f32],
) {
    let a = view(a, m, k);
    let b = view(b, n, k);
    let mut c = view_mut(c, m, n);
    general_mat_mul(alpha, &a, &b.t(), beta, &mut c);
}

/// `c (m × n) = alpha · a (m × k) · b (k × n) + beta · c`, all row-major.
pub fn gemm_nn(
    alpha: f32,
    a: &[f32],
    m: usize,
    k: usize,
    b: &[f32],
    n: usize,
    beta: f32,
    c: &mut [f32],
) {
    let a = view(a, m, k);
    let b = view(b, k, n);
    let mut c = view_mut(c, m, n);
    general_mat_mul(alpha, &a, &b, beta, &mut c);
}

/// `c (m × n) = alpha · aᵀ · b + beta · c`, where `a` is `k × m` and `b` is `k × n`, row-major.
pub fn gemm_tn(
    alpha: f32,
    a: &[f32],
    k: usize,
    m: usize,
    b: &[f32],
    n: usize,
    beta: f32,
    c: &mut [f32],
) {
    let a = view(a, k, m);
    let b = view(b, k, n);
    let mut c = view_mut(c, m, n);
    general_mat_mul(alpha, &a.t(), &b, beta, &mut c);
}

fn view(s: &[f32], rows: usize, cols: usize) -> ArrayView2<'_, f32> {
    ArrayView2::from_shape((rows, cols).strides((cols.max(1), 1)), &s[..rows * cols])
        .expect("slice length checked by the caller")
}

fn view_mut(s: &mut [f32], rows: usize, cols: usize) -> ArrayViewMut2<'_, f32> {
    ArrayViewMut2::from_shape(
        (rows, cols).strides((cols.max(1), 1)),
        &mut s[..rows * cols],
    )
    .expect("slice length checked by the caller")
}
