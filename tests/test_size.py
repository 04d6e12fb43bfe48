"""Crowd-size phrases, read the way Crowd Counting Consortium coders read them."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from strikewatch.extract import extract_mentions
from strikewatch.extract.size import find_sizes, parse_size_phrase
from strikewatch.resolve import resolve_events

from .cases import load_cases
from .conftest import SHARED, make_doc

CCC = SHARED / "data" / "ccc_monthly_2017_2020" / "ccc_monthly_with_size_text.csv"

# A few real CCC rows (EstimateText, EstimateLow, EstimateHigh): tests/cases/en/size.jsonl ("phrase").
@pytest.mark.parametrize("case", load_cases("size", "phrase"))
def test_ccc_phrases(case):
    assert parse_size_phrase(case["sentence"]) == tuple(case["expected"])


@pytest.mark.skipif(not CCC.exists(), reason=f"CCC data not found at {CCC}")
def test_agreement_with_all_ccc_rows():
    rows = total = 0
    with CCC.open(encoding="utf-8", errors="replace") as fh:
        for row in csv.DictReader(fh):
            try:
                want = (int(float(row["EstimateLow"])), int(float(row["EstimateHigh"])))
            except ValueError:
                continue
            total += 1
            rows += parse_size_phrase(row["EstimateText"]) == want
    share = rows / total
    print(f"CCC size agreement: {rows}/{total} = {share:.3f}")
    assert share >= 0.80  # a floor that only goes up


# Crowd sizes in sentences, and numbers that count no crowd (a date, a time span, victims and
# detainees, counts of events, names with numbers): tests/cases/en/size.jsonl ("sizes").
@pytest.mark.parametrize("case", load_cases("size", "sizes"))
def test_sizes_in_sentences(case):
    assert [[c.low, c.high] for c in find_sizes(case["sentence"])] == case["expected"]


def test_each_claim_keeps_its_own_claimant():
    city, police = find_sizes("Warsaw city hall, run by the opposition, estimated the crowd at 500,000, while "
                              "police put it at 100,000 to 150,000.")
    assert (city.low, city.claimant) == (500000, "Warsaw city hall")  # past the aside
    assert (police.low, police.high, police.claimant) == (100000, 150000, "police")
    [union] = find_sizes("The CGT union said more than 3.5 million people took part nationwide.")
    assert union.claimant == "CGT union"  # the role with its name, not "The CGT"
    [kctu] = find_sizes("In Seoul, tens of thousands of union members rallied in the city centre, the Korean "
                        "Confederation of Trade Unions said.")
    assert kctu.claimant == "Korean Confederation of Trade Unions"
    [listed] = find_sizes("Thousands of demonstrators also marched in Mombasa, Kisumu and Nakuru, witnesses said.")
    assert listed.claimant == "witnesses"  # a list of towns is no aside before the claimant


def test_claimant_is_kept():
    [claim] = find_sizes("Police put the estimate at 128,000 as the rally peaked.")
    assert claim.claimant.lower() == "police"
    assert claim.evidence.text == "128,000"
    [moscow] = find_sizes("The White Counter gave the figure while Moscow police gave a much lower attendance "
                          "figure of 20,000.")
    assert (moscow.low, moscow.claimant) == (20000, "Moscow police")  # the role, not just the city


def test_a_crowd_beside_its_casualties_keeps_its_size():
    (claim,) = find_sizes("About 7,000 nurses walked out on Monday; two were injured.")
    assert (claim.low, claim.high) == (7000, 7000)


def test_a_bare_figure_after_a_counted_crowd_counts_its_place():
    claims = find_sizes("About 20,000 people marched in Lyon, 8,000 in Lille and some 900 at the city hall.")
    assert [(c.low, c.evidence.rule) for c in claims] == [
        (20000, "size:quantity-of-people"), (8000, "size:elliptical"), (900, "size:elliptical")]
    assert find_sizes("The strike shut 40 plants, 12 in Ohio.") == []  # no crowd counted first


def test_numbers_that_name_or_time_something_count_nobody():
    assert find_sizes("Local 228 members cheered the speakers at the rally.") == []
    assert find_sizes("1706140599 people protested.") == []  # more than a billion: a timestamp, not a crowd


def test_each_place_of_a_sentence_keeps_only_its_own_figure(doc_from_text):
    from strikewatch.extract import extract_mentions

    mentions = extract_mentions(doc_from_text(
        "About 20,000 people marched in Lyon, 8,000 in Lille and some 900 in Quimperle on Saturday.", "2024-03-04"))
    sizes = {m.place.name: [(c.low, c.high) for c in m.sizes] for m in mentions}
    assert sizes["Lyon"] == [(20000, 20000)] and sizes["Lille"] == [(8000, 8000)]
    [one] = extract_mentions(doc_from_text("Some 5,000 people marched in Lyon and Lille on Saturday.", "2024-03-04"))[:1]
    assert [(c.low, c.high) for c in one.sizes] == [(5000, 5000)]  # one figure for both: kept


def test_a_figure_in_a_clause_that_opens_on_one_place_is_that_places_crowd(doc_from_text):
    from strikewatch.extract import extract_mentions

    mentions = extract_mentions(doc_from_text(
        "Protests took place in Lyon on Thursday and in the capital Paris, where thousands chanted slogans "
        "outside parliament.", "2024-03-08"))
    sizes = {m.place.name: [(c.low, c.high) for c in m.sizes] for m in mentions}
    assert sizes == {"Lyon": [], "Paris": [(2000, 2000)]}


def test_a_figure_with_its_own_verb_elsewhere_is_none_of_the_listed_places(doc_from_text):
    from strikewatch.extract import extract_mentions

    mentions = extract_mentions(doc_from_text(
        "More than 20,000 people demonstrated in Athens, 10,000 in the city of Thessaloniki and about 1,000 "
        "people, many of them students, gathered at the crash site on Sunday.", "2024-03-04"))
    sizes = {m.place.name: [(c.low, c.high) for c in m.sizes] for m in mentions}
    assert sizes == {"Athens": [(20000, 20000)], "Thessaloníki": [(10000, 10000)]}


def test_vehicles_count_no_one():
    assert find_sizes("Farmers drove hundreds of tractors into Paris.") == []
    assert [c.low for c in find_sizes("Hundreds of farmers drove their tractors into Paris.")] == [200]


def test_a_named_claimant_with_an_aside_keeps_its_figure():
    claims = find_sizes("The Crowd Counter, an independent monitor, estimated the crowd at 275,000 to 325,000, "
                        "while the interior ministry put it at 107,000.")
    assert [(c.low, c.high, c.claimant) for c in claims] == [
        (275000, 325000, "Crowd Counter"), (107000, 107000, "interior ministry")]


def test_who_gave_a_figure_according_to_and_at_the_end_of_its_clause():
    claims = find_sizes("In Marseille, 26,000 marched according to police, 140,000 according to unions.")
    assert [(c.low, c.claimant) for c in claims] == [(26000, "police"), (140000, "unions")]
    claims = find_sizes("More than a million people marched across the country on Thursday against the plan to raise "
                        "the pension age, the interior ministry said, while the CGT union put turnout at over 2 million.")
    assert [(c.low, c.claimant) for c in claims] == [(1000000, "interior ministry"), (2000000, "CGT union")]


def _claims(sentence: str) -> list[tuple[int, str | None]]:
    return [(c.low, c.claimant) for c in find_sizes(sentence)]


def test_a_claimants_count_with_its_noun_left_out_is_a_claim_of_the_same_crowd():
    assert _claims("About 6,000 nurses rallied in Porto on Friday, according to the union, while police "
                   "counted 2,500.") == [(6000, "union"), (2500, "police")]
    assert _claims("About 6,000 nurses rallied; police put the number at 2,500.") == [(6000, None), (2500, "police")]
    # a second claimant's bare figure after "said"/"claimed", when it is another estimate of that crowd
    assert _claims("Police put the crowd at 12,000, while organisers claimed 40,000.") == [
        (12000, "Police"), (40000, "organisers")]
    assert _claims("Organisers said 40,000 people took part, while police said 12,000.") == [
        (40000, "Organisers"), (12000, "police")]
    assert _claims("About 40,000 people marched, while police said 12 were arrested.") == [(40000, None)]


def test_a_figure_its_claimant_owns_in_the_words_before_it():
    assert _claims("The crowd, estimated by police at 3,000 and by organisers at 10,000, filled the square.") == [
        (3000, "police"), (10000, "organisers")]
    assert _claims("Organisers put turnout at 10,000, more than three times the police estimate of 3,000.") == [
        (10000, "Organisers"), (3000, "police")]
    assert _claims("About 3,000 had taken part in the march.") == [(3000, None)]
    assert _claims("Marchers were stopped by police at 10 pm.") == []


def test_a_crowd_estimated_between_two_figures_or_given_in_apposition():
    [between] = find_sizes("Police estimated the crowd at between 27,000 and 32,000.")
    assert (between.low, between.high, between.claimant) == (27000, 32000, "Police")
    [largest] = find_sizes("The largest crowd, about 20,000, gathered in the harbour district.")
    assert (largest.low, largest.high) == (20000, 20000)
    assert find_sizes("The crowd, mostly students, gathered at noon.") == []


def test_the_figures_a_sentence_lists_after_including_are_each_places_own():
    assert _claims("Some 90,000 people marched across Italy on Saturday, including 20,000 in Rome and 7,000 "
                   "in Turin, the interior ministry said.") == [
        (90000, "interior ministry"), (20000, "interior ministry"), (7000, "interior ministry")]


def test_a_claimant_whose_own_figure_follows_is_not_the_crowds():
    assert _claims("About 6,000 nurses marched in Porto, and police said 14 were arrested.") == [(6000, None)]
    assert _claims("About 6,000 nurses marched in Porto, police said.") == [(6000, "police")]


def test_the_people_a_demand_is_about_are_not_the_crowd():
    assert _claims("About 800 teachers rallied in Accra on Monday to demand the hiring of 9,000 teachers.") == [
        (800, None)]
    assert _claims("Nurses marched against the dismissal of 120 nurses.") == []
    assert _claims("Nurses marched in Accra, demanding jobs for 4,000 young workers.") == []
    assert _claims("A march of 3,000 nurses crossed Accra.") == [(3000, None)]  # "of" alone still counts a crowd


def test_a_claimant_keeps_a_figure_when_what_follows_its_verb_is_a_day_or_a_time():
    for said in ("police said in a statement on 3 May.", "police said at 5 pm.", "police said in 2023."):
        assert _claims(f"About 6,000 nurses marched in Porto, {said}") == [(6000, "police")], said
    assert _claims("About 5,000 nurses rallied in Porto on 12 May, according to the union.") == [(5000, "union")]


def test_a_part_of_another_count_or_another_count_is_no_crowd():
    assert _claims("About 5,000 people marched in Lyon on Sunday, and police detained 40 people, "
                   "including 12 in Paris.") == [(5000, None)]
    assert _claims("About 5,000 people marched in Lyon, and hospitals reported 12, mostly minor injuries.") == [
        (5000, None)]


def test_a_place_share_after_with_and_a_part_after_a_crowd_in_words():
    # "reported" with a bare figure is no crowd: ministries report casualties that way too
    assert _claims("About 3,000 people marched in Lyon on Monday, and the health ministry reported 12.") == [
        (3000, None)]
    assert _claims("Tens of thousands marched across Italy on Thursday, with 15,000 in Rome.") == [
        (20000, None), (15000, None)]
    assert _claims("Some 120,000 people protested in 200 towns, including 15,000 in Rome.") == [
        (120000, None), (15000, None)]
    assert _claims("Thousands marched; police detained dozens, including 12 in Rome.") == [(2000, None)]
    assert _claims("Around 8,000 teachers marched in Braga on June 4, according to the union.") == [(8000, "union")]


def test_the_dead_a_protest_is_about_are_no_crowd():
    assert _claims("About 20,000 rallied in Novi Sad, demanding justice for the deaths of 15 people.") == [
        (20000, None)]


def test_a_datelines_day_is_no_crowd_and_the_crowd_after_it_still_counts():
    assert [(c.low, c.text) for c in find_sizes("RIGA, April 14 - Several thousand people rallied in Riga.")] == \
        [(3000, "Several thousand")]
    assert [c.low for c in find_sizes("RIGA, 14 April (Wire) - Several hundred nurses rallied in Riga.")] == [300]
    assert [c.low for c in find_sizes("About 14 protesters gathered outside the court.")] == [14]


def test_a_sentence_that_is_only_a_claimant_and_a_figure_is_that_claimants_count():
    [claim] = find_sizes("Police said 1,500.")
    assert (claim.low, claim.claimant, claim.evidence.rule) == (1500, "Police", "size:claimant-count")
    assert [(c.low, c.claimant) for c in find_sizes("The interior ministry estimated about 65,000.")] == \
        [(65000, "interior ministry")]
    # a figure of something else, or no figure alone, is no count of the crowd
    assert find_sizes("Police said 12 were arrested.") == []
    assert find_sizes("Police said 2023 had been a quiet year.") == []
    assert find_sizes("Organisers said the march was peaceful.") == []


def test_claimants_keep_their_whole_names():
    def claimants(sentence: str) -> list[str | None]:
        return [c.claimant for c in find_sizes(sentence)]

    assert claimants("The students' union said about 3,000 students took part in the march.") == ["students' union"]
    assert claimants("The Casa para Todos movement said 8,000 people marched.") == ["Casa para Todos movement"]
    assert claimants("According to the Teachers Alliance, 2,000 teachers rallied.") == ["Teachers Alliance"]
    assert claimants("According to reports, 2,000 teachers rallied.") == [None]


def test_places_shares_led_by_with_when_no_crowd_was_counted_before():
    assert _claims("Teachers rallied in Leeds, York and Hull, with about 4,000 in Leeds, 1,200 in York and 800 "
                   "in Hull, the union said.") == [(4000, "union"), (1200, "union"), (800, "union")]
    assert _claims("Police detained 40 people, with 12 in Paris.") == []  # the detainees' part


def test_people_whose_clause_ends_in_harm_are_no_crowd():
    assert find_sizes("Three people were trapped inside the burning hall and died, officials said.") == []


def _sizes_by_place(doc_from_text, text: str, published: str) -> dict[str, list[tuple[int, int]]]:
    from strikewatch.extract import extract_mentions

    return {m.place.name: [(c.low, c.high) for c in m.sizes] for m in extract_mentions(doc_from_text(text, published))
            if m.place is not None}


def test_figures_given_respectively_go_to_the_places_in_order(doc_from_text):
    assert _sizes_by_place(doc_from_text, "Rallies were held on Saturday in Leipzig and Dresden, drawing 5,000 and "
                           "3,000 people respectively.", "2025-07-06") == {"Leipzig": [(5000, 5000)],
                                                                          "Dresden": [(3000, 3000)]}


def test_turnouts_listed_for_several_towns_go_to_them_in_order(doc_from_text):
    """"Turnouts" counts crowds as "turnout" does; the middle figures of a longer list read respectively
    are counted too, and only after a crowd's figure ("began at 10, 11 and 12 respectively" counts none)."""
    assert _sizes_by_place(doc_from_text, "Teachers struck on Wednesday. Bristol, Leeds and Newcastle saw turnouts "
                           "of 3,000, 2,500 and 2,000 respectively.", "2025-11-20") == {
        "United Kingdom": [], "Bristol": [(3000, 3000)], "Leeds": [(2500, 2500)], "Newcastle upon Tyne": [(2000, 2000)]}
    assert [c.low for c in find_sizes("The marches, which set off at 10, 11 and 12 respectively, drew 3,000.")
            if c.low < 12] == []


