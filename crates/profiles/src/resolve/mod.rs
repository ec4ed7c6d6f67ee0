//! From a profile to an `SdkConfig`: region, endpoint, credentials, and a Bedrock API key as a
//! bearer token. `~/.aws` profiles are resolved by aws-config itself, never by hand.
//!
//! Bearer tokens: aws-sdk-bedrock and aws-sdk-bedrockruntime (1.x) read `token_provider` and
//! `auth_scheme_preference` from the `SdkConfig`, so a config carrying the API key as a token and
//! preferring `httpBearerAuth` makes both clients send `Authorization: Bearer <key>`; nothing needs
//! setting on the client builders. STS has no bearer scheme and still signs with SigV4, so a
//! profile with only an API key cannot call STS.
//!
//! App and emulator profiles get an `SdkConfig` built from nothing but the profile. `~/.aws`
//! profiles go through `aws_config::defaults`, so, as with the AWS CLI, the environment's
//! `AWS_ENDPOINT_URL[_BEDROCK…]` and the SDK's own `AWS_BEARER_TOKEN_BEDROCK` still apply to them.

mod configs;
pub mod endpoints;

pub use configs::EMULATOR_ACCESS_KEY_ID;

use std::time::Duration;

use aws_config::{Region, SdkConfig};
use aws_credential_types::provider::ProvideCredentials;
use aws_runtime::env_config::file::EnvConfigFiles;
use aws_smithy_types::date_time::{DateTime, Format};
use aws_types::os_shim_internal::Env;
use serde::Serialize;

use endpoints::{ServiceEndpoint, ServiceEndpoints};

use crate::aws_files::AwsFiles;
use crate::catalogue::Located;
use crate::error::{ProfileError, ProfileErrorCode, describe_chain};
use crate::model::{AwsProfileKind, ProfileSummary, RegionSource};
use crate::secrets::{ProfileSecret, SecretStore, SecretString};

const CHECK_TIMEOUT: Duration = Duration::from_secs(30);

/// What resolving needs, read from the store; owns everything so no lock is held while resolving.
#[derive(Debug, Clone)]
pub struct PreparedProfile {
    summary: ProfileSummary,
    plan: Plan,
}

#[derive(Debug, Clone)]
enum Plan {
    Emulator { endpoint: String },
    Keyring(ProfileSecret),
    AwsFile(AwsFilePlan),
}

#[derive(Debug, Clone)]
struct AwsFilePlan {
    files: EnvConfigFiles,
    env: Env,
    kind: AwsProfileKind,
    endpoint_override: Option<String>,
    runtime_endpoint_override: Option<String>,
    api_key: Option<SecretString>,
}

/// An `SdkConfig` and what to tell people about it.
struct Built {
    sdk_config: SdkConfig,
    credential_source: String,
    uses_api_key: bool,
    /// The per-service endpoints inside `sdk_config`, and where its global endpoint came from.
    endpoints: ServiceEndpoints,
    global_endpoint_source: String,
}

/// A profile ready to use. `Debug` shows no secret (aws-config redacts keys and tokens).
#[derive(Debug, Clone)]
pub struct ResolvedProfile {
    pub id: String,
    pub name: String,
    pub sdk_config: SdkConfig,
    pub region: String,
    pub region_source: RegionSource,
    /// Where bedrock-runtime calls go when not to AWS's default endpoint (what chat uses).
    pub endpoint_url: Option<String>,
    /// Every service whose calls do not go to AWS's default endpoint, and why.
    pub endpoints: Vec<ServiceEndpoint>,
    /// For people: e.g. `~/.aws profile dev (credential_process)`, `OS keyring`,
    /// `Bedrock API key`, `built-in emulator keys`.
    pub credential_source: String,
    /// Bedrock calls authenticate with a Bedrock API key (bearer) rather than SigV4.
    pub uses_api_key: bool,
}

/// The outcome of asking the credentials provider once, e.g. to show "expires at …".
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialsStatus {
    /// `None` when the profile authenticates with a Bedrock API key only.
    pub access_key_id: Option<String>,
    /// RFC 3339, for temporary credentials.
    pub expires_at: Option<String>,
    pub uses_api_key: bool,
}

impl PreparedProfile {
    pub(crate) fn new(
        located: &Located<'_>,
        summary: ProfileSummary,
        secrets: &dyn SecretStore,
        aws_files: Option<&AwsFiles>,
        emulator_endpoint: Option<&str>,
        env: &Env,
    ) -> Result<Self, ProfileError> {
        if summary.region_source == RegionSource::Missing {
            return Err(region_missing(&summary.name));
        }
        let plan = match located {
            Located::Emulator => Plan::Emulator {
                endpoint: emulator_endpoint
                    .ok_or_else(emulator_not_running)?
                    .to_owned(),
            },
            Located::App(profile) => match secrets.get(&profile.id)? {
                Some(secret) if !secret.is_empty() => Plan::Keyring(secret),
                _ => return Err(secret_missing(&profile.name)),
            },
            Located::Aws(profile) => {
                let files = aws_files
                    .and_then(AwsFiles::for_aws_config)
                    .ok_or_else(|| ProfileError::not_found(&summary.id))?;
                let api_key = if summary.has_api_key {
                    let secret = secrets
                        .get(&summary.id)?
                        .ok_or_else(|| secret_missing(&profile.name))?;
                    secret.bedrock_api_key
                } else {
                    None
                };
                Plan::AwsFile(AwsFilePlan {
                    files,
                    env: env.clone(),
                    kind: profile.kind().0,
                    endpoint_override: summary
                        .endpoint_overridden
                        .then(|| summary.endpoint_url.clone())
                        .flatten(),
                    runtime_endpoint_override: summary.runtime_endpoint_url.clone(),
                    api_key,
                })
            }
        };
        Ok(Self { summary, plan })
    }

