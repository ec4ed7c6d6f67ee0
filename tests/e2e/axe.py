"""axe-core (ui/node_modules/axe-core) run inside the real app's webview through WebDriver.

The app's CSP allows no inline or evaluated script; WebDriver's execute_script is the
automation channel, not page script, so axe is injected through it and runs as the page
sees itself: its real styles, theme and layout.
"""

from pathlib import Path

AXE_SOURCE = Path(__file__).resolve().parents[2] / "ui" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")

RUN_AXE = """
const done = arguments[arguments.length - 1];
window.axe
  .run(document, { resultTypes: ["violations"] })
  .then((results) => done({ violations: results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary || "" })),
  })) }))
  .catch((error) => done({ error: String(error && (error.stack || error.message || error)) }));
"""


def inject(driver) -> None:
    if not AXE_SOURCE.exists():
        raise AssertionError(f"{AXE_SOURCE} is missing: run `npm ci` in ui/")
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(AXE_SOURCE.read_text())
    assert driver.execute_script("return typeof window.axe === 'object'"), "axe-core did not load in the webview"


def violations(driver) -> list[dict]:
    """Every axe violation on the page as it is now."""
    inject(driver)
    driver.set_script_timeout(60)
    outcome = driver.execute_async_script(RUN_AXE)
    if "error" in outcome:
        raise AssertionError(f"axe-core failed in the webview: {outcome['error']}")
    return outcome["violations"]


def blocking(found: list[dict]) -> list[dict]:
    return [v for v in found if v["impact"] in BLOCKING]


def describe(found: list[dict]) -> str:
    lines = []
    for v in found:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:8]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}: {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)
