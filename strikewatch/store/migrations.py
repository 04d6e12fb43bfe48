"""Schema changes, numbered and applied in order, all of them in one transaction.

Each version's SQL is frozen here as it was written: its tables are defined in a MetaData of its
own, never from the current schema (`schema.py`), so a new database and an old one go through the
same statements, and no migration has to check whether a column exists already. The applied
version is kept in the `meta` table.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection

from strikewatch.store.events import event_columns
from strikewatch.store.schema import events, meta_table, metadata
from strikewatch.store.search import FTS_TABLE, PG_SEARCH_VECTOR, index_events

Migration = Callable[[Connection], None]

_V1 = MetaData()
_DOCUMENTS_1 = Table(
    "documents", _V1,
    Column("doc_key", String(64), primary_key=True),
    Column("doc_id", String(256), nullable=False, index=True),
    Column("source", Text), Column("url", Text), Column("outlet", Text), Column("title", Text),
    Column("published", Date), Column("published_from", String(16)),
    Column("text", Text, nullable=False), Column("original", Text, nullable=False),
    Column("offsets", Text, nullable=False), Column("ingested_at", String(32)),
)
_MENTIONS_1 = Table(
    "mentions", _V1,
    Column("mention_id", String(300), primary_key=True),
    Column("doc_key", String(64), ForeignKey("documents.doc_key", ondelete="CASCADE"), nullable=False, index=True),
    Column("type", String(32)), Column("modality", String(16)), Column("date_start", Date),
    Column("place_id", String(64)), Column("data", Text, nullable=False),
)


def _migration_1(conn: Connection) -> None:
    """Articles, their mentions, and events."""
    _V1.create_all(conn, checkfirst=False)
    conn.execute(text("CREATE TABLE events (event_id VARCHAR(32) PRIMARY KEY, type VARCHAR(32), date_start DATE, "
                      "country VARCHAR(2), lat FLOAT, lon FLOAT, n_mentions INTEGER, data TEXT NOT NULL)"))
    for name in ("type", "date_start", "country"):
        conn.execute(text(f"CREATE INDEX ix_events_{name} ON events ({name})"))


_V2 = MetaData()
Table(
    "event_mentions", _V2,
    Column("event_id", String(32), nullable=False, index=True),
    Column("mention_id", String(300), nullable=False, index=True),
)


def _migration_2(conn: Connection) -> None:
    """Incremental resolution: each event's block, and which mentions each event holds."""
    conn.execute(text("ALTER TABLE events ADD COLUMN block VARCHAR(300) NOT NULL DEFAULT ''"))
    conn.execute(text("CREATE INDEX ix_events_block ON events (block)"))
    _V2.create_all(conn, checkfirst=False)


