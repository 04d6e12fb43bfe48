"""The web app in real headless Chromium (Debian's chromium, driven by Playwright): the map with
ingested real articles, filters, the timeline's brushed range, an event page, a size correction
that shows in the export, a non-blank screenshot, and article text that cannot run script."""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import threading
import time

import pytest

from strikewatch.pipeline import ingest_paths
from strikewatch.store import open_store
from strikewatch.web import create_app

from .conftest import write_test_reports

CHROMIUM = os.environ.get("STRIKEWATCH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _chromium_or_skip() -> None:
    if shutil.which(CHROMIUM) is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is required under CI but {CHROMIUM} is missing (.ci/chromium.sh installs it)")
        pytest.skip(f"browser tests skipped: no Chromium at {CHROMIUM} (apt install chromium)")


class _Server:
    def __init__(self, db: str) -> None:
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.app = create_app(db)
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the web app did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def browser():
    _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def site(tmp_path):
    db = str(tmp_path / "browser.db")
    ingest_paths([str(write_test_reports(tmp_path / "in"))], open_store(db))
    with _Server(db) as url:
        yield url, db


def _page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.errors = errors
    return page


def _ready(page) -> None:
    page.wait_for_selector("#app[data-ready=yes]", timeout=15000)


def _rows(page) -> list[dict]:
    return page.eval_on_selector_all("#events tbody tr", """rows => rows.map(r => ({
        id: r.dataset.id, date: r.cells[0].textContent, type: r.cells[1].textContent}))""")


def test_map_filters_timeline_and_screenshot(browser, site, tmp_path):
    url, db = site
    page = _page(browser)
    page.goto(url + "/")
    _ready(page)
    total = len(open_store(db).load_events())
    located = sum(1 for e in open_store(db).load_events() if (e["place"] or {}).get("lat") is not None)
    assert page.get_attribute("#app", "data-total") == str(total)
    assert page.get_attribute("#app", "data-points") == str(located)
    page.wait_for_selector(".marker-cluster, path.leaflet-interactive")
    assert page.locator("#timeline rect.bar").count() >= 5
    assert page.locator("path.leaflet-interactive, .marker-cluster").count() >= 1  # points or clusters drawn
    assert page.locator(".leaflet-overlay-pane svg path").count() >= 2  # the offline country outlines

    shot = tmp_path / "map.png"
    page.screenshot(path=str(shot))
    from PIL import Image

    colours = Image.open(io.BytesIO(shot.read_bytes())).convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50, "the screenshot is blank"

    page.check("input[name=type][value=demonstration]")
    page.fill("input[name=since]", "2020-08-01")
    page.fill("input[name=until]", "2020-09-30")
    page.click("#filters button[type=submit]")
    _ready(page)
    rows = _rows(page)
    assert rows and all(r["type"] == "demonstration" and "2020-08-01" <= r["date"] <= "2020-09-30" for r in rows)

    page.click("#filters button[type=reset]")
    page.wait_for_function(f"() => document.querySelector('#app').dataset.total === '{total}'")
    _ready(page)
    box = page.locator("#timeline").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.7, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 2, box["y"] + 40)
    page.mouse.up()
    page.wait_for_function("() => (document.querySelector('#app').dataset.brush || '') !== ''")
    _ready(page)
    since, until = page.get_attribute("#app", "data-brush").split("/")
    rows = _rows(page)
    assert rows and all(since <= r["date"] <= until for r in rows)
    assert len(rows) < total and int(page.get_attribute("#app", "data-points")) < located
    assert page.errors == []


def test_open_an_event_correct_its_size_and_see_it_exported(browser, site):
    url, db = site
    token = open_store(db).create_token("ana")
    page = _page(browser)
    page.goto(url + "/")
    _ready(page)
    page.fill("input[name=place]", "moscow")
    page.click("#filters button[type=submit]")
    _ready(page)
    event_id = _rows(page)[0]["id"]
    page.click(f"#events tr[data-id='{event_id}'] a")
    page.wait_for_selector("#fields")
    assert page.locator(".article-text mark.sentence").count() >= 1  # its sentence highlighted in the article
    page.fill("#token", token)
    page.dispatch_event("#token", "change")
    page.select_option("#correct-form select[name=field]", "size_high")
    page.fill("#correct-form input[name=value]", "123,456")
    with page.expect_navigation():
        page.click("#correct-form button[type=submit]")
    page.wait_for_selector("#fields tr[data-field=size_high].corrected")
    assert "123,456" in page.inner_text("#fields tr[data-field=size_high] td.value")
    assert "ana" in page.inner_text(".history")
    exported = {json.loads(line)["id"]: json.loads(line) for line in page.evaluate(
        "fetch('/api/v1/export?format=jsonl').then(r => r.text())").splitlines()}
    assert exported[event_id]["size_high"] == 123456
    assert exported[event_id]["review"]["corrected"] == ["size_high"]
    assert page.errors == []


def test_article_text_cannot_run_script(browser, tmp_path):
    evil = tmp_path / "evil.jsonl"
    record = {"id": "evil", "url": "javascript:window.__pwned='url'", "published": "2020-09-20",
              "title": "<img src=x onerror=\"window.__pwned='title'\">",
              "text": "Thousands of workers <script>window.__pwned='script'</script> marched in Minsk on Sunday "
                      "<img src=x onerror=\"window.__pwned='img'\"> <b onmouseover=\"window.__pwned='b'\">demanding</b> "
                      "new elections, shouting \"</mark><svg onload=window.__pwned='svg'>\"."}
    evil.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = str(tmp_path / "evil.db")
    ingest_paths([str(evil)], open_store(db))
    [event] = open_store(db).load_events()
    with _Server(db) as url:
        page = _page(browser)
        page.goto(url + "/")
        _ready(page)
        page.hover("#events tbody tr a")
        page.goto(f"{url}/events/{event['id']}")
        page.wait_for_selector("#fields")
        page.hover(".article-text")
        text = page.inner_text(".article-text")
        assert "<script>" in text and "onerror" in text  # shown as text
        assert page.evaluate("window.__pwned === undefined")
        assert page.locator(".article-text script, .article-text img, .article-text svg").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
        assert page.errors == []
