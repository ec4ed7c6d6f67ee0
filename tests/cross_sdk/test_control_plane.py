"""The bedrock control plane: foundation models and inference profiles."""

from __future__ import annotations

import re

import pytest
from botocore.exceptions import ClientError

from support import error_code

HAIKU = "anthropic.claude-3-haiku-20240307-v1:0"
SONNET_37 = "anthropic.claude-3-7-sonnet-20250219-v1:0"
PROFILE_ARN = re.compile(r"^arn:aws:bedrock:(?P<region>[a-z0-9-]+):\d{12}:inference-profile/(?P<id>.+)$")
MODEL_ARN = re.compile(r"^arn:aws:bedrock:(?P<region>[a-z0-9-]+)::foundation-model/(?P<id>.+)$")


@pytest.fixture(scope="module")
def bedrock_eu(make_client):
    return make_client("bedrock", region="eu-west-1")


# --------------------------------------------------------------------------------------
# Foundation models
# --------------------------------------------------------------------------------------


def test_list_foundation_models_summary_shape(bedrock):
    summaries = bedrock.list_foundation_models()["modelSummaries"]
    assert len(summaries) > 20
    ids = [s["modelId"] for s in summaries]
    assert len(ids) == len(set(ids))
    for summary in summaries:
        match = MODEL_ARN.match(summary["modelArn"])
        assert match, summary["modelArn"]
        assert match["region"] == "us-east-1"
        assert match["id"] == summary["modelId"]
        assert summary["providerName"] and summary["modelName"]
        assert summary["outputModalities"] and summary["inputModalities"]
        assert summary["modelLifecycle"]["status"] in ("ACTIVE", "LEGACY")
        assert isinstance(summary["responseStreamingSupported"], bool)
    assert HAIKU in ids


def test_list_foundation_models_by_provider(bedrock):
    summaries = bedrock.list_foundation_models(byProvider="Anthropic")["modelSummaries"]
    assert summaries
    assert {s["providerName"] for s in summaries} == {"Anthropic"}
    assert all(s["modelId"].startswith("anthropic.") for s in summaries)


def test_list_foundation_models_by_output_modality(bedrock):
    embedding = bedrock.list_foundation_models(byOutputModality="EMBEDDING")["modelSummaries"]
    ids = {s["modelId"] for s in embedding}
    assert {"amazon.titan-embed-text-v2:0", "cohere.embed-english-v3"} <= ids
    assert all("EMBEDDING" in s["outputModalities"] for s in embedding)
    assert HAIKU not in ids

    text = bedrock.list_foundation_models(byOutputModality="TEXT")["modelSummaries"]
    assert HAIKU in {s["modelId"] for s in text}
    assert not ids & {s["modelId"] for s in text}


def test_filters_combine(bedrock):
    summaries = bedrock.list_foundation_models(byProvider="Amazon", byOutputModality="EMBEDDING")["modelSummaries"]
    assert summaries
    assert all(s["providerName"] == "Amazon" and "EMBEDDING" in s["outputModalities"] for s in summaries)


def test_profile_only_models_list_inference_profile_as_inference_type(bedrock):
    summaries = {s["modelId"]: s for s in bedrock.list_foundation_models()["modelSummaries"]}
    assert "INFERENCE_PROFILE" in summaries[SONNET_37]["inferenceTypesSupported"]
    assert "ON_DEMAND" in summaries[HAIKU]["inferenceTypesSupported"]


def test_invalid_output_modality_is_rejected(bedrock):
    # botocore does not validate enum values client-side, so the server must reject this.
    with pytest.raises(ClientError) as excinfo:
        bedrock.list_foundation_models(byOutputModality="SMELL")
    assert error_code(excinfo) == "ValidationException"


def test_get_foundation_model(bedrock):
    details = bedrock.get_foundation_model(modelIdentifier=HAIKU)["modelDetails"]
    assert details["modelId"] == HAIKU
    assert details["modelArn"] == f"arn:aws:bedrock:us-east-1::foundation-model/{HAIKU}"
    assert details["providerName"] == "Anthropic"
    assert details["modelName"] == "Claude 3 Haiku"
    assert set(details["inputModalities"]) == {"TEXT", "IMAGE"}
    assert details["outputModalities"] == ["TEXT"]