    pub async fn resolve(self) -> Result<ResolvedProfile, ProfileError> {
        let region = Region::new(self.summary.region.clone());
        let Built {
            sdk_config,
            credential_source,
            uses_api_key,
            endpoints,
            global_endpoint_source,
        } = match self.plan {
            Plan::Emulator { endpoint } => configs::emulator(region, endpoint),
            Plan::Keyring(secret) => configs::keyring(
                region,
                self.summary.endpoint_url.clone(),
                self.summary.runtime_endpoint_url.clone(),
                &secret,
            ),
            Plan::AwsFile(plan) => configs::aws_file(region, &self.summary.name, plan).await?,
        };
        let endpoints = endpoints::effective(&sdk_config, &endpoints, &global_endpoint_source);
        endpoints::refuse_clear_text(&endpoints)?;
        let endpoint_url = endpoints
            .iter()
            .find(|e| e.service == endpoints::Service::BedrockRuntime)
            .map(|e| e.url.clone());
        Ok(ResolvedProfile {
            id: self.summary.id,
            name: self.summary.name,
            region: self.summary.region,
            region_source: self.summary.region_source,
            endpoint_url,
            endpoints,
            sdk_config,
            credential_source,
            uses_api_key,
        })
    }
}

impl ResolvedProfile {
    /// Ask the credentials provider once (running a credential_process, an SSO exchange or an
    /// AssumeRole as the profile says), so a failure shows before the first Bedrock call.
    pub async fn check_credentials(&self) -> Result<CredentialsStatus, ProfileError> {
        let Some(provider) = self.sdk_config.credentials_provider() else {
            return Ok(CredentialsStatus {
                access_key_id: None,
                expires_at: None,
                uses_api_key: self.uses_api_key,
            });
        };
        let failed = |detail: String| {
            ProfileError::new(
                ProfileErrorCode::CredentialsFailed,
                format!(
                    "Could not get credentials for {}: {detail}",
                    self.credential_source
                ),
                credentials_hint(&self.credential_source, &self.name),
            )
        };
        let credentials = tokio::time::timeout(CHECK_TIMEOUT, provider.provide_credentials())
            .await
            .map_err(|_| failed(format!("no answer within {} s", CHECK_TIMEOUT.as_secs())))?
            .map_err(|error| failed(describe_chain(&error)))?;
        let expires_at = credentials
            .expiry()
            .and_then(|expiry| DateTime::from(expiry).fmt(Format::DateTime).ok());
        Ok(CredentialsStatus {
            access_key_id: Some(credentials.access_key_id().to_owned()),
            expires_at,
            uses_api_key: self.uses_api_key,
        })
    }
}

fn credentials_hint(source: &str, name: &str) -> String {
    if source.contains("(SSO)") {
        format!("Run `aws sso login --profile {name}` in a terminal, then try again.")
    } else if source.contains("(credential_process)") {
        "Run the profile's credential_process command in a terminal to see why it fails.".to_owned()
    } else if source.contains("(assume role)") {
        "Check that the source profile's credentials work and are allowed to assume the role."
            .to_owned()
    } else if source.starts_with("~/.aws") {
        format!(
            "Check profile `{name}` in ~/.aws/config and ~/.aws/credentials, e.g. with `aws sts get-caller-identity --profile {name}`."
        )
    } else {
        "Edit the profile and enter valid keys.".to_owned()
    }
}

fn region_missing(name: &str) -> ProfileError {
    ProfileError::new(
        ProfileErrorCode::RegionMissing,
        format!(
            "Profile `{name}` names no region, and neither AWS_REGION nor AWS_DEFAULT_REGION is set, so the app does not know where to send requests."
        ),
        format!(
            "Choose a region for the profile in Profiles (Edit), or add `region = us-east-1` (or your region) to [profile {name}] in ~/.aws/config."
        ),
    )
}

fn emulator_not_running() -> ProfileError {
    ProfileError::new(
        ProfileErrorCode::EmulatorNotRunning,
        "The local emulator is not running, so the emulator profile has no endpoint.",
        "Start the emulator (or restart the app), then choose the profile again.",
    )
}

fn secret_missing(name: &str) -> ProfileError {
    ProfileError::new(
        ProfileErrorCode::SecretMissing,
        format!("The OS keyring has no saved keys for profile `{name}`."),
        "Edit the profile and enter its keys again (they may have been removed from the keyring).",
    )
}
