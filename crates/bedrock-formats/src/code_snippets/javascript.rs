use super::{SnippetApi, SnippetTarget, body_json};

fn js_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

pub fn snippet(target: &SnippetTarget) -> String {
    let credentials = target
        .profile_name
        .as_deref()
        .map_or_else(String::new, |p| {
            format!("  credentials: fromIni({{ profile: {} }}),\n", js_string(p))
        });
    let endpoint = target
        .endpoint_url
        .as_deref()
        .map_or_else(String::new, |url| {
            format!("  endpoint: {},\n", js_string(url))
        });
    let import_ini = if target.profile_name.is_some() {
        "import { fromIni } from \"@aws-sdk/credential-providers\";\n"
    } else {
        ""
    };
    let body = body_json(target, true);
    let model = js_string(&target.model_id);
    let (command, call) = match target.api {
        SnippetApi::Converse => (
            "ConverseCommand",
            format!(
                "const response = await client.send(new ConverseCommand({{ modelId: {model}, ...request }}));\nconsole.log(response.output.message.content[0].text);"
            ),
        ),
        SnippetApi::InvokeModel => (
            "InvokeModelCommand",
            format!(
                "const response = await client.send(new InvokeModelCommand({{\n  modelId: {model},\n  contentType: \"application/json\",\n  accept: \"application/json\",\n  body: JSON.stringify(request),\n}}));\nconsole.log(JSON.parse(new TextDecoder().decode(response.body)));"
            ),
        ),
    };
    format!(
        "import {{ BedrockRuntimeClient, {command} }} from \"@aws-sdk/client-bedrock-runtime\";\n{import_ini}\nconst client = new BedrockRuntimeClient({{\n  region: {region},\n{credentials}{endpoint}}});\nconst request = {body};\n{call}\n",
        region = js_string(&target.region),
    )
}
