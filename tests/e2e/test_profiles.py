"""Profiles in the real app: a keyring profile added in the UI, tested, switched to and back."""

import re

import pytest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from conftest import SCREENSHOTS
from ui import (
    all_by_test_id,
    by_test_id,
    send_with_keyboard,
    set_field,
    wait_ready,
    wait_reply_status,
    wait_until,
)

ACCESS_KEY = "AKIAE2EPROFILETEST01"
SECRET_KEY = "e2e-secret-never-on-disk-7f3a9c"


def signers(emulator, operation: str) -> list[str]:
    return [r["caller"].get("accessKeyId") for r in emulator.requests(operation)]


def catalogue_region(driver) -> str:
    text = by_test_id(driver, "catalogue-origin").text
    found = re.search(r"models in ([a-z0-9-]+)", text)
    return found.group(1) if found else ""


def test_keyring_profile_added_tested_and_switched(app):
    driver, emulator = app
    wait_ready(driver)
    assert catalogue_region(driver) == "us-east-1"

    by_test_id(driver, "manage-profiles").click()
    wait_until(lambda: by_test_id(driver, "profiles-page").is_displayed(), what="profiles page")
    by_test_id(driver, "add-profile").click()
    set_field(driver, "profile-name", "Work EU")
    set_field(driver, "profile-region", "eu-west-1")
    set_field(driver, "profile-endpointUrl", emulator.url)
    set_field(driver, "profile-accessKeyId", ACCESS_KEY)
    set_field(driver, "profile-secretAccessKey", SECRET_KEY)
    by_test_id(driver, "save-profile").click()
    wait_until(lambda: "keyring" in by_test_id(driver, "profile-saved").text, what="saved")

    by_test_id(driver, "test-connection").click()
    report = wait_until(lambda: by_test_id(driver, "connection-report"), what="connection report")
    assert report.get_attribute("data-ok") == "true", report.text
    assert "123456789012" in report.text
    assert "AKIA…ST01" in report.text
    assert ACCESS_KEY in signers(emulator, "STS"), "GetCallerIdentity was not signed by the new keys"
    driver.save_screenshot(str(SCREENSHOTS / "profile-connection-tested.png"))

    by_test_id(driver, "use-profile").click()
    wait_until(
        lambda: any("Work EU" in c.text and "active" in c.text for c in all_by_test_id(driver, "profile-card")),
        what="Work EU marked active",
    )
    by_test_id(driver, "close-profiles").click()
    wait_until(lambda: "Custom endpoint · Work EU" in by_test_id(driver, "backend-badge").text, what="badge names the profile and its endpoint")
    wait_until(lambda: catalogue_region(driver) == "eu-west-1", what="eu-west-1 catalogue")
    values = [o.get_attribute("value") for o in Select(by_test_id(driver, "model-picker")).options]
    assert any(v.startswith("eu.") for v in values), values
    assert not any(v.startswith("us.") for v in values), values

    send_with_keyboard(driver, "Which keys signed this?")
    wait_reply_status(driver, "done")
    assert signers(emulator, "ConverseStream") == [ACCESS_KEY]
    driver.save_screenshot(str(SCREENSHOTS / "profile-work-eu-chat.png"))

    # The keys signed those calls, yet neither the wire capture nor a history export shows them.
    by_test_id(driver, "tab-wire").click()
    wait_until(lambda: all_by_test_id(driver, "wire-item"), what="captured exchanges")
    assert "Signature=****" in by_test_id(driver, "wire-detail").text
    assert SECRET_KEY not in driver.page_source and ACCESS_KEY not in driver.page_source
    by_test_id(driver, "tab-history").click()
    wait_until(lambda: all_by_test_id(driver, "history-item"), what="history")
    driver.find_element("xpath", "//li[@data-testid='history-item']//button[text()='Export']").click()
    exported = wait_until(lambda: by_test_id(driver, "export-json").get_attribute("value"), what="export")
    assert "Work EU" in exported and SECRET_KEY not in exported and ACCESS_KEY not in exported
    by_test_id(driver, "tab-chat").click()

    Select(by_test_id(driver, "profile-switcher")).select_by_value("emulator")
    wait_until(lambda: catalogue_region(driver) == "us-east-1", what="back to us-east-1")
    send_with_keyboard(driver, "And now?")
    wait_until(lambda: len(all_by_test_id(driver, "reply")) == 2, what="second reply")
    wait_reply_status(driver, "done")
    assert signers(emulator, "ConverseStream") == [ACCESS_KEY, "AKIAEMULATEDPLAYGRND"]

    for path in driver.data_dir.rglob("*"):
        if path.is_file():
            assert SECRET_KEY.encode() not in path.read_bytes(), f"secret written to {path}"
    assert any(driver.data_dir.rglob("profiles.json"))


