"""Dating: which day each mention of an article reports, when its sentence states none of its own.

A sentence's own date (the one nearest its trigger in the parse) comes first. Otherwise the date is
carried: from a dated event the sentence follows, a background cue ("during the first days"), the
present tense of the report, the paragraph's last date, the article's main day (its first stated day
of a reported event), or the report's own date. What carries from one sentence to the next is the
`Dating` state; the sentence loop reads it (`date_of`) and updates it once per sentence
(`after_sentence`), so where a date came from never depends on hidden changes made while dating.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from strikewatch.detect import Trigger
from strikewatch.extract import ru_time
from strikewatch.extract.other_events import (
    after_dated_event,
    dated_other_events,
    dates_another_event,
    inside_another_event,
    when_clause_on_a_baseline,
)
from strikewatch.extract.time import DateMention, dated_days, days_counted_to, find_dates, month_span
from strikewatch.ingest.metadata import AGENCY_DATELINE, is_time_stamp, page_stamp
from strikewatch.lang import lexicon
from strikewatch.model import DatePrecision, DateSpan, Document, Evidence, Mention, Modality, Sentence
from strikewatch.rules import CARRIED_DATE_RULES, COUNTED_BACK_DATE_RULES, Rule
from strikewatch.spans import text_of

LANGUAGE = "en"  # whose words (strikewatch/lang/en/events.toml) the rules of this module read

if TYPE_CHECKING:  # spaCy loads only when a model is first needed (nlp.load_nlp)
    from spacy.tokens import Span, Token

# Phrases that put a sentence in the background (before the reported events) without a date.
_BACKGROUND = re.compile(
    r"\b(?:(?:during|in) the (?:first|early|initial|last|past) (?:days|weeks|months)|after the (?:disputed )?"
    r"(?:election|vote|polls|coup)|over the past (?:\w+ )?(?:days|weeks|months|years)|since the (?:election|coup))\b",
    re.I,
)


def is_headline(sentence: Sentence, doc: Document) -> bool:
    return not re.search(r"[.!?\"”’)]$", sentence.text) or (doc.title or "").strip() == sentence.text.strip()


def _token_distance(span: Span, a: int, b: int) -> int:
    """Length of the dependency path between two tokens of a sentence span (indexes within the span)."""
    ta, tb = span[a], span[b]
    ancestors_a = [ta, *ta.ancestors]
    ancestors_b = [tb, *tb.ancestors]
    ids_b = {t.i: n for n, t in enumerate(ancestors_b)}
    for n, t in enumerate(ancestors_a):
        if t.i in ids_b:
            return n + ids_b[t.i]
    return 99


def _date_for(trigger: Trigger, dates: list[DateMention], span: Span, sentence_text: str,
              published: dt.date | None = None) -> DateMention | None:
    trigger_token = span[trigger.token_index]
    if (when := _time_a_when_clause_hangs_on(trigger_token, dates, span)) is not None:
        return when
    candidates: list[tuple[DateMention, Span]] = []
    for date in dates:
        if dates_another_event(date, sentence_text, published):
            continue
        if date.span.start is None and date.span.evidence is not None and \
                date.span.evidence.rule == Rule.DATE_NTH_DAY_OF:
            continue  # "on the first day of the strike" with no day of the strike to count from: the day carried
        token = span.char_span(date.start, date.end, alignment_mode="expand")
        if token is None or not len(token):
            continue
        if inside_another_event(token.root, trigger_token, date.span.precision == "day") or \
                _said_beside(token.root, trigger_token) or _future_beside(token.root, trigger_token) or \
                _planned_beside(token.root, trigger_token) or _said_of_a_named_action(token.root, trigger_token):
            continue
        candidates.append((date, token))
    best, best_token, best_distance = None, None, 10_000
    for date, token in _in_own_phrase(trigger_token, candidates) or candidates:
        distance = _token_distance(span, trigger.token_index, token[0].i - span.start) * 100 + abs(
            date.start - trigger.start) // 10
        if distance < best_distance:
            best, best_token, best_distance = date, token, distance
    if best is not None and best_token is not None and (_counted_back(best) or _day_of_an_action(best)):
        # "for a second day on Monday": a day named beside the span (on its verb, or inside its
        # phrase) is the day; the span counted back from the report only bounds it; so too "on the first
        # day of the strike" beside "on Tuesday": the day the sentence names
        named = [date for date, token in candidates if not _counted_back(date) and not _day_of_an_action(date)
                 and (_beside(token, best_token) or _on_the_action(token, trigger_token))]
        best = named[0] if named else best
    return _made_precise(best, [date for date, _ in candidates], sentence_text)


_APPOSED = re.compile(r"^\s*,?\s*(?:on|in)?\s*$")


def _made_precise(best: DateMention | None, candidates: list[DateMention], sentence_text: str) -> DateMention | None:
    """"Last month, on October 20": a day right beside the span it lies in says which day of it."""
    if best is None or best.span.start is None or best.span.end is None:
        return best
    inside = [date for date in candidates if date.span.start is not None and date.span.end is not None
              and best.span.start <= date.span.start and date.span.end <= best.span.end and date.span != best.span]
    if len(inside) != 1:
        return best  # "in 2023, in March and again in June": which of them is not said
    date = inside[0]
    if date.start >= best.end and _APPOSED.match(sentence_text[best.end:date.start]) and \
            not _A_LIST_GOES_ON.match(sentence_text[date.end:]):
        return date
    return best


_A_LIST_GOES_ON = re.compile(r"\s*(?:,\s*\d|and\s+\d|&\s*\d)")  # "on October 3, 10 and 17"


def _time_a_when_clause_hangs_on(trigger_token: Token, dates: list[DateMention], span: Span) -> DateMention | None:
    """"The first since 2014, when students occupied the faculty", "the largest since March 2019, when
    thousands rallied": the action of a "when" clause on a comparison's baseline took that time
    (`when_clause_on_a_baseline`)."""
    for verb in [trigger_token, *trigger_token.ancestors]:
        if verb.dep_ != "relcl":
            continue
        if not when_clause_on_a_baseline(verb):
            return None
        # the time the clause hangs on, or the year inside it ("since the days of 2011, when ...")
        antecedent = {t.i for t in verb.head.subtree if t.i < verb.i}
        for date in dates:
            token = span.char_span(date.start, date.end, alignment_mode="expand")
            if token is not None and any(token.start <= i < token.end for i in antecedent):
                return date
        return None
    return None


def _counted_from_the_day_stated(trigger: Trigger, sentence: Sentence, dates: list[DateMention]) -> DateSpan | None:
    """"Shops were cleaning up on Thursday, a day after a march by strikers": the action named right
    after "a day after" is that many days from the day the sentence stated before it; not where a day
    is stated after the phrase ("a day after a march on Wednesday": that one is the march's own)."""
    at = trigger.start  # the trigger's and the dates' offsets are the sentence's
    window = max(0, at - 100)
    counted = days_counted_to(sentence.text[window:at])
    if counted is None:
        return None
    days, phrase = counted[0], window + counted[1]
    before = [d for d in dates if d.end <= phrase and d.span.start is not None and d.span.precision == "day"
              and (d.span.evidence is None or d.span.evidence.rule not in CARRIED_DATE_RULES)]
    if not before or any(d.start > phrase for d in dates):  # "two days after" itself may be read as a day
        return None
    stated = max(before, key=lambda d: d.start)
    if stated.span.start is None:
        return None
    day = stated.span.start + dt.timedelta(days=days)
    ev = stated.span.evidence
    why = f"{abs(days)} day(s) {'before' if days < 0 else 'after'} the day the sentence states"
    return DateSpan(day, day, DatePrecision.DAY, Evidence(ev.text if ev else "", ev.start if ev else 0,
                                                          ev.end if ev else 0, Rule.DATE_DAY_OFFSET, why))


def _day_of_telling(trigger: Trigger, dates: list[DateMention], span: Span) -> DateMention | None:
    """The day a verb of saying above the action names, where the clause tells what came of it ("police
    said on Sunday that 40 were detained during the march")."""
    trigger_token = span[trigger.token_index]
    for date in dates:
        token = span.char_span(date.start, date.end, alignment_mode="expand")
        if token is not None and len(token) and _said_of_a_named_action(token.root, trigger_token):
            return date
    return None


def _on_the_action(token: Span, trigger_token: Token) -> bool:
    """The date hangs on the trigger or on a word the trigger hangs on ("dockers picketed the port on
    Tuesday", "On Friday, ... nurses returned"), not on another verb ("the union will meet on Tuesday")."""
    modality = lexicon(LANGUAGE).modality
    spine = {trigger_token.i}
    for node in trigger_token.ancestors:
        if node.lemma_.lower() in modality.speech_verbs or any(
                c.dep_ == "aux" and c.lower_ in modality.will_auxiliaries for c in node.children):
            break  # "will march on Wednesday", "told reporters on Sunday": another time than the action's
        spine.add(node.i)
    head = token.root.head
    return head.i in spine or (head.pos_ == "ADP" and head.head.i in spine)


def _said_beside(date_token: Token, trigger_token: Token) -> bool:
    """The date hangs on a verb of saying in a clause beside the action, not on its path ("Although
    the governor warned on Monday that the march was banned, thousands marched"): the day of the
    saying. A verb of saying the action hangs under ("police said on Sunday that thousands marched")
    keeps its day."""
    verb = next((t for t in date_token.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.lemma_.lower() not in lexicon(LANGUAGE).modality.speech_verbs:
        return False
    return verb.i not in {trigger_token.i, *(t.i for t in trigger_token.ancestors)}


_DEFINITE_WORDS = frozenset({"the", "this", "that", "its", "their"})


def _future_beside(date_token: Token, trigger_token: Token) -> bool:
    """The date hangs on another verb in the future ("47 were arrested and would be charged today"):
    the time of what is still to come, not of the action."""
    will = lexicon(LANGUAGE).modality.will_auxiliaries
    verb = next((t for t in date_token.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.i == trigger_token.i or not any(c.dep_ in ("aux", "auxpass") and c.lower_ in will
                                                        for c in verb.children):
        return False
    own = trigger_token if trigger_token.pos_ in ("VERB", "AUX") else trigger_token.head
    return not any(c.dep_ in ("aux", "auxpass") and c.lower_ in will for c in own.children)


def _planned_beside(date_token: Token, trigger_token: Token) -> bool:
    """The date hangs on a verb of calling or planning beside the action, not on its path ("the rally
    ..., and the forum has called for road blockades on Tuesday"): the day of the plan."""
    modality = lexicon(LANGUAGE).modality
    verb = next((t for t in date_token.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.lemma_.lower() not in modality.planning_verbs or verb.dep_ in ("acl", "relcl") or \
            (verb.lemma_.lower() in modality.past_not_planning and verb.tag_ == "VBD"):
        return False  # "protests calling for free elections in recent weeks": the protests' demand
    return verb.i not in {trigger_token.i, *(t.i for t in trigger_token.ancestors)}


def _said_of_a_named_action(date_token: Token, trigger_token: Token) -> bool:
    """The date hangs on a verb of saying above an action the clause names again as a definite noun
    and tells in the past perfect ("the minister said on Friday that the stoppage had cost $1
    billion"), or above a count of what came of an action the clause names ("police announced on
    Tuesday that 12 protesters had been arrested during the march"): the day of the saying, not of
    the action ("police said on Sunday that thousands marched" keeps its day)."""
    modality = lexicon(LANGUAGE).modality
    verb = next((t for t in date_token.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or verb.i == trigger_token.i or verb.i not in {t.i for t in trigger_token.ancestors}:
        return False
    saying, announcing = verb.lemma_.lower() in modality.speech_verbs, verb.lemma_.lower() in modality.announcing_verbs
    if not (saying or announcing):
        return False
    path = [trigger_token, *(t for t in trigger_token.ancestors
                             if t.i != verb.i and verb.i in {a.i for a in t.ancestors})]
    # the clause tells what came of the action before the saying ("had cost", "had been arrested"), or
    # quotes a verdict on it in the past ('"The march was a success," he told reporters on Tuesday'; "the
    # strike is total" may be said on its own day)
    before_the_saying = any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for t in path for c in t.children)
    if saying and _definite_event_noun(trigger_token) and _inside_quotes(trigger_token) and \
            trigger_token.head.tag_ == "VBD" and trigger_token.dep_ in ("nsubj", "nsubjpass"):
        return True
    if _in_a_state_of(trigger_token):  # "ICE said on Monday that seven were on hunger strike": still going on
        return True
    if not before_the_saying:
        return False
    if _definite_event_noun(trigger_token):  # "the stoppage had cost": said of the action itself
        return saying
    # what was done to people before the saying ("the ministry said on Saturday that 47 people had been
    # arrested"): the count of a crackdown, dated by the action the report tells, not by the telling
    if trigger_token.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in trigger_token.children):
        # ... of the action before, not of one in a town of its own ("had been arrested in Abuja")
        return not any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in path[-1].subtree)
    # the trigger counts people ("12 protesters had been arrested") of an action the clause names
    return trigger_token.pos_ == "NOUN" and any(
        _definite_event_noun(t) for t in path[-1].subtree if t.i != trigger_token.i)


_STATE_VERBS = frozenset({"be", "remain", "stay"})


def _in_a_state_of(token: Token) -> bool:
    """People said to be on the action ("were on hunger strike", "remain on strike"): a state that goes on
    on the day of the saying, an action begun before it, not one of that day."""
    noun = token.head if token.dep_ == "compound" else token  # "hunger strike": its noun
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "on" and prep.head.lemma_.lower() in _STATE_VERBS


def _definite_event_noun(token: Token) -> bool:
    """"the march", "this strike": an event noun with a definite determiner."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in lexicon(LANGUAGE).triggers.nouns and any(
        c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE_WORDS for c in token.children)


def _inside_quotes(token: Token) -> bool:
    """The token stands between an opening and a closing quotation mark of its sentence."""
    sent = token.sent
    return quotation_around(text_of(sent.doc)[sent.start_char:sent.end_char], token.idx - sent.start_char) is not None


_QUOTATION = re.compile(r"[\"“«]([^\"“”«»]+)[\"”»]")


def quotation_around(text: str, at: int) -> str | None:
    """The words of the quotation the character at `at` of a sentence stands in, if it stands in one."""
    return next((q.group(1) for q in _QUOTATION.finditer(text) if q.start(1) <= at < q.end(1)), None)


def _beside(token: Span, span_token: Span) -> bool:
    """The date hangs on the same word as the span, or inside the span's phrase."""
    root, other = token.root, span_token.root
    return root.head.i == other.head.i or other.i in {a.i for a in list(root.ancestors)[:3]}




def _day_of_an_action(date: DateMention) -> bool:
    """"On the first day of the strike": a day counted within another action, not a day named."""
    return date.span.evidence is not None and date.span.evidence.rule == Rule.DATE_NTH_DAY_OF


def _counted_back(date: DateMention) -> bool:
    """A span counted back from the report ("for a third day", "over the past week", "this year"), or
    days counted from another happening ("two days after police removed the picket")."""
    return date.span.evidence is not None and date.span.evidence.rule in COUNTED_BACK_DATE_RULES


def _in_own_phrase(trigger_token: Token, candidates: list[tuple[DateMention, Span]]
                   ) -> list[tuple[DateMention, Span]]:
    """Dates inside an event noun's own phrase ("the strike that took place on Wednesday"): they date it
    before any date nearer in words that hangs on another verb ("the government said on Thursday")."""
    if trigger_token.pos_ not in ("NOUN", "PROPN"):
        return []
    inside = {t.i for t in trigger_token.subtree}
    return [(date, token) for date, token in candidates if token.root.i in inside]


@cache
def _now() -> re.Pattern[str]:
    """Words that speak of now ("the strike continues")."""
    words = "|".join(re.escape(w) for w in lexicon(LANGUAGE).events.now_words)
    return re.compile(rf"\b(?:{words})\b", re.I)


def _speaks_of_now(sentence: Sentence, span: Span, doc: Document) -> bool:
    """"The strike currently involves 12,700 workers": a present-tense statement describes the
    situation when the report was written. Headlines and captions use the present for the past."""
    if is_headline(sentence, doc):
        return False
    return span.root.tag_ in ("VBZ", "VBP") and bool(_now().search(sentence.text))


_FULL_DATE_RULES = frozenset({Rule.DATE_MONTH_DAY, Rule.DATE_DAY_MONTH, Rule.DATE_ISO, Rule.DATE_NUMERIC})
# What dates a sentence that nothing else dates: the report's own day or month.
_REPORT_DAYS = frozenset({Rule.DATE_PUBLICATION, Rule.DATE_PUBLICATION_MONTH})


def _report_stamp(date: DateMention) -> DateMention:
    """A page's date stamp, for a sentence with no date of its own: the day of the report, which its
    event may have preceded ("Mar 9, 2024, 11.40 PM IST: ... teachers marched"), not a date it states."""
    ev = date.span.evidence
    if ev is None:
        return date
    why = "the page's date stamp: the day the report was filed, not a day the sentence states"
    return replace(date, span=replace(date.span, evidence=replace(ev, rule=Rule.DATE_REPORT_STAMP, reason=why)))


class Dated(NamedTuple):
    """A trigger's date, and the background it sets for the sentences after it (a dated event the
    sentence follows, or a background cue), which `Dating.after_sentence` then records."""

    date: DateSpan | None
    background: DateSpan | None = None


def _demonstrative(token: Token) -> bool:
    """"Those protests", "that strike": an action named before, by a demonstrative."""
    return any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in token.children)


_DEMONSTRATIVES = frozenset({"those", "that"})  # "this strike", "these protests": the current ones


def an_earlier_year(date: DateSpan, published: dt.date | None) -> bool:
    """A date of a year before the report's ("in 2023"), or a year or more before it ("began on
    November 28, 2024", read on November 29, 2025)."""
    if published is None or date.end is None:
        return False
    return (date.precision == "year" and date.end.year < published.year) or (published - date.end).days > _A_YEAR


_A_YEAR = 364
_OPENING_PARAGRAPHS = 1  # the paragraphs that open a story (a headline line, then the lead)


@cache
def _people_words(language: str) -> re.Pattern[str] | None:
    plurals = lexicon(language).people.plurals("participant") if language == "en" else ()
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, plurals))})\b", re.I) if plurals else None


def _people_act_in(text: str, language: str) -> bool:
    """The sentence tells of a crowd or of people of the kinds that act ("several hundred young people",
    "workers"): an English sentence only; no other language's opening is read so."""
    words = _people_words(language)
    return words is not None and words.search(text) is not None


def _its_reports_day(stated: DateMention, mentions: list[Mention]) -> bool:
    """The date is the day of an action the sentence reports as done ("Teachers marched on Monday"; not
    "unions will strike on Friday")."""
    ev = stated.span.evidence
    return ev is not None and any(m.modality is Modality.ASSERTED and m.date is not None and m.date.evidence is not None
                                  and m.date.evidence.start == ev.start for m in mentions)


# Days that bound a span ("since 1 October", "с 1 октября") rather than tell when anything happened.
_BOUNDS = frozenset({Rule.DATE_SINCE, Rule.DATE_RU_SINCE})


@dataclass
class Dating:
    """The dating state of one article, carried from sentence to sentence."""

    doc: Document
    history: list[dt.date]  # days the article dates with a year
    year_month: dt.date | None  # the month whose year dates year-less days (`year_reference`)
    event_days: dict[str, dt.date]  # kind of other event (an election, a coup) -> its day
    anchors: dict[int, DateSpan] = field(default_factory=dict)  # paragraph -> its last stated date
    background: DateSpan | None = None  # a background cue carries until the next explicit date
    lead: DateSpan | None = None  # the first explicit date of a reported event: the article's main day
    lead_town: str | None = None  # the town of the report that stated the main day, where it names one
    unresolved_lead: DateSpan | None = None  # the first year-less day of an undated article (Russian), as it is
    weekday_lead: DateSpan | None = None  # the first weekday a report of an undated article states, unresolved
    opening: DateSpan | None = None  # the day the article's opening states in a sentence that reports nothing
    stamp: tuple[int, int] | None = None  # a page's date stamp glued before its first sentence
    last_day: dt.date | None = None  # the last day the text stated: "the next day" counts from it
    last_acted: dt.date | None = None  # the last day a reported action took: (Russian) "накануне" counts back from it
    headings: list[tuple[int, DateSpan]] = field(default_factory=list)  # day headings: where, and their day
    recalled: DateSpan | None = None  # an earlier year's action the sentence before told of: what "those protests" are

    @classmethod
    def of(cls, doc: Document) -> Dating:
        year_month = year_reference(doc)
        return cls(doc, dated_days_in(doc.language)(doc.text), year_month,
                   dated_other_events(doc.text, doc.published, year_month), stamp=page_stamp(doc.text),
                   headings=day_headings(doc))

    def dates_in(self, sentence: Sentence) -> list[DateMention]:
        """The date expressions the sentence states, resolved against the report and the article; a
        page's stamp glued before the sentence only where the sentence states no date of its own."""
        dates = find_dates(sentence.text, self.doc.published, offset=sentence.start, published_month=self.year_month,
                           history=self.history, main_day=self.lead.start if self.lead else None,
                           narrative_day=self.last_day)
        filed = AGENCY_DATELINE.match(sentence.text)  # "BUENOS AIRES, April 11 (Wire) -- ...": the filing day
        in_dateline = [d for d in dates if filed is not None and d.end <= filed.end()]
        own = [d for d in dates if not self._in_stamp(d) and not self._time_stamp(d) and d not in in_dateline]
        return own or [_report_stamp(d) if self._time_stamp(d) or d in in_dateline else d for d in dates]

    def _in_stamp(self, date: DateMention) -> bool:
        ev = date.span.evidence
        return self.stamp is not None and ev is not None and self.stamp[0] <= ev.start < self.stamp[1]

    def _time_stamp(self, date: DateMention) -> bool:
        """A full date (with its year) that a clock time follows near the top of the page."""
        ev = date.span.evidence
        return ev is not None and ev.rule in _FULL_DATE_RULES and is_time_stamp(self.doc.text, ev.start, ev.end)

    def date_of(self, trigger: Trigger, sentence: Sentence, dates: list[DateMention], span: Span) -> Dated:
        """The trigger's date: its own, else the one carried to its sentence. Changes nothing."""
        counted = _counted_from_the_day_stated(trigger, sentence, dates)
        if counted is not None:
            return Dated(counted)
        chosen = _date_for(trigger, dates, span, sentence.text, self.doc.published)
        if chosen:
            return Dated(chosen.span)
        if self.recalled is not None and _demonstrative(span[trigger.token_index]):
            return Dated(self.recalled.carried(Rule.DATE_PARAGRAPH_ANCHOR, "'those': the earlier year's action the "
                                                                            "sentence before told of"))
        background = self.sentence_background(sentence)
        if background is not None:  # carries, as the state's background, to the next explicit date
            return Dated(background, background)
        carried = self.background or self._carried(sentence, span)
        if carried is None or (carried.evidence is not None and carried.evidence.rule in _REPORT_DAYS):
            told = _day_of_telling(trigger, dates, span)
            if told is not None:  # nothing else dates it: the action was on the day it was told of, or before
                return Dated(told.span)
        return Dated(carried)

    def sentence_background(self, sentence: Sentence) -> DateSpan | None:
        """What a sentence without a date of its own puts in the background: a dated event it comes
        after ("after the election"), else a background cue ("during the first days")."""
        report_day = self.doc.published or (self.lead.start if self.lead else None)
        after_event = after_dated_event(sentence.text, sentence.start, self.event_days, report_day)
        if after_event is not None:
            return after_event
        cue = _BACKGROUND.search(sentence.text)
        if cue:
            return DateSpan(None, None, None, Evidence(cue.group(0), sentence.start + cue.start(),
                                                       sentence.start + cue.end(), Rule.DATE_BACKGROUND_CUE))
        return None

    def _carried(self, sentence: Sentence, span: Span) -> DateSpan | None:
        """The time of the report for a sentence that speaks of now, else the paragraph's last date,
        the article's main day, the report's day or month, in that order."""
        doc = self.doc
        if doc.published and _speaks_of_now(sentence, span, doc):
            return DateSpan(doc.published, doc.published, DatePrecision.DAY,
                            Evidence(doc.published.isoformat(), 0, 0, Rule.DATE_PUBLICATION,
                                     "the sentence speaks of the time of the report (present tense), "
                                     "not of the day its paragraph names"))
        carried = self.carried_stated(sentence)
        if carried is not None:
            return carried
        if doc.published_month:
            first, last = month_span(doc.published_month.year, doc.published_month.month)
            return DateSpan(first, last, DatePrecision.MONTH,
                            Evidence(first.strftime("%Y-%m"), 0, 0, Rule.DATE_PUBLICATION_MONTH,
                                     "no date in the sentence or its paragraph, and only the month of the report "
                                     f"is known ({doc.published_from})"))
        if self.weekday_lead is not None:
            # an undated page's first weekday ("On Saturday"), unresolved: the report date it may borrow from a
            # dated report is checked by that day (`report_date`), and resolves it for these sentences too
            return self.weekday_lead.carried(Rule.DATE_UNRESOLVED_LEAD, "no date in the sentence or its paragraph, "
                                             "and no report date: the weekday the page first states, unresolved")
        return None

    def carried_stated(self, sentence: Sentence) -> DateSpan | None:
        """The paragraph's last date, else the day heading above it, else the article's main day,
        else the report's own day."""
        if sentence.paragraph in self.anchors:
            return self.anchors[sentence.paragraph].carried(Rule.DATE_PARAGRAPH_ANCHOR)
        heading = next((day for at, day in reversed(self.headings) if at < sentence.start), None)
        if heading is not None:
            return heading.carried(Rule.DATE_HEADING, "no date in the sentence or its paragraph: "
                                   "the day heading above it")
        if self.lead is not None:  # a stated date, so it has evidence
            return self.lead.carried(Rule.DATE_ARTICLE_ANCHOR,
                                     "no date in the sentence or its paragraph: the article's main day")
        if self.opening is not None:
            return self.opening.carried(Rule.DATE_ARTICLE_ANCHOR, "no date in the sentence or its paragraph: the "
                                        "day the article opens on")
        if self.doc.published:
            return DateSpan(self.doc.published, self.doc.published, DatePrecision.DAY,
                            Evidence(self.doc.published.isoformat(), 0, 0, Rule.DATE_PUBLICATION,
                                     "no date in the sentence or its paragraph: the report's own date"))
        return None

    def after_sentence(self, sentence: Sentence, dates: list[DateMention], reports: bool,
                       background: DateSpan | None, mentions: list[Mention], anchors: bool = True) -> None:
        """The one update, after each sentence (`mentions`: its own): the background it set, the
        paragraph's last date (when the sentence reports something, and `anchors` holds: a sentence
        that sets the action told of against an earlier one leaves the paragraph on the told action's
        day), and the article's main day once a report states it."""
        if background is not None:
            self.background = background
        self.recalled = next((m.date for m in mentions if m.modality is Modality.ASSERTED and m.date is not None
                              and m.date.stated and an_earlier_year(m.date, self.doc.published)), None)
        # a bound ("would last until Sunday"), another event's day or a comparison's is no day of the narrative
        dates = [d for d in dates if not dates_another_event(d, sentence.text, self.doc.published)]
        published = self.doc.published
        told = [d for d in dates if d.span.start is not None and d.span.precision == "day" and
                d.span.stated and not _counted_back(d) and d.span.evidence is not None and
                d.span.evidence.rule not in _BOUNDS and  # "from 1 October" bounds a span, tells no day
                (published is None or d.span.start <= published)]  # a day still to come tells no narrative
        # of the days a sentence states, the one its reported action took ("On Saturday exiles marched, on the
        # anniversary of 25 March 1918": Saturday), else its last
        acted = [d for d in told if any(m.modality is Modality.ASSERTED and m.date is not None and
                                        m.date.evidence is not None and d.span.evidence is not None and
                                        m.date.evidence.start == d.span.evidence.start for m in mentions)]
        self._note_narrative_day(told, acted, mentions)
        if not reports:
            self.note_opening(sentence, dates)
        # a date none of the sentence's reports took is another time's (the day a count was announced)
        taken = not mentions or any(m.date is not None and m.date.evidence is not None
                                    and m.date.evidence.rule not in CARRIED_DATE_RULES for m in mentions)
        for stated in dates if anchors else ():
            if stated.span.start is not None and reports and taken and stated.span.stated and \
                    stated.span.precision != "year":
                # a year ("the third strike this year") counts; it dates no later sentence
                self.anchors[sentence.paragraph] = stated.span
                self.background = None
            else:
                self._note_unresolved(stated, reports and taken and _its_reports_day(stated, mentions))
        own = [m.date for m in mentions if m.date is not None and m.date.stated and m.date.start is not None
               and m.modality is Modality.ASSERTED and m.date.precision != "year"]
        if own and reports and anchors:  # the day its reports took, not another happening's date beside it
            self.anchors[sentence.paragraph] = own[-1]
        for m in mentions:
            if self.lead is None and m.date is not None and m.date.stated and m.date.start and \
                    m.date.precision == "day" and m.modality is Modality.ASSERTED:
                self.lead = m.date
                self.lead_town = m.place.name if m.place is not None and m.place.precision == "city" else None

    def _note_narrative_day(self, told: list[DateMention], acted: list[DateMention], mentions: list[Mention]) -> None:
        """The day the narrative is at: the last a sentence states (that its reported action took, if any); a
        report dated by no day of its own but the article's main day brings it back there ("The rally in
        Belgrade followed large protests in other cities. Two weeks earlier, ...")."""
        if acted or told:
            self.last_day = (acted or told)[-1].span.start
        elif self.lead is not None and self.lead_town and _back_at_the_main_day(mentions, self.lead_town):
            self.last_day = self.lead.start
        if acted:
            self.last_acted = acted[-1].span.start

    def _note_unresolved(self, stated: DateMention, reported: bool) -> None:
        """An undated article's first year-less day (Russian), and the first weekday its reports state
        (`reported`): unresolved, they stand for the article's day until it borrows a report date."""
        ev = stated.span.evidence
        if ev is None:
            return
        if self.unresolved_lead is None and ev.rule == Rule.DATE_RU_DAY_MONTH:
            self.unresolved_lead = stated.span
        elif self.weekday_lead is None and reported and stated.span.start is None and ev.rule == Rule.DATE_WEEKDAY \
                and not self.doc.published and not self.doc.published_month:
            self.weekday_lead = stated.span

    def note_opening(self, sentence: Sentence, dates: list[DateMention] | None = None) -> None:
        """"On Tuesday, young people again defied the police in the capital": the day a story's opening
        states in words that report no event of their own, the main day of an article whose reports
        state none before it."""
        if self.lead or self.opening or self.anchors or sentence.paragraph > _OPENING_PARAGRAPHS or \
                not _people_act_in(sentence.text, self.doc.language):
            return  # "Parliament passed the law on 3 March" dates the law, not the story's crowd
        published = self.doc.published
        for d in self.dates_in(sentence) if dates is None else dates:
            if d.span.start is not None and d.span.precision == "day" and d.span.stated and not _counted_back(d) and \
                    d.span.evidence is not None and (published is None or d.span.start <= published) and \
                    not dates_another_event(d, sentence.text, published):
                self.opening = d.span
                return

    def date_from_later_lead(self, mentions: list[Mention]) -> None:
        """The sentences before an article's first dated report were left undated (no publication date),
        and its headlines given the report's own date: they report its main day too."""
        if self.lead is None:
            return
        lead_start = self.lead.evidence.start if self.lead.evidence else 0
        for m in mentions:
            headline = m.sentence.end <= lead_start and is_headline(m.sentence, self.doc)
            carried_report_day = m.date is not None and m.date.evidence is not None and headline and (
                m.date.evidence.rule == Rule.DATE_PUBLICATION and m.date.evidence.end == 0
                or m.date.evidence.rule == Rule.DATE_REPORT_STAMP)
            if m.date is None and not (self.doc.published or self.doc.published_month) or carried_report_day:
                m.date = self.lead.carried(Rule.DATE_ARTICLE_ANCHOR, "a headline or lead before the article's first "
                                           "dated report, with no date of its own: the article's main day")
                if m.date.evidence is not None:  # the lead is a stated date: it has its words
                    m.evidence["date"] = m.date.evidence


# A line that is only a day heading: "Monday", "Thursday:", "Day two (Tuesday)", "Tuesday, 3 June".
_HEADING = re.compile(r"^\s*(?:day\s+\w+\s*[(:–—-]?\s*)?(?P<day>[^\n]{3,40}?)\s*\)?\s*:?\s*$", re.I)


def day_headings(doc: Document) -> list[tuple[int, DateSpan]]:
    """The day headings of a live blog or timeline ("Monday" on a line of its own): each dates the
    paragraphs after it that name no day of their own, until the next."""
    if doc.language != "en":
        return []
    found: list[tuple[int, DateSpan]] = []
    at = 0
    for line in doc.text.splitlines(keepends=True):
        # a heading names a day; a date line with its year is the page's stamp
        m = _HEADING.match(line) if len(line.split()) <= 6 and not re.search(r"(?:19|20)\d\d", line) else None
        if m:
            dates = find_dates(m.group("day"), doc.published, offset=at + m.start("day"))
            if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(m.group("day")) and \
                    dates[0].span.start is not None and dates[0].span.precision == "day":
                found.append((at, dates[0].span))
        at += len(line)
    # a timeline has two days or more; one date line alone is the page's stamp or a byline's
    return found if len({day.start for _, day in found}) >= 2 else []


def year_reference(doc: Document) -> dt.date | None:
    """The month whose year dates year-less days ("on October 11"): the report's month; in an
    article with no date of its own, the month of a full date its title states (a headline's date
    is its report's), else of the latest full date its text states ("March 15" in a page that says
    "March 15, 2025" elsewhere), else none, and such days stay undated."""
    if doc.published_month or doc.published:
        return doc.published_month
    days = dated_days_in(doc.language)
    stated = days(doc.title or "") or days(doc.text)
    return max(stated).replace(day=1) if stated else None


def dated_days_in(language: str) -> Callable[[str], list[dt.date]]:
    """The function that finds the days a text of this language states with their year."""
    return ru_time.dated_days if language == "ru" else dated_days


def _back_at_the_main_day(mentions: list[Mention], town: str) -> bool:
    """Every report of the sentence is of an action the article's main day carries to it, at the main report's
    town, which the sentence names ("The rally in Belgrade followed ...": the main day's rally; not "The walkout
    was backed by nurses' unions", which may be of a day told before)."""
    return bool(mentions) and all(m.modality is Modality.ASSERTED and m.date is not None and
                                  m.date.evidence is not None and m.date.evidence.rule == Rule.DATE_ARTICLE_ANCHOR
                                  and m.place is not None and m.place.name == town and m.place.evidence is not None
                                  and m.place.evidence.rule == Rule.PLACE_IN_SENTENCE for m in mentions)
