"""Resolution of mentions into events: within an article and across sources."""

from __future__ import annotations

import pytest

from strikewatch.extract import extract_mentions
from strikewatch.model import EventType
from strikewatch.resolve import resolve_events, same_name

from .builders import MINSK, MOSCOW, SAINT_PETERSBURG, march
from .conftest import make_doc


def events_of(*docs):
    mentions = [m for d in docs for m in extract_mentions(d)]
    return resolve_events(mentions)


def outlets(*texts, published):
    """The same day's reports from several outlets, with doc ids a, b, c..."""
    return [make_doc(text, published=published, doc_id="abcdefgh"[k]) for k, text in enumerate(texts)]


def test_sentences_about_one_march_are_one_event():
    doc = make_doc("Thousands of protesters marched in Minsk on Sunday.\n"
                   "Police detained at least 16 protesters at the march.", published="2020-09-20")
    [event] = events_of(doc)
    assert len(event.mentions) == 2 and event.place.name == "Minsk"


def test_same_city_different_days_stay_apart():
    doc = make_doc("Thousands of protesters marched in Minsk on Sunday.\n"
                   "The number was three times as high as at the protests a week ago in Minsk.",
                   published="2020-09-20")
    events = events_of(doc)
    assert sorted(str(e.date.start) for e in events) == ["2020-09-13", "2020-09-20"]


def test_two_outlets_same_march_merge_and_keep_conflicting_sizes():
    a = make_doc("About 200,000 people marched in Minsk on Sunday.", published="2020-08-17", doc_id="a")
    b = make_doc("Some 300,000 people marched in Minsk on Sunday, organisers said.", published="2020-08-16",
                 doc_id="b")
    [event] = events_of(a, b)
    assert {m.doc_id for m in event.mentions} == {"a", "b"}
    [conflict] = event.conflicts
    assert conflict.field == "size"
    assert {v.value for v in conflict.values} == {(200000, 200000), (300000, 300000)}
    assert {v.claimant for v in conflict.values} == {None, "organisers"}  # who gave each figure


def test_same_day_different_cities_stay_apart():
    moscow, spb = march("a", MOSCOW, "2019-08-10"), march("b", SAINT_PETERSBURG, "2019-08-10")
    assert len(resolve_events(moscow[1] + spb[1])) == 2


def test_towns_a_sentence_lists_stay_apart_however_near():
    events = resolve_events(extract_mentions(make_doc("Nurses rallied in Leeds, Bradford and Wakefield on Monday.",
                                                      published="2025-10-07")))
    assert sorted(e.place.name for e in events) == ["Bradford", "Leeds", "Wakefield"]  # 14 km apart


def test_an_address_is_one_place():
    [event] = resolve_events(extract_mentions(make_doc(
        "Aviation unions on Monday shut down the domestic terminal of the airport, Ikeja, Lagos, picketing "
        "the entrance.", published="2025-10-07")))
    assert event.place.name == "Ikeja"  # the district, within Lagos


def test_a_report_widened_from_its_dateline_to_the_country_stays_the_countrys():
    [event] = resolve_events(extract_mentions(make_doc(
        "LYON - Teachers across France went on strike on Tuesday. The ministry said 27 percent of teachers had "
        "stopped work by midday.", published="2025-02-04")))
    assert (event.place.name, event.place.precision, len(event.mentions)) == ("France", "country", 2)
    # the country named otherwise than as the action's extent leaves the dateline's town
    events = resolve_events(extract_mentions(make_doc(
        "LYON - Dock workers in the city blocked a depot on Monday. France's interior minister condemned the "
        "action. Around 200 workers took part in the blockade.", published="2025-06-04")))
    assert {e.place.name for e in events} == {"Lyon"}
    # a dateline with no country after it is still the placeless sentence's town
    [event] = resolve_events(extract_mentions(make_doc(
        "NAIROBI, Kenya (AP) - Police fired tear gas at protesters on Tuesday. Officers said 12 people were "
        "detained.", published="2025-02-04")))
    assert event.place.name == "Nairobi"


def test_event_ids_are_stable():
    _, mentions = march("a", MINSK, "2020-09-20")
    assert resolve_events(mentions)[0].id == resolve_events(list(mentions))[0].id


def test_look_alike_march_in_another_month_stays_apart():
    august = make_doc("Tens of thousands of people marched in Minsk on Sunday.", published="2020-08-17", doc_id="a")
    december = make_doc("Tens of thousands of people marched in Minsk on Sunday.", published="2020-12-14",
                        doc_id="b")
    events = events_of(august, december)
    assert sorted(str(e.date.start) for e in events) == ["2020-08-16", "2020-12-13"]


def test_spelling_variants_of_a_town_merge_across_outlets():
    [event] = events_of(*outlets("Hundreds of doctors protested in Baranovichi on Monday.",
                                 "Hundreds of doctors protested in Baranavichy on Monday.", published="2020-08-18"))
    assert event.place.name == "Baranovichi" and {m.doc_id for m in event.mentions} == {"a", "b"}
    assert event.block == "BY|2020-08-17"


def test_sources_naming_different_sites_are_a_conflict_not_a_spelling():
    [event] = events_of(*outlets("Workers heckled the president at the MZKT plant in Minsk on Monday.",
                                 "Workers heckled the president at the Minsk Tractor Factory in Minsk on Monday.",
                                 published="2020-08-18"))
    [conflict] = [c for c in event.conflicts if c.field == "site"]
    assert {v.doc_id for v in conflict.values} == {"a", "b"}
    [same] = events_of(*outlets("Workers protested at the Grodno-Azot plant in Grodno on Monday.",
                                "Workers protested at the Grodno Azot plant in Grodno on Monday.", published="2020-08-18"))
    assert not [x for x in same.conflicts if x.field == "site"]


def test_same_name_matches_transliterations_only():
    assert same_name("Tikhanovskaya", "Tsikhanouskaya") and same_name("Tikhanovskaya", "Tikhonovskaya")
    assert same_name("Grodno-Azot", "Grodno Azot") and same_name("the Belaruskali mine", "Belaruskali mine")
    assert not same_name("MZKT plant", "Minsk Tractor Factory")
    assert not same_name("Kolesnikova", "Lukashenko")


def test_stored_ids_are_inherited_when_a_new_source_joins():
    _, first_mentions = march("zz", MINSK, "2020-08-16", published="2020-08-17", size=(200000, 200000))
    _, second_mentions = march("aa", MINSK, "2020-08-16", published="2020-08-17", size=(300000, 300000))
    [first] = resolve_events(first_mentions)
    previous = {first.id: {m.mention_id for m in first.mentions}}
    [merged] = resolve_events(first_mentions + second_mentions, previous)
    assert merged.id == first.id  # although "aa" now sorts first and would lead a fresh event
    assert resolve_events(first_mentions + second_mentions)[0].id != first.id
    [conflict] = merged.conflicts
    assert conflict.field == "size" and {v.value for v in conflict.values} == {(200000, 200000), (300000, 300000)}


def test_blocks_limit_the_result():
    moscow, spb = march("a", MOSCOW, "2019-08-10"), march("b", SAINT_PETERSBURG, "2019-08-11")
    [only] = resolve_events(moscow[1] + spb[1], blocks={"RU|2019-08-10"})
    assert only.place.name == "Moscow"


def test_conflicts_validate_against_the_export_schema():
    import jsonschema

    from strikewatch.export import load_schema
    from strikewatch.record import event_record

    [event] = events_of(*outlets("About 200,000 people rallied at Independence Square in Minsk on Sunday.",
                                 "Some 300,000 people rallied outside the Independence Palace in Minsk on Sunday.",
                                 published="2020-08-17"))
    record = event_record(event, {})
    assert {c["field"] for c in record["conflicts"]} == {"size", "site"}
    jsonschema.validate(record, load_schema())


def test_a_protest_that_turns_violent_is_one_event_of_the_type_most_sentences_give():
    doc = make_doc("A small election protest in Kinshasa turned violent, with demonstrators clashing with police.\n"
                   "The opposition held the protest in Kinshasa on Wednesday against irregularities in the vote.\n"
                   "At most a few hundred supporters gathered outside the campaign headquarters in Kinshasa.\n"
                   "Thousands marched in Kinshasa last Wednesday.",
                   published="2023-12-27")
    events = events_of(doc)
    [today] = [e for e in events if str(e.date.start) == "2023-12-27"]
    assert {m.type.value for m in today.mentions} == {"riot", "demonstration"}
    assert today.type.value == "demonstration"  # two demonstration sentences against one riot
    assert any(s.low == 300 for m in today.mentions for s in m.sizes)
    assert len(events) == 2  # last week's march stays apart


def test_a_strike_and_the_march_of_its_strikers_stay_two_events():
    doc = make_doc("Dock workers went on strike in Mandalay on Saturday.\n"
                   "Hundreds of people marched in Mandalay on Saturday against the coup.", published="2021-02-20")
    assert sorted(e.type.value for e in events_of(doc)) == ["demonstration", "strike"]


def test_a_headline_joins_its_own_types_event_of_the_day_not_the_first_that_fits():
    doc = make_doc("Dock workers strike in Lisbon\n"
                   "Thousands of people marched through Lisbon on Monday against the new labour law.\n"
                   "Dock workers in Lisbon walked off the job on Monday, halting the port.", published="2024-03-05")
    by_type = {e.type.value: e for e in events_of(doc)}
    headline = [m for e in by_type.values() for m in e.mentions if m.sentence.text == "Dock workers strike in Lisbon"]
    assert [m.type.value for m in headline] == ["strike"]
    assert headline[0] in by_type["strike"].mentions and headline[0].trigger.reason == "a headline"


NORVIK_STRIKE = "Workers at the Norvik Steel plant in Gdansk went on strike on Monday over unpaid wages."
NORVIK_RALLY = "Hundreds of people rallied outside the Norvik Steel plant in Gdansk on Monday."


