"""Undated articles borrow the report date of a dated article that reports the same events."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.extract import extract_mentions
from strikewatch.pipeline import ingest_paths
from strikewatch.report_date import borrow_report_date
from strikewatch.similarity import distinctive_terms, inverse_frequencies, page_terms, similarity
from strikewatch.store import open_store

from .conftest import make_doc

# A Friday's report of Thursday's strike in Lyon, and an undated rewrite of it.
DATED = ("Thousands of dockworkers marched in Lyon on Thursday as the Solidaires Rail union walked out over the "
         "Vernier pension reform. Police said 14,500 people joined the march led by union leader Odile Marchetti.")
UNDATED = ("Dockworkers marched through Lyon on Thursday against the Vernier pension reform. Organisers from "
           "Solidaires Rail said 14,500 people joined Odile Marchetti at the head of the march.")
# Another city's Thursday march, with nothing else in common.
OTHER = "Nurses rallied in Lyon on Thursday over hospital pay, the Santé Ensemble collective said."


def mentions(text: str, doc_id: str, published: str | None = None):
    return extract_mentions(make_doc(text, published=published, doc_id=doc_id))


def dated(*docs: tuple[str, str, str]):
    return {doc_id: (dt.date.fromisoformat(day), mentions(text, doc_id, day)) for doc_id, text, day in docs}


def test_an_undated_rewrite_borrows_the_report_date_of_the_dated_report():
    undated = mentions(UNDATED, "u")
    assert all(m.date is None or m.date.start is None for m in undated)  # "on Thursday" has nothing to count from
    borrowed = borrow_report_date(undated, dated(("d", DATED, "2021-03-12")))
    assert borrowed is not None and borrowed.published == dt.date(2021, 3, 12) and borrowed.source_doc == "d"
    assert "borrowed from d" in borrowed.reason and borrowed.agreeing >= 1


def test_a_weekday_that_lands_by_chance_is_not_enough_without_shared_content():
    undated = mentions(OTHER, "u")
    assert borrow_report_date(undated, dated(("d", DATED, "2021-03-12"))) is None


def test_a_page_about_another_trades_crowd_borrows_nothing_however_many_names_it_shares():
    """Nurses marching through Lyon's streets on Thursday and the dockworkers' march there that day share
    the town, the streets and the day: two crowds' stories, so no date passes between them."""
    nurses = mentions("Hundreds of nurses marched along the Rue de la République and the Quai Saint-Antoine in Lyon "
                      "on Thursday over hospital pay, with Odile Marchetti of Solidaires Rail among them.", "u")
    assert borrow_report_date(nurses, dated(("d", DATED, "2021-03-12"))) is None
    dockers = mentions("Hundreds of dockworkers marched along the Rue de la République and the Quai Saint-Antoine "
                       "in Lyon on Thursday, with Odile Marchetti of Solidaires Rail among them.", "u")
    assert borrow_report_date(dockers, dated(("d", DATED, "2021-03-12"))) is not None


def test_the_weekday_must_land_on_the_dated_reports_event_day():
    # Published on a Tuesday, the dated report's Thursday is five days back; read against Tuesday the
    # undated page's "on Saturday" names the Saturday before, a day the dated report gives no event.
    undated = mentions(UNDATED.replace("on Thursday", "on Saturday"), "u")
    assert borrow_report_date(undated, dated(("d", DATED.replace("on Thursday", "on March 11"),
                                              "2021-03-16"))) is None


def test_a_year_less_date_that_lands_on_the_event_day_is_strong_evidence():
    undated = mentions(UNDATED.replace("on Thursday", "on March 11"), "u")
    borrowed = borrow_report_date(undated, dated(("d", DATED, "2021-03-12")))
    assert borrowed is not None and borrowed.published == dt.date(2021, 3, 12)


# An undated page whose event sentences name nobody: the names of its story (the reform, the union,
# its leader) are in the sentences around them.
WHOLE_PAGE = ("The Vernier pension reform has split the government for months. Odile Marchetti of Solidaires "
              "Rail promised a long fight. Thousands of dockworkers marched in Lyon on March 11. The crowd "
              "stopped at the prefecture.")


def test_the_whole_page_gives_shared_content_when_a_stated_day_lands_exactly():
    from strikewatch.similarity import page_terms

    undated = mentions(WHOLE_PAGE, "u")
    candidates = dated(("d", DATED, "2021-03-12"))
    assert borrow_report_date(undated, candidates) is None  # its event sentences share no name
    borrowed = borrow_report_date(undated, candidates, whole=page_terms(WHOLE_PAGE))
    assert borrowed is not None and borrowed.published == dt.date(2021, 3, 12) and borrowed.source_doc == "d"


