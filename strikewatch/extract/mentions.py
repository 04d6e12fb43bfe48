"""The sentence loop: a parsed document's sentences, one after another, to event mentions.

Each sentence's triggers give its mentions, each with its date (`dating`), places (`place`),
figures (`size`, `response`), actors and site; every field keeps its evidence (span in the cleaned
text and the rule that set it). `extract_mentions` and `extract_many` are the entry points.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from strikewatch.detect import (
    Trigger,
    chosen_triggers,
    find_triggers,
    is_candidate,
    is_candidate_paragraph,
    patterns,
    support_trigger,
)
from strikewatch.extract import ru_detect, ru_mentions
from strikewatch.extract.actors import (
    find_demands,
    find_organizations,
    find_participants,
    find_targets,
    trigger_owners,
    trigger_subject,
)
from strikewatch.extract.article import Article, is_question, new_mention
from strikewatch.extract.dating import Dating, an_earlier_year, is_headline, quotation_around
from strikewatch.extract.other_events import an_earlier_action
from strikewatch.extract.place import (
    country_of_examples,
    fallback_place,
    find_site,
    places_by_type,
    relative_to_another,
    sentence_cities,
    sentence_regions,
    to_place,
)
from strikewatch.extract.response import find_counts, find_means, in_a_cause_clause, negated
from strikewatch.extract.size import claimant_count, find_sizes, parse_size_phrase, towns_counted
from strikewatch.extract.time import DateMention
from strikewatch.geo.gazetteer import load_gazetteer
from strikewatch.geo.toponyms import LIST_JOIN, LOCATIVE, Toponym, country_place, document_countries, geocode
from strikewatch.ingest import prepare_document
from strikewatch.lang import available, lexicon, phrase_pattern
from strikewatch.model import (
    HEADLINE,
    DateSpan,
    Document,
    EventType,
    Evidence,
    Mention,
    Modality,
    Place,
    RawDocument,
    Sentence,
    SizeClaim,
)
from strikewatch.nlp import has_parse, parse_many
from strikewatch.rules import Rule
from strikewatch.spans import text_of

LANGUAGE = "en"  # whose words (strikewatch/lang/en/events.toml) the rules of this module read

if TYPE_CHECKING:  # spaCy loads only when a model is first needed (nlp.load_nlp)
    from spacy.tokens import Span, Token

# A running total ("more than 550 people have been killed since the coup") counts no one event's victims.
# Either way round: "40 people have been killed since the protests began", "since March, 40 have died".
_HARMED = r"(?:been\s+(?:killed|arrested|detained|injured|wounded|jailed)|died)"
_SO_FAR = r"(?:since|so far|to date|in total|altogether)"
# ... in a sentence that also reports an event, only a campaign's ("since the protests began", "since
# March"): "200 had been detained since the march began" counts the march's detainees.
_A_CAMPAIGN = re.compile(r"\bsince\s+(?:the\s+)?(?:protests|unrest|demonstrations|strikes|crackdown|movement|campaign|"
                         r"uprising|crisis|(?-i:[A-Z][a-z]+)|\d{4})\b", re.I)
_RUNNING_TOTAL = re.compile(rf"\b(?:have|has|had)\s+(?:(?:now|already)\s+)?{_HARMED}\b.{{0,80}}?\b{_SO_FAR}\b"
                            rf"|\b{_SO_FAR}\b.{{0,80}}?\b(?:have|has)\s+(?:(?:now|already)\s+)?{_HARMED}\b", re.I)


def _fill_fields(mention: Mention, sentence: Sentence, span: Span) -> None:
    text, offset = sentence.text, sentence.start
    counts = find_counts(text, offset)
    count_spans = [(c.evidence.start, c.evidence.end) for c in counts.values()]
    total = _RUNNING_TOTAL.search(text)  # a campaign's toll so far is no one day's event's
    running_total = total and (mention.trigger.rule == Rule.TRIGGER_SUPPORT or
                               _A_CAMPAIGN.search(text, total.start(), total.end() + 40))
    for field in ("arrests", "injuries", "deaths"):
        if field in counts and not running_total:
            setattr(mention, field, _town_share(counts[field].value, counts[field].evidence, text, offset, mention))
            mention.evidence[field] = counts[field].evidence
    if mention.modality is Modality.ASSERTED:
        mention.sizes = [c for c in find_sizes(text, offset)
                         if c.evidence is None or not any(a <= c.evidence.start < b for a, b in count_spans)]
    mention.state_response = find_means(text)
    at = mention.trigger.start - offset
    participants = trigger_owners(span, at, offset) or trigger_subject(span, at, offset) or \
        find_participants(text, offset, span)
    if participants:
        mention.participants = participants.text
        mention.evidence["participants"] = participants
    mention.organizations = [o.text for o in find_organizations(span, offset)]
    demands = find_demands(text, offset)
    mention.demands = [d.text for d in demands]
    if demands:
        mention.evidence["demands"] = demands[0]
    targets = find_targets(span, offset)
    mention.targets = [t.text for t in targets]
    if targets:
        mention.evidence["targets"] = targets[0]
    site = find_site(text, offset)
    if site:
        mention.site = site.text
        mention.evidence["site"] = site


# "61 people were arrested across the country, 47 of them in Nairobi": a town's share of the count.
_SHARE_OF_COUNT = re.compile(r"^[^.;]{0,60}?,\s*(?:including\s+)?(?P<n>\d[\d,]*|[a-z]+)\s+(?:of\s+them\s+)?in\s+"
                             r"(?:the\s+capital,?\s+)?(?P<town>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")


def _town_share(value: int, counted: Evidence, text: str, offset: int, mention: Mention) -> int:
    """The share of a count the sentence gives the mention's own town, else the whole count."""
    share = _SHARE_OF_COUNT.match(text[counted.end - offset:])
    if share is None or mention.place is None or share.group("town") not in (mention.place_text, mention.place.name):
        return value
    rng = parse_size_phrase(share.group("n"))
    return rng[0] if rng is not None and rng[0] <= value else value


def _support_trigger(sentence: Sentence, span: Span) -> Trigger | None:
    """A sentence with no trigger that reports arrests, casualties, a crackdown or a turnout adds to an event."""
    m = next((s for s in patterns().support.finditer(sentence.text) if not negated(sentence.text, s.start())), None)
    if not m and find_sizes(sentence.text) and not patterns().turnout_of_others.search(sentence.text):
        m = patterns().turnout.search(sentence.text)  # not a vote's or a census's turnout
    if not m and (bare := claimant_count(sentence.text)) is not None:
        m = bare[1]  # "Police said 1,500.": another count of the crowd just counted
    if not m and (towns := towns_counted(sentence.text)) is not None:
        m = towns[1]  # "Police counted 3,000 in Lyon and 1,200 in Lille": the towns' crowds just told of
    return support_trigger(m, span)


