"""SQL implementation of the store (SQLite and PostgreSQL through SQLAlchemy Core).

Schema changes are numbered migrations applied in order, all of them in one transaction; the
applied version is kept in the `meta` table. Every article is written in one transaction with all
its mentions, and stays `resolved = false` until a resolve writes its events and marks it, in one
transaction holding the store's write lock: a killed run leaves pending articles, never half an
article, and the next resolve picks them up.

Concurrency: on SQLite every write transaction starts with BEGIN IMMEDIATE (writers queue on the
busy timeout instead of failing on a read-to-write upgrade, and DDL stays inside the transaction,
which pysqlite would otherwise commit statement by statement); on PostgreSQL, migrations and
resolution take a transaction-scoped advisory lock.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from typing import Any, Protocol

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    cast,
    column,
    create_engine,
    delete,
    event,
    false,
    func,
    insert,
    inspect,
    literal,
    literal_column,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from strikewatch import review
from strikewatch.codec import day_from, mention_from_dict, mention_to_dict
from strikewatch.ingest.storable import unstorable_reason
from strikewatch.model import Document, Event, Mention, OffsetMap
from strikewatch.review import Review, ReviewError

metadata = MetaData()
meta_table = Table("meta", metadata, Column("k", String(64), primary_key=True), Column("v", Text))
documents = Table(
    "documents", metadata,
    Column("doc_key", String(64), primary_key=True),
    Column("doc_id", String(256), nullable=False, index=True),
    Column("source", Text), Column("url", Text), Column("outlet", Text), Column("title", Text),
    Column("published", Date), Column("published_from", String(16)),
    Column("text", Text, nullable=False), Column("original", Text, nullable=False),
    Column("offsets", Text, nullable=False), Column("ingested_at", String(32)),
    Column("resolved", Boolean, nullable=False, server_default=text("false"), index=True),  # migration 4
)
mentions = Table(
    "mentions", metadata,
    Column("mention_id", String(300), primary_key=True),
    Column("doc_key", String(64), ForeignKey("documents.doc_key", ondelete="CASCADE"), nullable=False, index=True),
    Column("type", String(32)), Column("modality", String(16)), Column("date_start", Date),
    Column("place_id", String(64)), Column("data", Text, nullable=False),
)
events = Table(
    "events", metadata,
    Column("event_id", String(32), primary_key=True),
    Column("type", String(32), index=True), Column("date_start", Date, index=True),
    Column("country", String(2), index=True), Column("lat", Float), Column("lon", Float),
    Column("n_mentions", Integer), Column("data", Text, nullable=False),
    Column("block", String(300), nullable=False, index=True),
    # The columns lists and filters need, of the reviewed record (migration 3):
    Column("date_end", Date), Column("size_low", BigInteger), Column("size_high", BigInteger),
    Column("place_name", Text), Column("search", Text),
    Column("status", String(16), nullable=False, server_default="ok", index=True),  # ok | wrong | merged
    Column("origin", String(16), nullable=False, server_default="machine"),  # machine | split (a reviewer's)
    Column("machine", Text),  # the machine's record when a review changed it (`data` is the reviewed one)
)


event_mentions = Table(
    "event_mentions", metadata,
    Column("event_id", String(32), nullable=False, index=True),
    Column("mention_id", String(300), nullable=False, index=True),
)


reviews = Table(
    "reviews", metadata,
    Column("review_id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(32), nullable=False, index=True),
    Column("action", String(16), nullable=False), Column("field", String(32)),
    Column("other_id", String(32), index=True),  # merge: the event folded in
    Column("value", Text), Column("before", Text),  # JSON
    Column("reviewer", String(128), nullable=False), Column("at", String(32), nullable=False),
    Column("note", Text),  # the reviewer's reason (migration 5)
)
tokens = Table(
    "tokens", metadata,
    Column("name", String(128), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
)
# Live sources (migration 6): each source's state, and every page listed or fetched, raw and compressed.
source_state = Table(
    "source_state", metadata,
    Column("url", String(2048), primary_key=True),
    Column("name", Text), Column("kind", String(16)),
    Column("etag", Text), Column("last_modified", Text),  # the validators of the last listing fetched
    Column("last_run", String(32)), Column("last_success", String(32)), Column("last_error", Text),
    Column("last_line", Text),  # the progress line of its last run
)
pages = Table(
    "pages", metadata,
    Column("url", String(2048), primary_key=True),  # as listed (normalised)
    Column("source_url", String(2048), index=True),  # the first source that listed it ('' for `fetch`)
    # queued | fetched | stored | duplicate | rejected | failed
    Column("status", String(16), nullable=False, index=True),
    Column("final_url", String(2048), index=True), Column("canonical_url", String(2048), index=True),
    Column("http_status", Integer), Column("error", Text),
    Column("attempts", Integer, nullable=False, server_default=text("0")), Column("next_attempt", String(32)),
    Column("fetched_at", String(32)), Column("http_date", Text), Column("http_last_modified", Text),
    Column("etag", Text), Column("content_type", Text),
    Column("body", LargeBinary), Column("body_sha", String(64), index=True),  # zlib-compressed bytes as served
    Column("entry_title", Text), Column("entry_published", Date), Column("outlet", Text),
    Column("language", String(16)),
    Column("doc_id", String(256)), Column("published", Date), Column("published_from", String(16)),
)
_EVENT_COLUMNS_3 = (("date_end", "DATE"), ("size_low", "BIGINT"), ("size_high", "BIGINT"), ("place_name", "TEXT"),
                    ("search", "TEXT"), ("status", "VARCHAR(16) NOT NULL DEFAULT 'ok'"),
                    ("origin", "VARCHAR(16) NOT NULL DEFAULT 'machine'"), ("machine", "TEXT"))


def _migration_1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[documents, mentions])
    conn.execute(text("CREATE TABLE events (event_id VARCHAR(32) PRIMARY KEY, type VARCHAR(32), date_start DATE, "
                      "country VARCHAR(2), lat FLOAT, lon FLOAT, n_mentions INTEGER, data TEXT NOT NULL)"))
    for name in ("type", "date_start", "country"):
        conn.execute(text(f"CREATE INDEX ix_events_{name} ON events ({name})"))


def _migration_2(conn: Connection) -> None:
    """Incremental resolution: each event's block, and which mentions each event holds."""
    conn.execute(text("ALTER TABLE events ADD COLUMN block VARCHAR(300) NOT NULL DEFAULT ''"))
    conn.execute(text("CREATE INDEX ix_events_block ON events (block)"))
    metadata.create_all(conn, tables=[event_mentions])


