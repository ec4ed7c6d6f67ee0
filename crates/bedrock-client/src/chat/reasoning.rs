//! A model's reasoning (Claude's extended thinking), kept exactly as received so it can go back
//! in the conversation: Bedrock refuses a continued tool-use turn whose thinking block is
//! missing, edited or re-signed.

use aws_sdk_bedrockruntime::primitives::Blob;
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ReasoningContentBlock, ReasoningContentBlockDelta, ReasoningTextBlock,
};
use aws_smithy_types::base64;
use serde::{Deserialize, Serialize};

use crate::error::{ClientError, ErrorCode};

/// One reasoning block of an assistant reply.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ReasoningBlock {
    /// Reasoning the model shows, with the signature that proves it is unchanged.
    Text {
        text: String,
        signature: Option<String>,
    },
    /// Reasoning the provider encrypted, to send back as it came.
    Redacted { data_base64: String },
}

impl ReasoningBlock {
    /// Only signed text and redacted content can be sent back: unsigned text (a reply cut off
    /// before its signature, or a model that does not sign) would be refused.
    pub fn can_be_sent_back(&self) -> bool {
        match self {
            Self::Text { signature, .. } => signature.as_deref().is_some_and(|s| !s.is_empty()),
            Self::Redacted { data_base64 } => !data_base64.is_empty(),
        }
    }

    pub fn to_content_block(&self) -> Result<ContentBlock, ClientError> {
        let block = match self {
            Self::Text { text, signature } => ReasoningContentBlock::ReasoningText(
                ReasoningTextBlock::builder()
                    .text(text)
                    .set_signature(signature.clone())
                    .build()
                    .map_err(|e| ClientError::new(ErrorCode::InvalidRequest, e.to_string()))?,
            ),
            Self::Redacted { data_base64 } => {
                let bytes = base64::decode(data_base64).map_err(|e| {
                    ClientError::new(
                        ErrorCode::InvalidRequest,
                        format!("The redacted reasoning of an earlier reply is not base64: {e}."),
                    )
                })?;
                ReasoningContentBlock::RedactedContent(Blob::new(bytes))
            }
        };
        Ok(ContentBlock::ReasoningContent(block))
    }

    /// The block of a non-streamed (Converse) reply; `None` for a variant this SDK does not know.
    pub fn from_output(block: &ReasoningContentBlock) -> Option<Self> {
        match block {
            ReasoningContentBlock::ReasoningText(text) => Some(Self::Text {
                text: text.text.clone(),
                signature: text.signature.clone(),
            }),
            ReasoningContentBlock::RedactedContent(blob) => Some(Self::Redacted {
                data_base64: base64::encode(blob.as_ref()),
            }),
            _ => None,
        }
    }
}

/// A reasoning block being streamed: its text, signature and redacted bytes arrive as deltas.
#[derive(Debug, Default)]
pub(crate) struct ReasoningDraft {
    text: String,
    signature: Option<String>,
    redacted: Vec<u8>,
}

impl ReasoningDraft {
    /// Adds one delta; returns the text to show, if it carried some.
    pub(crate) fn push(&mut self, delta: ReasoningContentBlockDelta) -> Option<String> {
        match delta {
            ReasoningContentBlockDelta::Text(text) => {
                self.text.push_str(&text);
                Some(text)
            }
            ReasoningContentBlockDelta::Signature(signature) => {
                self.signature
                    .get_or_insert_with(String::new)
                    .push_str(&signature);
                None
            }
            ReasoningContentBlockDelta::RedactedContent(blob) => {
                self.redacted.extend_from_slice(blob.as_ref());
                None
            }
            _ => None,
        }
    }

    pub(crate) fn finish(self) -> ReasoningBlock {
        if self.redacted.is_empty() {
            ReasoningBlock::Text {
                text: self.text,
                signature: self.signature,
            }
        } else {
            ReasoningBlock::Redacted {
                data_base64: base64::encode(&self.redacted),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deltas_build_a_signed_block_that_goes_back_unchanged() {
        let mut draft = ReasoningDraft::default();
        assert_eq!(
            draft.push(ReasoningContentBlockDelta::Text("Let me ".into())),
            Some("Let me ".into())
        );
        draft.push(ReasoningContentBlockDelta::Text("think.".into()));
        assert_eq!(
            draft.push(ReasoningContentBlockDelta::Signature("sig-1".into())),
            None
        );
        let block = draft.finish();
        assert_eq!(
            block,
            ReasoningBlock::Text {
                text: "Let me think.".into(),
                signature: Some("sig-1".into())
            }
        );
        assert!(block.can_be_sent_back());
        let ContentBlock::ReasoningContent(ReasoningContentBlock::ReasoningText(sent)) =
            block.to_content_block().unwrap()
        else {
            panic!("not reasoning text")
        };
        assert_eq!(
            (sent.text.as_str(), sent.signature.as_deref()),
            ("Let me think.", Some("sig-1"))
        );
    }

    #[test]
    fn redacted_content_round_trips_as_bytes() {
        let mut draft = ReasoningDraft::default();
        draft.push(ReasoningContentBlockDelta::RedactedContent(Blob::new(
            vec![0, 159, 255],
        )));
        draft.push(ReasoningContentBlockDelta::RedactedContent(Blob::new(
            vec![7],
        )));
        let block = draft.finish();
        let json = serde_json::to_value(&block).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"type": "redacted", "dataBase64": "AJ//Bw=="})
        );
        let ContentBlock::ReasoningContent(ReasoningContentBlock::RedactedContent(blob)) =
            block.to_content_block().unwrap()
        else {
            panic!("not redacted")
        };
        assert_eq!(blob.as_ref(), &[0, 159, 255, 7]);
        assert_eq!(
            ReasoningBlock::from_output(&ReasoningContentBlock::RedactedContent(blob)),
            Some(block)
        );
    }

    #[test]
    fn unsigned_text_is_not_sent_back() {
        let unsigned = ReasoningBlock::Text {
            text: "cut off".into(),
            signature: None,
        };
        assert!(!unsigned.can_be_sent_back());
        let blank = ReasoningBlock::Text {
            text: "x".into(),
            signature: Some(String::new()),
        };
        assert!(!blank.can_be_sent_back());
    }
}
