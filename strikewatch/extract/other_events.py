"""Other events in a protest report: the elections, coups, deals and rulings protests follow.

A date that belongs to one of them ("the August 9 election", "the coup carried out last October",
"until Saturday") does not date the protest (`dates_another_event`, `inside_another_event`); the
days an article gives them date its background ("in the first days after the election").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from strikewatch.detect import is_candidate
from strikewatch.extract.time import DateMention, find_dates
from strikewatch.lang import lexicon, phrase_pattern
from strikewatch.model import DatePrecision, DateSpan, Evidence
from strikewatch.rules import Rule

# Events that protests follow or answer. A date that names one ("the August 9 election") or a
# relative date right after one, inside a phrase that places the protest after it ("his victory in
# elections last month", "after the vote last week"), dates that event, not the protest.
LANGUAGE = "en"  # whose event words (strikewatch/lang/en/events.toml) the patterns read


@dataclass(frozen=True)
class _Patterns:
    before: re.Pattern[str]  # "after the vote", "his victory in elections" just before a date
    after: re.Pattern[str]  # "the August 9 election": an event noun right after a date
    before_date: re.Pattern[str]  # "the election held on" a date
    after_event: re.Pattern[str]  # "in the first days after the election"
    noun: re.Pattern[str]  # one of the event nouns, as a whole word ("vote", not "voters")
    compared: re.Pattern[str]  # "the biggest turnout since": a comparison's baseline
    until: re.Pattern[str]  # "until" just before a date: only a bound
    remembered: re.Pattern[str]  # "the anniversary of (the) ..." just before a date with a year
    than: re.Pattern[str]  # "a smaller crowd than (on)", "down from 3,000 on" just before a date: the other side
    voting: frozenset[str]


_FIGURE = r"\d[\d,.]*(?:\s*(?:million|thousand))?\b"


@cache
def _patterns() -> _Patterns:
    """Built from the lexicon at first use."""
    events, calendar = lexicon(LANGUAGE).events, lexicon(LANGUAGE).calendar
    other = "(?:{})".format("|".join(re.escape(w) for w in sorted(events.other_events, key=len, reverse=True)))
    compared = "|".join(re.escape(w) for w in events.comparisons)
    return _Patterns(
        before=re.compile(rf"\b(?:after|following|since|before|in|of|to|over|by)\s+(?:[\w-]+\s+){{0,3}}?{other}\s*$",
                          re.I),
        after=re.compile(
            rf"^\s+(?:(?!(?:after|before|over|against|following|on|in|for)\b)[\w-]+\s+)?(?P<noun>{other})\b", re.I),
        before_date=re.compile(rf"\b(?P<noun>{other})\s+(?:(?:was|were)\s+)?(?:held\s+)?(?:on|of)\s+$", re.I),
        after_event=re.compile(rf"\b(?P<rel>after|since|following)\s+(?:the\s+)?(?:[\w-]+\s+)?(?P<noun>{other})\b",
                               re.I),
        noun=re.compile(rf"\b{other}\b", re.I),
        # or what was "not seen since" right before the date ("levels not seen since the 1990s")
        compared=re.compile(rf"\b(?:{compared})\b[^.;:]{{0,60}}?\bsince(?:\s+[\w-]+){{0,3}}\s*$"
                            r"|\b(?:not\s+(?:been\s+)?seen|unseen)\s+since(?:\s+[\w-]+){0,3}\s*$", re.I),
        # "until Sunday", "until the early hours of Monday", "until late on Friday": only a bound
        until=re.compile(r"\b(?:{})\s+(?:the\s+)?(?:(?:early|small|late)\s+hours\s+of\s+|(?:early|late)\s+(?:on\s+)?"
                         r"|dawn\s+on\s+)?$".format("|".join(re.escape(w) for w in calendar.until_words)), re.I),
        remembered=re.compile(r"\b(?:{})\s+(?:[\w'’-]+\s+){{0,6}}?$".format(
            "|".join(re.escape(w) for w in events.commemorations) or "(?!)"), re.I),
        voting=events.voting,
        than=re.compile(r"(?<!more )(?<!less )(?<!fewer )(?<!other )(?<!rather )"  # "more than two weeks ago": no
                        rf"\b(?:{phrase_pattern(events.comparing_words)})"
                        r"\s+(?:(?:on|in|at|during|the|that\s+of|those\s+of)\s+){0,2}$"
                        # the figure of the other side, and its clause: "down from 3,000 on", "fewer than
                        # the 3,000 who walked out on" ("fewer than 3,000 walked out on": a hedge, no side)
                        rf"|(?:(?<!more )(?<!less )(?<!fewer )\b(?:{phrase_pattern(events.comparing_words)})\s+"
                        rf"|\b(?:{phrase_pattern(events.comparing_words)})\s+(?:the|those)\s+)"
                        rf"(?:(?:some|about|around|nearly|roughly|almost)\s+)?{_FIGURE}[^.;,]{{0,50}}$", re.I),
    )


# Events that protests follow or answer. A date that names one ("the August 9 election") or a
# relative date right after one, inside a phrase that places the protest after it ("his victory in
# elections last month", "after the vote last week"), dates that event, not the protest.
# "in the first days after the election": dated from the article's own date for that election.
_FIRST_PERIOD = re.compile(r"\b(?:first|early|initial)\s+(?P<unit>hours|days|weeks)\b", re.I)
_YEAR_IN = re.compile(r"\b(?:1[89]|20)\d\d\b")
_RELATIVE_DATE = re.compile(r"^(?:last|this|earlier|past|overnight)\b|\bago$", re.I)
# "the biggest turnout since independence in 1991", "the first general strike since 2019": the date
# is the baseline of a comparison, not a day anything in the sentence happened (_Patterns.compared).


def dates_another_event(date: DateMention, sentence_text: str, published: dt.date | None = None) -> bool:
    """The date is another event's, a comparison's baseline, or only a bound ("until Saturday"),
    not the protest's day."""
    said = sentence_text[date.start:date.end]
    before = sentence_text[max(0, date.start - 80):date.start]
    if _patterns().until.search(before) or _patterns().than.search(before):
        return True
    if _YEAR_IN.search(said) and _patterns().remembered.search(before) and (
            published is None or date.span.start is None or date.span.start.year < published.year):
        return True  # "marking the anniversary of the 1987 massacre": the massacre's year, not the march's
    if _patterns().compared.search(before + (said if said.lower().startswith("since") else "")):
        return True
    if _patterns().after.match(sentence_text[date.end:date.end + 40]):
        return True
    rest = sentence_text[date.end:]
    if _DAYS_FROM_ANOTHER.search(said) and not _a_day_named().match(rest[:30]) and not is_candidate(rest):
        # "the protest came a day after parliament agreed ...": the other happening's day (one that is itself
        # a protest or a crackdown, "a day after police detained 300", keeps it: its sentence reports both)
        return True
    return bool(_RELATIVE_DATE.search(said) and _patterns().before.search(before))


