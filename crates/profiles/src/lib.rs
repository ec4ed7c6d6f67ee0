//! Connection profiles for Bedrock Playground, with no UI or Tauri dependency.
//!
//! A profile is a name, a credential source, a region, an optional endpoint URL and an optional
//! Bedrock API key. Three sources are merged into one list:
//!
//! - **`~/.aws` profiles** (id `aws:<name>`): every profile of `~/.aws/config` and
//!   `~/.aws/credentials` (or `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`), read with
//!   aws-config's own parser and resolved by aws-config's `ProfileFileCredentialsProvider` (static
//!   keys, SSO, credential_process, role_arn/source_profile, web identity). The app only keeps
//!   overrides of their region / endpoint and an optional Bedrock API key. A broken or unreadable
//!   file is reported in [`ProfileList::problems`] while everything else keeps working.
//! - **App profiles** (id `app:<uuid>`): access keys and/or a Bedrock API key the user entered.
//!   Secrets live only in a [`SecretStore`]; in the app that is [`KeyringSecrets`] (the OS keyring,
//!   service `bedrock-playground`, one entry per profile id holding a small JSON document).
//! - **The built-in emulator** (id `emulator`): always present, cannot be renamed, changed or
//!   deleted; its endpoint is given to [`ProfileStore::resolve`] at run time.
//!
//! The settings file `profiles.json` in the data dir holds names, regions, endpoints, which
//! secrets exist and the active profile id, never a secret. If it is not valid JSON it is moved to
//! `profiles.json.bak` (or `.bak.N`, never overwriting an earlier backup) and the store starts
//! empty, reporting that as a problem: the app stays usable and the user keeps a copy to repair.
//! A settings file that cannot be read at all, or is from a newer version, is an error instead.
//!
//! ```no_run
//! # async fn demo(data_dir: &std::path::Path) -> Result<(), profiles::ProfileError> {
//! use profiles::{KeyringSecrets, ProfileStore};
//! let mut store = ProfileStore::open(data_dir, Box::new(KeyringSecrets::new()))?;
//! let list = store.list();
//! store.set_active(&list.profiles[0].id)?;
//! let resolved = store.resolve(&store.active().id, Some("http://127.0.0.1:4000")).await?;
//! // aws_sdk_bedrockruntime::Client::new(&resolved.sdk_config), likewise bedrock and sts.
//! println!("{} via {}", resolved.name, resolved.credential_source);
//! # Ok(()) }
//! ```
//!
//! Bedrock API keys travel in the `SdkConfig` as a token provider with `httpBearerAuth`
//! preferred, which aws-sdk-bedrock and aws-sdk-bedrockruntime both honour (see [`resolve`]).
//! Secrets never appear in `Debug` output: they are [`SecretString`]s.

mod aws_files;
mod catalogue;
pub mod error;
pub mod model;
pub mod resolve;
pub mod secrets;
mod settings;
mod store;
mod validation;

pub use aws_files::AwsFiles;
pub use error::{ProfileError, ProfileErrorCode};
pub use model::{
    AWS_ID_PREFIX, AwsProfileKind, Change, DEFAULT_REGION, Deleted, EMULATOR_ID, EMULATOR_NAME,
    NewProfile, ProfileList, ProfileSummary, ProfileUpdate, RegionSource, SourceKind,
    SourceProblem,
};
pub use resolve::endpoints::{Service, ServiceEndpoint};
pub use resolve::{CredentialsStatus, EMULATOR_ACCESS_KEY_ID, PreparedProfile, ResolvedProfile};
pub use secrets::{
    AccessKeys, InMemorySecrets, KEYRING_SERVICE, KeyringSecrets, ProfileSecret, SecretStore,
    SecretString,
};
pub use store::ProfileStore;
