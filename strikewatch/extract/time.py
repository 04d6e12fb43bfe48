"""Time: date expressions in a sentence resolved against the publication date.

Resolved: explicit dates (with or without year, "August 28 last year", "on the 12th"), weekday
names, yesterday / today / last night, "last week" / "earlier this week" / "over the weekend"
(spans), "a week ago", "last month", "last year", "since August 13", "for an eighth straight day",
"have been striking for two weeks" / "has been on hunger strike for 20 days" (up to the report),
years, "the third anniversary of the December revolution" (counted from a dated December
elsewhere in the article), and "the next day" / "the day before" (counted from the day the text
stated last before them: in the sentence, else `narrative_day`).
Without a publication date, only expressions that carry their own year resolve, with two stand-ins
that the caller may give: a month whose year dates "October 11" (`published_month`), and the
article's main stated day for spans counted back from the report (`main_day`). Nothing is ever
resolved against today's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from strikewatch.ingest.metadata import month_number, month_pattern
from strikewatch.lang import lexicon, phrase_pattern
from strikewatch.model import DatePrecision, DateSpan, Evidence
from strikewatch.rules import Rule

LANGUAGE = "en"  # whose calendar and number words (strikewatch/lang/en) the patterns read


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Words:
    """The calendar and number words the date rules read, from the lexicon."""

    weekdays: tuple[str, ...]  # Monday first
    ordinals: dict[str, int]  # "third" -> 3
    counts: dict[str, int]  # "two" (weeks ago) -> 2, "a" -> 1
    vague_spans: dict[str, int]  # "several" (weeks) -> 5
    unit_days: dict[str, int]  # "week" -> 7
    days_before: dict[str, int]  # "yesterday" -> 1
    narrative_days: dict[str, int]  # "the next day" -> 1, from the day the narrative last stated
    open_narrative_days: tuple[str, ...]  # "the day before" (the vote): only where punctuation follows
    narrative_directions: dict[str, int]  # "(two days) later" -> 1, "earlier" -> -1


@cache
def _words() -> _Words:
    lex = lexicon(LANGUAGE)
    numbers, calendar = lex.numbers, lex.calendar
    values = {**numbers.units, **{w: 1 for w in numbers.indefinite_articles}}
    return _Words(calendar.weekdays, numbers.ordinals, {w: values[w] for w in calendar.count_words},
                  calendar.vague_spans, calendar.unit_days, calendar.days_before, calendar.narrative_days,
                  calendar.open_narrative_days, calendar.narrative_directions)


def _narrative_pattern(words: _Words) -> str:
    """The narrative's days ("the next day"); those that can take an object only before punctuation."""
    closed = [w for w in words.narrative_days if w not in words.open_narrative_days]
    alternatives = [f"(?:{_alternatives(closed) or '(?!)'})".replace("\\ ", r"\s+")]
    if words.open_narrative_days:
        open_words = _alternatives(words.open_narrative_days).replace("\\ ", r"\s+")
        alternatives.append(rf"(?:{open_words})(?=\s*(?:[,.;:!?)\"”’—–]|$))")
    return "|".join(alternatives)


@cache
@cache
def _event_words() -> str:
    """The words of an event a month and year may name ("the December 2001 crisis"): every trigger noun
    and other event of the lexicon, singular or plural."""
    lex = lexicon(LANGUAGE)
    words = {*lex.triggers.nouns, *lex.events.other_events, "crisis", "massacre", "killings", "clashes"}
    return "|".join(re.escape(w) + "(?:e?s)?" for w in sorted(words, key=len, reverse=True) if " " not in w)


def _ordinal_pattern() -> str:
    """An ordinal in words or figures ("third", "3rd"), as a regular expression."""
    return r"(?:" + "|".join(sorted(_words().ordinals, key=len, reverse=True)) + r"|\d+(?:st|nd|rd|th))"


