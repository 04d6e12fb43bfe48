"""Russian words made from a town's name, read back to the town: its toponymic adjective
("хабаровский", "гомельский", "гродненский") and its residents' noun ("хабаровчанин", "минчанин",
"гродненец").

A lemma is undone by the regular derivations of `lang/ru/places.toml` (`town_adjective_endings`,
`resident_endings`: an ending of the word and the endings of a name that may take its place), and
the big cities whose words no derivation gives are listed (`town_words`). A candidate name counts
only where pymorphy3's dictionary knows it as a place name (Geox) in the nominative, so "совет"
(советский) or "сель" (сельский) are never names. Among those names the gazetteer's towns of some
size are kept: 50,000+ people in the document's country, or 500,000+ anywhere. A name pymorphy3
knows as a place but the gazetteer as no town of 10,000+ (Крым for крымский, Урал for уральский)
is a region, a river or mountains: the word is that place's and no town is given.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from strikewatch.geo.gazetteer import GeoPlace, load_gazetteer, region_bare_name, region_words
from strikewatch.geo.names import fold, similarity
from strikewatch.lang import lexicon
from strikewatch.lang.morphology import morph

LANG = "ru"
TOWN_IN_COUNTRY = 50_000  # a town of the document's country its word names is read when this big
TOWN_ANYWHERE = 500_000  # ... and a town of any country when this big
_SOME_TOWN = 10_000  # a place name the gazetteer knows no town this big of is no town's (a region, a river)
_ADJECTIVE_ENDINGS = ("ский", "цкий")
_OWN_NAME = 0.6  # how alike (geo.names.similarity) the derived name and the town's own name must be
_SAME_REGION_NAME = 0.8  # how alike (gazetteer.fuzzy) a derived name and a region's name must be


def _norm(word: str) -> str:
    return word.lower().replace("ё", "е")


@functools.cache
def _irregular() -> dict[str, str]:
    """A listed word -> the name of its city."""
    return {_norm(word): name for name, words in lexicon(LANG).places.town_words.items() for word in words}


def _derived_names(lemma: str, endings: dict[str, tuple[str, ...]]) -> list[str]:
    names: list[str] = []
    for ending, replacements in endings.items():
        if lemma.endswith(ending) and len(lemma) > len(ending) + 1:
            names.extend(lemma[:-len(ending)] + r for r in replacements)
    return list(dict.fromkeys(names))


@functools.lru_cache(maxsize=10_000)
def _place_name(name: str) -> bool:
    """pymorphy3 knows the word as a place name in its dictionary (not a guess), in the nominative."""
    return any("Geox" in p.tag and p.is_known and _norm(p.normal_form) == name for p in morph().parse(name))


@functools.lru_cache(maxsize=10_000)
def _towns(lemma: str, kind: str) -> tuple[tuple[str, tuple[GeoPlace, ...]], ...]:
    """The names the word may be made from, each with the gazetteer's towns of that name (biggest first)."""
    lemma = _norm(lemma)
    places = lexicon(LANG).places
    if lemma in _irregular():
        names = [_irregular()[lemma]]
    elif kind == "adjective":
        if not lemma.endswith(_ADJECTIVE_ENDINGS) or lemma in places.common_adjectives or \
                any(lemma in words for words in places.demonyms.values()):
            return ()
        names = [n for n in _derived_names(lemma, places.town_adjective_endings) if _place_name(n)]
    elif lemma in places.common_adjectives or any({"Patr", "Name", "Surn"} & p.tag.grammemes
                                                  for p in morph().parse(lemma) if p.normal_form == lemma):
        return ()  # "северянин" is a word first; "петрович" a patronymic
    else:
        names = [n for n in _derived_names(lemma, places.resident_endings) if _place_name(n)]
    gazetteer = load_gazetteer()
    found = [(n, gazetteer.lookup(n)) for n in names]
    if any(p.kind == "country" for _n, places_named in found for p in places_named):
        return ()  # "бенинский", "руандец": a nationality, not a town's
    return tuple((n, tuple(p for p in named if p.kind == "city")) for n, named in found)


def town_of(lemma: str, kind: str, country: str | None) -> GeoPlace | None:
    """The town a toponymic adjective (`kind` "adjective") or a residents' noun ("residents") names,
    in a document of `country` (None where it names none); None when no town of that size fits, or
    when the word may be another place's."""
    found = _towns(lemma, kind)
    if any(not towns or towns[0].population < _SOME_TOWN for _name, towns in found):
        return None  # "крымский": Крым is a place, though no town
    # the town whose own name it is, not one that once bore it ("ставропольский" is Stavropol's, not
    # Tolyatti's, once Stavropol-on-Volga; "петровский" is no word of Makhachkala, once Petrovsk-Port)
    fitting = [p for name, towns in found for p in towns if similarity(fold(name), fold(p.name)) >= _OWN_NAME
               and ((country is not None and p.country == country and p.population >= TOWN_IN_COUNTRY)
                    or p.population >= TOWN_ANYWHERE)]
    if not fitting:
        return None
    # a town of that very name before one merely like it ("таласский" is Talas's, not Dallas's): of those
    # read, else a smaller one at home that a foreign town only sounds like
    exact = [p for name, towns in found for p in towns if fold(name) == fold(p.name)
             and (p in fitting or p.country == country and p.population >= _SOME_TOWN)]
    return max(exact or fitting, key=lambda p: (p.country == country, p in fitting, p.population))


