"""Toponym resolution: the place names of a parsed document, each resolved to one gazetteer place.

Entry point: `geocode(sentences)`. Candidates are spaCy's GPE/LOC/FAC entities (and ORG ones that
are whole names of big cities, since the small model tags some towns as ORG) plus "the capital"
and the names that "the town of", "the city of" mark as places.
For each name the gazetteer gives its readings: exact names first; region phrases ("Gomel
region", "Kano State"); and, for GPE/LOC names that match nothing exactly, spelling variants
(`Gazetteer.fuzzy`). The reading is chosen by the document's country context (the countries,
demonyms and unambiguous big cities it names), then population, then the kind of place.
A paragraph's dateline ("DHAKA:", "NAIROBI, Kenya (AP) —", "... 11.03 PM IST ahmedabad:") names
a town even where the parser sees none (lower-cased archives), and its country joins the context.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from strikewatch.geo.gazetteer import FuzzyMatch, Gazetteer, GeoPlace, fold, load_gazetteer, region_words
from strikewatch.lang import CYRILLIC, available, lexicon, phrase_pattern
from strikewatch.lang.morphology import morph, word_forms
from strikewatch.model import COMMON_NOUNS, ENTITY_NAME, Evidence, Place, PlacePrecision, Sentence
from strikewatch.spans import text_of

if TYPE_CHECKING:  # spaCy loads only when a model is first needed (nlp.load_nlp)
    from spacy.tokens import Span, Token

LANGUAGE = "en"  # whose place words (strikewatch/lang/en/places.toml) the rules read
# "the capital" is the country's, unless a name follows ("the capital of (neighbouring) Michoacan state")
_CAPITAL = re.compile(r"\b(?:(?P<owner>[A-Z][\w’' .-]{1,40}?)['’]s\s+capital"
                      r"|[Tt]he\s+capital,?\s+of\s+(?:the\s+)?(?P<country>[A-Z][\w’'.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'.-]*){0,4})"
                      r"|[Tt]he\s+capital(?!\s+of\s+(?:[A-Z]|(?:the\s+)?(?:(?!the\b)[a-z]+\s+){1,3}[A-Z]))"
                      r"|[Tt]he\s+(?P<adjective>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+capital)\b"
                      r"(?!\s+(?:markets?|gains?|flows?|flight|investments?|spending|punishment|expenditure)\b)")
_TOWN_WORDS = "town|city|village|district|municipality|suburb|township|port"


@functools.cache
def _named_place() -> re.Pattern[str]:
    """ "the town of Molo", "the city of Hama", "the Mexican state of Sonora": a name the phrase marks as
    a place, whatever the parser saw in it (the small model often takes it for a person); the region
    words are the lexicon's."""
    regions = "|".join(re.escape(w) for w in region_words())
    # "the restive northern city of", "the Kenyan town of" (not "the head of state of"); a name with its
    # particles ("Rio Grande do Sul", "Mato Grosso do Sul")
    return re.compile(r"\bthe\s+(?:(?:(?!of\b)[A-Za-z-]+\s+){0,3}"
                      rf"(?:(?P<town>{_TOWN_WORDS})|(?P<region>{regions})))"
                      r"\s+of\s+(?P<name>[A-Z][\w'’-]+(?:\s+(?:(?:do|da|dos|das|de|del|di)\s+)?[A-Z][\w'’-]+){0,3})")


_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


@functools.cache
def _listed_regions_pattern() -> re.Pattern[str]:
    """Names a plural region word introduces: "in provinces such as Salta, Jujuy and Mendoza", "the
    states of Punjab and Haryana" (the small model calls such names persons or organisations); the
    region words and the cues of examples are the lexicon's."""
    places = lexicon(LANGUAGE).places
    plurals = "|".join(w[:-1] + "ies" if w.endswith("y") else w + "s" for w in places.region_words)
    cues = "|".join(r"\s+".join(re.escape(w) for w in cue.split()) for cue in ("of", *places.example_cues))
    return re.compile(rf"\b(?:{plurals})\s+(?:{cues})\s+"
                      rf"(?P<names>{_NAME}(?:\s*,\s*{_NAME})*(?:\s*,?\s+(?:and|or)\s+{_NAME})?)")


@functools.cache
def _region_phrase() -> re.Pattern[str]:
    """A region word ending a phrase, in lower case: "Gomel region" (but "Kano State" is a name)."""
    return re.compile(r"\b(?:{})$".format("|".join(region_words())))


# Words around a town's name that are not part of it: "Old Hubli", "Surankot tehsil", "Raichur village".
_PART_PREFIX = re.compile(r"^(?:old|north|south|east|west|upper|lower|greater)\s+", re.I)  # see also strip_name
# a town's own government named for it ("the City of Johannesburg", "the Municipality of Tarlac"): the
# name after it is the town's whole name ("City of Cape Town" is Cape Town, not Cape)
_MUNICIPALITY_OF = re.compile(r"^(?:city|town|municipality|borough)\s+of\s+", re.I)
_PART_SUFFIX = re.compile(r"\s+(?:village|town|city|district|sub-?division|taluka?|tehsil|mandal|block|area|gram|"
                          r"municipality|township|suburb|neighbou?rhood|camp|CBD|city\s+cent(?:re|er)|downtown|"
                          r"(?P<shore>bay|harbou?r|waterfront))$", re.I)
LOCATIVE = frozenset({"in", "near", "outside", "around", "across", "through", "throughout"})  # "in Mandalay"
_TOWN_PART_ADJECTIVES = {"central", "downtown", "northern", "southern", "eastern", "western", "north", "south",
                         "east", "west", "suburban", "greater", "inner", "old"}
_MIN_FOREIGN_POPULATION = 500_000
_WORLD_CITY = 1_000_000  # a city this big is meant over a namesake a hundredth its size, whatever the context
_UNSEEN_MIN_POPULATION = 50_000  # a town the parser did not tag is read only when at least this big
# A city that has the region's name only as an alternate name is its chief city only when this big
# ("Chittagong", Chattogram; not the village of Minneota, also listed as "Minnesota").
_CHIEF_CITY_BY_ALIAS = 100_000
_ORGANISATION_TOWN_POPULATION = 100_000  # a name the model takes for an organisation is a town only this big
_OWNED_WORKPLACE_MIN_POPULATION = 20_000  # "its Hosur plant": a town of the report's country, not a product line
_FUZZY_FOREIGN_POPULATION = 100_000
_LABEL_CITY = 100_000  # a town this big of a country's name is what a dateline in capitals names
# With no country named to anchor it, a spelling variant is read only when it is all but the name:
# "Konabari" is no "Canberra", nor "Idi-Araba" "Idlib" (0.8 alike), where "Baranovici" is Baranovichi.
_FUZZY_UNANCHORED = 0.88
# Even in the report's country a variant must be alike as letters, not only as sounds: a suburb the
# gazetteer lacks ("Braamfontein", 0.75 alike) is no other city of the country ("Bloemfontein"), where
# "Hrodno" (0.83) is Hrodna.
_FUZZY_ANCHORED_LETTERS = 0.8
# A spelling variant of a village is more often another word (a hospital's or a street's name,
# "Sotiria" for Steíri) than a misspelt village: a variant is read only as a place this big.
_FUZZY_MIN_POPULATION = 5_000
_CANDIDATE_LABELS = {"GPE", "LOC", "FAC"}
_KIND_BONUS = {"city": 0.5, "region": 0.3, "country": 0.0}


@dataclass(frozen=True)
class Reading:
    """One gazetteer place a name may stand for, and how the name matched it."""

    place: GeoPlace
    match: str  # exact | region | fuzzy
    similarity: float = 1.0


@dataclass
class Toponym:
    text: str
    start: int  # offsets in the cleaned document text
    end: int
    place: GeoPlace
    reason: str
    readings: list[Reading] = field(default_factory=list)
    dateline: bool = False  # where the report was filed, rather than a place it names
    by_word: bool = False  # a town only a word made from its name gives ("хабаровчане"), not its name
    by_company: bool = False  # the town a workplace is named after ("ОАО «Гродно Азот»"), not its name
    by_institution: bool = False  # ... an institution named "of" its town ("the University of Zagreb")
    of_another: bool = False  # the place of what a sentence's event is set against or about, not the event's
    reference_point: bool = False  # "(Ulsan,) 300 km southeast of Seoul": where a distance is taken from
    government: bool = False  # "Moscow said", "urged Ottawa to": the government that sits there, no place at all
    people_go_to: bool = False  # "nurses leaving for Australia": where people go to live or work, no place of events
    direction: bool = False  # "blocked traffic towards Georgia": where a way leads, no place of the event


@dataclass
class Geocoding:
    """What `geocode` found: the country context it used and the resolved names in text order."""

    context: Counter[str]
    toponyms: list[Toponym]
    unresolved: list[tuple[str, list[Reading]]] = field(default_factory=list)


def strip_name(text: str) -> str:
    text = re.sub(r"^(?:the|downtown|central|northern|southern|eastern|western)\s+", "", text, flags=re.I)
    return re.sub(r"['’]s$", "", text).strip(" ,.-")


class PlaceContext(Counter[str]):
    """How strongly the document names each country (the counter), and each of their regions
    (`regions`, keyed by country and region name): the states, provinces and oblasts it names, and
    those of its dateline towns. Among towns of one name, the one in a region the report names is
    the one it means ("Wayne" in a report from Michigan). A big city does not name its region: it
    would vote for its own reading."""

    def __init__(self, countries: Counter[str] | None = None, regions: Counter[tuple[str, str]] | None = None):
        super().__init__(countries or {})
        self.regions: Counter[tuple[str, str]] = Counter(regions or getattr(countries, "regions", {}))

    def region_weight(self, place: GeoPlace) -> int:
        return self.regions.get((place.country, fold(place.admin1 or "")), 0)

    def add_region(self, place: GeoPlace, weight: int = 1) -> None:
        if place.admin1:
            self.regions[(place.country, fold(place.admin1))] += weight


def document_countries(sentences, gazetteer: Gazetteer) -> PlaceContext:
    """How strongly each country is named in the document: countries, demonyms, unambiguous big
    cities; and each region the document names (`PlaceContext.regions`)."""
    counts = PlaceContext()
    named: Counter[str] = Counter()  # the place names the document gives, each as often as it gives it
    for _sentence, span in sentences:
        counts.update(_demonym_countries(span))
        counts.update(_peoples_countries(span, gazetteer))
        for ent in span.ents:
            if _no_sign_of_the_report(ent):
                continue
            if (state := state_after_a_town(ent, gazetteer)) is not None:
                counts[state.country] += 2  # "MONTGOMERY, Ala.": as strong as a country named
                counts.add_region(state, 2)
                continue
            text = strip_name(entity_name(ent))
            if ent.label_ in _CANDIDATE_LABELS and (code := script_country(text)):
                counts[code] += 2
                continue
            if ent.label_ == "NORP":
                code = gazetteer.demonym_country(text)
                if code and (len(ent) > 1 or _people_of(text, gazetteer) is None) and not _an_owners(ent):
                    counts[code] += 1  # one plural word ("Kenyans") was counted above
                continue
            if ent.label_ == "ORG" and (code := _national_body(text, gazetteer)):
                counts[code] += 1
                continue
            if (ent.label_ in _CANDIDATE_LABELS and not _a_common_word(ent)) or _a_person_after_a_word_of_place(ent):
                _count_place_name(counts, text, gazetteer)
                named[text] += 1
    _count_repeated_towns(counts, named, gazetteer)
    return counts


# A byline naming where its writer is based ("By Jane Roe, Brussels", "Автор: Анна Петрова, Казань"): a short
# line of its own, no sentence, that opens on a byline word and a name (up to four capitalised words) closed by
# a comma, a bar or the line's end; no headline ("By Sunday Night, Nurses Had Walked Out", "By Bus and on Foot").
_BYLINE = re.compile(r"^\s*(?:(?:written\s+|reporting\s+)?by|автор|текст)\b\s*:?\s*"
                     r"(?P<name>(?-i:[A-ZА-ЯЁ][\w'’.-]*)(?:\s+(?-i:[A-ZА-ЯЁ][\w'’.-]*)){0,3})\s*(?:[,|·]|$)", re.I)
_MAX_BYLINE = 100
_MAX_BYLINE_WORDS = 8


@functools.cache
def _calendar_words() -> frozenset[str]:
    """Every language's weekday and month names, folded: no name of a place in a date ("Manchester yesterday"),
    nor of a writer ("By Sunday Night, ...")."""
    calendars = [lexicon(code).calendar for code in available()]
    return frozenset(fold(w) for c in calendars for w in (*c.weekdays, *(n for names in c.months for n in names)))


def _no_sign_of_the_report(ent) -> bool:  # noqa: ANN001 - a spaCy span
    """Where a way leads ("traffic towards Georgia"), a continent ("journalism in Central Asia"), what the
    sentence is about ("weapons to Israel") and where people or goods come from ("grain from Ukraine") say
    nothing of the report's country."""
    text = text_of(ent.doc)
    return a_direction(text, ent.start_char) or a_world_region(entity_name(ent)) or \
        an_object_of_the_sentence(text, ent.start_char) or people_come_from(text, ent.start_char) or \
        in_a_byline(text, ent.start_char)


def in_a_byline(text: str, at: int) -> bool:
    """The name at `at` is on a byline's line ("By Jane Roe, Brussels"): where the writer is based."""
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    line = text[start:] if end < 0 else text[start:end]
    found = _BYLINE.match(line) if len(line) <= _MAX_BYLINE and len(line.split()) <= _MAX_BYLINE_WORDS else None
    # a sentence is no byline ("By Monday evening, thousands had marched in Brussels.")
    return found is not None and not line.rstrip().endswith((".", "!", "?")) and \
        fold(found.group("name").split()[0]) not in _calendar_words()


