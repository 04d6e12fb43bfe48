"""Detection: which sentences report protest or strike events, their type, and whether they happened."""

from __future__ import annotations

import pytest

from strikewatch.detect import find_triggers, sentence_types
from strikewatch.model import EventType, Modality
from strikewatch.nlp import load_nlp

from .cases import load_cases


def types_of(sentence: str) -> set[str]:
    span = next(load_nlp()(sentence).sents)
    return {t.type.value for t in sentence_types(find_triggers(span))}


def modalities(sentence: str) -> set[Modality]:
    span = next(load_nlp()(sentence).sents)
    return {t.modality for t in find_triggers(span)}


# Event reports and their types; sentences with no event (riot police, air strikes, markets,
# people quoted or described); lookalikes of event words from the development articles and CASE
# 2021 snippets that once gave wrong events. Cases: tests/cases/en/detect.jsonl ("types").
@pytest.mark.parametrize("case", load_cases("detect", "types"))
def test_sentence_types(case):
    assert types_of(case["sentence"]) == set(case["expected"])


@pytest.mark.parametrize("case", load_cases("detect", "planned"))
def test_calls_plans_and_future_are_not_asserted(case):
    span = next(load_nlp()(case["sentence"]).sents)
    triggers = find_triggers(span)
    assert triggers, "the trigger itself is found"
    assert all(t.modality is Modality.PLANNED for t in triggers)
    assert sentence_types(triggers) == []


def test_negated_trigger():
    assert Modality.NEGATED in modalities("The workers did not strike on Monday.")
    # the rally happened; the clashes did not
    assert modalities("There were no clashes with the police at the rally.") == {Modality.ASSERTED, Modality.NEGATED}


@pytest.mark.parametrize("case", load_cases("detect", "cancelled"))
def test_a_cancelled_or_averted_action_is_no_event(case):
    sentence = case["sentence"]
    assert modalities(sentence) and Modality.ASSERTED not in modalities(sentence)
    assert types_of(sentence) == set()
    assert Modality.NEGATED in modalities("Organisers cancelled Saturday's rally.")


def test_riot_absorbs_demonstration():
    span = next(load_nlp()("Protesters clashed with police and threw stones.").sents)
    assert [t.type for t in sentence_types(find_triggers(span))] == [EventType.RIOT]


@pytest.mark.parametrize("case", load_cases("detect", "candidate"))
def test_the_cheap_candidate_test(case):
    """Inflected trigger forms are candidates; text with no trigger or crackdown word is not."""
    from strikewatch.detect import is_candidate

    assert is_candidate(case["sentence"]) is case["expected"]


def test_casualties_alone_report_no_protest_but_support_one(doc_from_text):
    from strikewatch.extract import extract_mentions

    bombing = doc_from_text("Four people were killed in hand grenade attacks on a restaurant Sunday evening in Lagos, "
                            "police confirmed.", "2020-03-02")
    assert extract_mentions(bombing) == []
    protest = doc_from_text("Thousands of students marched in Lagos on Sunday.\n"
                            "Police said four people were killed in Lagos when officers opened fire.", "2020-03-02")
    mentions = extract_mentions(protest)
    assert [m.trigger.rule for m in mentions] == ["trigger:verb", "trigger:support"]
    assert mentions[1].deaths == 4


def test_detection_on_case2021_snippets():
    """Is this a protest or strike report? Floors under the figures `bench/detection.py` prints."""
    import sys

    from .conftest import REPO

    sys.path.insert(0, str(REPO / "bench"))
    try:
        import detection
    finally:
        sys.path.pop(0)
    if not detection.CASE_TSV.exists():
        pytest.skip(f"CASE 2021 data not found at {detection.CASE_TSV}")
    rows = detection.load_rows()
    predicted = detection.detect([text for text, _ in rows])
    with_arrests = detection.scores(predicted, [label in detection.POSITIVE for _, label in rows])
    assert with_arrests["precision"] >= 0.78 and with_arrests["recall"] >= 0.77, with_arrests
    kept = [(p, label in detection.PROTEST_OR_RIOT) for p, (_, label) in zip(predicted, rows, strict=True)
            if label != "ARREST"]
    protest_or_riot = detection.scores([p for p, _ in kept], [g for _, g in kept])
    assert protest_or_riot["f1"] >= 0.84 and protest_or_riot["recall"] >= 0.9, protest_or_riot


