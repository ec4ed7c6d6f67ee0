//! The app's own profile settings file (`profiles.json` in the data dir). It never holds a secret:
//! only names, regions, endpoints, which secrets the keyring has, and the active profile.

use std::collections::BTreeMap;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::ProfileError;
use crate::model::SourceProblem;

pub const SETTINGS_FILE: &str = "profiles.json";
const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub version: u32,
    #[serde(default)]
    pub active_id: Option<String>,
    #[serde(default)]
    pub app_profiles: Vec<AppProfile>,
    /// By `~/.aws` profile name.
    #[serde(default)]
    pub aws_overrides: BTreeMap<String, AwsOverride>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppProfile {
    pub id: String,
    pub name: String,
    pub region: String,
    #[serde(default)]
    pub endpoint_url: Option<String>,
    #[serde(default)]
    pub runtime_endpoint_url: Option<String>,
    #[serde(default)]
    pub has_access_keys: bool,
    #[serde(default)]
    pub has_api_key: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsOverride {
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub endpoint_url: Option<String>,
    #[serde(default)]
    pub runtime_endpoint_url: Option<String>,
    #[serde(default)]
    pub has_api_key: bool,
}

impl AwsOverride {
    pub fn is_empty(&self) -> bool {
        self.region.is_none()
            && self.endpoint_url.is_none()
            && self.runtime_endpoint_url.is_none()
            && !self.has_api_key
    }
}

/// The settings as read, plus a problem to show when a corrupt file had to be set aside.
pub struct Loaded {
    pub settings: Settings,
    pub problem: Option<SourceProblem>,
}

/// Read the settings file. A missing file is a fresh start. A file that is not valid JSON is
/// moved aside to `profiles.json.bak` (or `.bak.N`) and the store starts empty, reporting that as
/// a problem: the user keeps a working app and a copy to repair. A file that cannot be read at all,
/// or was written by a newer version, is an error, because starting fresh would overwrite it.
pub fn load(path: &Path) -> Result<Loaded, ProfileError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == ErrorKind::NotFound => {
            return Ok(Loaded {
                settings: fresh(),
                problem: None,
            });
        }
        Err(error) => return Err(ProfileError::settings_file(path, "read", error)),
    };
    match serde_json::from_str::<Settings>(&text) {
        Ok(settings) if settings.version > FORMAT_VERSION => Err(ProfileError::new(
            crate::error::ProfileErrorCode::SettingsFile,
            format!(
                "The profile settings file {} was written by a newer version of the app (format {}).",
                path.display(),
                settings.version
            ),
            "Update Bedrock Playground, or move that file away to start with no saved profiles.",
        )),
        Ok(settings) => Ok(Loaded {
            settings,
            problem: None,
        }),
        Err(parse_error) => {
            let backup = set_aside(path)?;
            Ok(Loaded {
                settings: fresh(),
                problem: Some(SourceProblem {
                    path: path.display().to_string(),
                    message: format!(
                        "The profile settings file could not be read ({parse_error}); it was moved to {} and the app started with no saved profiles.",
                        backup.display()
                    ),
                    hint: "Your keys are still in the OS keyring. Re-create the profiles, or repair the JSON in the backup and copy it back while the app is closed.".to_owned(),
                }),
            })
        }
    }
}

/// Write through a temporary file and a rename, so a crash never leaves half a file.
pub fn save(path: &Path, settings: &Settings) -> Result<(), ProfileError> {
    let text = serde_json::to_string_pretty(settings)
        .map_err(|error| ProfileError::settings_file(path, "encode", error))?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|error| ProfileError::settings_file(path, "create the folder of", error))?;
    }
    let temporary = path.with_extension("json.tmp");
    std::fs::write(&temporary, text)
        .map_err(|error| ProfileError::settings_file(&temporary, "write", error))?;
    std::fs::rename(&temporary, path)
        .map_err(|error| ProfileError::settings_file(path, "replace", error))
}

fn fresh() -> Settings {
    Settings {
        version: FORMAT_VERSION,
        ..Settings::default()
    }
}

fn set_aside(path: &Path) -> Result<PathBuf, ProfileError> {
    let backup = free_backup_path(path);
    std::fs::rename(path, &backup)
        .map_err(|error| ProfileError::settings_file(path, "move aside the corrupt", error))?;
    Ok(backup)
}

/// `profiles.json.bak`, or the first free `profiles.json.bak.N`, so no earlier backup is lost.
fn free_backup_path(path: &Path) -> PathBuf {
    let first = PathBuf::from(format!("{}.bak", path.display()));
    if !first.exists() {
        return first;
    }
    (1..)
        .map(|n| PathBuf::from(format!("{}.bak.{n}", path.display())))
        .find(|candidate| !candidate.exists())
        .unwrap_or(first)
}
