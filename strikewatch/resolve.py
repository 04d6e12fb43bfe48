"""Resolve: mentions -> events, within an article and across sources, keeping every claim.

Rules (ACLED-style granularity): one event per type, place and day.
- Within an article, mentions of the same type whose places are compatible (the same city, or a
  country and a city in it) and whose dates agree (the same resolved day, or the same unresolved
  date expression) are one event. A mention with no date of its own joins the earliest event of
  its type and place. Headline and support mentions (arrests, casualties, no trigger of their own)
  join an existing event of the article when one fits (a headline its own type's event of its day
  first), and stand alone only when they name their own city. An article's demonstration, riot,
  blockade and occupation groups with the same place and date are then one event (a protest that
  turns violent or blocks a road), typed by most of its mentions (a tie between protest and riot
  is a riot); a street group with no known day joins the one such event it can belong to, and
  stays apart when there are several; strikes stay apart. A dated report about the whole country
  ("rallies in 56 cities on Sunday") is a country-level event of its own; a support mention placed
  only by the dateline joins the day's national event, or its one event.
- Across articles, located and dated events are compared within their country's week (a block
  of seven day blocks, from Wednesday to Tuesday, so a weekend stays whole). Two events of
  different articles are one when their types agree (or are street forms of one crowd: a march,
  a riot, a blockade, an occupation), their places agree (the same city, places within one city,
  a region and a city in it; a country-wide report with the one town event of its day, given
  shared content) and their days agree. A day apart, they are one only when one of the days is not
  stated by its text (carried from a report date) and the articles share distinctive content
  (names, figures, hashtags). Two days both texts state, and two towns, never merge, nor two events of one
  article; an event joins a group only when it can be one with every member, so matches never
  chain. The exception is a nationwide strike: reports of one day's strike that call it the
  country's ("the nationwide strike"), each its article's only strike that day, are one stoppage seen
  from two towns when they share content, placed in the country. Work grows with the size of a
  week's block, not with the square of the dataset, and a new article re-resolves only its weeks.
- Sources that disagree are kept, not averaged: every size claim stays on its mention, and
  `conflicts` lists the sizes, the sites and the counts of arrests, injuries and deaths on which
  sources (or claimants in one source) differ (spelling variants of one name, such as Grodno-Azot /
  Grodno Azot, are not a conflict). The event's count is the largest claim.
A new event's id derives from its lead mention's id; a re-resolved event keeps the id of the
stored event it overlaps most, so ids stay stable across runs and incremental ingests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from strikewatch.detect import names_any_kind_of_action
from strikewatch.extract import ru_time
from strikewatch.extract.place import opens_elsewhere, speaks_of_all_of
from strikewatch.extract.response import count_claimant
from strikewatch.extract.time import day_of_action as english_day_of_action
from strikewatch.geo import km
from strikewatch.geo.names import fold, similarity
from strikewatch.geo.toponyms import country_place
from strikewatch.lang import available, lexicon, phrase_pattern
from strikewatch.model import (
    BORROWED_FROM,
    HEADLINE,
    Conflict,
    ConflictValue,
    CountField,
    DateSpan,
    Event,
    EventType,
    Mention,
    Modality,
    Place,
)
from strikewatch.rules import REPORT_DAY_RULES, Rule
from strikewatch.similarity import distinctive_terms, inverse_frequencies
from strikewatch.similarity import similarity as content_similarity

_CITY_KM = 30.0
_SAME_NAME = 0.85


def _date_key(m: Mention) -> object:
    d = m.date
    if d is None:
        return None
    if d.start is not None:
        return d.start
    if d.evidence is not None:
        return "unresolved:" + re.sub(r"\W+", " ", d.evidence.text.lower()).strip()
    return None


def _place_key(p: Place | None) -> str | None:
    if p is None:
        return None
    return p.gazetteer_id or f"name:{p.name.lower()}"


def places_compatible(a: Place | None, b: Place | None) -> bool:
    """The same place: one gazetteer entry, a country and a city in it, or two entries within one city."""
    if a is None or b is None:
        return a is None and b is None
    if _place_key(a) == _place_key(b):
        return True
    if "country" in (a.precision, b.precision):
        return bool(a.country) and a.country == b.country
    if "region" in (a.precision, b.precision):  # a region and a city in it
        return a.country == b.country and bool(a.admin1) and a.admin1 == b.admin1
    if None in (a.lat, a.lon, b.lat, b.lon) or a.country != b.country:
        return False
    return km((a.lat, a.lon), (b.lat, b.lon)) <= _CITY_KM  # type: ignore[arg-type]  # a neighbourhood or park and its city


def _its_strikers(m: Mention, lead: Mention) -> bool:
    """"Strikers" alone ("said one of the strikers") in a report of a hunger strike are its hunger
    strikers, not a strike of their own."""
    return m.trigger.rule == Rule.TRIGGER_AGENT and m.type is EventType.STRIKE and \
        lead.type is EventType.HUNGER_STRIKE


def _is_support(m: Mention) -> bool:
    return m.trigger.rule == Rule.TRIGGER_SUPPORT


def _place_rule(m: Mention) -> str | None:
    """The rule that placed the mention ("place:in-sentence", "place:dateline"...), if any."""
    return m.place.evidence.rule if m.place is not None and m.place.evidence is not None else None


def _apart_from_cities(m: Mention) -> bool:
    """A dated report about the whole country or the whole of a region, or its figure ("organisers said
    400,000 took part nationwide", "across Bavaria, 30,000 walked out"): its own event, never folded into
    one city's."""
    return (_place_rule(m) == Rule.PLACE_NATIONWIDE or _across_a_region(m)) and (_explicit_date(m) or bool(m.sizes))


def _across_a_region(m: Mention) -> bool:
    """Placed in a region the sentence says the whole of ("across Bavaria", "throughout Punjab")."""
    evidence = m.place.evidence if m.place is not None else None
    if evidence is None or evidence.rule != Rule.PLACE_REGION_IN_SENTENCE:
        return False
    return speaks_of_all_of(m.sentence.text[:max(0, evidence.start - m.sentence.start)])


def _place_only_assumed(m: Mention) -> bool:
    """Placed by the dateline or the document's country, not by a place the text gives the sentence."""
    return _place_rule(m) in (None, Rule.PLACE_DATELINE, Rule.PLACE_DOCUMENT_COUNTRY)


def _place_in_sentence(m: Mention) -> bool:
    """Placed by a town the sentence itself names, or by the workplace or the seat of government it names
    ("at the Norvik plant", "outside parliament")."""
    return _place_rule(m) in (Rule.PLACE_IN_SENTENCE, Rule.PLACE_ORGANISATION_TOWN, Rule.PLACE_SEAT_OF_GOVERNMENT)


def _explicit_date(m: Mention) -> bool:
    return m.date is not None and m.date.stated


class _Group:
    def __init__(self, first: Mention) -> None:
        self.mentions = [first]

    @property
    def lead(self) -> Mention:
        return self.mentions[0]

    def place(self) -> Place | None:
        """The first city the group names, else its first region, else its lead's place."""
        for precision in ("city", "region"):
            places = [m.place for m in self.mentions if m.place and m.place.precision == precision]
            if places:
                return places[0]
        return self.lead.place

    def date_key(self) -> object:
        for m in self.mentions:
            if _explicit_date(m):
                return _date_key(m)
        return _date_key(self.lead)

    def accepts(self, m: Mention, loose_date: bool) -> bool:
        if m.type is not self.lead.type and not _is_support(m) and not _its_strikers(m, self.lead):
            return False
        if not places_compatible(self.place(), m.place):
            return False
        if any(_told_apart(x, m) for x in self.mentions):
            return False  # "600 nurses walked out in Leeds, and 450 in Bradford": the sentence's two towns
        if _told_elsewhere(m, self.mentions) and not _is_support(m):
            return False  # "Elsewhere, in Durban, members marched ...": not the town of the sentences before
        if _counter_action(m) != _counter_action(self.lead) and not _is_support(m):
            return False  # the march and the counter-protest against it: two crowds
        if _is_support(m) and _place_in_sentence(m) and _place_precision(m.place) == "city" and \
                _place_precision(self.place()) == "country":
            return False  # "at the plant, police detained 32": that town's event, not the country's
        if _apart_from_cities(m) != _apart_from_cities(self.lead) and \
                "city" in {_place_precision(m.place), _place_precision(self.place())}:
            return False  # "rallies in 56 Russian cities on Sunday" is the country's day, not one city's event
        if loose_date and not _explicit_date(m):
            return True
        return self.date_key() == _date_key(m)


def _told_elsewhere(m: Mention, earlier: list[Mention]) -> bool:
    """The mention's sentence opens on other places than the one before ("Elsewhere, in Durban, ..."),
    and every mention it would join is of an earlier sentence: another event than theirs."""
    return opens_elsewhere(m.sentence) and \
        all(x.sentence.start < m.sentence.start for x in earlier)


@cache
def _counter() -> re.Pattern[str]:
    """The words of every language's `counter_prefixes` (events.toml) as a word's beginning, with the
    rest of that word and what joins it to the trigger ("counter-protesters gathered", "a counter-")."""
    prefixes = phrase_pattern(p for code in available() for p in lexicon(code).events.counter_prefixes)
    return re.compile(rf"(?<!\w)(?:{prefixes})(?:[- ]?\w+)?[\s-]*$", re.I)


def _counter_action(m: Mention) -> bool:
    """The action is a counter-protest ("staged a counter-protest", "counter-protesters gathered"):
    another crowd than the one it answers, whatever place and day they share."""
    before = m.sentence.text[max(0, m.trigger.start - m.sentence.start - 40):m.trigger.start - m.sentence.start]
    return bool(_counter().search(before) or _counter().match(m.trigger.text))


def _told_apart(a: Mention, b: Mention) -> bool:
    """Two places one sentence gives its action: the sentence tells them apart, however near they lie."""
    return a.sentence.start == b.sentence.start and a.place is not None and b.place is not None and \
        _place_key(a.place) != _place_key(b.place) and _place_in_sentence(a) and _place_in_sentence(b) and \
        a.place.precision == b.place.precision == "city"


# What may stand between two towns of one list: other names and the separators ("Leeds, Bradford and").
_LIST_BETWEEN = re.compile(r"(?:\s*(?:,|;|\band\b|\bor\b)\s*(?:in\s+|at\s+)?(?:[A-Z][\w'’.-]*\s*)*)+")


def _listed_apart(a: Mention, b: Mention) -> bool:
    """Two towns one sentence lists for its action ("rallied in Leeds, Bradford and Wakefield"): two
    events however near they lie; not a town and a part of it that the sentence names for two of its
    verbs ("went on strike in Accra and marched on the offices in Osu")."""
    if not _told_apart(a, b):
        return False
    first, second = sorted((a.place.evidence, b.place.evidence), key=lambda e: e.start if e else 0)  # type: ignore[union-attr]
    if first is None or second is None:
        return False
    between = a.sentence.text[first.end - a.sentence.start:second.start - a.sentence.start]
    return bool(between) and _LIST_BETWEEN.fullmatch(between) is not None


def _group_document(mentions: list[Mention]) -> list[_Group]:
    groups: list[_Group] = []
    # a sentence's noun naming any kind of action comes after its own actions, which it may name
    primary = sorted((m for m in mentions if not _is_support(m)),
                     key=lambda m: (m.sentence.start, is_generic_action(m)))
    support = [m for m in mentions if _is_support(m)]
    for m in primary:
        target = _referred_to(m, groups) or _accepting(m, groups, loose_date=False) or _counted_from(m, groups) or \
            _its_first_day(m, groups) or _its_people_later(m, groups) or _the_one_action_of_its_day(m, groups)
        if target is None and not _explicit_date(m):
            target = _accepting(m, groups, loose_date=True)
        if target is None:
            groups.append(_Group(m))
        else:
            target.mentions.append(m)
    for m in support:
        target = _headline_group(m, groups) if _is_headline(m) else _pointed_back_to(m, groups)
        if target is None:
            target = _accepting(m, groups, loose_date=False)
        if target is None:
            target = _accepting(m, groups, loose_date=True)
        if target is None and _place_only_assumed(m):
            # "1,311 people were arrested overnight" under a dateline: a count placed only by where the
            # report was filed belongs to the day's one event
            same_day = [g for g in groups if g.date_key() == _date_key(m) and _date_key(m) is not None]
            national = [g for g in same_day if any(_apart_from_cities(x) for x in g.mentions)]
            target = same_day[0] if len(same_day) == 1 else national[0] if len(national) == 1 else None
        if target is not None:
            target.mentions.append(m)
        elif (m.place is not None and m.place.precision == "city" and _place_in_sentence(m) and (
                m.arrests or m.deaths or m.injuries or _a_crowd_estimate(m))) or \
                (_apart_from_cities(m) and _a_crowd_estimate(m)):  # the country's own turnout
            groups.append(_Group(m))
    return groups


def is_generic_action(m: Mention) -> bool:
    """The mention's trigger is a noun that names any kind of action ("the protest", "в акции участвовали")."""
    return m.trigger.rule == Rule.TRIGGER_NOUN and names_any_kind_of_action(m.trigger.text)


def _the_one_action_of_its_day(m: Mention, groups: list[_Group]) -> _Group | None:
    """"The protest has drawn support from other prisons" after a hunger strike's report: a noun that names any
    kind of action, pointing back to one (`_points_back`), with no town of its own, is the article's one action
    of another kind on its day and at its place (a hunger strike, an occupation, a strike); with two such
    actions, or a town it names, neither."""
    if not is_generic_action(m) or _place_in_sentence(m) or not _points_back(m) or opens_elsewhere(m.sentence):
        return None
    found = [g for g in groups if g.lead.type is not m.type and not _is_support(g.lead)
             and places_compatible(g.place(), m.place) and g.date_key() == _date_key(m)
             and _counter_action(g.lead) == _counter_action(m)]
    return found[0] if len(found) == 1 else None


@cache
def _reference_cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Every language's determiners that point back (before the noun), its words of taking part (anywhere in
    the sentence), and the causes that make an action one of its own (`own_causes`: "в поддержку", "против")."""
    events = [lexicon(code).events for code in available()]
    determiners = phrase_pattern(w for e in events for w in e.generic_determiners)
    taking_part = "|".join(re.escape(w) for e in events for w in e.participation_words) or "(?!)"
    causes = phrase_pattern(w for e in events for w in e.own_causes)
    return (re.compile(rf"(?<!\w)(?:{determiners})\s+$", re.I), re.compile(rf"(?<!\w)(?:{taking_part})", re.I),
            re.compile(rf"(?<!\w)(?:{causes})(?!\w)", re.I))


def _points_back(m: Mention) -> bool:
    """"The protest", "this protest" (one, right after a determiner that points back), or "в акции участвовали",
    "к протесту присоединились" (taking part in the one named, of no cause of its own): the action told of
    already, not another ("a separate protest", "protests also took place", "акция в поддержку ...")."""
    determiner, taking_part, cause = _reference_cues()
    before = m.sentence.text[:m.trigger.start - m.sentence.start]
    singular = not m.trigger.text.lower().endswith("s")
    return (singular and determiner.search(before) is not None) or (
        taking_part.search(m.sentence.text) is not None and cause.search(m.sentence.text) is None)


def _counted_from(m: Mention, groups: list[_Group]) -> _Group | None:
    """The lasting action whose first day the mention counts back to ("the strike entered its third day
    on Wednesday", after "began a strike on Monday"): the one group of its type and place whose day
    that is."""
    first = first_day_counted(m) if m.type in LASTING else None
    if first is None:
        return None
    found = [g for g in groups if g.lead.type is m.type and g.date_key() == first and
             places_compatible(g.place(), m.place)]
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=65536)  # read again for each report an undated page is checked against
def day_of_action(text: str) -> int | None:
    """Which day of an action a sentence counts ("entered its fourth day", "вторые сутки"), in either language."""
    return english_day_of_action(text) or ru_time.day_of_action(text)


def first_day_counted(m: Mention) -> dt.date | None:
    """The first day of the action a mention counts the days of ("its third day on Wednesday": Monday)."""
    n = day_of_action(m.sentence.text) if m.date is not None and m.date.start else None
    return m.date.start - dt.timedelta(days=n - 1) if n is not None and m.date is not None and m.date.start else None


_THE_PEOPLE = re.compile(r"\b(?:the|its|their|of\s+the)\s+(?:[\w-]+\s+){0,2}$", re.I)
_STILL_GOING_DAYS = 31
_JUST_THE = re.compile(r"\b(?:the|this|that|its|their)\s+$", re.I)  # "the strike", not "the general strike"


def _its_people_later(m: Mention, groups: list[_Group]) -> _Group | None:
    """"The strikers" or "the strike" on a later day of the article's one lasting action ("one of the
    strikers was taken to hospital on Thursday", "the strike ended at 7am on Wednesday", after a
    strike begun on Monday): its people, or its end, while it goes on; not a new action."""
    if m.trigger.rule not in (Rule.TRIGGER_AGENT, Rule.TRIGGER_NOUN) or m.type not in LASTING or \
            m.date is None or m.date.start is None:
        return None
    before = m.sentence.text[:m.trigger.start - m.sentence.start]
    if not _THE_PEOPLE.search(before[-40:]) or day_of_action(m.sentence.text) is not None:
        return None  # a day counted ("its second day on Wednesday") says which strike it is (`_counted_from`)
    if m.trigger.rule != Rule.TRIGGER_AGENT and (not _JUST_THE.search(before) or _called_national(m, general=True)):
        return None  # "the general strike called by the COB", "the nationwide strike": another strike
    same = [g for g in groups if g.lead.type is m.type and places_compatible(g.place(), m.place)
            and not other_trades(g.mentions, [m])
            and not (_place_in_sentence(m) and _place_key(g.place()) != _place_key(m.place))]  # "In Cusco, the strike"
    first = same[0].date_key() if len(same) == 1 else None
    return same[0] if isinstance(first, dt.date) and 0 < (m.date.start - first).days <= _STILL_GOING_DAYS else None


def _its_first_day(m: Mention, groups: list[_Group]) -> _Group | None:
    """The lasting action an earlier sentence counted to a later day ("continued their strike for a
    third day on Sunday"), whose first day the mention is ("the drivers, who began the stoppage on
    Friday"): the one group of its type and place that counts back to the mention's day."""
    if m.type not in LASTING or m.date is None or m.date.start is None:
        return None
    found = [g for g in groups if g.lead.type is m.type and places_compatible(g.place(), m.place) and any(
        first_day_counted(x) == m.date.start for x in g.mentions)]
    return found[0] if len(found) == 1 else None


def _referred_to(m: Mention, groups: list[_Group]) -> _Group | None:
    """The group a mention points back to or names again, unless one is a counter-protest and the other
    not ("counter-protesters gathered nearby" point back to the march, but are another crowd)."""
    target = _pointed_back_to(m, groups) if _weak(m) else _named_again(m, groups)
    return target if target is not None and _counter_action(m) == _counter_action(target.lead) and \
        not _told_elsewhere(m, target.mentions) else None


def _accepting(m: Mention, groups: list[_Group], loose_date: bool) -> _Group | None:
    """The first group the mention fits, leaving out those whose crowd is of another trade than the
    one the mention names ("40 farmers were arrested" belongs with the farmers' blockade, not with
    the teachers' march of that day in that town)."""
    fitting = [g for g in groups if g.accepts(m, loose_date)]
    return next((g for g in fitting if not other_trades(g.mentions, [m])), None)


def _a_crowd_estimate(m: Mention) -> bool:
    """"In Kosice, police estimated the crowd at 9,000", "In Kosice, 600 people took part": a crowd
    counted by a sentence that reports no crackdown ("60 teachers were detained" counts detainees)."""
    return bool(m.sizes) and not _counted_harm().match(m.trigger.text)


@cache
def _counted_harm() -> re.Pattern[str]:
    """The words of the state's counts (arrests, injuries, deaths) in every language read: a support
    word among them counts the detained, hurt or killed, not a crowd ("60 teachers were detained");
    a crowd that water cannon or tear gas met is still a crowd."""
    return re.compile("|".join(lexicon(code).response.any_count_cue() for code in available()), re.I)


def _is_headline(m: Mention) -> bool:
    return _is_support(m) and m.trigger.reason == HEADLINE


def _headline_group(m: Mention, groups: list[_Group]) -> _Group | None:
    """A headline names an event the article reports: its type's event on its day, before another
    type's event it might fit ("Truckers strike" joins the strike, not the rallies held the same day)."""
    same_type = [g for g in groups if g.lead.type is m.type]
    return next((g for g in same_type if g.accepts(m, loose_date=False)), None)


_POINTER = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[a-z-]+\s+)?([a-z]+)\b")