def test_one_outlets_strike_at_a_plant_is_anothers_gathering_of_its_strikers():
    [event] = events_of(*outlets(NORVIK_STRIKE, NORVIK_RALLY, published="2022-05-10"))
    assert {m.doc_id for m in event.mentions} == {"a", "b"} and event.type.value == "strike"
    assert "one town, day and workplace" in event.merged_because[0]  # explain says why


def test_a_strike_and_a_gathering_at_another_workplace_or_day_stay_apart():
    other_plant = NORVIK_RALLY.replace("the Norvik Steel plant", "the Ostrava Cement works")
    assert len(events_of(*outlets(NORVIK_STRIKE, other_plant, published="2022-05-10"))) == 2
    other_day = NORVIK_RALLY.replace("on Monday", "on Tuesday")
    assert len(events_of(*outlets(NORVIK_STRIKE, other_day, published="2022-05-11"))) == 2
    other_town = NORVIK_RALLY.replace("in Gdansk", "in Szczecin")
    assert len(events_of(*outlets(NORVIK_STRIKE, other_town, published="2022-05-10"))) == 2


def test_an_articles_strike_and_its_strikers_gathering_at_the_plant_are_one_event():
    doc = make_doc(NORVIK_STRIKE + "\nLater hundreds of people rallied outside the Norvik Steel plant in Gdansk "
                   "on Monday.", published="2022-05-10")
    [event] = events_of(doc)
    assert {m.type.value for m in event.mentions} == {"strike", "demonstration"}


def test_a_general_strike_and_the_march_of_its_day_stay_apart_though_both_name_its_union():
    doc = make_doc("Portugal's largest union federation, the CGTP, held a general strike on Thursday.\n"
                   "A march to parliament in Lisbon drew 30,000 people, the CGTP said.\n"
                   "The CGTP said the strike shut most schools.", published="2024-11-14")
    by_type = {e.type.value: e for e in events_of(doc)}
    assert set(by_type) == {"strike", "demonstration"}
    assert [s.low for m in by_type["demonstration"].mentions for s in m.sizes] == [30000]
    assert not any(m.sizes for m in by_type["strike"].mentions)
    # a company's strike and its strikers' march at the plant stay one event
    plant = make_doc(NORVIK_STRIKE + "\nThe Norvik Steel union said 900 strikers marched to the gate in Gdansk on "
                     "Monday.", published="2022-05-10")
    assert len(events_of(plant)) == 1


HOSPITAL_STRIKE = "Nurses at the city's two public hospitals in Tartu went on strike on Monday over staffing."
STRIKERS_RALLY = "About 400 striking nurses rallied outside the county offices in Tartu on Monday."


def test_a_gathering_whose_crowd_is_named_as_the_strikers_is_the_strikes_own():
    """No workplace in common, but the crowd is the strike's ("striking nurses", "the strikers"): one event,
    within an article and across outlets; a crowd not so named, or the march of a general strike's
    day, stays apart (`test_a_general_strike_and_the_march_of_its_day_stay_apart...`)."""
    [event] = events_of(*outlets(HOSPITAL_STRIKE, STRIKERS_RALLY, published="2025-03-11"))
    assert {m.doc_id for m in event.mentions} == {"a", "b"} and event.type.value == "strike"
    [one] = events_of(make_doc(HOSPITAL_STRIKE + "\n" + STRIKERS_RALLY, published="2025-03-11"))
    assert {m.type.value for m in one.mentions} == {"strike", "demonstration"}
    others = STRIKERS_RALLY.replace("striking nurses", "residents")
    assert len(events_of(*outlets(HOSPITAL_STRIKE, others, published="2025-03-11"))) == 2
    # strikers of another trade, or a strike that is part of a nationwide walkout, have crowds of their own
    teachers = STRIKERS_RALLY.replace("striking nurses", "striking teachers")
    assert len(events_of(*outlets(HOSPITAL_STRIKE, teachers, published="2025-03-11"))) == 2
    national = HOSPITAL_STRIKE.replace("over staffing", "as part of a nationwide walkout")
    assert len(events_of(make_doc(national + "\n" + STRIKERS_RALLY, published="2025-03-11"))) == 2


def test_two_undated_reports_of_one_story_in_the_same_figures_are_one_event():
    first = ("Police detained 412 people overnight at protests in Minsk, the interior ministry said, and 27 "
             "officers were hurt in clashes in 19 towns.")
    second = "Protesters clashed with police in Minsk overnight; 412 were detained and 27 officers injured in 19 towns."
    a, b = make_doc(first, doc_id="a"), make_doc(second, doc_id="b")  # no publication dates
    [event] = events_of(a, b)
    assert {m.doc_id for m in event.mentions} == {"a", "b"}
    assert event.date is None or event.date.start is None
    assert "two undated reports of one story" in event.merged_because[0]
    other = make_doc("Protesters clashed with police in Minsk overnight; dozens were detained.", doc_id="b")
    assert len(events_of(a, other)) == 2  # no figures in common: two stories for all we know


def test_an_undated_fragment_joins_the_one_street_event_it_can_belong_to():
    undated = make_doc("Striking garment workers clashed with police on Saturday near Dhaka.\n"
                       "Police said they fired tear gas to disperse the protesters, who threw stones and blocked roads.")
    # no publication day: "Saturday" is unresolved, the blockade has no date at all ("striking" is its own strike)
    [event] = [e for e in events_of(undated) if e.type.value != "strike"]
    assert {m.type.value for m in event.mentions} >= {"riot", "blockade"}
    dated = make_doc("Thousands marched in Minsk on June 16.\nThousands marched in Minsk on August 18.\n"
                     "Some protesters blocked roads in Minsk.")
    assert len(events_of(dated)) == 3  # two marches it could belong to: the blockade stays apart
    # a report of which only the month is known: a sentence about "the march" with no date, its dated
    # march and a "Saturday" it cannot resolve; both join the one march of a known day
    month_only = make_doc("Правозащитники сообщили, что на марше в Минске задержали 40 человек.\n"
                          "Женский марш прошел в Минске 19 сентября, участницы пришли в ярких платьях.\n"
                          "Поздно вечером в субботу в Минске протестующие снова собрались на акцию.", published="2020-09")
    [march_day] = events_of(month_only)
    assert str(march_day.date.start) == "2020-09-19" and len(march_day.mentions) == 3


def test_a_count_placed_only_by_the_dateline_joins_the_days_national_event():
    doc = make_doc("NANTERRE, France (AP) — Rioters torched cars and looted stores across France on Friday.\n"
                   "The interior ministry said 1,311 people were arrested on Friday.\n"
                   "In Marseille, police fired tear gas at youths who pelted them with stones on Friday.",
                   published="2023-06-30")
    national, marseille = sorted(events_of(doc), key=lambda e: e.place.precision != "country")
    assert (national.type.value, national.place.name, national.place.precision) == ("riot", "France", "country")
    assert any(m.arrests == 1311 for m in national.mentions)  # the nation's count, not the dateline town's
    assert (marseille.type.value, marseille.place.name) == ("riot", "Marseille")
    assert not any(m.arrests for m in marseille.mentions)


def test_a_tie_between_a_protest_and_a_riot_is_a_riot():
    doc = make_doc("Dozens of protesters were killed in Almaty on Wednesday, police said.\n"
                   "Protesters stormed the mayor's office in Almaty and set it on fire on Wednesday.",
                   published="2022-01-06")
    [event] = events_of(doc)
    assert event.type.value == "riot"


def test_a_tie_between_a_protest_and_an_occupation_is_an_occupation():
    doc = make_doc("Protesting against unpaid overtime, about 200 nurses occupied the lobby of the health "
                   "ministry in Lima on Tuesday.", published="2023-05-17")
    [event] = events_of(doc)
    assert event.type.value == "occupation"


def test_a_dated_report_about_the_whole_country_stays_apart_from_each_citys_event():
    doc = make_doc("Anti-war rallies were held in 56 Russian cities on Sunday, and more than 4,300 people were "
                   "detained.\n"
                   "A protest also took place in Novosibirsk on Sunday, where riot police dragged demonstrators into "
                   "buses.", published="2022-03-06")
    events = events_of(doc)
    assert {(e.place.name, e.place.precision) for e in events} == {("Russia", "country"), ("Novosibirsk", "city")}
    [country] = [e for e in events if e.place.precision == "country"]
    assert any(m.arrests == 4300 for m in country.mentions)  # not the arrests of Novosibirsk alone


def test_a_report_dated_a_day_later_merges_when_it_shares_names_and_figures():
    # The wire story says "on Saturday"; the evening paper only carries its own date (Sunday's).
    a = make_doc("Thousands of teachers marched in Porto on Saturday, the Fenprof union said, demanding the "
                 "reinstatement of 6,300 contracts cut by minister Elvira Sardo.", published="2022-03-13", doc_id="a")
    later = "Teachers marched in Porto as Fenprof rallied against minister Elvira Sardo over 6,300 contracts."
    [merged] = events_of(a, make_doc(later, published="2022-03-13", doc_id="b"))
    assert {m.doc_id for m in merged.mentions} == {"a", "b"}
    assert str(merged.date.start) == "2022-03-12"  # the day a text states wins over a carried one
    assert merged.merged_because and "shared names and figures" in merged.merged_because[0]
    assert len(events_of(a, make_doc(later, published="2022-03-15", doc_id="b"))) == 2  # three days apart


def test_a_day_apart_without_shared_content_stays_apart():
    a = make_doc("Thousands of teachers marched in Porto on Saturday, the Fenprof union said.",
                 published="2022-03-13", doc_id="a")
    b = make_doc("Nurses marched in Porto over night shifts.", published="2022-03-14", doc_id="b")
    assert len(events_of(a, b)) == 2


def test_two_days_both_texts_state_never_merge_even_with_shared_content():
    text = "Teachers of the Fenprof union marched in Porto {day} against minister Elvira Sardo over 6,300 contracts."
    a = make_doc(text.format(day="on Saturday"), published="2022-03-14", doc_id="a")
    b = make_doc(text.format(day="on Sunday"), published="2022-03-14", doc_id="b")
    assert sorted(str(e.date.start) for e in events_of(a, b)) == ["2022-03-12", "2022-03-13"]


