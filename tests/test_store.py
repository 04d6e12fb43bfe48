"""One contract test suite, run against SQLite and against the real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from strikewatch.extract import extract_mentions
from strikewatch.model import Document, Mention
from strikewatch.pipeline import resolve_store
from strikewatch.store import database_url, open_store
from strikewatch.store.sql import SCHEMA_VERSION

from . import builders
from .builders import document, march, mention
from .conftest import make_doc

DOC = ("Thousands of protesters marched in Minsk on Sunday.\n"
       "Police detained at least 16 protesters at the march.")


def test_schema_is_versioned(store):
    assert store.schema_version() == SCHEMA_VERSION
    assert store.migrate() == SCHEMA_VERSION  # running migrations again is a no-op


def _minsk(doc_id: str = "t1", *, day: str = "2020-09-20") -> tuple[Document, list[Mention]]:
    """DOC by hand: a dated, located march and the arrests at it."""
    first, second = DOC.split("\n")
    doc = document(doc_id, first, second, published=day)
    march_mention = mention(doc, first, "marched", day=day, when="on Sunday", place=builders.MINSK)
    return doc, [march_mention, mention(doc, second, "march", arrests=16, after=march_mention)]


def test_document_and_mentions_round_trip(store):
    doc, mentions = _minsk("minsk-1")
    assert store.add_document(doc, mentions) is True
    assert store.has_document(doc.key)
    back = list(store.iter_mentions())
    assert [m.mention_id for m in back] == sorted(m.mention_id for m in mentions)
    assert back == sorted(mentions, key=lambda m: m.mention_id)  # every field, evidence included
    assert back[0].place.name == "Minsk" and back[0].evidence["place"].text == "Minsk"
    loaded = store.load_document("minsk-1")
    assert loaded.text == doc.text and loaded.offsets.runs == doc.offsets.runs


def test_same_document_twice_adds_nothing(store):
    doc, mentions = _minsk()
    assert store.add_document(doc, mentions) is True
    assert store.add_document(doc, mentions) is False
    assert store.counts()["documents"] == 1


def test_failed_write_leaves_nothing(store):
    doc, mentions = _minsk()
    with pytest.raises(Exception):  # noqa: B017 - any database error
        store.add_document(doc, mentions + mentions)  # duplicate primary keys
    assert store.counts() == {"documents": 0, "mentions": 0, "events": 0}


def test_a_batch_of_articles_is_written_whole_or_not_at_all(store):
    a, a_mentions = _minsk("a")
    b, b_mentions = march("b", builders.GOMEL, "2020-09-21")
    assert store.add_documents([(a, a_mentions), (b, b_mentions), (a, [])]) == [True, True, False]
    assert store.stored_keys([a.key, b.key, "missing"]) == {a.key, b.key}
    assert store.keys_by_id(["a", "b", "c"]) == {"a": a.key, "b": b.key}
    c, _ = march("c", builders.MOSCOW, "2020-09-22")
    _, bad = march("d", builders.MOSCOW, "2020-09-22")
    with pytest.raises(Exception):  # noqa: B017 - any database error
        store.add_documents([(c, []), (document("d", "Teachers rallied."), bad + bad)])
    assert store.keys_by_id(["c", "d"]) == {} and store.counts()["documents"] == 2


def test_events_replace_and_load(store):
    doc, mentions = _minsk()
    store.add_document(doc, mentions)
    assert resolve_store(store) == 1
    [event] = store.load_events()
    assert event["place"]["name"] == "Minsk" and event["date_start"] == "2020-09-20"
    assert resolve_store(store) == 1 and store.counts()["events"] == 1


def test_database_url_forms(tmp_path):
    assert database_url(str(tmp_path / "x.db")).startswith("sqlite:///")
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def _add(store, text, published, doc_id):
    doc = make_doc(text, published=published, doc_id=doc_id)
    store.add_document(doc, extract_mentions(doc))


def test_incremental_resolve_keeps_ids_and_touches_only_its_blocks(store):
    _add(store, "About 200,000 people marched in Minsk on Sunday.", "2020-08-17", "zz-minsk")
    _add(store, "Thousands marched in Moscow on Saturday.", "2019-08-11", "moscow")
    assert resolve_store(store) == 2
    before = {e["place"]["name"]: e for e in store.load_events()}
    _add(store, "Some 300,000 people marched in Minsk on Sunday, organisers said.", "2020-08-17", "aa-minsk")
    assert resolve_store(store, ["aa-minsk"]) == 2
    after = {e["place"]["name"]: e for e in store.load_events()}
    assert after["Moscow"] == before["Moscow"]
    assert after["Minsk"]["id"] == before["Minsk"]["id"]
    assert {m["doc_id"] for m in after["Minsk"]["mentions"]} == {"zz-minsk", "aa-minsk"}
    assert after["Minsk"]["conflicts"][0]["field"] == "size"
    assert store.event_mentions(["BY|2020-08-16"]) == {
        before["Minsk"]["id"]: {m.mention_id for m in store.mentions_of_documents(["zz-minsk", "aa-minsk"])}}
    resolve_store(store)  # a full run agrees with the incremental one, ids included
    assert {e["id"]: e for e in store.load_events()} == {e["id"]: e for e in after.values()}


def test_migrates_a_version_1_database(store):
    from sqlalchemy import inspect, text

    from strikewatch.store.sql import MIGRATIONS, metadata

    metadata.drop_all(store.engine)
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS events_fts"))  # the SQLite search index, outside `metadata`
        conn.execute(text("CREATE TABLE meta (k VARCHAR(64) PRIMARY KEY, v TEXT)"))
        MIGRATIONS[0](conn)
        conn.execute(text("INSERT INTO meta VALUES ('schema_version', '1')"))
    assert store.schema_version() == 1
    assert store.migrate() == SCHEMA_VERSION == store.schema_version()
    columns = {c["name"] for c in inspect(store.engine).get_columns("events")}
    assert "block" in columns and inspect(store.engine).has_table("event_mentions")
    _add(store, DOC, "2020-09-20", "after-migration")
    assert resolve_store(store) == 1


# Review and search: the same contract on both databases.

MINSK = "About 200,000 people marched in Minsk on Sunday. Police detained 30 protesters in Minsk on Sunday."
GOMEL = "Nurses struck at the hospital in Gomel on Monday, demanding higher pay."


def _reviewed_store(store):
    _add(store, MINSK, "2020-08-17", "minsk")
    _add(store, GOMEL, "2020-08-18", "gomel")
    resolve_store(store)
    return {e["type"]: e for e in store.load_events()}


def test_a_correction_shows_in_exports_and_survives_a_rerun(store):
    from strikewatch.store.sql import EventQuery

    minsk = _reviewed_store(store)["demonstration"]
    done = store.add_review(minsk["id"], "correct", "ana", field="size_low", value=150000)
    assert done["before"] == 200000 and done["reviewer"] == "ana"
    [shown] = [e for e in store.load_events() if e["id"] == minsk["id"]]
    assert shown["size_low"] == 150000 and shown["review"]["corrected"] == ["size_low"]
    assert store.query_events(EventQuery(size_max=160000))[1][0]["id"] == minsk["id"]
    resolve_store(store)  # the whole pipeline's resolution again: the machine's record comes back
    _add(store, "Some 300,000 people marched in Minsk on Sunday, organisers said.", "2020-08-17", "minsk-2")
    resolve_store(store, ["minsk-2"])  # and an incremental one, which rewrites the Minsk block
    again = store.get_event(minsk["id"])
    assert again["size_low"] == 150000 and again["size_high"] == 300000 and len(again["mentions"]) == 3
    log = store.reviews_log(minsk["id"])
    assert [(r["action"], r["field"], r["before"], r["value"]) for r in log] == [
        ("correct", "size_low", 200000, 150000)]


def test_invalid_corrections_write_nothing(store):
    from strikewatch.review import ReviewError

    minsk = _reviewed_store(store)["demonstration"]
    for field, value in (("size_high", 10), ("size_low", -1), ("type", "picnic"), ("date_start", "2020-13-45"),
                         ("mentions", []), ("place", {"name": "X", "lat": 200})):
        with pytest.raises(ReviewError):
            store.add_review(minsk["id"], "correct", "ana", field=field, value=value)
    with pytest.raises(ReviewError):
        store.add_review("no-such-event", "wrong", "ana")
    assert store.reviews_log() == [] and store.get_event(minsk["id"]) == minsk


def test_wrong_merge_and_split(store):
    from strikewatch.store.sql import EventQuery

    events = _reviewed_store(store)
    minsk, gomel = events["demonstration"], events["strike"]
    store.add_review(gomel["id"], "wrong", "ana")
    assert [e["id"] for e in store.load_events()] == [minsk["id"]]
    assert [e["id"] for e in store.query_events(EventQuery(status="wrong"))[1]] == [gomel["id"]]
    store.add_review(gomel["id"], "restore", "ana")
    store.add_review(minsk["id"], "merge", "bo", value=gomel["id"])
    [merged] = store.load_events()
    assert merged["id"] == minsk["id"] and len(merged["mentions"]) == len(minsk["mentions"]) + 1
    assert store.get_event(gomel["id"])["review"]["merged_into"] == minsk["id"]
    gomel_mention = merged["mentions"][-1]["mention_id"]
    split = store.add_review(minsk["id"], "split", "bo", value=[gomel_mention])
    child_id = f"{minsk['id']}.{split['review_id']}"
    assert {e["id"] for e in store.load_events()} == {minsk["id"], child_id}
    child = store.get_event(child_id)
    assert child["review"]["split_from"] == minsk["id"] and [m["mention_id"] for m in child["mentions"]] == [
        gomel_mention]
    resolve_store(store)  # everything replays on the machine's new records
    assert {e["id"] for e in store.load_events()} == {minsk["id"], child_id}


def test_filters_and_full_text_search(store):
    from strikewatch.store.sql import EventQuery

    _reviewed_store(store)
    def names(**filters):
        return sorted(e["place"]["name"].replace("Homyel'", "Gomel") for e in store.query_events(
            EventQuery(**filters))[1])
    assert names() == ["Gomel", "Minsk"]
    assert names(text="nurse hospitals") == ["Gomel"]  # stemmed, every word must match
    assert names(text="marching") == ["Minsk"]
    assert names(text='"); DROP TABLE events; --') == []  # words only: never query syntax or SQL
    assert names(types=["strike"]) == ["Gomel"]
    assert names(since=dt.date(2020, 8, 16), until=dt.date(2020, 8, 16)) == ["Minsk"]  # "on Sunday"
    assert names(place="HOMY") == ["Gomel"] and names(place="%") == []
    assert names(place="Gomel") == [] and names(place="Gomel", place_names=["Homyel'"]) == ["Gomel"]
    assert names(size_min=100000) == ["Minsk"] and names(country="by") == ["Gomel", "Minsk"]
    def order(sort):
        return [e["place"]["name"].replace("Homyel'", "Gomel") for e in store.query_events(EventQuery(sort=sort))[1]]
    assert order("date") == ["Minsk", "Gomel"] and order("-date") == ["Gomel", "Minsk"]
    assert order("-size") == ["Minsk", "Gomel"] and order("size") == ["Minsk", "Gomel"]  # unsized last either way
    total, page = store.query_events(EventQuery(), limit=1, offset=1)
    assert total == 2 and len(page) == 1
    assert {row["type"] for row in store.timeline(EventQuery())} == {"demonstration", "strike"}
    assert store.facets(EventQuery())["type"] == {"demonstration": 1, "strike": 1}
    assert len(store.event_points(EventQuery(types=["strike"]))) == 1


def test_a_russian_word_is_found_in_any_of_its_forms(store):
    from strikewatch.store.sql import EventQuery

    _add(store, "В воскресенье в Гомеле на улицы вышли около 3 тысяч человек.", "2020-09-14", "gomel-ru")
    resolve_store(store)

    def found(words: str) -> int:
        return store.query_events(EventQuery(text=words))[0]

    assert found("Гомель") == found("Гомеле") == found("гомеля") == 1  # the city as written, and in other cases
    assert found("Гомель воскресенье") == 1 and found("Гомель понедельник") == 0  # every word must match
    assert found("Минск") == 0
    _add(store, "В Орше в воскресенье на улицы вышли сотни человек.", "2020-09-14", "orsha-ru")
    resolve_store(store)
    assert found("Орша") == found("Орше") == found("орши") == 1  # a four-letter town, in any case


def test_tokens(store):
    token = store.create_token("ana")
    assert store.reviewer_of(token) == "ana" and store.reviewer_of(token + "x") is None
    with pytest.raises(ValueError):
        store.create_token("ana")
    assert [t["name"] for t in store.list_tokens()] == ["ana"]
    assert store.revoke_token("ana") and store.reviewer_of(token) is None


def test_a_large_store_has_an_index_for_the_list_order_and_every_filter(store):
    from sqlalchemy import text

    catalog = ("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'"
               if store.engine.dialect.name == "sqlite" else "SELECT indexname FROM pg_indexes WHERE tablename = 'events'")
    with store.engine.connect() as conn:
        indexes = {name for (name,) in conn.execute(text(catalog))}
    assert {"ix_events_listing", "ix_events_filters", "ix_events_date_start", "ix_events_country",
            "ix_events_type"} <= indexes


def _plan(store, query) -> str:
    sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        return " ".join(str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))


def test_sqlite_counts_filters_from_the_filter_index_alone(tmp_path):
    from sqlalchemy import func, select

    from strikewatch.store.events import EventQuery, conditions
    from strikewatch.store.schema import events

    store = open_store(str(tmp_path / "plan.db"))
    query = EventQuery(since=dt.date(2021, 1, 1), country="BY", types=["strike"], size_min=10)
    plan = _plan(store, select(func.count()).select_from(events).where(*conditions(query, "sqlite")))
    assert "COVERING INDEX ix_events_filters" in plan, plan


def test_sqlite_lists_pages_from_the_listing_index_without_sorting(tmp_path):
    from sqlalchemy import select

    from strikewatch.store.events import EventQuery, conditions, order_by
    from strikewatch.store.schema import events

    store = open_store(str(tmp_path / "plan.db"))
    query = select(events.c.data).where(*conditions(EventQuery(), "sqlite")).order_by(*order_by("date")).limit(50)
    plan = _plan(store, query)
    assert "ix_events_listing" in plan and "TEMP B-TREE" not in plan, plan


def _copies(store, days: list[str | None], places: list[tuple[float, float] | None]) -> list[dict]:
    """Events made from one resolved event: the given days (None: undated) at the given places (None: no point)."""
    import copy

    from strikewatch.model import Event, EventType

    _add(store, "Several hundred teachers rallied in Minsk on Sunday.", "2020-09-20", "seed")
    resolve_store(store)
    [seed] = store.load_events()
    pairs = []
    for i, day in enumerate(days):
        record = copy.deepcopy(seed)
        record["id"] = f"ev{(i * 7) % len(days):03d}"  # ids not in date order
        record["date_start"] = record["date_end"] = day
        point = places[i % len(places)]
        record["place"]["lat"], record["place"]["lon"] = point if point else (None, None)
        record["size_low"] = record["size_high"] = None if i % 6 == 5 else 100 + i % 5  # some unsized
        record["place"]["name"] = ("Gomel", "Minsk", None)[i % 3] if point else None
        pairs.append((Event(record["id"], EventType(record["type"]), [], block=f"b|{day}"), record))
    store.replace_events(pairs)
    return [r for _, r in pairs]


DAYS = ["2021-03-02", None, "2021-03-01", "2021-03-02", None, "2021-02-28", "2021-03-01", "2021-03-02"] * 3


def test_keyset_pages_walk_the_date_order_at_any_depth(store):
    from strikewatch.store.sql import EventQuery, page_cursor

    _copies(store, DAYS, [(53.9, 27.57)])
    total, everything = store.query_events(EventQuery(), limit=None)
    assert total == len(DAYS) and [e["date_start"] for e in everything][-6:] == [None] * 6  # undated last
    assert [e["date_start"] for e in everything][:3] == ["2021-02-28"] * 3
    walked, after = [], None
    while True:
        _, page = store.query_events(EventQuery(), limit=4, after=after)
        walked += page
        if len(page) < 4:
            break
        after = page_cursor(page[-1])
    assert [e["id"] for e in walked] == [e["id"] for e in everything]
    assert [e["id"] for e in store.iter_events(EventQuery(), chunk=5)] == [e["id"] for e in everything]
    assert [e["id"] for e in store.query_events(EventQuery(), limit=3, offset=9)[1]] == [
        e["id"] for e in everything[9:12]]
    # a keyset page after an undated event holds only undated events, by id
    last_dated = max(i for i, e in enumerate(everything) if e["date_start"])
    assert store.query_events(EventQuery(), limit=2, after=page_cursor(everything[last_dated]))[1] == everything[
        last_dated + 1:last_dated + 3]
    assert store.query_events(EventQuery(), limit=50, after=page_cursor(everything[-1]))[1] == []
    from strikewatch.store.events import make_cursor

    for bad in ("no-cursor", "!!", make_cursor("date", ["2021-13-01", "ev001"]), make_cursor("date", ["2021-03-01", None]),
                make_cursor("date", ["2021-03-01"]), make_cursor("-size", [100, "2021-03-01", "ev001"]),
                make_cursor("date", [5, "ev001"]), make_cursor("size", ["many", None, "ev001"])):
        with pytest.raises(ValueError):
            store.query_events(EventQuery(), after=bad)
    with pytest.raises(ValueError, match="order"):
        store.query_events(EventQuery(sort="-size"), after=page_cursor(everything[0]))


@pytest.mark.parametrize("sort", ["-date", "size", "-size", "type", "-type", "place", "-place", "-mentions"])
def test_keyset_pages_walk_every_order(store, sort):
    from strikewatch.store.sql import EventQuery, page_cursor

    _copies(store, DAYS, [(53.9, 27.57)])
    whole = store.query_events(EventQuery(sort=sort), limit=None)[1]
    assert len(whole) == len(DAYS)
    walked, after = [], None
    while True:
        _, page = store.query_events(EventQuery(sort=sort), limit=3, after=after)
        walked += page
        if len(page) < 3:
            break
        after = page_cursor(page[-1], sort)
    assert [e["id"] for e in walked] == [e["id"] for e in whole]
    assert [e["id"] for e in store.iter_events(EventQuery(sort=sort), chunk=4)] == [e["id"] for e in whole]
    key = {"size": "size_high", "place": "place", "date": "date_start"}.get(sort.lstrip("-"))
    if key:  # missing values last either way
        assert whole[-1][key] is None or whole[-1][key].get("name") is None


def test_map_clusters_count_every_located_event_per_cell(store):
    from strikewatch.store.sql import EventQuery

    minsk, gomel, brest = (53.90, 27.57), (52.43, 30.98), (52.10, 23.70)
    _copies(store, ["2021-05-01"] * 10, [minsk, minsk, gomel, brest, minsk, gomel, None])
    world = store.event_clusters(EventQuery(), zoom=0)
    assert [c["count"] for c in world] == [9] and world[0]["id"] is None  # the unlocated one is left out
    close = sorted(store.event_clusters(EventQuery(), zoom=8), key=lambda c: c["lon"])
    assert [c["count"] for c in close] == [1, 5, 3]  # Brest alone, Minsk, Gomel
    assert close[0]["id"] is not None and close[0]["type"] == "demonstration"
    assert abs(close[1]["lat"] - minsk[0]) < 1e-6 and abs(close[2]["lon"] - gomel[1]) < 1e-6
    assert sorted(c["count"] for c in store.event_clusters(EventQuery(), zoom=8, bbox=(23, 52, 28, 54))) == [1, 5]
    assert len(store.event_points(EventQuery(), bbox=(30, 52, 31, 53))) == 3
    assert store.event_clusters(EventQuery(types=["strike"]), zoom=3) == []


def test_a_maps_view_counts_the_whole_cells_it_meets_whether_counted_ahead_or_filtered(store):
    from strikewatch.store.sql import EventQuery

    # two fine cells (0.35 degrees a side) of one cell at zoom 7, and a view whose edge runs between them
    inside, beside, far = (53.90, 27.57), (53.90, 27.90), (52.43, 30.98)
    _copies(store, ["2021-05-01"] * 6, [inside, beside, far])
    view = (27.0, 53.5, 27.75, 54.2)
    every_type = EventQuery(types=["demonstration", "strike", "riot"])
    for zoom, count in ((8, 2), (7, 4), (4, 4)):  # the cell the view meets whole, at each zoom; not Gomel's
        counted = store.event_clusters(EventQuery(), zoom=zoom, bbox=view)
        read = store.event_clusters(every_type, zoom=zoom, bbox=view)
        assert [c["count"] for c in counted] == [c["count"] for c in read] == [count], zoom
        assert counted[0]["lat"] == read[0]["lat"] and counted[0]["lon"] == read[0]["lon"]
        whole = [c for c in store.event_clusters(EventQuery(), zoom=zoom) if abs(c["lat"] - inside[0]) < 0.01]
        assert whole[0]["count"] == count and whole[0]["lon"] == counted[0]["lon"]  # as without a box
    # close up, single events: those in the box only
    assert len(store.event_points(EventQuery(), bbox=view)) == 2


def test_streamed_exports_equal_the_whole_ones(store):
    import pyarrow.parquet as pq

    from strikewatch.export import FORMATS, Tally, export_bytes, iter_export
    from strikewatch.store.sql import EventQuery

    _copies(store, DAYS, [(53.9, 27.57), None])
    everything = store.query_events(EventQuery(), limit=None)[1]
    for fmt in FORMATS:
        streamed = b"".join(iter_export(store.iter_events(EventQuery(), chunk=4), fmt))
        whole = export_bytes(everything, fmt)
        if fmt == "parquet":
            assert pq.read_table(io.BytesIO(streamed)).to_pylist() == pq.read_table(io.BytesIO(whole)).to_pylist()
            assert pq.read_table(io.BytesIO(streamed)).num_rows == len(DAYS)
        elif fmt == "acled":  # a timestamp column: the rest is the same
            assert [r[:-1] for r in _rows(streamed)] == [r[:-1] for r in _rows(whole)]
            assert len(_rows(streamed)) == 1 + len(DAYS) - 6
        else:
            assert streamed == whole, fmt
    tally = Tally(store.iter_events(EventQuery(), chunk=4))
    assert b"".join(iter_export(tally, "geojson")).count(b'"Feature"') == len(DAYS) - len(DAYS) // 2
    assert tally.left_out("geojson") == f"{len(DAYS) // 2} events without coordinates left out " \
                                        "(a GeoJSON feature needs a point)"
    assert tally.left_out("acled") == "6 undated events left out (ACLED rows need a date)"


def _rows(data: bytes) -> list[list[str]]:
    import csv

    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


@pytest.mark.parametrize("sort", ["date", "-date"])
def test_sqlite_walks_a_listing_index_for_either_date_order_and_its_keyset_pages(tmp_path, sort):
    from sqlalchemy import select

    from strikewatch.store.events import EventQuery, after_segments, conditions, make_cursor, order_by
    from strikewatch.store.schema import events

    store = open_store(str(tmp_path / "plan.db"))
    where = conditions(EventQuery(), "sqlite")
    index = "ix_events_listing" if sort == "date" else "ix_events_listing_newest"
    # the first page, then a keyset page's stretches: the cursor's day (its ties: that day's events,
    # sorted), the later days, the undated events (one value of either listing index)
    ties, later, undated = after_segments(make_cursor(sort, ["2020-05-01", "ev001"]), sort)
    for (extra, order), used in (([], order_by(sort)), f"{index} "), (later, f"{index} "), (undated, "ix_events_listing"):
        plan = _plan(store, select(events.c.data).where(*where, *extra).order_by(*order).limit(50))
        assert f"INDEX {used}" in plan + " " and "TEMP B-TREE" not in plan, plan


def test_each_article_keeps_its_language_and_a_store_from_before_reads_its_articles_as_english(store):
    from dataclasses import replace

    from sqlalchemy import text

    from strikewatch.store.migrations import MIGRATIONS, _migration_10

    russian = replace(document("ru-1", "Рабочие завода вышли на забастовку в понедельник."), language="ru")
    english = document("en-1", "Dock workers went on strike on Monday.")
    store.add_documents([(russian, []), (english, [])])
    assert {d: m["language"] for d, m in store.documents_meta().items()} == {"ru-1": "ru", "en-1": "en"}
    assert store.load_document("ru-1").language == "ru"
    with store.engine.begin() as conn:  # the store as the migration before left it: no language column
        conn.execute(text("ALTER TABLE documents DROP COLUMN language"))
        conn.execute(text("UPDATE meta SET v = :v WHERE k = 'schema_version'"), {"v": str(MIGRATIONS.index(_migration_10))})
    again = open_store(store.url)
    assert again.schema_version() == SCHEMA_VERSION
    assert {m["language"] for m in again.documents_meta().values()} == {"en"}  # only English was read then
    again.close()


def test_reads_inside_one_reading_block_share_one_connection(store):
    from sqlalchemy import event

    from strikewatch.store.sql import EventQuery

    checkouts = []

    def count(*_args) -> None:
        checkouts.append(1)

    event.listen(store.engine, "checkout", count)
    try:
        with store.reading():
            store.generation()
            store.query_events(EventQuery(), limit=5)
            with store.reading():  # nested: the same connection
                store.generation()
        assert len(checkouts) == 1
        store.generation()  # outside the block: a connection of its own again
        assert len(checkouts) == 2
    finally:
        event.remove(store.engine, "checkout", count)


def test_a_stored_record_with_a_nan_an_older_version_wrote_still_reads():
    import math

    from strikewatch.store.events import record_of

    assert record_of('{"id": "e1", "confidence": 0.5}') == {"id": "e1", "confidence": 0.5}
    assert math.isnan(record_of('{"id": "e1", "confidence": NaN}')["confidence"])


def test_opening_a_new_sqlite_file_another_process_is_creating_waits_for_it(tmp_path, monkeypatch):
    """Two first openings of one new file race to create its schema; SQLite may refuse one at once ("database
    is locked", busy timeout or not): the opening is tried again, and only a lasting lock is an error."""
    from sqlalchemy.exc import OperationalError

    from strikewatch.store import sql

    real, refusals = sql.SqlStore.migrate, []

    def locked_at_first(self):  # noqa: ANN001, ANN202
        if len(refusals) < 2:
            refusals.append(1)
            raise OperationalError("PRAGMA journal_mode=WAL", {}, Exception("database is locked"))
        return real(self)

    monkeypatch.setattr(sql.SqlStore, "migrate", locked_at_first)
    monkeypatch.setattr(sql.time, "sleep", lambda _seconds: None)
    store = open_store(str(tmp_path / "new.db"))
    assert len(refusals) == 2 and store.schema_version() == SCHEMA_VERSION
    refusals.clear()
    monkeypatch.setattr(sql, "_LOCK_RETRIES", 2)
    with pytest.raises(Exception, match="database is locked"):
        open_store(str(tmp_path / "other.db"))
