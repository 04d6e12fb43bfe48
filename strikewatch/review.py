"""Review: reviewers' corrections replayed over the machine's events.

Every change is a `Review` (who, when, what, the value before and after), kept in the store's
`reviews` table. The store keeps the machine's record of each event and recomputes the reviewed
record from it with `apply` whenever the event or its reviews change. Event ids are stable across
re-runs, so corrections survive re-running the pipeline and show in every export.

Actions:
- `correct`: set one field (`CORRECTABLE`) to a value, with an optional note (the reviewer's reason).
  Several fields corrected in one request (both ends of a size range) are checked together.
- `wrong` / `restore`: mark the event as not a real event (left out of lists and exports) / undo.
- `merge`: fold another event into this one (its sentences, sizes and counts join); the other is
  hidden and points here.
- `split`: move some of the event's sentences (mention ids) into a new event `<id>.<review_id>`,
  which starts with the same fields; each part's size range is recomputed from its own sentences.

A correction sticks: whatever a later merge or split recomputes, every field a reviewer corrected
keeps the corrected value (the event's own correction first, then one of an event merged in), in
whatever order the reviews come. A split's new event keeps the corrections except the size range,
which it takes from its own sentences.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from strikewatch.ingest.storable import unstorable_reason
from strikewatch.limits import MAX_COUNT
from strikewatch.model import EventType

ACTIONS = ("correct", "wrong", "restore", "merge", "split")
_TEXT_FIELDS = ("site", "participants")
_LIST_FIELDS = ("organizations", "demands", "targets", "state_response")
_COUNT_FIELDS = ("size_low", "size_high", "arrests", "injuries", "deaths")
_DATE_FIELDS = ("date_start", "date_end")
CORRECTABLE = ("type", *_DATE_FIELDS, "date_precision", "place", *_TEXT_FIELDS, *_LIST_FIELDS, *_COUNT_FIELDS)
_PRECISIONS = ("day", "week", "month", "year")
_PLACE_PRECISIONS = ("site", "city", "region", "country")
MAX_TEXT = 500  # characters of a text field, of each item of a list field, of a place's names
MAX_ITEMS = 100  # items of a list field


class ReviewError(ValueError):
    """A review that cannot apply: unknown field, invalid value, missing event."""


@dataclass(frozen=True)
class Review:
    review_id: int
    event_id: str
    action: str
    field: str | None = None
    value: Any = None  # correct: the new value; merge: the other event's id; split: mention ids
    reviewer: str = ""
    at: str = ""
    before: Any = None
    note: str = ""


def clean_value(field: str, value: Any) -> Any:
    """The correction's value in its stored form; ReviewError when it does not fit the field."""
    if field not in CORRECTABLE:
        raise ReviewError(f"{field!r} cannot be corrected (correctable: {', '.join(CORRECTABLE)})")
    if value is None:
        if field == "type":
            raise ReviewError("type cannot be empty")
        return [] if field in _LIST_FIELDS else None
    for fields, clean in _CLEANERS:
        if field in fields:
            return clean(field, value)
    return _clean_place(value)


def _clean_type(field: str, value: Any) -> str:
    try:
        return EventType(value).value
    except ValueError:
        types = ", ".join(t.value for t in EventType)
        raise ReviewError(f"unknown type {_short(value)} (types: {types})") from None


def _clean_date(field: str, value: Any) -> str:
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ReviewError(f"{field} must be a date YYYY-MM-DD, not {_short(value)}") from None


def _clean_precision(field: str, value: Any) -> str:
    if value not in _PRECISIONS:
        raise ReviewError(f"date_precision must be one of {', '.join(_PRECISIONS)}")
    return value