def _migration_3(conn: Connection) -> None:
    """Review and search: the reviews log, write tokens, filter columns and a full-text index."""
    for name, sql_type in _EVENT_COLUMNS_3:
        conn.execute(text(f"ALTER TABLE events ADD COLUMN {name} {sql_type}"))
    conn.execute(text("CREATE INDEX ix_events_status ON events (status)"))
    metadata.create_all(conn, tables=[reviews, tokens])
    if conn.dialect.name == "sqlite":
        conn.execute(text(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(event_id UNINDEXED, body, "
                          "tokenize='porter unicode61')"))
    else:
        conn.execute(text(f"CREATE INDEX ix_events_search ON events USING GIN ({PG_SEARCH_VECTOR})"))
    rows = [{"event_id": event_id, **_event_columns(json.loads(data))}
            for event_id, data in conn.execute(select(events.c.event_id, events.c.data))]
    for row in rows:
        conn.execute(events.update().where(events.c.event_id == row["event_id"]).values(row))
    _fts_index(conn, rows)


def _migration_4(conn: Connection) -> None:
    """Pending resolution: an article is `resolved` once its events are written. Articles stored
    before this migration count as pending, so the next resolve heals any a killed run left.
    (A new database has the column already: migration 1 creates `documents` from its definition.)"""
    if "resolved" not in {c["name"] for c in inspect(conn).get_columns("documents")}:
        conn.execute(text("ALTER TABLE documents ADD COLUMN resolved BOOLEAN NOT NULL DEFAULT false"))
        conn.execute(text("CREATE INDEX ix_documents_resolved ON documents (resolved)"))


def _migration_5(conn: Connection) -> None:
    """A reviewer's note (the reason for a change) on each review. (A new database has the column
    already: migration 3 creates `reviews` from its definition.)"""
    if "note" not in {c["name"] for c in inspect(conn).get_columns("reviews")}:
        conn.execute(text("ALTER TABLE reviews ADD COLUMN note TEXT"))


def _migration_6(conn: Connection) -> None:
    """Live sources: `source_state` and `pages` (raw fetched pages). Idempotent: creates what is missing."""
    metadata.create_all(conn, tables=[source_state, pages], checkfirst=True)


# Lists and filters at 100,000 events. A row's filter columns sit after its `data` (migration 3
# added them), which SQLite reads from overflow pages: filtering through the table costs a record
# read per row. The filter index covers every filter column and the map's, so counts and filters
# are read from the index alone; the listing index holds the default list order, per status.
_INDEXES_7 = {
    "ix_events_listing": "status, (date_start IS NULL), date_start, event_id",
    "ix_events_filters": "status, date_start, date_end, country, type, size_low, size_high, place_name, lat, lon, "
                         "event_id",
}


def _migration_7(conn: Connection) -> None:
    """Indexes for a large store (idempotent: IF NOT EXISTS, on both databases)."""
    for name, columns in _INDEXES_7.items():
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON events ({columns})"))


# The web page lists newest first: the date order the other way, undated still last, with its
# own index (the ascending one would leave a sort of every matching event for each page).
_INDEXES_8 = {"ix_events_listing_newest": "status, (date_start IS NULL), date_start DESC, event_id"}


def _migration_8(conn: Connection) -> None:
    """The newest-first listing index (idempotent: IF NOT EXISTS, on both databases)."""
    for name, columns in _INDEXES_8.items():
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON events ({columns})"))


MIGRATIONS: list[Callable[[Connection], None]] = [_migration_1, _migration_2, _migration_3, _migration_4,
                                                  _migration_5, _migration_6, _migration_7, _migration_8]
MERGED_METADATA = ("url", "outlet", "title", "published")  # what a second copy of an article can add
_LOCK_KEY = 0x5374726B  # PostgreSQL advisory lock of the store's migrations and resolution
_LOCK_RETRIES = 5  # write attempts when SQLite stays locked past its busy timeout
SCHEMA_VERSION = len(MIGRATIONS)


class Store(Protocol):
    """What the pipeline, the exporters and the CLI need from a store."""

    def has_document(self, doc_key: str) -> bool: ...
    def stored_keys(self, doc_keys: Iterable[str]) -> set[str]: ...
    def keys_by_id(self, doc_ids: Iterable[str]) -> dict[str, str]: ...
    def add_document(self, doc: Document, doc_mentions: list[Mention]) -> bool: ...
    def add_documents(self, items: Sequence[tuple[Document, list[Mention]]]) -> list[bool]: ...
    def stored_metadata(self, doc_keys: Iterable[str]) -> dict[str, dict]: ...
    def merge_metadata(self, doc: Document, doc_mentions: list[Mention]) -> tuple[str, list[str]]: ...
    def blocks_of_documents(self, doc_ids: Iterable[str]) -> set[str]: ...
    def iter_mentions(self) -> Iterator[Mention]: ...
    def mentions_of_documents(self, doc_ids: Iterable[str]) -> list[Mention]: ...
    def event_mentions(self, blocks: Iterable[str] | None = None) -> dict[str, set[str]]: ...
    def replace_events(self, records: Iterable[tuple[Event, dict]], blocks: Iterable[str] | None = None) -> None: ...
    def load_events(self) -> list[dict]: ...
    def query_events(self, query: EventQuery, limit: int | None = 50, offset: int = 0,
                     after: str | None = None) -> tuple[int, list[dict]]: ...
    def iter_events(self, query: EventQuery, chunk: int = 1000) -> Iterator[dict]: ...
    def get_event(self, event_id: str) -> dict | None: ...
    def add_review(self, event_id: str, action: str, reviewer: str, field: str | None = None,
                   value: Any = None, note: str | None = None) -> dict: ...
    def add_corrections(self, event_id: str, reviewer: str, values: dict[str, Any],
                        note: str | None = None) -> list[dict]: ...
    def documents_meta(self, doc_ids: Iterable[str] | None = None) -> dict[str, dict]: ...
    def undated_documents(self) -> list[str]: ...
    def dated_documents(self, doc_ids: Iterable[str]) -> dict[str, dt.date]: ...
    def redate_document(self, doc_id: str, published: dt.date, published_from: str,
                        doc_mentions: list[Mention]) -> None: ...
    def delete_documents(self, doc_ids: Iterable[str]) -> int: ...
    def pending_documents(self) -> list[str]: ...
    def mark_resolved(self, doc_ids: Iterable[str] | None) -> None: ...
    def exclusive(self) -> Any: ...
    def counts(self) -> dict[str, int]: ...


class SqlStore:
    def __init__(self, url: str) -> None:
        self.url = url
        # A server that does not answer is an error after 10 s, not a hang.
        connect_args = {"connect_timeout": 10} if url.startswith("postgresql") else {}
        self.engine: Engine = create_engine(url, future=True, connect_args=connect_args)
        self._held = threading.local()  # the connection of an `exclusive()` block, per thread
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.migrate()

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        held = getattr(self._held, "conn", None)
        if held is not None:
            yield held
            return
        with self.engine.connect() as conn:
            yield conn

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
        """Apply the migrations the database lacks, in one transaction; returns the schema version."""
        with self._writing(lock=True) as conn:
            metadata.create_all(conn, tables=[meta_table])
            row = conn.execute(select(meta_table.c.v).where(meta_table.c.k == "schema_version")).first()
            version = int(row[0]) if row else 0
            for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
                migration(conn)
                if row is None and number == 1:
                    conn.execute(insert(meta_table).values(k="schema_version", v="1"))
                else:
                    conn.execute(meta_table.update().where(meta_table.c.k == "schema_version").values(v=str(number)))
            return max(version, SCHEMA_VERSION)

    def schema_version(self) -> int:
        with self._reading() as conn:
            return int(conn.execute(select(meta_table.c.v).where(meta_table.c.k == "schema_version")).scalar_one())

    def has_document(self, doc_key: str) -> bool:
        return bool(self.stored_keys([doc_key]))

    def stored_keys(self, doc_keys: Iterable[str]) -> set[str]:
        """Which of these article keys (text hashes) are stored."""
        with self._reading() as conn:
            return _stored_keys(conn, doc_keys)

    def keys_by_id(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The key of the stored article with each of these ids (the ones in use)."""
        with self._reading() as conn:
            return {doc_id: key for chunk in _chunks(sorted(set(doc_ids))) for doc_id, key in conn.execute(
                select(documents.c.doc_id, documents.c.doc_key).where(documents.c.doc_id.in_(chunk)))}

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
                    return self._insert_documents(conn, items)
            except (IntegrityError, OperationalError) as exc:
                if attempt == _LOCK_RETRIES - 1 or not _retryable(exc):
                    raise
                time.sleep(0.5 * (attempt + 1))
        raise AssertionError("unreachable")

    def _insert_documents(self, conn: Connection, items: Sequence[tuple[Document, list[Mention]]]) -> list[bool]:
        present = _stored_keys(conn, (doc.key for doc, _ in items))
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        added, doc_rows, mention_rows = [], [], []
        for doc, doc_mentions in items:
            added.append(doc.key not in present)
            if doc.key in present:
                continue
            present.add(doc.key)
            doc_rows.append({
                "doc_key": doc.key, "doc_id": doc.doc_id, "source": doc.source, "url": doc.url,
                "outlet": doc.outlet, "title": doc.title, "published": doc.published,
                "published_from": doc.published_from, "text": doc.text, "original": doc.original,
                "offsets": json.dumps(doc.offsets.runs), "ingested_at": now, "resolved": False})
            mention_rows.extend(_mention_row(m, doc.key) for m in doc_mentions)
        if doc_rows:
            conn.execute(insert(documents), doc_rows)
        if mention_rows:
            conn.execute(insert(mentions), mention_rows)
        return added

    def stored_metadata(self, doc_keys: Iterable[str]) -> dict[str, dict]:
        """The metadata (url, outlet, title, published) of these article keys, for those stored."""
        cols = [documents.c.doc_key, *(documents.c[name] for name in MERGED_METADATA)]
        with self._reading() as conn:
            return {r.doc_key: {name: getattr(r, name) for name in MERGED_METADATA}
                    for chunk in _chunks(sorted(set(doc_keys)))
                    for r in conn.execute(select(*cols).where(documents.c.doc_key.in_(chunk)))}

    def merge_metadata(self, doc: Document, doc_mentions: list[Mention]) -> tuple[str, list[str]]:
        """Fill in what the stored copy of this article (same text) lacks from this copy: its URL,
        outlet, title, publication date. Returns (the stored article's id, the fields filled in).

        A publication date changes what relative dates ("on Sunday") mean, so then the article's
        mentions are replaced by these (extracted with the date) and it is resolved again.
        """
        with self._writing() as conn:
            row = conn.execute(select(documents).where(documents.c.doc_key == doc.key)).first()
            if row is None:
                raise ValueError(f"article {doc.key[:16]} is not stored")
            gained = {name: getattr(doc, name) for name in MERGED_METADATA
                      if getattr(row, name) is None and getattr(doc, name) is not None}
            if not gained:
                return row.doc_id, []
            if "published" in gained:
                gained["published_from"] = doc.published_from
                old = f"{doc.doc_id}:"
                conn.execute(delete(mentions).where(mentions.c.doc_key == doc.key))
                renamed = [replace(m, doc_id=row.doc_id, mention_id=row.doc_id + ":" + m.mention_id[len(old):])
                           for m in doc_mentions]
                if renamed:
                    conn.execute(insert(mentions), [_mention_row(m, doc.key) for m in renamed])
            conn.execute(documents.update().where(documents.c.doc_key == doc.key).values(**gained, resolved=False))
        return row.doc_id, [name for name in MERGED_METADATA if name in gained]

    def blocks_of_documents(self, doc_ids: Iterable[str]) -> set[str]:
        """The blocks of the stored events that hold sentences of these articles."""
        query = (select(events.c.block).distinct()
                 .join(event_mentions, event_mentions.c.event_id == events.c.event_id)
                 .join(mentions, mentions.c.mention_id == event_mentions.c.mention_id)
                 .join(documents, documents.c.doc_key == mentions.c.doc_key))
        with self._reading() as conn:
            return {block for chunk in _chunks(sorted(set(doc_ids)))
                    for (block,) in conn.execute(query.where(documents.c.doc_id.in_(chunk)))}

    def iter_mentions(self) -> Iterator[Mention]:
        with self._reading() as conn:
            for (data,) in conn.execute(select(mentions.c.data).order_by(mentions.c.mention_id)):
                yield mention_from_dict(json.loads(data))

    def mentions_of_documents(self, doc_ids: Iterable[str]) -> list[Mention]:
        """Every mention of the given articles (by doc_id)."""
        ids = sorted(set(doc_ids))
        found: list[Mention] = []
        with self._reading() as conn:
            for chunk in _chunks(ids):
                query = (select(mentions.c.data).join(documents, documents.c.doc_key == mentions.c.doc_key)
                         .where(documents.c.doc_id.in_(chunk)).order_by(mentions.c.mention_id))
                found.extend(mention_from_dict(json.loads(data)) for (data,) in conn.execute(query))
        return found

    def event_mentions(self, blocks: Iterable[str] | None = None) -> dict[str, set[str]]:
        """The stored events (of the given blocks, or all), each with its mention ids."""
        query = select(event_mentions.c.event_id, event_mentions.c.mention_id)
        queries = [query] if blocks is None else [
            query.join(events, events.c.event_id == event_mentions.c.event_id).where(events.c.block.in_(chunk))
            for chunk in _chunks(sorted(set(blocks)))]
        held: dict[str, set[str]] = {}
        with self._reading() as conn:
            for q in queries:
                for event_id, mention_id in conn.execute(q):
                    held.setdefault(event_id, set()).add(mention_id)
        return held

    def replace_events(self, records: Iterable[tuple[Event, dict]], blocks: Iterable[str] | None = None) -> None:
        """Store resolved events (each with its export record) in one transaction.

        With `blocks`, only the events of those blocks are replaced (an incremental resolve);
        without, every stored event is. Reviews of the written events are replayed on them.
        """
        rows, links = [], []
        for e, record in records:
            rows.append({"event_id": e.id, "block": e.block, "origin": "machine", "machine": None,
                         **_event_columns(record)})
            links.extend({"event_id": e.id, "mention_id": m.mention_id} for m in e.mentions)
        with self._writing() as conn:
            if blocks is None:
                conn.execute(delete(event_mentions))
                _fts_forget(conn, None)
                conn.execute(delete(events))
            else:
                for chunk in _chunks(sorted(set(blocks))):
                    stale = select(events.c.event_id).where(events.c.block.in_(chunk))
                    conn.execute(delete(event_mentions).where(event_mentions.c.event_id.in_(stale)))
                    _fts_forget(conn, [event_id for (event_id,) in conn.execute(stale)])
                    conn.execute(delete(events).where(events.c.block.in_(chunk)))
            if rows:
                conn.execute(insert(events), rows)
                _fts_index(conn, rows)
            if links:
                conn.execute(insert(event_mentions), links)
            _refresh_reviewed(conn, {row["event_id"] for row in rows})

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
        return total, [json.loads(data) for data, _ in rows]

    def page_json(self, query: EventQuery, limit: int | None = 50, offset: int = 0,
                  after: str | None = None) -> tuple[int, list[tuple[str, str]]]:
        """`query_events` with each record as the stored JSON text, and its `page_cursor`: what a
        server sends on without decoding and encoding it again."""
        where = _conditions(query, self.engine.dialect.name)
        with self._reading() as conn:
            total = conn.execute(select(func.count()).select_from(events).where(*where)).scalar_one()
            return total, _page(conn, where, query.sort, limit, offset, after)

    def iter_events(self, query: EventQuery, chunk: int = 1000) -> Iterator[dict]:
        """Every matching record in the query's order, read in keyset pages of `chunk` (memory
        stays flat; no connection is held between pages)."""
        where = _conditions(query, self.engine.dialect.name)
        after = None
        while True:
            with self._reading() as conn:
                rows = _page(conn, where, query.sort, chunk, 0, after)
            yield from (json.loads(data) for data, _ in rows)
            if len(rows) < chunk:
                return
            after = rows[-1][1]

    def event_points(self, query: EventQuery, limit: int = 50_000,
                     bbox: tuple[float, float, float, float] | None = None) -> list[dict]:
        """The located events that match (within `bbox`: west, south, east, north), in the few
        columns a map needs."""
        cols = (events.c.event_id, events.c.type, events.c.date_start, events.c.lat, events.c.lon,
                events.c.size_low, events.c.size_high, events.c.place_name, events.c.n_mentions)
        where = [*_conditions(query, self.engine.dialect.name), *_located(bbox)]
        with self._reading() as conn:
            rows = conn.execute(select(*cols).where(*where).order_by(events.c.event_id).limit(limit))
            return [{"id": r.event_id, "type": r.type, "date_start": r.date_start.isoformat() if r.date_start else None,
                     "lat": r.lat, "lon": r.lon, "size_low": r.size_low, "size_high": r.size_high,
                     "place_name": r.place_name, "n_mentions": r.n_mentions} for r in rows]

    def event_clusters(self, query: EventQuery, zoom: int,
                       bbox: tuple[float, float, float, float] | None = None) -> list[dict]:
        """The located events that match, counted per cell of a grid fitted to a map's `zoom` (a
        quarter of a 256-pixel tile a side), each cell at its events' mean position: what a map
        draws at that zoom, computed where the data is, whatever the store's size."""
        cell = 360 / 2**zoom / 4
        dialect = self.engine.dialect.name
        gx, gy = _floor((events.c.lon + 180) / cell, dialect), _floor((events.c.lat + 90) / cell, dialect)
        where = [*_conditions(query, dialect), *_located(bbox)]
        with self._reading() as conn:
            rows = conn.execute(select(func.count(), func.avg(events.c.lat), func.avg(events.c.lon),
                                       func.min(events.c.event_id), func.min(events.c.type),
                                       func.max(events.c.size_high)).where(*where).group_by(gx, gy)
                                .order_by(gx, gy))
            return [{"count": n, "lat": lat, "lon": lon, "id": first if n == 1 else None,
                     "type": kind if n == 1 else None, "size_high": size} for n, lat, lon, first, kind, size in rows]

    def event_bounds(self, query: EventQuery) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) of the located events that match; None when there are none."""
        where = [*_conditions(query, self.engine.dialect.name), *_located(None)]
        with self._reading() as conn:
            west, south, east, north = conn.execute(select(
                func.min(events.c.lon), func.min(events.c.lat), func.max(events.c.lon), func.max(events.c.lat))
                .where(*where)).one()
        return None if west is None else (west, south, east, north)

    def timeline(self, query: EventQuery) -> list[dict]:
        """Events per day and type among those that match (dated events only)."""
        where = [*_conditions(query, self.engine.dialect.name), events.c.date_start.is_not(None)]
        with self._reading() as conn:
            rows = conn.execute(select(events.c.date_start, events.c.type, func.count()).where(*where)
                                .group_by(events.c.date_start, events.c.type).order_by(events.c.date_start))
            return [{"date": day.isoformat(), "type": etype, "events": n} for day, etype, n in rows]

    def facets(self, query: EventQuery) -> dict[str, dict[str, int]]:
        """Counts of the matching events by type, country and status."""
        where = _conditions(query, self.engine.dialect.name)
        out: dict[str, dict[str, int]] = {}
        with self._reading() as conn:
            for name, column in (("type", events.c.type), ("country", events.c.country),
                                 ("status", events.c.status)):
                rows = conn.execute(select(column, func.count()).where(*where).group_by(column))
                out[name] = {value or "unknown": n for value, n in rows}
        return out

    def get_event(self, event_id: str) -> dict | None:
        """One event's reviewed record (also one marked wrong or merged), with its `review` state."""
        with self._reading() as conn:
            return _load_record(conn, event_id)

    def mentions_by_id(self, mention_ids: Iterable[str]) -> dict[str, dict]:
        """Stored mentions (every field with its evidence) by mention id."""
        with self._reading() as conn:
            return {mention_id: json.loads(data) for chunk in _chunks(sorted(set(filter(_findable, mention_ids))))
                    for mention_id, data in conn.execute(
                        select(mentions.c.mention_id, mentions.c.data).where(mentions.c.mention_id.in_(chunk)))}

    def add_review(self, event_id: str, action: str, reviewer: str, field: str | None = None,
                   value: Any = None, note: str | None = None) -> dict:
        """Record a reviewer's change and apply it, in one transaction; returns the review as stored.

        Raises ReviewError (nothing written) when the event is missing or the change does not fit.
        """
        if action == "correct":
            if not field:
                raise ReviewError("a correction names the field it corrects")
            return self.add_corrections(event_id, reviewer, {field: value}, note)[0]
        return self._add_reviews(event_id, reviewer, [(action, field, value)], note)[0]

    def add_corrections(self, event_id: str, reviewer: str, values: dict[str, Any],
                        note: str | None = None) -> list[dict]:
        """Correct several fields at once (both ends of a size range), checked together: all of them
        are recorded, each as its own review with the same note, or none (ReviewError)."""
        if not values:
            raise ReviewError("a correction names the field it corrects")
        return self._add_reviews(event_id, reviewer, [("correct", f, v) for f, v in values.items()], note)

    def _add_reviews(self, event_id: str, reviewer: str, changes: list[tuple[str, str | None, Any]],
                     note: str | None) -> list[dict]:
        note = (note or "").strip() or None
        if note and len(note) > 2000:
            raise ReviewError("a note is at most 2,000 characters")
        done, touched = [], {event_id}
        with self._writing() as conn:
            record = _load_record(conn, event_id)
            if record is None or review.status(record) == "merged":
                raise ReviewError(f"no event {event_id!r}" if record is None else
                                  f"event {event_id} was merged into {record['review']['merged_into']}")
            at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            for action, field, value in changes:
                field, value, before, other = _prepared_change(conn, record, action, field, value)
                review_id = conn.execute(insert(reviews).values(
                    event_id=event_id, action=action, field=field, other_id=other, value=json.dumps(value),
                    before=json.dumps(before), reviewer=reviewer, at=at, note=note)).inserted_primary_key[0]
                touched |= {other} if other else set()
                done.append({"review_id": review_id, "event_id": event_id, "action": action, "field": field,
                             "value": value, "before": before, "reviewer": reviewer, "at": at, "note": note})
            _refresh_reviewed(conn, touched, check=True)
        return done

    def reviews_log(self, event_id: str | None = None, limit: int = 1000, offset: int = 0) -> list[dict]:
        """The review log (of one event, as target or merged-in, or of all), oldest first."""
        query = select(reviews).order_by(reviews.c.review_id).limit(limit).offset(offset)
        if event_id is not None and not _findable(event_id):
            return []
        if event_id is not None:
            query = query.where((reviews.c.event_id == event_id) | (reviews.c.other_id == event_id))
        with self._reading() as conn:
            return [{"review_id": r.review_id, "event_id": r.event_id, "action": r.action, "field": r.field,
                     "value": json.loads(r.value) if r.value else None,
                     "before": json.loads(r.before) if r.before else None, "reviewer": r.reviewer, "at": r.at,
                     "note": r.note}
                    for r in conn.execute(query)]

    def create_token(self, name: str) -> str:
        """A new write token for reviewer `name` (only its hash is kept); ValueError if the name is taken."""
        token = secrets.token_urlsafe(24)
        try:
            with self._writing() as conn:
                conn.execute(insert(tokens).values(name=name, token_hash=_token_hash(token),
                                                   created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
        except IntegrityError:
            raise ValueError(f"a token named {name!r} exists already (revoke it first)") from None
        return token

    def reviewer_of(self, token: str) -> str | None:
        """The name a token belongs to, or None."""
        if not _findable(token):
            return None
        with self._reading() as conn:
            row = conn.execute(select(tokens.c.name).where(tokens.c.token_hash == _token_hash(token))).first()
        return row[0] if row else None

    def list_tokens(self) -> list[dict]:
        with self._reading() as conn:
            return [{"name": r.name, "created_at": r.created_at}
                    for r in conn.execute(select(tokens.c.name, tokens.c.created_at).order_by(tokens.c.name))]

    def revoke_token(self, name: str) -> bool:
        with self._writing() as conn:
            return conn.execute(delete(tokens).where(tokens.c.name == name)).rowcount > 0

    def documents_meta(self, doc_ids: Iterable[str] | None = None) -> dict[str, dict]:
        """Source metadata (url, outlet, title, published, file) by doc_id: of the given articles, or of all."""
        cols = [documents.c.doc_id, documents.c.url, documents.c.outlet, documents.c.title, documents.c.published,
                documents.c.source]
        queries = [select(*cols)] if doc_ids is None else [
            select(*cols).where(documents.c.doc_id.in_(chunk)) for chunk in _chunks(sorted(set(doc_ids)))]
        with self._reading() as conn:
            return {r.doc_id: {"url": r.url, "outlet": r.outlet, "title": r.title,
                               "published": r.published.isoformat() if r.published else None, "file": r.source}
                    for query in queries for r in conn.execute(query)}

    def load_document(self, doc_id: str) -> Document | None:
        if not _findable(doc_id):
            return None
        with self._reading() as conn:
            r = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).first()
        if r is None:
            return None
        return Document(doc_id=r.doc_id, key=r.doc_key, text=r.text, original=r.original,
                        offsets=OffsetMap([tuple(x) for x in json.loads(r.offsets)]), source=r.source, url=r.url,
                        outlet=r.outlet, title=r.title, published=r.published, published_from=r.published_from)

    def undated_documents(self) -> list[str]:
        """The ids of stored articles with no known publication day (candidates for a borrowed one)."""
        with self._reading() as conn:
            return [doc_id for (doc_id,) in conn.execute(
                select(documents.c.doc_id).where(documents.c.published.is_(None)).order_by(documents.c.doc_id))]

    def dated_documents(self, doc_ids: Iterable[str]) -> dict[str, dt.date]:
        """The publication day of each of the given articles that has one."""
        found: dict[str, dt.date] = {}
        with self._reading() as conn:
            for chunk in _chunks(sorted(set(doc_ids))):
                query = select(documents.c.doc_id, documents.c.published).where(
                    documents.c.doc_id.in_(chunk), documents.c.published.is_not(None))
                found.update((doc_id, day) for doc_id, day in conn.execute(query))
        return found

    def redate_document(self, doc_id: str, published: dt.date, published_from: str,
                        doc_mentions: list[Mention]) -> None:
        """Give an article a report date it did not have and replace its mentions (extracted again
        against that date), in one transaction; the article is pending until resolved again."""
        with self._writing() as conn:
            key = conn.execute(select(documents.c.doc_key).where(documents.c.doc_id == doc_id)).scalar_one()
            conn.execute(update(documents).where(documents.c.doc_key == key).values(
                published=published, published_from=published_from, resolved=False))
            conn.execute(delete(mentions).where(mentions.c.doc_key == key))
            if doc_mentions:
                conn.execute(insert(mentions), [_mention_row(m, key) for m in doc_mentions])

    def delete_documents(self, doc_ids: Iterable[str]) -> int:
        """Delete these articles and their mentions (their events stay until the next resolve)."""
        with self._writing() as conn:
            return sum(conn.execute(delete(documents).where(documents.c.doc_id.in_(chunk))).rowcount
                       for chunk in _chunks(sorted(set(doc_ids))))

    def pending_documents(self) -> list[str]:
        """The ids of stored articles whose events are not resolved yet."""
        with self._reading() as conn:
            return [doc_id for (doc_id,) in conn.execute(
                select(documents.c.doc_id).where(documents.c.resolved.is_(False)).order_by(documents.c.doc_id))]

    def mark_resolved(self, doc_ids: Iterable[str] | None) -> None:
        """Mark these articles (or, with None, all) as resolved."""
        with self._writing() as conn:
            if doc_ids is None:
                conn.execute(documents.update().where(documents.c.resolved.is_(False)).values(resolved=True))
                return
            for chunk in _chunks(sorted(set(doc_ids))):
                conn.execute(documents.update().where(documents.c.doc_id.in_(chunk)).values(resolved=True))

    def counts(self) -> dict[str, int]:
        with self._reading() as conn:
            return {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                    for name, table in (("documents", documents), ("mentions", mentions), ("events", events))}

    def close(self) -> None:
        self.engine.dispose()


FTS_TABLE = "events_fts"
PG_SEARCH_VECTOR = "to_tsvector('english', coalesce(search, ''))"


@dataclass
class EventQuery:
    """Filters over the events; every one optional. `status`: ok (the default), wrong, or all but merged."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    types: list[str] = dataclass_field(default_factory=list)
    place: str | None = None  # part of the place name, any case
    place_names: list[str] = dataclass_field(default_factory=list)  # or one of these names (another name's place)
    size_min: int | None = None
    size_max: int | None = None
    text: str | None = None  # words of the source sentences (full-text search)
    status: str = "ok"
    sort: str = "date"  # one of SORTS; a leading "-" for descending. Undated (or unsized) events always last.


SORTS = ("date", "-date", "size", "-size", "type", "-type", "place", "-place", "mentions", "-mentions")


def _conditions(q: EventQuery, dialect: str) -> list:
    where: list = [events.c.status == q.status] if q.status in ("ok", "wrong") else [events.c.status != "merged"]
    if q.since:
        where.append(func.coalesce(events.c.date_end, events.c.date_start) >= q.since)
    if q.until:
        where.append(events.c.date_start <= q.until)
    if q.country:
        where.append(events.c.country == q.country.upper())
    if q.types:
        where.append(events.c.type.in_(q.types))
    if q.place and not _findable(q.place):
        where.append(false())  # no stored name holds a NUL
    elif q.place:
        escaped = q.place.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        like = func.lower(events.c.place_name).like(f"%{escaped}%", escape="\\")
        where.append(like | events.c.place_name.in_(q.place_names) if q.place_names else like)
    if q.size_min is not None:
        where.append(events.c.size_high >= q.size_min)
    if q.size_max is not None:
        where.append(events.c.size_low <= q.size_max)
    words = re.findall(r"\w+", q.text or "")
    if words and dialect == "sqlite":
        match = " ".join(f'"{w}"' for w in words)  # quoted: user text is never FTS5 query syntax
        # "+event_id": not a way in by the primary key, so SQLite walks the listing index in page
        # order, checking each event against the matches (read once), and stops when the page is
        # full, rather than fetching and sorting every match of a common word.
        where.append(literal_column(f"+{events.name}.event_id").in_(
            text(f"SELECT event_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_words")
            .bindparams(fts_words=match).columns(column("event_id"))))
    elif words:
        where.append(text(f"{PG_SEARCH_VECTOR} @@ plainto_tsquery('english', :fts_words)")
                     .bindparams(fts_words=" ".join(words)))
    return where


def _mention_row(m: Mention, doc_key: str) -> dict:
    return {"mention_id": m.mention_id, "doc_key": doc_key, "type": m.type.value, "modality": m.modality.value,
            "date_start": m.date.start if m.date else None, "place_id": m.place.gazetteer_id if m.place else None,
            "data": json.dumps(mention_to_dict(m), ensure_ascii=False)}


_SORT_COLUMNS = {"date": events.c.date_start, "size": events.c.size_high, "type": events.c.type,
                 "place": events.c.place_name, "mentions": events.c.n_mentions}


def _order(sort: str) -> list:
    """ORDER BY of a sort key: the column (descending with "-"), missing values last on every
    database (SQLite sorts NULL first, PostgreSQL last), then date and id to break ties."""
    name = sort.lstrip("-")
    if name not in _SORT_COLUMNS:
        raise ValueError(f"unknown sort {sort!r} (sorts: {', '.join(SORTS)})")
    col = _SORT_COLUMNS[name]
    keys = [col.is_(None), col.desc() if sort.startswith("-") else col]
    if name != "date":
        keys += [events.c.date_start.is_(None), events.c.date_start.desc()]
    return [*keys, events.c.event_id]


def _located(bbox: tuple[float, float, float, float] | None) -> list:
    where = [events.c.lat.is_not(None), events.c.lon.is_not(None)]
    if bbox is not None:
        west, south, east, north = bbox
        where += [events.c.lat >= south, events.c.lat <= north, events.c.lon >= west, events.c.lon <= east]
    return where


def _floor(value: Any, dialect: str) -> Any:
    # CAST truncates on SQLite (whose floor() needs a compile option) and rounds on PostgreSQL;
    # the values here are never negative, so truncating is flooring.
    return cast(value, Integer) if dialect == "sqlite" else func.floor(value)


def _keys(sort: str) -> list[tuple[Any, bool]]:
    """The sort's columns as (column, descending) in `_order`'s order: the cursor's values."""
    name = sort.lstrip("-")
    if name not in _SORT_COLUMNS:
        raise ValueError(f"unknown sort {sort!r} (sorts: {', '.join(SORTS)})")
    keys = [(_SORT_COLUMNS[name], sort.startswith("-"))]
    if name != "date":
        keys.append((events.c.date_start, True))
    return [*keys, (events.c.event_id, False)]


_RECORD_KEYS = {"date_start": lambda r: r.get("date_start"), "size_high": lambda r: r.get("size_high"),
                "type": lambda r: r["type"], "place_name": lambda r: (r.get("place") or {}).get("name"),
                "n_mentions": lambda r: len(r["mentions"]), "event_id": lambda r: r["id"]}


def page_cursor(record: dict, sort: str = "date") -> str:
    """Where a keyset page ends: the last record's place in the `sort` order (its sort value, date
    and id), as an opaque URL-safe text."""
    values = [_RECORD_KEYS[col.name](record) for col, _ in _keys(sort)]
    return _cursor(sort, values)


def _cursor(sort: str, values: list) -> str:
    plain = json.dumps([sort, *(v.isoformat() if isinstance(v, dt.date) else v for v in values)])
    return base64.urlsafe_b64encode(plain.encode("utf-8")).decode("ascii").rstrip("=")


def _after(cursor: str, sort: str) -> Any:
    """The condition 'after this cursor' in the `sort` order; ValueError if malformed or of another order."""
    try:
        fields = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, UnicodeDecodeError):
        raise ValueError(f"not a page cursor: {cursor[:40]!r}") from None
    keys = _keys(sort)
    if not isinstance(fields, list) or len(fields) != len(keys) + 1 or fields[0] != sort:
        raise ValueError(f"not a page cursor of the {sort!r} order: {cursor[:40]!r}")
    values = []
    for (col, _), value in zip(keys, fields[1:], strict=True):
        if col is events.c.date_start and value is not None:
            value = dt.date.fromisoformat(value) if isinstance(value, str) else None
            if value is None:
                raise ValueError(f"not a page cursor: {cursor[:40]!r}")
        elif col.name in ("size_high", "n_mentions") and value is not None:
            if not isinstance(value, int) or isinstance(value, bool) or not -2**63 <= value < 2**63:
                raise ValueError(f"not a page cursor: {cursor[:40]!r}")
        elif value is not None and not (isinstance(value, str) and _findable(value)):
            raise ValueError(f"not a page cursor: {cursor[:40]!r}")
        values.append(value)
    if values[-1] is None:
        raise ValueError(f"not a page cursor: {cursor[:40]!r}")
    if sort == "date":
        start, event_id = values
        if start is None:
            return events.c.date_start.is_(None) & (events.c.event_id > event_id)
        # A row comparison over the listing index's columns: PostgreSQL seeks to it in the index;
        # SQLite walks the index from the page's status on, reading index entries only. (Undated
        # events follow, as their first member, IS NULL, is true where the cursor's is false.)
        return (tuple_(events.c.date_start.is_(None), events.c.date_start, events.c.event_id)
                > tuple_(literal(False), literal(start), literal(event_id)))
    return _later(list(zip(keys, values, strict=True)))


