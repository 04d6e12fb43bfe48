"""Full-text search over the events' sentences, places, sites and organisations.

SQLite keeps an FTS5 table beside `events` (rowid: a hash of the event id), written and cleared
with the events; PostgreSQL matches a GIN-indexed `to_tsvector` of the `search` column, so it has
nothing to write.
"""

from __future__ import annotations

import hashlib
import os
import re
from typing import Any

from sqlalchemy import column, literal_column, text
from sqlalchemy.engine import Connection

from strikewatch.lang.morphology import morph

FTS_TABLE = "events_fts"
PG_SEARCH_VECTOR = "to_tsvector('english', coalesce(search, ''))"


FEW_MATCHES = 2000  # SQLite: at most this many matches are fetched by id and ordered, more are met in list order
# SQLite: a page of a word's matches met walking the list order costs either a read of every match
# (one set, then checked per event walked: about 5 µs a match) or a probe of the search index per
# event walked (about 90 µs, and a page of 100 walks 100 x events / matches of them). Probing wins
# when matches² > 18 x 100 x events.
PROBE_RATIO = 1800
FTS_ROWID_FUNCTION = "strikewatch_fts_rowid"  # the index's rowid of an event id, in SQL (`register_functions`)
_PROBE = (f"EXISTS (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_words "
          f"AND rowid = {FTS_ROWID_FUNCTION}(events.event_id))")  # this event holds the words: one seek in the index


def words_condition(words_text: str | None, dialect: str, matches: int | None = None,
                    probe: bool = False) -> Any | None:
    """The condition 'the event's text holds every word of `words_text`', or None without words.
    `matches`: how many events the words match, when counted first (`count_matches`); `probe`: a
    page of these words is met walking its order, each event looked up in the index (SQLite)."""
    words = re.findall(r"\w+", words_text or "")
    if not words:
        return None
    if dialect == "sqlite":
        match = _fts_query(words)
        if probe:
            return text(_PROBE).bindparams(fts_words=match)
        found = (text(f"SELECT event_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_words")
                 .bindparams(fts_words=match).columns(column("event_id")))
        if matches is not None and matches <= FEW_MATCHES:
            return literal_column("events.event_id").in_(found)  # the few found by id, then ordered
        # "+event_id": not a way in by the primary key, so SQLite walks the listing index in page
        # order, checking each event against the matches (read once), and stops when the page is
        # full, rather than fetching and sorting every match of a common word.
        return literal_column("+events.event_id").in_(found)
    plain = [w for w in words if _stem(w) is None]
    stems = [stem for w in words if (stem := _stem(w)) is not None]
    prefixes = " & ".join(f"{stem}:*" for stem in stems)  # Cyrillic letters only: no query syntax can get in
    if not stems:
        return (text(f"{PG_SEARCH_VECTOR} @@ plainto_tsquery('english', :fts_words)")
                .bindparams(fts_words=" ".join(plain)))
    if not plain:
        return text(f"{PG_SEARCH_VECTOR} @@ to_tsquery('english', :fts_stems)").bindparams(fts_stems=prefixes)
    return (text(f"{PG_SEARCH_VECTOR} @@ (plainto_tsquery('english', :fts_words) && to_tsquery('english', :fts_stems))")
            .bindparams(fts_words=" ".join(plain), fts_stems=prefixes))


def worth_probing(matches: int, events_total: int) -> bool:
    """Whether a page of words matching `matches` of `events_total` events is cheaper met by probing
    the index for each event walked than by reading every match first (SQLite)."""
    return matches > FEW_MATCHES and matches * matches > PROBE_RATIO * events_total


def _fts_query(words: list[str]) -> str:
    # quoted: user text is never FTS5 query syntax; a Russian word by its stem, as a prefix
    return " ".join(f'"{w}"' if (stem := _stem(w)) is None else f'"{stem}"*' for w in words)


_CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF]+")
_DECLINED = frozenset({"NOUN", "ADJF"})  # a name's or a noun's case forms share a stem; a verb's do not


def _stem(word: str) -> str | None:
    """A Russian noun's or adjective's stem, which all its case forms start with (the common prefix of
    the forms pymorphy3 gives: "Гомель", "Гомеле" -> гомел; "Орша" -> орш), else the word itself in
    lower case; None for any other word, and for a word of one to three letters, matched as it is."""
    if not _CYRILLIC_WORD.fullmatch(word) or len(word) < 4:
        return None
    lower = word.lower()
    parse = morph().parse(lower)[0]
    if parse.tag.POS not in _DECLINED:
        return lower
    stem = os.path.commonprefix([form.word for form in parse.lexeme])
    return stem if len(stem) >= 3 else lower


def count_matches(conn: Connection, words_text: str | None) -> int | None:
    """How many events (of any status) hold every word, from SQLite's index; None on PostgreSQL,
    whose planner weighs the words itself, or without words."""
    words = re.findall(r"\w+", words_text or "")
    if not words or conn.dialect.name != "sqlite":
        return None
    return conn.execute(text(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_words"),
                        {"fts_words": _fts_query(words)}).scalar_one()


def count_with_status(conn: Connection, words_text: str, status: str, matches: int) -> int:
    """SQLite: how many events of this status (ok, wrong, or all but merged) hold every word: the
    index's `matches` (every event, whatever its status) less the matches among the events of the
    other statuses (ok | wrong | merged), which are few, each looked up in the index: no match is read."""
    words = {"fts_words": _fts_query(re.findall(r"\w+", words_text))}
    if status == "wrong":
        return conn.execute(text(f"SELECT count(*) FROM events WHERE status = 'wrong' AND {_PROBE}"),
                            words).scalar_one()
    others = "'wrong', 'merged'" if status == "ok" else "'merged'"
    return matches - conn.execute(text(f"SELECT count(*) FROM events WHERE status IN ({others}) AND {_PROBE}"),
                                  words).scalar_one()


def register_functions(dbapi_conn: Any) -> None:
    """The SQL function the index's probes call (on each new SQLite connection)."""
    dbapi_conn.create_function(FTS_ROWID_FUNCTION, 1, _fts_rowid, deterministic=True)


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