def test_every_place_of_a_list_of_figures_keeps_its_own(doc_from_text):
    assert _sizes_by_place(doc_from_text, "On Tuesday, 7,000 marched in Rennes, 5,500 in Nantes and 2,000 in Lorient.",
                           "2025-03-12") == {"Rennes": [(7000, 7000)], "Nantes": [(5500, 5500)],
                                             "Lorient": [(2000, 2000)]}


def test_a_figure_in_a_where_clause_is_the_town_the_clause_opens_on(doc_from_text):
    sizes = _sizes_by_place(doc_from_text, "Crowds also gathered on Sunday in Munich, where police counted 18,000, "
                            "and in Hamburg, where up to 30,000 people turned out.", "2025-02-03")
    assert sizes == {"Munich": [(18000, 18000)], "Hamburg": [(30000, 30000)]}


def test_a_figure_each_is_every_listed_towns_and_a_contrast_keeps_figures_apart(doc_from_text):
    sizes = _sizes_by_place(doc_from_text, "In Abuja, between 3,000 and 4,000 workers gathered on Tuesday, while "
                            "rallies in Kano and Enugu drew several hundred each.", "2025-03-12")
    assert sizes["Abuja"] == [(3000, 4000)]
    assert sizes["Kano"] == sizes["Enugu"] == [(300, 300)]


