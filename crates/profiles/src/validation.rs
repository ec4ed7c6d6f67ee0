//! Checks on what the user typed, with messages that say what to type instead.

use crate::error::{ProfileError, ProfileErrorCode};
use crate::secrets::{AccessKeys, SecretString};

const MAX_NAME_CHARS: usize = 64;

/// A trimmed, non-empty name of reasonable length.
pub fn profile_name(name: &str) -> Result<String, ProfileError> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(ProfileError::new(
            ProfileErrorCode::InvalidName,
            "A profile needs a name.",
            "Type a name, e.g. `work` or `personal`.",
        ));
    }
    if trimmed.chars().count() > MAX_NAME_CHARS || trimmed.chars().any(char::is_control) {
        return Err(ProfileError::new(
            ProfileErrorCode::InvalidName,
            format!("The name `{trimmed}` is too long or has control characters."),
            format!("Use at most {MAX_NAME_CHARS} printable characters."),
        ));
    }
    Ok(trimmed.to_owned())
}

/// Names are compared the way a person reads them: ignoring case and surrounding spaces.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

pub fn region(region: &str) -> Result<String, ProfileError> {
    let trimmed = region.trim();
    let plausible = !trimmed.is_empty()
        && trimmed
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !plausible {
        return Err(ProfileError::invalid_input(
            format!("`{region}` is not an AWS region name."),
            "Use a region code such as us-east-1, us-west-2 or eu-central-1.",
        ));
    }
    Ok(trimmed.to_owned())
}

pub fn endpoint_url(url: &str) -> Result<String, ProfileError> {
    let trimmed = url.trim();
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => {
            if is_clear_text_to_a_remote_host(trimmed) {
                return Err(ProfileError::new(
                    ProfileErrorCode::InsecureEndpoint,
                    format!(
                        "`{trimmed}` is plain http:// to another computer: your keys or Bedrock API key would travel in clear text."
                    ),
                    format!(
                        "Use https:// ({}); http:// is only for a local server on 127.0.0.1, ::1 or localhost.",
                        trimmed.replacen("http://", "https://", 1)
                    ),
                ));
            }
            Ok(trimmed.to_owned())
        }
        _ => Err(ProfileError::invalid_input(
            format!("`{url}` is not an endpoint URL."),
            "Use a full URL such as https://bedrock-runtime.us-east-1.amazonaws.com or http://127.0.0.1:4566.",
        )),
    }
}

/// An `http://` URL whose host is not this computer (127.0.0.0/8, ::1, localhost).
pub fn is_clear_text_to_a_remote_host(url: &str) -> bool {
    let Some(rest) = url
        .trim()
        .get(..7)
        .filter(|scheme| scheme.eq_ignore_ascii_case("http://"))
        .map(|_| &url.trim()[7..])
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = match host_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    };
    !is_loopback(host)
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

pub fn access_keys(keys: AccessKeys) -> Result<AccessKeys, ProfileError> {
    let access_key_id = keys.access_key_id.trim().to_owned();
    if access_key_id.is_empty() || access_key_id.contains(char::is_whitespace) {
        return Err(ProfileError::invalid_input(
            "The access key id is empty or has spaces.",
            "Paste the access key id (it starts with AKIA or ASIA) from the IAM console or your administrator.",
        ));
    }
    if keys.secret_access_key.is_blank() {
        return Err(ProfileError::invalid_input(
            "The secret access key is empty.",
            "Paste the secret access key that was shown with the access key id.",
        ));
    }
    let secret_access_key = SecretString::new(keys.secret_access_key.expose().trim());
    let session_token = keys
        .session_token
        .filter(|token| !token.is_blank())
        .map(|token| SecretString::new(token.expose().trim()));
    Ok(AccessKeys {
        access_key_id,
        secret_access_key,
        session_token,
    })
}

pub fn api_key(key: SecretString) -> Result<SecretString, ProfileError> {
    if key.is_blank() || key.expose().trim().contains(char::is_whitespace) {
        return Err(ProfileError::invalid_input(
            "The Bedrock API key is empty or has spaces.",
            "Paste the API key generated in the Amazon Bedrock console (API keys page).",
        ));
    }
    Ok(SecretString::new(key.expose().trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_must_not_be_empty() {
        assert_eq!(profile_name("  work ").unwrap(), "work");
        assert_eq!(
            profile_name("   ").unwrap_err().code,
            ProfileErrorCode::InvalidName
        );
        assert!(profile_name(&"x".repeat(65)).is_err());
        assert!(same_name("Work", " work"));
    }

    #[test]
    fn regions_and_endpoints_are_checked() {
        assert_eq!(region(" eu-west-3 ").unwrap(), "eu-west-3");
        assert!(region("Europe (Paris)").is_err());
        assert!(endpoint_url("http://127.0.0.1:4566").is_ok());
        assert!(endpoint_url("127.0.0.1:4566").is_err());
        assert_eq!(
            endpoint_url("http://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com")
                .unwrap_err()
                .code,
            ProfileErrorCode::InsecureEndpoint
        );
        assert!(endpoint_url("https://").is_err());
    }

    #[test]
    fn clear_text_is_only_for_this_computer() {
        for local in [
            "http://127.0.0.1:4566",
            "http://127.8.9.10",
            "http://localhost:8080/x",
            "HTTP://LOCALHOST",
            "http://[::1]:4000",
            "https://bedrock.example.com",
            "https://10.0.0.1",
        ] {
            assert!(!is_clear_text_to_a_remote_host(local), "{local}");
        }
        for remote in [
            "http://bedrock-runtime.us-east-1.amazonaws.com",
            "http://10.0.0.1:80",
            "http://localhost.evil.example",
            "http://127.0.0.1.nip.io",
            "http://[2001:db8::1]:443",
            "http://user@192.168.1.2/",
        ] {
            assert!(is_clear_text_to_a_remote_host(remote), "{remote}");
        }
    }

    #[test]
    fn blank_session_tokens_are_dropped() {
        let keys = access_keys(AccessKeys {
            access_key_id: " AKIDEXAMPLE ".into(),
            secret_access_key: "secret".into(),
            session_token: Some("  ".into()),
        })
        .unwrap();
        assert_eq!(keys.access_key_id, "AKIDEXAMPLE");
        assert!(keys.session_token.is_none());
    }
}