def _sizes_to_their_actions(mentions: list[Mention]) -> None:
    """"Traders blocked the road on Monday, and students marched on Tuesday, with police counting 1,500
    students": where a sentence reports actions of other days or places, each figure is the action's
    whose word is written nearest it, not every action's. One crowd's actions of one day and place
    ("thousands went on strike and marched") share their figures."""
    actions = {(m.trigger.start, m.trigger.end) for m in mentions}
    where_and_when = {(m.date.start if m.date else None, m.place.name if m.place else None) for m in mentions}
    if len(actions) < 2:
        return
    if len(where_and_when) < 2:
        _sizes_to_their_clauses(mentions)
        return

    def nearest(claim: SizeClaim) -> tuple[int, int] | None:
        ev = claim.evidence
        if ev is None:
            return None
        return min(actions, key=lambda a: (max(a[0] - ev.end, ev.start - a[1], 0), a))

    for m in mentions:
        m.sizes = [c for c in m.sizes if nearest(c) in (None, (m.trigger.start, m.trigger.end))]


# A clause of another crowd's action: "hundreds of thousands marched, while rail workers walked off".
_CONTRAST = re.compile(r",?\s+(?:while|whereas)\s+|;\s*")


def _sizes_to_their_clauses(mentions: list[Mention]) -> None:
    """One day and place's actions share their figures ("thousands went on strike and marched"),
    except across a contrast: a figure stays with the actions of its own side of "while",
    "whereas" or a semicolon ("hundreds of thousands marched, while rail workers walked off")."""
    sentence = mentions[0].sentence
    triggers = sorted(m.trigger.start for m in mentions)
    # a cut only between two actions ("..., while police put the turnout at 40,000" keeps its crowd)
    cuts = [sentence.start + c.start() for c in _CONTRAST.finditer(sentence.text)
            if triggers[0] < sentence.start + c.start() < triggers[-1]]
    if not cuts:
        return

    def side(at: int) -> int:
        return sum(1 for c in cuts if c <= at)
    for m in mentions:
        mine = side(m.trigger.start)
        m.sizes = [c for c in m.sizes if c.evidence is None or side(c.evidence.start) == mine]


def _sizes_to_their_places(mentions: list[Mention], text: str) -> None:
    """"20,000 marched in Lyon and 8,000 in Lille": where a sentence gives one action several places
    and several figures, each place keeps the figures written next to it (the place right after a
    figure, else the nearest before it), not every figure of the sentence. A figure followed by
    another place ("and 900 in Brest", a town that is not one of these events') is no one's here."""
    spans = [(m, m.place.evidence) for m in mentions if m.place is not None and m.place.evidence is not None]
    claims = mentions[0].sizes if mentions else []
    if len(spans) < 2 or len({(e.start, e.end) for _, e in spans}) < 2:
        return
    if _in_order(mentions, spans, claims, text):
        return
    if len(claims) == 1:
        _figure_of_a_where_clause(mentions, spans, claims[0], text)
        return

    starts = sorted(c.evidence.start for c in claims if c.evidence)
    owned = {id(c): _owners(c, spans, starts, mentions[0].sentence, text) for c in claims}
    for m in mentions:
        m.sizes = [c for c in claims if any(o is m for o in owned[id(c)])]


def _owners(claim: SizeClaim, spans: list[tuple[Mention, Evidence]], starts: list[int], sentence: Sentence,
            text: str) -> list[Mention]:
    """The places' mentions a figure of a sentence that lists places belongs to (`_sizes_to_their_places`)."""
    if claim.evidence is None:
        return []
    end = claim.evidence.end
    where = [(claim.evidence.start - e.end, m) for m, e in spans if e.end <= claim.evidence.start
             and _WHERE.match(text[e.end:claim.evidence.start])]
    if where:  # "in Munich, where police counted 25,000, and in Hamburg": Munich's, not the next town's
        return [min(where, key=lambda pair: pair[0])[1]]
    if _EACH.match(text[end:end + 12]):  # "rallies in Kano and Enugu drew several hundred each"
        return _places_of_its_clause(spans, claim.evidence.start, sentence, text)
    next_claim = next((x for x in starts if x >= end), len(text))
    after = [(e.start - end, m) for m, e in spans if end <= e.start < next_claim]
    nearest_after = min(after, key=lambda pair: pair[0], default=None)
    if nearest_after is not None and nearest_after[0] <= _NEXT_TO:
        return [nearest_after[1]]
    following = text[end:end + 100]
    if named := _PLACE_NAMED_AFTER.match(following):  # "..., with 4,000 in Leeds": a town named again
        return [m for m, e in spans if named.group(1) in (e.text, m.place.name if m.place else None)][:1]
    own = _places_of_its_clause(spans, claim.evidence.start, sentence, text)
    if not own and (re.match(r"\s+(?:people\s+)?(?:in|at)\s", following) or _OWN_CLAUSE.match(following)):
        return []  # "and about 900 in Brest", "and 900 people gathered at the plant": not these places
    before = [(claim.evidence.start - e.end, m) for m, e in spans if e.end <= claim.evidence.start]
    nearest = min(before, key=lambda pair: pair[0], default=None)
    return [nearest[1]] if nearest is not None else []


_EACH = re.compile(r"^\s*(?:people\s+|protesters\s+)?(?:each|apiece)\b")
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def _places_of_its_clause(spans: list[tuple[Mention, Evidence]], at: int, sentence: Sentence, text: str
                          ) -> list[Mention]:
    """The places written in the figure's own clause before it (from the last clause break), none of
    them with a figure of its own before it ("10,000 in Thessaloniki and about 1,000 gathered at ...")."""
    breaks = [sentence.start + b.end() for b in _CLAUSE_BREAK.finditer(sentence.text) if sentence.start + b.end() <= at]
    first = max(breaks, default=sentence.start)
    own = [(m, e) for m, e in spans if first <= e.start and e.end <= at]
    if re.search(r"\d", text[first:max((e.start for _, e in own), default=first)]):
        return []
    return [m for m, _ in own]


def _in_order(mentions: list[Mention], spans: list[tuple[Mention, Evidence]], claims: list[SizeClaim],
              text: str) -> bool:
    """"Rallies in Leipzig and Dresden drew 5,000 and 3,000 people respectively": as many figures as
    places, given in the places' order. Whether the sentence was read so."""
    sentence = mentions[0].sentence
    if not _RESPECTIVELY.search(sentence.text) or any(c.evidence is None for c in claims):
        return False
    places = sorted(spans, key=lambda pair: pair[1].start)
    if len(claims) != len(places) or len({e.start for _, e in places}) != len(places):
        return False
    ordered = sorted(claims, key=lambda c: c.evidence.start if c.evidence else 0)
    for (m, _), claim in zip(places, ordered, strict=True):
        m.sizes = [claim]
    return True


