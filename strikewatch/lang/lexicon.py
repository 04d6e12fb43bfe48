"""The typed lexicon of one language, read from its data files (`strikewatch/lang/<code>/*.toml`).

Each field of `Lexicon` is one file: `triggers` is `triggers.toml`, `people` is `people.toml`.
Each field of a section is one key of its file, converted to the field's type: a `frozenset[str]`
from a list of words, a `dict[str, EventType]` from a table of words and type names, a
`tuple[tuple[str, int], ...]` from a list of pairs. A key a section does not know is an error (a
typo would otherwise drop a list in silence), and so is a file that is no section; a key a file
leaves out keeps its empty default, so a new language can start with a few files and add the rest.
Fields marked "(Russian)" are read by the Russian rules only (`extract/ru_*.py`), whose words are
lemmas read in every case form.
"""

from __future__ import annotations

import dataclasses
import enum
import re
import tomllib
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from strikewatch.model import EventType


class LexiconError(ValueError):
    """A language's data files do not fit the lexicon's shape."""


def _words() -> frozenset[str]:
    return frozenset()


@dataclass(frozen=True)
class Triggers:
    """Words and phrases that name contentious action, by event type, and what stops a reading."""

    verbs: dict[str, EventType] = field(default_factory=dict)  # lemma -> type
    nouns: dict[str, EventType] = field(default_factory=dict)  # event nouns, by lemma
    agents: dict[str, EventType] = field(default_factory=dict)  # the people taking part, by lemma
    phrases: dict[str, EventType] = field(default_factory=dict)  # lower-cased multi-word expressions
    irregular_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # past forms a lemma's stem misses
    not_event_heads: frozenset[str] = field(default_factory=_words)  # "riot police", "protest movement"
    acting_group_heads: frozenset[str] = field(default_factory=_words)  # (Russian) "митинг движения": whose
    walkout_phrases: tuple[str, ...] = ()  # phrases that may mean leaving a room ...
    context_phrases: tuple[str, ...] = ()  # phrases that report an event only with protesters ("refused food")
    walkout_rooms: frozenset[str] = field(default_factory=_words)  # ... "walked out of the talks": no strike
    needs_protest_context: frozenset[str] = field(default_factory=_words)  # words that need protesters near
    protest_context: frozenset[str] = field(default_factory=_words)  # (Russian) what puts such a word among protests
    protest_context_groups: frozenset[str] = field(default_factory=_words)  # beside people nouns, they put them there
    event_subjects: frozenset[str] = field(default_factory=_words)  # "the march occupied...": beside event nouns
    participle_agents: frozenset[str] = field(default_factory=_words)  # "striking workers"
    light_verbs: frozenset[str] = field(default_factory=_words)  # "staged (a march)": the object's action
    support_stems: tuple[str, ...] = ()  # a crackdown or casualties: a sentence that supports an event
    turnout_phrases: tuple[str, ...] = ()  # "took part": how many took part
    turnout_of_others: tuple[str, ...] = ()  # "the vote", "the census": a turnout that is no crowd's
    crowd_verbs: frozenset[str] = field(default_factory=_words)  # "40,000 people filled the square"
    crowd_subject_numbers: frozenset[str] = field(default_factory=_words)  # "thousands filled...", beside people
    public_spaces: frozenset[str] = field(default_factory=_words)
    public_ways: frozenset[str] = field(default_factory=_words)  # (Russian) "на дорогу": a goal with protest words
    public_causes: frozenset[str] = field(default_factory=_words)  # (Russian) "вышли в поддержку": a crowd's cause
    crowd_motion_verbs: frozenset[str] = field(default_factory=_words)  # "thousands walked to parliament to demand"
    demand_verbs: frozenset[str] = field(default_factory=_words)  # its purpose: "to demand"
    demand_verbs_with: dict[str, frozenset[str]] = field(default_factory=dict)  # "calling for": only with "for"
    not_protesting_crowds: frozenset[str] = field(default_factory=_words)  # "delegates converged on Baku"
    refusal_context: frozenset[str] = field(default_factory=_words)  # (Russian) "не вышли на смену" + "требуя"
    refusal_context_nearby: frozenset[str] = field(default_factory=_words)  # (Russian) ... from another sentence
    people_quantities: frozenset[str] = field(default_factory=_words)  # (Russian) "десятки (рабочих)": people
    crews: frozenset[str] = field(default_factory=_words)  # (Russian) "бригады": people
    app_workers: frozenset[str] = field(default_factory=_words)  # (Russian) "водители (отключили приложение)"
    purpose_phrases: frozenset[str] = field(default_factory=_words)  # "went on strike in protest at": no march
    purpose_verbs: frozenset[str] = field(default_factory=_words)  # "walked out to protest the rules": no march
    purpose_prepositions: frozenset[str] = field(default_factory=_words)  # "..., protesting against cuts"


