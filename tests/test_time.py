"""Date expressions resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.extract import extract_mentions
from strikewatch.extract.time import dated_days, find_dates

from .cases import load_cases
from .conftest import make_doc

D = dt.date


# Date expressions resolved against the publication date: tests/cases/en/time.jsonl ("resolution").
@pytest.mark.parametrize("case", load_cases("time", "resolution"))
def test_resolution(case):
    published = D.fromisoformat(case["published"]) if case["published"] else None
    [date] = find_dates(case["sentence"], published)
    expected = case["expected"]
    assert (date.span.start, date.span.end, date.span.precision) == (
        D.fromisoformat(expected["start"]), D.fromisoformat(expected["end"]), expected["precision"])


def test_no_publication_date_leaves_relative_dates_unresolved():
    [date] = find_dates("Thousands rallied on Sunday.", None)
    assert date.span.start is None
    # a span measured back from the report says nothing without it, and is no date at all
    assert find_dates("Workers clashed with police as the strike entered its second day.", None) == []
    # a weekend, like a weekday, is named: unresolved, it waits for a report date an undated page may borrow
    [weekend] = find_dates("Protests spread over the weekend.", None)
    assert weekend.span.start is None and weekend.span.evidence.rule == "date:weekend"
    assert date.span.evidence.text == "on Sunday"
    assert "no publication date" in date.span.evidence.reason


def test_newspaper_names_are_not_weekdays():
    assert find_dates("The Sunday Times reported the strike.", D(2020, 1, 1)) == []


def test_a_weekday_that_recurs_names_no_day():
    saturday = D(2025, 3, 22)
    assert find_dates("Retired miners have picketed the town hall every Monday for six years.", saturday) == []
    assert find_dates("Each Friday the group stands silently outside the court.", saturday) == []
    assert find_dates("The union, known for its Thursday vigils at the gate, marched to the port.", saturday) == []
    assert find_dates("The weekly Sunday marches went on.", saturday) == []
    # one day: a past weekday, a possessive, a singular noun after it, "every" that is not before it
    for sentence, day in (("Their Thursday vigil drew forty people.", D(2025, 3, 20)),
                          ("Farmers and their supporters Thursday blocked roads across Punjab.", D(2025, 3, 20)),
                          ("Every driver stayed home on Thursday.", D(2025, 3, 20)),
                          ("Thursday's vigils drew forty people.", D(2025, 3, 20)),
                          ("Last Monday, every school closed.", D(2025, 3, 17))):
        assert [d.span.start for d in find_dates(sentence, saturday)] == [day], sentence


def test_only_the_month_of_publication_gives_years_not_days():
    month = dt.date(2023, 1, 1)
    (aug,) = find_dates("On Aug. 19, workers of the fertilizer plant marched.", None, published_month=dt.date(2020, 8, 1))
    assert (aug.span.start, aug.span.precision) == (dt.date(2020, 8, 19), "day")
    (dec,) = find_dates("Nurses walked out on December 28.", None, published_month=month)
    assert dec.span.start == dt.date(2022, 12, 28)  # read in January: last year's December
    (sunday,) = find_dates("Thousands marched on Sunday.", None, published_month=month)
    assert sunday.span.start is None  # which Sunday of the month is not known
    (march,) = find_dates("Protests spread in March.", None, published_month=dt.date(2023, 5, 1))
    assert (march.span.start, march.span.end) == (dt.date(2023, 3, 1), dt.date(2023, 3, 31))


def test_an_anniversary_counts_from_the_day_the_article_dates():
    text = ("Security forces fired tear gas at the protesters on the third anniversary of the December Revolution "
            "that ousted the president.")
    history = dated_days("On December 19, 2018, thousands launched mass protests. In 1955 lawmakers declared "
                         "independence.")
    assert history == [D(2018, 12, 19)]
    [date] = find_dates(text, None, history=history)
    assert (date.span.start, date.span.precision) == (D(2021, 12, 19), "day")
    assert date.span.evidence.text == "third anniversary of the December"
    [undated] = find_dates(text, None)  # no December dated anywhere: nothing to count from
    assert undated.span.start is None


def test_marks_its_third_and_final_day_is_the_day_reported_not_the_first():
    from strikewatch.extract.time import find_dates

    # each day of a three-day sit-in is its own event (never merged with the first day's)
    [found] = find_dates("The sit-in marks its third and final day.", dt.date(2023, 9, 23))
    assert found.span.start == found.span.end == dt.date(2023, 9, 23)


def test_the_nth_day_of_an_action_counts_from_the_start_the_article_dates():
    history = [dt.date(2023, 9, 21)]
    [first] = find_dates("On the first day of the sit-in, police arrested 49 people.", dt.date(2023, 9, 23),
                         history=history)
    [second] = find_dates("On the second day, the crowd grew.", dt.date(2023, 9, 23), history=history)
    assert first.span.start == dt.date(2023, 9, 21) and second.span.start == dt.date(2023, 9, 22)
    [unknown] = find_dates("On the second day, the crowd grew.", dt.date(2023, 9, 23))
    assert unknown.span.start is None  # no start dated: its own day, unknown, never the report's


def test_counts_up_to_thirty_are_words_too():
    [found] = find_dates("Five students have been on hunger strike for ten days.", dt.date(2024, 5, 3))
    assert (found.span.start, found.span.end) == (dt.date(2024, 4, 23), dt.date(2024, 5, 3))
    [ago] = find_dates("The strike began twelve days ago.", dt.date(2024, 5, 3))
    assert ago.span.start == dt.date(2024, 4, 21)


def test_the_next_day_counts_from_the_day_stated_before_it_not_from_the_report():
    published = D(2024, 5, 10)  # a Friday
    [monday, next_day] = find_dates("Police detained the organiser on Monday and the next day dockers walked out.",
                                    published)
    assert (monday.span.start, next_day.span.start) == (D(2024, 5, 6), D(2024, 5, 7))
    assert next_day.span.evidence.rule == "date:narrative-day"
    # no day in the sentence: the day the text stated before it (the caller's narrative day)
    [following] = find_dates("The following day, nurses joined the picket.", published, narrative_day=D(2024, 5, 1))
    assert following.span.start == D(2024, 5, 2)
    [before] = find_dates("The day before, drivers had blocked the ring road.", published, narrative_day=D(2024, 5, 1))
    assert before.span.start == D(2024, 4, 30)


def test_a_day_after_the_narrative_needs_a_stated_day_and_one_before_it_falls_back_on_the_report():
    published = D(2024, 5, 10)
    assert find_dates("The next day, nurses joined the picket.", published) == []
    [previous] = find_dates("Guards fired on marchers the previous evening.", published)
    assert previous.span.start == D(2024, 5, 9) and previous.span.evidence.rule == "date:relative-day"


def test_the_day_before_an_event_is_that_events_eve_not_the_narratives():
    assert find_dates("Farmers marched the day before the budget vote.", D(2024, 5, 10),
                      narrative_day=D(2024, 5, 1)) == []


def test_days_later_or_earlier_count_from_the_narratives_day_not_back_from_the_report():
    published = D(2024, 5, 12)  # a Sunday
    [later] = find_dates("Two days later, dockers walked out at the port.", published, narrative_day=D(2024, 5, 6))
    assert later.span.start == D(2024, 5, 8) and later.span.evidence.rule == "date:narrative-day"
    [_, earlier] = find_dates("Dockers walked out on Thursday; three days earlier, police had cleared the camp.",
                              published)
    assert earlier.span.start == D(2024, 5, 6)
    # with no day stated before: "later" names none, "earlier" counts back from the report as before
    assert find_dates("A week later, nurses joined them.", published) == []
    [back] = find_dates("Two days earlier, police had cleared the camp.", published)
    assert back.span.start == D(2024, 5, 10) and back.span.evidence.rule == "date:day-offset"


def test_the_next_day_counts_from_a_day_the_sentence_states_before_it_of_any_kind():
    from strikewatch.extract.time import find_dates

    report = dt.date(2025, 3, 7)
    sentence = "Guards detained the organiser four days ago, and the next day the miners stopped work."
    days = {d.span.evidence.text: d.span.start for d in find_dates(sentence, report, narrative_day=dt.date(2025, 1, 9))}
    assert days == {"four days ago": dt.date(2025, 3, 3), "the next day": dt.date(2025, 3, 4)}
    sentence = "The mayor resigned yesterday; the day before, the miners stopped work."
    days = {d.span.evidence.text: d.span.start for d in find_dates(sentence, report, narrative_day=dt.date(2025, 1, 9))}
    assert days["the day before"] == dt.date(2025, 3, 5)


def test_the_next_day_never_lands_after_the_report():
    from strikewatch.extract.time import find_dates

    report = dt.date(2025, 3, 7)
    sentence = "Nurses rallied in Eldoret the same day, and the next day the miners stopped work."
    days = {d.span.evidence.text: d.span.start for d in find_dates(sentence, report)}
    assert days == {"the same day": report}  # the day after the report is no day it can tell
    assert find_dates("The next day, miners stopped work.", report, narrative_day=report) == []


def test_a_month_with_its_year_reads_as_that_month():
    import datetime as dt

    from strikewatch.extract.time import find_dates

    [d] = find_dates("In January 2024, the union said 1.5 million people marched.", dt.date(2025, 3, 20))
    assert (d.span.start, d.span.end, d.span.precision) == (dt.date(2024, 1, 1), dt.date(2024, 1, 31), "month")
    [day] = find_dates("Protests began on March 12 with a march.", dt.date(2025, 3, 20))
    assert day.span.start == dt.date(2025, 3, 12) and day.span.precision == "day"


def test_a_month_after_a_year_the_sentence_states_is_that_years():
    import datetime as dt

    from strikewatch.extract.time import find_dates

    year, month = find_dates("The march was smaller than in 2019, when police counted 60,000 in Valencia in May.",
                             dt.date(2025, 5, 20))
    assert (year.span.start.year, month.span.start) == (2019, dt.date(2019, 5, 1))
    [_, every] = find_dates("Since 2019 the union has marched in May.", dt.date(2025, 5, 20))
    assert every.span.start == dt.date(2025, 5, 1)  # "since 2019" is a span up to now, not the month's year


def test_year_less_days_that_of_last_year_closes_are_last_years():
    import datetime as dt

    from strikewatch.extract.time import find_dates

    found = find_dates("Earlier strikes, on January 24 and May 9 of last year, also shut the ports.", dt.date(2025, 4, 12))
    assert [d.span.start for d in found][:2] == [dt.date(2024, 1, 24), dt.date(2024, 5, 9)]
    [march, _] = find_dates("In March last year, dockers struck.", dt.date(2025, 4, 12))
    assert march.span.start == dt.date(2024, 3, 1)


def test_years_ago_today_and_named_earlier_years():
    [back] = find_dates("Six years ago today, students rioted across Chile.", dt.date(2025, 10, 18))
    assert (back.span.start, back.span.precision) == (dt.date(2019, 10, 18), "year")
    [named] = find_dates("It was the scene of the 2012 massacre, when police shot dead 34 miners.",
                         dt.date(2024, 9, 12))
    assert (named.span.start, named.span.end) == (dt.date(2012, 1, 1), dt.date(2012, 12, 31))
    assert find_dates("Teachers struck in Lagos over the 2024 Minimum wage act.", dt.date(2025, 3, 14)) == []
    [both] = find_dates("Hundreds of farmers died during the 2020-21 protests.", dt.date(2024, 9, 12))
    assert (both.span.start, both.span.end, both.span.precision) == (dt.date(2020, 1, 1), dt.date(2021, 12, 31),
                                                                      "year")


def test_a_count_of_marchers_is_no_day_of_march():
    assert find_dates("Police said 16 officers and 5 marchers were injured.", dt.date(2025, 3, 8)) == []
    [day] = find_dates("On 5 March workers struck.", dt.date(2025, 3, 8))
    assert day.span.start == dt.date(2025, 3, 5)
    [season] = find_dates("It was the longest dispute since the 1999-00 season.", dt.date(2025, 3, 14))
    assert season.span.end == dt.date(2000, 12, 31)


def test_last_week_after_two_weekdays_is_the_week_of_both():
    dates = find_dates("Dockers walked out on Wednesday and Thursday last week over pay.", D(2025, 3, 12))
    assert [d.span.start for d in dates] == [D(2025, 3, 5), D(2025, 3, 6)]
    plain = find_dates("Dockers walked out on Monday and Tuesday over pay.", D(2025, 3, 12))
    assert [d.span.start for d in plain] == [D(2025, 3, 10), D(2025, 3, 11)]


def test_year_less_days_listed_before_a_day_with_its_year_are_of_that_year():
    days = find_dates("Dockers struck on March 3 and April 5, 2019.", dt.date(2024, 6, 29))
    assert [d.span.start for d in days] == [dt.date(2019, 3, 3), dt.date(2019, 4, 5)]
    assert "the year the list of dates states at its end" in days[0].span.evidence.reason
    # a list over New Year: the earlier month is of the year before
    days = find_dates("Junior doctors walked out on 29 December and 3 January 2024.", dt.date(2024, 1, 10))
    assert [d.span.start for d in days] == [dt.date(2023, 12, 29), dt.date(2024, 1, 3)]


def test_a_date_in_figures_that_could_be_either_way_round_is_left_unread():
    [date] = find_dates("The strike began on 03/04/2024.", D(2024, 4, 10))
    assert date.span.start is None


def test_a_day_before_the_report_keeps_its_day_before_another_days_event():
    dates = find_dates("Thousands of teachers marched in Athens yesterday before Friday's budget vote.", D(2025, 6, 4))
    assert [d.span.start for d in dates] == [D(2025, 6, 3), D(2025, 5, 30)]


def test_the_action_a_day_after_which_a_reported_one_came_is_counted_back_from_that_ones_day():
    """"The rally came a day after thousands marched": the march is the day before the rally, whose day
    the text stated before (not the day before the report); with no day stated, before the report."""
    told = extract_mentions(make_doc("Hundreds of teachers rallied outside parliament in Vilnius on Monday. The rally "
                                     "came a day after thousands of people marched through the capital.",
                                     published="2025-05-14"))
    assert [(m.date.start, m.size_low) for m in told] == [(dt.date(2025, 5, 12), 200), (dt.date(2025, 5, 11), 2000)]
    [alone] = extract_mentions(make_doc("The protest came a day after police fired tear gas at students in Vilnius.",
                                        published="2025-05-14"))
    assert alone.date.start == dt.date(2025, 5, 13)


def test_an_action_of_another_type_a_told_action_came_a_day_after_is_the_sentences_own():
    """"The strike came a day after workers blocked the bridge": the strike is the one told before; the
    blockade is reported, the day before it (not set aside as the strike's cause)."""
    strike, blockade = extract_mentions(make_doc("Dockers in Antwerp went on strike on Thursday. The strike came a day "
                                                 "after farmers blocked the roads to the port in Antwerp.",
                                                 published="2025-08-22"))
    assert (strike.type.value, strike.date.start) == ("strike", dt.date(2025, 8, 21))
    assert (blockade.type.value, blockade.date.start) == ("blockade", dt.date(2025, 8, 20))


def test_the_paragraph_stays_on_the_day_of_the_action_set_against_an_earlier_one():
    """After "The strike came a day after farmers blocked the roads", the paragraph goes on about the
    strike: an undated sentence after it takes the strike's day, not the blockade's."""
    mentions = extract_mentions(make_doc("Dockers in Antwerp went on strike on Thursday. The strike came a day after "
                                         "farmers blocked the roads to the port in Antwerp. Police said 40 strikers "
                                         "were detained at the port gates.", published="2025-08-22"))
    assert [(m.type.value, m.date.start) for m in mentions] == [
        ("strike", dt.date(2025, 8, 21)), ("blockade", dt.date(2025, 8, 20)), ("strike", dt.date(2025, 8, 21))]


def test_the_paragraph_keeps_the_told_actions_town_too():
    rally, sit_in, took_part = extract_mentions(make_doc(
        "Farmers staged a rally in Nagpur on Friday. The rally came a day after activists held a sit-in in Mumbai. "
        "About 500 people took part.", published="2025-03-13"))
    assert (sit_in.place.name, sit_in.date.start) == ("Mumbai", dt.date(2025, 3, 6))
    assert (took_part.place.name, took_part.date.start) == ("Nagpur", dt.date(2025, 3, 7)) == (
        rally.place.name, rally.date.start)


def test_a_told_action_set_a_day_after_one_that_did_not_happen_is_kept():
    mentions = extract_mentions(make_doc("Dockworkers walked out in Antwerp on Thursday. The strike came a day after the "
                                         "union threatened to protest.", published="2025-08-22"))
    assert [(m.type.value, m.modality.value) for m in mentions] == [("strike", "asserted"), ("strike", "asserted")]


def test_a_day_before_said_alone_dates_the_sentences_own_action_before_the_last_day():
    doctors, students = extract_mentions(make_doc("Doctors went on strike in Riga on Wednesday. A day before, "
                                                  "students had rallied in Riga.", published="2025-03-14"))
    assert (doctors.date.start, students.date.start) == (dt.date(2025, 3, 12), dt.date(2025, 3, 11))


def test_an_action_a_day_after_an_event_the_text_dated_is_the_day_after_it():
    shooting, riots = extract_mentions(make_doc("Police shot dead a teenager in Rouen on Tuesday. Riots broke out in "
                                                "several towns a day after the shooting.", published="2025-07-03"))
    assert (shooting.date.start, riots.date.start) == (dt.date(2025, 7, 1), dt.date(2025, 7, 2))


def test_which_day_of_an_action_a_sentence_counts():
    """"Entered its fourth day", and a weekday's appositive "the third and final day of the strike"; "the first
    day of the month" counts no action's days."""
    from strikewatch.extract.time import day_of_action

    assert day_of_action("The walkout entered its fourth day on Thursday.") == 4
    assert day_of_action("Nurses picketed again on Wednesday, the third and final scheduled day of a strike "
                         "over staffing.") == 3
    assert day_of_action("Talks resumed on Friday, the first day of the month.") is None


def test_a_weekday_right_after_a_stated_week_is_that_weeks_day():
    """"Last week, on Tuesday" in a Friday's report: the Tuesday of last week, not of this one."""
    found = find_dates("Workers went on strike in Leeds last week, on Tuesday, over pay.", dt.date(2024, 11, 15))
    assert [d.span.start for d in found if d.span.precision == "day"] == [dt.date(2024, 11, 5)]
    # not apposed, the weekday is the nearest one
    found = find_dates("Last week teachers marched; on Tuesday, nurses struck.", dt.date(2024, 11, 15))
    assert [d.span.start for d in found if d.span.precision == "day"] == [dt.date(2024, 11, 12)]
