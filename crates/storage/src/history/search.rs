//! What the user types in the history search box, as an FTS5 query.

/// Every word must appear, each as a prefix, so results narrow while typing. Words are quoted,
/// so FTS5 operators and punctuation in the query are plain text. `None` when nothing is
/// searchable (no letters or digits), meaning "no filter".
pub(crate) fn match_expression(query: &str) -> Option<String> {
    let terms: Vec<String> = query
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .map(|word| format!("\"{}\"*", word.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_quoted_prefix_terms() {
        assert_eq!(
            match_expression("  rust  borrow ").as_deref(),
            Some("\"rust\"* AND \"borrow\"*")
        );
    }

    #[test]
    fn operators_and_quotes_are_plain_text() {
        assert_eq!(
            match_expression("say \"NOT\" OR -x").as_deref(),
            Some("\"say\"* AND \"\"\"NOT\"\"\"* AND \"OR\"* AND \"-x\"*")
        );
    }

    #[test]
    fn nothing_searchable_means_no_filter() {
        assert_eq!(match_expression(""), None);
        assert_eq!(match_expression(" - !! "), None);
    }
}
