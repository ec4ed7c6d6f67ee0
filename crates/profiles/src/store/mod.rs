//! The profile store: the app's settings file, the secret store and the shared AWS files together.

mod update;

use std::path::{Path, PathBuf};

use aws_types::os_shim_internal::Env;

use crate::aws_files::{AwsFiles, Discovered, discover};
use crate::catalogue::{self, Located};
use crate::error::ProfileError;
use crate::model::{
    Deleted, EMULATOR_NAME, NewProfile, ProfileList, ProfileSummary, SourceProblem,
};
use crate::resolve::{PreparedProfile, ResolvedProfile};
use crate::secrets::{ProfileSecret, SecretStore};
use crate::settings::{self, AppProfile, Settings};
use crate::validation;

pub struct ProfileStore {
    settings_path: PathBuf,
    settings: Settings,
    secrets: Box<dyn SecretStore>,
    aws_files: Option<AwsFiles>,
    startup_problem: Option<SourceProblem>,
    /// The environment variables region and endpoints are read from (`AWS_REGION`,
    /// `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`, ...): the process's own, or a test's.
    env: Env,
}

impl std::fmt::Debug for ProfileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfileStore")
            .field("settings_path", &self.settings_path)
            .field("settings", &self.settings)
            .field("aws_files", &self.aws_files)
            .finish_non_exhaustive()
    }
}

impl ProfileStore {
    /// Open the store in `data_dir`, with the shared AWS files where the AWS CLI finds them.
    pub fn open(data_dir: &Path, secrets: Box<dyn SecretStore>) -> Result<Self, ProfileError> {
        Self::open_with(data_dir, secrets, AwsFiles::from_env())
    }

    /// Open the store with explicit shared AWS files (`None`: no `~/.aws` profiles at all).
    pub fn open_with(
        data_dir: &Path,
        secrets: Box<dyn SecretStore>,
        aws_files: Option<AwsFiles>,
    ) -> Result<Self, ProfileError> {
        let settings_path = data_dir.join(settings::SETTINGS_FILE);
        let loaded = settings::load(&settings_path)?;
        Ok(Self {
            settings_path,
            settings: loaded.settings,
            secrets,
            aws_files,
            startup_problem: loaded.problem,
            env: Env::real(),
        })
    }

    /// Read region and endpoint variables from `vars` instead of the process environment.
    pub fn with_env(mut self, vars: &[(&str, &str)]) -> Self {
        self.env = Env::from_slice(vars);
        self
    }

    pub fn settings_path(&self) -> &Path {
        &self.settings_path
    }

    pub fn aws_files(&self) -> Option<&AwsFiles> {
        self.aws_files.as_ref()
    }

    /// All profiles; the shared AWS files are read again on each call.
    pub fn list(&self) -> ProfileList {
        let discovered = self.discover();
        let mut problems: Vec<_> = self.startup_problem.iter().cloned().collect();
        problems.extend(discovered.problems.iter().cloned());
        ProfileList {
            profiles: catalogue::summaries(&self.settings, &discovered, &self.env),
            active_id: catalogue::active_id(&self.settings, &discovered),
            active_problem: self.active_gone(&discovered),
            problems,
        }
    }

    pub fn get(&self, id: &str) -> Result<ProfileSummary, ProfileError> {
        let discovered = self.discover();
        let located = self.locate(id, &discovered)?;
        Ok(catalogue::summary_of(
            &located,
            &self.settings,
            &discovered,
            &self.env,
        ))
    }

    /// The active profile for display: the emulator until another is chosen, or when the chosen
    /// one is gone (which [`Self::active_profile`] reports instead).
    pub fn active(&self) -> ProfileSummary {
        let discovered = self.discover();
        let id = catalogue::active_id(&self.settings, &discovered);
        let located =
            catalogue::locate(&id, &self.settings, &discovered).unwrap_or(Located::Emulator);
        catalogue::summary_of(&located, &self.settings, &discovered, &self.env)
    }