def test_a_single_figure_stays_on_its_side_of_a_contrast(doc_from_text):
    sizes = _sizes_by_place(doc_from_text, "About 6,000 teachers rallied in Kano on Tuesday, while smaller groups "
                            "gathered in Enugu and Jos.", "2025-03-12")
    assert sizes == {"Kano": [(6000, 6000)], "Enugu": [], "Jos": []}


def test_present_tense_counts_and_the_turnout_an_event_drew():
    assert _claims("The prefecture counts 7,500 demonstrators; the unions say 14,000.") == [
        (7500, "prefecture"), (14000, "unions")]
    assert _claims("The union claims 25,000 marchers in Nantes today, police say 9,000.") == [
        (25000, "union"), (9000, "police")]
    assert [c.low for c in find_sizes("The vigil in Kisumu drew several hundred on Friday.")] == [300]
    assert [c.low for c in find_sizes("The march drew about 2,500.")] == [2500]
    assert find_sizes("The strike drew support from 14 unions.") == []
    assert find_sizes("The rally drew criticism from 3 ministers.") == []


def test_an_organisations_membership_is_no_crowd():
    assert find_sizes("The union, which has 1.3 million members, said the strike was solid.") == []
    assert find_sizes("The union represents 18,000 nurses across the region.") == []
    assert [c.low for c in find_sizes("About 3,000 union members marched in Derby.")] == [3000]