def _pointed_back_to(m: Mention, groups: list[_Group]) -> _Group | None:
    """The one event a support sentence points back to by naming its action or its site ("police
    arrested 12 protesters at the highway" after miners blocked the highway; "at the march"), whatever
    place or date it carried from the sentence before; None when it names none or several."""
    said = set(_POINTER.findall(m.sentence.text.lower())) - _GENERIC_REFERENCES
    hits = [g for g in groups if said & _reference_words(g)]
    if len(hits) != 1 or (_place_in_sentence(m) and not places_compatible(hits[0].place(), m.place)):
        return None
    return hits[0]


_DEFINITE = re.compile(r"\b(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _named_again(m: Mention, groups: list[_Group]) -> _Group | None:
    """The one earlier event of the same kind that a definite mention with no day or place of its own
    names again ("the strike", "this walkout" after the report of a strike): None when the article
    has several such events on the day it carries, or when the sentence gives its own day or town."""
    before = m.sentence.text[:m.trigger.start - m.sentence.start]
    if (_explicit_date(m) and not _a_whole_year(m)) or _place_in_sentence(m) or not _DEFINITE.search(before[-40:]):
        return None
    same = [g for g in groups if g.lead.type is m.type]
    if _a_whole_year(m) and m.date is not None and m.date.start is not None:  # "the 2012 strike" is not this year's
        same = [g for g in same if isinstance(d := g.date_key(), dt.date) and d.year == m.date.start.year]
    if len(same) > 1:  # the article's other strike of another day ("the strike in June") is not it
        same = [g for g in same if g.date_key() == _date_key(m)]
    return same[0] if len(same) == 1 else None


def _a_whole_year(m: Mention) -> bool:
    """A date that names only a year ("the walkout is the third this year"): it counts, it does not
    say which day the walkout named again was."""
    return m.date is not None and m.date.precision == "year"


# Nouns every event's sentences share: pointing at them picks out no one event.
_GENERIC_REFERENCES = frozenset({"protesters", "protester", "demonstrators", "police", "people", "crowd", "city",
                                 "capital", "country", "government", "authorities", "protest", "protests", "day"})


def _reference_words(group: _Group) -> set[str]:
    """What a later sentence may call the event: its trigger words and what its actions were done to
    ("blocked the Pan-American highway": "the highway")."""
    words: set[str] = set()
    for x in group.mentions:
        if _is_support(x) or _weak(x):
            continue
        words.add(x.trigger.text.lower().split()[-1])
        after = x.sentence.text[x.trigger.end - x.sentence.start:][:40].lower()  # what the action was done to
        words |= set(_POINTER.findall(after)[:1])
    return words - _GENERIC_REFERENCES


def _weak(m: Mention) -> bool:
    """A mention with only a participant noun ("protesters") and no date of its own: it says what
    happened to a crowd, not which event, so it may point back to one."""
    return m.trigger.rule == Rule.TRIGGER_AGENT and not _explicit_date(m)


# Forms one crowd takes in the street: a march that blocks a road or storms a building is one event.
_STREET_TYPES = frozenset({EventType.DEMONSTRATION, EventType.RIOT, EventType.BLOCKADE, EventType.OCCUPATION})


def _join_street_fragments(groups: list[_Group]) -> list[_Group]:
    """An article's groups of street types with the same place and date are one event: the report
    calls the crowd a protest in one sentence and says it stormed, clashed or blocked in another.
    Strikes stay apart (a walkout is not its picket's march) unless the crowd is its strikers' at
    their workplace (`_join_strikes_and_their_crowds`); other days and places stay apart."""
    joined: list[_Group] = []
    for g in groups:
        target = next((j for j in joined if _street_pair(j, g) and j.date_key() == g.date_key()
                       and not other_trades(j.mentions, g.mentions)  # teachers' march, farmers' blockade
                       and not _told_elsewhere(g.lead, [j.lead])  # "Elsewhere, in Durban, ... marched"
                       and _counter_action(j.lead) == _counter_action(g.lead)), None)
        if target is None:
            joined.append(g)
        else:
            target.mentions.extend(g.mentions)
    joined = _join_strikes_and_their_crowds(joined)
    for g in [g for g in joined if not _known_day(g)]:
        # A fragment with no known day joins the one street event it can belong to (the one with a
        # known day, where other fragments have none); with two or more (a march in June, another in
        # August) it stays apart.
        candidates = [j for j in joined if j is not g and _street_pair(j, g)
                      and _counter_action(j.lead) == _counter_action(g.lead)]
        dated = [j for j in candidates if _known_day(j)]
        target = candidates[0] if len(candidates) == 1 else dated[0] if len(dated) == 1 else None
        if target is not None:
            target.mentions.extend(g.mentions)
            joined.remove(g)
    return _fold_report_day_fragments(joined)


def _known_day(g: _Group) -> bool:
    return any(m.date is not None and m.date.start is not None for m in g.mentions)


def _fold_report_day_fragments(groups: list[_Group]) -> list[_Group]:
    """A group dated only by the report's own day ("soldiers have opened fire on protesters" in a
    report of the next morning) is the article's one event of its kind that a sentence dates to the
    day before or after (a report filed overnight, or across time zones), when there is exactly one."""
    stated = [g for g in groups if any(_explicit_date(m) for m in g.mentions)]
    for g in [g for g in groups if g not in stated and _dated_by_report_day(g)]:
        day = g.date_key()
        near = [s for s in stated if _same_kind(s, g) and isinstance(d := s.date_key(), dt.date)
                and isinstance(day, dt.date) and abs((d - day).days) == 1]
        if len(near) == 1:
            near[0].mentions.extend(g.mentions)
            groups.remove(g)
    return groups


def _dated_by_report_day(g: _Group) -> bool:
    return any(m.date is not None and m.date.evidence is not None and m.date.evidence.rule in REPORT_DAY_RULES
               for m in g.mentions)


def _same_kind(a: _Group, b: _Group) -> bool:
    """One event's groups: the same kind of action (one type, or street forms of one crowd) at
    compatible places, both a town's or both the whole country's."""
    return _kind_of_action(a.lead.type) == _kind_of_action(b.lead.type) and places_compatible(a.place(), b.place()) \
        and any(_apart_from_cities(m) for m in a.mentions) == any(_apart_from_cities(m) for m in b.mentions) \
        and not any(_listed_apart(x, y) for x in a.mentions for y in b.mentions)  # "in Leeds, Bradford and York"


def _join_strikes_and_their_crowds(groups: list[_Group]) -> list[_Group]:
    """A strike and the gathering of its strikers are one event: an article's strike group and its
    demonstration group in one town on one day join when they name one workplace or site (the plant,
    its gate); with two strikes or two gatherings there that day, all stay apart (which crowd was
    whose is a guess). A general or nationwide strike and a march in its town are two events, even
    where both name the union that called them: a union is no workplace."""
    for strike in [g for g in groups if g.lead.type is EventType.STRIKE]:
        crowds = [g for g in groups if g.lead.type is EventType.DEMONSTRATION and g.date_key() == strike.date_key()
                  and g.date_key() is not None and _in_one_town(g.place(), strike.place())]
        strikes = [g for g in groups if g.lead.type is EventType.STRIKE and g.date_key() == strike.date_key()
                   and _in_one_town(g.place(), strike.place())]
        local = not any(_called_national(m, general=True) for m in strike.mentions)
        if len(crowds) == 1 and len(strikes) == 1 and local and (
                _one_workplace(strike.mentions, crowds[0].mentions) or
                _its_own_strikers(strike.mentions, crowds[0].mentions)):
            strike.mentions.extend(crowds[0].mentions)
            groups = [g for g in groups if g is not crowds[0]]
    return groups


def _its_own_strikers(strike: list[Mention], crowd: list[Mention]) -> bool:
    """The gathering is the strike's own strikers': named as strikers, of a trade the strike names if
    of any ("striking teachers" are no transport workers' strike's), and the strike no country's or many
    workplaces' ("part of a nationwide walkout", after its word as well as before it)."""
    return _strikers_gathering(crowd) and trades(crowd) <= trades(strike) and \
        not any(_called_national(m, general=True) or _national_scope_anywhere().search(m.sentence.text)
                for m in strike)


@cache
def _national_scope_anywhere() -> re.Pattern[str]:
    """A word of a country's or many workplaces' stoppage anywhere in a sentence, before a strike's word."""
    scopes = [lexicon(code).places for code in available()]
    words = sorted({w for p in scopes for w in [*p.national_scope, *p.general_scope]}, key=len, reverse=True)
    forms = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    strikes = {lemma for code in available() for lemma, kind in lexicon(code).triggers.nouns.items()
               if kind is EventType.STRIKE and " " not in lemma}
    stems = sorted({n[:-1] if n.endswith("а") else n for n in strikes}, key=len, reverse=True)  # "забастовк-"
    nouns = "|".join(re.escape(stem) + r"\w*" for stem in stems)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(forms) or '(?!)'})(?:[\s-]+[\w'’-]+)?[\s-]+(?:{nouns})", re.I)


def _strikers_gathering(mentions: Iterable[Mention]) -> bool:
    """A gathering whose sentences name its crowd as strikers ("striking nurses rallied", "300 strikers
    marched to city hall", "the picketers walked up and down the road")."""
    return any(m.type in _STREET_TYPES and not _is_support(m) and m.participants is not None
               and _strikers().search(m.participants) is not None for m in mentions)


@cache
def _strikers() -> re.Pattern[str]:
    """The beginnings of every language's words for strikers: its strike agents' lemmas less their
    inflected ending ("striker", "picketer", "забастовщик"), and its participles ("striking")."""
    triggers = [lexicon(code).triggers for code in available()]
    stems = {lemma[:max(5, len(lemma) - 2)] for t in triggers for lemma, kind in t.agents.items()
             if kind is EventType.STRIKE} | {w for t in triggers for w in t.participle_agents}
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, sorted(stems))) or '(?!)'})", re.I)