def _later(keys: list[tuple[tuple[Any, bool], Any]]) -> Any:
    """Rows after the cursor's values in a lexicographic order whose columns each put missing
    values last: for each column, a missing value in the cursor keeps the missing ones (then
    compares the rest); a present one lets the missing ones, the later values, and the equal ones
    whose rest is later through."""
    (col, descending), value = keys[0]
    if len(keys) == 1:
        return col > value  # the id: never missing, ascending
    rest = _later(keys[1:])
    if value is None:
        return col.is_(None) & rest
    return col.is_(None) | ((col < value) if descending else (col > value)) | ((col == value) & rest)


def _page(conn: Connection, where: list, sort: str, limit: int | None, offset: int,
          after: str | None) -> list[tuple[str, str]]:
    """(record JSON, page cursor) of each event of a page in the `sort` order."""
    if after is not None:
        where = [*where, _after(after, sort)]
    keys = _keys(sort)
    # Undated (unsized, ...) events last on every database (SQLite sorts NULL first, PostgreSQL
    # last); the listing index holds the date order.
    result = conn.execute(select(events.c.data, *(col for col, _ in keys)).where(*where)
                          .order_by(*_order(sort)).limit(limit).offset(offset or None))
    return [(data, _cursor(sort, list(values))) for data, *values in result]


