"""Live sources: real HTTP against sites the tests start on 127.0.0.1 (never anything else).

The fetcher alone (politeness, limits, safety), then whole runs into the store, on SQLite and on
PostgreSQL: feeds, sitemaps, URL lists, failures and retries, duplicates, a killed run.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import zlib

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from strikewatch.cli import main
from strikewatch.sources import ConfigError, Settings, fetch_pages, reprocess, source_statuses, watch
from strikewatch.sources.config import parse_config, parse_duration
from strikewatch.sources.fetch import Fetcher, FetchError
from strikewatch.store import open_store
from strikewatch.store.sql import documents, pages

from .conftest import REPO
from .sites import Site, article_html, atom, rss, sitemap

LOCAL = Settings(contact="tests@example.org", allow_private_addresses=True, per_host_delay=0, timeout=3)

# Articles written for these tests: (title, two paragraphs). Each text is distinct.
STORIES = [
    ("Bakers stop work", ["Bakers at the Northfield plant stopped work on Monday over unpaid overtime, their union said.",
                          "About 300 workers joined the stoppage, which closed two production lines for a whole shift."]),
    ("Nurses march", ["Nurses marched through the centre of Eastport on Tuesday to demand more staff on night wards.",
                      "Organisers put the crowd at about 2,000, while the police gave no estimate of their own."]),
    ("Dockers walk out", ["Dockers in Southhaven walked out on Wednesday after two colleagues were dismissed.",
                          "The port authority said that loading of ships would resume once talks had begun."]),
    ("Teachers rally", ["Teachers rallied outside the education ministry in Westbury on Thursday over pay.",
                        "Several hundred people held placards and the rally ended peacefully in the afternoon."]),
    ("Farmers drive tractors", ["Farmers drove tractors into the square of Hillcrest on Saturday against new import rules.",
                                "The convoy of some 150 tractors left the town by evening without any arrests."]),
    ("Drivers block road", ["Lorry drivers blocked the ring road around Lakeside on Friday to protest fuel prices.",
                            "Traffic was diverted for four hours until the drivers moved their vehicles away."]),
]


def page(i: int, **options) -> str:
    title, paragraphs = STORIES[i]
    return article_html(title, paragraphs, **options)


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    url = str(tmp_path / "sources.db") if request.param == "sqlite" else request.getfixturevalue("fresh_postgres")
    s = open_store(url)
    yield s
    s.close()


def config(*sources: dict, **settings) -> object:
    base = {"allow_private_addresses": True, "per_host_delay": 0, "timeout": 3, "contact": "tests@example.org",
            "retry_after": 0}
    return parse_config({**base, **settings, "source": list(sources)})


def page_rows(store) -> dict[str, dict]:
    with store.engine.connect() as conn:
        return {r.url: r._asdict() for r in conn.execute(select(pages))}


def doc_rows(store) -> list[dict]:
    with store.engine.connect() as conn:
        return [r._asdict() for r in conn.execute(select(documents).order_by(documents.c.url))]


# The sources file


def test_sources_file_shape_and_mistakes():
    minimal = parse_config({"allow_private_addresses": False,
                            "source": [{"url": "https://example.org/feed.xml", "kind": "feed", "name": "Example Daily"}]})
    assert minimal.sources[0].label == "Example Daily" and not minimal.settings.allow_private_addresses
    full = parse_config({"per_host_delay": "2s", "retry_after": "1h", "allow_private_addresses": ["10.0.0.5:8080"],
                         "source": [{"url": "http://example.org/sitemap.xml", "kind": "sitemap", "country": "by",
                                     "language": "ru"}]})
    assert full.settings.per_host_delay == 2 and full.settings.retry_after == 3600
    assert full.sources[0].country == "BY" and full.settings.trusted_addresses == ("10.0.0.5:8080",)
    assert parse_duration("30m") == 1800 and parse_duration("1d") == 86400
    for bad, message in [
        ({"source": [{"url": "ftp://example.org/feed"}]}, "http"),
        ({"source": [{"url": "https://example.org/f", "kind": "atom"}]}, "kind"),
        ({"source": [{"url": "https://example.org/" + "f" * 2048}]}, "longer than 2048"),
        ({"source": [{"url": "https://example.org/f", "colour": "red"}]}, "colour"),
        ({"sauce": 1, "source": [{"url": "https://example.org/f"}]}, "sauce"),
        ({"source": []}, "at least one"),
        ({"concurrency": 0, "source": [{"url": "https://example.org/f"}]}, "at least 1"),
        ({"per_host_delay": "soon", "source": [{"url": "https://example.org/f"}]}, "duration"),
        ({"allow_private_addresses": ["intranet"], "source": [{"url": "https://example.org/f"}]}, "intranet"),
    ]:
        with pytest.raises(ConfigError, match=message):
            parse_config(bad)


# The fetcher alone


def test_user_agent_redirects_and_http_errors(site):
    site.add("/a", page(0))
    site.add("/old", redirect=site.url("/a"))
    site.add("/gone", status=404)
    site.add("/broken", status=500)
    site.add("/ftp", redirect="ftp://127.0.0.1/a")
    fetcher = Fetcher(LOCAL)
    got = fetcher.get(site.url("/old"))
    assert got.final_url == site.url("/a") and got.status == 200 and b"Northfield" in got.body
    agent = site.requests[-1][2]["User-Agent"]
    assert agent.startswith("strikewatch/") and "tests@example.org" in agent
    with pytest.raises(FetchError, match="404") as gone:
        fetcher.get(site.url("/gone"))
    assert gone.value.permanent
    with pytest.raises(FetchError, match="500") as broken:
        fetcher.get(site.url("/broken"))
    assert not broken.value.permanent  # a server error is worth another try later
    with pytest.raises(FetchError, match="not http"):
        fetcher.get(site.url("/ftp"))
    with pytest.raises(FetchError, match="http"):
        fetcher.get("file:///etc/passwd")


def test_size_and_time_limits(site):
    site.add("/big", "<p>" + "word " * 300_000 + "</p>")  # 1.5 MB
    site.add("/big-unannounced", "<p>" + "word " * 300_000 + "</p>", announce_length=False)  # no Content-Length
    site.add("/slow", page(0), delay=2)
    site.add("/dripping", page(1) * 4, drip=0.2)  # each piece in time, the whole far too slow
    roomy = Fetcher(Settings(allow_private_addresses=True, per_host_delay=0, timeout=30, max_page_mb=1))
    for path in ("/big", "/big-unannounced"):
        with pytest.raises(FetchError, match="over the page size limit of 1 MB") as big:
            roomy.get(site.url(path))
        assert big.value.permanent
    fetcher = Fetcher(Settings(allow_private_addresses=True, per_host_delay=0, timeout=1, max_page_mb=1))
    with pytest.raises(FetchError, match="timeout"):
        fetcher.get(site.url("/slow"))
    with pytest.raises(FetchError, match="timeout"):
        fetcher.get(site.url("/dripping"))


def test_robots_txt_is_respected(site):
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.add("/private/a", page(0))
    site.add("/public/a", page(1))
    fetcher = Fetcher(LOCAL)
    with pytest.raises(FetchError, match="robots.txt disallows"):
        fetcher.get(site.url("/private/a"))
    assert fetcher.get(site.url("/public/a")).status == 200
    assert site.hits("/private/a") == 0 and site.hits("/robots.txt") == 1  # read once per site and run
    other = Site()  # a redirect to another site is held to that site's robots.txt
    try:
        other.add("/robots.txt", "User-agent: strikewatch\nDisallow: /members/\n", content_type="text/plain")
        other.add("/members/a", page(2))
        site.add("/public/moved", redirect=other.url("/members/a"))
        with pytest.raises(FetchError, match="robots.txt disallows it \\(redirected to") as hop:
            fetcher.get(site.url("/public/moved"))
        assert hop.value.permanent and other.hits("/members/a") == 0 and other.hits("/robots.txt") == 1
    finally:
        other.close()
    ignoring = Fetcher(Settings(allow_private_addresses=True, per_host_delay=0, respect_robots=False))
    assert ignoring.get(site.url("/private/a")).status == 200


def test_private_and_loopback_addresses_are_refused_unless_allowed(site):
    internal = Site()  # an internal service the user never allowed
    try:
        internal.add("/admin", "secret")
        site.add("/hop", redirect=internal.url("/admin"))
        strict = Fetcher(Settings(per_host_delay=0))
        for url in (site.url("/hop"), internal.url("/admin"), f"http://localhost:{internal.port}/admin"):
            with pytest.raises(FetchError, match="private or loopback address") as refused:
                strict.get(url)
            assert refused.value.permanent
        # Only the first site is trusted: its redirect to the internal service is still refused.
        trusting_one = Fetcher(Settings(per_host_delay=0, trusted_addresses=(f"127.0.0.1:{site.port}",)))
        with pytest.raises(FetchError, match="private or loopback"):
            trusting_one.get(site.url("/hop"))
        assert internal.requests == []
        assert Fetcher(LOCAL).get(site.url("/hop")).body == b"secret"  # allowed for the user's own network
    finally:
        internal.close()


def test_per_host_rate_and_concurrency_limits(site):
    for i in range(4):
        site.add(f"/p{i}", page(i), delay=0.1)
    fetcher = Fetcher(Settings(allow_private_addresses=True, per_host_delay=0.3, per_host_concurrency=1))
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(fetcher.get, [site.url(f"/p{i}") for i in range(4)]))
    starts = sorted(t for t, path, _ in site.requests if path.startswith("/p"))
    assert len(starts) == 4 and site.most_in_flight == 1
    assert min(b - a for a, b in zip(starts, starts[1:], strict=False)) >= 0.28  # never faster than the limit

    # A site's robots.txt may ask for a longer delay (whole seconds): it is kept.
    site.add("/robots.txt", "User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    fetcher = Fetcher(Settings(allow_private_addresses=True, per_host_delay=0))
    fetcher.get(site.url("/p0"))
    fetcher.get(site.url("/p1"))
    first, second = [t for t, path, _ in site.requests if path in ("/p0", "/p1")][-2:]
    assert second - first >= 0.95


# Whole runs into the store


@pytest.mark.slow
def test_rss_feed_then_unchanged_costs_one_small_request(site, store):
    site.add("/a0", page(0, published="2026-03-04"))
    site.add("/a1", page(1), headers={"Last-Modified": "Wed, 11 Mar 2026 10:00:00 GMT"})
    feed = site.add("/rss.xml", rss("The Test Daily", [
        ("Bakers", site.url("/a0"), None), ("Nurses", site.url("/a1?utm_source=feed"), "Tue, 10 Mar 2026 08:00:00 GMT")]),
        content_type="application/rss+xml", etag='"feed-1"')
    lines: list[str] = []
    summary = watch(config({"url": feed, "kind": "feed"}), store, on_line=lines.append)
    assert [r.added for r in summary.reports] == [2] and summary.events >= 1
    assert lines[0].startswith("The Test Daily: 2 listed, 0 already seen; 2 new articles")
    docs = {d["url"]: d for d in doc_rows(store)}
    first, second = docs[site.url("/a0")], docs[site.url("/a1")]  # the tracking parameter is dropped
    assert (first["published"], first["published_from"]) == (dt.date(2026, 3, 4), "page")
    assert (second["published"], second["published_from"]) == (dt.date(2026, 3, 10), "feed")  # before Last-Modified
    assert first["outlet"] == "The Test Daily"
    row = page_rows(store)[site.url("/a1")]
    assert row["status"] == "stored" and row["final_url"] == site.url("/a1") and row["language"] == "en"
    assert row["http_last_modified"] == "Wed, 11 Mar 2026 10:00:00 GMT" and row["http_date"] and row["fetched_at"]
    assert b"Eastport" in zlib.decompress(row["body"])  # the raw page, compressed

    again = watch(config({"url": feed, "kind": "feed"}), store, on_line=lines.append)
    assert again.reports[0].unchanged and again.reports[0].added == 0
    assert lines[-1].startswith("The Test Daily: unchanged")
    feed_requests = [headers for _, path, headers in site.requests if path == "/rss.xml"]
    assert feed_requests[-1].get("If-None-Match") == '"feed-1"'  # answered 304
    assert site.hits("/a0") == site.hits("/a1") == 1
    assert store.counts()["documents"] == 2


@pytest.mark.slow
def test_atom_sitemap_index_url_list_and_redirects(site, store):
    site.add("/b0", page(0))
    site.add("/b1", page(1), headers={"Last-Modified": "Mon, 02 Feb 2026 09:00:00 GMT"})
    site.add("/b2", page(2))
    site.add("/moved", redirect=site.url("/b3"))
    site.add("/b3", page(3))
    site.add("/b4", page(5), content_type="text/html")
    site.add("/b5", page(4))
    atom_url = site.add("/atom.xml", atom("Union News", [("Bakers", "/b0", "2026-01-20T12:00:00Z")]),
                        content_type="application/atom+xml")
    site.add("/sitemap-1.xml", sitemap([site.url("/b1"), site.url("/b2"), site.url("/b5")],
                                       news={site.url("/b5"): "2026-02-14T07:30:00+01:00"}), content_type="application/xml")
    index = site.add("/sitemap.xml", sitemap([site.url("/sitemap-1.xml")], index=True), content_type="application/xml")
    url_list = site.add("/list.txt", f"# articles found by a search\n{site.url('/moved')}\n\n{site.url('/b4')}\n"
                        f"{site.url('/' + 'x' * 3000)}\n",
                        content_type="text/plain")
    summary = watch(config({"url": atom_url, "name": "Union site"}, {"url": index, "kind": "sitemap"},
                           {"url": url_list, "kind": "urls"}), store)
    assert [(r.listed, r.added, r.failed) for r in summary.reports] == [(1, 1, 0), (3, 3, 0), (2, 2, 1)]
    assert "over 2048 characters" in summary.reports[2].problems[0]
    docs = {d["url"]: d for d in doc_rows(store)}
    assert docs[site.url("/b0")]["published_from"] == "feed" and docs[site.url("/b0")]["outlet"] == "Union site"
    assert (docs[site.url("/b1")]["published"], docs[site.url("/b1")]["published_from"]) == (
        dt.date(2026, 2, 2), "last-modified")
    assert docs[site.url("/b2")]["published"] is None  # no date anywhere: none made up
    assert (docs[site.url("/b5")]["published"], docs[site.url("/b5")]["published_from"]) == (
        dt.date(2026, 2, 14), "feed")  # a news sitemap's publication date
    assert page_rows(store)[site.url("/moved")]["final_url"] == site.url("/b3")
    assert site.url("/b3") in docs  # the article is filed under where it really is
    # A later listing of the redirect's target is a page already seen: not fetched again.
    site.add("/list.txt", site.url("/b3") + "\n", content_type="text/plain")
    watch(config({"url": url_list, "kind": "urls"}), store)
    assert site.hits("/b3") == 1


@pytest.mark.slow
def test_failures_are_recorded_and_retried_with_backoff(site, store):
    site.add("/ok", page(0))
    site.add("/missing", status=404)
    site.add("/flaky", status=500)
    site.add("/slow", page(1), delay=3)
    site.add("/huge", "<p>" + "word " * 300_000 + "</p>")
    site.add("/far", redirect=site.url("/" + "y" * 3000))
    site.add("/" + "y" * 3000, page(3))
    feed = site.add("/rss.xml", rss("Flaky Times", [(p, site.url(p), None) for p in
                                                    ("/ok", "/missing", "/flaky", "/slow", "/huge", "/far")]))
    sources = config({"url": feed}, timeout=1, max_page_mb=1, retry_after=0)
    first = watch(sources, store)
    assert (first.reports[0].added, first.reports[0].failed) == (1, 5)
    rows = page_rows(store)
    assert rows[site.url("/missing")]["error"] == "HTTP 404 Not Found" and rows[site.url("/missing")]["next_attempt"] is None
    assert rows[site.url("/flaky")]["error"] == "HTTP 500 Internal Server Error"
    assert rows[site.url("/flaky")]["next_attempt"] is not None and rows[site.url("/flaky")]["attempts"] == 1
    assert "timeout" in rows[site.url("/slow")]["error"]
    assert "size limit" in rows[site.url("/huge")]["error"] and rows[site.url("/huge")]["next_attempt"] is None
    assert rows[site.url("/far")]["error"] == "redirected to an address over 2048 characters"

    site.add("/flaky", page(2))  # the server recovers
    site.add("/slow", page(1))
    second = watch(sources, store)
    assert (second.reports[0].added, second.reports[0].failed) == (2, 0)
    assert site.hits("/missing") == 1 and site.hits("/huge") == 1 and site.hits("/ok") == 1  # never again
    assert page_rows(store)[site.url("/flaky")]["status"] == "stored"

    # Backoff: a page that keeps failing waits longer each time, and is given up after max_attempts.
    site.add("/down", status=503)
    site.add("/rss.xml", rss("Flaky Times", [("Down", site.url("/down"), None)]))
    slow_retry = config({"url": feed}, retry_after="1h", max_attempts=3)
    watch(slow_retry, store)
    watch(slow_retry, store)  # not due yet: no request
    assert site.hits("/down") == 1
    waits = []
    for _ in range(2):
        with store.engine.begin() as conn:  # let the retry time pass
            conn.execute(pages.update().where(pages.c.url == site.url("/down")).values(next_attempt="2000-01-01T00:00:00Z"))
        watch(slow_retry, store)
        waits.append(page_rows(store)[site.url("/down")]["next_attempt"])
    second_wait = dt.datetime.fromisoformat(waits[0].replace("Z", "+00:00")) - dt.datetime.now(dt.UTC)
    assert dt.timedelta(hours=1.9) < second_wait <= dt.timedelta(hours=2)  # the wait doubled
    assert site.hits("/down") == 3 and waits[-1] is None  # third failure: given up


@pytest.mark.slow
def test_the_same_article_from_two_feeds_is_fetched_and_stored_once(site, store):
    site.add("/story", page(0))
    site.add("/story-copy", page(0))  # the same text at another address
    site.add("/story-amp", page(0, canonical=site.url("/story")).replace("Northfield plant", "Northfield factory"))
    site.add("/long-canonical", page(1, canonical=site.url("/" + "z" * 3000)))
    one = site.add("/one.xml", rss("Feed One", [("Bakers", site.url("/story"), None)]))
    two = site.add("/two.xml", rss("Feed Two", [("Bakers", site.url("/story#comments"), None),
                                                ("Bakers again", site.url("/story-copy"), None),
                                                ("Bakers (amp)", site.url("/story-amp"), None),
                                                ("Nurses", site.url("/long-canonical"), None)]))
    summary = watch(config({"url": one}, {"url": two}), store)
    assert [(r.added, r.duplicates) for r in summary.reports] == [(1, 0), (1, 2)]
    assert site.hits("/story") == 1 and store.counts()["documents"] == 2  # the bakers once, the nurses
    rows = page_rows(store)
    assert rows[site.url("/story-copy")]["status"] == "duplicate"
    assert rows[site.url("/story-amp")]["error"] == f"same canonical URL as {site.url('/story')}"
    assert site.url("/story#comments") not in rows  # the fragment is the same page
    assert rows[site.url("/long-canonical")]["canonical_url"] == site.url("/long-canonical")  # too long to keep


@pytest.mark.slow
def test_a_feed_cannot_point_strikewatch_at_a_private_address(site, store):
    internal = Site()
    try:
        internal.add("/admin/delete-all", page(1))
        site.add("/a", page(0))
        feed = site.add("/rss.xml", rss("Hostile", [("Fine", site.url("/a"), None),
                                                    ("Inside", internal.url("/admin/delete-all"), None)]))
        summary = watch(config({"url": feed}, allow_private_addresses=[f"127.0.0.1:{site.port}"]), store)
        assert (summary.reports[0].added, summary.reports[0].failed) == (1, 1)
        assert internal.requests == []
        row = page_rows(store)[internal.url("/admin/delete-all")]
        assert "private or loopback" in row["error"] and row["next_attempt"] is None
        refused = watch(config({"url": feed}, allow_private_addresses=False), store)
        assert refused.reports[0].error and "private or loopback" in refused.reports[0].error
    finally:
        internal.close()


def _db_url(store) -> str:
    return store.url


@pytest.mark.slow
def test_a_killed_run_resumes_where_it_stopped(site, store, tmp_path):
    n = 12
    for i in range(n):
        title, paragraphs = STORIES[i % len(STORIES)]
        site.add(f"/k{i}", article_html(f"{title} {i}", [f"{p} Report number {i} of the series." for p in paragraphs]),
                 delay=0.4)
    feed = site.add("/rss.xml", rss("Slow Wire", [(f"Story {i}", site.url(f"/k{i}"), None) for i in range(n)]),
                    etag='"wire"')
    sources = tmp_path / "sources.toml"
    sources.write_text(f'allow_private_addresses = true\nper_host_delay = 0\nper_host_concurrency = 1\n'
                       f'concurrency = 1\ncontact = "tests@example.org"\n[[source]]\nurl = "{feed}"\n', encoding="utf-8")
    db = _db_url(store)
    run = subprocess.Popen([sys.executable, "-m", "strikewatch.cli", "watch", str(sources), "--db", db],
                           cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while sum(r["status"] == "fetched" for r in page_rows(store).values()) < 4:
        assert run.poll() is None and time.monotonic() < deadline, run.stderr.read() if run.stderr else ""
        time.sleep(0.1)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    done = [url for url, row in page_rows(store).items() if row["status"] == "fetched"]
    assert 4 <= len(done) < n

    result = CliRunner().invoke(main, ["watch", str(sources), "--db", db])
    assert result.exit_code == 0, result.output
    assert "Slow Wire: unchanged" in result.output  # the feed had not changed: the queue did the rest
    assert store.counts()["documents"] == n
    assert all(row["status"] == "stored" for row in page_rows(store).values())
    requests = {f"/k{i}": site.hits(f"/k{i}") for i in range(n)}
    assert sum(requests.values()) <= n + 1  # at most the page in flight at the kill is asked for again
    assert all(requests[url.split(str(site.port))[1]] == 1 for url in done)  # fetched before the kill: not again


@pytest.mark.slow
def test_cli_fetch_sources_reprocess_and_the_sources_page(site, store, tmp_path):
    site.add("/single", page(3))
    site.add("/nothing", "<html><head><title>Index</title></head><body></body></html>")
    feed = site.add("/rss.xml", rss("Web Desk", [("Drivers", site.url("/d"), None)]))
    site.add("/d", page(4))
    db = _db_url(store)
    runner = CliRunner()
    env = {"STRIKEWATCH_CONTACT": "tests@example.org"}
    fetched = runner.invoke(main, ["fetch", site.url("/single"), "--db", db, "--allow-private-addresses"], env=env)
    assert fetched.exit_code == 0, fetched.output
    assert "1 new articles" in fetched.output and store.counts()["documents"] == 1
    again = runner.invoke(main, ["fetch", site.url("/single"), site.url("/nothing"), "--db", db,
                                 "--allow-private-addresses"], env=env)
    assert again.exit_code == 1 and site.hits("/single") == 1  # already stored; the empty page has no article
    assert "without an article" in again.output
    refused = runner.invoke(main, ["fetch", site.url("/elsewhere"), "--db", db], env=env)
    assert refused.exit_code == 1 and "private or loopback" in refused.output

    sources = tmp_path / "sources.toml"
    sources.write_text(f'allow_private_addresses = true\nper_host_delay = "0s"\ncontact = "tests@example.org"\n'
                       f'[[source]]\nurl = "{feed}"\nname = "Web Desk"\n\n[[source]]\nurl = "{site.url("/none.xml")}"\n',
                       encoding="utf-8")
    watched = runner.invoke(main, ["watch", str(sources), "--db", db, "--once"])
    assert watched.exit_code == 1  # the second source failed
    assert "Web Desk: 1 listed, 0 already seen; 1 new articles" in watched.output
    assert "failed: HTTP 404" in watched.output
    listing = runner.invoke(main, ["sources", "--db", db])
    assert "Web Desk" in listing.output and "1 articles" in listing.output and "last error: HTTP 404" in listing.output

    requests = len(site.requests)
    with store.engine.begin() as conn:  # as an older extractor might have left it
        conn.execute(documents.delete())
    redone = runner.invoke(main, ["reprocess", "--db", db])
    assert redone.exit_code == 0, redone.output
    assert "3 pages: 2 articles, 0 duplicates, 1 without an article" in redone.output and len(site.requests) == requests  # no request
    assert store.counts()["documents"] == 2 and store.counts()["events"] >= 1

    from fastapi.testclient import TestClient

    from strikewatch.web import create_app

    client = TestClient(create_app(db))
    html = client.get("/sources").text
    assert "Web Desk" in html and "HTTP 404" in html and 'class="articles">1<' in html
    api = client.get("/api/v1/sources").json()
    assert {s["name"] for s in api} == {"Web Desk", None} and sum(s["articles"] for s in api) == 1
    assert 'href="/sources"' in client.get("/").text


def test_a_store_from_before_sources_gains_their_tables(tmp_path, site):
    """The sources migration on a database from just before it; then robots.txt forbidding a site is
    recorded, no request made."""
    from sqlalchemy import text

    from strikewatch.store.sql import MIGRATIONS, SCHEMA_VERSION, _migration_6, meta_table, source_state

    old = open_store(str(tmp_path / "old.db"))
    with old.engine.begin() as conn:
        pages.drop(conn)
        source_state.drop(conn)
        conn.execute(meta_table.update().values(v=str(MIGRATIONS.index(_migration_6))))  # just before it
    old.close()
    store = open_store(str(tmp_path / "old.db"))
    assert store.schema_version() == SCHEMA_VERSION
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM pages")).scalar_one() == 0
    site.add("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    summary = fetch_pages([site.url("/x")], store, LOCAL)
    assert summary.reports[0].failed == 1 and site.hits("/x") == 0
    assert page_rows(store)[site.url("/x")]["error"] == "robots.txt disallows it"
    assert reprocess(store).reports[0].listed == 0


def test_a_listing_that_is_not_one_fails_only_its_source(site, store):
    site.add("/home", page(0))
    site.add("/bad-sitemap.xml", b"\x1f\x8b not really gzip", content_type="application/xml")
    site.add("/broken.xml", "<urlset><url><loc>", content_type="application/xml")
    good = site.add("/list.txt", "", content_type="text/plain")
    summary = watch(config({"url": site.url("/home")}, {"url": site.url("/bad-sitemap.xml"), "kind": "sitemap"},
                           {"url": site.url("/broken.xml"), "kind": "sitemap"}, {"url": good, "kind": "urls"}), store)
    errors = [r.error for r in summary.reports]
    assert errors[0].startswith("not an RSS or Atom feed")
    assert errors[1].startswith("cannot read the listing") and errors[2].startswith("not a sitemap")
    assert errors[3] is None and summary.reports[3].listed == 0
    assert [s["last_error"] is not None for s in source_statuses(store)] == [True, True, True, False]  # by URL


def test_watch_every_runs_again_until_interrupted(site, tmp_path):
    feed = site.add("/rss.xml", rss("Quiet Feed", []), etag='"quiet"')
    sources = tmp_path / "sources.toml"
    sources.write_text(f'allow_private_addresses = true\ncontact = "tests@example.org"\n[[source]]\nurl = "{feed}"\n',
                       encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-m", "strikewatch.cli", "watch", str(sources), "--db",
                            str(tmp_path / "every.db"), "--every", "1s"], cwd=REPO, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while site.hits("/rss.xml") < 3:
        assert run.poll() is None and time.monotonic() < deadline
        time.sleep(0.1)
    run.send_signal(signal.SIGINT)
    out, err = run.communicate(timeout=30)
    assert run.returncode == 130 and "interrupted" in err, err
    assert "Quiet Feed: 0 listed" in out and "Quiet Feed: unchanged" in out, err
    assert CliRunner().invoke(main, ["watch", str(sources), "--once", "--every", "1s"]).exit_code == 2


def test_a_page_queued_by_another_run_meanwhile_is_left_as_it_is(store):
    from strikewatch.sources.state import _insert_new

    row = {"url": "http://news.test/a", "source_url": "http://news.test/feed", "status": "queued", "attempts": 0}
    for status in ("queued", "stored"):  # as if a concurrent run had queued and stored it first
        with store._writing() as conn:
            conn.execute(_insert_new(conn), [{**row, "status": status}])
    assert page_rows(store)["http://news.test/a"]["status"] == "queued"


@pytest.fixture
def tls_site(tmp_path):
    """An HTTPS server (hypercorn) offering HTTP/2, with a certificate from a test authority."""
    import asyncio
    import socket
    import threading

    import trustme
    from hypercorn.asyncio import serve
    from hypercorn.config import Config

    authority = trustme.CA()
    cert = authority.issue_cert("127.0.0.1")
    cert.cert_chain_pems[0].write_to_path(str(tmp_path / "cert.pem"))
    cert.private_key_pem.write_to_path(str(tmp_path / "key.pem"))
    authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = Config()
    config.bind = [f"127.0.0.1:{port}"]
    config.certfile, config.keyfile = str(tmp_path / "cert.pem"), str(tmp_path / "key.pem")
    config.alpn_protocols = ["h2", "http/1.1"]
    config.loglevel = "ERROR"
    config.graceful_timeout = 0.5
    body = page(1).encode()

    async def app(scope, receive, send):  # noqa: ANN001, ANN202 - a minimal ASGI app
        if scope["type"] != "http":
            return
        found = scope["path"] == "/article"
        await send({"type": "http.response.start", "status": 200 if found else 404,
                    "headers": [(b"content-type", b"text/html; charset=utf-8")]})
        await send({"type": "http.response.body", "body": body if found else b""})

    loop = asyncio.new_event_loop()
    stop = asyncio.Event()

    def run() -> None:
        loop.run_until_complete(serve(app, config, shutdown_trigger=stop.wait))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "the HTTPS test server did not start"
            time.sleep(0.05)
    yield f"https://127.0.0.1:{port}", str(tmp_path / "ca.pem")
    loop.call_soon_threadsafe(stop.set)
    thread.join(timeout=10)


def test_http2_where_the_server_offers_it(tls_site):
    base, ca = tls_site
    fetcher = Fetcher(Settings(allow_private_addresses=True, per_host_delay=0, ca_bundle=ca))
    got = fetcher.get(base + "/article")
    fetcher.close()
    assert got.http_version == "HTTP/2" and b"Eastport" in got.body
    untrusting = Fetcher(Settings(allow_private_addresses=True, per_host_delay=0))
    with pytest.raises(FetchError, match="certificate"):  # an unknown authority is refused
        untrusting.get(base + "/article")
    untrusting.close()