def _in_one_town(a: Place | None, b: Place | None) -> bool:
    """Places of one town: a country or region holds many towns' strikes and marches."""
    return a is not None and b is not None and "city" == _place_precision(a) == _place_precision(b) and \
        places_compatible(a, b)


def _workplaces(mentions: Iterable[Mention]) -> list[str]:
    """The organisations and the named sites of the mentions: "the gate" or "предприятий" could be
    any plant's, "the Norvik Steel plant" or «Гродно Азот» is one."""
    return [name for m in mentions for name in [*m.organizations, *([m.site] if m.site else []), *_workplace_town(m)]
            if any(c.isupper() for c in name)]


def _workplace_town(m: Mention) -> list[str]:
    """The workplace whose town placed the mention ("the gate" of the plant the report names), where
    its evidence is the workplace's name and not only its town's."""
    ev = m.place.evidence if m.place is not None else None
    by_workplace = ev is not None and ev.rule in (Rule.PLACE_ORGANISATION_TOWN, Rule.PLACE_WORKPLACE_EARLIER)
    return [ev.text] if ev is not None and by_workplace and len(ev.text.split()) > 1 else []


def _one_workplace(a: Iterable[Mention], b: Iterable[Mention]) -> bool:
    """Whether two sets of mentions name one workplace or site (an organisation, a plant, its gate)."""
    theirs = _workplaces(b)
    return any(same_name(x, y) or _within(x, y) or _within(y, x) for x in _workplaces(a) for y in theirs)