_V3 = MetaData()
Table(
    "reviews", _V3,
    Column("review_id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(32), nullable=False, index=True),
    Column("action", String(16), nullable=False), Column("field", String(32)),
    Column("other_id", String(32), index=True),
    Column("value", Text), Column("before", Text),
    Column("reviewer", String(128), nullable=False), Column("at", String(32), nullable=False),
)
Table(
    "tokens", _V3,
    Column("name", String(128), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
)
_EVENT_COLUMNS_3 = (("date_end", "DATE"), ("size_low", "BIGINT"), ("size_high", "BIGINT"), ("place_name", "TEXT"),
                    ("search", "TEXT"), ("status", "VARCHAR(16) NOT NULL DEFAULT 'ok'"),
                    ("origin", "VARCHAR(16) NOT NULL DEFAULT 'machine'"), ("machine", "TEXT"))


def _migration_3(conn: Connection) -> None:
    """Review and search: the reviews log, write tokens, filter columns and a full-text index."""
    for name, sql_type in _EVENT_COLUMNS_3:
        conn.execute(text(f"ALTER TABLE events ADD COLUMN {name} {sql_type}"))
    conn.execute(text("CREATE INDEX ix_events_status ON events (status)"))
    _V3.create_all(conn, checkfirst=False)
    if conn.dialect.name == "sqlite":
        conn.execute(text(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(event_id UNINDEXED, body, "
                          "tokenize='porter unicode61')"))
    else:
        conn.execute(text(f"CREATE INDEX ix_events_search ON events USING GIN ({PG_SEARCH_VECTOR})"))
    rows = [{"event_id": event_id, **event_columns(json.loads(data))}
            for event_id, data in conn.execute(select(events.c.event_id, events.c.data))]
    for row in rows:
        conn.execute(events.update().where(events.c.event_id == row["event_id"]).values(row))
    index_events(conn, rows)


def _migration_4(conn: Connection) -> None:
    """Pending resolution: an article is `resolved` once its events are written. Articles stored
    before this migration count as pending, so the next resolve heals any a killed run left."""
    conn.execute(text("ALTER TABLE documents ADD COLUMN resolved BOOLEAN NOT NULL DEFAULT false"))
    conn.execute(text("CREATE INDEX ix_documents_resolved ON documents (resolved)"))


def _migration_5(conn: Connection) -> None:
    """A reviewer's note (the reason for a change) on each review."""
    conn.execute(text("ALTER TABLE reviews ADD COLUMN note TEXT"))


_V6 = MetaData()
Table(
    "source_state", _V6,
    Column("url", String(2048), primary_key=True),
    Column("name", Text), Column("kind", String(16)),
    Column("etag", Text), Column("last_modified", Text),
    Column("last_run", String(32)), Column("last_success", String(32)), Column("last_error", Text),
    Column("last_line", Text),
)
Table(
    "pages", _V6,
    Column("url", String(2048), primary_key=True),
    Column("source_url", String(2048), index=True),
    Column("status", String(16), nullable=False, index=True),
    Column("final_url", String(2048), index=True), Column("canonical_url", String(2048), index=True),
    Column("http_status", Integer), Column("error", Text),
    Column("attempts", Integer, nullable=False, server_default=text("0")), Column("next_attempt", String(32)),
    Column("fetched_at", String(32)), Column("http_date", Text), Column("http_last_modified", Text),
    Column("etag", Text), Column("content_type", Text),
    Column("body", LargeBinary), Column("body_sha", String(64), index=True),
    Column("entry_title", Text), Column("entry_published", Date), Column("outlet", Text),
    Column("language", String(16)),
    Column("doc_id", String(256)), Column("published", Date), Column("published_from", String(16)),
)


def _migration_6(conn: Connection) -> None:
    """Live sources: `source_state` and `pages` (raw fetched pages)."""
    _V6.create_all(conn, checkfirst=False)


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
    """Indexes for a large store (IF NOT EXISTS, on both databases)."""
    for name, columns in _INDEXES_7.items():
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON events ({columns})"))


# The web page lists newest first: the date order the other way, undated still last, with its
# own index (the ascending one would leave a sort of every matching event for each page).
_INDEXES_8 = {"ix_events_listing_newest": "status, (date_start IS NULL), date_start DESC, event_id"}


def _migration_8(conn: Connection) -> None:
    """The newest-first listing index (IF NOT EXISTS, on both databases)."""
    for name, columns in _INDEXES_8.items():
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON events ({columns})"))


# The place filter (names found in `place_names` first, then their events: a place's events in
# either date order, with the size filter's columns, so a page of one place walks its index and
# stops, and its count reads the index alone), and the size orders, which had no index: a page by
# size sorted every matching event. The position index serves the map: a bbox is a range of it,
# and the cells read it alone.
_INDEXES_9 = {
    "ix_events_place": "status, place_name, (date_start IS NULL), date_start, event_id, size_high, size_low",
    "ix_events_place_newest": "status, place_name, (date_start IS NULL), date_start DESC, event_id, size_high, "
                              "size_low",
    "ix_events_position": "status, lat, lon, type, size_high, event_id",
    "ix_events_size": "status, (size_high IS NULL), size_high, (date_start IS NULL), date_start DESC, event_id",
    "ix_events_size_desc": "status, (size_high IS NULL), size_high DESC, (date_start IS NULL), date_start DESC, "
                           "event_id",
}


def _migration_9(conn: Connection) -> None:
    """Place names, the indexes of the place filter, the size orders and the map, the store's
    generation (a count of write transactions, which a response cache keys on), and the map's cells
    and the events' counts counted ahead. IF NOT EXISTS and ON CONFLICT DO NOTHING, on both databases, as in 7 and 8."""
    conn.execute(text("CREATE TABLE IF NOT EXISTS place_names (name TEXT PRIMARY KEY)"))
    conn.execute(text("INSERT INTO place_names (name) SELECT DISTINCT place_name FROM events "
                      "WHERE place_name IS NOT NULL ON CONFLICT DO NOTHING"))
    for name, columns in _INDEXES_9.items():
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON events ({columns})"))
    conn.execute(text("INSERT INTO meta (k, v) VALUES ('generation', '0') ON CONFLICT DO NOTHING"))
    conn.execute(text("CREATE TABLE IF NOT EXISTS map_cells (gx INTEGER NOT NULL, gy INTEGER NOT NULL, "
                      "status VARCHAR(16) NOT NULL, n INTEGER NOT NULL, sum_lat FLOAT, sum_lon FLOAT, min_lat FLOAT, "
                      "max_lat FLOAT, min_lon FLOAT, max_lon FLOAT, first_id VARCHAR(32), first_type VARCHAR(32), "
                      "max_size BIGINT, PRIMARY KEY (gx, gy, status))"))
    cell = {"sqlite": "CAST(({} + {}) / 0.3515625 AS INTEGER)"}.get(conn.dialect.name, "floor(({} + {}) / 0.3515625)")
    gx, gy = cell.format("lon", 180), cell.format("lat", 90)  # the finest clustered zoom's cells (map_cells.py)
    conn.execute(text("DELETE FROM map_cells"))
    conn.execute(text(f"INSERT INTO map_cells SELECT {gx}, {gy}, status, count(*), sum(lat), sum(lon), min(lat), "
                      "max(lat), min(lon), max(lon), min(event_id), min(type), max(size_high) FROM events "
                      f"WHERE lat IS NOT NULL AND lon IS NOT NULL GROUP BY status, {gx}, {gy}"))
    conn.execute(text("CREATE TABLE IF NOT EXISTS event_counts (status VARCHAR(16) NOT NULL, "
                      "type VARCHAR(32) NOT NULL, country VARCHAR(2) NOT NULL, n BIGINT NOT NULL, "
                      "PRIMARY KEY (status, type, country))"))
    conn.execute(text("DELETE FROM event_counts"))
    conn.execute(text("INSERT INTO event_counts (status, type, country, n) SELECT status, type, "
                      "coalesce(country, ''), count(*) FROM events GROUP BY status, type, coalesce(country, '')"))


def _migration_10(conn: Connection) -> None:
    """The language of each article (`ingest.language`). Articles stored before were read as English.
    Run again (a store rewound to an earlier version), it leaves the column as it is."""
    if "language" not in {c["name"] for c in inspect(conn).get_columns("documents")}:
        conn.execute(text("ALTER TABLE documents ADD COLUMN language VARCHAR(8)"))
        conn.execute(text("UPDATE documents SET language = 'en'"))


# The orders that had no index of their own (type, place, mentions: a page sorted every matching
# event), each way, in the shape of the size orders' (migration 9); and the events' length in
# days, whose greatest value bounds how early an event that reaches a `since` day can start, so
# that filter becomes a range of the date indexes (events.py, `since_bound`; its SPAN_DAYS must
# stay this index's expression, which tests/test_serving.py checks in the plan).
_INDEXES_11 = {
    f"ix_events_by_{name}{suffix}": f"status, ({column} IS NULL), {column}{direction}, (date_start IS NULL), "
                                    "date_start DESC, event_id"
    for name, column in (("type", "type"), ("place", "place_name"), ("mentions", "n_mentions"))
    for suffix, direction in (("", ""), ("_desc", " DESC"))
}
# The timeline of a country (its events by day and type, read from the index alone, in its order).
_INDEXES_11["ix_events_timeline"] = "status, country, date_start, type"
SPAN_DAYS = {"sqlite": "CAST(julianday(date_end) - julianday(date_start) AS INTEGER)",
             "postgresql": "(date_end - date_start)"}


def _migration_11(conn: Connection) -> None:
    """The indexes of the type, place and mentions orders, of a country's timeline and of the
    events' length in days (IF NOT EXISTS, on both databases, as in 7 to 9)."""
    for name, columns in _INDEXES_11.items():
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON events ({columns})"))
    conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_events_span ON events (({SPAN_DAYS[conn.dialect.name]}))"))


MIGRATIONS: list[Migration] = [_migration_1, _migration_2, _migration_3, _migration_4, _migration_5, _migration_6,
                               _migration_7, _migration_8, _migration_9, _migration_10, _migration_11]
SCHEMA_VERSION = len(MIGRATIONS)


def apply_migrations(conn: Connection, migrations: Sequence[Migration]) -> int:
    """Apply the migrations the database lacks, inside the caller's transaction; returns the version."""
    metadata.create_all(conn, tables=[meta_table])
    row = conn.execute(select(meta_table.c.v).where(meta_table.c.k == "schema_version")).first()
    version = int(row[0]) if row else 0
    for number, migration in enumerate(migrations[version:], start=version + 1):
        migration(conn)
        if row is None and number == 1:
            conn.execute(insert(meta_table).values(k="schema_version", v="1"))
        else:
            conn.execute(meta_table.update().where(meta_table.c.k == "schema_version").values(v=str(number)))
    return max(version, len(migrations))


def bump_generation(conn: Connection) -> None:
    """Count one more write transaction (inside it, so the count and the write commit together)."""
    conn.execute(text("UPDATE meta SET v = CAST(CAST(v AS BIGINT) + 1 AS VARCHAR(20)) WHERE k = 'generation'"))


def generation(conn: Connection) -> int:
    """How many write transactions the store has committed (0 before migration 9)."""
    value = conn.execute(select(meta_table.c.v).where(meta_table.c.k == "generation")).scalar()
    return int(value) if value is not None else 0


def stored_version(conn: Connection) -> int | None:
    """The schema version a database holds; None when it holds no store's tables yet."""
    if not inspect(conn).has_table(meta_table.name):
        return None
    row = conn.execute(select(meta_table.c.v).where(meta_table.c.k == "schema_version")).first()
    return int(row[0]) if row else None


def schema_version(conn: Connection) -> int:
    """The schema version of a store (0 for a database that holds none yet)."""
    return stored_version(conn) or 0
