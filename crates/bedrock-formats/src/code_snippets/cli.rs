use super::{SnippetApi, SnippetTarget, body_json};

/// `text` in single quotes for a POSIX shell.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

pub fn snippet(target: &SnippetTarget) -> String {
    let mut common = Vec::new();
    if let Some(profile) = &target.profile_name {
        common.push(format!("--profile {}", shell_quote(profile)));
    }
    common.push(format!("--region {}", shell_quote(&target.region)));
    if let Some(url) = &target.endpoint_url {
        common.push(format!("--endpoint-url {}", shell_quote(url)));
    }
    let common = common.join(" \\\n  ");
    let body = shell_quote(&body_json(target, false));
    let model = shell_quote(&target.model_id);
    match target.api {
        SnippetApi::Converse => format!(
            "aws bedrock-runtime converse \\\n  --model-id {model} \\\n  --cli-input-json {body} \\\n  {common} \\\n  --query 'output.message.content[0].text' --output text\n"
        ),
        SnippetApi::InvokeModel => format!(
            "aws bedrock-runtime invoke-model \\\n  --model-id {model} \\\n  --body {body} \\\n  --cli-binary-format raw-in-base64-out \\\n  --content-type application/json --accept application/json \\\n  {common} \\\n  response.json && cat response.json\n"
        ),
    }
}
