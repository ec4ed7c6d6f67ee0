//! An input-token estimate close to what Titan reports in `inputTextTokenCount`.

/// A token per run of up to 8 letters or digits, and one per other non-space character. For
/// English prose that is within about 20 % of Titan's count (common words are one token, long
/// ones two, each punctuation mark one), and it is exactly the emulator's count.
pub fn estimate_tokens(text: &str) -> u32 {
    let mut tokens = 0u32;
    let mut run = 0usize;
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            if run == 0 || run == 8 {
                tokens += 1;
                run = 0;
            }
            run += 1;
        } else {
            run = 0;
            if !ch.is_whitespace() {
                tokens += 1;
            }
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_long_words_and_punctuation() {
        assert_eq!(estimate_tokens("Hi, you."), 4);
        assert_eq!(estimate_tokens("abcdefghijkl"), 2);
        assert_eq!(estimate_tokens("  "), 0);
    }
}
