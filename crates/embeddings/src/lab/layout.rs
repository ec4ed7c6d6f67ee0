//! A map of one embedding run: PCA or UMAP coordinates, clusters found on them and labels from
//! each cluster's distinctive words. UMAP sends its layout as it improves, so the map fills in.

use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::maths::{
    self, ClusterSummary, MathsError, Matrix, Metric, UmapEvent, UmapInit, UmapParams,
};

use super::floats::encode_f32;
pub use crate::store::LayoutMethod;

/// How often a progressive layout is sent while UMAP runs: more would only load the channel.
const PROGRESS_INTERVAL: Duration = Duration::from_millis(200);

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LayoutMetric {
    Cosine,
    Euclidean,
}

impl From<LayoutMetric> for Metric {
    fn from(metric: LayoutMetric) -> Self {
        match metric {
            LayoutMetric::Cosine => Metric::Cosine,
            LayoutMetric::Euclidean => Metric::Euclidean,
        }
    }
}

/// What the user picked for a projection; UMAP's settings are ignored by PCA.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LayoutRequest {
    pub method: LayoutMethod,
    pub n_neighbours: u32,
    pub min_dist: f32,
    pub metric: LayoutMetric,
    pub seed: u32,
}

impl Default for LayoutRequest {
    fn default() -> Self {
        Self {
            method: LayoutMethod::Umap,
            n_neighbours: 15,
            min_dist: 0.1,
            metric: LayoutMetric::Cosine,
            seed: 42,
        }
    }
}

impl LayoutRequest {
    pub fn umap_params(&self) -> UmapParams {
        UmapParams {
            dims: 2,
            n_neighbours: self.n_neighbours as usize,
            min_dist: self.min_dist,
            spread: 1.0,
            metric: self.metric.into(),
            seed: u64::from(self.seed),
            n_epochs: None,
            init: UmapInit::Spectral,
        }
    }
}

/// What a projection in progress tells the UI.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "kind"
)]
pub enum LayoutEvent {
    Stage {
        name: String,
        elapsed_ms: u32,
    },
    /// The layout so far (n × 2 little-endian f32, base64), after `epoch` of `n_epochs`.
    Layout {
        epoch: u32,
        n_epochs: u32,
        coords_base64: String,
        elapsed_ms: u32,
    },
}

/// A finished projection, before it is stored.
#[derive(Debug, Clone)]
pub struct ComputedLayout {
    pub coords: Matrix,
    pub assignments: Vec<i32>,
    pub clusters: Vec<ClusterSummary>,
    /// PCA: the share of the variance each axis explains; UMAP: empty.
    pub explained_variance: Vec<f32>,
    /// PCA: the mean then the two components, to place new points exactly; UMAP: empty.
    pub pca_basis: Vec<f32>,
}

/// Project `vectors` (one row per text) and find labelled clusters on the result.
pub fn compute_layout(
    vectors: &Matrix,
    texts: &[&str],
    request: &LayoutRequest,
    on_event: &mut dyn FnMut(LayoutEvent),
    cancelled: &dyn Fn() -> bool,
) -> Result<ComputedLayout, MathsError> {
    let started = Instant::now();
    let elapsed = || started.elapsed().as_millis().min(u128::from(u32::MAX)) as u32;
    let (coords, explained_variance, pca_basis) = match request.method {
        LayoutMethod::Pca => {
            on_event(LayoutEvent::Stage {
                name: "pca".into(),
                elapsed_ms: elapsed(),
            });
            let pca = maths::pca(vectors, 2, u64::from(request.seed))?;
            let mut basis = pca.mean.clone();
            basis.extend_from_slice(pca.components.as_slice());
            (pca.coords, pca.explained_variance_ratio, basis)
        }
        LayoutMethod::Umap => {
            let mut last_sent: Option<Instant> = None;
            let mut on_umap = |event: UmapEvent<'_>| {
                if cancelled() {
                    return ControlFlow::Break(());
                }
                match event {
                    UmapEvent::Stage(name) => on_event(LayoutEvent::Stage {
                        name: name.into(),
                        elapsed_ms: elapsed(),
                    }),
                    UmapEvent::Layout {
                        epoch,
                        n_epochs,
                        coords,
                    } => {
                        let due = last_sent.is_none_or(|at| at.elapsed() >= PROGRESS_INTERVAL);
                        if due {
                            last_sent = Some(Instant::now());
                            on_event(LayoutEvent::Layout {
                                epoch: epoch as u32,
                                n_epochs: n_epochs as u32,
                                coords_base64: encode_f32(coords.as_slice()),
                                elapsed_ms: elapsed(),
                            });
                        }
                    }
                }
                ControlFlow::Continue(())
            };
            let coords = maths::umap(vectors, &request.umap_params(), &mut on_umap)?;
            (coords, Vec::new(), Vec::new())
        }
    };
    if cancelled() {
        return Err(MathsError::cancelled());
    }
    on_event(LayoutEvent::Stage {
        name: "clusters".into(),
        elapsed_ms: elapsed(),
    });
    // Topics in a dataset are few: clusters of under ~5% of the points read as noise on a map.
    let min_cluster_size = (coords.rows() / 20).clamp(15, 1000);
    let assignments = maths::cluster_layout(&coords, Some(min_cluster_size));
    let clusters = maths::summarise_clusters(&coords, &assignments, texts, 3);
    Ok(ComputedLayout {
        coords,
        assignments,
        clusters,
        explained_variance,
        pca_basis,
    })
}
