"""Place of a mention: a resolved toponym (see `strikewatch.geo.toponyms`) as a `Place`, and the site.

`sentence_cities` and `places_by_type` say which of a sentence's places its events happened in
(several when coordinated or each governed by an action); `fallback_place` places a sentence that
names none. Sites are workplaces and venues ("the X plant", "outside the Y building on Z
Street"); they are kept as text beside the town they are in, never geocoded as towns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from strikewatch.detect import Trigger
from strikewatch.extract.other_events import a_persons, when_clause_on_a_baseline
from strikewatch.geo import km
from strikewatch.geo.gazetteer import load_gazetteer
from strikewatch.geo.toponyms import Toponym, an_object_of_the_sentence, country_named, country_place, people_come_from
from strikewatch.lang import available, lexicon, phrase_pattern
from strikewatch.model import EventType, Evidence, Place, PlacePrecision, Sentence
from strikewatch.rules import Rule

if TYPE_CHECKING:  # spaCy loads only when a model is first needed (nlp.load_nlp)
    from spacy.tokens import Span, Token

LANGUAGE = "en"  # whose site nouns and calendar words (strikewatch/lang/en) the patterns read


@cache
def _site_pattern() -> re.Pattern[str]:
    """A locative phrase that names a site ("outside the Y building on Z Street"), built at first use."""
    lex = lexicon(LANGUAGE)
    site_nouns = "(?i:{})(?![\\w'’-])".format("|".join(re.escape(w) for w in lex.places.site_nouns))
    calendar = [*lex.calendar.weekdays, *lex.calendar.month_names()]
    time_word = "(?:{})\\b".format("|".join(w.capitalize() for w in calendar))
    return re.compile(
        rf"\b(?:at|outside|near|in front of|towards?|into|on|from|inside|around)\s+(?P<site>(?:the\s+)?"
        rf"(?:[A-Z][\w'’.-]*\s+){{0,4}}(?:[a-z-]+\s+){{0,2}}{site_nouns}\b"
        rf"(?:\s+(?:of|on)\s+(?!{time_word})(?:[A-Z][\w'’-]*\s?){{1,4}})?)"  # "on Z Street", not "on Saturday"
    )


def to_place(toponym: Toponym, rule: str, why: str | None = None) -> Place:
    """The toponym as a Place; its evidence gives the rule, `why` it applied, and the gazetteer's choice."""
    p = toponym.place
    if toponym.by_company and rule == Rule.PLACE_IN_SENTENCE:  # the sentence names the workplace, not the town
        rule = Rule.PLACE_ORGANISATION_TOWN
    reason = f"{why}; {toponym.reason}" if why else toponym.reason
    return Place(
        name=p.name, precision=PlacePrecision(p.kind), country=p.country,
        admin1=p.admin1, lat=p.lat, lon=p.lon, gazetteer_id=p.gazetteer_id,
        evidence=Evidence(toponym.text, toponym.start, toponym.end, rule, reason),
    )


def find_site(sentence: str, offset: int = 0) -> Evidence | None:
    m = _site_pattern().search(sentence)
    if not m:
        return None
    site = m.group("site").strip()
    return Evidence(site, offset + m.start("site"), offset + m.start("site") + len(site), Rule.SITE_LOCATIVE_NOUN)


def places_in(sentence: Sentence, toponyms: list[Toponym]) -> list[Toponym]:
    """The places the sentence names, but those it only measures another's distance from ("in Ulsan, 300
    km southeast of Seoul"; "20 km north of Kyiv" alone is near Kyiv) or names as where a way leads
    ("marched near Ambala towards Delhi"; "marched towards Delhi" alone is towards Delhi); never where
    people go to live or work ("doctors struck, saying colleagues are leaving for the UK"), nor a town named
    for its government ("Moscow said")."""
    named = [t for t in toponyms if sentence.start <= t.start < sentence.end and not t.people_go_to
             and not t.government]
    return [t for t in named if not t.reference_point and not t.direction] or \
        [t for t in named if not t.direction] or named


def distinct_places(toponyms: Iterable[Toponym]) -> list[Toponym]:
    """The first mention of each gazetteer place, in text order ("Lyon ... Lyon" is one place)."""
    seen: set[str] = set()
    distinct: list[Toponym] = []
    for t in toponyms:
        if t.place.gazetteer_id not in seen:
            seen.add(t.place.gazetteer_id)
            distinct.append(t)
    return distinct


def _coordinated(a: Toponym, b: Toponym, text: str) -> bool:
    """Two places of one list ("in A, the capital, and in B"): near each other in one sentence, and
    neither a dateline ("MINSK, Sept 13. In Gomel ..." lists nothing)."""
    between = text[a.end:b.start]
    return len(between) < 80 and not (a.dateline or b.dateline) and not re.search(r"[.!?]\s|\n", between) \
        and bool(re.search(r"\b(?:and|as well as|or)\b|,", between))


def _action_tokens(span: Span, triggers: list[Trigger]) -> set[int]:
    """The triggers' tokens, the verbs their people do ("protesters filled the square"), and the light
    verbs whose object they are ("staged a march against ...": the march's own phrases hang on "staged";
    not "moved the march from Lahore to Islamabad")."""
    tokens = {span[t.token_index] for t in triggers}
    light = lexicon(LANGUAGE).triggers.light_verbs
    return {t.i for t in tokens} | {t.head.i for t in tokens if t.dep_ in {"nsubj", "nsubjpass"}} | \
        {t.head.i for t in tokens if t.dep_ == "dobj" and t.head.lemma_.lower() in light}


