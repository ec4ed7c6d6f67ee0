use super::{SnippetApi, SnippetTarget, body_json};

/// A raw string literal with enough `#` to hold `text`.
fn raw_string(text: &str) -> String {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
}

fn rust_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

pub fn snippet(target: &SnippetTarget) -> String {
    let mut loader = String::from("aws_config::defaults(BehaviorVersion::latest())");
    if let Some(profile) = &target.profile_name {
        loader.push_str(&format!(
            "\n        .profile_name({})",
            rust_string(profile)
        ));
    }
    loader.push_str(&format!(
        "\n        .region(Region::new({}))",
        rust_string(&target.region)
    ));
    if let Some(url) = &target.endpoint_url {
        loader.push_str(&format!("\n        .endpoint_url({})", rust_string(url)));
    }
    let body = raw_string(&body_json(target, true));
    let model = rust_string(&target.model_id);
    let call = match target.api {
        // The Rust SDK takes typed requests, not JSON: the snippet rebuilds the text turns,
        // system prompt and inference settings from the JSON body.
        SnippetApi::Converse => format!(
            "    let request: serde_json::Value = serde_json::from_str({body})?;\n    let mut call = client.converse().model_id({model});\n    for message in request[\"messages\"].as_array().into_iter().flatten() {{\n        let role = if message[\"role\"] == \"assistant\" {{ ConversationRole::Assistant }} else {{ ConversationRole::User }};\n        let text = message[\"content\"][0][\"text\"].as_str().unwrap_or_default();\n        call = call.messages(Message::builder().role(role).content(ContentBlock::Text(text.into())).build()?);\n    }}\n    if let Some(system) = request[\"system\"][0][\"text\"].as_str() {{\n        call = call.system(SystemContentBlock::Text(system.into()));\n    }}\n    let config = &request[\"inferenceConfig\"];\n    call = call.inference_config(\n        InferenceConfiguration::builder()\n            .set_max_tokens(config[\"maxTokens\"].as_i64().map(|n| n as i32))\n            .set_temperature(config[\"temperature\"].as_f64().map(|t| t as f32))\n            .set_top_p(config[\"topP\"].as_f64().map(|p| p as f32))\n            .set_stop_sequences(config[\"stopSequences\"].as_array().map(|stops| {{\n                stops.iter().filter_map(|s| s.as_str().map(String::from)).collect()\n            }}))\n            .build(),\n    );\n    let response = call.send().await?;\n    if let Some(ConverseOutput::Message(message)) = response.output {{\n        if let Some(ContentBlock::Text(text)) = message.content.first() {{\n            println!(\"{{text}}\");\n        }}\n    }}"
        ),
        SnippetApi::InvokeModel => format!(
            "    let response = client\n        .invoke_model()\n        .model_id({model})\n        .content_type(\"application/json\")\n        .accept(\"application/json\")\n        .body(Blob::new({body}))\n        .send()\n        .await?;\n    println!(\"{{}}\", String::from_utf8_lossy(response.body.as_ref()));"
        ),
    };
    format!(
        "// Cargo.toml: aws-config, aws-sdk-bedrockruntime, tokio (full), serde_json\nuse aws_config::{{BehaviorVersion, Region}};\nuse aws_sdk_bedrockruntime::primitives::Blob;\nuse aws_sdk_bedrockruntime::types::{{\n    ContentBlock, ConversationRole, ConverseOutput, InferenceConfiguration, Message, SystemContentBlock,\n}};\n\n#[tokio::main]\nasync fn main() -> Result<(), Box<dyn std::error::Error>> {{\n    let config = {loader}\n        .load()\n        .await;\n    let client = aws_sdk_bedrockruntime::Client::new(&config);\n{call}\n    Ok(())\n}}\n"
    )
}
