//! Spectral initialisation, as umap-learn's `spectral_layout`: the eigenvectors of the normalised
//! Laplacian `I − D^{-1/2} W D^{-1/2}` with the smallest non-trivial eigenvalues, one connected
//! component at a time, the components placed apart (by PCA of their centroids, or at ±unit
//! vectors when there are few) and each scaled to half the distance to its nearest neighbour
//! component.
//!
//! The eigenvectors come from a seeded Lanczos iteration with full re-orthogonalisation on
//! `(I + D^{-1/2} W D^{-1/2}) / 2` (whose largest eigenvalues are the Laplacian's smallest),
//! deflated of the trivial eigenvector `D^{1/2}·1`.

use rayon::prelude::*;

use super::fuzzy::Csr;
use crate::maths::linalg::symmetric_eigen;
use crate::maths::matrix::Matrix;
use crate::maths::rng::{normal, rng_for};

/// Blocks for the deterministic parallel dot products.
const CHUNK: usize = 4096;

fn pdot(a: &[f64], b: &[f64]) -> f64 {
    if a.len() <= CHUNK {
        return a.iter().zip(b).map(|(p, q)| p * q).sum();
    }
    let parts: Vec<f64> = a
        .par_chunks(CHUNK)
        .zip(b.par_chunks(CHUNK))
        .map(|(x, y)| x.iter().zip(y).map(|(p, q)| p * q).sum::<f64>())
        .collect();
    parts.iter().sum()
}

fn axpy(y: &mut [f64], alpha: f64, x: &[f64]) {
    if y.len() <= CHUNK {
        y.iter_mut().zip(x).for_each(|(p, q)| *p += alpha * q);
        return;
    }
    y.par_chunks_mut(CHUNK)
        .zip(x.par_chunks(CHUNK))
        .for_each(|(y, x)| {
            y.iter_mut().zip(x).for_each(|(p, q)| *p += alpha * q);
        });
}

/// Connected components: a label per vertex (in order of first vertex) and their count.
pub fn components(graph: &Csr) -> (Vec<usize>, usize) {
    let n = graph.n;
    let mut label = vec![usize::MAX; n];
    let mut count = 0;
    let mut stack = Vec::new();
    for s in 0..n {
        if label[s] != usize::MAX {
            continue;
        }
        label[s] = count;
        stack.push(s);
        while let Some(u) = stack.pop() {
            for &v in graph.row(u).0 {
                let v = v as usize;
                if label[v] == usize::MAX {
                    label[v] = count;
                    stack.push(v);
                }
            }
        }
        count += 1;
    }
    (label, count)
}

