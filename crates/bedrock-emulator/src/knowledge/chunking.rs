//! Markdown and plain text cut into retrieval chunks: by heading, then paragraph, then sentence,
//! each chunk a few hundred tokens at most and overlapping its predecessor by a sentence.
//! GetDataSource reports this as FIXED_SIZE chunking with [`MAX_CHUNK_TOKENS`] and
//! [`OVERLAP_PERCENTAGE`].

use super::text::sentences;
use crate::generation::tokens;

pub const MAX_CHUNK_TOKENS: usize = 280;
/// The most a chunk repeats of its predecessor, as a share of [`MAX_CHUNK_TOKENS`].
pub const OVERLAP_PERCENTAGE: usize = 17;
const MAX_OVERLAP_TOKENS: usize = MAX_CHUNK_TOKENS * OVERLAP_PERCENTAGE / 100;

/// One chunk of a document and the headings it sits under.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub heading_path: Vec<String>,
    pub text: String,
}

struct Section {
    heading_path: Vec<String>,
    heading_line: Option<String>,
    blocks: Vec<String>,
}

pub fn chunk_document(text: &str) -> Vec<Piece> {
    sections(text).iter().flat_map(pack_section).collect()
}

fn token_count(text: &str) -> usize {
    tokens::count(text) as usize
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|c| *c == '#').count();
    let title = line[level..].strip_prefix(' ')?.trim();
    ((1..=6).contains(&level) && !title.is_empty()).then_some((level, title))
}

fn sections(text: &str) -> Vec<Section> {
    let mut found = Vec::new();
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut current = Section {
        heading_path: Vec::new(),
        heading_line: None,
        blocks: Vec::new(),
    };
    let mut block = String::new();
    let mut in_fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        let is_heading = if in_fence { None } else { heading(line) };
        if let Some((level, title)) = is_heading {
            flush_block(&mut current, &mut block);
            found.push(std::mem::replace(
                &mut current,
                Section {
                    heading_path: Vec::new(),
                    heading_line: Some(line.trim().to_owned()),
                    blocks: Vec::new(),
                },
            ));
            stack.retain(|(l, _)| *l < level);
            stack.push((level, title.to_owned()));
            current.heading_path = stack.iter().map(|(_, t)| t.clone()).collect();
        } else if line.trim().is_empty() && !in_fence {
            flush_block(&mut current, &mut block);
        } else {
            if !block.is_empty() {
                block.push('\n');
            }
            block.push_str(line.trim_end());
        }
    }
    flush_block(&mut current, &mut block);
    found.push(current);
    found.retain(|s| !s.blocks.is_empty());
    found
}

fn flush_block(section: &mut Section, block: &mut String) {
    let text = block.trim();
    if !text.is_empty() {
        section.blocks.push(text.to_owned());
    }
    block.clear();
}

/// Blocks small enough to pack: an oversized paragraph becomes runs of its sentences.
fn bounded_blocks(blocks: &[String], budget: usize) -> Vec<String> {
    let mut bounded = Vec::new();
    for block in blocks {
        if token_count(block) <= budget {
            bounded.push(block.clone());
            continue;
        }
        let mut run = String::new();
        for sentence in sentences(block)
            .into_iter()
            .flat_map(|s| split_words(s, budget))
        {
            if !run.is_empty() && token_count(&run) + token_count(&sentence) + 1 > budget {
                bounded.push(std::mem::take(&mut run));
            }
            if !run.is_empty() {
                run.push(' ');
            }
            run.push_str(&sentence);
        }
        if !run.is_empty() {
            bounded.push(run);
        }
    }
    bounded
}

/// A sentence longer than the budget, cut at word boundaries.
fn split_words(sentence: &str, budget: usize) -> Vec<String> {
    if token_count(sentence) <= budget {
        return vec![sentence.to_owned()];
    }
    let mut parts = Vec::new();
    let mut part = String::new();
    for word in sentence.split_whitespace() {
        if !part.is_empty() && token_count(&part) + token_count(word) + 1 > budget {
            parts.push(std::mem::take(&mut part));
        }
        if !part.is_empty() {
            part.push(' ');
        }
        part.push_str(word);
    }
    if !part.is_empty() {
        parts.push(part);
    }
    parts
}