def _within(short: str, long: str) -> bool:
    """A name of two words or more inside a longer one: "Norvik Steel" in "the Norvik Steel plant"."""
    a, b = fold(short), fold(long)
    return len(a.split()) >= 2 and f" {a} " in f" {b} "


def _street_pair(a: _Group, b: _Group) -> bool:
    return a.lead.type in _STREET_TYPES and _same_kind(a, b)


# On a tie, the more particular form of one action wins: a protest whose crowd also stormed a
# building is a riot, as in ACLED; students who occupied a hall "protesting against" rents held an
# occupation; a crowd that blocked a road, a blockade.
_ABSORBS = ((EventType.RIOT, EventType.DEMONSTRATION), (EventType.OCCUPATION, EventType.DEMONSTRATION),
            (EventType.BLOCKADE, EventType.DEMONSTRATION), (EventType.HUNGER_STRIKE, EventType.STRIKE))


def _event_type(mentions: list[Mention]) -> EventType:
    """The type most of the event's own mentions give; on a tie, a riot, occupation or blockade over
    a demonstration (a hunger strike over a strike), else the earliest's."""
    own = [m for m in mentions if not _is_support(m)] or mentions
    particular = [m for m in own if not is_generic_action(m)]
    if len({m.type for m in particular}) == 1 and particular[0].type is not EventType.DEMONSTRATION:
        own = particular  # "the protest" of a hunger strike, told of in no other words, is the hunger strike
    counts = Counter(m.type for m in own)
    best = max(own, key=lambda m: counts[m.type]).type
    for stronger, weaker in _ABSORBS:
        if best is weaker and counts[stronger] == counts[weaker]:
            return stronger
    return best


def _event_date(mentions: list[Mention]) -> DateSpan | None:
    """The first day a sentence states (of a lasting action, the earliest: its later reports state later
    days), else the first day any sentence has, else the first mention's date."""
    stated_days = [m.date for m in mentions if _explicit_date(m) and m.date is not None and m.date.start is not None
                   and m.date.precision == "day" and m.type in LASTING]
    if stated_days:
        return min(stated_days, key=lambda d: d.start)  # type: ignore[arg-type,return-value]
    for pick in (_explicit_date, lambda m: m.date is not None and m.date.start is not None):
        for m in mentions:
            if pick(m) and m.date is not None:
                return m.date
    return mentions[0].date


# A strike or a boycott is spread over the workplaces or shops of the area a sentence names; a crowd
# gathers at one spot, so a street event keeps the town carried into it.
_SPREAD_OUT = frozenset({EventType.STRIKE, EventType.BOYCOTT})


def _event_place(mentions: list[Mention]) -> Place | None:
    """The city named most often by the event's mentions (a city over its neighbourhoods and its
    region); cities the sentences name themselves before those they carry from earlier ones, and a
    strike's region a sentence names before a town carried."""
    national = [m for m in mentions if _apart_from_cities(m)]
    if national and {m.doc_id for m in national} == {m.doc_id for m in mentions}:
        return national[0].place  # the country's day: what carried a city into it does not make it that city's
    if national and not any(_place_in_sentence(m) for m in mentions):
        return national[0].place  # no sentence names a town: a carried one (the dateline's) is not the event's
    mentions = [m for m in mentions if not _apart_from_cities(m)] or mentions  # another source names the town
    named = [m for m in mentions if _place_in_sentence(m)]
    cities = [m.place for m in named if m.place and m.place.precision not in ("country", "region")]
    whole = [m.place for m in mentions if _place_rule(m) == Rule.PLACE_NATIONWIDE and not _is_support(m)]
    if whole and not cities:  # "rallies across the country": not the town the report was filed from
        return whole[0]
    stated_area = [m.place for m in mentions if _place_rule(m) == Rule.PLACE_REGION_IN_SENTENCE and not _is_support(m)]
    if stated_area and not cities and _event_type(mentions) in _SPREAD_OUT:
        return stated_area[0]  # "nurses in England went on strike": not a town carried into a later sentence
    cities = cities or [m.place for m in mentions if m.place and m.place.precision not in ("country", "region")]
    cities = cities or [m.place for m in mentions if m.place and m.place.precision == "region"]
    if not cities:
        return mentions[0].place
    counts = Counter(_place_key(p) for p in cities)
    return max(cities, key=lambda p: counts[_place_key(p)])


def _place_precision(place: Place | None) -> str | None:
    return place.precision if place is not None else None


def _conflicts(mentions: list[Mention]) -> list[Conflict]:
    """The fields on which the event's sources disagree, each with every source's value: outlets, or
    claimants within one report ("police said 12,000; the union put it at 40,000")."""
    conflicts = []
    sizes: dict[str, dict[tuple[int, int], str | None]] = defaultdict(dict)
    for m in mentions:
        for s in m.sizes:
            if sizes[m.doc_id].get((s.low, s.high)) is None:
                sizes[m.doc_id][(s.low, s.high)] = s.claimant
    values = [ConflictValue(v, doc, vs[v]) for doc, vs in sorted(sizes.items()) for v in sorted(vs)]
    claimants = {v.claimant for v in values if v.claimant}
    if len({v.value for v in values}) > 1 and (len(sizes) > 1 or len(claimants) > 1):
        conflicts.append(Conflict("size", values))
    conflicts += [c for field in _COUNTS if (c := _count_conflict(mentions, field)) is not None]
    sites: dict[str, str] = {}
    for m in mentions:
        if m.site and m.doc_id not in sites:
            sites[m.doc_id] = m.site
    distinct: list[str] = []
    for site in sites.values():
        if not any(same_name(site, other) for other in distinct):
            distinct.append(site)
    if len(distinct) > 1:
        conflicts.append(Conflict("site", [ConflictValue(v, d) for d, v in sorted(sites.items())]))
    return conflicts


_COUNTS: tuple[CountField, ...] = ("arrests", "injuries", "deaths")


def _count_conflict(mentions: list[Mention], field: CountField) -> Conflict | None:
    """Sources that give different counts of arrests, injuries or deaths: each source's largest figure,
    as a [n, n] range, and within one source each named claimant's where two name different figures
    ("police said 35 were detained; rights groups said more than 60"). A source's rising toll is one
    claim, and a count of the state's own forces ("12 officers were injured") is no claim on the crowd's."""
    claims: dict[str, dict[str | None, int]] = defaultdict(dict)
    names: dict[tuple[str, str | None], str | None] = {}
    for m in mentions:
        value = getattr(m, field)
        if value is None or _counts_the_forces(m, field) or _a_part().search(m.sentence.text):
            continue  # "In Ikeja alone, five were arrested": a part of the count, no rival claim
        who = count_claimant(m, field)
        key = fold(who) if who else None
        mine = claims[m.doc_id]
        if key not in mine or value > mine[key]:
            mine[key] = value
        names[(m.doc_id, key)] = names.get((m.doc_id, key)) or who
    values = []
    for doc, by_claimant in sorted(claims.items()):
        named = {k: v for k, v in by_claimant.items() if k is not None}
        if len(named) > 1 and len(set(named.values())) > 1:
            values += [ConflictValue((n, n), doc, names[(doc, k)]) for k, n in sorted(named.items())]
        else:
            key = max(by_claimant, key=lambda k: by_claimant[k])
            values.append(ConflictValue((by_claimant[key], by_claimant[key]), doc, names[(doc, key)]))
    if len({v.value for v in values}) < 2:
        return None
    return Conflict(field, values)


def _counts_the_forces(m: Mention, field: str) -> bool:
    """The count's own words name the state's forces ("12 officers were injured")."""
    counted = m.evidence.get(field)
    forces = _security_actors()
    head = counted.text.split(",")[0] if counted is not None else ""  # not an aside: "12 people, including 4 officers,"
    return any(w in forces or w.rstrip("s") in forces or w.replace("men", "man") in forces
               for w in re.findall(r"[^\W\d]+", head.lower()))


@cache
def _a_part() -> re.Pattern[str]:
    """The words of every language read that make a count a part of those counted (response.toml
    `part_words`)."""
    words = phrase_pattern(w for code in available() for w in lexicon(code).response.part_words)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.I)


@cache
def _security_actors() -> frozenset[str]:
    return frozenset(w for code in available() for w in lexicon(code).senses.security_actors)


def same_name(a: str, b: str) -> bool:
    """Two spellings of one name: Grodno-Azot / Grodno Azot, Tikhanovskaya / Tsikhanouskaya."""
    a, b = fold(a), fold(b)  # fold drops a leading "the"
    return a == b or (min(len(a), len(b)) >= 4 and similarity(a, b) >= _SAME_NAME)


def _block(mentions: list[Mention], date: DateSpan | None, place: Place | None) -> str:
    """Where an event can meet reports from other sources: its country and day, when it has both."""
    if place is not None and place.country and not any(m.date is not None and m.date.start is not None
                                                       for m in mentions):
        return f"{place.country}|{UNDATED}"  # met only by other sources' undated reports of the same story
    weekend = date is not None and date.precision == "week" and date.start is not None and date.end is not None \
        and (date.end - date.start).days < _WEEKEND_DAYS  # "last weekend": met by the reports of its days
    if date is None or date.start is None or (date.precision not in ("day", "month") and not weekend) or \
            place is None or not place.country:
        return f"doc|{mentions[0].doc_id}"
    if date.precision == "month":  # "in June, an eight-day strike": the country's month
        return f"{place.country}|{date.start.strftime('%Y-%m')}"
    return f"{place.country}|{date.start.isoformat()}"


