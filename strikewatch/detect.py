"""Detection: is this sentence a report of a protest or strike event, of which type, and did it happen?

Triggers are words (by lemma) that name contentious action: verbs ("marched", "walked out"),
event nouns ("protest", "strike"), and the people taking part ("protesters", "striking workers").
A trigger governed by a call, plan, threat or a future auxiliary is PLANNED; a negated one is
NEGATED: neither becomes an event.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from strikewatch.lang import Lexicon, Triggers, available, lexicon
from strikewatch.lang import Modality as ModalityWords
from strikewatch.model import EventType, Modality
from strikewatch.spans import text_of

if TYPE_CHECKING:  # spaCy loads only when a model is first needed (nlp.load_nlp)
    from spacy.tokens import Span, Token

T = EventType
LANGUAGE = "en"  # the language whose lexicon the rules read (strikewatch/lang/en)


def _lex() -> Lexicon:
    return lexicon(LANGUAGE)


def _words_pattern(words) -> str:
    """An alternation of words, longest first, so that a longer word wins over its beginning."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    """The regular expressions detection builds from the lexicon, once, at first use."""

    phrases: dict[str, re.Pattern[str]]  # whole words only, the last one possibly inflected
    leaving_a_room: re.Pattern[str]  # what one walks out of in protest without striking
    support: re.Pattern[str]  # a crackdown or casualties
    turnout: re.Pattern[str]  # how many took part
    turnout_of_others: re.Pattern[str]  # a vote's or a census's, not a crowd's
    future_time: re.Pattern[str]  # a time still to come
    candidate: re.Pattern[str]  # any trigger in any form
    crowd: re.Pattern[str]  # a verb of a crowd filling a space, then the space
    protest_context: frozenset[str]  # lemmas that make "gather" or "clash" a protest (a word is not its own)
    crowd_subjects: frozenset[str]  # lemmas of a crowd that fills a space
    civilians: frozenset[str]  # lemmas of civilians acting (a clash among them is unrest)


@cache
def patterns() -> _Patterns:
    lex = _lex()
    trig = lex.triggers
    # Whole words only, the last one possibly inflected: "protest camps", not "protest campaign".
    phrases = {p: re.compile(rf"(?<!\w){re.escape(p)}(?:s|es|ed|ing)?(?!\w)") for p in trig.phrases}
    # "walked out of public hospitals" is a strike; "walked out of the talks" is not.
    rooms = "|".join(re.escape(w) for w in sorted(trig.walkout_rooms))
    leaving = re.compile(rf"\s+of\s+(?:the\s+|a\s+|an\s+|their\s+|its\s+)?(?:[\w-]+\s+){{0,2}}?(?:{rooms})\b")
    support = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in trig.support_stems) + ")", re.I)
    turnout = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in trig.turnout_phrases) + r")\b", re.I)
    others = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in trig.turnout_of_others) + ")", re.I)
    mod = lex.modality
    units = _words_pattern([*mod.future_units, *lex.calendar.weekdays])
    future = re.compile(rf"\b(?:{_words_pattern(mod.future_openers)})\s+(?:{units})\b|"
                        + "|".join(rf"\b{re.escape(p)}\b" for p in mod.future_phrases), re.I)
    crowd_verbs = "|".join(_surface_stem(v) for v in sorted(trig.crowd_verbs))
    motion = "|".join(_surface_stem(v) for v in sorted(trig.crowd_motion_verbs))
    demand = "|".join(_surface_stem(v) for v in sorted(trig.demand_verbs | set(trig.demand_verbs_with)))
    crowd = re.compile(rf"\b(?:{crowd_verbs})\w*\s(?:[^.!?]{{0,60}}\s)?"
                       rf"(?:{'|'.join(sorted(trig.public_spaces))})s?\b|"
                       rf"\b(?:{motion})\w*\s[^.!?]{{0,100}}\b(?:{demand})\w*\b", re.I)
    people = lex.people
    return _Patterns(phrases, leaving, support, turnout, others, future, _candidate_pattern(trig), crowd,
                     protest_context=(frozenset(trig.agents) | set(trig.nouns)) - trig.needs_protest_context
                     | people.lemmas("protest_context") | trig.protest_context_groups,
                     crowd_subjects=people.lemmas("crowd_subject") | trig.crowd_subject_numbers,
                     civilians=frozenset(trig.agents) | people.lemmas("civilian") | lex.senses.civilian_groups)


@dataclass(frozen=True)
class Trigger:
    type: EventType
    start: int  # char offsets within the sentence
    end: int
    text: str
    kind: str  # verb | noun | agent | phrase
    token_index: int  # index of the head token within the sentence span
    modality: Modality


def _is_riot_police(token: Token) -> bool:
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.lower_ in _lex().triggers.not_event_heads


def _modality(token: Token) -> Modality:
    """PLANNED when a call/plan/threat governs the trigger or it is in the future; NEGATED when negated."""
    mod = _lex().modality
    if _a_right_to(token, mod):
        return Modality.GENERIC
    if _evoked(token, mod):
        return Modality.BACKGROUND
    for reading in (_own_modality, _governed_modality, _infinitive_modality, _grounds_modality, _hypothetical_modality):
        found = reading(token, mod)
        if found is not None:
            return found
    return Modality.ASSERTED


def _a_right_to(token: Token, mod: ModalityWords) -> bool:
    """The action is what a right allows ("the right to strike", "the right to assemble, to demonstrate,
    to picket"), not something done."""
    return _right_to(mod.right_nouns).search(text_of(token.doc)[max(0, token.idx - 80):token.idx]) is not None


def _evoked(token: Token, mod: ModalityWords) -> bool:
    """An earlier action the report compares its own with: an event noun, the object of a verb of evoking
    ("the marches recall the June 2024 demonstrations", "echoing the 2019 protests")."""
    verb = token.head
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "dobj" or verb.lemma_.lower() not in mod.evoking_verbs:
        return False
    # what evokes it is the report's own action ("the marches recall ...", "..., echoing ..."), not people who
    # remember ("witnesses recall the protest on Tuesday")
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return all(lemma_of(s) in _lex().triggers.nouns or lemma_of(s) in _lex().triggers.agents for s in subjects)


@cache
def _right_to(nouns: frozenset[str]) -> re.Pattern[str]:
    words = "|".join(map(re.escape, sorted(nouns))) or "(?!)"
    return re.compile(rf"\b(?:{words})\s+to\s+(?:[\w-]+,?\s+(?:(?:and|or)\s+)?to\s+)*$", re.I)


def _hypothetical_modality(token: Token, mod: ModalityWords) -> Modality | None:
    """NEGATED for an action that did not happen ("reached deals without strikes"); PLANNED for one in
    a condition ("only if the tenants strike"), the object of a verb with one ("has flagged more
    stoppages if talks fail"), or that a verb of what may happen leads to ("the walkout may escalate to
    a full strike", "might end in a general strike"), up to four heads above it. Not what may have
    happened ("may have taken part"), a "could not stop" (it happened), "if" as "whether" ("unclear if
    anyone was hurt in the protest"), nor an action before or behind what may happen ("could fall after
    weeks of protests")."""
    if token.dep_ == "pobj" and token.head.lower_ in mod.absent_prepositions and not any(
            c.dep_ in {"det", "poss"} and c.lower_ not in mod.negating_determiners | {"a", "an", "any"}
            for c in token.children):
        return Modality.NEGATED  # "without strikes"; "without the strike by nurses, ..." names one that was
    if token.dep_ in {"dobj", "attr"} and not _told_in_the_past(token.head) and \
            any(c.dep_ == "advcl" and _a_condition(c, mod) for c in token.head.children):
        # "has flagged more stoppages if the company does not return": what it will take ("it was the biggest
        # strike since 1984, if union figures are right" hedges a past one)
        return Modality.PLANNED
    node = token
    for _hop in range(4):
        if node.dep_ == "advcl" and _a_condition(node, mod):
            return Modality.PLANNED
        head = node.head
        if head.i == node.i or node.dep_ in {"nsubj", "nsubjpass"}:
            return None  # what its verb may do is no condition of the subject's own action
        leads_to = node.dep_ in {"dobj", "xcomp"} or (node.dep_ == "prep" and node.lower_ in mod.outcome_prepositions)
        if head.pos_ in {"VERB", "AUX"} and leads_to and _may_happen(head, mod):
            return Modality.PLANNED
        node = head
    return None


def _told_in_the_past(verb: Token) -> bool:
    """The verb is in the simple past ("staged", "was"), or in a past perfect ("had staged")."""
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had"
                                                             for c in verb.children))


