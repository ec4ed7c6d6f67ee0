//! The history of runs, grouped in conversations.

mod branch;
mod conversations;
mod export_file;
pub mod model;
mod rows;
mod runs;
mod search;
mod title;
mod transfer;
