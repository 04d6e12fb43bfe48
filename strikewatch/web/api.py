"""The REST API under /api/v1: events (filtered, paged), one event, its mentions, documents,
stats, the timeline, map points, exports, and the review writes."""

from __future__ import annotations

import datetime as dt
import json
from enum import Enum
from typing import Annotated, Any, cast

import orjson
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, Field

from strikewatch.export import FORMATS, MEDIA_TYPES, SUFFIXES, iter_export
from strikewatch.filters import FilterError, country_code, event_type, place_names
from strikewatch.ingest.storable import unstorable_reason
from strikewatch.limits import MAX_COUNT
from strikewatch.model import EventType
from strikewatch.review import CORRECTABLE, ReviewError
from strikewatch.store import Store
from strikewatch.store.events import SORTS, EventQuery
from strikewatch.store.sql import SqlStore
from strikewatch.web.auth import reader, reviewer
from strikewatch.web.cache import cached_response

MAX_PAGE = 500
MAX_PAGE_NUMBER = 1_000_000  # with MAX_PAGE a page a row offset every database takes
PageNumber = Annotated[int, Query(ge=1, le=MAX_PAGE_NUMBER)]

ExportFormat = Enum("ExportFormat", {f: f for f in FORMATS}, type=str)  # type: ignore[misc]
JSON_LINES = ExportFormat("jsonl")  # the functional Enums' members, by value (mypy sees no attributes)


Sort = Enum("Sort", {s.replace("-", "desc_") or s: s for s in SORTS}, type=str)  # type: ignore[misc]
BY_DATE = Sort("date")


class Status(str, Enum):
    ok = "ok"
    wrong = "wrong"
    all = "all"


def store_of(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(store_of)]
ReviewerDep = Annotated[str, Depends(reviewer)]


def event_query(
    since: Annotated[dt.date | None, Query(description="First day, YYYY-MM-DD")] = None,
    until: Annotated[dt.date | None, Query(description="Last day, YYYY-MM-DD")] = None,
    country: Annotated[str | None, Query(max_length=100, description="ISO 3166-1 alpha-2 code or a country's name")
                       ] = None,
    type: Annotated[list[str] | None, Query(  # noqa: A002 - checked as the CLI checks it, with its hint
        max_length=20, description=f"Event types (repeat for several): {', '.join(t.value for t in EventType)}",
        json_schema_extra={"items": {"type": "string", "enum": [t.value for t in EventType]}})] = None,
    place: Annotated[str | None, Query(max_length=200, description="Part of the place name, or another name of "
                                                                   "the place (Grodno for Hrodna)")] = None,
    size_min: Annotated[int | None, Query(ge=0, le=MAX_COUNT)] = None,
    size_max: Annotated[int | None, Query(ge=0, le=MAX_COUNT)] = None,
    q: Annotated[str | None, Query(max_length=500, description="Words of the source sentences")] = None,
    status: Annotated[Status, Query(description="ok, wrong (marked by a reviewer), or all")] = Status.ok,
    sort: Annotated[Sort, Query(description="Order: date, size, type, place or mentions; '-' first for "
                                            "descending. Undated events come last.")] = BY_DATE,
) -> EventQuery:
    try:
        country = country_code(country) if country else None
        types = [event_type(t) for t in type or []]
    except FilterError as exc:
        raise HTTPException(422, detail=str(exc)) from None
    if since and until and since > until:
        raise HTTPException(422, detail="since is after until")
    for name, value in (("place", place), ("q", q)):
        if value and (reason := unstorable_reason(value)):
            raise HTTPException(422, detail=f"{name} contains {reason}")
    if size_min is not None and size_max is not None and size_min > size_max:
        raise HTTPException(422, detail="size_min is above size_max")
    return EventQuery(since=since, until=until, country=country, types=types,
                      place=place or None, place_names=place_names(place) if place else [],
                      size_min=size_min, size_max=size_max, text=q or None,
                      status=status.value, sort=sort.value)


QueryDep = Annotated[EventQuery, Depends(event_query)]
router = APIRouter(prefix="/api/v1", dependencies=[Depends(reader)])


