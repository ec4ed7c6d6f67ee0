//! `{{variable}}` templates for saved prompts: which variables a text uses, and filling them in.
//!
//! A variable is `{{name}}` or `{{ name }}` with a name like `[A-Za-z_][A-Za-z0-9_.-]*`.
//! `\{{name}}` stands for the literal text `{{name}}`. Braces that do not form a variable
//! (`{{ 1 }}`, `{{}}`, an unclosed `{{`) are left as they are, backslash included, so ordinary
//! text with braces never fails to fill. The UI's `ui/src/lib/template.ts` reads templates the
//! same way.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// The variables a template uses that were given no value, in order of first appearance.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingVariables {
    pub names: Vec<String>,
}

impl std::fmt::Display for MissingVariables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let listed: Vec<String> = self
            .names
            .iter()
            .map(|name| format!("{{{{{name}}}}}"))
            .collect();
        write!(f, "No value was given for {}.", listed.join(", "))
    }
}

impl std::error::Error for MissingVariables {}

/// Distinct variable names in order of first appearance.
pub fn template_variables(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for piece in pieces(text) {
        if let Piece::Variable(name) = piece
            && !names.iter().any(|known| known == name)
        {
            names.push(name.to_owned());
        }
    }
    names
}

/// The text with every variable replaced by its value, in one pass: values are not expanded.
/// An empty value counts as missing, as a blank field in the UI does.
pub fn fill_template(
    text: &str,
    values: &HashMap<String, String>,
) -> Result<String, MissingVariables> {
    let missing: Vec<String> = template_variables(text)
        .into_iter()
        .filter(|name| values.get(name).is_none_or(String::is_empty))
        .collect();
    if !missing.is_empty() {
        return Err(MissingVariables { names: missing });
    }
    let mut filled = String::with_capacity(text.len());
    for piece in pieces(text) {
        match piece {
            Piece::Text(literal) => filled.push_str(literal),
            Piece::Variable(name) => filled.push_str(&values[name]),
        }
    }
    Ok(filled)
}

#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Variable(&'a str),
}

fn pieces(text: &str) -> Vec<Piece<'_>> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut literal_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        let replacement = if rest.starts_with(b"\\{{") {
            variable_at(text, at + 1).map(|(_, end)| (Piece::Text(&text[at + 1..end]), end))
        } else if rest.starts_with(b"{{") {
            variable_at(text, at).map(|(name, end)| (Piece::Variable(name), end))
        } else {
            None
        };
        match replacement {
            Some((piece, end)) => {
                if literal_start < at {
                    pieces.push(Piece::Text(&text[literal_start..at]));
                }
                pieces.push(piece);
                at = end;
                literal_start = end;
            }
            None => at += 1,
        }
    }
    if literal_start < bytes.len() {
        pieces.push(Piece::Text(&text[literal_start..]));
    }
    pieces
}

/// The name of the variable whose `{{` is at `open`, and where its `}}` ends.
fn variable_at(text: &str, open: usize) -> Option<(&str, usize)> {
    let bytes = text.as_bytes();
    let skip_spaces = |mut at: usize| {
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        at
    };
    let name_start = skip_spaces(open + 2);
    let first = *bytes.get(name_start)?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let mut name_end = name_start + 1;
    while bytes
        .get(name_end)
        .is_some_and(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
    {
        name_end += 1;
    }
    let close = skip_spaces(name_end);
    bytes[close..]
        .starts_with(b"}}")
        .then(|| (&text[name_start..name_end], close + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    #[test]
    fn variables_are_distinct_in_order_of_first_appearance() {
        let text = "Dear {{name}}, about {{ topic }}: {{name}} again, {{user.first-name}} {{_x9}}";
        assert_eq!(
            template_variables(text),
            ["name", "topic", "user.first-name", "_x9"]
        );
    }

    #[test]
    fn whitespace_inside_braces_is_allowed_but_not_inside_names() {
        assert_eq!(template_variables("{{\tname\n}}"), ["name"]);
        assert!(template_variables("{{ first name }}").is_empty());
    }

    #[test]
    fn braces_that_are_not_variables_are_plain_text() {
        let text = "fn main() {{ 1 }} {{}} {{9lives}} {{ok {single} }}x{{ unclosed";
        assert!(template_variables(text).is_empty());
        assert_eq!(fill_template(text, &HashMap::new()).unwrap(), text);
    }

    #[test]
    fn fill_replaces_every_occurrence_and_keeps_other_text() {
        let filled = fill_template(
            "Hi {{name}}! {{ name }} likes {{thing}}. Ünïcödé stays.",
            &values(&[("name", "Ada"), ("thing", "engines"), ("unused", "x")]),
        )
        .unwrap();
        assert_eq!(filled, "Hi Ada! Ada likes engines. Ünïcödé stays.");
    }

    #[test]
    fn fill_lists_every_missing_variable_once_in_order() {
        let error = fill_template(
            "{{b}} {{a}} {{b}} {{given}} {{c}}",
            &values(&[("given", "1")]),
        )
        .unwrap_err();
        assert_eq!(error.names, ["b", "a", "c"]);
        let blank = fill_template("{{a}}", &values(&[("a", "")])).unwrap_err();
        assert_eq!(blank.names, ["a"], "an empty value is missing");
        assert_eq!(
            error.to_string(),
            "No value was given for {{b}}, {{a}}, {{c}}."
        );
    }

    #[test]
    fn backslash_escapes_a_literal_double_brace() {
        let text = r"Write \{{name}} literally, then {{name}}; a lone \ stays.";
        assert_eq!(template_variables(text), ["name"]);
        assert_eq!(
            fill_template(text, &values(&[("name", "Ada")])).unwrap(),
            r"Write {{name}} literally, then Ada; a lone \ stays."
        );
        let only_escaped = r"\{{ secret }}";
        assert!(template_variables(only_escaped).is_empty());
        assert_eq!(
            fill_template(only_escaped, &HashMap::new()).unwrap(),
            "{{ secret }}"
        );
        let not_a_variable = r"\{{ 1 }} \{{";
        assert_eq!(
            fill_template(not_a_variable, &HashMap::new()).unwrap(),
            not_a_variable
        );
    }

    #[test]
    fn values_are_not_expanded_again() {
        let filled = fill_template("{{a}}", &values(&[("a", "{{b}}")])).unwrap();
        assert_eq!(filled, "{{b}}");
    }

    #[test]
    fn triple_braces_keep_the_outer_brace() {
        let filled = fill_template("{{{a}}}", &values(&[("a", "x")])).unwrap();
        assert_eq!(filled, "{x}");
    }
}
