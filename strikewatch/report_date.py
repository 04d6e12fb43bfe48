"""Report dates for undated articles, borrowed from dated reports of the same events.

About a third of scraped pages carry no publication date, so their "on Thursday" and "yesterday"
resolve to nothing, and their events can meet no other source's. When such an article reports
what a dated article reports (shared distinctive content: names, places, figures, hashtags) and
its own relative dates then land on the days the dated article gives its events at the same
places, it takes that article's publication date as its report date, with evidence naming where
the date came from. An article that names no day of its own borrows only from a near copy.

`borrow_report_date(undated, dated)` is the entry point: mentions in, a `BorrowedDate` or None out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from strikewatch.extract.ru_time import find_dates as russian_dates
from strikewatch.extract.time import find_dates
from strikewatch.geo.names import fold
from strikewatch.ingest.metadata import AGENCY_DATELINE, yearless_byline_day
from strikewatch.lang import CYRILLIC, available, lexicon
from strikewatch.lang.morphology import word_forms
from strikewatch.model import BORROWED_FROM, Mention, Modality, Place
from strikewatch.resolve import LASTING, first_day_counted, other_trades, places_compatible, trades
from strikewatch.rules import CARRIED_DATE_RULES, Rule
from strikewatch.similarity import (
    COPY_SHARE,
    TermIndex,
    copied_share,
    distinctive_terms,
    inverse_frequencies,
    name_term,
    retold_share,
    similarity,
)

# Date rules that measure from the report: without its date they resolve to nothing.
_RELATIVE_RULES = frozenset({Rule.DATE_WEEKDAY, Rule.DATE_UNRESOLVED_LEAD, Rule.DATE_RELATIVE_DAY, Rule.DATE_AGO,
                             Rule.DATE_DAY_OFFSET,
                             Rule.DATE_WEEKEND, Rule.DATE_WEEK, Rule.DATE_MONTH, Rule.DATE_DAY_OF_MONTH,
                             Rule.DATE_MONTH_DAY, Rule.DATE_DAY_MONTH,
                             Rule.DATE_RU_WEEKDAY, Rule.DATE_RU_RELATIVE, Rule.DATE_RU_DAY_MONTH, Rule.DATE_RU_SINCE,
                             Rule.DATE_RU_WEEKEND, Rule.DATE_RU_WEEK, Rule.DATE_RU_LAST_MONTH, Rule.DATE_RU_LAST_YEAR})
_MIN_SIMILARITY = 0.2  # share of the smaller page's distinctive weight that the two share
_MIN_SIMILARITY_BY_WEEKDAY = 0.3  # more, when only days counted from the report ("on Sunday") agree
# A page that names no day of its own can be checked by none: it borrows only when most of its
# distinctive content (names, figures) is the dated report's, in at least this many terms, at a
# town or region that both report (the "same place and distinctive shared content").
_MIN_SIMILARITY_WITHOUT_DAYS = 0.5
_MIN_SHARED_WITHOUT_DAYS = 3
_MIN_RETOLD = 0.7
# A page that prints this share of a dated report's event sentences word for word is a copy of it (a
# repost, an aggregator's page) whatever its days say: they are the report's, read from its date.
_NEAR_COPY_SHARE = 0.8
_NEAR_COPY_SENTENCES = 3  # of its own event sentences: one short sentence another prints is no copy of it

# Russian year-less days ("26 октября"): they may land on a dated report's own day, and one that lands
# elsewhere counts against it; where no report date can be borrowed, a related dated report may give
# their year (`borrow_year`). Measured on articles_ru; English year-less days keep the older rules.
_YEARLESS_RULES = frozenset({"date:ru-day-month"})
# Year-less days of either language ("Aug. 16", "16 августа") take a related report's year (`borrow_year`).
_YEAR_BORROWING_RULES = _YEARLESS_RULES | {Rule.DATE_MONTH_DAY, Rule.DATE_DAY_MONTH, Rule.DATE_REPORT_STAMP}

# Days counted from the report: read against the wrong report date, they land on the wrong day.
_COUNTED_FROM_REPORT = frozenset({Rule.DATE_WEEKDAY, Rule.DATE_UNRESOLVED_LEAD, Rule.DATE_RELATIVE_DAY, Rule.DATE_AGO,
                                  Rule.DATE_DAY_OFFSET,
                                  Rule.DATE_WEEKEND, Rule.DATE_RU_WEEKDAY, Rule.DATE_RU_RELATIVE})


@dataclass(frozen=True)
class BorrowedDate:
    published: dt.date
    source_doc: str
    similarity: float
    agreeing: int  # the undated article's days that land on the dated one's event days
    copy: bool = True  # with no agreeing days: a near copy, or (False) a page naming no day of its own
    via: str | None = None  # the dated report whose date the source itself borrowed, if it did
    country: str | None = None  # where the source places most of its events: its namesakes' country
    days_after: int = 0  # filed this many days after the source (a follow-up), as its own days say
    copied: bool = False  # prints most of the source's event sentences word for word (`COPY_SHARE`)

    @property
    def reason(self) -> str:
        how = (f"a copy of that report; {self.agreeing} of its own dates land on its event days"
               if self.copied and self.agreeing
               else f"{self.agreeing} of its own dates land on that report's event days" if self.agreeing
               else "a near copy of that report" if self.copy
               else "it names no day of its own; most of its names and figures are that report's, at one place")
        chain = f", itself {BORROWED_FROM} {self.via}" if self.via else ""
        later = f", {self.days_after} day{'s' * (self.days_after > 1)} after that report's date, as its own " \
                "days read" if self.days_after else ""
        return (f"no publication date: report date {self.published.isoformat()} {BORROWED_FROM} {self.source_doc}"
                f"{chain}{later} (shared content {self.similarity:.2f}; {how})")


def _near(a: Place | None, b: Place | None) -> bool:
    """The same place as resolution compares places (a town, a place within it, its region or country),
    or a town of the same name in another country, which `a` may have been read as for want of the
    report's country (an undated rewrite's "port of Valencia", read as Venezuela's, beside a dated
    "VALENCIA, Spain"): the shared content and days still decide."""
    return a is not None and b is not None and (places_compatible(a, b) or _namesake(a, b))


def _namesake(guessed: Place, other: Place) -> bool:
    return guessed.precision == other.precision == "city" and fold(guessed.name) == fold(other.name) and \
        guessed.country != other.country


def _most_placed_country(mentions: Sequence[Mention]) -> str | None:
    """The country a dated report places most of its events in: a hint for the namesakes of an
    article that borrows its date."""
    counts = Counter(m.place.country for m in mentions if m.place is not None and m.place.country)
    return counts.most_common(1)[0][0] if counts else None


def _relative_days(m: Mention, anchor: dt.date) -> list[dt.date]:
    """The day the mention's own unresolved date expression names, read against `anchor`."""
    ev = m.date.evidence if m.date is not None else None
    if ev is None or m.date is None or m.date.start is not None or ev.rule not in _RELATIVE_RULES:
        return []
    return list(_days_read(str(ev.rule), ev.text, ev.start, m.sentence.text, m.sentence.start, anchor))


