"""Provenance: every source names where it came from (file, canonical URL, site name) in explain,
the event page and every export; a second copy of an article adds the metadata the first lacked."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from strikewatch.export import acled_row, export_text
from strikewatch.pipeline import ingest_paths
from strikewatch.web import create_app

# A report written for this test, once as a bare text file and once as a saved page with metadata.
PARAGRAPHS = ["Dock workers walked out at the port of Gdansk on Sunday, demanding a pay rise of ten percent.",
              "The union said about 400 workers joined the strike, which closed two of the port's terminals."]
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Dock workers walk out | Baltic Wire</title>
<link rel="canonical" href="https://balticwire.example.org/2023/05/15/gdansk-dock-walkout">
<meta property="og:site_name" content="Baltic Wire">
<meta property="article:published_time" content="2023-05-15T08:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav><article>{}</article>
<footer>All rights reserved.</footer></body></html>"""
URL = "https://balticwire.example.org/2023/05/15/gdansk-dock-walkout"


def _files(folder: Path) -> tuple[Path, Path]:
    folder.mkdir()
    plain, page = folder / "walkout.txt", folder / "walkout.html"
    plain.write_text("\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    page.write_text(PAGE.format("".join(f"<p>{p}</p>" for p in PARAGRAPHS)), encoding="utf-8")
    return plain, page


def test_a_file_without_header_lines_is_shown_by_its_path_everywhere(store, tmp_path):
    plain, _ = _files(tmp_path / "in")
    ingest_paths([str(plain)], store)
    [event] = store.load_events()
    [source] = {m["doc_id"]: m for m in event["mentions"]}.values()
    assert source["file"] == str(plain) and source["outlet"] is None
    row = next(csv.DictReader(io.StringIO(export_text([event], "csv"))))
    assert row["file"] == str(plain) and row["sources"] == source["doc_id"]
    assert row["outlet"] == row["url"] == row["published"] == ""
    [feature] = json.loads(export_text([event], "geojson"))["features"]
    assert feature["properties"]["sources"] == [{"doc_id": source["doc_id"], "outlet": None, "title": None,
                                                 "url": None, "published": None, "file": str(plain),
                                                 "language": "en"}]
    assert acled_row(event, 0)["source"] == str(plain)  # (the ACLED file leaves it out: it has no date)


def test_a_second_copy_adds_its_date_url_and_outlet_to_the_stored_article(store, tmp_path):
    plain, page = _files(tmp_path / "in")
    ingest_paths([str(plain)], store)
    [undated] = store.load_events()
    assert undated["date_start"] is None  # "on Sunday" of an unknown week
    reported = []
    summary = ingest_paths([str(page)], store, on_item=lambda source, status: reported.append(status))
    assert summary.updated == 1 and summary.added == 0 and store.counts()["documents"] == 1
    assert reported == [f"already stored as {undated['mentions'][0]['doc_id']}; "
                        "this copy added its url, outlet, title, published"]
    [dated] = store.load_events()
    assert dated["id"] == undated["id"]  # the same event, now dated by the publication date
    assert dated["date_start"] == "2023-05-14"
    assert {(m["outlet"], m["url"], m["published"], m["file"]) for m in dated["mentions"]} == {
        ("Baltic Wire", URL, "2023-05-15", str(plain))}
    acled = next(csv.DictReader(io.StringIO(export_text([dated], "acled"))))
    assert acled["source"] == "Baltic Wire" and acled["event_date"] == "2023-05-14"
    again = ingest_paths([str(page)], store)  # nothing more to add: a plain duplicate
    assert again.duplicates == 1 and again.updated == 0


def test_explain_and_the_event_page_name_the_file_and_the_page_metadata(tmp_path):
    plain, page = _files(tmp_path / "in")
    other = tmp_path / "in" / "other.html"  # the page's metadata on a different report
    other.write_text(PAGE.format("<p>About 200 teachers marched in Gdansk on Friday, demanding smaller classes.</p>"
                                 "<p>The march ended at the city hall without incident, the organisers said.</p>"),
                     encoding="utf-8")
    db = str(tmp_path / "p.db")
    exe = str(Path(sys.executable).parent / "strikewatch")
    subprocess.run([exe, "ingest", str(plain), str(other), "--db", db], check=True, capture_output=True)
    listing = subprocess.run([exe, "events", "--db", db], check=True, capture_output=True, text=True).stdout
    ids = {line.split()[0] for line in listing.splitlines()[1:-1]}
    accounts = [subprocess.run([exe, "explain", event_id, "--db", db], check=True, capture_output=True,
                               text=True).stdout for event_id in ids]
    assert any(f"outlet unknown, published unknown, file {plain}" in a for a in accounts)
    assert any("Baltic Wire, published 2023-05-15" in a and URL in a and f"file {other}" in a for a in accounts)
    api = TestClient(create_app(db))
    for event_id in ids:
        html = api.get(f"/events/{event_id}").text
        assert f'<code class="file">{plain}</code>' in html or (
            "Baltic Wire" in html and f'href="{URL}"' in html and f'<code class="file">{other}</code>' in html)
