//! Converse's limits on one message's attachments, checked before sending so the user learns
//! which file is at fault. MB here are binary (1,048,576 bytes), the larger reading.

use crate::error::{ClientError, ErrorCode};

pub const MAX_IMAGE_BYTES: usize = 3_932_160;
pub const MAX_DOCUMENT_BYTES: usize = 4_718_592;
pub const MAX_IMAGES_PER_MESSAGE: usize = 20;
pub const MAX_DOCUMENTS_PER_MESSAGE: usize = 5;

pub fn check_size(name: &str, is_image: bool, size: usize) -> Result<(), ClientError> {
    let (limit, kind, hint) = if is_image {
        (
            MAX_IMAGE_BYTES,
            "images",
            "Shrink the image (fewer pixels, or JPEG at a lower quality) and attach it again.",
        )
    } else {
        (
            MAX_DOCUMENT_BYTES,
            "documents",
            "Split the document, remove its pictures, or paste the part that matters as text.",
        )
    };
    if size <= limit {
        return Ok(());
    }
    Err(invalid(
        format!(
            "\u{201c}{name}\u{201d} is {}; Bedrock takes {kind} of at most {}.",
            megabytes(size),
            megabytes(limit)
        ),
        hint,
    ))
}

pub fn check_counts(images: usize, documents: usize) -> Result<(), ClientError> {
    if images > MAX_IMAGES_PER_MESSAGE {
        return Err(invalid(
            format!(
                "This message has {images} images; Bedrock takes at most {MAX_IMAGES_PER_MESSAGE} per message."
            ),
            "Remove some images, or send them over several messages.",
        ));
    }
    if documents > MAX_DOCUMENTS_PER_MESSAGE {
        return Err(invalid(
            format!(
                "This message has {documents} documents; Bedrock takes at most {MAX_DOCUMENTS_PER_MESSAGE} per message."
            ),
            "Remove some documents, or send them over several messages.",
        ));
    }
    Ok(())
}

/// Rounded up, so a file just over the limit never reads as equal to it.
fn megabytes(bytes: usize) -> String {
    let megabytes = (bytes as f64 / 1_048_576.0 * 100.0).ceil() / 100.0;
    let text = format!("{megabytes:.2}");
    format!("{} MB", text.trim_end_matches('0').trim_end_matches('.'))
}

fn invalid(message: String, hint: &str) -> ClientError {
    ClientError::new(ErrorCode::InvalidRequest, message).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_up_to_the_limit_pass() {
        assert!(check_size("a.png", true, MAX_IMAGE_BYTES).is_ok());
        assert!(check_size("a.pdf", false, MAX_DOCUMENT_BYTES).is_ok());
        assert!(check_size("a.pdf", false, MAX_IMAGE_BYTES + 1).is_ok());
    }

    #[test]
    fn oversized_files_are_named_with_both_sizes() {
        let image = check_size("holiday.png", true, MAX_IMAGE_BYTES + 1).unwrap_err();
        assert_eq!(image.code, ErrorCode::InvalidRequest);
        assert_eq!(
            image.message,
            "\u{201c}holiday.png\u{201d} is 3.76 MB; Bedrock takes images of at most 3.75 MB."
        );
        assert!(image.hint.contains("Shrink"));
        let document = check_size("big.pdf", false, 6 * 1_048_576).unwrap_err();
        assert!(document.message.contains("is 6 MB") && document.message.contains("4.5 MB"));
        assert!(document.hint.contains("Split"));
    }

    #[test]
    fn counts_per_message() {
        assert!(check_counts(MAX_IMAGES_PER_MESSAGE, MAX_DOCUMENTS_PER_MESSAGE).is_ok());
        let images = check_counts(21, 0).unwrap_err();
        assert!(images.message.contains("21 images") && images.message.contains("20"));
        let documents = check_counts(0, 6).unwrap_err();
        assert!(documents.message.contains("6 documents") && documents.message.contains('5'));
    }
}
