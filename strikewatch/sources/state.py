"""What the store keeps of sources and pages: each source's validators and last run, and each page
listed, from queued to fetched (raw, compressed) to stored as an article, or failed with its reason.

Every change is its own small transaction, so a run killed at any point leaves each page in one
state, and the next run carries on from there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, insert, or_, select

from strikewatch.sources.config import Settings, Source
from strikewatch.sources.discover import Entry, iso_time
from strikewatch.sources.fetch import Fetched, FetchError
from strikewatch.store.sql import SqlStore, pages, source_state

QUEUED, FETCHED, STORED, DUPLICATE, REJECTED, FAILED = "queued", "fetched", "stored", "duplicate", "rejected", "failed"


@dataclass
class Page:
    """A fetched page waiting to become an article (or re-extracted by `reprocess`)."""

    url: str
    source_url: str
    final_url: str
    body: bytes
    content_type: str
    http_last_modified: str | None
    entry_title: str | None
    entry_published: dt.date | None
    outlet: str | None
    doc_id: str | None


class PageState:
    def __init__(self, store: SqlStore) -> None:
        self.store = store

    # Sources

    def validators(self, source_url: str) -> tuple[str | None, str | None]:
        with self.store._reading() as conn:
            row = conn.execute(select(source_state.c.etag, source_state.c.last_modified)
                               .where(source_state.c.url == source_url)).first()
        return (row.etag, row.last_modified) if row else (None, None)

    def known_name(self, source_url: str) -> str | None:
        with self.store._reading() as conn:
            return conn.execute(select(source_state.c.name).where(source_state.c.url == source_url)).scalar()

    def listing_queued(self, source: Source, name: str | None, fetched: Fetched) -> None:
        """The listing's pages are queued: keep its validators, so an unchanged listing is not read again
        (set at once, so that a run killed while fetching the pages does not read it again either)."""
        self._upsert(source, {"name": name, "etag": fetched.headers.get("etag"),
                              "last_modified": fetched.headers.get("last-modified")})

    def source_done(self, source: Source, name: str | None, at: float, error: str | None, line: str) -> None:
        """Record a source's run: its name (given, or the feed's title), and its success or error."""
        values: dict = {"name": name, "kind": source.kind, "last_run": iso_time(at), "last_line": line}
        values.update({"last_success": iso_time(at), "last_error": None} if error is None else {"last_error": error})
        self._upsert(source, values)

    def _upsert(self, source: Source, values: dict) -> None:
        with self.store._writing() as conn:
            if conn.execute(select(source_state.c.url).where(source_state.c.url == source.url)).first():
                conn.execute(source_state.update().where(source_state.c.url == source.url).values(values))
            else:
                conn.execute(insert(source_state).values({"url": source.url, "kind": source.kind, **values}))

    # Pages

    def queue(self, source_url: str, entries: Iterable[Entry], outlet: str | None, language: str | None) -> int:
        """Add the listed pages not seen before (by URL, final URL or canonical URL); returns how many."""
        by_url = {e.url: e for e in entries}
        if not by_url:
            return 0
        with self.store._writing() as conn:
            known = _known(conn, list(by_url))
            rows = [{"url": url, "source_url": source_url, "status": QUEUED, "attempts": 0,
                     "entry_title": e.title, "entry_published": e.published, "outlet": outlet, "language": language}
                    for url, e in by_url.items() if url not in known]
            if rows:
                conn.execute(_insert_new(conn), rows)
        return len(rows)

    def requeue(self, urls: Iterable[str]) -> None:
        """Pages asked for by name (`strikewatch fetch`): failed ones are tried again now."""
        with self.store._writing() as conn:
            conn.execute(pages.update().where(pages.c.url.in_(list(urls)), pages.c.status == FAILED)
                         .values(status=QUEUED, next_attempt=None))

    def due(self, source_url: str | None, now: float, urls: Iterable[str] | None = None) -> list[str]:
        """Pages to fetch now: queued ones, and failed ones whose retry time has come."""
        query = select(pages.c.url).where(or_(
            pages.c.status == QUEUED,
            (pages.c.status == FAILED) & (pages.c.next_attempt.is_not(None)) & (pages.c.next_attempt <= iso_time(now))))
        query = _scope(query, source_url, urls)
        with self.store._reading() as conn:
            return [url for (url,) in conn.execute(query.order_by(pages.c.url))]

    def fetched(self, source_url: str | None, urls: Iterable[str] | None = None) -> list[str]:
        """Pages fetched but not yet made into articles (a killed run leaves some)."""
        with self.store._reading() as conn:
            query = _scope(select(pages.c.url).where(pages.c.status == FETCHED), source_url, urls)
            return [url for (url,) in conn.execute(query.order_by(pages.c.url))]

    def save_fetched(self, url: str, fetched: Fetched) -> None:
        values = {"status": FETCHED, "final_url": fetched.final_url, "http_status": fetched.status, "error": None,
                  "next_attempt": None, "fetched_at": iso_time(fetched.fetched_at),
                  "http_date": fetched.headers.get("date"), "http_last_modified": fetched.headers.get("last-modified"),
                  "etag": fetched.headers.get("etag"), "content_type": fetched.headers.get("content-type"),
                  "body": zlib.compress(fetched.body, 6), "body_sha": hashlib.sha256(fetched.body).hexdigest()}
        with self.store._writing() as conn:
            conn.execute(pages.update().where(pages.c.url == url)
                         .values(attempts=pages.c.attempts + 1, **values))

    def save_failure(self, url: str, error: FetchError, now: float, settings: Settings) -> None:
        """A failed fetch: its reason, and when to try again (doubling each time; never, when permanent
        or after `max_attempts`)."""
        with self.store._writing() as conn:
            attempts = (conn.execute(select(pages.c.attempts).where(pages.c.url == url)).scalar_one() or 0) + 1
            retry = None
            if not error.permanent and attempts < settings.max_attempts:
                retry = iso_time(now + settings.retry_after * 2 ** (attempts - 1))
            conn.execute(pages.update().where(pages.c.url == url).values(
                status=FAILED, error=error.reason, http_status=error.status, attempts=attempts, next_attempt=retry))

    def load(self, urls: Iterable[str]) -> list[Page]:
        wanted = list(urls)
        with self.store._reading() as conn:
            rows = {r.url: r for r in conn.execute(select(pages).where(pages.c.url.in_(wanted)))}
        return [Page(url=r.url, source_url=r.source_url, final_url=r.final_url or r.url,
                     body=zlib.decompress(r.body), content_type=r.content_type or "",
                     http_last_modified=r.http_last_modified, entry_title=r.entry_title,
                     entry_published=r.entry_published, outlet=r.outlet, doc_id=r.doc_id)
                for url in wanted if (r := rows.get(url)) is not None and r.body is not None]

    def canonical_owner(self, url: str, canonical: str) -> str | None:
        """Another page already stored as this canonical URL (or at it), if any."""
        with self.store._reading() as conn:
            row = conn.execute(select(pages.c.url).where(
                pages.c.status == STORED, pages.c.url != url,
                or_(pages.c.canonical_url == canonical, pages.c.final_url == canonical,
                    pages.c.url == canonical))).first()
        return row[0] if row else None

    def save_result(self, url: str, status: str, canonical: str | None = None, doc_id: str | None = None,
                    published: dt.date | None = None, published_from: str | None = None,
                    error: str | None = None) -> None:
        with self.store._writing() as conn:
            conn.execute(pages.update().where(pages.c.url == url).values(
                status=status, canonical_url=canonical, doc_id=doc_id, published=published,
                published_from=published_from, error=error))

    def with_bodies(self) -> list[str]:
        """Every page with its raw body kept, for `reprocess`."""
        with self.store._reading() as conn:
            return [url for (url,) in conn.execute(
                select(pages.c.url).where(pages.c.body.is_not(None)).order_by(pages.c.url))]

    def statuses(self) -> list[dict]:
        """Each source's last run and its pages by status (the `strikewatch sources` listing)."""
        with self.store._reading() as conn:
            counts: dict[str, dict[str, int]] = {}
            by_status = select(pages.c.source_url, pages.c.status, func.count()).group_by(
                pages.c.source_url, pages.c.status)
            for source_url, status, n in conn.execute(by_status):
                counts.setdefault(source_url, {})[status] = n
            rows = list(conn.execute(select(source_state).order_by(source_state.c.url)))
        return [{"url": r.url, "name": r.name, "kind": r.kind, "last_run": r.last_run, "last_success": r.last_success,
                 "last_error": r.last_error, "last_line": r.last_line, "pages": counts.get(r.url, {}),
                 "articles": counts.get(r.url, {}).get(STORED, 0)} for r in rows]


def _insert_new(conn):  # noqa: ANN001, ANN202
    """An insert of pages that leaves out a URL another run queued meanwhile, instead of failing."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(pages).on_conflict_do_nothing(index_elements=["url"])
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(pages).on_conflict_do_nothing(index_elements=["url"])


def _known(conn, urls: list[str]) -> set[str]:  # noqa: ANN001
    found: set[str] = set()
    for start in range(0, len(urls), 300):
        chunk = urls[start:start + 300]
        for row in conn.execute(select(pages.c.url, pages.c.final_url, pages.c.canonical_url).where(
                or_(pages.c.url.in_(chunk), pages.c.final_url.in_(chunk), pages.c.canonical_url.in_(chunk)))):
            found.update(u for u in row if u)
    return found


def _scope(query, source_url: str | None, urls: Iterable[str] | None):  # noqa: ANN001, ANN202
    if source_url is not None:
        query = query.where(pages.c.source_url == source_url)
    if urls is not None:
        query = query.where(pages.c.url.in_(list(urls)))
    return query