_PLACE_NAMED_AFTER = re.compile(r"\s+(?:people\s+)?(?:in|at)\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
# A place's where-clause up to a figure in it: "the capital Athens, where (thousands)", "Munich, where
# police counted (25,000)"; the clause ends at the next comma.
_WHERE = re.compile(r"(?:\s+[A-Z][\w'-]+){0,3},?\s*where\s[^,;.]*$")
# "In Tehran, about 200 retirees rallied ..., and retirees in Kermanshah gathered": the figure right
# after the place its clause opens on.
_OPENS_ON = re.compile(r"\s*,\s*")
# "In Shiraz, ...", not the last of "In Lyon, Marseille and Toulouse, ..."
_IN_BEFORE = re.compile(r"(?:^|[,;]\s*|\band\s+)in\s+$", re.I)


def _figure_of_a_where_clause(mentions: list[Mention], spans: list[tuple[Mention, Evidence]], claim: SizeClaim,
                              text: str) -> None:
    """"Protests took place in Lyon and the capital Paris, where thousands chanted", "In Tehran, about
    200 rallied, and retirees in Kermanshah gathered": a sentence's one figure, in a clause that opens
    on one of its places, is that place's crowd only."""
    if claim.evidence is None:
        return
    between = [(m, e, text[e.end:claim.evidence.start]) for m, e in spans if e.end <= claim.evidence.start]
    owner = next((m for m, e, words in between if _WHERE.match(words) or (
        _OPENS_ON.fullmatch(words) and _IN_BEFORE.search(text[max(0, e.start - 20):e.start]))), None)
    if owner is not None:
        for m in mentions:
            m.sizes = [claim] if m is owner else []
        return
    # "In Abuja, 4,000 workers gathered, while in Kano and Enugu smaller crowds rallied": the figure is
    # the places' of its own side of the contrast
    sentence = mentions[0].sentence
    cuts = [sentence.start + c.start() for c in _CONTRAST.finditer(sentence.text)]
    side = sum(1 for c in cuts if c <= claim.evidence.start)
    mine = [m for m, e in spans if sum(1 for c in cuts if c <= e.start) == side]
    if cuts and mine and len(mine) < len(spans):
        for m in mentions:
            m.sizes = [claim] if any(m is x for x in mine) else []


@cache
def _total() -> re.Pattern[str]:
    """A figure given as the sum over the places a sentence lists ("12,700 workers in total, split between
    plants in Wayne, Toledo and Wentzville")."""
    cues = "|".join(r"\s+".join(re.escape(w) for w in cue.split()) for cue in lexicon(LANGUAGE).numbers.total_cues)
    return re.compile(rf"\b(?:{cues})\b", re.I)


_TOTAL_REASON = "the sentence gives one figure as the total over the towns it lists"


def _country_of_a_total(sentence: Sentence, cities: list[Toponym], country: Place | None) -> Place | None:
    """The country of a sentence that gives one figure as the total over two or more towns of it: the
    figure is the whole action's, which the country stands for."""
    if len(cities) < 2 or country is None or not _total().search(sentence.text):
        return None
    if any(c.place.country != country.country for c in cities) or len(find_sizes(sentence.text)) != 1:
        return None
    return replace(country, evidence=Evidence(country.name, 0, 0, Rule.PLACE_NATIONWIDE, _TOTAL_REASON))


def _total_to_the_whole(mentions: list[Mention]) -> None:
    """The total over listed towns stays with the whole action's mention, not with each town's."""
    whole = [m for m in mentions if m.place is not None and m.place.evidence is not None
             and m.place.evidence.reason == _TOTAL_REASON]
    if whole:
        for m in mentions:
            if m is not whole[0]:
                m.sizes = []


_IN_THE_PLACE = re.compile(r"\s+(?:people\s+)?(?:in|at)\s+(?:the\s+)?", re.I)


@cache
def _example_cue() -> re.Pattern[str]:
    """A cue that opens a part of a whole or an example of it ("including", "of which")."""
    cues = lexicon(LANGUAGE).places.example_cues
    return re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, c.split())) for c in cues) + r")\b", re.I)


def _part_to_its_place(mentions: list[Mention], text: str) -> None:
    """"Police counted 1.1 million marchers, of which 38,000 in the capital": the one town the sentence
    names after the cue of a part has the part, not the total before the cue (the whole's, which
    names no town of its own)."""
    if len(mentions) != 1 or len(mentions[0].sizes) < 2:
        return
    m = mentions[0]
    if m.place is None or m.place.evidence is None or m.place.evidence.rule != Rule.PLACE_IN_SENTENCE:
        return
    cue = _example_cue().search(text, m.sentence.start, m.place.evidence.start)
    if cue is None:
        return
    place_at = m.place.evidence.start
    after = [c for c in m.sizes if c.evidence is not None and cue.end() <= c.evidence.start < place_at and
             _IN_THE_PLACE.fullmatch(text[c.evidence.end:place_at])]  # "of which 38,000 in the capital"
    if after and len(after) < len(m.sizes):
        m.sizes = after


def _counts_to_their_towns(mentions: list[Mention], text: str) -> None:
    """A count of arrests, injuries or deaths in a sentence that places its action in several towns
    is the town's that its own clause names ("Two protesters were killed in Porto, and thousands
    marched in Braga": Porto's; "..., and police detained 40 people in Braga": Braga's); where its
    clause names them as one list ("police detained 200 people at rallies in Porto and Braga") it is
    theirs together, and no town's event takes it (copied to each, it would be counted twice);
    otherwise it is the nearest town's."""
    towns = sorted(span for span in {_town_span(m) for m in mentions} if span is not None)
    if len(towns) < 2:
        return
    for field in ("arrests", "injuries", "deaths"):
        counted = next((m.evidence[field] for m in mentions if getattr(m, field) is not None
                        and field in m.evidence), None)
        if counted is None:
            continue
        owner = _count_owner(counted, towns, text, mentions[0].sentence)
        for m in mentions:
            if getattr(m, field) is not None and _town_span(m) is not None and _town_span(m) != owner:
                setattr(m, field, None)
                m.evidence.pop(field, None)


def _without_the_evoked_actions_counts(mentions: list[Mention], span: Span, triggers: list[Trigger]) -> None:
    """"The marches recall the June 2024 demonstrations, in which dozens were killed": the dead are that
    earlier action's (a background mention), not the current one's."""
    evoked = [span[t.token_index] for t in triggers if t.modality is Modality.BACKGROUND]
    ranges = [(min(w.idx for w in tok.subtree), max(w.idx + len(w) for w in tok.subtree)) for tok in evoked]
    if not ranges:
        return
    base = span.start_char
    for m in mentions:
        if m.modality is not Modality.ASSERTED:
            continue
        for field in ("arrests", "injuries", "deaths"):
            ev = m.evidence.get(field)
            at = ev.start - m.sentence.start + base if ev is not None else None
            if at is not None and any(a <= at < b for a, b in ranges):
                setattr(m, field, None)
                m.evidence.pop(field, None)


def _town_span(m: Mention) -> tuple[int, int] | None:
    if m.place is None or m.place.evidence is None or m.place.evidence.end == 0 or m.place.precision != "city":
        return None
    return (m.place.evidence.start, m.place.evidence.end)


def _count_owner(counted: Evidence, towns: list[tuple[int, int]], text: str, sentence: Sentence
                 ) -> tuple[int, int] | None:
    """The town span a count belongs to (see `_counts_to_their_towns`), or None: theirs together."""
    bounds = [sentence.start, *(sentence.start + m.start() for m in _CLAUSE_BREAK.finditer(sentence.text)),
              sentence.start + len(sentence.text)]
    k = max(i for i, b in enumerate(bounds[:-1]) if b <= counted.start)
    said = text[bounds[k]:bounds[k + 1]]  # the count's clause: the towns it names, by name
    own = [t for t in towns if re.search(rf"\b{re.escape(text[t[0]:t[1]])}\b", said)]
    if len(own) == 1:
        return own[0]
    listed = own if len(own) > 1 else towns
    if all(LIST_JOIN.fullmatch(text[a_end:b_start]) for (_, a_end), (b_start, _) in zip(listed, listed[1:],
                                                                                          strict=False)):
        return None
    return min(towns, key=lambda t: min(abs(t[0] - counted.end), abs(counted.start - t[1])))


