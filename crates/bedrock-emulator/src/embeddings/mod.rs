//! Deterministic text embeddings and the Titan and Cohere embedding formats.

pub mod embedder;
