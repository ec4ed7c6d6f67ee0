//! The profile store with in-memory secrets: adding, renaming, deleting, choosing, updating.

mod common;

use common::fixture::{
    API_KEY, Fixture, SECRET_KEY, SESSION_TOKEN, all_text_under, api_key_profile, keys_profile,
};
use profiles::{
    Change, Deleted, EMULATOR_ID, EMULATOR_NAME, ProfileErrorCode, ProfileUpdate, SecretStore,
    SourceKind,
};

#[test]
fn a_new_store_lists_only_the_emulator_and_it_is_active() {
    let fixture = Fixture::new();
    let store = fixture.open();
    let list = store.list();
    assert_eq!(list.profiles.len(), 1);
    let emulator = &list.profiles[0];
    assert_eq!(emulator.id, EMULATOR_ID);
    assert_eq!(emulator.name, EMULATOR_NAME);
    assert_eq!(emulator.source, SourceKind::Emulator);
    assert!(emulator.active && !emulator.can_delete && !emulator.can_rename);
    assert_eq!(list.active_id, EMULATOR_ID);
    assert!(list.problems.is_empty());
    assert_eq!(store.active().id, EMULATOR_ID);
}

#[test]
fn added_profiles_keep_their_secret_in_the_secret_store_only() {
    let fixture = Fixture::new();
    let mut store = fixture.open();
    let keys = store.add(keys_profile("work")).unwrap();
    let api = store.add(api_key_profile("personal")).unwrap();
    assert!(keys.id.starts_with("app:") && keys.id != api.id);
    assert_eq!(keys.source, SourceKind::App);
    assert!(keys.has_access_keys && !keys.has_api_key);
    assert!(!api.has_access_keys && api.has_api_key);
    assert_eq!(
        api.endpoint_url.as_deref(),
        Some("https://bedrock.example.test")
    );

    let stored = fixture.secrets.get(&keys.id).unwrap().unwrap();
    let stored_keys = stored.access_keys.unwrap();
    assert_eq!(stored_keys.secret_access_key.expose(), SECRET_KEY);
    assert_eq!(stored_keys.session_token.unwrap().expose(), SESSION_TOKEN);
    assert_eq!(
        fixture
            .secrets
            .get(&api.id)
            .unwrap()
            .unwrap()
            .bedrock_api_key
            .unwrap()
            .expose(),
        API_KEY
    );

    let on_disk = all_text_under(&fixture.data_dir());
    assert!(on_disk.contains("work") && on_disk.contains("personal"));
    for secret in [SECRET_KEY, SESSION_TOKEN, API_KEY] {
        assert!(
            !on_disk.contains(secret),
            "{secret} leaked to disk: {on_disk}"
        );
    }

    let names: Vec<_> = fixture
        .open()
        .list()
        .profiles
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, [EMULATOR_NAME, "personal", "work"]);
}

#[test]
fn a_profile_needs_a_name_a_region_and_some_credentials() {
    let fixture = Fixture::new();
    let mut store = fixture.open();
    let mut blank = keys_profile("  ");
    assert_eq!(
        store.add(blank.clone()).unwrap_err().code,
        ProfileErrorCode::InvalidName
    );
    blank.name = "ok".into();
    blank.region = "Paris".into();
    assert_eq!(
        store.add(blank).unwrap_err().code,
        ProfileErrorCode::InvalidInput
    );
    let mut no_credentials = keys_profile("none");
    no_credentials.access_keys = None;
    assert_eq!(
        store.add(no_credentials).unwrap_err().code,
        ProfileErrorCode::InvalidInput
    );
    assert_eq!(store.list().profiles.len(), 1);
    assert!(fixture.secrets.is_empty());
}

#[test]
fn names_are_unique_across_every_source_ignoring_case() {
    let fixture = Fixture::with_aws("[profile dev]\nregion = eu-west-1\n", "");
    let mut store = fixture.open();
    store.add(keys_profile("Work")).unwrap();
    for taken in [" work ", "local EMULATOR", "DEV"] {
        let error = store.add(keys_profile(taken)).unwrap_err();
        assert_eq!(error.code, ProfileErrorCode::DuplicateName, "{taken}");
    }
    assert_eq!(
        fixture.secrets.len(),
        1,
        "a refused profile must not reach the keyring"
    );
}

#[test]
fn renaming_keeps_names_unique_and_builtin_names_fixed() {
    let fixture = Fixture::with_aws("[profile dev]\n", "");
    let mut store = fixture.open();
    let work = store.add(keys_profile("work")).unwrap();
    store.add(keys_profile("home")).unwrap();

    assert_eq!(store.rename(&work.id, " office ").unwrap().name, "office");
    assert_eq!(store.rename(&work.id, "OFFICE").unwrap().name, "OFFICE");
    assert_eq!(
        store.rename(&work.id, "home").unwrap_err().code,
        ProfileErrorCode::DuplicateName
    );
    assert_eq!(
        store.rename(&work.id, "").unwrap_err().code,
        ProfileErrorCode::InvalidName
    );
    assert_eq!(
        store.rename(EMULATOR_ID, "x").unwrap_err().code,
        ProfileErrorCode::ReadOnly
    );
    assert_eq!(
        store.rename("aws:dev", "x").unwrap_err().code,
        ProfileErrorCode::ReadOnly
    );
    assert_eq!(
        store.rename("app:nope", "x").unwrap_err().code,
        ProfileErrorCode::NotFound
    );
    assert_eq!(fixture.open().get(&work.id).unwrap().name, "OFFICE");
}