def test_one_outlets_march_is_another_outlets_riot_on_the_same_day_in_the_same_town():
    a = make_doc("Thousands of Fenprof teachers marched in Porto on Saturday against minister Elvira Sardo.",
                 published="2022-03-13", doc_id="a")
    b = make_doc("Fenprof protesters clashed with police and torched cars in Porto on Saturday, angry at minister "
                 "Elvira Sardo.", published="2022-03-13", doc_id="b")
    [event] = events_of(a, b)
    assert {m.doc_id for m in event.mentions} == {"a", "b"}


def test_a_country_wide_day_and_two_towns_never_chain_into_one_event():
    a = make_doc("Fenprof teachers marched in Porto on Saturday.", published="2022-03-13", doc_id="a")
    b = make_doc("Fenprof teachers marched in Coimbra on Saturday.", published="2022-03-13", doc_id="b")
    c = make_doc("Fenprof teachers marched across Portugal on Saturday.", published="2022-03-13", doc_id="c")
    events = events_of(a, b, c)
    assert len(events) == 3
    assert all(len({m.doc_id for m in e.mentions}) == 1 for e in events)


def test_country_wide_reports_of_one_day_merge_with_each_other():
    a = make_doc("Fenprof teachers marched across Portugal on Saturday.", published="2022-03-13", doc_id="a")
    b = make_doc("Teachers of Fenprof marched nationwide in Portugal on Saturday.", published="2022-03-13", doc_id="b")
    [event] = events_of(a, b)
    assert event.place.precision == "country" and {m.doc_id for m in event.mentions} == {"a", "b"}


def test_touched_blocks_are_whole_weeks_and_each_articles_own_block():
    from strikewatch.resolve import block_week, touched_blocks

    assert block_week("PT|2022-03-12") == block_week("PT|2022-03-13") == "PT|2022-03-09"  # Sat, Sun: one week
    assert block_week("PT|2022-03-08") != block_week("PT|2022-03-09")  # the week turns on Wednesday
    doc = make_doc("Fenprof teachers marched in Porto on Saturday.", published="2022-03-13", doc_id="a")
    blocks = touched_blocks(extract_mentions(doc))
    assert "doc|a" in blocks and {f"PT|2022-03-{d:02d}" for d in range(9, 16)} <= blocks


def test_a_country_wide_report_joins_the_one_town_event_of_its_day_when_they_share_content():
    town = make_doc("Fenprof teachers marched in Porto on Saturday against minister Elvira Sardo.",
                    published="2022-03-13", doc_id="a")
    country = make_doc("Fenprof teachers marched across Portugal on Saturday against minister Elvira Sardo.",
                       published="2022-03-13", doc_id="c")
    [event] = events_of(town, country)
    assert {m.doc_id for m in event.mentions} == {"a", "c"} and event.place.name == "Porto"


def test_a_country_wide_report_of_clashes_joins_the_one_towns_march_of_its_day():
    town = make_doc("Fenprof teachers marched in Porto on Saturday against minister Elvira Sardo.",
                    published="2022-03-13", doc_id="a")
    country = make_doc("Fenprof protesters clashed with police across Portugal on Saturday, angry at minister "
                       "Elvira Sardo.", published="2022-03-13", doc_id="c")
    [event] = events_of(town, country)
    assert {m.doc_id for m in event.mentions} == {"a", "c"} and event.place.name == "Porto"
    other = make_doc("Farmers marched in Coimbra on Saturday.", published="2022-03-13", doc_id="b")
    assert len(events_of(town, country, other)) == 3  # two towns' crowds that day: the country's is neither's


def test_reports_of_a_strike_dated_only_by_its_month_merge_when_they_share_content():
    a = make_doc("In June, an eight-day strike by Solidaires Rail truckers delayed cargo across France.",
                 published="2022-11-24", doc_id="a")
    b = make_doc("The Solidaires Rail truckers' eight-day strike in June delayed cargo shipments across France.",
                 published="2022-11-25", doc_id="b")
    [event] = [e for e in events_of(a, b) if e.date and e.date.precision == "month"]
    assert {m.doc_id for m in event.mentions} == {"a", "b"} and event.block == "FR|2022-06"
    c = make_doc("In June, nurses went on strike across France over pay.", published="2022-11-25", doc_id="c")
    months = [e for e in events_of(a, c) if e.date and e.date.precision == "month"]
    assert len(months) == 2  # the same month, but nothing else in common


def test_a_sentence_that_points_back_to_an_events_site_joins_it_not_the_sentence_before():
    doc = make_doc("Thousands of miners blocked the Pan-American highway near Arequipa on Monday.\n"
                   "The blockade came after a march by about 2,000 teachers in Lima on Friday.\n"
                   "Police arrested 12 protesters at the highway.", published="2023-05-09")
    blockade = next(e for e in events_of(doc) if str(e.date.start) == "2023-05-08")
    assert any("arrested 12" in m.sentence.text for m in blockade.mentions)
    assert max(m.arrests or 0 for m in blockade.mentions) == 12


def test_a_repost_with_a_dateline_dropped_is_one_independent_source():
    from strikewatch.similarity import independent_sources

    wire = make_doc("LIMA, May 9 (Wire) - Thousands of miners blocked the Pan-American highway near Arequipa on "
                    "Monday, police said.", published="2023-05-09", doc_id="wire")
    repost = make_doc("Thousands of miners blocked the Pan-American highway near Arequipa on Monday, police said.",
                      published="2023-05-09", doc_id="repost")
    [event] = events_of(wire, repost)
    assert {m.doc_id for m in event.mentions} == {"wire", "repost"}
    assert independent_sources(event.mentions) == 1


def test_the_strike_named_again_under_a_dateline_joins_the_nationwide_strike():
    doc = make_doc("LIMA, March 3 -- Bus drivers across Peru launched a nationwide strike on Monday.\n"
                   "The drivers also staged a three-day strike in October.\n"
                   "The strike came after talks with the transport ministry collapsed.", published="2025-03-03")
    strikes = sorted((e for e in events_of(doc) if e.type.value == "strike"), key=lambda e: e.date.start)
    assert [str(e.date.start)[:7] for e in strikes] == ["2024-10", "2025-03"]
    assert len(strikes[1].mentions) == 2  # "The strike came after..." is Monday's, not a town's of its own


def test_a_strike_named_again_with_its_own_town_stays_that_towns():
    doc = make_doc("Bus drivers across Peru launched a nationwide strike on Monday.\n"
                   "In Cusco, the strike shut every school on Tuesday.", published="2025-03-04")
    assert len([e for e in events_of(doc) if e.type.value == "strike"]) == 2


def _dated_by(m, rule: str, day: str | None):
    """The mention with its date carried by `rule` (to `day`, or to no day: an unresolved weekday)."""
    import datetime as dt
    from dataclasses import replace

    from strikewatch.model import DatePrecision, DateSpan, Evidence

    start = dt.date.fromisoformat(day) if day else None
    ev = Evidence(m.sentence.text[:12], m.sentence.start, m.sentence.start + 12, rule, "built by hand")
    return replace(m, date=DateSpan(start, start, DatePrecision.DAY if day else None, ev))


def test_a_group_dated_only_by_the_report_day_joins_the_one_event_a_day_before():
    from strikewatch.resolve import group_document

    from .builders import MINSK, document, mention

    shot = "Soldiers have opened fire on the marchers in Minsk."
    gathered = "Marchers gathered at the station in Minsk on Tuesday."
    doc = document("d", shot, gathered, published="2020-10-21")
    fragment = _dated_by(mention(doc, shot, "marchers", place=MINSK), "date:publication", "2020-10-21")
    march = mention(doc, gathered, "gathered", day="2020-10-20", when="on Tuesday", place=MINSK)
    [event] = group_document([fragment, march])
    assert event.date.start.isoformat() == "2020-10-20" and len(event.mentions) == 2
    # the day before and the day after both stated: the fragment is neither's
    after = "Marchers gathered at the station in Minsk on Thursday."
    doc = document("e", shot, gathered, after, published="2020-10-21")
    tuesday = mention(doc, gathered, "gathered", day="2020-10-20", when="on Tuesday", place=MINSK)
    thursday = mention(doc, after, "gathered", day="2020-10-22", when="on Thursday", place=MINSK)
    fragment = _dated_by(mention(doc, shot, "marchers", place=MINSK), "date:publication", "2020-10-21")
    assert len(group_document([fragment, tuesday, thursday])) == 3


def test_an_undated_fragment_joins_the_one_street_event_with_a_known_day():
    from strikewatch.resolve import group_document

    from .builders import MINSK, document, mention

    lead = "Police detained women at the march in Minsk."
    dated = "Women marched in Minsk on the day."
    late = "Detainees were let go late on Saturday in Minsk."
    doc = document("d", lead, dated, late)
    undated = mention(doc, lead, "march", place=MINSK)
    march = mention(doc, dated, "marched", day="2020-09-19", when="on the day", place=MINSK)
    weekday = _dated_by(mention(doc, late, "Detainees", place=MINSK), "date:weekday", None)
    events = group_document([undated, march, weekday])
    [with_day] = [e for e in events if e.date and e.date.start]
    assert undated.mention_id in {m.mention_id for m in with_day.mentions}


def test_two_undated_reports_ingested_one_at_a_time_are_one_event(tmp_path):
    from strikewatch.pipeline import ingest_paths
    from strikewatch.store import open_store

    texts = {"a": "Police detained 412 people overnight at protests in Minsk, and 27 officers were hurt in 19 towns.",
             "b": "Protesters clashed with police in Minsk overnight; 412 were detained and 27 officers injured."}
    store = open_store(str(tmp_path / "sw.db"))
    for doc_id, text in texts.items():  # the second meets the first in the country's undated block
        (tmp_path / f"{doc_id}.txt").write_text(f"id: {doc_id}\n\n{text}\n", encoding="utf-8")
        ingest_paths([str(tmp_path / f"{doc_id}.txt")], store)
    [event] = store.load_events()
    assert {m["doc_id"] for m in event["mentions"]} == {"a", "b"} and event["date_start"] is None


