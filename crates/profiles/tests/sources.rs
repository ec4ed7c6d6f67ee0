//! Where profiles come from: `~/.aws` files merged with the app's own, and the settings file.

mod common;

use common::fixture::{API_KEY, Fixture, keys_profile};
use profiles::{
    AwsProfileKind, Change, Deleted, EMULATOR_ID, EMULATOR_NAME, InMemorySecrets, ProfileErrorCode,
    ProfileStore, ProfileUpdate, SourceKind,
};

#[test]
fn an_active_aws_profile_that_left_the_file_falls_back_to_the_emulator() {
    let fixture = Fixture::with_aws("[profile dev]\n", "");
    let mut store = fixture.open();
    store.set_active("aws:dev").unwrap();
    std::fs::write(&fixture.aws.config, "[profile other]\n").unwrap();
    assert_eq!(store.active().id, EMULATOR_ID);
    assert_eq!(store.list().active_id, EMULATOR_ID);
}

#[test]
fn aws_profiles_merge_with_app_profiles_and_keep_user_overrides() {
    let fixture = Fixture::with_aws(
        "[default]\nregion = eu-west-1\n[profile sso-dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-2\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n[profile role]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = default\nendpoint_url = http://127.0.0.1:9\n",
        "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = file-secret\n[proc]\ncredential_process = /bin/false\n",
    );
    let mut store = fixture.open();
    store.add(keys_profile("work")).unwrap();
    let list = store.list();
    assert!(list.problems.is_empty(), "{:?}", list.problems);
    let ids: Vec<_> = list.profiles.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), 6);
    assert_eq!(ids[0], EMULATOR_ID);
    assert!(ids[1].starts_with("app:"));
    assert_eq!(
        &ids[2..],
        ["aws:default", "aws:proc", "aws:role", "aws:sso-dev"]
    );

    let kind = |id: &str| store.get(id).unwrap().aws_kind.unwrap();
    assert_eq!(kind("aws:default"), AwsProfileKind::Static);
    assert_eq!(kind("aws:proc"), AwsProfileKind::CredentialProcess);
    assert_eq!(kind("aws:role"), AwsProfileKind::AssumeRole);
    assert_eq!(kind("aws:sso-dev"), AwsProfileKind::Sso);
    let role = store.get("aws:role").unwrap();
    assert_eq!(role.source, SourceKind::AwsFile);
    assert_eq!(
        (role.region.as_str(), role.region_source),
        ("", profiles::RegionSource::Missing),
        "no region in the file or the environment: none, never a silent us-east-1"
    );
    assert_eq!(role.endpoint_url.as_deref(), Some("http://127.0.0.1:9"));
    assert_eq!(store.get("aws:default").unwrap().region, "eu-west-1");

    let updated = store
        .update(
            "aws:default",
            ProfileUpdate {
                region: Change::Set("ap-southeast-2".into()),
                endpoint_url: Change::Set("http://localhost:4000".into()),
                ..ProfileUpdate::default()
            },
        )
        .unwrap();
    assert_eq!(updated.region, "ap-southeast-2");
    assert!(updated.region_overridden && updated.endpoint_overridden && updated.can_delete);
    let reopened = fixture.open().get("aws:default").unwrap();
    assert_eq!(
        reopened.endpoint_url.as_deref(),
        Some("http://localhost:4000")
    );
    assert_eq!(
        std::fs::read_to_string(&fixture.aws.config)
            .unwrap()
            .matches("ap-southeast-2")
            .count(),
        0,
        "overrides stay in the app's settings, the AWS file is never written"
    );

    assert_eq!(
        store.delete("aws:default").unwrap(),
        Deleted::OverridesReset
    );
    let reset = store.get("aws:default").unwrap();
    assert_eq!(reset.region, "eu-west-1");
    assert!(!reset.region_overridden && reset.endpoint_url.is_none());
    assert!(store.list().profiles.iter().any(|p| p.id == "aws:default"));
}

#[test]
fn aws_profiles_take_an_api_key_but_not_keys() {
    let fixture = Fixture::with_aws("[profile dev]\nregion = eu-west-1\n", "");
    let mut store = fixture.open();
    let with_key = store
        .update(
            "aws:dev",
            ProfileUpdate {
                bedrock_api_key: Change::Set(API_KEY.into()),
                ..ProfileUpdate::default()
            },
        )
        .unwrap();
    assert!(with_key.has_api_key);
    assert!(fixture.secrets.contains("aws:dev"));
    let keys = ProfileUpdate {
        access_keys: Change::Clear,
        ..ProfileUpdate::default()
    };
    assert_eq!(
        store.update("aws:dev", keys).unwrap_err().code,
        ProfileErrorCode::ReadOnly
    );
    store.delete("aws:dev").unwrap();
    assert!(!fixture.secrets.contains("aws:dev"));
    assert!(!store.get("aws:dev").unwrap().has_api_key);
}

#[test]
fn a_corrupt_settings_file_is_set_aside_and_reported() {
    let fixture = Fixture::new();
    let settings = fixture.data_dir().join("profiles.json");
    std::fs::write(&settings, "{ not json").unwrap();
    std::fs::write(fixture.data_dir().join("profiles.json.bak"), "older backup").unwrap();

    let mut store = fixture.open();
    let list = store.list();
    assert_eq!(list.profiles.len(), 1);
    assert_eq!(list.problems.len(), 1);
    let problem = &list.problems[0];
    assert_eq!(problem.path, settings.display().to_string());
    assert!(
        problem.message.contains("profiles.json.bak.1"),
        "{}",
        problem.message
    );
    assert_eq!(
        std::fs::read_to_string(fixture.data_dir().join("profiles.json.bak.1")).unwrap(),
        "{ not json"
    );
    assert_eq!(
        std::fs::read_to_string(fixture.data_dir().join("profiles.json.bak")).unwrap(),
        "older backup",
        "an earlier backup is never overwritten"
    );

    store.add(keys_profile("work")).unwrap();
    let reopened = fixture.open().list();
    assert!(reopened.problems.is_empty());
    assert_eq!(reopened.profiles.len(), 2);
}

#[test]
fn an_unreadable_settings_file_is_an_error_that_names_it() {
    let fixture = Fixture::new();
    std::fs::create_dir(fixture.data_dir().join("profiles.json")).unwrap();
    let error =
        ProfileStore::open_with(&fixture.data_dir(), Box::new(InMemorySecrets::new()), None)
            .unwrap_err();
    assert_eq!(error.code, ProfileErrorCode::SettingsFile);
    assert!(error.message.contains("profiles.json"), "{}", error.message);
}

#[test]
fn a_broken_aws_file_is_a_problem_while_other_profiles_still_list() {
    let fixture = Fixture::with_aws(
        "[profile dev]\nregion = eu-west-1\n= no key here\n",
        "[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = x\n",
    );
    let mut store = fixture.open();
    store.add(keys_profile("work")).unwrap();
    let list = store.list();
    assert_eq!(list.problems.len(), 1, "{:?}", list.problems);
    assert_eq!(
        list.problems[0].path,
        fixture.aws.config.display().to_string()
    );
    assert!(!list.problems[0].hint.is_empty());
    let names: Vec<_> = list.profiles.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, [EMULATOR_NAME, "work", "ci"]);
}