UNDATED = "undated"


# Reports of one event may date it a day apart (the night, time zones, a borrowed report date), so
# events are compared within a week of day blocks. The week starts on Wednesday: the weekend, when
# most marches happen and "late Sunday" is Monday's news elsewhere, stays inside one week.
_WEEK_STARTS = 2  # Wednesday


def block_week(block: str) -> str:
    """The group of day blocks whose events are compared with each other: the country's week."""
    country, _, day = block.partition("|")
    if country == "doc" or len(day) != 10:  # an article's own block, or a month's
        return block
    date = dt.date.fromisoformat(day)
    return f"{country}|{(date - dt.timedelta(days=(date.weekday() - _WEEK_STARTS) % 7)).isoformat()}"


def week_blocks(week: str) -> set[str]:
    if week.startswith("doc|") or len(week.partition("|")[2]) != 10:
        return {week}
    country, _, first = week.partition("|")
    start = dt.date.fromisoformat(first)
    return {f"{country}|{(start + dt.timedelta(days=k)).isoformat()}" for k in range(7)}


def _make_event(mentions: list[Mention]) -> Event:
    mentions = sorted(mentions, key=lambda m: (m.doc_id, m.sentence.start))
    lead = next((m for m in mentions if not _is_support(m)), mentions[0])
    ident = hashlib.sha1(lead.mention_id.encode("utf-8")).hexdigest()[:16]
    docs = {m.doc_id for m in mentions}
    confidence = min(0.95, 0.5 + 0.1 * (len(mentions) - 1) + 0.15 * (len(docs) - 1))
    date, place = _event_date(mentions), _event_place(mentions)
    return Event(id=ident, type=_event_type(mentions), mentions=mentions, date=date, place=place,
                 confidence=round(confidence, 2), conflicts=_conflicts(mentions), block=_block(mentions, date, place))


# Types one crowd's action takes in different reports: one outlet's march is another's riot or blockade.
def types_compatible(a: EventType, b: EventType) -> bool:
    return a is b or {a, b} <= _STREET_TYPES


def _kind_of_action(t: EventType) -> str:
    """A strike, a boycott, a hunger strike; or the street, whose forms one crowd's action takes."""
    return "street" if t in _STREET_TYPES else t.value


def _precision(e: Event) -> str | None:
    return e.date.precision if e.date is not None else None


def _countrywide(e: Event) -> bool:
    return e.place is not None and e.place.precision == "country"


def _wide_area(e: Event) -> bool:
    """Placed in a whole country or region ("across Catalonia"), not in a town."""
    return e.place is not None and e.place.precision in ("country", "region")


def _day(e: Event) -> dt.date | None:
    return e.date.start if e.date is not None else None


def _stated_day(e: Event) -> bool:
    """The day is one the text states: not carried from the report's date, nor counted in days from
    a report date borrowed from another source ("yesterday" shifts with it; "on Thursday" does not)."""
    return any(m.date is not None and m.date.stated and m.date.start == _day(e) and not _counted_from_borrowed(m)
               for m in e.mentions)


def _counted_from_borrowed(m: Mention) -> bool:
    ev = m.date.evidence if m.date is not None else None
    return ev is not None and ev.rule in _DAYS_FROM_REPORT and BORROWED_FROM in (ev.reason or "")


_DAYS_FROM_REPORT = frozenset({Rule.DATE_RELATIVE_DAY, Rule.DATE_AGO, Rule.DATE_DAY_OFFSET, Rule.DATE_NTH_DAY,
                               Rule.DATE_RU_RELATIVE})


class _Scope(NamedTuple):
    """What a week's block knows of its events beyond each pair: the strikes called the country's."""

    national: frozenset[str] = frozenset()


_NO_SCOPE = _Scope()


def _hard_match(a: Event, b: Event, scope: _Scope = _NO_SCOPE) -> str | None:
    """Whether two events from different sources can be one, and on what condition: "same" (the
    same place and day, and the same type or street forms of one crowd), "workplace" (a strike and
    the gathering of its strikers at one named workplace), "national" (one country's nationwide strike
    of one day, reported from two of its towns: only with shared content), "copy" (two undated
    reports: only with most of their content shared), "content" (a day apart with one day unstated,
    a country-wide report against a town's, or a month: only with shared content), or None (other
    types, two towns both texts state, or two days both texts state)."""
    if _strike_and_its_crowd(a, b):
        return "workplace"  # one outlet's strike at a plant is another's gathering of its strikers there
    if not types_compatible(a.type, b.type):
        return None
    if not places_compatible(a.place, b.place):
        return _across_towns(a, b, scope)
    if _undated(a) and _undated(b):
        return "copy"  # two undated reports: one event only when they tell the same story in the same figures
    if _precision(a) != _precision(b):
        return "weekend" if _a_day_of_the_weekend(a, b) or _a_day_of_the_weekend(b, a) else None
    if _precision(a) == "month":  # a month both reports give: one event only with shared content
        return "content" if _day(a) == _day(b) and a.type is b.type and _countrywide(a) == _countrywide(b) else None
    day_a, day_b = _day(a), _day(b)
    if day_a is None or day_b is None:
        return None
    return _by_days(a, b, day_a, day_b)


def _by_days(a: Event, b: Event, day_a: dt.date, day_b: dt.date) -> str | None:
    """`_hard_match` of two events of compatible types and places, each with a day."""
    if (day_a != day_b and _stated_day(a) and _stated_day(b)) or abs((day_a - day_b).days) > 1:
        return _across_days(a, b, day_a, day_b)
    if day_a != day_b and a.type is b.type and a.type in LASTING and _counts_its_days(_later(a, b)):
        # "вторые сутки" in a report of the day after the one another report states: one action, by arithmetic;
        # counted back to another first day ("пятые сутки"), one action only where most content is shared
        return "counted back" if _one_lasting_action(a, b) and _counts_back_to_the_other(a, b) else "counted apart"
    if _wide_area(a) != _wide_area(b):  # one report places it in the country or region, another in a town
        if day_a == day_b and a.type is b.type and _placed_by_its_country_only(a if _wide_area(a) else b):
            return "unplaced"  # a report that names no town for it: the one town's event of its type that day
        return "content" if day_a == day_b else None  # types already agree, or are one crowd's street forms
    # one outlet's march is another's riot: on the same day in the same town, one crowd
    return "same" if day_a == day_b else "content"


_WEEKEND_DAYS = 3


def _a_day_of_the_weekend(span: Event, day: Event) -> bool:
    """"Last weekend's march" in one report, "on Saturday" in another: a short span (a weekend) that
    holds the other's day; one event only with shared content."""
    if span.date is None or day.date is None or _precision(span) != "week" or _precision(day) != "day":
        return False
    first, last, on = span.date.start, span.date.end, day.date.start
    return None not in (first, last, on) and (last - first).days < _WEEKEND_DAYS and first <= on <= last  # type: ignore[operator]


def _across_days(a: Event, b: Event, day_a: dt.date, day_b: dt.date) -> str | None:
    """Two days both texts state, or days apart: one night at the edge of two days, or a lasting
    action that goes on; else two events."""
    if abs((day_a - day_b).days) == 1 and ((_at_nights_edge(a) and _at_nights_edge(b)) or
                                           (_at_nights_edge(a) and _counted_from_its_report(b)) or
                                           (_at_nights_edge(b) and _counted_from_its_report(a))):
        # "late Sunday" in one report, "early Monday" in another, or "Friday night" in one and
        # "yesterday" in a report from another time zone or filed after midnight: one night, given
        # shared content ("Friday night's arrests" and Saturday's rally by day are two events)
        return "night"
    if _one_lasting_action(a, b):
        return "counted back" if _counts_back_to_the_other(a, b) else "ongoing"
    return "told later" if _told_days_later(a, b) else None


_TOLD_LATER_DAYS = 2


def _told_days_later(a: Event, b: Event) -> bool:
    """A report filed a day or two after the day another states (a statement, a round-up), which gives the
    event no day but its own report's: its report's date bounds the event, it is not its day. Only with
    shared content; two days both reports state stay two events."""
    if _precision(a) != "day" or _precision(b) != "day":
        return False
    earlier, later = sorted((a, b), key=lambda e: (_day(e), e.id))
    gap = (_day(later) - _day(earlier)).days  # type: ignore[operator]
    return 0 < gap <= _TOLD_LATER_DAYS and _stated_day(earlier) and _report_day_only(later)


@cache
def _night_edges() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The words that put a stated day at its night's edge, in every language read: before the day
    ("late Sunday", "в ночь на"), after it ("Sunday night"), anywhere ("overnight")."""
    calendars = [lexicon(code).calendar for code in available()]
    before = phrase_pattern(w for c in calendars for w in c.night_before)
    after = phrase_pattern(w for c in calendars for w in c.night_after)
    anywhere = phrase_pattern(w for c in calendars for w in c.night_words)
    return (re.compile(rf"(?<!\w)(?:{before})\s+$", re.I), re.compile(rf"^\s*(?:{after})(?!\w)", re.I),
            re.compile(rf"(?<!\w)(?:{anywhere})(?!\w)", re.I))


def _counted_from_its_report(e: Event) -> bool:
    """The event's day is counted from its report's date ("yesterday", "tonight"): a report dated in
    another time zone, or after midnight, counts from another day."""
    return any(m.date is not None and m.date.stated and m.date.start == _day(e) and m.date.evidence is not None
               and m.date.evidence.rule in _DAYS_FROM_REPORT for m in e.mentions if not _is_support(m))


def _at_nights_edge(e: Event) -> bool:
    """A sentence of the event states its day at the night's edge ("late Sunday", "Sunday night",
    "overnight"): across time zones and deadlines, another report may give that night the next day."""
    before, after, anywhere = _night_edges()
    for m in e.mentions:
        ev = m.date.evidence if m.date is not None and m.date.stated and m.date.start == _day(e) else None
        if ev is None:
            continue
        start, end = ev.start - m.sentence.start, ev.end - m.sentence.start
        text = m.sentence.text
        if before.search(text[max(0, start - 30):start]) or after.match(text[end:end + 12]) or anywhere.search(text):
            return True
    return False


# Actions that last: a strike reported days after its first day may still be that strike.
LASTING = frozenset({EventType.STRIKE, EventType.HUNGER_STRIKE, EventType.BOYCOTT, EventType.OCCUPATION})


def _one_lasting_action(a: Event, b: Event) -> bool:
    """A lasting action (a strike, an occupation) whose day one text states, and a later report of the
    same action that gives it no day but its report's own (the report's date bounds the action, it
    is not its day), or that counts its day as the action's Nth back to that first day ("entered its
    fourth day on Thursday"): only with shared content, and only where one stated day is in reach."""
    if a.type is not b.type or a.type not in LASTING or _precision(a) != "day" or _precision(b) != "day":
        return False
    earlier, later = sorted((a, b), key=lambda e: (_day(e), e.id))
    return _stated_day(earlier) and (_report_day_only(later) or _counted_back_to(later, _day(earlier)))


