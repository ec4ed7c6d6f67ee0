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


class AppRunner:
    """Starts the app (through tauri-driver) in one home folder, as often as a test needs."""

    def __init__(self, request, home: str):
        self.request = request
        self.home = home
        self.emulator_port = free_port()
        self.env = {
            **os.environ,
            "HOME": home,
            "AWS_CONFIG_FILE": f"{home}/.aws/config",
            "AWS_SHARED_CREDENTIALS_FILE": f"{home}/.aws/credentials",
            "BEDROCK_PLAYGROUND_EMULATOR_LISTEN": f"127.0.0.1:{self.emulator_port}",
            "BEDROCK_PLAYGROUND_DATA_DIR": f"{home}/data",
        }
        for key in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
            self.env.pop(key, None)
        aws_config = request.node.get_closest_marker("aws_config")
        if aws_config:
            (Path(home) / ".aws").mkdir()
            (Path(home) / ".aws" / "config").write_text(aws_config.args[0])
        if request.node.get_closest_marker("no_keyring"):
            # A session bus with no Secret Service on it: the keyring is unavailable.
            self.env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={home}/no-such-bus"
        self.driver = None
        self.driver_process = None
        self.log = open(Path(home) / "tauri-driver.log", "a")

    def start(self):
        driver_port, native_port = free_port(), free_port()
        self.driver_process = subprocess.Popen(
            ["tauri-driver", "--port", str(driver_port), "--native-port", str(native_port)],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        # tauri-driver proxies to WebKitWebDriver, which it starts alongside: wait for both.
        wait_for_port(driver_port)
        wait_for_port(native_port)
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        options.set_capability("tauri:options", {"application": APP_BIN})
        self.driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{driver_port}", options=options)
        self.driver.set_window_size(1280, 820)
        self.driver.data_dir = Path(self.home) / "data"
        wait_for_port(self.emulator_port)
        return self.driver

    def app_pids(self) -> list[int]:
        """The app processes started for this test's home folder."""
        marker = f"BEDROCK_PLAYGROUND_DATA_DIR={self.home}/data".encode()
        pids = []
        for environ in Path("/proc").glob("[0-9]*/environ"):
            try:
                if marker in environ.read_bytes() and Path(environ.parent, "exe").resolve() == Path(APP_BIN).resolve():
                    pids.append(int(environ.parent.name))
            except OSError:
                continue
        return pids

    def kill_app(self):
        """SIGKILL the app itself, as a crash or `kill -9` would: no chance to clean up."""
        for pid in self.app_pids():
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        self.stop()

    def stop(self):
        if self.driver is not None:
            try:
                self.driver.quit()
            except Exception:
                pass
            self.driver = None
        if self.driver_process is not None:
            self.driver_process.terminate()
            self.driver_process.wait(timeout=10)
            self.driver_process = None
        self.wait_for_app_exit()
        wait_until_closed(self.emulator_port)

    def wait_for_app_exit(self, timeout: float = 20.0) -> None:
        """A loaded machine may take a while to close the app; the next start must not
        meet the old one still holding the emulator's port or the database."""
        deadline = time.monotonic() + timeout
        while self.app_pids() and time.monotonic() < deadline:
            time.sleep(0.1)
        for pid in self.app_pids():
            try:
                os.kill(pid, 9)
            except OSError:
                pass
        while self.app_pids() and time.monotonic() < deadline + 5:
            time.sleep(0.1)

    def screenshot(self):
        if self.driver is not None:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            self.driver.save_screenshot(str(SCREENSHOTS / f"{self.request.node.name}.png"))


def wait_until_closed(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                time.sleep(0.1)
        except OSError:
            return


@pytest.fixture
def runner(request):
    if not APP_BIN or not Path(APP_BIN).exists():
        pytest.fail("set BEDROCK_PLAYGROUND_BIN to the built app binary (make e2e-tests does)")
    home = tempfile.mkdtemp(prefix="bedrock-playground-e2e-")
    runner = AppRunner(request, home)
    try:
        yield runner
        runner.screenshot()
    finally:
        runner.stop()
        runner.log.close()
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def app(runner):
    driver = runner.start()
    return driver, Emulator(runner.emulator_port)
