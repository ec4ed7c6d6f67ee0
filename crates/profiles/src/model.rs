//! The shapes the UI sees and sends: profile summaries, new profiles, updates.

use serde::{Deserialize, Serialize};

use crate::secrets::{AccessKeys, SecretString};

/// The id of the built-in emulator profile.
pub const EMULATOR_ID: &str = "emulator";
pub const EMULATOR_NAME: &str = "Local emulator";
/// The prefix of ids of profiles found in `~/.aws/config` / `~/.aws/credentials`.
pub const AWS_ID_PREFIX: &str = "aws:";
/// The emulator's region.
pub const DEFAULT_REGION: &str = "us-east-1";

/// Where a profile's region comes from, in the order the AWS SDKs look (the app's own field
/// first, as `--region` would be).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RegionSource {
    /// Typed in the app: an app profile's region, or an override of a `~/.aws` profile's.
    App,
    /// The `AWS_REGION` environment variable.
    EnvAwsRegion,
    /// The `AWS_DEFAULT_REGION` environment variable.
    EnvAwsDefaultRegion,
    /// `region` in the profile's section of `~/.aws/config`.
    AwsConfig,
    /// The built-in emulator's fixed region.
    BuiltIn,
    /// Nowhere: the profile cannot be used until a region is chosen.
    Missing,
}

/// Where a profile's credentials come from.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SourceKind {
    /// Keys or an API key entered in the app, kept in the OS keyring.
    App,
    /// A profile of `~/.aws/config` / `~/.aws/credentials`, resolved by `aws-config`.
    AwsFile,
    /// The built-in emulator with its fixed keys.
    Emulator,
}

/// How `aws-config` will obtain credentials for a `~/.aws` profile, as far as its keys tell.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AwsProfileKind {
    Static,
    Sso,
    CredentialProcess,
    AssumeRole,
    WebIdentity,
    Unknown,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileSummary {
    pub id: String,
    pub name: String,
    pub source: SourceKind,
    /// Only for `awsFile` profiles.
    pub aws_kind: Option<AwsProfileKind>,
    /// Human text about an `awsFile` profile, e.g. the role it assumes; never a command line.
    pub detail: Option<String>,
    /// Empty when `region_source` is `missing`.
    pub region: String,
    pub region_source: RegionSource,
    /// `None` for the emulator: its endpoint is only known while it runs.
    pub endpoint_url: Option<String>,
    /// An endpoint for bedrock-runtime only (e.g. a VPC interface endpoint); the control plane
    /// and STS keep theirs.
    pub runtime_endpoint_url: Option<String>,
    /// For `awsFile` profiles: the region / endpoint is the user's override, not the file's.
    pub region_overridden: bool,
    pub endpoint_overridden: bool,
    /// Access keys are kept in the OS keyring (read from settings, the keyring is not touched).
    pub has_access_keys: bool,
    /// A Bedrock API key is kept in the OS keyring.
    pub has_api_key: bool,
    pub can_rename: bool,
    /// `awsFile` profiles cannot be deleted; deleting one resets the user's overrides.
    pub can_delete: bool,
    pub active: bool,
}

/// A source of profiles that could not be read, while the others still list.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceProblem {
    /// The file concerned.
    pub path: String,
    pub message: String,
    pub hint: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileList {
    /// The emulator first, then app profiles, then `~/.aws` profiles, each by name.
    pub profiles: Vec<ProfileSummary>,
    pub active_id: String,
    /// The chosen profile has disappeared: calls fail with this until another is chosen.
    pub active_problem: Option<crate::error::ProfileError>,
    pub problems: Vec<SourceProblem>,
}

/// A profile the user creates in the app: access keys, a Bedrock API key, or both.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewProfile {
    pub name: String,
    pub region: String,
    #[serde(default)]
    pub endpoint_url: Option<String>,
    #[serde(default)]
    pub runtime_endpoint_url: Option<String>,
    #[serde(default)]
    pub access_keys: Option<AccessKeys>,
    #[serde(default)]
    pub bedrock_api_key: Option<SecretString>,
}

/// Leave a field as it is, set it, or clear it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Change<T> {
    #[default]
    Keep,
    Set(T),
    Clear,
}

/// Changes to a profile. For `awsFile` profiles region and endpoint are overrides (`clear` goes
/// back to the file's value) and only a Bedrock API key can be added; their keys stay in the file.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileUpdate {
    #[serde(default)]
    pub region: Change<String>,
    #[serde(default)]
    pub endpoint_url: Change<String>,
    #[serde(default)]
    pub runtime_endpoint_url: Change<String>,
    #[serde(default)]
    pub access_keys: Change<AccessKeys>,
    #[serde(default)]
    pub bedrock_api_key: Change<SecretString>,
}

/// What `delete` did.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Deleted {
    /// An app profile and its keyring entry are gone.
    Removed,
    /// A `~/.aws` profile stays (it lives in the file); the app's overrides and API key are gone.
    OverridesReset,
}