def _a_condition(clause: Token, mod: ModalityWords) -> bool:
    """An "if" or "unless" clause: not "even if" (it concedes), nor "if" as "whether" (`_asks_whether`)."""
    return any(c.dep_ == "mark" and c.lower_ in mod.condition_marks and not (
        c.i > 0 and c.doc[c.i - 1].lower_ == "even") for c in clause.children) and not _asks_whether(clause.head, mod)


def _asks_whether(head: Token, mod: ModalityWords) -> bool:
    """The "if" clause hangs on a word of knowing or asking ("it was unclear if", "asked if"): "if" is
    "whether" there, no condition."""
    words = {head.lemma_.lower(), *(c.lemma_.lower() for c in head.children if c.dep_ in {"acomp", "attr"})}
    return bool(words & mod.whether_words)


def _may_happen(verb: Token, mod: ModalityWords) -> bool:
    """The verb says what may or could happen ("may", "could", "might"), not what will, what may have
    happened ("may have been"), or what could not be stopped."""
    aux = [c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return any(a in mod.future_auxiliaries and a not in mod.will_auxiliaries for a in aux) and "have" not in aux \
        and not any(c.dep_ == "neg" for c in verb.children)


def _grounds_modality(token: Token, mod: ModalityWords) -> Modality | None:
    """BACKGROUND for the action a court punishes someone for ("sentenced to three years for taking
    part in protests", "fined for organising a rally"): an earlier action named as the grounds. An
    arrest "for taking part" may be at the action itself, so only a court's verbs count."""
    node = token
    for _hop in range(5):
        head = node.head
        if head.i == node.i:
            return None
        if node.lower_ == "for" and node.dep_ == "prep" and head.lemma_.lower() in mod.punishing_verbs:
            return Modality.BACKGROUND
        if node.lower_ in ("with", "of", "to") and node.dep_ == "prep" and head.lemma_.lower() in mod.charging_words \
                and token.pos_ == "NOUN" and token.tag_ != "NNS" and token.head.i == node.i:
            return Modality.BACKGROUND  # "charged with rioting", "pleaded guilty to rioting" (the charge itself)
        node = head
    return None


def _phrase_modality(root: Token) -> Modality:
    """A phrase's modality, read at its root and at the verb it hangs on: a noun phrase ("a human
    chain", "a hunger strike") as an event noun is ("a human chain will be formed" is planned)."""
    found = _modality(root)
    mod = _lex().modality
    if found is Modality.ASSERTED and root.pos_ == "NOUN" and _subject_of_the_future(root, mod):
        return Modality.PLANNED
    verb = _light_verb(root)  # "could go on strike", "did not go on a hunger strike"
    if found is Modality.ASSERTED and verb is not None:
        if any(c.dep_ == "neg" for c in verb.children):
            return Modality.NEGATED
        if any(c.dep_ == "aux" and c.lower_ in mod.future_auxiliaries for c in verb.children):
            return Modality.PLANNED
    return found


def _light_verb(root: Token) -> Token | None:
    """The verb a phrase hangs on through a preposition or as its object ("go" of "go on strike",
    "begin" of "begin a fast unto death"), within three steps; None when there is none."""
    token = root
    for _ in range(3):
        if token.dep_ not in {"prep", "pobj", "dobj"} or token.head is token:
            return None
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def _own_modality(token: Token, mod: ModalityWords) -> Modality | None:
    """What the trigger's own words say: a negation, a future auxiliary, a planned or possible
    adjective, "will"/"would" on the verb of an event noun, or a verb that cancels it."""
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ in mod.negating_determiners):
            return Modality.NEGATED
        if child.dep_ == "aux" and child.lower_ in mod.future_auxiliaries:
            return Modality.PLANNED
    if token.dep_ == "amod" and token.lower_ in mod.planned_adjectives:
        return Modality.PLANNED
    # "a planned rally", "a rally planned at the Generalitat this week"
    if any(c.dep_ in ("amod", "acl") and (c.lower_ in mod.planned_adjectives or c.lower_ in mod.possible_adjectives)
           for c in token.children):
        return Modality.PLANNED
    if _said_to_be_likely(token, mod):
        return Modality.PLANNED  # "further strikes are likely if talks fail"
    if lemma_of(token) in _lex().triggers.nouns and _subject_of_the_future(token, mod):
        return Modality.PLANNED  # "the strike will continue until Saturday", "the march would start at noon"
    if token.head is not token and token.head.lemma_.lower() in mod.cancelling_verbs and \
            token.dep_ in {"nsubjpass", "dobj"}:
        return Modality.NEGATED  # "a strike ... was ruled out", "unions postponed the march"
    return None