@dataclass(frozen=True)
class Senses:
    """What makes a trigger word mean something else: blows, fighting, markets, closures."""

    projectiles: frozenset[str] = field(default_factory=_words)  # what a crowd throws
    throwing_verbs: frozenset[str] = field(default_factory=_words)  # a riot only with a projectile
    weapons: frozenset[str] = field(default_factory=_words)  # what strikes a target when "strike" is a blow
    military: frozenset[str] = field(default_factory=_words)  # "air strikes"
    hit_verbs: frozenset[str] = field(default_factory=_words)  # "strikes hit a hospital"
    labour_modifiers: frozenset[str] = field(default_factory=_words)  # "a general strike hit (Belgium)": no blow
    armed_actors: frozenset[str] = field(default_factory=_words)
    civilian_groups: frozenset[str] = field(default_factory=_words)  # beside the civilian people nouns
    not_a_crowd: frozenset[str] = field(default_factory=_words)  # "stocks rallied"
    ways: frozenset[str] = field(default_factory=_words)  # what a blockade blocks
    way_links: frozenset[str] = field(default_factory=_words)  # "the highway linking (A) with (B)": its ends
    road_number: str = "(?!)"  # "the A1", "the I-95": a road named by its number (a regular expression)
    security_actors: frozenset[str] = field(default_factory=_words)  # who closes a road without protesting
    accidental_blockers: frozenset[str] = field(default_factory=_words)  # "a landslide blocked the road"
    fighting_triggers: frozenset[str] = field(default_factory=_words)  # fighting, among armed actors only
    blow_triggers: frozenset[str] = field(default_factory=_words)  # "rockets struck the town"
    occupying_verbs: frozenset[str] = field(default_factory=_words)  # not "the occupied territories"
    blocking_verbs: frozenset[str] = field(default_factory=_words)  # a blockade only of a way
    unblockaded: frozenset[str] = field(default_factory=_words)  # (Russian) "сайт", "аккаунт": blocked with no crowd
    sitting_verbs: frozenset[str] = field(default_factory=_words)  # a blockade when people sit on a way
    gathering_verbs: frozenset[str] = field(default_factory=_words)  # a protest when someone chants
    chanting_verbs: frozenset[str] = field(default_factory=_words)
    mobilizing_verbs: frozenset[str] = field(default_factory=_words)  # "mobilized troops": calling others up
    mobilizing_nouns: frozenset[str] = field(default_factory=_words)
    not_a_crowds_mobilization: frozenset[str] = field(default_factory=_words)  # an army, votes, money
    never_before_blocking_heads: frozenset[str] = field(default_factory=_words)  # "riot police"
    backing_verbs: frozenset[str] = field(default_factory=_words)  # "rallied behind the strikers": backing
    backing_preps: frozenset[str] = field(default_factory=_words)


