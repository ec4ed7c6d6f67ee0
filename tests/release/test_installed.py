"""The app as a user installs it: the .deb's files, then the installed binary opened through
tauri-driver to its first screen. `make test-release` installs the package around this run."""

import configparser
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

# The end-to-end harness: `app` starts BEDROCK_PLAYGROUND_BIN through tauri-driver.
from conftest import APP_BIN, app, runner  # noqa: E402, F401
from ui import by_test_id, model_ids, wait_ready  # noqa: E402

CONFIG = json.loads((ROOT / "src-tauri" / "tauri.conf.json").read_text())


def dpkg(*args: str) -> str:
    return subprocess.run(["dpkg", *args], check=True, capture_output=True, text=True).stdout


def owning_package() -> str:
    """The package that installed APP_BIN (dpkg -S fails if none did)."""
    return dpkg("-S", APP_BIN).split(":", 1)[0]


def desktop_entry(files: list[str]) -> configparser.SectionProxy:
    entries = [f for f in files if f.startswith("/usr/share/applications/") and f.endswith(".desktop")]
    assert len(entries) == 1, f"one desktop entry in the package, found {entries}"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(entries[0])
    return parser["Desktop Entry"]


def test_the_package_carries_a_desktop_entry_icons_version_and_description():
    package = owning_package()
    files = dpkg("-L", package).split("\n")
    entry = desktop_entry(files)
    assert entry["Name"] == CONFIG["productName"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] in (APP_BIN, Path(APP_BIN).name), entry["Exec"]
    icons = [f for f in files if f.startswith("/usr/share/icons/hicolor/") and Path(f).stem == entry["Icon"]]
    sizes = {Path(icon).parts[5] for icon in icons}
    assert {"32x32", "128x128"} <= sizes, f"icons named {entry['Icon']}: {icons}"
    assert all(Path(icon).is_file() for icon in icons)

    version, summary = dpkg("-s", package), CONFIG["bundle"]["shortDescription"]
    assert f"\nVersion: {CONFIG['version']}\n" in version
    assert f"\nDescription: {summary}\n" in version


def test_the_installed_app_opens_on_its_model_catalogue(app, runner):
    driver, _ = app
    wait_ready(driver)
    assert "Emulated" in by_test_id(driver, "backend-badge").text
    assert "amazon.nova-pro-v1:0" in model_ids(driver)
    assert Path(APP_BIN) in running_executables(runner.home), "the window is the installed binary's"


def running_executables(home: str) -> set[Path]:
    """The executables of the processes started with this test's data folder (tauri-driver,
    WebKitWebDriver and the app)."""
    marker = f"BEDROCK_PLAYGROUND_DATA_DIR={home}/data".encode()
    found = set()
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker in environ.read_bytes().split(b"\0"):
                found.add(Path(os.readlink(environ.parent / "exe")))
        except OSError:
            continue
    return found
