//! Removing secrets from what is captured, keeping what helps to debug a call.

const MASK: &str = "****";

/// Headers whose whole value is a secret.
const SECRET_HEADERS: [&str; 4] = [
    "x-amz-security-token",
    "proxy-authorization",
    "cookie",
    "set-cookie",
];

/// Query parameters of presigned URLs whose value is a secret.
const SECRET_QUERY_PARAMETERS: [&str; 2] = ["x-amz-signature", "x-amz-security-token"];

pub(super) fn header_value(name: &str, value: &str) -> String {
    if name.eq_ignore_ascii_case("authorization") {
        authorization(value)
    } else if SECRET_HEADERS.iter().any(|s| name.eq_ignore_ascii_case(s)) {
        MASK.to_owned()
    } else {
        value.to_owned()
    }
}

/// SigV4 keeps its credential scope (with the access key ID masked) and signed headers;
/// a bearer token keeps its last four characters, as consoles show API keys.
fn authorization(value: &str) -> String {
    if let Some(token) = value.strip_prefix("Bearer ") {
        return format!("Bearer {}", keep_last_four(token));
    }
    match value.split_once(' ') {
        Some((algorithm, parameters)) if algorithm.starts_with("AWS4-") => {
            let parameters: Vec<String> = parameters.split(',').map(sigv4_parameter).collect();
            format!("{algorithm} {}", parameters.join(","))
        }
        _ => MASK.to_owned(),
    }
}

fn sigv4_parameter(parameter: &str) -> String {
    let leading = &parameter[..parameter.len() - parameter.trim_start().len()];
    match parameter.trim_start().split_once('=') {
        Some(("Credential", scope)) => format!("{leading}Credential={}", credential_scope(scope)),
        Some(("SignedHeaders", headers)) => format!("{leading}SignedHeaders={headers}"),
        Some((name, _)) => format!("{leading}{name}={MASK}"),
        None => format!("{leading}{MASK}"),
    }
}

/// `AKID/date/region/service/aws4_request` with the access key ID masked.
pub(super) fn credential_scope(scope: &str) -> String {
    match scope.split_once('/') {
        Some((access_key_id, rest)) => format!("{}/{rest}", mask_access_key_id(access_key_id)),
        None => mask_access_key_id(scope),
    }
}

/// The first and last four characters tell keys apart without giving one away.
fn mask_access_key_id(access_key_id: &str) -> String {
    let chars: Vec<char> = access_key_id.chars().collect();
    if chars.len() <= 12 {
        return MASK.to_owned();
    }
    let first: String = chars[..4].iter().collect();
    let last: String = chars[chars.len() - 4..].iter().collect();
    format!("{first}{MASK}{last}")
}

fn keep_last_four(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() <= 12 {
        return MASK.to_owned();
    }
    let last: String = chars[chars.len() - 4..].iter().collect();
    format!("{MASK}{last}")
}

/// The region of a SigV4 `Authorization` header's credential scope.
pub(super) fn sigv4_region(authorization: &str) -> Option<String> {
    let scope = authorization
        .split([' ', ','])
        .find_map(|part| part.strip_prefix("Credential="))?;
    let parts: Vec<&str> = scope.split('/').collect();
    (parts.len() == 5 && !parts[2].is_empty()).then(|| parts[2].to_owned())
}

pub(super) fn url(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let parameters: Vec<String> = query
        .split('&')
        .map(|parameter| match parameter.split_once('=') {
            Some((name, _))
                if SECRET_QUERY_PARAMETERS
                    .iter()
                    .any(|s| name.eq_ignore_ascii_case(s)) =>
            {
                format!("{name}={MASK}")
            }
            Some((name, value)) if name.eq_ignore_ascii_case("x-amz-credential") => {
                let decoded = percent_encoding::percent_decode_str(value).decode_utf8_lossy();
                format!("{name}={}", credential_scope(&decoded))
            }
            _ => parameter.to_owned(),
        })
        .collect();
    format!("{base}?{}", parameters.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGV4: &str = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-west-2/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=0123456789abcdef";

    #[test]
    fn sigv4_keeps_the_scope_and_masks_key_and_signature() {
        assert_eq!(
            header_value("Authorization", SIGV4),
            "AWS4-HMAC-SHA256 Credential=AKIA****MPLE/20250101/us-west-2/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=****"
        );
        assert_eq!(sigv4_region(SIGV4).as_deref(), Some("us-west-2"));
    }

    #[test]
    fn bearer_tokens_keep_only_their_last_four_characters() {
        assert_eq!(
            header_value("authorization", "Bearer ABSKQmVkcm9ja0FQSUtleS1zecret9f3a"),
            "Bearer ****9f3a"
        );
        assert_eq!(header_value("authorization", "Bearer short"), "Bearer ****");
    }

    #[test]
    fn unknown_schemes_and_secret_headers_are_masked_whole() {
        assert_eq!(header_value("authorization", "Basic dXNlcjpwYXNz"), MASK);
        assert_eq!(
            header_value("X-Amz-Security-Token", "IQoJb3JpZ2luX2Vj"),
            MASK
        );
        assert_eq!(
            header_value("content-type", "application/json"),
            "application/json"
        );
    }

    #[test]
    fn presigned_query_secrets_are_masked() {
        let redacted = url(
            "https://h/p?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20250101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=abc&X-Amz-Security-Token=tok&a=b",
        );
        assert_eq!(
            redacted,
            "https://h/p?X-Amz-Credential=AKIA****MPLE/20250101/us-east-1/s3/aws4_request&X-Amz-Signature=****&X-Amz-Security-Token=****&a=b"
        );
    }
}