def test_a_pronoun_or_an_article_is_no_claimant_and_a_possessive_name_is_whole():
    assert _claims("He estimated the crowd at 3,000.") == [(3000, None)]
    assert _claims("An estimated 10,000 people marched in Leeds.") == [(10000, None)]
    assert _claims("The National Farmers' Union said 13,000 took part.") == [(13000, "National Farmers' Union")]


def test_review_misfires_of_the_size_rules_stay_fixed():
    assert find_sizes("A petition backing the strike in Leeds drew 30,000 signatures.") == []
    assert find_sizes("The march in Leeds drew 1.5 million views online.") == []
    assert find_sizes("The strike drew 200 from the union's hardship fund.") == []
    assert _claims("The CGT said 20,000 people marched in Lyon, 8,000 in Grenoble and 4,000 in Annecy.") == [
        (20000, "CGT"), (8000, "CGT"), (4000, "CGT")]
    assert [c.low for c in find_sizes("Unite has 2,000 members on strike at the refinery.")] == [2000]


def test_a_closing_according_to_names_every_figure_and_its_source_may_be_lower_case_or_long():
    # the attribution that closes a sentence of several places' figures is the source of each
    assert _claims("Marches drew 12,000 people in Nantes and 3,000 in Rennes, according to police.") == [
        (12000, "police"), (3000, "police")]
    assert _claims("Around 2,500 nurses rallied in Porto on Friday, according to local police.") == [
        (2500, "local police")]
    assert _claims("The Ministry of the Interior put the crowd at 45,000.") == [(45000, "Ministry of the Interior")]


