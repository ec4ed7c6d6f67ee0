//! The app's capability table never allows more than the emulator's, which refuses what Bedrock
//! refuses: for every chat model the emulator lists, a control or limit the app would send is
//! one the model takes. (The app may be more careful: Converse instead of ConverseStream costs
//! nothing but the stream.)

use bedrock_client::catalogue::capabilities_of;
use bedrock_emulator::catalogue::models;

#[test]
fn the_app_never_sends_what_the_emulated_model_refuses() {
    let mut problems = Vec::new();
    for model in models::all().iter().filter(|m| !m.family.is_embedding()) {
        let app = capabilities_of(model.id);
        let emulator = model.capabilities;
        let mut check = |allowed: bool, what: String| {
            if !allowed {
                problems.push(format!("{}: {what}", model.id));
            }
        };
        if let Some(limit) = emulator.max_output_tokens {
            check(
                app.max_output_tokens.is_some_and(|max| max <= limit),
                format!(
                    "the app allows {:?} output tokens, the model {limit}",
                    app.max_output_tokens
                ),
            );
        }
        check(
            !app.stop_sequences || emulator.stop_sequences,
            "the app sends stop sequences".into(),
        );
        check(
            !app.tool_use || emulator.tool_use,
            "the app sends tools".into(),
        );
        check(
            !(app.tool_use && app.streaming_tool_use) || emulator.streaming_tool_use,
            "the app streams tool use".into(),
        );
        check(
            !(app.tool_use && app.forced_tool_choice) || emulator.tool_choice_any,
            "the app forces a tool choice".into(),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