def _event_columns(record: dict) -> dict:
    """The events row of a (reviewed) record: its filter columns and the record itself."""
    place = record.get("place") or {}
    words = [m["sentence"] for m in record["mentions"]]
    words += [v for v in (place.get("name"), record.get("site"), record.get("participants")) if v]
    return {"type": record["type"], "date_start": day_from(record.get("date_start")),
            "date_end": day_from(record.get("date_end")), "country": place.get("country"), "lat": place.get("lat"),
            "lon": place.get("lon"), "place_name": place.get("name"), "size_low": record.get("size_low"),
            "size_high": record.get("size_high"), "n_mentions": len(record["mentions"]),
            "search": " ".join(words + record.get("organizations", [])), "status": review.status(record),
            "data": json.dumps(record, ensure_ascii=False)}


def _fts_rowid(event_id: str) -> int:
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _fts_index(conn: Connection, rows: list[dict]) -> None:
    if conn.dialect.name == "sqlite" and rows:
        conn.execute(text(f"INSERT INTO {FTS_TABLE} (rowid, event_id, body) VALUES (:rowid, :event_id, :body)"),
                     [{"rowid": _fts_rowid(r["event_id"]), "event_id": r["event_id"], "body": r["search"] or ""}
                      for r in rows])


def _fts_forget(conn: Connection, event_ids: list[str] | None) -> None:
    if conn.dialect.name != "sqlite":
        return
    if event_ids is None:
        conn.execute(text(f"DELETE FROM {FTS_TABLE}"))
    elif event_ids:
        conn.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :rowid"),
                     [{"rowid": _fts_rowid(event_id)} for event_id in event_ids])


