"""The webview reaches no network host and may call only the app's own commands."""

import json

from ui import wait_ready

RUN_ASYNC = """
const done = arguments[arguments.length - 1];
(async () => { %s })().then(
  (value) => done({ ok: true, value: String(value) }),
  (error) => done({ ok: false, error: String(error && error.message || error) }),
);
"""


def run_in_webview(driver, body: str):
    driver.set_script_timeout(15)
    return driver.execute_async_script(RUN_ASYNC % body)


# `no-cors` makes a cross-origin fetch resolve (with an opaque response) when nothing but the CSP
# stands in its way, so only the policy can make it fail; the violation event names the directive.
PROBE = """
const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
let outcome;
try {
  await fetch('%s', { mode: 'no-cors' });
  outcome = 'fetched';
} catch (error) {
  outcome = 'refused';
}
await new Promise((resolve) => setTimeout(resolve, 200));
return JSON.stringify({ outcome, violations });
"""


def test_csp_blocks_network_requests_from_the_webview(app):
    driver, emulator = app
    wait_ready(driver)
    before = len(emulator.requests())
    for url in [f"{emulator.url}/foundation-models", "https://bedrock-runtime.us-east-1.amazonaws.com/"]:
        probe = run_in_webview(driver, PROBE % url)
        assert probe["ok"], probe
        result = json.loads(probe["value"])
        assert result["outcome"] == "refused", f"the webview reached {url}: {result}"
        assert any(d.startswith("connect-src") for d in result["violations"]), result
    assert len(emulator.requests()) == before, "a request from the webview reached the emulator"


def test_only_the_apps_own_commands_are_allowed(app):
    driver, _ = app
    wait_ready(driver)
    allowed = run_in_webview(
        driver, "return JSON.stringify(await window.__TAURI_INTERNALS__.invoke('backend_status'));"
    )
    assert allowed["ok"] and '"kind":"emulator"' in allowed["value"]
    for command, args in [
        ("plugin:event|emit", "{event: 'x', payload: null}"),
        ("plugin:window|close", "{label: 'main'}"),
        ("plugin:webview|internal_toggle_devtools", "{}"),
    ]:
        denied = run_in_webview(
            driver, f"return await window.__TAURI_INTERNALS__.invoke('{command}', {args});"
        )
        assert denied["ok"] is False, f"{command} was allowed"
        assert "not allowed" in denied["error"] or "denied" in denied["error"].lower(), denied
