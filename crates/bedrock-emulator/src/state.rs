//! What every handler shares.

use std::sync::Arc;

use crate::catalogue::Catalogue;
use crate::config::EmulatorConfig;
use crate::faults::FaultBook;
use crate::knowledge::KnowledgeBases;
use crate::recorder::Recorder;
use crate::sts::StsIssuer;

pub struct EmulatorState {
    pub config: EmulatorConfig,
    pub catalogue: Catalogue,
    pub faults: FaultBook,
    pub recorder: Recorder,
    pub knowledge: KnowledgeBases,
    pub sts: StsIssuer,
}

pub type SharedState = Arc<EmulatorState>;
