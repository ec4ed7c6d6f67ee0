//! Images and documents sent with a message: what they are (read from their bytes), whether
//! Converse will take them, and the content blocks that carry them.

mod blocks;
mod format;
mod limits;
mod names;
mod text;
mod zip;

use serde::{Deserialize, Serialize};

use crate::error::{ClientError, ErrorCode};
use format::AttachmentFormat;
pub use limits::{
    MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_PER_MESSAGE, MAX_IMAGE_BYTES, MAX_IMAGES_PER_MESSAGE,
};

/// A file as the UI sends it: its name and its content, base64-encoded.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    pub name: String,
    pub data_base64: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttachmentKind {
    Image,
    Document,
}

/// What the UI shows for a file before it is sent.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentInfo {
    pub kind: AttachmentKind,
    /// The Converse format name: png, jpeg, gif, webp, pdf, docx, xlsx, doc, xls, html, csv, md or txt.
    pub format: String,
    pub size_bytes: u32,
}

/// The format of `bytes`, and whether one file of it fits in a Converse message.
pub fn describe_attachment(name: &str, bytes: &[u8]) -> Result<AttachmentInfo, ClientError> {
    let format = checked_format(name, bytes)?;
    Ok(AttachmentInfo {
        kind: if format.is_image() {
            AttachmentKind::Image
        } else {
            AttachmentKind::Document
        },
        format: format.as_str().to_owned(),
        size_bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
    })
}

impl Attachment {
    /// The file's bytes; the base64 may also come as a `data:` URL.
    pub fn decode(&self) -> Result<Vec<u8>, ClientError> {
        let encoded = self.data_base64.trim();
        let encoded = match encoded.split_once(";base64,") {
            Some((media, data)) if media.starts_with("data:") => data,
            _ => encoded,
        };
        aws_smithy_types::base64::decode(encoded).map_err(|_| {
            ClientError::new(
                ErrorCode::InvalidRequest,
                format!(
                    "\u{201c}{}\u{201d} arrived damaged: its content is not valid base64.",
                    self.name
                ),
            )
            .with_hint("Remove the attachment and attach the file again.")
        })
    }
}

/// An attachment decoded, recognised and within the limits, ready to become a content block.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PreparedAttachment {
    pub format: AttachmentFormat,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Decode and check one message's attachments, all before anything is sent.
pub(crate) fn prepare(attachments: &[Attachment]) -> Result<Vec<PreparedAttachment>, ClientError> {
    let prepared = attachments
        .iter()
        .map(|attachment| {
            let bytes = attachment.decode()?;
            Ok(PreparedAttachment {
                format: checked_format(&attachment.name, &bytes)?,
                file_name: attachment.name.clone(),
                bytes,
            })
        })
        .collect::<Result<Vec<_>, ClientError>>()?;
    let images = prepared.iter().filter(|a| a.format.is_image()).count();
    limits::check_counts(images, prepared.len() - images)?;
    Ok(prepared)
}

fn checked_format(name: &str, bytes: &[u8]) -> Result<AttachmentFormat, ClientError> {
    if bytes.is_empty() {
        return Err(ClientError::new(
            ErrorCode::InvalidRequest,
            format!("\u{201c}{name}\u{201d} is empty."),
        )
        .with_hint("Attach a file with content."));
    }
    let format = format::detect(name, bytes)?;
    limits::check_size(name, format.is_image(), bytes.len())?;
    Ok(format)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attachment(name: &str, bytes: &[u8]) -> Attachment {
        Attachment {
            name: name.into(),
            data_base64: aws_smithy_types::base64::encode(bytes),
        }
    }

    #[test]
    fn describes_a_file_for_the_preview() {
        let info = describe_attachment("photo", b"\xFF\xD8\xFF\xE0rest").unwrap();
        assert_eq!(
            info,
            AttachmentInfo {
                kind: AttachmentKind::Image,
                format: "jpeg".into(),
                size_bytes: 8,
            }
        );
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["kind"], "image");
        assert_eq!(json["sizeBytes"], 8);
        let csv = describe_attachment("t", b"a,b,c\n1,2,3\n").unwrap();
        assert_eq!(
            (csv.kind, csv.format.as_str()),
            (AttachmentKind::Document, "csv")
        );
    }

    #[test]
    fn empty_files_are_refused() {
        let error = describe_attachment("blank.txt", b"").unwrap_err();
        assert!(error.message.contains("blank.txt") && error.message.contains("empty"));
    }

    #[test]
    fn invalid_base64_names_the_file() {
        let broken = Attachment {
            name: "scan.pdf".into(),
            data_base64: "JVBERi0*not base64*".into(),
        };
        let error = prepare(&[broken]).unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidRequest);
        assert!(error.message.contains("scan.pdf") && error.message.contains("base64"));
    }

    #[test]
    fn data_urls_are_accepted() {
        let url = Attachment {
            name: "dot.png".into(),
            data_base64: format!(
                "data:image/png;base64,{}",
                aws_smithy_types::base64::encode(b"\x89PNG\r\n\x1a\n")
            ),
        };
        assert_eq!(url.decode().unwrap(), b"\x89PNG\r\n\x1a\n");
    }

    #[test]
    fn prepares_images_and_documents_in_order() {
        let prepared = prepare(&[
            attachment("notes.md", b"# Notes"),
            attachment("chart", b"GIF89a...."),
        ])
        .unwrap();
        let formats: Vec<_> = prepared.iter().map(|a| a.format).collect();
        assert_eq!(formats, [AttachmentFormat::Md, AttachmentFormat::Gif]);
        assert_eq!(prepared[0].file_name, "notes.md");
    }
}
