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
def site(reports_db_copy):
    db = reports_db_copy
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
    # clusters are redrawn as the map settles; a detached one has no computed style: read them once settled
    page.wait_for_function("() => [...document.querySelectorAll('.marker-cluster div')]"
                           ".every(d => d.isConnected && getComputedStyle(d).backgroundColor)")
    cluster_colours = page.eval_on_selector_all(".marker-cluster div", "ds => ds.map(d => getComputedStyle(d)"
                                                ".backgroundColor)")
    assert cluster_colours and set(cluster_colours) == {"rgba(70, 70, 70, 0.75)"}  # grey: no type's colour

    colours = _shot(page, tmp_path, "map.png").getcolors(maxcolors=1 << 20)
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
    # both ends above the old range, in one request, with a reason
    page.fill("#size-form input[name=size_low]", "130,000")
    page.fill("#size-form input[name=size_high]", "140,000")
    page.fill("#size-form input[name=note]", "A second count from the square, made at noon.")
    with page.expect_navigation():
        page.click("#size-form button[type=submit]")
    page.wait_for_selector("#fields tr[data-field=size_low].corrected")
    low = page.inner_text("#fields tr[data-field=size_low]")
    assert "130,000" in low and "A second count from the square, made at noon." in low and "by ana" in low
    assert "140,000" in page.inner_text("#fields tr[data-field=size_high] td.value")
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


SHOTS = os.environ.get("STRIKEWATCH_SCREENSHOTS")  # a folder: also save the screenshots there (the README's)


def _shot(page, tmp_path, name: str, full_page: bool = False):
    from PIL import Image

    path = tmp_path / name
    page.screenshot(path=str(path), full_page=full_page)
    if SHOTS:
        shutil.copy(path, os.path.join(SHOTS, name))
    return Image.open(io.BytesIO(path.read_bytes())).convert("RGB")


_WIDER = """w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w)
    .map(e => e.tagName + '.' + e.className)"""


def _box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


