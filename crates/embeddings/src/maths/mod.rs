//! The native maths of the embeddings lab, pure Rust: cosine similarity, exact and approximate
//! k-nearest neighbours, PCA, UMAP (and placing new points on a layout), clusters on a layout
//! with their labels, and trustworthiness.
//!
//! Every randomised step takes a seed; the same seed gives bit-identical results on one machine,
//! whatever the number of threads.

mod error;
mod gemm;
mod labels;
mod linalg;
mod matrix;
mod nearest;
mod pca;
mod rng;
mod select;
mod similarity;
mod stats;
mod stopwords;
mod trust;

pub mod cluster;
pub mod knn;
pub mod umap;

pub use cluster::{cluster_layout, default_min_cluster_size};
pub use error::{MathsError, MathsErrorCode};
pub use knn::{KnnGraph, KnnMethod, knn_graph, knn_graph_with, neighbour_overlap};
pub use labels::{ClusterSummary, summarise_clusters};
pub use matrix::{Matrix, Metric};
pub use nearest::{Neighbour, nearest};
pub use pca::{Pca, pca};
pub use similarity::cosine_similarity;
pub use trust::trustworthiness;
pub use umap::{UmapEvent, UmapInit, UmapParams, default_epochs, umap, umap_transform};
