//! Knowledge-base errors as `ClientError`s, with hints about knowledge bases rather than models.

use aws_sdk_bedrockagentruntime::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_bedrockagentruntime::types::error::RetrieveAndGenerateStreamResponseOutputError as StreamError;

use crate::error::{ClientError, ErrorCode};

/// Replace the hints written for model calls where a knowledge-base call means something else.
pub fn knowledge_error(error: ClientError) -> ClientError {
    let lower = error.message.to_ascii_lowercase();
    match error.code {
        ErrorCode::ModelNotFound
            if lower.contains("knowledge base") || lower.contains("data source") =>
        {
            error.with_hint(
                "Check the knowledge base ID (10 letters and digits) and that it lives in this profile's region.",
            )
        }
        ErrorCode::InvalidRequest if lower.contains("session with id") => error.with_hint(
            "Sessions are made by the service and expire: start a new session and ask again.",
        ),
        ErrorCode::InvalidRequest if lower.contains("validation error") => error.with_hint(
            "Bedrock checked the request against the API's constraints: the message names each member and the rule it breaks.",
        ),
        ErrorCode::InvalidRequest if lower.contains("reranking") => error.with_hint(
            "Pick a reranking model offered in this region (amazon.rerank-v1:0, cohere.rerank-v3-5:0); its ARN is a foundation-model ARN.",
        ),
        ErrorCode::InvalidRequest => error.with_hint(
            "Bedrock rejected the knowledge-base request; check the settings the message names.",
        ),
        ErrorCode::AccessDenied => error.with_hint(
            "Check that IAM allows bedrock:Retrieve and bedrock:RetrieveAndGenerate on the knowledge base, and that the generation model is enabled in Model access.",
        ),
        _ => error,
    }
}

/// `badGateway` and `dependencyFailed` have no code of their own in [`ErrorCode`].
fn dependency_error(kind: &str, message: Option<&str>, hint: &str) -> ClientError {
    ClientError::new(
        ErrorCode::ServiceUnavailable,
        format!(
            "{kind}: {}",
            message.unwrap_or("a dependency of the knowledge base failed")
        ),
    )
    .with_hint(hint)
}

/// An exception frame of RetrieveAndGenerateStream, named from its typed variant.
pub fn from_knowledge_stream_error<R: std::fmt::Debug>(
    error: SdkError<StreamError, R>,
) -> ClientError {
    let SdkError::ServiceError(service) = &error else {
        return knowledge_error(ClientError::from_sdk(error));
    };
    let message = service.err().message();
    let code = match service.err() {
        StreamError::ThrottlingException(_) => "ThrottlingException",
        StreamError::ValidationException(_) => "ValidationException",
        StreamError::InternalServerException(_) => "InternalServerException",
        StreamError::AccessDeniedException(_) => "AccessDeniedException",
        StreamError::ResourceNotFoundException(_) => "ResourceNotFoundException",
        StreamError::ServiceQuotaExceededException(_) => "ServiceQuotaExceededException",
        StreamError::ConflictException(_) => "ConflictException",
        StreamError::BadGatewayException(_) => {
            return dependency_error(
                "BadGatewayException",
                message,
                "A service between Bedrock and a dependency (the model, the vector store) failed. Retry in a moment.",
            );
        }
        StreamError::DependencyFailedException(_) => {
            return dependency_error(
                "DependencyFailedException",
                message,
                "A dependency of the knowledge base (the model, the vector store, a Lambda) failed; check it and retry.",
            );
        }
        _ => return knowledge_error(ClientError::from_sdk(error)),
    };
    knowledge_error(ClientError::from_service(Some(code), message))
}