_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas|where)\s+|;\s*|\s+while\s+")


# A figure that is the subject of its own verb ("and 900 people, most of them nurses, gathered at ...").
_OWN_CLAUSE = re.compile(r"\s+(?:[a-z]+)?(?:\s*,[^,]{0,60},)?\s+"
                         r"(?:[a-z]+ed|met|held|went|took|came|stood|ran|sat|began)\b")
_NEXT_TO = 40  # characters between a figure and its place written after it ("8,000 people marched in Lille")


# A spread over no one place: "across the continent", "around the world", "in many countries".
_GENERIC_SPREAD = re.compile(r"\b(?:across|around|throughout|all over)\s+(?:the\s+)?(?:continent|region|world|"
                             r"globe|sector|industry|economy)\b|\bin\s+(?:many|several|most)\s+countries\b", re.I)


_SPREAD_OVER = re.compile(r"\b(?:across|throughout|all over)\s+(?:the\s+)?[A-Z]")


def _generic_statement(sentence: Sentence, span: Span, has_place: bool, doc: Document) -> bool:
    """"Strikes and protests against austerity are growing across the continent", "workers across the
    region have the power to stop the ports": a present-tense statement about the world (a spread
    over no one place, or a trend of a kind of action) with no date reports no occurrence."""
    if is_headline(sentence, doc):
        return False
    root = span.root
    if not _now(root):
        return False
    if _GENERIC_SPREAD.search(sentence.text):
        return True
    # a trend of a kind of action placed nowhere, or spread over a whole land ("are spreading across Bulgaria")
    kinds = _kind_subjects(root) or _measured_kinds(root)
    return bool(kinds) and (not has_place or bool(_SPREAD_OVER.search(sentence.text))) and \
        root.lemma_.lower() in lexicon(LANGUAGE).events.trend_verbs


def _measured_kinds(verb: Token) -> list[Token]:
    """ "Turnout at political rallies has dwindled", "the number of strikes has risen": the kinds of
    action a measure the verb's subject names is taken of."""
    measure_nouns = lexicon(LANGUAGE).events.measure_nouns
    measures = [c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() in measure_nouns
                and not any(d.dep_ == "poss" for d in c.children)]
    kinds = [g for m in measures for p in m.children if p.dep_ == "prep" and p.lower_ in ("at", "of", "in")
             for g in p.children if g.dep_ == "pobj" and _bare_plural(g)]
    return kinds if measures and len(kinds) == len(measures) else []


def _commentary(span: Span, triggers: list[Trigger]) -> bool:
    """"Analysts say the protests show the anger of the middle class": every action the sentence
    names is the subject of a verb of meaning in the present (`meaning_verbs`), and the sentence
    names no town: what it means, not an occurrence."""
    verbs = lexicon(LANGUAGE).events.meaning_verbs
    tokens = [span[t.token_index] for t in triggers]
    return bool(tokens) and all(
        t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() in verbs and t.head.tag_ in ("VBZ", "VBP")
        for t in tokens)


def _kind_subjects(verb: Token) -> list[Token]:
    """The verb's subjects where all are bare plurals, a kind of action ("strikes", "farmers'
    protests"); else none."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects if subjects and all(_bare_plural(s) for s in subjects) else []


def _a_kind_characterised(span: Span, sentence: Sentence, doc: Document, triggers: list[Trigger],
                          dates: list[DateMention]) -> bool:
    """"Strikes have become a fixture of life in France", "strikes have become more frequent this
    year": a bare plural said to be common, rare, a fixture... is about the kind of action, wherever
    placed and whatever time it names; so in the past ("blockades became common in 2022"), where no day,
    week or month is stated ("strikes were common last month" reports that month's)."""
    if is_headline(sentence, doc):
        return False
    root, events = span.root, lexicon(LANGUAGE).events
    inside = {t.i for s in _kind_subjects(root) for t in s.subtree}  # "strikes are illegal, but oil workers walked out"
    past = not any(d.span.precision in ("day", "week", "month") for d in dates)
    return bool(inside) and all(span[t.token_index].i in inside for t in triggers) and \
        _characterised(root, events.characterising_verbs, events.characterising_words, past, events.spread_words)


def _characterised(verb: Token, verbs: frozenset[str], words: frozenset[str], past: bool = False,
                   spread: frozenset[str] = frozenset()) -> bool:
    """"Are common", "have become a fixture", "remain rare": a copula in the present (or present
    perfect; with `past`, the past too, where the word is not one of how far actions `spread`: "protests
    were widespread after the coup" reports them) whose complement characterises."""
    now = verb.tag_ in ("VBZ", "VBP") or _present_perfect(verb)
    if not (now or (past and verb.tag_ == "VBD")) or verb.lemma_.lower() not in verbs:
        return False
    return any(c.dep_ in ("attr", "acomp", "oprd") and c.lemma_.lower() in words
               and (now or c.lemma_.lower() not in spread) for c in verb.children)


def _only_kinds_of_action(span: Span, triggers: list[Trigger], has_place: bool, sentence: Sentence,
                          doc: Document) -> bool:
    """"Classrooms go empty because of strikes", "the economy suffers from frequent protests": in a
    sentence in the simple present with no day, no place and no crowd counted, triggers that are all
    bare plural nouns after a preposition name a kind of action, not one that took place."""
    tokens = [span[t.token_index] for t in triggers]
    if is_headline(sentence, doc) or (has_place and not all(_of_a_noun(tok) for tok in tokens)):
        return False  # a place is kept only for a kind a noun names ("the era of strikes at Ulsan's yards")
    return bool(tokens) and all(
        _bare_plural(tok) and tok.dep_ == "pobj"
        and (verb := next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)) is not None
        and _present_tense(verb) for tok in tokens) \
        and not find_sizes(sentence.text)  # "thousands take part in protests": a crowd counted is an occurrence


def _recurring_kind(span: Span, triggers: list[Trigger], dates: list[DateMention]) -> bool:
    """"Transport groups have held repeated strikes since 2022", "similar protests have been held in the
    past": every action the sentence names is a plural that recurs (`recurrence_words`), or that likens
    it to others (`likening_words`) with its verb in the present perfect, and no day, week or month is
    stated: a kind of action over time, not one occurrence. So too, in a sentence with no date at all,
    an action done again and again, a kind's trend, or kinds a place has seen ("other cities have seen
    protests")."""
    events = lexicon(LANGUAGE).events
    tokens = [span[t.token_index] for t in triggers]
    if not tokens or any(d.span.precision in ("day", "week", "month") for d in dates):
        return False

    def recurs(tok: Token) -> bool:
        return tok.tag_ == "NNS" and any(c.dep_ == "amod" and (
            c.lower_ in events.recurrence_words or (c.lower_ in events.likening_words and _present_perfect(tok.head)))
            for c in tok.children)

    def over_time(tok: Token) -> bool:
        return not dates and (_done_again_and_again(tok) or _witnessed(tok))

    # a kind's trend ("Strikes are spreading") only beside an action told as recurring: alone, with a
    # place, it may report one ("Protests are growing in Nairobi after police shot a student")
    trends = [tok for tok in tokens if not dates and _a_kinds_trend(tok)]
    return all(recurs(tok) or over_time(tok) or tok in trends for tok in tokens) and len(trends) < len(tokens)


