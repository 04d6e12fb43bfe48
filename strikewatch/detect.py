"""Detection: is this sentence a report of a protest or strike event, of which type, and did it happen?

Triggers are words (by lemma) that name contentious action: verbs ("marched", "walked out"),
event nouns ("protest", "strike"), and the people taking part ("protesters", "striking workers").
A trigger governed by a call, plan, threat or a future auxiliary is PLANNED; a negated one is
NEGATED: neither becomes an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from strikewatch.model import EventType, Modality

if TYPE_CHECKING:  # spaCy loads only when a model is first needed (nlp.load_nlp)
    from spacy.tokens import Span, Token

T = EventType
# lemma -> type, for verbs
VERB_TRIGGERS: dict[str, EventType] = {
    "protest": T.DEMONSTRATION, "rally": T.DEMONSTRATION, "march": T.DEMONSTRATION,
    "demonstrate": T.DEMONSTRATION, "chant": T.DEMONSTRATION, "boo": T.DEMONSTRATION,
    "heckle": T.DEMONSTRATION, "picket": T.STRIKE, "strike": T.STRIKE, "occupy": T.OCCUPATION,
    "blockade": T.BLOCKADE, "barricade": T.BLOCKADE, "boycott": T.BOYCOTT, "riot": T.RIOT,
    "loot": T.RIOT, "vandalise": T.RIOT, "vandalize": T.RIOT, "torch": T.RIOT, "storm": T.RIOT,
    "clash": T.RIOT, "hurl": T.RIOT, "pelt": T.RIOT, "throw": T.RIOT, "gather": T.DEMONSTRATION,
    "assemble": T.DEMONSTRATION, "lynch": T.RIOT, "block": T.BLOCKADE, "ransack": T.RIOT, "camp": T.OCCUPATION,
    "mobilize": T.DEMONSTRATION, "mobilise": T.DEMONSTRATION,  # "thousands mobilized in front of Congress"
}
# lemma -> type, for event nouns
NOUN_TRIGGERS: dict[str, EventType] = {
    "protest": T.DEMONSTRATION, "demonstration": T.DEMONSTRATION, "rally": T.DEMONSTRATION,
    "march": T.DEMONSTRATION, "vigil": T.DEMONSTRATION, "gathering": T.DEMONSTRATION,
    "strike": T.STRIKE, "walkout": T.STRIKE, "stoppage": T.STRIKE, "picket": T.STRIKE, "shutdown": T.STRIKE,
    "blockade": T.BLOCKADE, "occupation": T.OCCUPATION, "encampment": T.OCCUPATION, "riot": T.RIOT,
    "clash": T.RIOT, "unrest": T.DEMONSTRATION, "boycott": T.BOYCOTT, "parade": T.DEMONSTRATION,
    "uprising": T.DEMONSTRATION, "mobilization": T.DEMONSTRATION, "mobilisation": T.DEMONSTRATION,
    # South Asian English: a sit-in protest, a general shutdown
    "dharna": T.DEMONSTRATION, "bandh": T.STRIKE, "hartal": T.STRIKE,
}
# lemma -> type, for the people taking part
AGENT_TRIGGERS: dict[str, EventType] = {
    "protester": T.DEMONSTRATION, "protestor": T.DEMONSTRATION, "demonstrator": T.DEMONSTRATION,
    "marcher": T.DEMONSTRATION, "striker": T.STRIKE, "rioter": T.RIOT, "picketer": T.STRIKE,
    "mob": T.RIOT,  # mob violence is a riot (ACLED)
}
# Multi-word expressions, matched on lower-cased text: phrase -> type
PHRASE_TRIGGERS: dict[str, EventType] = {
    "took to the streets": T.DEMONSTRATION, "take to the streets": T.DEMONSTRATION,
    "taken to the streets": T.DEMONSTRATION, "took to streets": T.DEMONSTRATION,
    "walked out": T.STRIKE, "walk out": T.STRIKE, "walked off the job": T.STRIKE, "walk off the job": T.STRIKE,
    "walking off the job": T.STRIKE, "downed tools": T.STRIKE, "down tools": T.STRIKE,
    "stopped work": T.STRIKE, "stop work": T.STRIKE, "refusing to work": T.STRIKE, "refused to work": T.STRIKE,
    "refused to resume work": T.STRIKE, "industrial action": T.STRIKE, "picket line": T.STRIKE,
    "on strike": T.STRIKE, "hunger strike": T.HUNGER_STRIKE, "hunger-strike": T.HUNGER_STRIKE,
    "shouted down": T.DEMONSTRATION, "blocked roads": T.BLOCKADE, "blocked the road": T.BLOCKADE,
    "blocked a road": T.BLOCKADE, "blocked vehicles": T.BLOCKADE, "blocked traffic": T.BLOCKADE,
    "blocked the highway": T.BLOCKADE, "protest camp": T.OCCUPATION, "threw stones": T.RIOT,
    "hurled stones": T.RIOT, "set fire": T.RIOT, "civil disobedience": T.STRIKE,
    "fast unto death": T.HUNGER_STRIKE, "indefinite fast": T.HUNGER_STRIKE,
    # "sit-in" is three tokens to spaCy, so it is a phrase, not a noun
    "sit-in": T.OCCUPATION, "sit-down strike": T.OCCUPATION,
    # the cacerolazo: a crowd banging pots and pans
    "banged pots": T.DEMONSTRATION, "banging pots": T.DEMONSTRATION, "bang pots": T.DEMONSTRATION,
    "cacerolazo": T.DEMONSTRATION,
    # South Asian English: encircling officials, road and rail blockades
    "gherao": T.DEMONSTRATION, "rasta roko": T.BLOCKADE, "rail roko": T.BLOCKADE, "chakka jam": T.BLOCKADE,
}
# What one walks out of in protest without striking: a meeting, a body, a room ("walked out of
# public hospitals" is a strike).
_LEAVING_A_ROOM = re.compile(r"\s+of\s+(?:the\s+|a\s+|an\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:parliament|"
                             r"talks|negotiations?|meetings?|sessions?|chamber|hall|room|summit|conference|hearing|"
                             r"court(?:room)?|debate|assembly|council|ceremony|studio|interview|senate|congress|house|"
                             r"cabinet|committee|vote|speech|event|press)\b")
# Whole words only, the last one possibly inflected: "protest camps", not "protest campaign".
_PHRASE_PATTERNS = {p: re.compile(rf"(?<!\w){re.escape(p)}(?:s|es|ed|ing)?(?!\w)") for p in PHRASE_TRIGGERS}
# Words that block a trigger reading when they follow it ("riot police", "protest movement").
NOT_EVENT_HEADS = {
    "police", "gear", "squad", "control", "shield", "shields", "movement", "group", "groups", "leader",
    "leaders", "organizer", "organiser", "flag", "flags", "song", "songs", "vote", "votes", "law", "laws",
    "ban", "act", "unit", "units", "site", "sites", "symbol", "slogan", "slogans", "placard", "placards",
    "fund", "action", "note", "letter", "officer", "officers", "troops", "vehicle", "vehicles", "van",
}
# Verbs that make a governed trigger a call, plan or threat rather than a report.
PLANNING_LEMMAS = {
    "call", "urge", "threaten", "vow", "plan", "intend", "prepare", "ask", "appeal", "announce",
    "pledge", "promise", "propose", "consider", "invite", "encourage", "demand", "warn", "schedule",
    "ban", "prohibit", "decide", "aim", "hope", "want", "seek", "allow", "permit", "approve", "expect",
}
# Saying, thinking and feeling: what people do in quotes and descriptions rather than at an event.
SPEECH_LEMMAS = {
    "say", "tell", "express", "describe", "explain", "add", "believe", "think", "feel", "fear", "hope", "argue",
    "claim", "insist", "note", "recall", "admit", "acknowledge", "complain", "accuse", "wonder", "worry", "ask",
}
# Verbs that say the action did not happen ("the strike was called off / ruled out / averted").
CANCELLING_LEMMAS = {"cancel", "postpone", "avert", "prevent", "rule", "abandon", "scrap", "defer"}
PLANNING_NOUNS = {"call", "plan", "appeal", "threat", "ultimatum", "proposal", "rumour", "rumor", "demand"}
FUTURE_AUX = {"will", "would", "shall", "'ll", "may", "might", "could", "should", "must"}
WILL_AUX = {"will", "would", "shall", "'ll"}  # the future itself, not what may happen
# Words that report a crackdown or casualties: a sentence with one and no trigger supports an event.
SUPPORT_PATTERN = re.compile(r"\b(?:detain|arrest|shot|killed|injured|wounded|cracked down|crackdown|disperse|"
                             r"tear[- ]?gas|water cannon|rubber bullets|baton)", re.I)
# Words that say how many took part: with a crowd size and no trigger ("the union said 3.5 million
# took part; the ministry put the figure at 1.28 million"), a sentence gives an event's size.
# ("Attended" is not one: thousands attend funerals and press conferences too.)
TURNOUT_PATTERN = re.compile(r"\b(?:took part|take part|taking part|turned out|turnout|participated|"
                             r"put (?:the|its|their) (?:figure|number|turnout|count|estimate|crowd)|"
                             r"estimated the crowd)\b", re.I)
# Past forms a trigger lemma's stem does not begin ("struck" is a form of strike).
_IRREGULAR_FORMS = {"strike": ("struck",), "throw": ("threw", "thrown")}
# What a crowd throws ("hurled stones"), as against grenades.
PROJECTILES = {"stone", "rock", "bottle", "brick", "object", "petrol", "molotov", "egg", "missile", "debris",
               "firecracker", "firework"}
# What strikes a target when "strike" means a blow.
WEAPONS = {"rocket", "missile", "bomb", "bomber", "shell", "drone", "plane", "warplane", "jet", "airstrike", "strike",
           "grenade", "mortar", "artillery", "lightning", "earthquake", "storm", "quake"}
MILITARY = {"air", "military", "naval", "nuclear", "retaliatory", "preemptive"}  # "air strikes", "military strikes"
HIT_LEMMAS = {"hit", "strike", "kill", "target", "destroy", "pound", "wound", "damage", "injure", "level"}
# Fighters, and the civilians whose presence makes a clash unrest rather than fighting.
ARMED_ACTORS = {"militant", "rebel", "troop", "soldier", "army", "fighter", "insurgent", "gunman", "jihadist",
                "militia", "force", "terrorist", "combatant", "bandit", "bomber", "attacker", "assailant"}
CIVILIAN_ACTORS = {"worker", "student", "farmer", "activist", "supporter", "crowd", "resident", "villager", "youth",
                   "employee", "teacher", "nurse", "doctor", "union", "mob", "protest", "demonstration", "rally"}
# Subjects that rally or march in business, weather, sports and war news ("stocks rallied", "the
# dollar marched higher", "the army marched into the city"): never a protesting crowd.
NOT_A_CROWD = {"stock", "share", "market", "index", "price", "dollar", "euro", "yen", "pound", "currency",
                      "bond", "yield", "oil", "gold", "bitcoin", "equity", "future", "rupee", "peso", "rouble",
                      "ruble", "yuan", "franc", "commodity", "crude", "lightning", "storm", "earthquake", "virus",
                      "inflation", "sale", "export", "import", "economy", "asset", "team", "army", "troop"}
# What a blockade blocks ("truckers blocked the Pan-American highway"), as against "blocked a bill".
WAYS = {"road", "highway", "street", "motorway", "expressway", "freeway", "bridge", "railway", "rail", "track",
        "junction", "intersection", "entrance", "access", "traffic", "route", "port", "border", "crossing",
        "avenue", "boulevard", "lane", "gate", "artery", "thoroughfare", "roadway", "tunnel", "terminal"}
# Who blocks a road without protesting: police and troops close it.
SECURITY_ACTORS = {"police", "officer", "policeman", "authority", "force", "troop", "army", "soldier", "government",
                   "military", "guard"}
# lemma of verbs whose subject must be people acting for "gather", "assemble", "throw" etc.
NEEDS_PROTEST_CONTEXT = {"gather", "assemble", "throw", "hurl", "storm", "clash", "chant", "torch", "loot", "ransack",
                         "camp", "mobilize", "mobilise", "mobilization", "mobilisation"}
# Calling up an army, or gathering votes and money, is no protest.
_NOT_A_CROWDS_MOBILIZATION = {"military", "partial", "troop", "army", "reservist", "war", "resource", "fund",
                              "vote", "voter", "economy", "wartime"}


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
    return nxt is not None and nxt.lower_ in NOT_EVENT_HEADS


def _modality(token: Token) -> Modality:
    """PLANNED when a call/plan/threat governs the trigger or it is in the future; NEGATED when negated."""
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):  # "there were no clashes"
            return Modality.NEGATED
        if child.dep_ == "aux" and child.lower_ in FUTURE_AUX:
            return Modality.PLANNED
    if token.dep_ == "amod" and token.lower_ in {"planned", "proposed", "scheduled", "upcoming", "threatened"}:
        return Modality.PLANNED
    for child in token.children:
        if child.dep_ == "amod" and child.lower_ in {"planned", "proposed", "scheduled", "upcoming", "possible",
                                                      "threatened", "general", "nationwide", "indefinite"}:
            if child.lower_ in {"planned", "proposed", "scheduled", "upcoming", "possible", "threatened"}:
                return Modality.PLANNED
    if lemma_of(token) in NOUN_TRIGGERS and token.dep_ in {"nsubj", "nsubjpass"} and any(
            c.dep_ == "aux" and c.lower_ in WILL_AUX for c in token.head.children):
        return Modality.PLANNED  # "the strike will continue until Saturday", "the march would start at noon"
    if token.head is not token and token.head.lemma_.lower() in CANCELLING_LEMMAS and \
            token.dep_ in {"nsubjpass", "dobj"}:
        return Modality.NEGATED  # "a strike ... was ruled out", "unions postponed the march"
    node, hops = token, 0
    while node.head is not node and hops < 4:
        head = node.head
        if head.lemma_.lower() in PLANNING_LEMMAS and not (head.lemma_ == "plan" and head.tag_ == "VBD"):
            return Modality.PLANNED
        if head.pos_ in {"VERB", "AUX"}:
            if any(c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in PLANNING_NOUNS for c in head.children):
                return Modality.PLANNED
            for child in head.children:
                if child.dep_ == "aux" and child.lower_ in FUTURE_AUX and node.dep_ in {"xcomp", "dobj", "ccomp"}:
                    return Modality.PLANNED
        if head.pos_ == "VERB" and node.dep_ not in {"xcomp", "prep", "pobj", "dobj", "acomp"}:
            break
        node, hops = head, hops + 1
    if token.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children):
        head = token.head
        if head.lemma_ in {"try", "attempt"} and head.tag_ in {"VBD", "VBN", "VBG"}:
            return Modality.ASSERTED  # "a crowd tried to storm the residence": the attempt happened
        if head.lemma_.lower() in PLANNING_LEMMAS or head.lemma_ in {"try", "attempt", "want", "go"}:
            return Modality.PLANNED
    return Modality.ASSERTED


def lemma_of(token: Token) -> str:
    """The token's lemma, lower-cased; a plural the tagger took for a name ("Rioters torched cars"
    after a dateline, tagged PROPN and left unlemmatised) loses its "s" when that makes a trigger."""
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and lemma.endswith("s") and (lemma[:-1] in AGENT_TRIGGERS or lemma[:-1] in NOUN_TRIGGERS):
        return lemma[:-1]
    return lemma


def _protest_context(span: Span) -> bool:
    lemmas = {lemma_of(t) for t in span}
    context = (set(AGENT_TRIGGERS) | set(NOUN_TRIGGERS)) - NEEDS_PROTEST_CONTEXT  # a word is not its own context
    return bool(lemmas & (context | {"worker", "crowd", "police", "supporter", "farmer", "student", "activist",
                                     "people", "union"}))


def _event_noun_subject(verb) -> bool:
    """Whether the verb's subject (or, for "the march that occupied...", its antecedent) is an event noun."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if verb.dep_ == "relcl" and (not subjects or subjects[0].lower_ in {"that", "which"}):
        subjects = [verb.head]
    words = {w.lemma_.lower() for s in subjects for w in s.subtree if w.i < verb.i}
    return bool(words & (set(NOUN_TRIGGERS) | {"procession", "column", "crowd", "convoy"}))


