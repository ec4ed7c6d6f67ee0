"""Shared fixtures for the cross-SDK suite: one bedrock-emulator process per test session.

The emulator binary comes from ``BEDROCK_EMULATOR_BIN``; without it the suite runs
``cargo build -p bedrock-emulator`` and finds the binary under cargo's target directory
(``cargo metadata`` honours ``CARGO_TARGET_DIR``).
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

REPO_ROOT = Path(__file__).resolve().parents[2]
REGION = "us-east-1"
ACCESS_KEY_ID = "AKIAEMULATORTEST0001"
SECRET_ACCESS_KEY = "emulator-secret-key-not-real"
STARTUP_TIMEOUT_S = 60


# --------------------------------------------------------------------------------------
# Locating and running the binary
# --------------------------------------------------------------------------------------


def _emulator_binary() -> Path:
    explicit = os.environ.get("BEDROCK_EMULATOR_BIN")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            pytest.exit(f"BEDROCK_EMULATOR_BIN={explicit} is not a file", returncode=2)
        return path
    build = subprocess.run(
        ["cargo", "build", "-p", "bedrock-emulator"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    if build.returncode != 0:
        pytest.exit(f"cargo build -p bedrock-emulator failed:\n{build.stderr}", returncode=2)
    metadata = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    target_dir = Path(json.loads(metadata.stdout)["target_directory"])
    name = "bedrock-emulator.exe" if sys.platform == "win32" else "bedrock-emulator"
    return target_dir / "debug" / name


class Emulator:
    """A running emulator plus thin helpers for its ``/_emulator`` control API."""

    def __init__(self, process: subprocess.Popen, url: str):
        self.process = process
        self.url = url

    # -- control API ------------------------------------------------------------------

    def _call(self, method: str, path: str, body: object | None = None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("content-type", "application/json")
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None)

    def requests(self, operation: str | None = None) -> list[dict]:
        _, body = self._call("GET", "/_emulator/requests")
        recorded = body["requests"]
        if operation is not None:
            recorded = [r for r in recorded if r["operation"] == operation]
        return recorded

    def clear_requests(self) -> None:
        self._call("DELETE", "/_emulator/requests")

    def add_fault(self, **rule) -> dict:
        status, body = self._call("POST", "/_emulator/faults", rule)
        assert status in (200, 201), (status, body)
        return body

    def clear_faults(self) -> None:
        self._call("DELETE", "/_emulator/faults")

    def set_model_access(self, model_id: str, granted: bool) -> None:
        quoted = urllib.parse.quote(model_id, safe="")
        status, _ = self._call("PUT", f"/_emulator/model-access/{quoted}", {"granted": granted})
        assert status in (200, 204)


def _read_first_line(process: subprocess.Popen, timeout: float) -> str:
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: lines.put(process.stdout.readline()), daemon=True)
    reader.start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        return ""


@pytest.fixture(scope="session")
def emulator():
    binary = _emulator_binary()
    process = subprocess.Popen(
        [str(binary), "--listen", "127.0.0.1:0", "--pace-ms", "0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=None,  # let emulator diagnostics reach the terminal
        text=True,
    )
    try:
        line = _read_first_line(process, STARTUP_TIMEOUT_S).strip()
        prefix = "listening on "
        if not line.startswith(prefix):
            raise RuntimeError(f"unexpected first line from the emulator: {line!r}")
        url = line[len(prefix):]
        assert url.startswith("http://127.0.0.1:"), url
        yield Emulator(process, url)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout:
            process.stdout.close()


@pytest.fixture(autouse=True)
def _no_leftover_faults(emulator):
    """Every test starts and ends without fault rules."""
    emulator.clear_faults()
    yield
    emulator.clear_faults()


# --------------------------------------------------------------------------------------
# boto3 clients
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def make_client(emulator):
    """``make_client(service, region=..., attempts=1, credentials=None)``: a boto3 client on the emulator.

    ``attempts`` is the total number of attempts (botocore's ``total_max_attempts``). Retries are
    off (one attempt) by default so that tests can count requests. Note that botocore's client
    config key ``max_attempts`` counts *retries*: ``{"max_attempts": 1}`` means two attempts.
    """

    def make(service: str, region: str = REGION, attempts: int = 1, credentials=None, **config):
        creds = credentials or {
            "aws_access_key_id": ACCESS_KEY_ID,
            "aws_secret_access_key": SECRET_ACCESS_KEY,
        }
        session = boto3.session.Session(region_name=region, **creds)
        cfg = Config(retries={"total_max_attempts": attempts, "mode": "standard"}, **config)
        return session.client(service, endpoint_url=emulator.url, config=cfg)

    return make


@pytest.fixture(scope="session")
def runtime(make_client):
    return make_client("bedrock-runtime")


@pytest.fixture(scope="session")
def bedrock(make_client):
    return make_client("bedrock")


@pytest.fixture(scope="session")
def agent(make_client):
    return make_client("bedrock-agent")


@pytest.fixture(scope="session")
def agent_runtime(make_client):
    return make_client("bedrock-agent-runtime")


@pytest.fixture(scope="session")
def sts(make_client):
    return make_client("sts")
