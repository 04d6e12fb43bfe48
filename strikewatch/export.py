"""Export: events as JSON Lines (the public contract, see schema/event.schema.json), CSV and GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from importlib import resources
from typing import IO

from strikewatch.model import Event, Mention

FORMATS = ("jsonl", "csv", "geojson")
CSV_COLUMNS = ["id", "type", "date_start", "date_end", "date_precision", "place_name", "admin1", "country",
               "lat", "lon", "place_precision", "site", "participants", "organizations", "size_low", "size_high",
               "demands", "targets", "arrests", "injuries", "deaths", "state_response", "confidence",
               "n_sources", "sources", "sentences"]


def load_schema() -> dict:
    return json.loads(resources.files("strikewatch").joinpath("schema/event.schema.json").read_text("utf-8"))


def _mention_record(m: Mention, docs: dict[str, dict]) -> dict:
    meta = docs.get(m.doc_id, {})
    size_texts = "; ".join(s.text for s in m.sizes) or None
    return {
        "mention_id": m.mention_id, "doc_id": m.doc_id, "url": meta.get("url"), "outlet": meta.get("outlet"),
        "title": meta.get("title"), "published": meta.get("published"), "sentence": m.sentence.text, "start": m.start,
        "end": m.end,
        "size_low": m.size_low, "size_high": m.size_high, "size_text": size_texts,
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


def event_record(e: Event, docs: dict[str, dict]) -> dict:
    """The public JSON record of an event (validated against the shipped JSON Schema in the tests)."""
    ms = e.mentions
    lows = [m.size_low for m in ms if m.size_low is not None]
    highs = [m.size_high for m in ms if m.size_high is not None]
    place = None
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
        "mentions": [_mention_record(m, docs) for m in ms], "conflicts": e.conflicts,
    }


def write_jsonl(records: Iterable[dict], out: IO[str]) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def csv_row(r: dict) -> dict:
    place = r.get("place") or {}
    return {
        **{k: r.get(k) for k in ("id", "type", "date_start", "date_end", "date_precision", "site", "participants",
                                 "size_low", "size_high", "arrests", "injuries", "deaths", "confidence")},
        "place_name": place.get("name"), "admin1": place.get("admin1"), "country": place.get("country"),
        "lat": place.get("lat"), "lon": place.get("lon"), "place_precision": place.get("precision"),
        "organizations": "; ".join(r["organizations"]), "demands": "; ".join(r["demands"]),
        "targets": "; ".join(r["targets"]), "state_response": "; ".join(r["state_response"]),
        "n_sources": len({m["doc_id"] for m in r["mentions"]}),
        "sources": "; ".join(sorted({m["url"] or m["doc_id"] for m in r["mentions"]})),
        "sentences": " | ".join(m["sentence"] for m in r["mentions"]),
    }


def write_csv(records: Iterable[dict], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    n = 0
    for r in records:
        writer.writerow(csv_row(r))
        n += 1
    return n


def write_geojson(records: Iterable[dict], out: IO[str]) -> int:
    features = []
    for r in records:
        place = r.get("place") or {}
        if place.get("lat") is None or place.get("lon") is None:
            continue
        props = {k: v for k, v in r.items() if k not in ("place", "mentions")}
        props.update(place_name=place.get("name"), country=place.get("country"),
                     place_precision=place.get("precision"), n_sources=len({m["doc_id"] for m in r["mentions"]}))
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                         "properties": props})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson}


def export(records: list[dict], fmt: str, out: IO[str]) -> int:
    """Write the records in a format; returns how many were written."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    return WRITERS[fmt](records, out)


def export_text(records: list[dict], fmt: str) -> str:
    buf = io.StringIO()
    export(records, fmt, buf)
    return buf.getvalue()