class EventPage(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int
    events: list[dict[str, Any]]
    next: str | None = Field(None, description="The cursor of the next page (pass it as `after`, with the same "
                                               "filters and sort); null on the last page")


def _json(value: Any) -> bytes:
    """JSON as FastAPI sends a returned value (compact, UTF-8), encoded in C: a map's thousands of cells
    took longer to encode with the standard library than to read from the store."""
    return orjson.dumps(value)


@router.get("/events", response_model=EventPage, tags=["events"])
def list_events(request: Request, store: StoreDep, query: QueryDep, page: PageNumber = 1,
                per_page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                after: Annotated[str | None, Query(max_length=300, description=(
                    "The `next` cursor of the page before: a keyset page, which skips the rows before it "
                    "(as fast at any depth in the date order); `page` is then ignored"))] = None) -> Response:
    """Events that match the filters, in the order asked (by date by default), one page at a time."""
    return cached_response(request, store, lambda: _page_body(store, query, page, per_page, after))


def _page_body(store: Store, query: EventQuery, page: int, per_page: int, after: str | None) -> bytes:
    try:
        total, rows = store.page_json(query, limit=per_page, offset=0 if after else (page - 1) * per_page,
                                      after=after)
    except ValueError as exc:
        raise HTTPException(422, detail=f"after: {exc}") from None
    more = len(rows) == per_page and (after is not None or page * per_page < total)
    head = json.dumps({"total": total, "page": page, "per_page": per_page, "pages": -(-total // per_page),
                       "next": rows[-1][1] if more else None})
    # The stored records are sent as they are stored (the EventPage shape), never decoded and encoded again.
    body = head[:-1] + ', "events": [' + ", ".join(data for data, _ in rows) + "]}"
    return body.encode("utf-8")


def _event(store: Store, event_id: str) -> dict:
    record = store.get_event(event_id)
    if record is None:
        raise HTTPException(404, detail=f"no event {event_id!r}")
    return record


@router.get("/events/{event_id}", response_model=dict[str, Any], tags=["events"])
def get_event(request: Request, store: StoreDep, event_id: str) -> Response:
    """One event as exported, with its review state (also when marked wrong or merged)."""
    return cached_response(request, store, lambda: _json(_event(store, event_id)))


@router.get("/events/{event_id}/mentions", response_model=list[dict[str, Any]], tags=["events"])
def event_mentions(request: Request, store: StoreDep, event_id: str) -> Response:
    """The event's sentences with every field they support and its evidence (span, rule, reason)."""
    return cached_response(request, store, lambda: _json(_mentions_of(store, event_id)))


def _mentions_of(store: Store, event_id: str) -> list[dict[str, Any]]:
    record = _event(store, event_id)
    stored = store.mentions_by_id(m["mention_id"] for m in record["mentions"] if m.get("mention_id"))
    return [stored[m["mention_id"]] for m in record["mentions"] if m.get("mention_id") in stored]


@router.get("/events/{event_id}/reviews", tags=["review"])
def event_reviews(store: StoreDep, event_id: str) -> list[dict[str, Any]]:
    """Every change reviewers made to the event: who, when, before, after."""
    _event(store, event_id)
    return store.reviews_log(event_id)


@router.get("/sources", tags=["sources"])
def list_sources(store: StoreDep) -> list[dict[str, Any]]:
    """Each source followed by `strikewatch watch`: last run, last success, last error, pages by status."""
    from strikewatch.sources import source_statuses

    # the sources' page states read their SQL tables directly (sources/state.py): the served store is SQL
    return source_statuses(cast(SqlStore, store))


@router.get("/documents/{doc_id}", tags=["documents"])
def get_document(store: StoreDep, doc_id: str) -> dict[str, Any]:
    """An article: its metadata, the file it was ingested from (as given to ingest) and its cleaned
    text (offsets of mentions and evidence point into it)."""
    doc = store.load_document(doc_id)
    if doc is None:
        raise HTTPException(404, detail=f"no document {doc_id!r}")
    return {"doc_id": doc.doc_id, "url": doc.url, "outlet": doc.outlet, "title": doc.title, "file": doc.source,
            "published": doc.published.isoformat() if doc.published else None, "text": doc.text}


@router.get("/stats", response_model=dict[str, Any], tags=["stats"])
def stats(request: Request, store: StoreDep, query: QueryDep) -> Response:
    """Counts in the store, and of the matching events by type, country and status."""
    return cached_response(request, store, lambda: _json({"counts": store.counts(), **store.facets(query)}))


@router.get("/timeline", response_model=list[dict[str, Any]], tags=["stats"])
def timeline(request: Request, store: StoreDep, query: QueryDep) -> Response:
    """Matching events per day and type."""
    return cached_response(request, store, lambda: _json(store.timeline(query)))


CLUSTER_BELOW_ZOOM = 9  # below this zoom the map gets counts per grid cell; from it, single events


def _bbox(bbox: str | None) -> tuple[float, float, float, float] | None:
    if bbox is None:
        return None
    try:
        west, south, east, north = (float(v) for v in bbox.split(","))
    except ValueError:
        raise HTTPException(422, detail="bbox is west,south,east,north in degrees") from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(422, detail="bbox is west,south,east,north in degrees, west <= east, south <= north")
    return west, south, east, north


@router.get("/map", response_model=dict[str, Any], tags=["events"])
def map_points(request: Request, store: StoreDep, query: QueryDep,
               zoom: Annotated[int | None, Query(ge=0, le=20, description=(
                   f"The map's zoom: below {CLUSTER_BELOW_ZOOM}, events come counted per grid cell"))] = None,
               bbox: Annotated[str | None, Query(max_length=100, description="west,south,east,north")] = None,
               ) -> Response:
    """Matching located events as GeoJSON points (the few properties a map needs); with a `zoom`
    below the clustering zoom, one point per grid cell with `cluster: true` and its `count`, and
    the collection's `bbox`: the extent of every matching event (what a map fits its view to)."""
    box = _bbox(bbox)
    return cached_response(request, store, lambda: _json(_map(store, query, zoom, box)))


def _map(store: Store, query: EventQuery, zoom: int | None, box: tuple[float, float, float, float] | None,
         ) -> dict[str, Any]:
    if zoom is not None and zoom < CLUSTER_BELOW_ZOOM:
        features = [_feature(c, cluster=True) for c in store.event_clusters(query, zoom, box)]
        extent = store.event_bounds(query)
        return {"type": "FeatureCollection", "features": features, **({"bbox": list(extent)} if extent else {})}
    return {"type": "FeatureCollection", "features": [_feature(p) for p in store.event_points(query, bbox=box)]}


def _feature(row: dict[str, Any], cluster: bool = False) -> dict[str, Any]:
    """A GeoJSON point of a cell or an event row: its position out of the properties."""
    lon, lat = row.pop("lon"), row.pop("lat")
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"cluster": True, **row} if cluster else row}