fn pack_section(section: &Section) -> Vec<Piece> {
    let header = section.heading_line.clone().unwrap_or_default();
    let budget = MAX_CHUNK_TOKENS
        .saturating_sub(token_count(&header) + 2)
        .max(32);
    let mut pieces = Vec::new();
    let mut body: Vec<String> = Vec::new();
    let mut body_tokens = 0;
    for block in bounded_blocks(&section.blocks, budget) {
        let block_tokens = token_count(&block) + 2;
        if !body.is_empty() && body_tokens + block_tokens > budget {
            let overlap = overlap_of(&body, budget - block_tokens.min(budget));
            pieces.push(piece(section, &header, &body));
            body = overlap.into_iter().collect();
            body_tokens = body.iter().map(|b| token_count(b) + 2).sum();
        }
        body_tokens += block_tokens;
        body.push(block);
    }
    if !body.is_empty() {
        pieces.push(piece(section, &header, &body));
    }
    pieces
}

/// The last sentence of a chunk, repeated at the start of the next when it is short and fits.
fn overlap_of(body: &[String], room: usize) -> Option<String> {
    let last = sentences(body.last()?).last()?.to_string();
    let size = token_count(&last);
    (size <= MAX_OVERLAP_TOKENS && size + 2 <= room && !last.starts_with("```")).then_some(last)
}

fn piece(section: &Section, header: &str, body: &[String]) -> Piece {
    let mut text = String::from(header);
    for block in body {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(block);
    }
    Piece {
        heading_path: section.heading_path.clone(),
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(topic: &str, sentences: usize) -> String {
        (0..sentences)
            .map(|i| format!("Sentence {i} explains {topic} in a few plain words for readers."))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn keeps_the_heading_path_and_skips_empty_sections() {
        let doc =
            "# Guide\n\n## Setup\n\nInstall it.\n\n### Keys\n\nSet the keys.\n\n## Use\n\nCall it.";
        let pieces = chunk_document(doc);
        let paths: Vec<Vec<String>> = pieces.iter().map(|p| p.heading_path.clone()).collect();
        assert_eq!(
            paths,
            vec![
                vec!["Guide".to_string(), "Setup".into()],
                vec!["Guide".into(), "Setup".into(), "Keys".into()],
                vec!["Guide".into(), "Use".into()],
            ]
        );
        assert_eq!(pieces[1].text, "### Keys\n\nSet the keys.");
    }

    #[test]
    fn long_sections_split_under_the_limit_with_overlap() {
        let doc = format!(
            "## Limits\n\n{}\n\n{}\n\n{}",
            paragraph("quotas", 12),
            paragraph("throttling", 12),
            paragraph("retries", 12)
        );
        let pieces = chunk_document(&doc);
        assert!(pieces.len() >= 2, "{pieces:#?}");
        for piece in &pieces {
            assert!(
                token_count(&piece.text) <= MAX_CHUNK_TOKENS,
                "{}",
                piece.text
            );
            assert!(piece.text.starts_with("## Limits"));
        }
        let last_of_first = sentences(&pieces[0].text).last().unwrap().to_string();
        assert!(pieces[1].text.contains(&last_of_first));
    }

    #[test]
    fn a_huge_paragraph_is_cut_by_sentences() {
        let pieces = chunk_document(&paragraph("embeddings", 80));
        assert!(pieces.len() >= 3);
        assert!(
            pieces
                .iter()
                .all(|p| token_count(&p.text) <= MAX_CHUNK_TOKENS)
        );
        assert!(pieces.iter().all(|p| p.heading_path.is_empty()));
    }

    #[test]
    fn headings_inside_code_fences_are_text() {
        let pieces = chunk_document("## Shell\n\n```\n# not a heading\necho hi\n```");
        assert_eq!(pieces.len(), 1);
        assert!(pieces[0].text.contains("# not a heading"));
    }
}