def _said_to_be_likely(token: Token, mod: ModalityWords) -> bool:
    """The action is the subject of a linking verb whose predicate says it may come ("a strike is likely",
    "looks inevitable"), with no infinitive after it ("are likely to continue": under way)."""
    if token.dep_ != "nsubj" or token.head.tag_ not in ("VBZ", "VBP"):
        return False  # "the protests were inevitable, analysts said": they happened
    return any(c.dep_ == "acomp" and c.lower_ in mod.likely_adjectives and
               not any(g.dep_ == "xcomp" for g in c.children) for c in token.head.children)


def _subject_of_the_future(noun: Token, mod: ModalityWords) -> bool:
    """The noun is the subject of a verb in the future ("the march would start at noon"), not of one by
    which a verdict looks back on it ("the strike of February 18 will go down in history"); or of what it
    may do, where that is no course of an action under way ("prolonged industrial action could lead to
    shortages"; "the strike could last weeks", "could end soon" tell of one on)."""
    if noun.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = noun.head
    if any(c.dep_ == "aux" and c.lower_ in mod.will_auxiliaries for c in verb.children):
        return not _looks_back(verb, mod)
    return _may_happen(verb, mod) and verb.lemma_.lower() not in mod.under_way_verbs | mod.course_verbs


def _looks_back(verb: Token, mod: ModalityWords) -> bool:
    """"Will go down (in history)", "will be remembered": a verdict on what happened (`retrospective_verbs`)."""
    particles = [c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")]
    lemma = verb.lemma_.lower()
    return lemma in mod.retrospective_verbs or any(f"{lemma} {p}" in mod.retrospective_verbs for p in particles)


def _governed_modality(token: Token, mod: ModalityWords) -> Modality | None:
    """PLANNED when a planning verb, a plan's noun or a future auxiliary governs the trigger, up to
    four heads above it and no further than the first verb it does not complete."""
    node, hops = token, 0
    while node.head is not node and hops < 4:
        head = node.head
        if node is token and token.dep_ == "dobj" and head.lemma_.lower() in mod.under_way_verbs:
            return None  # "voted to end / continue their strike": the strike was on
        if head.lemma_.lower() in mod.planning_verbs and not (head.lemma_ in mod.past_not_planning
                                                               and head.tag_ == "VBD"):
            return Modality.PLANNED
        if head.pos_ in {"VERB", "AUX"} and (_plans_its_complement(head, node, mod) or (
                token.dep_ == "conj" and token.pos_ == "NOUN" and _in_the_future(head, mod)) or (
                token.dep_ == "pobj" and token.head.i == node.i and node.lower_ in mod.means_prepositions
                and _in_the_future(head, mod))):  # "would join that day with a new march"
            return Modality.PLANNED  # "... would hold a vigil on Saturday and a rally on Monday", however parsed
        if head.pos_ == "VERB" and node.dep_ not in {"xcomp", "prep", "pobj", "dobj", "acomp"}:
            break
        node, hops = head, hops + 1
    return None


def _in_the_future(verb: Token, mod: ModalityWords) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in mod.future_auxiliaries for c in verb.children)


