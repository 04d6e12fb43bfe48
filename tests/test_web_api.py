"""The REST API: every endpoint, paging, validation errors and auth failures, on real articles."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from strikewatch.pipeline import ingest_paths
from strikewatch.store import open_store
from strikewatch.web import create_app

from .conftest import copy_store, write_test_reports


@pytest.fixture(scope="module")
def db(reports_db, tmp_path_factory):
    """The session's ingested reports, copied once for this module's tests, which only read."""
    return copy_store(reports_db, tmp_path_factory.mktemp("web"))


@pytest.fixture
def fresh_db(reports_db_copy):
    """A store of its own, for tests that write."""
    return reports_db_copy


def client(db: str, **options) -> TestClient:
    return TestClient(create_app(db, **options))


def test_list_pages_and_filters(db):
    api = client(db)
    everything = api.get("/api/v1/events", params={"per_page": 500}).json()
    assert everything["total"] == len(everything["events"]) > 6  # more than two pages of three
    first = api.get("/api/v1/events", params={"per_page": 3, "page": 1}).json()
    second = api.get("/api/v1/events", params={"per_page": 3, "page": 2}).json()
    assert first["pages"] == -(-everything["total"] // 3)
    assert [e["id"] for e in first["events"] + second["events"]] == [e["id"] for e in everything["events"][:6]]
    moscow = api.get("/api/v1/events", params={"place": "moscow", "since": "2019-08-01", "until": "2019-08-31"})
    assert {e["place"]["name"] for e in moscow.json()["events"]} == {"Moscow"}
    strikes = api.get("/api/v1/events", params=[("type", "riot"), ("type", "strike")]).json()
    assert strikes["total"] == sum(e["type"] == "strike" for e in everything["events"]) >= 2
    assert {e["type"] for e in strikes["events"]} == {"strike"}
    either = api.get("/api/v1/events", params=[("type", "strike"), ("type", "demonstration")]).json()
    assert {e["type"] for e in either["events"]} == {"strike", "demonstration"} and either["total"] < everything["total"]
    by_text = api.get("/api/v1/events", params={"q": "Lukashenko"}).json()["events"]
    assert by_text and all(any("Lukashenko" in m["sentence"] for m in e["mentions"]) for e in by_text)
    big = api.get("/api/v1/events", params={"size_min": 100000, "country": "hk"}).json()["events"]
    assert big and all(e["size_high"] >= 100000 and e["place"]["country"] == "HK" for e in big)


@pytest.mark.parametrize("params", [
    {"since": "2020-13-45"}, {"page": 0}, {"per_page": 501}, {"type": "picnic"}, {"country": "Narnia"}, {"sort": "colour"},
    {"size_min": -1}, {"status": "deleted"}, {"since": "2020-02-01", "until": "2020-01-01"},
    {"size_min": 10, "size_max": 5}, {"q": "x" * 501},
    {"size_min": 2**63}, {"size_max": 2**63}, {"page": 2**63 - 1}, {"place": "Min\x00sk"}, {"q": "a\x00b"},
])
def test_invalid_parameters_are_422(db, params):
    response = client(db).get("/api/v1/events", params=params)
    assert response.status_code == 422, params
    assert response.json()["detail"]


def test_a_filter_the_api_does_not_know_gets_the_clis_hint(db):
    api = client(db)
    assert "did you mean demonstration?" in api.get("/api/v1/events", params={"type": "protest"}).json()["detail"]
    assert "did you mean strike?" in api.get("/api/v1/events", params={"type": "strikes"}).json()["detail"]
    # types in any case, as the CLI takes them
    assert api.get("/api/v1/events", params={"type": "Strike"}).json()["total"] == \
        api.get("/api/v1/events", params={"type": "strike"}).json()["total"]


@pytest.mark.parametrize("path", ["/api/v1/stats", "/api/v1/timeline", "/api/v1/map", "/api/v1/export"])
def test_out_of_range_filters_are_422_on_every_endpoint(db, path):
    api = client(db)
    for params in ({"size_min": 2**63}, {"size_max": 2**63}, {"place": "\x00"}):
        assert api.get(path, params=params).status_code == 422, (path, params)
    assert api.get("/api/v1/reviews", params={"page": 2**63 - 1}).status_code == 422


def test_event_mentions_document_and_404s(db):
    api = client(db)
    event = api.get("/api/v1/events", params={"place": "minsk"}).json()["events"][0]
    assert api.get(f"/api/v1/events/{event['id']}").json() == event
    mentions = api.get(f"/api/v1/events/{event['id']}/mentions").json()
    assert [m["mention_id"] for m in mentions] == [m["mention_id"] for m in event["mentions"]]
    assert mentions[0]["trigger"]["rule"].startswith("trigger:")
    doc = api.get(f"/api/v1/documents/{mentions[0]['doc_id']}").json()
    sentence = mentions[0]["sentence"]
    assert doc["text"][sentence["start"]:sentence["end"]] == sentence["text"]
    assert api.get(f"/api/v1/events/{event['id']}/reviews").json() == []
    for path in ("/api/v1/events/nope", "/api/v1/events/nope/mentions", "/api/v1/documents/nope",
                 "/api/v1/events/nope/reviews", "/events/nope"):
        assert api.get(path).status_code == 404, path


def test_stats_timeline_map_and_openapi(db):
    api = client(db)
    stats = api.get("/api/v1/stats").json()
    assert stats["counts"]["events"] == sum(stats["type"].values()) and stats["country"]["BY"] >= 1
    timeline = api.get("/api/v1/timeline", params={"country": "BY"}).json()
    assert timeline and all(row["events"] >= 1 for row in timeline)
    assert sum(r["events"] for r in timeline) == api.get("/api/v1/events", params={"country": "BY"}).json()["total"] - sum(
        1 for e in api.get("/api/v1/events", params={"country": "BY", "per_page": 500}).json()["events"]
        if e["date_start"] is None)
    points = api.get("/api/v1/map").json()
    assert points["type"] == "FeatureCollection" and points["features"]
    lon, lat = points["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    spec = api.get("/api/v1/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/events/{event_id}/mentions",
            "/api/v1/documents/{doc_id}", "/api/v1/stats", "/api/v1/timeline", "/api/v1/map", "/api/v1/export",
            "/api/v1/events/{event_id}/corrections", "/api/v1/events/{event_id}/status",
            "/api/v1/events/{event_id}/merge", "/api/v1/events/{event_id}/split", "/api/v1/reviews"} <= paths


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson", "parquet", "acled"])
def test_exports_download_in_every_format(db, fmt):
    api = client(db)
    total = api.get("/api/v1/events", params={"country": "RU"}).json()["total"]
    response = api.get("/api/v1/export", params={"format": fmt, "country": "RU"})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "jsonl":
        assert len(response.text.splitlines()) == total
    elif fmt in ("csv", "acled"):
        assert len(list(csv.DictReader(io.StringIO(response.text)))) == total
    elif fmt == "geojson":
        assert len(json.loads(response.text)["features"]) <= total
    else:
        import pyarrow.parquet as pq

        assert pq.read_table(io.BytesIO(response.content)).num_rows == total
    assert api.get("/api/v1/export", params={"format": "xlsx"}).status_code == 422


WRITES = [("corrections", {"field": "size_low", "value": 5}), ("status", {"status": "wrong"}),
          ("merge", {"other": "x"}), ("split", {"mention_ids": ["x"]})]


@pytest.mark.parametrize(("path", "body"), WRITES)
def test_writes_need_a_valid_token(fresh_db, path, body):
    api = client(fresh_db)
    event = api.get("/api/v1/events").json()["events"][0]
    url = f"/api/v1/events/{event['id']}/{path}"
    missing = api.post(url, json=body)
    assert missing.status_code == 401 and "strikewatch token create" in missing.json()["detail"]
    assert missing.headers["www-authenticate"] == "Bearer"
    assert api.post(url, json=body, headers={"Authorization": "Bearer made-up"}).status_code == 401
    api.cookies.set("strikewatch_token", open_store(fresh_db).create_token("ana"))
    assert api.post(url, json=body).status_code == 401  # a cookie never authorises a write
    assert api.get(f"/api/v1/events/{event['id']}").json() == event and api.get("/api/v1/reviews").json() == []


def test_review_writes_are_recorded_and_exported(fresh_db):
    api = client(fresh_db)
    auth = {"Authorization": f"Bearer {open_store(fresh_db).create_token('ana')}"}
    events = api.get("/api/v1/events", params={"per_page": 500}).json()["events"]
    target = next(e for e in events  # a Moscow crowd that a low end of 25,000 fits
                  if e["place"] and e["place"]["name"] == "Moscow" and (e["size_high"] or 0) >= 25000)
    url = f"/api/v1/events/{target['id']}"
    done = api.post(f"{url}/corrections", json={"field": "size_low", "value": 25000}, headers=auth)
    assert done.status_code == 200, done.text
    assert done.json()["review"]["before"] == target["size_low"] and done.json()["event"]["size_low"] == 25000
    bad = api.post(f"{url}/corrections", json={"field": "size_low", "value": "many"}, headers=auth)
    assert bad.status_code == 422 and "whole number" in bad.json()["detail"]
    assert api.post(f"{url}/corrections", json={"field": "id", "value": "x"}, headers=auth).status_code == 422
    assert api.post(f"{url}/corrections", json={"value": 3}, headers=auth).status_code == 422  # no field
    assert api.post("/api/v1/events/nope/status", json={"status": "wrong"}, headers=auth).status_code == 404
    exported = api.get("/api/v1/export", params={"format": "jsonl", "place": "moscow"}).text
    assert any(json.loads(line)["id"] == target["id"] and json.loads(line)["size_low"] == 25000
               for line in exported.splitlines())
    other = next(e for e in events if e["id"] != target["id"] and e["place"] and e["place"]["country"] == "RU")
    merged = api.post(f"{url}/merge", json={"other": other["id"]}, headers=auth).json()["event"]
    assert len(merged["mentions"]) == len(target["mentions"]) + len(other["mentions"])
    assert api.get(f"/api/v1/events/{other['id']}").json()["review"]["status"] == "merged"
    assert api.post(f"{url}/merge", json={"other": other["id"]}, headers=auth).status_code == 422
    moved = [merged["mentions"][-1]["mention_id"]]
    split = api.post(f"{url}/split", json={"mention_ids": moved}, headers=auth)
    assert split.status_code == 200
    child = api.get(f"{url}.{split.json()['review']['review_id']}").json()
    assert [m["mention_id"] for m in child["mentions"]] == moved
    assert api.post(f"{url}/split", json={"mention_ids": ["not-its-own"]}, headers=auth).status_code == 422
    assert api.post(f"{url}/status", json={"status": "wrong"}, headers=auth).status_code == 200
    assert target["id"] not in {e["id"] for e in api.get("/api/v1/events", params={"per_page": 500}).json()["events"]}
    assert target["id"] in {e["id"] for e in api.get("/api/v1/events", params={"status": "wrong"}).json()["events"]}
    log = api.get(f"{url}/reviews").json()
    assert [(r["action"], r["reviewer"]) for r in log] == [
        ("correct", "ana"), ("merge", "ana"), ("split", "ana"), ("wrong", "ana")]
    assert len(api.get("/api/v1/reviews", params={"per_page": 2}).json()) == 2


def test_private_mode_needs_a_token_to_read(fresh_db):
    token = open_store(fresh_db).create_token("reader")
    api = client(fresh_db, private=True)
    for path in ("/api/v1/events", "/api/v1/stats", "/api/v1/map", "/api/v1/export"):
        assert api.get(path).status_code == 401, path
        assert api.get(path, headers={"Authorization": f"Bearer {token}"}).status_code == 200, path
    api.cookies.set("strikewatch_token", token)  # what the pages send once a token is entered
    assert api.get("/api/v1/events").status_code == 200
    assert client(fresh_db).get("/api/v1/events").status_code == 200  # open by default


def test_pages_escape_article_text_and_send_a_strict_policy(tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text("url: javascript:alert(1)\npublished: 2020-09-20\ntitle: <img src=x onerror=alert(1)>\n\n"
                    "Thousands of workers <script>alert('x')</script> marched in Minsk on Sunday "
                    "<b onmouseover=alert(2)>demanding</b> new elections.\n", encoding="utf-8")
    db = str(tmp_path / "evil.db")
    ingest_paths([str(evil)], open_store(db))
    api = client(db)
    [event] = api.get("/api/v1/events").json()["events"]
    page = api.get(f"/events/{event['id']}")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    assert "<img src=x" not in page.text and "<b onmouseover" not in page.text
    assert 'href="javascript:' not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert api.get("/").headers["content-security-policy"].startswith("default-src 'self'")


@pytest.mark.postgres
def test_the_api_on_postgresql(fresh_postgres, tmp_path):
    ingest_paths([str(write_test_reports(tmp_path / "in"))], open_store(fresh_postgres))
    api = client(fresh_postgres)
    auth = {"Authorization": f"Bearer {open_store(fresh_postgres).create_token('ana')}"}
    found = api.get("/api/v1/events", params={"q": "Lukashenko", "country": "BY"}).json()["events"]
    assert found and all(any("Lukashenko" in m["sentence"] for m in e["mentions"]) for e in found)
    done = api.post(f"/api/v1/events/{found[0]['id']}/corrections", json={"field": "size_low", "value": 7},
                    headers=auth)
    assert done.status_code == 200 and done.json()["event"]["size_low"] == 7
    assert api.get("/api/v1/timeline").json() and api.get("/api/v1/map").json()["features"]


def test_a_range_corrected_in_one_request_keeps_its_note_and_shows_what_it_replaced(fresh_db):
    api = client(fresh_db)
    auth = {"Authorization": f"Bearer {open_store(fresh_db).create_token('ana')}"}
    [march] = api.get("/api/v1/events", params={"place": "tampere"}).json()["events"]  # 2,000-8,000
    url = f"/api/v1/events/{march['id']}"
    note = "Both outlets counted the same square at different hours."
    done = api.post(f"{url}/corrections", json={"values": {"size_low": 9000, "size_high": 12000}, "note": note},
                    headers=auth)  # both ends above the old range: one at a time, the low end would fail
    assert done.status_code == 200, done.text
    assert [(r["field"], r["before"], r["value"], r["note"]) for r in done.json()["reviews"]] == [
        ("size_low", 2000, 9000, note), ("size_high", 8000, 12000, note)]
    assert (done.json()["event"]["size_low"], done.json()["event"]["size_high"]) == (9000, 12000)
    both = api.post(f"{url}/corrections", json={"field": "arrests", "value": 1, "values": {"deaths": 0}},
                    headers=auth)
    assert both.status_code == 422
    page = api.get(f"/events/{march['id']}").text
    row = page.split('data-field="size_low"')[1].split("</tr>")[0]
    assert "corrected" in row and f'<q class="note">{note}</q>' in row and "by ana" in row
    assert 'replaced <b class="before">2,000</b>' in row and "<q>about 2,000</q>" in row and "claimed by Police" in row
    assert [r["note"] for r in api.get(f"{url}/reviews").json()] == [note, note]


def test_the_page_links_the_codebook(db):
    from strikewatch.export import codebook

    api = client(db)
    assert 'href="/codebook"' in api.get("/").text
    page = api.get("/codebook")
    assert page.status_code == 200 and page.text == codebook() and page.headers["content-type"].startswith("text/plain")


def test_countries_by_name_or_code_and_the_list_sorted_newest_first(db):
    api = client(db)
    by_code = api.get("/api/v1/events", params={"country": "BY"}).json()
    assert by_code["total"] >= 3
    for name in ("Belarus", "belarus", "by"):
        assert api.get("/api/v1/events", params={"country": name}).json() == by_code
    said = api.get("/api/v1/events", params={"country": "Belarussia"}).json()["detail"]
    assert "unknown country 'Belarussia'" in said and "did you mean BY" in said
    newest = api.get("/api/v1/events", params={"sort": "-date", "per_page": 500}).json()["events"]
    dates = [e["date_start"] for e in newest]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[len(dated):] == [None] * (len(dates) - len(dated))
    biggest = api.get("/api/v1/events", params={"sort": "-size", "per_page": 500}).json()["events"]
    sizes = [e["size_high"] for e in biggest]
    known = [n for n in sizes if n is not None]
    assert known == sorted(known, reverse=True) and known[0] == 2000000 and sizes[len(known):] == [None] * (
        len(sizes) - len(known))


def test_a_place_is_found_by_another_of_its_names(db):
    from strikewatch.filters import place_names

    assert "Hrodna" in place_names("Grodno")
    api = client(db)
    [gomel] = api.get("/api/v1/events", params={"place": "Gomel"}).json()["events"]  # stored as Homyel'
    assert gomel["place"]["name"] == "Homyel'" and gomel["type"] == "strike"
    assert api.get("/api/v1/events", params={"place": "homyel"}).json()["events"] == [gomel]


def _asgi_post(app, path: str, headers: dict[str, str], chunks) -> tuple[int, dict, int]:
    """POST through the app at the ASGI level: (status, JSON body, how many body chunks it read)."""
    import asyncio

    reads = 0
    chunks = iter(chunks)

    async def receive():
        nonlocal reads
        reads += 1
        chunk = next(chunks, None)
        return {"type": "http.request", "body": chunk or b"", "more_body": chunk is not None}

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], json.loads(body), reads


def _endless(size: int = 16384):
    while True:
        yield b"[" * size


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_writes_are_refused_before_their_body_is_read(tmp_path, request, backend):
    db = str(tmp_path / "g.db") if backend == "sqlite" else request.getfixturevalue("fresh_postgres")
    token = open_store(db).create_token("ana")
    app = create_app(db)
    url = "/api/v1/events/e1/corrections"
    huge = {"content-type": "application/json", "content-length": str(30_000_000)}
    status, body, reads = _asgi_post(app, url, huge, _endless())
    assert (status, reads) == (401, 0) and "strikewatch token create" in body["detail"]
    status, _, reads = _asgi_post(app, url, {**huge, "authorization": "Bearer made-up"}, _endless())
    assert (status, reads) == (401, 0)
    auth = {"content-type": "application/json", "authorization": f"Bearer {token}"}
    status, body, reads = _asgi_post(app, url, {**auth, "content-length": str(30_000_000)}, _endless())
    assert (status, reads) == (413, 0) and "65,536 bytes" in body["detail"]
    status, _, reads = _asgi_post(app, url, auth, _endless())  # no length given: read up to the limit only
    assert status == 413 and reads == 5
    deep = b'{"field": "demands", "value": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    status, body, _ = _asgi_post(app, url, {**auth, "content-length": str(len(deep))}, [deep])
    assert status == 422 and "nests deeper than 16 levels" in body["detail"]
    ok = json.dumps({"field": "demands", "value": ["[a]", "{b}"]}).encode()
    status, body, _ = _asgi_post(app, url, {**auth, "content-length": str(len(ok))}, [ok[:10], ok[10:]])
    assert status == 404 and body["detail"] == "no event 'e1'"  # passed the gate whole: the handler parsed it


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def one_event(request, tmp_path):
    """A store of either kind holding one event of our own, a write token, and the event's id."""
    db = str(tmp_path / "one.db") if request.param == "sqlite" else request.getfixturevalue("fresh_postgres")
    article = tmp_path / "one.txt"
    article.write_text("published: 2021-06-14\n\nAbout 300 dock workers rallied in Gdansk on Monday "
                       "against the closure of the yard, the union said.\n", encoding="utf-8")
    store = open_store(db)
    ingest_paths([str(article)], store)
    [event] = store.load_events()
    return db, {"Authorization": f"Bearer {store.create_token('ana')}"}, event["id"]


