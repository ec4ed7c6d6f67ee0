"""The app's connection to Bedrock as the AWS SDKs make it: a runtime-only endpoint leaves the
model listing where it was, and an active profile that disappears is reported, never replaced
by the emulator while the top bar names AWS."""

import subprocess
from pathlib import Path

import pytest

from conftest import APP_BIN, Emulator
from selenium.webdriver.support.select import Select

from ui import by_test_id, model_ids, send_with_keyboard, wait_ready, wait_reply_status, wait_until

KEYS = "aws_access_key_id = AKIAE2ECONNECTION001\naws_secret_access_key = e2e-secret-not-real\n"


@pytest.fixture
def emulators():
    """Starts emulator processes of its own (the app starts its in-process one only for the
    emulator profile), stopped after the test."""
    binary = Path(APP_BIN).with_name("bedrock-emulator")
    if not binary.exists():
        pytest.fail(f"build the emulator binary first (cargo build -p bedrock-emulator): {binary}")
    processes = []

    def start() -> Emulator:
        process = subprocess.Popen(
            [str(binary), "--listen", "127.0.0.1:0", "--pace-ms", "0"],
            stdout=subprocess.PIPE,
            text=True,
        )
        processes.append(process)
        line = process.stdout.readline().strip()
        assert line.startswith("listening on http://"), line
        return Emulator(int(line.rsplit(":", 1)[1]))

    try:
        yield start
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def use_profile(driver, name: str):
    """Choose the profile in the sidebar, as a user does, and wait for its models."""
    wait_ready(driver)
    Select(by_test_id(driver, "profile-switcher")).select_by_value(f"aws:{name}")
    wait_until(lambda: f"· {name} ·" in by_test_id(driver, "backend-badge").text, what=f"badge names {name}")
    wait_ready(driver)


def write_config(runner, text: str) -> Path:
    config = Path(runner.home) / ".aws" / "config"
    config.parent.mkdir(exist_ok=True)
    config.write_text(text)
    return config


def test_a_runtime_only_endpoint_still_lists_models(runner, emulators):
    """bedrock-runtime goes to its own endpoint (the services section); ListFoundationModels
    and STS stay on the profile's endpoint: the picker fills, the answer comes from the runtime's."""
    control, runtime = emulators(), emulators()
    write_config(
        runner,
        f"[profile vpc]\nregion = us-east-1\n{KEYS}endpoint_url = {control.url}\nservices = vpc\n\n"
        f"[services vpc]\nbedrock_runtime =\n  endpoint_url = {runtime.url}\n",
    )
    driver = runner.start()
    use_profile(driver, "vpc")
    assert "amazon.nova-pro-v1:0" in model_ids(driver)
    assert control.requests("ListFoundationModels"), "models were listed on the profile's endpoint"
    assert not runtime.requests("ListFoundationModels")
    send_with_keyboard(driver, "Hello through the VPC endpoint")
    wait_reply_status(driver, "done", timeout=60)
    assert runtime.requests("ConverseStream"), "the chat went to the runtime endpoint"
    assert not control.requests("ConverseStream")


def test_a_profile_removed_while_the_app_runs_is_reported_not_replaced(runner, emulators):
    """The active profile points (endpoint_url) at an emulator; once it is removed from
    ~/.aws/config, a chat fails naming it, and nothing is answered by the emulator."""
    emulator = emulators()
    config = write_config(runner, f"[profile work]\nregion = us-east-1\n{KEYS}endpoint_url = {emulator.url}\n")
    driver = runner.start()
    use_profile(driver, "work")
    config.write_text("[profile other]\nregion = us-east-1\n")
    before = len(emulator.requests("ConverseStream"))
    send_with_keyboard(driver, "Are you still there?")
    wait_reply_status(driver, "failed", timeout=60)
    card = wait_until(lambda: by_test_id(driver, "error-card"), what="error card")
    assert card.get_attribute("data-code") == "ProfileUnusable"
    assert "`work`" in card.text and "no longer" in card.text, card.text
    assert "[Emulated" not in card.text
    assert len(emulator.requests("ConverseStream")) == before, "the emulator answered in its place"
    # The top bar stops naming the profile as if it answered, and offers another.
    badge = wait_until(lambda: by_test_id(driver, "backend-problem"), what="top bar problem")
    # The message may be cut with an ellipsis on a narrow window: read it whole.
    problem = badge.get_attribute("textContent")
    assert "Profile unavailable" in problem and "`work`" in problem, problem
    assert by_test_id(driver, "choose-profile").is_displayed()


def test_models_still_list_when_inference_profiles_are_denied(app):
    """ListInferenceProfiles denied, ListFoundationModels allowed: the picker keeps the models and
    says why inference profiles are missing."""
    driver, emulator = app
    wait_ready(driver)
    emulator.add_fault(operation="ListInferenceProfiles", fault="access-denied")
    by_test_id(driver, "refresh-models").click()
    warning = wait_until(lambda: by_test_id(driver, "catalogue-warning"), what="catalogue warning")
    assert "Inference profiles could not be listed" in warning.text, warning.text
    assert "bedrock:ListInferenceProfiles" in warning.text
    wait_until(lambda: "live" in by_test_id(driver, "catalogue-origin").text, what="a live list")
    assert "amazon.nova-pro-v1:0" in model_ids(driver)
    assert emulator.requests("ListInferenceProfiles")[-1]["status"] == 403