def _plans_its_complement(head: Token, node: Token, mod: ModalityWords) -> bool:
    """A verb whose subject is a plan ("the plan is to strike"), or in the future with the trigger's
    phrase as its complement ("will hold a protest")."""
    if any(c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in mod.planning_nouns for c in head.children):
        return True
    return node.dep_ in {"xcomp", "dobj", "ccomp"} and _in_the_future(head, mod)


def _infinitive_modality(token: Token, mod: ModalityWords) -> Modality | None:
    """"To strike" after a verb: an attempt that happened is asserted; a plan, an attempt or an
    intent still to come is planned."""
    if token.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children):
        head = token.head
        if head.lemma_ in mod.attempt_verbs and head.tag_ in {"VBD", "VBN", "VBG"}:
            return Modality.ASSERTED  # "a crowd tried to storm the residence": the attempt happened
        if head.lemma_.lower() in mod.planning_verbs or head.lemma_ in mod.attempt_verbs | mod.intent_verbs:
            return Modality.PLANNED
    return None


def lemma_of(token: Token) -> str:
    """The token's lemma, lower-cased; a plural the tagger took for a name ("Rioters torched cars"
    after a dateline, tagged PROPN and left unlemmatised) loses its "s" when that makes a trigger."""
    lemma = token.lemma_.lower()
    trig = _lex().triggers
    if token.pos_ == "PROPN" and lemma.endswith("s") and (lemma[:-1] in trig.agents or lemma[:-1] in trig.nouns):
        return lemma[:-1]
    if token.tag_ in {"NNS", "NNPS"} and lemma not in trig.nouns and lemma not in trig.agents:
        # a plural the lemmatiser got wrong ("marches" -> "marche"): its singular by the regular endings
        word = token.lower_
        for ending, singular in (("es", ""), ("s", "")):
            if word.endswith(ending) and (stem := word[:-len(ending)] + singular) in trig.nouns:
                return stem
    return lemma


