//! What the app keeps between commands: profiles, the connection of the active one, the
//! emulator when a profile uses it, the model catalogue and the streams in flight.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use bedrock_client::catalogue::{Favourites, ModelCatalogue};
use bedrock_client::pricing::PriceTable;
use bedrock_client::settings::AppSettings;
use bedrock_client::wire::WireLog;
use bedrock_client::{BackendInfo, BackendKind, ClientError, Connection};
use bedrock_emulator::Emulator;
use profiles::{
    EMULATOR_ID, KeyringSecrets, ProfileError, ProfileStore, ResolvedProfile, SourceProblem,
};
use storage::Database;
use tokio::sync::OnceCell;
use tokio_util::sync::CancellationToken;

use crate::emulator::start_emulator;
use crate::errors::profile_to_client;

/// The active profile, resolved once and reused until the user switches or edits it.
pub struct Active {
    pub profile_id: String,
    pub connection: Connection,
    pub resolved: ResolvedProfile,
}

pub struct AppState {
    profiles: Mutex<ProfileStore>,
    emulator: OnceCell<Emulator>,
    active: tokio::sync::Mutex<Option<Arc<Active>>>,
    pub catalogue: ModelCatalogue,
    favourites: Mutex<Favourites>,
    settings: Mutex<AppSettings>,
    settings_path: std::path::PathBuf,
    pub prices: PriceTable,
    /// Every request the app sends and what came back, secrets redacted, for the inspector.
    pub wire: WireLog,
    streams: Mutex<HashMap<String, CancellationToken>>,
    history: Mutex<Database>,
    /// The settings could not be opened: profiles live in a scratch folder for this run.
    startup_problem: Option<SourceProblem>,
}

impl AppState {
    /// Open the app's data folder; when its settings cannot be read, keep working on a
    /// scratch copy and say so rather than refuse to start.
    pub fn open(data_dir: &Path) -> Self {
        match Self::open_in(data_dir) {
            Ok(state) => state,
            Err(error) => {
                let scratch =
                    std::env::temp_dir().join(format!("bedrock-playground-{}", std::process::id()));
                let mut state = Self::open_in(&scratch).expect("a fresh scratch folder opens");
                state.startup_problem = Some(SourceProblem {
                    path: data_dir.display().to_string(),
                    message: error.message,
                    hint: format!(
                        "{} Until then, changes to profiles last only for this run.",
                        error.hint
                    ),
                });
                state
            }
        }
    }

    fn open_in(data_dir: &Path) -> Result<Self, ProfileError> {
        let first_launch = !data_dir.join("profiles.json").exists();
        let mut profiles = ProfileStore::open(data_dir, Box::new(KeyringSecrets::new()))?;
        // First launch with a default AWS profile: use it; otherwise the emulator answers.
        if first_launch
            && profiles
                .list()
                .profiles
                .iter()
                .any(|p| p.id == "aws:default")
        {
            let _ = profiles.set_active("aws:default");
        }
        Ok(Self {
            profiles: Mutex::new(profiles),
            emulator: OnceCell::new(),
            active: tokio::sync::Mutex::new(None),
            catalogue: ModelCatalogue::default(),
            favourites: Mutex::new(Favourites::load(&data_dir.join("favourites.json"))),
            settings: Mutex::new(AppSettings::load(&data_dir.join("settings.json")).0),
            settings_path: data_dir.join("settings.json"),
            prices: PriceTable::load_or_install(&data_dir.join("prices.json")).0,
            wire: WireLog::new(),
            streams: Mutex::new(HashMap::new()),
            history: Mutex::new(open_history(data_dir)?),
            startup_problem: None,
        })
    }

    pub fn startup_problem(&self) -> Option<SourceProblem> {
        self.startup_problem.clone()
    }

