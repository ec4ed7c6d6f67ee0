use super::{SnippetApi, SnippetTarget, body_json};

/// A Python string literal that holds `text` exactly.
fn python_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// The JSON body as a readable raw triple-quoted literal. Valid JSON never has three unescaped
/// quotes in a row, so this only falls back to an escaped one-line literal for a broken body.
fn python_json_literal(json: &str) -> String {
    if json.contains("\"\"\"") || json.ends_with('\\') {
        python_string(json)
    } else {
        format!("r\"\"\"\n{json}\n\"\"\"")
    }
}

pub fn snippet(target: &SnippetTarget) -> String {
    let profile = target
        .profile_name
        .as_deref()
        .map_or_else(String::new, |p| {
            format!("profile_name={}, ", python_string(p))
        });
    let endpoint = target
        .endpoint_url
        .as_deref()
        .map_or_else(String::new, |url| {
            format!(", endpoint_url={}", python_string(url))
        });
    let body = python_json_literal(&body_json(target, true));
    let model = python_string(&target.model_id);
    let call = match target.api {
        SnippetApi::Converse => format!(
            "response = client.converse(modelId={model}, **request)\nprint(response[\"output\"][\"message\"][\"content\"][0][\"text\"])"
        ),
        SnippetApi::InvokeModel => format!(
            "response = client.invoke_model(modelId={model}, body=json.dumps(request),\n                               contentType=\"application/json\", accept=\"application/json\")\nprint(json.dumps(json.loads(response[\"body\"].read()), indent=2))"
        ),
    };
    format!(
        "import json\n\nimport boto3\n\nsession = boto3.Session({profile}region_name={region})\nclient = session.client(\"bedrock-runtime\"{endpoint})\nrequest = json.loads({body})\n{call}\n",
        region = python_string(&target.region),
    )
}
