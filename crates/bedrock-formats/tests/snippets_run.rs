//! The boto3 and AWS CLI snippets really run: against the emulator, with a `~/.aws` profile,
//! and the emulator records the profile's key, so the snippet used the profile and nothing else.

use std::path::Path;
use std::process::Command;

use bedrock_emulator::{Emulator, EmulatorConfig};
use bedrock_formats::code_snippets::{
    KnowledgeApi, KnowledgeSnippetTarget, SnippetApi, SnippetLanguage, SnippetTarget,
    knowledge_snippet, snippet,
};
use bedrock_formats::{PromptSpec, Role, SpecMessage, converse_request, native_request};

const PROFILE_KEY: &str = "AKIASNIPPETPROFILE01";
const LLAMA: &str = "meta.llama3-1-70b-instruct-v1:0";

fn aws_files(dir: &Path) -> Vec<(&'static str, String)> {
    std::fs::write(
        dir.join("config"),
        "[profile snippet]\nregion = us-east-1\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("credentials"),
        format!("[snippet]\naws_access_key_id = {PROFILE_KEY}\naws_secret_access_key = not-a-real-secret\n"),
    )
    .unwrap();
    vec![
        ("AWS_CONFIG_FILE", dir.join("config").display().to_string()),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            dir.join("credentials").display().to_string(),
        ),
        ("AWS_EC2_METADATA_DISABLED", "true".to_owned()),
    ]
}

fn spec() -> PromptSpec {
    PromptSpec {
        model_id: LLAMA.into(),
        system_prompt: "You are terse.".into(),
        messages: vec![SpecMessage {
            role: Role::User,
            // Every quoting hazard of Python, the shell and JSON in one turn.
            text:
                "Name a river that's long, \"quoted\" or \"\"\"triple\"\"\"; C:\\path\nnext line."
                    .into(),
        }],
        max_tokens: Some(64),
        ..PromptSpec::default()
    }
}

fn target(api: SnippetApi, endpoint: &str) -> SnippetTarget {
    let body_json = match api {
        SnippetApi::Converse => serde_json::to_string(&converse_request(&spec())).unwrap(),
        SnippetApi::InvokeModel => native_request(&spec()).unwrap().body_json,
    };
    SnippetTarget {
        api,
        model_id: LLAMA.into(),
        body_json,
        profile_name: Some("snippet".into()),
        region: "us-east-1".into(),
        endpoint_url: Some(endpoint.into()),
    }
}

