//! What a file is, told from its bytes (magic numbers), never from its name, except where
//! the bytes can't decide.

use super::text;
use super::zip;
use crate::error::{ClientError, ErrorCode};

const PNG: &[u8] = b"\x89PNG";
const JPEG: &[u8] = b"\xFF\xD8\xFF";
const PDF: &[u8] = b"%PDF-";
const ZIP: &[u8] = b"PK\x03\x04";
const COMPOUND_FILE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

pub const SUPPORTED_FORMATS: &str = "images (PNG, JPEG, GIF, WebP) and documents (PDF, Word .docx/.doc, Excel .xlsx/.xls, HTML, CSV, Markdown, plain text)";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentFormat {
    Png,
    Jpeg,
    Gif,
    Webp,
    Pdf,
    Docx,
    Xlsx,
    Doc,
    Xls,
    Html,
    Csv,
    Md,
    Txt,
}

impl AttachmentFormat {
    pub fn is_image(self) -> bool {
        matches!(self, Self::Png | Self::Jpeg | Self::Gif | Self::Webp)
    }

    /// The name Converse uses for the format.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpeg",
            Self::Gif => "gif",
            Self::Webp => "webp",
            Self::Pdf => "pdf",
            Self::Docx => "docx",
            Self::Xlsx => "xlsx",
            Self::Doc => "doc",
            Self::Xls => "xls",
            Self::Html => "html",
            Self::Csv => "csv",
            Self::Md => "md",
            Self::Txt => "txt",
        }
    }
}

pub fn detect(name: &str, bytes: &[u8]) -> Result<AttachmentFormat, ClientError> {
    if let Some(image) = image_format(bytes) {
        return Ok(image);
    }
    if bytes.starts_with(PDF) {
        return Ok(AttachmentFormat::Pdf);
    }
    if bytes.starts_with(ZIP) {
        return office_open_xml_format(bytes).ok_or_else(|| {
            unsupported(
                name,
                "it is a ZIP archive but neither a Word (.docx) nor an Excel (.xlsx) file",
            )
        });
    }
    if bytes.starts_with(COMPOUND_FILE) {
        return legacy_office_format(name, bytes).ok_or_else(|| {
            unsupported(
                name,
                "it is an Office 97-2003 file that is neither a Word document nor an Excel workbook",
            )
        });
    }
    text::classify(name, bytes)
        .ok_or_else(|| unsupported(name, "its content is not a format Bedrock reads"))
}

fn image_format(bytes: &[u8]) -> Option<AttachmentFormat> {
    let webp = bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP";
    if bytes.starts_with(PNG) {
        Some(AttachmentFormat::Png)
    } else if bytes.starts_with(JPEG) {
        Some(AttachmentFormat::Jpeg)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(AttachmentFormat::Gif)
    } else if webp {
        Some(AttachmentFormat::Webp)
    } else {
        None
    }
}

fn office_open_xml_format(bytes: &[u8]) -> Option<AttachmentFormat> {
    let names = zip::entry_names(bytes);
    if names.iter().any(|name| name.starts_with(b"word/")) {
        Some(AttachmentFormat::Docx)
    } else if names.iter().any(|name| name.starts_with(b"xl/")) {
        Some(AttachmentFormat::Xlsx)
    } else {
        None
    }
}

/// Word and Excel 97-2003 share one container, the OLE compound file. Its directory names the
/// streams inside: `WordDocument` for Word, `Workbook` for Excel. When neither is found (a damaged
/// or unusual file) the extension decides: these two formats are the only place a name counts.
fn legacy_office_format(name: &str, bytes: &[u8]) -> Option<AttachmentFormat> {
    if has_compound_stream(bytes, "WordDocument") {
        return Some(AttachmentFormat::Doc);
    }
    if has_compound_stream(bytes, "Workbook") {
        return Some(AttachmentFormat::Xls);
    }
    let name = name.to_ascii_lowercase();
    if name.ends_with(".doc") {
        Some(AttachmentFormat::Doc)
    } else if name.ends_with(".xls") {
        Some(AttachmentFormat::Xls)
    } else {
        None
    }
}

