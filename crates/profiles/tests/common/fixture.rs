//! A profile store in a temporary folder, with in-memory secrets and its own shared AWS files.

use std::path::{Path, PathBuf};

use profiles::{AccessKeys, AwsFiles, InMemorySecrets, NewProfile, ProfileStore};

pub const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRET";
pub const SESSION_TOKEN: &str = "IQoJb3JpZ2luX2VjSESSIONTOKEN";
pub const API_KEY: &str = "ABSKQmVkcm9ja0FQSUtleUAPIKEY1234";

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub secrets: InMemorySecrets,
    pub aws: AwsFiles,
}

impl Fixture {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let aws = AwsFiles::new(
            dir.path().join("aws/config"),
            dir.path().join("aws/credentials"),
        );
        std::fs::create_dir_all(dir.path().join("aws")).unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        Self {
            dir,
            secrets: InMemorySecrets::new(),
            aws,
        }
    }

    pub fn with_aws(config: &str, credentials: &str) -> Self {
        let fixture = Self::new();
        std::fs::write(&fixture.aws.config, config).unwrap();
        std::fs::write(&fixture.aws.credentials, credentials).unwrap();
        fixture
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The store, reading no environment variable (tests give theirs with `with_env`).
    pub fn open(&self) -> ProfileStore {
        ProfileStore::open_with(
            &self.data_dir(),
            Box::new(self.secrets.clone()),
            Some(self.aws.clone()),
        )
        .unwrap()
        .with_env(&[])
    }
}

pub fn keys_profile(name: &str) -> NewProfile {
    NewProfile {
        name: name.into(),
        region: "eu-west-3".into(),
        endpoint_url: None,
        runtime_endpoint_url: None,
        access_keys: Some(AccessKeys {
            access_key_id: "AKIDAPPEXAMPLE".into(),
            secret_access_key: SECRET_KEY.into(),
            session_token: Some(SESSION_TOKEN.into()),
        }),
        bedrock_api_key: None,
    }
}

pub fn api_key_profile(name: &str) -> NewProfile {
    NewProfile {
        name: name.into(),
        region: "us-west-2".into(),
        endpoint_url: Some("https://bedrock.example.test".into()),
        runtime_endpoint_url: None,
        access_keys: None,
        bedrock_api_key: Some(API_KEY.into()),
    }
}

pub fn all_text_under(dir: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            text.push_str(&all_text_under(&path));
        } else {
            text.push_str(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
        }
    }
    text
}
