"""SqlStore: the store on SQLite and PostgreSQL through SQLAlchemy Core, a thin front over the
package's modules (schema, migrations, documents, events, search, reviews), each method one
transaction.

Every article is written in one transaction with all its mentions, and stays `resolved = false`
until a resolve writes its events and marks it, in one transaction holding the store's write
lock: a killed run leaves pending articles, never half an article, and the next resolve picks
them up.

Concurrency: on SQLite every write transaction starts with BEGIN IMMEDIATE (writers queue on the
busy timeout instead of failing on a read-to-write upgrade, and DDL stays inside the transaction,
which pysqlite would otherwise commit statement by statement); on PostgreSQL, migrations and
resolution take a transaction-scoped advisory lock.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from sqlalchemy import create_engine, delete, event, func, insert, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from strikewatch.model import Document, Event, Mention
from strikewatch.review import ReviewError
from strikewatch.store import documents as docs
from strikewatch.store import event_counts, map_cells, migrations
from strikewatch.store import events as event_queries
from strikewatch.store import reviews as review_store
from strikewatch.store.bounds import chunks
from strikewatch.store.documents import MERGED_METADATA
from strikewatch.store.events import (
    SORTS,
    EventQuery,
    conditions,
    event_columns,
    only_counted,
    only_status,
    page_cursor,
    page_rows,
    record_of,
    remember_place_names,
    with_places,
)
from strikewatch.store.migrations import MIGRATIONS, SCHEMA_VERSION
from strikewatch.store.migrations import _migration_6 as _migration_6
from strikewatch.store.schema import (
    documents,
    event_mentions,
    events,
    mentions,
    meta_table,
    metadata,
    pages,
    reviews,
    source_state,
    tokens,
)
from strikewatch.store.search import (
    FTS_TABLE,
    PG_SEARCH_VECTOR,
    count_with_status,
    forget_events,
    index_events,
    register_functions,
)

__all__ = ["SqlStore", "EventQuery", "SORTS", "page_cursor", "MIGRATIONS", "SCHEMA_VERSION", "MERGED_METADATA",
           "FTS_TABLE", "PG_SEARCH_VECTOR", "metadata", "meta_table", "documents", "mentions", "events",
           "event_mentions", "reviews", "tokens", "source_state", "pages"]

_LOCK_KEY = 0x5374726B  # PostgreSQL advisory lock of the store's migrations and resolution
_LOCK_RETRIES = 5  # write attempts when SQLite stays locked past its busy timeout

BBox = tuple[float, float, float, float]


class SqlStore:
    def __init__(self, url: str) -> None:
        self.url = url
        # A server that does not answer is an error after 10 s, not a hang.
        connect_args = {"connect_timeout": 10} if url.startswith("postgresql") else {}
        self.engine: Engine = create_engine(url, future=True, connect_args=connect_args)
        self._held = threading.local()  # the connection of an `exclusive()` block, per thread
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._migrate_when_free()

    def _migrate_when_free(self) -> None:
        """`migrate`, tried again while another process opening the same new SQLite file holds its lock: SQLite
        may refuse at once, busy timeout or not, when two first openings race to create the schema."""
        for attempt in range(_LOCK_RETRIES):
            try:
                self.migrate()
                return
            except OperationalError as exc:
                if attempt == _LOCK_RETRIES - 1 or not _retryable(exc):
                    raise
                time.sleep(0.5 * (attempt + 1))

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        held = getattr(self._held, "conn", None) or getattr(self._held, "reader", None)
        if held is not None:
            yield held
            return
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One connection for this thread's reads until the block ends: what a request reads (the
        store's generation for its ETag, then its body) takes one connection from the pool, not one
        per read (on PostgreSQL each also costs a round trip to reset it)."""
        if getattr(self._held, "conn", None) is not None or getattr(self._held, "reader", None) is not None:
            yield
            return
        with self.engine.connect() as conn:
            self._held.reader = conn
            try:
                yield
            finally:
                self._held.reader = None

    @contextmanager
    def _writing(self, lock: bool = False) -> Iterator[Connection]:
        """A write transaction (the `exclusive()` one when inside it); `lock` also serialises it
        with every other locked transaction on PostgreSQL (SQLite writers are serialised anyway)."""
        held = getattr(self._held, "conn", None)
        if held is not None:
            yield held
            return
        with self.engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            elif lock:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            yield conn
            migrations.bump_generation(conn)  # last: the row is locked only while the transaction commits

    @contextmanager
    def exclusive(self) -> Iterator[SqlStore]:
        """One transaction holding the store's write lock; this thread's store calls inside the block
        read and write through it, so what they read cannot change before what they write commits."""
        with self._writing(lock=True) as conn:
            self._held.conn = conn
            try:
                yield self
            finally:
                self._held.conn = None

    def migrate(self) -> int:
        """Apply the migrations the database lacks, in one transaction; returns the schema version. A
        store already at this version is only read: opening it never waits on another process's write
        (an ingest's long one would time the opening out), nor counts as a write."""
        with self._reading() as conn:
            version = migrations.stored_version(conn)
        if version is not None and version >= len(MIGRATIONS):
            return version
        with self._writing(lock=True) as conn:
            return migrations.apply_migrations(conn, MIGRATIONS)

    def schema_version(self) -> int:
        with self._reading() as conn:
            return migrations.schema_version(conn)

    def generation(self) -> int:
        """A number that changes with every committed write (what a response cache keys on)."""
        with self._reading() as conn:
            return migrations.generation(conn)

    # --- articles and mentions

    def has_document(self, doc_key: str) -> bool:
        return bool(self.stored_keys([doc_key]))

    def stored_keys(self, doc_keys: Iterable[str]) -> set[str]:
        """Which of these article keys (text hashes) are stored."""
        with self._reading() as conn:
            return docs.stored_keys(conn, doc_keys)

    def keys_by_id(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The key of the stored article with each of these ids (the ones in use)."""
        with self._reading() as conn:
            return docs.keys_by_id(conn, doc_ids)

    def add_document(self, doc: Document, doc_mentions: list[Mention]) -> bool:
        """Write an article and its mentions in one transaction; False if it was already stored."""
        return self.add_documents([(doc, doc_mentions)])[0]

    def add_documents(self, items: Sequence[tuple[Document, list[Mention]]]) -> list[bool]:
        """Write articles and their mentions in one transaction: all of them or none.

        Returns, per article, False when it was already stored (or came earlier in `items`). When a
        concurrent writer stores one of the same articles first, the transaction is retried.
        """
        for attempt in range(_LOCK_RETRIES):
            try:
                with self._writing() as conn:
                    return docs.insert_documents(conn, items)
            except (IntegrityError, OperationalError) as exc:
                if attempt == _LOCK_RETRIES - 1 or not _retryable(exc):
                    raise
                time.sleep(0.5 * (attempt + 1))
        raise AssertionError("unreachable")

    def stored_metadata(self, doc_keys: Iterable[str]) -> dict[str, dict]:
        """The metadata (url, outlet, title, published) of these article keys, for those stored."""
        with self._reading() as conn:
            return docs.stored_metadata(conn, doc_keys)

    def merge_metadata(self, doc: Document, doc_mentions: list[Mention]) -> tuple[str, list[str]]:
        """Fill in what the stored copy of this article (same text) lacks from this copy: its URL,
        outlet, title, publication date. Returns (the stored article's id, the fields filled in).

        A publication date changes what relative dates ("on Sunday") mean, so then the article's
        mentions are replaced by these (extracted with the date) and it is resolved again.
        """
        with self._writing() as conn:
            return docs.merge_metadata(conn, doc, doc_mentions)

    def blocks_of_documents(self, doc_ids: Iterable[str]) -> set[str]:
        """The blocks of the stored events that hold sentences of these articles."""
        with self._reading() as conn:
            return docs.blocks_of_documents(conn, doc_ids)

    def blocks_of_days(self, days: Iterable[dt.date], placed: bool) -> set[str]:
        """The blocks of the stored events of these days, placed ones or those no place was found for."""
        with self._reading() as conn:
            return docs.blocks_of_days(conn, days, placed)

    def iter_mentions(self) -> Iterator[Mention]:
        with self._reading() as conn:
            yield from docs.iter_mentions(conn)

    def mentions_of_documents(self, doc_ids: Iterable[str]) -> list[Mention]:
        """Every mention of the given articles (by doc_id)."""
        with self._reading() as conn:
            return docs.mentions_of_documents(conn, doc_ids)

    def mentions_by_id(self, mention_ids: Iterable[str]) -> dict[str, dict]:
        """Stored mentions (every field with its evidence) by mention id."""
        with self._reading() as conn:
            return docs.mentions_by_id(conn, mention_ids)

    def event_mentions(self, blocks: Iterable[str] | None = None) -> dict[str, set[str]]:
        """The stored events (of the given blocks, or all), each with its mention ids."""
        with self._reading() as conn:
            return docs.event_mentions_of(conn, blocks)

    def documents_meta(self, doc_ids: Iterable[str] | None = None) -> dict[str, dict]:
        """Source metadata (url, outlet, title, published, file) by doc_id: of the given articles, or of all."""
        with self._reading() as conn:
            return docs.documents_meta(conn, doc_ids)

    def load_document(self, doc_id: str) -> Document | None:
        with self._reading() as conn:
            return docs.load_document(conn, doc_id)

    def undated_documents(self) -> list[str]:
        """The ids of stored articles with no known publication day (candidates for a borrowed one)."""
        with self._reading() as conn:
            return docs.undated_documents(conn)

    def dated_documents(self, doc_ids: Iterable[str]) -> dict[str, dt.date]:
        """The publication day of each of the given articles that has one."""
        with self._reading() as conn:
            return docs.dated_documents(conn, doc_ids)

    def redate_document(self, doc_id: str, published: dt.date | None, published_from: str,
                        doc_mentions: list[Mention]) -> None:
        """Give an article a report date it did not have (or, with None, only the year of another
        report: `published_from` says which) and replace its mentions (extracted again against it),
        in one transaction; the article is pending until resolved again."""
        with self._writing() as conn:
            docs.redate_document(conn, doc_id, published, published_from, doc_mentions)

    def delete_documents(self, doc_ids: Iterable[str]) -> int:
        """Delete these articles and their mentions (their events stay until the next resolve)."""
        with self._writing() as conn:
            return docs.delete_documents(conn, doc_ids)

    def pending_documents(self) -> list[str]:
        """The ids of stored articles whose events are not resolved yet."""
        with self._reading() as conn:
            return docs.pending_documents(conn)

    def mark_resolved(self, doc_ids: Iterable[str] | None) -> None:
        """Mark these articles (or, with None, all) as resolved."""
        with self._writing() as conn:
            docs.mark_resolved(conn, doc_ids)

    def counts(self) -> dict[str, int]:
        with self._reading() as conn:
            return docs.counts(conn)

    # --- events

    def replace_events(self, records: Iterable[tuple[Event, dict]], blocks: Iterable[str] | None = None) -> None:
        """Store resolved events (each with its export record) in one transaction.

        With `blocks`, only the events of those blocks are replaced (an incremental resolve);
        without, every stored event is. Reviews of the written events are replayed on them.
        """
        rows: list[dict[str, Any]] = []
        links: list[dict[str, str]] = []
        for e, record in records:
            rows.append({"event_id": e.id, "block": e.block, "origin": "machine", "machine": None,
                         **event_columns(record)})
            links.extend({"event_id": e.id, "mention_id": m.mention_id} for m in e.mentions)
        with self._writing() as conn:
            touched = map_cells.cells_of_rows(rows)
            removed: Counter[Any] = Counter()
            if blocks is None:
                conn.execute(delete(event_mentions))
                forget_events(conn, None)
                conn.execute(delete(events))
            else:
                touched |= map_cells.cells_of_blocks(conn, blocks)
                removed = event_counts.groups_of_blocks(conn, blocks)
                for chunk in chunks(sorted(set(blocks))):
                    stale = select(events.c.event_id).where(events.c.block.in_(chunk))
                    conn.execute(delete(event_mentions).where(event_mentions.c.event_id.in_(stale)))
                    forget_events(conn, [event_id for (event_id,) in conn.execute(stale)])
                    conn.execute(delete(events).where(events.c.block.in_(chunk)))
            if rows:
                conn.execute(insert(events), rows)
                index_events(conn, rows)
                remember_place_names(conn, rows)
            if blocks is not None:
                event_counts.change(conn, removed, event_counts.groups_of_rows(rows))
            if links:
                conn.execute(insert(event_mentions), links)
            review_store.refresh_reviewed(conn, {row["event_id"] for row in rows})
            if blocks is None:
                map_cells.rebuild(conn)
                event_counts.rebuild(conn)
            else:
                map_cells.recount(conn, touched)

    def load_events(self) -> list[dict]:
        """Every event as exported: reviewed, without those marked wrong or merged into another."""
        return list(self.iter_events(EventQuery()))

    def query_events(self, query: EventQuery, limit: int | None = 50, offset: int = 0,
                     after: str | None = None) -> tuple[int, list[dict]]:
        """(how many events match, one page of their records, or all with `limit` None), in the
        query's order (by date then id by default).

        `after` (a `page_cursor` of the same order) starts the page after that event: a keyset
        page, which skips the rows before it, where an `offset` makes the database walk every row
        before it. In the date order (the listing index's) it costs the same however deep it is."""
        total, rows = self.page_json(query, limit, offset, after)
        return total, [record_of(data) for data, _ in rows]

    def page_json(self, query: EventQuery, limit: int | None = 50, offset: int = 0,
                  after: str | None = None) -> tuple[int, list[tuple[str, str]]]:
        """`query_events` with each record as the stored JSON text, and its `page_cursor`: what a
        server sends on without decoding and encoding it again."""
        with self._reading() as conn:
            query = with_places(conn, query)
            where = conditions(query, conn.dialect.name)
            rows = page_rows(conn, conditions(query, conn.dialect.name, paging=True), query.sort, limit, offset, after)
            return _total(conn, query, where), rows

    def iter_events(self, query: EventQuery, chunk: int = 1000) -> Iterator[dict]:
        """Every matching record in the query's order, read in keyset pages of `chunk` (memory
        stays flat; no connection is held between pages)."""
        with self._reading() as conn:
            where = conditions(with_places(conn, query), conn.dialect.name)
        after = None
        while True:
            with self._reading() as conn:
                rows = page_rows(conn, where, query.sort, chunk, 0, after)
            yield from (record_of(data) for data, _ in rows)
            if len(rows) < chunk:
                return
            after = rows[-1][1]

    def event_points(self, query: EventQuery, limit: int = 50_000, bbox: BBox | None = None) -> list[dict]:
        """The located events that match (within `bbox`: west, south, east, north), in the few
        columns a map needs."""
        with self._reading() as conn:
            return event_queries.points(conn, query, limit, bbox)

    def event_clusters(self, query: EventQuery, zoom: int, bbox: BBox | None = None) -> list[dict]:
        """The located events that match, counted per cell of a grid fitted to a map's `zoom` (a
        quarter of a 256-pixel tile a side), each cell at its events' mean position: what a map
        draws at that zoom, computed where the data is, whatever the store's size."""
        with self._reading() as conn:
            return event_queries.clusters(conn, query, zoom, bbox)

    def event_bounds(self, query: EventQuery) -> BBox | None:
        """(west, south, east, north) of the located events that match; None when there are none."""
        with self._reading() as conn:
            return event_queries.bounds(conn, query)

    def timeline(self, query: EventQuery) -> list[dict]:
        """Events per day and type among those that match (dated events only)."""
        with self._reading() as conn:
            return event_queries.timeline(conn, query)

    def facets(self, query: EventQuery) -> dict[str, dict[str, int]]:
        """Counts of the matching events by type, country and status."""
        with self._reading() as conn:
            return event_queries.facets(conn, query)

    def get_event(self, event_id: str) -> dict | None:
        """One event's reviewed record (also one marked wrong or merged), with its `review` state."""
        with self._reading() as conn:
            return event_queries.load_record(conn, event_id)

    # --- reviews and tokens

    def add_review(self, event_id: str, action: str, reviewer: str, field: str | None = None,
                   value: Any = None, note: str | None = None) -> dict:
        """Record a reviewer's change and apply it, in one transaction; returns the review as stored.

        Raises ReviewError (nothing written) when the event is missing or the change does not fit.
        """
        if action == "correct":
            if not field:
                raise ReviewError("a correction names the field it corrects")
            return self.add_corrections(event_id, reviewer, {field: value}, note)[0]
        with self._writing() as conn:
            return review_store.add_reviews(conn, event_id, reviewer, [(action, field, value)], note)[0]

    def add_corrections(self, event_id: str, reviewer: str, values: dict[str, Any],
                        note: str | None = None) -> list[dict]:
        """Correct several fields at once (both ends of a size range), checked together: all of them
        are recorded, each as its own review with the same note, or none (ReviewError)."""
        if not values:
            raise ReviewError("a correction names the field it corrects")
        with self._writing() as conn:
            return review_store.add_reviews(conn, event_id, reviewer, [("correct", f, v) for f, v in values.items()],
                                            note)

    def reviews_log(self, event_id: str | None = None, limit: int = 1000, offset: int = 0) -> list[dict]:
        """The review log (of one event, as target or merged-in, or of all), oldest first."""
        with self._reading() as conn:
            return review_store.reviews_log(conn, event_id, limit, offset)

    def create_token(self, name: str) -> str:
        """A new write token for reviewer `name` (only its hash is kept); ValueError if the name is taken."""
        try:
            with self._writing() as conn:
                return review_store.insert_token(conn, name)
        except IntegrityError:
            raise ValueError(f"a token named {name!r} exists already (revoke it first)") from None

    def reviewer_of(self, token: str) -> str | None:
        """The name a token belongs to, or None."""
        with self._reading() as conn:
            return review_store.reviewer_of(conn, token)

    def list_tokens(self) -> list[dict]:
        with self._reading() as conn:
            return review_store.list_tokens(conn)

    def revoke_token(self, name: str) -> bool:
        with self._writing() as conn:
            return review_store.revoke_token(conn, name)

    def close(self) -> None:
        self.engine.dispose()


def _total(conn: Connection, query: EventQuery, where: list) -> int:
    """How many events match: counted ahead when only the status, types and country filter; on
    SQLite, from the search index when only words and the status do; else counted."""
    if only_counted(query):
        return event_counts.total(conn, query.status, query.types, query.country)
    if (conn.dialect.name == "sqlite" and only_status(replace(query, text=None)) and query.text
            and query.text_matches is not None):
        return count_with_status(conn, query.text, query.status, query.text_matches)
    return conn.execute(select(func.count()).select_from(events).where(*where)).scalar_one()


def _retryable(exc: Exception) -> bool:
    """A unique-key race with a concurrent writer, or SQLite still locked after the busy timeout."""
    return isinstance(exc, IntegrityError) or "locked" in str(exc).lower() or "busy" in str(exc).lower()


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
    cur = dbapi_conn.cursor()
    # The busy timeout first: switching a new file to WAL needs a lock that another process opening
    # it at the same moment may hold (its migrations), and without a timeout the switch fails at once.
    cur.execute("PRAGMA busy_timeout=60000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")  # in WAL mode still safe against crashes and kills
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()
    register_functions(dbapi_conn)
