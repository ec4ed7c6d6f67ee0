//! Errors as Bedrock sends them: a non-2xx status, `x-amzn-ErrorType` and a JSON body.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

/// The modeled exceptions of the Bedrock services, with their HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    AccessDenied,
    ExpiredToken,
    Validation,
    ResourceNotFound,
    Throttling,
    ModelTimeout,
    ModelError,
    ModelNotReady,
    ServiceUnavailable,
    InternalServer,
    ServiceQuotaExceeded,
    ModelStreamError,
    Conflict,
    /// bedrock-agent-runtime: a dependency (the model, the vector store) failed.
    DependencyFailed,
    /// bedrock-agent-runtime: a gateway between the service and a dependency failed.
    BadGateway,
}

impl ErrorKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::AccessDenied => "AccessDeniedException",
            Self::ExpiredToken => "ExpiredTokenException",
            Self::Validation => "ValidationException",
            Self::ResourceNotFound => "ResourceNotFoundException",
            Self::Throttling => "ThrottlingException",
            Self::ModelTimeout => "ModelTimeoutException",
            Self::ModelError => "ModelErrorException",
            Self::ModelNotReady => "ModelNotReadyException",
            Self::ServiceUnavailable => "ServiceUnavailableException",
            Self::InternalServer => "InternalServerException",
            Self::ServiceQuotaExceeded => "ServiceQuotaExceededException",
            Self::ModelStreamError => "ModelStreamErrorException",
            Self::Conflict => "ConflictException",
            Self::DependencyFailed => "DependencyFailedException",
            Self::BadGateway => "BadGatewayException",
        }
    }

    pub fn status(self) -> StatusCode {
        match self {
            Self::AccessDenied | Self::ExpiredToken => StatusCode::FORBIDDEN,
            Self::Validation | Self::ServiceQuotaExceeded => StatusCode::BAD_REQUEST,
            Self::ResourceNotFound => StatusCode::NOT_FOUND,
            Self::Throttling | Self::ModelNotReady => StatusCode::TOO_MANY_REQUESTS,
            Self::ModelTimeout => StatusCode::REQUEST_TIMEOUT,
            Self::ModelError | Self::ModelStreamError => StatusCode::FAILED_DEPENDENCY,
            Self::ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::InternalServer => StatusCode::INTERNAL_SERVER_ERROR,
            Self::Conflict => StatusCode::CONFLICT,
            Self::DependencyFailed => StatusCode::FAILED_DEPENDENCY,
            Self::BadGateway => StatusCode::BAD_GATEWAY,
        }
    }

    /// The member name of this exception inside an event stream union.
    pub fn stream_member(self) -> String {
        let code = self.code();
        let mut chars = code.chars();
        match chars.next() {
            Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
            None => String::new(),
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        let normalized = name.trim().to_ascii_lowercase().replace(['-', '_'], "");
        let kind = match normalized.trim_end_matches("exception") {
            "accessdenied" => Self::AccessDenied,
            "expiredtoken" => Self::ExpiredToken,
            "validation" => Self::Validation,
            "resourcenotfound" => Self::ResourceNotFound,
            "throttling" | "throttle" => Self::Throttling,
            "modeltimeout" => Self::ModelTimeout,
            "modelerror" => Self::ModelError,
            "modelnotready" => Self::ModelNotReady,
            "serviceunavailable" => Self::ServiceUnavailable,
            "internalserver" => Self::InternalServer,
            "servicequotaexceeded" => Self::ServiceQuotaExceeded,
            "modelstreamerror" => Self::ModelStreamError,
            "conflict" => Self::Conflict,
            "dependencyfailed" => Self::DependencyFailed,
            "badgateway" => Self::BadGateway,
            _ => return None,
        };
        Some(kind)
    }

    /// The message Bedrock sends with this error when nothing more specific is known.
    pub fn default_message(self) -> &'static str {
        match self {
            Self::AccessDenied => "You don't have access to the model with the specified model ID.",
            Self::ExpiredToken => "The security token included in the request is expired",
            Self::Validation => "The request is invalid.",
            Self::ResourceNotFound => "The requested resource could not be found.",
            Self::Throttling => "Too many requests, please wait before trying again.",
            Self::ModelTimeout => {
                "Model has timed out in processing the request. Try your request again."
            }
            Self::ModelError => "The model encountered an error while processing the request.",
            Self::ModelNotReady => {
                "Model is not ready to serve inference requests. Try again later."
            }
            Self::ServiceUnavailable => "Bedrock is unable to process your request.",
            Self::InternalServer => {
                "The server encountered an internal error while processing the request."
            }
            Self::ServiceQuotaExceeded => {
                "Your request exceeds the service quota for your account."
            }
            Self::ModelStreamError => "The model failed while streaming its response.",
            Self::Conflict => "The request conflicts with the current state of the resource.",
            Self::DependencyFailed => {
                "The request failed due to a dependency error (injected fault)."
            }
            Self::BadGateway => "The request failed due to a bad gateway error (injected fault).",
        }
    }
}

/// An error response of a Bedrock API.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub kind: ErrorKind,
    pub message: String,
    pub extra: Map<String, Value>,
}

impl ApiError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            extra: Map::new(),
        }
    }

    pub fn of(kind: ErrorKind) -> Self {
        Self::new(kind, kind.default_message())
    }

    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Validation, message)
    }

    /// Bedrock's wording when a native body does not fit the model family's schema.
    pub fn malformed(detail: impl std::fmt::Display) -> Self {
        Self::validation(format!(
            "Malformed input request: {detail}, please reformat your input and try again."
        ))
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::ResourceNotFound, message)
    }

    pub fn with_field(mut self, key: &str, value: Value) -> Self {
        self.extra.insert(key.to_owned(), value);
        self
    }

    /// The JSON body: `{"message": ...}` plus any modeled extra members.
    pub fn body(&self) -> Value {
        let mut body = self.extra.clone();
        body.insert("message".into(), json!(self.message));
        Value::Object(body)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind.code(), self.message)
    }
}

impl std::error::Error for ApiError {}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.kind.status(), axum::Json(self.body())).into_response();
        response.headers_mut().insert(
            "x-amzn-ErrorType",
            HeaderValue::from_static(self.kind.code()),
        );
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