@lru_cache(maxsize=4096)
def _days_read(rule: str, text: str, start: int, sentence: str, offset: int, anchor: dt.date) -> tuple[dt.date, ...]:
    """The day a date expression names read against `anchor` (cached: an undated page is read
    against each candidate's date, and many candidates share one)."""
    if rule.startswith("date:ru-"):  # the expression itself: it may be carried
        found_days = [d.span.start for d in russian_dates(text, anchor) if d.span.precision == "day"]
        return tuple(day for day in found_days[:1] if day is not None)
    if not offset <= start < offset + len(sentence):  # carried from the sentence that states it: read alone
        sentence, offset = text, start
    for found in find_dates(sentence, anchor, offset=offset):
        first, last = found.span.start, found.span.end
        if found.start + offset != start or first is None:
            continue
        if found.span.precision == "day":
            return (first,)
        if rule == Rule.DATE_WEEKEND and last is not None:  # "this weekend": its Saturday and Sunday
            return tuple(first + dt.timedelta(days=k) for k in range((last - first).days + 1))
    return ()


@dataclass(frozen=True)
class _Agreement:
    exact: int = 0  # year-less dates ("on March 16") that land on a stated event day: rarely by chance
    counted: int = 0  # days counted from the report ("on Sunday") that do: one weekday in seven does
    against: int = 0  # days counted from the report that land on another day than the stated ones
    missed: int = 0  # year-less days that land on another day: they outweigh weekdays that land

    @property
    def total(self) -> int:
        return self.exact + self.counted


_NAMED_WEEKDAYS = frozenset({Rule.DATE_WEEKDAY, Rule.DATE_RU_WEEKDAY})


