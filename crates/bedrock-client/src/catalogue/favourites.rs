//! Models the user starred, kept in a small JSON file beside the app's settings.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub struct Favourites {
    path: PathBuf,
    ids: BTreeSet<String>,
}

impl Favourites {
    /// Load the favourites; a missing or unreadable file starts an empty list.
    pub fn load(path: &Path) -> Self {
        let ids = std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Self {
            path: path.to_owned(),
            ids,
        }
    }

    pub fn ids(&self) -> Vec<String> {
        self.ids.iter().cloned().collect()
    }

    /// Star or unstar `model_id`; returns whether it is now a favourite.
    pub fn toggle(&mut self, model_id: &str) -> std::io::Result<bool> {
        let starred = if self.ids.remove(model_id) {
            false
        } else {
            self.ids.insert(model_id.to_owned())
        };
        self.save()?;
        Ok(starred)
    }

    fn save(&self) -> std::io::Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let partial = self.path.with_extension("json.partial");
        std::fs::write(&partial, serde_json::to_vec_pretty(&self.ids)?)?;
        std::fs::rename(partial, &self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggles_and_survives_a_reload() {
        let dir = std::env::temp_dir().join(format!("favourites-{}", std::process::id()));
        let path = dir.join("favourites.json");
        let mut favourites = Favourites::load(&path);
        assert!(favourites.toggle("a").unwrap());
        assert!(favourites.toggle("b").unwrap());
        assert!(!favourites.toggle("a").unwrap());
        assert_eq!(Favourites::load(&path).ids(), vec!["b".to_owned()]);
        std::fs::write(&path, "not json").unwrap();
        assert!(Favourites::load(&path).ids().is_empty());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