def _relates_to_another(prep) -> bool:
    # "a day after the Paris protest"; "in solidarity with the Belgrade rally", "in support of", "ahead of";
    # "two days after clashes left a dozen injured": the clause the word opens (its verb's subject)
    places = lexicon(LANGUAGE).places
    if prep.dep_ == "nsubj" and prep.head.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in places.relative_to_another for c in prep.head.children):
        return True
    return prep.dep_ == "prep" and (prep.lower_ in places.relative_to_another or (
        prep.lower_ in ("with", "of") and (prep.head.lower_ in places.relating_heads or (
            prep.i > 0 and prep.doc[prep.i - 1].lower_ in places.relating_heads))))


def _without_the_speakers_towns(cities: list[Toponym], sentence: Sentence, span: Span | None) -> list[Toponym]:
    """The cities but the towns of people who speak (`_the_speakers_town`), which are not carried to
    the next sentence either."""
    if span is None:
        return cities
    speakers = [t for t in cities if _the_speakers_town(t, sentence, span)]
    for t in speakers:
        t.of_another = True
    return [t for t in cities if t not in speakers]


def _without_where_people_came_from(cities: list[Toponym], text: str) -> list[Toponym]:
    """The cities but those named as where people travelled from ("many arriving on buses from Windsor
    and Sudbury"), or came from where the sentence names another town ("miners from Chiatura protested in
    Tbilisi"), which are not carried to the next sentence either: they came to the action."""
    came_from = [t for t in cities if _ORIGIN.search(text[max(0, t.start - 80):t.start])]
    # "горняки из Чиатуры ... у здания правительства в Тбилиси": people from one town, acting in another the
    # sentence names ("miners from Chiatura" alone strike at home)
    from_elsewhere = [] if _a_range_of_towns(cities, text) else [  # "from Newcastle to Plymouth": a range
        t for t in cities if t not in came_from and people_come_from(text, t.start)]
    if from_elsewhere and any(t not in came_from and t not in from_elsewhere for t in cities):
        came_from += from_elsewhere
    for t in came_from:
        t.of_another = True
    return [t for t in cities if t not in came_from]


def _the_speakers_town(toponym: Toponym, sentence: Sentence, span: Span) -> bool:
    """The town of commentators who say or estimate something ("analysts at a Santiago brokerage
    estimated that the stoppage ...", "said one metals analyst in London"; `commentators` in
    `places.toml`): where they are, not where the action is."""
    token = _token_of(toponym, sentence, span)
    if token is None:
        return False
    node, located = token.root, False
    for _hop in range(6):
        located = located or (node.dep_ == "prep" and node.lower_ in _LOCATED_IN)
        if node.dep_ == "nsubj":
            return located and node.head.lemma_.lower() in _speaking_verbs() and \
                node.lemma_.lower() in lexicon(LANGUAGE).places.commentators
        if node.dep_ not in {"pobj", "prep", "compound", "amod"} or node.head.i == node.i:
            return False
        node = node.head
    return False


@cache
def _speaking_verbs() -> frozenset[str]:
    """Verbs of saying and estimating, whose subject's town is where the speakers are."""
    modality = lexicon(LANGUAGE).modality
    return frozenset({*modality.speech_verbs, "estimate", "calculate", "predict", "forecast", "warn", "report"})


_DESTINATIONS = frozenset({"towards", "toward"})
_LOCATED_IN = frozenset({"in", "at"})  # "retirees in Tabriz", "analysts at a Lima brokerage"


def _where_people_come_from(prep) -> bool:  # noqa: ANN001 - a spaCy token
    """"From" on a noun or pronoun of people ("many of them from Kariega", "farmers, mostly from
    Patiala district"): where they come from, not where anything happened ("marched from the
    station" is a route; "hospitals from London to Newcastle", a range: `_a_range_of_towns`)."""
    if prep.dep_ != "prep" or prep.lower_ != "from" or prep.head.pos_ not in {"NOUN", "PRON", "ADJ", "ADV"}:
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "to" for c in [*prep.children, *prep.head.children])


def _what_it_is_about(node, toponym) -> bool:  # noqa: ANN001 - spaCy tokens
    """A noun other than the place, after a preposition naming what a protest is about ("over the
    collapse", "against the mine")."""
    return node is not toponym and node.pos_ == "NOUN" and node.dep_ == "pobj" and \
        node.head.lower_ in lexicon(LANGUAGE).places.cause_prepositions


def relative_to_another(token: Token) -> bool:
    """The word names another event the sentence's own is dated or set against ("a day after the
    big Santiago protest", "in solidarity with the Belgrade rally"): its place is that event's."""
    return any(_relates_to_another(a) for a in [token, *token.ancestors][:4])


def _governor(toponym: Toponym, sentence: Sentence, span: Span, actions: set[int]) -> str | None:
    """What the place belongs to: "action" ("gathered in Tripoli, Tyre and Nabatieh"), "other"
    (another verb's place: "activists detained in Tripoli"), "another" (an earlier or later event the
    sentence's own is dated against: "a day after the Santiago protest"), or None when the parse
    does not say."""
    token = _token_of(toponym, sentence, span)
    if token is None:
        return None
    node, about, located = token.root, False, False
    for _hop in range(8):
        if node.i in actions:
            return "about" if about else "action"  # "over the canopy collapse in Novi Sad": the collapse's place
        if node.pos_ in ("VERB", "AUX") and node is not token.root:
            return "other"
        if _relates_to_another(node):
            return "another"  # "a day after the big Santiago protest": that protest's place
        if _where_people_come_from(node):
            return "other"  # "1,500 workers, many of them from the plants in Kariega, marched": their home
        if node.dep_ == "prep" and node.lower_ in _DESTINATIONS:
            return "other"  # "farmers marching towards Delhi near Ambala": where they were headed
        about = about or _what_it_is_about(node, token.root)
        located = located or (node.dep_ == "prep" and node.lower_ in _LOCATED_IN)
        if node.dep_ in {"nsubj", "nsubjpass"} and located and node.head.i in actions:
            return "action"  # "retirees in Kermanshah gathered": the town of the action's own people
        if node.dep_ not in {"pobj", "prep", "conj", "appos", "compound", "npadvmod", "dobj"} or node.head is node:
            return None
        node = _coordinated_preposition(node) or node.head
    return None


