"""Resolution of mentions into events: within an article and across sources."""

from __future__ import annotations

from strikewatch.extract import extract_mentions
from strikewatch.resolve import resolve_events

from .conftest import make_doc


def events_of(*docs):
    mentions = [m for d in docs for m in extract_mentions(d)]
    return resolve_events(mentions)


def test_sentences_about_one_march_are_one_event():
    doc = make_doc("Thousands of protesters marched in Minsk on Sunday.\n"
                   "Police detained at least 16 protesters at the march.", published="2020-09-20")
    [event] = events_of(doc)
    assert len(event.mentions) == 2 and event.place.name == "Minsk"


def test_same_city_different_days_stay_apart():
    doc = make_doc("Thousands of protesters marched in Minsk on Sunday.\n"
                   "The number was three times as high as at the protests a week ago in Minsk.",
                   published="2020-09-20")
    events = events_of(doc)
    assert sorted(str(e.date.start) for e in events) == ["2020-09-13", "2020-09-20"]


def test_two_outlets_same_march_merge_and_keep_conflicting_sizes():
    a = make_doc("About 200,000 people marched in Minsk on Sunday.", published="2020-08-17", doc_id="a")
    b = make_doc("Some 300,000 people marched in Minsk on Sunday, organisers said.", published="2020-08-16",
                 doc_id="b")
    [event] = events_of(a, b)
    assert {m.doc_id for m in event.mentions} == {"a", "b"}
    [conflict] = event.conflicts
    assert conflict["field"] == "size"
    assert {tuple(v["value"]) for v in conflict["values"]} == {(200000, 200000), (300000, 300000)}


def test_same_day_different_cities_stay_apart():
    a = make_doc("Thousands marched in Moscow on Saturday.", published="2019-08-11", doc_id="a")
    b = make_doc("Thousands marched in Saint Petersburg on Saturday.", published="2019-08-11", doc_id="b")
    assert len(events_of(a, b)) == 2


def test_event_ids_are_stable():
    doc = make_doc("Thousands of protesters marched in Minsk on Sunday.", published="2020-09-20")
    assert events_of(doc)[0].id == events_of(doc)[0].id