def test_corrections_are_bounded_and_the_exports_still_work(one_event):
    db, auth, event_id = one_event
    api = client(db)
    url = f"/api/v1/events/{event_id}/corrections"
    refused = [("arrests", 2**200), ("size_high", 2**63), ("deaths", -1), ("site", "x" * 501),
               ("participants", "dock\x00workers"), ("demands", ["fair pay"] * 101), ("targets", ["y" * 501]),
               ("place", {"name": "Gdansk", "admin1": "z" * 501}), ("place", {"name": "G\ud800dansk"})]
    for field, value in refused:  # sent as JSON's \\u escapes, as a client would send a lone surrogate
        response = api.post(url, content=json.dumps({"field": field, "value": value}),
                            headers={**auth, "Content-Type": "application/json"})
        assert response.status_code == 422, (field, response.text[:200])
        assert len(response.json()["detail"]) < 200  # the value is not echoed back whole
    assert api.get(f"/api/v1/events/{event_id}/reviews").json() == []
    for field, value in [("arrests", 2**53 - 1), ("size_high", 2**53 - 1), ("site", "s" * 500),
                         ("demands", ["d" * 500] * 100)]:
        assert api.post(url, json={"field": field, "value": value}, headers=auth).status_code == 200, field
    for fmt in ("parquet", "csv", "acled", "geojson", "jsonl"):
        assert api.get("/api/v1/export", params={"format": fmt}).status_code == 200, fmt
    [event] = api.get("/api/v1/events", params={"size_min": 2**53 - 1}).json()["events"]
    assert event["arrests"] == 2**53 - 1


