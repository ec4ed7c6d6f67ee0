//! What the app keeps between commands: profiles, the connection of the active one, the
//! emulator when a profile uses it, the model catalogue and the streams in flight.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use bedrock_client::catalogue::{Favourites, ModelCapabilities, ModelCatalogue, capabilities_of};
use bedrock_client::connection::with_explained_identity;
use bedrock_client::knowledge::AccountIds;
use bedrock_client::pricing::PriceTable;
use bedrock_client::settings::AppSettings;
use bedrock_client::wire::WireLog;
use bedrock_client::{BackendInfo, BackendKind, ClientError, Connection};
use bedrock_emulator::Emulator;
use embeddings::lab::Lab;
use embeddings::store::LabStore;
use profiles::{
    AWS_ID_PREFIX, EMULATOR_ID, KeyringSecrets, ProfileError, ProfileStore, RegionSource,
    ResolvedProfile, SourceProblem,
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
    /// The embeddings lab: datasets, cached vectors, runs and layouts.
    lab: Arc<Lab>,
    /// The settings could not be opened: profiles live in a scratch folder for this run.
    startup_problem: Option<SourceProblem>,
    /// The knowledge-base clients of the connection they were built for.
    knowledge: tokio::sync::Mutex<Option<(Arc<Active>, Arc<KnowledgeClients>)>>,
    /// The account id of each profile (STS), for inference-profile ARNs.
    pub accounts: AccountIds,
}

/// The knowledge-base clients (bedrock-agent-runtime, bedrock-agent, STS) of the active
/// profile, with the same settings and wire capture as its chat clients.
pub struct KnowledgeClients {
    pub profile_id: String,
    pub region: String,
    pub runtime: aws_sdk_bedrockagentruntime::Client,
    pub agent: aws_sdk_bedrockagent::Client,
    pub sts: aws_sdk_sts::Client,
}

