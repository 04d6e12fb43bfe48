"""The events counted ahead by status, type and country: what the stats and totals of a filter
by status, types and country alone read, a few dozen rows, instead of counting the events.

Counts are exact integers kept by difference: each write that changes events subtracts the groups
of the rows it is about to change and adds those of the rows it wrote, in its own transaction;
replacing every event counts them all again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from strikewatch.store.bounds import chunks
from strikewatch.store.schema import event_counts, events

Group = tuple[str, str, str]  # status, type, country ('' when unknown)


def groups_of_rows(rows: Iterable[dict]) -> Counter[Group]:
    """The groups of these events rows."""
    return Counter((r["status"], r["type"], r.get("country") or "") for r in rows)


def groups_of_events(conn: Connection, where: Any) -> Counter[Group]:
    """The groups of the stored events matching `where`."""
    country = func.coalesce(events.c.country, "")
    query = select(events.c.status, events.c.type, country, func.count()).where(where).group_by(
        events.c.status, events.c.type, country)
    return Counter({(status, kind, place): n for status, kind, place, n in conn.execute(query)})


def groups_of_ids(conn: Connection, event_ids: Iterable[str]) -> Counter[Group]:
    found: Counter[Group] = Counter()
    for chunk in chunks(sorted(set(event_ids))):
        found.update(groups_of_events(conn, events.c.event_id.in_(chunk)))
    return found


def groups_of_blocks(conn: Connection, blocks: Iterable[str]) -> Counter[Group]:
    found: Counter[Group] = Counter()
    for chunk in chunks(sorted(set(blocks))):
        found.update(groups_of_events(conn, events.c.block.in_(chunk)))
    return found


def change(conn: Connection, removed: Counter[Group], added: Counter[Group]) -> None:
    """Subtract the groups of the rows removed (or changed) and add those of the rows written."""
    delta = Counter(added)
    delta.subtract(removed)
    params = [{"status": s, "type": t, "country": c, "n": n} for (s, t, c), n in sorted(delta.items()) if n]
    if not params:
        return
    upsert = (sqlite_insert if conn.dialect.name == "sqlite" else postgresql_insert)(event_counts).values(
        status=bindparam("status"), type=bindparam("type"), country=bindparam("country"), n=bindparam("n"))
    conn.execute(upsert.on_conflict_do_update(index_elements=["status", "type", "country"],
                                              set_={"n": event_counts.c.n + upsert.excluded.n}), params)
    conn.execute(event_counts.delete().where(event_counts.c.n == 0))


def rebuild(conn: Connection) -> None:
    """Count every event again (after every event was replaced)."""
    conn.execute(event_counts.delete())
    conn.execute(text("INSERT INTO event_counts (status, type, country, n) SELECT status, type, "
                      "coalesce(country, ''), count(*) FROM events GROUP BY status, type, coalesce(country, '')"))


def _where(status: str, types: Sequence[str], country: str | None) -> list[Any]:
    where = [event_counts.c.status == status if status in ("ok", "wrong") else event_counts.c.status != "merged"]
    if types:
        where.append(event_counts.c.type.in_(types))
    if country:
        where.append(event_counts.c.country == country.upper())
    return where


def total(conn: Connection, status: str, types: Sequence[str] = (), country: str | None = None) -> int:
    """How many events have this status (ok, wrong, or all but merged), and one of these types and
    this country when given."""
    query = select(func.coalesce(func.sum(event_counts.c.n), 0)).where(*_where(status, types, country))
    return int(conn.execute(query).scalar_one())


def facets(conn: Connection, status: str, types: Sequence[str] = (),
           country: str | None = None) -> dict[str, dict[str, int]]:
    """Counts of the events of this status (ok, wrong, or all but merged), and of these types and
    this country when given, by type, country and status."""
    out: dict[str, dict[str, int]] = {"type": {}, "country": {}, "status": {}}
    for kind, place, state, n in conn.execute(select(event_counts.c.type, event_counts.c.country,
                                                     event_counts.c.status, event_counts.c.n)
                                              .where(*_where(status, types, country))):
        for name, value in (("type", kind), ("country", place), ("status", state)):
            out[name][value or "unknown"] = out[name].get(value or "unknown", 0) + int(n)
    return out
