"""Serving a big store (issue 19 point 9): the place filter through the stored place names, the
indexes of the place filter, the size orders and the map, the store's generation, and the API's
response cache with its ETags; then (migration 11) keyset pages read in stretches that seek every
order's index, windows of days as a range of the date indexes, common words probed in the search
index, and the stats of types and a country from the counts kept ahead; on SQLite and PostgreSQL.
No timings: what is checked is that the new paths answer what the old ones did, that the
databases plan them through their indexes, and that no write leaves a stale response behind."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from strikewatch.extract import extract_mentions
from strikewatch.model import Event, EventType
from strikewatch.pipeline import resolve_store
from strikewatch.store import open_store
from strikewatch.store.events import EventQuery, conditions, order_by
from strikewatch.store.schema import events
from strikewatch.web import create_app

from .conftest import make_doc

# Names written for these tests; two share a part ("gor"), one differs only in case from a query.
PLACES = ["Gomel", "Minsk", "Vitebsk", "Mogilev", "Grodno", "Borisov", "Pinsk", None]


def _seed(store) -> dict:
    doc = make_doc("Several hundred teachers rallied in Minsk on Sunday, demanding higher pay. "
                   "Police detained 30 teachers at the rally in Minsk on Sunday.",
                   published="2020-09-20", doc_id="seed")
    store.add_document(doc, extract_mentions(doc))
    resolve_store(store)
    [seed] = store.load_events()
    return seed


def _events_at(store, names: list[str | None], block: str = "b", seed: dict | None = None) -> list[dict]:
    """The seed event (Minsk), then one event per name (None: no place), sizes and days varied, in one block."""
    seed = seed or _seed(store)
    pairs = []
    for i, name in enumerate(names):
        record = copy.deepcopy(seed)
        record["id"] = f"{block}{i:03d}"
        record["date_start"] = record["date_end"] = f"2021-03-{1 + i % 28:02d}"
        record["size_low"] = record["size_high"] = 50 * (i % 7) or None
        record["place"] = ({**seed["place"], "name": name, "lat": 52 + (i % 5) * 0.3, "lon": 24 + (i % 9) * 0.4}
                           if name else None)
        pairs.append((Event(record["id"], EventType(record["type"]), [], block=f"{block}|x"), record))
    store.replace_events(pairs, blocks=[f"{block}|x"])
    return [seed] + [r for _, r in pairs]


def _scan(records: list[dict], part: str, other_names: tuple[str, ...] = (), size_min: int | None = None) -> list:
    """What the place filter meant before the place names table: a substring of any event's name."""
    def matches(r: dict) -> bool:
        name = (r.get("place") or {}).get("name")
        return bool(name) and (part.lower() in name.lower() or name in other_names) and (
            size_min is None or (r["size_high"] or -1) >= size_min)
    return sorted(r["id"] for r in records if matches(r))


@pytest.mark.parametrize("part, others, size_min", [
    ("MINSK", (), None), ("insk", (), None), ("o", (), None), ("sk", (), 100), ("Hrodna", ("Grodno",), None),
    ("nowhere", (), None), ("%", (), None), ("_", (), None)])
def test_the_place_filter_finds_what_a_scan_of_every_event_finds(store, part, others, size_min):
    records = _events_at(store, PLACES * 6)
    query = EventQuery(place=part, place_names=list(others), size_min=size_min)
    total, found = store.query_events(query, limit=None)
    assert sorted(e["id"] for e in found) == _scan(records, part, others, size_min) and total == len(found)
    assert sum(row["events"] for row in store.timeline(query)) == total  # every event is dated
    assert sum(store.facets(query)["type"].values()) == total
    assert sum(c["count"] for c in store.event_clusters(query, zoom=3)) == total  # every named one is located
    assert len(list(store.iter_events(query, chunk=5))) == total


def test_a_place_a_reviewer_gives_is_found_by_the_place_filter(store):
    seed = _events_at(store, ["Minsk", "Gomel"])[0]
    store.add_review("b001", "correct", "ana", field="place",
                     value={"name": "Navapolatsk", "country": "BY", "lat": 55.53, "lon": 28.6})
    assert [e["id"] for e in store.query_events(EventQuery(place="polats"))[1]] == ["b001"]
    assert store.query_events(EventQuery(place="gomel"))[0] == 0  # its old name matches no event now
    assert sorted(e["id"] for e in store.query_events(EventQuery(place="minsk"))[1]) == sorted(["b000", seed["id"]])


