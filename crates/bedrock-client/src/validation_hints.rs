//! What to do about each of Bedrock's refusals the app knows (the rules the emulator enforces word
//! for word), instead of the code's generic hint.

/// `(a phrase of Bedrock's message, lower case; the fix)`, first match wins.
const HINTS: &[(&str, &str)] = &[
    (
        "extraneous key",
        "The model does not take a field you sent: remove it from additionalModelRequestFields, or use this family's own name for it (Claude top_k, Nova inferenceConfig.topK, Cohere k).",
    ),
    (
        "`thinking` or `redacted_thinking`",
        "With thinking on, the reply's thinking block must go back first and unchanged when you answer its tool calls. Continue from the reply as it arrived (the app keeps it), or turn the reasoning budget off.",
    ),
    (
        "invalid `signature`",
        "A thinking block was sent back with a signature Bedrock did not make: send the reply's reasoning exactly as it arrived, or turn the reasoning budget off.",
    ),
    (
        "cannot be modified",
        "The latest reply's thinking must be sent back exactly as it arrived; edited thinking is refused.",
    ),
    (
        "when thinking is enabled",
        "With a reasoning budget, temperature stays at 1 and top P and top K are not sent: clear them, or turn the budget off.",
    ),
    (
        "budget_tokens",
        "The reasoning budget is at least 1024 tokens and must stay below max tokens: raise max tokens or lower the budget.",
    ),
    (
        "tool_choice forces tool use",
        "Thinking cannot be combined with a forced tool choice: use auto tool choice or turn the reasoning budget off.",
    ),
    (
        "exceeds the model limit",
        "Lower max tokens to the model's limit (the parameters panel shows it).",
    ),
    (
        "doesn't support the stopsequences field",
        "This model takes no stop sequences: remove them.",
    ),
    (
        "tool use in streaming mode",
        "This model answers with tools only without streaming: send with Converse (the chat does so for it).",
    ),
    (
        "doesn't support tool use",
        "This model cannot use tools: remove the tool definitions, or pick a model with tool use.",
    ),
    (
        "toolchoice",
        "This model only takes automatic tool choice: remove toolChoice any/tool.",
    ),
    (
        "prompt caching",
        "This model (or this request) cannot use prompt caching: remove the cache points, or pick a model that supports prompt caching.",
    ),
    (
        "extra inputs are not permitted",
        "The model does not take a field you sent: remove it from additionalModelRequestFields, or use this family's own name for it.",
    ),
    (
        "cache point cannot be inserted after reasoning",
        "Move the cache point before the reasoning block, or remove it.",
    ),
    (
        "is blank",
        "A message has an empty text block: write something in it or remove it.",
    ),
    (
        "must alternate between user and assistant",
        "Roles must alternate user, assistant, user…: merge the two messages in a row into one.",
    ),
    (
        "must start with a user message",
        "The conversation must begin with a user message: remove the leading assistant turn.",
    ),
    (
        "expected toolresult blocks",
        "Answer every tool call of the previous reply (one result per toolUseId) before sending.",
    ),
    (
        "exceeds the number of tooluse blocks",
        "Send one tool result per tool call of the previous reply, no more.",
    ),
    (
        "toolconfig field must be defined",
        "Keep the tool definitions in the request while the conversation holds tool calls or results.",
    ),
    (
        "duplicate ids",
        "Each tool call in a reply needs its own toolUseId.",
    ),
    (
        "tool result blocks cannot be provided in the same turn",
        "This model takes tool results alone in their message: send text or files in the next message.",
    ),
    (
        "provide a json object",
        "A tool result's json must be a JSON object, e.g. {\"result\": 42}; send text results as text.",
    ),
    (
        "documents in a request",
        "Attach at most 5 documents per request: remove some or send them over several turns.",
    ),
    (
        "maximum document size",
        "Each document must be at most 4.5 MB: split or compress it.",
    ),
    (
        "image exceeds 5 mb",
        "Each image must be at most 5 MB: resize or recompress it.",
    ),
    (
        "too many images and documents",
        "Claude takes at most 20 images and documents per request: remove some.",
    ),
    (
        "input is too long",
        "The conversation is longer than the model's context window: start a new conversation, remove attachments, or branch from an earlier turn.",
    ),
    (
        "failed to satisfy constraint",
        "A value is outside what the API accepts (temperature and top P 0–1, max tokens at least 1, at most 4 stop sequences): fix the value the message names.",
    ),
    (
        "malformed input request",
        "The native body does not fit the model family's schema: fix the key the message names, or Regenerate it from the prompt.",
    ),
];

/// The fix for a ValidationException (or a prompt-caching AccessDeniedException) `message`, when
/// the app knows the rule.
pub fn validation_hint(message: &str) -> Option<&'static str> {
    let lower = message.to_lowercase();
    HINTS
        .iter()
        .find(|(phrase, _)| lower.contains(phrase))
        .map(|(_, hint)| *hint)
}

#[cfg(test)]
mod tests {
    use super::validation_hint;

    #[test]
    fn each_rule_gets_its_own_fix() {
        let cases = [
            (
                "The model returned the following errors: messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`.",
                "thinking block must go back",
            ),
            (
                "The model returned the following errors: temperature may only be set to 1 when thinking is enabled.",
                "temperature stays at 1",
            ),
            (
                "The maximum tokens you requested exceeds the model limit of 4096. Try again with a maximum tokens value that is lower than 4096.",
                "Lower max tokens",
            ),
            (
                "The text field in the ContentBlock object at messages.1.content.0 is blank. Add text to the text field, and try again.",
                "empty text block",
            ),
            (
                "Expected toolResult blocks at messages.2.content for the following Ids: tooluse_a",
                "Answer every tool call",
            ),
            (
                "1 validation error detected: Value '[a, b, c, d, e]' at 'inferenceConfig.stopSequences' failed to satisfy constraint: Member must have length less than or equal to 4",
                "at most 4 stop sequences",
            ),
            (
                "This model doesn't support tool use in streaming mode.",
                "without streaming",
            ),
        ];
        for (message, fix) in cases {
            let hint = validation_hint(message).unwrap_or_default();
            assert!(hint.contains(fix), "{message} → {hint}");
        }
        assert_eq!(validation_hint("Something else entirely."), None);
    }
}
