//! The sample datasets shipped with the app, written for it (see `data/samples/README.md`).

use super::delimited;
use super::types::{DatasetDraft, SampleInfo};
use crate::store::{LabError, LabErrorCode, Result};

struct Sample {
    id: &'static str,
    name: &'static str,
    description: &'static str,
    file_name: &'static str,
    csv: &'static str,
}

const SAMPLES: &[Sample] = &[
    Sample {
        id: "topics",
        name: "Eight topics",
        description: "Short sentences about cooking, astronomy, football, personal finance, gardening, programming, travel and music; coloured by topic they form eight clusters.",
        file_name: "topics.csv",
        csv: include_str!("../../data/samples/topics.csv"),
    },
    Sample {
        id: "support-tickets",
        name: "Support tickets",
        description: "Customer-support tickets for a line of home devices (thermostat, camera, speaker, router, robot vacuum, smart lock), with product, priority, channel and category.",
        file_name: "support_tickets.csv",
        csv: include_str!("../../data/samples/support_tickets.csv"),
    },
];

fn draft_of(sample: &Sample) -> Result<DatasetDraft> {
    let mut draft = delimited::import(
        Some(sample.name),
        sample.file_name,
        sample.csv,
        "text",
        Some(','),
    )?;
    draft.source = format!("sample: {}", sample.file_name);
    Ok(draft)
}

pub fn samples() -> Vec<SampleInfo> {
    SAMPLES
        .iter()
        .map(|s| SampleInfo {
            id: s.id.to_owned(),
            name: s.name.to_owned(),
            description: s.description.to_owned(),
            // Data rows: the shipped files have no line breaks inside fields.
            count: u32::try_from(s.csv.lines().filter(|l| !l.trim().is_empty()).count() - 1)
                .unwrap_or(0),
        })
        .collect()
}

pub fn sample(id: &str) -> Result<DatasetDraft> {
    let sample = SAMPLES.iter().find(|s| s.id == id).ok_or_else(|| {
        let ids: Vec<&str> = SAMPLES.iter().map(|s| s.id).collect();
        LabError::new(
            LabErrorCode::NotFound,
            format!("There is no sample dataset \"{id}\"."),
            format!("The samples are: {}.", ids.join(", ")),
        )
    })?;
    draft_of(sample)
}