def test_a_lead_dated_only_by_the_pages_time_stamp_joins_the_event_the_body_dates_the_day_before():
    # the stamp is when the report was filed (late on Saturday); the body says the march was on Friday
    text = ("Teachers march on town hall Mar 9, 2024, 11.40 PM IST nashik: hundreds of teachers "
            "marched to the town hall to demand unpaid salaries.\n"
            "the teachers marched through the old city on friday, the union said.\n")
    [event] = events_of(make_doc(text))
    assert event.date.start.isoformat() == "2024-03-08" and len(event.mentions) == 2
    lead = event.mentions[0]
    assert lead.date.evidence.rule == "date:report-stamp" and not lead.date.stated
    # an event's own day and hour in the lead are no stamp: the day stays the sentence's own
    [walkout] = extract_mentions(make_doc("Workers walked out at the Pune plant on Monday, 10.30 am, over unpaid "
                                          "wages.", published="2024-05-07"))
    assert walkout.date.evidence.rule == "date:weekday" and walkout.date.stated


def test_arrests_in_a_town_the_sentence_names_are_not_the_countrys_strike():
    from strikewatch.extract import extract_mentions
    from strikewatch.resolve import resolve_events

    from .conftest import make_doc

    doc = make_doc("Workers went on strike in Belarus on Monday. In Grodno, police detained 32 workers.",
                   published="2021-05-11")
    events = resolve_events(extract_mentions(doc))
    # the country's strike is not moved to the town where the arrests were made
    assert sorted((e.place.name if e.place else None, [m.arrests for m in e.mentions]) for e in events) == \
        [("Belarus", [None]), ("Hrodna", [32])]


def test_two_claimants_in_one_report_disagree_on_the_size():
    doc = make_doc("Thousands marched in Bordeaux on Saturday against the pension reform. Police put the crowd at "
                   "12,000, while the CGT union said 40,000 took part.", published="2025-05-11")
    [event] = events_of(doc)
    [conflict] = event.conflicts
    assert conflict.field == "size"
    assert {(v.value, v.claimant) for v in conflict.values} >= {((12000, 12000), "Police"),
                                                                ((40000, 40000), "CGT union")}


def test_one_report_with_one_figure_has_no_conflict():
    [event] = events_of(make_doc("Police said 12,000 people marched in Bordeaux on Saturday.",
                                 published="2025-05-11"))
    assert event.conflicts == []


def test_outlets_that_count_different_arrests_keep_both_claims_with_their_claimants():
    import jsonschema

    from strikewatch.export import load_schema
    from strikewatch.record import event_record

    [event] = events_of(*outlets(
        "Thousands of teachers marched in Nairobi on Saturday. Police said 35 protesters were arrested.",
        "Teachers marched in Nairobi on Saturday for higher pay. More than 60 people were detained, according to "
        "rights groups.", published="2024-05-12"))
    assert {m.doc_id for m in event.mentions} == {"a", "b"}
    [conflict] = [c for c in event.conflicts if c.field == "arrests"]
    assert {(v.value, v.doc_id, v.claimant) for v in conflict.values} == {((35, 35), "a", "Police"),
                                                                         ((60, 60), "b", "rights groups")}
    record = event_record(event, {})
    assert record["arrests"] == 60  # the event's count is the largest claim; the smaller one is kept beside it
    jsonschema.validate(record, load_schema())


def test_two_claimants_in_one_report_disagree_on_the_deaths():
    [event] = events_of(make_doc(
        "Protesters clashed with police in Lima on Tuesday. The Health Ministry said three people were killed in the "
        "clashes.\nRights groups said seven people had been killed.", published="2025-02-05"))
    [conflict] = [c for c in event.conflicts if c.field == "deaths"]
    assert {(v.value, v.claimant) for v in conflict.values} == {((3, 3), "Health Ministry"), ((7, 7), "Rights groups")}


def test_a_toll_that_rises_within_one_report_is_one_claim():
    [event] = events_of(make_doc(
        "Two protesters were killed in clashes with police in Lima on Tuesday.\n"
        "By Wednesday the number of people killed during the protests in Lima had risen to five.",
        published="2025-02-05"))
    assert not [c for c in event.conflicts if c.field == "deaths"]
    assert sorted(m.deaths for m in event.mentions if m.deaths) == [2, 5]


def test_parts_of_a_toll_and_one_claimants_update_are_no_conflict():
    [parts] = events_of(make_doc("Thousands marched in Lyon on Thursday. Police said 12 officers were injured. Hospital "
                                 "officials said 30 protesters were injured.", published="2025-03-14"))
    assert not [c for c in parts.conflicts if c.field == "injuries"]  # the forces' casualties are a count apart
    [update] = events_of(make_doc("Thousands marched in Lyon on Thursday. Police said 20 people were arrested. By "
                                  "evening 26 people were arrested, police said.", published="2025-03-14"))
    assert not [c for c in update.conflicts if c.field == "arrests"]  # one claimant's rising count
    # a district's share is no rival claim; officers named in an aside leave the crowd's count a claim
    opening = "Police arrested protesters in Lagos on Monday during a march against fuel prices. "
    [lagos] = events_of(*outlets(opening + "Police said 12 people were arrested.",
                                 opening + "In Ikeja alone, five people were arrested, police said.",
                                 published="2024-03-12"))
    assert not [c for c in lagos.conflicts if c.field == "arrests"]
    [hurt] = events_of(*outlets("Thousands marched in Lagos on Monday. Twelve people, including four police officers, "
                                "were injured.",
                                "Thousands marched in Lagos on Monday. Twenty people were injured, hospital officials "
                                "said.", published="2024-03-12"))
    [injuries] = [c for c in hurt.conflicts if c.field == "injuries"]
    assert {v.value for v in injuries.values} == {(12, 12), (20, 20)}


def test_things_rounded_up_are_no_arrests():
    [strike] = events_of(make_doc("Drivers went on strike in Nairobi on Monday. County officials rounded up 300 "
                                  "minibuses parked illegally in the city centre.", published="2024-03-12"))
    assert all(m.arrests is None for m in strike.mentions)


def test_a_national_strike_two_outlets_report_stays_the_countrys_when_no_sentence_names_a_town():
    a = make_doc("QUITO, June 9 -- Teachers across Ecuador began a nationwide strike on Monday.\n"
                 "The strike closed most public schools, the UNE union said.", published="2025-06-09", doc_id="a")
    b = make_doc("Ecuador's teachers walked out on Monday, the UNE union said.", published="2025-06-09", doc_id="b")
    [strike] = [e for e in events_of(a, b) if e.type.value == "strike"]
    assert {m.doc_id for m in strike.mentions} == {"a", "b"}
    # the dateline carried Quito to one sentence: where the report was filed, not the strike's town
    assert (strike.place.name, strike.place.precision) == ("Ecuador", "country")


def test_a_towns_crowd_estimate_after_the_countrys_day_is_that_towns_event():
    doc = make_doc("Tens of thousands of Slovaks rallied across the country on Sunday evening.\n"
                   "In Kosice, police estimated the crowd at 9,000.", published="2025-01-13")
    places = {e.place.name: e for e in events_of(doc)}
    assert set(places) == {"Slovakia", "Košice"}
    assert [c.low for m in places["Košice"].mentions for c in m.sizes] == [9000]
    doc = make_doc("Tens of thousands of Slovaks rallied across the country on Sunday evening.\n"
                   "In Kosice, about 600 people took part.", published="2025-01-13")
    assert {e.place.name for e in events_of(doc)} == {"Slovakia", "Košice"}
    doc = make_doc("Thousands marched in Lyon on Monday.\nIn Marseille, riot police used water cannon against "
                   "5,000 people.", published="2024-05-06")
    assert {e.place.name for e in events_of(doc)} == {"Lyon", "Marseille"}


def test_a_definite_action_counted_in_its_year_is_the_one_named_before_but_another_years_is_not():
    counted = make_doc("Dockworkers at the port of Durban went on strike on Thursday.\n"
                       "The walkout is the third this year.", published="2024-04-30")
    assert [len(e.mentions) for e in events_of(counted)] == [2]
    older = make_doc("Dockworkers at the port of Durban went on strike on Thursday.\n"
                     "The 2019 strike at the port lasted a month.", published="2024-04-30")
    # another year's strike is not Thursday's; dated only by its earlier year, it is the report's background
    [thursday] = events_of(older)
    assert str(thursday.date.start) == "2024-04-25" and len(thursday.mentions) == 1
    assert [m.modality.value for m in extract_mentions(older)] == ["asserted", "background"]


def test_a_strike_by_dockworkers_counts_them():
    [m] = [m for m in extract_mentions(make_doc("The strike by 4,000 dockworkers at the port of Durban has cost "
                                                "exporters millions.", published="2024-04-30"))]
    assert [c.low for c in m.sizes] == [4000]


def _national_strike_from_two_towns():
    """Porto's and Lisbon's reports of one Thursday's national strike, sharing its names and figure."""
    porto = make_doc("PORTO -- Buses and trams stood still in Porto on Thursday as workers joined the national strike "
                 "that Marta Sousa's CGTP federation called against a pension cut of 12 percent.",
                 published="2025-05-16", doc_id="a")
    lisbon = make_doc("LISBON -- Schools and ministries were shut in Lisbon on Thursday during the nationwide strike "
                 "that the CGTP federation called against the pension reform, which Marta Sousa of the CGTP says "
                 "cuts pensions by 12 percent.", published="2025-05-16", doc_id="b")
    return porto, lisbon


