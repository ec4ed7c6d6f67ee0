//! The merged view of all profiles: the emulator, the app's own, and those of `~/.aws`.

use aws_types::os_shim_internal::Env;

use crate::aws_files::{AwsProfile, Discovered};
use crate::model::{
    AWS_ID_PREFIX, DEFAULT_REGION, EMULATOR_ID, EMULATOR_NAME, ProfileSummary, RegionSource,
    SourceKind,
};
use crate::settings::{AppProfile, AwsOverride, Settings};

/// A profile id, found.
pub enum Located<'a> {
    Emulator,
    App(&'a AppProfile),
    Aws(&'a AwsProfile),
}

pub fn aws_id(name: &str) -> String {
    format!("{AWS_ID_PREFIX}{name}")
}

pub fn locate<'a>(
    id: &str,
    settings: &'a Settings,
    discovered: &'a Discovered,
) -> Option<Located<'a>> {
    if id == EMULATOR_ID {
        return Some(Located::Emulator);
    }
    if let Some(name) = id.strip_prefix(AWS_ID_PREFIX) {
        return discovered.get(name).map(Located::Aws);
    }
    settings
        .app_profiles
        .iter()
        .find(|profile| profile.id == id)
        .map(Located::App)
}

/// The active profile's id; the emulator when none was chosen or the chosen one is gone.
pub fn active_id(settings: &Settings, discovered: &Discovered) -> String {
    settings
        .active_id
        .as_deref()
        .filter(|id| locate(id, settings, discovered).is_some())
        .unwrap_or(EMULATOR_ID)
        .to_owned()
}

pub fn summaries(settings: &Settings, discovered: &Discovered, env: &Env) -> Vec<ProfileSummary> {
    let active = active_id(settings, discovered);
    let mut apps: Vec<_> = settings.app_profiles.iter().map(app_summary).collect();
    apps.sort_by_key(|summary| summary.name.to_lowercase());
    let no_override = AwsOverride::default();
    let awss = discovered.profiles.iter().map(|profile| {
        let overrides = settings
            .aws_overrides
            .get(&profile.name)
            .unwrap_or(&no_override);
        aws_summary(profile, overrides, env)
    });
    let mut all: Vec<_> = std::iter::once(emulator_summary())
        .chain(apps)
        .chain(awss)
        .collect();
    let gone = settings
        .active_id
        .as_deref()
        .is_some_and(|id| locate(id, settings, discovered).is_none());
    for summary in &mut all {
        summary.active = !gone && summary.id == active;
    }
    all
}

pub fn summary_of(
    located: &Located<'_>,
    settings: &Settings,
    discovered: &Discovered,
    env: &Env,
) -> ProfileSummary {
    let mut summary = match located {
        Located::Emulator => emulator_summary(),
        Located::App(profile) => app_summary(profile),
        Located::Aws(profile) => aws_summary(
            profile,
            settings
                .aws_overrides
                .get(&profile.name)
                .unwrap_or(&AwsOverride::default()),
            env,
        ),
    };
    summary.active = summary.id == active_id(settings, discovered);
    summary
}

fn emulator_summary() -> ProfileSummary {
    ProfileSummary {
        id: EMULATOR_ID.to_owned(),
        name: EMULATOR_NAME.to_owned(),
        source: SourceKind::Emulator,
        aws_kind: None,
        detail: Some("synthetic answers from the bundled emulator".to_owned()),
        region: DEFAULT_REGION.to_owned(),
        region_source: RegionSource::BuiltIn,
        endpoint_url: None,
        runtime_endpoint_url: None,
        region_overridden: false,
        endpoint_overridden: false,
        has_access_keys: false,
        has_api_key: false,
        can_rename: false,
        can_delete: false,
        active: false,
    }
}

fn app_summary(profile: &AppProfile) -> ProfileSummary {
    ProfileSummary {
        id: profile.id.clone(),
        name: profile.name.clone(),
        source: SourceKind::App,
        aws_kind: None,
        detail: None,
        region: profile.region.clone(),
        region_source: RegionSource::App,
        endpoint_url: profile.endpoint_url.clone(),
        runtime_endpoint_url: profile.runtime_endpoint_url.clone(),
        region_overridden: false,
        endpoint_overridden: false,
        has_access_keys: profile.has_access_keys,
        has_api_key: profile.has_api_key,
        can_rename: true,
        can_delete: true,
        active: false,
    }
}

/// A `~/.aws` profile's region as the SDKs find it: the app's override, `AWS_REGION`,
/// `AWS_DEFAULT_REGION`, then the profile's `region`. (The SDKs would ask EC2 instance metadata
/// last; a desktop app is not on EC2, so a missing region is said to be missing instead.)
fn aws_region(profile: &AwsProfile, overrides: &AwsOverride, env: &Env) -> (String, RegionSource) {
    let var = |name: &str| env.get(name).ok().filter(|value| !value.trim().is_empty());
    overrides
        .region
        .clone()
        .map(|region| (region, RegionSource::App))
        .or_else(|| var("AWS_REGION").map(|region| (region, RegionSource::EnvAwsRegion)))
        .or_else(|| {
            var("AWS_DEFAULT_REGION").map(|region| (region, RegionSource::EnvAwsDefaultRegion))
        })
        .or_else(|| {
            profile
                .region()
                .map(|region| (region.to_owned(), RegionSource::AwsConfig))
        })
        .map(|(region, source)| (region.trim().to_owned(), source))
        .unwrap_or((String::new(), RegionSource::Missing))
}

fn aws_summary(profile: &AwsProfile, overrides: &AwsOverride, env: &Env) -> ProfileSummary {
    let (kind, detail) = profile.kind();
    let (region, region_source) = aws_region(profile, overrides, env);
    ProfileSummary {
        id: aws_id(&profile.name),
        name: profile.name.clone(),
        source: SourceKind::AwsFile,
        aws_kind: Some(kind),
        detail,
        region,
        region_source,
        endpoint_url: overrides
            .endpoint_url
            .as_deref()
            .or(profile.endpoint_url())
            .map(str::to_owned),
        runtime_endpoint_url: overrides.runtime_endpoint_url.clone(),
        region_overridden: overrides.region.is_some(),
        endpoint_overridden: overrides.endpoint_url.is_some(),
        has_access_keys: false,
        has_api_key: overrides.has_api_key,
        can_rename: false,
        can_delete: !overrides.is_empty(),
        active: false,
    }
}
