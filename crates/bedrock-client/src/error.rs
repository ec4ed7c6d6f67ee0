//! Every failure as `{code, message, hint}`: the UI branches on `code`, the user acts on `hint`.

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_bedrockruntime::error::{ProvideErrorMetadata, SdkError};
use serde::Serialize;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ErrorCode {
    AccessDenied,
    ExpiredCredentials,
    NoCredentials,
    /// Bedrock does not recognise the key or signature: a wrong, deleted or mistyped key.
    InvalidCredentials,
    /// The profile cannot be used as it is (gone from ~/.aws/config, no region, a clear-text
    /// endpoint): nothing was sent; choose or fix a profile.
    ProfileUnusable,
    InvalidRequest,
    OnDemandNotSupported,
    ModelNotFound,
    Throttled,
    ModelTimeout,
    ModelError,
    ModelNotReady,
    ServiceUnavailable,
    QuotaExceeded,
    Network,
    StreamInterrupted,
    /// The user stopped the work (a projection, an embedding job).
    Cancelled,
    Unknown,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientError {
    pub code: ErrorCode,
    pub message: String,
    pub hint: String,
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

impl std::error::Error for ClientError {}

impl ClientError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            hint: hint_for(code).to_owned(),
        }
    }

    /// Replace the generic hint of the code with one about this failure.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }

    /// Classify a Bedrock error by its modeled code and message.
    pub fn from_service(code: Option<&str>, message: Option<&str>) -> Self {
        let message = message.unwrap_or("Bedrock returned an error without a message.");
        let lower = message.to_ascii_lowercase();
        // Stream exception frames name the member (`throttlingException`), headers the shape.
        let code = code.unwrap_or("").to_ascii_lowercase();
        let kind = match code.trim_end_matches("exception") {
            "accessdenied" => ErrorCode::AccessDenied,
            "expiredtoken" => ErrorCode::ExpiredCredentials,
            "unrecognizedclient" | "invalidsignature" | "signaturedoesnotmatch" => {
                ErrorCode::InvalidCredentials
            }
            "validation" if lower.contains("on-demand throughput") => {
                ErrorCode::OnDemandNotSupported
            }
            "validation" if lower.contains("model identifier is invalid") => {
                ErrorCode::ModelNotFound
            }
            "validation" => ErrorCode::InvalidRequest,
            "resourcenotfound" => ErrorCode::ModelNotFound,
            "throttling" => ErrorCode::Throttled,
            "modeltimeout" => ErrorCode::ModelTimeout,
            "modelerror" | "modelstreamerror" => ErrorCode::ModelError,
            "modelnotready" => ErrorCode::ModelNotReady,
            "serviceunavailable" | "internalserver" => ErrorCode::ServiceUnavailable,
            "servicequotaexceeded" => ErrorCode::QuotaExceeded,
            _ => ErrorCode::Unknown,
        };
        let error = Self::new(kind, message);
        if matches!(kind, ErrorCode::InvalidRequest | ErrorCode::AccessDenied)
            && let Some(hint) = crate::validation_hints::validation_hint(message)
        {
            return error.with_hint(hint);
        }
        error
    }

    pub fn from_sdk<E: ProvideErrorMetadata + std::error::Error + 'static, R: std::fmt::Debug>(
        error: SdkError<E, R>,
    ) -> Self {
        if !matches!(error, SdkError::ServiceError(_))
            && let Some(identity) = std::error::Error::source(&error).and_then(identity_failure)
        {
            return identity;
        }
        match &error {
            SdkError::ServiceError(service) => {
                Self::from_service(service.err().code(), service.err().message())
            }
            SdkError::TimeoutError(_) => Self::new(
                ErrorCode::ModelTimeout,
                "The request timed out before Bedrock answered.",
            ),
            SdkError::DispatchFailure(failure) => {
                if failure.is_user() && format!("{failure:?}").contains("credentials") {
                    Self::new(
                        ErrorCode::NoCredentials,
                        "No AWS credentials could be loaded for this profile.",
                    )
                } else {
                    Self::new(
                        ErrorCode::Network,
                        format!(
                            "Could not reach the Bedrock endpoint: {}",
                            source_chain(&error)
                        ),
                    )
                }
            }
            SdkError::ResponseError(_) => Self::new(
                ErrorCode::StreamInterrupted,
                format!("The response was cut off: {}", source_chain(&error)),
            ),
            _ => Self::new(ErrorCode::Unknown, source_chain(&error)),
        }
    }
}

