//! STS over the query protocol: GetCallerIdentity and AssumeRole, so role chains resolve on loopback.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::Extension;
use axum::Router;
use axum::extract::{Form, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use chrono::{Duration, SecondsFormat, Utc};

use crate::catalogue::profiles::ACCOUNT_ID;
use crate::context::RequestContext;
use crate::hashing::fnv1a;
use crate::state::SharedState;
use crate::wire::auth::AuthScheme;

const NAMESPACE: &str = "https://sts.amazonaws.com/doc/2011-06-15/";

/// A role session the emulator issued credentials for.
#[derive(Debug, Clone)]
pub struct RoleSession {
    pub role_arn: String,
    pub session_name: String,
}

/// Temporary credentials handed out by AssumeRole, by access key id.
#[derive(Default)]
pub struct StsIssuer {
    sessions: Mutex<HashMap<String, RoleSession>>,
}

impl StsIssuer {
    pub fn session_for(&self, access_key_id: &str) -> Option<RoleSession> {
        self.sessions
            .lock()
            .expect("sts lock")
            .get(access_key_id)
            .cloned()
    }
}

pub fn routes() -> Router<SharedState> {
    Router::new().route("/", post(handle))
}

async fn handle(
    State(state): State<SharedState>,
    Extension(context): Extension<RequestContext>,
    Form(params): Form<HashMap<String, String>>,
) -> Response {
    let request_id = &context.request_id;
    if context.caller.scheme != AuthScheme::Sigv4 {
        return error(
            StatusCode::FORBIDDEN,
            "MissingAuthenticationToken",
            "Request is missing Authentication Token",
            request_id,
        );
    }
    let access_key_id = context.caller.access_key_id.clone().unwrap_or_default();
    match params.get("Action").map(String::as_str) {
        Some("GetCallerIdentity") => caller_identity(&state, &access_key_id, request_id),
        Some("AssumeRole") => assume_role(&state, &params, request_id),
        Some(other) => error(
            StatusCode::BAD_REQUEST,
            "InvalidAction",
            &format!("The action {other} is not valid for this web service."),
            request_id,
        ),
        None => error(
            StatusCode::BAD_REQUEST,
            "MissingAction",
            "Missing Action",
            request_id,
        ),
    }
}

fn caller_identity(state: &SharedState, access_key_id: &str, request_id: &str) -> Response {
    let (arn, user_id) = match state.sts.session_for(access_key_id) {
        Some(session) => {
            let role_name = session.role_arn.rsplit('/').next().unwrap_or("role");
            let account = session.role_arn.split(':').nth(4).unwrap_or(ACCOUNT_ID);
            (
                format!(
                    "arn:aws:sts::{account}:assumed-role/{role_name}/{}",
                    session.session_name
                ),
                format!("{}:{}", role_id(&session.role_arn), session.session_name),
            )
        }
        None => (
            format!("arn:aws:iam::{ACCOUNT_ID}:user/emulator-user"),
            format!("AIDA{}", short_id(access_key_id)),
        ),
    };
    let account = arn.split(':').nth(4).unwrap_or(ACCOUNT_ID).to_owned();
    xml_ok(&format!(
        "<GetCallerIdentityResponse xmlns=\"{NAMESPACE}\"><GetCallerIdentityResult><Arn>{}</Arn><UserId>{}</UserId><Account>{}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata></GetCallerIdentityResponse>",
        escape(&arn),
        escape(&user_id),
        escape(&account)
    ))
}

fn assume_role(
    state: &SharedState,
    params: &HashMap<String, String>,
    request_id: &str,
) -> Response {
    let invalid = |message: &str| {
        error(
            StatusCode::BAD_REQUEST,
            "ValidationError",
            message,
            request_id,
        )
    };
    let Some(role_arn) = params.get("RoleArn") else {
        return invalid(
            "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
        );
    };
    let Some(session_name) = params.get("RoleSessionName") else {
        return invalid(
            "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
        );
    };
    let arn_parts: Vec<&str> = role_arn.split(':').collect();
    let valid_arn = arn_parts.len() == 6
        && arn_parts[0] == "arn"
        && arn_parts[2] == "iam"
        && arn_parts[4].len() == 12
        && arn_parts[4].chars().all(|c| c.is_ascii_digit())
        && arn_parts[5].starts_with("role/");
    if !valid_arn {
        return invalid(&format!("{role_arn} is invalid"));
    }
    let valid_name = (2..=64).contains(&session_name.len())
        && session_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c));
    if !valid_name {
        return invalid(&format!(
            "1 validation error detected: Value '{session_name}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
        ));
    }
    let duration = match params.get("DurationSeconds").map(|d| d.parse::<i64>()) {
        None => 3600,
        Some(Ok(seconds)) if (900..=43_200).contains(&seconds) => seconds,
        Some(_) => {
            return invalid("The requested DurationSeconds must be between 900 and 43200 seconds.");
        }
    };
    let access_key_id = format!("ASIA{}", short_id(&uuid::Uuid::new_v4().to_string()));
    let secret =
        uuid::Uuid::new_v4().simple().to_string() + &uuid::Uuid::new_v4().simple().to_string()[..8];
    let token = format!("EMULATED//{}", uuid::Uuid::new_v4().simple());
    let expiration =
        (Utc::now() + Duration::seconds(duration)).to_rfc3339_opts(SecondsFormat::Secs, true);
    state.sts.sessions.lock().expect("sts lock").insert(
        access_key_id.clone(),
        RoleSession {
            role_arn: role_arn.clone(),
            session_name: session_name.clone(),
        },
    );
    let role_name = role_arn.rsplit('/').next().unwrap_or("role");
    xml_ok(&format!(
        "<AssumeRoleResponse xmlns=\"{NAMESPACE}\"><AssumeRoleResult><AssumedRoleUser><Arn>arn:aws:sts::{}:assumed-role/{}/{}</Arn><AssumedRoleId>{}:{}</AssumedRoleId></AssumedRoleUser><Credentials><AccessKeyId>{access_key_id}</AccessKeyId><SecretAccessKey>{secret}</SecretAccessKey><SessionToken>{token}</SessionToken><Expiration>{expiration}</Expiration></Credentials><PackedPolicySize>0</PackedPolicySize></AssumeRoleResult><ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata></AssumeRoleResponse>",
        escape(arn_parts[4]),
        escape(role_name),
        escape(session_name),
        role_id(role_arn),
        escape(session_name),
    ))
}

fn role_id(role_arn: &str) -> String {
    format!("AROA{}", short_id(role_arn))
}

/// 16 upper-case characters derived from `seed`, in the style of AWS unique ids.
fn short_id(seed: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut hash = fnv1a(seed.as_bytes());
    (0..16)
        .map(|_| {
            let c = ALPHABET[(hash % 32) as usize] as char;
            hash = hash.rotate_right(5) ^ 0x9e37_79b9_7f4a_7c15;
            c
        })
        .collect()
}

fn xml_ok(body: &str) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/xml")],
        body.to_owned(),
    )
        .into_response()
}

fn error(status: StatusCode, code: &str, message: &str, request_id: &str) -> Response {
    let kind = if status.is_server_error() {
        "Receiver"
    } else {
        "Sender"
    };
    let body = format!(
        "<ErrorResponse xmlns=\"{NAMESPACE}\"><Error><Type>{kind}</Type><Code>{code}</Code><Message>{}</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>",
        escape(message)
    );
    (status, [(header::CONTENT_TYPE, "text/xml")], body).into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
