//! The lab's flows over the maths: layouts with clusters, neighbours, search by meaning,
//! agreement between two embeddings, exports. The shell calls these with vectors it loaded once.

pub mod explore;
pub mod export;
pub mod floats;
pub mod kb_map;
pub mod layout;
pub mod service;

pub use service::{ClusterView, Lab, LayoutView, LoadedRun, MeaningSearch};
