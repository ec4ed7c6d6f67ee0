//! UMAP (McInnes, Healy & Melville 2018), following umap-learn: the kNN graph, its fuzzy
//! simplicial set, a spectral initialisation, and the SGD layout; plus [`umap_transform`] to place
//! new points on an existing layout.
//!
//! Neighbours: `n_neighbours` counts the point itself, as in umap-learn (15 means the 14 nearest
//! others). Epochs: 500 up to 10,000 points, 200 above (umap-learn's defaults), and 150 above
//! 50,000 points (on the 100,000-point bench, trustworthiness 0.99592 with 150 epochs and
//! 0.99593 with 200).

mod curve;
mod fastmath;
mod fuzzy;
mod sgd;
mod spectral;
mod transform;

pub use curve::find_ab;
pub use fuzzy::{Csr, fuzzy_union, memberships, smooth_knn_dist};
pub use transform::umap_transform;

use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::ops::ControlFlow;

use super::error::{MathsError, MathsErrorCode};
use super::knn::{KnnGraph, approximate, knn_graph, reduces, search_reduction};
use super::matrix::{Matrix, Metric};
use super::pca::pca;
use super::rng::rng_for;

/// UMAP's settings, the same names and meanings as umap-learn's.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UmapParams {
    /// 2 or 3.
    pub dims: usize,
    /// Neighbours per point, the point itself included (umap-learn's `n_neighbors`).
    pub n_neighbours: usize,
    pub min_dist: f32,
    pub spread: f32,
    pub metric: Metric,
    pub seed: u64,
    /// `None`: 500 up to 10,000 points, 200 up to 50,000, 150 above.
    pub n_epochs: Option<usize>,
    pub init: UmapInit,
}

impl Default for UmapParams {
    fn default() -> Self {
        UmapParams {
            dims: 2,
            n_neighbours: 15,
            min_dist: 0.1,
            spread: 1.0,
            metric: Metric::Cosine,
            seed: 42,
            n_epochs: None,
            init: UmapInit::Spectral,
        }
    }
}

/// How the layout starts.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub enum UmapInit {
    /// The graph's Laplacian eigenvectors (falls back to PCA if the eigen-solve fails).
    Spectral,
    /// The first principal components of the vectors.
    Pca,
    /// Uniform in a box.
    Random,
}

/// Progress of [`umap`].
#[derive(Debug)]
pub enum UmapEvent<'a> {
    /// A stage starts: "neighbours", "graph", "initialisation", "layout". While a long stage
    /// runs, its `Stage` event may be sent again (treat repeats as a heartbeat and a chance to
    /// cancel).
    Stage(&'static str),
    /// The layout so far: at epoch 0 (the initialisation), then every ~5% of the epochs, and at
    /// the end (`epoch == n_epochs`). For large, wide sets (see [`crate::maths::knn::reduces`])
    /// a first epoch-0 layout comes before the neighbour search: a PCA preview.
    Layout {
        epoch: usize,
        n_epochs: usize,
        coords: &'a Matrix,
    },
}

/// The default number of epochs for `n` points.
pub fn default_epochs(n: usize) -> usize {
    if n <= 10_000 {
        500
    } else if n <= 50_000 {
        200
    } else {
        150
    }
}

pub(crate) fn validate(data: &Matrix, params: &UmapParams) -> Result<(), MathsError> {
    if params.dims != 2 && params.dims != 3 {
        return Err(MathsError::invalid(
            format!("UMAP to {} dimensions", params.dims),
            "choose 2 or 3 dimensions",
        ));
    }
    if params.n_neighbours < 2 {
        return Err(MathsError::invalid(
            "UMAP needs at least 2 neighbours",
            "use 15 neighbours (2 to 200)",
        ));
    }
    if data.rows() < params.n_neighbours + 1 {
        return Err(MathsError::new(
            MathsErrorCode::TooFewRows,
            format!(
                "{} rows are too few for {} neighbours",
                data.rows(),
                params.n_neighbours
            ),
            format!(
                "give at least {} rows, or fewer neighbours",
                params.n_neighbours + 1
            ),
        ));
    }
    let sensible = params.spread > 0.0
        && params.spread.is_finite()
        && params.min_dist >= 0.0
        && params.min_dist <= params.spread;
    if !sensible {
        return Err(MathsError::invalid(
            format!("min_dist {} with spread {}", params.min_dist, params.spread),
            "use 0 ≤ min_dist ≤ spread (defaults 0.1 and 1.0)",
        ));
    }
    if data.cols() == 0 {
        return Err(MathsError::invalid(
            "the vectors have no dimensions",
            "give vectors of at least one value",
        ));
    }
    data.check_finite()
}

/// The fuzzy graph of `knn` (self excluded, `n_neighbours − 1` a row).
pub(crate) fn fuzzy_graph(knn: &KnnGraph, n_neighbours: usize) -> Csr {
    let (sigmas, rhos) = smooth_knn_dist(&knn.distances, knn.k, n_neighbours, 1.0);
    let weights = memberships(knn, &sigmas, &rhos);
    fuzzy_union(knn, &weights)
}