@dataclass(frozen=True)
class Modality:
    """Cues that make a trigger a plan, a call, a threat or a denial instead of a report."""

    planning_verbs: frozenset[str] = field(default_factory=_words)
    planning_nouns: frozenset[str] = field(default_factory=_words)
    speech_verbs: frozenset[str] = field(default_factory=_words)  # saying, thinking and feeling
    announcing_verbs: frozenset[str] = field(default_factory=_words)  # "announced on Tuesday that": its day
    condition_marks: frozenset[str] = field(default_factory=_words)  # "if", "unless": an action in a condition
    absent_prepositions: frozenset[str] = field(default_factory=_words)  # "without": an action that did not happen
    evoking_verbs: frozenset[str] = field(default_factory=_words)  # "the protests recall (the 2019 riots)"
    outcome_prepositions: frozenset[str] = field(default_factory=_words)  # "may escalate to (a strike)"
    means_prepositions: frozenset[str] = field(default_factory=_words)  # "will answer with (a strike)"
    whether_words: frozenset[str] = field(default_factory=_words)  # "unclear (if)": "if" as "whether"
    supposed_words: frozenset[str] = field(default_factory=_words)  # (Russian) "должен (был пройти)": was to be
    cancelling_verbs: frozenset[str] = field(default_factory=_words)
    under_way_verbs: frozenset[str] = field(default_factory=_words)  # "voted to end / continue their strike": it was on
    negating_determiners: frozenset[str] = field(default_factory=_words)  # "no clashes"
    future_auxiliaries: frozenset[str] = field(default_factory=_words)  # will, may, should...
    will_auxiliaries: frozenset[str] = field(default_factory=_words)  # the future itself
    retrospective_verbs: frozenset[str] = field(default_factory=_words)  # "will go down in history": looks back
    course_verbs: frozenset[str] = field(default_factory=_words)  # "the strike could last weeks": one under way
    timetable_verbs: frozenset[str] = field(default_factory=_words)  # "the strike ends on Thursday": still to come
    right_nouns: frozenset[str] = field(default_factory=_words)  # "the right to strike": a right, no action
    charging_words: frozenset[str] = field(default_factory=_words)  # "charged with rioting": a case's grounds
    planned_adjectives: frozenset[str] = field(default_factory=_words)  # "the planned strike"
    possible_adjectives: frozenset[str] = field(default_factory=_words)  # "a possible strike" (as a modifier)
    likely_adjectives: frozenset[str] = field(default_factory=_words)  # "a strike is likely / looks inevitable"
    past_not_planning: frozenset[str] = field(default_factory=_words)  # "they planned" in the past: no plan
    attempt_verbs: frozenset[str] = field(default_factory=_words)  # "tried to storm": the attempt happened
    intent_verbs: frozenset[str] = field(default_factory=_words)  # "wanted to march", "going to strike"
    future_openers: tuple[str, ...] = ()  # "next" (week), "coming" (Sunday) ...
    future_units: tuple[str, ...] = ()  # ... week, month (and the calendar's weekdays)
    future_phrases: tuple[str, ...] = ()  # "tomorrow", "later this week"
    negating_particles: frozenset[str] = field(default_factory=_words)  # (Russian) "не бастовали"
    absence_words: frozenset[str] = field(default_factory=_words)  # (Russian) "забастовки нет": there is none
    grounds_nouns: frozenset[str] = field(default_factory=_words)  # (Russian) "за участие в протестах": grounds
    punishing_verbs: frozenset[str] = field(default_factory=_words)  # "sentenced (for taking part in protests)"


@dataclass(frozen=True)
class Hedge:
    phrase: str
    counts: bool = False  # also read before counts of people detained, hurt or killed


@dataclass(frozen=True)
class Numbers:
    """Number words, scales, vague quantities and hedges."""

    units: dict[str, int] = field(default_factory=dict)  # "seven" -> 7
    scales: dict[str, int] = field(default_factory=dict)  # "thousand" -> 1000, "k" -> 1000
    figure_scales: tuple[str, ...] = ()  # the scales written after a figure ("5k")
    word_scales: tuple[str, ...] = ()  # the scales that combine with number words ("two hundred")
    indefinite_articles: tuple[str, ...] = ()  # words for one before a scale or unit ("a thousand")
    ordinals: dict[str, int] = field(default_factory=dict)  # "third" -> 3
    hedges: tuple[Hedge, ...] = ()
    vague: tuple[tuple[str, int], ...] = ()  # regular expressions of vague quantities -> a number
    weak_vague: tuple[tuple[str, int], ...] = ()  # too weak to make a crowd in running text
    vague_counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # "several" -> (3, 9)
    vague_lemmas: dict[str, int] = field(default_factory=dict)  # (Russian) lemma sequences, every case form read
    one_unit: dict[str, int] = field(default_factory=dict)  # (Russian) "около тысячи": one thousand, not thousands
    fractions: dict[str, float] = field(default_factory=dict)  # (Russian) "полтора" -> 1.5
    range_openers: tuple[str, ...] = ()  # (Russian) "от" (100 до 200): a range's first figure follows
    range_joiners: tuple[str, ...] = ()  # (Russian) (от 100) "до" (200), besides a dash: the second follows
    measure_patterns: tuple[str, ...] = ()  # regular expressions after a figure that counts no people ("percent")
    total_cues: tuple[str, ...] = ()  # "in total", "split between": a figure summed over places

    def words_for_one(self) -> tuple[str, ...]:
        return (*self.indefinite_articles, *(w for w, n in self.units.items() if n == 1))


class Forms(enum.StrEnum):
    """Which forms of a people noun a rule reads."""

    NONE = ""
    BOTH = "both"  # singular and plural
    PLURAL = "plural"


@dataclass(frozen=True)
class PeopleNoun:
    """One people noun and the rules that read it (see `people.toml`)."""

    lemma: str  # the singular, as the parser lemmatises it
    plural: str
    crowd: Forms = Forms.NONE  # a number of them is a crowd size
    participant: bool = False  # names who acted (in the plural)
    generic: bool = False  # a participant word that says nothing of who they were
    victim: Forms = Forms.NONE  # counted when detained, hurt or killed
    against: Forms = Forms.NONE  # a "demand" naming them is whom an action was against
    civilian: bool = False  # lemma readings of detection
    crowd_subject: bool = False
    protest_context: bool = False
    trade: str = ""  # the walk of life it names ("health" for nurses): crowds of two trades are two crowds

    def forms(self, which: Forms) -> tuple[str, ...]:
        """The surface forms `which` asks for, the plural first."""
        if which is Forms.NONE:
            return ()
        if which is Forms.PLURAL or self.plural == self.lemma:
            return (self.plural,)
        return (self.plural, self.lemma)


