"""Events as lists, pages, map cells and counts: the filters, orders and keyset cursors of
`EventQuery`, and the row an event is stored as.

Every order puts missing values last on both databases (SQLite sorts NULL first, PostgreSQL
last) and breaks ties by date then id; a page cursor is the last event's place in that order.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from typing import Any

from sqlalchemy import false, func, literal, literal_column, select, tuple_
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from strikewatch import review
from strikewatch.codec import day_from
from strikewatch.store import event_counts, map_cells
from strikewatch.store.bounds import chunks, findable
from strikewatch.store.schema import events, place_names
from strikewatch.store.search import FEW_MATCHES, count_matches, words_condition


@dataclass
class EventQuery:
    """Filters over the events; every one optional. `status`: ok (the default), wrong, or all but merged."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    types: list[str] = dataclass_field(default_factory=list)
    place: str | None = None  # part of the place name, any case
    place_names: list[str] = dataclass_field(default_factory=list)  # or one of these names (another name's place)
    # The stored names `place` and `place_names` come to, when the store looked them up first (`with_places`).
    place_matches: list[str] | None = None
    text_matches: int | None = None  # how many events `text` matches, when the store counted them first
    size_min: int | None = None
    size_max: int | None = None
    text: str | None = None  # words of the source sentences (full-text search)
    status: str = "ok"
    sort: str = "date"  # one of SORTS; a leading "-" for descending. Undated (or unsized) events always last.


MAX_PLACE_MATCHES = 500  # more names than this: the filter stays a subquery rather than a long IN list
SORTS = ("date", "-date", "size", "-size", "type", "-type", "place", "-place", "mentions", "-mentions")


def conditions(q: EventQuery, dialect: str) -> list:
    # "+status" (SQLite): when the words match few events, no index of the status is a way in, so
    # those few are fetched by id rather than every event of the status checked against them.
    status = literal_column("+events.status") if dialect == "sqlite" and few_matches(q) else events.c.status
    where: list = [status == q.status] if q.status in ("ok", "wrong") else [status != "merged"]
    where += _field_conditions(q)
    if q.place:
        where.append(_place_condition(q))
    if (words := words_condition(q.text, dialect, q.text_matches)) is not None:
        where.append(words)
    return where


def _field_conditions(q: EventQuery) -> list:
    """The conditions on the event's own columns: days, country, types and size."""
    asked = [
        (q.since, lambda: func.coalesce(events.c.date_end, events.c.date_start) >= q.since),
        (q.until, lambda: events.c.date_start <= q.until),
        (q.country, lambda: events.c.country == (q.country or "").upper()),
        (q.types, lambda: events.c.type.in_(q.types)),
        (q.size_min is not None, lambda: events.c.size_high >= q.size_min),
        (q.size_max is not None, lambda: events.c.size_low <= q.size_max),
    ]
    return [condition() for given, condition in asked if given]


def _place_condition(q: EventQuery) -> Any:
    if not findable(q.place or ""):
        return false()  # no stored name holds a NUL
    if q.place_matches is not None:
        return events.c.place_name.in_(q.place_matches) if q.place_matches else false()
    return events.c.place_name.in_(names_matching(q.place or "", q.place_names))


def few_matches(q: EventQuery) -> bool:
    """Whether the words were counted first and match few events."""
    return q.text_matches is not None and q.text_matches <= FEW_MATCHES


def only_status(q: EventQuery) -> bool:
    """Whether the query filters by status alone (what the cells counted ahead answer)."""
    return not (q.since or q.until or q.country or q.types or q.place or q.size_min is not None
                or q.size_max is not None or (q.text and q.text.strip()))


def names_matching(part: str, other_names: list[str]) -> Any:
    """The stored place names holding `part` (any case), or among `other_names`: a scan of the few
    distinct names, whose events the place index then finds."""
    escaped = part.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = func.lower(place_names.c.name).like(f"%{escaped}%", escape="\\")
    return select(place_names.c.name).where(like | place_names.c.name.in_(other_names) if other_names else like)


_SORT_COLUMNS = {"date": events.c.date_start, "size": events.c.size_high, "type": events.c.type,
                 "place": events.c.place_name, "mentions": events.c.n_mentions}