/// The UMAP layout of `data` (`n × params.dims`). `on_event` hears each stage and the layout as
/// it forms; returning `Break` stops the run with `Err(Cancelled)`.
pub fn umap(
    data: &Matrix,
    params: &UmapParams,
    on_event: &mut dyn FnMut(UmapEvent<'_>) -> ControlFlow<()>,
) -> Result<Matrix, MathsError> {
    validate(data, params)?;
    let n = data.rows();
    let dims = params.dims;
    let events = RefCell::new(on_event);
    let stage = |name: &'static str| -> Result<(), MathsError> {
        match (events.borrow_mut())(UmapEvent::Stage(name)) {
            ControlFlow::Continue(()) => Ok(()),
            ControlFlow::Break(()) => Err(MathsError::cancelled()),
        }
    };

    stage("neighbours")?;
    let cancel_knn = || stage("neighbours").is_err();
    let k = params.n_neighbours - 1;
    let knn = if reduces(n, data.cols()) {
        // Large and wide: the search runs on a PCA reduction, whose leading columns are shown
        // at once as a preview (an epoch-0 layout before the neighbour search).
        let reduced = search_reduction(data, params.metric, params.seed)?;
        let mut preview = Matrix::zeros(n, dims);
        for i in 0..n {
            let r = reduced.row(i);
            preview.row_mut(i)[..dims.min(r.len())].copy_from_slice(&r[..dims.min(r.len())]);
        }
        rescale(&mut preview);
        let n_epochs = params.n_epochs.unwrap_or_else(|| default_epochs(n)).max(1);
        if (events.borrow_mut())(UmapEvent::Layout {
            epoch: 0,
            n_epochs,
            coords: &preview,
        })
        .is_break()
        {
            return Err(MathsError::cancelled());
        }
        drop(preview);
        if cancel_knn() {
            return Err(MathsError::cancelled());
        }
        approximate(
            data,
            Some(&reduced),
            k,
            params.metric,
            params.seed,
            &cancel_knn,
        )?
    } else {
        knn_graph(data, k, params.metric, params.seed, &cancel_knn)?
    };

    stage("graph")?;
    let graph = fuzzy_graph(&knn, params.n_neighbours);
    drop(knn);

    stage("initialisation")?;
    let cancel_init = || stage("initialisation").is_err();
    let mut embedding = match params.init {
        UmapInit::Spectral => {
            match spectral::spectral_layout(&graph, data, dims, params.seed, &cancel_init) {
                Some(m) => m,
                None => {
                    if cancel_init() {
                        return Err(MathsError::cancelled());
                    }
                    pca_init(data, dims, params.seed)?
                }
            }
        }
        UmapInit::Pca => pca_init(data, dims, params.seed)?,
        UmapInit::Random => {
            use rand::Rng;
            let mut rng = rng_for(params.seed, 0x7a4d);
            let v = (0..n * dims)
                .map(|_| rng.gen_range(-10.0f32..10.0))
                .collect();
            Matrix::new(n, dims, v)?
        }
    };
    rescale(&mut embedding);

    let n_epochs = params.n_epochs.unwrap_or_else(|| default_epochs(n)).max(1);
    {
        let mut ev = events.borrow_mut();
        if (ev)(UmapEvent::Layout {
            epoch: 0,
            n_epochs,
            coords: &embedding,
        })
        .is_break()
        {
            return Err(MathsError::cancelled());
        }
        if (ev)(UmapEvent::Stage("layout")).is_break() {
            return Err(MathsError::cancelled());
        }
    }
    let (a, b) = find_ab(f64::from(params.spread), f64::from(params.min_dist));
    let layout = sgd::Layout {
        graph: &graph,
        a: a as f32,
        b: b as f32,
        n_epochs,
        initial_alpha: 1.0,
        pull: 2.0,
        seed: params.seed,
    };
    let every = (n_epochs / 20).max(1);
    let mut ev = events.borrow_mut();
    let flow = sgd::optimise(&layout, &mut embedding, None, &mut |epoch, coords| {
        if epoch % every == 0 || epoch == n_epochs {
            (ev)(UmapEvent::Layout {
                epoch,
                n_epochs,
                coords,
            })
        } else {
            ControlFlow::Continue(())
        }
    });
    if flow.is_break() {
        return Err(MathsError::cancelled());
    }
    Ok(embedding)
}

/// PCA coordinates scaled to max |value| 10, plus a little noise, as umap-learn's "pca" init.
fn pca_init(data: &Matrix, dims: usize, seed: u64) -> Result<Matrix, MathsError> {
    let k = dims.min(data.cols()).min(data.rows() - 1);
    let p = pca(data, k, seed)?;
    let mut out = Matrix::zeros(data.rows(), dims);
    let max = p
        .coords
        .as_slice()
        .iter()
        .fold(0.0f32, |a, &x| a.max(x.abs()))
        .max(1e-12);
    let mut rng = rng_for(seed, 0x9ca1);
    for i in 0..data.rows() {
        for d in 0..dims {
            let v = if d < k {
                p.coords.row(i)[d] / max * 10.0
            } else {
                0.0
            };
            out.row_mut(i)[d] = v + 1e-4 * super::rng::normal(&mut rng) as f32;
        }
    }
    Ok(out)
}

/// Each coordinate to `[0, 10]`, as umap-learn does before optimising.
fn rescale(m: &mut Matrix) {
    let dims = m.cols();
    for d in 0..dims {
        let (mut lo, mut hi) = (f32::INFINITY, f32::NEG_INFINITY);
        for r in m.as_slice().chunks_exact(dims) {
            lo = lo.min(r[d]);
            hi = hi.max(r[d]);
        }
        let span = if hi > lo { hi - lo } else { 1.0 };
        for r in m.as_mut_slice().chunks_exact_mut(dims) {
            r[d] = 10.0 * (r[d] - lo) / span;
        }
    }
}