@dataclass(frozen=True)
class People:
    """People nouns, one entry each, and the endings of nationalities."""

    nouns: tuple[PeopleNoun, ...] = ()
    demonym_endings: tuple[str, ...] = ()
    # "to demand the hiring of (20,000 teachers)": the people a demand or grievance is about
    grievance_nouns: tuple[str, ...] = ()
    grievance_verbs: tuple[str, ...] = ()  # "plans to evict (1,100 traders)": whom the grievance is about
    # "the strike affects (800,000 students)", "closed schools for (800,000 pupils)": whom an action
    # leaves without a service, not who took part
    affected_verbs: tuple[str, ...] = ()
    affected_nouns: tuple[str, ...] = ()
    noun_lemmas: tuple[str, ...] = ()  # (Russian) people nouns as lemmas, every case form read: counted and acting
    # A plural that is not on the list but ends like a people noun ("machinists", "midwives", "Poles")
    # counts a crowd when the crowd acts ("33,000 machinists walked out"): these endings, and these
    # words that end so but count things or the state's forces.
    acting_plural_endings: tuple[str, ...] = ()
    not_acting_crowds: tuple[str, ...] = ()
    bystander_plurals: tuple[str, ...] = ()  # of those, counted when they themselves protest

    def forms(self, reading: str) -> tuple[str, ...]:
        """The surface forms of the nouns a `Forms` reading (crowd, victim, against) reads, in file order."""
        return tuple(form for noun in self.nouns for form in noun.forms(getattr(noun, reading)))

    def trades(self) -> dict[str, str]:
        """Each form (plural and singular, lower case) of a noun that names a trade -> its trade."""
        return {form: noun.trade for noun in self.nouns if noun.trade for form in (noun.plural, noun.lemma)}

    def plurals(self, flag: str) -> tuple[str, ...]:
        """The plurals of the nouns a yes/no reading (participant, generic) reads, in file order."""
        return tuple(noun.plural for noun in self.nouns if getattr(noun, flag))

    def lemmas(self, flag: str) -> frozenset[str]:
        """The lemmas of the nouns a yes/no reading (civilian, crowd_subject, protest_context) reads."""
        return frozenset(noun.lemma for noun in self.nouns if getattr(noun, flag))


@dataclass(frozen=True)
class Calendar:
    """Names of days and months, in calendar order (Monday first, as `date.weekday()` counts)."""

    weekdays: tuple[str, ...] = ()
    months: tuple[tuple[str, ...], ...] = ()  # each month's name, then its abbreviations
    days_before: dict[str, int] = field(default_factory=dict)  # "yesterday" -> 1
    # "the next day" -> 1, "the day before" -> -1: counted from the day the narrative last stated
    narrative_days: dict[str, int] = field(default_factory=dict)
    open_narrative_days: tuple[str, ...] = ()  # ... those that can take an object ("the day before the vote")
    narrative_directions: dict[str, int] = field(default_factory=dict)  # "(two days) later" -> 1
    count_words: tuple[str, ...] = ()  # the number words that count days ("two weeks ago")
    vague_spans: dict[str, int] = field(default_factory=dict)  # "several" (weeks) -> 5
    unit_days: dict[str, int] = field(default_factory=dict)  # "week" -> 7
    past_units: tuple[str, ...] = ()  # "fortnight": "last fortnight" is the span of one up to the report
    last_week_words: tuple[str, ...] = ()  # (Russian) "в прошлый четверг": the week before
    latest_words: tuple[str, ...] = ()  # (Russian) "минувший": the latest such weekday before the report
    next_week_words: tuple[str, ...] = ()  # (Russian) "в следующую субботу": the week to come
    this_week_words: tuple[str, ...] = ()  # (Russian) "в эту субботу": the current week
    since_words: tuple[str, ...] = ()  # (Russian) "с 13 августа": since that day
    weekday_prepositions: tuple[str, ...] = ()  # (Russian) "во вторник": before a weekday
    weekday_adjectives: tuple[str, ...] = ()  # (Russian) "воскресный" (митинг): that weekday, Monday first
    weekday_adjective_heads: tuple[str, ...] = ()  # (Russian) the actions' nouns such an adjective must modify
    year_words: tuple[str, ...] = ()  # (Russian) "2020 года", "2020 г.": after a year's figure
    until_words: tuple[str, ...] = ()  # "until" (Saturday), "до" (25 октября): a bound, no day anything happened
    every_words: tuple[str, ...] = ()  # "every" (Monday): a weekday that recurs, no day of its own
    recurring_words: tuple[str, ...] = ()  # "weekly" (Friday protests): so, before a weekday and a plural noun
    # (Russian) the ordinals' stems that count an action's days ("вторые сутки", "на третий день") -> N
    action_day_ordinals: dict[str, int] = field(default_factory=dict)
    action_day_units: tuple[str, ...] = ()  # (Russian) the words of a day such an ordinal counts ("сутки", "день")
    earlier_openers: tuple[str, ...] = ()  # (Russian) "Ранее ...": told of some time before the narrative's day
    earlier_opener_not_before: tuple[str, ...] = ()  # (Russian) ... not before these ("прежде всего")
    # Words that open a page's date stamp ("Published:", "Опубликовано"), and those of a stamp that
    # gives the last change rather than the publication ("Updated", "Обновлено").
    night_before: tuple[str, ...] = ()  # "late" (Sunday): a day at its night's edge
    night_after: tuple[str, ...] = ()  # (Sunday) "night"
    night_words: tuple[str, ...] = ()  # "overnight"
    stamp_words: tuple[str, ...] = ()
    update_words: tuple[str, ...] = ()

    def month_names(self) -> tuple[str, ...]:
        """The full name of each month, January first."""
        return tuple(names[0] for names in self.months)


