"""Russian dates: "26 октября", "13 августа 2020 года", "в воскресенье", "в прошлый четверг",
"с 13 августа", "вчера", "26.10.2020", "в августе 2020 года".

The calendar words are data (`strikewatch/lang/ru/calendar.toml`, lemmas); every case form of them
comes from pymorphy3, so "октября", "октябре" and "субботу" are read without a list of forms. Dates
resolve as the English ones do (`extract.time`): against the publication day, a year-less day
takes the report's year (or the year of the month given), and a weekday is the last one on or
before the report day ("в прошлый четверг": the Thursday of the week before the report's).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence

from strikewatch.extract.time import DateMention, day_counted, last_month, latest_weekend, month_span, week_of
from strikewatch.lang import lexicon
from strikewatch.lang.morphology import month_forms as all_month_forms
from strikewatch.lang.morphology import morph, word_forms
from strikewatch.model import DatePrecision, DateSpan, Evidence
from strikewatch.rules import Rule

LANG = "ru"


forms = word_forms  # every inflected form of a Russian word, both spellings of "ё"


def _alternatives(words: dict[str, int] | Sequence[str]) -> dict[str, str]:
    """Each form of each word -> the word (its lemma)."""
    return {form: word for word in words for form in forms(word)}


def _one_of(words) -> str:  # noqa: ANN001
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def _tables() -> tuple[dict[str, int], dict[str, int], dict[str, int], dict[str, str], re.Pattern[str]]:
    calendar = lexicon(LANG).calendar
    weekdays = {name: number for number, name in enumerate(calendar.weekdays, 1)}  # ISO: Monday 1
    relative = {form: -days for word, days in calendar.days_before.items()  # days after the report, every form
                for form in forms(word)}
    week_words = {"last": calendar.last_week_words, "latest": calendar.latest_words, "next": calendar.next_week_words,
                  "this": calendar.this_week_words}
    month_forms = all_month_forms()
    weekday_forms = {f: weekdays[w] for f, w in _alternatives(weekdays).items()}
    adjectives = {word: number for number, word in enumerate(calendar.weekday_adjectives, 1) if word}
    adjective_forms = {f: adjectives[w] for f, w in _alternatives(adjectives).items()}
    qualifiers: dict[str, str] = {}
    for kind, words in week_words.items():
        qualifiers.update({f: kind for f in _alternatives(words)})
    since, until = _one_of(calendar.since_words), _one_of(calendar.until_words)
    year_words = _one_of(calendar.year_words)
    on = "|".join(re.escape(w) for w in calendar.weekday_prepositions)
    month, weekday, qualifier = _one_of(month_forms), _one_of(weekday_forms), _one_of(qualifiers)
    heads = _one_of(calendar.weekday_adjective_heads) or "(?!)"
    # "воскресный митинг", "субботнюю массовую акцию": the adjective before an action's noun
    adjective = rf"(?:{_one_of(adjective_forms) or '(?!)'})(?=\s+(?:[а-яё]+\s+)?(?:{heads}))"
    last = _one_of([form for form, kind in qualifiers.items() if kind in ("last", "latest")])
    pattern = re.compile(
        rf"(?P<numeric>(?<![\d.])(?P<nd>\d{{1,2}})\.(?P<nm>\d{{1,2}})\.(?P<ny>(?:19|20)\d\d)(?![\d.]))"
        rf"|(?P<dm>(?:(?P<since>(?<!\w)(?:{since}))\s+|(?P<until>(?<!\w)(?:{until}))\s+)?(?<![\d.,])(?P<day>\d{{1,2}})(?:-?го)?\s+(?P<month>{month})"
        rf"(?:\s+(?P<year>(?:19|20)\d\d)(?:\s*(?:{year_words}))?)?)(?!\w)"
        rf"|(?P<my>(?<!\w)(?P<month_only>{month})\s+(?P<year_only>(?:19|20)\d\d))(?!\d)"
        # "в декабре", "в конце марта": a month of no stated year, the latest such month up to the report
        rf"|(?P<mo>(?<!\w)во?\s+(?:(?:начале|середине|конце)\s+)?(?P<month_alone>{month}))(?!\w)(?!\s+(?:19|20)\d\d)"
        rf"|(?P<yr>(?<![\w.])(?P<year_alone>(?:19|20)\d\d)\s*(?:{year_words})(?!\w))"
        rf"|(?P<wd>(?<!\w)(?:{on})\s+(?:(?P<qualifier>{qualifier})\s+)?(?P<weekday>{weekday}))(?!\w)"
        # "воскресный митинг", "на субботней акции": the weekday's adjective
        rf"|(?P<wd_adj>(?<!\w)(?:(?P<adj_qualifier>{qualifier})\s+)?(?P<adjective>{adjective}))(?!\w)"
        # "в минувшие выходные", "на выходных"; "на прошлой неделе"; "в прошлом месяце", "в прошлом году"
        rf"|(?P<wkend>(?<!\w)(?:в|на)\s+(?:(?P<wkq>{qualifier})\s+)?выходн(?:ые|ых)(?!\w))"
        rf"|(?P<span>(?<!\w)(?:в|на)\s+(?P<spq>{last})\s+(?P<unit>недел[еюи]|месяце|году)(?!\w))"
        rf"|(?P<rel>(?<!\w)(?:{_one_of(relative)}))(?!\w)"
        # "три дня назад", "неделю назад": days or weeks counted back from the report
        rf"|(?P<ago>(?<!\w)(?:(?P<ago_n>\d{{1,2}}|{_one_of(_ago_counts())})\s+)?(?P<ago_unit>{_one_of(_AGO_UNITS)})"
        rf"\s+назад)(?!\w)",
        re.I)
    return month_forms, weekday_forms | adjective_forms, relative, qualifiers, pattern


# The units "N ... назад" counts back, as written forms -> days.
_AGO_UNITS = {"день": 1, "дня": 1, "дней": 1, "сутки": 1, "суток": 1, "неделю": 7, "недели": 7, "недель": 7}


@functools.cache
def _ago_counts() -> dict[str, int]:
    """Number words before a unit counted back ("три дня назад", "две недели назад"), every form."""
    return {f: int(value) for f, value in _all_unit_forms().items() if 1 < value <= 30}


def _all_unit_forms() -> dict[str, float]:
    units = lexicon(LANG).numbers.units
    return {form: value for word, value in units.items() for form in forms(word)}


def month_forms() -> dict[str, int]:
    """Every case form of every month name (lower case) -> the month's number."""
    return _tables()[0]


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_day(month: int, day: int, year: int | None, published: dt.date | None,
               month_end: dt.date | None) -> dt.date | None:
    if year is not None:
        return _safe(year, month, day)
    reference = published or month_end
    if reference is None:
        return None
    candidate = _safe(reference.year, month, day)
    if candidate and candidate > reference + dt.timedelta(days=7):  # "28 декабря" read in January
        candidate = _safe(reference.year - 1, month, day)
    return candidate


