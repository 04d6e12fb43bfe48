"""The event record resolution stores: a resolved event, its sentences and their sources, as the
JSON object every export and the API read (it validates against `schema/event.schema.json`)."""

# No `from __future__ import annotations` here: TypedDict reads NotRequired[...] from evaluated annotations.

from collections.abc import Iterable
from typing import Literal, NotRequired, TypedDict

from strikewatch.model import Conflict, ConflictValue, Event, Mention
from strikewatch.similarity import independent_sources

# The record's types mirror schema/event.schema.json (tests/test_record.py holds them to it): a key
# the schema requires is required here, the others are NotRequired.


class PlaceRecord(TypedDict):
    name: str
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: str
    gazetteer_id: str | None


class SizeClaimRecord(TypedDict):
    low: int
    high: int
    text: str
    claimant: str | None


class MentionRecord(TypedDict):
    mention_id: NotRequired[str]
    doc_id: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    file: NotRequired[str | None]
    language: NotRequired[str | None]
    sentence: str
    start: int
    end: int
    size_low: int | None
    size_high: int | None
    size_text: str | None
    size_claims: NotRequired[list[SizeClaimRecord]]
    date_text: str | None
    place_text: str | None


class ConflictValueRecord(TypedDict):
    value: list[int] | str
    doc_id: str
    claimant: NotRequired[str | None]


class ConflictRecord(TypedDict):
    field: Literal["size", "site", "arrests", "injuries", "deaths"]
    values: list[ConflictValueRecord]


class ReviewState(TypedDict):
    status: Literal["ok", "wrong", "merged"]
    corrected: list[str]
    merged_from: list[str]
    merged_into: str | None
    split_from: str | None
    changes: int


class EventRecord(TypedDict):
    id: str
    type: str
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    place: PlaceRecord | None
    site: str | None
    participants: str | None
    organizations: list[str]
    size_low: int | None
    size_high: int | None
    demands: list[str]
    targets: list[str]
    arrests: int | None
    injuries: int | None
    deaths: int | None
    state_response: list[str]
    confidence: float
    conflicts: list[ConflictRecord]
    independent_sources: NotRequired[int]
    merged_because: NotRequired[list[str]]
    mentions: list[MentionRecord]
    review: NotRequired[ReviewState | None]


def _conflict_record(c: Conflict) -> ConflictRecord:
    return {"field": c.field, "values": [_conflict_value_record(v) for v in c.values]}


def _conflict_value_record(v: ConflictValue) -> ConflictValueRecord:
    """A size range (a count: [n, n]) as a [low, high] list with its claimant; a site as its name."""
    if isinstance(v.value, tuple):
        return {"value": list(v.value), "doc_id": v.doc_id, "claimant": v.claimant}
    return {"value": v.value, "doc_id": v.doc_id}


def _mention_record(m: Mention, docs: dict[str, dict]) -> MentionRecord:
    meta = docs.get(m.doc_id, {})
    size_texts = "; ".join(s.text for s in m.sizes) or None
    return {
        "mention_id": m.mention_id, "doc_id": m.doc_id, "url": meta.get("url"), "outlet": meta.get("outlet"),
        "title": meta.get("title"), "published": meta.get("published"), "file": meta.get("file"),
        "language": meta.get("language"),
        "sentence": m.sentence.text, "start": m.start,
        "end": m.end,
        "size_low": m.size_low, "size_high": m.size_high, "size_text": size_texts,
        "size_claims": [{"low": c.low, "high": c.high, "text": c.text, "claimant": c.claimant} for c in m.sizes],
        "date_text": m.date.evidence.text if m.date and m.date.evidence and m.date.evidence.end else None,
        "place_text": m.place_text,
    }


def _first(values: Iterable):
    return next((v for v in values if v), None)


def _union(lists: Iterable[list[str]]) -> list[str]:
    out: list[str] = []
    for items in lists:
        for item in items:
            if item not in out:
                out.append(item)
    return out


def _max_count(ms: list[Mention], field: str) -> int | None:
    values = [getattr(m, field) for m in ms if getattr(m, field) is not None]
    return max(values) if values else None


def event_record(e: Event, docs: dict[str, dict]) -> EventRecord:
    """The public JSON record of an event (validated against the shipped JSON Schema in the tests)."""
    ms = e.mentions
    lows = [m.size_low for m in ms if m.size_low is not None]
    highs = [m.size_high for m in ms if m.size_high is not None]
    place: PlaceRecord | None = None
    if e.place:
        place = {"name": e.place.name, "admin1": e.place.admin1, "country": e.place.country, "lat": e.place.lat,
                 "lon": e.place.lon, "precision": e.place.precision, "gazetteer_id": e.place.gazetteer_id}
    return {
        "id": e.id, "type": e.type.value,
        "date_start": e.date.start.isoformat() if e.date and e.date.start else None,
        "date_end": e.date.end.isoformat() if e.date and e.date.end else None,
        "date_precision": e.date.precision if e.date and e.date.start else None,
        "place": place, "site": _first(m.site for m in ms), "participants": _first(m.participants for m in ms),
        "organizations": _union(m.organizations for m in ms), "size_low": min(lows) if lows else None,
        "size_high": max(highs) if highs else None, "demands": _union(m.demands for m in ms),
        "targets": _union(m.targets for m in ms), "arrests": _max_count(ms, "arrests"),
        "injuries": _max_count(ms, "injuries"), "deaths": _max_count(ms, "deaths"),
        "state_response": _union(m.state_response for m in ms), "confidence": e.confidence,
        "mentions": [_mention_record(m, docs) for m in ms], "conflicts": [_conflict_record(c) for c in e.conflicts],
        "independent_sources": independent_sources(ms), "merged_because": e.merged_because,
    }
