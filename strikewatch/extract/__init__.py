"""Extract: from a cleaned document to event mentions with type, time, place, size, actors, response.

`extract_mentions(doc)` is the one entry point. Each mention keeps the evidence of every field
(span in the cleaned text and the rule that set it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from strikewatch.detect import SUPPORT_PATTERN, TURNOUT_PATTERN, Trigger, find_triggers, is_candidate, sentence_types
from strikewatch.extract.actors import find_demands, find_organizations, find_participants
from strikewatch.extract.other_events import (
    after_dated_event,
    dated_other_events,
    dates_another_event,
    inside_another_event,
)
from strikewatch.extract.place import find_site, to_place
from strikewatch.extract.response import find_counts, find_means
from strikewatch.extract.size import find_sizes
from strikewatch.extract.time import DateMention, dated_days, find_dates, month_span
from strikewatch.geo.toponyms import Toponym, geocode
from strikewatch.model import DateSpan, Document, EventType, Evidence, Mention, Modality, Place, Sentence

__all__ = ["extract_mentions", "extract_many"]

# Phrases that put a sentence in the background (before the reported events) without a date.
_BACKGROUND = re.compile(
    r"\b(?:(?:during|in) the (?:first|early|initial|last|past) (?:days|weeks|months)|after the (?:disputed )?"
    r"(?:election|vote|polls|coup)|over the past (?:\w+ )?(?:days|weeks|months|years)|since the (?:election|coup))\b",
    re.I,
)


@dataclass
class _Context:
    doc: Document
    toponyms: list[Toponym]
    country: Place | None
    anchors: dict[int, DateSpan]  # paragraph -> last date
    history: list[dt.date] = dataclass_field(default_factory=list)  # days the article dates with a year
    year_month: dt.date | None = None  # the month whose year dates year-less days (`_year_reference`)
    event_days: dict[str, dt.date] = dataclass_field(default_factory=dict)  # kind of event -> its day
    background: DateSpan | None = None  # a background cue carries until the next explicit date
    lead: DateSpan | None = None  # the first explicit date of a reported event: the article's main day
    supporting: set[str] = dataclass_field(default_factory=set)  # mentions with only a crackdown or casualty word


def _is_headline(sentence: Sentence, doc: Document) -> bool:
    return not re.search(r"[.!?\"”’)]$", sentence.text) or (doc.title or "").strip() == sentence.text.strip()


def _token_distance(span, a: int, b: int) -> int:
    """Length of the dependency path between two tokens of a sentence span (indexes within the span)."""
    ta, tb = span[a], span[b]
    ancestors_a = [ta, *ta.ancestors]
    ancestors_b = [tb, *tb.ancestors]
    ids_b = {t.i: n for n, t in enumerate(ancestors_b)}
    for n, t in enumerate(ancestors_a):
        if t.i in ids_b:
            return n + ids_b[t.i]
    return 99


def _date_for(trigger: Trigger, dates: list[DateMention], span, sentence_text: str) -> DateMention | None:
    best, best_distance = None, 10_000
    for date in dates:
        if dates_another_event(date, sentence_text):
            continue
        token = span.char_span(date.start, date.end, alignment_mode="expand")
        if token is None or not len(token):
            continue
        if inside_another_event(token.root, span[trigger.token_index]):
            continue
        distance = _token_distance(span, trigger.token_index, token[0].i - span.start) * 100 + abs(
            date.start - trigger.start) // 10
        if distance < best_distance:
            best, best_distance = date, distance
    return best


def _places_in(sentence: Sentence, ctx: _Context) -> list[Toponym]:
    return [t for t in ctx.toponyms if sentence.start <= t.start < sentence.end]


def _coordinated(a: Toponym, b: Toponym, doc: Document) -> bool:
    between = doc.text[a.end:b.start]
    return len(between) < 80 and bool(re.search(r"\b(?:and|as well as|or)\b|,", between))


def _action_tokens(span, triggers: list[Trigger]) -> set[int]:
    """The triggers' tokens, and the verbs their people do ("protesters filled the square")."""
    tokens = {span[t.token_index] for t in triggers}
    return {t.i for t in tokens} | {t.head.i for t in tokens if t.dep_ in {"nsubj", "nsubjpass"}}