# The words of place after which a name the model calls a person is a town ("rallied around Jackson" is a
# person; "marched through Anderlecht" a town).
_PLACE_BEFORE_A_PERSON = frozenset({"in", "through", "throughout", "outside"})


def _a_person_after_a_word_of_place(ent) -> bool:  # noqa: ANN001 - a spaCy span
    """"A march through Anderlecht", "In Anderlecht, ...": a name the model calls a person right after
    a word of place, as it calls some towns it does not know (`_unlabelled_places` reads them too)."""
    return ent.label_ == "PERSON" and ent.start > 0 and ent.doc[ent.start - 1].lower_ in _PLACE_BEFORE_A_PERSON


_REPEATED_TOWN_POPULATION = 20_000
_CONTEXT_CITY = 100_000  # a city this big, named once, is a sign of its country (`_count_place_name`)
_REGION_TO_ITS_NAMESAKE = 10  # a town abroad of a tenth of a region's people or more makes its name ambiguous


def _count_repeated_towns(counts: PlaceContext, named: Counter[str], gazetteer: Gazetteer) -> None:
    """A town the report names again and again (its title, its lead, its body: "striking dockers rally
    at Bootle gates") is a sign of its country, as a big city named once is: where the name is one
    town's of some size, and not a country's or a big city's (already counted)."""
    for text, times in named.items():
        if times < 2:
            continue
        places = gazetteer.lookup(text)
        towns = [p for p in places if p.kind == "city" and fold(p.name) == fold(text)
                 and p.population >= _REPEATED_TOWN_POPULATION]
        if len(towns) == 1 and towns[0].population < _CONTEXT_CITY and not any(p.kind == "country" for p in places):
            counts[towns[0].country] += 1


def _count_place_name(counts: PlaceContext, text: str, gazetteer: Gazetteer) -> None:
    """A place name's part of the context: a country's name, an unambiguous big city's country, a
    region's own name."""
    places = gazetteer.lookup(text)
    if not places and (core := _core_name(text)) != text:  # "Auckland CBD", "the City of Johannesburg"
        places, text = [p for p in gazetteer.lookup(core) if p.kind == "city"], core
    countries = [p for p in places if p.kind == "country"]
    cities = [p for p in places if p.kind == "city"]
    regions = [p for p in places if p.kind == "region" and fold(p.name) == fold(text)]
    big_city = any(p.kind == "city" and p.population >= _CONTEXT_CITY for p in places)
    # "New York" the city names no state; "Independencia", a small region of one country and towns of others of
    # its size, no country ("Queensland" still names Australia: a village in Alberta bears the name too)
    abroad = bool(regions) and any(p.kind == "city" and p.country != regions[0].country
                                   and p.population * _REGION_TO_ITS_NAMESAKE >= regions[0].population for p in places)
    if len(regions) == 1 and not countries and not big_city and not abroad:
        counts.add_region(regions[0])
        counts[regions[0].country] += 1  # a region of one country is a weak sign of the country
    # a city of that very name before one that only has it as an alias ("Puno" is Peru's,
    # though an alternate spelling of Pune, India, too)
    cities = [p for p in cities if fold(p.name) == fold(text)] or cities
    if countries:
        counts[countries[0].country] += 2
    elif cities and cities[0].population >= _CONTEXT_CITY and (
            len(cities) == 1 or cities[0].population > 5 * cities[1].population):
        counts[cities[0].country] += 1


def entity_name(ent: Span) -> str:
    """The name an entity stands for: the normal form (nominative) the parser left for it in its doc
    (Russian, `model.ENTITY_NAME`), else its text."""
    names: dict = ent.doc.user_data
    return names.get((ENTITY_NAME, ent.start_char, ent.end_char), ent.text)


@functools.cache
def _language_places(code: str) -> tuple[dict[str, str], dict[str, str]]:
    """A language's country names and demonyms (lower case) -> ISO code, from its places.toml."""
    places = lexicon(code).places
    return ({name: iso for iso, names in places.country_aliases.items() for name in names},
            {word: iso for iso, words in places.demonyms.items() for word in words})


def country_named(word: str) -> str | None:
    """The ISO code of the country a word names ("Грузии", "Georgia"): its Russian name in any case
    (`script_country`), else a country the gazetteer knows by it; None when it names none."""
    code = script_country(word) or script_country(russian_nominative(word))
    return code or next((p.country for p in load_gazetteer().lookup(word) if p.kind == "country"), None)


@functools.lru_cache(maxsize=10_000)
def russian_nominative(name: str) -> str:
    """A Russian place name in the nominative, word by word, by pymorphy3 (a place name's reading
    first): what the gazetteer's Cyrillic names are written in, when the parser's normal form kept
    the case ("в Бресте")."""
    words = []
    for word in name.split():
        parses = morph().parse(word)
        best = next((p for p in parses if "Geox" in p.tag), parses[0] if parses else None)
        words.append(best.normal_form.capitalize() if best is not None and word[:1].isupper() else word)
    return " ".join(words)


def russian_hyphenated_nominative(name: str) -> str | None:
    """A hyphenated Russian town's name in the nominative part by part, a noun and the adjective that
    agrees with it ("Каменске-Уральском" -> "Каменск-Уральский", "Усолье-Сибирском" ->
    "Усолье-Сибирское"), where the whole word's normal form is no gazetteer name; None for another shape."""
    parts = name.split("-")
    if len(parts) != 2 or not all(p[:1].isupper() for p in parts):
        return None
    nouns = morph().parse(parts[0])
    noun = next((p for p in nouns if "Geox" in p.tag), nouns[0] if nouns else None)
    adjective = next((p for p in morph().parse(parts[1]) if "ADJF" in p.tag), None)
    if noun is None or adjective is None:
        return None
    gender = next((g for g in ("masc", "femn", "neut") if g in noun.tag), "masc")
    agreeing = adjective.inflect({gender, "sing", "nomn"})
    return f"{noun.normal_form.capitalize()}-{agreeing.word.capitalize()}" if agreeing is not None else None


def _after_a_site_noun(ent) -> bool:
    """A Russian name governed by a site noun names the site, not a town ("площадь Ленина", "улица
    Свободы", "проспект Победителей"); after a plural one it is the town the sites are in ("на улицы
    Гомеля", "на площадях Минска")."""
    if ent.doc.lang_ != "ru" or ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    site = before.lemma_.lower().replace("ё", "е")
    if site not in _language_sites("ru"):
        return False
    if site in lexicon("ru").places.town_bodies and ent.label_ in ("GPE", "LOC") and \
            "Gen" in ent.root.morph.get("Case", []):
        return False  # "у здания администрации Междуреченска": the town the administration is of
    doc = ent.doc  # a list of names ("улицах Ленина и Гоголя"): streets, not towns; "улицы Еревана, требуя" lists none
    coordinated = (ent.end + 1 < len(doc) and doc[ent.end].lower_ in _RU_LIST_WORDS and
                   doc[ent.end + 1].text[:1].isupper()) or any(t.dep_ == "conj" and t.head.i < ent.start for t in ent)
    return "Plur" not in before.morph.get("Number", []) or ent.label_ not in ("GPE", "LOC") or coordinated


_RU_LIST_WORDS = frozenset({"и", "или", ","})


@functools.cache
def _language_sites(code: str) -> frozenset[str]:
    return frozenset(lexicon(code).places.site_nouns)


def country_place(code: str, rule: str, reason: str, span: tuple[str, int, int] | None = None,
                  gazetteer: Gazetteer | None = None) -> Place | None:
    """The country of an ISO code as a place of the model, its evidence the `span` (text, start, end)
    that put an event there, else the country's name with no span; None when the gazetteer does not
    know the code."""
    geo = (gazetteer or load_gazetteer()).country(code)
    if geo is None:
        return None
    text, start, end = span or (geo.name, 0, 0)
    return Place(geo.name, PlacePrecision.COUNTRY, geo.country, None, geo.lat, geo.lon, geo.gazetteer_id,
                 Evidence(text, start, end, rule, reason))


def script_country(name: str) -> str | None:
    """The country a Cyrillic name stands for by its Russian name or short form ("Белоруссия",
    "РФ"), which the gazetteer's alternate names lack; None for any other name."""
    if not CYRILLIC.search(name):
        return None
    return _language_places("ru")[0].get(name.lower().replace("ё", "е"))


def _demonym_countries(span) -> Counter[str]:
    """Countries that adjectives of nationality in a Russian sentence name ("белорусских")."""
    if span.doc.lang_ != "ru":
        return Counter()
    demonyms = _language_places("ru")[1]
    return Counter(demonyms[t.lemma_] for t in span if t.lemma_ in demonyms)


def _state_toponym(ent: Span, base: int, gazetteer: Gazetteer) -> Toponym | None:
    state = state_after_a_town(ent, gazetteer)
    return None if state is None else Toponym(
        ent.text, base + ent.start_char, base + ent.end_char, state,
        "a US state as the news agencies abbreviate it, after a town and a comma")