/// The `dims` leading non-trivial eigenvectors (as `n × dims`, row-major) of the normalised
/// adjacency of a connected graph, or `None` if the iteration broke down.
pub fn eigenvectors(
    graph: &Csr,
    dims: usize,
    seed: u64,
    max_steps: usize,
    cancel: &dyn Fn() -> bool,
) -> Option<Vec<f64>> {
    let n = graph.n;
    if n <= dims + 1 {
        return None;
    }
    let degree: Vec<f64> = (0..n)
        .map(|i| graph.row(i).1.iter().map(|&w| f64::from(w)).sum())
        .collect();
    if degree.iter().any(|&d| d <= 0.0) {
        return None;
    }
    let inv_sqrt: Vec<f64> = degree.iter().map(|d| 1.0 / d.sqrt()).collect();
    let mut trivial: Vec<f64> = degree.iter().map(|d| d.sqrt()).collect();
    let tn = pdot(&trivial, &trivial).sqrt();
    trivial.iter_mut().for_each(|v| *v /= tn);
    // y = (x + D^-1/2 W D^-1/2 x) / 2
    let apply = |x: &[f64], y: &mut [f64]| {
        y.par_iter_mut()
            .enumerate()
            .with_min_len(1024)
            .for_each(|(i, yi)| {
                let (cols, vals) = graph.row(i);
                let s: f64 = cols
                    .iter()
                    .zip(vals)
                    .map(|(&j, &w)| f64::from(w) * inv_sqrt[j as usize] * x[j as usize])
                    .sum();
                *yi = 0.5 * (x[i] + inv_sqrt[i] * s);
            });
    };
    // Small components converge in few steps (and the tridiagonal solve is cubic in the steps).
    let steps = max_steps.min(n / 10 + 20).min(n - 1).max(dims + 2);
    let mut basis: Vec<Vec<f64>> = Vec::with_capacity(steps + 1);
    let mut rng = rng_for(seed, 0x5bec);
    let mut q: Vec<f64> = (0..n).map(|_| normal(&mut rng)).collect();
    let c = pdot(&q, &trivial);
    axpy(&mut q, -c, &trivial);
    let qn = pdot(&q, &q).sqrt();
    if qn.is_nan() || qn <= 0.0 {
        return None;
    }
    q.iter_mut().for_each(|v| *v /= qn);
    let mut alphas = Vec::new();
    let mut betas: Vec<f64> = Vec::new();
    let mut w = vec![0.0; n];
    for step in 0..steps {
        if step % 8 == 0 && cancel() {
            return None;
        }
        apply(&q, &mut w);
        let alpha = pdot(&q, &w);
        alphas.push(alpha);
        basis.push(q.clone());
        // Full re-orthogonalisation, twice, against the trivial vector and the basis.
        for _ in 0..2 {
            let c = pdot(&w, &trivial);
            axpy(&mut w, -c, &trivial);
            for v in &basis {
                let c = pdot(&w, v);
                axpy(&mut w, -c, v);
            }
        }
        let beta = pdot(&w, &w).sqrt();
        if beta.is_nan() || beta <= 1e-10 || step + 1 == steps {
            break;
        }
        betas.push(beta);
        q.iter_mut().zip(&w).for_each(|(qv, wv)| *qv = wv / beta);
    }
    let m = alphas.len();
    if m < dims {
        return None;
    }
    let mut t = vec![0.0; m * m];
    for i in 0..m {
        t[i * m + i] = alphas[i];
        if i + 1 < m {
            t[i * m + i + 1] = betas[i];
            t[(i + 1) * m + i] = betas[i];
        }
    }
    let (_, s) = symmetric_eigen(&t, m);
    let mut out = vec![0.0f64; n * dims];
    for d in 0..dims {
        for (l, v) in basis.iter().enumerate() {
            let coef = s[l * m + d];
            for i in 0..n {
                out[i * dims + d] += coef * v[i];
            }
        }
    }
    if out.iter().any(|v| !v.is_finite()) {
        return None;
    }
    Some(out)
}

/// The sub-graph on `members` (sorted), re-indexed.
fn subgraph(graph: &Csr, members: &[usize]) -> Csr {
    let mut index = std::collections::HashMap::with_capacity(members.len());
    for (new, &old) in members.iter().enumerate() {
        index.insert(old as u32, new as u32);
    }
    let mut offsets = vec![0];
    let mut cols = Vec::new();
    let mut vals = Vec::new();
    for &i in members {
        let (c, v) = graph.row(i);
        for (&j, &w) in c.iter().zip(v) {
            if let Some(&nj) = index.get(&j) {
                cols.push(nj);
                vals.push(w);
            }
        }
        offsets.push(cols.len());
    }
    Csr {
        n: members.len(),
        offsets,
        cols,
        vals,
    }
}