def _governor(toponym: Toponym, sentence: Sentence, span, actions: set[int]) -> str | None:
    """What the place belongs to: "action" ("gathered in Tripoli, Tyre and Nabatieh"), "other"
    (another verb's place: "activists detained in Tripoli"), or None when the parse does not say."""
    token = span.char_span(toponym.start - sentence.start, toponym.end - sentence.start, alignment_mode="expand")
    if token is None or not len(token):
        return None
    node = token.root
    for _hop in range(6):
        if node.i in actions:
            return "action"
        if node.pos_ in ("VERB", "AUX") and node is not token.root:
            return "other"
        if node.dep_ not in {"pobj", "prep", "conj", "appos", "compound", "npadvmod", "dobj"} or node.head is node:
            return None
        node = node.head
    return None


def _places_by_type(sentence: Sentence, span, asserted: list[Trigger], chosen: list[Trigger],
                    ctx: _Context) -> dict[EventType, list[Toponym]]:
    """Where a sentence reports events of several types in different places ("truckers blocked
    the highway in Arequipa region, and hundreds marched in Lima"), each type's own places: those
    its triggers govern. Empty when the sentence does not split so cleanly."""
    types = {t.type for t in chosen}
    if len(types) < 2 or len(asserted) < 2:
        return {}
    places = [t for t in _places_in(sentence, ctx) if t.place.kind in ("city", "region") and not t.dateline]
    absorbed = [t for t in asserted if t.type not in types]  # "protesters" in "protesters blocked roads"
    own: dict[EventType, list[Toponym]] = {}
    for kind in types:
        actions = _action_tokens(span, [t for t in asserted if t.type is kind] + absorbed)
        governed = [p for p in places if _governor(p, sentence, span, actions) == "action"]
        own[kind] = [p for k, p in enumerate(governed)
                     if all(p.place.gazetteer_id != q.place.gazetteer_id for q in governed[:k])]
    ids = [{p.place.gazetteer_id for p in found} for found in own.values()]
    if not all(ids) or any(a & b for k, a in enumerate(ids) for b in ids[k + 1:]):
        return {}
    return own


def _sentence_cities(sentence: Sentence, ctx: _Context, span=None, triggers: list[Trigger] = ()) -> list[Toponym]:
    """The distinct cities a sentence names: several when coordinated ('in A and in B') or when
    each is where an action happened ("protesters filled squares in Beirut, while crowds gathered in
    Tripoli and Tyre"). A dateline counts only where the sentence names no other city ("YANGON
    (Reuters) - Police in the capital Naypyitaw fired..." happened in Naypyitaw)."""
    cities = [t for t in _places_in(sentence, ctx) if t.place.kind == "city"]
    if any(not t.dateline for t in cities):
        cities = [t for t in cities if not t.dateline]
    distinct: list[Toponym] = []
    for t in cities:
        if all(t.place.gazetteer_id != d.place.gazetteer_id for d in distinct):
            distinct.append(t)
    if len(distinct) > 1 and span is not None:
        actions = _action_tokens(span, list(triggers))
        governors = [_governor(t, sentence, span, actions) for t in distinct]
        where = [t for t, g in zip(distinct, governors, strict=True) if g == "action"]
        if len(where) > 1:
            return where
        if where:  # a place another verb governs ("the release of activists detained in Tripoli") is no event's
            distinct = [t for t, g in zip(distinct, governors, strict=True) if g != "other"]
    if len(distinct) > 1 and all(_coordinated(x, y, ctx.doc) for x, y in zip(distinct, distinct[1:], strict=False)):
        return distinct
    if not distinct:
        return []
    return [distinct[0]]


def _carried_city(earlier: list[Toponym], doc: Document) -> Place:
    """The nearest earlier city; where it closes a list ("in A, the capital, and in B"), the
    list's first, the place a report names first being its main one."""
    first = len(earlier) - 1
    while first > 0 and _coordinated(earlier[first - 1], earlier[first], doc):
        first -= 1
    if first == len(earlier) - 1:
        return to_place(earlier[-1], "place:nearest-earlier")
    return to_place(earlier[first], "place:first-of-earlier-list",
                    f"the nearest earlier place closes a list of {len(earlier) - first}; the first named is carried")


