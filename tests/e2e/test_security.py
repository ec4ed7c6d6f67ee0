"""The webview reaches no network host and may call only the app's own commands."""

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


def test_csp_blocks_network_requests_from_the_webview(app):
    driver, emulator = app
    wait_ready(driver)
    outcome = run_in_webview(driver, f"return (await fetch('{emulator.url}/_emulator/health')).status;")
    assert outcome["ok"] is False, f"the webview reached {emulator.url}: {outcome}"
    outcome = run_in_webview(driver, "return (await fetch('https://bedrock-runtime.us-east-1.amazonaws.com/')).status;")
    assert outcome["ok"] is False


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