def state_after_a_town(ent: Span, gazetteer: Gazetteer) -> GeoPlace | None:
    """The US state an agency's abbreviation names after a town and a comma ("MONTGOMERY, Ala.",
    "Frankfort, Ky."; places.toml `state_abbreviations`), else None: "Ala" alone is the Aland Islands."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].text != "," or not doc[ent.start - 2].text[:1].isupper():
        return None
    written = ent.text if ent.text.endswith(".") else ent.text + (
        "." if ent.end < len(doc) and doc[ent.end].text == "." else "")
    name = _state_abbreviations().get(written)
    if name is None:
        return None
    return next((p for p in gazetteer.lookup(name) if p.kind == "region" and p.country == "US"), None)


@functools.cache
def _state_abbreviations() -> dict[str, str]:
    return {short: name for code in available() for short, name in lexicon(code).places.state_abbreviations.items()}


def _an_owners(ent: Span) -> bool:
    """A nationality that names a company's owner ("the Italian group", "a Chinese-owned plant") or a
    language ("English version"): no sign of where the report is set."""
    after = [t for t in ent.doc[ent.end:ent.end + 3] if not t.is_punct]  # "Chinese-owned": the hyphen skipped
    return bool(after) and after[0].lower_ in _owner_and_language_nouns()  # "Filipino transport group": the country's


@functools.cache
def _owner_and_language_nouns() -> frozenset[str]:
    places = [lexicon(code).places for code in available()]
    return frozenset(w for p in places for w in (*p.owner_nouns, *p.language_nouns))


def _peoples_countries(span, gazetteer: Gazetteer) -> Counter[str]:
    """Countries whose people an English sentence names in the plural ("Slovaks took to the
    streets", "thousands of Kenyans"), whatever label the model gave the word: the people of a
    country count as much as its name."""
    if span.doc.lang_ == "ru":
        return Counter()
    found: Counter[str] = Counter()
    for t in span:
        if (code := _people_of(t.text, gazetteer)) is not None:
            found[code] += 2
    return found


def _people_of(word: str, gazetteer: Gazetteer) -> str | None:
    """The country whose people a capitalised plural names ("Slovaks", "Kenyans", not "Swiss")."""
    if not (word[:1].isupper() and word.endswith("s") and len(word) > 3):
        return None
    code = gazetteer.demonym_country(word)
    return code if code is not None and gazetteer.demonym_country(word[:-1]) == code else None


def _national_body(name: str, gazetteer: Gazetteer) -> str | None:
    """The country a body's name gives: one it opens with ("Ghana Police Service", "Nigerian Union of
    Teachers") or a big city it ends with ("University of Amsterdam"): context, never a place of its own."""
    of_place = re.search(r"\bof\s+((?:[A-Z][\w-]+\s+)?[A-Z][\w-]+)$", name)  # "University of Amsterdam"
    if of_place:
        cities = sorted((p for p in gazetteer.lookup(of_place.group(1)) if p.kind in ("city", "country")),
                        key=lambda p: -p.population)
        if cities and cities[0].population >= 100_000 and (len(cities) == 1 or
                                                           cities[0].population > 5 * cities[1].population):
            return cities[0].country
    words = name.split()
    for k in (2, 1):
        if len(words) > k:
            head = " ".join(words[:k])
            country = next((p.country for p in gazetteer.lookup(head) if p.kind == "country"), None)
            if country or (k == 1 and (country := gazetteer.demonym_country(head))):
                return country
    return None


_ALIAS_SIMILARITY = 0.75


def readings(text: str, label: str, gazetteer: Gazetteer, context: Counter[str]) -> list[Reading]:
    """Every place a name (with its spaCy label) may stand for."""
    if (code := script_country(text)) and (country := gazetteer.country(code)):
        return [Reading(country, "exact")]
    if _region_phrase().search(text):
        regions = gazetteer.region(text)
        if regions:
            return [Reading(p, "region") for p in regions]
    acronym = text.isupper() and len(text) <= 4  # an acronym ("KMS", "МВД") names a foreign town only by chance
    exact = gazetteer.lookup(text)
    if CYRILLIC.search(text) and not acronym:
        exact, text = _russian_lookup(text, exact, gazetteer)
    core = _core_name(text)
    if not exact and core != text:
        exact, text = _core_places(text, core, gazetteer, context), core
    if acronym:
        exact = [p for p in exact if p.kind == "country" or p.country in context]
    # a place that only has the name as an alias ("Maine" for Des Plaines, "Zaragoza" for Tijuana) is a
    # weaker reading than one whose own name it is (the state of Maine, Zaragoza in Aragon)
    exact_readings = [Reading(p, "exact", 1.0 if fold(p.name) == fold(text) else _ALIAS_SIMILARITY) for p in exact]
    # an alternate name of a village, or of a foreign town, is more often another thing's name ("Fort",
    # an alias of Augusta, Maine, for Colombo's Fort; "Ibirapuera", a park of São Paulo, for a village)
    exact_readings = [r for r in exact_readings if not _a_minor_alias(r, context)]
    if _generic_words_only(text):  # "the Old Town": a town of that very name of the report's country, if any
        exact_readings = [r for r in exact_readings if r.similarity == 1.0 and context.get(r.place.country)]
    exact_readings = _without_old_longer_names(exact_readings, text)
    if label == "ORG":  # an organisation named after a town bears the town's own name, not an alternate
        return [r for r in exact_readings if r.place.kind == "city" and r.similarity == 1.0
                and r.place.population >= _ORGANISATION_TOWN_POPULATION]
    if exact or label not in {"GPE", "LOC"}:
        return exact_readings
    countries = tuple(code for code, _n in context.most_common(2))
    return [Reading(m.place, "fuzzy", m.score) for m in gazetteer.fuzzy(text, countries)
            if m.place.population >= _FUZZY_MIN_POPULATION
            and (m.place.country in context and _letters_alike(fold(text), m) >= _FUZZY_ANCHORED_LETTERS
                 if context else
                 m.place.population >= _FUZZY_FOREIGN_POPULATION and _near_exact(fold(text), m))]


_ALIAS_MIN_POPULATION = 10_000


_SHORE_TOWN = 100_000  # a town whose bay or harbour the name is, where the report names no country of it


def _core_places(text: str, core: str, gazetteer: Gazetteer, context: Counter[str]) -> list[GeoPlace]:
    """The places of a name's core ("Old Hubli", "Shimoga taluk"); a bay's or harbour's town only where
    the report is of its country or the town is big ("Cardiff Bay"; "Darling Harbour" is no Darling's)."""
    places = gazetteer.lookup(core)
    shore = _PART_SUFFIX.search(text)
    if shore is not None and shore.group("shore"):
        places = [p for p in places if context.get(p.country) or p.population >= _SHORE_TOWN]
    return places


def _a_minor_alias(reading: Reading, context: Counter[str]) -> bool:
    p = reading.place
    return reading.similarity < 1.0 and p.kind == "city" and (
        p.population < _ALIAS_MIN_POPULATION
        or (bool(context) and p.country not in context and p.population < _MIN_FOREIGN_POPULATION))


def _generic_words_only(name: str) -> bool:
    """A name made only of words of a town's parts ("Old Town", "City Centre", "Downtown"): any town's,
    so no town's alternate name (Las Vegas is also called "Old Town")."""
    places = lexicon(LANGUAGE).places
    generic = _TOWN_PART_ADJECTIVES | set(places.town_heads) | set(places.descriptive_words) | {"new"}
    words = fold(name).split()
    return bool(words) and all(w in generic for w in words)


def _an_old_longer_name(reading: Reading, text: str) -> bool:
    """The name is the place's own name run on ("Rio Grande do Sul", an alternate name of the city Rio
    Grande): where another place bears the whole name as its own, it is that one's."""
    own, name = fold(reading.place.name), fold(text)
    return reading.similarity < 1.0 and name.startswith(own + " ")


def _without_old_longer_names(readings_: list[Reading], text: str) -> list[Reading]:
    """The readings less a place the name only calls by its own name run on, where a bigger place
    bears the whole name ("Rio Grande do Sul", the state; not "Santo Domingo de Guzmán", a village
    beside the capital that is also called so)."""
    owners = [r.place.population for r in readings_ if r.similarity == 1.0]
    return [r for r in readings_ if not (owners and _an_old_longer_name(r, text) and r.place.population < max(owners))]


def _near_exact(key: str, match: FuzzyMatch) -> bool:
    """A spelling variant close enough to read with no country named: alike both as sounds and as
    letters ("Baranovici"; not "Ashulia" for an alternate name of Oslo, alike only as sounds)."""
    return match.score >= _FUZZY_UNANCHORED and _letters_alike(key, match) >= _FUZZY_UNANCHORED


def _letters_alike(key: str, match: FuzzyMatch) -> float:
    """How alike, 0..1, the folded name is as letters to the name it matched or the place's own name."""
    from rapidfuzz import fuzz

    return max(fuzz.ratio(key, match.matched), fuzz.ratio(key, fold(match.place.name))) / 100


def _russian_lookup(text: str, exact: list[GeoPlace], gazetteer: Gazetteer) -> tuple[list[GeoPlace], str]:
    """A Russian name's places by its nominative ("Бресте" -> "Брест"; an oblique form that is also
    some small place's alias, "Гомеле", still reads as the nominative's town), else by its hyphenated
    parts' ("Каменске-Уральском"), and the name they were found by."""
    if (nominative := russian_nominative(text)) != text and (by_nominative := gazetteer.lookup(nominative)):
        ids = {p.gazetteer_id for p in by_nominative}
        return by_nominative + [p for p in exact if p.gazetteer_id not in ids], nominative
    if not exact and (hyphenated := russian_hyphenated_nominative(text)):
        return gazetteer.lookup(hyphenated), hyphenated
    return exact, text


def _core_name(text: str) -> str:
    """The town's own name inside a phrase such as "Old Hubli" or "Shimoga taluk"."""
    if _MUNICIPALITY_OF.match(text):
        core = _MUNICIPALITY_OF.sub("", text)
    else:
        core = _PART_SUFFIX.sub("", _PART_PREFIX.sub("", text))
    return core if len(core) >= 3 else text


# A region the report names counts for less than its country: a town of that name there wins over
# one a few times its size elsewhere in the country, not over a city a hundred times bigger.
_REGION_WEIGHT = 1.0


def reading_score(reading: Reading, context: Counter[str]) -> float:
    """How well a reading fits: country context first, then the region context, population, kind
    and spelling similarity."""
    p = reading.place
    # the region chooses among namesakes, not among spelling variants ("Bapunagar" is no "Bhavnagar")
    regions = context.region_weight(p) if isinstance(context, PlaceContext) and p.kind == "city" and \
        reading.match == "exact" else 0
    return (3.0 * math.log1p(context.get(p.country, 0)) + _REGION_WEIGHT * math.log1p(regions)
            + math.log10(max(p.population, 10))
            + _KIND_BONUS.get(p.kind, 0.0) - 4.0 * (1.0 - reading.similarity))


def choose(candidates: list[Reading] | list[GeoPlace], context: Counter[str]) -> tuple[GeoPlace, str] | None:
    """The best reading of a name in this document's context, with the reason; None when none is credible."""
    options = [c if isinstance(c, Reading) else Reading(c, "exact") for c in candidates]
    if not options:
        return None
    top_country = context.most_common(1)[0][0] if context else None
    best = max(options, key=lambda r: reading_score(r, context))
    if best.place.kind == "region":  # a region named after its chief city ("Chittagong") is the city
        chief = [r for r in options if r.place.kind == "city" and r.match == "exact" and
                 r.place.country == best.place.country and fold(r.place.admin1 or "") == fold(best.place.name)
                 and (r.similarity == 1.0 or r.place.population >= _CHIEF_CITY_BY_ALIAS)]  # not Minneota, Minnesota
        best = max(chief, key=lambda r: r.place.population) if chief else best
    world = max(options, key=lambda r: r.place.population)
    if world.place.population >= _WORLD_CITY and world.place.population >= 100 * best.place.population and \
            world.match == "exact" and world.place.kind == "city" and fold(world.place.name) == fold(best.place.name):
        best = world  # "Buenos Aires" in a report from Mexico is Argentina's capital, not a village of 9,868
    p = best.place
    if top_country and context.get(p.country, 0) < context[top_country] and (
            p.population < _MIN_FOREIGN_POPULATION or (best.similarity < 1.0 and p.population < _WORLD_CITY)):
        # a small town of a country the document names less than another (a tie is no less); nor a town
        # abroad that bears the name only as an alias ("the rally in Whitehall" in a London report is no
        # Atlanta's), unless a world city ("Bombay")
        return None
    if p.population < 1000 and p.kind == "city":
        return None
    reason = f"{len(options)} candidates; chose {p.name} ({p.kind}, {p.country}, pop {p.population})"
    if best.match == "fuzzy":
        reason += f" as a spelling variant (similarity {best.similarity:.2f})"
    elif best.match == "region":
        reason += " as the region the phrase names"
    if context.get(p.country):
        reason += " in the document's country context"
    return p, reason


def _capital(m: re.Match, gazetteer: Gazetteer, context: Counter[str]) -> tuple[int, GeoPlace, str] | None:
    """The capital a match names, with where its phrase starts within the match."""
    owner = m.group("owner")
    code, skipped = None, 0
    if m.group("country"):  # "the capital of Kenya": a country's; a region's capital is not known
        code = _whole_country(m.group("country"), gazetteer, context)
        if code is None:
            return None
    elif m.group("adjective"):  # "the Serbian capital"
        code = gazetteer.demonym_country(m.group("adjective"))
        if code is None:
            return None
    elif owner:
        words = owner.split(" ")
        for k in range(len(words)):  # "Police in Myanmar's capital": the country is the name's end
            name = " ".join(words[k:])
            owner_places = [p for p in gazetteer.lookup(strip_name(name)) if p.kind == "country"]
            code = owner_places[0].country if owner_places else gazetteer.demonym_country(name)
            if code:
                skipped = len(owner) - len(name)
                break
    elif context:
        code = context.most_common(1)[0][0]
    capital = gazetteer.capital(code) if code else None
    return (skipped, capital, f"'capital' read as the capital of {code}") if capital else None


def _a_common_word(ent) -> bool:  # noqa: ANN001 - a spaCy span
    """An English entity that is a common word, not a name: written wholly in lower case ("workers in
    the metro"), or one word that opens its sentence and is written in lower case elsewhere in its text
    ("Metro workers walked out ... in the metro")."""
    name = re.sub(r"^(?:the|a|an)\s+", "", ent.text, flags=re.I)  # "the University of Zagreb"
    if CYRILLIC.search(name) or not name[:1].isalpha():
        return False
    if name.islower():
        return True  # "metro"; "el-Fasher", "eThekwini" are names
    opens = len(ent) == 1 and (ent.start == 0 or bool(ent.doc[ent.start].is_sent_start))
    if opens and ent.label_ == "FAC" and _a_common_noun(ent.text.lower(), ent.doc.vocab):
        return True  # "Metro stations were closed": a common noun the model took for a building's name
    return opens and re.search(rf"\b{re.escape(ent.text.lower())}\b", text_of(ent.doc)) is not None


def _a_common_noun(word: str, vocab) -> bool:  # noqa: ANN001 - a spaCy Vocab
    """Whether the lemmatizer knows the word as a common noun (`model.COMMON_NOUNS`, where loaded)."""
    return vocab.lookups.has_table(COMMON_NOUNS) and word in vocab.lookups.get_table(COMMON_NOUNS)


def _place_label(ent) -> str | None:
    """The label to read an entity with: its own, or GPE for a name the model mislabels after "in"."""
    if _a_common_word(ent):
        return None
    if ent.label_ in _CANDIDATE_LABELS:
        return ent.label_
    if ent.label_ not in {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "NORP"}:  # what the small model mislabels
        return None
    doc = ent.doc
    k = ent.start - 1
    if k > 0 and doc[k].is_lower and doc[k].lower_ in _TOWN_PART_ADJECTIVES:
        k -= 1  # "through central Durban", "in northern Gaza": the word of place before the adjective
    before = doc[k].lower_ if k >= 0 else ""
    after_place = before in {"and", "or", ","} and ent.start > 1 and doc[ent.start - 2].ent_type_ == "GPE"
    if before in LOCATIVE and len(ent) <= 2 and ent[-1].dep_ == "compound" and \
            ent[-1].head.lower_ in lexicon(LANGUAGE).places.town_heads and ent[-1].head.i == ent.end:
        return "GPE"  # "marched through Mombasa town": the model took the town for a people or a person
    if ent.label_ == "NORP" and ent[-1].dep_ != "pobj":
        return None  # "in Kurdish towns": a people's adjective, not the place "in" governs
    if (before in LOCATIVE or after_place) and _name_words(ent) <= 2:
        return "GPE"  # "in Baranovici", "Brest and Baranovici", "across Punjab", "in Ciudad del Este": taken for
        # an ORG, a PERSON, a NORP, a WORK_OF_ART
    return "ORG" if ent.label_ == "ORG" else None


def _name_words(ent) -> int:  # noqa: ANN001 - a spaCy span
    """The words of a name, not counting its particles ("Santiago de Compostela": two)."""
    particles = lexicon(LANGUAGE).places.name_particles
    return sum(1 for t in ent if t.text not in particles)


def _a_town_naming_a_site(ent) -> bool:
    """A name the model takes for a person or an organisation that modifies a lower-case place word
    ("the Toulouse ring road", "the Felixstowe docks", "the Lagos toll gate"): the town they are in. (Not
    before an event noun: "the Taylor protests" are named after a person.)"""
    last = ent[-1]  # not ent.root: a Russian document's converted parse may have no root to search for
    if ent.label_ not in {"PERSON", "ORG"} or len(ent) > 2 or CYRILLIC.search(ent.text) or not (
            last.dep_ == "compound" or (last.dep_ == "amod" and last.text[:1].isupper())):
        return False  # an English noun compound (the model may take the name for an adjective); no Russian one
    head = last.head
    places = lexicon(LANGUAGE).places
    return head.pos_ == "NOUN" and head.text.islower() and (
        head.lemma_ in places.site_nouns or head.lemma_ in places.town_parts or head.lemma_ in places.town_site_words)


def _label_to_read(ent) -> tuple[str | None, bool, int]:  # noqa: ANN001 - a spaCy span
    """The label to read an entity with (`_place_label`), whether it names a site's town ("the Lagos toll
    gate"), and the population a town must reach for a name the model took for no place to be one
    (0: no such condition): a big city before an event's noun ("the Busan subway strike", not "the
    Taylor protests"), a town after "at" ("the walkout at Felixstowe", not "a strike at Ford")."""
    label = _place_label(ent)
    modifier = (label is None or (label == "ORG" and _an_owned_workplace(ent))) and _a_town_naming_a_site(ent)
    least = 0
    if not modifier and not _another_place_named(ent):
        if label is None and _a_name_before_an_event_noun(ent):
            least = _EVENT_NAMING_CITY
        elif label == "ORG" and _an_org_at(ent):
            least = _TOWN_AFTER_AT
    return ("GPE" if modifier or least else label), modifier, least


def _another_place_named(ent) -> bool:  # noqa: ANN001 - a spaCy span
    """The sentence names a place of its own ("workers at Mercedes in Argentina", "the Warren rally in
    the United States"): a name the model did not take for a place is then no town."""
    # a context paragraph has entities only, and no sentences: its whole text then
    ents = ent.sent.ents if ent.doc.has_annotation("SENT_START") else ent.doc.ents
    return any(e.label_ in _CANDIDATE_LABELS and e.start != ent.start for e in ents)


def _an_org_at(ent) -> bool:  # noqa: ANN001 - a spaCy span
    """A one-word name the model calls an organisation after "at" ("the walkout at Felixstowe"): a
    workplace's name, or its town (`_a_city_of_the_report` decides)."""
    return ent.label_ == "ORG" and len(ent) == 1 and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "at" and \
        not CYRILLIC.search(ent.text)


def _a_name_before_an_event_noun(ent) -> bool:  # noqa: ANN001 - a spaCy span
    """A one-word name the model takes for a person, in a compound before an event's noun ("the Busan
    subway strike"): maybe the action's town (`_a_city_of_the_report` decides)."""
    last = ent[-1]
    if ent.label_ != "PERSON" or len(ent) != 1 or CYRILLIC.search(ent.text) or last.dep_ != "compound":
        return False
    head = last.head
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head  # "the Busan subway strike": through "subway" to "strike"
    # not a rally, named after its speaker as often as its town ("the Warren rally")
    return head.pos_ == "NOUN" and head.lemma_ in lexicon(LANGUAGE).triggers.nouns and head.lemma_ != "rally"


_EVENT_NAMING_CITY = 100_000  # a town this big, in a country the report names, names its action
_TOWN_AFTER_AT = 20_000  # "the walkout at Felixstowe": a town this big of the report's country


def _a_city_of_the_report(place: GeoPlace, context: Counter[str], least: int) -> bool:
    """A town of a country the report names, of at least `least` people (`_label_to_read`)."""
    return place.kind == "city" and place.population >= least and context.get(place.country, 0) > 0


def _an_owned_workplace(ent) -> bool:
    """The name stands between an owner and a workplace noun ("its Hosur plant", "the company's Melfi
    factory", "Acme's Zwickau works"): a company names its workplaces after their towns."""
    doc = ent.doc
    owner = doc[ent.start - 1] if ent.start else None
    head = ent[-1].head
    return owner is not None and owner.tag_ in _OWNER_TAGS and head.i == ent.end and \
        head.lemma_ in lexicon(LANGUAGE).places.workplace_nouns


_OWNER_TAGS = frozenset({"POS", "PRP$"})  # "Acme's", "its", "their"


@functools.cache
def _town_own_site() -> re.Pattern[str]:
    """A site only its own town has, written after the town's name ("Town Hall", "city centre")."""
    sites = "|".join(r"\s+".join(map(re.escape, s.split())) for s in lexicon(LANGUAGE).places.town_own_sites)
    return re.compile(rf"(?:{sites})\b", re.I) if sites else re.compile(r"(?!)")


def _best_of_own_names(splits: list[tuple[str, list[Reading]]], context: Counter[str]
                       ) -> tuple[str, list[Reading]] | None:
    """Of a name's splits into a town and its site, the one whose town the gazetteer knows by that very
    name and that fits the context best (a town's alias is no reading of it here: "Buffalo City" is also
    Dodge City's)."""
    own = [(town, [r for r in options if fold(r.place.name) == fold(town)]) for town, options in splits]
    return max(((town, options) for town, options in own if options), default=None,
               key=lambda split: max(reading_score(r, context) for r in split[1]))


def _town_of_its_own_site(ent, base: int, gaz: Gazetteer, context: Counter[str]) -> Toponym | None:
    """ "Colombo Town Hall", one name to the model: the town whose own site it is."""
    if ent.doc.lang_ == "ru":
        return None
    lead = len(ent.text) - len(re.sub(r"^the\s+", "", ent.text))
    words = ent.text[lead:].split(" ")
    for k in range(len(words) - 1, 0, -1):  # the longest town first: "Carson City Hall" is Carson City's
        town, site = " ".join(words[:k]), " ".join(words[k:])
        city_hall = site.lower() == "hall" and words[k - 1] == "City" and k > 1  # "Carson City" + "Hall"
        if town.lower() in _TOWN_WORDS.split("|") or not (_town_own_site().fullmatch(site) or city_hall):
            continue
        options = [r for r in readings(town, "GPE", gaz, context) if r.place.kind == "city"]
        if city_hall:  # "Carson City" + "Hall" or "Buffalo" + "City Hall": the town of that very name that fits best
            shorter = " ".join(words[:k - 1])
            best = _best_of_own_names([(town, options), (shorter, [
                r for r in readings(shorter, "GPE", gaz, context) if r.place.kind == "city"])], context)
            town, options = best if best is not None else (town, [])
        chosen = choose(options, context)
        if chosen is not None:
            start = base + ent.start_char + lead
            return Toponym(town, start, start + len(town), chosen[0],
                           f"{ent.text!r} is a site of its own town; {chosen[1]}", readings=options)
    return None


def _names_a_site(ent) -> bool:
    doc = ent.doc
    # the words after it (a few tokens: the spaCy Doc's whole text is rebuilt on each call)
    if ent.end < len(doc) and ent[-1].whitespace_ and _town_own_site().match(doc[ent.end:ent.end + 3].text):
        return False  # "Colombo Town Hall" is in Colombo
    k = ent.end + (ent.end < len(doc) and doc[ent.end].text == "-")
    # a town's name followed by a road, building or gate word names that site, which is often in another
    # town ("marched along Jinja Road" in Kampala; "gathered at Kano House")
    return k < len(doc) and doc[k].lower_ in lexicon(LANGUAGE).places.site_after_name


def _a_sites_own_name(ent, gazetteer: Gazetteer) -> bool:  # noqa: ANN001 - a spaCy span
    """A name that ends in a road word ("West Street", "Zhenjiang Road") is the road's, unless a place
    bears the whole name: not a town its other words name (roads are named after other towns; a
    bridge, gate or hall after its own: "London Bridge" is in London)."""
    return len(ent) > 1 and ent[-1].lower_ in lexicon(LANGUAGE).places.road_words and \
        not any(fold(p.name) == fold(strip_name(ent.text)) for p in gazetteer.lookup(strip_name(ent.text)))


def _with_rest_of_the_name(ent, gazetteer: Gazetteer):
    """The entity with up to two capitalised names right after it, untagged or taken for a person, and
    the lower-case particles between them, when the small model split a place's name ("Krivoy" a place,
    "Rog" a person; "Rio Grande" + "do Sul") and the gazetteer knows the whole name."""
    doc, end, names = ent.doc, ent.end, 0
    particles = lexicon(LANGUAGE).places.name_particles
    while end < len(doc) and names < 2:
        if doc[end].text in particles and end + 1 < len(doc) and doc[end + 1].text[:1].isupper():
            end += 1  # "Rio Grande" + "do Sul"
        elif doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and doc[end].ent_type_ in {"", "PERSON"}:
            end, names = end + 1, names + 1
        else:
            break
    for stop in range(end, ent.end, -1):  # the longest name the gazetteer knows
        if doc[stop - 1].text not in particles and gazetteer.lookup(strip_name(doc[ent.start:stop].text)):
            return doc[ent.start:stop]
    return ent


def _with_region_word(ent):
    """The entity with a following region word ("Hrodna" + "region") when there is one."""
    doc = ent.doc
    if ent.end < len(doc) and _region_phrase().fullmatch(doc[ent.end].text):
        return doc[ent.start:ent.end + 1]
    return ent


# A dateline opening a paragraph: "DHAKA: ...", "NAIROBI, Kenya (AP) — ...", "New Delhi, January 26
# (KMS): ...", or a town after a byline's clock ("TNN | Oct 1, 2001, 11.03 PM IST ahmedabad: ...").
_CLOCK = r"\b(?:IST|GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|WAT|EAT|CAT|PKT|HKT|SGT|JST)\s+"
# A live page's update opens on its time ("15:10 - Bordeaux: police say ...", "6:30pm Rennes: ..."): the
# town after it is the update's, as a byline clock's is.
_UPDATE_TIME = r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[-–—|]\s*)?"
_DATELINE = re.compile(
    rf"(?:(?P<clock>{_UPDATE_TIME}|{_CLOCK})|^)(?P<place>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){{0,2}}?)"
    r"(?:,\s+[^,:()\n]{2,30}?){0,2}?(?P<agency>\s*\([A-Z][A-Za-z]{1,9}(?:\s[A-Z][A-Za-z]{1,11}){0,2}\))?\s*(?P<sep>:|\s[—–](?:\s|$)|\s--(?:\s|$)|\s-(?:\s|$))")


