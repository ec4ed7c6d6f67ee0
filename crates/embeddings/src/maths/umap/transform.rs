//! Placing new points on an existing layout without moving it, as umap-learn's `transform`:
//! neighbours of each new point among the training vectors, their membership weights (no
//! local connectivity), an initial position at the weighted mean of those neighbours' places
//! (exactly on a neighbour it coincides with), then SGD epochs on the new points only with the
//! layout fixed (a third of the fit's epochs; 100 up to 10,000 training points, else 30; learning
//! rate 1/4).

use super::fuzzy::{Csr, smooth_knn_dist};
use super::sgd::{Layout, optimise};
use super::{UmapParams, find_ab, validate};
use crate::maths::error::MathsError;
use crate::maths::knn::knn_query;
use crate::maths::matrix::Matrix;

pub fn umap_transform(
    train: &Matrix,
    layout: &Matrix,
    params: &UmapParams,
    new_points: &Matrix,
) -> Result<Matrix, MathsError> {
    validate(train, params)?;
    let dims = layout.cols();
    if layout.rows() != train.rows() || (dims != 2 && dims != 3) {
        return Err(MathsError::invalid(
            format!(
                "a {} × {} layout for {} training vectors",
                layout.rows(),
                dims,
                train.rows()
            ),
            "give the layout computed from these training vectors",
        ));
    }
    if new_points.cols() != train.cols() {
        return Err(MathsError::invalid(
            format!(
                "new points have {} dimensions, the training vectors {}",
                new_points.cols(),
                train.cols()
            ),
            "embed the new points with the same model and dimensions",
        ));
    }
    new_points.check_finite()?;
    let m = new_points.rows();
    if m == 0 {
        return Ok(Matrix::zeros(0, dims));
    }
    let k = params.n_neighbours.min(train.rows());
    let knn = knn_query(new_points, train, k, params.metric, false, &|| false)?;
    let (sigmas, rhos) = smooth_knn_dist(&knn.distances, k, params.n_neighbours, 0.0);
    let mut offsets = vec![0];
    let mut cols = Vec::with_capacity(m * k);
    let mut vals = Vec::with_capacity(m * k);
    for i in 0..m {
        for s in 0..k {
            let d = knn.distances[i * k + s] - rhos[i];
            let w = if d <= 0.0 || sigmas[i] == 0.0 {
                1.0
            } else {
                (-d / sigmas[i]).exp()
            };
            cols.push(knn.indices[i * k + s]);
            vals.push(w);
        }
        offsets.push(cols.len());
    }
    let graph = Csr {
        n: m,
        offsets,
        cols,
        vals,
    };
    let mut placed = Matrix::zeros(m, dims);
    for i in 0..m {
        let (c, w) = graph.row(i);
        let out = placed.row_mut(i);
        if let Some(p) = w.iter().position(|&x| x >= 1.0) {
            out.copy_from_slice(layout.row(c[p] as usize));
            continue;
        }
        let total: f32 = w.iter().sum();
        for (&j, &wj) in c.iter().zip(w) {
            for (o, &v) in out.iter_mut().zip(layout.row(j as usize)) {
                *o += wj / total.max(1e-30) * v;
            }
        }
    }
    let n_epochs = match params.n_epochs {
        Some(e) => (e / 3).max(1),
        None if train.rows() <= 10_000 => 100,
        None => 30,
    };
    let (a, b) = find_ab(f64::from(params.spread), f64::from(params.min_dist));
    let sgd = Layout {
        graph: &graph,
        a: a as f32,
        b: b as f32,
        n_epochs,
        initial_alpha: 0.25,
        pull: 1.0,
        seed: params.seed,
    };
    let _ = optimise(&sgd, &mut placed, Some(layout), &mut |_, _| {
        std::ops::ControlFlow::Continue(())
    });
    Ok(placed)
}
