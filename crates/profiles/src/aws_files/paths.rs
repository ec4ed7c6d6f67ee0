//! Where the shared AWS files are, as the AWS CLI and SDKs look for them.

use std::path::{Path, PathBuf};

use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};

/// The two shared files. Stored in the profile store rather than read from the environment at
/// each use, so tests (and several stores in one process) can each point at their own files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsFiles {
    pub config: PathBuf,
    pub credentials: PathBuf,
}

impl AwsFiles {
    pub fn new(config: impl Into<PathBuf>, credentials: impl Into<PathBuf>) -> Self {
        Self {
            config: config.into(),
            credentials: credentials.into(),
        }
    }

    /// `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and
    /// `~/.aws/credentials`; `None` when neither is set and there is no home directory.
    pub fn from_env() -> Option<Self> {
        let home = std::env::home_dir();
        let locate = |variable: &str, default: &str| match std::env::var_os(variable)
            .filter(|value| !value.is_empty())
        {
            Some(value) => Some(expand_home(Path::new(&value), home.as_deref())),
            None => home.as_ref().map(|home| home.join(".aws").join(default)),
        };
        Some(Self {
            config: locate("AWS_CONFIG_FILE", "config")?,
            credentials: locate("AWS_SHARED_CREDENTIALS_FILE", "credentials")?,
        })
    }

    /// Both files with their kinds, config first.
    pub(crate) fn each(&self) -> [(&Path, EnvConfigFileKind); 2] {
        [
            (self.config.as_path(), EnvConfigFileKind::Config),
            (self.credentials.as_path(), EnvConfigFileKind::Credentials),
        ]
    }

    /// The files that exist, for `aws-config` to resolve credentials from; `None` when neither
    /// does (aws-config refuses an empty file set, and fails on a named file that is missing).
    pub(crate) fn for_aws_config(&self) -> Option<EnvConfigFiles> {
        let present: Vec<_> = self
            .each()
            .into_iter()
            .filter(|(path, _)| path.exists())
            .collect();
        if present.is_empty() {
            return None;
        }
        let builder = present
            .into_iter()
            .fold(EnvConfigFiles::builder(), |builder, (path, kind)| {
                builder.with_file(kind, path)
            });
        Some(builder.build())
    }
}

fn expand_home(path: &Path, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix("~"), home) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_tilde_means_the_home_directory() {
        let home = Path::new("/home/someone");
        assert_eq!(
            expand_home(Path::new("~/aws/config"), Some(home)),
            PathBuf::from("/home/someone/aws/config")
        );
        assert_eq!(
            expand_home(Path::new("/etc/aws/config"), Some(home)),
            PathBuf::from("/etc/aws/config")
        );
    }

    #[test]
    fn only_existing_files_are_handed_to_aws_config() {
        let dir = tempfile::tempdir().unwrap();
        let files = AwsFiles::new(dir.path().join("config"), dir.path().join("credentials"));
        assert!(files.for_aws_config().is_none());
        std::fs::write(&files.credentials, "[default]\n").unwrap();
        assert!(files.for_aws_config().is_some());
    }
}