    /// The profile every call must use: an error when the chosen one has disappeared (removed
    /// from ~/.aws/config while the app runs), never a quiet switch to another.
    pub fn active_profile(&self) -> Result<ProfileSummary, ProfileError> {
        let discovered = self.discover();
        if let Some(gone) = self.active_gone(&discovered) {
            return Err(gone);
        }
        Ok(self.active())
    }

    fn active_gone(&self, discovered: &Discovered) -> Option<ProfileError> {
        let id = self.settings.active_id.as_deref()?;
        if catalogue::locate(id, &self.settings, discovered).is_some() {
            return None;
        }
        let name = id.strip_prefix(crate::model::AWS_ID_PREFIX).unwrap_or(id);
        let file = self
            .aws_files
            .as_ref()
            .map_or("~/.aws/config".to_owned(), |files| {
                files.config.display().to_string()
            });
        Some(ProfileError::new(
            crate::error::ProfileErrorCode::ActiveProfileGone,
            format!(
                "The active profile `{name}` is no longer in {file} (or its credentials file)."
            ),
            "Choose another profile in Profiles, or put the profile back in the file and choose it again. Nothing is sent until then.",
        ))
    }

    pub fn set_active(&mut self, id: &str) -> Result<ProfileSummary, ProfileError> {
        self.locate(id, &self.discover())?;
        let mut next = self.settings.clone();
        next.active_id = Some(id.to_owned());
        self.commit(next)?;
        self.get(id)
    }

    /// Add an app profile. Its secret goes to the secret store first, so the settings file never
    /// names a profile whose keys were not saved.
    pub fn add(&mut self, new: NewProfile) -> Result<ProfileSummary, ProfileError> {
        let name = validation::profile_name(&new.name)?;
        self.ensure_unique(&name, None)?;
        let region = validation::region(&new.region)?;
        let endpoint_url = optional_endpoint(new.endpoint_url)?;
        let runtime_endpoint_url = optional_endpoint(new.runtime_endpoint_url)?;
        let secret = ProfileSecret {
            access_keys: new.access_keys.map(validation::access_keys).transpose()?,
            bedrock_api_key: new.bedrock_api_key.map(validation::api_key).transpose()?,
        };
        if secret.is_empty() {
            return Err(ProfileError::invalid_input(
                "A profile needs access keys, a Bedrock API key, or both.",
                "Enter an access key id and secret access key, or paste a Bedrock API key.",
            ));
        }
        let id = format!("app:{}", uuid::Uuid::new_v4().simple());
        self.secrets.set(&id, &secret)?;
        let mut next = self.settings.clone();
        next.app_profiles.push(AppProfile {
            id: id.clone(),
            name,
            region,
            endpoint_url,
            runtime_endpoint_url,
            has_access_keys: secret.access_keys.is_some(),
            has_api_key: secret.bedrock_api_key.is_some(),
        });
        if let Err(error) = self.commit(next) {
            // Best effort: an orphaned keyring entry is harmless, a lost error is not.
            let _ = self.secrets.delete(&id);
            return Err(error);
        }
        self.get(&id)
    }

    pub fn rename(&mut self, id: &str, new_name: &str) -> Result<ProfileSummary, ProfileError> {
        match self.locate(id, &self.discover())? {
            Located::Emulator => return Err(emulator_is_fixed()),
            Located::Aws(profile) => {
                return Err(ProfileError::read_only(
                    format!("`{}` is named in your shared AWS files.", profile.name),
                    "Rename the profile in ~/.aws/config (and ~/.aws/credentials) instead.",
                ));
            }
            Located::App(_) => {}
        }
        let name = validation::profile_name(new_name)?;
        self.ensure_unique(&name, Some(id))?;
        let mut next = self.settings.clone();
        if let Some(profile) = next.app_profiles.iter_mut().find(|p| p.id == id) {
            profile.name = name;
        }
        self.commit(next)?;
        self.get(id)
    }