def _weekday(iso_day: int, qualifier: str | None, published: dt.date) -> dt.date:
    if qualifier == "next":
        return published + dt.timedelta(days=(iso_day - published.isoweekday()) % 7 or 7)
    if qualifier == "last":
        # "в прошлый вторник": the Tuesday of the week before the report's (weeks start on Monday);
        # the latest Tuesday of the report's own week is plain "во вторник"
        monday = published - dt.timedelta(days=published.isoweekday() - 1)
        return monday - dt.timedelta(days=7) + dt.timedelta(days=iso_day - 1)
    if qualifier == "latest":  # "в минувшую субботу": the latest Saturday before the report day
        return published - dt.timedelta(days=(published.isoweekday() - iso_day - 1) % 7 + 1)
    return published - dt.timedelta(days=(published.isoweekday() - iso_day) % 7)


def _resolve(m: re.Match[str], published: dt.date | None, month_end: dt.date | None
             ) -> tuple[str, dt.date | None, dt.date | None, DatePrecision | None]:
    month_forms, weekday_forms, relative, qualifiers, _ = _tables()
    if m.group("numeric"):
        day = _safe(int(m.group("ny")), int(m.group("nm")), int(m.group("nd")))
        return "numeric", day, day, DatePrecision.DAY
    if m.group("dm"):
        year = int(m.group("year")) if m.group("year") else None
        day = _month_day(month_forms[m.group("month").lower()], int(m.group("day")), year, published, month_end)
        return ("since" if m.group("since") else "day-month"), day, day, DatePrecision.DAY
    if m.group("my") or m.group("mo") or m.group("yr"):
        return _month_or_year(m, published or month_end)
    if m.group("wd") or m.group("wd_adj"):
        if published is None:
            return "weekday", None, None, None
        qualifier = qualifiers.get((m.group("qualifier") or m.group("adj_qualifier") or "").lower())
        day = _weekday(weekday_forms[(m.group("weekday") or m.group("adjective")).lower()], qualifier, published)
        return "weekday", day, day, DatePrecision.DAY
    if m.group("wkend") or m.group("span"):
        return _span_before(m, qualifiers, published)
    if published is None:
        return "relative", None, None, None
    if m.group("ago"):
        count = m.group("ago_n")
        n = int(count) if count and count.isdigit() else _ago_counts().get((count or "").lower(), 1)
        day = published - dt.timedelta(days=n * _AGO_UNITS[m.group("ago_unit").lower()])
        return "relative", day, day, DatePrecision.DAY
    day = published + dt.timedelta(days=relative[m.group("rel").lower()])
    return "relative", day, day, DatePrecision.DAY