#[test]
fn deleting_removes_the_secret_and_the_emulator_cannot_be_deleted() {
    let fixture = Fixture::new();
    let mut store = fixture.open();
    let work = store.add(keys_profile("work")).unwrap();
    store.set_active(&work.id).unwrap();
    assert!(fixture.secrets.contains(&work.id));

    assert_eq!(store.delete(&work.id).unwrap(), Deleted::Removed);
    assert!(!fixture.secrets.contains(&work.id));
    assert_eq!(
        store.active().id,
        EMULATOR_ID,
        "deleting the active profile falls back"
    );
    assert_eq!(
        store.delete(&work.id).unwrap_err().code,
        ProfileErrorCode::NotFound
    );

    let error = store.delete(EMULATOR_ID).unwrap_err();
    assert_eq!(error.code, ProfileErrorCode::ReadOnly);
    assert!(
        fixture
            .open()
            .list()
            .profiles
            .iter()
            .any(|p| p.id == EMULATOR_ID)
    );
    assert_eq!(fixture.open().list().profiles.len(), 1);
}

#[test]
fn the_active_profile_is_remembered() {
    let fixture = Fixture::with_aws("[profile dev]\n", "");
    let mut store = fixture.open();
    let work = store.add(keys_profile("work")).unwrap();
    assert!(store.set_active(&work.id).unwrap().active);
    let reopened = fixture.open();
    assert_eq!(reopened.active().id, work.id);
    assert_eq!(reopened.list().active_id, work.id);
    let flags: Vec<_> = reopened.list().profiles.iter().map(|p| p.active).collect();
    assert_eq!(flags.iter().filter(|active| **active).count(), 1);

    store.set_active("aws:dev").unwrap();
    assert_eq!(fixture.open().active().id, "aws:dev");
    assert_eq!(
        store.set_active("aws:missing").unwrap_err().code,
        ProfileErrorCode::NotFound
    );
}

#[test]
fn updates_change_region_endpoint_and_secrets_but_never_leave_no_credentials() {
    let fixture = Fixture::new();
    let mut store = fixture.open();
    let work = store.add(keys_profile("work")).unwrap();
    let updated = store
        .update(
            &work.id,
            ProfileUpdate {
                region: Change::Set("us-west-2".into()),
                endpoint_url: Change::Set("http://127.0.0.1:4000".into()),
                bedrock_api_key: Change::Set(API_KEY.into()),
                ..ProfileUpdate::default()
            },
        )
        .unwrap();
    assert_eq!(updated.region, "us-west-2");
    assert!(updated.has_access_keys && updated.has_api_key);
    let secret = fixture.secrets.get(&work.id).unwrap().unwrap();
    assert!(secret.access_keys.is_some() && secret.bedrock_api_key.is_some());

    let only_api_key = store
        .update(
            &work.id,
            ProfileUpdate {
                access_keys: Change::Clear,
                endpoint_url: Change::Clear,
                ..ProfileUpdate::default()
            },
        )
        .unwrap();
    assert!(!only_api_key.has_access_keys && only_api_key.endpoint_url.is_none());

    let nothing_left = ProfileUpdate {
        bedrock_api_key: Change::Clear,
        ..ProfileUpdate::default()
    };
    assert_eq!(
        store.update(&work.id, nothing_left).unwrap_err().code,
        ProfileErrorCode::InvalidInput
    );
    assert!(
        fixture
            .secrets
            .get(&work.id)
            .unwrap()
            .unwrap()
            .bedrock_api_key
            .is_some()
    );
    let no_region = ProfileUpdate {
        region: Change::Clear,
        ..ProfileUpdate::default()
    };
    assert_eq!(
        store.update(&work.id, no_region).unwrap_err().code,
        ProfileErrorCode::InvalidInput
    );
    let emulator = ProfileUpdate {
        region: Change::Set("eu-west-1".into()),
        ..ProfileUpdate::default()
    };
    assert_eq!(
        store.update(EMULATOR_ID, emulator).unwrap_err().code,
        ProfileErrorCode::ReadOnly
    );
}

#[test]
fn secrets_never_show_in_debug_output() {
    let fixture = Fixture::new();
    let mut store = fixture.open();
    let mut both = keys_profile("both");
    both.bedrock_api_key = Some(API_KEY.into());
    let text = format!("{both:?}");
    let id = store.add(both).unwrap().id;
    let secret = fixture.secrets.get(&id).unwrap().unwrap();
    let text = format!("{text} {secret:?} {store:?} {:?}", store.list());
    for leaked in [SECRET_KEY, SESSION_TOKEN, API_KEY] {
        assert!(!text.contains(leaked), "{leaked} in {text}");
    }
    assert!(
        text.contains("AKIDAPPEXAMPLE"),
        "the access key id is not secret"
    );
}

#[test]
fn errors_serialise_as_code_message_hint() {
    let fixture = Fixture::new();
    let mut store = fixture.open();
    let error = store.delete(EMULATOR_ID).unwrap_err();
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(json["code"], "ReadOnly");
    assert!(json["message"].as_str().unwrap().contains(EMULATOR_NAME));
    assert!(!json["hint"].as_str().unwrap().is_empty());
}