def test_a_store_from_before_the_serving_migration_gains_its_place_names_and_a_generation(store):
    from strikewatch.store.migrations import MIGRATIONS, SCHEMA_VERSION, _migration_9

    records = _events_at(store, PLACES)
    with store.engine.begin() as conn:  # the store as the migration before left it
        conn.execute(text("DROP TABLE place_names"))
        for name in ("ix_events_place", "ix_events_place_newest", "ix_events_position", "ix_events_size",
                     "ix_events_size_desc"):
            conn.execute(text(f"DROP INDEX {name}"))
        conn.execute(text("DELETE FROM meta WHERE k = 'generation'"))
        conn.execute(text("UPDATE meta SET v = :v WHERE k = 'schema_version'"), {"v": str(MIGRATIONS.index(_migration_9))})
    again = open_store(store.url)
    assert again.schema_version() == SCHEMA_VERSION and again.generation() > 0
    assert sorted(e["id"] for e in again.query_events(EventQuery(place="sk"), limit=None)[1]) == _scan(records, "sk")
    again.close()


def test_every_write_moves_the_generation_and_reads_do_not(store):
    seen = [store.generation()]
    _events_at(store, ["Minsk", "Gomel"])  # writes: an article, its events, resolution
    seen.append(store.generation())
    store.query_events(EventQuery(place="minsk"))
    store.timeline(EventQuery())
    assert store.generation() == seen[-1]
    store.add_review("b000", "wrong", "ana")
    seen.append(store.generation())
    with pytest.raises(ValueError):
        store.add_review("b000", "correct", "ana", field="size_low", value=-1)  # refused: nothing written
    assert store.generation() == seen[-1]
    store.create_token("ana")
    seen.append(store.generation())
    with store.exclusive():  # one transaction, counted once
        store.mark_resolved(None)
        store.mark_resolved(None)
    seen.append(store.generation())
    assert seen == sorted(set(seen)) and seen[-1] == seen[-2] + 1


def _plan(store, query) -> str:
    sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        return " / ".join(str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))


@pytest.mark.parametrize("sort, index", [("date", "ix_events_place"), ("-date", "ix_events_place_newest")])
def test_sqlite_pages_one_place_through_its_index_in_either_date_order(tmp_path, sort, index):
    from sqlalchemy import select

    store = open_store(str(tmp_path / "plan.db"))
    where = conditions(EventQuery(place="minsk", place_matches=["Minsk"], size_min=100), "sqlite")
    plan = _plan(store, select(events.c.data).where(*where).order_by(*order_by(sort)).limit(50))
    assert f"INDEX {index} " in plan and "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize("sort, index", [("size", "ix_events_size"), ("-size", "ix_events_size_desc")])
def test_sqlite_lists_by_size_from_an_index_without_sorting(tmp_path, sort, index):
    from sqlalchemy import select

    store = open_store(str(tmp_path / "plan.db"))
    plan = _plan(store, select(events.c.data).where(*conditions(EventQuery(), "sqlite"))
                 .order_by(*order_by(sort)).limit(50))
    assert f"INDEX {index} " in plan and "TEMP B-TREE" not in plan, plan


def test_sqlite_finds_a_map_box_as_a_range_of_the_position_index(tmp_path):
    from sqlalchemy import select

    from strikewatch.store.events import located

    store = open_store(str(tmp_path / "plan.db"))
    plan = _plan(store, select(events.c.event_id).where(*conditions(EventQuery(), "sqlite"),
                                                        *located((27.3, 53.7, 27.8, 54.1))))
    assert "INDEX ix_events_position (status=? AND lat>? AND lat<?)" in plan, plan


# --- the response cache -------------------------------------------------------------------------

READS = ["/api/v1/events?per_page=5", "/api/v1/events?place=minsk", "/api/v1/events/b000", "/api/v1/stats",
         "/api/v1/timeline", "/api/v1/map?zoom=3", "/api/v1/map?zoom=10&bbox=20,50,28,56",
         "/api/v1/events/b000/mentions"]