def test_a_nationwide_strike_reported_from_two_towns_is_the_countrys_one_stoppage():
    a, b = _national_strike_from_two_towns()
    [strike] = [e for e in events_of(a, b) if e.type.value == "strike"]
    assert {m.doc_id for m in strike.mentions} == {"a", "b"}
    assert (strike.place.name, strike.place.precision) == ("Portugal", "country")
    assert any("the country's strike" in why for why in strike.merged_because)
    assert strike.place.evidence.text == "strike" and "different towns" in strike.place.evidence.reason


def test_local_strikes_in_two_towns_on_one_day_stay_apart():
    a = make_doc("Bus drivers went on strike in Porto on Thursday over the pension reform, Marta Sousa of the "
                 "CGTP federation said, a cut of 12 percent.", published="2025-05-16", doc_id="a")
    b = make_doc("Bus drivers went on strike in Lisbon on Thursday over the pension reform, Marta Sousa of the "
                 "CGTP federation said, a cut of 12 percent.", published="2025-05-16", doc_id="b")
    strikes = [e for e in events_of(a, b) if e.type.value == "strike"]
    assert sorted(e.place.name for e in strikes) == ["Lisbon", "Porto"]


def test_a_report_that_tells_two_towns_strikes_apart_keeps_them_apart_from_another_towns():
    a = make_doc("Dockers in Porto joined the nationwide strike on Thursday. In Lisbon, train drivers stopped work "
                 "on Thursday as well, the CGTP federation said.", published="2025-05-16", doc_id="a")
    b = make_doc("Schools were shut in Coimbra on Thursday during the nationwide strike called by the CGTP "
                 "federation, whose leader Marta Sousa said the Porto dockers and the Lisbon train drivers had "
                 "stopped work too.", published="2025-05-16", doc_id="b")
    strikes = [e for e in events_of(a, b) if e.type.value == "strike"]
    assert all(len({m.doc_id for m in e.mentions}) == 1 for e in strikes)
    assert "Coimbra" in {e.place.name for e in strikes}


def test_a_russian_nationwide_strike_reported_from_two_towns_is_one_stoppage():
    a = make_doc("В понедельник рабочие «Гродно Азота» присоединились к общенациональной забастовке, которую "
                 "объявила Светлана Тихановская. Забастовку поддержали 200 рабочих.", published="2020-10-27", doc_id="a")
    b = make_doc("В понедельник в Минске студенты БГУ вышли на общенациональную забастовку, объявленную Светланой "
                 "Тихановской. По её данным, бастовали 200 рабочих завода.", published="2020-10-27", doc_id="b")
    [strike] = [e for e in events_of(a, b) if e.type.value == "strike"]
    assert {m.doc_id for m in strike.mentions} == {"a", "b"}
    assert strike.place.precision == "country" and strike.place.country == "BY"


def test_regional_general_strikes_and_company_strikes_of_one_day_stay_in_their_towns():
    day = "2025-05-16"
    regional = [make_doc(f"{city.upper()} -- Shops and factories closed in {city} on Thursday as workers joined a "
                         f"general strike in {region} called by the CCOO and UGT unions against the labour reform "
                         "of minister Ana Ruiz.", published=day, doc_id=doc)
                for doc, city, region in (("a", "Barcelona", "Catalonia"), ("b", "Bilbao", "the Basque Country"))]
    assert sorted(e.place.name for e in events_of(*regional) if e.type.value == "strike") == ["Barcelona", "Bilbao"]
    plants = [make_doc(f"{city.upper()} -- The General Motors strike at the {city} assembly plant began on Monday "
                       "over wages, said Shawn Fain of the United Auto Workers.", published="2025-05-13", doc_id=doc)
              for doc, city in (("a", "Flint"), ("b", "Lansing"))]
    assert sorted(e.place.name for e in events_of(*plants) if e.type.value == "strike") == ["Flint", "Lansing"]


def test_a_scope_word_before_a_possessive_noun_still_makes_the_strike_the_countrys():
    from strikewatch.resolve import _called_national

    doc = make_doc("Schools in Nakuru closed on Monday for a national teachers' strike.", published="2025-05-13")
    [strike] = [m for m in extract_mentions(doc) if m.type.value == "strike"]
    assert _called_national(strike)
    doc = make_doc("Workers at the National Grid depot in Leeds went on strike on Monday.", published="2025-05-13")
    [strike] = [m for m in extract_mentions(doc) if m.type.value == "strike"]
    assert not _called_national(strike)


# One outlet names the plant's town; another says only where it filed from (its dateline), 60 km away:
# two towns, two events.
KESTREL_LEEDS = ("Workers at the Kestrel Foods bakery in Leeds walked out on Tuesday over a pay offer of 3 percent, "
                 "said Dana Whitlow of the Bakers' Union.")
KESTREL_DATELINE = ("MANCHESTER, March 11 -- Talks broke down overnight. About 400 Kestrel Foods workers went on strike "
                    "on Tuesday, rejecting a pay offer of 3 percent, Dana Whitlow of the Bakers' Union said.")


def test_two_towns_both_reports_name_stay_two_strikes():
    a = make_doc(KESTREL_LEEDS, published="2025-03-12", doc_id="a")
    b = make_doc(KESTREL_DATELINE.replace("About 400 Kestrel Foods workers", "About 400 Kestrel Foods workers in Salford"),
                 published="2025-03-12", doc_id="b")
    strikes = [e for e in events_of(a, b) if e.type.value == "strike"]
    assert sorted(e.place.name for e in strikes) == ["Leeds", "Salford"]


def test_a_town_only_the_dateline_gives_is_still_another_town_than_a_named_one():
    # a wire story's dateline names its town: the same day's action in another town is another event,
    # however many words the two reports share
    a = make_doc("KRAKOW, Nov 13 (Wire) - Hundreds of farmers blocked roads with tractors on Wednesday in protest "
                 "against a planned EU trade deal with South American countries.", published="2024-11-13", doc_id="a")
    b = make_doc("Farmers drove about 300 tractors into central Warsaw on Wednesday, blocking traffic in protest "
                 "against the EU trade deal with South American countries.", published="2024-11-13", doc_id="b")
    assert sorted({e.place.name for e in events_of(a, b)}) == ["Kraków", "Warsaw"]
    assert all(len({m.doc_id for m in e.mentions}) == 1 for e in events_of(a, b))
    c = make_doc(KESTREL_DATELINE, published="2025-03-12", doc_id="c")
    d = make_doc(KESTREL_LEEDS, published="2025-03-12", doc_id="d")
    assert sorted(e.place.name for e in events_of(c, d) if e.type.value == "strike") == ["Leeds", "Manchester"]


# A strike whose first day one report states, and a report four days later that gives it no day.
CASTELLO_START = ("Cleaners of the Castello Services contract at Oporto hospitals went on strike on Friday over "
                  "unpaid wages of 1,200 euros, said Rui Valadares of the STAD union.")
CASTELLO_LATER = ("The strike by Castello Services cleaners at Oporto hospitals over 1,200 euros of unpaid wages "
                  "continues, Rui Valadares of the STAD union said.")


def test_a_later_report_of_a_lasting_strike_without_a_day_of_its_own_is_that_strike():
    a = make_doc(CASTELLO_START, published="2025-03-15", doc_id="a")  # Saturday: the strike began Friday the 14th
    b = make_doc(CASTELLO_LATER, published="2025-03-18", doc_id="b")
    [strike] = [e for e in events_of(a, b) if e.type.value == "strike"]
    assert {m.doc_id for m in strike.mentions} == {"a", "b"}
    assert str(strike.date.start) == "2025-03-14"  # the stated first day, not the later report's date
    assert any("lasting action" in why for why in strike.merged_because)


def test_a_march_reported_days_later_without_a_day_is_not_the_earlier_march():
    a = make_doc(CASTELLO_START.replace("went on strike", "marched"), published="2025-03-15", doc_id="a")
    b = make_doc(CASTELLO_LATER.replace("The strike by", "A march of").replace("continues", "went ahead"),
                 published="2025-03-18", doc_id="b")
    marches = [e for e in events_of(a, b) if e.type.value == "demonstration"]
    assert sorted(str(e.date.start) for e in marches) == ["2025-03-14", "2025-03-18"]


def test_a_later_report_continues_no_strike_when_two_stated_days_could_be_its_start():
    a = make_doc(CASTELLO_START, published="2025-03-15", doc_id="a")
    c = make_doc(CASTELLO_START.replace("on Friday", "on Thursday").replace("Rui Valadares", "Ana Meireles"),
                 published="2025-03-15", doc_id="c")
    b = make_doc(CASTELLO_LATER, published="2025-03-18", doc_id="b")
    later = [e for e in events_of(a, b, c) if "b" in {m.doc_id for m in e.mentions}]
    assert [{m.doc_id for m in e.mentions} for e in later] == [{"b"}]


def test_two_stated_days_of_a_strike_days_apart_stay_apart():
    a = make_doc(CASTELLO_START, published="2025-03-15", doc_id="a")
    b = make_doc(CASTELLO_LATER.replace("continues", "went ahead on Tuesday"), published="2025-03-19", doc_id="b")
    strikes = [e for e in events_of(a, b) if e.type.value == "strike"]
    assert sorted(str(e.date.start) for e in strikes) == ["2025-03-14", "2025-03-18"]


def test_a_lasting_strike_is_joined_only_from_a_stated_first_day_to_a_later_report_day():
    # the later report gives the strike a day its text carries (the Monday of the sentence before)
    b = make_doc("On Monday the cleaners rallied outside the health ministry in Oporto. " + CASTELLO_LATER,
                 published="2025-03-18", doc_id="b")
    a = make_doc(CASTELLO_START, published="2025-03-15", doc_id="a")
    assert len([e for e in events_of(a, b) if e.type.value == "strike"]) == 2
    # the earlier report states no day either: two report dates, neither the strike's first day
    a = make_doc(CASTELLO_START.replace(" on Friday", ""), published="2025-03-14", doc_id="a")
    b = make_doc(CASTELLO_LATER, published="2025-03-18", doc_id="b")
    assert len([e for e in events_of(a, b) if e.type.value == "strike"]) == 2