def _findable(key: str) -> bool:
    """Whether a key (an id, a token) could be stored at all: one with a NUL or a lone surrogate
    matches nothing, and is never sent to a database (PostgreSQL would raise on it)."""
    return unstorable_reason(key) is None


def _load_record(conn: Connection, event_id: str) -> dict | None:
    if not _findable(event_id):
        return None
    row = conn.execute(select(events.c.data).where(events.c.event_id == event_id)).first()
    return json.loads(row[0]) if row else None


def _prepared_change(conn: Connection, record: dict, action: str, field: str | None,
                     value: Any) -> tuple[str | None, Any, Any, str | None]:
    """(field, value, value before, other event) of a change, validated against the event."""
    if action == "correct":
        if not field:
            raise ReviewError("a correction names the field it corrects")
        value = review.clean_value(field, value)
        return field, value, record.get(field), None
    if action in ("wrong", "restore"):
        return None, None, review.status(record), None
    if action == "merge":
        if not isinstance(value, str) or value == record["id"]:
            raise ReviewError("a merge names another event's id")
        other = _load_record(conn, value)
        if other is None or review.status(other) == "merged":
            raise ReviewError(f"no event {value!r} to merge")
        return None, value, None, value
    if action == "split":
        ids = {m.get("mention_id") for m in record["mentions"]}
        if not isinstance(value, list) or not value or not set(value) <= ids:
            raise ReviewError("a split names some of the event's mention ids")
        if set(value) >= ids:
            raise ReviewError("a split leaves at least one mention in the event")
        return None, sorted(value), None, None
    raise ReviewError(f"unknown action {action!r} (actions: {', '.join(review.ACTIONS)})")