@pytest.mark.parametrize("cache", [True, False])
def test_no_write_leaves_a_stale_response(store, cache):
    _events_at(store, ["Minsk", "Gomel", "Vitebsk"])
    api = TestClient(create_app(store.url, cache=cache))
    before = {path: api.get(path) for path in READS}
    assert all(r.status_code == 200 and r.headers["ETag"] for r in before.values())
    for path, first in before.items():  # unchanged store: the same body, the same ETag, 304 when held
        again = api.get(path)
        assert again.content == first.content and again.headers["ETag"] == first.headers["ETag"]
        held = api.get(path, headers={"If-None-Match": first.headers["ETag"]})
        assert held.status_code == 304 and held.content == b""
    assert (api.app.state.response_cache.hits >= len(READS)) if cache else api.app.state.response_cache is None
    other = open_store(store.url)  # a write from elsewhere: another connection, as another process would
    other.add_review("b000", "correct", "ana", field="place",
                     value={"name": "Navapolatsk", "country": "BY", "lat": 55.53, "lon": 28.6})
    other.close()
    after = {path: api.get(path) for path in READS}
    for path, response in after.items():
        assert response.headers["ETag"] != before[path].headers["ETag"], path
        assert api.get(path, headers={"If-None-Match": before[path].headers["ETag"]}).status_code == 200
    assert after["/api/v1/events/b000"].json()["place"]["name"] == "Navapolatsk"
    assert after["/api/v1/events?place=minsk"].json()["total"] == before["/api/v1/events?place=minsk"].json()[
        "total"] - 1 == 1  # the seed's Minsk is left
    assert "Navapolatsk" not in before["/api/v1/events?per_page=5"].text
    assert "Navapolatsk" in after["/api/v1/events?per_page=5"].text
    zoomed = after["/api/v1/map?zoom=10&bbox=20,50,28,56"].json()["features"]
    assert len(zoomed) == len(before["/api/v1/map?zoom=10&bbox=20,50,28,56"].json()["features"]) - 1


def test_a_cached_answer_is_the_same_request_however_its_parameters_are_written(store):
    _events_at(store, ["Minsk", "Gomel", "Vitebsk"])
    api = TestClient(create_app(store.url))
    first = api.get("/api/v1/events?per_page=2&sort=-date")
    second = api.get("/api/v1/events?sort=-date&per_page=2")
    assert first.headers["ETag"] == second.headers["ETag"] and first.content == second.content
    assert api.app.state.response_cache.hits == 1
    assert api.get("/api/v1/events?per_page=3&sort=-date").headers["ETag"] != first.headers["ETag"]


def test_a_private_store_checks_the_token_before_answering_from_the_cache(store):
    _events_at(store, ["Minsk"])
    token = store.create_token("ana")
    api = TestClient(create_app(store.url, private=True))
    auth = {"Authorization": f"Bearer {token}"}
    ok = api.get("/api/v1/events", headers=auth)
    assert ok.status_code == 200
    assert api.get("/api/v1/events").status_code == 401
    assert api.get("/api/v1/events", headers={"If-None-Match": ok.headers["ETag"]}).status_code == 401


# --- the map's cells and the stats' counts, counted ahead -----------------------------------------

def _same_cells(store) -> None:
    """Every event's map and stats (from the cells and counts counted ahead) are those of a filter
    every event passes (read from the events), at every clustered zoom and for each status."""
    every_type = [t.value for t in EventType]
    for status in ("ok", "wrong", "all"):
        ahead, read = EventQuery(status=status), EventQuery(status=status, types=every_type)
        for zoom in range(9):
            a, b = store.event_clusters(ahead, zoom), store.event_clusters(read, zoom)
            assert [(c["count"], c["id"], c["type"], c["size_high"]) for c in a] == [
                (c["count"], c["id"], c["type"], c["size_high"]) for c in b], (status, zoom)
            assert all(abs(x["lat"] - y["lat"]) < 1e-9 and abs(x["lon"] - y["lon"]) < 1e-9 for x, y in zip(a, b, strict=True))
        assert store.event_bounds(ahead) == store.event_bounds(read)
        assert store.facets(ahead) == _facets_of(store.query_events(ahead, limit=None)[1])  # the counts, too