def order_by(sort: str) -> list:
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


def located(bbox: tuple[float, float, float, float] | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [events.c.lat.is_not(None), events.c.lon.is_not(None)]
    if bbox is not None:
        west, south, east, north = bbox
        where += [events.c.lat >= south, events.c.lat <= north, events.c.lon >= west, events.c.lon <= east]
    return where


def sort_keys(sort: str) -> list[tuple[Any, bool]]:
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
    values = [_RECORD_KEYS[col.name](record) for col, _ in sort_keys(sort)]
    return make_cursor(sort, values)


def make_cursor(sort: str, values: list) -> str:
    plain = json.dumps([sort, *(v.isoformat() if isinstance(v, dt.date) else v for v in values)])
    return base64.urlsafe_b64encode(plain.encode("utf-8")).decode("ascii").rstrip("=")


def after_cursor(cursor: str, sort: str) -> Any:
    """The condition 'after this cursor' in the `sort` order; ValueError if malformed or of another order."""
    try:
        fields = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, UnicodeDecodeError):
        raise ValueError(f"not a page cursor: {cursor[:40]!r}") from None
    keys = sort_keys(sort)
    if not isinstance(fields, list) or len(fields) != len(keys) + 1 or fields[0] != sort:
        raise ValueError(f"not a page cursor of the {sort!r} order: {cursor[:40]!r}")
    values = [_cursor_value(col, value, cursor) for (col, _), value in zip(keys, fields[1:], strict=True)]
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


def _cursor_value(col: Any, value: Any, cursor: str) -> Any:
    """A cursor's value for one column, checked to be of the column's kind (ValueError if not)."""
    if value is None:
        return None
    if col is events.c.date_start:
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise ValueError(f"not a page cursor: {cursor[:40]!r}") from None
    if col.name in ("size_high", "n_mentions"):
        if not isinstance(value, int) or isinstance(value, bool) or not -2**63 <= value < 2**63:
            raise ValueError(f"not a page cursor: {cursor[:40]!r}")
        return value
    if not (isinstance(value, str) and findable(value)):
        raise ValueError(f"not a page cursor: {cursor[:40]!r}")
    return value


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


def page_rows(conn: Connection, where: list, sort: str, limit: int | None, offset: int,
          after: str | None) -> list[tuple[str, str]]:
    """(record JSON, page cursor) of each event of a page in the `sort` order."""
    if after is not None:
        where = [*where, after_cursor(after, sort)]
    keys = sort_keys(sort)
    # Undated (unsized, ...) events last on every database (SQLite sorts NULL first, PostgreSQL
    # last); the listing index holds the date order.
    result = conn.execute(select(events.c.data, *(col for col, _ in keys)).where(*where)
                          .order_by(*order_by(sort)).limit(limit).offset(offset or None))
    return [(data, make_cursor(sort, list(values))) for data, *values in result]


def with_places(conn: Connection, q: EventQuery) -> EventQuery:
    """The query with its place filter resolved to the stored names it matches (a few, looked up in
    `place_names`), so the events are found by name through the place indexes; and with its words'
    matches counted, so that a few are found by id (SQLite)."""
    if q.text and q.text_matches is None:
        q = replace(q, text_matches=count_matches(conn, q.text))
    if not q.place or q.place_matches is not None or not findable(q.place):
        return q
    names = [name for (name,) in conn.execute(names_matching(q.place, q.place_names).order_by(place_names.c.name)
                                              .limit(MAX_PLACE_MATCHES + 1))]
    return q if len(names) > MAX_PLACE_MATCHES else replace(q, place_matches=names)


def remember_place_names(conn: Connection, rows: list[dict]) -> None:
    """Add the place names of these events rows to `place_names` (those it lacks)."""
    names = sorted({row["place_name"] for row in rows if row.get("place_name")})
    if not names:
        return
    upsert = sqlite_insert if conn.dialect.name == "sqlite" else postgresql_insert
    for chunk in chunks(names):
        conn.execute(upsert(place_names).values([{"name": n} for n in chunk]).on_conflict_do_nothing())


def event_columns(record: dict) -> dict:
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