    pub fn profiles(&self) -> MutexGuard<'_, ProfileStore> {
        lock(&self.profiles)
    }

    pub fn favourites(&self) -> MutexGuard<'_, Favourites> {
        lock(&self.favourites)
    }

    pub fn history(&self) -> MutexGuard<'_, Database> {
        lock(&self.history)
    }

    pub fn history_database(&self) -> &Mutex<Database> {
        &self.history
    }

    pub fn settings(&self) -> AppSettings {
        lock(&self.settings).clone()
    }

    /// Store new settings; the next call resolves the connection again with them.
    pub async fn save_settings(&self, settings: AppSettings) -> std::io::Result<()> {
        settings.save(&self.settings_path)?;
        *lock(&self.settings) = settings;
        *self.active.lock().await = None;
        Ok(())
    }

    /// The emulator's endpoint, starting it on first use.
    pub async fn emulator_endpoint(&self) -> Result<String, ClientError> {
        let emulator = self.emulator.get_or_try_init(start_emulator).await?;
        Ok(emulator.endpoint_url())
    }

    /// Resolve a profile: its SDK configuration and where its credentials come from.
    pub async fn resolve(&self, id: &str) -> Result<ResolvedProfile, ClientError> {
        let endpoint = if id == EMULATOR_ID {
            Some(self.emulator_endpoint().await?)
        } else {
            None
        };
        let prepared = self
            .profiles()
            .prepare(id, endpoint.as_deref())
            .map_err(profile_to_client)?;
        prepared.resolve().await.map_err(profile_to_client)
    }

    /// The connection of the active profile, resolving it when the active profile changed.
    pub async fn connection(&self) -> Result<Arc<Active>, ClientError> {
        let active_id = self.profiles().active().id;
        let mut cached = self.active.lock().await;
        if let Some(active) = cached.as_ref().filter(|a| a.profile_id == active_id) {
            return Ok(Arc::clone(active));
        }
        let resolved = self.resolve(&active_id).await?;
        let active = Arc::new(Active {
            profile_id: active_id,
            connection: Connection::captured(
                &self.settings().apply(&resolved.sdk_config),
                backend_info(&resolved),
                &self.wire,
            ),
            resolved,
        });
        *cached = Some(Arc::clone(&active));
        Ok(active)
    }

    /// Forget the resolved connection and cached models of `profile_id` after an edit.
    pub async fn invalidate(&self, profile_id: &str) {
        self.catalogue.forget(profile_id);
        let mut cached = self.active.lock().await;
        if cached.as_ref().is_some_and(|a| a.profile_id == profile_id) {
            *cached = None;
        }
    }

    pub fn begin_stream(&self, stream_id: &str) -> CancellationToken {
        let token = CancellationToken::new();
        lock(&self.streams).insert(stream_id.to_owned(), token.clone());
        token
    }

    pub fn end_stream(&self, stream_id: &str) {
        lock(&self.streams).remove(stream_id);
    }

    /// Cancel a stream in flight; `false` when it had already ended.
    pub fn cancel_stream(&self, stream_id: &str) -> bool {
        lock(&self.streams)
            .remove(stream_id)
            .map(|token| token.cancel())
            .is_some()
    }
}

pub fn backend_info(resolved: &ResolvedProfile) -> BackendInfo {
    BackendInfo {
        kind: if resolved.id == EMULATOR_ID {
            BackendKind::Emulator
        } else {
            BackendKind::Aws
        },
        profile_id: resolved.id.clone(),
        profile_name: resolved.name.clone(),
        region: resolved.region.clone(),
        endpoint: resolved.endpoint_url.clone(),
        credentials: resolved.credential_source.clone(),
    }
}

/// The history database; runs left streaming by a crash or kill become "interrupted".
fn open_history(data_dir: &Path) -> Result<Database, ProfileError> {
    let path = data_dir.join("history.sqlite3");
    let mut database = Database::open(&path).map_err(|e| {
        ProfileError::new(
            profiles::ProfileErrorCode::SettingsFile,
            format!(
                "The history database {} could not be opened: {}",
                path.display(),
                e.message
            ),
            e.hint,
        )
    })?;
    match database.recover_interrupted() {
        Ok(0) => {}
        Ok(n) => eprintln!("history: {n} answer(s) cut off by the last exit kept as interrupted"),
        Err(error) => eprintln!("history: could not mark interrupted runs: {error}"),
    }
    Ok(database)
}

/// A panic while holding a lock leaves the data usable: recover it.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
