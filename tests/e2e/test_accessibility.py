"""axe-core on every view of the real app, in the dark and the light theme, with real content in
each: zero serious or critical violations. A screenshot of every view in both themes at a
1280 × 800 viewport goes to $E2E_SCREENSHOTS (a11y-<theme>-<view>.png), and the counts per view
to axe-summary.json beside them."""

import json
import re
import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select

import axe
from conftest import SCREENSHOTS
from ui import all_by_test_id, by_test_id, send_with_keyboard, set_field, wait_ready, wait_reply_status, wait_until

VIEWPORT = (1280, 800)


def set_viewport(driver, width: int, height: int) -> None:
    """Size the window so the page itself (not the window with its frame) is width × height."""
    for _ in range(3):
        inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
        if inner == [width, height]:
            return
        outer = driver.get_window_size()
        driver.set_window_size(outer["width"] + width - inner[0], outer["height"] + height - inner[1])
        time.sleep(0.3)
    assert driver.execute_script("return [window.innerWidth, window.innerHeight]") == [width, height]


def the_csp_forbids_page_eval(driver) -> bool:
    """The page runs under the app's strict CSP (no 'unsafe-eval'), so axe works within it."""
    return driver.execute_script(
        "try { window.eval('1'); return false; } catch (error) { return error instanceof EvalError; }"
    )


def prepare_chat(driver, emulator):
    emulator.add_fault(operation="ConverseStream", fault="throttling")
    send_with_keyboard(driver, "Hello?")
    wait_reply_status(driver, "failed", timeout=60)
    emulator.clear_faults()
    set_field(driver, "composer", "")
    send_with_keyboard(driver, "Explain **streaming** in one paragraph.")
    wait_until(lambda: len(all_by_test_id(driver, "reply")) == 2, what="second reply")
    wait_reply_status(driver, "done")
    assert all_by_test_id(driver, "error-card"), "the failed reply keeps its error card"
    by_test_id(driver, "composer").send_keys("A draft for the inspector")


def prepare_compare(driver):
    by_test_id(driver, "tab-compare").click()
    composer = wait_until(lambda: by_test_id(driver, "compare-composer"), what="compare composer")
    composer.send_keys("Name a river.")
    composer.send_keys(Keys.CONTROL, Keys.ENTER)
    wait_until(
        lambda: len(all_by_test_id(driver, "pane-reply")) >= 2
        and all(r.get_attribute("data-status") == "done" for r in all_by_test_id(driver, "pane-reply")),
        timeout=60,
        what="every pane answered",
    )


def prepare_library(driver):
    by_test_id(driver, "tab-library").click()
    by_test_id(driver, "prompt-name").send_keys("River namer")
    by_test_id(driver, "save-prompt").click()
    wait_until(lambda: "version 1" in by_test_id(driver, "prompt-saved").text, what="prompt saved")
    by_test_id(driver, "prompt-card").click()
    wait_until(lambda: all_by_test_id(driver, "prompt-version"), what="its versions")


def prepare_knowledge(driver):
    by_test_id(driver, "tab-knowledge").click()
    wait_until(lambda: len(all_by_test_id(driver, "kb-base")) >= 2, what="the demo knowledge bases")
    next(b for b in all_by_test_id(driver, "kb-base") if "handbook" in b.text.lower()).click()
    wait_until(lambda: by_test_id(driver, "kb-status").text == "ACTIVE", what="handbook picked")
    set_field(driver, "kb-query", "How do inference profiles route requests?")
    by_test_id(driver, "kb-retrieve").click()
    wait_until(lambda: all_by_test_id(driver, "kb-chunk"), timeout=30, what="retrieved chunks")


def prepare_embeddings(driver):
    """The lab with a dataset embedded and its map drawn, as test_embeddings does it."""
    by_test_id(driver, "tab-embeddings").click()
    wait_until(lambda: len(Select(by_test_id(driver, "lab-model")).options) >= 3, what="embedding models")
    driver.find_elements(By.CSS_SELECTOR, "[data-testid^='lab-sample-']")[1].click()
    wait_until(lambda: by_test_id(driver, "lab-embed").get_attribute("disabled") is None, what="a dataset")
    Select(by_test_id(driver, "lab-model")).select_by_value("amazon.titan-embed-text-v2:0")
    Select(by_test_id(driver, "lab-dims")).select_by_value("256")
    by_test_id(driver, "lab-embed").click()
    wait_until(
        lambda: [r.get_attribute("data-status") for r in all_by_test_id(driver, "lab-run")] == ["done"],
        timeout=180,
        what="the embedding run",
    )
    wait_until(lambda: by_test_id(driver, "map-canvas"), timeout=60, what="the map")
    wait_until(
        lambda: driver.find_elements(By.CSS_SELECTOR, "[data-testid='lab-projecting']") == [],
        timeout=120,
        what="the layout",
    )


def show_chat(driver):
    by_test_id(driver, "tab-chat").click()
    wait_until(lambda: len(all_by_test_id(driver, "reply")) == 2, what="the transcript")