def _agreement(undated: Sequence[Mention], dated: Sequence[Mention], anchor: dt.date,
               rules: frozenset[Rule] | None = None) -> _Agreement:
    """How the undated article's own dates (those of `rules`, by default all), read against `anchor`,
    meet the days the dated article states for events near the same town. Only mentions the article
    places in a town or region count: any weekday falls on some day of a whole country's campaign.
    Days the dated article only carries from its own report date prove nothing."""
    event_days = [(m.date.start, m.place) for m in dated if m.date is not None and m.date.stated
                  and m.date.start is not None and m.date.precision == "day" and m.modality is Modality.ASSERTED]
    # A Russian year-less day ("11 июля") may also land on the day the dated report gives its events
    # only by its own date (a report of the day): that too rarely happens by chance.
    report_days: list[tuple[dt.date, Place | None]] = []
    if any(m.date is not None and m.date.evidence is not None and m.date.evidence.rule in _YEARLESS_RULES
           for m in undated):
        report_days = [(m.date.start, m.place) for m in dated if m.date is not None and m.date.start == anchor
                       and m.modality is Modality.ASSERTED and m.date.precision == "day"]
        # ... or the first day a lasting action's later report counts back to ("вторые сутки": the day before)
        report_days += [(first, m.place) for m in dated if m.modality is Modality.ASSERTED
                        and (first := first_day_counted(m)) is not None]
    one_day = len({d for d, _ in event_days}) == 1
    exact = counted = against = missed = 0
    seen: set[int] = set()
    # a day one sentence states and later ones carry is read at the place of the sentence that states it
    for m in sorted(undated, key=_carries_its_day):
        ev = m.date.evidence if m.date is not None else None
        from_report = ev is not None and ev.rule in _COUNTED_FROM_REPORT
        yearless = ev is not None and ev.rule in _YEARLESS_RULES
        # a Russian year-less day may be placed in the whole country: it lands by chance rarely; so
        # does a weekday when the dated report gives the country's events one day, not a campaign's
        levels = ("city", "region", "country") if yearless or one_day else ("city", "region")
        if ev is None or ev.start in seen or m.place is None or m.place.precision not in levels or \
                (rules is not None and ev.rule not in rules):
            continue
        days = _relative_days(m, anchor)
        if m.modality is not Modality.ASSERTED and (yearless or all(day > anchor for day in days)):
            continue  # "will march again on Monday", "планируют 1 мая": a day still to come tells of no event
        if days:
            seen.add(ev.start)
            near_days = {d for d, p in (event_days + report_days if yearless else event_days) if _near(m.place, p)}
            day = next((d for d in days if d in near_days), days[0])  # a weekend lands on either of its days
            if day in near_days:
                counted += from_report
                exact += not from_report
            elif from_report and _goes_on(m, day, dated):
                continue  # "the strike went into its second day on Thursday": neither for nor against
            elif near_days and from_report:
                against += 1
            elif near_days and yearless:  # its own day, read so, is another than the report's days there
                missed += 1
    return _Agreement(exact, counted, against, missed)


def _carries_its_day(m: Mention) -> bool:
    """The mention's date is stated in another sentence than its own (carried to it)."""
    ev = m.date.evidence if m.date is not None else None
    return ev is None or not m.sentence.start <= ev.start < m.sentence.end


_GOES_ON_DAYS = 3


def _goes_on(m: Mention, day: dt.date, dated: Sequence[Mention]) -> bool:
    """A lasting action (a strike, an occupation) the dated report states began near the mention's
    place a few days before `day`: a later day of it is no day against the report."""
    return m.type in LASTING and any(
        d.type is m.type and d.date is not None and d.date.stated and d.date.start is not None
        and 0 < (day - d.date.start).days <= _GOES_ON_DAYS and _near(m.place, d.place) for d in dated)


def _names_a_day(mentions: Sequence[Mention]) -> bool:
    """Whether the article states a day of its own that its report date would resolve ("on Sunday")."""
    return any(m.date is not None and m.date.evidence is not None and m.date.evidence.rule in _RELATIVE_RULES
               for m in mentions)


def _a_town_in_common(undated: Sequence[Mention], dated: Sequence[Mention]) -> bool:
    """Whether the undated article places one of its events at a town or region where the dated one
    places one of its own (a whole country is no evidence of one story)."""
    theirs = [m.place for m in dated if m.modality is Modality.ASSERTED]
    return any(m.place is not None and m.place.precision not in (None, "country") and _near(m.place, p)
               for m in undated if m.modality is Modality.ASSERTED for p in theirs)


