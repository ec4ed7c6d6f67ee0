//! What Claude's own validator checks in a native body's messages, in its words (InvokeModel
//! sends them without a prefix).

use super::turns::{Block, Turn};
use crate::generation::Role;

const MAX_IMAGES_AND_DOCUMENTS: usize = 20;

pub fn check(turns: &[Turn]) -> Result<(), String> {
    check_roles(turns)?;
    check_text_blocks(turns)?;
    check_attachment_count(turns)
}

fn check_roles(turns: &[Turn]) -> Result<(), String> {
    for pair in turns.windows(2) {
        if pair[0].role == pair[1].role {
            let role = match pair[0].role {
                Some(Role::Assistant) => "assistant",
                _ => "user",
            };
            return Err(format!(
                "messages: roles must alternate between \"user\" and \"assistant\", but found multiple \"{role}\" roles in a row"
            ));
        }
    }
    Ok(())
}

fn check_text_blocks(turns: &[Turn]) -> Result<(), String> {
    let texts = turns
        .iter()
        .flat_map(|turn| &turn.blocks)
        .filter_map(|block| match block {
            Block::Text(text) => Some(text),
            _ => None,
        });
    for text in texts {
        if text.is_empty() {
            return Err("messages: text content blocks must be non-empty".into());
        }
        if text.trim().is_empty() {
            return Err("messages: text content blocks must contain non-whitespace text".into());
        }
    }
    Ok(())
}

fn check_attachment_count(turns: &[Turn]) -> Result<(), String> {
    let count = |wanted: &Block| {
        turns
            .iter()
            .flat_map(|turn| &turn.blocks)
            .filter(|block| *block == wanted)
            .count()
    };
    let images = count(&Block::Image);
    let documents = count(&Block::Document);
    if images + documents > MAX_IMAGES_AND_DOCUMENTS {
        return Err(format!(
            "too many images and documents: {images} + {documents} > {MAX_IMAGES_AND_DOCUMENTS}"
        ));
    }
    Ok(())
}
