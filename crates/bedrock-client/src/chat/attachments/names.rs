//! Converse document names allow only alphanumerics, single whitespace, hyphens, parentheses
//! and square brackets; the model also reads the name, so it is kept plain.

const LONGEST_NAME: usize = 200;
const NAME_WHEN_NOTHING_IS_LEFT: &str = "Document";

/// The file name without its folder or extension, other characters turned into single spaces.
/// Letters outside ASCII are replaced too: whether Converse counts them as alphanumeric isn't documented.
pub fn document_name(file_name: &str) -> String {
    let file_name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = match file_name.rsplit_once('.') {
        Some((stem, _)) if !stem.trim().is_empty() => stem,
        _ => file_name,
    };
    let mut name = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '(' | ')' | '[' | ']') {
            name.push(c);
        } else if !name.is_empty() && !name.ends_with(' ') {
            name.push(' ');
        }
        if name.len() == LONGEST_NAME {
            break;
        }
    }
    let name = name.trim_end();
    if name.is_empty() {
        NAME_WHEN_NOTHING_IS_LEFT.to_owned()
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_allowed_characters_and_drops_the_extension() {
        assert_eq!(
            document_name("Q3 report (final) [v2].pdf"),
            "Q3 report (final) [v2]"
        );
        assert_eq!(document_name("budget-2024.xlsx"), "budget-2024");
    }

    #[test]
    fn other_characters_become_single_spaces() {
        assert_eq!(document_name("my_notes..draft  v1.md"), "my notes draft v1");
        assert_eq!(
            document_name("  tabs\tand\nnewlines .txt"),
            "tabs and newlines"
        );
        assert_eq!(document_name("Über Größe.docx"), "ber Gr e");
    }

    #[test]
    fn folders_are_dropped_and_empty_names_get_a_default() {
        assert_eq!(document_name("C:\\Users\\me\\cv.doc"), "cv");
        assert_eq!(document_name("/home/me/.bashrc"), "bashrc");
        assert_eq!(document_name("___.pdf"), "Document");
        assert_eq!(document_name(""), "Document");
    }

    #[test]
    fn long_names_are_cut() {
        let name = document_name(&format!("{}.txt", "a".repeat(500)));
        assert_eq!(name.len(), LONGEST_NAME);
    }
}
