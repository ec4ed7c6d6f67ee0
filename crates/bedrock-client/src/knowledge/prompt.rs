//! The generation prompt template: a lint before sending, and a preview of the prompt the model
//! would read, rendered with sample search results.

use serde::{Deserialize, Serialize};

pub const SEARCH_RESULTS: &str = "$search_results$";
pub const QUERY: &str = "$query$";
pub const OUTPUT_FORMAT_INSTRUCTIONS: &str = "$output_format_instructions$";
pub const CURRENT_TIME: &str = "$current_time$";
/// The placeholders a knowledge-base generation template may use.
pub const PLACEHOLDERS: [&str; 4] = [
    SEARCH_RESULTS,
    QUERY,
    OUTPUT_FORMAT_INSTRUCTIONS,
    CURRENT_TIME,
];
pub const MAX_TEMPLATE_CHARS: usize = 4000;

/// A starting point for a custom template (written for this app, not Bedrock's own text).
pub const DEFAULT_TEMPLATE: &str = "You answer questions using only the search results below. \
If they do not contain the answer, say that you could not find it.\n\n\
<search_results>\n$search_results$\n</search_results>\n\n\
$output_format_instructions$\n\nQuestion: $query$";

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LintSeverity {
    Error,
    Warning,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Lint {
    pub severity: LintSeverity,
    /// `missingSearchResults`, `missingOutputFormatInstructions`, `unknownPlaceholder`, `tooLong`.
    pub code: String,
    pub message: String,
    /// The placeholder concerned, if any.
    pub placeholder: Option<String>,
}

fn lint(severity: LintSeverity, code: &str, message: String, placeholder: Option<&str>) -> Lint {
    Lint {
        severity,
        code: code.to_owned(),
        message,
        placeholder: placeholder.map(str::to_owned),
    }
}

/// Every `$name$` in the template, in order, repeats kept.
fn placeholders(template: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('$') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('$') else { break };
        let name = &after[..end];
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            found.push(&rest[start..start + end + 2]);
            rest = &after[end + 1..];
        } else {
            rest = after;
        }
    }
    found
}

pub fn prompt_template_lint(template: &str) -> Vec<Lint> {
    let mut lints = Vec::new();
    if !template.contains(SEARCH_RESULTS) {
        lints.push(lint(
            LintSeverity::Error,
            "missingSearchResults",
            format!(
                "The template must contain {SEARCH_RESULTS}: it is where the retrieved chunks go, and Bedrock rejects a template without it."
            ),
            Some(SEARCH_RESULTS),
        ));
    }
    if !template.contains(OUTPUT_FORMAT_INSTRUCTIONS) {
        lints.push(lint(
            LintSeverity::Warning,
            "missingOutputFormatInstructions",
            format!(
                "Without {OUTPUT_FORMAT_INSTRUCTIONS} the model is not told how to cite, and the answer comes back without citations."
            ),
            Some(OUTPUT_FORMAT_INSTRUCTIONS),
        ));
    }
    let mut reported = Vec::new();
    for placeholder in placeholders(template) {
        if !PLACEHOLDERS.contains(&placeholder) && !reported.contains(&placeholder) {
            reported.push(placeholder);
            lints.push(lint(
                LintSeverity::Warning,
                "unknownPlaceholder",
                format!(
                    "{placeholder} is not a knowledge-base placeholder ({}); the model will read it as it is.",
                    PLACEHOLDERS.join(", ")
                ),
                Some(placeholder),
            ));
        }
    }
    let length = template.chars().count();
    if length > MAX_TEMPLATE_CHARS {
        lints.push(lint(
            LintSeverity::Error,
            "tooLong",
            format!(
                "The template has {length} characters; Bedrock takes at most {MAX_TEMPLATE_CHARS}."
            ),
            None,
        ));
    }
    lints
}

/// A search result for the preview.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewResult {
    pub text: String,
    pub source_uri: Option<String>,
}

/// What the model is told for `$output_format_instructions$` (paraphrased: the service's text
/// is not published).
pub const OUTPUT_FORMAT_PREVIEW: &str = "[Output format instructions, added by Bedrock: answer in \
parts, each part marked with the ids of the search results it is based on, so that Bedrock can \
return citations.]";

/// The template with its placeholders filled in: the query, the sample results numbered as
/// search results, the output-format note and the time.
pub fn render_prompt_preview(
    template: &str,
    query: &str,
    results: &[PreviewResult],
    current_time: &str,
) -> String {
    let rendered_results = if results.is_empty() {
        "(no search results)".to_owned()
    } else {
        results
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let source = r
                    .source_uri
                    .as_deref()
                    .map(|s| format!("\nSource: {s}"))
                    .unwrap_or_default();
                format!(
                    "<search_result id=\"{}\">\n{}{source}\n</search_result>",
                    i + 1,
                    r.text
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    template
        .replace(SEARCH_RESULTS, &rendered_results)
        .replace(QUERY, query)
        .replace(OUTPUT_FORMAT_INSTRUCTIONS, OUTPUT_FORMAT_PREVIEW)
        .replace(CURRENT_TIME, current_time)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(template: &str) -> Vec<String> {
        prompt_template_lint(template)
            .into_iter()
            .map(|l| l.code)
            .collect()
    }

    #[test]
    fn lints_missing_and_unknown_placeholders() {
        assert!(codes(DEFAULT_TEMPLATE).is_empty());
        assert_eq!(
            codes("Answer $query$ with $output_format_instructions$"),
            vec!["missingSearchResults"]
        );
        assert_eq!(
            codes("$search_results$ $query$ $user_name$ $user_name$ costs $5 or $6"),
            vec!["missingOutputFormatInstructions", "unknownPlaceholder"]
        );
        let lints = prompt_template_lint(&format!("$search_results$ {}", "x".repeat(4000)));
        assert!(
            lints
                .iter()
                .any(|l| l.code == "tooLong" && l.severity == LintSeverity::Error)
        );
        let missing = &prompt_template_lint("$query$")[0];
        assert_eq!(missing.severity, LintSeverity::Error);
        assert_eq!(missing.placeholder.as_deref(), Some("$search_results$"));
    }

    #[test]
    fn previews_fill_every_placeholder() {
        let preview = render_prompt_preview(
            DEFAULT_TEMPLATE,
            "What is RAG?",
            &[PreviewResult {
                text: "RAG retrieves chunks.".into(),
                source_uri: Some("s3://b/rag.md".into()),
            }],
            "2025-01-01T00:00:00Z",
        );
        assert!(preview.contains("Question: What is RAG?"));
        assert!(
            preview
                .contains("<search_result id=\"1\">\nRAG retrieves chunks.\nSource: s3://b/rag.md")
        );
        assert!(!preview.contains('$'));
    }
}
