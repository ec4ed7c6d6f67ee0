//! "Copy as code" for knowledge bases: bedrock-agent-runtime Retrieve and RetrieveAndGenerate,
//! from the request body as the API takes it (`retrievalQuery`, `retrieveAndGenerateConfiguration`).
//! Like the chat snippets they name the profile, region and endpoint, never a key.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::SnippetLanguage;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum KnowledgeApi {
    Retrieve,
    RetrieveAndGenerate,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KnowledgeSnippetTarget {
    pub api: KnowledgeApi,
    /// The request body as the API takes it, as JSON.
    pub body_json: String,
    pub profile_name: Option<String>,
    pub region: String,
    pub endpoint_url: Option<String>,
}

pub fn knowledge_snippet(language: SnippetLanguage, target: &KnowledgeSnippetTarget) -> String {
    let body: Value = serde_json::from_str(&target.body_json).unwrap_or(Value::Null);
    match language {
        SnippetLanguage::Boto3 => boto3(target, &body),
        SnippetLanguage::AwsCli => cli(target, &body),
        SnippetLanguage::JavaScriptV3 => javascript(target, &body),
        SnippetLanguage::RustSdk => rust(target, &body),
    }
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn pretty(body: &Value) -> String {
    serde_json::to_string_pretty(body).unwrap_or_default()
}

fn boto3(target: &KnowledgeSnippetTarget, body: &Value) -> String {
    let profile = target
        .profile_name
        .as_deref()
        .map_or_else(String::new, |p| format!("profile_name={}, ", quoted(p)));
    let endpoint = target
        .endpoint_url
        .as_deref()
        .map_or_else(String::new, |url| format!(", endpoint_url={}", quoted(url)));
    let json = pretty(body);
    let literal = if json.contains("\"\"\"") || json.ends_with('\\') {
        quoted(&json)
    } else {
        format!("r\"\"\"\n{json}\n\"\"\"")
    };
    let call = match target.api {
        KnowledgeApi::Retrieve => {
            "response = client.retrieve(**request)\nfor result in response[\"retrievalResults\"]:\n    print(result.get(\"score\"), result[\"content\"][\"text\"][:80].replace(\"\\n\", \" \"))"
        }
        KnowledgeApi::RetrieveAndGenerate => {
            "response = client.retrieve_and_generate(**request)\nprint(response[\"output\"][\"text\"])\nprint(\"session:\", response[\"sessionId\"])"
        }
    };
    format!(
        "import json\n\nimport boto3\n\nsession = boto3.Session({profile}region_name={region})\nclient = session.client(\"bedrock-agent-runtime\"{endpoint})\nrequest = json.loads({literal})\n{call}\n",
        region = quoted(&target.region),
    )
}

fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

fn cli(target: &KnowledgeSnippetTarget, body: &Value) -> String {
    let mut common = Vec::new();
    if let Some(profile) = &target.profile_name {
        common.push(format!("--profile {}", shell_quote(profile)));
    }
    common.push(format!("--region {}", shell_quote(&target.region)));
    if let Some(url) = &target.endpoint_url {
        common.push(format!("--endpoint-url {}", shell_quote(url)));
    }
    let body = shell_quote(&serde_json::to_string(body).unwrap_or_default());
    let (command, query) = match target.api {
        KnowledgeApi::Retrieve => (
            "retrieve",
            "--query 'retrievalResults[].[score, content.text]' --output text",
        ),
        KnowledgeApi::RetrieveAndGenerate => (
            "retrieve-and-generate",
            "--query 'output.text' --output text",
        ),
    };
    format!(
        "aws bedrock-agent-runtime {command} \\\n  --cli-input-json {body} \\\n  {} \\\n  {query}\n",
        common.join(" \\\n  ")
    )
}

fn javascript(target: &KnowledgeSnippetTarget, body: &Value) -> String {
    let credentials = target
        .profile_name
        .as_deref()
        .map_or_else(String::new, |p| {
            format!("  credentials: fromIni({{ profile: {} }}),\n", quoted(p))
        });
    let endpoint = target
        .endpoint_url
        .as_deref()
        .map_or_else(String::new, |url| format!("  endpoint: {},\n", quoted(url)));
    let import_ini = if target.profile_name.is_some() {
        "import { fromIni } from \"@aws-sdk/credential-providers\";\n"
    } else {
        ""
    };
    let (command, print) = match target.api {
        KnowledgeApi::Retrieve => (
            "RetrieveCommand",
            "for (const result of response.retrievalResults ?? []) {\n  console.log(result.score, result.content?.text);\n}",
        ),
        KnowledgeApi::RetrieveAndGenerate => (
            "RetrieveAndGenerateCommand",
            "console.log(response.output?.text);\nconsole.log(\"session:\", response.sessionId);",
        ),
    };
    format!(
        "import {{ BedrockAgentRuntimeClient, {command} }} from \"@aws-sdk/client-bedrock-agent-runtime\";\n{import_ini}\nconst client = new BedrockAgentRuntimeClient({{\n  region: {region},\n{credentials}{endpoint}}});\nconst request = {json};\nconst response = await client.send(new {command}(request));\n{print}\n",
        region = quoted(&target.region),
        json = pretty(body),
    )
}

/// `Some(value)` as Rust source, or nothing when the field is absent.
fn setter(name: &str, value: Option<String>) -> String {
    value.map_or_else(String::new, |v| format!("\n        .{name}({v})"))
}

fn int(value: &Value) -> Option<String> {
    value.as_i64().map(|n| n.to_string())
}

fn float(value: &Value) -> Option<String> {
    value.as_f64().map(|n| format!("{n:?}_f32"))
}

fn string(value: &Value) -> Option<String> {
    value.as_str().map(quoted)
}

/// The vector search settings; a metadata filter or reranking is left as a note, since the Rust
/// SDK takes them as typed values rather than JSON.
fn rust_vector_search(config: &Value) -> String {
    let search = &config["vectorSearchConfiguration"];
    if search.is_null() {
        return String::new();
    }
    let search_type = search["overrideSearchType"]
        .as_str()
        .map(|kind| match kind {
            "HYBRID" => "SearchType::Hybrid".to_owned(),
            _ => "SearchType::Semantic".to_owned(),
        });
    let mut notes = String::new();
    for (key, what) in [
        ("filter", "RetrievalFilter"),
        (
            "rerankingConfiguration",
            "VectorSearchRerankingConfiguration",
        ),
    ] {
        if !search[key].is_null() {
            notes.push_str(&format!(
                "    // Also set `{key}` with {what} (as JSON: {}).\n",
                serde_json::to_string(&search[key]).unwrap_or_default()
            ));
        }
    }
    format!(
        "{notes}    let retrieval = KnowledgeBaseRetrievalConfiguration::builder()\n        .vector_search_configuration(\n            KnowledgeBaseVectorSearchConfiguration::builder(){}{}\n                .build(),\n        )\n        .build();\n",
        setter("number_of_results", int(&search["numberOfResults"]))
            .replace("\n        ", "\n                "),
        setter("override_search_type", search_type).replace("\n        ", "\n                "),
    )
}

fn rust(target: &KnowledgeSnippetTarget, body: &Value) -> String {
    let mut loader = String::from("aws_config::defaults(BehaviorVersion::latest())");
    if let Some(profile) = &target.profile_name {
        loader.push_str(&format!("\n        .profile_name({})", quoted(profile)));
    }
    loader.push_str(&format!(
        "\n        .region(Region::new({}))",
        quoted(&target.region)
    ));
    if let Some(url) = &target.endpoint_url {
        loader.push_str(&format!("\n        .endpoint_url({})", quoted(url)));
    }
    let (config, call) = match target.api {
        KnowledgeApi::Retrieve => {
            let config = &body["retrievalConfiguration"];
            let retrieval = rust_vector_search(config);
            let with = if retrieval.is_empty() {
                ""
            } else {
                "\n        .retrieval_configuration(retrieval)"
            };
            (
                retrieval.clone(),
                format!(
                    "    let response = client\n        .retrieve()\n        .knowledge_base_id({kb})\n        .retrieval_query(KnowledgeBaseQuery::builder().text({query}).build()){with}\n        .send()\n        .await?;\n    for result in response.retrieval_results() {{\n        println!(\"{{:?}} {{:?}}\", result.score(), result.content().map(|c| c.text()));\n    }}",
                    kb = string(&body["knowledgeBaseId"]).unwrap_or_default(),
                    query = string(&body["retrievalQuery"]["text"]).unwrap_or_default(),
                ),
            )
        }
        KnowledgeApi::RetrieveAndGenerate => {
            let kb = &body["retrieveAndGenerateConfiguration"]["knowledgeBaseConfiguration"];
            let retrieval = rust_vector_search(&kb["retrievalConfiguration"]);
            let generation = &kb["generationConfiguration"];
            let text = &generation["inferenceConfig"]["textInferenceConfig"];
            let mut generation_code = String::new();
            if let Some(template) = string(&generation["promptTemplate"]["textPromptTemplate"]) {
                generation_code.push_str(&format!(
                    "\n                .prompt_template(PromptTemplate::builder().text_prompt_template({template}).build())"
                ));
            }
            if !text.is_null() {
                generation_code.push_str(&format!(
                    "\n                .inference_config(InferenceConfig::builder().text_inference_config(\n                    TextInferenceConfig::builder(){}{}{}.build(),\n                ).build())",
                    setter("max_tokens", int(&text["maxTokens"])).replace('\n', "").replace("        ", ""),
                    setter("temperature", float(&text["temperature"])).replace('\n', "").replace("        ", ""),
                    setter("top_p", float(&text["topP"])).replace('\n', "").replace("        ", ""),
                ));
            }
            let guardrail = &generation["guardrailConfiguration"];
            if !guardrail.is_null() {
                generation_code.push_str(&format!(
                    "\n                .guardrail_configuration(GuardrailConfiguration::builder().guardrail_id({}).guardrail_version({}).build()?)",
                    string(&guardrail["guardrailId"]).unwrap_or_default(),
                    string(&guardrail["guardrailVersion"]).unwrap_or_default(),
                ));
            }
            let with_retrieval = if retrieval.is_empty() {
                ""
            } else {
                "\n                .retrieval_configuration(retrieval)"
            };
            let with_generation = if generation_code.is_empty() {
                String::new()
            } else {
                format!(
                    "\n                .generation_configuration(GenerationConfiguration::builder(){generation_code}.build())"
                )
            };
            let session = setter("session_id", string(&body["sessionId"]));
            (
                retrieval.clone(),
                format!(
                    "    let config = RetrieveAndGenerateConfiguration::builder()\n        .r#type(RetrieveAndGenerateType::KnowledgeBase)\n        .knowledge_base_configuration(\n            KnowledgeBaseRetrieveAndGenerateConfiguration::builder()\n                .knowledge_base_id({kb_id})\n                .model_arn({arn}){with_retrieval}{with_generation}\n                .build()?,\n        )\n        .build()?;\n    let response = client\n        .retrieve_and_generate()\n        .input(RetrieveAndGenerateInput::builder().text({query}).build()?)\n        .retrieve_and_generate_configuration(config){session}\n        .send()\n        .await?;\n    println!(\"{{}}\", response.output().map(|o| o.text()).unwrap_or_default());\n    println!(\"session: {{}}\", response.session_id());",
                    kb_id = string(&kb["knowledgeBaseId"]).unwrap_or_default(),
                    arn = string(&kb["modelArn"]).unwrap_or_default(),
                    query = string(&body["input"]["text"]).unwrap_or_default(),
                ),
            )
        }
    };
    format!(
        "// Cargo.toml: aws-config, aws-sdk-bedrockagentruntime, tokio (full)\nuse aws_config::{{BehaviorVersion, Region}};\n#[allow(unused_imports)]\nuse aws_sdk_bedrockagentruntime::types::*;\n\n#[tokio::main]\nasync fn main() -> Result<(), Box<dyn std::error::Error>> {{\n    let sdk_config = {loader}\n        .load()\n        .await;\n    let client = aws_sdk_bedrockagentruntime::Client::new(&sdk_config);\n{config}{call}\n    Ok(())\n}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn retrieve_body() -> String {
        serde_json::json!({
            "knowledgeBaseId": "KB12345678",
            "retrievalQuery": {"text": "it's \"quoted\""},
            "retrievalConfiguration": {"vectorSearchConfiguration": {
                "numberOfResults": 3,
                "overrideSearchType": "HYBRID",
                "filter": {"equals": {"key": "year", "value": 2024}}
            }}
        })
        .to_string()
    }

    fn generate_body() -> String {
        serde_json::json!({
            "input": {"text": "How do I handle throttling?"},
            "sessionId": "session-1",
            "retrieveAndGenerateConfiguration": {
                "type": "KNOWLEDGE_BASE",
                "knowledgeBaseConfiguration": {
                    "knowledgeBaseId": "KB12345678",
                    "modelArn": "arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
                    "retrievalConfiguration": {"vectorSearchConfiguration": {"numberOfResults": 4}},
                    "generationConfiguration": {
                        "promptTemplate": {"textPromptTemplate": "Use $search_results$"},
                        "inferenceConfig": {"textInferenceConfig": {"maxTokens": 256, "temperature": 0.5}},
                        "guardrailConfiguration": {"guardrailId": "gr1", "guardrailVersion": "DRAFT"}
                    }
                }
            }
        })
        .to_string()
    }

    fn target(api: KnowledgeApi) -> KnowledgeSnippetTarget {
        KnowledgeSnippetTarget {
            api,
            body_json: match api {
                KnowledgeApi::Retrieve => retrieve_body(),
                KnowledgeApi::RetrieveAndGenerate => generate_body(),
            },
            profile_name: Some("dev".into()),
            region: "eu-west-1".into(),
            endpoint_url: Some("http://127.0.0.1:4010".into()),
        }
    }

    const LANGUAGES: [SnippetLanguage; 4] = [
        SnippetLanguage::Boto3,
        SnippetLanguage::AwsCli,
        SnippetLanguage::JavaScriptV3,
        SnippetLanguage::RustSdk,
    ];

    #[test]
    fn every_language_names_profile_region_endpoint_and_no_key() {
        for api in [KnowledgeApi::Retrieve, KnowledgeApi::RetrieveAndGenerate] {
            for language in LANGUAGES {
                let code = knowledge_snippet(language, &target(api));
                for forbidden in [
                    "aws_access_key_id",
                    "secret",
                    "Secret",
                    "session_token",
                    "sessionToken",
                ] {
                    assert!(
                        !code.contains(forbidden),
                        "{language:?}: {forbidden}\n{code}"
                    );
                }
                for needed in ["dev", "eu-west-1", "http://127.0.0.1:4010", "KB12345678"] {
                    assert!(
                        code.contains(needed),
                        "{language:?} {api:?} lacks {needed}\n{code}"
                    );
                }
            }
        }
    }

    #[test]
    fn boto3_calls_the_agent_runtime() {
        let code = knowledge_snippet(SnippetLanguage::Boto3, &target(KnowledgeApi::Retrieve));
        assert!(code.contains("session.client(\"bedrock-agent-runtime\", endpoint_url="));
        assert!(code.contains("client.retrieve(**request)"));
        assert!(code.contains("\"overrideSearchType\": \"HYBRID\""));
        let code = knowledge_snippet(
            SnippetLanguage::Boto3,
            &target(KnowledgeApi::RetrieveAndGenerate),
        );
        assert!(code.contains("client.retrieve_and_generate(**request)"));
        assert!(code.contains("\"guardrailId\": \"gr1\""));
    }

    #[test]
    fn the_cli_quotes_the_body_for_the_shell() {
        let code = knowledge_snippet(SnippetLanguage::AwsCli, &target(KnowledgeApi::Retrieve));
        assert!(code.starts_with("aws bedrock-agent-runtime retrieve \\"));
        assert!(code.contains("it'\\''s"), "{code}");
        let code = knowledge_snippet(
            SnippetLanguage::AwsCli,
            &target(KnowledgeApi::RetrieveAndGenerate),
        );
        assert!(code.starts_with("aws bedrock-agent-runtime retrieve-and-generate \\"));
        assert!(code.contains("--profile 'dev'"));
    }

    #[test]
    fn javascript_uses_the_v3_commands() {
        let code = knowledge_snippet(
            SnippetLanguage::JavaScriptV3,
            &target(KnowledgeApi::Retrieve),
        );
        assert!(code.contains("new RetrieveCommand(request)"));
        assert!(code.contains("fromIni({ profile: \"dev\" })"));
        let code = knowledge_snippet(
            SnippetLanguage::JavaScriptV3,
            &target(KnowledgeApi::RetrieveAndGenerate),
        );
        assert!(code.contains("@aws-sdk/client-bedrock-agent-runtime"));
        assert!(code.contains("new RetrieveAndGenerateCommand(request)"));
    }

    #[test]
    fn rust_builds_the_typed_request() {
        let code = knowledge_snippet(SnippetLanguage::RustSdk, &target(KnowledgeApi::Retrieve));
        assert!(code.contains(".number_of_results(3)"), "{code}");
        assert!(code.contains(".override_search_type(SearchType::Hybrid)"));
        assert!(code.contains("// Also set `filter`"));
        let code = knowledge_snippet(
            SnippetLanguage::RustSdk,
            &target(KnowledgeApi::RetrieveAndGenerate),
        );
        assert!(code.contains(".session_id(\"session-1\")"), "{code}");
        assert!(code.contains(".max_tokens(256)"), "{code}");
        assert!(code.contains(".temperature(0.5_f32)"), "{code}");
        assert!(code.contains(".guardrail_id(\"gr1\")"));
        assert!(code.contains("text_prompt_template(\"Use $search_results$\")"));
    }
}