def test_the_whole_page_does_not_count_for_a_weekday_that_may_land_by_chance():
    from strikewatch.similarity import page_terms

    page = WHOLE_PAGE.replace("on March 11", "on Thursday")
    assert borrow_report_date(mentions(page, "u"), dated(("d", DATED, "2021-03-12")), whole=page_terms(page)) is None


def test_page_terms_read_every_sentence_of_the_page():
    from strikewatch.similarity import page_terms

    terms = page_terms("The Vernier reform passed.\nOdile Marchetti spoke! Then 14,500 marched.")
    assert {"vernier", "marchetti", "14500"} <= set(terms)
    # the word opening each sentence or line is no name: the page is split into its sentences
    assert "odile" not in terms and "then" not in terms


def test_the_best_candidate_is_the_one_whose_event_days_agree():
    # Two dated reports of the same campaign a week apart: only the later one has a Thursday march in Lyon.
    earlier = DATED.replace("on Thursday", "on Monday")
    borrowed = borrow_report_date(mentions(UNDATED, "u"), dated(("a", earlier, "2021-03-09"),
                                                                ("b", DATED, "2021-03-12")))
    assert borrowed is not None and borrowed.source_doc == "b"


# An undated rewrite that names no day at all: nothing of its own can be checked against a report date.
NO_DAY = ("Dockworkers of Solidaires Rail marched through Lyon against the Vernier pension reform, and "
          "14,500 people joined Odile Marchetti at the head of the march.")


def test_a_page_naming_no_day_borrows_from_the_report_it_shares_most_names_and_figures_with():
    undated = mentions(NO_DAY, "u")
    assert all(m.date is None or m.date.start is None for m in undated)
    assert copied_share_of(undated, mentions(DATED, "d", "2021-03-12")) < 0.5  # a rewrite, not a copy
    borrowed = borrow_report_date(undated, dated(("d", DATED, "2021-03-12"), ("o", OTHER, "2021-03-12")))
    assert borrowed is not None and borrowed.source_doc == "d" and borrowed.published == dt.date(2021, 3, 12)
    assert "names no day of its own" in borrowed.reason


def test_a_page_naming_no_day_needs_a_town_in_common_and_most_of_its_names():
    # the same names and figures placed in another town: another march of the same campaign
    elsewhere = NO_DAY.replace("through Lyon", "through Grenoble")
    assert borrow_report_date(mentions(elsewhere, "u"), dated(("d", DATED, "2021-03-12"))) is None
    # the same town, but a story with names of its own beside the two it shares
    other_story = ("Dockworkers marched through Lyon with Odile Marchetti as the Caisson Industries plant laid off "
                   "350 welders.")
    undated, candidates = mentions(other_story, "u"), dated(("d", DATED, "2021-03-12"))
    own, theirs = distinctive_terms(m.sentence.text for m in undated), distinctive_terms(
        m.sentence.text for m in candidates["d"][1])
    assert 0.2 < similarity(own, theirs, inverse_frequencies([own, theirs])) < 0.5
    assert borrow_report_date(undated, candidates) is None


def test_a_page_that_names_a_day_is_not_borrowed_for_content_alone():
    # its "on Saturday" lands on no day the dated report gives near Lyon (it places its march nowhere
    # but the country): a day it names must agree, content alone is not enough
    page = NO_DAY.replace("marched through Lyon", "marched on Saturday")
    assert borrow_report_date(mentions(page, "u"), dated(("d", DATED, "2021-03-12"))) is None


def _pair(tmp_path, undated: str, dated: str = DATED, published: str = "2021-03-12"):
    """A folder of a dated report ("dated") and an undated page ("undated"), and an empty store."""
    (tmp_path / "dated.txt").write_text(f"id: dated\npublished: {published}\n\n{dated}\n", encoding="utf-8")
    (tmp_path / "undated.txt").write_text(f"id: undated\n\n{undated}\n", encoding="utf-8")
    return open_store(str(tmp_path / "sw.db"))


def _ingested_pair(tmp_path, undated: str, dated: str = DATED, published: str = "2021-03-12"):
    store = _pair(tmp_path, undated, dated, published)
    ingest_paths([str(tmp_path)], store)
    return store


def test_ingest_merges_the_event_of_a_page_naming_no_day_with_the_dated_report(tmp_path):
    store = _ingested_pair(tmp_path, NO_DAY)
    [march] = [e for e in store.load_events() if e["type"] == "demonstration"]
    assert {m["doc_id"] for m in march["mentions"]} == {"dated", "undated"}
    assert march["date_start"] == "2021-03-11"  # the day the dated report states, not the borrowed report date
    assert store.load_document("undated").published_from == "borrowed"