def _told_without_days(undated: Sequence[Mention], dated: Sequence[Mention], own: Counter[str],
                       theirs: Counter[str], share: float) -> bool:
    """An undated page that names no day it could be checked by, whose story is the dated report's:
    most of its distinctive content, several terms of it, at a town both report."""
    return share >= _MIN_SIMILARITY_WITHOUT_DAYS and len(own.keys() & theirs.keys()) >= _MIN_SHARED_WITHOUT_DAYS \
        and not _names_a_day(undated) and _a_town_in_common(undated, dated)


def _retold(undated: Sequence[Mention], dated: Sequence[Mention], own: Counter[str], theirs: Counter[str]) -> bool:
    """A short undated post that retells the dated report in its own order ("Khabarovsk, right now:
    thousands at the rally against the incinerator on Lenin Square"): at a town both report, a name of
    it in common and most of its words (`retold_share`); no day of its own to check it by."""
    return bool(own.keys() & theirs.keys()) and not _names_a_day(undated) and \
        retold_share(undated, dated) >= _MIN_RETOLD and _a_town_in_common(undated, dated)


def needs_date(mentions: Sequence[Mention]) -> bool:
    """An article whose events cannot be dated for want of its report date."""
    return any(m.date is None or (m.date.start is None and m.date.evidence is not None
                                  and m.date.evidence.rule in _RELATIVE_RULES | {Rule.DATE_REPORT_STAMP})
               for m in mentions)  # a year-less stamp ("LAGOS, June 4 (Wire) -") wants its year


def borrow_report_date(undated: Sequence[Mention], dated: Mapping[str, tuple[dt.date, Sequence[Mention]]],
                       idf: Mapping[str, float] | None = None,
                       pages: Mapping[str, Counter[str]] | None = None,
                       index: TermIndex | None = None, whole: Counter[str] | None = None) -> BorrowedDate | None:
    """The report date an undated article borrows from the dated article (doc_id -> (published, its
    mentions)) that best matches it, or None when none matches well enough.

    A candidate must share distinctive content with the article, and the article's own dates, read
    against the candidate's date, must land on the candidate's stated event days at least as often
    as not: a year-less date that lands ("on March 16") is enough; a day counted from the report
    ("on Sunday") needs more shared content, as one weekday in seven lands by chance; with no such
    dates at all, the two must be near copies. The best match has the most agreeing days, then
    the most shared content; but a page that prints most of a report's event sentences word for word
    (`_NEAR_COPY_SHARE`) is that report's copy, and borrows its date before any other's.

    `whole`, the terms of the undated article's whole text (`similarity.page_terms`), counts as its
    shared content only where its stated days land exactly and none lands elsewhere: a page that
    names the day and town of a dated report's event and the names around it (the person a rally
    backs, the square it filled) reports it, even when its event sentences name none of them."""
    asserted = [m for m in undated if m.modality is Modality.ASSERTED]
    if not asserted:
        return None
    own = distinctive_terms(m.sentence.text for m in undated)
    # the towns its events are placed at, named where a sentence opens too ("Khabarovsk, right now: ...")
    own.update({name_term(m.place_text) for m in asserted if m.place_text and m.place is not None
                and m.place.precision == "city" and " " not in m.place_text.strip()} - own.keys())
    if pages is None:  # each dated article's terms; a caller comparing many undated articles passes them once
        pages = {doc: distinctive_terms(m.sentence.text for m in ms) for doc, (_, ms) in dated.items()}
        index = None  # an index is of the pages passed with it
    weights = idf if idf is not None else inverse_frequencies([own, *pages.values()])
    best: BorrowedDate | None = None
    nearest: tuple[float, float, BorrowedDate] | None = None  # the report it copies most nearly, if any
    # a page sharing fewer terms has no similarity
    sharing = (index or TermIndex(pages)).sharing(own if whole is None else own | whole)
    for doc in _of_one_crowd(asserted, dated, sharing):
        published, mentions = dated[doc]
        share = similarity(own, pages[doc], weights)
        whole_share = similarity(whole, pages[doc], weights) if whole is not None else 0.0
        retold = _retold(undated, mentions, own, pages[doc])
        if max(share, whole_share) < _MIN_SIMILARITY and not retold:
            continue
        printed = copied_share(undated, mentions)
        if printed >= _NEAR_COPY_SHARE and len({m.sentence.start for m in undated}) >= _NEAR_COPY_SENTENCES:
            # a near copy prints the report's own sentences: its days are the report's, read from its date,
            # even where a day it reads lands elsewhere (a day carried otherwise, a day edited)
            if nearest is None or (printed, share) > nearest[:2]:
                nearest = (printed, share, BorrowedDate(
                    published, doc, round(max(share, whole_share), 3), _agreement(undated, mentions, published).total,
                    country=_most_placed_country(mentions), copied=True))
            continue
        candidate = _checked_by_days(undated, doc, dated[doc], (own, pages[doc]), (share, whole_share, printed), retold)
        if candidate is not None and (best is None or (candidate.copied, candidate.agreeing, candidate.similarity) >
                                      (best.copied, best.agreeing, best.similarity)):
            best = candidate  # a copy of a report is that report's, before any later one its days may also fit
    return nearest[2] if nearest is not None else best