_LEADING_SYMBOLS = re.compile(r"[^\w\s«\"“(]*\s*")
# A paragraph that opens with a town's name alone as its first sentence ("Междуреченск. 13.03.2023
# горняки ...", "GDANSK. Dockers ..."): a dateline too, read like one in capitals.
_TOWN_ALONE = re.compile(r"(?P<clock>(?!))?(?P<agency>(?!))?(?P<place>[^\W\d_][\w'’-]*(?:[ -][^\W\d_][\w'’-]*){0,2})"
                         r"(?P<sep>\.)(?:\s|$)")


# A wire's dateline with its day, then a full stop: "СОЛИГОРСК, 17 августа. Горняки ...", "Valparaíso, 16 March
# 2023. Dock workers ..." (the day has a figure; "Police, too." is none).
_FILED_ON = re.compile(r"(?P<clock>(?!))?(?P<agency>(?!))?(?P<place>[^\W\d_][\w'’-]*(?:[ -][^\W\d_][\w'’-]*){0,2}),"
                       r"\s+[^\W\d_]{0,12}\.?\s*\d{1,2}(?:\s+[^\W\d_]{3,10}\.?)?(?:,?\s+\d{4})?(?:\s*(?:года|г\.))?"
                       r"(?P<sep>\.)(?:\s|$)")


@functools.cache
def _personal_titles() -> frozenset[str]:
    return frozenset(t for code in available() for t in lexicon(code).names.personal_titles)


_TITLED_DATELINE_POPULATION = 100_000  # a town in title case before a dash is a dateline only this big ("Mercedes -")


def _proper_names(span, start: int, end: int) -> bool:  # noqa: ANN001 - a spaCy span
    """The parse reads every word between the offsets as a proper noun, or as part of a name it tags."""
    words = span.char_span(start, end, alignment_mode="expand") if span is not None else None
    return words is not None and len(words) > 0 and all(t.pos_ == "PROPN" or t.ent_type_ for t in words)


def dateline_places(sentences, gazetteer: Gazetteer, context: Counter[str]) -> list[Toponym]:
    """The towns that the paragraphs' datelines name. Only a dateline's form counts (capitals, an
    agency tag or a byline clock before it), so "Update:" or "Police:" opening a paragraph is none."""
    found: list[Toponym] = []
    paragraph, opening = None, 0
    for sentence, span in sentences:
        if sentence.paragraph != paragraph:
            paragraph, opening = sentence.paragraph, sentence.start
        if sentence.start - opening >= 200:  # a dateline opens its paragraph (a byline may split it)
            continue
        for lead, opens in _line_openings(sentence, opening):
            toponym = _dateline_at(sentence, span, lead, opens, gazetteer, context)
            if toponym is not None:
                found.append(toponym)
                break
    return found


def _line_openings(sentence: Sentence, opening: int) -> list[tuple[int, bool]]:
    """Where a dateline may stand in a sentence: its start (after leading symbols, "⚡️ MINSK: ..."), and
    each line the sentence runs on to near its start, which opens as a paragraph does (a headline the
    parser ran into the dateline below it: "Workers occupy plant\nMATAMOROS, Tamaulipas - ...")."""
    symbols = _LEADING_SYMBOLS.match(sentence.text)
    found = [(len(symbols.group(0)) if symbols else 0, sentence.start == opening)]
    for line in re.finditer(r"\n", sentence.text[:200]):
        after = _LEADING_SYMBOLS.match(sentence.text, line.end())
        found.append((after.end() if after else line.end(), True))
    return found