def _clean_count(field: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise ReviewError(f"{field} must be a whole number from 0 to {MAX_COUNT:,}, not {_short(value)}")
    return value


def _clean_list(field: str, value: Any) -> list[str]:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise ReviewError(f"{field} must be a list of at most {MAX_ITEMS} texts")
    return [v for v in (_text(f"each of {field}", v) for v in value) if v]


# Each kind of correctable field with the function that checks and stores its value (a place: _clean_place).
_CLEANERS: tuple[tuple[Collection[str], Callable[[str, Any], Any]], ...] = (
    (("type",), _clean_type),
    (_DATE_FIELDS, _clean_date),
    (("date_precision",), _clean_precision),
    (_COUNT_FIELDS, _clean_count),
    (_TEXT_FIELDS, lambda field, value: _text(field, value) or None),
    (_LIST_FIELDS, _clean_list),
)


def _text(name: str, value: Any) -> str:
    """A text value, stripped; ReviewError when it is not text, is too long or cannot be stored."""
    if not isinstance(value, str):
        raise ReviewError(f"{name} must be text")
    if len(value) > MAX_TEXT:
        raise ReviewError(f"{name} may have at most {MAX_TEXT} characters, not {len(value):,}")
    if reason := unstorable_reason(value):
        raise ReviewError(f"{name} contains {reason}")
    return value.strip()


def _short(value: Any) -> str:
    """A value for an error message: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


def _clean_place(value: Any) -> dict:
    if not isinstance(value, dict) or not isinstance(value.get("name"), str) or not value["name"].strip():
        raise ReviewError("place must be an object with a name")
    place = {"name": _text("place.name", value["name"]), "admin1": value.get("admin1"),
             "country": value.get("country"), "lat": value.get("lat"), "lon": value.get("lon"),
             "precision": value.get("precision") or "city", "gazetteer_id": value.get("gazetteer_id")}
    for key in ("admin1", "gazetteer_id"):
        if place[key] is not None:
            place[key] = _text(f"place.{key}", place[key]) or None
    if place["country"] is not None:
        if not isinstance(place["country"], str) or len(place["country"]) != 2 or not place["country"].isalpha():
            raise ReviewError("place.country must be an ISO 3166-1 alpha-2 code")
        place["country"] = place["country"].upper()
    for key, limit in (("lat", 90), ("lon", 180)):
        v = place[key]
        if v is not None and (isinstance(v, bool) or not isinstance(v, int | float) or not -limit <= v <= limit):
            raise ReviewError(f"place.{key} must be a number between -{limit} and {limit}")
    if place["precision"] not in _PLACE_PRECISIONS:
        raise ReviewError(f"place.precision must be one of {', '.join(_PLACE_PRECISIONS)}")
    return place


def check(record: dict) -> None:
    """A reviewed record must still be a valid event."""
    low, high = record.get("size_low"), record.get("size_high")
    if low is not None and high is not None and low > high:
        raise ReviewError(f"size_low ({low}) is above size_high ({high})")
    start, end = record.get("date_start"), record.get("date_end")
    if start and end and start > end:
        raise ReviewError(f"date_start ({start}) is after date_end ({end})")


def _state(record: dict) -> dict:
    if record.get("review") is None:
        record["review"] = {"status": "ok", "corrected": [], "merged_from": [], "merged_into": None,
                            "split_from": None, "changes": 0}
    return record["review"]


def _mark(record: dict) -> dict:
    """The record's review state, counting one more review applied to it."""
    state = _state(record)
    state["changes"] += 1
    return state


def _corrections(record: dict, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields a reviewer corrected on this record, with their corrected values."""
    corrected = (record.get("review") or {}).get("corrected") or []
    return {name: copy.deepcopy(record.get(name)) for name in corrected if name not in leave_out}


def _pin(record: dict, pinned: dict[str, Any]) -> None:
    """Put corrected values back after a merge or split recomputed the record."""
    corrected = _state(record)["corrected"]
    for name, value in pinned.items():
        record[name] = value
        if name not in corrected:
            corrected.append(name)


def status(record: dict) -> str:
    return (record.get("review") or {}).get("status", "ok")


def _sizes_from_mentions(record: dict) -> None:
    lows = [m["size_low"] for m in record["mentions"] if m.get("size_low") is not None]
    highs = [m["size_high"] for m in record["mentions"] if m.get("size_high") is not None]
    record["size_low"], record["size_high"] = (min(lows) if lows else None), (max(highs) if highs else None)


def _fold(into: dict, other: dict) -> None:
    seen = {(m["doc_id"], m["start"]) for m in into["mentions"]}
    into["mentions"].extend(m for m in other["mentions"] if (m["doc_id"], m["start"]) not in seen)
    for key in ("size_low", "arrests", "injuries", "deaths", "size_high"):
        values = [v for v in (into.get(key), other.get(key)) if v is not None]
        into[key] = (min if key == "size_low" else max)(values) if values else None
    for key in _LIST_FIELDS:
        into[key] = into[key] + [v for v in other[key] if v not in into[key]]
    for key in ("site", "participants", "place", "date_start", "date_end", "date_precision"):
        if into.get(key) is None and other.get(key) is not None:
            into[key] = other[key]
    into["conflicts"] = into["conflicts"] + [c for c in other["conflicts"] if c not in into["conflicts"]]


def apply(machine: dict[str, dict], reviews: Iterable[Review]) -> dict[str, dict]:
    """The reviewed records: the machine's records with the reviews replayed in order.

    A review whose event the machine no longer finds is skipped (kept in the log). Records a
    review touched carry `review` (status ok/wrong/merged, corrected fields, merges and splits).
    """
    out = {event_id: copy.deepcopy(record) for event_id, record in machine.items()}
    for rv in sorted(reviews, key=lambda r: r.review_id):
        target = out.get(rv.event_id)
        if target is None or status(target) == "merged":
            continue
        if rv.action == "correct" and rv.field:
            target[rv.field] = rv.value
            corrected = _mark(target)["corrected"]
            if rv.field not in corrected:
                corrected.append(rv.field)
        elif rv.action in ("wrong", "restore"):
            _mark(target)["status"] = "wrong" if rv.action == "wrong" else "ok"
        elif rv.action == "merge":
            other = out.get(rv.value)
            if other is None or other is target or status(other) == "merged":
                continue
            pinned = {**_corrections(other), **_corrections(target)}
            _fold(target, other)
            _pin(target, pinned)
            _mark(target)["merged_from"].append(rv.value)
            _mark(other).update(status="merged", merged_into=rv.event_id)
        elif rv.action == "split":
            _split(out, target, rv)
    return out


def split_id(event_id: str, review_id: int) -> str:
    return f"{event_id}.{review_id}"


def _split(out: dict[str, dict], target: dict, rv: Review) -> None:
    moving = set(rv.value or [])
    moved = [m for m in target["mentions"] if m.get("mention_id") in moving]
    if not moved or len(moved) == len(target["mentions"]):
        return
    pinned = _corrections(target)
    child = copy.deepcopy(target)
    child["id"] = split_id(rv.event_id, rv.review_id)
    child["mentions"], child["conflicts"] = moved, []
    child["review"] = None
    _mark(child)["split_from"] = rv.event_id
    target["mentions"] = [m for m in target["mentions"] if m.get("mention_id") not in moving]
    _mark(target)
    for record in (target, child):
        _sizes_from_mentions(record)
    _pin(target, pinned)
    _pin(child, {k: v for k, v in pinned.items() if k not in ("size_low", "size_high")})
    out[child["id"]] = child


def prepare_change(record: dict, action: str, field: str | None, value: Any,
                   load: Callable[[str], dict | None]) -> tuple[str | None, Any, Any, str | None]:
    """(field, value, value before, other event's id) of a change to `record`, validated against
    it; `load` finds another event's record (what a merge names). ReviewError when it does not fit."""
    if action == "correct":
        if not field:
            raise ReviewError("a correction names the field it corrects")
        value = clean_value(field, value)
        return field, value, record.get(field), None
    if action in ("wrong", "restore"):
        return None, None, status(record), None
    if action == "merge":
        if not isinstance(value, str) or value == record["id"]:
            raise ReviewError("a merge names another event's id")
        other = load(value)
        if other is None or status(other) == "merged":
            raise ReviewError(f"no event {value!r} to merge")
        return None, value, None, value
    if action == "split":
        ids = {m.get("mention_id") for m in record["mentions"]}
        if not isinstance(value, list) or not value or not set(value) <= ids:
            raise ReviewError("a split names some of the event's mention ids")
        if set(value) >= ids:
            raise ReviewError("a split leaves at least one mention in the event")
        return None, sorted(value), None, None
    raise ReviewError(f"unknown action {action!r} (actions: {', '.join(ACTIONS)})")


def split_ids(reviews: Iterable[Review]) -> list[str]:
    """The ids of the events these reviews' splits make."""
    return [split_id(rv.event_id, rv.review_id) for rv in reviews if rv.action == "split"]


def replay(machine: dict[str, dict], reviews: list[Review], check_each: bool = False) -> dict[str, dict]:
    """`apply`, then with `check_each` every reviewed record checked (ReviewError if one is invalid)."""
    reviewed = apply(machine, reviews)
    if check_each:
        for record in reviewed.values():
            check(record)
    return reviewed