def _protesters_refuse(verb: Token, after: str) -> bool:
    """The subject of a refusal is protesters (its words carry a protest's context: "dismissed workers",
    "detained activists"), or the refusal is said to be a protest, and what is refused is not food someone
    offers ("refused food offered by")."""
    subject = [t for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
    protesting = bool({lemma_of(t) for t in subject} & patterns().protest_context) or \
        _IN_PROTEST.search(after) is not None  # "refused meals since May 3 in protest", "..., demanding release"
    return protesting and not re.match(r"\s+(?:offered|provided|given|sent|served|brought|handed)\b", after)


_IN_PROTEST = re.compile(r"\b(?:in\s+protest|demanding|to\s+(?:protest|demand))\b", re.I)  # the rest of the sentence


def _protest_context(span: Span) -> bool:
    lemmas = {lemma_of(t) for t in span}
    return bool(lemmas & patterns().protest_context)


def _event_noun_subject(verb) -> bool:
    """Whether the verb's subject (or, for "the march that occupied...", its antecedent) is an event noun."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if verb.dep_ == "relcl" and (not subjects or subjects[0].lower_ in {"that", "which"}):
        subjects = [verb.head]
    # not a date's month ("LISBON, March 27 (Reuters) - About 80 researchers occupied ...")
    # nor what the people are doing ("sixty striking nurses occupied the lobby": the nurses occupied it)
    words = {w.lemma_.lower() for s in subjects for w in s.subtree
             if w.i < verb.i and not _a_days_month(w) and not (w.dep_ == "amod" and w.tag_ == "VBG" and w.head == s)}
    trig = _lex().triggers
    return bool(words & (set(trig.nouns) | trig.event_subjects))


def _a_days_month(token: Token) -> bool:
    """A month before its day ("March 27"): a date, no event noun."""
    return token.ent_type_ == "DATE" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].like_num


def _only_speaks(token: Token) -> bool:
    """An agent noun ("protester") whose predicate is saying or feeling ("said protester X",
    "demonstrators expressed their anger") quotes or describes people; it reports no event."""
    node = token
    while node.dep_ in {"compound", "appos", "amod", "conj"} and node.head is not node:
        node = node.head
    return node.dep_ in {"nsubj", "nsubjpass"} and node.head.lemma_.lower() in _lex().modality.speech_verbs


def _hitting(verb) -> bool:
    """"Strike" as a blow: with an object, in the passive, striking back, or done by weapons or fighters."""
    children = list(verb.children)
    if any(c.dep_ in {"dobj", "nsubjpass", "auxpass"} for c in children) or any(
            c.dep_ in {"prt", "advmod"} and c.lower_ == "back" for c in children):
        return True
    subjects = {w.lemma_.lower() for c in children if c.dep_ == "nsubj" for w in c.subtree}
    senses = _lex().senses
    return bool(subjects & (senses.armed_actors | senses.weapons))


def _armed_only(span: Span) -> bool:
    """Only armed actors in the sentence (troops, militants, rebels) and no civilians acting: a
    clash or an occupation there is fighting, not unrest."""
    lemmas = {lemma_of(t) for t in span}
    return bool(lemmas & _lex().senses.armed_actors) and not lemmas & patterns().civilians


def _blocked_by_security(verb) -> bool:
    """Closed by the police, or by an accident ("a jackknifed lorry", "a landslide"): no one protests."""
    blockers = {w.lemma_.lower() for c in verb.children if c.dep_ in {"nsubj", "agent"} for w in c.subtree}
    return bool(blockers & (_lex().senses.security_actors | _lex().senses.accidental_blockers))


@cache
def _road_number() -> re.Pattern[str]:
    return re.compile(_lex().senses.road_number)


def _blocks_a_way(verb) -> bool:
    """"Blocked the Pan-American highway", "the highway was blocked by farmers": a way blocked, and
    not by the police."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    objects += [c for o in objects for c in o.conjuncts]
    numbered = _road_number()  # "blocked the A1", "the on-ramps of the A9"
    by_number = [o for o in objects if numbered.fullmatch(o.text)] + [
        g for o in objects if o.lemma_.lower() in _lex().senses.ways for c in o.children
        if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj" and numbered.fullmatch(g.text)]
    objects += [c for o in objects for c in o.children if c.dep_ == "compound"]  # "Avenida Paulista"
    return (bool(by_number) or any(o.lemma_.lower() in _lex().senses.ways for o in objects)) and \
        not _blocked_by_security(verb)


def _people_sit_on_a_way(verb: Token, span: Span) -> bool:
    """"Hundreds sat on the railway tracks", "protesters sat down on the highway": a crowd counted, or people
    in a protest, on a way itself (not "the train sat on the tracks", "the cyclist sat on the road waiting
    for an ambulance", "sat on the road safety committee")."""
    ways = _lex().senses.ways
    on_a_way = any(c.dep_ == "prep" and c.lower_ == "on" and any(g.dep_ == "pobj" and g.lemma_.lower() in ways
                                                                   for g in c.children) for c in verb.children)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not on_a_way or not subjects:
        return False
    numbers = _lex().triggers.crowd_subject_numbers
    if any(s.like_num or s.lemma_.lower() in numbers or any(c.dep_ == "nummod" for c in s.children) for s in subjects):
        return True  # "hundreds", "200 villagers": a crowd
    if any(s.tag_ in ("NNS", "NNPS") and _people_noun(s) for s in subjects):
        return True  # "villagers sat on the railway tracks": people in numbers
    return _protest_context(span) and any(_people_noun(s) or s.pos_ == "PRON" for s in subjects)


def _people_noun(noun: Token) -> bool:
    """People, not things: a participant or agent noun, or a plural that ends like one ("porters"; not
    "murals", "banners")."""
    people, word, lemma = _lex().people, noun.lower_, noun.lemma_.lower()
    return lemma in people.lemmas("participant") or lemma in _lex().triggers.agents or (
        word.endswith(tuple(people.acting_plural_endings)) and word not in people.not_acting_crowds)


def _mistagged_noun(token: Token) -> bool:
    """"the march" tagged a proper noun (the month's name): lower case, with its determiner (or its
    modifier's: "the general strike march"); or a plural that opens the sentence after a dateline,
    taken for a name ("ELDORET - Riots broke out"): the subject of a verb."""
    if token.pos_ != "PROPN":
        return False
    if token.text.islower():  # "the general strike march": the determiner may be its modifier's
        modifiers = [c for c in token.children if c.dep_ in {"compound", "amod"}]
        return any(c.dep_ in {"det", "poss"} for c in [*token.children, *(g for m in modifiers for g in m.children)])
    return token.tag_ == "NNPS" and token.dep_ in {"nsubj", "nsubjpass"} and token.head.pos_ == "VERB"


def _crowd_fills_a_space(token: Token) -> bool:
    trig = _lex().triggers
    if token.pos_ != "VERB" or token.lemma_.lower() not in trig.crowd_verbs:
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"] + [
        g for p in token.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
    return _a_crowd_acts(token) and any(o.lemma_.lower() in trig.public_spaces for o in objects)


def _a_crowd_acts(verb: Token) -> bool:
    return any(s.lemma_.lower() in patterns().crowd_subjects or s.like_num or _on_strike(s)
               for s in verb.children if s.dep_ == "nsubj")


def _crowd_moves_to_demand(token: Token) -> bool:
    """A crowd on the move whose purpose is a demand ("thousands walked to parliament to demand an
    inquiry", "some 5,000 nurses walked through the centre calling for safe staffing"); not a crowd of
    those who never protest as such (delegates, police, fans: `not_protesting_crowds`)."""
    trig = _lex().triggers
    if token.pos_ != "VERB" or token.lemma_.lower() not in trig.crowd_motion_verbs:
        return False
    subjects = [s for s in token.children if s.dep_ == "nsubj"]
    counted = any(_people_noun(s) and any(c.dep_ == "nummod" and c.like_num for c in s.children) for s in subjects)
    if any(w.lemma_.lower() in trig.not_protesting_crowds for s in subjects for w in s.subtree):
        return False
    return (counted or _a_crowd_acts(token)) and any(_a_demand(c) for c in token.children)


def _a_demand(verb: Token) -> bool:
    """A clause of purpose that demands: "to demand", "calling for" (not "calling it"), "pressing for"."""
    if verb.dep_ not in {"advcl", "xcomp"} or verb.pos_ != "VERB":
        return False
    lemma, trig = verb.lemma_.lower(), _lex().triggers
    if lemma in trig.demand_verbs:
        return True
    return lemma in trig.demand_verbs_with and any(
        c.dep_ in {"prep", "prt"} and c.lower_ in trig.demand_verbs_with[lemma] for c in verb.children)


def _on_strike(noun: Token) -> bool:
    """People the sentence calls striking ("striking teachers packed the plaza"): a crowd, whatever their trade
    (not "striking murals filled the square")."""
    return _people_noun(noun) and \
        any(c.dep_ == "amod" and c.lower_ in _lex().triggers.participle_agents for c in noun.children)


def _token_trigger(token: Token, span: Span) -> tuple[EventType, str] | None:
    if _crowd_fills_a_space(token) or _crowd_moves_to_demand(token):
        return T.DEMONSTRATION, "crowd"
    trig, senses = _lex().triggers, _lex().senses
    lemma = lemma_of(token)
    if lemma in senses.fighting_triggers and _armed_only(span):
        return None
    # "striking teachers": who they are, before any verb reading of the participle (not "missiles striking the
    # city", a participle with its object)
    if token.lower_ in trig.participle_agents and token.dep_ in {"amod", "compound"}:
        return T.STRIKE, "agent"
    if token.pos_ in {"VERB"} and lemma in trig.verbs:
        return _verb_trigger(token, span, lemma)
    if token.lower_ in trig.participle_agents and token.dep_ == "acl":
        return T.STRIKE, "agent"
    if token.pos_ in {"NOUN", "PROPN"}:
        if lemma in trig.agents:
            return None if _only_speaks(token) else (trig.agents[lemma], "agent")
        if lemma in trig.nouns and (token.pos_ == "NOUN" or _mistagged_noun(token)):
            return _noun_trigger(token, span, lemma)
    return None


def _verb_trigger(token: Token, span: Span, lemma: str) -> tuple[EventType, str] | None:
    trig, senses = _lex().triggers, _lex().senses
    if lemma in senses.blow_triggers and _hitting(token):
        return None  # "struck the building", "rockets struck", "strikes back": hitting, not a work stoppage
    if lemma in senses.occupying_verbs and _occupied_as_a_state(token, span):
        return None  # "the occupied territories", "kept every waiter occupied", "all the seats were occupied"
    if lemma in trig.needs_protest_context and not _protest_context(span) and not (
            lemma in senses.gathering_verbs and any(t.lemma_.lower() in senses.chanting_verbs for t in span)):
        return None
    if (lemma in senses.blocking_verbs and not _blocks_a_way(token)) or \
            (lemma in senses.sitting_verbs and not _people_sit_on_a_way(token, span)):
        return None
    if lemma in senses.mobilizing_verbs and any(c.dep_ in {"dobj", "nsubjpass"} for c in token.children):
        return None  # "mobilized troops", "reservists were mobilized": calling others up
    if lemma in senses.backing_verbs and _backs_someone(token):
        return None  # "unions rallied behind the rail workers": backing them
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in senses.not_a_crowd for c in token.children):
        return None  # "stocks rallied", "the dollar marched higher"
    if lemma in senses.occupying_verbs and _event_noun_subject(token):
        return None  # "the march occupied the avenue": the march's own event, not an occupation
    if lemma in senses.throwing_verbs and not any(c.lemma_.lower() in senses.projectiles for c in token.subtree):
        return None
    return trig.verbs[lemma], "verb"


def _occupied_as_a_state(verb: Token, span: Span) -> bool:
    """"Occupied" that says how a thing is, not that someone took it: a modifier ("the occupied
    territories"), a complement ("keeps them occupied"), or a passive with no one who occupied and no
    protest and no day in the sentence ("all the seats were occupied"; "the ministry was occupied by
    students" and "the factory was occupied on Monday" are occupations)."""
    if verb.dep_ in {"amod", "compound", "oprd", "acomp"}:
        return True
    by_someone = any(c.dep_ == "agent" for c in verb.children)
    taken = {"nsubjpass", "dobj", "agent", "aux", "auxpass"}  # what a report that someone took it has
    if verb.tag_ == "VBN" and not any(c.dep_ in taken for c in verb.children):
        return True  # "kept every waiter occupied" ("the buildings occupied by students" is one)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
    dated = any(t.ent_type_ == "DATE" for t in verb.subtree)  # "the factory was occupied on Monday": taken
    return passive and not by_someone and not dated and not _protest_context(span)


def _backs_someone(verb: Token) -> bool:
    """"Rallied behind the strikers", "behind Fenprof": backing people, not a crowd in the street
    ("rallied behind a banner" is one)."""
    lex = _lex()
    people = {n.lemma for n in lex.people.nouns} | lex.senses.civilian_groups
    return any(obj.dep_ == "pobj" and (obj.ent_type_ in {"PERSON", "ORG", "NORP"} or obj.pos_ == "PROPN"
                                       or obj.lemma_.lower() in people)
               for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in lex.senses.backing_preps
               for obj in prep.children)


def _noun_trigger(token: Token, span: Span, lemma: str) -> tuple[EventType, str] | None:
    senses = _lex().senses
    if token.dep_ in {"compound", "amod"} or _is_riot_police(token):
        return None
    if lemma in _lex().triggers.needs_protest_context and not _protest_context(span):
        return None
    if lemma in senses.mobilizing_nouns and any(lemma_of(t) in senses.not_a_crowds_mobilization
                                                for t in token.subtree):
        return None
    if lemma in senses.blow_triggers and token.dep_ == "nsubj" and token.head.lemma_.lower() in senses.hit_verbs \
            and not _a_stoppage(token, senses):
        return None  # "strikes hit a hospital" (but "a general strike hit Belgium")
    if lemma in senses.blow_triggers and any(c.lemma_.lower() in senses.weapons | senses.military
                                             for c in token.children):
        return None
    return _lex().triggers.nouns[lemma], "noun"


def _a_stoppage(token: Token, senses) -> bool:  # noqa: ANN001 - the lexicon's senses
    """The strike's own words make it a stoppage ("a general strike", "a 24-hour strike", "the
    teachers' strike")."""
    people = {n.lemma for n in _lex().people.nouns}
    for c in token.children:
        if c.dep_ not in {"amod", "compound", "poss", "nummod", "npadvmod"}:
            continue
        words = {c.lemma_.lower(), *c.lower_.split("-")}
        if words & senses.labour_modifiers or c.lemma_.lower() in people:
            return True
    return False


def _future_action(token: Token) -> bool:
    """The trigger, or the verb that governs an event noun, is in its base form ("to protest")."""
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head
    return verb.tag_ == "VB"


def find_triggers(span: Span) -> list[Trigger]:
    """Triggers in one spaCy sentence span, with their type and modality."""
    triggers = _triggers(span)
    if patterns().future_time.search(span.text):
        triggers = [Trigger(t.type, t.start, t.end, t.text, t.kind, t.token_index, Modality.PLANNED)
                    if t.modality is Modality.ASSERTED and _future_action(span[t.token_index]) else t
                    for t in triggers]
    return triggers


def _triggers(span: Span) -> list[Trigger]:
    triggers, covered = _phrase_triggers(span)
    found = triggers + _token_triggers(span, covered)
    return sorted((t for t in found if not _only_a_purpose(span, t, found)), key=lambda t: t.start)


def _only_a_purpose(span: Span, trigger: Trigger, triggers: list[Trigger]) -> bool:
    """An event word that gives another action's purpose ("went on strike in protest at the freeze",
    "walked off the job to protest the rules", "struck, protesting against cuts"), beside a trigger
    of another type: that action is the event, the protest its reason."""
    if not any(t.type is not trigger.type for t in triggers):
        return False
    token = span[trigger.token_index]
    words = _lex().triggers
    if trigger.kind == "noun":
        return token.dep_ == "pobj" and f"{token.head.lower_} {token.lower_}" in words.purpose_phrases
    if trigger.kind != "verb" or token.dep_ not in {"advcl", "xcomp"}:
        return False
    if token.lemma_.lower() not in words.purpose_verbs:
        return False
    clause = token.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    reason = any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in words.purpose_prepositions)
                 for c in token.children)
    return clause and reason