@dataclass(frozen=True)
class Places:
    """Site and place words."""

    site_nouns: tuple[str, ...] = ()  # "the X plant", "the Y building": a workplace or venue
    # "outside parliament", "у парламента": a country's seat of government, in its capital (written forms)
    seats_of_government: tuple[str, ...] = ()
    # a town named for the government that sits there: the subject of these ("Moscow said"), the object of
    # those ("urged Ottawa to step in"), word forms
    governments_saying: frozenset[str] = field(default_factory=_words)
    governments_urged: frozenset[str] = field(default_factory=_words)
    # words before such a seat that make it a region's or a town's ("the regional parliament")
    local_seat_words: tuple[str, ...] = ()
    town_bodies: tuple[str, ...] = ()  # (Russian) "администрация": a town's name after one is that town
    town_parts: tuple[str, ...] = ()  # "the streets of" (Hull): the name after "of" is the town
    inhabitants: tuple[str, ...] = ()  # "residents of" (Arequipa): the name after "of" is their town
    elsewhere_words: tuple[str, ...] = ()  # "Elsewhere, ...": a sentence about other places than the one before
    commentators: frozenset[str] = field(default_factory=_words)  # "analysts (in London) said": no event's town
    town_site_words: frozenset[str] = field(default_factory=_words)  # "the Toulouse ring road": Toulouse's
    town_heads: frozenset[str] = field(default_factory=_words)  # "through Mombasa town": the name is a town's
    workplace_nouns: frozenset[str] = field(default_factory=_words)  # "its Hosur plant": a workplace's town
    town_part_words: tuple[str, ...] = ()  # "the Recife neighbourhood of Cordeiro": a part of the town
    banner_words: tuple[str, ...] = ()  # "banners reading" / "плакат": a quoted slogan follows
    site_after_name: frozenset[str] = field(default_factory=_words)  # "Jinja Road": a town's name naming a site
    road_words: frozenset[str] = field(default_factory=_words)  # "West Street": a road's name, no town's
    square_words: frozenset[str] = field(default_factory=_words)  # "Riad al-Solh Square", as the model names it
    others_words: tuple[str, ...] = ()  # "other colleges also protested": other people or places than before
    town_own_sites: tuple[str, ...] = ()  # "Colombo Town Hall": a site only its own town has
    part_of_town: tuple[str, ...] = ()  # "the Medina neighbourhood of (Dakar)": a part of the town named next
    distance_before: tuple[str, ...] = ()  # "300 km southeast of" (Seoul): patterns of a reference point
    world_regions: frozenset[str] = field(default_factory=_words)  # "Asia", "the Balkans": no event's place
    direction_before: tuple[str, ...] = ()  # "towards" (Delhi), "в сторону" (Грузии): where a way leads, no place
    moving_abroad_before: tuple[str, ...] = ()  # "leaving for Australia": where people go, no event's place
    origin_before: tuple[str, ...] = ()  # "buyers from" (Kazakhstan): where people come from, no event's place
    object_before: tuple[str, ...] = ()  # "weapons to" (Israel), "against" (Russia): what an action is about
    name_particles: frozenset[str] = field(default_factory=_words)  # "Rio Grande do Sul": lower-case inside a name
    capital_words: tuple[str, ...] = ()  # (Russian) "столица": a country's capital, as a lemma
    country_words: frozenset[str] = field(default_factory=_words)  # (Russian) "страна": one's own country
    region_words: tuple[str, ...] = ()  # "Gomel region", "Kano State"
    region_name_endings: tuple[str, ...] = ()  # besides them, dropped from a region's name for its alias
    descriptive_words: frozenset[str] = field(default_factory=_words)  # "Central (Province)": no name alone
    country_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # ISO code -> other names
    demonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # ISO code -> nationality adjectives
    example_cues: tuple[str, ...] = ()  # "including at a port in X": a town as an example
    relative_to_another: frozenset[str] = field(default_factory=_words)  # "after the Paris protest"
    relating_heads: frozenset[str] = field(default_factory=_words)  # "in solidarity with"
    cause_prepositions: frozenset[str] = field(default_factory=_words)  # "marched over the collapse in X"
    nationwide_phrases: tuple[str, ...] = ()  # (Russian) "по всей стране": the whole country
    national_scope: tuple[str, ...] = ()  # "nationwide", "national" (strike): the whole country's stoppage
    general_scope: tuple[str, ...] = ()  # "general" (strike): many workplaces' stoppage, a town's or a country's
    place_prepositions: tuple[str, ...] = ()  # (Russian) "в", "под" (Гродно): before a place's name
    # (Russian) a town's words, undone to its name: an ending of the lemma -> the name's endings for it
    town_adjective_endings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # хабаровский -> Хабаровск
    region_adjective_endings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # лорийский -> Лори (a region)
    resident_endings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # хабаровчанин -> Хабаровск
    town_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # (Russian) a big city -> its irregular words
    common_adjectives: tuple[str, ...] = ()  # (Russian) "советский", "северянин": words first, never a town's
    town_region_words: tuple[str, ...] = ()  # (Russian) "край", "область": a region named after its town
    seat_participles: tuple[str, ...] = ()  # "based" (in X): X is an organisation's seat
    state_abbreviations: dict[str, str] = field(default_factory=dict)  # "Ala." -> "Alabama" (after "Town,")
    owner_nouns: tuple[str, ...] = ()  # "the Italian group": the country of a company's owner, not the place
    language_nouns: tuple[str, ...] = ()  # "English version": a nationality that names a language, not a place
    seat_compounds: tuple[str, ...] = ()  # "(X-)based": the same, written after the place
    legal_forms: frozenset[str] = field(default_factory=_words)  # "OJSC", "ОАО": a company's name (as written)