# "a day after", "two days before" followed by what happened then, not by a day ("a day after Monday's vote"
# is still counted from a day): the day of that other happening
_DAYS_FROM_ANOTHER = re.compile(r"\bdays?\s+(?:after|before)$", re.I)


@cache
def _a_day_named() -> re.Pattern[str]:
    calendar = lexicon(LANGUAGE).calendar
    names = phrase_pattern([*calendar.weekdays, *(name for month in calendar.months for name in month)])
    return re.compile(rf"\s+(?:the\s+)?(?:\d|(?:{names})\b)", re.I)


def inside_another_event(date_token, trigger_token, a_day: bool = True) -> bool:
    """The parse puts the date inside the phrase of another event: in a clause that describes it
    ("against the coup carried out last October", "the deal signed on Monday"), or in a phrase
    headed by it that the protest does not govern ("Despite the announcement of a wage rise on
    Nov 7, workers continued their protests"). A date the trigger's own phrase holds ("protested
    against the agreement on Sunday") stays the protest's: the parser often hangs it on the noun."""
    trigger_side = {trigger_token.i, *(t.i for t in trigger_token.ancestors)}
    governed = {t.i for t in trigger_token.subtree}
    conjoined = False
    for token in date_token.ancestors:
        if token.i in trigger_side:
            return False
        is_event_noun = token.pos_ in ("NOUN", "PROPN") and _patterns().noun.fullmatch(token.text)
        if is_event_noun and token.i not in governed:
            return not _the_actions_occasion(token, trigger_side)
        if token.dep_ in ("acl", "relcl") and _patterns().noun.fullmatch(token.head.text):
            return True
        if token.dep_ == "relcl" and (_what_it_is_against(token.head) or a_persons(token.head)) and \
                not _an_action_or_its_people(token.head) and not _names_an_action(token):
            # "chanting against the levy, which MPs approved on Wednesday": the vote's day; "in solidarity
            # with the family of the rider who died in custody last week": the death's
            return True
        if not a_day and _a_since_clause(token) and not _names_an_action(token):
            # "the third strike since Milei took office in December 2023": the month or year of the
            # count's baseline (a day may be the first of the wave: "since police shot a student on Monday")
            return True
        if (token.i not in governed or date_token.head.i == token.i) and an_earlier_action(token):
            return True  # "ten years after the 2015 strike, nurses walked out": the earlier strike's own year
        if token.dep_ == "conj":
            conjoined = True  # "... after management imposed shifts and stayed out all last week": the action's
        if not a_day and not conjoined and _a_clause_of_what_came_before(token) and not _names_an_action(token) \
                and not _this_period(date_token):
            # "were on strike after talks broke down last week": the talks' week, not the strike's (a day may
            # be the action's too: "riots broke out after police shot a teenager on Saturday"; "this week" is
            # the report's, in which the action fell too)
            return True
    return False


