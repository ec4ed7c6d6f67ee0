//! Every body this crate builds must be accepted by the emulator's parsers of the same format,
//! and every response and stream the emulator renders must read back to the generated text.
//! The emulator's parsers follow Bedrock's validator, so this checks the builders against a
//! second, independent reading of the same AWS documentation.

use bedrock_emulator::catalogue::{Catalogue, Family as EmulatorFamily, ModelEntry};
use bedrock_emulator::families::{InvocationMetrics, format_for_body};
use bedrock_emulator::generation::{Shape, generate};
use bedrock_emulator::runtime::converse_request;
use bedrock_emulator::{embeddings, families};
use bedrock_formats::{
    EmbeddingOptions, Family, PromptSpec, Role, SpecMessage, converse_request, embedding_body,
    family_of, native_request, parse_native_response, parse_native_stream_chunk,
    validate_native_body,
};

fn same_family(ours: Family, theirs: EmulatorFamily) -> bool {
    let expected = match ours {
        Family::Claude => EmulatorFamily::Claude,
        Family::Llama3 => EmulatorFamily::Llama,
        Family::TitanText => EmulatorFamily::TitanText,
        Family::Nova => EmulatorFamily::Nova,
        Family::MistralText => EmulatorFamily::MistralText,
        Family::MistralChat => EmulatorFamily::MistralChat,
        Family::CohereCommandR => EmulatorFamily::CohereCommandR,
        Family::Ai21Jamba => EmulatorFamily::Ai21Jamba,
        Family::DeepSeekR1 => EmulatorFamily::DeepSeek,
        Family::TitanEmbedV1 => EmulatorFamily::TitanEmbedV1,
        Family::TitanEmbedV2 => EmulatorFamily::TitanEmbedV2,
        // One native family for Cohere Embed v3 and v4; the emulator tells them apart.
        Family::CohereEmbed => {
            return matches!(
                theirs,
                EmulatorFamily::CohereEmbed | EmulatorFamily::CohereEmbedV4
            );
        }
    };
    expected == theirs
}

fn spec(model_id: &str) -> PromptSpec {
    let turn = |role, text: &str| SpecMessage {
        role,
        text: text.to_owned(),
    };
    PromptSpec {
        model_id: model_id.to_owned(),
        system_prompt: "You are terse.".into(),
        messages: vec![
            turn(Role::User, "What is tracing?"),
            turn(Role::Assistant, "Following one request across services."),
            turn(Role::User, "And a span?"),
        ],
        max_tokens: Some(512),
        temperature: Some(0.5),
        top_p: Some(0.9),
        stop_sequences: vec!["END".into()],
        additional_fields_json: None,
    }
}

fn text_models() -> Vec<ModelEntry> {
    Catalogue::default()
        .models()
        .filter(|m| !m.family.is_embedding())
        .cloned()
        .collect()
}

fn metrics() -> InvocationMetrics {
    InvocationMetrics {
        input_tokens: 7,
        output_tokens: 9,
        invocation_latency_ms: 120,
        first_byte_latency_ms: 30,
    }
}

#[test]
fn every_catalogue_model_has_the_emulators_family() {
    for model in Catalogue::default().models() {
        let ours = family_of(model.id).unwrap_or_else(|| panic!("{} has a family", model.id));
        assert!(
            same_family(ours, model.family),
            "{}: {ours:?} vs {:?}",
            model.id,
            model.family
        );
    }
}