def _placed_by_its_country_only(e: Event) -> bool:
    """Every sentence of the event is placed only by a country, its report's or one it names ("farmers in
    Moldova blocked roads"), not as the whole country's ("across the country"): the report names no town for
    it, which is not to say it was nowhere in particular."""
    own = [m for m in e.mentions if not _is_support(m)]
    return bool(own) and all(_place_rule(m) in _ONLY_A_COUNTRY for m in own)


_ONLY_A_COUNTRY = frozenset({Rule.PLACE_DOCUMENT_COUNTRY, Rule.PLACE_COUNTRY_IN_SENTENCE})


def _later(a: Event, b: Event) -> Event:
    return max((a, b), key=lambda e: (_day(e), e.id))


def _counts_back_to_the_other(a: Event, b: Event) -> bool:
    """The later report counts its day as the action's Nth, and counted back, it lands on the day the
    earlier one states ("вторые сутки" on Tuesday, "began on Monday"): the days agree by arithmetic."""
    later = _later(a, b)
    return _counted_back_to(later, _day(b if later is a else a))


def _counted_back_to(later: Event, first: dt.date | None) -> bool:
    """A sentence of the later report counts its day as the action's Nth ("the strike entered its
    fourth day on Thursday"), and counted back, the first day is `first`."""
    day = _day(later)
    return day is not None and first is not None and any(
        (n := day_of_action(m.sentence.text)) is not None and day - dt.timedelta(days=n - 1) == first
        for m in later.mentions if not _is_support(m))


def _report_day_only(e: Event) -> bool:
    """Every day the event's sentences have is their report's own (no day stated or carried from the text)."""
    return all(m.date is not None and m.date.evidence is not None and m.date.evidence.rule in REPORT_DAY_RULES
               for m in e.mentions if not _is_support(m))


def _across_towns(a: Event, b: Event, scope: _Scope) -> str | None:
    """Two towns' reports that may still be one event: "the nationwide strike" seen from Lagos and
    from Kano."""
    return "national" if _one_national_strike(a, b, scope.national) else None


def _one_national_strike(a: Event, b: Event, national: frozenset[str]) -> bool:
    return a.id in national and b.id in national and _day(a) == _day(b) and a.place is not None and \
        b.place is not None and a.place.country == b.place.country


def _strike_and_its_crowd(a: Event, b: Event) -> bool:
    """A strike and a demonstration of one town on one day that name one workplace or site (the
    plant, its gate), or whose crowd is named as the strikers ("striking nurses rallied outside the
    hospital"): the strikers' gathering. A general or nationwide strike's town has many crowds."""
    if {a.type, b.type} != {EventType.STRIKE, EventType.DEMONSTRATION} or _day(a) is None or \
            _day(a) != _day(b) or not (_precision(a) == _precision(b) == "day") or not _in_one_town(a.place, b.place):
        return False
    strike, crowd = (a, b) if a.type is EventType.STRIKE else (b, a)
    return _one_workplace(a.mentions, b.mentions) or _its_own_strikers(strike.mentions, crowd.mentions)


_SHARED_CONTENT = 0.2
_COUNTED_BACK_CONTENT = 0.05
# Two undated reports share no day to anchor them: they are one event only when they share most of
# their distinctive content, figures among it (the same counts of detainees, towns and injured).
_COPIED_CONTENT = 0.5
_COPIED_FIGURES = 2


