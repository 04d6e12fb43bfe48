"""The export contract: every record validates against the shipped JSON Schema; CSV and GeoJSON."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest

from strikewatch.export import export_text, load_schema
from strikewatch.pipeline import ingest_paths
from strikewatch.store import open_store

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("exp") / "e.db"))
    ingest_paths([str(EXAMPLES)], store)
    return store.load_events()


def test_every_record_validates(records):
    schema = load_schema()
    assert len(records) >= 5
    for record in records:
        jsonschema.validate(record, schema)


def test_schema_rejects_a_bad_record(records):
    bad = dict(records[0], type="picnic")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, load_schema())


def test_mentions_point_into_the_original_text(records):
    for record in records:
        for m in record["mentions"]:
            assert m["end"] > m["start"]
            assert m["url"], "sources keep their URL"


def test_event_size_spans_mention_sizes(records):
    for r in records:
        lows = [m["size_low"] for m in r["mentions"] if m["size_low"] is not None]
        if lows:
            assert r["size_low"] == min(lows)
            assert r["size_high"] == max(m["size_high"] for m in r["mentions"] if m["size_high"] is not None)


def test_csv_and_geojson(records):
    rows = list(csv.DictReader(io.StringIO(export_text(records, "csv"))))
    assert len(rows) == len(records) and rows[0]["id"] == records[0]["id"]
    geo = json.loads(export_text(records, "geojson"))
    assert geo["type"] == "FeatureCollection"
    located = [r for r in records if (r["place"] or {}).get("lat") is not None]
    assert len(geo["features"]) == len(located)
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
