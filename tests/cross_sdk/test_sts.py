"""STS over the query protocol, and calling Bedrock with the credentials it hands out."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from botocore.exceptions import ClientError

from conftest import ACCESS_KEY_ID
from support import error_code, response_text, user

ROLE_ARN = "arn:aws:iam::210987654321:role/BedrockTester"
HAIKU = "anthropic.claude-3-haiku-20240307-v1:0"


def test_get_caller_identity_for_static_keys(sts):
    identity = sts.get_caller_identity()
    assert re.fullmatch(r"\d{12}", identity["Account"])
    assert identity["Arn"].startswith(f"arn:aws:iam::{identity['Account']}:user/")
    assert identity["UserId"]
    assert identity["ResponseMetadata"]["HTTPStatusCode"] == 200


def assume(sts, session_name: str = "cross-sdk-suite", **kw) -> dict:
    return sts.assume_role(RoleArn=ROLE_ARN, RoleSessionName=session_name, **kw)


def test_assume_role_returns_temporary_credentials(sts):
    response = assume(sts, DurationSeconds=900)
    credentials = response["Credentials"]
    assert credentials["AccessKeyId"].startswith("ASIA")
    assert credentials["SecretAccessKey"]
    assert credentials["SessionToken"]
    expiration = credentials["Expiration"]
    assert isinstance(expiration, datetime)
    remaining = (expiration - datetime.now(timezone.utc)).total_seconds()
    assert 800 < remaining <= 905
    user_info = response["AssumedRoleUser"]
    assert user_info["Arn"] == "arn:aws:sts::210987654321:assumed-role/BedrockTester/cross-sdk-suite"
    assert user_info["AssumedRoleId"].endswith(":cross-sdk-suite")


def test_assumed_identity_is_the_role_session(sts, make_client):
    credentials = assume(sts, "whoami-session")["Credentials"]
    role_sts = make_client(
        "sts",
        credentials={
            "aws_access_key_id": credentials["AccessKeyId"],
            "aws_secret_access_key": credentials["SecretAccessKey"],
            "aws_session_token": credentials["SessionToken"],
        },
    )
    identity = role_sts.get_caller_identity()
    assert identity["Account"] == "210987654321"
    assert identity["Arn"] == "arn:aws:sts::210987654321:assumed-role/BedrockTester/whoami-session"


def test_converse_with_assumed_role_credentials_is_recorded(sts, make_client, emulator):
    credentials = assume(sts, "converse-session")["Credentials"]
    runtime = make_client(
        "bedrock-runtime",
        credentials={
            "aws_access_key_id": credentials["AccessKeyId"],
            "aws_secret_access_key": credentials["SecretAccessKey"],
            "aws_session_token": credentials["SessionToken"],
        },
    )
    emulator.clear_requests()

    response = runtime.converse(modelId=HAIKU, messages=[user("Who am I?")])

    assert response_text(response).startswith("[Emulated Claude 3 Haiku]")
    recorded = emulator.requests("Converse")
    assert len(recorded) == 1
    record = recorded[0]
    assert record["status"] == 200
    assert record["modelId"] == HAIKU
    assert record["method"] == "POST"
    assert record["path"].startswith("/model/") and record["path"].endswith("/converse")
    assert record["requestId"] == response["ResponseMetadata"]["RequestId"]
    caller = record["caller"]
    assert caller["scheme"] == "sigv4"
    assert caller["accessKeyId"] == credentials["AccessKeyId"]
    assert caller["accessKeyId"].startswith("ASIA")
    assert caller["hasSessionToken"] is True
    assert caller["region"] == "us-east-1"
    assert caller["signingService"] == "bedrock"


def test_static_keys_are_recorded_without_session_token(runtime, emulator):
    emulator.clear_requests()
    runtime.converse(modelId=HAIKU, messages=[user("static keys")])
    (record,) = emulator.requests("Converse")
    assert record["caller"]["accessKeyId"] == ACCESS_KEY_ID
    assert record["caller"]["hasSessionToken"] is False


def test_region_comes_from_the_signature(make_client, emulator):
    runtime_eu = make_client("bedrock-runtime", region="eu-west-1")
    emulator.clear_requests()
    runtime_eu.converse(modelId=HAIKU, messages=[user("from Ireland")])
    (record,) = emulator.requests("Converse")
    assert record["caller"]["region"] == "eu-west-1"


def test_assume_role_rejects_a_malformed_role_arn(sts):
    with pytest.raises(ClientError) as excinfo:
        sts.assume_role(RoleArn="arn:aws:iam::12345:role/TooShortAccount", RoleSessionName="s1")
    assert error_code(excinfo) == "ValidationError"