def test_a_rival_claim_that_names_its_place_after_the_figure_is_kept():
    assert _claims("Police said 30,000 people marched in Madrid, while the unions claimed 90,000 in the capital.") == [
        (30000, "Police"), (90000, "unions")]
    assert _claims("The unions claimed 90,000 in Madrid.") == [(90000, "unions")]
    # a figure followed by a place and a verb of its own is another count, not a bare claim
    assert _claims("The unions said 30 in Madrid were arrested.") == []


def test_a_claim_in_the_present_and_a_monitor_keep_their_claimants():
    assert _claims("Organisers claim more than 120,000.") == [(120000, "Organisers")]
    assert _claims("The same monitor counted 41,800 people at the rally.") == [(41800, "monitor")]


def test_the_figures_of_a_pair_read_respectively_go_to_their_towns_in_order():
    doc = make_doc("On Sunday, marches in Valencia and Alicante drew 30,000 and 12,000 respectively, the unions said.",
                   published="2025-04-28")
    sizes = {m.place.name: [(c.low, c.claimant) for c in m.sizes] for m in extract_mentions(doc)}
    assert sizes == {"Valencia": [(30000, "unions")], "Alicante": [(12000, "unions")]}


def test_the_part_of_a_total_named_for_one_town_is_that_towns_and_the_total_the_countrys():
    doc = make_doc("According to the unions, 1.5 million people marched across Spain on Thursday, of which 200,000 "
                   "in Madrid.", published="2025-03-07")
    sizes = {m.place.name: [c.low for c in m.sizes] for m in extract_mentions(doc)}
    assert sizes == {"Spain": [1500000], "Madrid": [200000]}


