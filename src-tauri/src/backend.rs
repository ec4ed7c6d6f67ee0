//! Which backend the app talks to: AWS when credentials are found, else the in-process emulator.

use std::time::Duration;

use bedrock_client::connection::detect_aws;
use bedrock_client::{ClientError, Connection, ErrorCode};
use bedrock_emulator::{Emulator, EmulatorConfig};

/// Force a backend: `emulator` skips looking for AWS credentials.
const BACKEND_VAR: &str = "BEDROCK_PLAYGROUND_BACKEND";
/// Where the in-process emulator listens (default: an ephemeral loopback port).
const EMULATOR_LISTEN_VAR: &str = "BEDROCK_PLAYGROUND_EMULATOR_LISTEN";
const CREDENTIALS_WAIT: Duration = Duration::from_secs(5);

pub struct Backend {
    pub connection: Connection,
    /// Kept alive for the app's lifetime when the emulator is in use.
    _emulator: Option<Emulator>,
}

impl Backend {
    pub async fn start() -> Result<Self, ClientError> {
        let forced_emulator = std::env::var(BACKEND_VAR).is_ok_and(|v| v == "emulator");
        if !forced_emulator && let Some(connection) = detect_aws(CREDENTIALS_WAIT).await {
            eprintln!(
                "using AWS in {} ({})",
                connection.info.region, connection.info.credentials
            );
            return Ok(Self {
                connection,
                _emulator: None,
            });
        }
        let emulator = start_emulator().await?;
        let connection = Connection::emulator(&emulator.endpoint_url());
        eprintln!(
            "no AWS credentials in use: emulator at {}",
            emulator.endpoint_url()
        );
        Ok(Self {
            connection,
            _emulator: Some(emulator),
        })
    }
}

async fn start_emulator() -> Result<Emulator, ClientError> {
    let mut config = EmulatorConfig::default();
    if let Ok(listen) = std::env::var(EMULATOR_LISTEN_VAR) {
        config.listen = listen.parse().map_err(|_| {
            ClientError::new(
                ErrorCode::InvalidRequest,
                format!("{EMULATOR_LISTEN_VAR}={listen} is not an address like 127.0.0.1:4280"),
            )
        })?;
    }
    Emulator::start(config).await.map_err(|e| {
        ClientError::new(
            ErrorCode::Network,
            format!("The local emulator could not start: {e}"),
        )
    })
}
