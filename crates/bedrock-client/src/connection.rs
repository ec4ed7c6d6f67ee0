//! Where the app's calls go: SDK clients built from a profile's resolved configuration.

use aws_config::SdkConfig;
use serde::Serialize;

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
    pub endpoint: Option<String>,
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
