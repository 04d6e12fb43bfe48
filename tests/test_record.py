"""The typed event record (record.EventRecord and the records inside it) mirrors the public JSON
Schema: the same keys, the same required ones, at every level; and a record built by hand validates."""

from __future__ import annotations

import typing

import jsonschema
import pytest

from strikewatch.export import load_schema
from strikewatch.model import Conflict, ConflictValue, DatePrecision, Event, EventType, PlacePrecision
from strikewatch.record import (
    ConflictRecord,
    ConflictValueRecord,
    EventRecord,
    MentionRecord,
    PlaceRecord,
    ReviewState,
    SizeClaimRecord,
    event_record,
)
from strikewatch.resolve import resolve_events

from .builders import MINSK, march


def _object(schema: dict) -> dict:
    """The object schema of a property that may also be null (oneOf) or an array of objects."""
    for option in schema.get("oneOf", []):
        if option.get("type") == "object":
            return option
    return schema["items"] if schema.get("type") == "array" else schema


def _nested(path: list[str]) -> dict:
    schema = load_schema()
    for key in path:
        schema = _object(schema["properties"][key])
    return schema


@pytest.mark.parametrize(("typed", "path"), [
    (EventRecord, []), (PlaceRecord, ["place"]), (MentionRecord, ["mentions"]),
    (SizeClaimRecord, ["mentions", "size_claims"]), (ConflictRecord, ["conflicts"]),
    (ConflictValueRecord, ["conflicts", "values"]), (ReviewState, ["review"]),
])
def test_each_typed_record_has_the_schemas_keys_and_requires_what_it_requires(typed, path):
    schema = _nested(path)
    assert set(typing.get_type_hints(typed)) == set(schema["properties"]), typed.__name__
    assert typed.__required_keys__ == set(schema["required"]), typed.__name__


def test_a_record_of_an_event_made_by_hand_validates_and_keeps_its_conflicts():
    _, first = march("a", MINSK, "2020-08-16", published="2020-08-17", size=(200000, 200000))
    _, second = march("b", MINSK, "2020-08-16", published="2020-08-17", size=(300000, 300000))
    [event] = resolve_events(first + second)
    record = event_record(event, {"a": {"outlet": "Test Wire"}})
    jsonschema.validate(record, load_schema())
    assert record["conflicts"] == [{"field": "size", "values": [
        {"value": [200000, 200000], "doc_id": "a", "claimant": None},
        {"value": [300000, 300000], "doc_id": "b", "claimant": None}]}]
    assert record["mentions"][0]["outlet"] == "Test Wire" and record["independent_sources"] == 2


def test_a_site_conflict_is_each_sources_name_without_a_claimant():
    _, mentions = march("a", MINSK, "2020-08-16")
    event = Event("e1", EventType.DEMONSTRATION, mentions, conflicts=[
        Conflict("site", [ConflictValue("the square", "a"), ConflictValue("the palace", "b")])])
    record = event_record(event, {})
    assert record["conflicts"] == [{"field": "site", "values": [{"value": "the square", "doc_id": "a"},
                                                                {"value": "the palace", "doc_id": "b"}]}]
    jsonschema.validate(record, load_schema())


def test_the_precision_enums_are_the_schemas():
    schema = load_schema()["properties"]
    assert [p.value for p in DatePrecision] + [None] == schema["date_precision"]["enum"]
    assert [p.value for p in PlacePrecision] == _object(schema["place"])["properties"]["precision"]["enum"]


def test_a_stored_mention_comes_back_with_its_precisions_as_enums(tmp_path):
    from strikewatch.store import open_store

    doc, mentions = march("a", MINSK, "2020-08-16")
    store = open_store(str(tmp_path / "p.db"))
    store.add_document(doc, mentions)
    [back] = store.iter_mentions()
    assert back.date.precision is DatePrecision.DAY and back.place.precision is PlacePrecision.CITY
    store.close()