# A country's one-day strike, in a dated report and an undated one; neither names a town.
NATIONAL_DATED = ("Truck drivers of the Cargo Haulers Alliance began a strike across Romania on Thursday over "
                  "freight rates, and its leader Mirela Dancu said 22,000 members stopped work.")
NATIONAL_UNDATED = ("Romanian truck drivers went on strike across the country on Thursday, the Cargo Haulers "
                    "Alliance said, and Mirela Dancu put the strikers at 22,000.")


def test_a_weekday_placed_in_the_country_lands_on_the_one_day_the_dated_report_gives_the_country():
    undated = mentions(NATIONAL_UNDATED, "u")
    assert {m.place.precision for m in undated if m.place} == {"country"}
    borrowed = borrow_report_date(undated, dated(("d", NATIONAL_DATED, "2021-03-12")))
    assert borrowed is not None and borrowed.published == dt.date(2021, 3, 12) and borrowed.agreeing >= 1


def test_a_weekday_placed_in_the_country_proves_nothing_against_a_campaign_of_several_days():
    campaign = NATIONAL_DATED + " On Monday, farmers had blocked roads across Romania over fuel prices."
    assert borrow_report_date(mentions(NATIONAL_UNDATED, "u"), dated(("d", campaign, "2021-03-12"))) is None


def test_a_weekday_placed_in_the_country_that_misses_the_one_day_counts_against():
    page = NATIONAL_UNDATED.replace("on Thursday", "on Saturday")
    assert borrow_report_date(mentions(page, "u"), dated(("d", NATIONAL_DATED, "2021-03-12"))) is None


# A union's undated round-up: its weekday is stated for the whole country, its towns' figures in a later
# paragraph; the dated report tells of a campaign (another day), and of each town on that Saturday.
ROUND_UP = ("On Saturday more than 60,000 members rallied in towns across the country against the Halvorsen "
            "pension bill.\n\nThe biggest rally was in Lyon, where 22,000 people marched to the Terreaux square. "
            "In Nantes, 9,000 people marched behind the Solidaires Rail banner.")
ROUND_UP_DATED = ("Nurses struck across France on Tuesday. On Saturday, 22,000 people marched in Lyon against the "
                  "Halvorsen pension bill, and 9,000 people marched in Nantes behind the Solidaires Rail banner, "
                  "organisers said.")


def test_an_undated_pages_weekday_carried_to_its_towns_checks_the_report_date_it_borrows():
    undated = mentions(ROUND_UP, "u")
    towns = [m for m in undated if m.place is not None and m.place.precision == "city"]
    assert towns and all(m.date is not None and m.date.start is None and m.date.evidence.text == "On Saturday"
                         and not m.date.stated for m in towns)  # carried, unresolved, not the sentence's own
    borrowed = borrow_report_date(undated, dated(("d", ROUND_UP_DATED, "2021-03-14")))
    assert borrowed is not None and borrowed.published == dt.date(2021, 3, 14) and borrowed.agreeing >= 1
    # the weekday read against a report of another Saturday lands on no day it tells of
    other_week = ROUND_UP_DATED.replace("On Saturday", "On Saturday 27 February")
    assert borrow_report_date(undated, dated(("d", other_week, "2021-03-14"))) is None


def test_a_weekday_of_what_is_still_to_come_is_no_undated_pages_day():
    page = mentions("Unions will strike nationwide on Friday over fuel prices.\n\nTeachers marched in Lagos "
                    "against the price rise.", "u")
    [march] = [m for m in page if m.type.value == "demonstration"]
    assert march.date is None  # not "on Friday", the strike still to come


def test_an_undated_page_borrows_from_an_undated_page_that_has_just_borrowed_once(tmp_path):
    # the rewrite borrows from the dated report; the students' page shares names only with the rewrite
    rewrite = UNDATED + (" Students of the Hautval lycee joined the march, said their teacher Corentin Abgrall, "
                         "and 300 of them reached Bellecour square.")
    students = ("Students of the Hautval lycee marched in Lyon on Thursday, their teacher Corentin Abgrall said, and "
                "300 of them reached Bellecour square.")
    for doc_id, text, header in (("dated", DATED, "published: 2021-03-12\n"), ("rewrite", rewrite, ""),
                                 ("students", students, "")):
        (tmp_path / f"{doc_id}.txt").write_text(f"id: {doc_id}\n{header}\n{text}\n", encoding="utf-8")
    store = open_store(str(tmp_path / "sw.db"))
    ingest_paths([str(tmp_path)], store)
    page = store.load_document("students")
    assert (page.published_from, page.published) == ("borrowed", dt.date(2021, 3, 12))
    reasons = [m.date.evidence.reason for m in store.mentions_of_documents(["students"]) if m.date and m.date.evidence]
    assert any("borrowed from rewrite, itself borrowed from dated" in r for r in reasons)
    assert any(m.date and m.date.start == dt.date(2021, 3, 11) for m in store.mentions_of_documents(["students"]))