def _shapes() -> list[tuple[str, re.Pattern[str]]]:
    """The date expressions, in the order they are tried, built from the lexicon at first use."""
    words = _words()
    month = month_pattern()
    weekday = f"(?:{_alternatives(words.weekdays)})"
    ordinal = _ordinal_pattern()
    num_words = "|".join(sorted((w for w in words.counts if len(w) > 2), key=len, reverse=True))
    relative_day = _alternatives(words.days_before).replace("\\ ", " ")
    units = _alternatives(words.unit_days)
    past_units = _alternatives(lexicon(LANGUAGE).calendar.past_units) or "(?!)"
    return [
        # "the third anniversary of the December Revolution": first, so the date inside is not read alone
        ("anniversary", re.compile(rf"\b(?P<o>{ordinal})\s+anniversary\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?"
                                   rf"(?P<m>{month})(?:\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?)?"
                                   rf"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b", re.I)),
        ("since", re.compile(rf"\bsince\s+(?:(?P<m>{month})\s+(?P<d>\d{{1,2}})(?!\d)|(?P<d2>\d{{1,2}})\s+(?P<m2>{month})(?!\w))"
                             rf"(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?", re.I)),
        ("month-day", re.compile(rf"\b(?P<m>{month})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b"
                                 rf"|(?P<ly>\s+last\s+year)\b)?", re.I)),
        ("day-month", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{month})(?!\w)(?:,?\s+(?P<y>(?:19|20)\d\d)\b"
                                 rf"|(?P<ly>\s+last\s+year)\b)?", re.I)),
        ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mo>\d\d)-(?P<d>\d\d)\b")),
        # "24/01/2024", "22.08.2024": day first, as most of the world writes it (`_numeric_day`)
        ("numeric", re.compile(r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)(?![\d/]|\.\d)")),
        # "overnight into Wednesday": the night that began the day before
        # "overnight on Sunday": that night, not the night before the report
        ("weekday", re.compile(rf"\b(?:(?P<into>overnight\s+(?:into|to)\s+)|overnight\s+(?:on|of)\s+|"
                               rf"(?P<rel>last|this|on|past|next)\s+)?"
                               rf"(?P<w>{weekday})(?:'s)?\b"
                               r"(?:,?\s+(?:of\s+)?(?P<wk>last|this|next)\s+week\b"
                               # "on Wednesday and Thursday last week": the week both days are of
                               rf"|(?=\s+(?:and|or|to|through|until)\s+(?:{weekday})(?:'s)?,?\s+(?:of\s+)?"
                               r"(?P<wk2>last|this|next)\s+week\b))?", re.I)),
        # "the next day", "the day before": from the day the narrative last stated (`find_dates`)
        ("narrative-day", re.compile(rf"\b(?P<r>{_narrative_pattern(words)})\b", re.I)),
        # "two days later": a count of days or weeks from the same day
        ("narrative-day", re.compile(rf"\b(?P<n>a|an|{num_words}|\d+)\s+(?P<u>days?|weeks?)\s+"
                                     rf"(?P<dir>{_alternatives(words.narrative_directions) or '(?!)'})\b"
                                     r"(?!\s+than\b)", re.I)),
        ("relative-day", re.compile(rf"\b(?P<r>{relative_day})\b", re.I)),
        # "five years ago today": that day, years back (an anniversary), not today
        ("ago", re.compile(rf"\b(?P<n>a|an|{num_words}|\d+)\s+(?P<u>(?:{units})s?)\s+ago(?:\s+today)?\b", re.I)),
        # "(the rally came) a day after (thousands marched)", "A day before, ...": from the narrative's day
        ("day-offset", re.compile(rf"\b(?P<n>a|{num_words})\s+days?\s+(?P<way>after|earlier|before|later)\b"
                                  r"(?!\s+than\b)", re.I)),
        ("weekend", re.compile(r"\b(?:(?:over|at|during)\s+the|last|this|past)\s+weekend\b", re.I)),
        ("week", re.compile(r"\b(?P<r>(?:earlier|later)\s+(?:this|in\s+the)\s+week|last\s+week|this\s+week|past\s+week|in\s+recent\s+weeks|recent\s+weeks)\b", re.I)),
        ("month", re.compile(r"\b(?P<r>last\s+month|this\s+month|earlier\s+this\s+month)\b", re.I)),
        ("year-relative", re.compile(r"\b(?P<r>last|this|past)\s+year\b", re.I)),
        # "on the 12th": a day of the report's month (of the month before, when still to come)
        ("day-of-month", re.compile(r"\bon\s+the\s+(?P<d>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:of\s+\w+|anniversary|"
                                    r"day|century|floor|time|round|minute|hour|lap|attempt))", re.I)),
        # present perfect progressive: an action still going on when the report was written
        ("ongoing", re.compile(r"\b(?:have|has)\s+(?:been\s+(?:[\w-]+ing|on\s+(?:an?\s+)?(?:[\w-]+\s+)?strike)|"
                               r"(?:protested|demonstrated|rallied|marched|struck|picketed|camped))\s+"
                               r"(?:[\w-]+\s+){0,4}?for\s+(?:the\s+(?:past|last)\s+|more\s+than\s+|over\s+)?"
                               rf"(?:(?P<n>a\s+few|several|many|a|an|{num_words}|\d+)\s+)?"
                               r"(?P<u>days?|weeks?|months?)\b", re.I)),
        # "in the past two weeks": a span up to the report
        ("past-n", re.compile(rf"\b(?:in|over|during|for)\s+the\s+(?:past|last)\s+(?P<n>a\s+few|several|{num_words}|"
                              rf"\d+)\s+(?P<u>days|weeks|months)\b", re.I)),
        # "last fortnight": one unit up to the report
        ("past-n", re.compile(rf"\b(?:the\s+)?(?:past|last)\s+(?P<n>)(?P<u>{past_units})\b", re.I)),
        # "on the second day (of the sit-in)": counted from the start the article dates
        ("nth-day-of", re.compile(rf"\bon\s+(?:the|its|their)\s+(?P<o>{ordinal})\s+day\b", re.I)),
        ("nth-day", re.compile(rf"\b(?:for\s+(?:a|an|the)|(?:entered|entering|enters|marks|marking|into|in)\s+"
                               rf"(?:its|their|a|the))\s+(?P<o>{ordinal})\s+(?:and\s+(?:final|last)\s+)?"
                               rf"(?:straight\s+|consecutive\s+|successive\s+)?day\b", re.I)),
        # "in April and May 2006": the months of a list, of the year that closes it
        ("month-only", re.compile(rf"\b(?:(?P<q>late|early|mid|last|in|this|since|from|during|throughout)\s*-?\s+)(?P<m>{month})(?!\s+\d{{1,2}}\b)"
                                  rf"(?:(?:\s*,\s*|\s+(?:and|or|to|through|until)\s+|\s*[-–]\s*)(?P<m_last>{month})"
                                  rf"(?!\s+\d{{1,2}}\b))*(?:,?\s+(?P<y>(?:19|20)\d\d))?\b", re.I)),
        # "the December 2001 crisis", "the riots of March 2019": a month of a stated year naming an event
        # (not "the December 2023 decree", "the June 2024 finance bill": what a protest is against)
        ("month-only", re.compile(rf"\b(?:(?:the|its|their)\s+(?P<m>{month}),?\s+(?P<y>(?:19|20)\d\d)"
                                  rf"(?=\s+(?:{_event_words()})\b)|(?:{_event_words()})\s+of\s+(?P<m2>{month}),?\s+"
                                  rf"(?P<y2>(?:19|20)\d\d)\b)(?P<m_last>(?!))?", re.I)),
        # "the 2017 protests", "the 1991 uprising", "the 2020-21 protests": a year that names an earlier
        # wave dates it ("the 2024 Finance bill", a law's name, does not)
        ("year-attributive", re.compile(r"\b(?:the|its|their)\s+(?P<y>(?:19|20)\d\d)(?:[-–/](?P<y2>\d\d(?:\d\d)?))?\s+"
                                        r"(?=(?-i:[a-z]))", re.I)),
        ("year", re.compile(r"\b(?:in|since|of|during)\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
        # "in the 1990s", "during the early 2000s": the decade's years
        ("decade", re.compile(r"\b(?:in|since|of|during|through(?:out)?)\s+the\s+(?:early\s+|mid-?|late\s+)?"
                              r"(?P<y>(?:19|20)\d)0['’]?s\b", re.I)),
    ]


# Expressions that only measure back from the report ("for the third day", "over the weekend"):
# without its date they tell nothing, not even which of two events is which.
_SPANS_TO_THE_REPORT = {"nth-day", "ongoing", "past-n", "weekend", "year-relative", "day-of-month"}


@dataclass(frozen=True)
class DateMention:
    span: DateSpan
    start: int  # offsets within the sentence
    end: int


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_day(month: int, day: int, year: int | None, published: dt.date | None) -> dt.date | None:
    if year is not None:
        return _safe(year, month, day)
    if published is None:
        return None
    candidate = _safe(published.year, month, day)
    if candidate and candidate > published + dt.timedelta(days=7):  # "December 28" read in January
        candidate = _safe(published.year - 1, month, day)
    return candidate


def _last_weekday(name: str, published: dt.date, strictly_before: bool) -> dt.date:
    back = (published.weekday() - _words().weekdays.index(name.lower())) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - dt.timedelta(days=back)


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return dt.date(year, month, 1), nxt - dt.timedelta(days=1)


def _ordinal(text: str) -> int:
    """'third' -> 3, '30th' -> 30."""
    text = text.lower()
    return _words().ordinals.get(text) or int(re.sub(r"\D", "", text))


def _anniversary(g: dict[str, str | None], history: Sequence[dt.date]) -> tuple[dt.date | None, dt.date | None, str]:
    """The Nth anniversary of a month named in the phrase: its origin is the phrase's own date, else
    the earliest dated day of that month (and day, if given) elsewhere in the article."""
    years = _ordinal(g["o"] or "")
    month = month_number(g["m"] or "")
    stated_day, stated_year = g.get("d"), g.get("y")
    day = int(stated_day) if stated_day else None
    if month is None:  # the pattern matched a month name: never so
        return _UNRESOLVED
    if stated_year:
        origins = [d for d in [_safe(int(stated_year), month, day or 1)] if d]
    else:
        origins = sorted(d for d in history if d.month == month and (day is None or d.day == day))
    if not origins:
        return None, None, ""
    origin = origins[0]
    if stated_year and day is None:
        return (*month_span(origin.year + years, month), "month")
    found = _safe(origin.year + years, origin.month, origin.day)
    return found, found, "day"


def _nth_day_of(n: int, history: Sequence[dt.date], published: dt.date | None) -> tuple[dt.date | None, dt.date | None, str]:
    """The Nth day of an action that the article dates: counted from the earliest day it states in
    the month up to its latest (or the report's) day; with none, no day at all (never the report's)."""
    latest = published or max(history, default=None)
    recent = [d for d in history if latest and latest - dt.timedelta(days=31) <= d <= latest]
    if not recent:
        return None, None, ""
    day = min(recent) + dt.timedelta(days=n - 1)
    return day, day, "day"


Resolved = tuple[dt.date | None, dt.date | None, str]  # start, end, precision ("" when unresolved)
_UNRESOLVED: Resolved = (None, None, "")


@dataclass(frozen=True)
class Reference:
    """What a date expression is resolved against: the publication day; with only the publication
    month known, its last day (`month_end`), which finds just the year of "August 19" or "in March";
    and the article's fully dated days (`history`), the origins of anniversaries."""

    published: dt.date | None
    month_end: dt.date | None = None
    history: Sequence[dt.date] = ()


Resolver = Callable[[re.Match[str], Reference], Resolved]


def _from_the_report(resolve: Callable[[re.Match[str], dt.date], Resolved]) -> Resolver:
    """A resolver for an expression that counts from the day of publication: none without it."""
    return lambda m, ref: resolve(m, ref.published) if ref.published is not None else _UNRESOLVED


def _anniversary_of(m: re.Match[str], ref: Reference) -> Resolved:
    return _anniversary(m.groupdict(), ref.history)


def _nth_day_of_action(m: re.Match[str], ref: Reference) -> Resolved:
    return _nth_day_of(_ordinal(m["o"]), ref.history, ref.published)


def _named_day(m: re.Match[str], ref: Reference) -> Resolved:
    """"August 28", "28 August 2020", "August 28 last year"; "since August 13" runs up to the report."""
    g = m.groupdict()
    month = month_number(g.get("m") or g.get("m2") or "")
    day = int(g.get("d") or g.get("d2") or 0)
    year = int(g["y"]) if g.get("y") else None
    reference = ref.published or ref.month_end
    if g.get("ly") and reference:  # "on August 28 last year"
        year = reference.year - 1
    start = _month_day(month, day, year, reference) if month else None
    return start, ref.published if _is_since(m) else start, "day"


def _iso_day(m: re.Match[str], ref: Reference) -> Resolved:
    day = _safe(int(m["y"]), int(m["mo"]), int(m["d"]))
    return day, day, "day"


def _numeric_day(m: re.Match[str], ref: Reference) -> Resolved:
    """A date in figures: with dots, day first ("22.08.2024"); with slashes, day first where the first
    number cannot be a month, month first where the second cannot; "03/04/2024" could be either, and
    is left unread rather than guessed."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    if m["sep"] == "." or a > 12:
        day = _safe(year, b, a)
    elif b > 12:
        day = _safe(year, a, b)
    else:
        return _UNRESOLVED
    return day, day, "day"


def _weekday(m: re.Match[str], published: dt.date) -> Resolved:
    rel, week = (m["rel"] or "").lower(), (m["wk"] or m["wk2"] or "").lower()
    if "next" in (rel, week):
        return _UNRESOLVED
    if week:  # "Thursday last week": that weekday of the calendar week named
        back = 7 if week == "last" else 0
        day = week_of(published)[0] - dt.timedelta(days=back) + dt.timedelta(days=_words().weekdays.index(m["w"].lower()))
        return day, day, "day"
    day = _last_weekday(m["w"], published, strictly_before=rel in {"last", "past"})
    if m["into"]:
        day -= dt.timedelta(days=1)
    return day, day, "day"


def _relative_day(m: re.Match[str], published: dt.date) -> Resolved:
    day = published - dt.timedelta(days=_words().days_before[re.sub(r"\s+", " ", m["r"].lower())])
    return day, day, "day"


def _ago(m: re.Match[str], published: dt.date) -> Resolved:
    n = _words().counts.get(m["n"].lower()) or int(m["n"]) if not m["n"].isdigit() else int(m["n"])
    unit = m["u"].lower().rstrip("s")
    day = published - dt.timedelta(days=_words().unit_days[unit] * n)
    if unit == "year":  # "five years ago today": the same day of the month, years back
        day = _safe(published.year - n, published.month, published.day) or day
    return day, day, "day" if _words().unit_days[unit] < _words().unit_days["month"] else unit


def _weekend(m: re.Match[str], published: dt.date) -> Resolved:
    """The latest Saturday and Sunday up to the report ("last": before a weekend report's)."""
    return (*latest_weekend(published, before_this_one=m.group(0).lower().startswith("last")), "week")


def latest_weekend(published: dt.date, before_this_one: bool = False) -> tuple[dt.date, dt.date]:
    """The latest Saturday and Sunday up to the report day (with `before_this_one`, read on a weekend,
    the one before it); for every language's "last weekend"."""
    saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
    if before_this_one and published.weekday() >= 5:
        saturday -= dt.timedelta(days=7)
    return saturday, min(saturday + dt.timedelta(days=1), published)


def last_month(published: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar month before the report's."""
    prev = published.replace(day=1) - dt.timedelta(days=1)
    return month_span(prev.year, prev.month)


def _week(m: re.Match[str], published: dt.date) -> Resolved:
    r = m["r"].lower()
    if r.startswith("last"):
        return (*week_of(published - dt.timedelta(days=7)), "week")
    if "recent" in r:
        return published - dt.timedelta(days=28), published, "month"
    if "past" in r:
        return published - dt.timedelta(days=7), published, "week"
    return week_of(published)[0], published, "week"


def _month(m: re.Match[str], published: dt.date) -> Resolved:
    if m["r"].lower().startswith("last"):
        return (*last_month(published), "month")
    return published.replace(day=1), published, "month"


def _year_relative(m: re.Match[str], published: dt.date) -> Resolved:
    r = m["r"].lower()
    if r == "last":
        return dt.date(published.year - 1, 1, 1), dt.date(published.year - 1, 12, 31), "year"
    if r == "past":
        return published - dt.timedelta(days=365), published, "year"
    return dt.date(published.year, 1, 1), published, "year"


def _day_of_month(m: re.Match[str], published: dt.date) -> Resolved:
    day = int(m["d"])
    month_start = published.replace(day=1)
    if day > published.day:
        month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
    found = _safe(month_start.year, month_start.month, day)
    return found, found, "day"


def _span_to_the_report(m: re.Match[str], published: dt.date) -> Resolved:
    """"Have been striking for two weeks", "in the past few days": a span ending at the report."""
    plural = m["u"].lower().endswith("s")
    said = re.sub(r"\s+", " ", (m["n"] or ("a few" if plural else "one")).lower())  # "for weeks": a few
    n = _words().vague_spans.get(said) or _words().counts.get(said) or int(said)
    days = _words().unit_days[m["u"].lower().rstrip("s")] * n
    return published - dt.timedelta(days=days), published, "week" if days <= 7 else "month"


def _nth_day(m: re.Match[str], published: dt.date) -> Resolved:
    """"For the third straight day": the Nth day is the day reported, not the first day's event."""
    return published, published, "day"


def _month_only(m: re.Match[str], ref: Reference) -> Resolved:
    """"In March", "late March 2020": the year stated, else the latest such month up to the report
    (or up to the publication month)."""
    month = month_number(m["m"] or m.groupdict().get("m2") or "")
    stated = m["y"] or m.groupdict().get("y2")
    reference = ref.published or ref.month_end
    if not month or (not stated and reference is None):
        return _UNRESOLVED
    year = int(stated) if stated else reference.year - (month > reference.month)  # type: ignore[union-attr]
    last = month_number(m["m_last"]) if m["m_last"] else None
    if last and last < month and m["y"]:  # "from November to January 2024": the list runs over New Year
        return month_span(year - 1, month)[0], month_span(year, last)[1], "month"
    end = month_span(year, last)[1] if last and last > month else month_span(year, month)[1]
    return month_span(year, month)[0], end, "month"


def _from_the_narrative(m: re.Match[str], ref: Reference) -> Resolved:
    """"The next day": read by `find_dates`, which knows the days stated before it (`_narrative_day`)."""
    return _UNRESOLVED


def _year(m: re.Match[str], ref: Reference) -> Resolved:
    y = int(m["y"])
    last = m.groupdict().get("y2")  # "the 2020-21 protests": both years
    end = y if not last else int(last) if len(last) == 4 else y // 100 * 100 + int(last)
    if end < y:  # "the 1999-00 season": the next century's year
        end += 100
    return dt.date(y, 1, 1), dt.date(end, 12, 31), "year"


def _decade(m: re.Match[str], ref: Reference) -> Resolved:
    first = int(m["y"]) * 10
    return dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "year"


_RESOLVERS: dict[str, Resolver] = {
    "anniversary": _anniversary_of, "since": _named_day, "month-day": _named_day, "day-month": _named_day,
    "iso": _iso_day, "numeric": _numeric_day, "weekday": _from_the_report(_weekday), "relative-day": _from_the_report(_relative_day),
    "ago": _from_the_report(_ago), "day-offset": _from_the_narrative,
    "weekend": _from_the_report(_weekend), "week": _from_the_report(_week), "month": _from_the_report(_month),
    "year-relative": _from_the_report(_year_relative), "day-of-month": _from_the_report(_day_of_month),
    "ongoing": _from_the_report(_span_to_the_report), "past-n": _from_the_report(_span_to_the_report),
    "nth-day-of": _nth_day_of_action, "narrative-day": _from_the_narrative, "nth-day": _from_the_report(_nth_day),
    "month-only": _month_only,
    "year-attributive": _year, "year": _year, "decade": _decade,
}


@cache
def patterns() -> list[tuple[str, re.Pattern[str], Resolver]]:
    """The rows, in the order they are tried: each expression's kind, its pattern (built from the
    lexicon at first use) and how it resolves."""
    return [(kind, pattern, _RESOLVERS[kind]) for kind, pattern in _shapes()]


def day_of_action(sentence: str) -> int | None:
    """Which day of an action the sentence says it reports ("entered its fourth day", "for a third
    straight day", "on its second day", "on Wednesday, the third and final day of the strike"): N, else None."""
    for kind, pattern, _resolve in patterns():
        if kind in ("nth-day", "nth-day-of") and (m := pattern.search(sentence)):
            return _ordinal(m["o"].lower())
    m = _day_named_of_action().search(sentence)
    return _ordinal(m["o"].lower()) if m else None


@cache
def _day_named_of_action() -> re.Pattern[str]:
    """A day the sentence names, then which day of the action it was: "(on Wednesday,) the third and final
    scheduled day of a strike" (an appositive: the weekday dates it, the ordinal counts it)."""
    return re.compile(rf",\s+(?:the|its|their)\s+(?P<o>{_ordinal_pattern()})\s+(?:and\s+(?:final|last)\s+)?(?:[a-z]+\s+)?"
                      rf"day\s+of\s+(?:a|an|the|its|their)\s+(?!(?:month|year|week|session|term|season)\b)", re.I)


def _read_otherwise(kind: str, m: re.Match[str], sentence: str, taken: list[tuple[int, int]]) -> bool:
    """A match that names no day of its own: a newspaper's name ("the Sunday Times"), a weekday
    before the date it names ("on Tuesday, July 2": read from its date), "today" after "five years
    ago" (the day years back: "ago" reads the whole phrase)."""
    if kind == "weekday":
        return bool(re.match(r"\s+(?:Times|Post|Telegraph|Express|Herald|Mail)\b", sentence[m.end():])) or \
            _names_the_date_after(sentence, m, taken) or _recurs(sentence, m)
    return kind == "relative-day" and bool(re.search(r"\bago\s+$", sentence[:m.start()], re.I))


@cache
def _recurring() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What makes a weekday a habit: a word before it ("every Monday"), or a word before it and a
    plural noun after it ("their Monday gatherings")."""
    calendar = lexicon(LANGUAGE).calendar
    every, recurring = phrase_pattern(calendar.every_words), phrase_pattern(calendar.recurring_words)
    return (re.compile(rf"(?<![\w'’])(?:{every or '(?!)'})\s+(?:single\s+)?$", re.I),
            re.compile(rf"(?<![\w'’])(?:{recurring or '(?!)'})\s+(?:(?:{recurring or '(?!)'})\s+)?$", re.I))


# The plural right after the weekday ("Thursday vigils"; not "their supporters Saturday blocked roads")
_PLURAL_NOUN_AFTER = re.compile(r"\s+[a-z]{3,}(?<!ss)(?<!us)(?<!is)s\b(?!['’])")


def _recurs(sentence: str, m: re.Match[str]) -> bool:
    """"Every Monday", "their Friday vigils": a weekday that comes round each week names no day (a
    bare weekday only; "last Monday" is one)."""
    if m["rel"] or m["into"] or m["wk"] or m["wk2"] or m.group(0).lower().endswith("'s"):
        return False
    every, recurring = _recurring()
    before = sentence[max(0, m.start() - 40):m.start()]
    return every.search(before) is not None or (
        recurring.search(before) is not None and _PLURAL_NOUN_AFTER.match(sentence, m.end()) is not None)


def _names_the_date_after(sentence: str, m: re.Match[str], taken: list[tuple[int, int]]) -> bool:
    """The weekday stands before a date the sentence states ("Tuesday, July 2", "Tuesday 2 July")."""
    gap = re.match(r",?\s+(?:the\s+)?", sentence[m.end():])
    at = m.end() + (gap.end() if gap else 0)
    return gap is not None and any(a == at for a, _ in taken)


@cache
def _future_before() -> re.Pattern[str]:
    """A future auxiliary or a phrase of what is still to come, a few words before a weekday ("will
    strike on Friday", "is set to end on Wednesday", "are due to march on Monday")."""
    modality = lexicon(LANGUAGE).modality
    # "due to" + a verb ("due to end"), not a cause ("due to the strike"); "was set to" looks back
    # a timetable verb, not the noun ("both ends of the bridge on Monday")
    timetable = rf"(?<!\bboth\s)(?<!\bthe\s)(?<!\btwo\s)(?:{phrase_pattern(modality.timetable_verbs)})(?!\s+of\b)"
    markers = [re.escape(w) for w in modality.will_auxiliaries] + [timetable] + [
        r"(?<!was\s)(?<!were\s)(?:set|due|expected|scheduled)\s+to(?=\s+(?!the\b|a\b|an\b|this\b|its\b|their\b)\w)"]
    return re.compile(rf"(?<![\w'’])(?:{'|'.join(markers)})\s+(?P<words>(?:[\w'’-]+\s+){{0,3}})(?:on\s+)?$", re.I)


_CLOCK_TIME = re.compile(r"\b\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.m\.|[ap]m\b)|\b\d{1,2}[:.]\d\d\b", re.I)


def _still_to_come(sentence: str, m: re.Match[str]) -> bool:
    """A bare weekday ("on Wednesday", no "last") after a future phrase in its clause: the coming one."""
    if (m["rel"] or "").lower() in {"last", "past"} or m["wk"] or m["wk2"]:
        return False
    before = _CLOCK_TIME.sub("clock", sentence[max(0, m.start() - 60):m.start()])  # "at 7 a.m. Monday"
    before = re.split(r"[.;:,]", before)[-1]
    found = _future_before().search(before + ("" if before.endswith(" ") else " "))
    if found is None:
        return False
    # "who will be affected marched on Tuesday": a verb in the past between is the weekday's own
    words = found.group("words").split()
    return not any(w.lower().endswith("ed") and (k == 0 or words[k - 1].lower() not in ("be", "been"))
                   for k, w in enumerate(words))


def _next_weekday(name: str, published: dt.date) -> dt.date:
    """The weekday on or after the report's day."""
    return published + dt.timedelta(days=(_words().weekdays.index(name.lower()) - published.weekday()) % 7)


def _is_since(m: re.Match[str]) -> bool:
    # the compiled patterns kept once (`patterns`): `_shapes` compiles anew, and re's own cache may not hold them
    return any(kind == "since" and m.re is pattern for kind, pattern, _resolve in patterns())


def find_dates(sentence: str, published: dt.date | None, offset: int = 0,
               published_month: dt.date | None = None, history: Sequence[dt.date] = (),
               main_day: dt.date | None = None, kinds: Sequence[str] | None = None,
               narrative_day: dt.date | None = None) -> list[DateMention]:
    """Every date expression in the sentence (of these `kinds`, by default all), resolved where it can
    be; overlapping matches keep the first.

    `published_month` (its first day) stands in, for the year only, when the day of publication is unknown.
    `history`: the days the whole article dates with a year (`dated_days`), for anniversaries.
    `main_day`: with no publication day, the article's main stated day stands in for it in spans
    counted back from the report ("over the past two months"), never for a weekday or "yesterday".
    `narrative_day`: the last day the text stated before the sentence, from which "the next day"
    counts (a day the sentence states before the phrase comes first).
    """
    month_end = month_span(published_month.year, published_month.month)[1] if published_month else None
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    narrative: list[tuple[str, re.Match[str]]] = []  # read last, once every day the sentence states is known
    for kind, pattern, resolve in patterns():
        if kinds is not None and kind not in kinds:
            continue
        for m in pattern.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if _read_otherwise(kind, m, sentence, taken):
                continue
            if kind in ("narrative-day", "day-offset"):
                taken.append((m.start(), m.end()))
                narrative.append((kind, m))
                continue
            start, end, precision = resolve(m, Reference(published, month_end, history))
            if kind == "weekday" and start is not None and published is not None and _still_to_come(sentence, m):
                start = end = _next_weekday(m["w"], published)
            reason = "" if start else "no publication date to resolve against"
            if start is None and kind in _SPANS_TO_THE_REPORT and main_day is not None:
                start, end, precision = resolve(m, Reference(main_day, month_end, history))
                reason = f"counted back from the article's main day, {main_day.isoformat()} (no publication date)"
            taken.append((m.start(), m.end()))
            if start is None and kind in _SPANS_TO_THE_REPORT and kind != "weekend":
                # "entered its second day" with no report date names no day of its own; "this weekend"
                # does, once a report date is known (`report_date` reads it against a borrowed one)
                continue
            evidence = Evidence(m.group(0), offset + m.start(), offset + m.end(), Rule(f"date:{kind}"), reason)
            found.append(DateMention(DateSpan(start, end, DatePrecision(precision) if precision else None, evidence),
                                     m.start(), m.end()))
    _read_narrative(narrative, found, narrative_day, published, offset)
    found = _of_last_year(sorted(found, key=lambda d: d.start), sentence, published)
    return _weekdays_of_a_stated_week(_months_in_a_stated_year(_lists_closed_by_a_year(found, sentence)), sentence)


_APPOSED_DAY = re.compile(r"^\s*,?\s*(?:on\s+)?$", re.I)


def _weekdays_of_a_stated_week(found: list[DateMention], sentence: str) -> list[DateMention]:
    """"Last week, on Tuesday": the weekday right after a week the sentence states is that week's day, not the
    one nearest the report."""
    out = list(found)
    for k in range(1, len(found)):
        week, day = found[k - 1], found[k]
        ev = day.span.evidence
        if week.span.precision != DatePrecision.WEEK or week.span.start is None or day.span.start is None or \
                ev is None or ev.rule != Rule.DATE_WEEKDAY or not _APPOSED_DAY.match(sentence[week.end:day.start]):
            continue
        shift = (day.span.start.weekday() - week.span.start.weekday()) % 7
        within = week.span.start + dt.timedelta(days=shift)
        if week.span.end is not None and within <= week.span.end and within != day.span.start:
            why = f"the {within.strftime('%A')} of the week the sentence states just before it"
            out[k] = DateMention(DateSpan(within, within, DatePrecision.DAY, replace(ev, reason=why)), day.start, day.end)
    return out


_LAST_YEAR = re.compile(r"^[\s,]*(?:of|in)\s+last\s+year\b|^[\s,]*last\s+year\b", re.I)
_YEARLESS = frozenset({Rule.DATE_MONTH_DAY, Rule.DATE_DAY_MONTH, Rule.DATE_MONTH_ONLY})


def _of_last_year(found: list[DateMention], sentence: str, published: dt.date | None) -> list[DateMention]:
    """"On January 24 and May 9 of last year": year-less days that "of last year" closes are last
    year's, whatever the report's month."""
    if published is None or "last year" not in sentence.lower():
        return found
    out = list(found)
    for k, d in enumerate(found):
        ev = d.span.evidence
        if ev is None or ev.rule not in _YEARLESS or d.span.start is None or _YEAR_WRITTEN.search(ev.text):
            continue
        rest = sentence[d.end:]
        later = [x for x in found[k + 1:] if x.span.evidence is not None and x.span.evidence.rule in _YEARLESS]
        for x in later:  # "January 24 and May 9 of last year": through the list to its close
            if re.fullmatch(r"[\s,]*(?:and|or)?[\s,]*", sentence[d.end:x.start]):
                rest = sentence[x.end:]
            else:
                break
        if _LAST_YEAR.match(rest):
            out[k] = _in_year(d, published.year - 1, "last year's, as the sentence says")
    return out


def _in_year(d: DateMention, year: int, why: str) -> DateMention:
    """The year-less day or month `d` read in `year` instead, with the reason (unchanged where that
    day does not exist, a 29 February)."""
    ev, span = d.span.evidence, d.span
    if span.start is None or ev is None:
        return d
    if span.precision == "month":
        start, end = month_span(year, span.start.month)
    else:
        start = end = _safe(year, span.start.month, span.start.day)  # type: ignore[assignment]
    if start is None:
        return d
    return DateMention(replace(span, start=start, end=end, evidence=replace(ev, reason=why)), d.start, d.end)


_YEAR_WRITTEN = re.compile(r"\b(?:19|20)\d\d\b")
_LIST_JOIN = re.compile(r"[\s,]*(?:and|or|to|through|until|-|–)?[\s,]*", re.I)


def _lists_closed_by_a_year(found: list[DateMention], sentence: str) -> list[DateMention]:
    """"In April and May 2006", "on 3 and 4 March 2021": year-less months or days listed before one
    that states its year are of that year."""
    out = list(found)
    for k in range(len(found) - 2, -1, -1):
        d, nxt = out[k], out[k + 1]
        ev, closing = d.span.evidence, nxt.span.evidence
        if ev is None or ev.rule not in _YEARLESS or d.span.start is None or _YEAR_WRITTEN.search(ev.text) or \
                closing is None or nxt.span.start is None or not _LIST_JOIN.fullmatch(sentence[d.end:nxt.start]) or \
                not (_YEAR_WRITTEN.search(closing.text) or (closing.reason or "").startswith("the year the list")):
            continue
        year = nxt.span.start.year - (d.span.start.month > nxt.span.start.month)  # "30 December and 2 January 2024"
        if year != d.span.start.year:
            out[k] = _in_year(d, year, f"the year the list of dates states at its end, {year}")
    return out


def _months_in_a_stated_year(found: list[DateMention]) -> list[DateMention]:
    """"Smaller than in 2019, when police counted 60,000 in May": a month named without its year
    after a year the sentence states is that year's month, not the report's."""
    out: list[DateMention] = []
    year: int | None = None
    for d in found:
        ev = d.span.evidence
        rule = ev.rule if ev is not None else None
        if rule == Rule.DATE_YEAR and d.span.start is not None and \
                ev is not None and not ev.text.lower().startswith("since"):  # "since 2019": a span up to now
            year = d.span.start.year
        elif rule == Rule.DATE_MONTH_ONLY and year is not None and ev is not None and \
                not re.search(r"(?:19|20)\d\d|^(?:this|last|since)\b", ev.text, re.I) and d.span.start is not None \
                and d.span.start.year != year:
            d = _in_year(d, year, f"the month of {year}, the year the sentence states before it")
        out.append(d)
    return out


def _read_narrative(matches: list[tuple[str, re.Match[str]]], found: list[DateMention],
                    narrative_day: dt.date | None, published: dt.date | None, offset: int) -> None:
    """The narrative's days added to `found`, in the order written (one may count from another), once
    every other day the sentence states is known."""
    for kind, m in sorted(matches, key=lambda km: km[1].start()):
        said = _narrative_day(kind, m, found, narrative_day, published, offset)
        if said is not None:
            found.append(said)


# An event already told of, set against another by "a day after" ("the rally came a day after ...").
_SET_AGAINST = re.compile(r"\b(?:came|comes|come|followed|follows|was\s+held|were\s+held|took\s+place|happened)\s*$",
                          re.I)


def days_counted_to(text: str) -> tuple[int, int] | None:
    """How many days the action named at the end of `text`, right after the phrase, lies from the day the
    sentence stated before ("..., on Thursday, a day after a march": -1; "two days before the strike": +2),
    and where the phrase starts; None where no such phrase stands right before it."""
    # the action named right after the phrase (an article and an adjective or two between): "two days after
    # police removed the picket" tells of the police's act, whose object the picket is
    found = [m for m in _counted_to_action().finditer(text)
             if not re.search(r"[,;:]|[.!?]\s", text[m.end():]) and len(text[m.end():].split()) <= 3]
    m = found[-1] if found else None
    if m is None or m["n"].lower() not in _words().counts:
        return None
    n = _words().counts[m["n"].lower()]
    return (-n if m["way"].lower() == "after" else n), m.start()


@cache
def _counted_to_action() -> re.Pattern[str]:
    """"a day after (a march)", "two days before (the strike)": the day-offset phrase's words before an action."""
    num_words = "|".join(sorted((w for w in _words().counts if len(w) > 2), key=len, reverse=True))
    return re.compile(rf"\b(?P<n>a|{num_words})\s+days?\s+(?P<way>after|before)\s+(?!(?:that|this|it)\b)", re.I)


def _days_on(kind: str, m: re.Match[str]) -> int:
    """How many days after the day it counts from a narrative's phrase puts its action (before: < 0)."""
    words = _words()
    if kind == "day-offset":
        n, way = words.counts[m["n"].lower()], m["way"].lower()
        # "(the rally came) a day after (thousands marched)": an event the text already dated, set against
        # the action of the clause after it, which is that many days the other way; else ("A day before,
        # students had rallied", "riots broke out a day after the shooting") the sentence's own action
        set_against = _SET_AGAINST.search(m.string[:m.start()]) is not None and way in ("after", "before")
        return -n if (way in ("after", "later")) == set_against else n
    if m.groupdict().get("dir"):  # "two days later"
        n = int(m["n"]) if m["n"].isdigit() else words.counts[m["n"].lower()]
        return n * words.unit_days[m["u"].lower().rstrip("s")] * words.narrative_directions[m["dir"].lower()]
    return words.narrative_days[re.sub(r"\s+", " ", m["r"].lower())]


def _narrative_day(kind: str, m: re.Match[str], found: list[DateMention], narrative_day: dt.date | None,
                   published: dt.date | None, offset: int) -> DateMention | None:
    """"The next day", "the day before", "two days later", "(came) a day after": counted from the last
    day stated before the phrase (in the sentence, else in the text before it); with none, the days
    before count back from the report (as "yesterday" and "a day earlier" did) and the days after
    name no day."""
    after = _days_on(kind, m)
    offset_of_another = kind == "day-offset"
    # "a day after guards shot at marchers the previous evening" dates the shooting itself: the narrative's
    # day is the one it counts from, not the day it gives
    before = [d for d in found if d.end <= m.start() and d.span.start is not None and d.span.precision == "day"
              and (d.span.evidence is None or d.span.evidence.rule != Rule.DATE_DAY_OFFSET)]
    origin = max(before, key=lambda d: d.start).span.start if before else narrative_day
    counted = Rule.DATE_DAY_OFFSET if offset_of_another else Rule.DATE_NARRATIVE_DAY  # another action's day
    reported = Rule.DATE_DAY_OFFSET if m.groupdict().get("dir") or offset_of_another else Rule.DATE_RELATIVE_DAY
    return day_counted(m, origin, after, published, offset, counted, reported)


def day_counted(m: re.Match[str], origin: dt.date | None, after: int, published: dt.date | None, offset: int,
                counted: Rule, reported: Rule) -> DateMention | None:
    """The day a narrative's phrase (`m`) names, `after` days from `origin` (rule `counted`); with no origin,
    the days before count back from the report (rule `reported`) and the days after name no day. Every
    language's narrative days are read so."""
    if origin is not None:
        day = origin + dt.timedelta(days=after)
        if published is not None and day > published:
            return None  # counted from a day still to come, or past the report: no day the report can tell
        why = f"counted from {origin.isoformat()}, the day the text last stated before it"
        evidence = Evidence(m.group(0), offset + m.start(), offset + m.end(), counted, why)
        return DateMention(DateSpan(day, day, DatePrecision.DAY, evidence), m.start(), m.end())
    if after > 0:
        return None
    back = published + dt.timedelta(days=after) if published else None
    evidence = Evidence(m.group(0), offset + m.start(), offset + m.end(), reported,
                        "" if back else "no publication date to resolve against")
    return DateMention(DateSpan(back, back, DatePrecision.DAY if back else None, evidence), m.start(), m.end())


# The expressions that can state a day with its year; they come first in `patterns()`, so reading a
# text with them alone finds the same days as reading it with all of them.
_FULL_DATE_KINDS = ("anniversary", "since", "month-day", "day-month", "iso", "numeric")


def dated_days(text: str) -> list[dt.date]:
    """The days a text states with their year ("December 19, 2018", "2019-08-18")."""
    return [d.span.start for d in find_dates(text, None, kinds=_FULL_DATE_KINDS)
            if d.span.start and d.span.precision == "day"]
