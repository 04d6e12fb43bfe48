"""Full-text search over the events' sentences, places, sites and organisations.

SQLite keeps an FTS5 table beside `events` (rowid: a hash of the event id), written and cleared
with the events; PostgreSQL matches a GIN-indexed `to_tsvector` of the `search` column, so it has
nothing to write.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from sqlalchemy import column, literal_column, text
from sqlalchemy.engine import Connection

FTS_TABLE = "events_fts"
PG_SEARCH_VECTOR = "to_tsvector('english', coalesce(search, ''))"


FEW_MATCHES = 2000  # SQLite: at most this many matches are fetched by id and ordered, more are met in list order


def words_condition(words_text: str | None, dialect: str, matches: int | None = None) -> Any | None:
    """The condition 'the event's text holds every word of `words_text`', or None without words.
    `matches`: how many events the words match, when counted first (`count_matches`)."""
    words = re.findall(r"\w+", words_text or "")
    if not words:
        return None
    if dialect == "sqlite":
        match = " ".join(f'"{w}"' for w in words)  # quoted: user text is never FTS5 query syntax
        found = (text(f"SELECT event_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_words")
                 .bindparams(fts_words=match).columns(column("event_id")))
        if matches is not None and matches <= FEW_MATCHES:
            return literal_column("events.event_id").in_(found)  # the few found by id, then ordered
        # "+event_id": not a way in by the primary key, so SQLite walks the listing index in page
        # order, checking each event against the matches (read once), and stops when the page is
        # full, rather than fetching and sorting every match of a common word.
        return literal_column("+events.event_id").in_(found)
    return (text(f"{PG_SEARCH_VECTOR} @@ plainto_tsquery('english', :fts_words)")
            .bindparams(fts_words=" ".join(words)))


def count_matches(conn: Connection, words_text: str | None) -> int | None:
    """How many events hold every word (SQLite's index, counted up to a little past FEW_MATCHES);
    None on PostgreSQL, whose planner weighs the words itself, or without words."""
    words = re.findall(r"\w+", words_text or "")
    if not words or conn.dialect.name != "sqlite":
        return None
    match = " ".join(f'"{w}"' for w in words)
    return conn.execute(text(f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_words "
                             "LIMIT :most)"), {"fts_words": match, "most": FEW_MATCHES + 1}).scalar_one()


def count_with_status(conn: Connection, words_text: str, status: str) -> int:
    """SQLite: how many events of this status (ok, wrong, or all but merged) hold every word,
    counted from the index (which holds every event, whatever its status) less the matches of the
    other statuses, which are few: rather than every event of the status checked against the matches."""
    match = " ".join(f'"{w}"' for w in re.findall(r"\w+", words_text))
    found = f"SELECT event_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_words"
    if status == "wrong":
        return conn.execute(text(f"SELECT count(*) FROM events WHERE status = 'wrong' AND +event_id IN ({found})"),
                            {"fts_words": match}).scalar_one()
    others = "status != 'ok'" if status == "ok" else "status = 'merged'"
    every = conn.execute(text(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_words"),
                         {"fts_words": match}).scalar_one()
    left_out = conn.execute(text(f"SELECT count(*) FROM events WHERE {others} AND +event_id IN ({found})"),
                            {"fts_words": match}).scalar_one()
    return every - left_out


def _fts_rowid(event_id: str) -> int:
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def index_events(conn: Connection, rows: list[dict]) -> None:
    """Add these events rows (event_id, search) to the SQLite index."""
    if conn.dialect.name == "sqlite" and rows:
        conn.execute(text(f"INSERT INTO {FTS_TABLE} (rowid, event_id, body) VALUES (:rowid, :event_id, :body)"),
                     [{"rowid": _fts_rowid(r["event_id"]), "event_id": r["event_id"], "body": r["search"] or ""}
                      for r in rows])


def forget_events(conn: Connection, event_ids: list[str] | None) -> None:
    """Take these events (or, with None, every event) out of the SQLite index."""
    if conn.dialect.name != "sqlite":
        return
    if event_ids is None:
        conn.execute(text(f"DELETE FROM {FTS_TABLE}"))
    elif event_ids:
        conn.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :rowid"),
                     [{"rowid": _fts_rowid(event_id)} for event_id in event_ids])
