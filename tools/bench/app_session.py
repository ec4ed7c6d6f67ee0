"""The release app started the way the end-to-end tests start it (tauri-driver + WebKitWebDriver,
its in-process emulator on a port chosen here), for measuring rather than testing."""

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from conftest import AppRunner, Emulator  # noqa: E402


class _NoMarkers:
    """What AppRunner reads from a pytest request: no markers, a name for screenshots."""

    class node:  # noqa: N801 - mirrors pytest's attribute
        name = "bench"

        @staticmethod
        def get_closest_marker(_name):
            return None


class AppSession:
    """One launch of the app in a fresh home folder; `with AppSession() as s:` stops it after."""

    def __init__(self):
        self.home = tempfile.mkdtemp(prefix="bedrock-playground-bench-")
        self.runner = AppRunner(_NoMarkers(), self.home)
        self.driver = None
        self.emulator = Emulator(self.runner.emulator_port)

    def __enter__(self):
        self.driver = self.runner.start()
        return self

    def __exit__(self, *_):
        self.runner.stop()
        self.runner.log.close()
        shutil.rmtree(self.home, ignore_errors=True)

    def app_pid(self) -> int:
        pids = self.runner.app_pids()
        if len(pids) != 1:
            raise RuntimeError(f"expected one app process, found {pids}")
        return pids[0]
