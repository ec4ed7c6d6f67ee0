//! The embeddings lab's core, with no UI or Tauri dependency.
//!
//! - [`maths`]: cosine similarity, k-nearest neighbours, PCA, UMAP, clusters and their labels.
//! - [`npy`]: NumPy `.npy` and JSON Lines arrays in and out (the `embeddings` CLI).
//! - [`dataset`]: texts from pasted lines, files, CSV/TSV and JSON Lines, and the shipped samples.
//! - [`job`]: embedding a dataset through Bedrock with adaptive concurrency, progress and resume.
//! - [`store`]: the SQLite file holding datasets, the vector cache, runs and layouts.
//!
//! The last three need the `lab` feature (on by default).

#[cfg(feature = "lab")]
pub mod lab;
pub mod maths;
pub mod npy;

#[cfg(feature = "lab")]
pub mod dataset;
#[cfg(feature = "lab")]
pub mod job;
#[cfg(feature = "lab")]
pub mod store;