def _checked_by_days(undated: Sequence[Mention], doc: str, report: tuple[dt.date, Sequence[Mention]],
                     terms: tuple[Counter[str], Counter[str]], shares: tuple[float, float, float],
                     retold: bool) -> BorrowedDate | None:
    """The report date the undated page borrows from one dated report (`report`: its date and mentions)
    that shares its content (`shares`: of its event sentences, of its whole page, printed word for word),
    where its own days, read against that date, agree (`borrow_report_date`); None where they do not."""
    (own, theirs), (share, whole_share, printed) = terms, shares
    published, agreement = _best_report_day(undated, report[1], report[0])
    if agreement.against > agreement.total or agreement.missed > agreement.exact:
        return None
    if agreement.exact and not (agreement.missed or agreement.against):
        share = max(share, whole_share)
    if share < _MIN_SIMILARITY and not retold:
        return None
    unchecked = agreement.total == 0 and agreement.against == 0 and agreement.missed == 0
    copied = printed >= COPY_SHARE
    copy = unchecked and copied
    if not (agreement.exact or (agreement.counted and share >= _MIN_SIMILARITY_BY_WEEKDAY) or copy or (
            unchecked and (retold or _told_without_days(undated, report[1], own, theirs, share)))):
        return None
    return BorrowedDate(published, doc, round(share, 3), agreement.total, copy,
                        country=_most_placed_country(report[1]), days_after=(published - report[0]).days,
                        copied=copied)


# A follow-up is often filed a day or two after the report it retells ("Wednesday's strike", "early
# Thursday" in a page of Thursday): its days counted from the report are also read against those days.
_FOLLOW_UP_DAYS = 2


def _best_report_day(undated: Sequence[Mention], dated: Sequence[Mention], published: dt.date
                     ) -> tuple[dt.date, _Agreement]:
    """The undated page's report day, read as the dated report's own or up to `_FOLLOW_UP_DAYS` after it,
    on which its own dates agree best with the dated report's days (the report's own day on a tie)."""
    def rank(day: dt.date, agreement: _Agreement) -> tuple[bool, int, int, int]:
        fits = agreement.against <= agreement.total and agreement.missed <= agreement.exact
        return fits, agreement.total, -agreement.against, -(day - published).days

    readings = []
    for k in range(_FOLLOW_UP_DAYS + 1):
        day = published + dt.timedelta(days=k)
        agreement = _agreement(undated, dated, day)
        # a later day only where a weekday it names lands so: "yesterday", read from a day chosen to fit,
        # lands on the report's day whatever the page is
        if k and not _agreement(undated, dated, day, _NAMED_WEEKDAYS).total:
            continue
        readings.append((day, agreement))
    return max(readings, key=lambda r: rank(*r))


def _of_one_crowd(asserted: Sequence[Mention], dated: Mapping[str, tuple[dt.date, Sequence[Mention]]],
                  docs: Iterable[str]) -> list[str]:
    """The dated reports whose crowd may be the undated page's: hawkers marching and doctors marching
    are two crowds' stories, whatever names they share."""
    return [doc for doc in docs
            if not other_trades(asserted, [m for m in dated[doc][1] if m.modality is Modality.ASSERTED])]


def with_borrowed_reason(m: Mention, borrowed: BorrowedDate) -> Mention:
    """The mention with its date's evidence saying the report date it was read against was borrowed."""
    d = m.date
    if d is None or d.evidence is None or not (d.evidence.rule in _RELATIVE_RULES or
                                               d.evidence.rule in CARRIED_DATE_RULES):
        return m
    why = f"{d.evidence.reason}; {borrowed.reason}" if d.evidence.reason else borrowed.reason
    return replace(m, date=replace(d, evidence=replace(d.evidence, reason=why)))


