"""Reviews in the store: the log, replaying it over the machine's records, and write tokens.

What a review does to a record is `strikewatch.review` (domain logic, no SQL); this module reads
the reviews an event is linked to, writes the reviewed records back (with their filter columns
and search index), and keeps the reviewers' token hashes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from strikewatch import review
from strikewatch.review import Review, ReviewError
from strikewatch.store import event_counts, map_cells
from strikewatch.store.bounds import chunks, findable
from strikewatch.store.events import event_columns, load_record, remember_place_names
from strikewatch.store.schema import events, reviews, tokens
from strikewatch.store.search import forget_events, index_events

MAX_NOTE = 2000  # characters of a reviewer's note


def add_reviews(conn: Connection, event_id: str, reviewer: str, changes: list[tuple[str, str | None, Any]],
                note: str | None) -> list[dict]:
    """Record these changes to one event and apply them, inside the caller's write transaction."""
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        raise ReviewError(f"a note is at most {MAX_NOTE:,} characters")
    done, touched = [], {event_id}
    record = load_record(conn, event_id)
    if record is None or review.status(record) == "merged":
        raise ReviewError(f"no event {event_id!r}" if record is None else
                          f"event {event_id} was merged into {record['review']['merged_into']}")
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for action, field, value in changes:
        field, value, before, other = review.prepare_change(record, action, field, value,
                                                            lambda other_id: load_record(conn, other_id))
        key = conn.execute(insert(reviews).values(
            event_id=event_id, action=action, field=field, other_id=other, value=json.dumps(value),
            before=json.dumps(before), reviewer=reviewer, at=at, note=note)).inserted_primary_key
        assert key is not None  # an INSERT of one row always has its key
        review_id = key[0]
        touched |= {other} if other else set()
        done.append({"review_id": review_id, "event_id": event_id, "action": action, "field": field,
                     "value": value, "before": before, "reviewer": reviewer, "at": at, "note": note})
    refresh_reviewed(conn, touched, check=True)
    return done


def _touching(conn: Connection, event_ids: set[str]) -> tuple[set[str], list[Review]]:
    """The events linked to these by reviews (merges chain them), and those reviews."""
    ids, found = set(event_ids), {}
    while True:
        new: set[str] = set()
        for chunk in chunks(sorted(ids)):
            for r in conn.execute(select(reviews).where(reviews.c.event_id.in_(chunk) | reviews.c.other_id.in_(chunk))):
                found[r.review_id] = Review(r.review_id, r.event_id, r.action, r.field,
                                            json.loads(r.value) if r.value else None, r.reviewer, r.at,
                                            note=r.note or "")
                new.update(x for x in (r.event_id, r.other_id) if x and x not in ids)
        if not new:
            return ids, list(found.values())
        ids |= new


def _machine_records(conn: Connection, ids: set[str]) -> tuple[dict[str, dict], dict[str, str]]:
    """The machine's records of these events (not the split ones), and each one's block."""
    machine, blocks = {}, {}
    for chunk in chunks(sorted(ids)):
        for r in conn.execute(select(events.c.event_id, events.c.data, events.c.machine, events.c.block)
                              .where(events.c.event_id.in_(chunk), events.c.origin == "machine")):
            machine[r.event_id] = json.loads(r.machine or r.data)
            machine[r.event_id].pop("review", None)
            blocks[r.event_id] = r.block
    return machine, blocks


def refresh_reviewed(conn: Connection, event_ids: set[str], check: bool = False) -> None:
    """Recompute the reviewed records of these events (and those reviews link them to)."""
    ids, log = _touching(conn, event_ids)
    if not log:
        return
    machine, blocks = _machine_records(conn, ids)
    children = review.split_ids(log)
    touched = map_cells.cells_of_ids(conn, [*machine, *children])
    removed = event_counts.groups_of_ids(conn, [*machine, *children])
    forget_events(conn, children + list(machine))
    for chunk in chunks(sorted(children)):
        conn.execute(delete(events).where(events.c.event_id.in_(chunk), events.c.origin == "split"))
    rows = []
    for event_id, record in review.replay(machine, log, check_each=check).items():
        row = {"event_id": event_id, **event_columns(record)}
        if event_id in machine:
            row["machine"] = json.dumps(machine[event_id], ensure_ascii=False) if record.get("review") else None
            conn.execute(events.update().where(events.c.event_id == event_id).values(row))
        else:
            parent = record["review"]["split_from"]
            conn.execute(insert(events).values({**row, "block": blocks[parent], "origin": "split", "machine": None}))
        rows.append(row)
    index_events(conn, rows)
    remember_place_names(conn, rows)
    map_cells.recount(conn, touched | map_cells.cells_of_rows(rows))
    event_counts.change(conn, removed, event_counts.groups_of_rows(rows))


def reviews_log(conn: Connection, event_id: str | None, limit: int, offset: int) -> list[dict]:
    """The review log (of one event, as target or merged-in, or of all), oldest first."""
    query = select(reviews).order_by(reviews.c.review_id).limit(limit).offset(offset)
    if event_id is not None and not findable(event_id):
        return []
    if event_id is not None:
        query = query.where((reviews.c.event_id == event_id) | (reviews.c.other_id == event_id))
    return [{"review_id": r.review_id, "event_id": r.event_id, "action": r.action, "field": r.field,
             "value": json.loads(r.value) if r.value else None,
             "before": json.loads(r.before) if r.before else None, "reviewer": r.reviewer, "at": r.at,
             "note": r.note}
            for r in conn.execute(query)]


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def insert_token(conn: Connection, name: str) -> str:
    """A new write token for reviewer `name` (only its hash is kept); IntegrityError if the name is taken."""
    token = secrets.token_urlsafe(24)
    conn.execute(insert(tokens).values(name=name, token_hash=_token_hash(token),
                                       created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
    return token


def reviewer_of(conn: Connection, token: str) -> str | None:
    """The name a token belongs to, or None."""
    if not findable(token):
        return None
    row = conn.execute(select(tokens.c.name).where(tokens.c.token_hash == _token_hash(token))).first()
    return row[0] if row else None


def list_tokens(conn: Connection) -> list[dict]:
    return [{"name": r.name, "created_at": r.created_at}
            for r in conn.execute(select(tokens.c.name, tokens.c.created_at).order_by(tokens.c.name))]


def revoke_token(conn: Connection, name: str) -> bool:
    return conn.execute(delete(tokens).where(tokens.c.name == name)).rowcount > 0