_NATIONWIDE = re.compile(r"\b(?:nationwide|(?:across|around|throughout)\s+the\s+(?:country|nation))\b", re.I)
_ACROSS = re.compile(r"\b(?:across|throughout|around)\s+(?:the\s+)?$", re.I)


def _fallback_place(sentence: Sentence, ctx: _Context) -> Place | None:
    countries = [t for t in _places_in(sentence, ctx) if t.place.kind == "country"]
    regions = [t for t in _places_in(sentence, ctx) if t.place.kind == "region"]
    earlier = [t for t in ctx.toponyms if t.start < sentence.start and t.place.kind == "city"]
    if regions:
        return to_place(regions[0], "place:region-in-sentence")
    across = [t for t in countries if _ACROSS.search(ctx.doc.text[max(0, t.start - 20):t.start])]
    if across:  # "arrested on campuses across the United States": the country, not the last city named
        return to_place(across[0], "place:nationwide", "the sentence speaks of the whole country")
    if _NATIONWIDE.search(sentence.text) and ctx.country is not None:
        return ctx.country
    if earlier:
        return _carried_city(earlier, ctx.doc)
    if countries:
        return to_place(countries[0], "place:country-in-sentence")
    return ctx.country


def _date_of(trigger: Trigger, sentence: Sentence, dates: list[DateMention], span, ctx: _Context) -> DateSpan | None:
    chosen = _date_for(trigger, dates, span, sentence.text)
    if chosen:
        return chosen.span
    report_day = ctx.doc.published or (ctx.lead.start if ctx.lead else None)
    after_event = after_dated_event(sentence.text, sentence.start, ctx.event_days, report_day)
    if after_event is not None:
        ctx.background = after_event  # carries, as a background cue does, to the next explicit date
        return after_event
    cue = _BACKGROUND.search(sentence.text)
    if cue:
        ctx.background = DateSpan(None, None, None, Evidence(cue.group(0), sentence.start + cue.start(),
                                                              sentence.start + cue.end(), "date:background-cue"))
        return ctx.background
    if ctx.background is not None:
        return ctx.background
    if sentence.paragraph in ctx.anchors:
        return ctx.anchors[sentence.paragraph].carried("date:paragraph-anchor")
    if ctx.lead is not None:  # a stated date, so it has evidence
        return ctx.lead.carried("date:article-anchor",
                                "no date in the sentence or its paragraph: the article's main day")
    if ctx.doc.published:
        return DateSpan(ctx.doc.published, ctx.doc.published, "day",
                        Evidence(ctx.doc.published.isoformat(), 0, 0, "date:publication",
                                 "no date in the sentence or its paragraph: the report's own date"))
    if ctx.doc.published_month:
        first, last = month_span(ctx.doc.published_month.year, ctx.doc.published_month.month)
        return DateSpan(first, last, "month",
                        Evidence(first.strftime("%Y-%m"), 0, 0, "date:publication-month",
                                 "no date in the sentence or its paragraph, and only the month of the report "
                                 f"is known ({ctx.doc.published_from})"))
    return None


def _fill_fields(mention: Mention, sentence: Sentence, span) -> None:
    text, offset = sentence.text, sentence.start
    counts = find_counts(text, offset)
    count_spans = [(v.start, v.end) for k, v in counts.items() if k.endswith("_evidence")]
    for field in ("arrests", "injuries", "deaths"):
        if field in counts:
            setattr(mention, field, counts[field])
            mention.evidence[field] = counts[field + "_evidence"]
    if mention.modality is Modality.ASSERTED:
        mention.sizes = [c for c in find_sizes(text, offset)
                         if not any(a <= c.evidence.start < b for a, b in count_spans)]
    mention.state_response = find_means(text)
    participants = find_participants(text, offset, span)
    if participants:
        mention.participants = participants.text
        mention.evidence["participants"] = participants
    mention.organizations = [o.text for o in find_organizations(span, offset)]
    demands = find_demands(text, offset)
    mention.demands = [d.text for d in demands]
    if demands:
        mention.evidence["demands"] = demands[0]
    site = find_site(text, offset)
    if site:
        mention.site = site.text
        mention.evidence["site"] = site


