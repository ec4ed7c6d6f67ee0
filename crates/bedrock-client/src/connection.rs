//! Where the app's calls go: real Bedrock with the user's AWS credentials, or the local emulator.

use std::time::Duration;

use aws_config::meta::credentials::CredentialsProviderChain;
use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use serde::Serialize;

/// The region used when neither the environment nor `~/.aws/config` names one.
pub const DEFAULT_REGION: &str = "us-east-1";

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BackendKind {
    /// The bundled emulator: answers are synthetic.
    Emulator,
    Aws,
}

/// What the UI shows about the backend in use.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackendInfo {
    pub kind: BackendKind,
    pub region: String,
    pub endpoint: Option<String>,
    /// Where the credentials came from, e.g. `environment` or `profile default`.
    pub credentials: String,
}

/// SDK clients for Bedrock's runtime and control plane, sharing one configuration.
#[derive(Debug, Clone)]
pub struct Connection {
    pub runtime: aws_sdk_bedrockruntime::Client,
    pub control: aws_sdk_bedrock::Client,
    pub info: BackendInfo,
}

impl Connection {
    pub fn new(config: &SdkConfig, info: BackendInfo) -> Self {
        Self {
            runtime: aws_sdk_bedrockruntime::Client::new(config),
            control: aws_sdk_bedrock::Client::new(config),
            info,
        }
    }

    /// Talk to an emulator at `endpoint_url`; it accepts any SigV4 signature, so the keys are fixed.
    pub fn emulator(endpoint_url: &str) -> Self {
        let credentials = Credentials::new(
            "AKIAEMULATEDPLAYGRND",
            "emulated-secret-key-not-a-secret",
            None,
            None,
            "bedrock-playground-emulator",
        );
        let config = SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(DEFAULT_REGION))
            .endpoint_url(endpoint_url)
            .credentials_provider(SharedCredentialsProvider::new(credentials))
            .build();
        let info = BackendInfo {
            kind: BackendKind::Emulator,
            region: DEFAULT_REGION.to_owned(),
            endpoint: Some(endpoint_url.to_owned()),
            credentials: "built-in emulator keys".to_owned(),
        };
        Self::new(&config, info)
    }
}

/// AWS credentials from the environment or the shared `~/.aws` files, resolved by `aws-config`,
/// or `None` when there are none (or they do not resolve within `wait`).
pub async fn detect_aws(wait: Duration) -> Option<Connection> {
    let chain = CredentialsProviderChain::first_try(
        "environment",
        aws_config::environment::EnvironmentVariableCredentialsProvider::new(),
    )
    .or_else("profile", ProfileFileCredentialsProvider::builder().build());
    let resolved = tokio::time::timeout(wait, chain.provide_credentials()).await;
    resolved.ok()?.ok()?;
    let source = match std::env::var_os("AWS_ACCESS_KEY_ID") {
        Some(_) => "environment variables".to_owned(),
        None => format!(
            "profile {}",
            std::env::var("AWS_PROFILE").unwrap_or_else(|_| "default".to_owned())
        ),
    };
    let config = aws_config::defaults(BehaviorVersion::latest())
        .credentials_provider(chain)
        .load()
        .await;
    let region = config
        .region()
        .map_or_else(|| DEFAULT_REGION.to_owned(), |r| r.to_string());
    let config = config
        .into_builder()
        .region(Region::new(region.clone()))
        .build();
    let info = BackendInfo {
        kind: BackendKind::Aws,
        region,
        endpoint: None,
        credentials: source,
    };
    Some(Connection::new(&config, info))
}