def test_ids_and_filters_no_database_can_hold_are_404_or_422(one_event):
    db, auth, event_id = one_event
    api = client(db)
    for path in (f"/api/v1/events/{event_id}%00", "/api/v1/events/a%00b/mentions", "/api/v1/events/%00/reviews",
                 "/api/v1/documents/doc%00", "/events/x%00"):
        assert api.get(path).status_code == 404, path
    assert api.get("/api/v1/events", params={"place": "Gda\x00nsk"}).status_code == 422
    merge = api.post(f"/api/v1/events/{event_id}/merge", json={"other": "e\x00"}, headers=auth)
    assert merge.status_code == 422 and "no event" in merge.json()["detail"]
    assert api.post(f"/api/v1/events/{event_id}%00/status", json={"status": "wrong"}, headers=auth).status_code == 404
    from strikewatch.store.sql import EventQuery

    assert open_store(db).query_events(EventQuery(place="Gda\x00nsk")) == (0, [])


def test_keyset_pages_clustered_map_and_streamed_exports(db):
    api = client(db)
    everything = api.get("/api/v1/events", params={"per_page": 500}).json()
    assert everything["next"] is None and everything["total"] > 3
    walked, params = [], {"per_page": 3}
    while True:
        page = api.get("/api/v1/events", params=params).json()
        walked += [e["id"] for e in page["events"]]
        assert page["total"] == everything["total"]
        if page["next"] is None:
            break
        params = {"per_page": 3, "after": page["next"]}
    assert walked == [e["id"] for e in everything["events"]]
    by_size, params = [], {"per_page": 4, "sort": "-size"}
    while True:
        page = api.get("/api/v1/events", params=params).json()
        by_size += [e["id"] for e in page["events"]]
        if page["next"] is None:
            break
        params = {**params, "after": page["next"]}
    assert by_size == [e["id"] for e in api.get("/api/v1/events", params={"per_page": 500, "sort": "-size"}).json()[
        "events"]]
    date_cursor = api.get("/api/v1/events", params={"per_page": 3}).json()["next"]
    for bad in ({"after": "2020-99-99|x"}, {"after": date_cursor, "sort": "size"}, {"after": "x" * 301}):
        assert api.get("/api/v1/events", params=bad).status_code == 422, bad
    points = api.get("/api/v1/map").json()["features"]
    world = api.get("/api/v1/map", params={"zoom": 0}).json()["features"]
    assert all(f["properties"]["cluster"] for f in world)
    assert sum(f["properties"]["count"] for f in world) == len(points) and len(world) < len(points)
    lons, lats = [f["geometry"]["coordinates"][0] for f in points], [f["geometry"]["coordinates"][1] for f in points]
    assert api.get("/api/v1/map", params={"zoom": 0}).json()["bbox"] == [min(lons), min(lats), max(lons), max(lats)]
    assert "bbox" not in api.get("/api/v1/map", params={"zoom": 3, "type": "strike", "since": "2030-01-01"}).json()
    near = api.get("/api/v1/map", params={"zoom": 12, "bbox": "23,51,33,57"}).json()["features"]
    assert near and all(23 <= f["geometry"]["coordinates"][0] <= 33 for f in near)
    assert len(near) < len(points)
    for bad in ({"zoom": 21}, {"bbox": "1,2,3"}, {"bbox": "10,0,5,1"}, {"bbox": "a,b,c,d"}):
        assert api.get("/api/v1/map", params=bad).status_code == 422, bad
    export = api.get("/api/v1/export", params={"format": "csv"})
    assert "content-length" not in export.headers  # streamed as it is read
    assert [r["id"] for r in csv.DictReader(io.StringIO(export.text))] == walked
    by_size = api.get("/api/v1/export", params={"format": "jsonl", "sort": "-size"}).text.splitlines()
    assert [json.loads(line)["id"] for line in by_size] == [
        e["id"] for e in api.get("/api/v1/events", params={"per_page": 500, "sort": "-size"}).json()["events"]]


def test_keyset_pages_map_cells_and_streamed_export_on_both_databases(store, tmp_path):
    ingest_paths([str(write_test_reports(tmp_path / "in"))], store)
    api = client(store.url)
    everything = api.get("/api/v1/events", params={"per_page": 500}).json()
    walked, params = [], {"per_page": 2}
    while True:
        page = api.get("/api/v1/events", params=params).json()
        walked += page["events"]
        if page["next"] is None:
            break
        params = {"per_page": 2, "after": page["next"]}
    assert walked == everything["events"] and len(walked) == everything["total"] > 2
    points = api.get("/api/v1/map").json()["features"]
    for zoom in (0, 4, 8):
        cells = api.get("/api/v1/map", params={"zoom": zoom}).json()["features"]
        assert sum(f["properties"]["count"] for f in cells) == len(points), zoom
    assert api.get("/api/v1/export", params={"format": "jsonl"}).text.splitlines() == [
        json.dumps(e, ensure_ascii=False) for e in everything["events"]]