def _facets_of(records: list[dict]) -> dict[str, dict[str, int]]:
    """What the stats say of these events, counted from their records."""
    from collections import Counter

    def tally(values) -> dict[str, int]:
        return dict(Counter(v or "unknown" for v in values))
    return {"type": tally(r["type"] for r in records),
            "country": tally((r.get("place") or {}).get("country") for r in records),
            "status": tally(r["review"]["status"] if r.get("review") else "ok" for r in records)}


def test_the_stats_and_totals_of_types_and_a_country_come_from_the_counts_and_follow_reviews(store):
    records = _events_at(store, PLACES * 3)
    kinds = sorted({r["type"] for r in records})
    store.add_review("b001", "wrong", "ana")
    store.add_review("b002", "merge", "ana", value="b003")
    store.add_review("b004", "correct", "ana", field="type", value="strike" if kinds[0] != "strike" else "riot")
    store.add_review("b006", "correct", "ana", field="place",
                     value={"name": "Riga", "country": "LV", "lat": 56.95, "lon": 24.1})
    for status in ("ok", "wrong", "all"):
        every = store.query_events(EventQuery(status=status), limit=None)[1]
        for types, country in (([kinds[0]], None), ([], "by"), (["strike", "riot"], "BY"), ([], "LV"), ([], "ZZ")):
            query = EventQuery(status=status, types=types, country=country)
            expected = [r for r in every if (not types or r["type"] in types)
                        and (not country or (r.get("place") or {}).get("country") == country.upper())]
            assert store.facets(query) == _facets_of(expected), (status, types, country)
            total, page = store.query_events(query, limit=3)
            assert total == len(expected) and [r["id"] for r in page] == [r["id"] for r in expected[:3]]
    assert store.facets(EventQuery(country="LV"))["country"] == {"LV": 1}


def test_sqlite_reads_a_countrys_timeline_from_its_index_in_order(tmp_path):
    from sqlalchemy import func, select

    store = open_store(str(tmp_path / "plan.db"))
    where = [*conditions(EventQuery(country="BY"), "sqlite"), events.c.date_start.is_not(None)]
    plan = _plan(store, select(events.c.date_start, events.c.type, func.count()).where(*where)
                 .group_by(events.c.date_start, events.c.type).order_by(events.c.date_start))
    # grouped as the index is read (only the few groups, one per day and type, are then ordered)
    assert "COVERING INDEX ix_events_timeline (status=? AND country=?" in plan, plan
    assert "FOR GROUP BY" not in plan, plan


def test_the_cells_and_counts_counted_ahead_follow_every_write(store):
    names = ["Minsk", "Gomel", "Vitebsk", "Mogilev", None]
    seed = _events_at(store, names * 4)[0]  # twenty events in one block, four unlocated
    _same_cells(store)
    _events_at(store, names * 2, block="c", seed=seed)  # another block
    _same_cells(store)
    store.add_review("b001", "correct", "ana", field="place",
                     value={"name": "Brest", "country": "BY", "lat": 52.1, "lon": 23.7})  # moves to another cell
    store.add_review("b002", "wrong", "ana")
    store.add_review("b003", "merge", "ana", value="b008")
    ids = [m["mention_id"] for m in store.get_event("b005")["mentions"]]
    store.add_review("b005", "split", "ana", value=ids[:1])  # a new event, in the same cell
    _same_cells(store)
    assert sum(c["count"] for c in store.event_clusters(EventQuery(), 0)) == 17 + 8 - 1 - 1 + 1  # located: seed and b, c; wrong, merged; split off
    assert sum(c["count"] for c in store.event_clusters(EventQuery(status="wrong"), 3)) == 1
    store.replace_events([], blocks=["b|x"])  # a block's events gone
    _same_cells(store)
    store.replace_events([])  # every event gone
    assert store.event_clusters(EventQuery(), 3) == [] and store.event_bounds(EventQuery()) is None
    assert store.facets(EventQuery()) == {"type": {}, "country": {}, "status": {}}