    /// Delete an app profile and its keyring entry, or reset a `~/.aws` profile's overrides
    /// (and remove its Bedrock API key). The emulator profile cannot be deleted.
    pub fn delete(&mut self, id: &str) -> Result<Deleted, ProfileError> {
        let discovered = self.discover();
        let mut next = self.settings.clone();
        let outcome = match self.locate(id, &discovered)? {
            Located::Emulator => {
                return Err(ProfileError::read_only(
                    format!("The {EMULATOR_NAME} profile is built in and cannot be deleted."),
                    "Choose another profile to stop using the emulator.",
                ));
            }
            Located::App(_) => {
                self.secrets.delete(id)?;
                next.app_profiles.retain(|profile| profile.id != id);
                Deleted::Removed
            }
            Located::Aws(profile) => {
                let overrides = next.aws_overrides.remove(&profile.name);
                if overrides.is_some_and(|overrides| overrides.has_api_key) {
                    self.secrets.delete(id)?;
                }
                Deleted::OverridesReset
            }
        };
        if next.active_id.as_deref() == Some(id) && outcome == Deleted::Removed {
            next.active_id = None;
        }
        self.commit(next)?;
        Ok(outcome)
    }

    /// Read what `resolve` needs (secrets included) without waiting on the network; to hold a
    /// lock on the store only briefly, call this under the lock and `resolve` on the result.
    pub fn prepare(
        &self,
        id: &str,
        emulator_endpoint: Option<&str>,
    ) -> Result<PreparedProfile, ProfileError> {
        let discovered = self.discover();
        let located = self.locate(id, &discovered)?;
        let summary = catalogue::summary_of(&located, &self.settings, &discovered, &self.env);
        PreparedProfile::new(
            &located,
            summary,
            self.secrets.as_ref(),
            self.aws_files.as_ref(),
            emulator_endpoint,
            &self.env,
        )
    }

    /// An `SdkConfig` for the profile, ready for aws-sdk-bedrock, -bedrockruntime and -sts.
    pub async fn resolve(
        &self,
        id: &str,
        emulator_endpoint: Option<&str>,
    ) -> Result<ResolvedProfile, ProfileError> {
        self.prepare(id, emulator_endpoint)?.resolve().await
    }

    fn discover(&self) -> Discovered {
        discover(self.aws_files.as_ref())
    }

    fn locate<'a>(
        &'a self,
        id: &str,
        discovered: &'a Discovered,
    ) -> Result<Located<'a>, ProfileError> {
        catalogue::locate(id, &self.settings, discovered).ok_or_else(|| ProfileError::not_found(id))
    }

    /// Names are unique across every source, so the UI never shows two of the same name.
    fn ensure_unique(&self, name: &str, except_id: Option<&str>) -> Result<(), ProfileError> {
        let discovered = self.discover();
        let taken = catalogue::summaries(&self.settings, &discovered, &self.env)
            .into_iter()
            .find(|summary| {
                Some(summary.id.as_str()) != except_id && validation::same_name(&summary.name, name)
            });
        match taken {
            None => Ok(()),
            Some(existing) => Err(ProfileError::new(
                crate::error::ProfileErrorCode::DuplicateName,
                format!("There is already a profile named `{}`.", existing.name),
                "Choose another name.",
            )),
        }
    }

    fn commit(&mut self, next: Settings) -> Result<(), ProfileError> {
        settings::save(&self.settings_path, &next)?;
        self.settings = next;
        Ok(())
    }
}

fn optional_endpoint(url: Option<String>) -> Result<Option<String>, ProfileError> {
    url.filter(|url| !url.trim().is_empty())
        .map(|url| validation::endpoint_url(&url))
        .transpose()
}

fn emulator_is_fixed() -> ProfileError {
    ProfileError::read_only(
        format!("The {EMULATOR_NAME} profile is built in and cannot be changed."),
        "Add a profile of your own to use other settings.",
    )
}
