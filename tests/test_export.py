"""The export contract: every record validates against the shipped JSON Schema; CSV and GeoJSON."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest

from strikewatch.export import export_text, load_schema
from strikewatch.store import open_store

from .conftest import copy_store


@pytest.fixture(scope="module")
def records(reports_db, tmp_path_factory):
    store = open_store(copy_store(reports_db, tmp_path_factory.mktemp("exp")))
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
            assert m["url"] or m["file"], "sources keep their URL or the file they were read from"


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


def test_parquet_keeps_types_and_every_event(records):
    import pyarrow.parquet as pq

    from strikewatch.export import export_bytes

    table = pq.read_table(io.BytesIO(export_bytes(records, "parquet")))
    assert table.num_rows == len(records)
    assert str(table.schema.field("date_start").type) == "date32[day]"
    assert str(table.schema.field("size_low").type) == "int64"
    assert str(table.schema.field("organizations").type).startswith("list<")
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert [r["size_low"] for r in rows] == [r["size_low"] for r in records]


def test_acled_columns_and_conventions(records):
    from strikewatch.export import ACLED_COLUMNS, acled_crowd_size

    rows = list(csv.DictReader(io.StringIO(export_text(records, "acled"))))
    dated = [r for r in records if r["date_start"]]
    assert list(rows[0]) == ACLED_COLUMNS and len(rows) == len(dated) < len(records)  # ACLED rows need a date
    by_id = {r["id"]: r for r in records}
    for row, record in zip(rows, dated, strict=True):
        assert row["event_date"] == (record["date_start"] or "")
        assert row["event_type"] == ("Riots" if record["type"] == "riot" else "Protests")
        assert row["tags"] == "crowd size=" + acled_crowd_size(record["size_low"], record["size_high"])
        assert row["notes"].endswith(f"[size={acled_crowd_size(record['size_low'], record['size_high'])}]")
        assert int(row["fatalities"]) == (record["deaths"] or 0)
    moscow = next(row for row in rows if row["location"] == "Moscow")
    assert moscow["country"] == "Russia" and moscow["iso"] == "643" and moscow["actor1"] == "Protesters (Russia)"
    record = by_id[moscow["event_id_cnty"][2:]]
    assert moscow["geo_precision"] == "1"  # a city
    assert moscow["time_precision"] == {"day": "1", "week": "2"}.get(record["date_precision"], "3")
    assert moscow["sub_event_type"] == (
        "Protest with intervention" if record["arrests"] or record["state_response"] else "Peaceful protest")
    assert acled_crowd_size(None, None) == "no report" and acled_crowd_size(300, 300) == "around 300"
    assert acled_crowd_size(200, 300) == "between 200 and 300"


def test_acled_years_are_integers_and_interventions_name_the_state(records):
    import pyarrow as pa
    from pyarrow import csv as pa_csv

    from strikewatch.export import left_out

    table = pa_csv.read_csv(io.BytesIO(export_text(records, "acled").encode("utf-8")))
    assert table.schema.field("year").type == pa.int64() and table["event_date"].null_count == 0
    assert left_out(records, "acled") == f"{sum(1 for r in records if not r['date_start'])} undated events left out " \
        "(ACLED rows need a date)"
    by_location = {row["location"]: row for row in table.to_pylist()}
    detained = by_location["Moscow"]  # police detained people at the rally
    assert detained["sub_event_type"] == "Protest with intervention"
    assert detained["actor2"] == "Police Forces of Russia" and detained["inter2"] == 1 and detained["interaction"] == 16
    peaceful = by_location["Tampere"]
    assert peaceful["sub_event_type"] == "Peaceful protest" and not peaceful["actor2"]
    assert peaceful["inter2"] == 0 and peaceful["interaction"] == 60


def test_size_claims_sit_side_by_side_in_the_csv(records):
    [march] = [r for r in records if (r["place"] or {}).get("name") == "Tampere"]
    row = next(csv.DictReader(io.StringIO(export_text([march], "csv"))))
    claims = row["size_claims"].split(" | ")
    assert any(c.startswith("2,000 (Police) [") for c in claims)
    assert any(c.startswith("8,000 (Organisers) [") for c in claims)
    assert len({c.split("[")[1] for c in claims}) == 2  # from two sources


def test_the_codebook_describes_every_column_of_every_format(records, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from strikewatch.export import ACLED_COLUMNS, CSV_COLUMNS, codebook

    text = codebook()
    sections = {name: text.split(f"## {name}")[1].split("\n## ")[0] for name in ("JSON Lines", "CSV", "GeoJSON", "ACLED")}

    def described(section: str, name: str) -> bool:
        return f"| `{name}` |" in sections[section] or f"`{name}`," in sections[section]

    record_keys = set(records[0]) | {"review"}
    mention_keys = set(records[0]["mentions"][0])
    assert [k for k in record_keys | mention_keys if not described("JSON Lines", k)] == []
    assert all(described("CSV", c) for c in CSV_COLUMNS)
    feature = json.loads(export_text(records, "geojson"))["features"][0]
    assert all(described("GeoJSON", k) or described("JSON Lines", k) for k in feature["properties"])
    assert all(described("ACLED", c) for c in ACLED_COLUMNS)
    exe = Path(sys.executable).parent / "strikewatch"
    printed = subprocess.run([str(exe), "export", "--codebook"], capture_output=True, text=True, check=True).stdout
    assert printed == text


def test_csv_cells_never_start_a_formula(records):
    import copy

    evil = copy.deepcopy(next(r for r in records if r["place"] and r["place"].get("lat") is not None))
    evil.update(site="=cmd|' /C notepad'!A0", participants="+1+2", organizations=["@SUM(A1:A9)"])
    evil["place"].update(name="-3+4", lon=-12.5)
    evil["mentions"][0].update(sentence="=HYPERLINK(\"http://example.invalid\")", outlet="\tTabbed", url=None,
                               doc_id="\rdoc")
    evil["mentions"] = evil["mentions"][:1]
    for fmt, columns in (("csv", ("site", "participants", "organizations", "place_name", "sentences", "sources")),
                         ("acled", ("assoc_actor_1", "location", "source"))):
        [row] = csv.DictReader(io.StringIO(export_text([evil], fmt)))
        for column in columns:
            assert row[column].startswith("'"), (fmt, column, row[column])
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), (fmt, value)
    [row] = csv.DictReader(io.StringIO(export_text([evil], "csv")))
    assert row["lon"] == "-12.5" and row["site"] == "'=cmd|' /C notepad'!A0"  # numbers stay numbers
