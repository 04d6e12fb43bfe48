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

import orjson
from sqlalchemy import false, func, literal_column, select, true
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from strikewatch import review
from strikewatch.codec import day_from
from strikewatch.store import event_counts, map_cells
from strikewatch.store.bounds import chunks, findable
from strikewatch.store.schema import events, place_names
from strikewatch.store.search import FEW_MATCHES, count_matches, words_condition, worth_probing


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
    text_probe: bool = False  # the words match so many events that a page probes the index per event (SQLite)
    longest_days: int | None = None  # the store's longest event in days, when looked up for `since` (`with_places`)
    size_min: int | None = None
    size_max: int | None = None
    text: str | None = None  # words of the source sentences (full-text search)
    status: str = "ok"
    sort: str = "date"  # one of SORTS; a leading "-" for descending. Undated (or unsized) events always last.


MAX_PLACE_MATCHES = 500  # more names than this: the filter stays a subquery rather than a long IN list
SORTS = ("date", "-date", "size", "-size", "type", "-type", "place", "-place", "mentions", "-mentions")


def conditions(q: EventQuery, dialect: str, paging: bool = False) -> list:
    """The query's conditions; `paging`: of a page (a LIMIT met walking its order), where words that
    match many events are checked event by event in the index (`EventQuery.text_probe`)."""
    # "+status" (SQLite): when the words match few events, no index of the status is a way in, so
    # those few are fetched by id rather than every event of the status checked against them.
    status = literal_column("+events.status") if dialect == "sqlite" and few_matches(q) else events.c.status
    where: list = [status == q.status] if q.status in ("ok", "wrong") else [status != "merged"]
    where += _field_conditions(q)
    if q.place:
        where.append(_place_condition(q))
    if (words := words_condition(q.text, dialect, q.text_matches, paging and q.text_probe)) is not None:
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
    return [condition() for given, condition in asked if given] + since_bound(q)


def since_bound(q: EventQuery) -> list:
    """With `since` and `until`, the earliest start an event that reaches `since` can have (`since`
    less the store's longest event), as a condition on `date_start`: what `since` means, said as a
    range of the date indexes, so a window's start narrows the scan as its end does. (`until`
    leaves out the events without a start, which this would.)"""
    if q.since is None or q.until is None or q.longest_days is None:
        return []
    longest = max(q.longest_days, 0)
    if longest >= (q.since - dt.date.min).days:
        return []
    return [events.c.date_start >= q.since - dt.timedelta(days=longest)]


# The events' length in days, as migration 11 indexes it (ix_events_span): the greatest is one index probe.
SPAN_DAYS = {"sqlite": "CAST(julianday(date_end) - julianday(date_start) AS INTEGER)",
             "postgresql": "(date_end - date_start)"}


def longest_days(conn: Connection) -> int:
    """The most days any stored event lasts (from its start to its end; 0 when none has both)."""
    span: ColumnElement[int] = literal_column(SPAN_DAYS[conn.dialect.name])
    return conn.execute(select(span).select_from(events).where(span.is_not(None)).order_by(span.desc())
                        .limit(1)).scalar() or 0


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


def only_counted(q: EventQuery) -> bool:
    """Whether the query filters by status, types and country alone (what the counts kept ahead answer)."""
    return only_status(replace(q, types=[], country=None))


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


def cursor_values(cursor: str, sort: str) -> list:
    """The values of a page cursor (one per `sort_keys` column); ValueError if malformed or of another order."""
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
    return values


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


Segment = tuple[list[Any], list[Any]]  # (conditions, ORDER BY) of one stretch of an order


def after_segments(cursor: str, sort: str) -> list[Segment]:
    """The rows after a cursor in the `sort` order, as consecutive stretches of that order: the
    rows equal to the cursor on its first k columns and after it on the next one, from the last
    column's stretch to the first's, each stretch of a column with missing values (last in every
    order) split in its present values after the cursor's and the missing ones. Each comes with
    its ORDER BY: the order less the columns its equalities fix.

    Each stretch is equalities on a prefix of the order's index and one range of the next column
    in one direction: a seek into that index on both databases, whichever way each column goes.
    A single condition 'after the cursor' in an order that mixes directions (newest first with ids
    ascending; a type, place, size or count, then newest first) is an OR no index range expresses,
    which PostgreSQL checked along the index from its start."""
    keys = list(zip(sort_keys(sort), cursor_values(cursor, sort), strict=True))
    segments: list[Segment] = []
    for depth in range(len(keys) - 1, -1, -1):
        prefix = [cond for (col, _), value in keys[:depth] for cond in _equal(col, value)]
        (col, descending), value = keys[depth]
        rest = [term for key, _ in keys[depth + 1:] for term in _order_terms(*key)]
        if depth == len(keys) - 1:  # the id: never missing, ascending
            segments.append(([*prefix, col > value], [col]))
            continue
        if value is None:
            continue  # the missing ones come last: none after them but their own ties (the deeper stretches)
        later = (col < value) if descending else (col > value)
        segments.append(([*prefix, col.is_(None).is_(false()), later], [col.desc() if descending else col, *rest]))
        segments.append(([*prefix, *_equal(col, None)], rest))
    return segments