/// The spectral layout of the whole graph (`n × dims`, max |value| 10), component by
/// component; `None` if an eigen-solve failed (the caller falls back to PCA).
pub fn spectral_layout(
    graph: &Csr,
    data: &Matrix,
    dims: usize,
    seed: u64,
    cancel: &dyn Fn() -> bool,
) -> Option<Matrix> {
    let n = graph.n;
    let max_steps = if n > 50_000 { 60 } else { 100 };
    let (label, count) = components(graph);
    let mut out = vec![0.0f64; n * dims];
    if count == 1 {
        let v = eigenvectors(graph, dims, seed, max_steps, cancel)?;
        out.copy_from_slice(&v);
    } else {
        let mut members = vec![Vec::new(); count];
        for (i, &l) in label.iter().enumerate() {
            members[l].push(i);
        }
        let meta = meta_layout(data, &members, dims, seed);
        let mut rng = rng_for(seed, 0xc0de);
        for (c, m) in members.iter().enumerate() {
            if cancel() {
                return None;
            }
            let centre = &meta[c * dims..(c + 1) * dims];
            let nearest = (0..count)
                .filter(|&o| o != c)
                .map(|o| {
                    (0..dims)
                        .map(|d| (meta[o * dims + d] - centre[d]).powi(2))
                        .sum::<f64>()
                        .sqrt()
                })
                .filter(|&x| x > 0.0)
                .fold(f64::INFINITY, f64::min);
            let range = if nearest.is_finite() {
                nearest / 2.0
            } else {
                1.0
            };
            let local = if m.len() < 2 * dims || m.len() <= dims + 1 {
                None
            } else {
                eigenvectors(
                    &subgraph(graph, m),
                    dims,
                    seed ^ c as u64,
                    max_steps,
                    cancel,
                )
            };
            match local {
                Some(v) => {
                    let scale = range / v.iter().fold(0.0f64, |a, &x| a.max(x.abs())).max(1e-12);
                    for (r, &i) in m.iter().enumerate() {
                        for d in 0..dims {
                            out[i * dims + d] = v[r * dims + d] * scale + centre[d];
                        }
                    }
                }
                None => {
                    use rand::Rng;
                    for &i in m {
                        for d in 0..dims {
                            out[i * dims + d] = rng.gen_range(-range..=range) + centre[d];
                        }
                    }
                }
            }
        }
    }
    let max = out.iter().fold(0.0f64, |a, &x| a.max(x.abs()));
    if max.is_nan() || max <= 0.0 || !max.is_finite() {
        return None;
    }
    let mut rng = rng_for(seed, 0x0015e);
    let scaled: Vec<f32> = out
        .iter()
        .map(|&v| (v * 10.0 / max + 1e-4 * normal(&mut rng)) as f32)
        .collect();
    Matrix::new(n, dims, scaled).ok()
}

/// Where each component goes: umap-learn places up to `2·dims` components at ±unit vectors and
/// more by an embedding of their centroids (here PCA), scaled to max |value| 1.
fn meta_layout(data: &Matrix, members: &[Vec<usize>], dims: usize, seed: u64) -> Vec<f64> {
    let count = members.len();
    let mut meta = vec![0.0f64; count * dims];
    if count <= 2 * dims {
        // umap-learn: k = ceil(count / 2) axes, then the same negated.
        let k = count.div_ceil(2);
        for c in 0..count {
            let (axis, sign) = if c < k { (c, 1.0) } else { (c - k, -1.0) };
            if axis < dims {
                meta[c * dims + axis] = sign;
            }
        }
        return meta;
    }
    let d = data.cols();
    let mut centroids = vec![0.0f32; count * d];
    for (c, m) in members.iter().enumerate() {
        let row = &mut centroids[c * d..(c + 1) * d];
        for &i in m {
            row.iter_mut().zip(data.row(i)).for_each(|(a, &b)| *a += b);
        }
        let inv = 1.0 / m.len().max(1) as f32;
        row.iter_mut().for_each(|a| *a *= inv);
    }
    let Ok(cm) = Matrix::new(count, d, centroids) else {
        return meta;
    };
    if let Ok(p) = crate::maths::pca::pca(&cm, dims.min(count - 1).min(d), seed) {
        let k = p.coords.cols();
        let max = p
            .coords
            .as_slice()
            .iter()
            .fold(0.0f32, |a, &x| a.max(x.abs()))
            .max(1e-12);
        for c in 0..count {
            for j in 0..k {
                meta[c * dims + j] = f64::from(p.coords.row(c)[j] / max);
            }
        }
    }
    meta
}