def copied_share_of(copy, original) -> float:
    from strikewatch.similarity import copied_share

    return copied_share(copy, original)


def test_the_term_index_finds_the_pages_sharing_two_terms_and_no_other():
    from strikewatch.similarity import TermIndex

    pages = {name: distinctive_terms([text]) for name, text in (("d", DATED), ("o", OTHER), ("u", UNDATED))}
    index = TermIndex({k: v for k, v in pages.items() if k != "u"})
    assert index.sharing(pages["u"]) == ["d"]  # "Lyon" alone is no shared story
    assert index.sharing(pages["u"], at_least=99) == []
    # with an index, the borrowing compares only the pages sharing terms, and finds the same date
    undated, candidates = mentions(UNDATED, "u"), dated(("d", DATED, "2021-03-12"), ("o", OTHER, "2021-03-12"))
    terms = {doc: distinctive_terms(m.sentence.text for m in ms) for doc, (_, ms) in candidates.items()}
    assert borrow_report_date(undated, candidates, pages=terms, index=TermIndex(terms)) == \
        borrow_report_date(undated, candidates)


def test_distinctive_terms_are_names_figures_and_hashtags():
    terms = distinctive_terms(["On Monday, #FreeTheNine supporters led by Odile Marchetti counted 14,500 people."])
    assert {"#freethenine", "odile", "marchetti", "14500"} <= set(terms)
    assert "monday" not in terms and "on" not in terms  # an opening capital and weekdays are no names
    assert similarity(terms, terms, {}) == 1.0
    # a figure written in words is the same figure ("Fourteen of our members", "14 traders")
    assert distinctive_terms(["Fourteen of our members were held."])["14"] == 1
    assert "1" not in distinctive_terms(["One of our members was held."])


@pytest.mark.parametrize("order", ["batch", "undated-first", "dated-first"])
def test_ingest_dates_the_undated_article_and_merges_its_event(tmp_path, order):
    store = _pair(tmp_path, UNDATED)
    if order == "batch":
        ingest_paths([str(tmp_path)], store)
    else:
        first, second = ("undated", "dated") if order == "undated-first" else ("dated", "undated")
        ingest_paths([str(tmp_path / f"{first}.txt")], store)
        ingest_paths([str(tmp_path / f"{second}.txt")], store)
    march = [e for e in store.load_events() if e["type"] == "demonstration"]
    assert len(march) == 1, march
    [event] = march
    assert event["date_start"] == "2021-03-11"
    assert {m["doc_id"] for m in event["mentions"]} == {"dated", "undated"}
    assert store.load_document("undated").published_from == "borrowed"
    undated_dates = [m.date for m in store.mentions_of_documents(["undated"]) if m.date]
    assert any("borrowed from dated" in d.evidence.reason for d in undated_dates if d.evidence)


def test_copies_of_one_story_count_as_one_independent_source():
    from strikewatch.similarity import independent_sources

    original = mentions(DATED, "wire", "2021-03-12")
    repost = mentions(DATED, "repost", "2021-03-12")
    rewrite = mentions(UNDATED, "rewrite", "2021-03-12")
    assert independent_sources(original + repost) == 1
    assert independent_sources(original + repost + rewrite) == 2


def test_explain_says_where_the_date_came_from_and_why_sources_merged(tmp_path):
    from strikewatch.explain import explain

    store = _ingested_pair(tmp_path, UNDATED)
    [march] = [e for e in store.load_events() if e["type"] == "demonstration"]
    assert march["independent_sources"] == 2 and march["merged_because"]
    text = explain(store, march["id"])
    assert "why these sentences are one event:" in text
    assert "borrowed from dated" in text and "merged dated: same place and day, one crowd" in text


def test_an_undated_page_with_year_less_days_takes_the_year_of_a_related_dated_report(tmp_path):
    earlier = ("On March 2, dockworkers of Solidaires Rail marched in Lyon against the Vernier pension reform, "
               "and union leader Odile Marchetti said 14,500 people joined.")
    store = _ingested_pair(tmp_path, earlier)
    [march] = [m for m in store.mentions_of_documents(["undated"]) if m.type.value == "demonstration"]
    assert march.date is not None and march.date.start == dt.date(2021, 3, 2)  # not the dated report's day
    assert "the year of dated (2021)" in march.date.evidence.reason
    assert store.load_document("undated").published_from == "borrowed-year"


# A dated Russian report of a Saturday march, a follow-up a week later that names its year-less day and
# shares names with it, and a second page on the follow-up's march that shares only that day, the town
# and a figure with the follow-up: it takes the year the follow-up borrowed.
DATED_RU = ("В субботу в Минске прошел женский марш, участницы собрались на площади Свободы. Правозащитный центр "
            "«Вясна» сообщил о задержании 150 человек, среди них активистка Нина Зорина.")
