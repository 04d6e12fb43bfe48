"""Following sources: list each source, fetch the pages it names that are new or due again, and
put them through the same ingest as files (cleaning, metadata, extraction, duplicates), then
resolve events once at the end.

One source at a time: its listing is fetched (conditionally: an unchanged feed costs one small
request), its new pages queued, the pages due fetched concurrently (within the per-host limits)
and stored raw, then made into articles. Pages a killed run left queued or fetched are picked up
by the next run, even when the listing has not changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from strikewatch.batch import batches, process_batch, store_outcomes
from strikewatch.ingest.readers import decode_bytes, from_html, from_text
from strikewatch.limits import DEFAULT_LIMITS, Limits
from strikewatch.model import RawDocument, Rejection
from strikewatch.pipeline import redate_undated, resolve_store
from strikewatch.sources.config import Settings, Source, SourcesConfig
from strikewatch.sources.discover import Entry, Listing, http_date, normalize_url, parse_listing
from strikewatch.sources.fetch import Fetched, Fetcher, FetchError
from strikewatch.sources.state import DUPLICATE, REJECTED, STORED, Page, PageState
from strikewatch.store.sql import SqlStore

MAX_SITEMAPS = 50  # sitemaps followed from one sitemap index
INGEST_BATCH = 16
MAX_URL = 2048  # the longest address the pages table keeps


@dataclass
class SourceReport:
    """What one source gave in one run."""

    label: str
    listed: int = 0
    queued: int = 0  # listed pages not seen before
    added: int = 0
    duplicates: int = 0  # fetched, but the same article as one stored (same text or canonical URL)
    rejected: int = 0  # fetched, but no article in it
    failed: int = 0
    mentions: int = 0
    unchanged: bool = False
    error: str | None = None
    problems: list[str] = field(default_factory=list)  # "URL: reason", one per failed or rejected page

    def line(self) -> str:
        if self.error:
            head = f"failed: {self.error}"
        elif self.unchanged:
            head = "unchanged"
        else:
            head = f"{self.listed} listed, {self.listed - self.queued} already seen"
        return (f"{self.label}: {head}; {self.added} new articles, {self.duplicates} duplicates, "
                f"{self.rejected} without an article, {self.failed} failed")


@dataclass
class RunSummary:
    reports: list[SourceReport] = field(default_factory=list)
    events: int = 0
    added_ids: list[str] = field(default_factory=list)

    def line(self) -> str:
        total = lambda name: sum(getattr(r, name) for r in self.reports)  # noqa: E731
        errors = sum(1 for r in self.reports if r.error)
        return (f"{len(self.reports)} sources ({errors} failed): {total('added')} new articles, "
                f"{total('duplicates')} duplicates, {total('rejected')} without an article, {total('failed')} pages "
                f"failed; {total('mentions')} mentions, {self.events} events in the store")


Report = Callable[[str], None]


class Watcher:
    """One run over sources (or single URLs) into one store."""

    def __init__(self, store: SqlStore, settings: Settings, limits: Limits = DEFAULT_LIMITS,
                 on_line: Report | None = None) -> None:
        self.store, self.settings, self.state = store, settings, PageState(store)
        self.limits = replace(limits, max_bytes=round(settings.max_page_mb * 1_000_000) or None)
        self.say = on_line or (lambda line: None)
        self.fetcher = Fetcher(settings)

    def close(self) -> None:
        self.fetcher.close()

    def run(self, sources: Iterable[Source]) -> RunSummary:
        summary = RunSummary()
        for source in sources:
            report = self.follow(source, summary)
            summary.reports.append(report)
            self.say(report.line())
        self.resolve(summary)
        return summary

    def follow(self, source: Source, summary: RunSummary) -> SourceReport:
        report = SourceReport(source.name or self.state.known_name(source.url) or source.url)
        started = time.time()
        try:
            fetched, listing = self._listing(source)
            if listing is None:
                report.unchanged = True
            else:
                report.label = source.name or listing.outlet or report.label
                entries = self._usable(listing.entries, report)
                urls = [e.url for e in entries]
                report.listed = len(set(urls))
                report.queued = self.state.queue(source.url, entries, source.name or listing.outlet,
                                                 source.language or listing.language)
                self.state.listing_queued(source, source.name or listing.outlet, fetched)
        except FetchError as exc:
            report.error = exc.reason
        # Pages due are fetched even when the listing failed or is unchanged: a killed run's, retries.
        self.pages(source.url, report, summary, time.time())
        name = report.label if report.label != source.url else None
        self.state.source_done(source, name, started, report.error, report.line())
        return report

    def _usable(self, entries: list[Entry], report: SourceReport) -> list[Entry]:
        """The entries normalised; an address longer than the store keeps is reported and left out."""
        usable = []
        for entry in entries:
            url = normalize_url(entry.url)
            if len(url) > MAX_URL:
                self._count(report, "failed", url[:100] + "...", f"an address over {MAX_URL} characters: left out")
                continue
            usable.append(replace(entry, url=url))
        return usable

    def _listing(self, source: Source) -> tuple[Fetched, Listing | None]:
        etag, last_modified = self.state.validators(source.url)
        fetched = self.fetcher.get(source.url, self.settings.max_listing_mb, etag, last_modified)
        if fetched.not_modified:
            return fetched, None
        listing = _parsed(source.kind, fetched)
        for url in (listing.sitemaps or [])[:MAX_SITEMAPS]:  # a sitemap index: its sitemaps, one level down
            listing.entries.extend(_parsed("sitemap", self.fetcher.get(url, self.settings.max_listing_mb)).entries)
        return fetched, listing

    def fetch_urls(self, urls: Iterable[str]) -> RunSummary:
        """Fetch single pages (`strikewatch fetch`) into the store; each gets its own line."""
        summary = RunSummary()
        report = SourceReport("fetch")
        wanted = list(dict.fromkeys(normalize_url(u) for u in urls))
        report.listed = len(wanted)
        report.queued = self.state.queue("", [Entry(url=u) for u in wanted], None, None)
        self.state.requeue(wanted)
        self.pages("", report, summary, time.time(), wanted)
        summary.reports.append(report)
        self.resolve(summary)
        return summary

    def pages(self, source_url: str, report: SourceReport, summary: RunSummary, now: float,
              urls: list[str] | None = None) -> None:
        """Fetch the source's due pages, then make every fetched one into an article."""
        self.fetch_due(source_url, report, now, urls)
        self.ingest_fetched(source_url, report, summary, urls)

    def fetch_due(self, source_url: str, report: SourceReport, now: float, urls: list[str] | None = None) -> None:
        """Fetch the pages due (concurrently, within the per-host limits) and store each raw as it comes."""
        due = self.state.due(source_url, now, urls)
        pool = ThreadPoolExecutor(max_workers=self.settings.concurrency)
        try:
            futures = {pool.submit(self.fetcher.get, url): url for url in due}
            for future in as_completed(futures):
                url = futures.pop(future)  # dropped once saved: bodies do not pile up in memory
                try:
                    fetched = future.result()
                except Exception as exc:  # any failure of one page is that page's, recorded with its reason
                    failure = exc if isinstance(exc, FetchError) else FetchError(f"{type(exc).__name__}: {exc}")
                    self._failed(url, failure, report)
                    continue
                if len(fetched.final_url) > MAX_URL:
                    self._failed(url, FetchError(f"redirected to an address over {MAX_URL} characters",
                                                 permanent=True), report)
                    continue
                self.state.save_fetched(url, fetched)
        finally:  # interrupted: the pages not started stay queued for the next run
            pool.shutdown(wait=True, cancel_futures=True)

    def _failed(self, url: str, failure: FetchError, report: SourceReport) -> None:
        self.state.save_failure(url, failure, time.time(), self.settings)
        report.failed += 1
        report.problems.append(f"{url}: {failure.reason}")
        self.say(f"  {url}: failed: {failure.reason}")

    def ingest_fetched(self, source_url: str, report: SourceReport, summary: RunSummary,
                       urls: list[str] | None = None) -> None:
        for batch in batches(self.state.fetched(source_url, urls), INGEST_BATCH):
            self.ingest(self.state.load(batch), report, summary)

    def ingest(self, batch: list[Page], report: SourceReport | None, summary: RunSummary) -> None:
        """Make fetched pages into articles, through the ingest pipeline, and record each page's outcome."""
        todo: list[tuple[Page, RawDocument]] = []
        for page in batch:
            raw = page_document(page)
            if isinstance(raw, Rejection):
                self._count(report, "rejected", page.url, raw.message)
                self.state.save_result(page.url, REJECTED, error=raw.message)
            elif owner := self.state.canonical_owner(page.url, raw.url or page.final_url):
                self._count(report, "duplicates")
                self.state.save_result(page.url, DUPLICATE, canonical=raw.url, error=f"same canonical URL as {owner}")
            else:
                todo.append((page, raw))
        outcomes = store_outcomes(process_batch([raw for _, raw in todo], self.store, self.limits), self.store)
        for (page, raw), outcome in zip(todo, outcomes, strict=True):
            doc = outcome.doc
            if outcome.error is not None:
                self._count(report, "rejected", page.url, outcome.error)
                self.state.save_result(page.url, REJECTED, canonical=raw.url, error=outcome.error)
            elif outcome.status == "added":
                assert doc is not None and outcome.doc_id is not None
                summary.added_ids.append(outcome.doc_id)
                self._count(report, "added")
                if report:
                    report.mentions += outcome.n_mentions
                self.state.save_result(page.url, STORED, raw.url, outcome.doc_id, doc.published, doc.published_from)
            else:
                self._count(report, "duplicates")
                self.state.save_result(page.url, DUPLICATE, canonical=raw.url, error="same text as a stored article")

    def _count(self, report: SourceReport | None, what: str, url: str | None = None, reason: str | None = None) -> None:
        if report is not None:
            setattr(report, what, getattr(report, what) + 1)
            if reason:
                report.problems.append(f"{url}: {reason}")
        if reason:
            self.say(f"  {url}: {what}: {reason}")

    def resolve(self, summary: RunSummary) -> None:
        """As `ingest_paths` ends: undated articles may borrow a report date, then the pending ones resolve."""
        if not summary.added_ids and not self.store.pending_documents():
            summary.events = self.store.counts()["events"]
            return
        redated, stale = redate_undated(self.store, summary.added_ids)
        summary.events = resolve_store(self.store, [*summary.added_ids, *redated], stale)