def _equal(col: Any, value: Any) -> list[Any]:
    """The column equal to a cursor's value: the index's missing-last term, then the column (IS NULL
    too when missing, which SQLite takes as an equality, so the index's later columns give the order)."""
    missing = col.is_(None)
    return [missing.is_(true()), col.is_(None)] if value is None else [missing.is_(false()), col == value]


def _order_terms(col: Any, descending: bool) -> list[Any]:
    if col is events.c.event_id:
        return [col]
    return [col.is_(None), col.desc() if descending else col]


def page_rows(conn: Connection, where: list, sort: str, limit: int | None, offset: int,
              after: str | None) -> list[tuple[str, str]]:
    """(record JSON, page cursor) of each event of a page in the `sort` order: the first page (or
    one `offset` rows in) in one query; a keyset page one stretch after the cursor at a time
    (`after_segments`), until it is full."""
    # Undated (unsized, ...) events last on every database (SQLite sorts NULL first, PostgreSQL
    # last); an index holds each order.
    page = select(events.c.data, *(col for col, _ in sort_keys(sort))).where(*where)
    if after is None:
        rows = conn.execute(page.order_by(*order_by(sort)).limit(limit).offset(offset or None)).all()
    else:
        rows = []
        for segment, order in after_segments(after, sort):
            wanted = None if limit is None else limit + offset - len(rows)
            if wanted == 0:
                break
            rows += conn.execute(page.where(*segment).order_by(*order).limit(wanted)).all()
        rows = rows[offset:]
    return [(data, make_cursor(sort, list(values))) for data, *values in rows]


def with_places(conn: Connection, q: EventQuery) -> EventQuery:
    """The query with its place filter resolved to the stored names it matches (a few, looked up in
    `place_names`), so the events are found by name through the place indexes; with its words'
    matches counted, so that a few are found by id (SQLite); and, for a window of days, with the
    store's longest event (`since_bound`)."""
    if q.text and q.text_matches is None:
        matches = count_matches(conn, q.text)
        probe = matches is not None and worth_probing(matches, event_counts.total(conn, "all"))
        q = replace(q, text_matches=matches, text_probe=probe)
    if q.since and q.until and q.longest_days is None:
        q = replace(q, longest_days=longest_days(conn))
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
    rows = conn.execute(select(*cols).where(*where).order_by(events.c.event_id).limit(limit)).all()
    return [{"id": r.event_id, "type": r.type, "date_start": r.date_start.isoformat() if r.date_start else None,
             "lat": r.lat, "lon": r.lon, "size_low": r.size_low, "size_high": r.size_high,
             "place_name": r.place_name, "n_mentions": r.n_mentions} for r in rows]


def clusters(conn: Connection, query: EventQuery, zoom: int,
             bbox: tuple[float, float, float, float] | None) -> list[dict]:
    """The located events that match, counted per cell of a grid fitted to a map's `zoom` (a
    quarter of a 256-pixel tile a side), each cell at its events' mean position. With a box (a
    map's view), the cells the box meets, whole, as a map shows them, whichever way they are
    counted. Every event's map adds up the cells counted ahead (`map_cells`), a filtered one reads
    its events."""
    if zoom <= map_cells.FINEST_ZOOM and only_status(query):
        within = map_cells.in_cells(*map_cells.touching(bbox, zoom)) if bbox is not None else ()
        return map_cells.as_cells(map_cells.cell_sums(conn, query.status, zoom, within))
    where = located(None) if bbox is None else _in_fine_cells(conn, zoom, bbox)
    return map_cells.as_cells(_event_sums(conn, with_places(conn, query), zoom, where))


def _in_fine_cells(conn: Connection, zoom: int, bbox: tuple[float, float, float, float]) -> list[ColumnElement[bool]]:
    """Events of the fine cells a box meets (finer than the finest cells, the events in the box):
    found by position through the position index, kept by the cell the database computes, as the
    cells counted ahead were."""
    if zoom > map_cells.FINEST_ZOOM:
        return located(bbox)
    x0, y0, x1, y1 = map_cells.touching(bbox, zoom)
    cell, near = map_cells.CELL, map_cells.CELL / 1e6
    fine_x, fine_y = map_cells.grid(map_cells.FINEST_ZOOM, conn.dialect.name)
    return [*located(None), events.c.lat >= y0 * cell - 90 - near, events.c.lat < (y1 + 1) * cell - 90 + near,
            events.c.lon >= x0 * cell - 180 - near, events.c.lon < (x1 + 1) * cell - 180 + near,
            fine_x.between(x0, x1), fine_y.between(y0, y1)]


def _event_sums(conn: Connection, query: EventQuery, zoom: int, where: list) -> list[Any]:
    """Per cell at `zoom`, the sums of the matching events (`map_cells.as_cells`' rows)."""
    gx, gy = map_cells.grid(zoom, conn.dialect.name)
    return list(conn.execute(select(gx, gy, func.count(), func.sum(events.c.lat), func.sum(events.c.lon),
                                    func.min(events.c.event_id), func.min(events.c.type), func.max(events.c.size_high))
                             .where(*conditions(query, conn.dialect.name), *where).group_by(gx, gy)))


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
    if only_counted(query):
        return event_counts.facets(conn, query.status, query.types, query.country)
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
    return record_of(row[0]) if row else None


def record_of(data: str) -> dict:
    """A stored record, decoded in C; a record an older version stored with NaN or Infinity in it
    (which the standard library wrote and reads, and orjson refuses) by the standard library."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)