def test_deleting_a_profile_and_a_bad_form(app):
    driver, emulator = app
    wait_ready(driver)
    by_test_id(driver, "manage-profiles").click()
    by_test_id(driver, "add-profile").click()
    set_field(driver, "profile-region", "Frankfurt")
    by_test_id(driver, "save-profile").click()
    wait_until(lambda: "region looks like" in driver.page_source, what="region error")
    assert "Give the profile a name." in driver.page_source

    set_field(driver, "profile-name", "Temp")
    set_field(driver, "profile-region", "us-west-2")
    set_field(driver, "profile-accessKeyId", ACCESS_KEY)
    set_field(driver, "profile-secretAccessKey", SECRET_KEY)
    by_test_id(driver, "save-profile").click()
    wait_until(lambda: all_by_test_id(driver, "profile-saved"), what="saved")
    names = [c.find_element(By.CSS_SELECTOR, ".profile-name").text for c in all_by_test_id(driver, "profile-card")]
    assert any(n.startswith("Temp") for n in names)
    by_test_id(driver, "delete-profile").click()
    # Deleting asks first; the keys in the keyring go with it.
    wait_until(lambda: by_test_id(driver, "confirm-dialog"), what="the delete question")
    by_test_id(driver, "confirm-accept").click()
    wait_until(
        lambda: not any(
            c.find_element(By.CSS_SELECTOR, ".profile-name").text.startswith("Temp")
            for c in all_by_test_id(driver, "profile-card")
        ),
        what="profile gone",
    )


BROKEN_CONFIG = """[profile good]
region = eu-central-1
aws_access_key_id = AKIAGOODPROFILE00001
aws_secret_access_key = good-secret

[profile broken
region = us-west-2
"""


@pytest.mark.aws_config(BROKEN_CONFIG)
def test_a_broken_aws_config_is_reported_and_the_app_keeps_working(app):
    driver, _ = app
    wait_ready(driver)
    by_test_id(driver, "manage-profiles").click()
    problems = wait_until(lambda: by_test_id(driver, "profile-problems"), what="problems banner")
    assert "config" in problems.text
    ids = [c.get_attribute("data-id") for c in all_by_test_id(driver, "profile-card")]
    assert "emulator" in ids
    driver.save_screenshot(str(SCREENSHOTS / "broken-aws-config.png"))
    by_test_id(driver, "close-profiles").click()
    send_with_keyboard(driver, "Still working?")
    wait_reply_status(driver, "done")


@pytest.mark.no_keyring
def test_without_a_keyring_saving_keys_explains_why_and_nothing_else_breaks(app):
    driver, _ = app
    wait_ready(driver)
    by_test_id(driver, "manage-profiles").click()
    by_test_id(driver, "add-profile").click()
    set_field(driver, "profile-name", "Needs keyring")
    set_field(driver, "profile-accessKeyId", ACCESS_KEY)
    set_field(driver, "profile-secretAccessKey", SECRET_KEY)
    by_test_id(driver, "save-profile").click()
    error = wait_until(lambda: by_test_id(driver, "profile-error"), what="keyring error")
    assert error.get_attribute("data-code") == "KeyringUnavailable"
    assert "keyring" in error.text.lower()
    assert by_test_id(driver, "profile-secretAccessKey").get_attribute("value") == SECRET_KEY
    driver.save_screenshot(str(SCREENSHOTS / "no-keyring.png"))
    by_test_id(driver, "close-profiles").click()
    send_with_keyboard(driver, "Chat still works")
    wait_reply_status(driver, "done")
