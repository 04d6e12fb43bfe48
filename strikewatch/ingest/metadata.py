"""Publication dates: from metadata, else from a dateline or byline in the text, else from the URL.

A source may give only the month ("2023-01", a URL path /2023/01/...): that is kept as the month,
never as a made-up day.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from strikewatch.lang import available, lexicon, phrase_pattern
from strikewatch.lang.morphology import month_forms

LANGUAGE = "en"  # whose month names (strikewatch/lang/en/calendar.toml) dates are read in


@cache
def _months() -> dict[str, int]:
    """Month names and abbreviations -> the month's number."""
    months = lexicon(LANGUAGE).calendar.months
    return {name: number for number, names in enumerate(months, start=1) for name in names}


@cache
def month_pattern() -> str:
    """A month's name or abbreviation, with or without a full stop, as a regular expression (read it
    case-insensitively)."""
    return r"(?:{})\.?".format("|".join(re.escape(n) for n in sorted(_months(), key=len, reverse=True)))


_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")
_YEAR_MONTH = re.compile(r"^\s*((?:19|20)\d{2})[-/](\d{1,2})(?!\d|[-/]\d)")
# /2023/01/15/, /2023/01/, /20230115, -2023-01-15 in a URL path (not in the host).
_URL_DAY = re.compile(r"[/_-]((?:19|20)\d{2})[/_-]?(\d{2})[/_-]?(\d{2})(?=[/_.-]|$)")
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/")
_US_SHORT = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*$")
# "22.09.2024", "28/10/2024": day, month and a four-figure year (a version or a score has no such year).
_NUMERIC = re.compile(r"(?<![\d.:/])(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d{2})(?![\d:/]|\.\d)")
_NUMERIC_SOURCE = r"\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}"
_CYRILLIC = re.compile(r"[а-яё]", re.I)


@cache
def _russian_day_month_year() -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in sorted(month_forms(), key=len, reverse=True))
    return re.compile(rf"(?<![\d.])(\d{{1,2}})\s+({names})\s+((?:19|20)\d{{2}})(?:\s*(?:года|г\.?))?(?!\w)", re.I)


def _stamp_words() -> tuple[str, str]:
    """The words that open a date stamp and an update stamp, in every language the project reads
    (a stamp word names no language of its own), as regular expressions."""
    calendars = [lexicon(code).calendar for code in available()]
    return (phrase_pattern(w for c in calendars for w in c.stamp_words),
            phrase_pattern(w for c in calendars for w in c.update_words))


