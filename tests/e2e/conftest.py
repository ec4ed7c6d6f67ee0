"""Launch the real app binary through tauri-driver + WebKitWebDriver, one app per test.

The app runs its in-process emulator on a port chosen here, so each test can inject
faults through the emulator's control API. Screenshots go to $E2E_SCREENSHOTS.
"""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.options import ArgOptions

APP_BIN = os.environ.get("BEDROCK_PLAYGROUND_BIN", "")
SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "test-output/screenshots"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port}")


class Emulator:
    """The app's in-process emulator, reached over its control API."""

    def __init__(self, port: int):
        self.url = f"http://127.0.0.1:{port}"

    def _call(self, method: str, path: str, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.url + path, data=data, method=method, headers={"content-type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
            return json.loads(text) if text else None

    def add_fault(self, **rule):
        return self._call("POST", "/_emulator/faults", rule)

    def clear_faults(self):
        self._call("DELETE", "/_emulator/faults")

    def requests(self, operation: str | None = None):
        recorded = self._call("GET", "/_emulator/requests")["requests"]
        return [r for r in recorded if operation is None or r["operation"] == operation]


@pytest.fixture
def app(request):
    if not APP_BIN or not Path(APP_BIN).exists():
        pytest.fail("set BEDROCK_PLAYGROUND_BIN to the built app binary (make e2e-tests does)")
    home = tempfile.mkdtemp(prefix="bedrock-playground-e2e-")
    emulator_port, driver_port, native_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "HOME": home,
        "AWS_CONFIG_FILE": f"{home}/.aws/config",
        "AWS_SHARED_CREDENTIALS_FILE": f"{home}/.aws/credentials",
        "BEDROCK_PLAYGROUND_EMULATOR_LISTEN": f"127.0.0.1:{emulator_port}",
        "BEDROCK_PLAYGROUND_DATA_DIR": f"{home}/data",
    }
    for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        env.pop(key, None)
    aws_config = request.node.get_closest_marker("aws_config")
    if aws_config:
        (Path(home) / ".aws").mkdir()
        (Path(home) / ".aws" / "config").write_text(aws_config.args[0])
    if request.node.get_closest_marker("no_keyring"):
        # A session bus with no Secret Service on it: the keyring is unavailable.
        env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={home}/no-such-bus"
    log = open(Path(home) / "tauri-driver.log", "w")
    driver_process = subprocess.Popen(
        ["tauri-driver", "--port", str(driver_port), "--native-port", str(native_port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        # tauri-driver proxies to WebKitWebDriver, which it starts alongside: wait for both.
        wait_for_port(driver_port)
        wait_for_port(native_port)
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        options.set_capability("tauri:options", {"application": APP_BIN})
        driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{driver_port}", options=options)
        driver.set_window_size(1280, 820)
        wait_for_port(emulator_port)
        driver.data_dir = Path(home) / "data"
        yield driver, Emulator(emulator_port)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SCREENSHOTS / f"{request.node.name}.png"))
        driver.quit()
    finally:
        driver_process.terminate()
        driver_process.wait(timeout=10)
        log.close()
        shutil.rmtree(home, ignore_errors=True)