def _touching(conn: Connection, event_ids: set[str]) -> tuple[set[str], list[Review]]:
    """The events linked to these by reviews (merges chain them), and those reviews."""
    ids, found = set(event_ids), {}
    while True:
        new: set[str] = set()
        for chunk in _chunks(sorted(ids)):
            for r in conn.execute(select(reviews).where(reviews.c.event_id.in_(chunk) | reviews.c.other_id.in_(chunk))):
                found[r.review_id] = Review(r.review_id, r.event_id, r.action, r.field,
                                            json.loads(r.value) if r.value else None, r.reviewer, r.at,
                                            note=r.note or "")
                new.update(x for x in (r.event_id, r.other_id) if x and x not in ids)
        if not new:
            return ids, list(found.values())
        ids |= new


def _refresh_reviewed(conn: Connection, event_ids: set[str], check: bool = False) -> None:
    """Recompute the reviewed records of these events (and those reviews link them to)."""
    ids, log = _touching(conn, event_ids)
    if not log:
        return
    machine, blocks = {}, {}
    for chunk in _chunks(sorted(ids)):
        for r in conn.execute(select(events.c.event_id, events.c.data, events.c.machine, events.c.block)
                              .where(events.c.event_id.in_(chunk), events.c.origin == "machine")):
            machine[r.event_id] = json.loads(r.machine or r.data)
            machine[r.event_id].pop("review", None)
            blocks[r.event_id] = r.block
    children = [review.split_id(rv.event_id, rv.review_id) for rv in log if rv.action == "split"]
    _fts_forget(conn, children + list(machine))
    for chunk in _chunks(sorted(children)):
        conn.execute(delete(events).where(events.c.event_id.in_(chunk), events.c.origin == "split"))
    reviewed = review.apply(machine, log)
    rows = []
    for event_id, record in reviewed.items():
        if check:
            review.check(record)
        row = {"event_id": event_id, **_event_columns(record)}
        if event_id in machine:
            row["machine"] = json.dumps(machine[event_id], ensure_ascii=False) if record.get("review") else None
            conn.execute(events.update().where(events.c.event_id == event_id).values(row))
        else:
            parent = record["review"]["split_from"]
            conn.execute(insert(events).values({**row, "block": blocks[parent], "origin": "split", "machine": None}))
        rows.append(row)
    _fts_index(conn, rows)


def _retryable(exc: Exception) -> bool:
    """A unique-key race with a concurrent writer, or SQLite still locked after the busy timeout."""
    return isinstance(exc, IntegrityError) or "locked" in str(exc).lower() or "busy" in str(exc).lower()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _stored_keys(conn: Connection, doc_keys: Iterable[str]) -> set[str]:
    return {key for chunk in _chunks(sorted(set(doc_keys))) for (key,) in conn.execute(
        select(documents.c.doc_key).where(documents.c.doc_key.in_(chunk)))}


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    """Bounded IN lists (SQLite allows at most 32,766 parameters in one statement)."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=60000")
    cur.execute("PRAGMA synchronous=NORMAL")  # in WAL mode still safe against crashes and kills
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()

