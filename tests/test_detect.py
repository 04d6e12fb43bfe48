"""Detection: which sentences report protest or strike events, their type, and whether they happened."""

from __future__ import annotations

import pytest

from strikewatch.detect import find_triggers, sentence_types
from strikewatch.model import EventType, Modality
from strikewatch.nlp import load_nlp


def types_of(sentence: str) -> set[str]:
    span = next(load_nlp()(sentence).sents)
    return {t.type.value for t in sentence_types(find_triggers(span))}


def modalities(sentence: str) -> set[Modality]:
    span = next(load_nlp()(sentence).sents)
    return {t.modality for t in find_triggers(span)}


@pytest.mark.parametrize("sentence, expected", [
    ("Tens of thousands of opposition supporters marched in Minsk on Sunday.", {"demonstration"}),
    ("Nearly 50,000 opposition supporters took to streets in Moscow.", {"demonstration"}),
    ("Nurses walked out at two hospitals on Monday.", {"strike"}),
    ("Dock workers downed tools and refused to work.", {"strike"}),
    ("Garment workers have occupied a road in Dhaka.", {"occupation"}),
    ("Protesters hurled stones at police and stormed the parliament.", {"riot"}),
    ("Two activists began a hunger strike outside the ministry.", {"hunger_strike"}),
    ("Students boycotted classes on Monday.", {"boycott"}),
    ("Workers blocked roads near the factory.", {"blockade"}),
    ("Workers heckled the president at the tractor plant.", {"demonstration"}),
])
def test_event_reports_and_types(sentence, expected):
    assert types_of(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Riot police were deployed in the city centre.",
    "The government passed a new budget on Tuesday.",
    "Israeli air strikes hit the area overnight.",
])
def test_not_event_reports(sentence):
    assert types_of(sentence) == set()


@pytest.mark.parametrize("sentence", [
    "Calls are circulating for a general strike.",
    "The union will march on Saturday.",
    "Opposition leaders urged supporters to protest next week.",
    "The union threatened to strike if wages are not raised.",
])
def test_calls_plans_and_future_are_not_asserted(sentence):
    span = next(load_nlp()(sentence).sents)
    triggers = find_triggers(span)
    assert triggers, "the trigger itself is found"
    assert all(t.modality is Modality.PLANNED for t in triggers)
    assert sentence_types(triggers) == []


def test_negated_trigger():
    assert Modality.NEGATED in modalities("The workers did not strike on Monday.")


def test_riot_absorbs_demonstration():
    span = next(load_nlp()("Protesters clashed with police and threw stones.").sents)
    assert [t.type for t in sentence_types(find_triggers(span))] == [EventType.RIOT]


@pytest.mark.parametrize("text", [
    "Nurses rallied outside the hospital.", "Dockers struck for a week.", "Youths threw stones at police.",
    "Students staged a sit-in.", "The walkout ended.", "Rioters looted shops.", "Crowds booed the mayor.",
    "Workers downed tools.", "Police detained 12 people.", "Farmers are occupying the square.",
])
def test_inflected_trigger_forms_are_candidates(text):
    from strikewatch.detect import is_candidate

    assert is_candidate(text)


@pytest.mark.parametrize("text", [
    "The central bank left interest rates unchanged on Thursday.",
    "After a five-week drop of Covid-19 cases in Punjab, the number of people getting infected has started to rise.",
])
def test_text_with_no_trigger_or_crackdown_word_is_not_a_candidate(text):
    from strikewatch.detect import is_candidate

    assert not is_candidate(text)