@cache
def _national_scope(general: bool = False) -> re.Pattern[str]:
    """A word that makes a strike the country's, in lower case, right before the strike's noun or one
    word before it ("the nationwide strike", "a national teachers' strike", "общенациональная
    забастовка"); the words of every language's lexicon, a form ending in "*" a stem. `general`: or
    many workplaces' ("a general strike")."""
    scopes = [lexicon(code).places for code in available()]
    words = sorted({w for p in scopes for w in [*p.national_scope, *(p.general_scope if general else ())]},
                   key=len, reverse=True)
    forms = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) + r"(?![\w-])" for w in words]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(forms) or '(?!)'})(?:[\s-]+[\w'’-]+)?[\s-]*$")


def _called_national(m: Mention, general: bool = False) -> bool:
    """The sentence calls the strike the whole country's: a scope word before its noun, or a place
    that is the country because the sentence speaks of all of it ("across the country"). `general`:
    or many workplaces' ("a general strike")."""
    if m.type is not EventType.STRIKE or _is_support(m):
        return False
    if _place_rule(m) == Rule.PLACE_NATIONWIDE:
        return True
    head, _, _noun = m.trigger.text.rpartition(" ")  # "went on general strike": the words before the noun
    before = m.sentence.text[:max(0, m.trigger.start - m.sentence.start)] + (" " + head if head else "")
    found = _national_scope(general).search(before)
    # in lower case, or opening the sentence: "National Grid" mid-sentence is a name
    return found is not None and (found.group(0)[:1].islower() or not before[:found.start()].strip())


def _national_strikes(events: list[Event]) -> frozenset[str]:
    """The day's strike events that one of their sentences calls the country's ("a nationwide strike"),
    each the only strike its article reports that day: an article that reports strikes in several
    towns that day tells them apart, and they stay apart."""
    strikes = [e for e in events if e.type is EventType.STRIKE and _precision(e) == "day"]
    per_article_day = Counter((doc, _day(e)) for e in strikes for doc in _docs([e]))
    return frozenset(e.id for e in strikes if all(per_article_day[(doc, _day(e))] == 1 for doc in _docs([e]))
                     and any(_called_national(m) for m in e.mentions))


def _undated(e: Event) -> bool:
    return e.block.endswith("|" + UNDATED)


def _shared_figures(a: Counter[str], b: Counter[str]) -> int:
    return len(_figures(a) & _figures(b))


def _figures(terms: Counter[str]) -> set[str]:
    """The figures among a report's terms: numbers of two digits or more, years left out (every
    report of a year gives it; "3" or "1" says little)."""
    return {t for t in terms if t.isdigit() and len(t) > 1 and not _YEAR.fullmatch(t)}


_YEAR = re.compile(r"(?:19|20)\d\d")
# A figure that many undated reports of a country give ("10", "100") pairs none of them: the undated
# block is searched through the figures its reports share, so the work grows with the reports, not
# with their pairs.
_COMMON_FIGURE = 50


def _undated_pairs(events: list[Event], terms: dict[str, Counter[str]]) -> Iterator[tuple[Event, Event]]:
    """The pairs of an undated block that share at least `_COPIED_FIGURES` figures none too common."""
    holders: dict[str, list[int]] = defaultdict(list)
    for k, e in enumerate(events):
        for figure in _figures(terms[e.id]):
            holders[figure].append(k)
    shared: Counter[tuple[int, int]] = Counter()
    for ks in holders.values():
        if len(ks) <= _COMMON_FIGURE:
            shared.update((a, b) for i, a in enumerate(ks) for b in ks[i + 1:])
    for (a, b), n in sorted(shared.items()):
        if n >= _COPIED_FIGURES:
            yield events[a], events[b]


def _join_reason(a: list[Event], b: list[Event], terms: dict[str, Counter[str]], idf: dict[str, float],
                 scope: _Scope = _NO_SCOPE) -> str | None:
    """Why two groups of other sources' events are one, or None: every event of one must be able to be
    one with every event of the other (so matches never chain two towns or two stated days), and
    where a day, a type or a town differs, the groups must share distinctive content (names, figures,
    hashtags)."""
    matches = [_hard_match(x, y, scope) for x in a for y in b]
    if not all(matches):
        return None
    terms_a, terms_b = _group_terms(a, terms), _group_terms(b, terms)
    share = content_similarity(terms_a, terms_b, idf)
    if "copy" in matches:
        # unweighted: an undated block may hold only these two reports, whose shared terms a rarity
        # weight would count as common
        share = content_similarity(terms_a, terms_b, {})
        if share < _COPIED_CONTENT or _shared_figures(terms_a, terms_b) < _COPIED_FIGURES:
            return None
        return f"two undated reports of one story; shared names and figures {share:.2f}"
    # a pair whose days agree by arithmetic vouches for its groups' other pairs of those days
    gated = "counted back" if "counted back" in matches else next((k for k in _CONTENT_GATED if k in matches), None)
    if gated is not None:
        if share < _least_share(gated) or (gated == "unplaced" and _crowds_of_other_trades(a, b)):
            return None
        return f"{_CONTENT_GATED[gated]}; shared names and figures {share:.2f}"
    if "workplace" in matches:
        return (f"a strike and its strikers' gathering, one town, day and workplace; "
                f"shared names and figures {share:.2f}")
    if share < _SHARED_CONTENT and _crowds_of_other_trades(a, b):
        return None  # teachers marching and farmers blocking one town's roads that day: two crowds
    if _countering(a) != _countering(b):
        return None  # the march and the counter-protest against it
    return f"same place and day, one crowd; shared names and figures {share:.2f}"


@cache
def _trade_forms() -> dict[str, str]:
    """People nouns that name a trade (every language's people.toml), lower case -> the trade."""
    found: dict[str, str] = {}
    for code in available():
        found.update(lexicon(code).people.trades())
    return found


def trades(mentions: Iterable[Mention]) -> set[str]:
    """The trades the sentences name their crowd by ("striking teachers": education; "nurses and
    teachers": health and education)."""
    return {trade for m in mentions if m.participants for item in _list_items().split(m.participants)
            if item.strip() and (trade := _trade_of(item.strip()))}


@cache
def _list_items() -> re.Pattern[str]:
    """What separates a list's items, in every language: a comma, a list's conjunctions."""
    words = sorted({w for code in available() for w in lexicon(code).grammar.list_conjunctions}, key=len, reverse=True)
    return re.compile(rf",|(?<!\w)(?:{'|'.join(re.escape(w) for w in words) or '(?!)'})(?!\w)", re.I)


@cache
def _trade_of(named: str) -> str | None:
    """The trade of a people noun phrase, by its last one to three words ("air traffic controllers")."""
    forms, words = _trade_forms(), named.lower().split()
    return next((forms[w] for n in (3, 2, 1) if len(words) >= n and (w := " ".join(words[-n:])) in forms), None)


def _countering(group: list[Event]) -> bool:
    return any(_counter_action(m) for e in group for m in e.mentions if not _is_support(m))


def _crowds_of_other_trades(a: list[Event], b: list[Event]) -> bool:
    """Both groups name their crowd by a trade, and no trade is common to them: two crowds."""
    return other_trades([m for e in a for m in e.mentions], [m for e in b for m in e.mentions])


def other_trades(a: Iterable[Mention], b: Iterable[Mention]) -> bool:
    """Both name their crowds by trades, and no trade is common to them: two crowds."""
    trades_a, trades_b = trades(a), trades(b)
    return bool(trades_a) and bool(trades_b) and not trades_a & trades_b


def _least_share(kind: str | None) -> float:
    """The share of distinctive content a content-gated match needs: less where the days agree by arithmetic
    (any two terms in common), none where one report names no town, most where counts disagree."""
    return {"counted back": _COUNTED_BACK_CONTENT, "unplaced": 0.0, "counted apart": _COPIED_CONTENT}.get(
        kind or "", _SHARED_CONTENT)


# The matches that join only with shared content, and how the reason names each.
_CONTENT_GATED = {
    "content": "a day or a place level apart",
    "national": "the country's strike of one day, reported from other towns",
    "night": "one night, at the edge of two days the reports state (late one day, early the next)",
    "weekend": "a weekend one report gives, and a day of it another states",
    "ongoing": "a lasting action whose first day one report states, and a later report of it with no day but its "
               "report's",
    "counted back": "a lasting action whose first day one report states, and a later report that counts its day as "
                    "the action's Nth, back to that day",
    "counted apart": "a lasting action whose days one report counts back to another first day than the other states: "
                     "one action only with most content shared",
    "unplaced": "one type on one day, one report placing it in no town but its country's, the other in the one town "
                "of that day's reports of it",
    "told later": "a day one report states, and a report filed a day or two later that gives it no day but its own",
}


def _group_terms(group: list[Event], terms: dict[str, Counter[str]]) -> Counter[str]:
    found: Counter[str] = Counter()
    for e in group:
        found.update(terms[e.id])
    return found


def _report_terms(events: list[Event], article_terms: dict[str, Counter[str]]) -> dict[str, Counter[str]]:
    """Each event's distinctive terms: those of its articles' event sentences (one sentence names
    too little; two reports of one event share names and figures across their sentences)."""
    terms: dict[str, Counter[str]] = {}
    for e in events:
        terms[e.id] = Counter()
        for doc in {m.doc_id for m in e.mentions}:
            terms[e.id].update(article_terms[doc])
    return terms


def _docs(group: list[Event]) -> set[str]:
    return {m.doc_id for e in group for m in e.mentions}


def _candidate_pairs(events: list[Event]) -> Iterator[tuple[Event, Event]]:
    """Pairs that can be one event at all: the same kind of action (street forms together) on the
    same day or the next, and a strike with the street events of its day (the cheap filter before
    the finer checks)."""
    buckets: dict[tuple[bool, EventType | None, dt.date | None], list[Event]] = defaultdict(list)
    for e in events:
        street = e.type in _STREET_TYPES
        buckets[(street, None if street else e.type, _day(e))].append(e)
    for (street, kind, day), group in buckets.items():
        for i, a in enumerate(group):
            yield from ((a, b) for b in group[i + 1:])
        if day is not None:
            yield from ((a, b) for a in group for b in buckets.get((street, kind, day + dt.timedelta(days=1)), []))
            lasting = any(e.type in LASTING for e in group)
            for later in range(2, 7 if lasting else _TOLD_LATER_DAYS + 1):  # a lasting action, days on
                after = buckets.get((street, kind, day + dt.timedelta(days=later)), [])
                if not lasting:  # a report filed days later that gives no day but its own (`_told_days_later`)
                    after = [b for b in after if _report_day_only(b)]
                yield from ((a, b) for a in group for b in after)
        if kind is EventType.STRIKE and day is not None:  # a strike and its strikers' gathering, that day
            yield from ((a, b) for a in group for b in buckets.get((True, None, day), []))


def _merge_block(events: list[Event], article_terms: dict[str, Counter[str]]) -> list[Event]:
    """Events of one week's block from different sources merged when `_join_reason` says they are one.

    The closest pairs (the same place and day first, then the most shared content) are joined
    first, so the result does not depend on the order the articles came in; a group never holds
    two events of one article."""
    if len(events) < 2:
        return events
    events = sorted(events, key=lambda e: e.id)
    terms = _report_terms(events, article_terms)
    idf = inverse_frequencies(list(terms.values()))
    scope = _Scope(_national_strikes(events))
    group_of = {e.id: [e] for e in events}
    why: dict[int, list[str]] = {}
    for _kind, _share, a_id, b_id in _closest_pairs_first(events, terms, idf, scope):
        ga, gb = group_of[a_id], group_of[b_id]
        if ga is gb or _docs(ga) & _docs(gb):
            continue
        reason = _join_reason(ga, gb, terms, idf, scope)
        if reason is None:
            continue
        ga.extend(gb)
        reasons = why.setdefault(id(ga), []) + why.pop(id(gb), [])
        why[id(ga)] = reasons + [f"{', '.join(sorted(_docs(gb)))}: {reason}"]
        for e in gb:
            group_of[e.id] = ga
    return _merged_groups(events, group_of, why)


def _closest_pairs_first(events: list[Event], terms: dict[str, Counter[str]], idf: dict[str, float],
                         scope: _Scope = _NO_SCOPE) -> list[tuple[bool, float, str, str]]:
    """The pairs of other sources' events that may be one, the same place and day first, then by
    shared content; the report of a whole country or region on a day with several of its towns'
    events pairs with none of them, unless all are one nationwide strike."""
    towns: dict[tuple[str, dt.date | None], list[Event]] = defaultdict(list)
    for e in events:
        if not _wide_area(e):
            towns[(_kind_of_action(e.type), _day(e))].append(e)
    pairs = []
    ongoing: list[tuple[Event, Event]] = []
    undated = bool(events) and _undated(events[0])  # a block is undated throughout, or not at all
    for a, b in (_undated_pairs(events, terms) if undated else _candidate_pairs(events)):
        kind = _hard_match(a, b, scope)
        if _wide_area(a) != _wide_area(b) and not _undated(a) and kind != "national" and \
                not {a.id, b.id} <= scope.national:
            wide = a if _wide_area(a) else b
            within = {_place_key(t.place) for t in towns[(_kind_of_action(a.type), _day(a))]
                      if places_compatible(wide.place, t.place)}
            if len(within) > 1:
                continue
        if kind is not None and not (_docs([a]) & _docs([b])):
            share = content_similarity(terms[a.id], terms[b.id], idf)
            pairs.append((kind not in ("same", "workplace"), -share, a.id, b.id))
            if kind == "ongoing":
                ongoing.append((a, b))
    ambiguous = _reported_later_of_several(ongoing)
    return sorted(p for p in pairs if not ({p[2], p[3]} & ambiguous))


def _reported_later_of_several(ongoing: list[tuple[Event, Event]]) -> set[str]:
    """The later reports that could be a lasting action of more than one stated day: which they
    continue is not known, so they continue none."""
    days: dict[str, set[dt.date | None]] = defaultdict(set)
    for a, b in ongoing:
        earlier, later = sorted((a, b), key=lambda e: (_day(e), e.id))
        days[later.id].add(_day(earlier))
    return {later for later, stated in days.items() if len(stated) > 1}


def _lasting_across_weeks(weeks: dict[str, list[Event]], by_doc: dict[str, list[Mention]],
                          article_terms: dict[str, Counter[str]]) -> list[Event]:
    """Each week's events, where a later report of a lasting action that gives it only its report date
    (`_one_lasting_action`) has joined the action whose stated first day is in the week before (a
    strike begun on a Monday, "the strike continues" on Thursday across the Wednesday the weeks
    change on): with shared content, and only one stated day in reach."""
    earlier: dict[str, list[Event]] = defaultdict(list)  # the previous week's lasting actions, by week
    for week, events in weeks.items():
        earlier[_next_week(week)] = [e for e in events if e.type in LASTING and _stated_day(e)]
    joined: dict[str, Event] = {}  # the id of each event that joined another -> the event it is now part of
    for week, events in weeks.items():
        for later in [e for e in events if e.type in LASTING and (_report_day_only(e) or _counts_its_days(e))]:
            found = _continued(later, earlier.get(week, []), by_doc, article_terms)
            target = joined.get(found[0].id, found[0]) if found is not None else None
            if found is None or target is None or _docs([target]) & _docs([later]):
                continue
            merged = _make_event(target.mentions + later.mentions)
            merged.id, merged.merged_because = target.id, target.merged_because + later.merged_because + [found[1]]
            joined.update({k: merged for k, v in joined.items() if v is target})
            joined.update({found[0].id: merged, later.id: merged})
    result, seen = [], set()
    for events in weeks.values():
        for e in events:
            event = joined.get(e.id, e)
            if id(event) not in seen:
                seen.add(id(event))
                result.append(event)
    return result


def _counts_its_days(e: Event) -> bool:
    return any(day_of_action(m.sentence.text) for m in e.mentions if not _is_support(m))


def _next_week(week: str, days: int = 7) -> str:
    country, _, first = week.partition("|")
    if country == "doc" or len(first) != 10:
        return f"{week}|none"  # an article's own block, or a month's: no week follows it
    return f"{country}|{(dt.date.fromisoformat(first) + dt.timedelta(days=days)).isoformat()}"


def _previous_week(week: str) -> str:
    return _next_week(week, -7)


def _continued(later: Event, candidates: list[Event], by_doc: dict[str, list[Mention]],
               article_terms: dict[str, Counter[str]]) -> tuple[Event, str] | None:
    """The one earlier lasting action the later report continues, and why; None when none, or when
    the actions of two stated days could be it."""
    kinds = {e.id: _hard_match(e, later) for e in candidates if not (_docs([e]) & _docs([later]))}
    matching = [e for e in candidates if kinds.get(e.id) in ("ongoing", "counted back")]
    for doc in _docs([later, *matching]) - article_terms.keys():
        article_terms[doc] = distinctive_terms(m.sentence.text for m in by_doc[doc])
    terms = _report_terms([later, *matching], article_terms)
    idf = inverse_frequencies(list(terms.values()))
    shared = [(content_similarity(terms[e.id], terms[later.id], idf), e) for e in matching]
    shared = [(share, e) for share, e in shared if share >= _least_share(kinds[e.id])]
    if not shared or len({_day(e) for _, e in shared}) > 1:
        return None
    share, first = max(shared, key=lambda pair: (pair[0], pair[1].id))
    docs = ", ".join(sorted(_docs([later])))
    return first, f"{docs}: {_CONTENT_GATED[kinds[first.id] or 'ongoing']}; shared names and figures {share:.2f}"


# An event no place was found for ("outside City Hall in Jung District", a union's statement) is met by
# no block; it joins another source's placed event of its day only when they clearly tell one story.
_UNPLACED_CONTENT = 0.3
_UNPLACED_MARGIN = 1.5  # the best match shares this many times what the next best does


def _unplaced(e: Event) -> bool:
    return e.place is None and e.date is not None and e.date.precision == "day" and e.date.start is not None


def _join_unplaced(events: list[Event], by_doc: dict[str, list[Mention]],
                   article_terms: dict[str, Counter[str]]) -> list[Event]:
    """Events that no place was found for, each joined to the one placed event of another source of
    its day (the day before or after, where its day is not one the text states) and of a compatible
    type that shares most of its distinctive content (`_UNPLACED_CONTENT`), clearly more than any other;
    not where its own article places an action of its day (which of them it is, is not known)."""
    unplaced = [e for e in events if _unplaced(e)]
    placed = [e for e in events if e.place is not None and _day(e) is not None]
    if not unplaced or not placed:
        return events
    by_day: dict[dt.date, list[Event]] = defaultdict(list)
    for e in placed:
        by_day[_day(e)].append(e)  # type: ignore[index]
    wanted = [e for e in unplaced if any(by_day.get(d) for d in _days_around(e))]
    if not wanted:
        return events
    for doc in {m.doc_id for e in [*wanted, *placed] for m in e.mentions} - article_terms.keys():
        article_terms[doc] = distinctive_terms(m.sentence.text for m in by_doc[doc])
    terms = _report_terms([*wanted, *placed], article_terms)
    idf = inverse_frequencies(list(terms.values()))
    joined: dict[str, Event] = {}  # placed event id -> that event with the reports that joined it
    gone: set[str] = set()
    for u in sorted(wanted, key=lambda e: e.id):
        if any(_docs([c]) & _docs([u]) for d in _days_around(u) for c in by_day.get(d, [])):
            continue  # its own article places an action of its day: another source's town would be a guess
        scored = sorted(((content_similarity(terms[u.id], terms[c.id], idf), c.id, c) for d in _days_around(u)
                         for c in by_day.get(d, []) if _fits_unplaced(u, c)), key=lambda x: (-x[0], x[1]))
        if not scored or scored[0][0] < _UNPLACED_CONTENT or \
                (len(scored) > 1 and scored[0][0] < _UNPLACED_MARGIN * scored[1][0]):
            continue
        share, target = scored[0][0], joined.get(scored[0][1], scored[0][2])
        if _docs([target]) & _docs([u]):
            continue
        merged = _make_event(target.mentions + u.mentions)
        merged.id = target.id
        merged.merged_because = target.merged_because + [
            f"{', '.join(sorted(_docs([u])))}: a report that names no place, of the same day and story; "
            f"shared names and figures {share:.2f}"]
        joined[target.id] = merged
        gone.add(u.id)
    return [joined.get(e.id, e) for e in events if e.id not in gone]


def _days_around(e: Event) -> list[dt.date]:
    day = _day(e)
    if day is None:
        return []
    return [day] if _stated_day(e) else [day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)]


def _fits_unplaced(unplaced: Event, placed: Event) -> bool:
    return not (_docs([unplaced]) & _docs([placed])) and (
        types_compatible(unplaced.type, placed.type) or
        {unplaced.type, placed.type} == {EventType.STRIKE, EventType.DEMONSTRATION})


def _merged_groups(events: list[Event], group_of: dict[str, list[Event]], why: dict[int, list[str]]) -> list[Event]:
    """One event per group, in the order of its first member: a group of one as it was, a larger one
    made again from all its sentences, with why each source joined."""
    merged, seen = [], set()
    for e in events:
        group = group_of[e.id]
        if id(group) in seen:
            continue
        seen.add(id(group))
        if len(group) == 1:
            merged.append(group[0])
            continue
        event = _make_event([m for member in group for m in member.mentions])
        event.merged_because = why.get(id(group), [])
        if not all(places_compatible(x.place, y.place) for k, x in enumerate(group) for y in group[k + 1:]):
            _place_in_the_country(event)
        merged.append(event)
    return merged


def _place_in_the_country(event: Event) -> None:
    """Sources that report one stoppage from different towns (a nationwide strike): the country's
    event, not one town's; the evidence is the first sentence that calls it the country's."""
    called = next((m for m in event.mentions if _called_national(m)), None)
    if event.place is None or not event.place.country or called is None:
        return
    why = "the strike is the country's, and its sources report it from different towns of it"
    country = country_place(event.place.country, Rule.PLACE_NATIONWIDE, why,
                            (called.trigger.text, called.trigger.start, called.trigger.end))
    if country is not None:
        event.place = country
        event.block = _block(event.mentions, event.date, event.place)


def _inherit_ids(events: list[Event], previous: dict[str, set[str]]) -> None:
    """Keep the id of the earlier event each new one overlaps most, so ids (and corrections) survive."""
    owner = {mid: old_id for old_id, ids in previous.items() for mid in ids}
    taken: set[str] = set()
    for e in sorted(events, key=lambda e: (-len(e.mentions), e.id)):
        overlaps = Counter(owner[m.mention_id] for m in e.mentions if m.mention_id in owner)
        ranked = sorted((n, old_id) for old_id, n in overlaps.items() if old_id not in taken)
        if ranked:
            best = max(n for n, _ in ranked)
            e.id = min(old_id for n, old_id in ranked if n == best)
            taken.add(e.id)
    seen: set[str] = set()
    for e in events:  # a fresh id that collides with an inherited one
        if e.id in seen:
            e.id = hashlib.sha1((e.id + "|" + e.mentions[0].mention_id).encode("utf-8")).hexdigest()[:16]
        seen.add(e.id)


def doc_of_mention(mention_id: str) -> str:
    """The doc_id inside a mention id ("{doc_id}:{start}:{type}:{k}", see extract_mentions)."""
    return mention_id.rsplit(":", 3)[0]


def group_document(mentions: list[Mention]) -> list[Event]:
    """One article's asserted mentions grouped into its own events (before other sources are seen)."""
    asserted = sorted((m for m in mentions if m.modality is Modality.ASSERTED), key=lambda m: m.sentence.start)
    return [_make_event(g.mentions) for g in _join_street_fragments(_group_document(asserted))]


def _by_document(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)
    return by_doc


def articles_events(mentions: Iterable[Mention]) -> dict[str, list[Event]]:
    """Each article's own events (`group_document`), by doc_id."""
    return {doc_id: group_document(doc_mentions) for doc_id, doc_mentions in _by_document(mentions).items()}


def touched_blocks(mentions: Iterable[Mention], grouped: dict[str, list[Event]] | None = None) -> set[str]:
    """The blocks an incremental run resolves again for these articles' mentions: every day block of
    the weeks their events fall in (events are compared within a week), and each article's own block
    (where its events stood while it had no date). `grouped`: the articles' own events, where the
    caller has them already (`articles_events`)."""
    blocks: set[str] = set()
    for doc_id, events in (grouped if grouped is not None else articles_events(mentions)).items():
        blocks.add(f"doc|{doc_id}")
        for e in events:
            week = block_week(e.block)
            blocks |= week_blocks(week)
            if e.type in LASTING:  # a lasting action may continue one of the week before, or go on into the next
                blocks |= week_blocks(_next_week(week)) | week_blocks(_previous_week(week))
    return blocks


def days_to_meet(article_events: Iterable[Event]) -> tuple[set[dt.date], set[dt.date]]:
    """For an incremental run: the days around these articles' own events (`group_document`) that are
    placed (where stored events no place was found for may join them) and around their unplaced ones
    (where stored placed events may take them in)."""
    placed: set[dt.date] = set()
    unplaced: set[dt.date] = set()
    for e in article_events:
        if (day := _day(e)) is None or (e.date is not None and e.date.precision != "day"):
            continue
        around = {day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)}
        if _unplaced(e):
            unplaced |= around
        elif e.place is not None:
            placed |= around
    return placed, unplaced


