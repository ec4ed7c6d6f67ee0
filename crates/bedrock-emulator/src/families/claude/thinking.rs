//! Claude's rules for extended thinking, in Claude's words. The callers wrap the text: Converse
//! prefixes `The model returned the following errors: `, InvokeModel sends it as it is.

use super::signature::{self, Verdict};
use super::turns::{Block, Turn};
use crate::generation::Role;

pub const MIN_BUDGET: u64 = 1024;

/// The sampling settings of a request that turned thinking on.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Settings {
    pub budget_tokens: u64,
    pub max_tokens: Option<u32>,
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub top_k_set: bool,
    /// `tool_choice` is `any` or names a tool.
    pub forces_tool_use: bool,
}

pub fn check_settings(settings: &Settings) -> Result<(), String> {
    if settings.budget_tokens < MIN_BUDGET {
        return Err(format!(
            "thinking.enabled.budget_tokens: Input should be greater than or equal to {MIN_BUDGET}"
        ));
    }
    if settings
        .max_tokens
        .is_some_and(|max| u64::from(max) <= settings.budget_tokens)
    {
        return Err("`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size".into());
    }
    if settings.temperature.is_some_and(|t| t != 1.0) {
        return Err("temperature may only be set to 1 when thinking is enabled.".into());
    }
    if settings.top_p.is_some() {
        return Err("top_p must be unset when thinking is enabled.".into());
    }
    if settings.top_k_set {
        return Err("top_k must be unset when thinking is enabled.".into());
    }
    if settings.forces_tool_use {
        return Err("Thinking may not be enabled when tool_choice forces tool use.".into());
    }
    Ok(())
}

/// The thinking blocks sent back: signed by the emulator, unedited in the latest assistant
/// message, and present where a tool-use exchange continues.
pub fn check_turns(turns: &[Turn]) -> Result<(), String> {
    check_signatures(turns)?;
    check_tool_use_continuation(turns)
}

fn check_signatures(turns: &[Turn]) -> Result<(), String> {
    let latest_assistant = turns.iter().rposition(|t| t.role == Some(Role::Assistant));
    for (index, turn) in turns.iter().enumerate() {
        if turn.role != Some(Role::Assistant) {
            continue;
        }
        for (block_index, block) in turn.blocks.iter().enumerate() {
            let Block::Thinking { text, signature } = block else {
                continue;
            };
            let verdict = signature
                .as_deref()
                .map_or(Verdict::Invalid, |s| signature::verify(s, text));
            let path = format!("messages.{index}.content.{block_index}");
            match verdict {
                Verdict::Invalid => {
                    return Err(format!("{path}: Invalid `signature` in `thinking` block"));
                }
                Verdict::TextChanged if Some(index) == latest_assistant => {
                    return Err(format!(
                        "{path}: `thinking` or `redacted_thinking` blocks in the latest assistant message cannot be modified. These blocks must remain as they were in the original response."
                    ));
                }
                // Thinking from earlier turns is not part of the context any more.
                Verdict::TextChanged | Verdict::Genuine => {}
            }
        }
    }
    Ok(())
}

fn check_tool_use_continuation(turns: &[Turn]) -> Result<(), String> {
    let [.., assistant, last] = turns else {
        return Ok(());
    };
    let continues_tool_use = last.role == Some(Role::User)
        && last.blocks.contains(&Block::ToolResult)
        && assistant.role == Some(Role::Assistant)
        && assistant.blocks.contains(&Block::ToolUse);
    let Some(first) = assistant.blocks.first().filter(|_| continues_tool_use) else {
        return Ok(());
    };
    if first.is_thinking() {
        return Ok(());
    }
    Err(format!(
        "messages.{}.content.0.type: Expected `thinking` or `redacted_thinking`, but found `{}`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking",
        turns.len() - 2,
        first.type_name()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turn(role: Role, blocks: Vec<Block>) -> Turn {
        Turn {
            role: Some(role),
            blocks,
        }
    }

    fn thought(text: &str, signature: &str) -> Block {
        Block::Thinking {
            text: text.into(),
            signature: Some(signature.into()),
        }
    }

    #[test]
    fn settings_are_checked_in_claude_order() {
        let ok = Settings {
            budget_tokens: 1024,
            max_tokens: Some(2000),
            temperature: Some(1.0),
            ..Settings::default()
        };
        assert_eq!(check_settings(&ok), Ok(()));
        let low = Settings {
            budget_tokens: 1000,
            temperature: Some(0.5),
            ..ok
        };
        assert!(
            check_settings(&low)
                .unwrap_err()
                .starts_with("thinking.enabled")
        );
        let warm = Settings {
            temperature: Some(0.7),
            ..ok
        };
        assert!(
            check_settings(&warm)
                .unwrap_err()
                .starts_with("temperature")
        );
    }

    #[test]
    fn only_the_latest_assistant_thinking_is_frozen() {
        let signature = signature::sign("original");
        let edited_earlier = [
            turn(Role::User, vec![Block::Text("q".into())]),
            turn(Role::Assistant, vec![thought("edited", &signature)]),
            turn(Role::User, vec![Block::Text("q".into())]),
            turn(Role::Assistant, vec![thought("original", &signature)]),
            turn(Role::User, vec![Block::Text("q".into())]),
        ];
        assert_eq!(check_turns(&edited_earlier), Ok(()));
        let edited_latest = &edited_earlier[2..];
        let mut edited_latest = edited_latest.to_vec();
        edited_latest[1] = turn(Role::Assistant, vec![thought("edited", &signature)]);
        assert!(
            check_turns(&edited_latest)
                .unwrap_err()
                .starts_with("messages.1.content.0: `thinking` or")
        );
    }
}
