//! Questions asked of one embedded dataset: a point's nearest texts, texts near a query, where a
//! new point falls on a layout, and how much two embeddings of the same texts agree.

use serde::Serialize;

use crate::maths::{self, MathsError, Matrix, Metric, Pca, UmapParams};

use super::floats::encode_f32;
use super::layout::LayoutMethod;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NeighbourHit {
    pub index: u32,
    /// Cosine similarity in the original space, whatever metric drew the map.
    pub similarity: f32,
}

/// The `k` texts nearest to text `index` by cosine similarity, itself left out.
pub fn neighbours_of(vectors: &Matrix, index: usize, k: usize) -> Vec<NeighbourHit> {
    if index >= vectors.rows() {
        return Vec::new();
    }
    maths::nearest(vectors, vectors.row(index), k + 1, Metric::Cosine)
        .into_iter()
        .filter(|n| n.index as usize != index)
        .take(k)
        .map(|n| NeighbourHit {
            index: n.index,
            similarity: n.similarity,
        })
        .collect()
}

/// The `k` texts nearest to `query` by cosine similarity.
pub fn nearest_to(vectors: &Matrix, query: &[f32], k: usize) -> Vec<NeighbourHit> {
    maths::nearest(vectors, query, k, Metric::Cosine)
        .into_iter()
        .map(|n| NeighbourHit {
            index: n.index,
            similarity: n.similarity,
        })
        .collect()
}

/// How a stored layout places points that were not in it.
pub enum Placement<'a> {
    /// The mean then the components (2 × d), as PCA found them.
    Pca {
        basis: &'a [f32],
    },
    Umap {
        params: UmapParams,
    },
}

impl<'a> Placement<'a> {
    pub fn new(method: LayoutMethod, basis: &'a [f32], params: UmapParams) -> Self {
        match method {
            LayoutMethod::Pca => Placement::Pca { basis },
            LayoutMethod::Umap => Placement::Umap { params },
        }
    }
}

/// Place `new_points` on an existing layout of `vectors` without moving it.
pub fn place(
    vectors: &Matrix,
    layout: &Matrix,
    placement: &Placement<'_>,
    new_points: &Matrix,
) -> Result<Matrix, MathsError> {
    match placement {
        Placement::Pca { basis } => Ok(project_pca(basis, vectors.cols(), new_points)),
        Placement::Umap { params } => maths::umap_transform(vectors, layout, params, new_points),
    }
}

/// The stored basis (the mean, then one component a row) as the `Pca` that projects with it.
fn project_pca(basis: &[f32], dims: usize, points: &Matrix) -> Matrix {
    let dims = dims.max(1);
    let (mean, components) = basis.split_at(dims.min(basis.len()));
    let axes = components.len() / dims;
    let components = Matrix::new(axes, dims, components[..axes * dims].to_vec())
        .unwrap_or_else(|_| Matrix::zeros(0, dims));
    let pca = Pca {
        coords: Matrix::zeros(0, axes),
        explained_variance_ratio: Vec::new(),
        components,
        mean: mean.to_vec(),
    };
    pca.project(points)
}

/// How many of each text's `k` nearest neighbours two embeddings of the same texts share.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OverlapReport {
    pub k: u32,
    /// The share per text, in dataset order (little-endian f32, base64).
    pub per_point_base64: String,
    pub mean: f32,
    /// The texts whose neighbourhoods differ most, worst first.
    pub least_overlap: Vec<u32>,
}

pub fn neighbour_overlap(
    a: &Matrix,
    b: &Matrix,
    k: usize,
    cancelled: &dyn Fn() -> bool,
) -> Result<OverlapReport, MathsError> {
    let graph_a = maths::knn_graph(a, k, Metric::Cosine, 7, cancelled)?;
    let graph_b = maths::knn_graph(b, k, Metric::Cosine, 7, cancelled)?;
    let (per_point, mean) = maths::neighbour_overlap(&graph_a, &graph_b, k);
    let mut order: Vec<u32> = (0..per_point.len() as u32).collect();
    order.sort_by(|x, y| per_point[*x as usize].total_cmp(&per_point[*y as usize]));
    order.truncate(20);
    Ok(OverlapReport {
        k: k as u32,
        per_point_base64: encode_f32(&per_point),
        mean,
        least_overlap: order,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pca_projection_subtracts_the_mean_then_dots_each_axis() {
        // mean (1, 1); axes (1, 0) and (0, 1).
        let basis = [1.0, 1.0, 1.0, 0.0, 0.0, 1.0];
        let points = Matrix::new(1, 2, vec![3.0, -1.0]).unwrap();
        let placed = project_pca(&basis, 2, &points);
        assert_eq!(placed.row(0), &[2.0, -2.0]);
    }
}