def _dateline_at(sentence: Sentence, span, lead: int, opens: bool, gazetteer: Gazetteer,  # noqa: ANN001
                 context: Counter[str]) -> Toponym | None:
    """The town of a dateline at `lead` in the sentence (`opens`: where a paragraph or a line opens)."""
    m = _DATELINE.search(sentence.text[lead:200]) or (
        (_TOWN_ALONE.match(sentence.text[lead:200]) or _FILED_ON.match(sentence.text[lead:200]))
        if opens else None)
    alone = m is not None and m.re in (_TOWN_ALONE, _FILED_ON)
    # "Durban - Thousands of ...": a town in title case before a dash, opening its paragraph, is a
    # dateline as some outlets write one, where its words are names, not common nouns ("Independence -"),
    # and it is a town of some size (`_TITLED_DATELINE_POPULATION`)
    titled = m is not None and opens and m.group("sep").strip() in ("-", "–", "—") and \
        not alone and m.group("place").istitle() and _proper_names(span, lead + m.start("place"),
                                                                   lead + m.end("place")) and \
        re.match(r"\s*[\"“'‘(]?[A-Z0-9]", sentence.text[lead + m.end():])  # a sentence opens after it
    if m is None or not (m.group("clock") or (opens and (
            m.group("agency") or m.group("place").isupper() or alone or titled))):
        return None
    name = strip_name(m.group("place"))
    if name.split()[0].rstrip(".").title() in _personal_titles() and not name.isupper():
        return None  # "Mrs. Okafor said ...": a person, not where the report was filed ("SEN MONOROM" is a town)
    agency = m.group("agency") or ""
    if " " in agency.strip() and not (m.group("place").isupper() or re.search(r"\d", m.group(0))):
        return None  # "Jackson (Union Steward): ...": a speaker's label, not an agency's tag
    name = name.title() if name.isupper() else name  # "LIMA:" is a dateline's capitals, not an acronym
    every = readings(name, "GPE", gazetteer, context)
    options = [r for r in every if r.match == "exact" and r.place.kind == "city"  # "Police." is no town alone
               and (not alone or r.place.population >= _UNSEEN_MIN_POPULATION)
               and (not titled or r.place.population >= _TITLED_DATELINE_POPULATION)]
    countries = [r for r in every if r.match == "exact" and r.place.kind == "country"]
    big_city = any(r.place.population >= _LABEL_CITY for r in options)  # "DJIBOUTI (AFP) -", "KUWAIT": the city
    if countries and m.group("place").isupper() and not alone and not big_city and not m.group("agency") and \
            not re.search(r"\d", m.group(0)):
        # a round-up's section label in capitals ("GREECE - Tens of thousands joined ..."): that country,
        # not a town of its name (Greece, New York)
        options = countries
    options = _in_the_datelines_region(options, m.group(0)[m.end("place"):], gazetteer)
    # a dateline is itself a sign of its country: a town another country's names elsewhere in the report
    # outweigh ("trucks assembled in the United States" under "MATAMOROS, Tamaulipas -") is still read
    chosen = choose(options, context) or choose(options, Counter())
    if not chosen:
        return None
    start = sentence.start + lead + m.start("place")
    return Toponym(m.group("place"), start, start + len(m.group("place")), chosen[0], "dateline; " + chosen[1],
                   readings=options, dateline=True)


def _in_the_datelines_region(options: list[Reading], rest: str, gazetteer: Gazetteer) -> list[Reading]:
    """The readings of a dateline's town in the region or country its dateline names after a comma
    ("MATAMOROS, Tamaulipas -": the Matamoros of Tamaulipas, not Coahuila's), where some are."""
    for part in (re.sub(r"\([^)]*\)", "", p).strip(" -–—:") for p in rest.split(",")[1:]):
        if not part or not part[:1].isupper():
            continue
        regions = [p for p in gazetteer.lookup(part) if p.kind in ("region", "country")]
        inside = [r for r in options if any(
            r.place.country == g.country and (g.kind == "country" or fold(r.place.admin1 or "") == fold(g.name))
            for g in regions)]
        if inside:
            return inside
    return options


def _named_places(sentence, found: list[Toponym], gazetteer: Gazetteer, context: Counter[str]) -> list[Toponym]:
    """Names that "the town of", "the city of" mark as places, where no entity already covers them."""
    named: list[Toponym] = []
    for m in _named_place().finditer(sentence.text):
        start, end = sentence.start + m.start("name"), sentence.start + m.end("name")
        if any(t.start < end and start < t.end for t in found):
            continue
        options = readings(strip_name(m.group("name")), "GPE", gazetteer, context)
        # "the state of Chihuahua" is the state, not its capital of the same name
        regions = [r for r in options if r.place.kind == "region"] if m.group("region") else []
        chosen = choose(regions or options, context)
        if chosen:
            named.append(Toponym(m.group("name"), start, end, chosen[0], f"named as a place ('{m.group(0)}'); "
                                 + chosen[1], readings=options))
    return named


def _listed_regions(sentence, found: list[Toponym], gazetteer: Gazetteer, context: Counter[str]) -> list[Toponym]:
    """The names a plural region word lists ("provinces such as A, B and C"), read as regions where
    the gazetteer has a region of that name (and else as nothing), where no entity already covers them."""
    listed: list[Toponym] = []
    for m in _listed_regions_pattern().finditer(sentence.text):
        at = m.start("names")
        for name in _LIST_SEPARATOR.split(m.group("names")):
            at = sentence.text.index(name, at)
            start, end = sentence.start + at, sentence.start + at + len(name)
            at += len(name)
            if any(t.start < end and start < t.end for t in [*found, *listed]):
                continue
            options = readings(strip_name(name), "GPE", gazetteer, context)
            # a region of that name or nothing: "the departments of Labor and Commerce" are no places
            chosen = choose([r for r in options if r.place.kind == "region"], context)
            if chosen:
                listed.append(Toponym(name, start, end, chosen[0], f"listed after '{m.group(0).split()[0]}'; "
                                      + chosen[1], readings=options))
    return listed


def _unlabelled_places(span: Span, base: int, found: list[Toponym], gazetteer: Gazetteer,
                       context: Counter[str]) -> list[Toponym]:
    """Capitalised names after "in", "near", "outside" that the parser tagged as nothing ("Police
    in Mandalay fired..."), or that continue a list of places ("in Braga, Porto and Coimbra": the
    small model tags some of a list and not the rest, or calls one a person): read as a town only
    when the gazetteer knows it as one of some size, in the document's country (or a city of a
    million anywhere)."""
    places: list[Toponym] = []
    tokens = list(span)
    # "the streets of", "the Medina neighbourhood of", "the Port of" (Valencia, taken for a person)
    parts = set(lexicon(LANGUAGE).places.town_parts) | set(lexicon(LANGUAGE).places.part_of_town)
    # "residents of Arequipa" is where they acted only when the sentence names no other place
    # ("residents of Ikeja travelled to Abuja to protest": Abuja)
    inhabitants = set(lexicon(LANGUAGE).places.inhabitants) if not any(
        span.start_char + base <= t.start < span.end_char + base for t in found) else set()
    for k, token in enumerate(tokens[:-1]):
        listed = token.lower_ in _LIST_WORDS and k > 0 and _ends_a_place(tokens[k - 1], base, [*found, *places])
        # "the streets of Hull", "residents of Arequipa"
        part_of = token.lower_ == "of" and k > 0 and tokens[k - 1].lower_ in parts | inhabitants
        if token.lower_ not in LOCATIVE and token.lower_ != "at" and not listed and not part_of:
            continue  # "at Ingolstadt": an untagged name only (a tagged one after "at" is a firm's as often)
        # "the Ministry of Labour in Tunis" tagged as one organisation: the name after its "in" is a town
        swallowed = token.ent_type_ == "ORG" and token.ent_iob_ == "I"
        # "through central Valparaiso", "in downtown Lagos": a town's part before its name
        skip = 1 + (k + 2 < len(tokens) and tokens[k + 1].lower_ in _TOWN_PART_ADJECTIVES)
        # "a march through Anderlecht": a town name after a word of place that the model calls a person
        mislabelled_ok = listed or swallowed or part_of
        run = _name_run(tokens[k + skip:k + skip + 3], mislabelled_ok, person_ok=token.lower_ in _PLACE_BEFORE_A_PERSON)
        if not run or (not mislabelled_ok and any(t.ent_type_ == "PERSON" for t in run) and
                       _a_common_noun_after(run[-1])) or _in_a_roads_name(run[0]):
            continue  # "near Kitgum house": a building's name; "in Riad al-Solh Square": a square's
        start = base + run[0].idx
        end = base + run[-1].idx + len(run[-1].text)
        if any(t.start < end and start < t.end for t in [*found, *places]):
            continue
        if swallowed and run[-1].i + 1 < len(run[-1].doc) and run[-1].nbor(1).ent_iob_ == "I":
            continue  # "the University of Lagos in Akoka Road ...": the organisation's name goes on
        name = " ".join(t.text for t in run)
        options = _untagged_town_readings(name, gazetteer, context)
        chosen = choose(options, context)
        if chosen:
            why = "listed with a place" if listed else f"a name after '{token.text}'" + (
                " inside an organisation's name" if swallowed else "")
            places.append(Toponym(name, start, end, chosen[0], f"{why}; " + chosen[1], readings=options))
    places.extend(_towns_naming_their_event(span, base, [*found, *places], gazetteer, context))
    return places


def _in_a_roads_name(token) -> bool:  # noqa: ANN001 - a spaCy Token
    """The token opens a longer name the model tagged that ends in a road or square word ("Riad al-Solh
    Square"): the road's own name (`_a_sites_own_name`), not a town's."""
    if not token.ent_type_:
        return False
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    places = lexicon(LANGUAGE).places
    return ent is not None and len(ent) > 1 and ent[-1].lower_ in places.road_words | places.square_words


def _untagged_town_readings(name: str, gazetteer: Gazetteer, context: Counter[str]) -> list[Reading]:
    """The towns a name the parser did not tag may be: of some size, in the document's country, or
    a world city, a capital or a name no other place of its size bears."""
    exact = [r for r in readings(name, "GPE", gazetteer, context) if r.match == "exact"]
    return [r for r in exact if r.place.kind == "city" and r.place.population >= _UNSEEN_MIN_POPULATION
            and (context.get(r.place.country) or r.place.population >= _WORLD_CITY
                 or _a_capital(r.place, gazetteer) or _dominant(r, exact))]


def _towns_naming_their_event(span: Span, base: int, found: list[Toponym], gazetteer: Gazetteer,
                              context: Counter[str]) -> list[Toponym]:
    """An untagged capitalised name that modifies an event noun ("Lyon march: ...", "the Gdansk
    strike"): the town the event took place in."""
    events = lexicon(LANGUAGE).triggers.nouns
    places: list[Toponym] = []
    for token in span:
        head = token.head
        if not (token.text[:1].isupper() and token.dep_ == "compound" and not token.ent_type_ and
                head.text.islower() and head.lemma_ in events and head.i == token.i + 1):
            continue
        start, end = base + token.idx, base + token.idx + len(token.text)
        if any(t.start < end and start < t.end for t in [*found, *places]):
            continue
        options = _untagged_town_readings(token.text, gazetteer, context)
        if chosen := choose(options, context):
            places.append(Toponym(token.text, start, end, chosen[0],
                                  f"a name before the event noun '{head.text}'; " + chosen[1], readings=options))
    return places


_LIST_WORDS = {",", "and", "or"}


_DOMINANT_CITY = 100_000  # a city this big whose name no other place of a third its size bears ...
_DOMINANT_RATIO = 3


def _dominant(reading: Reading, exact: list[Reading]) -> bool:
    """... is meant wherever the report is from ("in Eldoret", "in Hull", "in Novi Sad"): the name is
    its own (not an alias, as Victoria is of Hong Kong), and its own region of the same name aside,
    no other place bears it at a third of its size."""
    place = reading.place
    others = [r.place.population for r in exact if r.place.gazetteer_id != place.gazetteer_id
              and not (r.place.kind == "region" and r.place.country == place.country)]
    return reading.similarity == 1.0 and place.population >= _DOMINANT_CITY and \
        all(p * _DOMINANT_RATIO <= place.population for p in others)


def _a_capital(place: GeoPlace, gazetteer: Gazetteer) -> bool:
    """A country's capital ("in Tunis"): meant wherever the report is from, as a city of a million is."""
    capital = gazetteer.capital(place.country)
    return capital is not None and capital.gazetteer_id == place.gazetteer_id


def _ends_a_place(token: Token, base: int, places: list[Toponym]) -> bool:
    end = base + token.idx + len(token.text)
    return any(t.end == end for t in places)


# Labels the small model gives stretches of news text it cannot read ("Teachers in Arequipa went on"
# as a work of art): a name inside one is as good as untagged.
_UNLIKELY_LABELS = frozenset({"WORK_OF_ART", "PRODUCT", "LAW", "EVENT", "LANGUAGE"})


def _a_name_taken_for_a_date(token: Token) -> bool:
    """A capitalised name inside a date entity that is no calendar word ("Manchester yesterday")."""
    return token.ent_type_ == "DATE" and token.pos_ == "PROPN" and \
        fold(token.lower_.rstrip(".")) not in _calendar_words()



def _a_common_noun_after(token: Token) -> bool:
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.pos_ == "NOUN" and nxt.text.islower()


def _name_run(tokens: list[Token], mislabelled_ok: bool, person_ok: bool = False) -> list[Token]:
    """The capitalised proper nouns that open `tokens` and no entity covers (or, in a list of places,
    that the model calls a person or an organisation; after a word of place, a person)."""
    run = []
    for nxt in tokens:
        tagged = nxt.ent_type_ and nxt.ent_type_ not in _UNLIKELY_LABELS and not (
            mislabelled_ok and nxt.ent_type_ in {"PERSON", "ORG"}) and not (person_ok and nxt.ent_type_ == "PERSON") \
            and not _a_name_taken_for_a_date(nxt)
        # the small model takes some town names for common nouns ("at Ingolstadt"): a capitalised one counts
        if nxt.pos_ not in ("PROPN", "NOUN") or tagged or not nxt.text[:1].isupper() or nxt.is_sent_start:
            break
        run.append(nxt)
    return run