def is_residents_noun(lemma: str) -> bool:
    """The noun names the residents of a town ("хабаровчанин", "гродненец"): people, for a crowd's size."""
    return any(towns and towns[0].population >= _SOME_TOWN for _name, towns in _towns(lemma, "residents"))


def town_region(lemma: str, country: str | None) -> GeoPlace | None:
    """The region named after the town a toponymic adjective names ("Хабаровский край", "Гомельская
    область"): the gazetteer's region of the town's name (an oblast before a city's own region:
    "Минская область" is not Minsk City), else the region the town lies in."""
    if (region := _region_of_that_very_name(lemma, country)) is not None:
        return region  # "Таласская область" is Talas Region, though a bigger town abroad sounds like Talas
    town = town_of(lemma, "adjective", country)
    if town is None:
        return _region_by_its_name(lemma, country)
    gazetteer = load_gazetteer()
    names = {town.name, *(n for n, towns in _towns(lemma, "adjective") if town in towns)}
    named = {p.gazetteer_id: p for n in names for p in gazetteer.lookup(n)
             if p.kind == "region" and p.country == town.country and not fold(p.name).endswith(" city")}
    endings = tuple(" " + fold(w) for w in region_words())
    if named:
        return max(named.values(), key=lambda p: (fold(p.name).endswith(endings), p.population))
    regions = gazetteer.region_of(town)
    return regions[0] if regions else None


def _region_of_that_very_name(lemma: str, country: str | None) -> GeoPlace | None:
    """The one region (of the document's country where it names one) whose bare name is exactly a name
    the adjective derives from: no town's likeness can then stand in for it."""
    gazetteer = load_gazetteer()
    places = lexicon(LANG).places
    names = _derived_names(_norm(lemma), {**places.town_adjective_endings, **places.region_adjective_endings})
    regions = {p.gazetteer_id: p for name in names for p in gazetteer.lookup(name)
               if p.kind == "region" and region_bare_name(p.name) == fold(name) and not fold(p.name).endswith(" city")}
    at_home = [p for p in regions.values() if p.country == country]
    if at_home or country is not None and any(p.country == country for p in _towns_named(names)):
        return at_home[0] if len(at_home) == 1 else None
    return next(iter(regions.values())) if len(regions) == 1 else None


def _towns_named(names: Iterable[str]) -> list[GeoPlace]:
    gazetteer = load_gazetteer()
    return [p for name in names for p in gazetteer.lookup(name) if p.kind == "city" and fold(name) == fold(p.name)]


def _region_by_its_name(lemma: str, country: str | None) -> GeoPlace | None:
    """The region a capitalised adjective before "область", "край" is made from where the dictionary
    knows no such place ("Мангистауская", "Ширакская", "Лорийская" область): the gazetteer's region of a
    derived name, in the document's country where it names one, else the region of a town of that very
    name there ("Ленинградская" is no region of St Petersburg, once Leningrad). Before a region word the
    adjective can only be a place's, so no dictionary gate is needed."""
    gazetteer = load_gazetteer()
    places = lexicon(LANG).places
    names = _derived_names(_norm(lemma), {**places.town_adjective_endings, **places.region_adjective_endings})
    for name in names:
        named = gazetteer.lookup(name)
        regions = [p for p in named if p.kind == "region" and p.country == (country or p.country)
                   and similarity(fold(name), region_bare_name(p.name)) >= _OWN_NAME]
        if regions and (country is not None or len({p.country for p in regions}) == 1):
            return max(regions, key=lambda p: p.population)
        towns = [p for p in named if p.kind == "city" and p.country == country and p.population >= TOWN_IN_COUNTRY
                 and similarity(fold(name), fold(p.name)) >= _OWN_NAME]
        if towns and (regions_of := gazetteer.region_of(towns[0])):
            return regions_of[0]
    if country is None:
        return None
    for name in names:
        # a transliteration apart ("Мангистау", Mangghystaū)
        regions = [m.place for m in gazetteer.fuzzy(name, (country,))
                   if m.place.kind == "region" and m.place.country == country and m.score >= _SAME_REGION_NAME]
        if regions:
            return regions[0]
    return None
