"""The typed data model of strikewatch. No I/O lives here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Literal

from strikewatch.rules import CARRIED_DATE_RULES

SCHEMA_VERSION = 1


class EventType(str, Enum):
    DEMONSTRATION = "demonstration"
    STRIKE = "strike"
    RIOT = "riot"
    BLOCKADE = "blockade"
    OCCUPATION = "occupation"
    HUNGER_STRIKE = "hunger_strike"
    BOYCOTT = "boycott"


class DatePrecision(StrEnum):
    """How precisely a date span is known: its value is what the exports write."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class PlacePrecision(StrEnum):
    """What kind of place an event is located at: its value is what the exports write."""

    SITE = "site"
    CITY = "city"
    REGION = "region"
    COUNTRY = "country"


class Modality(str, Enum):
    """Whether a mention reports something that happened."""

    ASSERTED = "asserted"
    PLANNED = "planned"  # calls, plans, threats, future tense: never an event
    NEGATED = "negated"
    GENERIC = "generic"  # a statement about the world ("strikes are growing across the continent"), no occurrence
    BACKGROUND = "background"  # an action of an earlier year the report recalls ("the truckers' strike of 2018")


# What the reason of a trigger's evidence says when the sentence is a headline: it names an event the
# article reports (in resolution, the article's event of that type, or its own where there is none).
HEADLINE = "a headline"


# A parsed doc's `user_data[(ENTITY_NAME, start_char, end_char)]`: the name an entity stands for, in
# the nominative, where the parser gives one ("в Минске" -> "Минск", `nlp.ru`); read by the geocoder.
ENTITY_NAME = "entity-name"

# The table of a spaCy vocab's lookups that holds the common nouns its lemmatizer knows, lower case (set
# by `nlp.load_nlp`; the geocoder reads it: "Metro stations were closed" opens on a noun, not a name).
COMMON_NOUNS = "strikewatch-common-nouns"


@dataclass(frozen=True)
class Evidence:
    """Where a field came from: a span of the cleaned text, the rule that set it, and why."""

    text: str
    start: int
    end: int
    rule: str  # a Rule (strikewatch/rules.py); a plain string once read back from a store
    reason: str | None = ""  # None where a date carried from elsewhere gives no why of its own


@dataclass(frozen=True)
class Count:
    """A number of people a sentence reports (arrested, injured, killed) and the words that say it."""

    value: int
    evidence: Evidence


@dataclass
class RawDocument:
    """An article as a reader produced it, before cleaning."""

    source: str  # file path (and line) it came from
    text: str
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    fmt: str = "txt"
    published_month: dt.date | None = None  # when the metadata gives only the month
    published_from: str | None = None  # where `published` came from, when not the file's metadata


@dataclass(frozen=True)
class Rejection:
    """An input that could not be read: reported, counted, never written.

    `skipped`: not an error but a file ingest does not read (its format) or an empty folder.
    """

    source: str
    message: str
    skipped: bool = False


@dataclass
class OffsetMap:
    """Maps offsets in cleaned text back to the original: runs of (clean_start, orig_start, length)."""

    runs: list[tuple[int, int, int]] = field(default_factory=list)

    def to_original(self, offset: int) -> int:
        last_end = 0
        for clean_start, orig_start, length in self.runs:
            if clean_start <= offset < clean_start + length:
                return orig_start + offset - clean_start
            if offset >= clean_start + length:
                last_end = orig_start + length
        return last_end


@dataclass
class Document:
    doc_id: str
    key: str  # hash of the cleaned text
    text: str  # cleaned text
    original: str
    offsets: OffsetMap
    source: str = ""
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    published_from: str | None = None  # metadata | dateline | byline | url | borrowed; "metadata-month", "url-month"
    published_month: dt.date | None = None  # first day of the month, when only the month is known
    language: str = "en"  # ISO 639-1 code of the language it is written in (`ingest.language`)
    # the country of the report it borrowed its date from, a hint for the namesakes of its towns (not stored)
    borrowed_country: str | None = None


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offsets in the cleaned text
    end: int
    paragraph: int


# What the reason of a date's evidence says when the date was read against a report date borrowed
# from another article (`report_date`); resolution and explain look for it.
BORROWED_FROM = "borrowed from"


@dataclass(frozen=True)
class DateSpan:
    start: dt.date | None
    end: dt.date | None
    precision: DatePrecision | None
    evidence: Evidence | None = None

    @property
    def stated(self) -> bool:
        """The sentence itself says when (a date or a background cue), rather than a carried date."""
        return self.evidence is not None and self.evidence.rule not in CARRIED_DATE_RULES

    def carried(self, rule: str, why: str | None = None) -> DateSpan:
        """The same span carried to another sentence, its evidence relabelled with the carrying rule."""
        ev = self.evidence
        return DateSpan(self.start, self.end, self.precision,
                        Evidence(ev.text, ev.start, ev.end, rule, why) if ev else None)


@dataclass(frozen=True)
class SizeClaim:
    low: int
    high: int
    text: str
    claimant: str | None = None
    evidence: Evidence | None = None


@dataclass
class Place:
    name: str
    precision: PlacePrecision
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    gazetteer_id: str | None = None
    evidence: Evidence | None = None


@dataclass
class Mention:
    """One sentence's report of an event, with the fields that sentence supports."""

    doc_id: str
    sentence: Sentence
    type: EventType
    trigger: Evidence
    modality: Modality = Modality.ASSERTED
    date: DateSpan | None = None
    place: Place | None = None
    place_text: str | None = None
    site: str | None = None
    participants: str | None = None
    organizations: list[str] = field(default_factory=list)
    sizes: list[SizeClaim] = field(default_factory=list)
    demands: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    arrests: int | None = None
    injuries: int | None = None
    deaths: int | None = None
    state_response: list[str] = field(default_factory=list)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    start: int = 0  # sentence offsets in the original text
    end: int = 0
    mention_id: str = ""

    @property
    def size_low(self) -> int | None:
        return min((s.low for s in self.sizes), default=None)

    @property
    def size_high(self) -> int | None:
        return max((s.high for s in self.sizes), default=None)


# The state's counts a mention carries (its fields of the same names).
CountField = Literal["arrests", "injuries", "deaths"]


@dataclass(frozen=True)
class ConflictValue:
    """One source's value of a field the sources disagree on: a size range (low, high) or a count
    (n, n) with who gave it, or a site's name (no claimant)."""

    value: tuple[int, int] | str
    doc_id: str
    claimant: str | None = None


@dataclass(frozen=True)
class Conflict:
    """A field on which an event's sources disagree (a size, a site, or a count of arrests, injuries
    or deaths), with every source's value."""

    field: Literal["size", "site", "arrests", "injuries", "deaths"]
    values: list[ConflictValue]


@dataclass
class Event:
    id: str
    type: EventType
    mentions: list[Mention]
    date: DateSpan | None = None
    place: Place | None = None
    confidence: float = 0.5
    conflicts: list[Conflict] = field(default_factory=list)
    block: str = ""  # the resolution block: "CC|YYYY-MM-DD" for a located, dated event, else "doc|DOC_ID"
    merged_because: list[str] = field(default_factory=list)  # why other sources' reports joined it