def test_get_foundation_model_by_arn(bedrock):
    arn = f"arn:aws:bedrock:us-east-1::foundation-model/{HAIKU}"
    assert bedrock.get_foundation_model(modelIdentifier=arn)["modelDetails"]["modelId"] == HAIKU


def test_get_unknown_foundation_model(bedrock):
    with pytest.raises(ClientError) as excinfo:
        bedrock.get_foundation_model(modelIdentifier="anthropic.claude-nonexistent-v9:0")
    assert error_code(excinfo) in ("ResourceNotFoundException", "ValidationException")


# --------------------------------------------------------------------------------------
# Inference profiles
# --------------------------------------------------------------------------------------


def all_profiles(client) -> list[dict]:
    return [p for page in client.get_paginator("list_inference_profiles").paginate() for p in page["inferenceProfileSummaries"]]


def test_us_profiles_in_us_east_1(bedrock):
    profiles = all_profiles(bedrock)
    ids = [p["inferenceProfileId"] for p in profiles]
    assert f"us.{SONNET_37}" in ids
    assert any(i.startswith("us.") for i in ids)
    assert not any(i.startswith(("eu.", "apac.")) for i in ids)
    for profile in profiles:
        match = PROFILE_ARN.match(profile["inferenceProfileArn"])
        assert match, profile["inferenceProfileArn"]
        assert match["region"] == "us-east-1"
        assert match["id"] == profile["inferenceProfileId"]
        assert profile["status"] == "ACTIVE"
        assert profile["type"] == "SYSTEM_DEFINED"
        assert profile["inferenceProfileName"]
        assert profile["models"]
        model_id = profile["inferenceProfileId"].split(".", 1)[1]
        for model in profile["models"]:
            model_match = MODEL_ARN.match(model["modelArn"])
            assert model_match and model_match["id"] == model_id, model["modelArn"]


def test_eu_profiles_in_eu_west_1(bedrock_eu):
    ids = [p["inferenceProfileId"] for p in all_profiles(bedrock_eu)]
    assert f"eu.{SONNET_37}" in ids
    assert not any(i.startswith(("us.", "apac.")) for i in ids)
    assert all(PROFILE_ARN.match(p["inferenceProfileArn"])["region"] == "eu-west-1" for p in all_profiles(bedrock_eu))


def test_list_inference_profiles_paginates(bedrock):
    everything = bedrock.list_inference_profiles()["inferenceProfileSummaries"]
    first = bedrock.list_inference_profiles(maxResults=2)
    assert len(first["inferenceProfileSummaries"]) == 2
    assert first["nextToken"]
    paged = all_profiles(bedrock)
    assert [p["inferenceProfileId"] for p in paged] == [p["inferenceProfileId"] for p in everything]


def test_get_inference_profile(bedrock):
    profile_id = f"us.{SONNET_37}"
    profile = bedrock.get_inference_profile(inferenceProfileIdentifier=profile_id)
    assert profile["inferenceProfileId"] == profile_id
    assert profile["inferenceProfileArn"].endswith(f":inference-profile/{profile_id}")
    assert profile["type"] == "SYSTEM_DEFINED"
    assert profile["status"] == "ACTIVE"
    regions = {MODEL_ARN.match(m["modelArn"])["region"] for m in profile["models"]}
    assert "us-east-1" in regions
    assert all(r.startswith("us-") for r in regions)


def test_get_inference_profile_by_arn(bedrock):
    listed = bedrock.list_inference_profiles(maxResults=1)["inferenceProfileSummaries"][0]
    fetched = bedrock.get_inference_profile(inferenceProfileIdentifier=listed["inferenceProfileArn"])
    assert fetched["inferenceProfileId"] == listed["inferenceProfileId"]


def test_get_inference_profile_of_another_geography(bedrock):
    with pytest.raises(ClientError) as excinfo:
        bedrock.get_inference_profile(inferenceProfileIdentifier=f"eu.{SONNET_37}")
    assert error_code(excinfo) == "ResourceNotFoundException"