def geocode(sentences, gazetteer: Gazetteer | None = None, context: Counter[str] | None = None) -> Geocoding:
    """Resolve every place name of a parsed document ([(Sentence, spaCy span)]), in text order."""
    gaz = gazetteer or load_gazetteer()
    context = document_countries(sentences, gaz) if context is None else PlaceContext(context)
    datelines = dateline_places(sentences, gaz, context)
    for t in datelines:  # where the report was filed is context as strong as a country named
        context[t.place.country] += 2
        context.add_region(t.place, 2)
    found: list[Toponym] = []
    unresolved: list[tuple[str, list[Reading]]] = []
    doubted: list[_Doubted] = []
    for sentence, span in sentences:
        base = sentence.start - span.start_char
        _entity_places(span, base, gaz, context, found, unresolved, doubted)
        capitals = [t for t in _capitals(sentence, gaz, context)
                    if not any((f.start, f.end) == (t.start, t.end) for f in found)]  # "the capital, Lima"
        # "the capital of Kenya", "столица Грузии": the capital, not the country named inside its phrase
        found[:] = [f for f in found if not any(c.start <= f.start and f.end <= c.end and f.place.kind == "country"
                                                for c in capitals)]
        found.extend(capitals)
        found.extend(_named_places(sentence, found, gaz, context))
        found.extend(_listed_regions(sentence, found, gaz, context))
        found.extend(_unlabelled_places(span, base, found, gaz, context))
        found[:] = _town_for_its_part(sentence, found, gaz, context)
    for t in datelines:
        overlapping = [f for f in found if f.start < t.end and t.start < f.end]
        for f in overlapping:
            f.dateline = True
        if not overlapping:
            found.append(t)
    found.extend(_read_as_elsewhere(doubted, found))
    found = _without_road_ends(_without_doubtful_company_towns(_without_quoted_names(found, sentences), sentences),
                               sentences)
    found = _without_bylines(found, sentences)
    found = _without_variants_beside_a_city(found, sentences)
    _towns_of_the_region_after_them(found, sentences, gaz)
    found.sort(key=lambda t: t.start)
    _match_listed_kinds(found, sentences)
    _mark_reference_points(found, sentences)
    return Geocoding(context, found, unresolved)


def _without_bylines(found: list[Toponym], sentences) -> list[Toponym]:  # noqa: ANN001
    """A place in a byline is where the writer is based, not where anything happened (an analysis written in
    Brussels of Istanbul's protests): it places nothing, is carried to no sentence after it, and says nothing
    of the report's country (`_no_sign_of_the_report`)."""
    bylines = [s for s, _span in sentences if in_a_byline(s.text, 0)]
    return [t for t in found if not any(s.start <= t.start and t.end <= s.end for s in bylines)]


_TOWN_TO_ITS_PART = 10


@functools.cache
def _part_of_a_town() -> re.Pattern[str]:
    """"the Recife neighbourhood of Cordeiro", "the Nairobi slum of Kibera": a town's name, a word for a
    part of a town (`town_part_words`), then the part's name."""
    parts = "|".join(re.escape(w) for w in lexicon(LANGUAGE).places.town_part_words) or "(?!)"
    name = r"[A-Z][\w'’-]+(?:\s+(?:(?:de|do|da|del|el|la)\s+)?[A-Z][\w'’-]+){0,2}"
    return re.compile(rf"\bthe\s+(?P<town>{name})\s+(?:{parts})\s+of\s+(?P<part>{name})")


def _town_for_its_part(sentence: Sentence, found: list[Toponym], gaz: Gazetteer, context: Counter[str]
                       ) -> list[Toponym]:
    """A part of a town named with its town ("the Recife neighbourhood of Cordeiro") is in that town:
    the town's reading replaces whatever the part's name reads as alone (a namesake town elsewhere). The
    phrase also reads the other way ("the Medina neighbourhood of Dakar"): the part's name must be no
    city of a tenth of the town's size."""
    for m in _part_of_a_town().finditer(sentence.text):
        options = [r for r in readings(m.group("town"), "GPE", gaz, context) if r.place.kind == "city"]
        chosen = choose(options, context)
        if chosen is None:
            continue
        part = [r.place.population for r in readings(m.group("part"), "GPE", gaz, context) if r.place.kind == "city"]
        if part and max(part) * _TOWN_TO_ITS_PART > chosen[0].population:
            continue
        start, end = sentence.start + m.start("town"), sentence.start + m.end("part")
        found = [t for t in found if not (start <= t.start and t.end <= end)]
        found.append(Toponym(m.group("town"), start, start + len(m.group("town")), chosen[0],
                             f"{m.group(0)!r} names a part of its town; {chosen[1]}", readings=options))
    return found


def _towns_of_the_region_after_them(found: list[Toponym], sentences, gaz: Gazetteer) -> None:  # noqa: ANN001
    """"London, Ontario", "Hyderabad, Sindh": a town and, after a comma, a region it lies in name the
    town of that region and the region, whatever each would be alone (London, England; Ontario,
    California)."""
    ordered = sorted(found, key=lambda t: t.start)
    for town, region in zip(ordered, ordered[1:], strict=False):
        sentence = next((s for s, _span in sentences if s.start <= town.start and region.end <= s.end), None)
        if sentence is None or not re.fullmatch(r"\s*,\s*", sentence.text[town.end - sentence.start:
                                                                        region.start - sentence.start]):
            continue
        regions = [p for p in gaz.lookup(strip_name(region.text)) if p.kind == "region"]
        for p in regions:
            towns = [c for c in gaz.lookup(strip_name(town.text)) if c.kind == "city" and c.country == p.country
                     and c.admin1_code == p.admin1_code and fold(c.name) == fold(strip_name(town.text))]
            if towns:
                town.place, region.place = max(towns, key=lambda c: c.population), p
                town.reason = region.reason = f"a town and the region after it: {town.place.name}, {p.name}"
                break


def _a_spelling_variant(t: Toponym) -> bool:
    return any(r.match == "fuzzy" and r.place == t.place for r in t.readings)


def _without_variants_beside_a_city(found: list[Toponym], sentences) -> list[Toponym]:  # noqa: ANN001
    """A name read only as a spelling variant of a small town, in a sentence that names a city of that
    country by its own name ("youths in Kangemi blocked the road into Nairobi"): a part of the city
    the gazetteer does not know, more likely than a village of a like name far away."""
    kept = []
    for t in found:
        sentence = next((s for s, _span in sentences if s.start <= t.start < s.end), None)
        beside = sentence is not None and any(
            o is not t and sentence.start <= o.start < sentence.end and o.place.kind == "city"
            and o.place.country == t.place.country and o.place.population >= _UNSEEN_MIN_POPULATION
            and not _a_spelling_variant(o) for o in found)
        if not (beside and _a_spelling_variant(t) and t.place.population < _UNSEEN_MIN_POPULATION):
            kept.append(t)
    return kept


@functools.cache
def _before_a_place(field: str) -> re.Pattern[str]:
    """Every language's `places.toml` patterns of `field`, matched right before a place's name:
    distance_before ("300 km southeast of", "в 300 км от"), direction_before ("towards", "в сторону")."""
    patterns = [p for code in available() for p in getattr(lexicon(code).places, field)]
    return re.compile("(?:{})$".format("|".join(f"(?:{p})" for p in patterns) or "(?!)"), re.I)



@functools.cache
def _world_regions() -> frozenset[str]:
    return frozenset(fold(w) for code in available() for w in lexicon(code).places.world_regions)


def a_world_region(name: str) -> bool:
    """A continent or a region of several countries ("Central Asia", "the Balkans", "Ближний Восток")."""
    return fold(name.strip(" ,.-")) in _world_regions()


def a_direction(text: str, at: int) -> bool:
    """The name at `at` in `text` is where a way leads ("blocked the road towards Georgia"), or where
    people go to live or work ("nurses leaving for Australia")."""
    return _before_a_place("direction_before").search(text, max(0, at - 40), at) is not None or \
        _moving_abroad(text, at)


_LISTED_BEFORE = r"(?:[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*)?\s*(?:,\s*(?:and\s+|и\s+)?|\s+(?:and|и)\s+))*"


def people_come_from(text: str, at: int) -> bool:
    """The name at `at` in `text` is where people come from ("buyers from Kazakhstan, Uzbekistan and
    Russia", "оптовики из Казахстана"), the earlier names of its list included."""
    return _origin_pattern().search(text, max(0, at - 80), at) is not None


def an_object_of_the_sentence(text: str, at: int) -> bool:
    """The name at `at` in `text` is what something is directed at ("weapons to Israel", "a protest against
    Russia"; `object_before`), not where it happens."""
    return _before_a_place("object_before").search(text, max(0, at - 40), at) is not None and \
        not _OWNS_WHAT_FOLLOWS.match(text, at)


_OWNS_WHAT_FOLLOWS = re.compile(r"[^\W\d_][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}['’]s\b")  # "against Spain's labour law"


@functools.cache
def _origin_pattern() -> re.Pattern[str]:
    patterns = [p for code in available() for p in lexicon(code).places.origin_before]
    return re.compile("(?:{}){}$".format("|".join(f"(?:{p})" for p in patterns) or "(?!)", _LISTED_BEFORE), re.I)


def _moving_abroad(text: str, at: int) -> bool:
    return _before_a_place("moving_abroad_before").search(text, max(0, at - 40), at) is not None


def _mark_reference_points(found: list[Toponym], sentences) -> None:  # noqa: ANN001
    """Places a distance is measured from are no place of what the sentence reports; nor is a name the
    sentence says is a part of the town it names next ("the Medina neighbourhood of Dakar"), which the
    gazetteer may take for a famous place elsewhere: the town is where it is. A place a way leads to is
    marked a direction."""
    starts = [sentence.start for sentence, _span in sentences]
    for t in found:
        k = bisect.bisect_right(starts, t.start) - 1
        if k < 0:
            continue
        sentence = sentences[k][0]
        at, end = t.start - sentence.start, t.end - sentence.start
        inside = 0 < at <= len(sentence.text)
        t.people_go_to = inside and _moving_abroad(sentence.text, at)
        t.direction = t.people_go_to or (inside and a_direction(sentence.text, at))
        if t.people_go_to:
            continue
        distance = _before_a_place("distance_before")
        if 0 < at <= len(sentence.text) and distance.search(sentence.text, max(0, at - 80), at) and \
                not _WHERE_AFTER.match(sentence.text, end):  # "300 km from Busan, where dockers struck": Busan's own
            t.reference_point = True
        elif (part := _part_of_town().match(sentence.text, end)) and any(
                o.start == sentence.start + part.end() and o.place.kind == "city" for o in found):
            t.reference_point = True
        elif t.place.kind == "city" and _named_for_its_government(t, sentence):
            t.government = t.of_another = True


def _named_for_its_government(t: Toponym, sentence) -> bool:  # noqa: ANN001 - a Sentence
    """"Moscow said", "urged Ottawa to step in", "called on Washington to": the town names the government that
    sits there, the subject of a verb of saying (no preposition before it: "protesters in Ottawa said" are in
    Ottawa) or the object of one of urging (`governments_saying`, `governments_urged`). Read on the words, as
    a paragraph that reports nothing is not parsed."""
    saying, urged = _government_cues()
    before, after = sentence.text[:t.start - sentence.start], sentence.text[t.end - sentence.start:]
    # urged to do something ("urged Ottawa to step in"), not its people ("asked Nairobi residents", "Bogota's council")
    return bool((urged.search(before) and _WHAT_IT_IS_URGED_TO.match(after)) or
                (saying.match(after) and not _A_PREPOSITION_BEFORE.search(before)))


_A_PREPOSITION_BEFORE = re.compile(r"\b(?:in|at|from|of|near|outside|to|for|across|around|and|through|throughout|"
                                   r"inside|over|all\s+over|central|downtown)\s+$", re.I)
_WHAT_IT_IS_URGED_TO = re.compile(r"\s*(?:to\b|[,.;:]|$)")


