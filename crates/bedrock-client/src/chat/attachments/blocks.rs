//! Prepared attachments as Converse content blocks.

use aws_sdk_bedrockruntime::types::{
    ContentBlock, DocumentBlock, DocumentFormat, DocumentSource, ImageBlock, ImageFormat,
    ImageSource,
};
use aws_smithy_types::Blob;

use super::PreparedAttachment;
use super::format::AttachmentFormat;
use super::names::document_name;
use crate::error::{ClientError, ErrorCode};

enum BlockFormat {
    Image(ImageFormat),
    Document(DocumentFormat),
}

impl PreparedAttachment {
    pub(crate) fn into_content_block(self) -> Result<ContentBlock, ClientError> {
        let built = match block_format(self.format) {
            BlockFormat::Image(format) => ImageBlock::builder()
                .format(format)
                .source(ImageSource::Bytes(Blob::new(self.bytes)))
                .build()
                .map(ContentBlock::Image),
            BlockFormat::Document(format) => DocumentBlock::builder()
                .format(format)
                .name(document_name(&self.file_name))
                .source(DocumentSource::Bytes(Blob::new(self.bytes)))
                .build()
                .map(ContentBlock::Document),
        };
        built.map_err(|e| ClientError::new(ErrorCode::InvalidRequest, e.to_string()))
    }
}

fn block_format(format: AttachmentFormat) -> BlockFormat {
    use AttachmentFormat as Format;
    use BlockFormat::{Document, Image};
    match format {
        Format::Png => Image(ImageFormat::Png),
        Format::Jpeg => Image(ImageFormat::Jpeg),
        Format::Gif => Image(ImageFormat::Gif),
        Format::Webp => Image(ImageFormat::Webp),
        Format::Pdf => Document(DocumentFormat::Pdf),
        Format::Docx => Document(DocumentFormat::Docx),
        Format::Xlsx => Document(DocumentFormat::Xlsx),
        Format::Doc => Document(DocumentFormat::Doc),
        Format::Xls => Document(DocumentFormat::Xls),
        Format::Html => Document(DocumentFormat::Html),
        Format::Csv => Document(DocumentFormat::Csv),
        Format::Md => Document(DocumentFormat::Md),
        Format::Txt => Document(DocumentFormat::Txt),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(format: AttachmentFormat, file_name: &str, bytes: &[u8]) -> PreparedAttachment {
        PreparedAttachment {
            format,
            file_name: file_name.into(),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn images_become_image_blocks() {
        let block = prepared(AttachmentFormat::Webp, "a.webp", b"RIFF....WEBP")
            .into_content_block()
            .unwrap();
        let ContentBlock::Image(image) = block else {
            panic!("{block:?}")
        };
        assert_eq!(image.format, ImageFormat::Webp);
        assert_eq!(
            image.source,
            Some(ImageSource::Bytes(Blob::new(b"RIFF....WEBP".to_vec())))
        );
    }

    #[test]
    fn documents_carry_a_sanitized_name() {
        let block = prepared(AttachmentFormat::Xlsx, "Q1_sales.v2.xlsx", b"PK..")
            .into_content_block()
            .unwrap();
        let ContentBlock::Document(document) = block else {
            panic!("{block:?}")
        };
        assert_eq!(document.format, DocumentFormat::Xlsx);
        assert_eq!(document.name, "Q1 sales v2");
    }
}
