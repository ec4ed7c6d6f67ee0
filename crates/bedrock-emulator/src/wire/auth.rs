//! Who signed a request. Any signature is accepted; the emulator only records the caller.

use axum::http::HeaderMap;
use serde::Serialize;

pub const DEFAULT_REGION: &str = "us-east-1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthScheme {
    Sigv4,
    Bearer,
    None,
}

/// The credentials a request carried, as far as they can be read without secrets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Caller {
    pub scheme: AuthScheme,
    /// The access key id from the SigV4 credential scope.
    pub access_key_id: Option<String>,
    /// The last four characters of a bearer token (API key), as consoles show them.
    pub bearer_key_suffix: Option<String>,
    pub region: String,
    /// The SigV4 signing name (`bedrock`, `sts`).
    pub signing_service: Option<String>,
    pub has_session_token: bool,
}

impl Caller {
    pub fn from_headers(headers: &HeaderMap, query: Option<&str>) -> Self {
        let authorization = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let has_session_token = headers.contains_key("x-amz-security-token");
        if let Some(token) = authorization.strip_prefix("Bearer ") {
            let token = token.trim();
            let suffix: String = token
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            return Self {
                scheme: AuthScheme::Bearer,
                access_key_id: None,
                bearer_key_suffix: Some(suffix),
                region: DEFAULT_REGION.into(),
                signing_service: None,
                has_session_token,
            };
        }
        let credential = authorization
            .split([' ', ','])
            .find_map(|part| part.trim().strip_prefix("Credential="))
            .map(str::to_owned)
            .or_else(|| query.and_then(presigned_credential));
        match credential {
            Some(scope) => {
                let mut parts = scope.split('/');
                let access_key_id = parts.next().map(str::to_owned);
                let region = parts.nth(1).unwrap_or(DEFAULT_REGION).to_owned();
                let signing_service = parts.next().map(str::to_owned);
                Self {
                    scheme: AuthScheme::Sigv4,
                    access_key_id,
                    bearer_key_suffix: None,
                    region,
                    signing_service,
                    has_session_token: has_session_token
                        || query.is_some_and(|q| q.contains("X-Amz-Security-Token=")),
                }
            }
            None => Self {
                scheme: AuthScheme::None,
                access_key_id: None,
                bearer_key_suffix: None,
                region: DEFAULT_REGION.into(),
                signing_service: None,
                has_session_token,
            },
        }
    }
}

fn presigned_credential(query: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let value = pair.strip_prefix("X-Amz-Credential=")?;
        Some(value.replace("%2F", "/").replace("%2f", "/"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_access_key_and_region_from_the_credential_scope() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/eu-west-3/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"
                .parse()
                .unwrap(),
        );
        let caller = Caller::from_headers(&headers, None);
        assert_eq!(caller.scheme, AuthScheme::Sigv4);
        assert_eq!(caller.access_key_id.as_deref(), Some("AKIDEXAMPLE"));
        assert_eq!(caller.region, "eu-west-3");
        assert_eq!(caller.signing_service.as_deref(), Some("bedrock"));
    }

    #[test]
    fn keeps_only_the_last_four_characters_of_a_bearer_token() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "authorization",
            "Bearer ABSKsecretvalue1234".parse().unwrap(),
        );
        let caller = Caller::from_headers(&headers, None);
        assert_eq!(caller.scheme, AuthScheme::Bearer);
        assert_eq!(caller.bearer_key_suffix.as_deref(), Some("1234"));
    }

    #[test]
    fn unsigned_requests_are_marked_as_such() {
        let caller = Caller::from_headers(&HeaderMap::new(), None);
        assert_eq!(caller.scheme, AuthScheme::None);
        assert_eq!(caller.region, DEFAULT_REGION);
    }
}
