"""The embeddings lab end to end: a sample dataset embedded with Titan v2 on the emulator, its
map drawn, a point's neighbours, search by meaning, and 256 against 1024 dimensions."""

import io
import time

from PIL import Image
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from conftest import SCREENSHOTS
from ui import all_by_test_id, by_test_id, set_field, wait_ready, wait_until

TITAN_V2 = "amazon.titan-embed-text-v2:0"


def shot(driver, name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


LISTEN_FOR_ERRORS = """
window.__labErrors = [];
window.addEventListener('error', (e) => window.__labErrors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => window.__labErrors.push(String(e.reason && (e.reason.message || e.reason))));
"""


def page_errors(driver) -> list:
    return driver.execute_script("return window.__labErrors || []")


def open_lab(driver):
    wait_ready(driver)
    driver.execute_script(LISTEN_FOR_ERRORS)
    by_test_id(driver, "tab-embeddings").click()
    wait_until(lambda: by_test_id(driver, "embeddings-page").is_displayed(), what="lab page")
    wait_until(lambda: len(Select(by_test_id(driver, "lab-model")).options) >= 3, what="embedding models")


def run_status(driver) -> list[str]:
    return [run.get_attribute("data-status") for run in all_by_test_id(driver, "lab-run")]


def embed(driver, dims: str, runs_before: int):
    Select(by_test_id(driver, "lab-model")).select_by_value(TITAN_V2)
    Select(by_test_id(driver, "lab-dims")).select_by_value(dims)
    by_test_id(driver, "lab-embed").click()
    wait_until(lambda: len(run_status(driver)) == runs_before + 1, what="a new run")
    wait_until(lambda: run_status(driver)[0] == "done", timeout=120, what="the run to finish")


def canvas_colours(driver, test_id: str = "map-canvas") -> int:
    """How many distinct colours the map shows: a blank canvas has one or two."""
    rect = by_test_id(driver, test_id).rect
    page = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
    box = (int(rect["x"]), int(rect["y"]), int(rect["x"] + rect["width"]), int(rect["y"] + rect["height"]))
    image = page.crop(box).resize((320, 240))
    return len(set(image.getdata()))


def hover_until_tooltip(driver, canvas):
    """Move over the map in a grid until a point's text shows, as a person looking for one."""
    width, height = canvas.size["width"], canvas.size["height"]
    for fy in [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]:
        for fx in [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9]:
            x = int(width * fx) - width // 2
            y = int(height * fy) - height // 2
            ActionChains(driver).move_to_element_with_offset(canvas, x, y).perform()
            time.sleep(0.05)
            tips = driver.find_elements(By.CSS_SELECTOR, ".lab-tooltip")
            if tips and tips[0].text.strip():
                return x, y, tips[0].text
    raise AssertionError("no point found under the mouse anywhere on the map")


def test_embed_a_sample_explore_its_map_and_compare_dimensions(app):
    driver, emulator = app
    open_lab(driver)
    samples = driver.find_elements(By.CSS_SELECTOR, "[data-testid^='lab-sample-']")
    assert len(samples) >= 2, "two sample datasets ship with the app"
    samples[0].click()
    wait_until(lambda: "texts" in by_test_id(driver, "lab-embed").text and not by_test_id(driver, "lab-embed").get_attribute("disabled"), what="dataset loaded")
    texts = int("".join(ch for ch in by_test_id(driver, "lab-embed").text if ch.isdigit()))
    assert texts >= 200

    emulator.add_fault(operation="InvokeModel", firstByteMs=15)
    Select(by_test_id(driver, "lab-model")).select_by_value(TITAN_V2)
    Select(by_test_id(driver, "lab-dims")).select_by_value("1024")
    by_test_id(driver, "lab-embed").click()
    progress = wait_until(lambda: by_test_id(driver, "lab-progress"), what="progress")
    wait_until(lambda: "/" in progress.text and "texts/s" in progress.text, what="progress numbers")
    shot(driver, "embeddings-progress")
    wait_until(lambda: run_status(driver) and run_status(driver)[0] == "done", timeout=180, what="run done")
    emulator.clear_faults()
    embed_calls = len(emulator.requests("InvokeModel"))
    assert embed_calls == texts, f"one Titan call per text, got {embed_calls} for {texts}"

    canvas = wait_until(lambda: by_test_id(driver, "map-canvas"), timeout=60, what="map canvas")
    wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, "[data-testid='lab-projecting']") == [], timeout=120, what="UMAP to finish")
    time.sleep(0.5)
    assert canvas_colours(driver) > 8, "the map is not blank"
    shot(driver, "embeddings-map")

    x, y, hovered = hover_until_tooltip(driver, canvas)
    ActionChains(driver).move_to_element_with_offset(canvas, x, y).click().perform()
    point = wait_until(lambda: by_test_id(driver, "lab-point"), what="point details")
    assert hovered[:30] in point.text
    neighbours = wait_until(lambda: by_test_id(driver, "lab-neighbours").find_elements(By.CSS_SELECTOR, "li"), what="neighbours")
    assert len(neighbours) == 10
    scores = [float(n.find_element(By.CSS_SELECTOR, ".score").text) for n in neighbours]
    assert scores == sorted(scores, reverse=True) and 0 < scores[0] <= 1.0001
    shot(driver, "embeddings-neighbours")
    point.find_element(By.XPATH, ".//button[normalize-space()='Close']").click()

    query = hovered.split()[0:4]
    set_field(driver, "lab-search", " ".join(query))
    by_test_id(driver, "lab-search-go").click()
    hits = wait_until(lambda: by_test_id(driver, "lab-hits").find_elements(By.CSS_SELECTOR, "li"), what="search hits")
    assert len(hits) == 10
    assert hovered[:30] in by_test_id(driver, "lab-hits").text, "a text is among the nearest to its own words"
    assert len(emulator.requests("InvokeModel")) == embed_calls + 1, "the query was embedded once"
    shot(driver, "embeddings-search")

    embed(driver, "256", runs_before=1)
    assert len(emulator.requests("InvokeModel")) == 2 * embed_calls + 1
    by_test_id(driver, "lab-tab-compare").click()
    Select(by_test_id(driver, "lab-compare-a")).select_by_index(0)
    Select(by_test_id(driver, "lab-compare-b")).select_by_index(1)
    by_test_id(driver, "lab-compare-go").click()
    overlap = wait_until(lambda: by_test_id(driver, "lab-overlap"), timeout=120, what="overlap")
    share = int(overlap.find_element(By.CSS_SELECTOR, "strong").text.rstrip("%"))
    assert 5 <= share <= 100
    wait_until(lambda: by_test_id(driver, "lab-compare-map-1"), timeout=120, what="both maps")
    time.sleep(0.5)
    assert canvas_colours(driver, "lab-compare-map-1") > 8
    shot(driver, "embeddings-compare")

    # The same run again is served from the cache: no call to Bedrock.
    by_test_id(driver, "lab-tab-map").click()
    embed(driver, "1024", runs_before=2)
    assert len(emulator.requests("InvokeModel")) == 2 * embed_calls + 1
    assert page_errors(driver) == []


