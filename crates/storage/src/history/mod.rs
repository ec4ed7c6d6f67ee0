//! The history of runs, grouped in conversations.

mod branch;
mod conversations;
mod export_file;
pub mod model;
mod pages;
pub(crate) mod request;
mod rows;
mod runs;
mod search;
mod seed;
mod title;
mod transfer;
mod usage;

pub use pages::MAX_PAGE_SIZE;