_YEAR_WINDOW = (dt.timedelta(days=62), dt.timedelta(days=7))  # before and after the dated report
# Less shared content than a report date needs (a year is all it gives, and the days must fall in
# the window), but at least this many names or figures in common.
_MIN_YEAR_SIMILARITY = 0.05
_MIN_YEAR_SHARED = 3
_MIN_YEAR_SHARED_SAME_DAY = 2  # fewer shared names, where the page's days land on the report's own event days


@dataclass(frozen=True)
class BorrowedYear:
    """The month (its first day) whose year dates an undated article's year-less days."""

    month: dt.date
    source_doc: str
    similarity: float
    anchor: dt.date | None = None  # the report date the window was measured from (the first dated report's)
    via: str | None = None  # the dated report whose year the source itself borrowed, if it did
    by_weekday: bool = False  # found by a year-less day checked twice over (`_year_by_checked_day`), not by content
    report_day: dt.date | None = None  # the page's year-less stamp, in that year: its report date

    @property
    def reason(self) -> str:
        chain = f", itself {BORROWED_FROM} {self.via}" if self.via else ""
        why = ("that report gives an event on the page's year-less day in its town, and in that year the day "
               "falls on the weekday the page gives it, or the page's days counted from its year-less stamp land "
               "on it" if self.by_weekday else
               f"that report of the same story (shared content {self.similarity:.2f}; its year-less days fall "
               f"within weeks before it)")
        return (f"no publication date and no year: the year of {self.source_doc} ({self.month.year}{chain}), "
                f"{BORROWED_FROM} {why}")


def _yearless(undated: Sequence[Mention]) -> list[tuple[str, str]]:
    """The year-less days the article's reports state, with the rule that read each."""
    return sorted({(m.date.evidence.text, m.date.evidence.rule) for m in undated if m.date is not None
                   and m.date.start is None and m.date.evidence is not None
                   and m.date.evidence.rule in _YEAR_BORROWING_RULES and m.modality is Modality.ASSERTED})


def borrow_year(undated: Sequence[Mention], dated: Mapping[str, tuple[dt.date, Sequence[Mention]]],
                idf: Mapping[str, float], pages: Mapping[str, Counter[str]],
                min_shared: int = _MIN_YEAR_SHARED, index: TermIndex | None = None,
                text: str | None = None) -> BorrowedYear | None:
    """The year an undated article with year-less days ("23 января", "Aug. 16") and no report date takes from
    the dated report it shares most content with, when every such day, read in that report's year,
    falls within weeks before it (a follow-up story); else from a dated report of an event on that
    very day and weekday in the same town (`_year_by_weekday`): None when no report fits."""
    days = _yearless(undated)
    if not days:
        return _year_by_checked_day(undated, days, dated, text)
    own = distinctive_terms(m.sentence.text for m in undated)
    fitting: list[BorrowedYear] = []
    for doc in (index or TermIndex(pages)).sharing(own, at_least=min(min_shared, _MIN_YEAR_SHARED_SAME_DAY)):
        published = dated[doc][0]
        share = similarity(own, pages[doc], idf)
        if share < _MIN_YEAR_SIMILARITY:
            continue
        read = _read_in_year_of(days, published)
        if read is None:
            continue
        if len(own.keys() & pages[doc].keys()) < min_shared and not _on_its_days(read, undated, dated[doc][1]):
            continue
        fitting.append(BorrowedYear(published.replace(day=1), doc, round(share, 3), published))
    if not fitting:
        return _year_by_checked_day(undated, days, dated, text)
    best = max(fitting, key=lambda y: y.similarity)  # the first of the closest, in the order the index gives
    # reports of other years that fit as well (the same day of another year's campaign): no year is known
    return None if any(y.similarity == best.similarity and y.month.year != best.month.year for y in fitting) else best


def _read_in_year_of(days: list[tuple[str, str]], published: dt.date) -> list[dt.date | None] | None:
    """The year-less days read in a dated report's month, or None unless all fall within weeks of it."""
    month = published.replace(day=1)
    read = [d.span.start for text, rule in days
            for d in (russian_dates if rule in _YEARLESS_RULES else find_dates)(text, None, published_month=month)[:1]]
    if not read or not all(day is not None and published - _YEAR_WINDOW[0] <= day <= published + _YEAR_WINDOW[1]
                           for day in read):
        return None
    return read


