//! Conversation titles: the first user message on one line, cut short.

const TITLE_MAX_CHARS: usize = 60;
const BRANCH_SUFFIX: &str = " (branch)";

pub(crate) fn title_from_message(user_text: &str) -> String {
    let one_line = user_text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return "New conversation".to_owned();
    }
    if one_line.chars().count() <= TITLE_MAX_CHARS {
        return one_line;
    }
    let cut: String = one_line.chars().take(TITLE_MAX_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// A branch of a branch keeps one suffix rather than growing a tail of them.
pub(crate) fn branch_title(title: &str) -> String {
    if title.ends_with(BRANCH_SUFFIX) {
        title.to_owned()
    } else {
        format!("{title}{BRANCH_SUFFIX}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_messages_become_one_line_titles() {
        assert_eq!(title_from_message("  Hello\n\n  world  "), "Hello world");
        assert_eq!(title_from_message(" \n "), "New conversation");
    }

    #[test]
    fn long_messages_are_cut_on_a_character_boundary() {
        let title = title_from_message(&"é".repeat(200));
        assert_eq!(title.chars().count(), TITLE_MAX_CHARS);
        assert!(title.ends_with('…'));
    }

    #[test]
    fn branch_titles_do_not_stack() {
        assert_eq!(branch_title("Plan"), "Plan (branch)");
        assert_eq!(branch_title("Plan (branch)"), "Plan (branch)");
    }
}