def _support_trigger(sentence: Sentence, span) -> Trigger | None:
    """A sentence with no trigger that reports arrests, casualties, a crackdown or a turnout adds to an event."""
    m = SUPPORT_PATTERN.search(sentence.text)
    if not m and find_sizes(sentence.text):
        m = TURNOUT_PATTERN.search(sentence.text)
    if not m:
        return None
    token = span.char_span(m.start(), m.end(), alignment_mode="expand")
    index = token[0].i - span.start if token is not None and len(token) else 0
    return Trigger(EventType.DEMONSTRATION, m.start(), m.end(), m.group(0), "support", index, Modality.ASSERTED)


_CAUSING_LEMMAS = {"spark", "trigger", "prompt", "cause", "fuel", "ignite", "provoke", "set"}


def _names_a_cause(span, triggers: list[Trigger]) -> bool:
    """"The protests were sparked by a deadly fire in Urumqi on Thursday that killed 10 people":
    the sentence dates, places and counts the cause, not the protests the article reports."""
    for t in triggers:
        token = span[t.token_index]
        if token.dep_ == "nsubjpass" and token.head.lemma_.lower() in _CAUSING_LEMMAS and any(
                c.dep_ == "agent" for c in token.head.children):
            return True
    return False


def _mentions_for_sentence(sentence: Sentence, span, ctx: _Context) -> list[Mention]:
    doc = ctx.doc
    triggers = find_triggers(span)
    if _names_a_cause(span, triggers):
        return []
    chosen = sentence_types(triggers)
    if not chosen and triggers:  # only calls, plans or negations: kept as such, never events
        by_type = {t.type: t for t in reversed(triggers) if t.modality is not Modality.ASSERTED}
        chosen = list(by_type.values())
    if not chosen:
        support = _support_trigger(sentence, span)
        chosen = [support] if support else []
    dates = find_dates(sentence.text, doc.published, offset=sentence.start, published_month=ctx.year_month,
                       history=ctx.history)
    mentions: list[Mention] = []
    asserted = [t for t in triggers if t.modality is Modality.ASSERTED]
    cities = _sentence_cities(sentence, ctx, span, asserted)
    own_places = _places_by_type(sentence, span, asserted, chosen, ctx)
    for trig in chosen:
        date = _date_of(trig, sentence, dates, span, ctx)
        if own_places:
            places = [to_place(t, "place:in-sentence", f"where the sentence's {trig.type.value} happened")
                      for t in own_places[trig.type]]
        else:
            places = [to_place(c, "place:in-sentence") for c in cities] or [_fallback_place(sentence, ctx)]
        for k, place in enumerate(places):
            kind = "support" if trig.kind == "support" or _is_headline(sentence, doc) else trig.kind
            m = Mention(
                doc_id=doc.doc_id, sentence=sentence, type=trig.type,
                trigger=Evidence(trig.text, sentence.start + trig.start, sentence.start + trig.end,
                                 f"trigger:{kind}"),
                modality=trig.modality, date=date, place=place,
                place_text=place.evidence.text if place and place.evidence else None,
                start=doc.offsets.to_original(sentence.start),
                end=doc.offsets.to_original(sentence.end - 1) + 1,
                mention_id=f"{doc.doc_id}:{sentence.start}:{trig.type.value}:{k}",
            )
            if trig.kind == "support":
                ctx.supporting.add(m.mention_id)
            if date and date.evidence:
                m.evidence["date"] = date.evidence
            if place and place.evidence:
                m.evidence["place"] = place.evidence
            _fill_fields(m, sentence, span)
            mentions.append(m)
    for date in dates:
        if date.span.start is not None and (triggers or chosen):
            ctx.anchors[sentence.paragraph] = date.span
            ctx.background = None
    for m in mentions:
        if ctx.lead is None and m.date is not None and m.date.stated and m.date.start and \
                m.date.precision == "day" and m.modality is Modality.ASSERTED:
            ctx.lead = m.date
    return mentions


def extract_mentions(doc: Document, *, parsed=None, gazetteer=None, fast: bool = True) -> list[Mention]:
    """All event mentions of a document, asserted and planned, in text order (see `extract_many`)."""
    if parsed is None:
        return extract_many([doc], fast=fast, gazetteer=gazetteer)[0]
    return _extract_parsed(doc, parsed, gazetteer)


