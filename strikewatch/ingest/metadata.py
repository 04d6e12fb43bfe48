"""Publication dates: from metadata, else from a dateline or byline in the text."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")]
    )
    for m in names
}
MONTH_PATTERN = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_PATTERN})\s*,?\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b({MONTH_PATTERN})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(\d{{4}})\b", re.I)
_US_SHORT = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*$")
# A line that is only a date (and maybe a weekday, clock time, "Published", "Updated").
_DATELINE = re.compile(
    rf"^\s*(?:(?:published|posted|updated|date|last updated)\s*:?\s*)?(?:[A-Z][a-z]{{2,8}},?\s+)?"
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_PATTERN},?\s+\d{{4}}|{MONTH_PATTERN}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    rf"(?:\s*(?:at\s*)?\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?\s*(?:GMT|UTC|[A-Z]{{2,4}})?)?\s*",
    re.I,
)


def month_number(name: str) -> int | None:
    return _MONTHS.get(name.lower().rstrip(".")[:9]) or _MONTHS.get(name.lower().rstrip(".")[:3])


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


def parse_date_text(text: str) -> dt.date | None:
    m = _DAY_MONTH_YEAR.search(text)
    if m and (month := month_number(m[2])):
        return _safe_date(int(m[3]), month, int(m[1]))
    m = _MONTH_DAY_YEAR.search(text)
    if m and (month := month_number(m[1])):
        return _safe_date(int(m[3]), month, int(m[2]))
    m = _US_SHORT.match(text)
    if m:
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return _safe_date(year, int(m[1]), int(m[2]))
    return None


def dateline_date(text: str, max_lines: int = 25) -> dt.date | None:
    """The publication date from a date-only line (or a leading 'date YYYY-MM-DD') near the top.

    Page clocks also print dates near the top; when several date lines are found the one closest
    to the first article sentence wins.
    """
    found: dt.date | None = None
    for line in text.splitlines()[:max_lines]:
        m = _DATELINE.match(line)
        if not m:
            continue
        rest = line[m.end():].strip()
        value = parse_date_value(line[: m.end()])
        if value is None:
            continue
        found = value
        if rest:  # the dateline opens the article's first paragraph: nothing later can be closer
            break
    return found