def _witnessed(trigger: Token) -> bool:
    """"Other cities have seen protests", "have seen residents protest against tourism": a kind of action
    (a bare plural, or people's action as a bare infinitive) that a place or time has known, in the
    present perfect (`witnessing_verbs`)."""
    verb = trigger.head
    if not (_present_perfect(verb) and verb.lemma_.lower() in lexicon(LANGUAGE).events.witnessing_verbs):
        return False
    if trigger.dep_ == "dobj":
        return _bare_plural(trigger)
    return trigger.dep_ in ("ccomp", "xcomp") and trigger.tag_ == "VB" and any(
        c.dep_ == "nsubj" and _bare_plural(c) for c in trigger.children)


def _done_again_and_again(verb: Token) -> bool:
    """"Teachers have walked out repeatedly", "have frequently protested": an action's verb in the present
    perfect with an adverb of recurrence (`recurrence_adverbs`)."""
    return _present_perfect(verb) and any(
        c.dep_ == "advmod" and c.lower_ in lexicon(LANGUAGE).events.recurrence_adverbs for c in verb.children)


def _a_kinds_trend(noun: Token) -> bool:
    """"Strikes are spreading": a bare plural, the subject of a trend verb in the present (beside an
    action told as recurring, the sentence is about kinds of action)."""
    verb = noun.head
    return noun.dep_ == "nsubj" and _bare_plural(noun) and _now(verb) and \
        verb.lemma_.lower() in lexicon(LANGUAGE).events.trend_verbs


def _now(verb: Token) -> bool:
    """The verb in the present, going on or perfect ("are growing", "has dwindled")."""
    return verb.tag_ in ("VBZ", "VBP") or (verb.tag_ in ("VBG", "VBN") and any(
        c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in verb.children))


def _present_perfect(verb: Token) -> bool:
    """"Have staged", "have been held", "has become": the perfect of the present."""
    return (verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in verb.children)) or \
        (verb.tag_ == "VBD" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_.lower() == "have"
                                    for c in verb.children))  # "have walked": the parser may tag it a past


def _of_a_noun(token: Token) -> bool:
    """The trigger names what a noun is of ("the era of mass strikes", "a history of protests")."""
    return token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN" and \
        token.head.head.lemma_.lower() in lexicon(LANGUAGE).events.kind_heads  # not "organisers of protests"


def _bare_plural(noun: Token) -> bool:
    """A plural with no determiner, possessive or number: a kind ("strikes"), not these strikes. A
    kind's possessor is a kind too ("farmers' protests")."""
    return noun.tag_ == "NNS" and not any(c.dep_ in ("det", "nummod") or (c.dep_ == "poss" and not _bare_plural(c))
                                          for c in noun.children)


def _present_tense(verb: Token) -> bool:
    """The verb in the simple present ("go", "suffers", "is felt"); "are joining" is going on now."""
    return verb.tag_ in ("VBZ", "VBP") or verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def _inside_what_another_is_against(trig: Trigger, triggers: list[Trigger], span: Span) -> bool:
    """"Thousands marched to protest against a bill granting amnesty to those convicted over the
    January 8 riots": an action named inside what another action of the sentence is against (its
    "against", "over" or "about" phrase; `cause_prepositions` in `places.toml`) is what it is about,
    not an event the sentence reports."""
    causes = lexicon(LANGUAGE).places.cause_prepositions
    others = {span[t.token_index].i for t in triggers if t is not trig and t.modality is Modality.ASSERTED}
    for node in span[trig.token_index].ancestors:
        if node.i in others:
            return False  # reached another action first: on its path, not inside its object
        governing = [node.head, *node.head.ancestors][:3]
        if node.dep_ == "prep" and node.lower_ in causes and any(a.i in others for a in governing):
            return True
    return False


def _names_a_cause(span: Span, triggers: list[Trigger]) -> bool:
    """"The protests were sparked by a deadly fire in Urumqi on Thursday that killed 10 people":
    the sentence dates, places and counts the cause, not the protests the article reports."""
    for t in triggers:
        token = span[t.token_index]
        if token.dep_ == "nsubjpass" and token.head.lemma_.lower() in lexicon(LANGUAGE).events.causing_verbs and any(
                c.dep_ == "agent" for c in token.head.children):
            return True
    return False


def _places_of(trig: Trigger, sentence: Sentence, cities: list[Toponym], own_places: dict[EventType, list[Toponym]],
               article: Article) -> list[Place | None]:
    """Where the trigger's event happened: the places the sentence gives its type, else its cities
    (and the country when they are only examples or one figure is their total), else the place
    carried from earlier."""
    if own_places:
        return [to_place(t, Rule.PLACE_IN_SENTENCE, f"where the sentence's {trig.type.value} happened")
                for t in own_places[trig.type]]
    doc = article.doc
    places: list[Place | None] = [to_place(c, Rule.PLACE_IN_SENTENCE) for c in cities] or [
        fallback_place(sentence, article.toponyms, doc.text, article.country, title_town=article.title_town)]
    whole = country_of_examples(sentence, cities, article.toponyms, doc.text, article.country) or \
        _country_of_a_total(sentence, cities, article.country)
    return [whole, *places] if whole is not None else places


def _mention(trig: Trigger, sentence: Sentence, span: Span, date: DateSpan | None, place: Place | None, k: int,
             doc: Document) -> Mention:
    """One mention of the trigger's event at one of its places, with every field the sentence gives."""
    headline = trig.kind != "support" and is_headline(sentence, doc)
    quoted = trig.kind != "support" and not headline and _quoted(sentence.text, trig.start)
    m = new_mention(trig, "support" if headline or quoted else trig.kind, sentence, date, place, k, doc)
    if headline:
        m.trigger = replace(m.trigger, reason=HEADLINE)
    elif quoted:
        m.trigger = replace(m.trigger, reason=QUOTED)
    _fill_fields(m, sentence, span)
    return m


# What the reason of a trigger's evidence says when the trigger is inside a quotation: testimony, which
# adds to an event the article reports and makes none of its own.
QUOTED = "inside a quotation"


def _quoted(text: str, at: int) -> bool:
    """The words at `at` are inside a quotation of some length ('"We marched to the offices in March,"
    said a resident'), not a quoted name or slogan."""
    words = quotation_around(text, at)
    return words is not None and len(words) >= 12 and len(words.split()) >= 4