_BEFORE_OR_AFTER = frozenset({"after", "before"})  # not "once the deadline passed": then it began


def _this_period(date_token) -> bool:  # noqa: ANN001 - a spaCy token
    """"this week", "earlier this month": the report's own period."""
    return any(c.lower_ == "this" for c in date_token.children) or date_token.lower_ == "this"


def _a_clause_of_what_came_before(verb) -> bool:  # noqa: ANN001 - a spaCy token
    """A clause that tells what happened before or after the action ("after talks broke down last week")."""
    return verb.dep_ == "advcl" and verb.pos_ in ("VERB", "AUX") and \
        any(c.dep_ == "mark" and c.lower_ in _BEFORE_OR_AFTER for c in verb.children)


def a_persons(noun) -> bool:  # noqa: ANN001 - a spaCy token
    """A person a relative clause tells of ("the rider who died", "a student whose brother was shot"),
    not the state's forces, whose clause tells of the crackdown itself ("police who fired in Mandalay")."""
    after = noun.doc[noun.i + 1:noun.i + 2]
    return noun.pos_ == "NOUN" and len(after) == 1 and after[0].lower_ in ("who", "whom", "whose") and \
        noun.lemma_.lower() not in lexicon(LANGUAGE).senses.security_actors


def _what_it_is_against(noun) -> bool:  # noqa: ANN001 - a spaCy token
    """The noun names what the action is against ("chanting against the levy, which ..."; the
    `cause_prepositions` of places.toml), not where it is ("paralysed the country, which ground to a
    halt on Wednesday" keeps its day)."""
    causes = lexicon(LANGUAGE).places.cause_prepositions
    return noun.pos_ == "NOUN" and noun.dep_ == "pobj" and noun.head.lower_ in causes


def _a_since_clause(token) -> bool:  # noqa: ANN001 - a spaCy token
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in token.children)


@cache
def _actions_and_people() -> frozenset[str]:
    """Lemmas of event nouns, participants and crowd nouns: what a clause about the action itself hangs on."""
    lex = lexicon(LANGUAGE)
    return frozenset(lex.triggers.nouns) | frozenset(lex.triggers.agents) | frozenset(lex.people.forms("crowd"))


def _an_action_or_its_people(noun) -> bool:  # noqa: ANN001 - a spaCy token
    """"The march, which began on Sunday", "protesters, who gathered on Monday": the clause tells of
    the action itself."""
    return noun.pos_ == "PRON" or noun.lemma_.lower() in _actions_and_people()


@cache
def _trigger_phrases() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{phrase_pattern(lexicon(LANGUAGE).triggers.phrases)})\b")


def _names_an_action(clause) -> bool:  # noqa: ANN001 - a spaCy token
    """The clause's own words name an action ("since they walked out on Monday"), or its start ("since
    it began on Monday"): its date is the action's first day, not another event's."""
    trig = lexicon(LANGUAGE).triggers
    if clause.lemma_.lower() in lexicon(LANGUAGE).events.onset_verbs:
        return True
    words = [t for t in clause.subtree if t.pos_ in ("NOUN", "VERB") and t.ent_type_ != "DATE"]  # not "in March"
    return any(t.lemma_.lower() in trig.verbs or t.lemma_.lower() in trig.nouns for t in words) or \
        bool(_trigger_phrases().search(" ".join(t.lower_ for t in clause.subtree)))


