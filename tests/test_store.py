"""One contract test suite, run against SQLite and against the real PostgreSQL server."""

from __future__ import annotations

import pytest

from strikewatch.extract import extract_mentions
from strikewatch.pipeline import resolve_store
from strikewatch.store import database_url, open_store
from strikewatch.store.sql import SCHEMA_VERSION

from .conftest import make_doc


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = open_store(str(tmp_path / "contract.db"))
    else:
        s = open_store(request.getfixturevalue("postgres_url"))
        from strikewatch.store.sql import metadata

        metadata.drop_all(s.engine)
        s = open_store(request.getfixturevalue("postgres_url"))
    yield s
    s.close()


DOC = ("Thousands of protesters marched in Minsk on Sunday.\n"
       "Police detained at least 16 protesters at the march.")


def test_schema_is_versioned(store):
    assert store.schema_version() == SCHEMA_VERSION
    assert store.migrate() == SCHEMA_VERSION  # running migrations again is a no-op


def test_document_and_mentions_round_trip(store):
    doc = make_doc(DOC, published="2020-09-20", doc_id="minsk-1")
    mentions = extract_mentions(doc)
    assert store.add_document(doc, mentions) is True
    assert store.has_document(doc.key)
    back = list(store.iter_mentions())
    assert [m.mention_id for m in back] == sorted(m.mention_id for m in mentions)
    assert back[0].place.name == "Minsk" and back[0].evidence["place"].text == "Minsk"
    loaded = store.load_document("minsk-1")
    assert loaded.text == doc.text and loaded.offsets.runs == doc.offsets.runs


def test_same_document_twice_adds_nothing(store):
    doc = make_doc(DOC, published="2020-09-20")
    assert store.add_document(doc, extract_mentions(doc)) is True
    assert store.add_document(doc, extract_mentions(doc)) is False
    assert store.counts()["documents"] == 1


def test_failed_write_leaves_nothing(store):
    doc = make_doc(DOC, published="2020-09-20")
    mentions = extract_mentions(doc)
    with pytest.raises(Exception):  # noqa: B017 - any database error
        store.add_document(doc, mentions + mentions)  # duplicate primary keys
    assert store.counts() == {"documents": 0, "mentions": 0, "events": 0}


def test_a_batch_of_articles_is_written_whole_or_not_at_all(store):
    a = make_doc(DOC, published="2020-09-20", doc_id="a")
    b = make_doc("Nurses struck in Gomel on Monday.", published="2020-09-21", doc_id="b")
    assert store.add_documents([(a, extract_mentions(a)), (b, extract_mentions(b)), (a, [])]) == [True, True, False]
    assert store.stored_keys([a.key, b.key, "missing"]) == {a.key, b.key}
    assert store.keys_by_id(["a", "b", "c"]) == {"a": a.key, "b": b.key}
    c = make_doc("Miners marched in Soligorsk on Tuesday.", published="2020-09-22", doc_id="c")
    bad = extract_mentions(c)
    with pytest.raises(Exception):  # noqa: B017 - any database error
        store.add_documents([(c, []), (make_doc("Teachers rallied.", doc_id="d"), bad + bad)])
    assert store.keys_by_id(["c", "d"]) == {} and store.counts()["documents"] == 2


def test_events_replace_and_load(store):
    doc = make_doc(DOC, published="2020-09-20")
    store.add_document(doc, extract_mentions(doc))
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
        conn.execute(text("CREATE TABLE meta (k VARCHAR(64) PRIMARY KEY, v TEXT)"))
        MIGRATIONS[0](conn)
        conn.execute(text("INSERT INTO meta VALUES ('schema_version', '1')"))
    assert store.schema_version() == 1
    assert store.migrate() == SCHEMA_VERSION == store.schema_version()
    columns = {c["name"] for c in inspect(store.engine).get_columns("events")}
    assert "block" in columns and inspect(store.engine).has_table("event_mentions")
    _add(store, DOC, "2020-09-20", "after-migration")
    assert resolve_store(store) == 1
