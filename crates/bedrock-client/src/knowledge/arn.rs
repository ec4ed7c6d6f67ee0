//! Model ARNs for knowledge-base calls, which take ARNs where Converse takes IDs: foundation
//! models are `arn:aws:bedrock:{region}::foundation-model/{id}`, inference profiles
//! `arn:aws:bedrock:{region}:{account}:inference-profile/{id}` (the account comes from STS).

use std::collections::HashMap;
use std::sync::Mutex;

use crate::error::{ClientError, ErrorCode};

/// Prefixes of cross-region inference-profile IDs.
const PROFILE_PREFIXES: [&str; 8] = [
    "us.", "eu.", "apac.", "global.", "us-gov.", "jp.", "au.", "ca.",
];

/// Whether `id` names a cross-region inference profile (`us.anthropic...`), not a model.
pub fn is_inference_profile(id: &str) -> bool {
    PROFILE_PREFIXES
        .iter()
        .any(|p| id.strip_prefix(p).is_some_and(|rest| rest.contains('.')))
}

/// The ARN for a model ID, an inference-profile ID, or an ARN (returned as it is).
pub fn model_arn(region: &str, model_or_profile_id: &str, account_id: &str) -> String {
    let id = model_or_profile_id.trim();
    if id.starts_with("arn:") {
        id.to_owned()
    } else if is_inference_profile(id) {
        format!("arn:aws:bedrock:{region}:{account_id}:inference-profile/{id}")
    } else {
        foundation_model_arn(region, id)
    }
}

pub fn foundation_model_arn(region: &str, model_id: &str) -> String {
    format!("arn:aws:bedrock:{region}::foundation-model/{model_id}")
}

/// The account ids of the profiles seen so far, from STS GetCallerIdentity, asked once per key
/// (e.g. the profile name) until [`AccountIds::forget`].
#[derive(Debug, Default)]
pub struct AccountIds {
    known: Mutex<HashMap<String, String>>,
}

impl AccountIds {
    pub fn cached(&self, key: &str) -> Option<String> {
        self.known.lock().ok()?.get(key).cloned()
    }

    pub async fn account_id(
        &self,
        key: &str,
        sts: &aws_sdk_sts::Client,
    ) -> Result<String, ClientError> {
        if let Some(known) = self.cached(key) {
            return Ok(known);
        }
        let identity = sts
            .get_caller_identity()
            .send()
            .await
            .map_err(ClientError::from_sdk)?;
        let account = identity.account().map(str::to_owned).ok_or_else(|| {
            ClientError::new(
                ErrorCode::Unknown,
                "STS GetCallerIdentity answered without an account id.",
            )
        })?;
        if let Ok(mut known) = self.known.lock() {
            known.insert(key.to_owned(), account.clone());
        }
        Ok(account)
    }

    /// Forget a profile's account, e.g. after its credentials change.
    pub fn forget(&self, key: &str) {
        if let Ok(mut known) = self.known.lock() {
            known.remove(key);
        }
    }

    /// The ARN of `model_or_profile_id` in `region`, asking STS only for inference profiles.
    pub async fn model_arn(
        &self,
        key: &str,
        sts: &aws_sdk_sts::Client,
        region: &str,
        model_or_profile_id: &str,
    ) -> Result<String, ClientError> {
        if is_inference_profile(model_or_profile_id.trim()) {
            let account = self.account_id(key, sts).await?;
            Ok(model_arn(region, model_or_profile_id, &account))
        } else {
            Ok(model_arn(region, model_or_profile_id, ""))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_foundation_model_and_profile_arns() {
        assert_eq!(
            model_arn(
                "eu-west-1",
                "anthropic.claude-3-haiku-20240307-v1:0",
                "111122223333"
            ),
            "arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
        );
        assert_eq!(
            model_arn(
                "us-east-1",
                "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
                "111122223333"
            ),
            "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0"
        );
        assert_eq!(
            model_arn(
                "us-east-1",
                "global.anthropic.claude-sonnet-4-20250514-v1:0",
                "1"
            ),
            "arn:aws:bedrock:us-east-1:1:inference-profile/global.anthropic.claude-sonnet-4-20250514-v1:0"
        );
        let arn = "arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-pro-v1:0";
        assert_eq!(model_arn("us-east-1", arn, "1"), arn);
        assert!(!is_inference_profile("amazon.nova-pro-v1:0"));
        assert!(!is_inference_profile("us.x"));
    }
}