def test_a_count_sentence_with_no_protest_word_gives_its_claimants_figure_to_the_days_march():
    doc = make_doc("Tens of thousands of people marched in Valencia on Sunday. Police said 42,000 people attended.",
                   published="2025-04-28")
    [event] = resolve_events(extract_mentions(doc))
    assert sorted((c.low, c.claimant) for m in event.mentions for c in m.sizes) == [(20000, None), (42000, "Police")]


def test_a_countrys_figure_said_nationally_is_the_countrys_not_the_towns():
    doc = make_doc("Thousands marched in Seville on Thursday. Nationally, the ministry counted 900,000 people on "
                   "the streets.", published="2025-03-07")
    places = sorted((e.place.name, e.place.precision, sorted(c.low for m in e.mentions for c in m.sizes))
                    for e in resolve_events(extract_mentions(doc)))
    assert places == [("Sevilla", "city", [2000]), ("Spain", "country", [900000])]


def test_a_passive_count_names_its_claimant_after_the_figure():
    [claim] = find_sizes("Turnout at the march in Porto was put at 9,000 by police.")
    assert claim.claimant == "police"  # not "Porto", the subject of the passive
    police, unions = find_sizes("Police said 40,000 people marched, well below the 120,000 counted by the unions.")
    assert (police.claimant, unions.claimant) == ("Police", "unions")
    [claim] = find_sizes("The crowd that gathered in Lisbon on Sunday numbered about 42,000, police said.")
    assert (claim.low, claim.claimant) == (42000, "police")


def test_the_figure_led_patterns_tried_only_where_a_figure_starts_find_what_a_search_finds(monkeypatch):
    """The crowd patterns that open on their figure are tried only where a hedge or a quantity starts
    (`figure_start`): the claims are those of searching at every character, on the CCC phrases in
    sentences and on sentences where figures overlap, repeat or stand inside words."""
    from strikewatch.extract import size

    sentences = ["About 3,000 to 4,000 people marched, and some 200 more gathered later.",
                 "Someone said often that between 300 and 400 workers walked out; tens of thousands rallied.",
                 "A 5,000-strong crowd and nearly two dozen teachers protested in Lyon, 800 in Lille.",
                 "More than half a million marched; 1,200 of the 3,000 nurses joined in the protests.",
                 "Often the attendants gone home said none of them had marched; thousands had."]
    with CCC.open(encoding="utf-8") as fh:
        phrases = [row["EstimateText"] for row in csv.DictReader(fh) if row["EstimateText"]][:1500]
    sentences += [f"Organisers said {p} people rallied, and {p} marched." for p in phrases]
    fast = [find_sizes(s) for s in sentences]
    monkeypatch.setattr(size._grammar(), "figure_led", frozenset())  # every pattern searched at each character
    assert sum(map(len, fast)) > 1500
    assert fast == [find_sizes(s) for s in sentences]


def test_a_claimants_figures_of_towns_are_those_towns_crowds():
    police = find_sizes("Police counted 3,000 in Lyon and 1,200 in Lille.")
    assert [(c.low, c.claimant) for c in police] == [(3000, "Police"), (1200, "Police")]
    union = find_sizes("The union said 20,000 in Paris, 8,000 in Nantes and some 3,000 in Brest on Saturday.")
    assert [c.low for c in union] == [20000, 8000, 3000]
    # what the figures count is said after them, or the verb is no claim of a crowd: none
    assert find_sizes("The ministry said 12 in Paris and 40 in Lyon were injured.") == []
    assert find_sizes("Police detained 40 in Paris and 12 in Lyon.") == []


