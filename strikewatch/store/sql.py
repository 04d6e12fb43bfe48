"""SQL implementation of the store (SQLite and PostgreSQL through SQLAlchemy Core).

Schema changes are numbered migrations applied in order; the applied version is kept in the
`meta` table. Every article is written in one transaction with all its mentions, so an article
is either fully in or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol

from sqlalchemy import (
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from strikewatch.codec import mention_from_dict, mention_to_dict
from strikewatch.model import Document, Event, Mention, OffsetMap

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
)


event_mentions = Table(
    "event_mentions", metadata,
    Column("event_id", String(32), nullable=False, index=True),
    Column("mention_id", String(300), nullable=False, index=True),
)


def _migration_1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[documents, mentions])
    conn.execute(text("CREATE TABLE events (event_id VARCHAR(32) PRIMARY KEY, type VARCHAR(32), date_start DATE, "
                      "country VARCHAR(2), lat FLOAT, lon FLOAT, n_mentions INTEGER, data TEXT NOT NULL)"))
    for column in ("type", "date_start", "country"):
        conn.execute(text(f"CREATE INDEX ix_events_{column} ON events ({column})"))


def _migration_2(conn: Connection) -> None:
    """Incremental resolution: each event's block, and which mentions each event holds."""
    conn.execute(text("ALTER TABLE events ADD COLUMN block VARCHAR(300) NOT NULL DEFAULT ''"))
    conn.execute(text("CREATE INDEX ix_events_block ON events (block)"))
    metadata.create_all(conn, tables=[event_mentions])


MIGRATIONS: list[Callable[[Connection], None]] = [_migration_1, _migration_2]
SCHEMA_VERSION = len(MIGRATIONS)


class Store(Protocol):
    """What the pipeline, the exporters and the CLI need from a store."""

    def has_document(self, doc_key: str) -> bool: ...
    def stored_keys(self, doc_keys: Iterable[str]) -> set[str]: ...
    def keys_by_id(self, doc_ids: Iterable[str]) -> dict[str, str]: ...
    def add_document(self, doc: Document, doc_mentions: list[Mention]) -> bool: ...
    def add_documents(self, items: Sequence[tuple[Document, list[Mention]]]) -> list[bool]: ...
    def iter_mentions(self) -> Iterator[Mention]: ...
    def mentions_of_documents(self, doc_ids: Iterable[str]) -> list[Mention]: ...
    def event_mentions(self, blocks: Iterable[str] | None = None) -> dict[str, set[str]]: ...
    def replace_events(self, records: Iterable[tuple[Event, dict]], blocks: Iterable[str] | None = None) -> None: ...
    def load_events(self) -> list[dict]: ...
    def documents_meta(self, doc_ids: Iterable[str] | None = None) -> dict[str, dict]: ...
    def counts(self) -> dict[str, int]: ...


