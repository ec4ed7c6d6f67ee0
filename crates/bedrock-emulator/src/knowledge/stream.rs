//! RetrieveAndGenerateStream: the answer as `output` events in small pieces, each cited part
//! followed by its `citation` event, paced like the other streams. A guardrail that intervenes
//! sends its `guardrail` event first, then the blocked message as the output.

use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use bytes::Bytes;
use serde_json::json;

use super::rag::{Guardrail, Outcome, answer};
use crate::context::RequestContext;
use crate::generation::tokens;
use crate::state::SharedState;
use crate::wire::error::{ApiResult, ErrorKind};
use crate::wire::eventstream::Frame;
use crate::wire::response::FrameStream;

pub const SESSION_HEADER: &str = "x-amzn-bedrock-knowledge-base-session-id";
const TOKENS_PER_EVENT: usize = 4;

/// The exceptions the stream's union models; other injected kinds go out as internal errors.
const STREAM_EXCEPTIONS: [ErrorKind; 9] = [
    ErrorKind::AccessDenied,
    ErrorKind::BadGateway,
    ErrorKind::Conflict,
    ErrorKind::DependencyFailed,
    ErrorKind::InternalServer,
    ErrorKind::ResourceNotFound,
    ErrorKind::ServiceQuotaExceeded,
    ErrorKind::Throttling,
    ErrorKind::Validation,
];

pub async fn retrieve_and_generate_stream(
    State(state): State<SharedState>,
    Extension(context): Extension<RequestContext>,
    body: Bytes,
) -> ApiResult<Response> {
    let outcome = answer(&state, &context, &body)?;
    let frames = frames(&outcome);
    let pace = context.behaviour.pace.unwrap_or(state.config.pace);
    let interruption = context
        .behaviour
        .interruption(frames.len(), &STREAM_EXCEPTIONS);
    Ok(FrameStream::new(frames, pace)
        .interrupted(interruption)
        .into_response(&[(SESSION_HEADER, outcome.session_id.clone())]))
}

fn frames(outcome: &Outcome) -> Vec<Frame> {
    let mut frames = Vec::new();
    if outcome.guardrail == Guardrail::Intervened {
        frames.push(Frame::event("guardrail", json!({"action": "INTERVENED"})));
        frames.push(Frame::event("output", json!({"text": outcome.answer.text})));
        return frames;
    }
    let cited = outcome.citations();
    for (text, citation) in outcome.answer.segments() {
        for piece in tokens::tokenize(&text).chunks(TOKENS_PER_EVENT) {
            frames.push(Frame::event("output", json!({"text": piece.concat()})));
        }
        if let Some(part) = citation.filter(|part| cited.contains(part)) {
            let cited = outcome.citation(part);
            frames.push(Frame::event(
                "citation",
                json!({
                    "citation": cited,
                    "generatedResponsePart": cited["generatedResponsePart"],
                    "retrievedReferences": cited["retrievedReferences"],
                }),
            ));
        }
    }
    if let Some(action) = outcome.guardrail.action() {
        frames.push(Frame::event("guardrail", json!({"action": action})));
    }
    frames
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::generate::{Limits, compose};

    #[test]
    fn output_events_rebuild_the_text_and_citations_follow_their_part() {
        let passages = [
            "Streaming sends the answer in small pieces as soon as they are ready.",
            "Citations point at the exact characters of the answer they support.",
        ];
        let answer = compose("how does streaming work", &passages, 1, &Limits::default());
        let chunks = ["s3://b/a.md", "s3://b/b.md"]
            .iter()
            .zip(passages)
            .map(|(uri, text)| crate::knowledge::Chunk {
                text: text.into(),
                heading_path: vec![],
                source_uri: (*uri).into(),
                metadata: Default::default(),
                vector: vec![],
                terms: Default::default(),
            })
            .collect();
        let outcome = Outcome {
            session_id: "s".into(),
            answer: answer.clone(),
            cited_chunks: chunks,
            guardrail: Guardrail::NotConfigured,
            cites: true,
        };
        let mut text = String::new();
        let mut citations = 0;
        for frame in frames(&outcome) {
            let Frame::Event {
                event_type,
                payload,
            } = frame
            else {
                panic!("only events");
            };
            match event_type.as_str() {
                "output" => text.push_str(payload["text"].as_str().unwrap()),
                "citation" => {
                    let span = &payload["generatedResponsePart"]["textResponsePart"]["span"];
                    assert_eq!(span["end"].as_u64().unwrap() as usize, text.chars().count());
                    assert_eq!(
                        payload["citation"]["retrievedReferences"],
                        payload["retrievedReferences"]
                    );
                    citations += 1;
                }
                other => panic!("unexpected event {other}"),
            }
        }
        assert_eq!(text, answer.text);
        assert_eq!(citations, 2);
    }
}