def test_a_plural_the_tagger_takes_for_a_name_is_still_a_trigger():
    doc = load_nlp()("NANTERRE, France (AP) — Rioters torched cars and looted stores across France on Friday.")
    last = list(doc.sents)[-1]
    rioters = next(t for t in last if t.text == "Rioters")
    assert rioters.pos_ == "PROPN"  # what the small model does after a dateline
    assert {t.type.value for t in sentence_types(find_triggers(last))} == {"riot"}


def test_a_crowd_that_gathers_with_placards_or_banners_is_a_protest():
    assert types_of("About 300 nurses gathered outside the main hospital on Monday, waving placards.") == {
        "demonstration"}
    assert types_of("Dozens of teachers gathered at the ministry gate under a banner.") == {"demonstration"}
    assert types_of("About 300 nurses gathered outside the main hospital on Monday.") == set()  # a gathering only


def test_the_action_a_court_punishes_someone_for_is_background():
    assert modalities("A court in Vitebsk sentenced a teacher to three years for taking part in protests.") == {
        Modality.BACKGROUND}
    assert modalities("An activist was fined for organising an unauthorised rally.") == {Modality.BACKGROUND}
    # detained for taking part may be at the action itself: still an event
    assert Modality.ASSERTED in modalities("Police detained 30 people for taking part in an unauthorised rally "
                                           "in Vitebsk on Sunday.")


def test_an_action_likely_to_go_on_is_under_way():
    assert modalities("Protests are likely to continue.") == {Modality.ASSERTED}  # not a prediction of protests



def test_refusing_food_is_a_hunger_strike_only_with_protesters():
    assert types_of("Twenty dismissed garment workers have refused food since Monday outside the ministry.") == \
        {"hunger_strike"}
    assert types_of("The patient refused food after the operation.") == set()


@pytest.mark.parametrize("sentence", [
    "The child refused food for days, her mother told reporters at the demonstration.",  # no protester refuses
    "Striking miners refused food offered by the company on Monday.",  # food someone offers
])
def test_refusing_food_is_no_hunger_strike_where_protesters_do_not_fast(sentence):
    assert "hunger_strike" not in types_of(sentence)


def test_hunger_strikers_are_the_hunger_strikes_people_and_the_trigger_is_the_whole_word():
    assert types_of("The union fully supports the hunger strikers outside the ministry.") == {"hunger_strike"}
    [trigger] = [t for t in triggers_of("Seven hunger-strikers were taken to hospital on Monday.")]
    assert (trigger.type.value, trigger.text) == ("hunger_strike", "hunger-strikers")


def triggers_of(sentence: str):
    from strikewatch.detect import find_triggers
    from strikewatch.nlp import parse

    from .conftest import make_doc

    [(_s, span)] = parse(make_doc(sentence))
    return find_triggers(span)


def test_refusing_meals_in_protest_is_a_hunger_strike():
    """"Refusing meals" as "refusing food"; a refusal the sentence calls a protest is one, whoever refuses."""
    assert types_of("Forty men held at the detention centre in Dover have been refusing meals since Nov. 3 in "
                    "protest against their detention.") == {"hunger_strike"}
    assert types_of("The patient refused meals on Monday.") == set()


def test_a_refusal_of_meals_with_a_demand_is_a_hunger_strike():
    """"Refused meals on Tuesday, demanding better conditions": the demand makes the refusal a protest."""
    assert types_of("Inmates at the county jail refused meals on Tuesday, demanding better conditions.") == \
        {"hunger_strike"}
    # walking out of a warehouse building is still a strike
    assert types_of("Hundreds of workers walked out of the parcel warehouse building in Derby on Tuesday.") == \
        {"strike"}



def test_what_an_action_could_do_is_no_report_of_it_unless_it_is_under_way():
    """"Prolonged industrial action could lead to shortages": a hypothetical; "the strike could last for weeks",
    "could spread", "may end" tell of one under way."""
    assert modalities("Retailers warned that prolonged industrial action could lead to shortages in December.") == \
        {Modality.PLANNED}
    assert modalities("Strikes could cause chaos at airports this summer, officials warned.") == {Modality.PLANNED}
    for sentence in ("The strike could last for weeks, union leaders said on Monday.", "The strike may end on Friday."):
        assert modalities(sentence) == {Modality.ASSERTED}, sentence