@functools.cache
def _government_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`governments_saying` right after a town, and `governments_urged` right before it."""
    places = lexicon(LANGUAGE).places
    return (re.compile(rf"^\s+(?:has\s+|have\s+)?(?:{phrase_pattern(places.governments_saying)})\b", re.I),
            re.compile(rf"\b(?:{phrase_pattern(places.governments_urged)})(?:\s+on)?\s+$", re.I))


_WHERE_AFTER = re.compile(r"\s*,?\s*where\b")


@functools.cache
def _part_of_town() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in lexicon(LANGUAGE).places.part_of_town) or "(?!)"
    return re.compile(rf"\s+(?:{words})\s+of\s+(?:the\s+city\s+of\s+)?")


class _Doubted(NamedTuple):
    """A name that can be a town but was left unread where it stands ("the Agen ring road": a small
    town's name before a noun), with its exact readings as a town."""

    text: str
    start: int
    end: int
    towns: list[Reading]
    beside_a_town: bool  # its sentence names a town of its own: the name is something else there


def _read_as_elsewhere(doubted: list[_Doubted], found: list[Toponym]) -> list[Toponym]:
    """One sense per document: a name left unread in one place ("the Agen ring road") that the same
    document reads as a town elsewhere ("protests in Agen") is that town there too."""
    read = {fold(t.text): t for t in found if t.place.kind == "city" and not t.people_go_to and not t.direction}
    taken = [(t.start, t.end) for t in found]
    out = []
    for d in doubted:
        same = read.get(fold(d.text))
        if same is None or any(a < d.end and d.start < b for a, b in taken) or \
                not any(r.place == same.place for r in d.towns) or d.beside_a_town:
            continue
        out.append(Toponym(d.text, d.start, d.end, same.place,
                           f"the town the document reads {same.text!r} as at {same.start}", readings=d.towns))
    return out


def _entity_places(span: Span, base: int, gaz: Gazetteer, context: Counter[str], found: list[Toponym],
                   unresolved: list[tuple[str, list[Reading]]], doubted: list[_Doubted] | None = None) -> None:
    """The model's place entities in a sentence, resolved (onto `found`) or not (onto `unresolved`;
    an organisation that names no place is neither). A name that can be a town but is left unread goes
    onto `doubted` too (`_read_as_elsewhere`)."""
    for ent in span.ents:
        label, modifier, least = _label_to_read(ent)
        if label is None:
            continue
        if (town := _town_an_entity_stands_for(ent, base, gaz, context)) is not None:
            found.append(town)
            continue
        if _after_a_site_noun(ent) or _inside_a_quotation(ent, span):
            continue
        ent = _with_region_word(_with_rest_of_the_name(ent, gaz))
        if _names_a_site(ent) or _a_sites_own_name(ent, gaz) or a_world_region(entity_name(ent)):
            continue
        text = strip_name(entity_name(ent))
        options = _entity_readings(ent, text, label, gaz, context, modifier)
        if ent.label_ == "NORP":  # a people's name read as a place: only a place of exactly that name
            options = [r for r in options if r.match == "exact"]
        chosen = choose(options, context)
        # a name before an event's noun only as a big city of the report ("the Taylor protests" are a person's)
        if chosen and (not least or _a_city_of_the_report(chosen[0], context, least)):
            found.append(Toponym(strip_name(ent.text), base + ent.start_char, base + ent.end_char, *chosen,
                                 readings=options))
            continue
        if label != "ORG":
            unresolved.append((text, options))
        if doubted is not None and (doubt := _doubt(ent, text, span, base, gaz, context, found)) is not None:
            doubted.append(doubt)


def _doubt(ent: Span, text: str, span: Span, base: int, gaz: Gazetteer, context: Counter[str],
           found: list[Toponym]) -> _Doubted | None:
    """An unread name that can be a town (`_Doubted`); not an organisation's ("staff at Halifax", "a sit-in at
    Mercedes": a firm's as often)."""
    if ent.label_ == "ORG":
        return None
    towns = [r for r in readings(text, "GPE", gaz, context) if r.match == "exact" and r.place.kind == "city"]
    if not towns:
        return None
    beside = any(base + span.start_char <= t.start < base + span.end_char and t.place.kind == "city" for t in found)
    return _Doubted(strip_name(ent.text), base + ent.start_char, base + ent.end_char, towns, beside)


def _town_an_entity_stands_for(ent: Span, base: int, gaz: Gazetteer, context: Counter[str]) -> Toponym | None:
    """The place a name stands for without being it: a state after a town, a town's own site, the town
    a workplace or an institution is named after (never a street's: "Zhenjiang Street")."""
    if (town := _state_toponym(ent, base, gaz) or _town_of_its_own_site(ent, base, gaz, context)) is not None:
        return town
    if _a_sites_own_name(ent, gaz):
        return None
    return _company_town(ent, base, gaz, context) or _institution_town(ent, base, gaz, context)


def _named_a_region(ent) -> bool:  # noqa: ANN001 - a spaCy span
    """The entity follows "the (Mexican) state of", "the province of": the phrase names a region."""
    window = ent.doc[max(0, ent.start - 8):ent.end]  # a few tokens: the Doc's whole text is rebuilt on each call
    before = window.text[:ent.start_char - window.start_char]
    m = _named_place().search(before + ent.text)
    return m is not None and m.group("region") is not None and m.start("name") == len(before)


def _entity_readings(ent, text: str, label: str, gaz: Gazetteer, context: Counter[str], modifier: bool
                     ) -> list[Reading]:
    options = readings(text, label, gaz, context)
    if _inside_a_longer_name(ent):  # "Bruhat" of "Bruhat Bengaluru Mahanagara Palike" misspells no town
        options = [r for r in options if r.match != "fuzzy"]
    if not any(r.match == "exact" for r in options) and CYRILLIC.search(ent.text) and \
            strip_name(ent.text) != text:  # the parser's normal form went astray ("Белове" -> "Белов")
        options = readings(strip_name(ent.text), label, gaz, context) or options
    if modifier:  # only a town big enough to be meant without a word of place before it, or an owner's workplace's
        towns = [r for r in options if r.match == "exact" and r.place.kind == "city"]
        big = [r for r in towns if r.place.population >= _UNSEEN_MIN_POPULATION]
        # an owner's workplace in the report's country ("its Hosur plant"); a brand ("its Mercedes plant") is no
        # foreign town, and an organisation's name is a town elsewhere only when a big one ("Hyundai's Chennai plant")
        owned = [r for r in towns if r.place.population >= _OWNED_WORKPLACE_MIN_POPULATION and
                 r.place.country in context] if _an_owned_workplace(ent) else []
        options = owned or ([r for r in big if r.place.population >= _ORGANISATION_TOWN_POPULATION]
                            if ent.label_ == "ORG" else big)
    if _named_a_region(ent):  # "the province of Cordoba": the province, not its capital city
        options = [r for r in options if r.place.kind == "region"] or options
    return options


def _inside_a_longer_name(ent) -> bool:  # noqa: ANN001 - a spaCy span
    """The entity runs on into capitalised proper nouns, or follows one: it is part of a longer name."""
    doc = ent.doc
    neighbours = [doc[ent.end]] if ent.end < len(doc) and not doc[ent.end].is_sent_start else []
    if ent.start > 0 and not ent[0].is_sent_start:
        neighbours.append(doc[ent.start - 1])
    return any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in neighbours)


_OPENING_QUOTES = {"«": "»", "“": "”", "„": "“"}


def _inside_a_quotation(ent, sent: Span) -> bool:
    """A name inside a quoted slogan or title with other words ("placards reading «Поморье — не
    помойка»", "banners saying "Save Detroit jobs""): the words of a banner, not where anything happened."""
    whole = text_of(sent.doc)
    before, after = whole[sent.start_char:ent.start_char], whole[ent.end_char:sent.end_char]
    for opening, closing in [*_OPENING_QUOTES.items(), ('"', '"')]:
        start = before.rfind(opening)
        if opening == '"' and before.count('"') % 2 == 0:
            continue  # straight quotes: an odd number before it opens one
        if start >= 0 and closing not in before[start + 1:] and closing in after:
            quoted = before[start + 1:] + ent.text + after[:after.index(closing)]
            # a banner's words, not a quoted speaker: a cue before the quote ("placards reading")
            cue = _banner_cue().search(before[max(0, start - 40):start])
            return len(quoted.split()) > len(ent.text.split()) and cue is not None
    return False


@functools.cache
def _banner_cue() -> re.Pattern[str]:
    """A word of every language read that puts a slogan in the quote after it (a word's beginning
    matches its forms: "плакатами")."""
    words = phrase_pattern(w for code in available() for w in lexicon(code).places.banner_words)
    return re.compile(rf"(?<!\w)(?:{words})\w*[\s:,—–-]*$", re.I)


@functools.cache
def _road_between() -> re.Pattern[str]:
    """What follows the first town of a road's two ("Athens" of "the Athens-Thessaloniki highway"): a dash,
    a second name and a way (senses.toml's `ways`)."""
    ways = phrase_pattern(lexicon(LANGUAGE).senses.ways)
    return re.compile(rf"\s*[-–—]\s*[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*)?\s+(?:{ways})\b")


_NAME_AND_DASH = re.compile(r"[A-Z][\w'’.]*\s*[-–—]\s*$")


def _without_road_ends(found: list[Toponym], sentences) -> list[Toponym]:  # noqa: ANN001
    """Without the towns a road runs between ("blocked the Athens-Thessaloniki highway near Nikaia",
    "the Lagos-Ibadan expressway"): the road's ends, not where it was blocked; nor a town a road's name
    holds ("перекрыть бульвар Штефана чел Маре")."""
    ends: set[int] = set()
    for sentence, _span in sentences:
        for t in found:
            if not sentence.start <= t.start < sentence.end:
                continue
            at, to = t.start - sentence.start, t.end - sentence.start
            first = _road_between().match(sentence.text, to) is not None  # "Athens" of "Athens-Thessaloniki highway"
            second = _NAME_AND_DASH.search(sentence.text, 0, at) is not None and \
                _way_after().match(sentence.text, to) is not None  # its "Thessaloniki"
            way_first, way_second = _way_before()
            named_after = (way_first.search(sentence.text, 0, at) is not None and
                           _DASH_AND_NAME.match(sentence.text, to) is not None) or \
                way_second.search(sentence.text, 0, at) is not None  # "трассу Бишкек — Ош": both its towns
            linked_first, linked_second = _way_linking()
            # "the highway linking Delhi with Amritsar"; not "the road between Nairobi's business district and
            # the airport" (a town's own part: the first end is a town only where another town's name follows)
            linked = (linked_first.search(sentence.text, 0, at) is not None and
                      _ANOTHER_END.match(sentence.text, to) is not None) or \
                linked_second.search(sentence.text, 0, at) is not None
            in_a_name = _road_name_before().search(sentence.text, 0, at) is not None
            if first or second or named_after or linked or in_a_name:
                ends.add(t.start)
    return [t for t in found if t.start not in ends]


# What stands before a way's second town: "with Amritsar", "to the border town of Birgunj", "with neighbouring
# Ibadan", "and the coastal city of Mombasa".
_TOWN_OF = (r"(?:(?:the\s+)?(?:[a-z-]+\s+){0,2}?(?:city|town|capital|port)\s+of\s+"
            r"|(?:neighbouring|neighboring|nearby)\s+)?")
_ANOTHER_END = re.compile(rf"\s+(?:with|to|and)\s+{_TOWN_OF}[A-Z]")