def test_each_town_of_a_claimants_list_gets_its_own_figure():
    doc = make_doc("On Saturday more than 70,000 people marched against the pension bill across France.\n\n"
                   "The biggest march was in Paris, where 25,000 people filled the square. Organisers reported "
                   "8,000 in Lyon and more than 10,000 in Marseille.", published="2025-03-30")
    towns = {m.place.name: (m.size_low, m.date.start) for m in extract_mentions(doc)
             if m.place is not None and m.place.name in ("Lyon", "Marseille")}
    assert towns == {"Lyon": (8000, dt.date(2025, 3, 29)), "Marseille": (10000, dt.date(2025, 3, 29))}


def test_a_part_of_a_hedged_whole_is_the_part():
    """"About 220,000 of the country's roughly 240,000 teachers": the part counted, though the whole is hedged."""
    [claim] = find_sizes("The union said about 220,000 of the country's roughly 240,000 state school teachers had "
                         "taken part.")
    assert (claim.low, claim.high) == (220000, 220000)
    [claim] = find_sizes("Some 500 of about 700 nurses joined the strike.")
    assert (claim.low, claim.high) == (500, 500)


def test_a_crowd_said_to_have_been_there_is_the_events_turnout():
    text = ("Teachers rallied at the legislature in Edmonton on Monday.\n\nOur union said more than 15,000 teachers "
            "and supporters were there, a lot more than the number police gave to reporters.")
    [event] = resolve_events(extract_mentions(make_doc(text, published="2025-10-07")))
    assert any(m.size_low == 15000 for m in event.mentions)
    # someone who was there is no crowd
    assert extract_mentions(make_doc("The education minister was there on Monday.", published="2025-10-07")) == []


@pytest.mark.parametrize("sentence, sizes", [
    ("Мэрия насчитала 12 тысяч, организаторы — около 35 тысяч.", [(12000, 12000), (35000, 35000)]),
    ("Полиция оценила толпу в 3 тысячи.", [(3000, 3000)]),
    # what else a source counts: detainees, errors, money
    ("Полиция насчитала 40 задержанных.", []),
    ("Аудиторы насчитали 5 ошибок в отчёте мэрии.", []),
    ("Экономисты оценили ущерб в 3 миллиона рублей.", []),
    ("Организаторы оценили число участников в 10 тысяч.", [(10000, 10000)]),
    # a figure left without its noun where the sentence's other figure counts detainees, or money, votes, ages
    ("Полиция насчитала 14, а в ОВД-Инфо — 32 задержанных.", []),
    ("Ущерб от погромов мэрия оценила в 20 миллионов, сообщил источник.", []),
    ("Избирком насчитал 1,2 миллиона, а наблюдатели — на 300 тысяч меньше.", []),
    ("Рейтинг мэра социологи оценили в 34, а рейтинг губернатора — в 41.", []),
    ("Возраст дерева ученые оценили в 300, а может, и в 400 лет.", []),
])
def test_a_figure_a_russian_source_counts_is_a_crowd_without_its_noun(sentence, sizes):
    from strikewatch.extract.ru_size import find_sizes as russian_sizes

    assert [(c.low, c.high) for c in russian_sizes(sentence)] == sizes


@pytest.mark.parametrize("sentence, size", [
    ("Down south, a thousand or so people joined in.", (1000, 1000)),
    ("About 200-odd workers walked out at the depot.", (200, 200)),
    ("Between 2,000 and 3,000 people marched.", (2000, 3000)),
])
def test_a_hedge_after_the_figure_keeps_the_figure(sentence, size):
    assert [(c.low, c.high) for c in find_sizes(sentence)] == [size]


@pytest.mark.parametrize("sentence", [
    "Gatherings of 50 or more people are banned under the emergency law.",
    "The law requires 10 or more workers to sign a strike notice.",
])
def test_a_rules_threshold_counts_no_crowd(sentence):
    assert find_sizes(sentence) == []
