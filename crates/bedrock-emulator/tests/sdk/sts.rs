//! STS GetCallerIdentity and AssumeRole over the query protocol, then a call with the role's keys.

use aws_credential_types::Credentials;
use aws_sdk_bedrockruntime::types::{ContentBlock, ConversationRole, Message};

use crate::support;

#[tokio::test]
async fn caller_identity_names_the_signing_user() {
    let emulator = support::emulator().await;
    let sts = aws_sdk_sts::Client::new(&support::sdk_config(
        &emulator,
        "us-east-1",
        "AKIAIDENTITYTEST0001",
    ));
    let identity = sts.get_caller_identity().send().await.unwrap();
    assert_eq!(identity.account(), Some("123456789012"));
    assert_eq!(
        identity.arn(),
        Some("arn:aws:iam::123456789012:user/emulator-user")
    );
    let recorded = emulator.state().recorder.all();
    assert_eq!(recorded[0].operation, "STS");
    assert_eq!(
        recorded[0].caller.access_key_id.as_deref(),
        Some("AKIAIDENTITYTEST0001")
    );
    assert_eq!(recorded[0].caller.signing_service.as_deref(), Some("sts"));
}

#[tokio::test]
async fn assumed_role_credentials_sign_later_calls() {
    let emulator = support::emulator().await;
    let sts = aws_sdk_sts::Client::new(&support::sdk_config(
        &emulator,
        "us-east-1",
        support::ACCESS_KEY_ID,
    ));
    let assumed = sts
        .assume_role()
        .role_arn("arn:aws:iam::210987654321:role/bedrock-user")
        .role_session_name("playground")
        .send()
        .await
        .unwrap();
    let keys = assumed.credentials().unwrap();
    assert!(keys.access_key_id().starts_with("ASIA"));
    assert!(
        keys.expiration().secs()
            > aws_smithy_types::DateTime::from(std::time::SystemTime::now()).secs()
    );
    assert_eq!(
        assumed.assumed_role_user().unwrap().arn(),
        "arn:aws:sts::210987654321:assumed-role/bedrock-user/playground"
    );

    let role_config = support::sdk_config(&emulator, "us-east-1", support::ACCESS_KEY_ID)
        .into_builder()
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(Credentials::new(
                keys.access_key_id(),
                keys.secret_access_key(),
                Some(keys.session_token().to_owned()),
                None,
                "assumed",
            )),
        )
        .build();
    let identity = aws_sdk_sts::Client::new(&role_config)
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(
        identity.arn(),
        Some("arn:aws:sts::210987654321:assumed-role/bedrock-user/playground")
    );
    assert_eq!(identity.account(), Some("210987654321"));

    let message = Message::builder()
        .role(ConversationRole::User)
        .content(ContentBlock::Text("hi".into()))
        .build()
        .unwrap();
    aws_sdk_bedrockruntime::Client::new(&role_config)
        .converse()
        .model_id("amazon.nova-micro-v1:0")
        .messages(message)
        .send()
        .await
        .unwrap();
    let last = emulator.state().recorder.all().pop().unwrap();
    assert_eq!(last.operation, "Converse");
    assert_eq!(
        last.caller.access_key_id.as_deref(),
        Some(keys.access_key_id())
    );
    assert!(last.caller.has_session_token);
}

#[tokio::test]
async fn assume_role_validates_its_input() {
    let emulator = support::emulator().await;
    let sts = aws_sdk_sts::Client::new(&support::sdk_config(
        &emulator,
        "us-east-1",
        support::ACCESS_KEY_ID,
    ));
    let error = sts
        .assume_role()
        .role_arn("not-an-arn")
        .role_session_name("s1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        error.into_service_error().meta().code(),
        Some("ValidationError")
    );
}