/// A credentials failure already explained (code, message, fix), carried through the SDK's
/// error chain so that every call failing on it reports it as such.
#[derive(Debug, Clone)]
pub struct IdentityFailure(pub ClientError);

impl std::fmt::Display for IdentityFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for IdentityFailure {}

/// The credentials failure behind a failed call, if that is why it failed: the SDK resolves
/// the identity before sending, so such a call never reached Bedrock.
pub fn identity_failure(error: &(dyn std::error::Error + 'static)) -> Option<ClientError> {
    let mut current = Some(error);
    while let Some(inner) = current {
        if let Some(explained) = inner.downcast_ref::<IdentityFailure>() {
            return Some(explained.0.clone());
        }
        if let Some(credentials) = inner.downcast_ref::<CredentialsError>() {
            return Some(crate::connection_check::credentials_error(
                credentials,
                None,
            ));
        }
        current = inner.source();
    }
    None
}

/// An error and its sources, joined with `: `.
pub fn source_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}

/// What the user can do about each kind of failure (see shared/reference/bedrock-api.md).
pub fn hint_for(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::AccessDenied => {
            "Enable access to this model for your account and region (Bedrock console → Model access; some models need an EULA), or check that IAM allows bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream."
        }
        ErrorCode::ExpiredCredentials => {
            "Your credentials have expired. Refresh them, e.g. run `aws sso login --profile <name>` for an SSO profile, then retry."
        }
        ErrorCode::NoCredentials => {
            "Pick a profile with credentials, add keys to the OS keyring in Profiles, or use the Local emulator profile."
        }
        ErrorCode::ProfileUnusable => {
            "Choose another profile in Profiles, or fix this one as the message says; nothing was sent."
        }
        ErrorCode::InvalidCredentials => {
            "Bedrock does not recognise these credentials: the access key id or secret is wrong, or the key was deleted or deactivated. Check the keys in Profiles (or ~/.aws/credentials), or create a new access key in IAM."
        }
        ErrorCode::InvalidRequest => {
            "The request does not fit the API or the model family. Converse content blocks are {\"text\": ...}, not Claude's {\"type\": \"text\", ...}; check the parameters this model supports."
        }
        ErrorCode::OnDemandNotSupported => {
            "This model is only available through an inference profile: use its us./eu./apac./global. profile ID for your region instead of the bare model ID."
        }
        ErrorCode::ModelNotFound => {
            "Check the model ID and its version suffix (e.g. v1:0 vs v2:0), and that the model is offered in this profile's region."
        }
        ErrorCode::Throttled => {
            "Too many requests: wait and retry (the SDK retries with backoff), or ask for a quota increase or provisioned throughput."
        }
        ErrorCode::ModelTimeout => {
            "The model took too long: shorten the prompt or lower max tokens, or raise the read timeout (e.g. 300 s) in Settings."
        }
        ErrorCode::ModelError => {
            "The model failed while generating. Retry; if it persists, try another model or a simpler prompt."
        }
        ErrorCode::ModelNotReady => "The model is still loading. Retry in a few seconds.",
        ErrorCode::ServiceUnavailable => "Bedrock is temporarily unavailable. Retry later.",
        ErrorCode::QuotaExceeded => {
            "You have reached a service quota. Request an increase in the Service Quotas console."
        }
        ErrorCode::Network => {
            "Check your network connection and the profile's endpoint URL and region."
        }
        ErrorCode::StreamInterrupted => {
            "The connection broke mid-answer. What arrived is kept; send again to retry."
        }
        ErrorCode::Cancelled => "Stopped as you asked. Start it again when you are ready.",
        ErrorCode::Unknown => {
            "Retry; if it persists, open the inspector to see the exact request and response."
        }
    }
}