def _the_actions_occasion(noun, trigger_side: set[int]) -> bool:  # noqa: ANN001 - spaCy tokens
    """A gathering the action is done at, during or to ("brought a banner to the council meeting on
    Tuesday"): the action happens at its time."""
    events = lexicon(LANGUAGE).events
    preposition = noun.head
    return noun.lemma_.lower() in events.occasions and preposition.pos_ == "ADP" and \
        preposition.lower_ in events.occasion_prepositions and preposition.head.i in trigger_side


def an_earlier_action(token) -> bool:
    """An action noun that a word of sequence puts before or beside the reported one ("the walkout
    followed a two-day strike in March", "after a similar strike in March")."""
    words = lexicon(LANGUAGE)
    return token.pos_ == "NOUN" and token.lemma_.lower() in words.triggers.nouns and \
        token.head.lemma_.lower() in words.events.sequence_words


def _event_kind(noun: str) -> str:
    word = noun.lower().removesuffix("s")
    return "election" if word in _patterns().voting else word


def dated_other_events(text: str, published: dt.date | None, year_month: dt.date | None) -> dict[str, dt.date]:
    """The days an article gives the events protests follow ("the August 9 election", "the
    election held on August 9"), by kind of event; the first stated wins. Only the lines that name
    such an event are searched for dates (the search is costly, and no date crosses a line)."""
    days: dict[str, dt.date] = {}
    for line in text.splitlines():
        if not _patterns().noun.search(line):
            continue
        for date in find_dates(line, published, published_month=year_month):
            if date.span.start is None or date.span.precision != "day":
                continue
            named = _patterns().after.match(line[date.end:date.end + 40]) or \
                _patterns().before_date.search(line[max(0, date.start - 40):date.start])
            if named:
                days.setdefault(_event_kind(named.group("noun")), date.span.start)
    return days


def after_dated_event(sentence: str, offset: int, event_days: dict[str, dt.date],
                      report_day: dt.date | None) -> DateSpan | None:
    """"In the first days after the election", "since the coup": a span from the day the article
    gives that event (`dated_other_events`): a few days, two weeks or one week after it; up to the
    report's day for "since". `offset` is the sentence's start in the document."""
    m = _patterns().after_event.search(sentence)
    day = event_days.get(_event_kind(m.group("noun"))) if m else None
    if m is None or day is None:
        return None
    first = _FIRST_PERIOD.search(sentence)
    length = 14 if first and first.group("unit").lower() == "weeks" else 3 if first else 7
    end = day + dt.timedelta(days=length)
    if m.group("rel").lower() == "since":
        end = max(report_day, day) if report_day else day
    return DateSpan(day, end, DatePrecision.WEEK if (end - day).days <= 7 else DatePrecision.MONTH,
                    Evidence(m.group(0), offset + m.start(), offset + m.end(), Rule.DATE_AFTER_DATED_EVENT,
                             f"the article dates the {_event_kind(m.group('noun'))} {day.isoformat()}"))


def when_clause_on_a_baseline(verb) -> bool:  # noqa: ANN001 - a spaCy Token
    """A "when" relative clause on the time a comparison counts from ("the largest since 2019, when ..."):
    another time than the sentence's own ("the strike began on Monday, when 5,000 walked out" is that day)."""
    if verb.dep_ != "relcl" or not any(c.lower_ == "when" and c.dep_ == "advmod" for c in verb.children):
        return False
    time = verb.head  # "since 2011", "since the days of 2011", "comparable to 2019"
    while time.dep_ == "pobj" and time.head.lower_ == "of" and time.head.head.dep_ == "pobj":
        time = time.head.head
    if time.dep_ != "pobj" or time.head.lower_ not in ("since", "to", "with"):
        return False
    # a comparison: a superlative, an ordinal or a likening word governs it ("the biggest since", "the first
    # since", "comparable to"); "on strike since Monday, when talks broke down" counts from the action's start
    events = lexicon(LANGUAGE).events
    return any(t.tag_ in ("JJS", "RBS") or t.lower_ in events.comparisons or t.lower_ in events.likening_words
               for t in time.sent if t.i < time.i)