def _coordinated_preposition(node: Token) -> Token | None:
    """The preposition a conjoined one repeats ("in Munich, where police counted 25,000, and in Hamburg"):
    the parse may hang the second "in" on the clause between; it goes where the first one goes."""
    if node.dep_ != "conj" or node.pos_ != "ADP":
        return None
    return next((t for t in reversed(node.doc[node.sent.start:node.i]) if t.lower_ == node.lower_ and t.dep_ == "prep"),
                None)


def _owned_elsewhere(owner: int | None, governors: list[str | None], owners: list[int | None]) -> bool:
    """The same action has a town of its own among the others."""
    return any(g == "action" and o == owner for g, o in zip(governors, owners, strict=True))


def _governing_action(toponym: Toponym, sentence: Sentence, span: Span, actions: set[int]) -> int | None:
    """The action token a place hangs under, whatever lies between."""
    token = _token_of(toponym, sentence, span)
    found = None if token is None else next((a for a in token.root.ancestors if a.i in actions), None)
    if found is None:
        return None
    # "staged a march in Multan against ...": the verb's phrases and its object's are one action's
    return next((c.i for c in found.children if c.dep_ == "dobj" and c.i in actions), found.i)


def _token_of(toponym: Toponym, sentence: Sentence, span: Span) -> Span | None:
    """The parsed words of a place name in its sentence, if the parse has them."""
    token = span.char_span(toponym.start - sentence.start, toponym.end - sentence.start, alignment_mode="expand")
    return token if token is not None and len(token) else None


def places_by_type(sentence: Sentence, span: Span, asserted: list[Trigger], chosen: list[Trigger],
                   toponyms: list[Toponym]) -> dict[EventType, list[Toponym]]:
    """Where a sentence reports events of several types in different places ("truckers blocked
    the highway in Arequipa region, and hundreds marched in Lima"), each type's own places: those
    its triggers govern. Empty when the sentence does not split so cleanly."""
    types = {t.type for t in chosen}
    if len(types) < 2 or len(asserted) < 2:
        return {}
    places = [t for t in places_in(sentence, toponyms) if t.place.kind in ("city", "region") and not t.dateline]
    absorbed = [t for t in asserted if t.type not in types]  # "protesters" in "protesters blocked roads"
    own: dict[EventType, list[Toponym]] = {}
    for kind in types:
        actions = _action_tokens(span, [t for t in asserted if t.type is kind] + absorbed)
        governed = [p for p in places if _governor(p, sentence, span, actions) in ("action", "about")]
        own[kind] = distinct_places(governed)
    ids = [{p.place.gazetteer_id for p in found} for found in own.values()]
    if not all(ids) or any(a & b for k, a in enumerate(ids) for b in ids[k + 1:]):
        return {}
    return own


def sentence_cities(sentence: Sentence, toponyms: list[Toponym], text: str, span: Span | None = None,
                    triggers: Sequence[Trigger] = (), denied: Sequence[Trigger] = ()) -> list[Toponym]:
    """The distinct cities a sentence names: several when coordinated ('in A and in B') or when
    each is where an action happened ("protesters filled squares in Beirut, while crowds gathered in
    Tripoli and Tyre"). A dateline counts only where the sentence names no other city ("YANGON
    (Reuters) - Police in the capital Naypyitaw fired..." happened in Naypyitaw)."""
    cities = [t for t in places_in(sentence, toponyms) if t.place.kind == "city"]
    if any(not t.dateline for t in cities):
        cities = _unless_only_what_it_is_about(cities, sentence, span, triggers)
    elif cities and (_speaks_nationwide(sentence, toponyms, text) or
                     _beyond_the_dateline(sentence, toponyms, text, triggers)):
        return []  # "PARIS — More than 1,700 people were detained across France": the country's, not Paris's
    distinct = _without_address_towns(distinct_places(cities), text)
    distinct = _without_the_speakers_towns(distinct, sentence, span)
    distinct = _without_where_people_came_from(distinct, text)
    if _a_range_of_towns(distinct, text):
        return []  # "outside hospitals from London to Newcastle": across the country, no one town's
    if denied and span is not None:
        distinct = _not_where_denied(distinct, sentence, span, denied)
    if len(distinct) > 1 and span is not None:
        where, distinct = _by_governor(distinct, sentence, span, triggers)
        if len(where) > 1:
            return where
        if not where and _only_its_effects_towns(distinct, sentence, span, triggers):
            return []
    if len(distinct) > 1 and all(_coordinated(x, y, text) for x, y in zip(distinct, distinct[1:], strict=False)):
        return distinct
    return _first_unless_anothers(distinct, sentence, span, triggers)