@router.get("/export", tags=["export"])
def export_events(store: StoreDep, query: QueryDep,
                  format: Annotated[ExportFormat, Query()] = JSON_LINES) -> Response:  # noqa: A002
    """The matching events in one of the CLI's export formats, in the order asked, as a download
    streamed while the store is read page by page (Parquet, whose footer comes last, is sent once built)."""
    fmt = format.value
    return StreamingResponse(iter_export(store.iter_events(query), fmt), media_type=MEDIA_TYPES[fmt], headers={
        "Content-Disposition": f'attachment; filename="strikewatch-events.{SUFFIXES[fmt]}"'})


class Correction(BaseModel):
    field: str | None = Field(None, description=f"One of: {', '.join(CORRECTABLE)}")
    value: Any = Field(None, description="The new value (null clears it)")
    values: dict[str, Any] | None = Field(None, description="Several fields at once, checked together "
                                          '(both ends of a range: {"size_low": 1000, "size_high": 1500})')
    note: str | None = Field(None, max_length=2000, description="The reviewer's reason, kept with the correction")


class StatusChange(BaseModel):
    status: Status = Field(description="wrong: not a real event; ok: undo that")


class Merge(BaseModel):
    other: str = Field(min_length=1, max_length=64, description="The event folded into this one")


class Split(BaseModel):
    mention_ids: list[Annotated[str, Field(max_length=300)]] = Field(
        min_length=1, max_length=1000, description="The sentences that become a new event")


def _write(store: Store, event_id: str, action: str, name: str, **change: Any) -> dict[str, Any]:
    _event(store, event_id)
    try:
        done = store.add_review(event_id, action, name, **change)
    except ReviewError as exc:
        raise HTTPException(422, detail=str(exc)) from None
    return {"review": done, "event": store.get_event(event_id)}


@router.post("/events/{event_id}/corrections", tags=["review"])
def correct(store: StoreDep, name: ReviewerDep, event_id: str, body: Correction) -> dict[str, Any]:
    """Correct one field (`field`, `value`), or several checked together (`values`), with an optional
    note (needs a token). The response's `reviews` lists one review per field."""
    if (body.field is None) == (body.values is None):
        raise HTTPException(422, detail="give either field and value, or values (several fields at once)")
    values: dict[str, Any] = body.values if body.values is not None else {str(body.field): body.value}
    _event(store, event_id)
    try:
        done = store.add_corrections(event_id, name, values, note=body.note)
    except ReviewError as exc:
        raise HTTPException(422, detail=str(exc)) from None
    return {"review": done[-1], "reviews": done, "event": store.get_event(event_id)}


@router.post("/events/{event_id}/status", tags=["review"])
def set_status(store: StoreDep, name: ReviewerDep, event_id: str, body: StatusChange) -> dict[str, Any]:
    """Mark the event wrong (left out of lists and exports), or restore it (needs a token)."""
    if body.status is Status.all:
        raise HTTPException(422, detail="status is wrong or ok")
    return _write(store, event_id, "wrong" if body.status is Status.wrong else "restore", name)


@router.post("/events/{event_id}/merge", tags=["review"])
def merge(store: StoreDep, name: ReviewerDep, event_id: str, body: Merge) -> dict[str, Any]:
    """Fold another event into this one (needs a token)."""
    return _write(store, event_id, "merge", name, value=body.other)


@router.post("/events/{event_id}/split", tags=["review"])
def split(store: StoreDep, name: ReviewerDep, event_id: str, body: Split) -> dict[str, Any]:
    """Move some of the event's sentences into a new event (needs a token)."""
    return _write(store, event_id, "split", name, value=body.mention_ids)


@router.get("/reviews", tags=["review"])
def all_reviews(store: StoreDep, page: PageNumber = 1,
                per_page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100) -> list[dict[str, Any]]:
    """The whole review log, oldest first, one page at a time."""
    return store.reviews_log(limit=per_page, offset=(page - 1) * per_page)