def points(conn: Connection, query: EventQuery, limit: int,
           bbox: tuple[float, float, float, float] | None) -> list[dict]:
    """The located events that match (within `bbox`: west, south, east, north), in the few
    columns a map needs."""
    query = with_places(conn, query)
    cols = (events.c.event_id, events.c.type, events.c.date_start, events.c.lat, events.c.lon,
            events.c.size_low, events.c.size_high, events.c.place_name, events.c.n_mentions)
    where = [*conditions(query, conn.dialect.name), *located(bbox)]
    rows = conn.execute(select(*cols).where(*where).order_by(events.c.event_id).limit(limit))
    return [{"id": r.event_id, "type": r.type, "date_start": r.date_start.isoformat() if r.date_start else None,
             "lat": r.lat, "lon": r.lon, "size_low": r.size_low, "size_high": r.size_high,
             "place_name": r.place_name, "n_mentions": r.n_mentions} for r in rows]


def clusters(conn: Connection, query: EventQuery, zoom: int,
             bbox: tuple[float, float, float, float] | None) -> list[dict]:
    """The located events that match, counted per cell of a grid fitted to a map's `zoom` (a
    quarter of a 256-pixel tile a side), each cell at its events' mean position: every event's map
    adds up the cells counted ahead (`map_cells`), a filtered one reads its events."""
    if bbox is None and zoom <= map_cells.FINEST_ZOOM and only_status(query):
        return map_cells.cells(conn, query.status, zoom)
    query = with_places(conn, query)
    dialect = conn.dialect.name
    gx, gy = map_cells.grid(zoom, dialect)
    where = [*conditions(query, dialect), *located(bbox)]
    rows = conn.execute(select(func.count(), func.avg(events.c.lat), func.avg(events.c.lon),
                               func.min(events.c.event_id), func.min(events.c.type),
                               func.max(events.c.size_high)).where(*where).group_by(gx, gy)
                        .order_by(gx, gy))
    return [{"count": n, "lat": lat, "lon": lon, "id": first if n == 1 else None,
             "type": kind if n == 1 else None, "size_high": size} for n, lat, lon, first, kind, size in rows]


def bounds(conn: Connection, query: EventQuery) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the located events that match; None when there are none."""
    if only_status(query):
        return map_cells.extent(conn, query.status)
    query = with_places(conn, query)
    where = [*conditions(query, conn.dialect.name), *located(None)]
    west, south, east, north = conn.execute(select(
        func.min(events.c.lon), func.min(events.c.lat), func.max(events.c.lon), func.max(events.c.lat))
        .where(*where)).one()
    return None if west is None else (west, south, east, north)


def timeline(conn: Connection, query: EventQuery) -> list[dict]:
    """Events per day and type among those that match (dated events only)."""
    query = with_places(conn, query)
    where = [*conditions(query, conn.dialect.name), events.c.date_start.is_not(None)]
    rows = conn.execute(select(events.c.date_start, events.c.type, func.count()).where(*where)
                        .group_by(events.c.date_start, events.c.type).order_by(events.c.date_start))
    return [{"date": day.isoformat(), "type": etype, "events": n} for day, etype, n in rows]


def facets(conn: Connection, query: EventQuery) -> dict[str, dict[str, int]]:
    """Counts of the matching events by type, country and status."""
    if only_status(query):
        return event_counts.facets(conn, query.status)
    query = with_places(conn, query)
    where = conditions(query, conn.dialect.name)
    out: dict[str, dict[str, int]] = {"type": {}, "country": {}, "status": {}}
    groups = select(events.c.type, events.c.country, events.c.status, func.count()).where(*where)
    for *values, n in conn.execute(groups.group_by(events.c.type, events.c.country, events.c.status)):
        for name, value in zip(out, values, strict=True):
            out[name][value or "unknown"] = out[name].get(value or "unknown", 0) + n
    return out


def load_record(conn: Connection, event_id: str) -> dict | None:
    """One event's stored (reviewed) record, or None."""
    if not findable(event_id):
        return None
    row = conn.execute(select(events.c.data).where(events.c.event_id == event_id)).first()
    return json.loads(row[0]) if row else None