def _unless_only_what_it_is_about(cities: list[Toponym], sentence: Sentence, span: Span | None,
                                  triggers: Sequence[Trigger]) -> list[Toponym]:
    """The cities the sentence names, not its dateline; but the dateline where every city it names is
    inside what its action is about ("LAHORE: Lawyers marched against the killing of an advocate in
    Quetta": Lahore's march, about Quetta)."""
    named = [t for t in cities if not t.dateline]
    filed = [t for t in cities if t.dateline]
    if not filed or span is None or not triggers:
        return named
    actions = _action_tokens(span, list(triggers))
    if all(_governor(t, sentence, span, actions) == "about" for t in named):
        for t in named:
            t.of_another = True
        return filed
    return named


_ADDRESS_SEPARATOR = re.compile(r"\s*,\s*")
_SAME_TOWN_KM = 30  # a district and the city around it, as an address writes them


def _without_address_towns(cities: list[Toponym], text: str) -> list[Toponym]:
    """An address names a place and the city it lies in ("the airport, Ikeja, Lagos"): one place, the
    more precise first one, where the two are a comma apart, the second a city several times bigger
    within a city's reach of the first, and no list goes on after it ("in Leeds, Bradford and York"
    names three towns)."""
    kept: list[Toponym] = []
    for t in cities:
        if kept and _in_the_city_after_it(kept[-1], t, text):
            continue
        kept.append(t)
    return kept


def _in_the_city_after_it(part: Toponym, city: Toponym, text: str) -> bool:
    a, b = part.place, city.place
    # "the town of Gambat in Khairpur district": the text says the district, named after its chief town,
    # holds the town (the gazetteer's town of that name may be another)
    if _IN_SEPARATOR.fullmatch(text[part.end:city.start]) and _district_word().match(text, city.end):
        return a.country == b.country
    if None in (a.lat, b.lat, a.lon, b.lon):
        return False
    return bool(_ADDRESS_SEPARATOR.fullmatch(text[part.end:city.start])) and not _LIST_GOES_ON.match(text, city.end) \
        and b.population >= _CITY_OVER_PART * a.population and km((a.lat, a.lon), (b.lat, b.lon)) <= _SAME_TOWN_KM


_IN_SEPARATOR = re.compile(r"\s+in\s+(?:the\s+)?")


@cache
def _district_word() -> re.Pattern[str]:
    """A region word right after a name ("Khairpur district", "Kano State"): the lexicon's region words
    and the district words of its region names."""
    places = lexicon(LANGUAGE).places
    words = "|".join(re.escape(w) for w in (*places.region_words, *places.region_name_endings))
    return re.compile(rf"\s+(?:{words})\b", re.I)


_LIST_GOES_ON = re.compile(r"\s*,?\s*(?:and|or)\s")
_CITY_OVER_PART = 3


def _first_unless_anothers(cities: list[Toponym], sentence: Sentence, span: Span | None,
                           triggers: Sequence[Trigger]) -> list[Toponym]:
    """The first city, unless it is the only one and another event's ("rallied in solidarity with the
    demonstration in Bangkok"): then none, and it is not carried either."""
    if not cities:
        return []
    if len(cities) == 1 and span is not None and triggers and (
            _governor(cities[0], sentence, span, _action_tokens(span, list(triggers))) == "another"
            or in_a_persons_clause(cities[0], sentence, span, _action_tokens(span, list(triggers)))
            or _in_another_times_clause(cities[0], sentence, span, triggers)):
        cities[0].of_another = True
        return []
    return [cities[0]]


def in_a_persons_clause(toponym: Toponym, sentence: Sentence, span: Span, actions: set[int]) -> bool:
    """The town is in a clause that tells of a person ("in solidarity with the family of the rider who
    died in custody in Nairobi"): where that happened, not the action."""
    token = _token_of(toponym, sentence, span)
    for node in token.root.ancestors if token is not None else ():
        if node.i in actions:
            return False
        if node.dep_ == "relcl" and a_persons(node.head):
            return True
        if node.dep_ == "acl" and _a_named_person(node.head):
            return True  # "in support of the governor, arrested in Moscow", "губернатора, арестованного в Москве"
    return False


def _a_named_person(noun) -> bool:  # noqa: ANN001 - a spaCy token
    """A person the sentence names: a person's name, or a noun with one beside it ("Governor Sergei Furgal")."""
    return noun.ent_type_ == "PERSON" or any(c.ent_type_ == "PERSON" and c.dep_ in ("appos", "flat", "flat:name",
                                                                                  "compound") for c in noun.children)


def _in_another_times_clause(toponym: Toponym, sentence: Sentence, span: Span, triggers: Sequence[Trigger]) -> bool:
    """The town is in a "when" clause on a comparison's baseline that holds none of the sentence's actions ("the
    biggest protest since 2009, when students in Split occupied the rectorate"): that time's place."""
    token = _token_of(toponym, sentence, span)
    clause = next((node for node in (token.root.ancestors if token is not None else ()) if node.dep_ == "relcl"
                   and when_clause_on_a_baseline(node)), None)
    if clause is None:
        return False
    inside = {t.i for t in clause.subtree}
    return not any(span[t.token_index].i in inside for t in triggers)


def _only_its_effects_towns(cities: list[Toponym], sentence: Sentence, span: Span, triggers: Sequence[Trigger]) -> bool:
    """A nationwide action whose towns are only where other verbs of the sentence happened ("a nationwide
    strike, shutting metro lines in Milan and cutting services in Rome"): the country's action."""
    actions = _action_tokens(span, list(triggers))
    return bool(triggers) and bool(_NATIONWIDE.search(sentence.text)) and all(
        _governor(t, sentence, span, actions) == "other" for t in cities)


