//! What kind of credentials a `~/.aws` profile resolves to, in aws-config's own order of
//! precedence, and a line about it for the UI. Only for display: aws-config does the resolving.

use crate::model::AwsProfileKind;

use super::discover::AwsProfile;

pub fn classify(profile: &AwsProfile) -> (AwsProfileKind, Option<String>) {
    let get = |key: &str| profile.value(key);
    if let Some(role_arn) = get("role_arn") {
        if get("web_identity_token_file").is_some() {
            return (
                AwsProfileKind::WebIdentity,
                Some(format!("web identity for role {role_arn}")),
            );
        }
        let via = match (get("source_profile"), get("credential_source")) {
            (Some(source), _) => format!(" via source profile {source}"),
            (None, Some(source)) => format!(" via {source}"),
            (None, None) => String::new(),
        };
        return (
            AwsProfileKind::AssumeRole,
            Some(format!("assumes role {role_arn}{via}")),
        );
    }
    if get("web_identity_token_file").is_some() {
        return (AwsProfileKind::WebIdentity, None);
    }
    if let Some(session) = get("sso_session") {
        return (AwsProfileKind::Sso, Some(format!("SSO session {session}")));
    }
    if let Some(start_url) = get("sso_start_url") {
        return (AwsProfileKind::Sso, Some(format!("SSO {start_url}")));
    }
    if get("sso_account_id").is_some() || get("sso_role_name").is_some() {
        return (AwsProfileKind::Sso, None);
    }
    if get("credential_process").is_some() {
        // The command line itself may carry secrets, so it is not shown.
        return (
            AwsProfileKind::CredentialProcess,
            Some("credential_process".to_owned()),
        );
    }
    if get("aws_access_key_id").is_some() {
        return (AwsProfileKind::Static, Some("static keys".to_owned()));
    }
    (AwsProfileKind::Unknown, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(pairs: &[(&str, &str)]) -> AwsProfile {
        let mut profile = AwsProfile::named("p");
        for (key, value) in pairs {
            profile.insert(key, value);
        }
        profile
    }

    #[test]
    fn each_kind_is_recognised() {
        let cases = [
            (
                vec![
                    ("aws_access_key_id", "AKID"),
                    ("aws_secret_access_key", "s"),
                ],
                AwsProfileKind::Static,
            ),
            (vec![("sso_session", "corp")], AwsProfileKind::Sso),
            (
                vec![("sso_start_url", "https://x.awsapps.com/start")],
                AwsProfileKind::Sso,
            ),
            (
                vec![("credential_process", "/bin/creds")],
                AwsProfileKind::CredentialProcess,
            ),
            (
                vec![
                    ("role_arn", "arn:aws:iam::123456789012:role/r"),
                    ("source_profile", "base"),
                ],
                AwsProfileKind::AssumeRole,
            ),
            (
                vec![
                    ("role_arn", "arn:aws:iam::123456789012:role/r"),
                    ("web_identity_token_file", "/tmp/token"),
                ],
                AwsProfileKind::WebIdentity,
            ),
            (vec![("region", "eu-west-1")], AwsProfileKind::Unknown),
        ];
        for (pairs, expected) in cases {
            assert_eq!(classify(&profile(&pairs)).0, expected, "{pairs:?}");
        }
    }

    #[test]
    fn a_role_wins_over_static_keys_as_in_aws_config() {
        let both = profile(&[
            ("aws_access_key_id", "AKID"),
            ("role_arn", "arn:aws:iam::123456789012:role/r"),
            ("source_profile", "base"),
        ]);
        let (kind, detail) = classify(&both);
        assert_eq!(kind, AwsProfileKind::AssumeRole);
        assert_eq!(
            detail.as_deref(),
            Some("assumes role arn:aws:iam::123456789012:role/r via source profile base")
        );
    }

    #[test]
    fn the_credential_process_command_is_never_shown() {
        let (_, detail) = classify(&profile(&[(
            "credential_process",
            "/bin/creds --token s3cr3t",
        )]));
        assert!(!detail.unwrap_or_default().contains("s3cr3t"));
    }
}