@dataclass(frozen=True)
class Names:
    """Words about names: capitalised words that name nothing particular."""

    common_capitals: frozenset[str] = field(default_factory=_words)  # "The", "President": in every story
    personal_titles: frozenset[str] = field(default_factory=_words)  # "Mrs", "Dr": a person's name follows


@dataclass(frozen=True)
class Furniture:
    """Page furniture, as regular expressions read case-insensitively (see furniture.toml)."""

    lines: tuple[str, ...] = ()  # a whole line that is furniture
    teaser_openers: tuple[str, ...] = ()  # a line that opens a block of teaser titles
    glued_widgets: tuple[str, ...] = ()  # a widget glued to the last sentence (case as printed)
    read_more: tuple[str, ...] = ()  # a "read more" link's line
    comment_openers: tuple[str, ...] = ()  # a line that heads readers' comments ("Comments (12)")
    comment_signs: tuple[str, ...] = ()  # a line only a comment has ("Reply", "3 hours ago", "Jane R.: ...")


@dataclass(frozen=True)
class Grammar:
    """Function words and other closed classes."""

    function_words: frozenset[str] = field(default_factory=_words)  # "the", "of", "and"
    clause_conjunctions: tuple[str, ...] = ()  # (Russian) ", но", ", однако": after a comma, a new clause
    list_conjunctions: tuple[str, ...] = ()  # (Russian) "и", "а также": between the items of a list
    latter_words: frozenset[str] = field(default_factory=_words)  # (Russian, lemmas) "на последнем": the last named