@cache
def _date_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Day-month-year, month-day-year, and a line that opens with a date stamp: the date (and maybe
    a weekday, clock time, "Published", "Updated", or an agency's "BUCHAREST," dateline), built at
    first use."""
    month = month_pattern()
    stamp, update = _stamp_words()
    day_month_year = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({month})\s*,?\s+(\d{{4}})\b", re.I)
    month_day_year = re.compile(rf"\b({month})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(\d{{4}})\b", re.I)
    ru_day_month_year = r"\d{1,2}\s+[а-яё]{3,9}\s+(?:19|20)\d{2}(?:\s*(?:года|г\.?))?"
    opener = r"(?-i:[A-ZА-ЯЁ][A-ZА-ЯЁ'’.-]+(?:[ \t][A-ZА-ЯЁ][A-ZА-ЯЁ'’.-]+){0,2}),[ \t]+|[A-Z][a-z]{2,8},?\s+"
    dateline = re.compile(
        rf"^\s*(?:(?:{stamp}|{update})\s*:?\s*)?(?:{opener})?"
        rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{month},?\s+\d{{4}}|{month}\s+\d{{1,2}},?\s+\d{{4}}"
        rf"|{_NUMERIC_SOURCE}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|{ru_day_month_year})"
        rf"(?:\s*,?\s*(?:at\s*|в\s*)?\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?\s*(?:GMT|UTC|МСК|[A-Z]{{2,4}})?)?\s*",
        re.I,
    )
    return day_month_year, month_day_year, dateline


# A press release's or a wire's dateline in title case with its full date, then the sentence: "Valparaíso,
# 16 March 2023. Dock workers ...", "Nairobi, March 4, 2024 - ...". Only a separator after the date makes
# it one ("On Thursday, March 16, 2023, workers ..." is a sentence stating its day).
@cache
def _titled_dateline() -> re.Pattern[str]:
    month = month_pattern()
    upper = r"[A-ZÀ-ÖØ-ÞА-ЯЁ]"
    return re.compile(
        rf"^\s*(?-i:{upper}[\w'’.-]+(?:[ \t]{upper}[\w'’.-]+){{0,2}}),[ \t]+"
        rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{month},?\s+\d{{4}}|{month}\s+\d{{1,2}},?\s+\d{{4}})"
        r"(?=\s*(?:[.:](?:\s|$)|[-—–]{1,2}\s))", re.I)


def month_number(name: str) -> int | None:
    months = _months()
    return months.get(name.lower().rstrip(".")[:9]) or months.get(name.lower().rstrip(".")[:3])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date_value(value: object) -> dt.date | None:
    """A full calendar day from a metadata value ("2020-09-19", "2020-09-19T10:00", "19 Sep 2020")."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    m = _ISO.search(value)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    return parse_date_text(value)


def numeric_date(text: str) -> dt.date | None:
    """The first numeric date with a four-figure year in `text`. Dotted dates are day first
    ("22.09.2024", as Europe and Russia write them); a slashed one is read in the order only one
    reading allows ("28/10/2024", "10/28/2024"); "03/04/2024" is either, and gives nothing."""
    m = _NUMERIC.search(text)
    if not m:
        return None
    first, second, year = int(m[1]), int(m[3]), int(m[4])
    if m[2] == "." or first > 12 or first == second:
        return _safe_date(year, second, first)
    return _safe_date(year, first, second) if second > 12 else None


def russian_date(text: str) -> dt.date | None:
    """The first Russian day-month-year date in `text` ("27 октября 2024", "3 мая 2021 г.")."""
    if not _CYRILLIC.search(text):
        return None
    m = _russian_day_month_year().search(text)
    return _safe_date(int(m[3]), month_forms()[m[2].lower().replace("ё", "е")], int(m[1])) if m else None


def parse_date_text(text: str) -> dt.date | None:
    day_month_year, month_day_year, _ = _date_patterns()
    m = day_month_year.search(text)
    if m and (month := month_number(m[2])):
        return _safe_date(int(m[3]), month, int(m[1]))
    m = month_day_year.search(text)
    if m and (month := month_number(m[1])):
        return _safe_date(int(m[3]), month, int(m[2]))
    if found := russian_date(text) or numeric_date(text):
        return found
    m = _US_SHORT.match(text)  # a date alone, either way round, or with a two-figure year: read as American
    if m:
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _safe_date(year, int(m[1]), int(m[2]))
    return None


def month_value(value: object) -> dt.date | None:
    """The first day of the month a metadata value such as "2023-01" (and nothing finer) names."""
    if not isinstance(value, str) or parse_date_value(value) is not None:
        return None
    m = _YEAR_MONTH.match(value)
    return _safe_date(int(m[1]), int(m[2]), 1) if m else None


def url_date(url: str | None) -> tuple[dt.date, str] | None:
    """The day (or only the month) a URL's path is dated by, with its precision."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]*", "", url, flags=re.I)
    m = _URL_DAY.search(path)
    if m and (day := _safe_date(int(m[1]), int(m[2]), int(m[3]))):
        return day, "day"
    m = _URL_MONTH.search(path)
    if m and (first := _safe_date(int(m[1]), int(m[2]), 1)):
        return first, "month"
    return None


# A byline or time stamp line near the top: "By Jane Roe 3 May 2021", "Written: 2022-12-03",
# "Updated 10:32 GMT, 15 March 2025", "Jane Roe | Reuters | 12 June 2022", "Опубликовано 5 мая 2021".
@cache
def _byline() -> re.Pattern[str]:
    """The opening of a byline or stamp line: a byline word, a stamp or update word of any language the
    project reads (calendar.toml), a column bar, or a name alone with the day ("Jane Roe, 3 May 2021",
    "Анна Крылова, 12 августа 2019"; not "The March, 12 August 2020", "Until Friday, ...", "Copyright Wire
    Services, ...": a first word of these, nor words with a weekday, "Bloody Sunday, 30 January 1972")."""
    stamp, update = _stamp_words()
    weekdays = [w for code in available() for w in lexicon(code).calendar.weekdays]
    no_name = phrase_pattern(["the", "on", "until", "since", "from", "after", "before", "copyright"])
    day_named = rf"(?:[\w'’.-]+\s+){{0,2}}(?:{phrase_pattern(weekdays)})\b"  # "Bloody Sunday": a day's name
    return re.compile(rf"^\s*(?:by\s|written\b|автор\s*:|(?:{stamp})\b|(?P<upd>(?:{update})\b))"
                      r"|\s\|\s"
                      rf"|^\s*(?!(?:{no_name})\b)(?!{day_named})(?-i:[A-ZА-ЯЁ][\w'’.-]+(?:\s+[A-ZА-ЯЁ][\w'’.-]+){{1,2}}),\s+"
                      r"(?=\d{1,2}\s+\w+\s+\d{4}\s*$)", re.I)


_MAX_BYLINE = 120


def byline_date(text: str, max_lines: int = 25) -> dt.date | None:
    """The publication day a byline or time-stamp line near the top gives; an "Updated" stamp only
    when no line gives the first publication."""
    updated = None
    for line in text.splitlines()[:max_lines]:
        m = _byline().search(line)
        if not m or len(line) > _MAX_BYLINE:
            continue
        day = parse_date_value(line)
        if day is None:
            continue
        if m.group("upd"):
            updated = updated or day
        else:
            return day
    return updated


# A byline's day without its year, ending the line: "By Ana Ruiz | Lima, Oct 7", "By Jane Roe, 7 October",
# "By Ana Ruiz | Oct 7, 10:32 AM"; the line opens on "By" and a name (not "By the numbers", "Photo by").
_YEARLESS_BYLINE = re.compile(r"^\s*(?:written\s+)?by\s+(?-i:[A-Z])", re.I)
_YEARLESS_BYLINE_DAY = re.compile(r"(?:^|[\s,|])(?:(?P<m>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?|(?P<d2>\d{1,2})"
                                  r"(?:st|nd|rd|th)?\s+(?P<m2>[A-Za-z]{3,9}))"
                                  r"(?:,?\s+\d{1,2}[:.]\d\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?)?\s*$")


@cache
def _update_word() -> re.Pattern[str]:
    """An update stamp's word anywhere in a line ("By Maya Roe | Updated Aug 31")."""
    return re.compile(rf"\b(?:{_stamp_words()[1]})\b", re.I)


def yearless_byline_day(text: str, max_lines: int = 25) -> str | None:
    """The year-less day a byline near the top gives ("By Maya Roe | Jakarta, Aug 31"), as "Aug 31": the
    page's report day, whose year is not given; None where a byline gives a whole date or none, or where
    the line is an update's stamp ("By Maya Roe | Updated Aug 31")."""
    for line in text.splitlines()[:max_lines]:
        if not _YEARLESS_BYLINE.match(line) or len(line) > _MAX_BYLINE:
            continue
        if parse_date_value(line) is not None:
            return None
        day = _YEARLESS_BYLINE_DAY.search(line.strip())
        if day is not None and not _update_word().search(line) and \
                month_number(day.group("m") or day.group("m2")) is not None:
            return f"{day.group('m') or day.group('m2')} {day.group('d') or day.group('d2')}"
    return None


def _stamp(line: str) -> tuple[int, dt.date] | None:
    """Where a date stamp that opens the line ends ("date 2021-05-03 ", "Published 3 May 2021,
    10:32 GMT "), and its day; None where none does or its date is not a real day."""
    m = _date_patterns()[2].match(line) or _titled_dateline().match(line)
    value = parse_date_value(line[: m.end()]) if m else None
    return (m.end(), value) if m and value is not None else None


# What follows a stamp on its line is a sentence: "Sunday, 2 May 2021, crowds marched" states its own date.
_STAMP_THEN_SENTENCE = re.compile(r"\s*[A-Z0-9\"“‘']")


def page_stamp(text: str, max_lines: int = 25) -> tuple[int, int] | None:
    """Where a date stamp glued before a sentence near the top stands ("date 2021-05-03 Crowds
    marched..."): it dates the page, and a date the sentence states itself is that sentence's."""
    pos = 0
    for line in text.splitlines(keepends=True)[:max_lines]:
        stamp = _stamp(line)
        if stamp and _STAMP_THEN_SENTENCE.match(line[stamp[0]:]):
            lead = len(line) - len(line.lstrip())
            return pos + lead, pos + stamp[0]
        pos += len(line)
    return None


# A clock time right after a date: "Mar 9, 2024, 11.40 PM IST", "15 March 2025 10:32 GMT". Near the
# top of a page, the moment the report was filed or updated; an event's hour comes with "at".
# The clock ends the stamp: a time zone in capitals ("IST", "GMT"), a bar, or the line's end, with
# "am"/"pm" or not between; "10:30 am, at the plant gate" is an event's hour.
_CLOCK_AFTER = re.compile(r"[ \t]*,?[ \t]*\d{1,2}[:.]\d{2}(?![\d.,]*\d)[ \t]*(?:[AaPp]\.?[Mm]\.?[ \t]*)?"
                          r"(?:[A-ZА-ЯЁ]{2,4}\b|\||\n|$)")
_TOP_OF_PAGE = 400


def is_time_stamp(text: str, start: int, end: int) -> bool:
    """Whether the date at `start`-`end` of a page's text is a time stamp near its top (a date and a
    clock time, "Mar 9, 2024, 11.40 PM IST nashik: ..."): it dates the report, not an event."""
    return start < _TOP_OF_PAGE and bool(_CLOCK_AFTER.match(text, end))


def time_stamp_date(text: str) -> dt.date | None:
    """The day of the first time stamp near the top of a page ("Headline | Mar 9, 2024, 11.40 PM IST
    city: ...", "27.10.2024, 14:05 |"): the report's own day, wherever on its line the page prints it."""
    day_month_year, month_day_year, _ = _date_patterns()
    top = text[:_TOP_OF_PAGE]
    readers = [(day_month_year, parse_date_value), (month_day_year, parse_date_value), (_NUMERIC, numeric_date)]
    if _CYRILLIC.search(top):
        readers.append((_russian_day_month_year(), russian_date))
    found = [(m.start(), read(m.group(0))) for pattern, read in readers for m in pattern.finditer(top)
             if is_time_stamp(text, m.start(), m.end())]
    return min(found, key=lambda f: f[0], default=(0, None))[1]


def dateline_date(text: str, max_lines: int = 25, title: str | None = None) -> dt.date | None:
    """The publication date from a date-only line (or a leading 'date YYYY-MM-DD') near the top.

    Page clocks also print dates near the top; when several date lines are found the one closest
    to the first article sentence wins. A date line that stands before the headline (`title`, where
    the page prints it) with other page lines between them is the site's header, a clock or a
    crawl day, not the report's. An "Updated" line counts only when no other line dates the page:
    it gives the last change, not the publication.
    """
    found: dt.date | None = None
    updated: dt.date | None = None
    lines = text.splitlines()[:max_lines]
    for at, line in enumerate(lines):
        stamp = _stamp(line)
        if stamp is None or _in_site_header(lines, at, title):
            continue
        end, value = stamp
        rest = line[end:].strip()
        if _updated().match(line):
            updated = updated or value
            continue
        found = value
        if rest:  # the dateline opens the article's first paragraph: nothing later can be closer
            break
    return found or updated


def _in_site_header(lines: list[str], at: int, title: str | None) -> bool:
    """Whether line `at` comes before the headline's first line with other non-blank lines between."""
    headline = (title or "").strip().casefold()
    if len(headline) < 12:
        return False
    shown = next((i for i, line in enumerate(lines) if headline in line.casefold()), None)
    return shown is not None and at < shown and any(line.strip() for line in lines[at + 1:shown])


@cache
def _updated() -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:{_stamp_words()[1]})(?!\w)", re.I)


# An agency dateline with its filing day, opening a paragraph: "NAIROBI, March 11 (Reuters) - ..."
# (`extract.dating` reads it too: the day is the filing day, not an event's).
AGENCY_DATELINE = re.compile(r"^\s*[A-Z][A-Z.'’ -]{1,40}(?:,\s+[A-Z][A-Za-z.'’ ]{1,30})?,\s+(?P<m>[A-Z][a-z]{2,8})\.?\s+"
                              r"(?P<d>\d{1,2})(?:,?\s+(?P<y>\d{4}))?\s*(?:\([^)]{1,30}\)\s*)?(?:--|[-—–:])\s", re.M)
_REPOST_DAYS = 7


def stamp_in_month(text: str, month: dt.date) -> dt.date | None:
    """The day a year-less agency dateline near the top gives ("DHAKA, March 25 (Wire) -") on a page the
    URL or metadata dates to that very month only ("/2025/03/"): that month's day, in its year."""
    opening = "\n".join([line for line in text[:2000].splitlines() if line.strip()][:_STAMP_LINES])
    m = AGENCY_DATELINE.search(opening)  # where a report opens: further down, an update's or a timeline's
    if m is None or m.group("y") or month_number(m.group("m")) != month.month or _AN_UPDATE.match(m.group(0)):
        return None
    return _safe_date(month.year, month.month, int(m.group("d")))


_STAMP_LINES = 3  # a headline, a byline, then the dateline
_AN_UPDATE = re.compile(r"\s*(?:UPDATE|UPDATED|CORRECTION|CORRECTED)\b")


def filing_day(text: str, published: dt.date) -> dt.date | None:
    """The day an agency dateline near the top gives its report ("NAIROBI, March 11 (Reuters) -"),
    where it is a few days before the page's own date: a repost, whose "today" and "on Tuesday" count
    from the day the report was filed, not from the day the page was put up."""
    m = AGENCY_DATELINE.search(text[:2000])
    month = month_number(m.group("m")) if m else None
    if m is None or month is None:
        return None
    year = int(m.group("y")) if m.group("y") else published.year
    day = _safe_date(year, month, int(m.group("d")))
    if day is not None and not m.group("y") and day > published:
        day = _safe_date(year - 1, month, int(m.group("d")))  # "December 30" on a January page
    return day if day is not None and 0 < (published - day).days <= _REPOST_DAYS else None
