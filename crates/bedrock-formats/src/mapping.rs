//! How one Converse field shows up in a native body.

use serde::{Deserialize, Serialize};

/// One row of the Format inspector's mapping table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldMapping {
    /// A path in the Converse body (`inferenceConfig.maxTokens`), or [`NATIVE_ONLY`].
    pub converse: String,
    /// The native key or path it becomes; `None` when the native format has no place for it.
    pub native: Option<String>,
    pub note: String,
}

/// The `converse` of a native field with no Converse counterpart (`anthropic_version`).
pub const NATIVE_ONLY: &str = "(none)";

/// Converse paths.
pub(crate) mod path {
    pub const MESSAGES: &str = "messages";
    pub const SYSTEM: &str = "system";
    pub const MAX_TOKENS: &str = "inferenceConfig.maxTokens";
    pub const TEMPERATURE: &str = "inferenceConfig.temperature";
    pub const TOP_P: &str = "inferenceConfig.topP";
    pub const STOP_SEQUENCES: &str = "inferenceConfig.stopSequences";
    pub const ADDITIONAL_FIELDS: &str = "additionalModelRequestFields";
}

/// The note of a parameter that only changes its name.
pub(crate) const SAME_VALUE: &str = "same value";
