//! A text stored as the part that differs from another text (its base): the common prefix and
//! suffix are kept as lengths. A run's request repeats the conversation its parent sent, so
//! what remains is the turn it added.

/// Worth storing as a difference only when it saves at least this many bytes.
const MIN_SHARED_BYTES: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Delta {
    pub prefix: usize,
    pub suffix: usize,
    pub middle: String,
}

/// `text` as a difference from `base`, or `None` when they share too little.
pub(crate) fn diff(base: &str, text: &str) -> Option<Delta> {
    let (base_bytes, text_bytes) = (base.as_bytes(), text.as_bytes());
    let mut prefix = base_bytes
        .iter()
        .zip(text_bytes)
        .take_while(|(a, b)| a == b)
        .count();
    while !text.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let mut suffix = base_bytes[prefix..]
        .iter()
        .rev()
        .zip(text_bytes[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    while !text.is_char_boundary(text.len() - suffix) || !base.is_char_boundary(base.len() - suffix)
    {
        suffix -= 1;
    }
    (prefix + suffix >= MIN_SHARED_BYTES).then(|| Delta {
        prefix,
        suffix,
        middle: text[prefix..text.len() - suffix].to_owned(),
    })
}

/// The text `delta` was made from; `None` when it does not fit `base` (a damaged row).
pub(crate) fn apply(base: &str, delta: &Delta) -> Option<String> {
    let head = base.get(..delta.prefix)?;
    let tail = base.get(base.len().checked_sub(delta.suffix)?..)?;
    if delta.prefix + delta.suffix > base.len() {
        return None;
    }
    Some(format!("{head}{}{tail}", delta.middle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(turns: &[&str]) -> String {
        let messages: Vec<String> = turns
            .iter()
            .map(|t| format!(r#"{{"role":"user","text":"{t}"}}"#))
            .collect();
        format!(
            r#"{{"modelId":"anthropic.claude-3-haiku","systemPrompt":"Be brief.","messages":[{}],"params":{{"maxTokens":512,"temperature":0.5}}}}"#,
            messages.join(",")
        )
    }

    #[test]
    fn a_later_turn_keeps_only_what_it_added() {
        let parent = request(&["first question", "first answer"]);
        let child = request(&["first question", "first answer", "second question"]);
        let delta = diff(&parent, &child).unwrap();
        assert_eq!(delta.middle, r#",{"role":"user","text":"second question"}"#);
        assert_eq!(apply(&parent, &delta).unwrap(), child);
    }

    #[test]
    fn unrelated_texts_are_not_diffed() {
        assert_eq!(diff("{\"a\":1}", "{\"b\":2}"), None);
    }

    #[test]
    fn cuts_fall_on_character_boundaries() {
        let base = format!("{}é{}", "x".repeat(80), "y".repeat(80));
        let text = format!("{}è{}", "x".repeat(80), "y".repeat(80));
        let delta = diff(&base, &text).unwrap();
        assert_eq!(delta.middle, "è");
        assert_eq!(apply(&base, &delta).unwrap(), text);

        let shorter = "x".repeat(100);
        let longer = "x".repeat(180);
        assert_eq!(
            apply(&shorter, &diff(&shorter, &longer).unwrap()).unwrap(),
            longer
        );
        assert_eq!(
            apply(&longer, &diff(&longer, &shorter).unwrap()).unwrap(),
            shorter
        );
    }

    #[test]
    fn a_delta_that_does_not_fit_its_base_is_refused() {
        let delta = Delta {
            prefix: 10,
            suffix: 10,
            middle: String::new(),
        };
        assert_eq!(apply("short", &delta), None);
    }
}