def _in_the_cause_of_another(trigger: Trigger, asserted: list[Trigger], text: str) -> bool:
    """The trigger lies in the clause that gives another action's cause ("mourners marched on Thursday
    after the funerals of two men killed in Tuesday's clashes"): what set that action off, not the
    sentence's own action."""
    return in_a_cause_clause(text, trigger.start) and any(
        other.start < trigger.start and not in_a_cause_clause(text, other.start) for other in asserted)


_SET_AGAINST_VERBS = frozenset({"come", "follow"})
_BACK = frozenset({"the", "this", "that"})


def _without_a_reference_back(triggers: list[Trigger], span: Span) -> list[Trigger]:
    """"The strike came a day after workers blocked the bridge": the action the text told of before ("the
    strike", the subject of a verb that sets it against another) is not reported again; the other action
    is the sentence's own (a day before, `time`), not a cause to set aside. Only where another trigger is
    left ("the protest came a day after police fired tear gas" keeps its protest)."""
    back = [t for t in triggers if _a_reference_back(span[t.token_index])]
    rest = [t for t in triggers if t not in back]
    # the other action happened ("a day after the union threatened to protest" keeps the strike)
    return rest if back and any(t.modality is Modality.ASSERTED for t in rest) else triggers


def _not_carried(toponyms: list[Toponym], mentions: list[Mention]) -> None:
    """The towns the mentions are placed at are not carried to later sentences."""
    starts = {m.place.evidence.start for m in mentions if m.place is not None and m.place.evidence is not None}
    for t in toponyms:
        if t.start in starts:
            t.of_another = True


def _a_reference_back(token: Token) -> bool:
    """"The strike came a day after ...": set a count of days against the other action (not "the walkout came
    after a similar strike in March", where both are told)."""
    verb = token.head
    if token.dep_ != "nsubj" or verb.lemma_.lower() not in _SET_AGAINST_VERBS or \
            not any(c.dep_ == "det" and c.lower_ in _BACK for c in token.children):
        return False
    if any(c.dep_ == "conj" for c in verb.children):
        return False  # "the strike came a day after talks failed and was joined by 5,000": told of again
    end = verb.idx + len(verb.text)
    return _DAYS_SET_AGAINST.match(text_of(token.doc)[end:end + 40]) is not None


_DAYS_SET_AGAINST = re.compile(r"\s+(?:a|one|two|three|four|five|six|\d)\s+days?\s+(?:after|before)\b", re.I)


def _mentions_for_sentence(sentence: Sentence, span: Span, article: Article) -> tuple[list[Mention], set[str]]:
    """The sentence's mentions, and the ids of those that only support another event (a crackdown,
    arrests, a turnout); the article's dating state is updated once, at the end."""
    doc, dating = article.doc, article.dating
    if doc.language == "ru":
        return ru_mentions.mentions_for_sentence(sentence, span, article)
    triggers = find_triggers(span)
    if _names_a_cause(span, triggers):
        return [], set()
    triggers = [t for t in triggers if not _inside_what_another_is_against(t, triggers, span)]
    told = len(triggers)
    triggers = _without_a_reference_back(triggers, span)
    looks_back = len(triggers) < told  # "the march came a day after ...": the narrative stays on the march's day
    dates = dating.dates_in(sentence)
    mentions: list[Mention] = []
    supporting: set[str] = set()
    background: DateSpan | None = None
    asserted = [t for t in triggers if t.modality is Modality.ASSERTED]
    own_actions = [t for t in asserted if not relative_to_another(span[t.token_index])
                   and not _in_the_cause_of_another(t, asserted, sentence.text)] or asserted
    background_types = {t.type for t in asserted if t not in own_actions} - {t.type for t in own_actions}
    # "rallies amid an ongoing strike": the rallies'; "police arrested 3 protesters after clashes": the
    # protesters' (or the arrests', where no other action is left)
    # of one type, the sentence's own action stands for it, not one it is set against ("ten years after
    # the 2015 strike, nurses walked out again")
    ranked = sorted((t for t in triggers if t.type not in background_types), key=lambda t: t not in own_actions)
    chosen = chosen_triggers(ranked, lambda: _support_trigger(sentence, span))
    denied = [t for t in triggers if t.modality is Modality.NEGATED]
    cities = sentence_cities(sentence, article.toponyms, doc.text, span, own_actions, denied) or \
        sentence_regions(sentence, article.toponyms, doc.text)
    if asserted and ((not dates and (_generic_statement(sentence, span, bool(cities), doc) or
                                     _only_kinds_of_action(span, asserted, bool(cities), sentence, doc) or
                                     (not cities and _commentary(span, asserted))))
                     or _a_kind_characterised(span, sentence, doc, asserted, dates)  # "strikes have become common"
                     or _recurring_kind(span, asserted, dates)  # "have staged frequent protests since 2023"
                     or is_question(sentence)):  # "Why are they striking?": asks, reports nothing
        chosen = [replace(t, modality=Modality.GENERIC) for t in chosen]
    own_places = places_by_type(sentence, span, asserted, chosen, article.toponyms)
    for trig in chosen:
        date, sets_background = dating.date_of(trig, sentence, dates, span)
        background = sets_background or background
        places = _places_of(trig, sentence, cities, own_places, article)
        found = [_mention(trig, sentence, span, date, place, k, doc) for k, place in enumerate(places)]
        if trig.kind == "support":
            supporting |= {m.mention_id for m in found}
        _sizes_to_their_places(found, doc.text)
        _total_to_the_whole(found)
        _part_to_its_place(found, doc.text)
        _counts_to_their_towns(found, doc.text)
        _without_the_evoked_actions_counts(found, span, triggers)
        mentions += found
    _sizes_to_their_actions([m for m in mentions if m.mention_id not in supporting])
    mentions += _earlier_actions(asserted, chosen, mentions, sentence, span, dates, article)
    if looks_back:  # nor does the earlier action's town carry on: the narrative stays on the told action
        _not_carried(article.toponyms, mentions)
    dating.after_sentence(sentence, dates, bool(triggers or chosen), background, mentions, anchors=not looks_back)
    return mentions, supporting


def _earlier_actions(asserted: list[Trigger], chosen: list[Trigger], mentions: list[Mention], sentence: Sentence,
                     span: Span, dates: list[DateMention], article: Article) -> list[Mention]:
    """The earlier action a sentence sets its event after, where the sentence dates it ("the
    second-largest march, after a protest by two million on June 16"): an event of its own, at the
    town its own phrase names (else the sentence's), with its own date and figure and nothing else
    (the sentence's people are its event's). An action still to come ("before a strike on Friday")
    or a comparison's baseline ("the first since the strike of 2019") is none."""
    found: list[Mention] = []
    days = [m.date.start for m in mentions if m.date is not None and m.date.start is not None]
    for trig in asserted:
        token = span[trig.token_index]
        if trig in chosen or not mentions or not an_earlier_action(token):
            continue
        phrase = list(token.subtree)
        own = {t.i for t in phrase}
        base = sentence.start - span.start_char
        start, end = base + phrase[0].idx, base + phrase[-1].idx + len(phrase[-1])
        if token.head.lemma_.lower() not in lexicon(LANGUAGE).events.after_words:
            _take_sizes(mentions, start, end)  # "the biggest since a march by 50,000": its figure, no event
            continue
        for date in dates:
            said = span.char_span(date.start, date.end, alignment_mode="expand")
            if date.span.start is None or said is None or not len(said) or said.root.i not in own:
                continue
            if any(date.span.start >= day for day in days):
                continue  # the sentence's own day, or later: not an earlier action
            towns = [t for t in article.toponyms if start <= t.start < end and t.place.kind == "city"]
            place = to_place(towns[0], Rule.PLACE_IN_SENTENCE) if towns else \
                next((m.place for m in mentions if m.type is trig.type), mentions[0].place)
            earlier = new_mention(trig, trig.kind, sentence, date.span, place, 10 + len(found), article.doc)
            earlier.sizes = _take_sizes(mentions, start, end)
            found.append(earlier)
            break
    return found


