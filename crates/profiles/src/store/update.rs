//! Changing a profile's region, endpoint and secrets; for `~/.aws` profiles these are overrides.

use super::{ProfileStore, emulator_is_fixed};
use crate::catalogue::Located;
use crate::error::ProfileError;
use crate::model::{Change, ProfileSummary, ProfileUpdate};
use crate::secrets::ProfileSecret;
use crate::settings::Settings;
use crate::validation;

impl ProfileStore {
    pub fn update(
        &mut self,
        id: &str,
        update: ProfileUpdate,
    ) -> Result<ProfileSummary, ProfileError> {
        let discovered = self.discover();
        let mut next = self.settings.clone();
        match self.locate(id, &discovered)? {
            Located::Emulator => {
                if update != ProfileUpdate::default() {
                    return Err(emulator_is_fixed());
                }
            }
            Located::App(_) => self.update_app(id, update, &mut next)?,
            Located::Aws(profile) => {
                let name = profile.name.clone();
                self.update_aws(id, &name, update, &mut next)?;
            }
        }
        self.commit(next)?;
        self.get(id)
    }

    fn update_app(
        &self,
        id: &str,
        update: ProfileUpdate,
        next: &mut Settings,
    ) -> Result<(), ProfileError> {
        let Some(profile) = next.app_profiles.iter_mut().find(|p| p.id == id) else {
            return Err(ProfileError::not_found(id));
        };
        match update.region {
            Change::Keep => {}
            Change::Set(region) => profile.region = validation::region(&region)?,
            Change::Clear => {
                return Err(ProfileError::invalid_input(
                    "A profile needs a region.",
                    "Choose a region instead of clearing it.",
                ));
            }
        }
        apply_endpoint(update.endpoint_url, &mut profile.endpoint_url)?;
        apply_endpoint(
            update.runtime_endpoint_url,
            &mut profile.runtime_endpoint_url,
        )?;
        if update.access_keys == Change::Keep && update.bedrock_api_key == Change::Keep {
            return Ok(());
        }
        let mut secret = self.secrets.get(id)?.unwrap_or_default();
        match update.access_keys {
            Change::Keep => {}
            Change::Set(keys) => secret.access_keys = Some(validation::access_keys(keys)?),
            Change::Clear => secret.access_keys = None,
        }
        match update.bedrock_api_key {
            Change::Keep => {}
            Change::Set(key) => secret.bedrock_api_key = Some(validation::api_key(key)?),
            Change::Clear => secret.bedrock_api_key = None,
        }
        if secret.is_empty() {
            return Err(ProfileError::invalid_input(
                "That would leave the profile without credentials.",
                "Keep the access keys or the Bedrock API key, or delete the profile.",
            ));
        }
        self.secrets.set(id, &secret)?;
        profile.has_access_keys = secret.access_keys.is_some();
        profile.has_api_key = secret.bedrock_api_key.is_some();
        Ok(())
    }

    fn update_aws(
        &self,
        id: &str,
        name: &str,
        update: ProfileUpdate,
        next: &mut Settings,
    ) -> Result<(), ProfileError> {
        if update.access_keys != Change::Keep {
            return Err(ProfileError::read_only(
                format!("The keys of `{name}` live in your shared AWS files."),
                format!(
                    "Edit ~/.aws/credentials (or run `aws configure --profile {name}`), or add an app profile with its own keys."
                ),
            ));
        }
        let overrides = next.aws_overrides.entry(name.to_owned()).or_default();
        match update.region {
            Change::Keep => {}
            Change::Set(region) => overrides.region = Some(validation::region(&region)?),
            Change::Clear => overrides.region = None,
        }
        apply_endpoint(update.endpoint_url, &mut overrides.endpoint_url)?;
        apply_endpoint(
            update.runtime_endpoint_url,
            &mut overrides.runtime_endpoint_url,
        )?;
        match update.bedrock_api_key {
            Change::Keep => {}
            Change::Set(key) => {
                let secret = ProfileSecret {
                    access_keys: None,
                    bedrock_api_key: Some(validation::api_key(key)?),
                };
                self.secrets.set(id, &secret)?;
                overrides.has_api_key = true;
            }
            Change::Clear if overrides.has_api_key => {
                self.secrets.delete(id)?;
                overrides.has_api_key = false;
            }
            Change::Clear => {}
        }
        if overrides.is_empty() {
            next.aws_overrides.remove(name);
        }
        Ok(())
    }
}

fn apply_endpoint(change: Change<String>, field: &mut Option<String>) -> Result<(), ProfileError> {
    match change {
        Change::Keep => {}
        Change::Set(url) if url.trim().is_empty() => *field = None,
        Change::Set(url) => *field = Some(validation::endpoint_url(&url)?),
        Change::Clear => *field = None,
    }
    Ok(())
}
