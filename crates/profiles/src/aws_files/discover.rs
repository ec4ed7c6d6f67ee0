//! Read the shared AWS files one at a time with aws-config's own parser, so each broken file is
//! reported on its own and the profiles of the other still list.

use std::collections::BTreeMap;
use std::future::Future;
use std::io::ErrorKind;
use std::path::Path;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};
use aws_types::os_shim_internal::{Env, Fs};

use super::AwsFiles;
use super::kind::classify;
use crate::error::describe_chain;
use crate::model::{AwsProfileKind, SourceProblem};

/// The keys kept for display and classification; everything else (secrets included) is dropped.
const KEPT_KEYS: &[&str] = &[
    "region",
    "endpoint_url",
    "sso_session",
    "sso_start_url",
    "sso_account_id",
    "sso_role_name",
    "credential_process",
    "role_arn",
    "source_profile",
    "credential_source",
    "web_identity_token_file",
    "aws_access_key_id",
];

/// One profile of the shared files, with both files' keys merged (the credentials file wins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsProfile {
    pub name: String,
    values: BTreeMap<&'static str, String>,
}

impl AwsProfile {
    pub(crate) fn named(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            values: BTreeMap::new(),
        }
    }

    pub(crate) fn insert(&mut self, key: &str, value: &str) {
        if let Some(kept) = KEPT_KEYS.iter().find(|kept| **kept == key) {
            self.values.insert(kept, value.to_owned());
        }
    }

    pub fn value(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    pub fn region(&self) -> Option<&str> {
        self.value("region")
    }

    pub fn endpoint_url(&self) -> Option<&str> {
        self.value("endpoint_url")
    }

    pub fn kind(&self) -> (AwsProfileKind, Option<String>) {
        classify(self)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Discovered {
    /// By name.
    pub profiles: Vec<AwsProfile>,
    pub problems: Vec<SourceProblem>,
}

impl Discovered {
    pub fn get(&self, name: &str) -> Option<&AwsProfile> {
        self.profiles.iter().find(|profile| profile.name == name)
    }
}

/// The profiles of both files. A missing file has no profiles; an unreadable or unparsable one is
/// a problem, and the other file's profiles are still returned.
pub fn discover(files: Option<&AwsFiles>) -> Discovered {
    let Some(files) = files else {
        return Discovered::default();
    };
    let mut merged: BTreeMap<String, AwsProfile> = BTreeMap::new();
    let mut problems = Vec::new();
    for (path, kind) in files.each() {
        match read_profiles(path, kind) {
            Ok(found) => {
                for profile in found {
                    let entry = merged
                        .entry(profile.name.clone())
                        .or_insert_with(|| AwsProfile::named(&profile.name));
                    entry.values.extend(profile.values);
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    Discovered {
        profiles: merged.into_values().collect(),
        problems,
    }
}

fn read_profiles(path: &Path, kind: EnvConfigFileKind) -> Result<Vec<AwsProfile>, SourceProblem> {
    let problem = |message: String, hint: &str| SourceProblem {
        path: path.display().to_string(),
        message,
        hint: hint.to_owned(),
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err(problem(
                format!("Could not read {}: {error}", path.display()),
                "Check the file's permissions (it must be readable by you) and that it is a file, not a folder.",
            ));
        }
    };
    let Ok(contents) = String::from_utf8(bytes) else {
        return Err(problem(
            format!("{} is not UTF-8 text.", path.display()),
            "Save the file as UTF-8 text.",
        ));
    };
    let sources = EnvConfigFiles::builder()
        .with_contents(kind, contents)
        .build();
    // aws-config's parser is async only in signature: with in-memory contents it never waits.
    let parsed = ready_now(aws_config::profile::load(
        &Fs::real(),
        &Env::real(),
        &sources,
        None,
    ));
    let sections = match parsed {
        Some(Ok(sections)) => sections,
        Some(Err(error)) => {
            return Err(problem(
                format!(
                    "Could not parse {}: {}",
                    path.display(),
                    describe_chain(&error)
                ),
                "Fix the line named above (each line must be `[section]`, `key = value`, an indented sub-key, or a # comment); the AWS CLI reads the same format.",
            ));
        }
        None => {
            return Err(problem(
                format!(
                    "Could not parse {}: the parser did not finish.",
                    path.display()
                ),
                "This is a bug; please report it.",
            ));
        }
    };
    Ok(sections
        .profiles()
        .filter_map(|name| sections.get_profile(name))
        .map(|section| {
            let mut profile = AwsProfile::named(section.name());
            for key in KEPT_KEYS {
                if let Some(value) = section.get(key) {
                    profile.insert(key, value);
                }
            }
            profile
        })
        .collect())
}

fn ready_now<F: Future>(future: F) -> Option<F::Output> {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_with(
        config: Option<&str>,
        credentials: Option<&str>,
    ) -> (tempfile::TempDir, AwsFiles) {
        let dir = tempfile::tempdir().unwrap();
        let files = AwsFiles::new(dir.path().join("config"), dir.path().join("credentials"));
        if let Some(text) = config {
            std::fs::write(&files.config, text).unwrap();
        }
        if let Some(text) = credentials {
            std::fs::write(&files.credentials, text).unwrap();
        }
        (dir, files)
    }

    #[test]
    fn profiles_of_both_files_are_merged_by_name() {
        let (_dir, files) = files_with(
            Some(
                "[default]\nregion = eu-west-3\n\n[profile dev]\nregion = us-west-2\nendpoint_url = http://localhost:1\n",
            ),
            Some(
                "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s3cr3t\n[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = x\n",
            ),
        );
        let found = discover(Some(&files));
        assert!(found.problems.is_empty(), "{:?}", found.problems);
        let names: Vec<_> = found.profiles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["ci", "default", "dev"]);
        let default = found.get("default").unwrap();
        assert_eq!(default.region(), Some("eu-west-3"));
        assert_eq!(default.kind().0, AwsProfileKind::Static);
        assert_eq!(
            found.get("dev").unwrap().endpoint_url(),
            Some("http://localhost:1")
        );
        assert_eq!(found.get("dev").unwrap().kind().0, AwsProfileKind::Unknown);
    }

    #[test]
    fn secret_values_are_not_kept() {
        let (_dir, files) = files_with(
            None,
            Some(
                "[default]\naws_access_key_id = AKID\naws_secret_access_key = s3cr3t\naws_session_token = t0k3n\n",
            ),
        );
        let found = discover(Some(&files));
        let text = format!("{found:?}");
        assert!(
            !text.contains("s3cr3t") && !text.contains("t0k3n"),
            "{text}"
        );
    }

    #[test]
    fn a_broken_file_is_a_problem_and_the_other_file_still_lists() {
        let (_dir, files) = files_with(
            Some("[profile ok]\nregion = eu-west-1\nthis line is not ini\n"),
            Some("[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = x\n"),
        );
        let found = discover(Some(&files));
        assert_eq!(found.problems.len(), 1);
        let problem = &found.problems[0];
        assert_eq!(problem.path, files.config.display().to_string());
        assert!(problem.message.contains("line 3"), "{}", problem.message);
        let names: Vec<_> = found.profiles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["ci"]);
    }

    #[test]
    fn an_unreadable_or_non_utf8_file_is_a_problem() {
        let (_dir, files) = files_with(None, None);
        std::fs::create_dir(&files.config).unwrap();
        std::fs::write(&files.credentials, [0xff, 0xfe, 0x00]).unwrap();
        let found = discover(Some(&files));
        assert_eq!(found.problems.len(), 2, "{:?}", found.problems);
        assert!(found.problems[0].message.starts_with("Could not read"));
        assert!(found.problems[1].message.contains("not UTF-8"));
    }

    #[test]
    fn missing_files_are_no_profiles_and_no_problem() {
        let (_dir, files) = files_with(None, None);
        let found = discover(Some(&files));
        assert!(found.profiles.is_empty() && found.problems.is_empty());
    }
}