def _take_sizes(mentions: list[Mention], start: int, end: int) -> list[SizeClaim]:
    """The figures inside an earlier action's phrase ("a protest by two million"), taken from the
    sentence's mentions: they are that action's (each mention of the sentence holds the same ones)."""
    taken: list[SizeClaim] = []
    for m in mentions:
        inside = [c for c in m.sizes if c.evidence is not None and start <= c.evidence.start < end]
        m.sizes = [c for c in m.sizes if c not in inside]
        taken = taken or inside
    return taken


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
    wanted = [doc for doc in docs if not fast or doc.language != "en" or is_candidate(doc.text)]
    parsed = dict(zip((id(d) for d in wanted), parse_many(wanted, is_candidate_paragraph if fast else None,
                                                          ru_detect.is_candidate if fast else None), strict=True))
    return [_extract_parsed(doc, parsed[id(doc)], gazetteer) if id(doc) in parsed else [] for doc in docs]


@cache
def _seat_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A place named as an organisation's seat: "based in X" (before it), "X-based" (after it)."""
    places = lexicon(LANGUAGE).places
    before, after = ("|".join(re.escape(w) for w in words)
                     for words in (places.seat_participles, places.seat_compounds))
    return re.compile(rf"\b(?:{before})\s+(?:in|at)\s+(?:the\s+)?$", re.I), re.compile(rf"^-(?:{after})\b", re.I)


def _describes_an_organisation(toponym: Toponym, doc: Document) -> bool:
    """A place that says where an organisation sits ("a magazine based in Yangon", "a Yangon-based
    group"), not where anything happened: never an event's place, nor carried to later sentences."""
    before = doc.text[max(0, toponym.start - 40):toponym.start]
    seat_before, seat_after = _seat_patterns()
    return bool(seat_before.search(before) or seat_after.match(doc.text[toponym.end:toponym.end + 20]))


_LATIN = re.compile(r"[A-Za-z]")


def _foreign_script(toponym: Toponym, doc: Document) -> bool:
    """A Latin-script name in a Russian text: Russian writes places in Cyrillic, so the Latin name is
    a foreign outlet's or firm's ("пишет Washington Post"), not where anything happened."""
    return doc.language == "ru" and bool(_LATIN.search(doc.text[toponym.start:toponym.end]))


def _extract_parsed(doc: Document, parsed, gazetteer) -> list[Mention]:
    gaz = gazetteer or load_gazetteer()
    hint = None
    if doc.borrowed_country:  # the towns of a page that borrowed its date are read as its lender's namesakes
        hint = document_countries(parsed, gaz)
        hint[doc.borrowed_country] += 2  # as strong as a dateline's country
    geocoding = geocode(parsed, gaz, hint)
    title = cache(lambda: _title_towns(doc, gaz))  # the title is parsed (once) only where a rule reads it
    # a body that names no country or no town reads its title at once
    titled = title() if not geocoding.context or \
        not any(t.place.kind == "city" for t in _events_places(geocoding.toponyms, doc)) else []
    if not geocoding.context and len(countries := {t.place.country for t, _ in titled}) == 1:
        # a body that names no country reads its towns in the country of its title's towns ("Strike day:
        # how Lima's commuters got by"): "Villa El Salvador" is then Lima's district, not a village abroad
        hint = document_countries(parsed, gaz)
        hint[countries.pop()] += 2
        geocoding = geocode(parsed, gaz, hint)
    context, toponyms = geocoding.context, geocoding.toponyms
    country = None
    if context:
        code = context.most_common(1)[0][0]
        country = country_place(code, Rule.PLACE_DOCUMENT_COUNTRY,
                                f"country named most often in the document ({context[code]})", gazetteer=gaz)
    places = _events_places(toponyms, doc)
    article = Article(doc, places, _title_town(titled, places) or country, Dating.of(doc),
                      cache(lambda: _the_title_town(title(), country)))
    mentions: list[Mention] = []
    supporting: set[str] = set()
    for sentence, span in parsed:
        if has_parse(span):  # context paragraphs hold no trigger word: nothing to extract there
            found, supports = _mentions_for_sentence(sentence, span, article)
            mentions.extend(found)
            supporting |= supports
        else:
            article.dating.note_opening(sentence)
    article.dating.date_from_later_lead(mentions)
    _not_at_another_actions_town(mentions, article.country)
    mentions = [_as_background(_as_still_to_come(m, doc), doc) for m in mentions]
    if doc.language == "ru":
        mentions = ru_mentions.place_whole_country(mentions, article)
    if not any(m.modality is Modality.ASSERTED and m.mention_id not in supporting and
               m.trigger.rule != Rule.TRIGGER_CROWD for m in mentions):
        # Arrests, deaths and crackdowns support a protest the article reports, and a crowd filling a
        # square is its demonstration; alone (a bombing, a battle, a crime, a concert) they report none.
        mentions = [m for m in mentions if m.mention_id not in supporting and m.trigger.rule != Rule.TRIGGER_CROWD]
    return mentions


def _not_at_another_actions_town(mentions: list[Mention], country: Place | None) -> None:
    """A sentence placed at the article's one town, named only later (`place:article-town`), stays in the
    article's country where the sentence naming that town reports another kind of action there than the
    sentence does ("students occupied the building ... Elsewhere the biggest march was in Utrecht"): the
    town is that action's."""
    for m in mentions:
        ev = m.place.evidence if m.place is not None else None
        if ev is None or ev.rule != Rule.PLACE_ARTICLE_TOWN:
            continue
        told = [o for o in mentions
                if o.sentence.start <= ev.start < o.sentence.end and o.modality is Modality.ASSERTED]
        theirs = {o.type for o in told}
        ours = {o.type for o in mentions if o.sentence == m.sentence}  # "occupied the building and marched"
        # the town's sentence tells of others ("other colleges also protested"), not the strikers' own rally
        if theirs and not ours <= theirs and _tells_of_others(told[0].sentence.text):
            m.place = country
            m.place_text = country.evidence.text if country is not None and country.evidence is not None else None


@cache
def _others_words() -> re.Pattern[str]:
    words = phrase_pattern(lexicon(LANGUAGE).places.others_words) or "(?!)"
    return re.compile(rf"(?<![\w'])(?:{words})(?![\w'])", re.I)


def _tells_of_others(text: str) -> bool:
    """The sentence tells of other people or places than those before it ("other colleges also protested")."""
    return _others_words().search(text) is not None