#[test]
fn the_emulator_accepts_every_native_body_and_reads_the_same_prompt() {
    for model in text_models() {
        let native = native_request(&spec(model.id)).unwrap();
        let format = format_for_body(model.family, &native.body).expect("a text format");
        let prompt = format
            .parse(&native.body, &model)
            .unwrap_or_else(|e| panic!("{}: {}\n{}", model.id, e.message, native.body_json));
        assert_eq!(validate_native_body(native.family, &native.body), Ok(()));
        assert_eq!(prompt.max_tokens, Some(512), "{}", model.id);
        assert_eq!(prompt.temperature, Some(0.5), "{}", model.id);
        assert_eq!(prompt.top_p, Some(0.9), "{}", model.id);

        let folds_the_conversation = native.family == Family::TitanText;
        if !folds_the_conversation {
            let mut turns: Vec<&str> = prompt.messages.iter().map(|m| m.text.trim()).collect();
            if native.family == Family::DeepSeekR1 {
                // The prompt ends with an assistant turn opened by `<think>`, as AWS recommends.
                assert_eq!(turns.pop(), Some("<think>"));
            }
            let expected: &[&str] = if native.family == Family::MistralText {
                &[
                    "You are terse.\n\nWhat is tracing?",
                    "Following one request across services.",
                    "And a span?",
                ]
            } else {
                &[
                    "What is tracing?",
                    "Following one request across services.",
                    "And a span?",
                ]
            };
            assert_eq!(turns, expected, "{}", model.id);
        }
        let system_in_its_own_place =
            !matches!(native.family, Family::TitanText | Family::MistralText);
        if system_in_its_own_place {
            assert_eq!(prompt.system, vec!["You are terse."], "{}", model.id);
        }
        let expected_stops: &[&str] = if native.family == Family::Llama3 {
            &[]
        } else {
            &["END"]
        };
        assert_eq!(prompt.stop_sequences, expected_stops, "{}", model.id);
    }
}

#[test]
fn the_emulator_accepts_every_converse_body() {
    for model in text_models() {
        // The system prompt and stop sequences stay in: converse_request leaves out what the
        // family does not take, and the emulator refuses what Bedrock refuses.
        let prompt = spec(model.id);
        let body = converse_request(&prompt);
        let parsed = converse_request::parse(&body, &model, false)
            .unwrap_or_else(|e| panic!("{}: {}", model.id, e.message));
        assert_eq!(parsed.prompt.messages.len(), 3);
        assert_eq!(parsed.prompt.max_tokens, Some(512));
    }
}

#[test]
fn emulated_responses_and_streams_read_back_to_the_generated_text() {
    for model in text_models() {
        let native = native_request(&spec(model.id)).unwrap();
        let format = format_for_body(model.family, &native.body).expect("a text format");
        let prompt = format.parse(&native.body, &model).unwrap();
        let generation = generate(model.name, &prompt, &Shape::default());
        let expected_text = generation.text();

        let response = format.response(&model, &prompt, &generation);
        let parsed = parse_native_response(native.family, &response);
        assert_eq!(parsed.text, expected_text, "{}: {response}", model.id);
        assert!(parsed.stop_reason.is_some(), "{}: {response}", model.id);

        let chunks = format.stream_chunks(&model, &prompt, &generation, &metrics());
        let read: Vec<_> = chunks
            .iter()
            .map(|chunk| parse_native_stream_chunk(native.family, chunk))
            .collect();
        let streamed: String = read.iter().filter_map(|c| c.text_delta.clone()).collect();
        assert_eq!(streamed, expected_text, "{}", model.id);
        assert!(
            read.iter().any(|c| c.stop_reason.is_some()),
            "{}: no stop reason in {chunks:?}",
            model.id
        );
        let last = read.last().unwrap();
        assert!(last.output_tokens.is_some(), "{}", model.id);
    }
}

#[test]
fn the_emulator_accepts_every_embedding_body() {
    let options = EmbeddingOptions {
        dimensions: Some(256),
        normalize: Some(true),
        ..EmbeddingOptions::default()
    };
    for model in Catalogue::default()
        .models()
        .filter(|m| m.family.is_embedding())
    {
        let family = family_of(model.id).unwrap();
        let body = embedding_body(family, &["a small cat".to_owned()], &options).unwrap();
        assert_eq!(validate_native_body(family, &body), Ok(()));
        let embedded = embeddings::invoke(model.family, &body)
            .unwrap_or_else(|e| panic!("{}: {}", model.id, e.message));
        let parsed = parse_native_response(family, &embedded.body);
        if family != Family::CohereEmbed {
            assert_eq!(parsed.input_tokens, Some(embedded.input_tokens));
        }
    }
    assert!(families::format_of(EmulatorFamily::CohereEmbed).is_none());
}
