//! Pasted text: one text per non-empty line.

use super::collect::{Collector, dataset_name};
use super::types::DatasetDraft;
use crate::store::Result;

pub(crate) fn import(name: Option<&str>, text: &str) -> Result<DatasetDraft> {
    let mut collector = Collector::default();
    for line in text.lines() {
        collector.push(line, Vec::new());
    }
    collector.finish(
        dataset_name(name, "Pasted texts"),
        "pasted".to_owned(),
        Vec::new(),
        "The pasted text",
    )
}