# "hospitals from London to Newcastle", "in cities from Lyon to Lille": things across the country,
# spanned by two towns (a plural noun before "from"; "marched from X to Y" is a route).
_RANGE = re.compile(r"\b[a-z]+s\s+from\s+$")


def _a_range_of_towns(cities: list[Toponym], text: str) -> bool:
    return len(cities) >= 2 and any(
        re.fullmatch(r"\s+to\s+", text[a.end:b.start]) and _RANGE.search(text[max(0, a.start - 40):a.start])
        and not re.search(r"\b(?:march|walk|drov|rod|went|travel|mov|head|ran|run)\w*\s+\w*\s*from\s+$",
                          text[max(0, a.start - 40):a.start], re.I)
        for a, b in zip(cities, cities[1:], strict=False))


def sentence_regions(sentence: Sentence, toponyms: list[Toponym], text: str) -> list[Toponym]:
    """The regions a sentence that names no town lists where something happened ("in the states of
    Punjab and Haryana"; "in provinces such as A, B and C"): one event in each, as for a list of
    towns; none unless several."""
    regions = distinct_places(t for t in places_in(sentence, toponyms) if t.place.kind == "region" and not t.dateline)
    if len(regions) > 1 and _IN_REGIONS.search(text[sentence.start:regions[0].start]) and \
            all(_coordinated(x, y, text) for x, y in zip(regions, regions[1:], strict=False)):
        return regions
    return []


# What opens a list of regions where something happened ("in the states of", "across provinces such
# as"); "the border, which divides Delhi and Haryana" lists no place of an action.
_IN_REGIONS = re.compile(r"\b(?:in|across|throughout)\b[^,.;]{0,40}$", re.I)


def _not_where_denied(cities: list[Toponym], sentence: Sentence, span: Span, denied: Sequence[Trigger]
                      ) -> list[Toponym]:
    """"No marches were held in Lisbon, but teachers marched in Braga": a city that a denied action
    governs is not where the sentence's other actions happened."""
    actions = _action_tokens(span, list(denied))
    return [t for t in cities if _governor(t, sentence, span, actions) != "action"]


def _by_governor(distinct: list[Toponym], sentence: Sentence, span: Span,
                 triggers: Sequence[Trigger]) -> tuple[list[Toponym], list[Toponym]]:
    """The cities where the sentence's own actions happened, and the cities still in question: a city
    an action relative to another governs goes when others remain; once a city is an action's, a
    place another verb governs ("the release of activists detained in Tripoli") is no event's."""
    actions = _action_tokens(span, list(triggers))
    governors = [_governor(t, sentence, span, actions) for t in distinct]
    # a town inside what an action is about is not its place once another town is that same
    # action's ("rallied in Rome against the landfill in Genoa"); else the parse may have hung the
    # action's own town on its object ("blocked roads in Lyon and protested against the tax in Toulouse")
    owners = [_governing_action(t, sentence, span, actions) for t in distinct]
    governors = ["another" if g == "about" and _owned_elsewhere(owners[k], governors, owners)
                 else "action" if g == "about" else g for k, g in enumerate(governors)]
    if "another" in governors and any(g != "another" for g in governors):
        for t, g in zip(distinct, governors, strict=True):
            t.of_another = t.of_another or g == "another"  # nor is it carried to the next sentence
        distinct = [t for t, g in zip(distinct, governors, strict=True) if g != "another"]
        governors = [g for g in governors if g != "another"]
    where = [t for t, g in zip(distinct, governors, strict=True) if g == "action"]
    if where:
        for t, g in zip(distinct, governors, strict=True):
            t.of_another = t.of_another or g == "other"
        distinct = [t for t, g in zip(distinct, governors, strict=True) if g != "other"]
    return where, distinct


# A town named as where people or buses came from ("buses had arrived from Braga, Viseu and Faro"),
# a list of towns after "from" included; a march's route ("marched from A to B") is the march's.
# "travelled from every corner of the province, from Kenora to Cornwall": a range of towns people came from.
_ORIGIN = re.compile(r"\b(?:arriv\w*|travel\w*|bus+ed|drove|driven|flew|flown|journeyed)\s+"
                     r"(?:[^.;:!?()]{0,50}?\s)?from\s+(?:the\s+)?(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s*"
                     r"(?:,\s*(?:and\s+)?|\s+(?:and|to)\s+))*$")


def _carried_city(earlier: list[Toponym], text: str) -> Place:
    """The nearest earlier city; where it closes a list ("in A, the capital, and in B"), the
    list's first, the place a report names first being its main one."""
    first = len(earlier) - 1
    while first > 0 and _coordinated(earlier[first - 1], earlier[first], text):
        first -= 1
    if first == len(earlier) - 1:
        if earlier[-1].by_company:
            return to_place(earlier[-1], Rule.PLACE_WORKPLACE_EARLIER,
                            "no place in the sentence: the town of the workplace the report names")
        if earlier[-1].dateline:
            return to_place(earlier[-1], Rule.PLACE_DATELINE, "no place in the sentence: where the report was filed")
        return to_place(earlier[-1], Rule.PLACE_NEAREST_EARLIER)
    return to_place(earlier[first], Rule.PLACE_FIRST_OF_EARLIER_LIST,
                    f"the nearest earlier place closes a list of {len(earlier) - first}; the first named is carried")