def _year_by_checked_day(undated: Sequence[Mention], days: list[tuple[str, str]],
                         dated: Mapping[str, tuple[dt.date, Sequence[Mention]]],
                         text: str | None = None) -> BorrowedYear | None:
    """A year-less day checked twice over gives the year of a dated report of an event on that very day
    in the page's town or region, whatever content the two share (a short page names little more than
    its town): a year-less day with its weekday beside it ("Sunday, 6 September") that falls on that
    weekday in the report's year, or a year-less report stamp ("DHAKA, Sept 21 (Wire) - ... on Sunday")
    from which the page's own days, counted, land on the report's event day. None where reports of
    several years fit."""
    weekdays, stamps = _weekdays_beside(undated), _year_less_stamp(text)
    if not weekdays and not stamps:
        return None
    places = [m.place for m in undated if m.modality is Modality.ASSERTED and m.place is not None
              and m.place.precision in ("city", "region")]
    found: dict[int, BorrowedYear] = {}
    for doc in sorted(dated):
        published, mentions = dated[doc]
        # a town's or region's events, at the page's very place: a country's campaign, or a namesake
        # abroad, is no check of a day
        local = [m for m in mentions if m.place is not None and m.place.precision in ("city", "region")
                 and any(places_compatible(p, m.place) for p in places)]
        if not local:
            continue
        read = _read_in_year_of(days, published) if weekdays else None
        by_weekday = read is not None and _weekdays_agree(weekdays, read, days) and _on_its_days(read, undated, local)
        stamped = _counted_from_a_stamp(stamps, published, undated, local)
        if by_weekday or stamped is not None:
            found.setdefault(published.year, BorrowedYear(published.replace(day=1), doc, 0.0, published,
                                                          by_weekday=True, report_day=stamped))
    # reports of one place in several years whose day falls on that weekday (May Day on a Sunday in
    # 2016 and 2022): which year is not known
    return next(iter(found.values())) if len(found) == 1 else None


def _year_less_stamp(text: str | None) -> list[str]:
    """The year-less filing day of an agency dateline near the top of the page ("DHAKA, Sept 21 (Wire) -
    Thousands blocked a road on Sunday"), or of a byline ("By Maya Roe | Jakarta, Aug 31"): the report's
    own day, whose year is wanted."""
    if not text:
        return []
    m = AGENCY_DATELINE.search(text[:2000])
    if m is not None:
        return [f"{m.group('m')} {m.group('d')}"] if not m.group("y") else []
    byline = yearless_byline_day(text)  # "By Maya Roe | Jakarta, Aug 31"
    return [byline] if byline is not None else []


def _counted_from_a_stamp(stamps: list[str], published: dt.date, undated: Sequence[Mention],
                          local: Sequence[Mention]) -> dt.date | None:
    """Read in the dated report's year, a stamp is the page's report day; that day where the page's days
    counted from it ("on Sunday") land on the days the report gives events at their places (places the
    report does not tell of check nothing)."""
    # the same action: of one type, or one crowd's that both name by its trade (traders' strike and march)
    shared_trade = bool(trades(undated) & trades(local))
    event_days = [(m.date.start, m.place, m.type) for m in local if m.date is not None and m.date.start is not None]
    for stamp in stamps:
        read = _read_in_year_of([(stamp, Rule.DATE_MONTH_DAY)], published)
        if read is None or read[0] is None:
            continue
        landed = [(day, m.place, m.type) for m in undated if m.modality is Modality.ASSERTED
                  for day in _relative_days(m, read[0])]
        # each day lands on the report's day at its place, where the report gives that place a day at all, and
        # on an action of the same type there (a town's other crowd that day is no check)
        there = [[(d, t) for d, p, t in event_days if _near(place, p)] for _day, place, _type in landed]
        checked = [any(day == d and (kind is t or shared_trade) for d, t in days)
                   for (day, _place, kind), days in zip(landed, there, strict=True) if days]
        if checked and all(checked):
            return read[0]
    return None


def _weekdays_beside(undated: Sequence[Mention]) -> dict[str, int]:
    """The year-less days the page gives with their weekday beside them ("Sunday, 6 September",
    "в воскресенье, 6 сентября", "6 сентября, в воскресенье"): the day's text -> the weekday's number."""
    found: dict[str, int] = {}
    for m in undated:
        ev = m.date.evidence if m.date is not None and m.date.start is None else None
        if ev is None or ev.rule not in _YEAR_BORROWING_RULES or m.modality is not Modality.ASSERTED:
            continue
        start, end = ev.start - m.sentence.start, ev.end - m.sentence.start
        around = (m.sentence.text[max(0, start - 20):start], m.sentence.text[end:end + 20])
        near = [n for n, pattern in enumerate(_weekday_patterns()) if any(pattern.search(t) for t in around)]
        if len(near) == 1:
            found[ev.text] = near[0]
    return found