def _parsed(kind: str, fetched: Fetched) -> Listing:
    """The listing, or FetchError: a listing no parser can read fails its source, not the run."""
    try:
        return parse_listing(kind, fetched)
    except FetchError:
        raise
    except Exception as exc:
        raise FetchError(f"cannot read the listing: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}") from exc


def page_document(page: Page) -> RawDocument | Rejection:
    """The article of a fetched page, read as the HTML ingest reads files, with the fetch's metadata:
    the canonical URL, the outlet, and the publication date from the page's metadata, else the feed
    entry's date, else the HTTP Last-Modified date (`published_from` says which)."""
    kind = page.content_type.split(";")[0].strip().lower()
    if kind and kind not in ("text/html", "application/xhtml+xml", "text/plain"):
        return Rejection(page.final_url, f"not an HTML page ({kind})")
    try:
        text = _decoded(page.body, page.content_type)
        raw = from_text(text, page.final_url) if kind == "text/plain" else from_html(
            text, page.final_url, outlet=page.outlet)
    except Exception as exc:  # as the file readers: a page that cannot be read is rejected, never a crash
        return Rejection(page.final_url, f"cannot read: {' '.join(str(exc).split())[:300]}")
    canonical = raw.url if raw.url and raw.url.startswith(("http://", "https://")) else page.final_url
    if urlsplit(canonical).path in ("", "/") or len(canonical) > MAX_URL:  # e.g. the home page everywhere
        canonical = page.final_url
    raw = replace(raw, url=normalize_url(canonical), title=raw.title or page.entry_title,
                  published_from="page" if raw.published else None)
    if raw.published is None and page.entry_published:
        raw = replace(raw, published=page.entry_published, published_from="feed")
    if raw.published is None and (modified := http_date(page.http_last_modified)):
        raw = replace(raw, published=modified, published_from="last-modified")
    return raw


