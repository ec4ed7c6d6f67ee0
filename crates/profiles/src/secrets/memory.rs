//! A secret store in memory, for tests and for running without an OS keyring.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::{ProfileSecret, SecretStore};
use crate::error::ProfileError;

/// Clones share the same entries, so a test can keep a handle after giving one to a store.
#[derive(Debug, Clone, Default)]
pub struct InMemorySecrets {
    entries: Arc<Mutex<HashMap<String, ProfileSecret>>>,
}

impl InMemorySecrets {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn contains(&self, profile_id: &str) -> bool {
        self.lock().contains_key(profile_id)
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, ProfileSecret>> {
        // A panic while holding the lock cannot leave a half-written map behind.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl SecretStore for InMemorySecrets {
    fn get(&self, profile_id: &str) -> Result<Option<ProfileSecret>, ProfileError> {
        Ok(self.lock().get(profile_id).cloned())
    }

    fn set(&self, profile_id: &str, secret: &ProfileSecret) -> Result<(), ProfileError> {
        self.lock().insert(profile_id.to_owned(), secret.clone());
        Ok(())
    }

    fn delete(&self, profile_id: &str) -> Result<(), ProfileError> {
        self.lock().remove(profile_id);
        Ok(())
    }
}
