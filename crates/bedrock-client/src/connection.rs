//! Where the app's calls go: SDK clients built from a profile's resolved configuration.

use aws_config::SdkConfig;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider, future};
use serde::Serialize;

use crate::connection_check::credentials_error;
use crate::error::IdentityFailure;

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
    pub profile_id: String,
    pub profile_name: String,
    pub region: String,
    /// Where the region came from, for people: `from AWS_REGION`, `from ~/.aws/config`, ...
    pub region_source: String,
    /// Where bedrock-runtime calls go when not to AWS's default endpoint.
    pub endpoint: Option<String>,
    /// Every service not on AWS's default endpoint: `bedrock-runtime: URL (from SOURCE)`.
    pub endpoints: Vec<String>,
    /// Where the credentials came from, e.g. `~/.aws profile dev (sso)` or `OS keyring`.
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
    /// Clients whose every request and response is recorded (redacted) in `log`.
    pub fn captured(config: &SdkConfig, info: BackendInfo, log: &crate::wire::WireLog) -> Self {
        let (runtime, control) = crate::wire::with_capture(config, log);
        Self {
            runtime,
            control,
            info,
        }
    }
}

/// `config` whose credentials failures come out explained (what failed, and the command that
/// fixes it for this `~/.aws` profile), so a chat or listing that fails on them says so rather
/// than "network error".
pub fn with_explained_identity(config: &SdkConfig, aws_profile: Option<&str>) -> SdkConfig {
    let Some(inner) = config.credentials_provider() else {
        return config.clone();
    };
    let explained = ExplainedCredentials {
        inner,
        aws_profile: aws_profile.map(str::to_owned),
    };
    config
        .to_builder()
        .credentials_provider(SharedCredentialsProvider::new(explained))
        .build()
}

#[derive(Debug)]
struct ExplainedCredentials {
    inner: SharedCredentialsProvider,
    aws_profile: Option<String>,
}

impl ProvideCredentials for ExplainedCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            self.inner.provide_credentials().await.map_err(|error| {
                let explained = credentials_error(&error, self.aws_profile.as_deref());
                CredentialsError::provider_error(IdentityFailure(explained))
            })
        })
    }
}
