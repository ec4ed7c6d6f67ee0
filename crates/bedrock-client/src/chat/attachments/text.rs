//! Text documents. CSV, Markdown and plain text are all just UTF-8, so bytes alone can't
//! tell them apart: these are guesses from the content, and for Markdown from the name too.

use std::collections::HashMap;

use super::format::AttachmentFormat;

const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// `None` when the bytes are not text (invalid UTF-8, or control characters text doesn't use).
pub fn classify(name: &str, bytes: &[u8]) -> Option<AttachmentFormat> {
    let bytes = bytes.strip_prefix(BYTE_ORDER_MARK).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).ok()?;
    if text.chars().any(is_binary_control) {
        return None;
    }
    let name = name.to_ascii_lowercase();
    let format = if looks_like_html(text) {
        AttachmentFormat::Html
    } else if name.ends_with(".md") || name.ends_with(".markdown") {
        AttachmentFormat::Md
    } else if looks_like_csv(text, name.ends_with(".csv")) {
        AttachmentFormat::Csv
    } else if has_markdown_heading(text) {
        AttachmentFormat::Md
    } else {
        AttachmentFormat::Txt
    };
    Some(format)
}

fn is_binary_control(c: char) -> bool {
    c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C')
}

fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start();
    ["<!doctype html", "<html"].iter().any(|prefix| {
        start
            .as_bytes()
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
    })
}

/// Three lines in four share one comma count: at least two commas, or one in a file named `.csv`
/// (two-column data without the name reads as prose just as well, and is sent as text).
fn looks_like_csv(text: &str, named_csv: bool) -> bool {
    let mut lines = 0;
    let mut lines_by_commas: HashMap<usize, usize> = HashMap::new();
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        lines += 1;
        *lines_by_commas
            .entry(line.matches(',').count())
            .or_default() += 1;
    }
    let Some((&commas, &sharing)) = lines_by_commas.iter().max_by_key(|(_, lines)| **lines) else {
        return false;
    };
    let fewest_commas = if named_csv { 1 } else { 2 };
    lines >= 2 && commas >= fewest_commas && sharing * 4 >= lines * 3
}

fn has_markdown_heading(text: &str) -> bool {
    text.lines().any(|line| {
        let level = line.bytes().take_while(|&b| b == b'#').count();
        (1..=6).contains(&level) && line[level..].starts_with(' ')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use AttachmentFormat::{Csv, Html, Md, Txt};

    #[test]
    fn html_is_recognised_after_a_byte_order_mark_and_whitespace() {
        assert_eq!(
            classify("page.txt", b"\xEF\xBB\xBF \n<!DOCTYPE HTML><html></html>"),
            Some(Html)
        );
        assert_eq!(classify("x", b"\t<HTML lang=\"en\">"), Some(Html));
        assert_eq!(classify("x", b"<h1>not a whole page</h1>"), Some(Txt));
    }

    #[test]
    fn csv_needs_most_lines_to_share_a_comma_count() {
        let table = b"name,age,city\nAda,36,London\nAlan,41,Wilmslow\n\nGrace,85,Arlington\n";
        assert_eq!(classify("people.txt", table), Some(Csv));
        let prose = b"Hello, world.\nThis line has none.\nAnd this, oddly, has two.\n";
        assert_eq!(classify("notes", prose), Some(Txt));
        assert_eq!(classify("one-line.csv", b"a,b,c"), Some(Txt));
    }

    #[test]
    fn two_columns_count_as_csv_only_when_the_name_says_so() {
        let pairs = b"key,value\ncolour,blue\nsize,large\n";
        assert_eq!(classify("pairs.CSV", pairs), Some(Csv));
        assert_eq!(classify("pairs.txt", pairs), Some(Txt));
    }

    #[test]
    fn markdown_by_name_or_by_heading() {
        assert_eq!(classify("README.md", b"plain words"), Some(Md));
        assert_eq!(classify("notes.markdown", b"a,b,c\nd,e,f"), Some(Md));
        assert_eq!(classify("notes", b"intro\n## Usage\nrun it"), Some(Md));
        assert_eq!(classify("notes", b"#hashtag is not a heading"), Some(Txt));
    }

    #[test]
    fn binary_is_not_text() {
        assert_eq!(classify("x.txt", b"\x00\x01\x02\x03"), None);
        assert_eq!(classify("x.txt", b"\xC3\x28 invalid utf-8"), None);
    }
}
