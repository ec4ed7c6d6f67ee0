//! Against the REAL OS keyring (Secret Service on Linux). Run through
//! `tests/support/with-secret-service.sh`, which provides a throw-away unlocked keyring. Without a
//! reachable Secret Service these tests fail, unless `PROFILES_SKIP_KEYRING=1` says to skip them.

use std::path::Path;

use profiles::{
    AccessKeys, AwsFiles, Change, Deleted, KEYRING_SERVICE, KeyringSecrets, NewProfile,
    ProfileStore, ProfileUpdate, SecretStore,
};

const SECRET_KEY: &str = "kEyRiNgTeStSeCrEtAcCeSsKeY0123456789abcd";
const SESSION_TOKEN: &str = "kEyRiNgTeStSeSsIoNtOkEn-FwoGZXIvYXdzEBYaD";
const API_KEY: &str = "ABSKkEyRiNgTeStBeDrOcKaPiKeY9876";

/// Whether the tests may run: a Secret Service answers, or the caller asked to skip them.
fn keyring_or_skip() -> bool {
    let probe = keyring::Entry::new(KEYRING_SERVICE, &format!("probe-{}", uuid::Uuid::new_v4()))
        .and_then(|entry| entry.get_password());
    match probe {
        Ok(_) | Err(keyring::Error::NoEntry) => true,
        Err(error) if std::env::var("PROFILES_SKIP_KEYRING").as_deref() == Ok("1") => {
            eprintln!("skipping the OS keyring test (PROFILES_SKIP_KEYRING=1): {error}");
            false
        }
        Err(error) => panic!(
            "No Secret Service is reachable ({error}). Run the tests through \
             tests/support/with-secret-service.sh (e.g. `tests/support/with-secret-service.sh \
             cargo test -p profiles`), or set PROFILES_SKIP_KEYRING=1 to skip the keyring tests."
        ),
    }
}

fn open(data_dir: &Path, aws: Option<AwsFiles>) -> ProfileStore {
    ProfileStore::open_with(data_dir, Box::new(KeyringSecrets::new()), aws).unwrap()
}

fn direct_entry(id: &str) -> keyring::Result<String> {
    keyring::Entry::new(KEYRING_SERVICE, id)?.get_password()
}

fn every_file_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(every_file_under(&path));
        } else {
            files.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    files
}

fn assert_no_secret_on_disk(dir: &Path) {
    let files = every_file_under(dir);
    assert!(!files.is_empty(), "the settings file should exist");
    for (path, bytes) in files {
        let text = String::from_utf8_lossy(&bytes);
        for secret in [SECRET_KEY, SESSION_TOKEN, API_KEY] {
            assert!(!text.contains(secret), "{path} contains a secret");
        }
    }
}

#[tokio::test]
async fn keys_live_in_the_os_keyring_only_and_go_with_the_profile() {
    if !keyring_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let id = open(dir.path(), None)
        .add(NewProfile {
            name: format!("keyring test {}", uuid::Uuid::new_v4()),
            region: "eu-west-3".into(),
            endpoint_url: None,
            runtime_endpoint_url: None,
            access_keys: Some(AccessKeys {
                access_key_id: "AKIAKEYRINGTEST00001".into(),
                secret_access_key: SECRET_KEY.into(),
                session_token: Some(SESSION_TOKEN.into()),
            }),
            bedrock_api_key: Some(API_KEY.into()),
        })
        .unwrap()
        .id;

    let stored = direct_entry(&id).expect("one keyring entry per profile id");
    assert!(stored.contains(SECRET_KEY) && stored.contains(API_KEY));
    assert_no_secret_on_disk(dir.path());

    let mut fresh = open(dir.path(), None);
    let summary = fresh.get(&id).unwrap();
    assert!(summary.has_access_keys && summary.has_api_key);
    let resolved = fresh.resolve(&id, None).await.unwrap();
    assert!(resolved.uses_api_key);
    let status = resolved.check_credentials().await.unwrap();
    assert_eq!(
        status.access_key_id.as_deref(),
        Some("AKIAKEYRINGTEST00001")
    );
    let read_back = KeyringSecrets::new().get(&id).unwrap().unwrap();
    let keys = read_back.access_keys.unwrap();
    assert_eq!(keys.secret_access_key.expose(), SECRET_KEY);
    assert_eq!(keys.session_token.unwrap().expose(), SESSION_TOKEN);
    assert_eq!(read_back.bedrock_api_key.unwrap().expose(), API_KEY);

    fresh
        .update(
            &id,
            ProfileUpdate {
                bedrock_api_key: Change::Clear,
                ..ProfileUpdate::default()
            },
        )
        .unwrap();
    assert!(!direct_entry(&id).unwrap().contains(API_KEY));
    assert_no_secret_on_disk(dir.path());

    assert_eq!(fresh.delete(&id).unwrap(), Deleted::Removed);
    assert!(
        matches!(direct_entry(&id), Err(keyring::Error::NoEntry)),
        "deleting the profile removes its keyring entry"
    );
}

#[tokio::test]
async fn an_aws_profiles_api_key_is_kept_in_the_keyring_until_its_overrides_are_reset() {
    if !keyring_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = AwsFiles::new(dir.path().join("config"), dir.path().join("credentials"));
    let name = format!("keyring-test-{}", uuid::Uuid::new_v4().simple());
    std::fs::write(
        &files.config,
        format!("[profile {name}]\nregion = us-west-2\n"),
    )
    .unwrap();
    let data = dir.path().join("data");
    let id = format!("aws:{name}");

    open(&data, Some(files.clone()))
        .update(
            &id,
            ProfileUpdate {
                bedrock_api_key: Change::Set(API_KEY.into()),
                ..ProfileUpdate::default()
            },
        )
        .unwrap();
    assert!(direct_entry(&id).unwrap().contains(API_KEY));
    assert_no_secret_on_disk(&data);

    let mut fresh = open(&data, Some(files));
    assert!(fresh.get(&id).unwrap().has_api_key);
    assert!(fresh.resolve(&id, None).await.unwrap().uses_api_key);
    assert_eq!(fresh.delete(&id).unwrap(), Deleted::OverridesReset);
    assert!(matches!(direct_entry(&id), Err(keyring::Error::NoEntry)));
}
