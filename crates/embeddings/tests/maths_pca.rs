//! PCA against a matrix built from known orthogonal components and variances.

mod maths_support;

use embeddings::maths::{MathsErrorCode, Matrix, pca};
use maths_support::{gaussian, rng};

/// `n × d` data = mean + Σ sᵢ gᵢ qᵢ + tiny noise, with orthonormal qᵢ; returns data and the qᵢ.
fn known(n: usize, d: usize, stds: &[f32], seed: u64) -> (Matrix, Vec<Vec<f32>>) {
    let mut r = rng(seed);
    let mut qs: Vec<Vec<f32>> = Vec::new();
    while qs.len() < stds.len() {
        let mut v: Vec<f64> = (0..d).map(|_| f64::from(gaussian(&mut r))).collect();
        for q in &qs {
            let c: f64 = v.iter().zip(q).map(|(a, b)| a * f64::from(*b)).sum();
            v.iter_mut()
                .zip(q)
                .for_each(|(a, b)| *a -= c * f64::from(*b));
        }
        let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        qs.push(v.iter().map(|x| (x / norm) as f32).collect());
    }
    let mean: Vec<f32> = (0..d).map(|i| (i as f32 * 0.37).sin() * 3.0).collect();
    let mut data = Vec::with_capacity(n * d);
    for _ in 0..n {
        let mut row = mean.clone();
        for (q, &s) in qs.iter().zip(stds) {
            let g = gaussian(&mut r) * s;
            row.iter_mut().zip(q).for_each(|(v, x)| *v += g * x);
        }
        row.iter_mut().for_each(|v| *v += 0.001 * gaussian(&mut r));
        data.extend(row);
    }
    (Matrix::new(n, d, data).unwrap(), qs)
}

fn check(n: usize, d: usize) {
    let stds = [6.0f32, 3.0, 1.5];
    let (x, qs) = known(n, d, &stds, 11);
    let p = pca(&x, 3, 5).unwrap();
    assert_eq!((p.coords.rows(), p.coords.cols()), (n, 3));
    assert_eq!((p.components.rows(), p.components.cols()), (3, d));
    // Components equal the chosen directions up to sign.
    for (j, q) in qs.iter().enumerate() {
        let c = p.components.row(j);
        let dot: f32 = c.iter().zip(q).map(|(a, b)| a * b).sum();
        assert!(dot.abs() > 0.999, "component {j}: |cos| = {}", dot.abs());
        // Deterministic sign: the largest entry is positive.
        let big = c
            .iter()
            .copied()
            .fold(0.0f32, |b, v| if v.abs() > b.abs() { v } else { b });
        assert!(big > 0.0);
    }
    // Explained variance ratios: the sample variances over the total (noise is negligible).
    let total: f32 = stds.iter().map(|s| s * s).sum();
    for (j, s) in stds.iter().enumerate() {
        let want = s * s / total;
        let got = p.explained_variance_ratio[j];
        assert!((got - want).abs() < 0.03, "ratio {j}: {got} vs {want}");
    }
    assert!(p.explained_variance_ratio.windows(2).all(|w| w[0] >= w[1]));
    // Coordinates are the centred data on the components, and project() agrees.
    let again = p.project(&x);
    for (a, b) in again.as_slice().iter().zip(p.coords.as_slice()) {
        assert!((a - b).abs() < 1e-3);
    }
    let var0: f32 = p
        .coords
        .as_slice()
        .chunks(3)
        .map(|r| r[0] * r[0])
        .sum::<f32>()
        / (n - 1) as f32;
    assert!(
        (var0.sqrt() - stds[0]).abs() / stds[0] < 0.06,
        "std of coordinate 0: {}",
        var0.sqrt()
    );
}

#[test]
fn narrow_data_matches_the_known_decomposition() {
    check(2000, 40);
}

#[test]
fn wide_data_matches_the_known_decomposition_by_randomised_iteration() {
    check(2000, 300);
}

#[test]
fn pca_is_deterministic_and_refuses_bad_input() {
    let (x, _) = known(500, 200, &[4.0, 2.0], 3);
    assert_eq!(pca(&x, 2, 1).unwrap(), pca(&x, 2, 1).unwrap());
    assert_eq!(
        pca(&x, 0, 1).unwrap_err().code,
        MathsErrorCode::InvalidInput
    );
    assert_eq!(
        pca(&x, 201, 1).unwrap_err().code,
        MathsErrorCode::InvalidInput
    );
    let one = Matrix::new(1, 3, vec![1.0, 2.0, 3.0]).unwrap();
    assert_eq!(
        pca(&one, 1, 1).unwrap_err().code,
        MathsErrorCode::TooFewRows
    );
    let mut v = x.clone().into_vec();
    v[5 * 200 + 7] = f32::NAN;
    let bad = Matrix::new(500, 200, v).unwrap();
    let e = pca(&bad, 2, 1).unwrap_err();
    assert_eq!(e.code, MathsErrorCode::NotFinite);
    assert!(e.message.contains("row 5, column 7"), "{}", e.message);
}
