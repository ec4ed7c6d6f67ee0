//! A small deterministic tokenizer: pieces concatenate back to the text they came from.

const MAX_PIECE_CHARS: usize = 8;

/// Split text into token pieces: a word with its leading whitespace, or one punctuation mark.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut word_chars = 0usize;
    for ch in text.chars() {
        let starts_new = if ch.is_whitespace() {
            word_chars > 0
        } else if ch.is_alphanumeric() {
            word_chars >= MAX_PIECE_CHARS
                || current
                    .chars()
                    .last()
                    .is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace())
        } else {
            word_chars > 0 || current.chars().last().is_some_and(|c| !c.is_whitespace())
        };
        if starts_new && !current.is_empty() {
            pieces.push(std::mem::take(&mut current));
            word_chars = 0;
        }
        current.push(ch);
        if !ch.is_whitespace() {
            word_chars += 1;
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

pub fn count(text: &str) -> u32 {
    u32::try_from(tokenize(text).len()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_reassemble_the_text() {
        let text = "Hello, world!  A longishwordthatsplits and\nnew lines.";
        assert_eq!(tokenize(text).concat(), text);
    }

    #[test]
    fn words_and_punctuation_are_separate_tokens() {
        assert_eq!(tokenize("Hi, you."), vec!["Hi", ",", " you", "."]);
        assert_eq!(count(""), 0);
    }

    #[test]
    fn long_words_are_split() {
        assert_eq!(tokenize("abcdefghijkl"), vec!["abcdefgh", "ijkl"]);
    }
}