_NATIONWIDE = re.compile(r"\b(?:nationwide|nationally(?=\s*[,.;]|$)|country-?wide|"
                         r"(?:across|around|throughout|all\s+over)\s+the\s+(?:whole\s+|entire\s+)?(?:country|nation)|"
                         r"(?:in|across)\s+(?:more\s+than\s+|at\s+least\s+|some\s+|over\s+)?(?:\d+|dozens\s+of|"
                         r"several|many|scores\s+of)\s+(?:[A-Za-z-]+\s+)?(?:cities|towns|provinces|regions))\b", re.I)
_ACROSS = re.compile(r"\b(?:across|throughout|around)\s+(?:the\s+)?$", re.I)


def _across_countries(sentence: Sentence, toponyms: list[Toponym], text: str) -> list[Toponym]:
    countries = [t for t in places_in(sentence, toponyms) if t.place.kind == "country"]
    return [t for t in countries if _ACROSS.search(text[max(0, t.start - 20):t.start])]


# A strike of the whole country by its name: "a 24-hour general strike", "the national strike".
_COUNTRYS_STRIKE = re.compile(r"\b(?:general|national)\s+(?:[\w'’-]+\s+)?strikes?\b", re.I)


def _beyond_the_dateline(sentence: Sentence, toponyms: list[Toponym], text: str, triggers: Sequence[Trigger] = ()
                         ) -> bool:
    """A sentence under a dateline that names no town of its own but its country or a region ("ATHENS -
    Greece ground to a halt", "LIMA - ... clashes in the southern Puno region"), or reports a general
    strike: where the report was filed is not where it happened. The dateline's own country
    ("NAIROBI, Kenya (AP) -") is not one the sentence names."""
    if _COUNTRYS_STRIKE.search(sentence.text) and triggers and all(t.type is EventType.STRIKE for t in triggers):
        return True  # "... held a general strike"; not "workers marched, the third day of the general strike"
    here = places_in(sentence, toponyms)
    filed = max((t.end for t in here if t.dateline), default=sentence.start)
    return any(t.place.kind in ("country", "region") and not t.dateline and _DATELINE_END.search(text[filed:t.start])
               and _where_it_happened(t, text, filed) for t in here)


_DATELINE_END = re.compile(r"[—–:]|\s-\s|--")
# The sentence's subject right after the dateline ("ATHENS - Greece ground to a halt"), or a place after
# "in", "across" ("... in the southern Puno region"); not a possessive ("as France's pension reform ...").
_SUBJECT_AFTER_DATELINE = re.compile(r"^(?:\s*\([^)]{1,30}\))?\s*(?:[—–:]|-{1,2})\s*$")
# "in the western state of" (Jalisco)
_IN_OR_ACROSS = re.compile(r"\b(?:in|across|throughout|all\s+over|around)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}$")


def _where_it_happened(t: Toponym, text: str, filed: int) -> bool:
    if re.match(r"['’]s?\b", text[t.end:t.end + 2]):
        return False
    if _seat_before().search(text, max(0, t.start - 60), t.start):
        return False  # "a firm based in the northern state of Kano": the firm's seat
    return bool(_SUBJECT_AFTER_DATELINE.match(text[filed:t.start]) or
                _IN_OR_ACROSS.search(text[max(0, t.start - 40):t.start]))


def _speaks_nationwide(sentence: Sentence, toponyms: list[Toponym], text: str) -> bool:
    return bool(_NATIONWIDE.search(sentence.text) or _across_countries(sentence, toponyms, text))


@cache
def _example() -> re.Pattern[str]:
    """A cue that names the towns after it only as examples ("including at a port in X")."""
    cues = "|".join(r"\s+".join(re.escape(w) for w in cue.split()) for cue in lexicon(LANGUAGE).places.example_cues)
    return re.compile(rf"\b(?:{cues})\b[^.;:]{{0,40}}$", re.I)


def country_of_examples(sentence: Sentence, cities: list[Toponym], toponyms: list[Toponym], text: str,
                        country: Place | None) -> Place | None:
    """The country whose event a sentence reports when it names its cities only as examples ("rallies
    in 16 regions across the country, including at a port in Ulsan"); None otherwise."""
    if not cities or not all(_example().search(text[sentence.start:t.start]) for t in cities):
        return None
    return _whole_country(sentence, toponyms, text, country)


def _whole_country(sentence: Sentence, toponyms: list[Toponym], text: str, country: Place | None) -> Place | None:
    across = _across_countries(sentence, toponyms, text)
    if across:  # "arrested on campuses across the United States": the country, not the last city named
        return to_place(across[0], Rule.PLACE_NATIONWIDE, "the sentence speaks of the whole country")
    nationwide = _NATIONWIDE.search(sentence.text)
    label = _section_label(sentence, toponyms, text)
    if nationwide and label is not None and label.start >= sentence.start:
        # "GREECE - Tens of thousands joined rallies across the country": the sentence's own label
        return to_place(label, Rule.PLACE_NATIONWIDE, "the sentence speaks of the whole country it names")
    if nationwide and country is not None:
        return replace(country, evidence=Evidence(nationwide.group(0), sentence.start + nationwide.start(),
                                                  sentence.start + nationwide.end(), Rule.PLACE_NATIONWIDE,
                                                  "the sentence speaks of the whole country"))
    return None


@cache
def _elsewhere_opening() -> re.Pattern[str]:
    """A sentence's opening on other places than the one before, in every language (`elsewhere_words`);
    "Elsewhere in the city", "Elsewhere, in the same city" stay in the town."""
    words = phrase_pattern(w for code in available() for w in lexicon(code).places.elsewhere_words)
    return re.compile(rf"^\W*(?:(?:and|but|meanwhile|а|но),?\s+)?(?:{words})(?!\w)"
                      r"(?!,?\s+in\s+the\s+(?:same\s+)?(?:city|town|capital))", re.I)