def test_a_claimants_count_in_a_sentence_of_its_own_joins_the_crowd_it_counts():
    doc = make_doc("Students marched through Lisbon on Sunday against tuition fees. The students' union said about "
                   "3,000 students took part in the march. Police said 1,500.", published="2024-03-11")
    [march] = events_of(doc)
    claims = sorted((c.low, c.claimant) for m in march.mentions for c in m.sizes)
    assert claims == [(1500, "Police"), (3000, "students' union")]


# A strike begun on a Monday, and a report on Thursday that it goes on: the weeks of blocks change on
# the Wednesday between them.
MINE_START = ("About 2,300 workers at the Cerro Alto copper mine in northern Chile went on strike on Monday over "
              "bonuses, the Cerro Alto miners' union said.")
MINE_LATER = ("The strike at Chile's Cerro Alto copper mine continued, with no new talks scheduled, the Cerro Alto "
              "miners' union said.")


def test_a_lasting_strike_is_continued_by_a_report_of_the_next_weeks_block():
    a = make_doc(MINE_START, published="2024-09-02", doc_id="a")
    b = make_doc(MINE_LATER, published="2024-09-05", doc_id="b")
    [strike] = events_of(a, b)
    assert {m.doc_id for m in strike.mentions} == {"a", "b"} and str(strike.date.start) == "2024-09-02"
    assert any("lasting action" in why for why in strike.merged_because)
    # more than a week on, or a march, it is another event
    late = make_doc(MINE_LATER, published="2024-09-12", doc_id="c")
    assert len(events_of(a, late)) == 2


def _ingested_one_at_a_time(tmp_path, texts: dict[str, tuple[str, str]], order: str):
    """A store that ingested each article (id -> (published, text)) in `order`, one run each."""
    from strikewatch.pipeline import ingest_paths
    from strikewatch.store import open_store

    store = open_store(str(tmp_path / "sw.db"))
    for doc_id in order:
        day, text = texts[doc_id]
        path = tmp_path / f"{doc_id}.txt"
        path.write_text(f"id: {doc_id}\npublished: {day}\n\n{text}\n", encoding="utf-8")
        ingest_paths([str(path)], store)
    return store


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_an_incremental_ingest_continues_a_lasting_strike_across_weeks_in_either_order(tmp_path, order):
    texts = {"a": ("2024-09-02", MINE_START), "b": ("2024-09-05", MINE_LATER)}
    [strike] = _ingested_one_at_a_time(tmp_path, texts, order).load_events()
    assert {m["doc_id"] for m in strike["mentions"]} == {"a", "b"} and strike["date_start"] == "2024-09-02"


def test_a_report_that_counts_the_strikes_days_back_to_its_first_day_is_that_strike():
    a = make_doc(MINE_START, published="2024-09-02", doc_id="a")  # Monday the 2nd
    counted = MINE_LATER.replace("continued", "entered its fourth day on Thursday")
    b = make_doc(counted, published="2024-09-06", doc_id="b")
    [strike] = events_of(a, b)
    assert {m.doc_id for m in strike.mentions} == {"a", "b"} and str(strike.date.start) == "2024-09-02"
    # counted back to another day than the stated first one, or not counted at all: two days both texts state
    for text in (MINE_LATER.replace("continued", "entered its third day on Thursday"),
                 MINE_LATER.replace("continued", "went on on Thursday")):
        c = make_doc(text, published="2024-09-06", doc_id="c")
        assert len(events_of(a, c)) == 2


def test_crowds_of_two_trades_in_one_town_on_one_day_are_two_events():
    teachers, farmers, cabbies, rally = outlets(
        "Thousands of teachers marched through Lyon on Sunday to demand higher pay.",
        "Farmers blocked the ring road around Lyon with tractors on Sunday over fuel prices.",
        "Taxi drivers staged a protest in Lyon on Sunday against ride-hailing apps.",
        "Hundreds of teachers rallied in Lyon on Sunday, demanding a pay rise.",
        published="2025-03-10")
    events = events_of(teachers, farmers, cabbies, rally)
    by_docs = sorted(sorted({m.doc_id for m in e.mentions}) for e in events if e.type.value != "strike")
    assert by_docs == [["a", "d"], ["b"], ["c"]]  # the teachers' march and rally are one crowd
    [joined] = [e for e in events if {m.doc_id for m in e.mentions} == {"a", "d"}]
    assert joined.merged_because and "one crowd" in joined.merged_because[0]
    # a crowd named by no trade ("protesters") may still be any of them
    assert len(events_of(teachers, make_doc("Protesters marched in Lyon on Sunday.", published="2025-03-10",
                                            doc_id="e"))) == 1


def test_one_article_keeps_two_trades_crowds_of_one_town_and_day_apart():
    doc = make_doc("Thousands of teachers marched through Lyon on Sunday to demand higher pay.\n"
                   "Separately, farmers blocked the ring road around Lyon with tractors on Sunday over fuel prices.\n"
                   "Police said 40 farmers were arrested.", published="2025-03-10")
    march, blockade = sorted(events_of(doc), key=lambda e: e.type.value != "demonstration")
    assert (march.type.value, blockade.type.value) == ("demonstration", "blockade")
    assert len(march.mentions) == 1 and [m.arrests for m in blockade.mentions] == [None, 40]  # the farmers' arrests go with the farmers


def test_one_night_reported_late_one_day_and_early_the_next_is_one_event():
    late, early, day = outlets(
        "Several hundred people protested outside the county jail in Portland late Sunday after the police "
        "shooting of 19-year-old Dana Lowe.",
        "Protesters clashed with police in Portland early Monday after officers shot dead 19-year-old Dana Lowe.",
        "Hundreds rallied at City Hall in Portland on Monday afternoon to demand justice for Dana Lowe.",
        published="2024-06-03")
    [night] = [e for e in events_of(late, early) if len({m.doc_id for m in e.mentions}) == 2]
    assert "one night" in night.merged_because[0]
    # a night's report and the next day's daytime rally stay two events
    assert len(events_of(late, day)) == 2


def test_a_statement_filed_days_later_that_gives_the_march_no_day_joins_the_report_of_its_day():
    """A monitors' statement filed on Friday tells of the march without its day (its events take the
    statement's date): it is Wednesday's march another outlet dated, where they share its names; a
    statement that shares nothing, or a second report stating Friday, stays apart."""
    wednesday = make_doc("Police fired tear gas at thousands of marchers in Nairobi on Wednesday near Kimathi Street, "
                         "Amnesty Kenya said, as crowds headed for parliament.", published="2025-06-25", doc_id="a")
    statement = make_doc("Our monitors saw police fire live rounds at marchers near Kimathi Street in Nairobi, "
                         "and Amnesty Kenya counted the wounded.", published="2025-06-27", doc_id="b")
    [event] = events_of(wednesday, statement)
    assert {m.doc_id for m in event.mentions} == {"a", "b"} and "a day or two later" in event.merged_because[0]
    assert event.date.start.isoformat() == "2025-06-25"
    unrelated = make_doc("Hundreds of traders marched in Nairobi against new market fees.", published="2025-06-27",
                         doc_id="c")
    assert len(events_of(wednesday, unrelated)) == 2
    friday = make_doc("Police fired tear gas at marchers near Kimathi Street in Nairobi on Friday, Amnesty Kenya "
                      "said.", published="2025-06-27", doc_id="d")
    assert len(events_of(wednesday, friday)) == 2


def test_last_weekends_march_and_the_saturday_report_of_it_are_one_event():
    saturday = make_doc("Around 6,000 people marched through Leeds on Saturday against the closure of the maternity "
                        "ward at St Aidan's hospital.", published="2024-06-02", doc_id="a")
    weekly = make_doc("Families joined last weekend's march in Leeds against the closure of the maternity ward at "
                      "St Aidan's hospital, which drew some 6,000 people.", published="2024-06-04", doc_id="b")
    [event] = events_of(saturday, weekly)
    assert {m.doc_id for m in event.mentions} == {"a", "b"} and "weekend" in event.merged_because[0]
    other = make_doc("Nurses joined last weekend's rally in Leeds over pay.", published="2024-06-04", doc_id="c")
    assert len(events_of(saturday, other)) == 2  # nothing shared: the weekend may hold another march


def test_two_towns_one_sentence_gives_its_action_stay_two_events_however_near():
    doc = make_doc("About 500 nurses walked out at hospitals in Leeds on Friday, and 350 in Bradford.",
                   published="2025-06-14")
    events = events_of(doc)
    assert sorted((e.place.name, e.mentions[0].size_low) for e in events) == [("Bradford", 350), ("Leeds", 500)]


def test_a_counter_protest_is_another_crowd_than_the_march_it_answers():
    march, counter = outlets("Thousands of women marched through Monterrey today against violence.",
                             "Religious groups staged a counter-protest in Monterrey today. Police said about 900 "
                             "people attended the counter-protest.", published="2025-03-08")
    assert len(events_of(march, counter)) == 2
    one = make_doc("Women marched in Puebla today. Counter-protesters gathered nearby and police kept the groups apart.",
                   published="2025-03-08")
    assert len(events_of(one)) == 2


def test_the_strikers_named_by_their_jobs_at_one_port_are_one_strike():
    doc = make_doc("Dockers in Felixstowe began a 24-hour strike today. Unite said 1,900 crane drivers and stevedores "
                   "had walked out.", published="2025-06-02")
    [strike] = events_of(doc)
    assert len(strike.mentions) == 2


def test_the_countrys_turnout_is_the_countrys_event_not_the_first_towns():
    doc = make_doc("Hundreds of thousands rallied in Haifa and Tel Aviv on Saturday. Organisers said 400,000 took "
                   "part nationwide, including 250,000 in Tel Aviv.", published="2025-03-09")
    sizes = {e.place.name: max(m.size_high or 0 for m in e.mentions) for e in events_of(doc)}
    assert sizes == {"Haifa": 200000, "Tel Aviv": 250000, "Israel": 400000}


