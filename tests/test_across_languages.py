"""Across languages: an English and a Russian report of one event (texts of our own) come out as
one event with both figures and both sources; the language is stored and exported per source."""

from __future__ import annotations

import csv
import io

import jsonschema

from strikewatch.export import export_text, load_schema
from strikewatch.pipeline import ingest_paths
from strikewatch.similarity import distinctive_terms
from strikewatch.store import open_store

ENGLISH = """outlet: Lake Gazette
published: 2020-10-27

Around 2,000 workers of the Grodno Azot chemical plant went on strike in Grodno on Monday, October 26, the union said.
Police detained 30 workers at the gate of the plant.
"""

RUSSIAN = """outlet: Вечерний курьер
published: 2020-10-26

26 октября около 3 тысяч рабочих «Гродно Азота» в Гродно вышли на забастовку, сообщили в профсоюзе.
У проходной завода милиция задержала 32 человека.
"""


def test_an_english_and_a_russian_report_are_one_event(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "in" / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    store = open_store(str(tmp_path / "x.db"))
    summary = ingest_paths([str(tmp_path / "in")], store)
    assert summary.added == 2 and summary.unread == 0
    records = store.load_events()
    strikes = [r for r in records if r["type"] == "strike"]
    assert len(strikes) == 1, [(r["type"], r["place"], r["date_start"]) for r in records]
    strike = strikes[0]
    assert strike["date_start"] == "2020-10-26" and strike["place"]["name"] == "Hrodna"
    assert {m["language"] for m in strike["mentions"]} == {"en", "ru"}
    assert {m["outlet"] for m in strike["mentions"]} == {"Lake Gazette", "Вечерний курьер"}
    assert (strike["size_low"], strike["size_high"]) == (2000, 3000)  # both claims kept
    sizes = next(c for c in strike["conflicts"] if c["field"] == "size")
    assert sorted(v["value"][0] for v in sizes["values"]) == [2000, 3000]
    russian = next(m for m in strike["mentions"] if m["language"] == "ru")
    assert russian["sentence"].startswith("26 октября") and russian["place_text"] == "Гродно"
    for record in records:
        jsonschema.validate(record, load_schema())
    rows = list(csv.DictReader(io.StringIO(export_text(records, "csv"))))
    row = next(r for r in rows if r["id"] == strike["id"])
    assert sorted(row["language"].split(" | ")) == ["en", "ru"]


def test_names_meet_across_scripts():
    russian = distinctive_terms(["Рабочие «Гродно Азота» и МЗКТ бастовали в Минске, сообщила Тихановская."])
    english = distinctive_terms(["Workers of Grodno Azot and MZKT struck in Minsk, said Tsikhanouskaya."])
    assert {"grodno", "azot", "mzkt", "minsk"} <= russian.keys() & english.keys()
