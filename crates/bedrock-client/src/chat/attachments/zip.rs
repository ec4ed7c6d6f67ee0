//! The entry names of a ZIP archive, enough to tell a Word file from an Excel one.

const END_OF_CENTRAL_DIRECTORY: &[u8] = b"PK\x05\x06";
const CENTRAL_DIRECTORY_ENTRY: &[u8] = b"PK\x01\x02";
const LOCAL_FILE_HEADER: &[u8] = b"PK\x03\x04";
const END_RECORD_LENGTH: usize = 22;
const MAX_ARCHIVE_COMMENT: usize = u16::MAX as usize;
const DATA_DESCRIPTOR_FLAG: u16 = 0x08;

/// Names from the central directory, or, when it can't be found (a truncated file),
/// from the local headers at the front.
pub fn entry_names(bytes: &[u8]) -> Vec<&[u8]> {
    let names = central_directory_names(bytes);
    if names.is_empty() {
        local_header_names(bytes)
    } else {
        names
    }
}

fn central_directory_names(bytes: &[u8]) -> Vec<&[u8]> {
    let Some(end) = end_of_central_directory(bytes) else {
        return Vec::new();
    };
    let (Some(count), Some(start)) = (read_u16(bytes, end + 10), read_u32(bytes, end + 16)) else {
        return Vec::new();
    };
    let mut names = Vec::new();
    let mut at = start as usize;
    while names.len() < usize::from(count)
        && bytes
            .get(at..)
            .is_some_and(|rest| rest.starts_with(CENTRAL_DIRECTORY_ENTRY))
    {
        let (Some(name_length), Some(extra_length), Some(comment_length)) = (
            read_u16(bytes, at + 28),
            read_u16(bytes, at + 30),
            read_u16(bytes, at + 32),
        ) else {
            break;
        };
        let name_start = at + 46;
        let Some(name) = bytes.get(name_start..name_start + usize::from(name_length)) else {
            break;
        };
        names.push(name);
        at = name_start
            + usize::from(name_length)
            + usize::from(extra_length)
            + usize::from(comment_length);
    }
    names
}

/// The end record sits in the last 22 bytes, or earlier when the archive has a comment.
fn end_of_central_directory(bytes: &[u8]) -> Option<usize> {
    let last_start = bytes.len().checked_sub(END_RECORD_LENGTH)?;
    let first_start = last_start.saturating_sub(MAX_ARCHIVE_COMMENT);
    (first_start..=last_start)
        .rev()
        .find(|&at| bytes[at..].starts_with(END_OF_CENTRAL_DIRECTORY))
}

fn local_header_names(bytes: &[u8]) -> Vec<&[u8]> {
    let mut names = Vec::new();
    let mut at = 0;
    while bytes
        .get(at..)
        .is_some_and(|rest| rest.starts_with(LOCAL_FILE_HEADER))
    {
        let (Some(flags), Some(compressed_size), Some(name_length), Some(extra_length)) = (
            read_u16(bytes, at + 6),
            read_u32(bytes, at + 18),
            read_u16(bytes, at + 26),
            read_u16(bytes, at + 28),
        ) else {
            break;
        };
        let name_start = at + 30;
        let Some(name) = bytes.get(name_start..name_start + usize::from(name_length)) else {
            break;
        };
        names.push(name);
        // With a data descriptor the size follows the data, so the next header can't be found.
        if flags & DATA_DESCRIPTOR_FLAG != 0 && compressed_size == 0 {
            break;
        }
        at = name_start
            + usize::from(name_length)
            + usize::from(extra_length)
            + compressed_size as usize;
    }
    names
}

fn read_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let field = bytes.get(at..at + 2)?;
    Some(u16::from_le_bytes([field[0], field[1]]))
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let field = bytes.get(at..at + 4)?;
    Some(u32::from_le_bytes([field[0], field[1], field[2], field[3]]))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A stored (uncompressed) archive with the given entries, central directory included.
    pub(crate) fn archive(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut directory = Vec::new();
        for (name, data) in entries {
            let offset = u32::try_from(bytes.len()).unwrap();
            let name_length = u16::try_from(name.len()).unwrap().to_le_bytes();
            let size = u32::try_from(data.len()).unwrap().to_le_bytes();
            bytes.extend_from_slice(LOCAL_FILE_HEADER);
            bytes.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            bytes.extend_from_slice(&size);
            bytes.extend_from_slice(&size);
            bytes.extend_from_slice(&name_length);
            bytes.extend_from_slice(&[0, 0]);
            bytes.extend_from_slice(name.as_bytes());
            bytes.extend_from_slice(data);

            directory.extend_from_slice(CENTRAL_DIRECTORY_ENTRY);
            directory.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            directory.extend_from_slice(&size);
            directory.extend_from_slice(&size);
            directory.extend_from_slice(&name_length);
            directory.extend_from_slice(&[0; 12]);
            directory.extend_from_slice(&offset.to_le_bytes());
            directory.extend_from_slice(name.as_bytes());
        }
        let directory_start = u32::try_from(bytes.len()).unwrap();
        let count = u16::try_from(entries.len()).unwrap().to_le_bytes();
        bytes.extend_from_slice(&directory);
        bytes.extend_from_slice(END_OF_CENTRAL_DIRECTORY);
        bytes.extend_from_slice(&[0, 0, 0, 0]);
        bytes.extend_from_slice(&count);
        bytes.extend_from_slice(&count);
        bytes.extend_from_slice(&u32::try_from(directory.len()).unwrap().to_le_bytes());
        bytes.extend_from_slice(&directory_start.to_le_bytes());
        bytes.extend_from_slice(&[0, 0]);
        bytes
    }

    #[test]
    fn reads_names_from_the_central_directory() {
        let bytes = archive(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w/>"),
        ]);
        assert_eq!(
            entry_names(&bytes),
            vec![b"[Content_Types].xml".as_slice(), b"word/document.xml"]
        );
    }

    #[test]
    fn falls_back_to_local_headers_when_the_end_is_cut_off() {
        let bytes = archive(&[("_rels/.rels", b"<r/>"), ("xl/workbook.xml", b"<x/>")]);
        let truncated = &bytes[..bytes.len() - 30];
        assert_eq!(
            entry_names(truncated),
            vec![b"_rels/.rels".as_slice(), b"xl/workbook.xml"]
        );
    }

    #[test]
    fn garbage_after_the_signature_has_no_names() {
        assert!(entry_names(b"PK\x03\x04\xff").is_empty());
    }
}