def test_the_countrys_report_of_a_nationwide_strike_joins_it_as_reported_from_two_towns():
    """The country's own report ("across Portugal") joins the national strike that two towns'
    reports give, although that day's block holds several towns' strikes."""
    a, b = _national_strike_from_two_towns()
    c = make_doc("Workers across Portugal stayed at home on Thursday as the general strike of Marta Sousa's CGTP "
                 "federation against a pension cut of 12 percent began.", published="2025-05-16", doc_id="c")
    [strike] = [e for e in events_of(a, b, c) if e.type.value == "strike"]
    assert {m.doc_id for m in strike.mentions} == {"a", "b", "c"}


def test_a_regions_report_joins_none_of_several_of_its_towns_strikes():
    """"Across Catalonia" on a day with strikes in two of its towns: which town's it would be is not
    known, so it stays the region's; with one town's strike only, it joins that one."""
    region = make_doc("Bus drivers went on strike across Catalonia on Monday over pay, the UGT union said of its "
                      "dispute with the Moventis company.", published="2025-02-10", doc_id="region")
    tarragona = make_doc("Bus drivers in Tarragona went on strike on Monday over pay in the UGT union's dispute "
                         "with Moventis.", published="2025-02-10", doc_id="tarragona")
    girona = make_doc("Bus drivers in Girona went on strike on Monday over pay in the UGT union's dispute with "
                      "Moventis.", published="2025-02-10", doc_id="girona")
    strikes = [e for e in events_of(region, tarragona, girona) if e.type.value == "strike"]
    assert sorted(sorted({m.doc_id for m in e.mentions}) for e in strikes) == [["girona"], ["region"], ["tarragona"]]
    [one] = [e for e in events_of(region, tarragona) if e.type.value == "strike"]
    assert {m.doc_id for m in one.mentions} == {"region", "tarragona"} and one.place.name == "Tarragona"


def test_one_articles_strike_counted_to_its_third_day_is_the_strike_begun_on_its_first():
    """"Began a strike on Monday ... The strike entered its third day on Wednesday": one strike of
    Monday; a strike whose counted first day is another stays apart."""
    doc = make_doc("Nurses at the main hospital in Patras began a strike on Monday over staff shortages. The strike "
                   "entered its third day on Wednesday, the union said.", published="2025-03-05")
    [strike] = events_of(doc)
    assert str(strike.date.start) == "2025-03-03" and len(strike.mentions) == 2
    other = make_doc("Nurses at the main hospital in Patras began a strike on Monday over staff shortages. The strike "
                     "entered its second day on Wednesday, the union said.", published="2025-03-05")
    assert len(events_of(other)) == 2


def test_a_strikes_first_day_told_after_its_counted_day_joins_it():
    doc = make_doc("In Patras, nurses continued their strike for a third day on Wednesday. The nurses, who began "
                   "the strike on Monday, walked out over unpaid overtime.", published="2025-03-05")
    [strike] = [e for e in events_of(doc) if e.type.value == "strike"]
    assert len(strike.mentions) == 2
    other = make_doc("In Patras, nurses continued their strike for a second day on Wednesday. The nurses, who began "
                     "the strike on Monday, walked out over unpaid overtime.", published="2025-03-05")
    assert len([e for e in events_of(other) if e.type.value == "strike"]) == 2


def test_the_strikers_of_a_hunger_strike_report_are_its_hunger_strikers():
    doc = make_doc("Six miners in Zenica have been on hunger strike since Monday over unpaid wages. \"We will not "
                   "give up,\" said one of the strikers.", published="2025-07-17")
    [event] = events_of(doc)
    assert event.type.value == "hunger_strike" and len(event.mentions) == 2



def test_friday_night_in_one_report_and_yesterday_in_a_report_dated_after_midnight_are_one_night():
    """A wire's "on Friday night" and a paper's "yesterday" published the day after (in another time
    zone, or after midnight): one night, given shared content; two reports that both say "yesterday"
    a day apart stay two days."""
    friday = make_doc("Around 2,000 people marched through central Valparaiso on Friday night against pension "
                      "cuts, and police detained 31 people after clashes near Plaza Sotomayor, the Carabineros said.",
                      published="2024-10-19", doc_id="friday")
    yesterday = make_doc("Chilean police fired tear gas yesterday at protesters in Valparaiso who gathered at Plaza "
                         "Sotomayor against pension cuts; 31 were detained, the Carabineros said.",
                         published="2024-10-20", doc_id="yesterday")
    [march] = events_of(friday, yesterday)
    assert {m.doc_id for m in march.mentions} == {"friday", "yesterday"} and str(march.date.start) == "2024-10-18"
    assert any("one night" in why for why in march.merged_because)
    earlier = make_doc("Chilean police fired tear gas yesterday at protesters in Valparaiso who gathered at Plaza "
                       "Sotomayor against pension cuts; 31 were detained, the Carabineros said.",
                       published="2024-10-19", doc_id="earlier")
    assert len(events_of(earlier, yesterday)) == 2


def test_the_strikers_on_a_later_day_of_the_strike_are_its_people_not_a_new_strike():
    doc = make_doc("About 900 bus drivers in Leeds walked out on Tuesday at the start of a four-day strike.\n"
                   "One of the strikers was taken to hospital on Thursday morning after fainting at the depot.",
                   published="2024-10-17")
    [event] = events_of(doc)
    assert str(event.date.start) == "2024-10-15" and len(event.mentions) == 2


def test_a_later_days_march_of_protesters_stays_its_own_event():
    doc = make_doc("About 900 students marched in Leeds on Tuesday.\n"
                   "The protesters marched again on Thursday, this time to the town hall.", published="2024-10-17")
    assert sorted(str(e.date.start) for e in events_of(doc)) == ["2024-10-15", "2024-10-17"]


def test_the_end_of_the_articles_one_strike_on_a_later_day_is_that_strike():
    doc = make_doc("Bus drivers in Leeds went on a 48-hour strike on Monday.\nThe strike ended at 7am on Wednesday.",
                   published="2024-10-09")
    [event] = events_of(doc)
    assert str(event.date.start) == "2024-10-07" and len(event.mentions) == 2
    # another trade's strike on a later day is another strike
    other = make_doc("Teachers in Leeds went on strike on Monday.\nThe strike by nurses on Tuesday closed wards.",
                     published="2024-10-09")
    assert sorted(str(e.date.start) for e in events_of(other)) == ["2024-10-07", "2024-10-08"]


def test_a_day_after_what_else_happened_is_that_happenings_day_not_the_protests():
    doc = make_doc("Police fired tear gas at thousands of protesters outside parliament in Lima on Thursday.\n"
                   "The protest came a day after lawmakers voted to change the election rules.", published="2024-08-22")
    [event] = events_of(doc)
    assert str(event.date.start) == "2024-08-22" and len(event.mentions) == 2


PLACED = "ACCRA, May 6 (Coast Wire) - Nine sacked crane operators of Meridian Ports began a hunger strike outside the " \
         "Labour Ministry in Accra on Monday."
UNPLACED = "Nine sacked crane operators of Meridian Ports began a hunger strike yesterday in front of the Labour Ministry."
OTHER_STORY = "Students of the arts faculty held a sit-in yesterday in front of the vice-chancellor's office."


def test_a_report_that_names_no_place_joins_the_placed_report_of_its_day_and_story():
    placed = make_doc(PLACED, published="2024-05-06", doc_id="a")
    unplaced = make_doc(UNPLACED, published="2024-05-07", doc_id="b")
    [event] = events_of(placed, unplaced)
    assert {m.doc_id for m in event.mentions} == {"a", "b"} and event.place.name == "Accra"
    assert any("names no place" in why for why in event.merged_because)
    # another story of that day, with nothing in common, stays apart
    other = make_doc(OTHER_STORY, published="2024-05-07", doc_id="c")
    assert len(events_of(placed, other)) == 2


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_an_incremental_ingest_joins_a_report_that_names_no_place_in_either_order(tmp_path, order):
    texts = {"a": ("2024-05-06", PLACED), "b": ("2024-05-07", UNPLACED), "c": ("2024-05-07", OTHER_STORY)}
    # another story, then the first report again: nothing changes
    store = _ingested_one_at_a_time(tmp_path, texts, order + "c" + order[0])
    docs = sorted(sorted({m["doc_id"] for m in e["mentions"]}) for e in store.load_events())
    assert docs == [["a", "b"], ["c"]]


def test_a_round_ups_section_label_in_capitals_is_the_country_of_its_paragraph():
    doc = make_doc("KENYA - Thousands of protesters took to the streets of Nairobi on Tuesday against new taxes.\n"
                   "GREECE - Tens of thousands joined rallies across the country during Thursday's general strike.",
                   published="2024-05-18")
    assert {e.place.name for e in events_of(doc)} == {"Nairobi", "Greece"}


def test_a_lasting_action_merged_across_reports_starts_on_the_earliest_day_they_state():
    later = make_doc("The strike by dockers at the port of Tema entered its fourth day on Thursday, the Maritime "
                     "Workers Union said.", published="2024-09-05", doc_id="a")
    first = make_doc("Dockers at the port of Tema went on strike on Monday over unpaid allowances, the Maritime "
                     "Workers Union said.", published="2024-09-02", doc_id="b")
    [strike] = events_of(later, first)
    assert {m.doc_id for m in strike.mentions} == {"a", "b"} and str(strike.date.start) == "2024-09-02"


def test_a_town_and_its_part_one_sentence_names_for_two_verbs_stay_one_event():
    events = resolve_events(extract_mentions(make_doc(
        "ACCRA, June 4 (Coast Wire) - Delivery riders in Accra went on strike and marched on the ministry's "
        "offices in Osu, demanding lower commissions from the apps.", published="2024-06-04")))
    assert [e.place.name for e in events if e.type.value == "demonstration"] == ["Accra"]