def extract_many(docs: list[Document], *, fast: bool = True, gazetteer=None) -> list[list[Mention]]:
    """The mentions of each of several documents; their sentences are parsed in shared batches.

    The fast path (`fast`, the default) gives the same mentions for less work: a document with no
    trigger or crackdown word in any form has none and is not parsed at all; in one that has, only
    the paragraphs with such a word are parsed in full, the rest only for their place names.
    """
    from strikewatch.nlp import parse_many

    wanted = [doc for doc in docs if not fast or is_candidate(doc.text)]
    parsed = dict(zip((id(d) for d in wanted), parse_many(wanted, is_candidate if fast else None), strict=True))
    return [_extract_parsed(doc, parsed[id(doc)], gazetteer) if id(doc) in parsed else [] for doc in docs]


_ATTRIBUTE_BEFORE = re.compile(r"\b(?:based|headquartered|registered|incorporated)\s+(?:in|at)\s+(?:the\s+)?$", re.I)
_ATTRIBUTE_AFTER = re.compile(r"^-(?:based|headquartered)\b", re.I)


def _describes_an_organisation(toponym: Toponym, doc: Document) -> bool:
    """A place that says where an organisation sits ("a magazine based in Yangon", "a Yangon-based
    group"), not where anything happened: never an event's place, nor carried to later sentences."""
    before = doc.text[max(0, toponym.start - 40):toponym.start]
    return bool(_ATTRIBUTE_BEFORE.search(before) or _ATTRIBUTE_AFTER.match(doc.text[toponym.end:toponym.end + 20]))


def _date_from_later_lead(mentions: list[Mention], ctx: _Context) -> None:
    """In an article with no publication date, the sentences before its first dated report
    (the headline, the lead) were left undated: they report its main day too."""
    if ctx.lead is None or ctx.doc.published or ctx.doc.published_month:
        return
    for m in mentions:
        if m.date is None:
            m.date = ctx.lead.carried("date:article-anchor",
                                      "no date in the sentence, nor a publication date: the article's main day")
            m.evidence["date"] = m.date.evidence


def _year_reference(doc: Document) -> dt.date | None:
    """The month whose year dates year-less days ("on October 11"): the report's month; in an
    article with no date of its own, the month of a full date its title states (a headline's date
    is its report's), else none, and such days stay undated."""
    if doc.published_month or doc.published:
        return doc.published_month
    in_title = dated_days(doc.title or "")
    return max(in_title).replace(day=1) if in_title else None


def _extract_parsed(doc: Document, parsed, gazetteer) -> list[Mention]:
    from strikewatch.geo.gazetteer import load_gazetteer
    from strikewatch.nlp import has_parse

    gaz = gazetteer or load_gazetteer()
    geocoding = geocode(parsed, gaz)
    context, toponyms = geocoding.context, geocoding.toponyms
    country = None
    if context:
        code = context.most_common(1)[0][0]
        geo = gaz.country(code)
        if geo:
            country = Place(geo.name, "country", geo.country, None, geo.lat, geo.lon, geo.gazetteer_id,
                            Evidence(geo.name, 0, 0, "place:document-country",
                                     f"country named most often in the document ({context[code]})"))
    ctx = _Context(doc, [t for t in toponyms if not _describes_an_organisation(t, doc)], country, {},
                   dated_days(doc.text), _year_reference(doc))
    ctx.event_days = dated_other_events(doc.text, doc.published, ctx.year_month)
    mentions: list[Mention] = []
    for sentence, span in parsed:
        if has_parse(span):  # context paragraphs hold no trigger word: nothing to extract there
            mentions.extend(_mentions_for_sentence(sentence, span, ctx))
    _date_from_later_lead(mentions, ctx)
    if not any(m.modality is Modality.ASSERTED and m.mention_id not in ctx.supporting for m in mentions):
        # Arrests, deaths and crackdowns support a protest the article reports; alone (a bombing,
        # a battle, a crime) they report none.
        mentions = [m for m in mentions if m.mention_id not in ctx.supporting]
    return mentions