def test_a_phone_sees_one_column_and_a_whole_event_page(browser, site, tmp_path):
    url, db = site
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page.goto(url + "/")
    _ready(page)
    boxes = {name: _box(page, sel) for name, sel in (("filters", "#filters"), ("map", ".map-wrap"),
                                                     ("timeline", ".timeline-wrap"), ("list", ".list-wrap"))}
    for name, box in boxes.items():  # each as wide as the screen, none beside another
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["width"] >= 360, (name, box)
    assert boxes["filters"]["y"] < boxes["map"]["y"] < boxes["timeline"]["y"] < boxes["list"]["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.evaluate(_WIDER, 390)  # none cut
    table = _box(page, "#events")
    assert table["x"] + table["width"] <= 390
    image = _shot(page, tmp_path, "phone.png", full_page=True)
    assert image.width == 390
    # Across the map's middle, the screenshot is map (sea and land) nearly edge to edge: no second column.
    row_y = int(boxes["map"]["y"] + boxes["map"]["height"] / 2)
    row = [image.getpixel((x, row_y)) for x in range(image.width)]
    page_white = sum(1 for px in row if px in ((255, 255, 255), (250, 250, 247)))
    assert page_white / len(row) < 0.1, page_white
    # and the list below it spans the same width, its first row's text inside the screen
    first = _box(page, "#events tbody tr:first-child")
    assert first["width"] >= 340 and first["x"] + first["width"] <= 390

    event_id = page.get_attribute("#events tbody tr:first-child", "data-id")
    page.goto(f"{url}/events/{event_id}")
    page.wait_for_selector("#fields")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.evaluate(_WIDER, 390)
    source = _box(page, ".source")
    assert source["x"] >= 0 and source["x"] + source["width"] <= 390
    _shot(page, tmp_path, "phone-event.png")
    page.close()


def test_timeline_axes_adaptive_bins_and_keyboard(browser, site):
    url, _ = site
    page = _page(browser)
    page.goto(url + "/")
    _ready(page)
    total = int(page.get_attribute("#app", "data-total"))
    assert page.get_attribute("#app", "data-unit") == "month"  # 2019-2024: months, not one-pixel days
    assert page.inner_text("#timeline-unit") == "month"
    labels = page.eval_on_selector_all("#timeline .tick.x text", "ts => ts.map(t => t.textContent)")
    assert len(labels) >= 3 and labels[0] == "2019-06" and all(len(t) == 7 for t in labels)
    counts = page.eval_on_selector_all("#timeline .tick.y text", "ts => ts.map(t => Number(t.textContent))")
    assert counts[0] == 0 and max(counts) >= 2
    page.focus("#timeline")
    page.keyboard.press("ArrowRight")  # the first month
    page.wait_for_function("() => document.querySelector('#app').dataset.brush === '2019-06-01/2019-06-30'")
    _ready(page)
    assert {r["date"][:7] for r in _rows(page)} == {"2019-06"}
    page.keyboard.press("Shift+ArrowRight")  # and the next
    page.wait_for_function("() => document.querySelector('#app').dataset.brush === '2019-06-01/2019-07-31'")
    _ready(page)
    assert {r["date"][:7] for r in _rows(page)} == {"2019-06", "2019-07"}
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => document.querySelector('#app').dataset.total === '{total}'")
    assert page.get_attribute("#app", "data-brush") == ""
    assert page.errors == []


def test_list_newest_first_sortable_with_ids_conflicts_and_forgiving_filters(browser, site):
    url, _ = site
    page = _page(browser)
    page.goto(url + "/")
    _ready(page)
    total = page.get_attribute("#app", "data-total")
    rows = _rows(page)
    dated = [r["date"] for r in rows if r["date"] != "undated"]
    assert dated == sorted(dated, reverse=True) and rows[-1]["date"] == "undated"  # newest first, undated last
    ids = page.eval_on_selector_all("#events tbody tr", "rs => rs.map(r => [r.dataset.id, "
                                    "r.querySelector('code.event-id').textContent])")
    assert all(shown == row_id for row_id, shown in ids)
    assert page.locator("#events th[aria-sort=descending][data-sort=date]").count() == 1
    marked = page.eval_on_selector_all("#events tbody tr:has(.conflict-marker) td:nth-child(3)",
                                       "cells => cells.map(c => c.textContent)")
    assert marked == ["Tampere, FI"]  # the one event whose sources disagree

    page.click("#events th[data-sort=size] button")
    page.wait_for_function("() => document.querySelector('#app').dataset.sort === '-size'")
    _ready(page)
    sizes = page.eval_on_selector_all("#events tbody tr td:nth-child(4)",
                                      "cells => cells.map(c => c.firstChild ? c.firstChild.textContent : '')")
    numbers = [int(s.split("–")[-1].replace(",", "")) for s in sizes if s]
    assert numbers == sorted(numbers, reverse=True) and numbers[0] == 2000000 and sizes[-1] == ""

    page.fill("input[name=country]", "Belarus")  # a name, as people type it
    page.click("#filters button[type=submit]")
    _ready(page)
    places = [r["place"] for r in page.eval_on_selector_all("#events tbody tr", "rs => rs.map(r => ({place: "
                                                              "r.cells[2].textContent}))")]
    assert len(places) >= 3 and all(p.endswith(", BY") for p in places)
    west, south, east, north = map(float, page.get_attribute("#app", "data-bounds").split(","))
    assert 15 < west < 24 and 32 < east < 45 and 45 < south < 52 and 55 < north < 62  # the map fits Belarus
    page.fill("input[name=country]", "")
    page.fill("input[name=since]", "2021-01-01")
    page.fill("input[name=until]", "2020-01-01")
    page.click("#filters button[type=submit]")
    assert "is after" in page.inner_text("#filter-message")
    assert page.get_attribute("#app", "data-total") != total  # still the Belarus view, left alone
    page.fill("input[name=since]", "")
    page.fill("input[name=until]", "")
    page.check("input[name=type][value=strike]")  # no Filter click: ticking updates the view
    page.wait_for_function("() => [...document.querySelectorAll('#events tbody tr')].every("
                           "r => r.cells[1].textContent === 'strike')")
    assert page.inner_text("#filter-message") == ""
    assert page.errors == []


def test_an_event_page_sets_conflicting_figures_side_by_side(browser, site, tmp_path):
    url, db = site
    [march] = [e for e in open_store(db).load_events() if (e["place"] or {}).get("name") == "Tampere"]
    page = _page(browser)
    page.goto(f"{url}/events/{march['id']}")
    page.wait_for_selector("#disagree")
    claims = page.eval_on_selector_all("#disagree table[data-field=size] tbody tr", "rs => rs.map(r => "
                                       "[...r.cells].map(c => c.textContent.trim()))")
    assert ["2,000", "Police", "Northern Courier (illustrative)"] in claims
    assert ["8,000", "Organisers", "Lake Gazette (illustrative)"] in claims
    _shot(page, tmp_path, "event.png")
    assert page.errors == []


def test_the_map_asks_the_server_for_cells_then_for_the_events_in_view(browser, site):
    url, db = site
    page = _page(browser)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if "/api/v1/map?" in request.url else None)
    page.goto(url + "/")
    _ready(page)
    located = sum(1 for e in open_store(db).load_events() if (e["place"] or {}).get("lat") is not None)
    assert asked and all("zoom=" in u and "bbox=" not in u for u in asked)  # the world: counts per cell
    assert page.get_attribute("#app", "data-points") == str(located)  # every event counted once
    page.wait_for_selector(".marker-cluster")
    counts = page.eval_on_selector_all(".marker-cluster span", "spans => spans.map(s => s.textContent)")
    assert counts and all(int(c.replace(",", "")) > 1 for c in counts)  # the server's counts, drawn
    def zoom_of(u: str) -> int:
        return int(u.split("zoom=")[1].split("&")[0])

    for _ in range(20):  # zoom in, a level at a time, past the clustering zoom
        if any(zoom_of(u) >= 9 for u in asked):
            break
        page.click(".leaflet-control-zoom-in")
        page.wait_for_timeout(400)
    # from zoom 7 the cells in view, from zoom 9 the events in view; the whole world's cells before
    assert all(("bbox=" in u) == (zoom_of(u) >= 7) for u in asked), asked
    assert any(zoom_of(u) >= 9 for u in asked) and any(7 <= zoom_of(u) <= 8 for u in asked), asked
    page.wait_for_function("() => Number(document.querySelector('#app').dataset.mapZoom) >= 9")
    assert int(page.get_attribute("#app", "data-points")) <= located
    assert page.errors == []