def _only_speaks(token: Token) -> bool:
    """An agent noun ("protester") whose predicate is saying or feeling ("said protester X",
    "demonstrators expressed their anger") quotes or describes people; it reports no event."""
    node = token
    while node.dep_ in {"compound", "appos", "amod", "conj"} and node.head is not node:
        node = node.head
    return node.dep_ in {"nsubj", "nsubjpass"} and node.head.lemma_.lower() in SPEECH_LEMMAS


def _hitting(verb) -> bool:
    """"Strike" as a blow: with an object, in the passive, striking back, or done by weapons or fighters."""
    children = list(verb.children)
    if any(c.dep_ in {"dobj", "nsubjpass", "auxpass"} for c in children) or any(
            c.dep_ in {"prt", "advmod"} and c.lower_ == "back" for c in children):
        return True
    subjects = {w.lemma_.lower() for c in children if c.dep_ == "nsubj" for w in c.subtree}
    return bool(subjects & (ARMED_ACTORS | WEAPONS))


def _armed_only(span: Span) -> bool:
    """Only armed actors in the sentence (troops, militants, rebels) and no civilians acting: a
    clash or an occupation there is fighting, not unrest."""
    lemmas = {lemma_of(t) for t in span}
    return bool(lemmas & ARMED_ACTORS) and not lemmas & (set(AGENT_TRIGGERS) | CIVILIAN_ACTORS)