# --- words: few matches fetched by id, many met in list order, counted from the index ------------

@pytest.mark.parametrize("few, probe_ratio", [(0, 10**9), (0, 0), (10_000, 10**9)])
def test_a_search_answers_alike_whether_its_matches_are_few_or_many(store, monkeypatch, few, probe_ratio):
    """Every path a search can take (its matches fetched by id then ordered, or met walking the
    list order, checked against every match read first or looked up in the index event by event;
    its total counted, or taken from the search index less the other statuses) gives what the
    plain reading of the filter gives, for each status."""
    from sqlalchemy import func, select

    from strikewatch.store import search
    from strikewatch.store.events import with_places

    monkeypatch.setattr(search, "FEW_MATCHES", few)
    monkeypatch.setattr(search, "PROBE_RATIO", probe_ratio)
    monkeypatch.setattr("strikewatch.store.events.FEW_MATCHES", few)
    _events_at(store, PLACES * 3)
    store.add_review("b001", "wrong", "ana")
    store.add_review("b002", "merge", "ana", value="b003")
    for words in ("teachers", "police detained", "teachers nowhere", "rallied"):
        for status in ("ok", "wrong", "all"):
            query = EventQuery(text=words, status=status)
            total, found = store.query_events(query, limit=5)
            with store.engine.connect() as conn:  # the plain reading: no counting ahead, no hint
                plain = conn.execute(select(func.count()).select_from(events).where(
                    *conditions(query, store.engine.dialect.name))).scalar_one()
            assert total == plain, (words, status)
            with store.engine.connect() as conn:  # the path taken: probes only where asked, and only on SQLite
                probed = with_places(conn, query).text_probe
            assert probed == (probe_ratio == 0 and store.engine.dialect.name == "sqlite" and plain > 0)
            whole = store.query_events(query, limit=None)[1]
            assert [e["id"] for e in found] == [e["id"] for e in whole[:5]]
            assert all(words.split()[0] in " ".join(m["sentence"] for m in e["mentions"]).lower() for e in whole)
    assert store.query_events(EventQuery(text="teachers nowhere"))[0] == 0
    assert store.query_events(EventQuery(text="teachers", status="wrong"))[0] == 1


# --- migration 11: every order seeks its index, and a window of days is a range of the date indexes --

ORDER_INDEXES = {"date": "ix_events_listing", "-date": "ix_events_listing_newest", "size": "ix_events_size",
                 "-size": "ix_events_size_desc", "type": "ix_events_by_type", "-type": "ix_events_by_type_desc",
                 "place": "ix_events_by_place", "-place": "ix_events_by_place_desc",
                 "mentions": "ix_events_by_mentions", "-mentions": "ix_events_by_mentions_desc"}
CURSOR_VALUES = {"date_start": "2021-03-05", "size_high": 100, "type": "strike", "place_name": "Minsk",
                 "n_mentions": 2, "event_id": "b007"}


def _stretches(sort: str) -> tuple[tuple[list, list], tuple[list, list]]:
    """(conditions, ORDER BY) of the first page, and of the stretch that fills a deep page in
    `sort`: the values after the cursor's in the order's own column."""
    from strikewatch.store.events import after_segments, make_cursor, sort_keys

    cursor = make_cursor(sort, [CURSOR_VALUES[col.name] for col, _ in sort_keys(sort)])
    # deepest first: the id's, the date's two (when it is a tie-break), then the column's later values and its missing ones
    return ([], order_by(sort)), after_segments(cursor, sort)[-2]


@pytest.mark.parametrize("sort", list(ORDER_INDEXES))
def test_sqlite_pages_every_order_at_any_depth_from_its_index_without_sorting(tmp_path, sort):
    from sqlalchemy import select

    store = open_store(str(tmp_path / "plan.db"))
    for extra, order in _stretches(sort):
        plan = _plan(store, select(events.c.data).where(*conditions(EventQuery(), "sqlite"), *extra)
                     .order_by(*order).limit(50))
        assert f"INDEX {ORDER_INDEXES[sort]} " in plan + " " and "TEMP B-TREE" not in plan, plan