FOLLOW_UP_RU = ("Правозащитный центр «Вясна» сообщил, что 19 сентября в Минске на новом женском марше задержали "
                "240 человек, среди них снова активистка Нина Зорина.")
SECOND_PAGE_RU = ("19 сентября в Минске женщины прошли маршем от Комаровского рынка, милиция задержала 240 человек. "
                  "Участницы марша пришли в ярких платьях.")


def test_a_page_takes_the_year_another_undated_page_of_the_same_march_has_just_borrowed(tmp_path):
    for name, header, text in (("dated", "published: 2020-09-12\n", DATED_RU), ("follow", "", FOLLOW_UP_RU),
                               ("second", "", SECOND_PAGE_RU)):
        (tmp_path / f"{name}.txt").write_text(f"id: {name}\n{header}\n{text}\n", encoding="utf-8")
    store = open_store(str(tmp_path / "sw.db"))
    ingest_paths([str(tmp_path)], store)
    assert store.load_document("follow").published_from == "borrowed-year"
    assert store.load_document("second").published_from == "borrowed-year"
    second = [m.date for m in store.mentions_of_documents(["second"]) if m.date and m.date.start]
    assert second and all(str(d.start) == "2020-09-19" for d in second)
    assert any("the year of follow (2020, itself borrowed from dated)" in (d.evidence.reason or "")
               for d in second if d.evidence)
    [march] = [e for e in store.load_events() if e["date_start"] == "2020-09-19"]
    assert {m["doc_id"] for m in march["mentions"]} == {"follow", "second"}


def test_an_undated_page_whose_town_has_a_bigger_namesake_abroad_joins_the_dated_report_of_its_namesake(tmp_path):
    # "Córdoba" alone is Argentina's (the bigger); beside a dated report from Córdoba, Spain, that shares
    # its story, the undated rewrite borrows the date and is read again as Spain's
    dated_text = ("CORDOBA, Spain - Bus drivers of the Aucorsa company in Cordoba walked off the job on Monday. "
                  "About 900 drivers joined the stoppage, the Solidaridad Obrera union said.")
    undated_text = ("Buses stayed in their depots in Cordoba on Monday as drivers of the Aucorsa company went on "
                    "strike. The Solidaridad Obrera union said some 900 drivers took part.")
    store = _ingested_pair(tmp_path, undated_text, dated_text, "2025-03-11")
    [strike] = store.load_events()
    assert {m["doc_id"] for m in strike["mentions"]} == {"dated", "undated"}
    assert (strike["place"]["country"], strike["date_start"]) == ("ES", "2025-03-10")


# A dated report, and a short undated post that retells it in its own words, the town opening it.
RALLY = ("On Sunday thousands of residents rallied on Lenin Square in Khabarovsk against the planned waste "
         "incinerator, chanting for the governor to resign.")
POST = "Khabarovsk, right now: thousands of residents at the rally against the waste incinerator on Lenin Square."
# Another rally of that town, retold the same way, about something else.
OTHER_POST = "Khabarovsk, right now: hundreds of pensioners at a picket for higher pensions outside the regional duma."


def test_a_short_post_that_retells_a_dated_report_borrows_its_date():
    borrowed = borrow_report_date(mentions(POST, "u"), dated(("d", RALLY, "2025-03-03")))
    assert borrowed is not None and borrowed.published == dt.date(2025, 3, 3) and borrowed.source_doc == "d"
    assert borrow_report_date(mentions(OTHER_POST, "o"), dated(("d", RALLY, "2025-03-03"))) is None


def test_a_year_less_dateline_takes_its_year_from_the_report_of_that_day_and_town(tmp_path):
    dated = "Hundreds of delivery riders in Accra on Tuesday switched off their apps and marched to the ministry in Osu."
    undated = ("ACCRA, June 4 (Coast Wire) - Delivery riders in Accra went on strike and marched on the ministry's "
               "offices in Osu, demanding lower commissions from the apps.")
    store = _ingested_pair(tmp_path, undated, dated, published="2024-06-04")
    events = store.load_events()
    assert all(e["date_start"] == "2024-06-04" for e in events)
    [march] = [e for e in events if e["type"] == "demonstration"]
    assert {m["doc_id"] for m in march["mentions"]} == {"dated", "undated"}
    assert store.load_document("undated").published_from == "borrowed-year"


# A dated report of a Friday march, and an undated page of that march that shares no name or figure with
# it but its town: its year-less day, with the weekday beside it, is checked twice over.
FRIDAY_MARCH = "Thousands of tenants marched through Porto on Friday against rising rents, the Morar Aqui group said."


