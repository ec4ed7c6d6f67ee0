//! The app's wiring for the emulator profile, without a window: the profile resolved by the
//! profile store, the app's settings and credentials explanations applied, and the clients
//! built with the wire capture on, as `AppState::connection` (src-tauri/src/state.rs) does.

use std::path::Path;

use bedrock_client::connection::with_explained_identity;
use bedrock_client::settings::AppSettings;
use bedrock_client::wire::WireLog;
use bedrock_client::{BackendInfo, BackendKind, Connection};
use profiles::{EMULATOR_ID, InMemorySecrets, ProfileStore};

/// The emulator profile's connection, its calls recorded into `wire`.
pub async fn app_connection(data_dir: &Path, endpoint: &str, wire: &WireLog) -> Connection {
    let store = ProfileStore::open_with(data_dir, Box::new(InMemorySecrets::new()), None)
        .expect("a profile store");
    let resolved = store
        .resolve(EMULATOR_ID, Some(endpoint))
        .await
        .expect("the emulator profile resolves");
    let config = with_explained_identity(&AppSettings::default().apply(&resolved.sdk_config), None);
    let info = BackendInfo {
        kind: BackendKind::Emulator,
        profile_id: resolved.id.clone(),
        profile_name: resolved.name.clone(),
        region: resolved.region.clone(),
        region_source: String::new(),
        endpoint: resolved.endpoint_url.clone(),
        endpoints: Vec::new(),
        credentials: resolved.credential_source.clone(),
    };
    Connection::captured(&config, info, wire)
}