def _a_month_to_come(m: re.Match[str], sentence: str, reference: dt.date | None) -> bool:
    """A month of no stated year after the report's own month, in a sentence with a verb in the future
    tense or none in the past: the coming one, which is no day anything happened ("забастовка
    продолжится в июне, заявили в профсоюзе")."""
    if reference is None or _tables()[0][m.group("month_alone").lower()] <= reference.month:
        return False
    tenses = {t for word in re.findall(r"[а-яё]+", sentence.lower()) for p in morph().parse(word)[:1]
              if p.tag.POS == "VERB" for t in ("past", "futr") if t in p.tag}
    return "futr" in tenses or "past" not in tenses


def _month_or_year(m: re.Match[str], reference: dt.date | None
                   ) -> tuple[str, dt.date | None, dt.date | None, DatePrecision | None]:
    """"в марте 2024 года"; "в декабре", the latest December up to the report; "в 2024 году", "протестов
    2020 года": the whole year."""
    month_forms = _tables()[0]
    if m.group("my"):
        first, last = month_span(int(m.group("year_only")), month_forms[m.group("month_only").lower()])
        return "month", first, last, DatePrecision.MONTH
    if m.group("mo"):
        if reference is None:
            return "month", None, None, None
        month = month_forms[m.group("month_alone").lower()]
        first, last = month_span(reference.year - (month > reference.month), month)
        return "month", first, last, DatePrecision.MONTH
    year = int(m.group("year_alone"))
    return "year", dt.date(year, 1, 1), dt.date(year, 12, 31), DatePrecision.YEAR


def _span_before(m: re.Match[str], qualifiers: dict[str, str], published: dt.date | None
                 ) -> tuple[str, dt.date | None, dt.date | None, DatePrecision | None]:
    """A weekend, week, month or year counted back from the report: "в минувшие выходные" (the latest
    Saturday and Sunday before it), "на прошлой неделе", "в прошлом месяце", "в прошлом году" (a day
    stated beside one is the day: `rules.COUNTED_BACK_DATE_RULES`)."""
    if m.group("wkend"):
        if published is None:
            return "weekend", None, None, None
        # "прошлые выходные" read on a weekend: the one before
        return "weekend", *latest_weekend(published, before_this_one=bool(m.group("wkq"))), DatePrecision.WEEK
    unit = m.group("unit").lower()
    kind = "week" if unit.startswith("недел") else "last-month" if unit == "месяце" else "last-year"
    if published is None:
        return kind, None, None, None
    if kind == "week":
        return kind, *week_of(published - dt.timedelta(days=7)), DatePrecision.WEEK
    if kind == "last-month":
        return kind, *last_month(published), DatePrecision.MONTH
    return kind, dt.date(published.year - 1, 1, 1), dt.date(published.year - 1, 12, 31), DatePrecision.YEAR


