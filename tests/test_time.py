"""Date expressions resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.extract.time import dated_days, find_dates

D = dt.date


@pytest.mark.parametrize("text, published, start, end, precision", [
    ("Thousands marched on Sunday.", D(2020, 9, 20), D(2020, 9, 20), D(2020, 9, 20), "day"),  # same weekday: today
    ("They marched last Sunday.", D(2020, 9, 20), D(2020, 9, 13), D(2020, 9, 13), "day"),
    ("Workers struck on Wednesday.", D(2020, 9, 20), D(2020, 9, 16), D(2020, 9, 16), "day"),
    ("Protests yesterday turned violent.", D(2020, 9, 20), D(2020, 9, 19), D(2020, 9, 19), "day"),
    ("Rallies took place last week.", D(2020, 9, 20), D(2020, 9, 7), D(2020, 9, 13), "week"),
    ("Strikes spread earlier this week.", D(2020, 9, 17), D(2020, 9, 14), D(2020, 9, 17), "week"),
    ("On Aug. 19, workers marched.", D(2020, 9, 1), D(2020, 8, 19), D(2020, 8, 19), "day"),
    ("On December 19, 2018, thousands protested.", None, D(2018, 12, 19), D(2018, 12, 19), "day"),
    ("A protest on December 28 drew crowds.", D(2021, 1, 3), D(2020, 12, 28), D(2020, 12, 28), "day"),
    ("On strike since November 1.", D(2023, 11, 12), D(2023, 11, 1), D(2023, 11, 12), "day"),
    # the Nth day of an action is the day reported, not the first day's event (ACLED codes each day)
    ("Farmers blocked roads for the third day.", D(2021, 1, 26), D(2021, 1, 26), D(2021, 1, 26), "day"),
    ("The protests a week ago were smaller.", D(2020, 9, 19), D(2020, 9, 12), D(2020, 9, 12), "day"),
    ("Protests that began late November.", D(2021, 1, 26), D(2020, 11, 1), D(2020, 11, 30), "month"),
    ("Protesters in 2013 occupied the square.", None, D(2013, 1, 1), D(2013, 12, 31), "year"),
    ("In 1989, hundreds of thousands marched.", D(2019, 6, 10), D(1989, 1, 1), D(1989, 12, 31), "year"),
    ("Garment workers have been protesting for several days.", D(2023, 11, 12), D(2023, 11, 7), D(2023, 11, 12),
     "week"),
    ("Workers have been protesting for a  few\ndays.", D(2023, 11, 12), D(2023, 11, 9), D(2023, 11, 12), "week"),
    ("Nurses have been striking at two hospitals for two weeks.", D(2023, 1, 20), D(2023, 1, 6), D(2023, 1, 20),
     "month"),
    ("Crowds marched on the 30th anniversary of the June 4, 1989 crackdown.", None, D(2019, 6, 4), D(2019, 6, 4),
     "day"),
    ("Protesters blocked roads for an eighth straight day.", D(2022, 6, 20), D(2022, 6, 20), D(2022, 6, 20), "day"),
    ("The strike by workers at 30 factories entered its second day.", D(2023, 3, 16), D(2023, 3, 16),
     D(2023, 3, 16), "day"),
    ("A jailed activist has been on hunger strike for 20 days.", D(2021, 5, 3), D(2021, 4, 13), D(2021, 5, 3),
     "month"),
    ("Last year's strikes at the port cost $2 billion.", D(2024, 3, 15), D(2023, 1, 1), D(2023, 12, 31), "year"),
    ("The agitation ended on August 28 last year.", D(2001, 8, 29), D(2000, 8, 28), D(2000, 8, 28), "day"),
    ("The strike followed a rally on the 12th.", D(2024, 3, 15), D(2024, 3, 12), D(2024, 3, 12), "day"),
    ("A rally on the 28th drew crowds.", D(2024, 3, 15), D(2024, 2, 28), D(2024, 2, 28), "day"),  # still to come
    ("Farmers have protested across Europe for weeks.", D(2024, 2, 2), D(2024, 1, 12), D(2024, 2, 2), "month"),
    ("Teachers have marched every day for the past month.", D(2024, 2, 2), D(2024, 1, 3), D(2024, 2, 2), "month"),
    ("Over 1,000 people have been arrested in the past two weeks.", D(2024, 5, 1), D(2024, 4, 17), D(2024, 5, 1),
     "month"),
    # the latest Saturday and Sunday up to the report (a Monday, a Sunday)
    ("Protests spread to 80 cities over the weekend.", D(2022, 9, 26), D(2022, 9, 24), D(2022, 9, 25), "week"),
    ("Thousands marched over the weekend.", D(2022, 9, 25), D(2022, 9, 24), D(2022, 9, 25), "week"),
    ("Thousands marched last weekend.", D(2022, 9, 25), D(2022, 9, 17), D(2022, 9, 18), "week"),
    # a weekday with its week named after it: that day of the calendar week before the report's
    ("Dockers walked out on Thursday last week.", D(2022, 12, 3), D(2022, 11, 24), D(2022, 11, 24), "day"),
    ("Nurses struck Monday of last week.", D(2024, 3, 13), D(2024, 3, 4), D(2024, 3, 4), "day"),
    ("Cleaners picketed on Tuesday this week.", D(2024, 3, 15), D(2024, 3, 12), D(2024, 3, 12), "day"),
])
def test_resolution(text, published, start, end, precision):
    [date] = find_dates(text, published)
    assert (date.span.start, date.span.end, date.span.precision) == (start, end, precision)


def test_no_publication_date_leaves_relative_dates_unresolved():
    [date] = find_dates("Thousands rallied on Sunday.", None)
    assert date.span.start is None
    # a span measured back from the report says nothing without it, and is no date at all
    assert find_dates("Workers clashed with police as the strike entered its second day.", None) == []
    assert find_dates("Protests spread over the weekend.", None) == []
    assert date.span.evidence.text == "on Sunday"
    assert "no publication date" in date.span.evidence.reason


def test_newspaper_names_are_not_weekdays():
    assert find_dates("The Sunday Times reported the strike.", D(2020, 1, 1)) == []


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