def test_the_list_moves_through_keyset_pages(browser, tmp_path):
    import copy

    from strikewatch.model import Event, EventType
    from strikewatch.store.sql import EventQuery

    db = str(tmp_path / "many.db")
    store = open_store(db)
    ingest_paths([str(write_test_reports(tmp_path / "in"))], store)
    seeds = store.load_events()
    pairs = []
    for i in range(250 - len(seeds)):
        record = copy.deepcopy(seeds[i % len(seeds)])
        record["id"] = f"copy{i:04d}"
        pairs.append((Event(record["id"], EventType(record["type"]), [], block="copies"), record))
    store.replace_events(pairs, blocks=["copies"])
    newest_first = [e["id"] for e in store.query_events(
        EventQuery(sort="-date"), limit=None)[1]]
    assert len(newest_first) == 250
    with _Server(db) as url:
        page = _page(browser)
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url) if "/api/v1/events?" in r.url else None)
        page.goto(url + "/")
        _ready(page)
        seen = [r["id"] for r in _rows(page)]
        for number in (2, 3):
            page.click("#next")
            page.wait_for_function(f"() => document.querySelector('#app').dataset.page === '{number}'")
            page.wait_for_function("ids => document.querySelector('#events tbody tr').dataset.id !== ids[0]",
                                   arg=[seen[-1]])
            seen += [r["id"] for r in _rows(page)]
        assert seen == newest_first  # every event once, in the list's order
        assert "after=" in asked[-1] and "&page=" not in asked[-1] and "?page=" not in asked[-1]
        assert page.is_disabled("#next") and page.inner_text("#page") == "page 3 of 3"
        page.click("#prev")
        page.wait_for_function("() => document.querySelector('#app').dataset.page === '2'")
        page.wait_for_function("id => document.querySelector('#events tbody tr').dataset.id === id",
                               arg=newest_first[100])
        assert [r["id"] for r in _rows(page)] == newest_first[100:200]
        assert page.errors == []