def find_dates(sentence: str, published: dt.date | None, offset: int = 0,
               published_month: dt.date | None = None, narrative_day: dt.date | None = None,
               acted_day: dt.date | None = None) -> list[DateMention]:
    """Every date expression of a Russian sentence, resolved where it can be (see `extract.time.find_dates`);
    `narrative_day`: the last day the text stated before the sentence, from which "на следующий день" counts;
    `acted_day`: the last day a reported action took, from which "накануне" counts back (a day the sentence
    states before the phrase comes first); with neither, "накануне" is the day before the report."""
    month_end = month_span(published_month.year, published_month.month)[1] if published_month else None
    found: list[DateMention] = []
    narrative = list(_narrative_pattern().finditer(sentence))
    for m in _tables()[4].finditer(sentence):
        if any(n.start() < m.end() and m.start() < n.end() for n in narrative):
            continue
        if m.group("until"):  # a deadline ("до 25 октября"): read as no date, it is no event's day
            continue
        if m.group("mo") and _a_month_to_come(m, sentence, published or month_end):
            continue  # "продолжится в июне": a plan's month, not last year's
        kind, start, end, precision = _resolve(m, published, month_end)
        if start is None and kind in ("weekday", "relative", "weekend", "month"):
            reason = "no publication date to resolve against"
        else:
            reason = "since that day" if kind == "since" else ""
        evidence = Evidence(m.group(0), offset + m.start(), offset + m.end(), Rule(f"date:ru-{kind}"), reason)
        found.append(DateMention(DateSpan(start, end, precision, evidence), m.start(), m.end()))
    for m in narrative:
        said = _narrative_date(m, found, narrative_day, acted_day, published, offset)
        if said is not None:
            found.append(said)
    return sorted(found, key=lambda d: d.start)


# Words after "накануне" that leave it a day of its own ("накануне в Бишкеке", "накануне вечером"); any other
# word is the thing whose eve it is ("накануне выборов", "накануне Дня Победы").
_NOT_AN_EVE_OBJECT = re.compile(r"\s*(?:[,.;:!?—–-]|$|(?:в|во|на|у|около|возле|перед|под|утром|днём|днем|вечером|ночью|"
                                r"уже|же|также|тоже|и|а|но|по|из|с|со|к|от|для|за)(?![а-яё]))")


def _eve_of_a_thing(m: re.Match[str]) -> bool:
    """"Накануне выборов", "накануне визита": the eve of another thing, no day counted from the narrative's."""
    return m["r"].lower() == "накануне" and _NOT_AN_EVE_OBJECT.match(m.string[m.end():]) is None


@functools.cache
def _narrative_pattern() -> re.Pattern[str]:
    words = sorted(lexicon(LANG).calendar.narrative_days, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) or "(?!)"
    return re.compile(rf"(?<!\w)(?P<r>{alternatives})(?!\w)", re.I)


def _narrative_date(m: re.Match[str], found: list[DateMention], narrative_day: dt.date | None,
                    acted_day: dt.date | None, published: dt.date | None, offset: int) -> DateMention | None:
    """"На следующий день", "накануне": counted from the last day stated before the phrase (in the sentence,
    else in the text before it: for the days before, a day an action the text reports took, not a law's or
    a deadline's); with none, the days before count back from the report ("накануне" in Tuesday's report:
    Monday) and the days after name no day. "Накануне выборов" (the eve of another thing) counts from the report."""
    after = lexicon(LANG).calendar.narrative_days[re.sub(r"\s+", " ", m["r"].lower())]
    before = [d for d in found if d.end <= m.start() and d.span.start is not None and d.span.precision == "day"]
    carried = acted_day if after < 0 else narrative_day
    origin = max(before, key=lambda d: d.start).span.start if before else carried
    if after < 0 and _eve_of_a_thing(m):
        origin = None
    return day_counted(m, origin, after, published, offset, Rule.DATE_NARRATIVE_DAY, Rule.DATE_RU_RELATIVE)


def day_of_action(sentence: str) -> int | None:
    """Which day of an action a Russian sentence says it reports ("вторые сутки", "на третий день"): N, else None."""
    m = _action_day_pattern().search(sentence)
    return lexicon(LANG).calendar.action_day_ordinals[m["o"].lower()] if m else None


@functools.cache
def _action_day_pattern() -> re.Pattern[str]:
    calendar = lexicon(LANG).calendar
    stems = "|".join(sorted(map(re.escape, calendar.action_day_ordinals), key=len, reverse=True)) or "(?!)"
    units = "|".join(map(re.escape, calendar.action_day_units)) or "(?!)"
    # an ordinal's endings only: "пятые сутки", "третий день" count an action's days; "на пять суток" (an
    # arrest's term) and "пяти дней" are cardinals
    endings = "ые|ых|ой|ий|ый|ого|ому|ую|ая|ое|ьи|ьих|ья|ье|ьего|ьему|ью|ем|ом"
    return re.compile(rf"(?<!\w)(?P<o>{stems})(?:{endings})\s+(?:{units})(?!\w)", re.I)


def dated_days(text: str) -> list[dt.date]:
    """The days a Russian text states with their year ("13 августа 2020 года", "26.10.2020")."""
    return [d.span.start for d in find_dates(text, None) if d.span.start and d.span.precision == "day"]