def _events_places(toponyms: list[Toponym], doc: Document) -> list[Toponym]:
    """The places an event may be at: not an organisation's seat, nor a foreign outlet's name."""
    return [t for t in toponyms if not _describes_an_organisation(t, doc) and not _foreign_script(t, doc)]


def _title_town(titled: list[tuple[Toponym, str]], toponyms: list[Toponym]) -> Place | None:
    """The town a page's title names ("Renters march in Berlin"), for a body that names no town of its
    own (the title kept apart from the text, as a page's metadata): where its events are, as a
    document's country would be."""
    if any(t.place.kind == "city" for t in toponyms):
        return None
    towns = [t for t, where in titled if where]
    if not towns:
        return None
    return _in_the_title(towns[0], f"the page names no town; its title names {towns[0].place.name}")


def _in_the_title(town: Toponym, why: str) -> Place:
    """The place of a town the title names, its evidence the title's words (in the title, not the text)."""
    place = to_place(town, Rule.PLACE_TITLE, why)
    reason = place.evidence.reason if place.evidence is not None else why
    return replace(place, evidence=Evidence(town.text, 0, 0, Rule.PLACE_TITLE, reason))


def _the_title_town(titled: list[tuple[Toponym, str]], country: Place | None) -> Place | None:
    """The one town a page's title puts its news in ("Farmers' blockade paralyses Agen"), in the article's
    country: where the body's first sentences are, before the body names a town of its own."""
    towns = [t for t, where in titled if where == NEWS_IN_IT]
    if country is None or len({t.place.gazetteer_id for t, _ in titled}) != 1 or not towns or \
            towns[0].place.country != country.country:
        return None
    return _in_the_title(towns[0], f"no town in the sentence or before it: the one town the page's title puts its "
                                   f"news in, {towns[0].place.name}")


def _title_towns(doc: Document, gaz) -> list[tuple[Toponym, str]]:  # noqa: ANN001 - a Gazetteer
    """The towns a page's title names, read alone, each with whether the title puts something in it
    (`_where_in_a_title`)."""
    if not doc.title:
        return []
    # the page's own language and date: a title is too short to tell its language by (which would load a
    # detector's models), and a dated title's parse is not kept for an undated article's extraction again
    title = replace(prepare_document(RawDocument(id=f"{doc.doc_id}:title", text=doc.title, source="<title>"),
                                     language=doc.language), published=doc.published)
    parsed = parse_many([title])[0]
    return [(t, _where_in_a_title(t, parsed)) for t in geocode(parsed, gaz).toponyms if t.place.kind == "city"]


# How a title names a town (`_where_in_a_title`): as where its news happened ("Farmers block roads in
# Toulouse", "Toulouse blockade", "Lyon nurses"), as a modifier of something else ("Berlin doctors' union",
# "Paris talks"), or neither ("Washington warns Tehran").
NEWS_IN_IT, NAMED_BEFORE_A_NOUN = "news", "modifier"


def _where_in_a_title(town: Toponym, parsed) -> str:  # noqa: ANN001 - [(Sentence, spaCy span)]
    """Whether a title puts something in a town (`NEWS_IN_IT`, `NAMED_BEFORE_A_NOUN`), or "" where the town
    stands for its government ("Washington warns Tehran")."""
    for sentence, span in parsed:
        words = span.char_span(town.start - sentence.start, town.end - sentence.start, alignment_mode="expand")
        if words is not None and len(words):
            root = words.root
            if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE | {"at"}:
                return NEWS_IN_IT
            if root.dep_ == "obl" and root.head.dep_ == "root" and any(
                    c.dep_ == "case" and c.lower_ in _title_prepositions() for c in root.children):
                # "Под Кстово жители ...", "В Уфу стянули ОМОН": a Russian title's place, on its main verb ("к
                # приезду министра в Москву" names a visit's town, not the news's)
                return NEWS_IN_IT
            if root.dep_ in ("compound", "amod"):
                return NEWS_IN_IT if _an_event_or_its_people(root.head) else NAMED_BEFORE_A_NOUN
            return ""
    return ""


@cache
def _title_prepositions() -> frozenset[str]:
    """The prepositions before a place's name in every language that has them (`place_prepositions`)."""
    return frozenset(w for code in available() for w in lexicon(code).places.place_prepositions)


def _an_event_or_its_people(noun: Token) -> bool:
    """An event's noun or its people's ("blockade", "strikers", "nurses"): what a town before it puts there;
    not people who name something else ("Berlin doctors' union": the union's seat)."""
    lex = lexicon(LANGUAGE)
    lemma = noun.lemma_.lower()
    if lemma in lex.triggers.nouns or lemma in lex.triggers.agents:
        return True
    return noun.lower_ in lex.people.plurals("participant") and noun.dep_ not in ("compound", "poss", "amod")


def _as_still_to_come(m: Mention, doc: Document) -> Mention:
    """An action the text dates after the report's day ("the walkout is set to end on Thursday",
    read on Tuesday): no report of what happened, whatever its verb's tense. Only against the page's
    own date: one borrowed from another report may be an earlier day's."""
    d, published = m.date, doc.published
    own = not (doc.published_from or "").startswith("borrowed")
    if m.modality is Modality.ASSERTED and d is not None and d.start is not None and published is not None \
            and own and d.start > published:
        return replace(m, modality=Modality.PLANNED)
    return m


def _as_background(m: Mention, doc: Document) -> Mention:
    """An action the text dates only by a year before the report's ("the truckers' strike of 2018",
    "last year, a similar strike lasted three weeks"), or that ended more than a year before it
    ("five years ago today, students rioted"; a year to the day counts: `dating.an_earlier_year`): the
    report's background, not an event it reports
    (issue 17: earlier waves and anniversaries are kept out of current events)."""
    d, published = m.date, doc.published
    if m.modality is not Modality.ASSERTED or d is None or d.end is None or published is None or \
            _still_going(m, published):
        return m
    if an_earlier_year(d, published):
        return replace(m, modality=Modality.BACKGROUND)
    return m


_SINCE = re.compile(r"^\s*since\b", re.I)


_LONGEST_GOING = 2 * 366  # days: a series of actions opened longer ago is a history, not one wave going on


def _a_series(m: Mention) -> bool:
    """Many actions, not one: the trigger a plural event noun ("strikes", "protests")."""
    word = m.trigger.text.lower()
    return m.trigger.rule == Rule.TRIGGER_NOUN and word.endswith("s") and not word.endswith("ss")


def _still_going(m: Mention, published: dt.date) -> bool:
    """A span that runs up to the report ("nurses have been on strike since 2023"): the action goes on;
    not a series that opens years before it ("has seen repeated general strikes since the 1980s")."""
    ev = m.date.evidence if m.date is not None else None
    latest_start = m.date.end if m.date is not None else None  # "since 2023": as late as its December
    if ev is None or not _SINCE.match(ev.text) or latest_start is None:
        return False
    # one action goes on however long ("on strike since October 2022", "a protest camp since 2021"); a series
    # opened years ago ("repeated general strikes since the 1980s") is a history
    return not _a_series(m) or (published - latest_start).days <= _LONGEST_GOING