def _decoded(body: bytes, content_type: str) -> str:
    charset = content_type.partition("charset=")[2].split(";")[0].strip().strip('"')
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(body)


def watch(config: SourcesConfig, store: SqlStore, limits: Limits = DEFAULT_LIMITS,
          on_line: Report | None = None) -> RunSummary:
    """One run over every source of the configuration."""
    watcher = Watcher(store, config.settings, limits, on_line)
    try:
        return watcher.run(config.sources)
    finally:
        watcher.close()


def fetch_pages(urls: Iterable[str], store: SqlStore, settings: Settings, limits: Limits = DEFAULT_LIMITS,
                on_line: Report | None = None) -> RunSummary:
    watcher = Watcher(store, settings, limits, on_line)
    try:
        return watcher.fetch_urls(urls)
    finally:
        watcher.close()


def reprocess(store: SqlStore, limits: Limits = DEFAULT_LIMITS, on_line: Report | None = None) -> RunSummary:
    """Make every stored raw page into an article again, with no request: each page's old article
    (and mentions) is replaced by the new extraction, then all events are resolved again."""
    state = PageState(store)
    summary = RunSummary()
    report = SourceReport("reprocess")
    watcher = Watcher(store, Settings(), limits, on_line)
    try:
        for urls in batches(state.with_bodies(), INGEST_BATCH):
            batch = state.load(urls)
            report.listed += len(batch)
            with store.exclusive():
                store.delete_documents(p.doc_id for p in batch if p.doc_id)
                for page in batch:
                    state.save_result(page.url, "fetched")
            watcher.ingest(batch, report, summary)
    finally:
        watcher.close()
    summary.reports.append(report)
    redate_undated(store, summary.added_ids)
    summary.events = resolve_store(store)
    return summary