def _phrase_triggers(span: Span) -> tuple[list[Trigger], set[int]]:
    """The trigger phrases of the sentence ("went on strike"), and the characters they cover."""
    triggers: list[Trigger] = []
    lower = span.text.lower()
    covered: set[int] = set()
    found = patterns()
    walkouts = _lex().triggers.walkout_phrases
    for phrase, etype in _lex().triggers.phrases.items():
        if phrase not in lower:
            continue
        for m in found.phrases[phrase].finditer(lower):
            at = m.start()
            if phrase in walkouts and found.leaving_a_room.match(lower[m.end():]):
                continue  # "walked out of parliament / the talks": leaving a room in protest, not a strike
            first_word = span.char_span(at, at + len(phrase.split()[0]), alignment_mode="expand")
            if first_word is None or not len(first_word):
                continue
            head = first_word[0]
            if etype is T.BLOCKADE and _blocked_by_security(head):
                continue  # "police blocked the road": closed, not blockaded
            if phrase in _lex().triggers.context_phrases and not _protesters_refuse(head, lower[m.end():]):
                continue  # "the patient refused food", "refused food offered by the company": no protest
            words = span.char_span(at, at + len(phrase), alignment_mode="expand")
            root = words.root if words is not None and len(words) else head  # "strike" of "hunger strike"
            # to the end of its last word: "hunger strike" in "the hunger strikers" is the whole noun
            end = words[-1].idx + len(words[-1]) - span.start_char if words is not None and len(words) else \
                at + len(phrase)
            if any(t.start == at and t.end == end for t in triggers):
                continue  # one word, two phrases ("hunger-striker" and "hunger-strike")
            triggers.append(Trigger(etype, at, end, span.text[at:end], "phrase", head.i - span.start,
                                    _phrase_modality(root)))
            covered.update(range(at, end))
    return triggers, covered


