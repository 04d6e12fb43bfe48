"""Place: the toponyms of a document resolved against the gazetteer, and the site of an event.

Candidates are spaCy's GPE/LOC/FAC entities (and ORG ones that are whole city names, since the
small model tags some towns as ORG). Homonyms are settled by the document's country context
(countries and demonyms it names, and its unambiguous cities), then population.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from strikewatch.geo.gazetteer import Gazetteer, GeoPlace
from strikewatch.model import Evidence, Place

_SITE_NOUNS = (r"(?:plant|factory|factories|mill|mine|port|dock|docks|hospital|hospitals|university|campus|school|"
               r"square|street|avenue|road|highway|bridge|park|palace|parliament|city hall|town hall|embassy|"
               r"consulate|ministry|headquarters|office|offices|station|airport|border|compound|chowk|market|"
               r"building|court|courthouse|stadium|gate|gates|roundabout)")
_SITE = re.compile(
    rf"\b(?:at|outside|near|in front of|towards?|into|on|from|inside|around)\s+(?P<site>(?:the\s+)?"
    rf"(?:[A-Z][\w'’.-]*\s+){{0,4}}(?:[a-z-]+\s+){{0,2}}{_SITE_NOUNS}\b(?:\s+(?:of|on)\s+(?:[A-Z][\w'’-]*\s?){{1,4}})?)"
)
_CAPITAL = re.compile(r"\b(?:(?P<owner>[A-Z][\w’' .-]{1,40}?)['’]s\s+capital|the\s+capital(?!\s+of\s+[A-Z]))\b")
_MIN_FOREIGN_POPULATION = 500_000
_CANDIDATE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass
class Toponym:
    text: str
    start: int  # offsets in the cleaned document text
    end: int
    place: GeoPlace
    reason: str


def _strip(text: str) -> str:
    text = re.sub(r"^(?:the|downtown|central|northern|southern|eastern|western)\s+", "", text, flags=re.I)
    return re.sub(r"['’]s$", "", text).strip(" ,.-")


def document_countries(sentences, gazetteer: Gazetteer) -> Counter[str]:
    """How strongly each country is named in the document: countries, demonyms, unambiguous big cities."""
    counts: Counter[str] = Counter()
    for _sentence, span in sentences:
        for ent in span.ents:
            text = _strip(ent.text)
            if ent.label_ == "NORP":
                code = gazetteer.demonym_country(text)
                if code:
                    counts[code] += 1
                continue
            if ent.label_ not in _CANDIDATE_LABELS:
                continue
            places = gazetteer.lookup(text)
            countries = [p for p in places if p.kind == "country"]
            if countries:
                counts[countries[0].country] += 2
            elif places and places[0].population >= 100_000 and (
                    len(places) == 1 or places[0].population > 5 * places[1].population):
                counts[places[0].country] += 1
    return counts


def choose(places: list[GeoPlace], context: Counter[str]) -> tuple[GeoPlace, str] | None:
    """The best reading of a name in this document's context, with the reason."""
    if not places:
        return None
    top_country = context.most_common(1)[0][0] if context else None

    def score(p: GeoPlace) -> float:
        return 3.0 * math.log1p(context.get(p.country, 0)) + math.log10(max(p.population, 10)) + (
            0.5 if p.kind == "city" else 0.0)

    best = max(places, key=score)
    if top_country and best.country != top_country and best.population < _MIN_FOREIGN_POPULATION:
        return None
    if best.population < 1000 and best.kind == "city":
        return None
    reason = f"{len(places)} candidates; chose {best.name} ({best.country}, pop {best.population})"
    if context.get(best.country):
        reason += " in the document's country context"
    return best, reason


def resolve_toponyms(sentences, gazetteer: Gazetteer, context: Counter[str]) -> list[Toponym]:
    """Every place name in the document that resolves, in text order."""
    found: list[Toponym] = []
    for sentence, span in sentences:
        base = sentence.start - span.start_char
        for ent in span.ents:
            if ent.label_ not in _CANDIDATE_LABELS and ent.label_ != "ORG":
                continue
            text = _strip(ent.text)
            places = gazetteer.lookup(text)
            if ent.label_ == "ORG":
                places = [p for p in places if p.kind == "city" and p.population >= 100_000]
            chosen = choose(places, context)
            if chosen:
                found.append(Toponym(text, base + ent.start_char, base + ent.end_char, *chosen))
        for m in _CAPITAL.finditer(sentence.text):
            owner = m.group("owner")
            code = None
            if owner:
                owner_places = [p for p in gazetteer.lookup(_strip(owner)) if p.kind == "country"]
                code = owner_places[0].country if owner_places else gazetteer.demonym_country(owner)
            elif context:
                code = context.most_common(1)[0][0]
            capital = gazetteer.capital(code) if code else None
            if capital:
                found.append(Toponym(m.group(0), sentence.start + m.start(), sentence.start + m.end(), capital,
                                     f"'capital' read as the capital of {code}"))
    found.sort(key=lambda t: t.start)
    return found


def to_place(toponym: Toponym, rule: str) -> Place:
    p = toponym.place
    return Place(
        name=p.name, precision="country" if p.kind == "country" else "city", country=p.country,
        admin1=p.admin1, lat=p.lat, lon=p.lon, gazetteer_id=p.gazetteer_id,
        evidence=Evidence(toponym.text, toponym.start, toponym.end, rule, toponym.reason),
    )


def find_site(sentence: str, offset: int = 0) -> Evidence | None:
    m = _SITE.search(sentence)
    if not m:
        return None
    site = m.group("site").strip()
    return Evidence(site, offset + m.start("site"), offset + m.start("site") + len(site), "site:locative-noun")