def opens_elsewhere(sentence: Sentence) -> bool:
    """"Elsewhere, hundreds of farmers ...": other places than the town named before."""
    return bool(_elsewhere_opening().match(sentence.text))


@cache
def _seats() -> tuple[re.Pattern[str], frozenset[str]]:
    places = [lexicon(code).places for code in available()]
    stems = "|".join(re.escape(w) for p in places for w in p.seats_of_government) or "(?!)"
    return re.compile(rf"(?<!\w)(?:{stems})(?!\w)", re.I), frozenset(w for p in places for w in p.local_seat_words)


def seat_of_government(sentence: Sentence, country: Place | None) -> Place | None:
    """"Thousands gathered outside parliament", "у парламента собрались тысячи": a country's parliament
    sits in its capital, so a sentence that names no town of its own but that seat is in the capital of
    the country it is placed in; not a region's or a town's seat ("the regional parliament", "the
    Scottish Parliament", "парламента Аджарии")."""
    if country is None or country.precision != "country" or country.country is None:
        return None
    pattern, local = _seats()
    m = pattern.search(sentence.text)
    if m is None:
        return None
    before = sentence.text[:m.start()].split()
    after = sentence.text[m.end():].split()[:1]
    if before and (before[-1].lower().strip(",") in local or (before[-1][:1].isupper() and len(before) > 1)):
        return None
    if after and after[0][:1].isupper() and not _names_the_country(after[0], country):
        return None  # "парламента Аджарии": a region's
    capital = load_gazetteer().capital(country.country)
    if capital is None:
        return None
    start = sentence.start + m.start()
    return Place(capital.name, PlacePrecision.CITY, capital.country, capital.admin1, capital.lat, capital.lon,
                 capital.gazetteer_id, Evidence(m.group(0), start, start + len(m.group(0)),
                                                Rule.PLACE_SEAT_OF_GOVERNMENT,
                                                f"no town in the sentence: the country's parliament sits in its "
                                                f"capital, {capital.name}"))


def _names_the_country(word: str, country: Place) -> bool:
    """Whether a word after the seat names its own country ("парламента Грузии"), not a region's."""
    return country_named(word.strip(".,;:!?»\"")) == country.country


def fallback_place(sentence: Sentence, toponyms: list[Toponym], text: str, country: Place | None,
                   one_town: bool = True, title_town: Callable[[], Place | None] | None = None) -> Place | None:
    """A sentence that names no city: its region, the whole country it speaks of, the nearest
    earlier city (not where it opens on "Elsewhere"), the capital where it names the seat of government,
    a country it names, the town its title puts its news in (`title_town`), the article's one town (with
    `one_town`), else the document's country."""
    place = _fallback_place(sentence, toponyms, text, country, one_town, title_town)
    if place is not None and place.precision == "country" and place.evidence is not None and \
            place.evidence.rule != Rule.PLACE_NATIONWIDE and \
            all(t.place.country == place.country for t in places_in(sentence, toponyms) if t.place.kind == "country"):
        # not where the sentence names other countries ("In the United Kingdom, farmers protested outside
        # parliament, while in Spain farmers blocked roads")
        return seat_of_government(sentence, place) or place
    return place


def _fallback_place(sentence: Sentence, toponyms: list[Toponym], text: str, country: Place | None,
                    one_town: bool = True, title_town: Callable[[], Place | None] | None = None) -> Place | None:
    countries = [t for t in places_in(sentence, toponyms) if t.place.kind == "country" and not t.direction
                 and not people_come_from(text, t.start) and not an_object_of_the_sentence(text, t.start)]
    regions = [t for t in places_in(sentence, toponyms) if t.place.kind == "region"]
    earlier = [t for t in toponyms if t.start < sentence.start and t.place.kind == "city" and not t.of_another
               and not t.direction
               and not _example().search(text[max(0, t.start - 60):t.start])  # an example is not where things go on
               and not _ORIGIN.search(text[max(0, t.start - 80):t.start])  # nor where people came from
               and not people_come_from(text, t.start)]  # "said a teacher from Utrecht": her home, not the action's
    section = _section_label(sentence, toponyms, text)
    if section is not None:  # a round-up's section ("GHANA - ..."): the towns of earlier sections are not carried
        earlier = [t for t in earlier if t.start > section.start or t.place.country == section.place.country]
    if regions:
        return to_place(regions[0], Rule.PLACE_REGION_IN_SENTENCE)
    # "Nationally, ..." in a report that names its towns and not their country: the towns' country
    towns_country = country_place(earlier[-1].place.country, Rule.PLACE_DOCUMENT_COUNTRY,
                                  "the country of the town named before") if earlier and country is None else None
    whole = _whole_country(sentence, toponyms, text, country or towns_country)
    if whole is not None:
        return whole
    elsewhere = opens_elsewhere(sentence)
    if earlier and not elsewhere and (widened := _widened_past_the_dateline(earlier, toponyms, sentence, text)):
        return to_place(widened, Rule.PLACE_COUNTRY_IN_SENTENCE, "the report widened from the town it was filed "
                                                                 "in to the country it names")
    if earlier and not elsewhere:
        return _carried_city(earlier, text)
    if countries:
        return to_place(countries[0], Rule.PLACE_COUNTRY_IN_SENTENCE)
    if (people := _nationality_named(sentence, country)) is not None:
        return people
    if country is None and earlier and elsewhere:  # "Elsewhere, ...": somewhere in the country of the town before
        return country_place(earlier[-1].place.country, Rule.PLACE_DOCUMENT_COUNTRY,
                             "elsewhere than the town named before: its country")
    # the article's one town only for a sentence that names no place at all (a dateline's country-wide
    # sentence, "LISBON - Portuguese unions held a general strike", stays the country's)
    unplaced = not earlier and not places_in(sentence, toponyms)
    return _last_resort(section, toponyms, text, country, one_town and unplaced, title_town if unplaced else None)