@dataclass(frozen=True)
class Actors:
    """Who acted and who counted."""

    organization_words: tuple[str, ...] = ()  # "union", "party": an organisation that acts
    body_words: frozenset[str] = field(default_factory=_words)  # "(the Solidarity) union": a name's kind after it
    not_actors: tuple[str, ...] = ()  # police, news agencies and media
    weak_demand_cues: frozenset[str] = field(default_factory=_words)  # "for", "over": only after a trigger
    claimant_roles: tuple[str, ...] = ()  # regular expressions: "police", "(?:interior )?ministry"
    claim_verbs: tuple[str, ...] = ()  # "said", "estimated"
    claim_openers: tuple[str, ...] = ()  # (Russian) "по данным" (МВД): the source follows
    claim_verb_stems: tuple[str, ...] = ()  # (Russian) "организаторы заявили о": the source is the subject
    claimant_heads: dict[str, str] = field(default_factory=dict)  # (Russian) "мвд" -> "police", the English label
    target_nouns: frozenset[str] = field(default_factory=_words)  # "ministry", "president": whom an action is against
    workplace_heads: frozenset[str] = field(default_factory=_words)  # "workers", "strike" (at X): X is the employer


@dataclass(frozen=True)
class Response:
    """The state's answer."""

    means: dict[str, str] = field(default_factory=dict)  # export name -> regular expression
    count_cues: dict[str, str] = field(default_factory=dict)  # arrests|injuries|deaths -> regular expression
    negation_cues: tuple[str, ...] = ()  # "no", "no one", "without" (arrests): none happened
    negation_fillers: tuple[str, ...] = ()  # what may stand between: "any", "further", "were", "reports of"
    held_as_detention: tuple[str, ...] = ()  # regular expressions: "(were held) by police", "in custody"
    cause_openers: tuple[str, ...] = ()  # "after", "to mourn": a count after them set the action off
    cause_clause_ends: tuple[str, ...] = ()  # "; ", ", and": the sentence's own clause again
    part_words: tuple[str, ...] = ()  # "(in Ikeja) alone", "of them": a count of part of those counted

    def any_count_cue(self) -> str:
        """One regular expression for a word of any of the state's counts (arrests, injuries, deaths):
        the detained, hurt or killed counted, not a crowd."""
        return "|".join(f"(?:{cue})" for cue in self.count_cues.values()) or "(?!)"


@dataclass(frozen=True)
class Events:
    """Other events, and statements rather than reports."""

    other_events: tuple[str, ...] = ()  # "election", "deal": events protests follow or answer
    voting: frozenset[str] = field(default_factory=_words)  # one vote by any of these names
    comparisons: tuple[str, ...] = ()  # "the biggest ... since 1991"
    comparing_words: tuple[str, ...] = ()  # "than (on Tuesday)": a comparison's other side, not the day
    commemorations: tuple[str, ...] = ()  # "the anniversary of", "in memory of": what a march marks
    sequence_words: frozenset[str] = field(default_factory=_words)  # "after", "followed": an earlier action
    after_words: frozenset[str] = field(default_factory=_words)  # of them, those that put it before ("after")
    occasions: frozenset[str] = field(default_factory=_words)  # "meeting": protested at it, at its time
    occasion_prepositions: frozenset[str] = field(default_factory=_words)  # "at", "during" (the meeting)
    trend_verbs: frozenset[str] = field(default_factory=_words)  # "protests are growing"
    measure_nouns: frozenset[str] = field(default_factory=_words)  # "turnout at (rallies) has dwindled"
    meaning_verbs: frozenset[str] = field(default_factory=_words)  # "the protests show (the anger of ...)"
    characterising_verbs: frozenset[str] = field(default_factory=_words)  # "strikes have become (a fixture)"
    characterising_words: frozenset[str] = field(default_factory=_words)  # "... a fixture", "... are common"
    spread_words: frozenset[str] = field(default_factory=_words)  # of them, how far actions spread ("widespread")
    causing_verbs: frozenset[str] = field(default_factory=_words)  # "sparked by a fire"
    now_words: tuple[str, ...] = ()  # "the strike continues"
    onset_verbs: frozenset[str] = field(default_factory=_words)  # "since it began (on Monday)": the action's start
    kind_heads: frozenset[str] = field(default_factory=_words)  # "the era of (mass strikes)": a kind of action
    recurrence_words: frozenset[str] = field(default_factory=_words)  # "frequent (strikes)": actions that recur
    likening_words: frozenset[str] = field(default_factory=_words)  # "similar (protests) have been held"
    recurrence_adverbs: frozenset[str] = field(default_factory=_words)  # "have walked out repeatedly"
    witnessing_verbs: frozenset[str] = field(default_factory=_words)  # "(cities) have seen (protests)"
    counter_prefixes: tuple[str, ...] = ()  # "counter" (-protest, -protesters): a crowd against another
    generic_actions: tuple[str, ...] = ()  # "protest", "акци": a noun that names any kind of action
    generic_determiners: tuple[str, ...] = ()  # "the (protest)": ... pointing back to one
    participation_words: tuple[str, ...] = ()  # "участ", "присоедин": taking part in the one named
    own_causes: tuple[str, ...] = ()  # "in support of", "против": a cause that makes an action one of its own


