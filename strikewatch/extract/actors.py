"""Who and why: participants, organisations, demands and targets of an event mention."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from strikewatch.detect import patterns
from strikewatch.geo.gazetteer import load_gazetteer
from strikewatch.lang import lexicon
from strikewatch.model import Evidence
from strikewatch.rules import Rule

if TYPE_CHECKING:  # spaCy loads only when a model is first needed (nlp.load_nlp)
    from spacy.tokens import Span, Token

LANGUAGE = "en"  # whose lexicon (strikewatch/lang/en/people.toml) the patterns read


@cache
def _participant_pattern() -> re.Pattern[str]:
    """A people noun in the plural (people.toml's participants), with up to two words before it."""
    nouns = "|".join(re.escape(w) for w in lexicon(LANGUAGE).people.plurals("participant"))
    return re.compile(
        r"\b(?P<p>(?:(?!(?:than|had|have|has|were|was|are|is|urged|said|of|and|to|by|at|in|on|with|million|thousands?|"
        r"hundreds?|dozens?|more|some|nearly|about|around|over|least|several|many)\b)"
        rf"[A-Za-z][\w-]*\s+){{0,2}}?(?:{nouns}))\b",
        re.I,
    )


@cache
def _generic_participants() -> frozenset[str]:
    return frozenset(lexicon(LANGUAGE).people.plurals("generic"))


@cache
def _people_in_demand() -> re.Pattern[str]:
    """People named in a demand phrase: whom an action was against, not what is demanded."""
    nouns = "|".join(re.escape(w) for w in lexicon(LANGUAGE).people.forms("against"))
    return re.compile(rf"\b(?:{nouns})\b", re.I)


@cache
def _organization_words() -> re.Pattern[str]:
    """Words that make an organisation entity a group that acts ("union", "party")."""
    words = "|".join(re.escape(w) for w in lexicon(LANGUAGE).actors.organization_words)
    return re.compile(rf"\b(?:{words})\b", re.I)


@cache
def _not_actors() -> re.Pattern[str]:
    """Organisation entities that are no actor: the police, news agencies and media."""
    words = "|".join(re.escape(w) for w in lexicon(LANGUAGE).actors.not_actors)
    return re.compile(rf"\b(?:{words})\b", re.I)


_DEMAND = re.compile(
    r"\b(?:demanding|to demand|calling for|in protest (?:of|against)|against|over|for)\s+"
    r"(?P<d>(?:an?|the|their|higher|better|fair|free)?\s*[^,.;:]{3,90}?)(?=[,.;:]|\s+(?:as|while|after|before|on|in)\s|$)",
    re.I,
)


_NOT_A_MODIFIER = {"CCONJ", "SCONJ", "DET", "ADP", "PRON", "AUX", "PART", "ADV", "VERB", "PUNCT", "NUM"}


def _modifier_start(span: Span, start: int, end: int) -> int:
    """Where the noun phrase really starts: leading words that are not the noun's own modifiers
    ("But the workers", "police detained protesters", "disperse the protesters") are dropped;
    adjectives and participles that modify it ("masked protesters", "striking workers") stay."""
    tokens = [t for t in span if start <= t.idx - span.start_char < end]
    for k, t in enumerate(tokens[:-1]):
        keeps = t.dep_ in {"amod", "compound", "nmod"} or (t.pos_ not in _NOT_A_MODIFIER and t.lower_ != "police")
        if keeps and all(u.dep_ in {"amod", "compound", "nmod"} or u.pos_ in {"ADJ", "NOUN", "PROPN"}
                         for u in tokens[k:-1]):
            return t.idx - span.start_char
    return tokens[-1].idx - span.start_char if tokens else start


def find_participants(sentence: str, offset: int = 0, span: Span | None = None) -> Evidence | None:
    """The people acting, by the noun that names them ("garment workers"), with their modifiers
    read from the parse when there is one (`span`, the sentence's spaCy span)."""
    best = None
    for m in _participant_pattern().finditer(sentence):
        start, end = m.start("p"), m.end("p")
        if span is not None:
            start = _modifier_start(span, start, end)
        text = sentence[start:end].strip()
        if re.match(r"^(?:the|of|and|a|an|to|by|at|in|on|police|riot)\s", text, re.I):
            text = re.sub(r"^(?:the|of|and|a|an|to|by|at|in|on)\s+", "", text, flags=re.I)
            start = end - len(text)
        generic = _generic_participants()
        if best is None or (best.text.lower() in generic and text.lower() not in generic):
            best = Evidence(text, offset + start, offset + end, Rule.ACTORS_PARTICIPANT_NOUN)
    return best


def trigger_owners(span: Span, trigger_start: int, offset: int = 0) -> Evidence | None:
    """The people an event noun belongs to ("the teachers' strike", "nurses' protest"), named by a
    participant noun as its possessor: they are its participants, whoever else the sentence names
    ("the drivers' association said it had nothing to do with the teachers' strike")."""
    token = next((t for t in span if t.idx - span.start_char == trigger_start), None)
    if token is None:
        return None
    plurals = set(lexicon(LANGUAGE).people.plurals("participant"))
    for owner in (c for c in token.children if c.dep_ == "poss" and c.lower_ in plurals):
        first = min((t for t in owner.subtree if t.dep_ in {"compound", "amod"}), key=lambda t: t.i, default=owner)
        start, end = first.idx - span.start_char, owner.idx + len(owner.text) - span.start_char
        return Evidence(span.text[start:end], offset + start, offset + end, Rule.ACTORS_PARTICIPANT_NOUN,
                        "the people the event's noun belongs to")
    return None


def trigger_subject(span: Span, trigger_start: int, offset: int = 0) -> Evidence | None:
    """The people who did the trigger's action, named as its verb's subject by a participant noun
    ("drivers faced delays as farmers blocked the road": the farmers), whoever else the sentence names."""
    token = next((t for t in span if t.idx - span.start_char == trigger_start), None)
    if token is None or token.pos_ not in ("VERB", "AUX"):
        return None
    plurals = set(lexicon(LANGUAGE).people.plurals("participant"))
    for subject in (c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in plurals):
        first = min((t for t in subject.children if t.dep_ in {"compound", "amod"} and t.i < subject.i),
                    key=lambda t: t.i, default=subject)
        start, end = first.idx - span.start_char, subject.idx + len(subject.text) - span.start_char
        return Evidence(span.text[start:end], offset + start, offset + end, Rule.ACTORS_PARTICIPANT_NOUN,
                        "the subject of the action's verb")
    return None


def find_organizations(span: Span, offset: int = 0) -> list[Evidence]:
    """ORG entities that name unions, parties, movements and other groups (not police or media)."""
    out = []
    for ent in span.ents:
        if ent.label_ != "ORG":
            continue
        text = ent.text.strip()
        if _not_actors().search(text):
            continue
        after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if after is not None and after.is_lower and after.lower_ in lexicon(LANGUAGE).actors.body_words:
            ent = ent.doc[ent.start:ent.end + 1]  # "the Solidarity union": the name and what it is
            text = ent.text.strip()
        if _organization_words().search(text) or re.fullmatch(r"[A-Z]{3,8}", text):
            article = re.match(r"(?:the|The|THE)\s+", text)  # "The Chicago Teachers Union" is its name without it
            skip = article.end() if article else 0
            start = offset + ent.start_char - span.start_char + skip
            out.append(Evidence(text[skip:], start, start + len(text) - skip, Rule.ACTORS_ORG_ENTITY))
    return out


def _after_trigger_word(before: str) -> bool:
    """Whether one of the last three words before a cue is a trigger word (detect's own vocabulary)."""
    return bool(patterns().candidate.search(" ".join(before.split()[-3:])))


def find_demands(sentence: str, offset: int = 0) -> list[Evidence]:
    out = []
    pos = 0
    while (m := _DEMAND.search(sentence, pos)) is not None:
        pos = m.start() + 1  # a rejected phrase may hold the real one ("for a period ... protests for higher wages")
        cue = m.group(0).split()[0].lower()
        # weak cues ("for", "over") give a demand only right after a trigger word ("protests for higher
        # wages"), not in "for an indefinite period" or "permission for the rally to go ahead"
        if cue in lexicon(LANGUAGE).actors.weak_demand_cues and not _after_trigger_word(sentence[:m.start()]):
            continue
        text = m.group("d").strip()
        if _people_in_demand().search(text):
            continue  # "force against peaceful protesters": whom an action was against, not what is demanded
        if len(text.split()) < 2 or re.match(r"^(?:the first time|years|weeks|days|hours|months)\b", text, re.I):
            continue
        pos = m.end()
        out.append(Evidence(text, offset + m.start("d"), offset + m.start("d") + len(text), Rule.ACTORS_DEMAND_PHRASE))
    return out[:3]


def _noun_phrase(noun: Token) -> tuple[int, int]:
    """The token range of a noun's phrase: its modifiers and an "of" complement ("the Ministry of
    Labour"), not its clauses."""
    start = min([noun.i] + [t.i for t in noun.lefts if t.dep_ in {"det", "amod", "compound", "poss", "nmod"}
                            for t in t.subtree])
    end = noun.i
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            end = max(t.i for t in prep.subtree if t.dep_ not in {"relcl", "acl"})
    return start, end


def _is_target(noun: Token) -> bool:
    return noun.ent_type_ in {"ORG", "PERSON"} or noun.lemma_.lower() in lexicon(LANGUAGE).actors.target_nouns


def _named_workplace(noun: Token) -> bool:
    """A site noun with a name before it: "the Remontowa shipyard", "the Norvik Steel plant"."""
    return noun.lower_ in lexicon(LANGUAGE).places.site_nouns and any(
        c.dep_ == "compound" and c.text[:1].isupper() and c.ent_type_ in _NAME_OF_A_BODY and not _a_town(c.text)
        for c in noun.children)


def _a_town(name: str) -> bool:
    """"The Lyon plant": a plant in a town, whoever owns it (the small model may call the town an ORG)."""
    return any(p.kind in ("city", "region", "country") and p.population >= 100_000
               for p in load_gazetteer().lookup(name))


# A name before a site noun that can be its owner's ("Remontowa", which the small model may call a
# person): not a town, a day or a number ("the Lyon plant", "the Monday shift").
_NAME_OF_A_BODY = frozenset({"", "ORG", "PERSON", "FAC", "PRODUCT", "NORP"})


def find_targets(span: Span, offset: int = 0) -> list[Evidence]:
    """Whom the action is against: the object of "against" when it is an institution, an office holder
    or a named organisation or person ("a protest against the labour ministry", "rallies against
    President X"), and the employer of strikers ("workers at Ford went on strike")."""
    out: list[Evidence] = []
    for prep in span:
        if prep.dep_ != "prep":
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            continue
        noun = objects[0]
        if prep.lower_ == "against" and not _is_target(noun):
            # "against Milei's reforms", "against the Lukashenko regime's crackdown": the policy's owner
            owners = [c for c in noun.children if c.dep_ in {"poss", "compound"} and _is_target(c)]
            noun = owners[0] if owners else noun
        against = prep.lower_ == "against" and _is_target(noun)
        employer = prep.lower_ in {"at", "of"} and (noun.ent_type_ == "ORG" or _named_workplace(noun)) and \
            prep.head.lemma_.lower() in lexicon(LANGUAGE).actors.workplace_heads
        if not (against or employer):
            continue
        first, last = _noun_phrase(noun)
        words = span.doc[first:last + 1]
        text = words.text.strip()
        text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
        start = offset + words.end_char - span.start_char - len(text)
        if text and all(e.text != text for e in out):
            rule = Rule.ACTORS_TARGET_AGAINST if against else Rule.ACTORS_TARGET_EMPLOYER
            out.append(Evidence(text, start, start + len(text), rule))
    return out[:3]