def _last_resort(section: Toponym | None, toponyms: list[Toponym], text: str, country: Place | None,
                 one_town: bool, title_town: Callable[[], Place | None] | None = None) -> Place | None:
    """No town in the sentence nor before it: the round-up section's country, the town the page's title
    puts its news in, the article's one town (with `one_town`), else the document's country."""
    if section is not None:
        return to_place(section, Rule.PLACE_DATELINE, "no place in the sentence: the country its round-up section "
                                                      "is labelled with")
    if title_town is not None and (town := title_town()) is not None:
        return town
    if one_town and (only := _the_one_town(toponyms, text, country)) is not None:
        return to_place(only, Rule.PLACE_ARTICLE_TOWN, "no town in the sentence or before it: the one town the "
                                                       "article names")
    return country


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _the_one_town(toponyms: list[Toponym], text: str, country: Place | None) -> Toponym | None:
    """The article's only town, named after the sentence ("About 60 students occupied the building ...
    Montreal police said"): where it names one town of its known country, no other, and no country (a
    story of a whole country names it, and its capital only as one town of many), that is where it is."""
    if any(t.place.kind == "country" and not t.direction for t in toponyms):
        return None
    towns = [t for t in toponyms if t.place.kind == "city" and not t.of_another and not t.direction
             and not _example().search(text[max(0, t.start - 60):t.start])
             and not _ORIGIN.search(text[max(0, t.start - 80):t.start])]
    if any(_elsewhere_opening().match(_SENTENCE_END.split(text[max(0, t.start - 200):t.start])[-1]) for t in towns):
        return None  # "Elsewhere, in Durban, ...": the town is another place than the sentences before
    ids = {t.place.gazetteer_id for t in towns}
    if len(ids) != 1 or any(t.place.kind == "city" and t.place.gazetteer_id not in ids for t in toponyms):
        return None
    town = towns[0]  # in a report of no known country, a lone name is as often a university's or a firm's
    return town if country is not None and town.place.country == country.country else None


_NATIONALITY = re.compile(r"\b[A-Z][a-z]{3,}\b")


def _nationality_named(sentence: Sentence, country: Place | None) -> Place | None:
    """ "Production ground to a halt across Hyundai Motor's Korean plants": a sentence that names no place
    but one nationality, other than the document's country, is that nationality's country's."""
    gazetteer = load_gazetteer()
    codes = {code for word in _NATIONALITY.findall(sentence.text) if (code := gazetteer.demonym_country(word))}
    if len(codes) != 1 or (country is not None and country.country in codes):
        return None
    return country_place(codes.pop(), Rule.PLACE_COUNTRY_IN_SENTENCE, "the one nationality the sentence names")


@cache
def _seat_before() -> re.Pattern[str]:
    """An organisation's seat before a place: "based in (the northern state of)" (places.toml seat_participles)."""
    words = "|".join(re.escape(w) for w in lexicon(LANGUAGE).places.seat_participles) or "(?!)"
    return re.compile(rf"\b(?:{words})\s+(?:in|at)\s+(?:the\s+)?(?:[a-z]+\s+){{0,3}}$", re.I)


_BODY_OPENS = re.compile(r"\s[—–-]\s|:\s|\)\s*[—–-]?\s")


def _widened_past_the_dateline(earlier: list[Toponym], toponyms: list[Toponym], sentence: Sentence,
                               text: str) -> Toponym | None:
    """ "PARIS - Teachers across France went on strike. The ministry said 27 percent had stopped work":
    where the only town before is the dateline's and the report's body then names the dateline's
    country, a sentence that names no place is the country's, not the town it was filed in."""
    if not all(t.dateline for t in earlier):
        return None
    filed = earlier[-1]
    named = [t for t in toponyms if t.place.kind == "country" and t.place.country == filed.place.country
             and filed.end < t.start < sentence.start and _BODY_OPENS.search(text, filed.end, t.start)
             and _ACROSS_BEFORE.search(text, max(0, t.start - 30), t.start)]
    return named[-1] if named else None


# "across France", "throughout the country of": a report of the whole land (not "France's minister")
_ACROSS_BEFORE = re.compile(r"\b(?:across|throughout|all\s+over|nationwide\s+in)\s+(?:the\s+)?$", re.I)


def speaks_of_all_of(before: str) -> bool:
    """The words before a place's name say the whole of it ("across", "throughout", "all over")."""
    return _ACROSS_BEFORE.search(before) is not None


def _section_label(sentence: Sentence, toponyms: list[Toponym], text: str) -> Toponym | None:
    """The last country label in capitals a round-up opened a section with ("GHANA - Nurses ..."), up to
    the sentence's own: a country's name in capitals and a dash, no agency tag ("KUWAIT (AFP) -")."""
    labels = [t for t in toponyms if t.dateline and t.place.kind == "country" and t.start < sentence.end
              and t.text.isupper() and _LABEL_DASH.match(text, t.end)]
    return labels[-1] if labels else None


_LABEL_DASH = re.compile(r"\s+[-–—]\s")