/// Directory entries are 128 bytes, aligned to 128 after the 512-byte header, and start with
/// the stream name in UTF-16LE, its byte length (terminator included) at offset 64.
fn has_compound_stream(bytes: &[u8], stream: &str) -> bool {
    let encoded: Vec<u8> = stream
        .encode_utf16()
        .chain([0])
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.chunks_exact(128).skip(4).any(|entry| {
        entry.starts_with(&encoded)
            && usize::from(u16::from_le_bytes([entry[64], entry[65]])) == encoded.len()
    })
}

fn unsupported(name: &str, why: &str) -> ClientError {
    ClientError::new(
        ErrorCode::InvalidRequest,
        format!("\u{201c}{name}\u{201d} can't be attached: {why}."),
    )
    .with_hint(format!(
        "Bedrock accepts {SUPPORTED_FORMATS}. The format is read from the file's content, so renaming a file doesn't change it."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::attachments::zip::tests::archive;
    use AttachmentFormat::*;

    fn compound_file(stream: &str) -> Vec<u8> {
        let mut bytes = COMPOUND_FILE.to_vec();
        bytes.resize(512, 0);
        let mut entry: Vec<u8> = stream
            .encode_utf16()
            .chain([0])
            .flat_map(u16::to_le_bytes)
            .collect();
        let name_length = u16::try_from(entry.len()).unwrap();
        entry.resize(64, 0);
        entry.extend_from_slice(&name_length.to_le_bytes());
        entry.resize(128, 0);
        bytes.extend_from_slice(&entry);
        bytes
    }

    #[test]
    fn images_by_magic_number() {
        assert_eq!(detect("a.jpg", b"\x89PNG\r\n\x1a\n").unwrap(), Png);
        assert_eq!(detect("a.png", b"\xFF\xD8\xFF\xE0").unwrap(), Jpeg);
        assert_eq!(detect("a", b"GIF87a..").unwrap(), Gif);
        assert_eq!(detect("a", b"GIF89a..").unwrap(), Gif);
        assert_eq!(detect("a", b"RIFF\x24\x00\x00\x00WEBPVP8 ").unwrap(), Webp);
        assert!(detect("a.webp", b"RIFF\x24\x00\x00\x00WAVEfmt ").is_err());
    }

    #[test]
    fn pdf_whatever_the_name() {
        assert_eq!(detect("scan.png", b"%PDF-1.7\n%\xE2\xE3").unwrap(), Pdf);
    }

    #[test]
    fn office_open_xml_by_entry_names() {
        let docx = archive(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w/>"),
        ]);
        assert_eq!(detect("letter.zip", &docx).unwrap(), Docx);
        let xlsx = archive(&[("xl/workbook.xml", b"<x/>")]);
        assert_eq!(detect("sheet.docx", &xlsx).unwrap(), Xlsx);
        let other = archive(&[("ppt/presentation.xml", b"<p/>")]);
        let error = detect("slides.pptx", &other).unwrap_err();
        assert!(error.message.contains("slides.pptx") && error.message.contains("ZIP"));
    }

    #[test]
    fn legacy_office_by_stream_name_then_by_extension() {
        assert_eq!(
            detect("renamed.xls", &compound_file("WordDocument")).unwrap(),
            Doc
        );
        assert_eq!(
            detect("renamed.doc", &compound_file("Workbook")).unwrap(),
            Xls
        );
        let bare = COMPOUND_FILE.to_vec();
        assert_eq!(detect("old.DOC", &bare).unwrap(), Doc);
        assert_eq!(detect("old.xls", &bare).unwrap(), Xls);
        assert!(detect("old.ppt", &bare).is_err());
    }

    #[test]
    fn unknown_binary_names_the_file_and_the_formats() {
        let error = detect("movie.png", b"\x00\x00\x00\x18ftypmp42").unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidRequest);
        assert!(error.message.contains("movie.png"), "{}", error.message);
        assert!(error.hint.contains("PNG, JPEG, GIF, WebP") && error.hint.contains("PDF"));
    }
}
