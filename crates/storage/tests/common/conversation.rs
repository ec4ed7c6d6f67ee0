//! Requests shaped as the chat sends them: the whole conversation each time, attachments as
//! base64 in the user messages that carried them.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

pub struct Turn {
    pub user: String,
    pub answer: String,
    pub attachments: Vec<(String, Vec<u8>)>,
}

/// `turns` turns, the `images` attached to turns 1, 2, 3, ... one each.
pub fn turns(count: usize, images: &[(String, Vec<u8>)]) -> Vec<Turn> {
    (0..count)
        .map(|index| Turn {
            user: format!(
                "Turn {index}: what does the chart show about latency under load, and what \
                 should I change in the retry settings?"
            ),
            answer: format!(
                "Answer {index}: {}",
                "The p99 rises once concurrency passes the provisioned limit; lower the retry \
                 budget and add jitter so the retries do not arrive together. "
                    .repeat(6)
            ),
            attachments: images.get(index).cloned().into_iter().collect(),
        })
        .collect()
}

/// The request of turn `upto` (from 0): every earlier turn with its answer, then its message.
pub fn request_json(turns: &[Turn], upto: usize) -> String {
    let mut messages = Vec::new();
    for (index, turn) in turns.iter().enumerate().take(upto + 1) {
        let attachments: Vec<String> = turn
            .attachments
            .iter()
            .map(|(name, bytes)| {
                format!(
                    r#"{{"name":{},"dataBase64":"{}"}}"#,
                    serde_json::to_string(name).unwrap(),
                    STANDARD.encode(bytes)
                )
            })
            .collect();
        messages.push(format!(
            r#"{{"role":"user","text":{},"attachments":[{}],"toolCalls":[],"toolAnswers":[],"reasoning":[]}}"#,
            serde_json::to_string(&turn.user).unwrap(),
            attachments.join(",")
        ));
        if index < upto {
            messages.push(format!(
                r#"{{"role":"assistant","text":{},"attachments":[],"toolCalls":[],"toolAnswers":[],"reasoning":[]}}"#,
                serde_json::to_string(&turn.answer).unwrap()
            ));
        }
    }
    format!(
        r#"{{"modelId":"anthropic.claude-3-5-sonnet-20240620-v1:0","systemPrompt":"You review dashboards.","messages":[{}],"params":{{"maxTokens":1024,"temperature":0.7,"topP":null,"topK":null,"stopSequences":[],"reasoningBudget":null}},"additionalFieldsJson":null,"toolsJson":null}}"#,
        messages.join(",")
    )
}

/// Bytes that look like an image file to a sniffer (PNG signature) and do not compress.
pub fn png_like(len: usize, seed: u64) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    while bytes.len() < len {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        bytes.push((state >> 33) as u8);
    }
    bytes
}