def test_a_sentence_opening_on_elsewhere_is_another_event_than_the_ones_before():
    """A march the report places only in the country, then "Elsewhere, in Durban, members marched" on
    the same day: Durban's march is its own, though the country holds Durban."""
    doc = make_doc("Council workers strike\n\nThousands of South African council workers marched through the city on "
                   "Wednesday to demand a pay rise. Police fired rubber bullets at them.\n\nElsewhere, in Durban, union "
                   "members marched to the city hall on Wednesday.", "2024-07-18", title="Council workers strike")
    events = resolve_events(extract_mentions(doc))
    durban = [e for e in events if e.place is not None and e.place.name == "Durban"]
    assert len(durban) == 1 and [m.sentence.text[:9] for m in durban[0].mentions] == ["Elsewhere"]
    assert any(e.place is not None and e.place.precision == "country" for e in events)


def test_elsewhere_in_the_same_city_stays_in_the_city():
    doc = make_doc("City news\n\nHundreds marched in Lisbon on Saturday. Elsewhere, in the same city, nurses held a "
                   "vigil outside a hospital on Saturday.", "2024-07-21", title="City news")
    places = {m.place.name for m in extract_mentions(doc) if m.place is not None}
    assert places == {"Lisbon"}


def _one_action_of_both(a, b, first_day: str) -> None:
    """The two reports are one lasting action, dated to the first day one of them states."""
    [action] = events_of(a, b)
    assert {m.doc_id for m in action.mentions} == {"a", "b"} and str(action.date.start) == first_day


def test_a_russian_report_that_counts_the_hunger_strikes_day_back_to_its_first_day_is_that_strike():
    """"Вторые сутки" in Tuesday's report: the hunger strike another report says began on Monday, though the two
    share few names (the days agree by arithmetic); counted to another first day ("пятые сутки"), one action only
    with most of their content shared, and these share little."""
    a = make_doc("В понедельник в Воркуте около 30 горняков шахты «Северная» компании «Печоруголь» во главе с Иваном "
                 "Петровым объявили голодовку, требуя погасить долги по зарплате.", published="2025-11-17", doc_id="a")
    b = make_doc("Вторые сутки продолжают голодовку горняки шахты «Северная» в Воркуте, к которым спустились врачи из "
                 "Сыктывкара и Инты.", published="2025-11-18", doc_id="b")
    _one_action_of_both(a, b, "2025-11-17")
    c = make_doc(b.text.replace("Вторые сутки", "Пятые сутки"), published="2025-11-18", doc_id="c")
    assert len(events_of(a, c)) == 2


def test_a_report_that_names_the_weekday_as_the_strikes_third_day_is_that_strike():
    """"On Wednesday, the third and final day of a strike": counted back, Monday, the day another report
    states the strike began; one strike, from Monday."""
    a = make_doc("Nurses at Riverside General Hospital in Dayton walked off the job on Monday, beginning a three-day "
                 "strike over staffing levels, the Ohio Nurses Association said.", published="2026-03-16", doc_id="a")
    b = make_doc("DAYTON - Nurses were back on the picket line outside Riverside General Hospital on Wednesday, the "
                 "third and final day of a strike over staffing levels.", published="2026-03-18", doc_id="b")
    _one_action_of_both(a, b, "2026-03-16")


def test_a_report_that_names_no_town_meets_the_one_towns_event_of_its_type_and_day():
    """One outlet's farmers blocked roads somewhere in Moldova on Thursday (no town named), another's blocked the
    highway outside Balti: the one blockade reported that day, though they share few names; not where two towns'
    blockades are reported that day, nor where the crowds are of two trades."""
    country_only = ("Farmers in Moldova blocked roads with tractors on Thursday, angry at the price of diesel and at "
                    "late subsidy payments.")
    town = "Hundreds of growers blocked the highway outside Balti with tractors on Thursday."
    [blockade] = events_of(*outlets(country_only, town, published="2025-02-07"))
    assert blockade.place.name == "Bălţi" and {m.doc_id for m in blockade.mentions} == {"a", "b"}
    other_town = "Dozens of growers blocked a highway outside Cahul with tractors on Thursday."
    assert len(events_of(*outlets(country_only, town, other_town, published="2025-02-07"))) == 3
    teachers = "Teachers in Moldova blocked roads on Thursday over unpaid wages."
    assert len(events_of(*outlets(teachers, town.replace("growers", "farmers"), published="2025-02-07"))) == 2


def test_a_turnout_in_the_past_perfect_sizes_the_articles_strike():
    """"The union said about 220,000 of the country's roughly 240,000 teachers had taken part": the strike's
    size, the part counted (not the whole)."""
    doc = make_doc("Teachers stayed away from work across Sri Lanka on Wednesday in an island-wide strike over pay.\n\n"
                   "The union said about 220,000 of the country's roughly 240,000 state school teachers had taken part.",
                   published="2025-03-06")
    [strike] = events_of(doc)
    assert strike.type is EventType.STRIKE and {(c.low, c.high) for m in strike.mentions for c in m.sizes} == {
        (220000, 220000)}


def test_a_strike_in_a_region_is_the_regions_not_a_town_carried_into_it():
    """"Midwives in Queensland went on strike", then a sentence that carries the towns named before it:
    the strike is the region's, and another outlet's report of it from the region meets it."""
    a = make_doc("Midwives in Queensland went on strike on Tuesday over pay.\nHospitals in Cairns and Toowoomba "
                 "cancelled planned operations.\nThe union said about 4,000 of its members took part in the stoppage.",
                 published="2025-03-11", doc_id="a")
    b = make_doc("Thousands of midwives walked out of hospitals in Queensland on Tuesday over pay.",
                 published="2025-03-12", doc_id="b")
    [strike] = [e for e in events_of(a, b) if e.type is EventType.STRIKE]
    assert strike.place.name == "Queensland" and {m.doc_id for m in strike.mentions} == {"a", "b"}
    # a march keeps the town carried into it: a crowd gathers at one spot
    [rally] = events_of(make_doc("Midwives in Queensland held a rally in Brisbane on Tuesday.\n"
                                 "The marchers then walked to the health board's offices.", published="2025-03-11"))
    assert rally.place.name == "Brisbane"


def test_a_sentence_across_a_whole_region_is_apart_from_a_towns_strike():
    """"Across Queensland, 4,000 walked out": the region's strike, not the one town's the report is about."""
    doc = make_doc("About 300 midwives picketed the Royal Hospital in Townsville on Tuesday as the strike "
                   "reached the city.\nAcross Queensland, the union said some 4,000 midwives walked out on Tuesday.",
                   published="2025-03-12")
    places = sorted(e.place.name for e in events_of(doc))
    assert "Queensland" in places and "Townsville" in places


HUNGER_STRIKE = "Some 60 prisoners at the jail in Karaj began a hunger strike on Tuesday against executions."


def test_a_noun_naming_any_action_is_the_articles_one_action_of_its_day():
    """"The protest" after a hunger strike's report is that hunger strike, and the event stays one."""
    text = HUNGER_STRIKE + "\n\nThe protest has drawn support from inmates of other prisons, their families said."
    [event] = resolve_events(extract_mentions(make_doc(text, published="2024-06-13")))
    assert event.type is EventType.HUNGER_STRIKE and len(event.mentions) == 2
    # in Russian, "акция" with no town of its own: the day's strike
    text = ("Во вторник в Казани прошла однодневная забастовка водителей такси.\n\n"
            "По оценке организаторов, в акции участвовали около трёх тысяч водителей.")
    [event] = resolve_events(extract_mentions(make_doc(text, published="2024-02-21")))
    assert event.type is EventType.STRIKE and len(event.mentions) == 2


@pytest.mark.parametrize("text", [
    "Three more workers joined the protest on Monday, and 17 of them are now on hunger strike.",
    "Рабочие в Чите объявили голодовку в понедельник.\n\nК протесту присоединились ещё три человека — теперь "
    "голодают 17 рабочих.",
])
def test_joining_the_protest_beside_a_hunger_strike_is_joining_the_hunger_strike(text):
    [event] = resolve_events(extract_mentions(make_doc(text, published="2024-06-13")))
    assert event.type is EventType.HUNGER_STRIKE


@pytest.mark.parametrize("text", [
    # another action of the day: one of its own, a separate one, elsewhere, in the plural, with a cause of its own
    "Dockworkers at the port of Rotterdam went on strike on Tuesday over pay.\n\nOn the same day, students held a "
    "protest against tuition fees outside the education ministry.",
    "Nurses at three hospitals in Auckland walked off the job on Thursday, the union said.\n\nA separate protest "
    "against a new motorway drew about 300 people to the waterfront the same day.",
    "Students occupied the rector's office at the University of Belgrade on Tuesday.\n\nElsewhere, pensioners "
    "staged a protest over rising food prices on the same day.",
    "Bus drivers in Lisbon went on strike on Monday, halting most routes.\n\nProtests against the government's "
    "pension plan also took place that day outside parliament, drawing about 2,000 people.",
    "Водители автобусов в Омске в понедельник объявили забастовку, требуя погасить долги по зарплате.\n\nВ тот же "
    "день у здания мэрии прошла акция в поддержку политзаключенных, в ней участвовали около 50 человек.",
    # the relatives' protest beside the prisoners' hunger strike
    "Relatives staged a protest outside Evin prison on Sunday, where 17 political prisoners are on hunger strike.",
])
def test_a_noun_naming_any_action_that_names_another_action_stays_apart(text):
    events = resolve_events(extract_mentions(make_doc(text, published="2024-03-15")))
    assert len(events) == 2 and EventType.DEMONSTRATION in {e.type for e in events}


def test_a_noun_naming_any_action_in_a_town_of_its_own_is_that_towns():
    text = HUNGER_STRIKE + "\n\nA protest in Tabriz drew hundreds of relatives of prisoners on Tuesday."
    events = resolve_events(extract_mentions(make_doc(text, published="2024-06-13")))
    assert sorted((e.type.value, e.place.name) for e in events) == [("demonstration", "Tabriz"),
                                                                    ("hunger_strike", "Karaj")]
