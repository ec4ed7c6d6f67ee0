//! Seeded test data shared by the maths tests.
#![allow(dead_code)]

use embeddings::maths::Matrix;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

pub fn rng(seed: u64) -> Pcg64Mcg {
    Pcg64Mcg::seed_from_u64(seed)
}

pub fn gaussian(r: &mut Pcg64Mcg) -> f32 {
    let u1: f64 = r.gen_range(1e-12..1.0);
    let u2: f64 = r.r#gen();
    ((-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()) as f32
}

/// `clusters` Gaussian blobs in `d` dimensions, each spread over `spread_dims` random directions;
/// returns the data and each row's blob.
pub fn blobs(
    n: usize,
    d: usize,
    clusters: usize,
    spread_dims: usize,
    separation: f32,
    seed: u64,
) -> (Matrix, Vec<usize>) {
    let mut r = rng(seed);
    let centres: Vec<Vec<f32>> = (0..clusters)
        .map(|_| (0..d).map(|_| gaussian(&mut r) * separation).collect())
        .collect();
    let bases: Vec<Vec<Vec<f32>>> = (0..clusters)
        .map(|_| {
            (0..spread_dims)
                .map(|_| {
                    (0..d)
                        .map(|_| gaussian(&mut r) / (d as f32).sqrt())
                        .collect()
                })
                .collect()
        })
        .collect();
    let mut data = Vec::with_capacity(n * d);
    let mut labels = Vec::with_capacity(n);
    for i in 0..n {
        let c = i % clusters;
        let mut row = centres[c].clone();
        for b in &bases[c] {
            let g = gaussian(&mut r);
            row.iter_mut().zip(b).for_each(|(v, x)| *v += g * x);
        }
        row.iter_mut().for_each(|v| *v += 0.01 * gaussian(&mut r));
        data.extend(row);
        labels.push(c);
    }
    (Matrix::new(n, d, data).unwrap(), labels)
}

/// Brute-force neighbours: `(distance, index)` sorted, self excluded.
pub fn brute_force(m: &Matrix, i: usize, cosine: bool) -> Vec<(f32, usize)> {
    let a = m.row(i);
    let mut all: Vec<(f32, usize)> = (0..m.rows())
        .filter(|&j| j != i)
        .map(|j| {
            let b = m.row(j);
            let d = if cosine {
                let dot: f64 = a
                    .iter()
                    .zip(b)
                    .map(|(x, y)| f64::from(*x) * f64::from(*y))
                    .sum();
                let na: f64 = a
                    .iter()
                    .map(|x| f64::from(*x) * f64::from(*x))
                    .sum::<f64>()
                    .sqrt();
                let nb: f64 = b
                    .iter()
                    .map(|x| f64::from(*x) * f64::from(*x))
                    .sum::<f64>()
                    .sqrt();
                (1.0 - dot / (na * nb)) as f32
            } else {
                a.iter()
                    .zip(b)
                    .map(|(x, y)| f64::from(x - y).powi(2))
                    .sum::<f64>()
                    .sqrt() as f32
            };
            (d, j)
        })
        .collect();
    all.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
    all
}