@lru_cache(maxsize=1)
def _weekday_patterns() -> tuple[re.Pattern[str], ...]:
    """Each weekday's words in every language whose calendar lists all seven, Monday first, in any
    form ("пятница", "пятницу")."""
    names = [lexicon(code).calendar.weekdays for code in available()]
    return tuple(re.compile(rf"(?<!\w)(?:{'|'.join(_any_case(w) for w in group)})(?!\w)", re.I)
                 for group in zip(*[n for n in names if len(n) == 7], strict=True))


def _any_case(lemma: str) -> str:
    """A weekday's word in every form the language inflects it in ("пятница", "пятницу")."""
    forms = word_forms(lemma) if CYRILLIC.search(lemma) else {lemma}
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def _weekdays_agree(weekdays: dict[str, int], read: list[dt.date | None], days: list[tuple[str, str]]) -> bool:
    """Some year-less day has its weekday beside it, and every such day, read in the candidate's year,
    falls on that weekday."""
    checked = [(day, weekdays[text]) for day, (text, _rule) in zip(read, days, strict=False) if text in weekdays]
    return bool(checked) and all(day is not None and day.weekday() == wd for day, wd in checked)


def _on_its_days(read: list[dt.date | None], undated: Sequence[Mention], dated: Sequence[Mention]) -> bool:
    """Every year-less day of the undated page, read in the dated report's year, is a day the report
    gives one of its events, at a place near one the page gives ("LAGOS, June 4 (Wire) - drivers
    marched ..." beside a dated report of Tuesday, June 4's march in Lagos)."""
    theirs = [(m.date.start, m.place) for m in dated if m.modality is Modality.ASSERTED and m.date is not None]
    places = [m.place for m in undated if m.modality is Modality.ASSERTED and m.place is not None]
    return all(any(day == d and any(_near(p, q) for q in places) for d, p in theirs) for day in read)


def borrow_year_again(undated: Sequence[Mention], found: Mapping[str, BorrowedYear],
                      mentions: Mapping[str, Sequence[Mention]], idf: Mapping[str, float]) -> BorrowedYear | None:
    """The year an undated article takes from another undated article of the same story that has just
    borrowed one (`found`: doc_id -> its BorrowedYear): a follow-up of a follow-up ("19 сентября" in two
    pages about one march, only one of which shares enough with a dated report). The window is
    measured from the date the first report gave, and the evidence names both reports."""
    days = {text for text, _rule in _yearless(undated)}
    # only from a page that names one of the same year-less days in the same town: with that day in
    # common, one name or figure more is enough
    anchored = {doc: (year.anchor, mentions[doc]) for doc, year in found.items()
                if year.anchor is not None and _same_yearless_day(undated, mentions[doc], days)}
    pages = {doc: distinctive_terms(m.sentence.text for m in ms) for doc, (_, ms) in anchored.items()}
    again = borrow_year(undated, anchored, idf, pages, min_shared=_MIN_YEAR_SHARED - 1)
    if again is None:
        return None
    return replace(again, via=found[again.source_doc].source_doc)


def with_borrowed_year(m: Mention, borrowed: BorrowedYear) -> Mention:
    """The mention with its date's evidence saying whose year resolved it."""
    d = m.date
    if d is None or d.evidence is None or d.start is None:
        return m
    why = f"{d.evidence.reason}; {borrowed.reason}" if d.evidence.reason else borrowed.reason
    return replace(m, date=replace(d, evidence=replace(d.evidence, reason=why)))


def _same_yearless_day(undated: Sequence[Mention], other: Sequence[Mention], days: set[str]) -> bool:
    """Whether the other page's asserted mentions give one of these year-less days ("19 сентября",
    "Sept. 19") at a place that agrees with one where the undated page gives it."""
    def placed(ms: Sequence[Mention]) -> list[tuple[str, Place | None]]:
        return [(m.date.evidence.text.lower(), m.place) for m in ms if m.modality is Modality.ASSERTED
                and m.date is not None and m.date.evidence is not None
                and m.date.evidence.rule in _YEAR_BORROWING_RULES and m.date.evidence.text in days]
    theirs = placed(other)
    return any(day == d and _near(place, p) for day, place in placed(undated) for d, p in theirs)
