//! The boto3 and AWS CLI snippets really run: against the emulator, with a `~/.aws` profile,
//! and the emulator records the profile's key, so the snippet used the profile and nothing else.

use std::path::Path;
use std::process::Command;

use bedrock_emulator::{Emulator, EmulatorConfig};
use bedrock_formats::code_snippets::{SnippetApi, SnippetLanguage, SnippetTarget, snippet};
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