def _token_triggers(span: Span, covered: set[int]) -> list[Trigger]:
    """The one-word triggers of the sentence outside the phrases found."""
    triggers: list[Trigger] = []
    base = span.start_char
    for token in span:
        if token.idx - base in covered:
            continue
        reading = _token_trigger(token, span)
        if reading is None:
            continue
        if token.lower_ in _lex().senses.never_before_blocking_heads and _is_riot_police(token):
            continue
        etype, kind = reading
        start = token.idx - base
        triggers.append(Trigger(etype, start, start + len(token.text), token.text, kind, token.i - span.start,
                                _modality(token)))
    return triggers


def chosen_triggers(triggers: list[Trigger], support: Callable[[], Trigger | None]) -> list[Trigger]:
    """The triggers that stand for a sentence's events, one per type; with none asserted, its calls,
    plans or negations (kept as such, never events); with no trigger at all, a supporting report
    (`support`: a crackdown, arrests, a turnout), whatever the language's words for it."""
    chosen = sentence_types(triggers)
    if not chosen and triggers:
        by_type = {t.type: t for t in reversed(triggers) if t.modality is not Modality.ASSERTED}
        chosen = list(by_type.values())
    if not chosen:
        found = support()
        chosen = [found] if found else []
    return chosen


def support_trigger(match: re.Match[str] | None, span: Span) -> Trigger | None:
    """The supporting report a crackdown or turnout word found in the sentence (`match`) makes."""
    if not match:
        return None
    token = span.char_span(match.start(), match.end(), alignment_mode="expand")
    index = token[0].i - span.start if token is not None and len(token) else 0
    return Trigger(EventType.DEMONSTRATION, match.start(), match.end(), match.group(0), "support", index,
                   Modality.ASSERTED)