@pytest.mark.parametrize("weekday, year_borrowed", [("Friday", True), ("Thursday", False)])
def test_a_year_less_day_with_its_weekday_takes_the_year_in_which_it_falls_on_that_weekday(
        tmp_path, weekday, year_borrowed):
    undated = f"On {weekday}, 11 April, renters and students marched through the streets of Porto to demand rent caps."
    store = _ingested_pair(tmp_path, undated, FRIDAY_MARCH, published="2025-04-12")
    days = {m.date.start for m in store.mentions_of_documents(["undated"]) if m.date is not None}
    if year_borrowed:  # 11 April 2025 is a Friday: the dated report's year, and one march
        assert days == {dt.date(2025, 4, 11)}
        [march] = store.load_events()
        assert {m["doc_id"] for m in march["mentions"]} == {"dated", "undated"}
        assert "falls on the weekday the page gives it" in next(
            m.date.evidence.reason for m in store.mentions_of_documents(["undated"]))
    else:  # a Thursday 11 April is in another year: the page stays undated
        assert days == {None} and store.load_document("undated").published_from != "borrowed-year"


def test_a_weekday_and_year_less_day_of_several_years_borrows_no_year(tmp_path):
    """1 May fell on a Sunday in 2016 and in 2022: reports of both years' May Day in the town leave the
    page's year unknown, whatever order the reports come in."""
    for name, header, text in (("a", "published: 2016-05-02\n", "Pensioners rallied in Porto on Sunday."),
                               ("b", "published: 2022-05-02\n", "Retired workers rallied in Porto on Sunday."),
                               ("u", "", "On Sunday, 1 May, pensioners marched through Porto against the reform.")):
        (tmp_path / f"{name}.txt").write_text(f"id: {name}\n{header}\n{text}\n", encoding="utf-8")
    store = open_store(str(tmp_path / "sw.db"))
    ingest_paths([str(tmp_path)], store)
    assert store.load_document("u").published_from != "borrowed-year"


def test_an_agency_stamp_without_its_year_takes_the_year_where_its_days_counted_from_it_land(tmp_path):
    """"KAMPALA, Oct 5 (Wire) - ... on Sunday": the page's day counted from its stamp lands on the dated
    report's event day in its town; with that year, the stamp is its report date."""
    dated = "Market vendors blocked the main road through Kampala yesterday, protesting a new levy."
    undated = ("KAMPALA, Oct 5 (East Wire) - Hundreds of market vendors blocked the main road through Kampala on "
               "Sunday against a new levy, police said.")
    store = _ingested_pair(tmp_path, undated, dated, published="2025-10-06")
    assert store.load_document("undated").published == dt.date(2025, 10, 5)
    [blockade] = store.load_events()
    assert {m["doc_id"] for m in blockade["mentions"]} == {"dated", "undated"} and blockade["date_start"] == "2025-10-05"


def test_an_agency_stamp_takes_no_year_from_another_crowds_action_that_day(tmp_path):
    """Vendors blocking a road and activists marching in one town that Sunday: the stamp lands on the
    day, but on another crowd's action; the page stays undated."""
    dated = "Market vendors blocked the main road through Kampala yesterday, protesting a new levy."
    undated = ("KAMPALA, Oct 5 (East Wire) - Hundreds of opposition activists marched through Kampala on Sunday, "
               "defying a ban on rallies.")
    store = _ingested_pair(tmp_path, undated, dated, published="2025-10-06")
    assert store.load_document("undated").published is None


# A Wednesday's wire report of that day's walkout, and the next day's undated follow-up.
WALKOUT = ("Transit workers in Leeds went on strike on Wednesday, the Northline Transport union said, and about 3,400 "
           "of its members stopped work at the Kirkstall depot.")
FOLLOW_UP = ("The Northline Transport union called off its strike in Leeds early Thursday after a tentative deal. "
             "The company said 2,100 workers took part in Wednesday's strike at the Kirkstall depot, not 3,400.")


def test_a_follow_up_filed_the_next_day_borrows_the_day_its_named_weekdays_land_on():
    """Read on the wire report's own Wednesday, the follow-up's "early Thursday" would be the Thursday
    before; read a day later, "Wednesday's strike" is the wire report's, and the strike's end on
    Thursday is a later day of a lasting action, no day against it."""
    borrowed = borrow_report_date(mentions(FOLLOW_UP, "u"), dated(("d", WALKOUT, "2025-11-26")))
    assert borrowed is not None and borrowed.published == dt.date(2025, 11, 27) and borrowed.days_after == 1
    assert "1 day after that report's date" in borrowed.reason