@dataclass(frozen=True)
class Lexicon:
    """Everything strikewatch knows of one language; one field per data file."""

    code: str
    triggers: Triggers = field(default_factory=Triggers)
    senses: Senses = field(default_factory=Senses)
    modality: Modality = field(default_factory=Modality)
    calendar: Calendar = field(default_factory=Calendar)
    people: People = field(default_factory=People)
    numbers: Numbers = field(default_factory=Numbers)
    places: Places = field(default_factory=Places)
    names: Names = field(default_factory=Names)
    furniture: Furniture = field(default_factory=Furniture)
    grammar: Grammar = field(default_factory=Grammar)
    actors: Actors = field(default_factory=Actors)
    response: Response = field(default_factory=Response)
    events: Events = field(default_factory=Events)


def _convert(value: Any, hint: Any, where: str) -> Any:
    """A TOML value as the type a lexicon field declares (a section, a collection or a scalar)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _section(hint, value, where)
    if origin is frozenset:
        return frozenset(_convert(v, args[0], where) for v in _list(value, where))
    if origin is tuple:
        return _tuple(value, args, where)
    if origin in (dict, Mapping):
        if not isinstance(value, dict):
            raise LexiconError(f"{where}: expected a table")
        return {k: _convert(v, args[1], f"{where}.{k}") for k, v in value.items()}
    return _scalar(value, hint, where)


def _tuple(value: Any, args: tuple, where: str) -> tuple:
    items = _list(value, where)
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_convert(v, args[0], where) for v in items)
    if len(items) != len(args):
        raise LexiconError(f"{where}: expected {len(args)} items, got {len(items)}")
    return tuple(_convert(v, a, where) for v, a in zip(items, args, strict=True))


def _scalar(value: Any, hint: Any, where: str) -> Any:
    """An enum member (an event type, a reading's forms) or a plain string, number or flag."""
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(value)
        except ValueError as err:
            raise LexiconError(f"{where}: {value!r} is not one of {[m.value for m in hint]}") from err
    if hint in (str, int, float, bool) and isinstance(value, hint) and not (hint is int and isinstance(value, bool)):
        return value
    raise LexiconError(f"{where}: {value!r} is not a {hint}")


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise LexiconError(f"{where}: expected a list")
    return value


def _section(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: expected a table")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    return cls(**{k: _convert(v, hints[k], f"{where}.{k}") for k, v in data.items()})


def _refuse_unknown_files(code: str, folder: Any, sections: set[str]) -> None:
    """A data file that is no section of the lexicon would be left unread in silence (a typo in its name)."""
    unknown = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml") and p.name[:-5] not in sections)
    if unknown:
        raise LexiconError(f"{code}: unknown data file(s) {', '.join(unknown)} (known: "
                           f"{', '.join(f'{name}.toml' for name in sorted(sections))})")


def read_lexicon(code: str, folder: Any) -> Lexicon:
    """The lexicon of `code` from the TOML files in `folder` (a path or an importlib resource)."""
    sections: dict[str, Any] = {}
    hints = typing.get_type_hints(Lexicon)
    _refuse_unknown_files(code, folder, set(hints) - {"code"})
    for section in dataclasses.fields(Lexicon):
        if section.name == "code":
            continue
        data_file = folder / f"{section.name}.toml"
        if not data_file.is_file():
            continue
        try:
            data = tomllib.loads(data_file.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as err:
            raise LexiconError(f"{code}/{section.name}.toml: {err}") from err
        sections[section.name] = _section(hints[section.name], data, f"{code}/{section.name}.toml")
    return Lexicon(code=code, **sections)


def phrase_pattern(phrases: Iterable[str]) -> str:
    """Data phrases as one regular expression: each a literal, its words apart by any whitespace,
    the longest first; "(?!)" (that matches nothing) for none."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered) or "(?!)"


def available() -> tuple[str, ...]:
    """The codes of the languages with a data folder."""
    root = resources.files("strikewatch.lang")
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "triggers.toml").is_file()))


@cache
def lexicon(code: str) -> Lexicon:
    """The lexicon of one language (an ISO 639-1 code such as "en"), read once and kept."""
    folder = resources.files("strikewatch.lang") / code
    if not folder.is_dir():
        raise LexiconError(f"no language data for {code!r} (known: {', '.join(available()) or 'none'})")
    return read_lexicon(code, folder)