def show_wire(driver):
    by_test_id(driver, "tab-wire").click()
    item = wait_until(lambda: all_by_test_id(driver, "wire-item"), what="wire exchanges")[0]
    item.click()
    wait_until(lambda: by_test_id(driver, "wire-detail").is_displayed(), what="an exchange selected")


def show_history(driver):
    by_test_id(driver, "tab-history").click()
    wait_until(lambda: all_by_test_id(driver, "history-item"), what="a stored conversation")


def show_profiles(driver):
    by_test_id(driver, "manage-profiles").click()
    wait_until(lambda: all_by_test_id(driver, "profile-card"), what="profile cards")


def show_tab(view: str, ready: str):
    def show(driver):
        by_test_id(driver, f"tab-{view}").click()
        wait_until(lambda: by_test_id(driver, ready).is_displayed(), what=f"{view} page")

    return show


VIEWS = {
    "chat": show_chat,
    "compare": show_tab("compare", "compare-page"),
    "embeddings": show_tab("embeddings", "embeddings-page"),
    "knowledge": show_tab("knowledge", "knowledge-page"),
    "history": show_history,
    "library": show_tab("library", "library-page"),
    "inspector": show_tab("inspector", "inspector-page"),
    "wire": show_wire,
    "profiles": show_profiles,
    "settings": show_tab("settings", "settings-page"),
}


FOCUS_STYLE = """
const el = document.activeElement;
const style = getComputedStyle(el);
let behind = el.parentElement;
while (behind && getComputedStyle(behind).backgroundColor.match(/rgba\\(.*, 0\\)$|transparent/)) behind = behind.parentElement;
return { testId: el.dataset.testid || null, style: style.outlineStyle, width: parseFloat(style.outlineWidth),
         colour: style.outlineColor, behind: getComputedStyle(behind || document.body).backgroundColor };
"""


def luminance(css_colour: str) -> float:
    channels = [int(float(c)) / 255 for c in re.findall(r"[\d.]+", css_colour)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def check_focus_ring(driver, theme: str):
    """Tab onto a navigation item: it shows a ring of at least 2 px at 3:1 against the sidebar."""
    driver.execute_script("document.querySelector(\"[data-testid='tab-chat']\").focus()")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    focus = driver.execute_script(FOCUS_STYLE)
    driver.save_screenshot(str(SCREENSHOTS / f"a11y-{theme}-focus.png"))
    assert focus["testId"] == "tab-compare", focus
    assert focus["style"] != "none" and focus["width"] >= 2, f"no visible focus ring in the {theme} theme: {focus}"
    ratio = contrast(focus["colour"], focus["behind"])
    assert ratio >= 3, f"the focus ring is {ratio:.2f}:1 against its background in the {theme} theme: {focus}"


def choose_theme(driver, theme: str):
    by_test_id(driver, "tab-settings").click()
    Select(by_test_id(driver, "setting-theme")).select_by_value(theme)
    by_test_id(driver, "save-settings").click()
    wait_until(lambda: driver.execute_script("return document.documentElement.dataset.theme") == theme, what=theme)


def test_every_view_in_both_themes_has_no_serious_or_critical_violation(app):
    driver, emulator = app
    wait_ready(driver)
    set_viewport(driver, *VIEWPORT)
    assert the_csp_forbids_page_eval(driver), "the page no longer runs under the strict CSP"

    prepare_chat(driver, emulator)
    prepare_compare(driver)
    prepare_library(driver)
    prepare_knowledge(driver)
    prepare_embeddings(driver)

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    summary, failures = {}, []
    for theme in ("dark", "light"):
        choose_theme(driver, theme)
        for view, show in VIEWS.items():
            show(driver)
            time.sleep(0.3)  # let the view settle (fonts, maps, scroll positions)
            driver.save_screenshot(str(SCREENSHOTS / f"a11y-{theme}-{view}.png"))
            found = axe.violations(driver)
            bad = axe.blocking(found)
            summary[f"{theme}/{view}"] = {
                "serious_or_critical": sum(len(v["nodes"]) for v in bad),
                "rules": sorted({v["id"] for v in bad}),
                "other": sorted({f"{v['id']} ({v['impact']})" for v in found if v not in bad}),
            }
            if bad:
                failures.append(f"== {view}, {theme} theme\n{axe.describe(bad)}")
        check_focus_ring(driver, theme)
    (SCREENSHOTS / "axe-summary.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))
    assert not failures, "axe-core found serious or critical violations:\n" + "\n".join(failures)


def test_axe_reports_what_it_should(app):
    """The harness itself: an unlabelled input added to the page is reported as critical."""
    driver, _ = app
    wait_ready(driver)
    driver.execute_script(
        "const input = document.createElement('input'); input.id = 'axe-probe';"
        "document.querySelector('main, body').appendChild(input);"
    )
    found = axe.blocking(axe.violations(driver))
    assert any(v["id"] == "label" and any("#axe-probe" in n["target"] for n in v["nodes"]) for v in found), axe.describe(found)
    assert driver.find_elements(By.ID, "axe-probe")