def test_yesterday_read_from_a_day_chosen_to_fit_proves_nothing():
    """"Yesterday" lands on any report's event day from the day after it: a later report day needs a
    named weekday that lands."""
    follow_up = ("The Northline Transport union said 2,100 workers took part in yesterday's strike at the Kirkstall "
                 "depot in Leeds.")
    borrowed = borrow_report_date(mentions(follow_up, "u"), dated(("d", WALKOUT, "2025-11-26")))
    assert borrowed is None or borrowed.published == dt.date(2025, 11, 26)


def test_an_undated_pages_weekend_lands_on_the_dated_reports_saturday():
    """"This weekend" on an undated page, read against the dated report's Sunday, holds the Saturday on
    which the report says thousands marched in the town."""
    report = ("Thousands of Ghanaians marched through Accra on Saturday to demand a ban on illegal mining, and "
              "the Democracy Hub movement said 20,000 joined the Obra Spot march to Jubilee House.")
    page = ("The streets of Accra turned red this weekend as thousands of us walked from Obra Spot to Jubilee House "
            "to demand an end to illegal mining, answering the call of the Democracy Hub movement. Police held "
            "twelve protesters.")
    undated = mentions(page, "u")
    assert undated[0].date.evidence.rule == "date:weekend" and undated[0].date.start is None
    borrowed = borrow_report_date(undated, dated(("d", report, "2024-10-06")))
    assert borrowed is not None and borrowed.published == dt.date(2024, 10, 6) and borrowed.agreeing == 1