def _pg_plan(store, query) -> str:
    """PostgreSQL's plan of a query when the planner is told to avoid scanning the table and
    sorting wherever an index can serve (a small test table would otherwise be read whole)."""
    sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")
        conn.exec_driver_sql("SET enable_sort = off")
        conn.exec_driver_sql("SET enable_incremental_sort = off")
        conn.exec_driver_sql("SET enable_bitmapscan = off")
        return "\n".join(row[0] for row in conn.exec_driver_sql(f"EXPLAIN {sql}"))


@pytest.mark.postgres
@pytest.mark.parametrize("sort", list(ORDER_INDEXES))
def test_postgresql_seeks_every_order_at_any_depth_in_its_index(postgres_url, sort):
    """A deep page in an order of mixed directions (newest first, ids ascending) was one OR that
    PostgreSQL checked along the index from its start; each stretch is now a range it seeks to."""
    from sqlalchemy import select

    store = open_store(postgres_url)
    (_, first_order), (later, later_order) = _stretches(sort)
    for extra, order in (([], first_order), (later, later_order)):
        plan = _pg_plan(store, select(events.c.data).where(*conditions(EventQuery(), "postgresql"), *extra)
                        .order_by(*order).limit(50))
        assert "Index Scan using ix_events_" in plan and "Sort" not in plan, plan
    range_of = {"date": "date_start >", "-date": "date_start <", "size": "size_high >", "-size": "size_high <",
                "type": "type)::text >", "-type": "type)::text <", "place": "place_name >", "-place": "place_name <",
                "mentions": "n_mentions >", "-mentions": "n_mentions <"}[sort]
    index_cond = next(line for line in plan.splitlines() if "Index Cond" in line)
    assert range_of in index_cond, plan  # the later values are where the scan starts, not a filter along it
    store.close()


def _spans(store) -> list[dict]:
    """Events of every length: one day, a week, a month, and one of 400 days (a year-long strike),
    with some undated and one whose start a reviewer took away."""
    records = _events_at(store, PLACES * 4)
    lengths = {"b003": 7, "b010": 30, "b020": 400}
    for event_id, days in lengths.items():
        start = dt.date.fromisoformat(store.get_event(event_id)["date_start"])
        store.add_review(event_id, "correct", "ana", field="date_end", value=(start + dt.timedelta(days=days)).isoformat())
    store.add_review("b005", "correct", "ana", field="date_start", value=None)
    return records


WINDOWS = [("2021-03-10", "2021-03-12"), ("2021-03-20", "2021-03-20"), ("2021-04-05", "2021-05-01"),
           ("2022-04-01", "2022-04-30"), ("2020-01-01", "2021-02-01"), ("2021-03-01", None), (None, "2021-03-02")]


@pytest.mark.parametrize("sort", ["date", "-date"])
def test_a_window_of_days_finds_every_event_that_reaches_into_it(store, sort):
    """`since` is a range of the date indexes now (bounded by the store's longest event): what it
    finds is still every event whose end (or start, without an end) is on or after it."""
    _spans(store)
    every = store.query_events(EventQuery(), limit=None)[1]
    assert store.query_events(EventQuery(since=dt.date(2022, 4, 1)), limit=None)[0] == 1  # the long one

    def day(value):
        return dt.date.fromisoformat(value) if value else None

    for since, until in WINDOWS:
        query = EventQuery(since=day(since), until=day(until), sort=sort)
        expected = [e["id"] for e in every
                    if (since is None or (e["date_end"] or e["date_start"] or "") >= since)
                    and (until is None or (e["date_start"] is not None and e["date_start"] <= until))]
        total, found = store.query_events(query, limit=None)
        assert sorted(e["id"] for e in found) == sorted(expected) and total == len(expected), (since, until)
        assert sum(row["events"] for row in store.timeline(query)) == sum(bool(e["date_start"]) for e in found)
        assert [e["id"] for e in store.iter_events(query, chunk=3)] == [e["id"] for e in found]


def test_the_longest_event_is_read_from_its_index_and_follows_reviews(store):
    from strikewatch.store.events import longest_days

    _events_at(store, PLACES)
    with store.engine.connect() as conn:
        assert longest_days(conn) == 0
    store.add_review("b002", "correct", "ana", field="date_end", value="2021-06-01")  # starts 2021-03-03
    with store.engine.connect() as conn:
        assert longest_days(conn) == 90
    store.add_review("b002", "correct", "ana", field="date_end", value="2021-03-04")
    with store.engine.connect() as conn:
        assert longest_days(conn) == 1


