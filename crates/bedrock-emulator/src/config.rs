//! How an emulator instance is set up.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// Where to listen; port 0 picks an ephemeral port.
    pub listen: SocketAddr,
    /// The pause between two streamed chunks, unless a request says otherwise.
    pub pace: Duration,
    /// A folder whose sub-folders are knowledge bases; the bundled demo when absent.
    pub knowledge_base_dir: Option<PathBuf>,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            pace: Duration::from_millis(15),
            knowledge_base_dir: None,
        }
    }
}