def test_a_bylines_day_without_its_year_takes_the_year_where_its_days_counted_from_it_land(tmp_path):
    from strikewatch.ingest.metadata import yearless_byline_day

    page = ("Indonesia's week of anger\n\nBy Mia Lund | Jakarta, Aug 31\n\n"
            "Students and unions marched on parliament in Jakarta on Thursday, and police fired tear gas at them.")
    assert yearless_byline_day(page) == "Aug 31"
    assert yearless_byline_day("By Mia Lund | 31 August 2025\n\nText.") is None  # a whole date is the byline's own
    assert yearless_byline_day("By Mia Lund | Jakarta, Aug 31, 10:32 AM\n\nText.") == "Aug 31"
    # an update's stamp, a photo credit, a section heading, a teaser line: no report day
    for line in ("By Mia Lund | Updated Aug 31", "Photo by Ana Ruiz | Lima, Oct 7", "By the numbers, May 31",
                 "More by Mia Lund | Students rally in Jakarta | Aug 12"):
        assert yearless_byline_day(f"{line}\n\nText.") is None, line
    report = ("Students and unions marched on parliament in Jakarta on Thursday, and police fired tear gas at "
              "crowds near the Senayan complex.")
    (tmp_path / "dated.txt").write_text(f"id: dated\npublished: 2025-08-28\n\n{report}\n", encoding="utf-8")
    (tmp_path / "undated.txt").write_text(f"id: undated\n\n{page}\n", encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    ingest_paths([str(tmp_path / "dated.txt"), str(tmp_path / "undated.txt")], store)
    [march] = [m for m in store.mentions_of_documents(["undated"]) if "parliament" in m.sentence.text]
    assert march.date.start == dt.date(2025, 8, 28)


def test_a_copy_borrows_its_originals_date_before_a_later_report_its_days_fit_better():
    """A repost prints the original's sentences word for word and adds one of its own; a report filed a
    week later fits more of its weekdays (its own Tuesday and Thursday), but the copy is the original's."""
    original = ("Thousands of dockworkers marched in Lyon on Thursday against the Vernier pension reform. "
                "Police said 14,500 people joined the march led by union leader Odile Marchetti.")
    copy = original + " On Tuesday, dockworkers of Solidaires Rail blocked the port of Lyon for six hours."
    later = ("On Tuesday, dockworkers of Solidaires Rail blocked the port of Lyon for six hours. Thousands of "
             "dockworkers marched in Lyon again on Thursday against the Vernier reform, led by Odile Marchetti.")
    borrowed = borrow_report_date(mentions(copy, "u"), dated(("a", original, "2021-03-12"),
                                                             ("b", later, "2021-03-19")))
    assert borrowed is not None and (borrowed.source_doc, borrowed.published) == ("a", dt.date(2021, 3, 12))
    assert borrowed.copied and "a copy of that report" in borrowed.reason


def test_a_year_less_first_day_lands_on_the_day_a_dated_report_counts_its_action_back_to():
    """A dated report of a sit-in's second day ("вторые сутки") and an undated page that says when it began
    ("приехали в Тбилиси 12 сентября"): the first day both give is the same, so the page is of that story."""
    dated_text = ("Шахтеры из Ткибули вторые сутки проводят сидячую акцию протеста у здания правительства в Тбилиси. "
                  "Профсоюз Ткибули Уголь требует поднять зарплату на 40%.")
    undated_text = ("Шахтеры из Ткибули приехали в Тбилиси 12 сентября и с тех пор проводят сидячую акцию протеста "
                    "у здания правительства. Профсоюз Ткибули Уголь требует поднять зарплату на 40%.")
    borrowed = borrow_report_date(mentions(undated_text, "u"), dated(("d", dated_text, "2022-09-13")),
                                  whole=page_terms(undated_text))
    assert borrowed is not None and borrowed.source_doc == "d" and borrowed.agreeing >= 1


# A Friday's report of Thursday's march in Lyon, in five sentences that its reposts print.
WIRE = ("Thousands of dockworkers marched in Lyon on Thursday as the Solidaires Rail union walked out over the "
        "Vernier pension reform.\n\nPolice said 14,500 people joined the march led by union leader Odile Marchetti."
        "\n\nStriking dockers blocked the gates of the Edouard Herriot port for several hours.\n\n"
        "The walkout at the Edouard Herriot port halted barge traffic on the Rhone.\n\n"
        "Marchers carried banners reading 'Not one day more' past the Vernier ministry's regional office.")


def test_a_near_copy_borrows_its_reports_date_even_where_a_day_it_reads_differs():
    # a repost prints four of the five sentences word for word and edits the first one's day: read against the
    # report's Friday, its "on Wednesday" lands on no day the report tells of, yet the page is the report's copy
    repost = mentions(WIRE.replace("on Thursday", "on Wednesday"), "u")
    borrowed = borrow_report_date(repost, dated(("d", WIRE, "2021-03-12")))
    assert borrowed is not None and borrowed.published == dt.date(2021, 3, 12) and borrowed.copied
    # a rewrite that prints only the first sentence of it is checked by its days, and that one is against
    rewrite = mentions(WIRE.split("\n\n")[0].replace("on Thursday", "on Wednesday") +
                       "\n\nOdile Marchetti led 14,500 people through the city, police said.", "u")
    assert borrow_report_date(rewrite, dated(("d", WIRE, "2021-03-12"))) is None


def test_a_reports_plans_and_an_undated_pages_plans_are_no_days_to_check_by():
    # the report tells of Thursday's march and of protests called for Friday; the undated page's march
    # "on Thursday" lands on the report's day, and its own plans ("will march again on Monday") count for nothing
    report = WIRE + "\n\nThe union has called for new protests in Lyon on Friday."
    page = mentions("Dockworkers marched through Lyon on Thursday against the Vernier pension reform, and "
                    "Odile Marchetti said 14,500 people joined.\n\nSolidaires Rail said dockers in Lyon will "
                    "march again on Monday.\n\nDockers in Lyon will also block the port gates on Tuesday.", "u")
    borrowed = borrow_report_date(page, dated(("d", report, "2021-03-12")))
    assert borrowed is not None and borrowed.published == dt.date(2021, 3, 12) and borrowed.agreeing == 1


def test_a_day_carried_to_other_towns_is_read_at_the_town_of_the_sentence_that_states_it():
    # "on Tuesday" stated for Kadikoy and carried to a sentence on Ankara, listed first (as a store may
    # return them): the report gives Ankara only a day still to come, Kadikoy its Tuesday
    report = ("Students marched in Kadikoy on Tuesday against the appointment of rector Melih Bulu, and police "
              "detained 104 people in Kadikoy.\n\nStudent groups have called for new protests in Ankara on Friday.")
    page = mentions("On Tuesday, some 3,000 students marched in Kadikoy against rector Melih Bulu.\n\n"
                    "In Ankara, police broke up a solidarity protest of Bulu's critics.", "u")
    carried_first = sorted(page, key=lambda m: -m.sentence.start)
    borrowed = borrow_report_date(carried_first, dated(("d", report, "2021-02-03")))
    assert borrowed is not None and borrowed.published == dt.date(2021, 2, 3) and borrowed.agreeing >= 1


def test_a_plans_year_less_day_is_no_day_to_check_an_undated_page_by():
    # the plan's "1 мая", read as the last one before the report, would land on a day the report has no event
    report = ("Накануне в Новосибирске бастовали курьеры сервиса доставки «ЭкспрессЛавка», требуя повысить "
              "оплату. По данным профсоюза «Курьер», в понедельник на линию не вышли более 200 курьеров.")
    page = mentions("В понедельник в Новосибирске более 200 курьеров сервиса «ЭкспрессЛавка» отказались выходить "
                    "на смены, требуя повысить оплату.\n\nПрофсоюз «Курьер» сообщил, что 1 мая курьеры в разных "
                    "городах планируют провести забастовку.", "u")
    borrowed = borrow_report_date(page, dated(("d", report, "2023-04-18")))
    assert borrowed is not None and borrowed.published == dt.date(2023, 4, 18)