class SqlStore:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url, future=True)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.migrate()

    def migrate(self) -> int:
        """Apply the migrations the database lacks; returns the schema version."""
        with self.engine.begin() as conn:
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
        with self.engine.connect() as conn:
            return int(conn.execute(select(meta_table.c.v).where(meta_table.c.k == "schema_version")).scalar_one())

    def has_document(self, doc_key: str) -> bool:
        return bool(self.stored_keys([doc_key]))

    def stored_keys(self, doc_keys: Iterable[str]) -> set[str]:
        """Which of these article keys (text hashes) are stored."""
        with self.engine.connect() as conn:
            return _stored_keys(conn, doc_keys)

    def keys_by_id(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The key of the stored article with each of these ids (the ones in use)."""
        with self.engine.connect() as conn:
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
        for attempt in range(3):
            try:
                with self.engine.begin() as conn:
                    return self._insert_documents(conn, items)
            except IntegrityError:
                if attempt == 2:
                    raise
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
                "offsets": json.dumps(doc.offsets.runs), "ingested_at": now})
            mention_rows.extend({
                "mention_id": m.mention_id, "doc_key": doc.key, "type": m.type.value, "modality": m.modality.value,
                "date_start": m.date.start if m.date else None,
                "place_id": m.place.gazetteer_id if m.place else None,
                "data": json.dumps(mention_to_dict(m), ensure_ascii=False),
            } for m in doc_mentions)
        if doc_rows:
            conn.execute(insert(documents), doc_rows)
        if mention_rows:
            conn.execute(insert(mentions), mention_rows)
        return added

    def iter_mentions(self) -> Iterator[Mention]:
        with self.engine.connect() as conn:
            for (data,) in conn.execute(select(mentions.c.data).order_by(mentions.c.mention_id)):
                yield mention_from_dict(json.loads(data))

    def mentions_of_documents(self, doc_ids: Iterable[str]) -> list[Mention]:
        """Every mention of the given articles (by doc_id)."""
        ids = sorted(set(doc_ids))
        found: list[Mention] = []
        with self.engine.connect() as conn:
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
        with self.engine.connect() as conn:
            for q in queries:
                for event_id, mention_id in conn.execute(q):
                    held.setdefault(event_id, set()).add(mention_id)
        return held

    def replace_events(self, records: Iterable[tuple[Event, dict]], blocks: Iterable[str] | None = None) -> None:
        """Store resolved events (each with its export record) in one transaction.

        With `blocks`, only the events of those blocks are replaced (an incremental resolve);
        without, every stored event is.
        """
        rows, links = [], []
        for e, record in records:
            place = record.get("place") or {}
            rows.append({"event_id": e.id, "type": e.type.value, "date_start": e.date.start if e.date else None,
                         "country": place.get("country"), "lat": place.get("lat"), "lon": place.get("lon"),
                         "n_mentions": len(e.mentions), "block": e.block,
                         "data": json.dumps(record, ensure_ascii=False)})
            links.extend({"event_id": e.id, "mention_id": m.mention_id} for m in e.mentions)
        with self.engine.begin() as conn:
            if blocks is None:
                conn.execute(delete(event_mentions))
                conn.execute(delete(events))
            else:
                for chunk in _chunks(sorted(set(blocks))):
                    stale = select(events.c.event_id).where(events.c.block.in_(chunk))
                    conn.execute(delete(event_mentions).where(event_mentions.c.event_id.in_(stale)))
                    conn.execute(delete(events).where(events.c.block.in_(chunk)))
            if rows:
                conn.execute(insert(events), rows)
            if links:
                conn.execute(insert(event_mentions), links)

    def load_events(self) -> list[dict]:
        with self.engine.connect() as conn:
            # Undated events last on every database (SQLite sorts NULL first, PostgreSQL last).
            result = conn.execute(select(events.c.data).order_by(
                events.c.date_start.is_(None), events.c.date_start, events.c.event_id))
            return [json.loads(data) for (data,) in result]

    def documents_meta(self, doc_ids: Iterable[str] | None = None) -> dict[str, dict]:
        """Source metadata (url, outlet, title, published) by doc_id: of the given articles, or of all."""
        cols = [documents.c.doc_id, documents.c.url, documents.c.outlet, documents.c.title, documents.c.published]
        queries = [select(*cols)] if doc_ids is None else [
            select(*cols).where(documents.c.doc_id.in_(chunk)) for chunk in _chunks(sorted(set(doc_ids)))]
        with self.engine.connect() as conn:
            return {r.doc_id: {"url": r.url, "outlet": r.outlet, "title": r.title,
                               "published": r.published.isoformat() if r.published else None}
                    for query in queries for r in conn.execute(query)}

    def load_document(self, doc_id: str) -> Document | None:
        with self.engine.connect() as conn:
            r = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).first()
        if r is None:
            return None
        return Document(doc_id=r.doc_id, key=r.doc_key, text=r.text, original=r.original,
                        offsets=OffsetMap([tuple(x) for x in json.loads(r.offsets)]), source=r.source, url=r.url,
                        outlet=r.outlet, title=r.title, published=r.published, published_from=r.published_from)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                    for name, table in (("documents", documents), ("mentions", mentions), ("events", events))}

    def close(self) -> None:
        self.engine.dispose()


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
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")  # in WAL mode still safe against crashes and kills
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()