def _blocked_by_security(verb) -> bool:
    blockers = {w.lemma_.lower() for c in verb.children if c.dep_ in {"nsubj", "agent"} for w in c.subtree}
    return bool(blockers & SECURITY_ACTORS)


def _blocks_a_way(verb) -> bool:
    """"Blocked the Pan-American highway", "the highway was blocked by farmers": a way blocked, and
    not by the police."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    objects += [c for o in objects for c in o.conjuncts]
    return any(o.lemma_.lower() in WAYS for o in objects) and not _blocked_by_security(verb)


def _mistagged_noun(token: Token) -> bool:
    """"the march" tagged a proper noun (the month's name): lower case, with its determiner."""
    return token.pos_ == "PROPN" and token.text.islower() and any(
        c.dep_ in {"det", "poss"} for c in token.children)


# A crowd filling a public space ("40,000 people filled the main square"): in a report of protests,
# the day's demonstration even with no protest word in the sentence (`extract` keeps it only there).
CROWD_VERBS = {"fill", "pack", "throng", "flood", "jam", "crowd", "overflow"}
PUBLIC_SPACES = {"square", "street", "avenue", "boulevard", "plaza", "park", "centre", "center", "road", "esplanade",
                 "maidan", "roundabout", "bridge"}
_CROWD_NOUNS = {"people", "person", "crowd", "resident", "citizen", "supporter", "protester", "demonstrator",
                "worker", "student", "thousand", "hundred", "dozen", "million", "tens"}


def _crowd_fills_a_space(token: Token) -> bool:
    if token.pos_ != "VERB" or token.lemma_.lower() not in CROWD_VERBS:
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    objects = [c for c in token.children if c.dep_ == "dobj"] + [
        g for p in token.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
    return any(s.lemma_.lower() in _CROWD_NOUNS or s.like_num for s in subjects) and \
        any(o.lemma_.lower() in PUBLIC_SPACES for o in objects)


def _token_trigger(token: Token, span: Span) -> tuple[EventType, str] | None:
    if _crowd_fills_a_space(token):
        return T.DEMONSTRATION, "crowd"
    lemma = lemma_of(token)
    if lemma in {"clash", "occupy", "occupation", "storm", "mobilize", "mobilise", "mobilization",
                 "mobilisation"} and _armed_only(span):
        return None
    if token.pos_ in {"VERB"} and lemma in VERB_TRIGGERS:
        if lemma == "strike" and _hitting(token):
            return None  # "struck the building", "rockets struck", "strikes back": hitting, not a work stoppage
        if lemma == "occupy" and token.dep_ in {"amod", "compound"}:
            return None  # "the occupied territories"
        if lemma in NEEDS_PROTEST_CONTEXT and not _protest_context(span) and not (
                lemma in {"gather", "assemble"} and any(t.lemma_.lower() == "chant" for t in span)):
            return None
        if lemma == "block" and not _blocks_a_way(token):
            return None
        if lemma in {"mobilize", "mobilise"} and any(c.dep_ in {"dobj", "nsubjpass"} for c in token.children):
            return None  # "mobilized troops", "reservists were mobilized": calling others up
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in NOT_A_CROWD for c in token.children):
            return None  # "stocks rallied", "the dollar marched higher"
        if lemma == "occupy" and _event_noun_subject(token):
            return None  # "the march occupied the avenue": the march's own event, not an occupation
        if lemma in {"throw", "hurl", "pelt"} and not any(c.lemma_.lower() in PROJECTILES for c in token.subtree):
            return None
        return VERB_TRIGGERS[lemma], "verb"
    if token.lower_ == "striking" and token.dep_ in {"amod", "compound", "acl"}:
        return T.STRIKE, "agent"
    if token.pos_ in {"NOUN", "PROPN"}:
        if lemma in AGENT_TRIGGERS:
            return None if _only_speaks(token) else (AGENT_TRIGGERS[lemma], "agent")
        if lemma in NOUN_TRIGGERS and (token.pos_ == "NOUN" or _mistagged_noun(token)):
            if token.dep_ in {"compound", "amod"} or _is_riot_police(token):
                return None
            if lemma in NEEDS_PROTEST_CONTEXT and not _protest_context(span):
                return None
            if lemma in {"mobilization", "mobilisation"} and any(
                    lemma_of(t) in _NOT_A_CROWDS_MOBILIZATION for t in token.subtree):
                return None
            if lemma == "strike" and token.dep_ == "nsubj" and token.head.lemma_.lower() in HIT_LEMMAS:
                return None  # "strikes hit a hospital"
            if lemma == "strike" and any(c.lemma_.lower() in WEAPONS | MILITARY for c in token.children):
                return None
            return NOUN_TRIGGERS[lemma], "noun"
    return None


# A time still to come: with the action in its base form ("farmers plan to drive tractors into
# Warsaw next week to protest"), the sentence reports a plan.
_FUTURE_TIME = re.compile(r"\b(?:next|coming)\s+(?:week|weekend|month|year|monday|tuesday|wednesday|thursday|friday|"
                          r"saturday|sunday)\b|\btomorrow\b|\blater this (?:week|month)\b", re.I)


def _future_action(token: Token) -> bool:
    """The trigger, or the verb that governs an event noun, is in its base form ("to protest")."""
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head
    return verb.tag_ == "VB"


def find_triggers(span: Span) -> list[Trigger]:
    """Triggers in one spaCy sentence span, with their type and modality."""
    triggers = _triggers(span)
    if _FUTURE_TIME.search(span.text):
        triggers = [Trigger(t.type, t.start, t.end, t.text, t.kind, t.token_index, Modality.PLANNED)
                    if t.modality is Modality.ASSERTED and _future_action(span[t.token_index]) else t
                    for t in triggers]
    return triggers


def _triggers(span: Span) -> list[Trigger]:
    triggers: list[Trigger] = []
    base = span.start_char
    lower = span.text.lower()
    covered: set[int] = set()
    for phrase, etype in PHRASE_TRIGGERS.items():
        if phrase not in lower:
            continue
        for m in _PHRASE_PATTERNS[phrase].finditer(lower):
            at = m.start()
            if phrase.endswith(" out") and _LEAVING_A_ROOM.match(lower[m.end():]):
                continue  # "walked out of parliament / the talks": leaving a room in protest, not a strike
            first_word = span.char_span(at, at + len(phrase.split()[0]), alignment_mode="expand")
            if first_word is not None and len(first_word):
                head = first_word[0]
                if etype is T.BLOCKADE and _blocked_by_security(head):
                    continue  # "police blocked the road": closed, not blockaded
                triggers.append(Trigger(etype, at, at + len(phrase), span.text[at:at + len(phrase)], "phrase",
                                        head.i - span.start, _modality(head)))
                covered.update(range(at, at + len(phrase)))
    for token in span:
        if token.idx - base in covered:
            continue
        found = _token_trigger(token, span)
        if found is None:
            continue
        if token.lower_ == "riot" and _is_riot_police(token):
            continue
        etype, kind = found
        start = token.idx - base
        triggers.append(Trigger(etype, start, start + len(token.text), token.text, kind, token.i - span.start,
                                _modality(token)))
    return sorted(triggers, key=lambda t: t.start)


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


def _surface_stem(lemma: str) -> str:
    """A regex prefix that every inflected form of a lemma begins with (rally -> rall(y|i), strike -> strik)."""
    if lemma.endswith("y"):
        return re.escape(lemma[:-1]) + "(?:y|i)"
    if lemma.endswith("e"):
        return re.escape(lemma[:-1])
    return re.escape(lemma)


def _candidate_pattern() -> re.Pattern[str]:
    lemmas = set(VERB_TRIGGERS) | set(NOUN_TRIGGERS) | set(AGENT_TRIGGERS)
    alternatives = {_surface_stem(lemma) for lemma in lemmas}
    alternatives |= {re.escape(form) for lemma in lemmas for form in _IRREGULAR_FORMS.get(lemma, ())}
    words = "|".join(sorted(alternatives, key=len, reverse=True))
    phrases = "|".join(re.escape(p) for p in sorted(PHRASE_TRIGGERS, key=len, reverse=True))
    # Phrases are found as substrings (as find_triggers does), so they get no word boundary.
    return re.compile(rf"\b(?:{words})|{phrases}", re.I)


# Text without any of these cannot hold a trigger or a supporting report: the fast path skips
# the full parse for it. Built from the trigger tables, so it stays a superset of what they find.
CANDIDATE_PATTERN = _candidate_pattern()


_CROWD_VERB_FORMS = "|".join(_surface_stem(v) for v in sorted(CROWD_VERBS))
_CROWD_PATTERN = re.compile(rf"\b(?:{_CROWD_VERB_FORMS})\w*\s(?:[^.!?]{{0,60}}\s)?"
                            rf"(?:{'|'.join(sorted(PUBLIC_SPACES))})s?\b", re.I)


def is_candidate_paragraph(text: str) -> bool:
    """Whether a paragraph of a candidate article needs the full parse: a trigger, crackdown or
    turnout word, or a verb of a crowd filling a space."""
    return is_candidate(text) or bool(_CROWD_PATTERN.search(text))


def is_candidate(text: str) -> bool:
    """Cheap test: could this text report an event (a trigger, crackdown or turnout word in any form)?"""
    return bool(CANDIDATE_PATTERN.search(text) or SUPPORT_PATTERN.search(text) or TURNOUT_PATTERN.search(text))