def sentence_types(triggers: list[Trigger]) -> list[Trigger]:
    """The asserted triggers that stand for this sentence's events, one per type.

    A riot absorbs a demonstration (violent protest is coded as riot) and a hunger strike absorbs
    a strike; an agent noun alone ("protesters") reports the event it belongs to.
    """
    asserted = [t for t in triggers if t.modality is Modality.ASSERTED]
    by_type: dict[EventType, Trigger] = {}
    rank = {"crowd": 0, "agent": 1}  # a crowd filling a square, then a participant noun, yield to any other trigger
    for trig in asserted:
        current = by_type.get(trig.type)
        if current is None or rank.get(current.kind, 2) < rank.get(trig.kind, 2):
            by_type[trig.type] = trig
    if T.HUNGER_STRIKE in by_type:
        by_type.pop(T.STRIKE, None)
    if T.RIOT in by_type and T.DEMONSTRATION in by_type:
        by_type.pop(T.DEMONSTRATION)
    demonstration = by_type.get(T.DEMONSTRATION)
    if demonstration is not None and demonstration.kind in rank and any(
            t.kind not in rank for t in by_type.values() if t.type is not T.DEMONSTRATION):
        by_type.pop(T.DEMONSTRATION)  # "protesters blocked roads": they did the blockade, not a second event
    return list(by_type.values())


@cache
def _generic_actions() -> re.Pattern[str]:
    stems = "|".join(re.escape(w) for code in available() for w in lexicon(code).events.generic_actions)
    return re.compile(rf"(?:{stems or '(?!)'})\w*", re.I)


def names_any_kind_of_action(text: str) -> bool:
    """A noun that names any kind of action ("protest", "акция"), whichever form the sentence gives it."""
    words = text.split()
    return bool(words) and _generic_actions().fullmatch(words[-1]) is not None


def _surface_stem(lemma: str) -> str:
    """A regex prefix that every inflected form of a lemma begins with (rally -> rall(y|i), strike -> strik)."""
    if lemma.endswith("y"):
        return re.escape(lemma[:-1]) + "(?:y|i)"
    if lemma.endswith("e"):
        return re.escape(lemma[:-1])
    return re.escape(lemma)


def _candidate_pattern(trig: Triggers) -> re.Pattern[str]:
    """Text without any of these cannot hold a trigger or a supporting report: the fast path skips
    the full parse for it. Built from the trigger tables, so it stays a superset of what they find."""
    lemmas = set(trig.verbs) | set(trig.nouns) | set(trig.agents)
    alternatives = {_surface_stem(lemma) for lemma in lemmas}
    alternatives |= {re.escape(form) for lemma in lemmas for form in trig.irregular_forms.get(lemma, ())}
    words = "|".join(sorted(alternatives, key=len, reverse=True))
    phrases = "|".join(re.escape(p) for p in sorted(trig.phrases, key=len, reverse=True))
    # Phrases are found as substrings (as find_triggers does), so they get no word boundary.
    return re.compile(rf"\b(?:{words})|{phrases}", re.I)


def is_candidate_paragraph(text: str) -> bool:
    """Whether a paragraph of a candidate article needs the full parse: a trigger, crackdown or
    turnout word, or a verb of a crowd filling a space."""
    return is_candidate(text) or bool(patterns().crowd.search(text))


def is_candidate(text: str) -> bool:
    """Cheap test: could this text report an event (a trigger, crackdown or turnout word in any form)?"""
    found = patterns()
    return bool(found.candidate.search(text) or found.support.search(text) or found.turnout.search(text))

