"""Mentions to and from plain JSON-able dicts (what the store keeps), without losing evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from strikewatch.model import (
    DatePrecision,
    DateSpan,
    EventType,
    Evidence,
    Mention,
    Modality,
    Place,
    PlacePrecision,
    Sentence,
    SizeClaim,
)


def _ev(e: Evidence | None) -> dict | None:
    return None if e is None else {"text": e.text, "start": e.start, "end": e.end, "rule": e.rule, "reason": e.reason}


def _ev_from(d: dict | None) -> Evidence | None:
    return None if d is None else Evidence(d["text"], d["start"], d["end"], d["rule"], d.get("reason", ""))


def _day(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def day_from(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def place_to_dict(p: Place | None) -> dict | None:
    if p is None:
        return None
    return {"name": p.name, "precision": p.precision, "country": p.country, "admin1": p.admin1, "lat": p.lat,
            "lon": p.lon, "gazetteer_id": p.gazetteer_id, "evidence": _ev(p.evidence)}


def place_from_dict(d: dict | None) -> Place | None:
    if d is None:
        return None
    return Place(d["name"], PlacePrecision(d["precision"]), d.get("country"), d.get("admin1"), d.get("lat"),
                 d.get("lon"), d.get("gazetteer_id"), _ev_from(d.get("evidence")))


def date_to_dict(d: DateSpan | None) -> dict | None:
    if d is None:
        return None
    return {"start": _day(d.start), "end": _day(d.end), "precision": d.precision, "evidence": _ev(d.evidence)}


def date_from_dict(d: dict | None) -> DateSpan | None:
    if d is None:
        return None
    precision = d.get("precision")
    return DateSpan(day_from(d["start"]), day_from(d["end"]), DatePrecision(precision) if precision else None,
                    _ev_from(d.get("evidence")))


def mention_to_dict(m: Mention) -> dict[str, Any]:
    return {
        "mention_id": m.mention_id, "doc_id": m.doc_id,
        "sentence": {"text": m.sentence.text, "start": m.sentence.start, "end": m.sentence.end,
                     "paragraph": m.sentence.paragraph},
        "type": m.type.value, "trigger": _ev(m.trigger), "modality": m.modality.value,
        "date": date_to_dict(m.date), "place": place_to_dict(m.place), "place_text": m.place_text,
        "site": m.site, "participants": m.participants, "organizations": m.organizations,
        "sizes": [{"low": s.low, "high": s.high, "text": s.text, "claimant": s.claimant,
                   "evidence": _ev(s.evidence)} for s in m.sizes],
        "demands": m.demands, "targets": m.targets, "arrests": m.arrests, "injuries": m.injuries,
        "deaths": m.deaths, "state_response": m.state_response,
        "evidence": {k: _ev(v) for k, v in m.evidence.items()}, "start": m.start, "end": m.end,
    }


def mention_from_dict(d: dict[str, Any]) -> Mention:
    s = d["sentence"]
    return Mention(
        doc_id=d["doc_id"], sentence=Sentence(s["text"], s["start"], s["end"], s["paragraph"]),
        type=EventType(d["type"]), trigger=_ev_from(d["trigger"]),  # type: ignore[arg-type]
        modality=Modality(d["modality"]), date=date_from_dict(d.get("date")),
        place=place_from_dict(d.get("place")), place_text=d.get("place_text"), site=d.get("site"),
        participants=d.get("participants"), organizations=list(d.get("organizations") or []),
        sizes=[SizeClaim(x["low"], x["high"], x["text"], x.get("claimant"), _ev_from(x.get("evidence")))
               for x in d.get("sizes") or []],
        demands=list(d.get("demands") or []), targets=list(d.get("targets") or []), arrests=d.get("arrests"),
        injuries=d.get("injuries"), deaths=d.get("deaths"), state_response=list(d.get("state_response") or []),
        evidence={k: _ev_from(v) for k, v in (d.get("evidence") or {}).items()},  # type: ignore[misc]
        start=d.get("start", 0), end=d.get("end", 0), mention_id=d["mention_id"],
    )