def resolve_events(mentions: Iterable[Mention], previous: dict[str, set[str]] | None = None,
                   blocks: set[str] | None = None) -> list[Event]:
    """The one entry point: asserted mentions grouped into events; planned and negated ones left out.

    Each article's mentions are grouped first; its located, dated events are then merged with
    other sources' events of the same block (country and day). `previous` maps the ids of events
    already stored to their mention ids, so a re-resolved event keeps its id; `blocks` limits the
    result to those blocks (an incremental run resolves only the blocks new articles touch).
    """
    by_doc = _by_document(mentions)
    by_block: dict[str, list[Event]] = defaultdict(list)
    for doc_id in sorted(by_doc):
        for e in group_document(by_doc[doc_id]):
            if blocks is None or e.block in blocks:
                by_block[block_week(e.block)].append(e)
    article_terms = {doc: distinctive_terms(m.sentence.text for m in by_doc[doc])
                     for doc in {m.doc_id for events in by_block.values() if len(events) > 1
                                 for e in events for m in e.mentions}}
    weeks = {week: _merge_block(by_block[week], article_terms) for week in sorted(by_block)}
    result = _join_unplaced(_lasting_across_weeks(weeks, by_doc, article_terms), by_doc, article_terms)
    _inherit_ids(result, previous or {})
    return sorted(result, key=lambda e: (e.date.start.isoformat() if e.date and e.date.start else "9999", e.id))