impl AppState {
    /// Open the app's data folder; when its settings cannot be read, keep working on a
    /// scratch copy and say so rather than refuse to start.
    pub fn open(data_dir: &Path, exports_dir: &Path) -> Self {
        match Self::open_in(data_dir, exports_dir) {
            Ok(state) => state,
            Err(error) => {
                let scratch =
                    std::env::temp_dir().join(format!("bedrock-playground-{}", std::process::id()));
                let mut state =
                    Self::open_in(&scratch, exports_dir).expect("a fresh scratch folder opens");
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

    fn open_in(data_dir: &Path, exports_dir: &Path) -> Result<Self, ProfileError> {
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
            lab: Arc::new(open_lab(data_dir, exports_dir)?),
            startup_problem: None,
            knowledge: tokio::sync::Mutex::new(None),
            accounts: AccountIds::default(),
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

    pub fn lab(&self) -> &Lab {
        &self.lab
    }

    /// The lab, for blocking tasks that outlive the command's borrow.
    pub fn lab_handle(&self) -> Arc<Lab> {
        Arc::clone(&self.lab)
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

    /// What `model_id` takes, as the active profile's cached listing says (its streaming flag
    /// included), or the capability table when the model was not listed.
    pub fn capabilities_for(&self, active: &Active, model_id: &str) -> ModelCapabilities {
        self.catalogue
            .listed_capabilities(&active.profile_id, &active.connection.info.region, model_id)
            .unwrap_or_else(|| capabilities_of(model_id))
    }

    /// The connection of the active profile, resolving it when the active profile changed.
    /// A profile that disappeared or cannot be resolved is an error naming it: calls never
    /// fall back to another profile (least of all to the emulator while AWS is shown).
    pub async fn connection(&self) -> Result<Arc<Active>, ClientError> {
        let active_id = self
            .profiles()
            .active_profile()
            .map_err(profile_to_client)?
            .id;
        let mut cached = self.active.lock().await;
        if let Some(active) = cached.as_ref().filter(|a| a.profile_id == active_id) {
            return Ok(Arc::clone(active));
        }
        let mut resolved = self.resolve(&active_id).await?;
        resolved.sdk_config = with_explained_identity(
            &self.settings().apply(&resolved.sdk_config),
            active_id.strip_prefix(AWS_ID_PREFIX),
        );
        let active = Arc::new(Active {
            profile_id: active_id,
            connection: Connection::captured(
                &resolved.sdk_config,
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
        self.accounts.forget(profile_id);
        let mut cached = self.active.lock().await;
        if cached.as_ref().is_some_and(|a| a.profile_id == profile_id) {
            *cached = None;
        }
    }

    /// The knowledge-base clients of the active connection, built on first use.
    pub async fn knowledge(&self) -> Result<Arc<KnowledgeClients>, ClientError> {
        let active = self.connection().await?;
        let mut cached = self.knowledge.lock().await;
        if let Some((built_for, clients)) = cached.as_ref()
            && Arc::ptr_eq(built_for, &active)
        {
            return Ok(Arc::clone(clients));
        }
        // Settings and credentials explanations are already applied to the active config.
        let config = active.resolved.sdk_config.clone();
        let (runtime, agent) = bedrock_client::wire::with_agent_capture(&config, &self.wire);
        let sts = aws_sdk_sts::Client::from_conf(
            aws_sdk_sts::config::Builder::from(&config)
                .interceptor(bedrock_client::wire::WireCapture::new(self.wire.clone()))
                .build(),
        );
        let clients = Arc::new(KnowledgeClients {
            profile_id: active.profile_id.clone(),
            region: active.resolved.region.clone(),
            runtime,
            agent,
            sts,
        });
        *cached = Some((Arc::clone(&active), Arc::clone(&clients)));
        Ok(clients)
    }

    /// The account id of the profile `clients` belong to (STS, cached until the profile changes).
    pub async fn account_id(&self, clients: &KnowledgeClients) -> Result<String, ClientError> {
        self.accounts
            .account_id(&clients.profile_id, &clients.sts)
            .await
    }

    /// The token that stops `stream_id`; already cancelled when Stop came before the stream began.
    pub fn begin_stream(&self, stream_id: &str) -> CancellationToken {
        bedrock_client::chat::stops::begin(&mut lock(&self.streams), stream_id)
    }

    pub fn end_stream(&self, stream_id: &str) {
        lock(&self.streams).remove(stream_id);
    }

    /// Cancel a stream in flight; `false` when it had already ended.
    pub fn cancel_stream(&self, stream_id: &str) -> bool {
        bedrock_client::chat::stops::cancel(&mut lock(&self.streams), stream_id)
    }

    /// Stop a chat stream: in flight, or as soon as it begins when the Stop came first
    /// (chat stream ids are used once).
    pub fn stop_chat_stream(&self, stream_id: &str) -> bool {
        bedrock_client::chat::stops::stop(&mut lock(&self.streams), stream_id)
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
        region_source: region_source_text(resolved.region_source).to_owned(),
        endpoint: resolved.endpoint_url.clone(),
        endpoints: resolved
            .endpoints
            .iter()
            .map(|e| format!("{}: {} (from {})", e.service.label(), e.url, e.source))
            .collect(),
        credentials: resolved.credential_source.clone(),
    }
}

/// Where the region came from, for the top bar and the profile card.
pub fn region_source_text(source: RegionSource) -> &'static str {
    match source {
        RegionSource::App => "set in the app",
        RegionSource::EnvAwsRegion => "from AWS_REGION",
        RegionSource::EnvAwsDefaultRegion => "from AWS_DEFAULT_REGION",
        RegionSource::AwsConfig => "from ~/.aws/config",
        RegionSource::BuiltIn => "the emulator's",
        RegionSource::Missing => "not set",
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

/// The embeddings lab's database; runs left running by a crash or kill become "interrupted".
fn open_lab(data_dir: &Path, exports_dir: &Path) -> Result<Lab, ProfileError> {
    let path = data_dir.join(embeddings::store::FILE_NAME);
    let store = LabStore::open(&path).map_err(|e| {
        ProfileError::new(profiles::ProfileErrorCode::SettingsFile, e.message, e.hint)
    })?;
    Ok(Lab::new(store, exports_dir))
}

/// A panic while holding a lock leaves the data usable: recover it.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