/// Exception frames mid-stream carry no code in their metadata: name them from the typed variant.
pub fn from_stream_error<R: std::fmt::Debug>(
    error: SdkError<aws_sdk_bedrockruntime::types::error::ConverseStreamOutputError, R>,
) -> ClientError {
    use aws_sdk_bedrockruntime::types::error::ConverseStreamOutputError as StreamError;
    let SdkError::ServiceError(service) = &error else {
        return ClientError::from_sdk(error);
    };
    let code = match service.err() {
        StreamError::ThrottlingException(_) => "ThrottlingException",
        StreamError::ValidationException(_) => "ValidationException",
        StreamError::ModelStreamErrorException(_) => "ModelStreamErrorException",
        StreamError::InternalServerException(_) => "InternalServerException",
        StreamError::ServiceUnavailableException(_) => "ServiceUnavailableException",
        _ => return ClientError::from_sdk(error),
    };
    ClientError::from_service(Some(code), service.err().message())
}

/// The same for InvokeModelWithResponseStream's exception frames.
pub fn from_invoke_stream_error<R: std::fmt::Debug>(
    error: SdkError<aws_sdk_bedrockruntime::types::error::ResponseStreamError, R>,
) -> ClientError {
    use aws_sdk_bedrockruntime::types::error::ResponseStreamError as StreamError;
    let SdkError::ServiceError(service) = &error else {
        return ClientError::from_sdk(error);
    };
    let code = match service.err() {
        StreamError::ThrottlingException(_) => "ThrottlingException",
        StreamError::ValidationException(_) => "ValidationException",
        StreamError::ModelStreamErrorException(_) => "ModelStreamErrorException",
        StreamError::ModelTimeoutException(_) => "ModelTimeoutException",
        StreamError::InternalServerException(_) => "InternalServerException",
        StreamError::ServiceUnavailableException(_) => "ServiceUnavailableException",
        _ => return ClientError::from_sdk(error),
    };
    ClientError::from_service(Some(code), service.err().message())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_bedrock_errors_with_teaching_hints() {
        let on_demand = ClientError::from_service(
            Some("ValidationException"),
            Some("Invocation of model ID x with on-demand throughput isn't supported."),
        );
        assert_eq!(on_demand.code, ErrorCode::OnDemandNotSupported);
        assert!(on_demand.hint.contains("inference profile"));
        assert_eq!(
            ClientError::from_service(Some("ThrottlingException"), None).code,
            ErrorCode::Throttled
        );
        let expired = ClientError::from_service(
            Some("ExpiredTokenException"),
            Some("The security token included in the request is expired"),
        );
        assert_eq!(expired.code, ErrorCode::ExpiredCredentials);
        assert!(expired.hint.contains("aws sso login"));
        let wrong_key = ClientError::from_service(
            Some("UnrecognizedClientException"),
            Some("The security token included in the request is invalid."),
        );
        assert_eq!(wrong_key.code, ErrorCode::InvalidCredentials);
        assert!(wrong_key.hint.contains("access key id or secret is wrong"));
        assert_eq!(
            ClientError::from_service(Some("Weird"), Some("?")).code,
            ErrorCode::Unknown
        );
        let extraneous = ClientError::from_service(
            Some("ValidationException"),
            Some("Malformed input request: #: extraneous key [knob] is not permitted"),
        );
        assert!(extraneous.hint.contains("additionalModelRequestFields"));
    }
}
