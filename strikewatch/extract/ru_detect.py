"""Russian detection: triggers of contentious action and their modality, from natasha's analysis.

The words are data (`strikewatch/lang/ru/triggers.toml`, `modality.toml`); this module is the
mechanism, on the spaCy spans `nlp_ru` builds (lemmas, universal POS and dependencies, morphology).
A trigger is a verb, an event noun, a participant noun or a lemma phrase ("выйти на улица"); one
governed by a planning verb or noun, or in the future tense, is PLANNED; one negated or cancelled
is NEGATED. The `Trigger` records and `sentence_types` are the English detector's.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from strikewatch.detect import Trigger
from strikewatch.extract.ru_time import forms
from strikewatch.lang import lexicon as language_lexicon
from strikewatch.model import EventType, Modality

LANG = "ru"


@dataclass(frozen=True)
class RussianTriggers:
    verbs: dict[str, EventType]
    nouns: dict[str, EventType]
    agents: dict[str, EventType]
    phrases: tuple[tuple[tuple[str, ...], EventType], ...]  # lemma sequences, longest first
    needs_context: frozenset[str]
    context: frozenset[str]
    not_event_heads: frozenset[str]
    acting_group_heads: frozenset[str]
    support: re.Pattern[str]
    turnout: re.Pattern[str]
    turnout_of_others: re.Pattern[str]  # a vote's or a census's, not a crowd's
    planning_verbs: frozenset[str]
    planning_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    cancelling_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    planned_adjectives: frozenset[str]
    supposed_words: frozenset[str]
    negating_particles: frozenset[str]
    absence_words: frozenset[str]
    absent_prepositions: frozenset[str]


def _types(table: dict[str, EventType]) -> dict[str, EventType]:
    return {normal(k): v for k, v in table.items()}


def _stems(stems: tuple[str, ...]) -> re.Pattern[str]:
    """Beginnings of words, longest first (so that a longer one wins a match)."""
    ordered = sorted(stems, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:{})".format("|".join(re.escape(s) for s in ordered)), re.I)


@functools.cache
def lexicon() -> RussianTriggers:
    """The Russian trigger and modality words, read once from the data files."""
    words, modality = language_lexicon(LANG).triggers, language_lexicon(LANG).modality
    phrases = sorted(((tuple(normal(p).split()), t) for p, t in words.phrases.items()), key=lambda p: -len(p[0]))
    return RussianTriggers(
        verbs=_types(words.verbs),
        nouns=_types(words.nouns),
        agents=_types(words.agents),
        phrases=tuple(phrases),
        needs_context=words.needs_protest_context,
        context=words.protest_context,
        not_event_heads=words.not_event_heads,
        acting_group_heads=words.acting_group_heads,
        support=_stems(words.support_stems),
        turnout=_stems(words.turnout_phrases),
        turnout_of_others=_stems(words.turnout_of_others),
        planning_verbs=modality.planning_verbs,
        planning_nouns=modality.planning_nouns,
        speech_verbs=modality.speech_verbs,
        cancelling_verbs=modality.cancelling_verbs,
        future_auxiliaries=modality.future_auxiliaries,
        planned_adjectives=modality.planned_adjectives,
        supposed_words=modality.supposed_words,
        negating_particles=modality.negating_particles,
        absence_words=modality.absence_words,
        absent_prepositions=modality.absent_prepositions,
    )


def normal(word: str) -> str:
    """A lemma as the data files write it: lower case, "ё" as "е"."""
    return word.lower().replace("ё", "е")


def lemma(token) -> str:  # noqa: ANN001 - a spaCy Token
    return normal(token.lemma_)


def _feature(token, name: str) -> str:  # noqa: ANN001
    values = token.morph.get(name)
    return values[0] if values else ""


def _has_infinitive(token) -> bool:  # noqa: ANN001
    return any(_feature(c, "VerbForm") == "Inf" and c.dep_ in {"xcomp", "ccomp", "csubj"} for c in token.children)


def _protest_context(span, word: str) -> bool:  # noqa: ANN001
    lex = lexicon()
    lemmas = {lemma(t) for t in span} - {word}
    return bool(lemmas & (lex.context | set(lex.nouns) | set(lex.agents) | set(lex.verbs) - lex.needs_context))


def _refusal_context(span) -> bool:  # noqa: ANN001
    """A demand or protest word beside a refusal to work, in its sentence ("не вышли на смену, требуя ...") or,
    of the stronger ones, in its paragraph ("курьеры не вышли на смены. По словам участников акции, ...")."""
    words = language_lexicon(LANG).triggers
    return any(lemma(t) in words.refusal_context for t in span) or \
        any(lemma(t) in words.refusal_context_nearby for t in span.doc)


def _participant(token) -> bool:  # noqa: ANN001
    """A participle or adjective used as a noun ("протестующие", "бастующих"): a participant."""
    return token.dep_ in {"nsubj", "obj", "nmod", "obl", "conj", "appos", "iobj", "nsubj:pass"} or token.pos_ == "NOUN"


def _token_trigger(token, span) -> tuple[EventType, str] | None:  # noqa: ANN001
    lex = lexicon()
    word = lemma(token)
    surface = normal(token.text)
    agent = lex.agents.get(word) or next((t for a, t in lex.agents.items() if surface.startswith(a[:-2])), None)
    if agent is not None and token.pos_ in {"NOUN", "ADJ", "VERB", "PROPN"} and (
            token.pos_ == "NOUN" or _participant(token) or _feature(token, "VerbForm") == "Part"):
        if _feature(token, "VerbForm") == "Part" and token.dep_ == "amod" and token.head.pos_ == "NOUN":
            return agent, "agent"  # "бастующие рабочие"
        return agent, "agent"
    if word in lex.needs_context and not _protest_context(span, word):
        return None
    if token.pos_ == "VERB" and word in lex.verbs:
        if _has_infinitive(token):
            return None  # "собираются провести": an intention, not a gathering
        if _blocks_no_way(token, word):
            return None
        if _feature(token, "VerbForm") == "Part" and _participant(token):
            return lex.verbs[word], "agent"
        return lex.verbs[word], "verb"
    if token.pos_ in {"NOUN", "PROPN"} and word in lex.nouns:
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        # "митинг движения" (a movement's rally): a group in the genitive after it is whose event it is
        if nxt is not None and lemma(nxt) in lex.not_event_heads and not (
                _feature(nxt, "Case") == "Gen" and lemma(nxt) in lex.acting_group_heads):
            return None
        return lex.nouns[word], "noun"
    return None


def _blocks_no_way(verb, word: str) -> bool:  # noqa: ANN001
    """"Позволит властям блокировать сайты", "заблокировали аккаунты": a blocking verb whose objects are all what
    is blocked with no crowd in the way (`unblockaded`): no blockade."""
    senses = language_lexicon("ru").senses
    if word not in senses.blocking_verbs:
        return False
    objects = [c for c in verb.children if c.dep_ == "obj"]
    return bool(objects) and all(lemma(o) in senses.unblockaded for o in objects)


def _negated(token) -> bool:  # noqa: ANN001
    """"не бастовали"; "забастовки нет" (the predicate of absence); "прошла без столкновений"."""
    lex = lexicon()
    absent = token.pos_ in {"NOUN", "PROPN"} and (
        lemma(token.head) in lex.absence_words or any(lemma(c) in lex.absence_words for c in token.children)
        or any(c.dep_ == "case" and lemma(c) in lex.absent_prepositions for c in token.children))
    return absent or any(lemma(c) in lex.negating_particles and c.i < token.i for c in token.children)


def _future(verb) -> bool:  # noqa: ANN001
    if _feature(verb, "Tense") == "Fut":
        return True
    return any(c.dep_ == "aux" and lemma(c) in lexicon().future_auxiliaries and _feature(c, "Tense") == "Fut"
               for c in verb.children)


def _planned_by_its_words(token, lex: RussianTriggers) -> bool:  # noqa: ANN001
    """A planned adjective on the trigger ("запланированный митинг"), or a relative clause that says it
    was to be ("митинг, который должен был пройти в воскресенье")."""
    return any((c.dep_ == "amod" and lemma(c) in lex.planned_adjectives) or
               (c.dep_ == "acl:relcl" and lemma(c) in lex.supposed_words) for c in token.children)


def modality(token) -> Modality:  # noqa: ANN001
    """PLANNED when a planning verb or noun governs the trigger, a planned adjective modifies it or
    its verb is in the future; NEGATED when it or its verb is negated, or a cancelling verb governs it."""
    lex = lexicon()
    if _planned_by_its_words(token, lex):
        return Modality.PLANNED
    # a participle standing for its people ("встретится с бастующими"): the verb it hangs on says when
    as_noun = "Part" in token.morph.get("VerbForm", []) and token.dep_ in {"obl", "obj", "nsubj", "iobj", "nmod"}
    verb = token if token.pos_ == "VERB" and not as_noun else token.head
    if _negated(token) or (verb is not token and verb.pos_ in {"VERB", "AUX"} and _negated(verb)):
        return Modality.NEGATED
    if token.head is not token and lemma(token.head) in lex.cancelling_verbs:
        return Modality.NEGATED
    if verb.pos_ in {"VERB", "AUX"} and _future(verb):
        return Modality.PLANNED
    if _the_grounds(token):
        return Modality.BACKGROUND
    node, hops = token, 0
    while node.head is not node and hops < 4:
        head = node.head
        word = lemma(head)
        if word in lex.planning_verbs or word in lex.planning_nouns:
            return Modality.PLANNED
        if head.pos_ == "VERB" and any(c.dep_ in {"nsubj", "nsubj:pass"} and lemma(c) in lex.planning_nouns
                                       for c in head.children):
            return Modality.PLANNED
        if head.pos_ == "VERB" and node.dep_ not in {"xcomp", "obj", "obl", "nmod", "ccomp", "advcl"}:
            break
        node, hops = head, hops + 1
    return Modality.ASSERTED


def _the_grounds(token) -> bool:  # noqa: ANN001
    """"Приговорили за участие в протестах", "оштрафовали за пикет": the action a court or the police
    punish someone for, an earlier one named as the grounds, not one the report tells of."""
    head, modality = token.head, language_lexicon(LANG).modality
    if head.i != token.i and lemma(head) in modality.punishing_verbs and \
            any(c.dep_ == "case" and c.lower_ == "за" for c in token.children):
        return True  # "оштрафовали за одиночный пикет"
    return head.i != token.i and lemma(head) in modality.grounds_nouns and \
        any(c.dep_ == "case" and c.lower_ == "за" for c in head.children)


def _only_speaks(token) -> bool:  # noqa: ANN001
    """A participant noun whose verb is saying ("заявили протестующие") quotes people."""
    return token.dep_ in {"nsubj", "nsubj:pass"} and lemma(token.head) in lexicon().speech_verbs


_MODIFIERS = {"ADJ", "DET", "ADV", "PART"}  # words a phrase may hold between its own ("выйти на массовый митинг")
_MAX_MODIFIERS = 2


def _phrase_at(span, lemmas: list[str], k: int, words: tuple[str, ...]) -> int | None:  # noqa: ANN001
    """Where the lemma phrase that starts at token k ends (exclusive), or None when it is not there;
    up to two modifiers may stand before each of its later words (`lemmas`: the span's, token by token)."""
    j = k
    for n, word in enumerate(words):
        skipped = 0
        while n and j < len(span) and lemmas[j] != word and span[j].pos_ in _MODIFIERS and skipped < _MAX_MODIFIERS:
            j, skipped = j + 1, skipped + 1
        if j >= len(span) or lemmas[j] != word:
            return None
        j += 1
    return j


def _phrase_triggers(span, covered: set[int]) -> list[Trigger]:  # noqa: ANN001
    lemmas = [lemma(token) for token in span]
    starts: dict[str, list[int]] = {}  # a lemma -> where it stands, in text order
    for k, word in enumerate(lemmas):
        starts.setdefault(word, []).append(k)
    found: list[Trigger] = []
    for words, etype in lexicon().phrases:
        for k in starts.get(words[0], ()):
            if span[k].i in covered:
                continue
            end_token = _phrase_at(span, lemmas, k, words)
            if end_token is None or any(span[j].i in covered for j in range(k, end_token)):
                continue
            first, last = span[k], span[end_token - 1]
            # the phrase's verb, wherever it stands ("на улицы вышли"), says whether it happened; a phrase
            # with none is read at its last word, its noun ("начнут итальянскую забастовку": planned)
            head = next((span[j] for j in range(k, end_token) if span[j].pos_ in ("VERB", "AUX")), last)
            said_not = words[0] in lexicon().negating_particles  # "не вышли на смену": a refusal to work
            if said_not and (_feature(head, "Number") != "Plur" or not _refusal_context(span) or _things_did_it(head)):
                continue  # "рабочий не вышел на работу из-за болезни": one man off sick, no strike; buses, no one
            if " ".join(words) in language_lexicon(LANG).triggers.context_phrases and not (
                    _refusal_context(span) and _workers_did_it(head)):
                continue  # "пользователи отключили приложение": its workers' stoppage, with a demand or protest beside
            start, end = first.idx - span.start_char, last.idx + len(last.text) - span.start_char
            mood = modality(head)
            if said_not and mood is Modality.NEGATED:
                mood = Modality.ASSERTED  # the phrase's own "не" is what it reports
            found.append(Trigger(etype, start, end, span.text[start:end], "phrase", k, mood))
            covered.update(span[j].i for j in range(k, end_token))
        found.extend(_phrase_in_tree(span, lemmas, words, etype, covered))
    return found


_PREPOSITIONS = frozenset({"на", "в", "из", "к"})


def _workers_did_it(verb) -> bool:  # noqa: ANN001
    """The verb's subject is the workers an app gives work to ("водители такси", "курьеры")."""
    workers = language_lexicon(LANG).triggers.app_workers
    return any(c.dep_ == "nsubj" and lemma(c) in workers for c in verb.children)


def _things_did_it(verb) -> bool:  # noqa: ANN001
    """The verb's subject is no person ("автобусы не вышли на линию"), by its grammatical animacy; a quantity or a
    crew is of what it counts ("десятки рабочих", "бригады скорой помощи": people)."""
    words = language_lexicon(LANG).triggers
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    counted = [next((n for n in c.children if n.dep_ == "nmod"), c) if lemma(c) in words.people_quantities
               or c.pos_ == "NUM" else c for c in subjects]
    return bool(subjects) and all(_feature(c, "Animacy") == "Inan" and lemma(c) not in words.people_quantities
                                  and lemma(c) not in words.crews for c in counted)


def _phrase_in_tree(span, lemmas: list[str], words: tuple[str, ...], etype: EventType,  # noqa: ANN001
                    covered: set[int]) -> list[Trigger]:
    """A verb phrase with its goal ("не выйти на смена") in any word order and with words between
    ("на смены не вышли", "не вышли утром на линию"): the verb, its "не" where the phrase has one, and
    the goal noun hanging on it with the phrase's preposition."""
    said_not = words[0] in lexicon().negating_particles
    rest = words[1:] if said_not else words
    if len(rest) != 3 or rest[1] not in _PREPOSITIONS:
        return []
    verb_lemma, preposition, noun = rest
    found = []
    for k, token in enumerate(span):
        if lemmas[k] != verb_lemma or token.i in covered:
            continue
        goal = next((c for c in token.children if lemma(c) == noun and c.i not in covered
                     and any(g.dep_ == "case" and lemma(g) == preposition for g in c.children)), None)
        negation = next((c for c in token.children if lemma(c) in lexicon().negating_particles), None)
        if goal is None or said_not != (negation is not None):
            continue
        if said_not and (_feature(token, "Number") != "Plur" or not _refusal_context(span) or _things_did_it(token)):
            continue  # "на линию не вышли 40 автобусов": buses, not workers
        if not said_not and not _protest_context(span, verb_lemma):
            continue  # "вышел вечером на улицу покурить": one man went out for a smoke
        parts = [t for t in (token, goal, negation) if t is not None]
        first, last = min(parts, key=lambda t: t.i), max(parts, key=lambda t: t.i)
        start, end = first.idx - span.start_char, last.idx + len(last.text) - span.start_char
        mood = modality(token)
        if said_not and mood is Modality.NEGATED:
            mood = Modality.ASSERTED
        found.append(Trigger(etype, start, end, span.text[start:end], "phrase", k, mood))
        covered.update(t.i for t in parts)
    return found


_GOAL_CASES = frozenset({"на", "к"})


def _goal_triggers(span, covered: set[int]) -> list[Trigger]:  # noqa: ANN001
    """"Вышли в воскресенье на площадь", "на акцию пришли 20 тысяч", "вышли к парламенту": a verb of
    going out (`crowd_verbs`) whose goal, "на" or "к" a public space or an action (`public_spaces`),
    hangs on it, whatever words stand between."""
    words = language_lexicon(LANG).triggers
    found: list[Trigger] = []
    for k, token in enumerate(span):
        if token.i in covered or lemma(token) not in words.crowd_verbs:
            continue
        goals = [c for c in token.children if c.dep_ in ("obl", "obj", "nmod") and (_a_goal(c) and (
            _a_public_space(c, words) or (lemma(c) in words.public_ways and _PROTEST_WORDS.search(span.text)))
            or (_a_cause(c, words) and _feature(token, "Number") == "Plur"))]  # "министр вышел в защиту": words
        if not goals or _for_another_purpose(token, span) or _not_a_protesting_crowd(token, words):
            continue
        start = token.idx - span.start_char
        # a crowd that went out onto a road stands on it: it blocks the way
        etype = EventType.BLOCKADE if all(lemma(g) in words.public_ways for g in goals) else EventType.DEMONSTRATION
        found.append(Trigger(etype, start, start + len(token.text), token.text, "phrase", k, modality(token)))
        covered.add(token.i)
    return found


def _not_a_protesting_crowd(verb, words) -> bool:  # noqa: ANN001
    """Those who went there never protest as such ("журналисты пришли к Дому правительства", "приставы")."""
    others = _yo_folded(words.not_protesting_crowds)
    return any(c.dep_ == "nsubj" and lemma(c).replace("ё", "е") in others for c in verb.children)


@functools.cache
def _yo_folded(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w.replace("ё", "е") for w in words)


def _a_public_space(noun, words) -> bool:  # noqa: ANN001
    """One of `public_spaces`, or a building named by one ("к Дому правительства", "к зданию администрации")."""
    return lemma(noun) in words.public_spaces or any(
        c.dep_ == "nmod" and lemma(c) in words.public_spaces for c in noun.children)


def _a_goal(noun) -> bool:  # noqa: ANN001
    """"На площадь" (accusative: where to), "к парламенту": a goal; "на площади" (where) is none."""
    case = next((g.lower_ for g in noun.children if g.dep_ == "case"), None)
    return case == "к" or (case == "на" and _feature(noun, "Case") == "Acc")


def _a_cause(noun, words) -> bool:  # noqa: ANN001
    """"В поддержку губернатора", "в защиту сквера", "против застройки": what a crowd goes out for or against."""
    case = next((g.lower_ for g in noun.children if g.dep_ == "case"), None)
    return case == "против" or (case == "в" and lemma(noun) in words.public_causes)


# A protest's own words: a purpose ("требуя", "в знак протеста"), and what makes a crowd on a road a blockade
_PROTEST_WORDS = re.compile(r"протест|против|треб(?:ова|у)|в поддержку|недовол", re.I)  # "требовали", "требуя"


def _for_another_purpose(verb, span) -> bool:  # noqa: ANN001
    """"Вышли на улицы убирать снег", "пришли к администрации, чтобы получить субсидии", "на акцию по
    сдаче крови": a purpose of their own, no protest, where the sentence says nothing of one."""
    if _PROTEST_WORDS.search(span.text):
        return False
    return any(_feature(c, "VerbForm") == "Inf" or c.lower_ == "чтобы" for c in verb.subtree) or \
        any(lemma(c) == "акция" and any(x.dep_ in ("nmod", "appos", "flat", "flat:name") for x in c.children)
            for c in verb.children)  # "акция по сдаче крови", "акция «Час Земли»": a campaign of another kind


def find_triggers(span) -> list[Trigger]:  # noqa: ANN001 - a spaCy Span of a Russian sentence
    """Triggers in one Russian sentence, with their type and modality, in text order."""
    covered: set[int] = set()
    triggers = _phrase_triggers(span, covered) + _goal_triggers(span, covered)
    for k, token in enumerate(span):
        if token.i in covered:
            continue
        found = _token_trigger(token, span)
        if found is None:
            continue
        etype, kind = found
        if kind == "agent" and _only_speaks(token):
            continue
        start = token.idx - span.start_char
        triggers.append(Trigger(etype, start, start + len(token.text), token.text, kind, k, modality(token)))
    return sorted(_without_purpose(triggers, span.text), key=lambda t: t.start)


def _without_purpose(triggers: list[Trigger], text: str) -> list[Trigger]:
    """"Отказались выходить на линию в знак протеста": a protest that gives another action's purpose
    (`purpose_phrases` in `ru/triggers.toml`) is no demonstration of its own beside it, as "in protest"
    is not in English."""
    phrases = language_lexicon(LANG).triggers.purpose_phrases
    others = {t.type for t in triggers if t.modality is Modality.ASSERTED}
    return [t for t in triggers if not (t.type is EventType.DEMONSTRATION and len(others) > 1 and
                                        any(text[:t.end].lower().endswith(p) for p in phrases))]


@functools.cache
def _candidate_words() -> frozenset[str]:
    """Every form (pymorphy3) of every trigger word, of the words of trigger phrases, and of the verbs of
    going out to a public space (`_goal_triggers`: "пришли к Дому правительства")."""
    lex = lexicon()
    lemmas = {*lex.verbs, *lex.nouns, *lex.agents, *(w for words, _ in lex.phrases for w in words if len(w) >= 4),
              *language_lexicon(LANG).triggers.crowd_verbs}
    return frozenset(form for word in lemmas for form in forms(word))


_WORDS = re.compile(r"\w+")


def is_candidate(text: str) -> bool:
    """Cheap test: could this Russian text report an event (a trigger, crackdown or turnout word in any form)?"""
    words = _candidate_words()
    return any(w in words for w in _WORDS.findall(text.lower().replace("ё", "е"))) or bool(
        support_match(text) or turnout_match(text))


def support_match(text: str) -> re.Match[str] | None:
    """A crackdown or casualty word: a sentence with one and no trigger supports an event."""
    return lexicon().support.search(text)


def turnout_match(text: str) -> re.Match[str] | None:
    """A turnout word, in a sentence whose turnout is no vote's or census's."""
    found = lexicon().turnout.search(text)
    return None if found is None or lexicon().turnout_of_others.search(text) else found