def test_the_lab_reopens_its_dataset_run_and_map_after_a_restart(runner):
    driver = runner.start()
    open_lab(driver)
    driver.find_elements(By.CSS_SELECTOR, "[data-testid^='lab-sample-']")[1].click()
    wait_until(lambda: by_test_id(driver, "lab-embed").get_attribute("disabled") is None, what="dataset")
    Select(by_test_id(driver, "lab-model")).select_by_value(TITAN_V2)
    Select(by_test_id(driver, "lab-dims")).select_by_value("256")
    by_test_id(driver, "lab-embed").click()
    wait_until(lambda: run_status(driver) and run_status(driver)[0] == "done", timeout=180, what="run done")
    wait_until(lambda: by_test_id(driver, "map-canvas"), timeout=60, what="map")
    wait_until(lambda: driver.find_elements(By.CSS_SELECTOR, "[data-testid='lab-projecting']") == [], timeout=120, what="layout stored")
    name = Select(by_test_id(driver, "lab-dataset")).first_selected_option.text
    runner.stop()

    driver = runner.start()
    open_lab(driver)
    wait_until(lambda: Select(by_test_id(driver, "lab-dataset")).first_selected_option.text == name, what="dataset back")
    assert run_status(driver) == ["done"]
    wait_until(lambda: by_test_id(driver, "map-canvas"), timeout=30, what="map back")
    time.sleep(0.5)
    assert driver.find_elements(By.CSS_SELECTOR, "[data-testid='lab-projecting']") == [], "the stored map opens without projecting again"
    assert canvas_colours(driver) > 8


def test_a_cancelled_run_resumes_and_pays_only_for_the_rest(app):
    driver, emulator = app
    open_lab(driver)
    driver.find_elements(By.CSS_SELECTOR, "[data-testid^='lab-sample-']")[1].click()
    wait_until(lambda: by_test_id(driver, "lab-embed").get_attribute("disabled") is None, what="dataset")
    texts = int("".join(ch for ch in by_test_id(driver, "lab-embed").text if ch.isdigit()))
    emulator.add_fault(operation="InvokeModel", firstByteMs=60)
    Select(by_test_id(driver, "lab-model")).select_by_value(TITAN_V2)
    by_test_id(driver, "lab-embed").click()
    wait_until(lambda: len(emulator.requests("InvokeModel")) >= 40, timeout=60, what="the run under way")
    by_test_id(driver, "lab-cancel").click()
    wait_until(lambda: run_status(driver) == ["cancelled"], timeout=30, what="the run cancelled")
    sent_before_resume = len(emulator.requests("InvokeModel"))
    assert sent_before_resume < texts
    emulator.clear_faults()
    by_test_id(driver, "lab-resume").click()
    wait_until(lambda: run_status(driver) == ["done"], timeout=120, what="the run resumed to the end")
    total = len(emulator.requests("InvokeModel"))
    # Answers in flight at the cancel (8 at most) were dropped and are asked again; nothing else.
    assert texts <= total <= texts + 8, f"{total} requests for {texts} texts"
    wait_until(lambda: by_test_id(driver, "map-canvas"), timeout=60, what="the map of the resumed run")
    assert page_errors(driver) == []