def test_sqlite_reads_a_window_of_days_as_a_range_and_the_longest_event_from_its_index(tmp_path):
    from sqlalchemy import literal_column, select

    from strikewatch.store.events import SPAN_DAYS, since_bound

    store = open_store(str(tmp_path / "plan.db"))
    query = EventQuery(since=dt.date(2021, 3, 1), until=dt.date(2021, 3, 31), country="BY", longest_days=3)
    assert since_bound(query) and not since_bound(EventQuery(since=dt.date(2021, 3, 1), longest_days=3))
    plan = _plan(store, select(events.c.data).where(*conditions(query, "sqlite")).order_by(*order_by("date")))
    assert "date_start>? AND date_start<?" in plan, plan  # both ends of the window narrow the scan
    span = literal_column(SPAN_DAYS["sqlite"])
    plan = _plan(store, select(span).select_from(events).where(span.is_not(None)).order_by(span.desc()).limit(1))
    assert "INDEX ix_events_span" in plan and "TEMP B-TREE" not in plan, plan


def _index_names(store) -> set[str]:
    """The events table's indexes (SQLAlchemy's inspector leaves out those on expressions)."""
    sql = ("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'"
           if store.engine.dialect.name == "sqlite" else
           "SELECT indexname FROM pg_indexes WHERE tablename = 'events' AND schemaname = current_schema()")
    with store.engine.connect() as conn:
        return {name for (name,) in conn.exec_driver_sql(sql)}


def test_a_store_from_before_migration_11_gains_the_order_and_length_indexes(store):
    from strikewatch.store.migrations import _INDEXES_11, MIGRATIONS, SCHEMA_VERSION, _migration_11

    records = _spans(store)
    new_indexes = [*_INDEXES_11, "ix_events_span"]
    with store.engine.begin() as conn:  # the store as migration 10 left it
        for name in new_indexes:
            conn.execute(text(f"DROP INDEX {name}"))
        conn.execute(text("UPDATE meta SET v = :v WHERE k = 'schema_version'"),
                     {"v": str(MIGRATIONS.index(_migration_11))})
    assert not set(new_indexes) & _index_names(store) and "ix_events_listing" in _index_names(store)
    again = open_store(store.url)
    assert again.schema_version() == SCHEMA_VERSION
    assert set(new_indexes) <= _index_names(again)
    for sort in ("type", "-place", "-mentions"):
        whole = again.query_events(EventQuery(sort=sort), limit=None)[1]
        assert [e["id"] for e in again.iter_events(EventQuery(sort=sort), chunk=4)] == [e["id"] for e in whole]
        assert len(whole) == len(records)
    again.close()


def test_sqlite_meets_a_common_words_page_walking_the_list_and_probing_the_index(tmp_path):
    from sqlalchemy import select

    store = open_store(str(tmp_path / "plan.db"))
    query = EventQuery(text="teachers rallied", text_matches=50_000, text_probe=True)
    plan = _plan(store, select(events.c.data).where(*conditions(query, "sqlite", paging=True))
                 .order_by(*order_by("date")).limit(50))
    assert "INDEX ix_events_listing " in plan and "TEMP B-TREE" not in plan, plan
    assert "CORRELATED" in plan and "VIRTUAL TABLE INDEX 0:=M" in plan, plan  # one seek by rowid and words an event
    counted = _plan(store, select(events.c.event_id).where(*conditions(query, "sqlite")))
    assert "CORRELATED" not in counted, counted  # a count reads the matches once instead


def test_the_server_answers_a_few_requests_at_once_and_queues_the_rest(tmp_path):
    import anyio
    import anyio.to_thread

    from strikewatch.web import create_app

    app = create_app(str(tmp_path / "sw.db"), threads=3)

    async def tokens_while_serving() -> float:
        async with app.router.lifespan_context(app):
            return anyio.to_thread.current_default_thread_limiter().total_tokens

    assert anyio.run(tokens_while_serving) == 3