fn run(program: &str, args: &[&str], dir: &Path, env: &[(&'static str, String)]) -> String {
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("AWS_BEARER_TOKEN_BEDROCK")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_DEFAULT_PROFILE")
        .output()
        .unwrap_or_else(|e| panic!("{program} could not start ({e}): run `pip install -r tests/cross_sdk/requirements.txt`"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{program} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

fn signers(emulator: &Emulator) -> Vec<Option<String>> {
    emulator
        .state()
        .recorder
        .all()
        .into_iter()
        .map(|r| r.caller.access_key_id)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn boto3_snippets_run_with_the_profile() {
    let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let dir = std::env::temp_dir().join(format!("snippets-boto3-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let env = aws_files(&dir);
    for api in [SnippetApi::Converse, SnippetApi::InvokeModel] {
        let code = snippet(
            SnippetLanguage::Boto3,
            &target(api, &emulator.endpoint_url()),
        );
        std::fs::write(dir.join("snippet.py"), &code).unwrap();
        let out = run("python3", &["snippet.py"], &dir, &env);
        assert!(out.contains("Emulated"), "{api:?}: {out}");
    }
    assert_eq!(signers(&emulator), vec![Some(PROFILE_KEY.to_owned()); 2]);
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn aws_cli_snippets_run_with_the_profile() {
    let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let dir = std::env::temp_dir().join(format!("snippets-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let env = aws_files(&dir);
    let version = run("aws", &["--version"], &dir, &env);
    for api in [SnippetApi::Converse, SnippetApi::InvokeModel] {
        let mut code = snippet(
            SnippetLanguage::AwsCli,
            &target(api, &emulator.endpoint_url()),
        );
        // The snippet is for CLI v2; PyPI only has v1, which sends blobs raw already and does
        // not know the v2 flag that asks for that.
        if version.starts_with("aws-cli/1.") {
            code = code.replace("  --cli-binary-format raw-in-base64-out \\\n", "");
        }
        let out = run("sh", &["-c", &code], &dir, &env);
        assert!(out.contains("Emulated"), "{api:?}: {out}");
    }
    assert_eq!(signers(&emulator), vec![Some(PROFILE_KEY.to_owned()); 2]);
    std::fs::remove_dir_all(dir).unwrap();
}

fn knowledge_targets(endpoint: &str) -> Vec<KnowledgeSnippetTarget> {
    let kb = bedrock_emulator::knowledge::ids::resource_id("bedrock-playground-handbook");
    let retrieve = serde_json::json!({
        "knowledgeBaseId": kb,
        "retrievalQuery": {"text": "How do I handle throttling? It's \"urgent\""},
        "retrievalConfiguration": {"vectorSearchConfiguration": {
            "numberOfResults": 3,
            "overrideSearchType": "SEMANTIC",
            "rerankingConfiguration": {
                "type": "BEDROCK_RERANKING_MODEL",
                "bedrockRerankingConfiguration": {
                    "modelConfiguration": {"modelArn": "arn:aws:bedrock:us-east-1::foundation-model/amazon.rerank-v1:0"},
                    "numberOfRerankedResults": 2
                }
            }
        }}
    });
    let generate = serde_json::json!({
        "input": {"text": "How do I handle throttling?"},
        "retrieveAndGenerateConfiguration": {
            "type": "KNOWLEDGE_BASE",
            "knowledgeBaseConfiguration": {
                "knowledgeBaseId": kb,
                "modelArn": "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
                "retrievalConfiguration": {"vectorSearchConfiguration": {"numberOfResults": 4}},
                "generationConfiguration": {
                    "inferenceConfig": {"textInferenceConfig": {"maxTokens": 200, "temperature": 0.2}}
                }
            }
        }
    });
    [
        (KnowledgeApi::Retrieve, retrieve),
        (KnowledgeApi::RetrieveAndGenerate, generate),
    ]
    .into_iter()
    .map(|(api, body)| KnowledgeSnippetTarget {
        api,
        body_json: body.to_string(),
        profile_name: Some("snippet".into()),
        region: "us-east-1".into(),
        endpoint_url: Some(endpoint.into()),
    })
    .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn knowledge_base_boto3_and_cli_snippets_run_with_the_profile() {
    let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
    let dir = std::env::temp_dir().join(format!("snippets-kb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let env = aws_files(&dir);
    for target in knowledge_targets(&emulator.endpoint_url()) {
        let code = knowledge_snippet(SnippetLanguage::Boto3, &target);
        std::fs::write(dir.join("snippet.py"), &code).unwrap();
        let out = run("python3", &["snippet.py"], &dir, &env);
        match target.api {
            // Reranked down to two results, each printed with its score.
            KnowledgeApi::Retrieve => assert_eq!(out.lines().count(), 2, "{out}"),
            KnowledgeApi::RetrieveAndGenerate => assert!(out.contains("session: "), "{out}"),
        }
        let code = knowledge_snippet(SnippetLanguage::AwsCli, &target);
        let out = run("sh", &["-c", &code], &dir, &env);
        assert!(!out.trim().is_empty(), "{:?}: {out}", target.api);
    }
    // Every call, including the emulator's own steps behind each of the four, was signed with
    // the profile's key.
    let signed = signers(&emulator);
    assert!(signed.len() >= 4, "{signed:?}");
    assert!(
        signed.iter().all(|k| k.as_deref() == Some(PROFILE_KEY)),
        "{signed:?}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}