@functools.cache
def _way_linking() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A way and the words that link it to the towns it runs between ("the highway linking New Delhi
    with Amritsar", "the railway between Lyon and Turin"): what stands before its first town, and
    before its second."""
    senses = lexicon(LANGUAGE).senses
    if not senses.way_links:
        return re.compile("(?!)"), re.compile("(?!)")
    ways, links = phrase_pattern(senses.ways), phrase_pattern(senses.way_links)
    lead = rf"\b(?:{ways})s?\s+(?:that\s+)?(?:{links})\s+{_TOWN_OF}"
    town = r"(?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})"
    return re.compile(lead + "$", re.I), re.compile(rf"{lead}{town}\s+(?:with|to|and)\s+{_TOWN_OF}$", re.I)


@functools.cache
def _road_name_before() -> re.Pattern[str]:
    """A Russian road word, then its name running on through a particle (places.toml's name_particles:
    "бульвар Штефана чел"), right before a toponym."""
    places = lexicon("ru").places
    forms = {f for w in places.road_words for f in word_forms(w)}
    if not forms or not places.name_particles:
        return re.compile("(?!)")
    name = r"(?-i:[А-ЯЁ])[\w'’.-]*"
    particle = f"(?:{phrase_pattern(places.name_particles)})"
    # a name that runs on through a particle ("Штефана чел Маре"): not "на проспекте Независимости Минска" (the
    # street of Minsk), nor "вышли на улицы Минска" (the town's streets)
    return re.compile(rf"(?<![\w-])(?:{phrase_pattern(forms)})\s+{name}\s+(?:{name}\s+)?{particle}\s+(?:{name}\s+)?$",
                      re.I)


_DASH_AND_NAME = re.compile(r"\s*[-–—]\s*[A-ZА-ЯЁ]")


@functools.cache
def _way_before() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A way word before the two towns it is named after, as Russian writes it ("перекрыли трассу
    Бишкек — Ош"): what stands before its first town, and before its second."""
    forms = {f for w in lexicon("ru").senses.ways for f in word_forms(w)}
    ways = phrase_pattern(forms) if forms else "(?!)"
    town = r"[A-ZА-ЯЁ][\w'’.-]*(?:\s+[A-ZА-ЯЁ][\w'’.-]*)?"
    return (re.compile(rf"(?<!\w)(?:{ways})\s+$", re.I),
            re.compile(rf"(?<!\w)(?:{ways})\s+{town}\s*[-–—]\s*$", re.I))


@functools.cache
def _way_after() -> re.Pattern[str]:
    return re.compile(rf"\s+(?:{phrase_pattern(lexicon(LANGUAGE).senses.ways)})\b")


_NAME_OPENS, _NAME_CLOSES = "«„", "»“"
# a railway station, a port, an airport bears its town's name ("станция «Тайшет»", "порт «Находка»")
_TOWN_NAMED_SITE = re.compile(r"(?<!\w)(?:станци|порт|вокзал|аэропорт)\w*\s*$", re.I)


def _without_quoted_names(found: list[Toponym], sentences) -> list[Toponym]:  # noqa: ANN001
    """A name in guillemets is a company's, a mine's or a market's ("шахта «Северная»", "рынок «Дордой»"): no
    town, unless the company is named after its town (`by_company`: "«Гродно Азот»")."""
    starts = [sentence.start for sentence, _span in sentences]
    kept = []
    for t in found:
        k = bisect.bisect_right(starts, t.start) - 1
        sentence = sentences[k][0] if k >= 0 else None
        if sentence is not None and not t.by_company:
            before = sentence.text[:t.start - sentence.start].rstrip()
            after = sentence.text[t.end - sentence.start:].lstrip()
            if before[-1:] in _NAME_OPENS and after[:1] in _NAME_CLOSES and \
                    not _TOWN_NAMED_SITE.search(before[:-1]):
                continue
        kept.append(t)
    return kept


def _without_doubtful_company_towns(found: list[Toponym], sentences) -> list[Toponym]:  # noqa: ANN001
    """A workplace's town (`_company_town`) stands only in a report that names no place of its own: a
    town, region or country it names is where its events are ("the Toyota plant in Kentucky" is in
    Kentucky; a plant's denial in a report of a country's strike does not make it that town's)."""
    placed = {id(r): t for t in found if t.by_company for r in found if _the_region_it_lies_in(t, r)}
    named = [placed.get(id(t), t) for t in found if not t.by_company]
    if not named:
        return found
    # an institution named "of" its town ("occupied the University of Amsterdam's offices") is in that town:
    # it places its own sentence where the sentence names no other place
    alone = [t for t in found if t.by_institution and _sentence_names_nothing_else(t, named, sentences)]
    return sorted(named + alone, key=lambda t: t.start)


def _sentence_names_nothing_else(town: Toponym, others: list[Toponym], sentences) -> bool:  # noqa: ANN001
    sentence = next((s for s, _span in sentences if s.start <= town.start < s.end), None)
    return sentence is not None and not any(sentence.start <= o.start < sentence.end for o in others)


# How far after a workplace's name its region may be named to place it ("the Lordstown Assembly
# plant in Ohio"): a site noun and a preposition.
_REGION_AFTER_WORKPLACE_CHARS = 30


def _the_region_it_lies_in(town: Toponym, region: Toponym) -> bool:
    """`region` is named just after the workplace named after `town`, and `town` lies in it: the
    workplace's town is the more precise place of the two."""
    return region.place.kind == "region" and region.place.country == town.place.country and \
        fold(region.place.name) == fold(town.place.admin1 or "") and \
        0 <= region.start - town.end <= _REGION_AFTER_WORKPLACE_CHARS


# A town a workplace is named after is read only when this big (in the document's country), or
# this big where the document names no country: a brand that opens with a village's name is no
# workplace's town. Read by extract/ru_mentions.py too.
WORKPLACE_TOWN_POPULATION = 50_000
UNPLACED_WORKPLACE_TOWN_POPULATION = 300_000
REGION_WORKPLACE_TOWN_POPULATION = 5_000


def workplace_town(names: list[str], gaz: Gazetteer, country: str | None,
                   context: PlaceContext | None = None) -> tuple[int, GeoPlace] | None:
    """The town a workplace's name is named after: the first of its words (by index) that is the
    name of a town of the document's country, of some size (a big city where no country is known;
    a smaller town where it lies in a region the document names: "the Lordstown plant in Ohio")."""
    least = WORKPLACE_TOWN_POPULATION if country else UNPLACED_WORKPLACE_TOWN_POPULATION
    for k, name in enumerate(names):
        if name.isupper() and len(name) <= 4:
            continue  # an acronym ("МВД", "CGT") is no town's name, whatever code a gazetteer gives it
        # a town's own name, not an alias of another town ("Victoria Hospital" is no Hong Kong's); a
        # Russian name matches the gazetteer's Latin names only as an alias
        towns = [p for p in gaz.lookup(name) if p.kind == "city" and p.country == (country or p.country) and (
            p.population >= least or p.population >= REGION_WORKPLACE_TOWN_POPULATION
            and context is not None and context.region_weight(p) > 0)
            and (fold(p.name) == fold(name) or CYRILLIC.search(name) is not None)]
        if towns:
            return k, max(towns, key=lambda p: p.population)
    return None


def _company_town(ent: Span, base: int, gaz: Gazetteer, context: Counter[str]) -> Toponym | None:
    """The town a workplace is named after ("the Grodno Azot plant", "ОАО «Гродно Азот»"): a company's
    name that is no place's as a whole, that opens with a town's name, and that is marked as a
    workplace's, by a legal form in or next to it or a site noun next to it or ending it. An outlet
    named after its town ("the Moscow Times") carries neither mark."""
    words = company_words(ent)
    if len(words) < 2 or not words[0].text[:1].isupper() or not _workplace_name(ent):
        return None
    if any(r.match == "exact" for r in readings(strip_name(entity_name(ent)), "GPE", gaz, context)):
        return None  # the whole name is a place's ("Nizhny Novgorod")
    country = context.most_common(1)[0][0] if context else None
    found = workplace_town([words[0].text, russian_nominative(words[0].text)], gaz, country,
                           context if isinstance(context, PlaceContext) else None)
    if found is None:
        return None
    place = found[1]
    return company_toponym(ent, base, place, f"the workplace {ent.text!r} is named after {place.name} "
                                             f"({place.kind}, {place.country}, pop {place.population})")


_INSTITUTION_OF = re.compile(r"^(?:the\s+)?(?P<site>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+of\s+(?P<town>[A-Z][\w'’-]+"
                             r"(?:\s+[A-Z][\w'’-]+)?)$")


def _institution_town(ent: Span, base: int, gaz: Gazetteer, context: Counter[str]) -> Toponym | None:
    """The town an institution is named "of" ("the University of Belgrade", "the Port of Antwerp"):
    its site noun first (`site_nouns`), a town after "of". Like a workplace's town, it places a
    report only where the report names no place of its own. ("Dunedin Hospital" is not read so:
    "Columbia University", "Bellevue Hospital", "Union Station" bear names of towns they are not in.)"""
    if ent.label_ not in ("ORG", "FAC") or ent.doc.lang_ == "ru":  # "the Port of Southampton" may be a facility
        return None
    m = _INSTITUTION_OF.match(ent.text)
    if m is None or m.group("site").lower() not in _language_sites(ent.doc.lang_):
        return None
    options = [r for r in readings(m.group("town"), "GPE", gaz, context) if r.place.kind == "city"]
    chosen = choose(options, context)
    if chosen is None:
        return None
    start = ent.start_char + m.start("town")
    return Toponym(m.group("town"), base + start, base + start + len(m.group("town")), chosen[0],
                   f"the institution {ent.text!r} is named after its town; {chosen[1]}", readings=options,
                   by_company=True, by_institution=_where_something_is_done(ent))


_AT_A_SITE = LOCATIVE | {"at", "inside", "into", "on", "onto", "to", "towards"}  # "marched to the University of X"


def _where_something_is_done(ent: Span) -> bool:
    """The institution (or what is its: "the University of Amsterdam's offices") is what a verb acts on or
    where it acts ("occupied the University of X's offices", "marched to the University of X"), not the
    source of a statement ("a spokesperson for the University of X said") nor where people come from."""
    root = ent.root
    if root.dep_ == "poss":  # "the University of Amsterdam's offices": the offices
        root = root.head
    if root.dep_ != "pobj":
        return root.dep_ == "dobj"
    prep = root.head  # "an occupation of the University of X's headquarters": the event's own site
    return prep.lower_ in _AT_A_SITE or (prep.lower_ == "of" and prep.head.lemma_.lower() in
                                         lexicon(LANGUAGE).triggers.nouns)


def company_words(ent: Span) -> list[Token]:
    """The words of a company's name without its legal form and quotes ("ОАО «Гродно Азот»" -> Гродно Азот),
    and without an owner's name before a possessive ("General Motors’ Wentzville Assembly")."""
    owner = [t.i for t in ent if t.tag_ == "POS" or (t.text in _POSSESSIVE_MARKS and t.i > ent.start
                                                     and t.doc[t.i - 1].text.endswith("s"))]
    start = owner[-1] + 1 if owner else ent.start
    return [t for t in ent if t.i >= start and t.is_alpha and t.text not in _legal_forms(ent.doc.lang_)
            and t.pos_ != "DET"]  # "the Busan Transportation Corporation": Busan opens the name


_POSSESSIVE_MARKS = frozenset({"'", "’"})


def company_toponym(ent: Span, base: int, town: GeoPlace, why: str) -> Toponym | None:
    """The town of a workplace, its text the workplace's name without its legal form (what a carried
    place's evidence and the merge of one workplace's reports read); `base` turns the doc's character
    offsets into the cleaned text's. None when the name has no words."""
    words = company_words(ent)
    if not words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    return Toponym(text_of(ent.doc)[start:end], base + start, base + end, town, why, by_company=True)


def _workplace_name(ent: Span) -> bool:
    """A company's name: a legal form within it or beside it ("ОАО «...»", "... JSC"), or a site noun
    beside it or ending it ("the ... plant", "завод «...»")."""
    doc, lang = ent.doc, ent.doc.lang_
    before = [t for t in doc[max(0, ent.start - 2):ent.start] if not t.is_punct][-1:]
    after = [t for t in doc[ent.end:ent.end + 2] if not t.is_punct][:1]
    sites = _language_sites(lang)
    if any(t.text in _legal_forms(lang) for t in [*ent, *before, *after]):
        return True
    return any((t.lemma_ if lang == "ru" else t.text).lower() in sites for t in [*before, *after, ent[-1]])


@functools.cache
def _legal_forms(code: str) -> frozenset[str]:
    return lexicon(code).places.legal_forms


def _whole_country(name: str, gazetteer: Gazetteer, context: Counter[str]) -> str | None:
    """The country a whole name is, where nothing else bears it: not "Russia's Tatarstan" (a region of
    it), "Niger State" (a region of Nigeria), nor "Georgia" in a report from the United States (also a
    state there) unless the report is of that country."""
    if re.search(r"['’]s\b", name) or re.search(rf"\s(?:{'|'.join(map(re.escape, region_words()))})$", name, re.I):
        return None
    named = gazetteer.lookup(strip_name(name))
    countries = [p for p in named if p.kind == "country"]
    if not countries:
        return None
    code = countries[0].country
    regions = [p for p in named if p.kind == "region" and fold(p.name) == fold(strip_name(name))]
    # the name itself counts for the country in the context: the region's country must have no sign at all
    return code if not any(context.get(r.country) for r in regions) else None


@functools.cache
def _russian_capital() -> re.Pattern[str]:
    """A Russian capital word in any case, with the word before it and a capitalised name after it."""
    stems = "|".join(re.escape(w[:-1]) for w in lexicon("ru").places.capital_words) or "(?!)"
    return re.compile(rf"(?:(?P<before>[а-яё]+)\s+)?(?P<word>(?:{stems.capitalize()}|{stems})(?:а|ы|е|у|ей))(?![\w-])"
                      r"(?:\s+(?P<after>[а-яё]+|[А-ЯЁ][а-яё-]+(?:\s+[А-ЯЁ][а-яё-]+)?))?")


def _russian_capitals(sentence: Sentence, gaz: Gazetteer, context: Counter[str]) -> list[Toponym]:
    """"В армянской столице", "столица Грузии", "в столице" (of the document's country): the capital
    meant. Another adjective ("северная столица", "краевая столица") or a region after it ("столица
    края") names no country's capital."""
    found = []
    countries, demonyms = _language_places("ru")
    for m in _russian_capital().finditer(sentence.text):
        before, after = m.group("before"), m.group("after")
        adjective = next((p for p in morph().parse(before) if "ADJF" in p.tag), None) if before else None
        code = None
        if after and after[:1].isupper():
            nominative = russian_nominative(after)
            code = countries.get(nominative.lower()) or _whole_country(nominative, gaz, context)
        elif after and _another_units(after):
            continue  # "столица провинции", "столица края": a unit's capital, not the country's
        if code is None and adjective is not None:
            code = demonyms.get(adjective.normal_form)
            if code is None:
                continue
        if code is None and not (after and after[:1].isupper()) and context:
            code = context.most_common(1)[0][0]
        capital = gaz.capital(code) if code else None
        if capital is not None:
            start = m.start("before") if adjective is not None else m.start("word")
            end = m.end("after") if code and after and after[:1].isupper() else m.end("word")
            found.append(Toponym(sentence.text[start:end], sentence.start + start, sentence.start + end, capital,
                                 f"'{m.group('word')}' read as the capital of {code}"))
    return found


def _another_units(word: str) -> bool:
    """A lower-case noun after "столица" names the unit it is the capital of, unless it is the
    country's own word ("столица страны")."""
    parse = morph().parse(word)[0]
    return parse.tag.POS == "NOUN" and parse.normal_form not in lexicon("ru").places.country_words


def _capitals(sentence: Sentence, gaz: Gazetteer, context: Counter[str]) -> list[Toponym]:
    """"The capital", "the Kenyan capital", "the capital of Kenya": the capital of the country meant."""
    found = _russian_capitals(sentence, gaz, context) if CYRILLIC.search(sentence.text) else []
    for m in _CAPITAL.finditer(sentence.text):
        capital = _capital(m, gaz, context)
        if not capital:
            continue
        skipped, place, why = capital
        named = _NAME_AFTER.match(sentence.text, m.end())
        towns = [p for p in gaz.lookup(named.group("name")) if p.kind == "city"] if named else []
        if named and towns:  # "the Bolivian capital La Paz", "the Georgian capital, Atlanta": the name says which
            ours = [p for p in towns if p.country == place.country]
            if ours:
                start = sentence.start + named.start("name")
                found.append(Toponym(named.group("name"), start, start + len(named.group("name")),
                                     max(ours, key=lambda p: p.population), f"{why}, named after it"))
            continue
        found.append(Toponym(m.group(0)[skipped:], sentence.start + m.start() + skipped,
                             sentence.start + m.end(), place, why))
    return found


_NAME_AFTER = re.compile(r",?\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")


# What stands between the names of a list ("Porto, Braga and Coimbra", "in Porto and in Braga"), whole.
LIST_JOIN = re.compile(r"\s*,\s*(?:and\s+|or\s+)?(?:in\s+|at\s+)?|\s+(?:and|or)\s+(?:in\s+|at\s+)?")


def _match_listed_kinds(found: list[Toponym], sentences) -> None:
    """A name listed with regions is a region too: "in California, Oregon and Washington" is the
    state, though a city of that name is bigger."""
    for sentence, _span in sentences:
        inside = [t for t in found if sentence.start <= t.start < sentence.end]
        for k, t in enumerate(inside):
            regions = [r.place for r in t.readings if r.place.kind == "region" and r.place.country == t.place.country]
            if t.place.kind != "city" or not regions:
                continue
            listed = [n for n in (inside[k - 1] if k else None, inside[k + 1] if k + 1 < len(inside) else None)
                      if n is not None and LIST_JOIN.fullmatch(
                          sentence.text[min(n.end, t.end) - sentence.start:max(n.start, t.start) - sentence.start])]
            if listed and all(n.place.kind == "region" for n in listed):
                t.place = max(regions, key=lambda p: p.population)
                t.reason = f"listed with regions, so the region; {t.reason}"
