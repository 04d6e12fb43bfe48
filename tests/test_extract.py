"""Extraction on real article text: type, date, place, size, response, with evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.extract import extract_mentions
from strikewatch.model import EventType, Modality
from strikewatch.rules import Rule

from .cases import load_cases
from .conftest import make_doc


def test_lead_sentence_fields_and_evidence():
    doc = make_doc("Nearly 50,000 opposition supporters took to streets and dozens were arrested in Moscow on "
                   "Saturday August 10th at one of the largest authorised protests.\n"
                   "Police in Moscow said they detained more than 130 people.", published="2019-08-11")
    mentions = extract_mentions(doc)
    lead = mentions[0]
    assert lead.type is EventType.DEMONSTRATION and lead.modality is Modality.ASSERTED
    assert lead.date.start == dt.date(2019, 8, 10)
    assert lead.place.name == "Moscow" and lead.place.country == "RU"
    assert (lead.size_low, lead.size_high) == (50000, 50000)
    ev = lead.evidence["place"]
    assert doc.text[ev.start:ev.end] == "Moscow"
    assert any(m.arrests == 130 for m in mentions)


def test_two_towns_two_mentions():
    doc = make_doc("Doctors in Brest and Baranovichi protested on Monday against the dismissal of colleagues.",
                   published="2020-08-19")
    places = sorted(m.place.name for m in extract_mentions(doc))
    assert places == ["Baranovichi", "Brest"]
    assert all(m.place.country == "BY" for m in extract_mentions(doc))


@pytest.mark.parametrize("text, town", [
    ("About 3,000 workers rallied on Wednesday outside the car plant in Ulsan, some 300 kilometres "
     "southeast of Seoul.", "Ulsan"),
    ("Farmers blocked the highway near Tarnow, 80 km east of Krakow, on Wednesday.", "Tarnów"),
    ("Miners struck on Wednesday at a pit in Jwaneng, about 160 miles (260 km) west of Gaborone.", "Jwaneng"),
    ("Жители перекрыли трассу в среду в Таласе, в 300 км от Бишкека.", "Talas"),
    # a bearing with no distance
    ("Some 60 prisoners at the jail in Karaj, west of Tehran, began a hunger strike on Tuesday.", "Karaj"),
    ("Около 60 заключённых тюрьмы в Карадже, к западу от Тегерана, во вторник объявили голодовку.", "Karaj"),
    ("Жители посёлка Шушары, южнее Санкт-Петербурга, перекрыли трассу в среду.", "Shushary"),
])
def test_a_town_a_distance_is_measured_from_is_no_place_of_the_event(text, town):
    [m] = extract_mentions(make_doc(text, published="2024-07-10"))
    assert m.place.name == town


@pytest.mark.parametrize("text, place", [
    # the capital of a country that takes "the" is still that country's
    ("Teachers marched in the capital of the Democratic Republic of Congo on Thursday.", "Kinshasa"),
    # a firm's seat in a region is no place of the action; a town the sentence names keeps its own passive count
    ("LAGOS - Workers went on strike on Thursday at a plant owned by a firm based in the northern state of Kano.",
     "Lagos"),
    # "the capital of (neighbouring) Michoacan state" is that state's, not the country's capital
    ("Farmers blocked the highway outside Morelia, the capital of neighbouring Michoacan state, on Thursday.",
     "Morelia"),
    # a region the sentence names beats the town its report was filed in
    ("MEXICO CITY (Wire) - Riot police fired tear gas at protesters in the western state of Jalisco on Thursday.",
     "Jalisco"),
    # the district after "in" holds the town: no second event there
    ("Traders in the town of Gambat in Khairpur district blocked the highway on Thursday.", "Gambat"),
    # a part of a town named like a famous place elsewhere is in the town named after it
    ("Youths clashed with police in the Medina neighbourhood of Dakar late Thursday.", "Dakar"),
    # the other order: a town, then the part of it named after a small town elsewhere
    ("Some 300 farmers occupied the land agency's office in the Recife neighbourhood of Cordeiro on Thursday.",
     "Recife"),
    # the hospital of its own town; the colleagues a demand compares them with are elsewhere ("Mayo General
    # Hospital" is a county's, not a town's)
    ("Porters at Belfast City Hospital walked out on Thursday in support of pay parity with colleagues in "
     "England.", "Belfast"),
    # a port named after its town, whatever the model calls it
    ("Dockers at the Port of Southampton began a 48-hour walkout on Thursday.", "Southampton"),
    ("Spanish truckers blocked access roads to the Port of Valencia on Thursday.", "Valencia"),
])
def test_one_place_where_the_sentence_says_how_its_places_nest(text, place):
    mentions = extract_mentions(make_doc(text, published="2025-06-20"))
    assert [m.place.name for m in mentions] == [place]


def test_capital_and_country_fallback():
    doc = make_doc("A small election protest in Democratic Republic of Congo's capital turned violent.",
                   published="2023-12-27")
    [m] = extract_mentions(doc)
    assert m.place.name == "Kinshasa"
    assert m.date.start == dt.date(2023, 12, 27) and m.date.evidence.rule == "date:publication"


def test_planned_event_is_kept_as_planned():
    doc = make_doc("The union will march on Saturday in Nairobi.", published="2024-06-25")
    assert [m.modality for m in extract_mentions(doc)] == [Modality.PLANNED]


def test_state_response():
    doc = make_doc("Two anti-coup protesters were shot dead by riot police who fired live rounds Saturday in "
                   "Mandalay, local media reported. Police fired tear gas and rubber bullets at the crowd.",
                   published="2021-02-21")
    mentions = extract_mentions(doc)
    assert mentions[0].deaths == 2 and mentions[0].place.name == "Mandalay"
    assert mentions[0].sizes == []  # the dead are not the crowd
    assert {"tear gas", "rubber bullets"} <= {r for m in mentions for r in m.state_response}


def _case_snippets(protest: bool) -> list[str]:
    import csv

    from .conftest import SHARED

    path = SHARED / "data" / "case2021_task2" / "test_set_final_release_with_labels.tsv"
    if not path.exists():
        pytest.skip(f"CASE 2021 data not found beside the repo ({path})")
    kinds = {"PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL", "ARREST"}
    with path.open(encoding="utf-8") as fh:
        return [r["EventSnippet"] for r in csv.DictReader(fh, delimiter="\t") if (r["SubType"] in kinds) == protest]


def _as_dicts(mentions_per_doc):
    from strikewatch.codec import mention_to_dict

    return [[mention_to_dict(m) for m in mentions] for mentions in mentions_per_doc]


def test_fast_path_finds_exactly_what_the_full_parse_finds():
    """Recall is not traded for speed: on the development articles and the CASE 2021 protest, riot and
    arrest snippets, the fast path gives the very mentions of a full parse of every paragraph."""
    from strikewatch.extract import extract_many
    from strikewatch.ingest import prepare_document
    from strikewatch.ingest.readers import from_text, read_file

    from .conftest import ARTICLES

    docs = [make_doc(text, doc_id=f"case{i}") for i, text in enumerate(_case_snippets(protest=True))]
    docs += [prepare_document(next(read_file(p))) for p in sorted(ARTICLES.glob("*.txt"))]
    docs.append(prepare_document(from_text("Hundreds marched in Lagos.\nThe bank raised rates.", "<t>")))
    assert len(docs) > 200
    fast, full = extract_many(docs, fast=True), extract_many(docs, fast=False)
    assert sum(map(len, fast)) > 200
    assert _as_dicts(fast) == _as_dicts(full)


def test_an_undated_articles_kept_parse_gives_the_very_mentions_of_a_new_parse():
    """Redating extracts an undated article again against a borrowed date; within `parses_kept` its
    paragraphs come back from the first parse, and the mentions are those of a new parse."""
    import dataclasses
    import datetime as dt

    import strikewatch.nlp
    from strikewatch.extract import extract_many
    from strikewatch.ingest import prepare_document
    from strikewatch.ingest.readers import read_file

    from .conftest import ARTICLES

    docs = [dataclasses.replace(prepare_document(next(read_file(p))), published=None)
            for p in sorted(ARTICLES.glob("*.txt"))]
    with strikewatch.nlp.parses_kept() as kept:
        extract_many(docs)
        assert kept.size > 0
        kept_size = kept.size
        redated = [dataclasses.replace(d, published=dt.date(2021, 3, 12)) for d in docs]
        again = extract_many(redated)
        assert kept.size < kept_size / 10  # the parses were taken, not made again
    assert strikewatch.nlp._kept.get() is None  # nothing is kept outside the block
    assert sum(map(len, again)) > 100
    assert _as_dicts(again) == _as_dicts(extract_many(redated))


def test_reposts_sharing_paragraphs_each_take_their_own_kept_parse(monkeypatch):
    """Two undated copies of one story (the same paragraphs, another last line) are both extracted again
    against a borrowed date without a new parse: one copy's re-extraction does not use up the other's."""
    import dataclasses
    import datetime as dt

    import strikewatch.nlp
    from strikewatch.extract import extract_many

    story = "Nurses in Leeds marched on Monday over pay.\n\nPolice said 2,000 people joined the march."
    copies = [make_doc(f"{story}\n\nFiled by {name}.", doc_id=name, published=None) for name in ("wire", "blog")]
    parsed: list[str] = []
    real = strikewatch.nlp._pipe
    with strikewatch.nlp.parses_kept():
        first = extract_many(copies)
        monkeypatch.setattr(strikewatch.nlp, "_pipe", lambda nlp, texts, **o: parsed.extend(texts) or real(nlp, texts, **o))
        again = extract_many([dataclasses.replace(d, published=dt.date(2024, 5, 8)) for d in copies])
    assert parsed == [] and [len(ms) for ms in again] == [len(ms) for ms in first] == [2, 2]


def test_kept_parses_are_each_threads_own():
    import threading

    import strikewatch.nlp

    inside, seen_outside = threading.Event(), []
    done = threading.Event()

    def ingest() -> None:
        with strikewatch.nlp.parses_kept():
            inside.set()
            done.wait(5)

    worker = threading.Thread(target=ingest)
    worker.start()
    inside.wait(5)
    seen_outside.append(strikewatch.nlp._kept.get())  # another thread's block keeps nothing here
    done.set()
    worker.join()
    assert seen_outside == [None] and strikewatch.nlp._kept.get() is None


def test_kept_parses_stay_within_their_bound():
    import strikewatch.nlp
    from strikewatch.extract import extract_many

    docs = [make_doc(f"Nurses in Leeds marched on Monday over pay, the {n}th such march.", doc_id=f"n{n}", published=None)
            for n in range(40)]
    with strikewatch.nlp.parses_kept(max_bytes=20_000) as kept:
        extract_many(docs)
        assert 0 < kept.size <= 20_000


def test_fast_path_does_not_parse_articles_without_trigger_words(monkeypatch):
    import strikewatch.nlp
    from strikewatch.extract import extract_many

    negatives = [make_doc(t, doc_id=f"n{i}") for i, t in enumerate(_case_snippets(protest=False))]
    parsed: list[int] = []
    real = strikewatch.nlp.parse_many
    monkeypatch.setattr(strikewatch.nlp, "parse_many", lambda docs, full=None: parsed.append(len(docs)) or real(docs, full))
    extract_many(negatives)
    skipped = 1 - sum(parsed) / len(negatives)
    assert skipped > 0.55, f"only {skipped:.0%} of non-protest snippets skipped the parse"


def test_where_an_organisation_is_based_is_not_where_the_event_was(doc_from_text):
    doc = doc_from_text(
        "Two anti-coup protesters were shot dead by riot police who fired live rounds Saturday in Mandalay, "
        "Myanmar's second-largest city.\n"
        "One of the victims was shot in the head, according to Frontier Myanmar, a news magazine based in Yangon, "
        "the country's largest city.\n"
        "Security forces used tear gas against protesters and striking dock workers.", "2021-02-20")
    mentions = extract_mentions(doc)
    assert len(mentions) == 3
    assert {m.place.name for m in mentions} == {"Mandalay"}


def test_towns_people_travelled_from_are_not_where_they_protested(doc_from_text):
    doc = doc_from_text(
        "Nurses rallied outside the legislature in Toronto on Tuesday.\n"
        "The union said about 4,000 nurses attended, many arriving on buses from Windsor, Sudbury and Kingston.\n"
        "Members travelled from every corner of the province, from Kenora to Cornwall, to take part in the rally.",
        "2025-04-29")
    mentions = extract_mentions(doc)
    assert len(mentions) == 3
    assert {m.place.name for m in mentions} == {"Toronto"}
    # what came from a town is not people who travelled from it
    clashes = extract_mentions(doc_from_text("Reports of clashes also came from Bordeaux and Nantes, where police "
                                             "used tear gas.", "2025-04-29"))
    assert sorted(m.place.name for m in clashes) == ["Bordeaux", "Nantes"]


def test_participants_and_demands_are_people_and_claims():
    from strikewatch.extract.actors import find_demands, find_participants

    assert find_participants("Nearly 50,000 opposition supporters took to streets in Moscow.").text == \
        "opposition supporters"
    assert find_participants("Police in Moscow said they detained more than 130 people.").text == "people"
    factories = ("A total of 130 readymade garment factories have suspended operations for an indefinite period due "
                 "to ongoing worker protests for higher wages.")
    assert [d.text for d in find_demands(factories)] == ["higher wages"]
    assert find_demands("Police used force against the peaceful demonstrators for the first time.") == []
    assert find_demands("Authorities gave permission for the rally to go ahead.") == []


@pytest.mark.parametrize("sentence, targets", [
    ("Nurses held a protest against the Ministry of Health in Nairobi on Monday.", ["Ministry of Health"]),
    ("Thousands marched in Minsk on Sunday against President Alexander Lukashenko.",
     ["President Alexander Lukashenko"]),
    ("Workers at Samsung Electronics went on strike in Seoul on Monday.", ["Samsung Electronics"]),  # employer
    ("Farmers protested against the government in Delhi on Friday.", ["government"]),
    ("Students rallied in Dhaka on Tuesday against the new fees.", []),  # a demand, not whom it is against
    ("Police used tear gas against the marchers in Lima on Monday.", []),
])
def test_targets_are_whom_the_action_is_against(doc_from_text, sentence, targets):
    [mention] = [m for m in extract_mentions(doc_from_text(sentence, "2024-05-07")) if not m.arrests]
    assert mention.targets == targets
    if targets:
        evidence = mention.evidence["targets"]
        assert sentence[evidence.start:evidence.end] == targets[0]


def test_people_who_sat_on_a_railway_are_a_blockade_through_the_fast_path(doc_from_text):
    # "sat" does not begin with its lemma's stem: the fast path must still parse its paragraph
    [blockade] = extract_mentions(doc_from_text(
        "Meanwhile, farmers also sat on the railway tracks near Amritsar for several hours on Friday.", "2025-10-11"))
    assert (blockade.type.value, blockade.place.name, blockade.date.start) == ("blockade", "Amritsar",
                                                                              dt.date(2025, 10, 10))


def test_a_week_or_month_in_a_clause_of_what_came_before_does_not_date_the_action(doc_from_text):
    [strike] = extract_mentions(doc_from_text(
        "About 9,000 bus drivers in Glasgow were on strike after pay talks broke down last week.", "2025-10-06"))
    assert strike.date.start == dt.date(2025, 10, 6)  # the report's day, not the talks' week
    [month] = extract_mentions(doc_from_text("Porters in Hull walked out after the pay offer was cut last month.",
                                             "2025-10-06"))
    assert month.date.start == dt.date(2025, 10, 6)
    # a day may be the action's too; an action in the clause keeps its own date for the sentence
    [riot] = extract_mentions(doc_from_text("Riots broke out in Bristol after police shot a teenager on Saturday.",
                                            "2025-10-06"))
    assert riot.date.start == dt.date(2025, 10, 4)
    [began] = extract_mentions(doc_from_text("The stoppage in York began after porters walked out last week.",
                                             "2025-10-06"))
    assert began.date.start == dt.date(2025, 9, 29)
    # "this week" is the report's, the action's too; a verb joined to the clause's is the action's own
    [this_week] = extract_mentions(doc_from_text("Porters in Hull walked out after wage talks collapsed earlier this "
                                                 "week.", "2025-10-09"))
    assert (this_week.date.start, this_week.date.precision) == (dt.date(2025, 10, 6), "week")
    [joined] = extract_mentions(doc_from_text("Porters in Hull walked out after managers imposed new shifts and stayed "
                                              "out for the whole of last week.", "2025-10-09"))
    assert (joined.date.start, joined.date.precision) == (dt.date(2025, 9, 29), "week")


def test_a_date_that_belongs_to_an_election_or_agreement_does_not_date_the_protest(doc_from_text):
    doc = doc_from_text(
        "Thousands of women marched in Minsk on Saturday.\n"
        "The march was the latest in a series of all-women protests calling for the president to leave following "
        "his disputed victory in elections last month.\n"
        "Thousands of demonstrators reached the gates of the palace in protest of the November 21 agreement.",
        "2020-09-19")
    first, series, gates = extract_mentions(doc)
    assert first.date.start == dt.date(2020, 9, 19)
    assert series.date.start == dt.date(2020, 9, 19) and series.date.evidence.rule == "date:article-anchor"
    assert gates.date.start == dt.date(2020, 9, 19)  # not November 21, the agreement's day
    [deadline] = extract_mentions(doc_from_text(
        "Bus operators sat on an indefinite hunger strike in Haridwar, demanding an extension of the September 30 "
        "deadline.", "2001-09-28"))
    assert deadline.date.start == dt.date(2001, 9, 28)  # the report's day, not the deadline's
    [own] = extract_mentions(doc_from_text("Workers protested in Dhaka last month against low pay.", "2023-11-12"))
    assert own.date.start == dt.date(2023, 10, 1)  # no election between: the date is the protest's


def test_a_date_inside_the_phrase_of_another_event_does_not_date_the_protest(doc_from_text):
    despite, coup, own = extract_mentions(doc_from_text(
        "Despite the government's announcement of a 56 percent wage increase on Nov 7, workers in Dhaka "
        "continued their protests.\n"
        "The capital is still witnessing demonstrations against the coup carried out by military leaders last "
        "October.\n"
        "Thousands protested against the agreement in Khartoum on Sunday.", "2023-11-14"))
    assert despite.date.start == dt.date(2023, 11, 14)  # the report's day, not the announcement's
    assert coup.date.start == dt.date(2023, 11, 14)  # the coup's October is not the protest's
    assert own.date.start == dt.date(2023, 11, 12)  # "on Sunday" hangs on "agreement" but is the protest's


def test_a_date_in_the_strikes_own_phrase_dates_it_not_the_day_of_the_statement(doc_from_text):
    [strike] = extract_mentions(doc_from_text(
        "The ministry said on Friday that the general strike that dock workers held on Wednesday had failed.",
        "2024-06-14"))
    assert strike.date.start == dt.date(2024, 6, 12)


def test_a_strike_the_rallies_are_held_amid_is_not_the_rallies_days_event(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Dock workers rallied in Hamburg and Bremen on Saturday amid an ongoing strike by truck drivers.",
        "2024-06-15"))
    assert {m.type.value for m in mentions} == {"demonstration"}
    assert sorted(m.place.name for m in mentions) == ["Bremen", "Hamburg"]


def test_a_disaster_or_meeting_keeps_its_own_date(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Riots broke out in Lyon on Thursday during a general strike called over a train crash last month.\n"
        "At Friday's meeting, ministers discussed the strike.", "2024-06-15"))
    days = {m.trigger.text: m.date.start for m in mentions}
    assert days["strike"] == dt.date(2024, 6, 13)  # Thursday, not the crash's month
    assert days["Riots"] == dt.date(2024, 6, 13)
    [strike] = extract_mentions(doc_from_text(
        "A general strike called in response to a rail disaster last month shut the ports on Thursday.",
        "2024-06-15"))
    assert strike.date.start == dt.date(2024, 6, 13)


def test_the_next_sentence_carries_the_reported_day_not_another_happenings_date(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Thousands rallied across Portugal on Thursday over last month's bridge collapse. "
        "Youths threw stones at riot police outside the ministry in Lisbon.", "2024-06-15"))
    [riot] = [m for m in mentions if m.type.value == "riot"]
    assert riot.date.start == dt.date(2024, 6, 13)  # the rally's Thursday, not the collapse's month
    assert riot.date.evidence.text == "on Thursday"


def test_the_previous_evening_of_a_report_of_the_day_is_the_day_before(doc_from_text):
    [shooting] = [m for m in extract_mentions(doc_from_text(
        "The port city was under curfew on Wednesday, a day after guards shot at marchers the previous evening.",
        "2021-04-14")) if m.type.value == "demonstration"]
    assert shooting.date.start == dt.date(2021, 4, 13) and shooting.date.evidence.text == "the previous evening"


def test_a_city_where_the_sentence_denies_an_action_is_not_where_its_other_action_happened(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Unions held no protests in Lisbon, but in cities such as Braga, Porto and Coimbra, teachers marched "
        "on Thursday.", "2024-05-10"))
    assert "Lisbon" not in {m.place.name for m in mentions if m.place is not None}
    assert mentions and all(m.modality is Modality.ASSERTED for m in mentions)


def test_a_date_that_only_bounds_the_action_does_not_date_it(doc_from_text):
    [walkout] = [m for m in extract_mentions(doc_from_text(
        "Rail workers in Lyon walked off the job on Monday, and unions said they would stay out until Saturday.",
        "2023-03-08")) if m.modality is Modality.ASSERTED]
    assert walkout.date.start == dt.date(2023, 3, 6)  # Monday, not the Saturday the strike runs until


def test_a_sentence_that_gives_the_turnout_adds_its_competing_claims_to_the_event(doc_from_text):
    from strikewatch.resolve import resolve_events

    doc = doc_from_text(
        "Hundreds of thousands of people marched in Paris on Tuesday against the pension reform.\n"
        "The CGT union said more than 3.5 million people took part nationwide, while the interior ministry put the "
        "figure at 1.28 million.", "2023-03-08")
    # the nationwide turnout, both claims of it, is the country's event of that day; the Paris march keeps
    # only its own figure (a place gets only its own figure: issue 17)
    events = {e.place.name: {(c.low, c.claimant) for m in e.mentions for c in m.sizes}
              for e in resolve_events(extract_mentions(doc))}
    assert events == {"Paris": {(200000, None)}, "France": {(3500000, "CGT union"), (1280000, "interior ministry")}}
    assert extract_mentions(doc_from_text("More than 3 million people live in the city, the ministry said.")) == []
    # a crowd at a funeral gives no protest its size
    [march] = extract_mentions(doc_from_text(
        "Workers marched in Minsk on Sunday.\nThousands attended the funeral of a worker in Minsk on Sunday.",
        "2023-03-08"))
    assert march.sizes == []
    # a turnout alone, with no protest reported, is no event
    assert extract_mentions(doc_from_text("The ministry said 1.28 million people took part in the census.")) == []


def test_a_crowd_at_a_crackdown_or_counted_gives_the_events_size(doc_from_text):
    from strikewatch.resolve import resolve_events

    doc = doc_from_text(
        "Dock workers marched to the port gate in Tema on Monday.\n"
        "About 300 residents stood in the square when the gunfire started, a priest said.\n"
        "The number of marchers was put at 1,500 by the organisers.", "2024-05-07")
    [event] = resolve_events(extract_mentions(doc))
    assert sorted(c.low for m in event.mentions for c in m.sizes) == [300, 1500]
    # a crowd somewhere else in a protest article, or voters counted, give the protest no size
    doc = doc_from_text("Bus drivers in Leeds went on strike on Monday over pay.\n"
                        "About 40 people were at the scene of the crash on the ring road, police said.\n"
                        "The number of participants in the vote was put at 90,000.", "2024-05-07")
    assert [c for m in extract_mentions(doc) for c in m.sizes] == []


def test_an_undated_article_takes_the_year_of_a_date_in_its_title(doc_from_text):
    text = "Riot police detained protesters in Minsk on October 11 as thousands rallied against the president."
    [titled] = extract_mentions(doc_from_text(text, title="Report on the 11 October 2020 Sunday rally in Minsk"))
    assert titled.date.start == dt.date(2020, 10, 11)
    [untitled] = extract_mentions(doc_from_text(text))
    assert untitled.date.start is None  # no year anywhere: never guessed
    [published] = extract_mentions(doc_from_text(text, "2021-10-12", title="A look back at 11 October 2020"))
    assert published.date.start == dt.date(2021, 10, 11)  # a publication date comes before the title


def test_after_the_election_is_dated_from_the_day_the_article_gives_the_election(doc_from_text):
    crackdown, toll, erupted = extract_mentions(doc_from_text(
        "During the first days after the election, police used tear gas to disperse crowds in Minsk.\n"
        "Several protesters died and nearly 7,000 were detained.\n"
        "The protests erupted after the August 9 election which handed the president a sixth term.", "2020-10-12"))
    assert (crackdown.date.start, crackdown.date.end) == (dt.date(2020, 8, 9), dt.date(2020, 8, 12))
    assert crackdown.date.evidence.rule == "date:after-dated-event"
    assert toll.date == crackdown.date  # carried, as a background cue is, to the next explicit date
    assert erupted.date.start == dt.date(2020, 8, 9)
    [since] = extract_mentions(doc_from_text(
        "Protesters have marched in Khartoum every week since the coup.\n"
        "The October 25 coup ended the transition.", "2021-12-20"))
    assert (since.date.start, since.date.end) == (dt.date(2021, 10, 25), dt.date(2021, 12, 20))
    [undated] = extract_mentions(doc_from_text(
        "During the first days after the election, thousands protested in Minsk.", "2020-10-12"))
    assert undated.date.start is None  # the article never says when the election was


def test_a_sentence_about_what_sparked_the_protests_adds_no_event(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "In Beijing, about 1,000 people protested along the river on Sunday night.\n"
        "The protests were sparked by a deadly apartment fire in Urumqi on Thursday that killed 10 people.",
        "2022-11-28"))
    assert [(m.place.name, m.date.start, m.deaths) for m in mentions] == [("Beijing", dt.date(2022, 11, 27), None)]


def test_each_place_where_the_sentence_says_an_action_happened_is_an_event(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "In Beirut, protesters filled Martyrs' Square, while large crowds also gathered in Tripoli and Tyre.",
        "2019-10-20"))
    assert {m.place.name for m in mentions} == {"Beirut", "Tripoli", "Tyre"}
    # a place the protest is about is not where it happened
    [about] = extract_mentions(doc_from_text(
        "In Beirut, protesters marched for the release of activists detained in Tripoli.", "2019-10-20"))
    assert about.place.name == "Beirut"


def test_two_actions_of_a_sentence_keep_their_own_places(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Elsewhere, truckers blocked the Pan-American highway in Arequipa region on Monday, and hundreds marched "
        "in Lima on Sunday.", "2023-01-10"))
    places = {(m.type.value, m.place.name, m.date.start) for m in mentions}
    assert places == {("blockade", "Arequipa", dt.date(2023, 1, 9)), ("demonstration", "Lima", dt.date(2023, 1, 8))}


def test_a_sentence_about_the_whole_country_is_placed_in_the_country(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Protesters occupied a building at Columbia University in New York on Tuesday.\n"
        "More than 1,000 people have been arrested on campuses across the United States in the past two weeks.",
        "2024-05-01"))
    nationwide = [m for m in mentions if m.arrests]
    assert [(m.place.name, m.place.precision) for m in nationwide] == [("United States", "country")]
    [detained] = extract_mentions(doc_from_text(
        "PARIS — More than 1,700 people were detained across France on Saturday as protesters clashed with police.",
        "2018-12-09"))
    assert (detained.place.name, detained.place.precision) == ("France", "country")  # not the dateline's Paris


def test_a_city_given_as_an_example_of_the_countrys_rallies_adds_the_countrys_event(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "The farmers' union held 30 rallies across Kenya on Tuesday, including one outside a mill in Eldoret.",
        "2024-05-01"))
    assert sorted((m.place.name, m.place.precision) for m in mentions) == [("Eldoret", "city"), ("Kenya", "country")]
    [whole] = [m for m in mentions if m.place.precision == "country"]
    assert whole.place.evidence.rule == "place:nationwide"
    *_, turnout = extract_mentions(doc_from_text(
        "The farmers' union held 30 rallies across Kenya on Tuesday, including one outside a mill in Eldoret.\n"
        "The union said 8,000 members took part in the rallies.", "2024-05-01"))
    assert turnout.place.name == "Kenya"  # the example town is not where the next sentence goes on


def test_a_total_over_the_towns_a_sentence_lists_is_the_whole_actions(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "The strike involves about 9,000 workers in total, split between plants in Wolfsburg and Emden in "
        "Germany.", "2024-05-07"))
    sized = {m.place.name: (m.size_low, m.size_high) for m in mentions}
    assert sized == {"Germany": (9000, 9000), "Wolfsburg": (None, None), "Emden": (None, None)}


def test_a_country_wide_report_is_the_countrys_event_not_the_dateline_towns(doc_from_text):
    from strikewatch.resolve import resolve_events

    [event] = resolve_events(extract_mentions(doc_from_text(
        "NAIROBI -- Nurses rallied in 20 counties across the country.\n"
        "The rallies were peaceful, police said.", "2024-05-02")))
    assert [m.place.evidence.rule for m in event.mentions] == ["place:nationwide", "place:dateline"]
    assert (event.place.name, event.place.precision) == ("Kenya", "country")


def test_a_site_does_not_run_on_into_the_day():
    from strikewatch.extract.place import find_site

    assert find_site("Hundreds gathered on Wulumuqi Road on Saturday night.").text == "Wulumuqi Road"
    assert find_site("They met outside the Y building on Main Street.").text == "the Y building on Main Street"
    # a site noun inside a name is not the end of the site
    assert find_site("Workers at Esso's Port-Jerome refinery voted to strike.").text == "Esso's Port-Jerome refinery"


def test_a_dateline_is_where_the_report_was_filed_not_the_city_the_sentence_names(doc_from_text):
    named, dated_only = extract_mentions(doc_from_text(
        "YANGON, Feb 9 (Reuters) - Police in Mandalay fired rubber bullets at protesters on Tuesday.\n"
        "NAYPYITAW (Reuters) - Thousands of protesters marched on Tuesday.", "2021-02-09"))
    assert named.place.name == "Mandalay"
    assert dated_only.place.name == "Nay Pyi Taw"


def test_an_undated_article_counts_spans_back_from_its_main_day(doc_from_text):
    lead, wave = extract_mentions(doc_from_text(
        "Riot police detained protesters in Minsk on October 11, 2020 as thousands rallied.\n"
        "Protests have rocked the country over the past two months, with the largest rallies in Minsk."))
    assert lead.date.start == dt.date(2020, 10, 11)
    assert (wave.date.start, wave.date.end) == (dt.date(2020, 8, 12), dt.date(2020, 10, 11))
    assert "main day" in wave.date.evidence.reason
    [alone] = extract_mentions(doc_from_text("Protests have rocked the country over the past two months."))
    assert alone.date is None or alone.date.start is None  # no day stated anywhere: nothing to count from


def test_after_a_list_of_places_the_first_named_is_carried(doc_from_text):
    doc = doc_from_text(
        "But the workers refused to resume work and staged demonstrations in several industrial zones on the "
        "outskirts of Dhaka, the capital, and in the port city of Chittagong.\n"
        "Police said they fired tear gas and rubber bullets to disperse the protesters, who threw stones and "
        "blocked roads.", "2023-11-11")
    mentions = extract_mentions(doc)
    carried = [m for m in mentions if m.sentence.text.startswith("Police")]
    assert carried and {m.place.name for m in carried} == {"Dhaka"}
    assert carried[0].evidence["place"].rule == "place:first-of-earlier-list"


def test_an_undated_article_dates_its_headline_by_its_first_dated_report(doc_from_text):
    doc = doc_from_text(
        "Sudan: Protesters storm presidential palace vicinity\n"
        "Security forces fired tear gas at the protesters near the palace in Khartoum on the third anniversary of "
        "the December Revolution.\n"
        "On December 19, 2018, thousands of Sudanese launched mass protests.")
    headline, tear_gas, background = extract_mentions(doc)
    assert tear_gas.date.start == dt.date(2021, 12, 19)
    assert headline.date.start == dt.date(2021, 12, 19) and headline.date.evidence.rule == "date:article-anchor"
    assert background.date.start == dt.date(2018, 12, 19)


def test_things_damaged_are_no_arrests_though_any_plural_of_people_arrested_is():
    from strikewatch.extract.response import find_counts

    assert "arrests" not in find_counts("Some 40 cars were damaged and 12 shops were looted.")
    assert "arrests" not in find_counts("The 412 people detained last week were freed on Monday.")


# Vague and single victims, counted at their lower end: tests/cases/en/response.jsonl ("count").
@pytest.mark.parametrize("case", load_cases("response", "count"))
def test_vague_and_single_victims_are_counted_at_their_lower_end(case):
    from strikewatch.extract.response import find_counts

    sentence, field = case["sentence"], case["field"]
    counts = find_counts(sentence)
    assert counts[field].value == case["expected"]
    assert counts[field].evidence.text in sentence and counts[field].evidence.rule == f"response:{field}"


def test_a_bound_with_the_hours_of_a_day_dates_nothing(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Youths rioted in Soweto late on Sunday. The clashes went on until the early hours of Monday, police said.",
        "2024-03-12"))
    assert {m.date.start for m in mentions} == {dt.date(2024, 3, 10)}


def test_an_arrest_protesters_demand_is_no_response():
    from strikewatch.extract.response import find_means

    assert find_means("Hundreds marched to the police station demanding the arrest of the officer.") == []
    assert find_means("Police made dozens of arrests after the march.") == ["arrests"]


def test_a_number_or_a_group_counts_no_one():
    from strikewatch.extract.response import find_counts

    assert find_counts("Police said a number of people had been arrested.") == {}
    assert find_counts("A group of students was detained near the gate.") == {}
    assert find_counts("A student was detained near the gate.")["arrests"].value == 1
    assert find_counts("A rights group leader was arrested near the gate.")["arrests"].value == 1  # a group's leader


def test_a_running_total_in_a_sentence_with_an_event_word_is_no_count(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Thousands marched in Mombasa on Tuesday.\n"
        "A rights group says at least 31 people have been killed since the protests began on June 25.\n"
        "Since the protests began in March, 40 people have been arrested.", "2024-06-27"))
    assert all(m.deaths is None and m.arrests is None for m in mentions)


def test_a_running_total_of_victims_is_no_events_count(doc_from_text):
    vigil, total = extract_mentions(doc_from_text(
        "On Sunday, hundreds of people held a candlelight vigil in Yangon for those killed.\n"
        "A rights group says more than 550 people have been killed since the coup.", "2021-04-05"))
    assert total.deaths is None and vigil.deaths is None
    [day] = extract_mentions(doc_from_text("Police killed five protesters in Monywa on Saturday.", "2021-04-05"))
    assert day.deaths == 5


def test_a_count_in_the_clause_that_gives_the_actions_cause_is_not_its_toll():
    from strikewatch.extract.response import find_counts

    assert find_counts("Thousands marched in Mombasa on Sunday after two boys were killed by police last week.") == {}
    assert find_counts("Hundreds rallied in Mombasa to mourn the 12 dockers killed in the fire.") == {}
    assert find_counts("Crowds marched to demand accountability for the fire that killed 15 people in March.") == {}
    assert find_counts("Crowds marched against the curfew, and police arrested 30 people.")["arrests"].value == 30
    assert find_counts("Crowds marched over the weekend and 12 people were arrested.")["arrests"].value == 12
    assert find_counts("Two marchers were killed in Mombasa after police opened fire.")["deaths"].value == 2
    assert find_counts("Clashes broke out after which 3 people were killed.")["deaths"].value == 3
    # a cause that opens the sentence is left alone: it may be the day's own toll
    assert find_counts("After police killed two marchers on Sunday, the crowd dispersed.")["deaths"].value == 2


def test_each_town_named_again_with_its_figure_keeps_it(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Teachers rallied in Leeds, York and Hull on Saturday, with about 4,000 in Leeds, 1,200 in York and 800 "
        "in Hull, the union said.", "2024-06-03"))
    assert sorted((m.place.name, m.size_low) for m in mentions) == [
        ("Kingston upon Hull", 800), ("Leeds", 4000), ("York", 1200)]


def test_the_people_an_event_noun_belongs_to_are_its_participants(doc_from_text):
    [m] = extract_mentions(doc_from_text(
        "The drivers' association in Kisumu said on Tuesday it had nothing to do with the nurses' strike.",
        "2024-05-15"))
    assert m.participants == "nurses" and m.evidence["participants"].text == "nurses"
    # one article's nurses' strike and that later reference to it are one event, not two crowds' strikes
    doc = doc_from_text("Nurses in Kisumu went on strike on Tuesday over pay.\n"
                        "Taxi drivers blocked a road in Kisumu on Tuesday.\n"
                        "The drivers' association said it had nothing to do with the nurses' strike held the same day.",
                        "2024-05-15")
    from strikewatch.resolve import resolve_events
    strikes = [e for e in resolve_events(extract_mentions(doc)) if e.type.value == "strike"]
    assert len(strikes) == 1 and len(strikes[0].mentions) == 2


def test_day_headings_of_a_timeline_date_the_paragraphs_under_them(doc_from_text):
    from strikewatch.resolve import resolve_events

    doc = doc_from_text("A week of protest in Tbilisi\n\nMonday\n\nAbout 3,000 people rallied in Tbilisi. Police "
                        "detained 11.\n\nThursday\n\nAbout 8,000 people rallied in Tbilisi. Police detained 37.",
                        "2024-11-29")
    days = sorted((str(e.date.start), max(m.arrests or 0 for m in e.mentions))
                  for e in resolve_events(extract_mentions(doc)))
    assert days == [("2024-11-25", 11), ("2024-11-28", 37)]
    # one date line alone (a page's stamp) is no timeline
    [m] = extract_mentions(doc_from_text("Tuesday\n\nAbout 3,000 people rallied in Tbilisi.", "2024-11-29"))
    assert m.date.evidence.rule != "date:heading"


def test_a_figure_stays_on_its_side_of_a_contrast(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Hundreds of thousands marched across Portugal on Thursday, while rail workers walked off the job.",
        "2025-03-14"))
    sizes = {m.type.value: m.size_low for m in mentions}
    assert sizes == {"demonstration": 200000, "strike": None}
    # one crowd's two actions share it
    shared = extract_mentions(doc_from_text("About 3,000 dockers went on strike and marched in Porto on Thursday.",
                                            "2025-03-14"))
    assert {m.size_low for m in shared} == {3000}


def test_an_agency_datelines_day_is_the_filing_day_not_the_events(doc_from_text):
    [strike] = extract_mentions(doc_from_text(
        "SANTIAGO, April 11 -- Chile ground to a halt on Thursday as unions staged a general strike.", "2025-04-12"))
    assert strike.date.start == dt.date(2025, 4, 10)  # Thursday, not the dateline's Friday
    [march] = extract_mentions(doc_from_text("SANTIAGO, April 11 (Wire) - Thousands marched in the capital.",
                                             "2025-04-12"))
    assert march.date.start == dt.date(2025, 4, 11) and march.date.evidence.rule == "date:report-stamp"


def test_a_bound_is_no_day_a_later_sentence_carries(doc_from_text):
    walkout, bound, pickets = extract_mentions(doc_from_text(
        "About 900 bus drivers walked out in Bristol on Monday. The union said the strike would last until "
        "Sunday. Pickets gathered outside the depot from 4am.", "2024-06-04"))[:3]
    assert walkout.date.start == pickets.date.start == dt.date(2024, 6, 3)


def test_misfires_a_review_found_stay_fixed(doc_from_text):
    from strikewatch.extract.response import find_counts

    assert find_counts("A candlelit vigil of 500 people was held overnight outside the hospital.") == {}
    assert find_counts("On March 5, 2023 injured nurses rallied outside the hospital.") == {}  # a year, no count
    # a characterised kind beside a real walkout leaves the walkout an event
    [walkout] = extract_mentions(doc_from_text(
        "Strikes are illegal in Iran, but oil workers walked out in Abadan on Monday.", "2024-06-27"))
    assert walkout.modality.value == "asserted"
    # a march's own detainees counted since it began are its count
    [march] = extract_mentions(doc_from_text(
        "Thousands marched in Minsk on Sunday, and police said 200 people had been detained since the march began.",
        "2024-06-27"))
    assert march.arrests == 200
    # "more than two weeks ago" is no comparison
    [strike] = extract_mentions(doc_from_text("Dockers in Antwerp went on strike more than two weeks ago.",
                                              "2024-06-27"))
    assert strike.date is not None and strike.date.start == dt.date(2024, 6, 13)


def test_the_other_side_of_a_comparison_dates_nothing(doc_from_text):
    first, second = extract_mentions(doc_from_text(
        "Nurses marched again in Nakuru on Wednesday.\n"
        "About 2,000 nurses gathered outside the hospital, a smaller crowd than on Tuesday.", "2024-05-16"))
    assert first.date.start == second.date.start == dt.date(2024, 5, 15)  # Wednesday's, not Tuesday's
    # the other side's figure and its clause ("fewer than the 3,000 who...", "down from 2,500 on")
    for other_side in ("about 1,800 nurses walked out, fewer than the 2,400 who struck on May 6.",
                       "about 1,800 nurses walked out, down from 2,400 on May 6."):
        first, second = extract_mentions(doc_from_text(f"Nurses struck again in Nakuru on Wednesday.\nThe union said {other_side}",
                                                       "2024-05-16"))
        assert first.date.start == second.date.start == dt.date(2024, 5, 15), other_side
    # "fewer than 2,400" right before a figure is a hedge on it, no comparison
    [hedged] = extract_mentions(doc_from_text("Fewer than 2,400 nurses walked out in Nakuru on May 6.", "2024-05-16"))
    assert hedged.date.start == dt.date(2024, 5, 6)


def test_no_victim_count_without_a_victim():
    from strikewatch.extract.response import find_counts

    assert find_counts("A protest was held and a day of mourning was declared.") == {}
    # an occasion held is no detention: "held" counts people only with its captor, place or term
    assert find_counts("A march of 2,000 teachers was held in Lyon on Sunday.") == {}
    assert find_counts("Rallies of 5,000 people were held in ten towns.") == {}
    assert "deaths" not in find_counts("One of the victims was shot in the head.")


@pytest.mark.parametrize("case", load_cases("extract", "participants"))
def test_participants_keep_their_modifiers_not_the_words_before_them(doc_from_text, case):
    sentence, participants = case["sentence"], case["expected"]
    [m, *_] = extract_mentions(doc_from_text(sentence, "2023-11-12"))
    assert m.participants == participants
    ev = m.evidence["participants"]
    assert m.sentence.text[ev.start - m.sentence.start:ev.end - m.sentence.start] == participants


def test_a_present_tense_statement_is_dated_to_the_report_not_its_paragraph(doc_from_text):
    caption, now = extract_mentions(doc_from_text(
        "Nurses rallied outside the ministry in Lisbon on March 2, 2023. The strike now involves about "
        "8,000 nurses in Lisbon.", "2023-03-20"))
    assert caption.date.start == dt.date(2023, 3, 2)
    assert now.date.start == dt.date(2023, 3, 20) and "present tense" in now.date.evidence.reason


def test_a_headline_reports_the_articles_main_day_not_the_report_day(doc_from_text):
    headline, lead = extract_mentions(doc_from_text(
        "Thousands protest against pension cuts in Lisbon\n\n"
        "Thousands of pensioners marched in Lisbon on Saturday against the cuts.", "2023-03-20"))
    assert lead.date.start == dt.date(2023, 3, 18)
    assert headline.date.start == dt.date(2023, 3, 18) and headline.date.evidence.rule == "date:article-anchor"


def test_a_comparisons_baseline_dates_nothing(doc_from_text):
    for text in ("About 40,000 people marched in Minsk on Sunday, the biggest turnout since independence in 1991.",
                 "Thousands marched in Minsk on Sunday, the largest protest since 2017."):
        [m] = extract_mentions(doc_from_text(text, "2024-03-04"))
        assert m.date.start == dt.date(2024, 3, 3), text


def test_the_day_a_sentence_names_beats_a_span_counted_back_from_the_report(doc_from_text):
    for text, day in {"Nurses picketed the hospital in Porto for a third day on Friday.": dt.date(2024, 3, 1),
                      "Over the weekend, nurses picketed the hospital in Porto on Saturday.": dt.date(2024, 3, 2),
                      "Nurses picketed the hospital in Porto for a third day.": dt.date(2024, 3, 4),
                      # days counted from another happening, not from the report
                      # a day another verb names is not the span's day
                      "Nurses picketed the hospital in Porto over the weekend, and the union will meet "
                      "ministers on Tuesday.": dt.date(2024, 3, 2),
                      "Nurses picketed the hospital in Porto for a third day, after talks with the ministry "
                      "collapsed on Friday.": dt.date(2024, 3, 4),
                      # the day the action's own clause names
                      "Striking for a third day, dockers picketed the port of Setubal on Friday.": dt.date(2024, 3, 1),
                      "On Friday, two days after police removed the first picket, nurses returned to the hospital "
                      "in Porto.": dt.date(2024, 3, 1),
                      # a time of what is still to come, or of a report, is not the action's
                      "Truckers blocked the highway near Porto for a second day, a spokesman told reporters on "
                      "Friday.": dt.date(2024, 3, 4)}.items():
        [m] = extract_mentions(doc_from_text(text, "2024-03-04"))
        assert m.date.start == day, text


def test_an_earlier_action_a_sentence_compares_with_keeps_its_own_date_and_figure(doc_from_text):
    walkout, named_again, earlier = extract_mentions(doc_from_text(
        "Bus drivers in Porto walked off the job on Tuesday.\n"
        "The walkout came after a similar strike in March.", "2024-05-08"))
    assert walkout.date.start == named_again.date.start == dt.date(2024, 5, 7)
    assert (earlier.trigger.text, earlier.date.start, earlier.date.precision) == ("strike", dt.date(2024, 3, 1), "month")
    today, before = extract_mentions(doc_from_text(
        "About 90,000 people marched in Porto on Sunday, the largest march this year after a rally by "
        "120,000 on April 25.", "2024-05-08"))
    assert (today.date.start, [c.low for c in today.sizes]) == (dt.date(2024, 5, 5), [90000])
    assert (before.date.start, [c.low for c in before.sizes]) == (dt.date(2024, 4, 25), [120000])
    # the earlier action's own town; an action still to come, or a comparison's baseline, is no event
    today, before = extract_mentions(doc_from_text(
        "Teachers in Porto marched on Sunday after a rally in Lisbon on April 25.", "2024-05-08"))
    assert (today.place.name, before.place.name, before.date.start) == ("Porto", "Lisbon", dt.date(2024, 4, 25))
    for text in ("Workers held a rally in Porto on Monday before a strike on Friday.",
                 "Workers held a rally in Porto on Monday, the first rally since the strike of 2019."):
        assert [m.date.start for m in extract_mentions(doc_from_text(text, "2024-05-08"))] == [dt.date(2024, 5, 6)]
    # a comparison's baseline keeps its figure too
    [m] = extract_mentions(doc_from_text("Workers rallied in Porto on Monday, the biggest rally since a march by "
                                         "50,000 in Lisbon on April 25.", "2024-05-08"))
    assert m.sizes == []


def test_a_remembered_events_year_dates_the_remembrance_not_the_march(doc_from_text):
    marked = {
        "Students marched in Kaunas to mark the anniversary of the shootings of January 13, 1991.": dt.date(2024, 3, 4),
        "Veterans rallied in Kaunas in memory of the miners killed on 12 May 1998.": dt.date(2024, 3, 4),
        # the anniversary's own day this year is the march's
        "On the anniversary of the 1991 shootings on March 2, students marched in Kaunas.": dt.date(2024, 3, 2),
    }
    for text, day in marked.items():
        [m] = extract_mentions(doc_from_text(text, "2024-03-04"))
        assert m.date.start == day, text
    # this year's anniversary day is the march's
    [m] = extract_mentions(doc_from_text("Thousands rallied in Kaunas to mark the anniversary of independence on "
                                         "March 11, 2024.", "2024-05-06"))
    assert m.date.start == dt.date(2024, 3, 11)
    # a year with no remembrance before it still dates the march: history is history
    [m] = extract_mentions(doc_from_text("In 1991, students marched in Kaunas.", "2024-03-04"))
    assert m.date.start.year == 1991


def test_an_earlier_wave_named_by_its_year_is_dated_to_it_not_glued_to_todays(doc_from_text):
    today, earlier = extract_mentions(doc_from_text(
        "Thousands marched in Minsk on Sunday. The 2017 protests against the decree drew thousands in Minsk.",
        "2024-03-04"))
    assert today.date.start == dt.date(2024, 3, 3)
    assert (earlier.date.start, earlier.date.precision) == (dt.date(2017, 1, 1), "year")


def test_an_undated_page_dates_year_less_days_from_a_full_date_in_its_text(doc_from_text):
    first, second = extract_mentions(doc_from_text(
        "Dockworkers walked out in Antwerp on March 15, 2025, and stayed out.\n"
        "Dockworkers marched in Ghent on March 17 to back them."))
    assert first.date.start == dt.date(2025, 3, 15) and second.date.start == dt.date(2025, 3, 17)


def test_a_crowd_filling_a_square_is_the_days_demonstration_in_a_protest_report(doc_from_text):
    protest, crowd = extract_mentions(doc_from_text(
        "Opposition supporters protested in Minsk on Friday.\n\n"
        "Around 40,000 people filled the main square of Minsk on Saturday, waving opposition flags.", "2024-03-04"))
    assert crowd.type.value == "demonstration" and crowd.trigger.rule == "trigger:crowd"
    assert crowd.date.start == dt.date(2024, 3, 2) and [(s.low, s.high) for s in crowd.sizes] == [(40000, 40000)]


def test_a_crowd_filling_a_square_alone_reports_no_protest(doc_from_text):
    assert extract_mentions(doc_from_text(
        "Around 40,000 people filled the main square of Minsk on Saturday for the New Year concert.",
        "2024-03-04")) == []


def test_a_crowd_on_the_move_to_demand_something_is_the_days_demonstration(doc_from_text):
    protest, walk, nurses = extract_mentions(doc_from_text(
        "Police detained eight protesters in Lusaka on Friday.\n\n"
        "On Saturday thousands of residents walked from the market to parliament to demand cheaper maize meal.\n\n"
        "Some 5,000 nurses walked through the city centre calling for safe staffing.", "2025-05-04"))
    assert walk.type is EventType.DEMONSTRATION and walk.trigger.rule == "trigger:crowd"
    assert walk.date.start == dt.date(2025, 5, 3) and walk.place.name == "Lusaka"
    assert nurses.type is EventType.DEMONSTRATION and [(s.low, s.high) for s in nurses.sizes] == [(5000, 5000)]
    # a party's supporters march as a crowd does, as delegates or fans do not
    [_, supporters] = extract_mentions(doc_from_text(
        "Police detained eight protesters in Lusaka on Friday.\n\n"
        "Thousands of opposition supporters walked to parliament on Saturday to demand a recount.", "2025-05-04"))
    assert supporters.type is EventType.DEMONSTRATION and supporters.date.start == dt.date(2025, 5, 3)


def test_people_walking_with_no_demand_or_no_crowd_report_no_protest(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Police detained eight protesters in Lusaka on Friday.\n\n"
        "Thousands of migrants walked to the border to seek asylum.\n\n"
        "Ministers walked out of the meeting to demand a recount.\n\n"
        "Thousands of fans streamed into the stadium on Saturday, calling it the best final in years.\n\n"
        "Hundreds of riot police descended on the camp on Tuesday to press ahead with the eviction.\n\n"
        "Thousands of delegates converged on the conference centre on Monday, pressing for a climate deal.",
        "2025-05-04"))
    assert [m.sentence.text for m in mentions] == ["Police detained eight protesters in Lusaka on Friday."]


def test_a_sentence_before_the_articles_one_town_is_in_that_town(doc_from_text):
    """No town named in the sentence or before it, and one town in the whole article ("Montreal police
    said"): that town, not the whole country; with two towns named, neither is the place."""
    [sit_in] = extract_mentions(doc_from_text(
        "About 60 students occupied the university's administration building on Wednesday morning.\n\n"
        "Montreal police said officers were watching the building.", "2025-03-12"))
    assert (sit_in.place.name, sit_in.place.evidence.rule) == ("Montréal", "place:article-town")
    [sit_in] = extract_mentions(doc_from_text(
        "About 60 students occupied the university's administration building on Wednesday morning.\n\n"
        "Police in Montreal and in Quebec City said officers were watching.", "2025-03-12"))
    assert sit_in.place is None or sit_in.place.precision != "city"
    # a lone name in a report of no known country is as often a university's: no town for the rest
    mentions = extract_mentions(doc_from_text(
        "About 60 students occupied the administration building on Wednesday morning.\n\n"
        "Students expect 1,000 people at the afternoon's march from Concordia.", "2025-03-12"))
    assert all(m.place is None or m.place.name != "Concordia" for m in mentions if "occupied" in m.sentence.text)


# Cases: tests/cases/en/extract.jsonl ("generic").
@pytest.mark.parametrize("case", load_cases("extract", "generic"))
def test_a_statement_about_the_world_reports_no_occurrence(doc_from_text, case):
    mentions = extract_mentions(doc_from_text(case["sentence"], "2024-03-04"))
    assert mentions and all(m.modality.value == "generic" for m in mentions)


# Cases: tests/cases/en/extract.jsonl ("modalities").
@pytest.mark.parametrize("case", load_cases("extract", "modalities"))
def test_a_present_tense_report_of_an_occurrence_stays_one(doc_from_text, case):
    assert [m.modality.value for m in extract_mentions(doc_from_text(case["sentence"], "2024-03-04"))] == \
        case["expected"]


def test_the_place_of_the_event_a_sentence_dates_itself_against_is_not_its_own(doc_from_text):
    for text, town in (("Students held another march in Valparaiso on Saturday, a day after the big Santiago "
                        "protest.", "Valparaíso"),
                       ("Thousands marched in Lyon on Saturday, a week after the Paris protest.", "Lyon")):
        assert [m.place.name for m in extract_mentions(doc_from_text(text, "2025-03-16"))] == [town]
    both = extract_mentions(doc_from_text("Thousands marched in Lyon and Paris on Saturday.", "2025-03-16"))
    assert {m.place.name for m in both} == {"Lyon", "Paris"}


# Walking out of a workplace is a strike, and out of a meeting is not: tests/cases/en/extract.jsonl ("types").
@pytest.mark.parametrize("case", load_cases("extract", "types"))
def test_walking_out_of_a_workplace_is_a_strike_and_out_of_a_meeting_is_not(doc_from_text, case):
    assert [m.type.value for m in extract_mentions(doc_from_text(case["sentence"], "2024-06-26"))] == case["expected"]


def test_an_elided_count_after_and_is_counted():
    from strikewatch.extract.response import find_counts

    counts = find_counts("Police said 22 people were injured and 15 detained.")
    assert (counts["injuries"].value, counts["arrests"].value) == (22, 15)
    counts = find_counts("Police said 15 people were detained and 22 injured.")
    assert (counts["injuries"].value, counts["arrests"].value) == (22, 15)


def test_a_place_set_against_in_solidarity_is_that_events_own(doc_from_text):
    [m] = extract_mentions(doc_from_text(
        "In Novi Sad, about 20,000 people marched on Saturday in solidarity with the Belgrade rally.", "2025-03-16"))
    assert m.place.name == "Novi Sad" and [(c.low, c.high) for c in m.sizes] == [(20000, 20000)]


@pytest.mark.parametrize("sentence", [
    "Police arrested 20 percent of the marchers.",
    "Officers detained 40 % of the crowd near the depot.",
])
def test_a_figure_of_a_share_is_no_count(sentence):
    """What follows a figure that counts no people (numbers.toml's measure_patterns) stops a count."""
    from strikewatch.extract.response import find_counts

    assert find_counts(sentence) == {}
    assert find_counts(sentence.replace(" percent", " marchers").replace(" %", " people"))["arrests"].value > 0


@pytest.mark.parametrize("sentence", ["Police said there were no arrests.", "No one was arrested and nobody was hurt.",
                                      "The march ended without arrests.", "None were arrested.",
                                      "No further arrests were made."])
def test_a_response_said_not_to_have_happened_is_none(sentence):
    from strikewatch.extract.response import find_counts, find_means

    assert find_counts(sentence) == {} and find_means(sentence) == []
    mentions = extract_mentions(make_doc("Thousands marched in Bordeaux on Saturday. " + sentence,
                                         published="2025-05-07"))
    assert all(not m.state_response and m.arrests is None for m in mentions)


def test_no_fewer_than_is_a_hedge_of_a_count_not_a_negation():
    from strikewatch.extract.response import find_counts, find_means

    sentence = "Police fired tear gas and arrested no fewer than 30 people."
    assert find_counts(sentence)["arrests"].value == 30 and find_means(sentence) == ["tear gas", "arrests"]


def test_arrests_after_clashes_are_the_days_protesters_arrests():
    # "after clashes" relates the arrests to the clashes; the sentence still counts the protesters' arrests
    mentions = extract_mentions(make_doc("Thousands marched in Bordeaux on Saturday. Police arrested 3 protesters "
                                         "after clashes.", published="2025-05-07"))
    assert [m.arrests for m in mentions if "arrested" in m.sentence.text] == [3]


def test_an_organisations_name_is_given_without_its_article():
    [m] = extract_mentions(make_doc("The Chicago Teachers Union led a march of 5,000 people in Chicago on Thursday.",
                                    published="2025-02-21"))
    assert m.organizations == ["Chicago Teachers Union"]


def test_an_organisation_named_before_its_kind_in_lower_case_is_an_organisation():
    [m] = extract_mentions(make_doc("About 2,000 workers at the Remontowa shipyard in Gdansk went on strike on "
                                    "Tuesday, the Solidarity union said.", published="2025-05-07"))
    assert m.organizations == ["Solidarity union"]


def test_the_named_plant_strikers_work_at_is_their_employer():
    [m] = extract_mentions(make_doc("Workers at the Norvik Steel plant in Lyon walked out on Monday.",
                                    published="2025-05-07"))
    assert m.targets == ["Norvik Steel plant"]
    [m] = extract_mentions(make_doc("Workers at the plant in Lyon walked out on Monday.", published="2025-05-07"))
    assert m.targets == []  # no name: any plant


@pytest.mark.parametrize("sentence, arrests", [("Police without warning arrested 30 people.", 30),
                                               ("Police not only arrested 30 protesters but also fired tear gas.", 30),
                                               ("No more than 30 people were arrested.", 30)])
def test_a_negation_word_that_does_not_deny_the_arrests(sentence, arrests):
    from strikewatch.extract.response import find_counts, find_means

    assert find_counts(sentence)["arrests"].value == arrests and "arrests" in find_means(sentence)


@pytest.mark.parametrize("sentence", ["Workers at the Renault plant in Flins went on strike on Monday, the Renault "
                                      "group said.", "Workers at the Lyon plant went on strike on Monday."])
def test_a_company_group_is_no_acting_body_and_a_towns_plant_has_no_named_owner(sentence):
    [m] = extract_mentions(make_doc(sentence, published="2025-05-07"))
    assert m.organizations == [] and "Lyon plant" not in m.targets


def test_a_town_in_what_a_march_is_about_is_neither_its_place_nor_carried_on(doc_from_text):
    for text in ("Students marched in Rome on Sunday over the bridge collapse in Genoa.\n"
                 "Police said 9,000 people took part.",
                 "Students marched in Rome on Sunday against the collapse of a bridge that killed 43 people "
                 "in Genoa.\nPolice said 9,000 people took part."):
        assert [m.place.name for m in extract_mentions(doc_from_text(text, "2024-05-06"))] == ["Rome", "Rome"], text
    # with no other town, the only one named stays the sentence's place
    [m] = extract_mentions(doc_from_text("Residents rallied on Sunday over the new landfill in Genoa.", "2024-05-06"))
    assert m.place.name == "Genoa"
    # what a protest opposes in another town is that town's only where the same protest has a town of its own
    [m] = extract_mentions(doc_from_text("Residents rallied in Rome against the new landfill in Genoa.", "2024-05-06"))
    assert m.place.name == "Rome"
    mentions = extract_mentions(doc_from_text("Farmers blocked roads in Lyon and protested against the new tax "
                                              "in Toulouse.", "2024-05-06"))
    assert {(m.type.value, m.place.name) for m in mentions} == {("blockade", "Lyon"), ("demonstration", "Toulouse")}


def test_a_count_in_a_sentence_whose_towns_are_one_list_is_no_one_towns(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Police detained more than 200 people at rallies in Porto and Braga on Sunday.", "2024-05-06"))
    assert sorted(m.place.name for m in mentions) == ["Braga", "Porto"]
    assert [m.arrests for m in mentions] == [None, None]  # 200 in both towns together: not 200 in each
    [m] = extract_mentions(doc_from_text("Police detained more than 200 people at a rally in Porto on Sunday.",
                                         "2024-05-06"))
    assert m.arrests == 200
    # the list before the count, the same
    mentions = extract_mentions(doc_from_text(
        "At rallies in Porto and Braga on Sunday, police detained more than 200 people.", "2024-05-06"))
    assert [m.arrests for m in mentions] == [None, None]
    # a count whose own clause names one town is that town's
    by_town = {m.place.name: m for m in extract_mentions(doc_from_text(
        "Two protesters were killed in Porto on Sunday, and thousands marched in Braga.", "2024-05-06"))}
    assert (by_town["Porto"].deaths, by_town["Braga"].deaths) == (2, None)
    by_town = {m.place.name: m for m in extract_mentions(doc_from_text(
        "Thousands marched in Porto and Braga on Sunday, and police detained 40 people in Braga.", "2024-05-06"))}
    assert (by_town["Porto"].arrests, by_town["Braga"].arrests) == (None, 40)
    by_town = {m.place.name: m for m in extract_mentions(doc_from_text(
        "Protesters rallied in Lyon and in Marseille, where 3 died, and in Nice, where 5 were arrested.",
        "2024-05-06"))}
    assert [(by_town[t].deaths, by_town[t].arrests) for t in ("Lyon", "Marseille", "Nice")] == [
        (None, None), (3, None), (None, 5)]


def test_a_day_said_in_a_clause_beside_the_action_is_the_sayings_not_the_actions(doc_from_text):
    [march] = extract_mentions(doc_from_text(
        "Although the mayor said on Monday that the march was banned, thousands of teachers marched through the "
        "capital.", "2024-05-10"))
    assert march.date.start == dt.date(2024, 5, 10) and march.date.evidence.text != "on Monday"
    [walkout] = extract_mentions(doc_from_text(
        "As the minister told reporters on Monday that wages would not rise, dockers walked out at the port.",
        "2024-05-10"))
    assert walkout.date.start == dt.date(2024, 5, 10)


def test_a_day_said_on_the_verb_the_action_hangs_under_stays_the_actions(doc_from_text):
    for text in ("Police said on Sunday that thousands of teachers marched through the capital.",
                 "Thousands of teachers marched through the capital, police said on Sunday."):
        [march] = extract_mentions(doc_from_text(text, "2024-05-10"))
        assert march.date.start == dt.date(2024, 5, 5)


def test_an_action_done_at_a_meeting_takes_the_meetings_day(doc_from_text):
    [protest] = extract_mentions(doc_from_text(
        "In a noisy protest, councillors carried a coffin to the budget meeting of the city council on Tuesday "
        "evening.", "2024-05-10"))
    assert protest.date.start == dt.date(2024, 5, 7) and protest.date.evidence.text == "on Tuesday"
    [later] = extract_mentions(doc_from_text(
        "Nurses protested on Friday, after the board meeting on Monday.", "2024-05-10"))
    assert later.date.start == dt.date(2024, 5, 10)  # a meeting the action follows is not its occasion


def test_a_figure_belongs_to_the_action_written_next_to_it_when_the_actions_are_of_other_days():
    doc = make_doc("Nurses went on strike in Lagos on Monday, and 3,000 teachers marched in Abuja on Tuesday.",
                   published="2024-07-24")
    sizes = {m.type.value: [c.low for c in m.sizes] for m in extract_mentions(doc)}
    assert sizes == {"strike": [], "demonstration": [3000]}
    # one crowd's strike and march of one day and town share the figure
    doc = make_doc("Thousands of nurses went on strike in Lagos on Monday and marched to the state assembly.",
                   published="2024-07-24")
    assert {m.type.value: [c.low for c in m.sizes] for m in extract_mentions(doc)} == \
        {"strike": [2000], "demonstration": [2000]}


def test_an_action_of_an_earlier_year_is_background_not_an_event(doc_from_text):
    today, recalled = extract_mentions(doc_from_text(
        "Bus drivers in Porto walked out on Friday.\n"
        "Last year, a similar strike in Coimbra lasted two weeks.", "2025-05-10"))
    assert today.modality is Modality.ASSERTED and today.date.start == dt.date(2025, 5, 9)
    assert recalled.modality is Modality.BACKGROUND and recalled.date.precision == "year"
    [wave] = extract_mentions(doc_from_text("The dockers' strike of 2019 closed the port for a month.", "2025-05-10"))
    assert wave.modality is Modality.BACKGROUND
    from strikewatch.resolve import resolve_events

    assert not [e for e in resolve_events([today, recalled, wave]) if e.date and e.date.start.year < 2025]


def test_the_time_of_a_clause_about_something_else_does_not_date_the_action(doc_from_text):
    strike, count = extract_mentions(doc_from_text(
        "Teachers held a national strike in Peru on Tuesday.\n"
        "It was the fourth strike called by the union since the minister took office in March 2024.",
        "2025-06-05"))
    assert count.date.start == dt.date(2025, 6, 3)  # the day carried, not March 2024
    [walkout] = extract_mentions(doc_from_text(
        "Cleaners at the airport in Cusco have been on strike since they walked out on Monday.", "2025-06-05"))
    assert walkout.date.start == dt.date(2025, 6, 2)  # a "since" clause that names the action: its first day
    [march, levy] = extract_mentions(doc_from_text(
        "Traders marched in Arequipa on Wednesday.\n"
        "About 800 people walked through the centre chanting against the tax, which the council passed on "
        "Monday night.", "2025-06-05"))
    assert levy.date.start == dt.date(2025, 6, 4)  # the vote's Monday is not the march's day
    [own] = extract_mentions(doc_from_text("The march in Arequipa, which began on Monday, drew 800 people.",
                                           "2025-06-05"))
    assert own.date.start == dt.date(2025, 6, 2)


def test_a_statement_about_an_action_named_again_does_not_date_it(doc_from_text):
    strike, cost = extract_mentions(doc_from_text(
        "Wednesday's general strike halted trains across Chile.\n"
        "The finance minister said on Thursday that the stoppage had cost the economy $300 million.", "2025-06-06"))
    assert cost.date.start == strike.date.start == dt.date(2025, 6, 4)
    [said] = extract_mentions(doc_from_text("Police said on Thursday that thousands marched in Valparaiso.",
                                            "2025-06-06"))
    assert said.date.start == dt.date(2025, 6, 5)  # a verb the statement reports keeps the statement's day


def test_the_only_town_a_sentence_names_for_another_event_is_not_its_place(doc_from_text):
    """"Students rallied on campus in solidarity with the demonstration in Bangkok": the town is the other
    demonstration's, even where the sentence names no town of its own."""
    [rally] = extract_mentions(doc_from_text(
        "About 200 students rallied outside the university library on Saturday, in solidarity with the charter "
        "demonstration in Bangkok.", "2024-06-08"))
    assert rally.place is None or rally.place.name != "Bangkok"
    [own] = extract_mentions(doc_from_text("About 200 students rallied in Bangkok on Saturday for a new charter.",
                                           "2024-06-08"))
    assert own.place is not None and own.place.name == "Bangkok"


def test_an_action_in_the_cause_of_another_is_not_the_sentences_event(doc_from_text):
    """"Mourners marched on Thursday after the funerals of two men killed in Tuesday's clashes": Thursday's
    march, not Tuesday's riot (the riot would absorb the march of one sentence)."""
    [march] = extract_mentions(doc_from_text(
        "Hundreds of mourners marched through Quetta on Thursday after the funerals of two men killed in Tuesday's "
        "clashes.", "2025-05-16"))
    assert march.type.value == "demonstration" and march.date.start == dt.date(2025, 5, 15)
    # a cause clause that opens the sentence still tells of the sentence's own action
    [clash] = extract_mentions(doc_from_text("After the march to Congress, protesters clashed with police in Lima on "
                                             "Friday.", "2025-05-16"))
    assert clash.type.value == "riot"


def test_an_action_in_a_clause_after_another_is_not_the_sentences_event(doc_from_text):
    [back] = extract_mentions(doc_from_text(
        "Students returned to the streets of Quito on Friday, two days after clashes with police left nine "
        "people hurt.", "2025-06-07"))
    assert back.type.value == "demonstration" and back.date.start == dt.date(2025, 6, 6)


def test_an_anniversary_and_a_toll_of_long_ago_are_background(doc_from_text):
    [back] = extract_mentions(doc_from_text("Six years ago today, students rioted across Chile.", "2025-10-18"))
    assert back.modality is Modality.BACKGROUND  # more than a year before the report
    strike, massacre = extract_mentions(doc_from_text(
        "About 6,000 miners near Rustenburg went on strike on Wednesday.\n"
        "The area was the scene of the 2012 massacre, when police shot dead 34 striking miners.",
        "2024-09-12"))
    assert strike.modality is Modality.ASSERTED and massacre.modality is Modality.BACKGROUND
    assert massacre.deaths == 34 and strike.deaths is None


def test_a_towns_share_of_a_countrywide_count_is_its_own(doc_from_text):
    [clash, count] = extract_mentions(doc_from_text(
        "Police fired tear gas at protesters in Mombasa on Tuesday.\n"
        "At least 58 people were arrested across the country during Tuesday's protests, 39 of them in Mombasa.",
        "2025-03-12"))
    assert count.place.name == "Mombasa" and count.arrests == 39


def test_a_future_verbs_day_does_not_date_the_action(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Protesters and police fought running battles in Mombasa yesterday.\n"
        "The police chief said 39 suspects had been arrested and would be charged today.", "2025-03-12"))
    assert {m.date.start for m in mentions} == {dt.date(2025, 3, 11)}


def test_an_action_the_text_dates_after_the_report_is_still_to_come(doc_from_text):
    ongoing, ending = extract_mentions(doc_from_text(
        "Bus drivers in Cebu went on strike for a second day on Tuesday.\n"
        "The walkout is set to end on Thursday.", "2024-03-05"))
    assert ongoing.modality.value == "asserted" and ongoing.date.start == dt.date(2024, 3, 5)
    assert ending.modality.value == "planned" and ending.date.start == dt.date(2024, 3, 7)


def test_a_clause_about_an_earlier_span_of_months_is_background(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Dairy farmers blocked the motorway near Lyon on Tuesday.\n"
        "It was the largest protest since farmers camped outside the ministry from November 2020 to "
        "March 2021.", "2024-02-28"))
    assert mentions[0].modality.value == "asserted" and mentions[0].date.start == dt.date(2024, 2, 27)
    assert len(mentions) > 1 and all(m.modality.value == "background" for m in mentions[1:])


def test_a_towns_business_district_is_the_town_and_a_live_pages_present_tense_turnout_counts(doc_from_text):
    from strikewatch.cli import geocode_text

    [town] = geocode_text("Police arrested 12 people in the Nairobi CBD on Tuesday.").toponyms
    assert town.place.name == "Nairobi"
    march, turnout = extract_mentions(doc_from_text(
        "Thousands of marchers are making their way to the legislature in Harare.\n"
        "The union says about 12,000 people have joined; the police puts the figure lower.", "2024-10-07"))
    assert [s.low for s in turnout.sizes] == [12000] and turnout.place.name == "Harare"


def test_the_town_of_an_actions_own_people_is_its_place_and_keeps_only_its_figure(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "In Shiraz, about 300 retired teachers rallied outside the education office on Sunday, and retirees in "
        "Tabriz gathered outside the governor's office.", "2025-01-27"))
    sizes = {m.place.name: [s.low for s in m.sizes] for m in mentions}
    assert sizes == {"Shiraz": [300], "Tabriz": []}


def test_an_action_inside_what_another_is_against_is_no_event(doc_from_text):
    [march] = extract_mentions(doc_from_text(
        "Thousands of teachers marched through Lyon on Sunday to protest against a law that pardons those "
        "convicted over the March 3 riots in Paris.", "2025-09-22"))
    assert (march.type.value, march.place.name, march.date.start) == ("demonstration", "Lyon", dt.date(2025, 9, 21))
    # an action beside the protest, not inside its object, stays one
    types = {m.type.value for m in extract_mentions(doc_from_text(
        "Protesters clashed with police in Lyon on Sunday over the pension reform.", "2025-09-22"))}
    assert "riot" in types


def test_the_day_of_a_call_beside_the_action_dates_not_the_action(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Organisers of the Haifa rally say they will return, and the residents' forum has called for road "
        "blockades on Tuesday.\nAbout 30,000 people attended the rally in Haifa on Saturday.", "2025-06-07"))
    rally = [m for m in mentions if m.modality.value == "asserted"]
    assert rally and {m.date.start for m in rally} == {dt.date(2025, 6, 7)}


def test_an_action_a_year_to_the_day_before_the_report_is_background(doc_from_text):
    [then] = extract_mentions(doc_from_text("The protests in Tbilisi began on the evening of November 28, 2024.",
                                            "2025-11-29"))
    assert then.modality.value == "background"
    [recent] = extract_mentions(doc_from_text("The protests in Tbilisi began on the evening of December 28, 2024.",
                                              "2025-11-29"))
    assert recent.modality.value == "asserted"


def test_where_a_march_was_headed_is_not_where_it_was_stopped(doc_from_text):
    [stopped] = extract_mentions(doc_from_text(
        "Police fired tear gas on Tuesday to stop thousands of farmers marching towards Delhi near Ambala.",
        "2025-03-04"))
    assert stopped.place.name.startswith("Amb")
    # a march towards a town named alone is placed there
    [towards] = extract_mentions(doc_from_text("Thousands of farmers marched towards Delhi on Tuesday.", "2025-03-04"))
    assert towards.place.name == "Delhi"


def test_the_town_of_people_who_speak_or_estimate_is_not_where_the_action_is(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "CALAMA, Chile - About 1,800 workers at the Chuquicamata copper mine walked off the job on Monday.\n"
        "Analysts at a Lima brokerage estimated that the stoppage was costing 4,000 tonnes of copper a week.\n"
        "On Tuesday, about 300 workers at a nearby smelter held a solidarity stoppage.", "2025-08-20"))
    assert {m.place.name for m in mentions} == {"Calama"}, [m.place.name for m in mentions]


def test_a_quotation_is_testimony_that_adds_to_an_event_and_makes_none(doc_from_text):
    from strikewatch.resolve import resolve_events

    mentions = extract_mentions(doc_from_text(
        "Residents of Tembisa barricaded roads with burning tyres early on Tuesday over power cuts.\n"
        '"We marched to the utility\'s offices in March and again in May, and every time they gave us '
        'promises," said one resident.', "2025-07-16"))
    quoted = [m for m in mentions if m.trigger.reason == "inside a quotation"]
    assert quoted and all(m.trigger.rule.value == "trigger:support" for m in quoted)
    events = resolve_events(mentions)
    assert [e.type.value for e in events] == ["blockade"]
    # a quoted slogan of a few words is no quotation of testimony
    [march] = extract_mentions(doc_from_text('Thousands marched in Lyon on Sunday chanting "No to the reform".',
                                             "2025-07-16"))
    assert march.trigger.reason != "inside a quotation"


def test_the_new_readings_do_not_misfire_on_ordinary_news(doc_from_text):
    from .conftest import make_doc

    # "this strike" after a sentence about an earlier year is the current one
    today, _then, this = extract_mentions(doc_from_text(
        "Cleaners in Leeds went on strike on Monday. Their previous strike, in 2019, lasted two weeks. This strike "
        "has closed three hospitals' wards, with 1,200 cleaners on the picket lines.", "2024-05-07"))
    assert this.modality.value == "asserted" and [s.low for s in this.sizes] == [1200]
    # people who "have joined" a union are no turnout
    [strike] = extract_mentions(doc_from_text(
        "Cleaners in Leeds went on strike on Monday. Since the dispute began, 900 cleaners have joined the union.",
        "2024-05-07"))
    assert not strike.sizes
    # what a strike means for its town reports the strike
    [tube] = extract_mentions(doc_from_text("A strike by tram drivers in Lisbon means most lines are shut.",
                                            "2024-05-07"))
    assert tube.modality.value == "asserted"
    # a title's town that stands for a government is no place
    [oil] = extract_mentions(make_doc("Workers at the state refinery went on strike on Monday over unpaid wages.",
                                      published="2024-05-07", title="Washington warns Tehran as oil strikes spread"))
    assert oil.place is None or oil.place.name != "Washington"
    # "elsewhere in the city" stays in the town
    _march, blockade = extract_mentions(doc_from_text(
        "Thousands of teachers marched through Lyon on Monday. Elsewhere in the city, about 500 students "
        "blocked the entrance to a school.", "2024-05-07"))
    assert blockade.place.name == "Lyon"
    # one figure after a list of towns the clause opens on is every town's
    towns = extract_mentions(doc_from_text("In Lyon, Nantes and Rennes, some 50,000 people marched on Saturday.",
                                           "2024-05-07"))
    assert {m.place.name: [s.low for s in m.sizes] for m in towns} == {"Lyon": [50000], "Nantes": [50000],
                                                                       "Rennes": [50000]}


def test_a_page_whose_body_names_no_town_takes_its_titles():
    from .conftest import make_doc

    body = "Thousands of renters marched from the central station to the town hall on Saturday."
    [march] = extract_mentions(make_doc(body, published="2025-09-14", title="Renters march in Porto"))
    assert (march.place.name, march.place.evidence.rule) == ("Porto", "place:title")
    # a body that names its own town keeps it
    [own] = extract_mentions(make_doc(body.replace("on Saturday", "in Braga on Saturday"), published="2025-09-14",
                                      title="Renters march in Porto"))
    assert own.place.name == "Braga"


def test_a_body_that_names_no_country_reads_its_towns_in_its_titles_country():
    """A live diary titled after Lima whose body names only its districts: "Independencia" is Lima's
    district, not a town of that name in Brazil, where the body alone would read it so."""
    from .conftest import make_doc

    body = ("6:10 a.m. - At the bus station in Independencia, the queue stretches around the block: combi owners "
            "have joined today's transport strike.")
    [alone] = extract_mentions(make_doc(body, published="2025-10-06"))
    [titled] = extract_mentions(make_doc(body, published="2025-10-06", title="How Lima's commuters got by"))
    assert alone.place.country != "PE"
    assert (titled.place.name, titled.place.country) == ("Independencia", "PE")


def test_a_sentence_that_opens_on_elsewhere_takes_not_the_town_before(doc_from_text):
    sit_in, blockade = extract_mentions(doc_from_text(
        "A few dozen farmers staged a sit-in in Chandigarh on Monday. Elsewhere, hundreds of farmers kept up "
        "their blockade of the highway.", "2024-02-26"))
    assert sit_in.place.name == "Chandigarh"
    assert (blockade.place.name, blockade.place.precision) == ("India", "country")
    assert [s.low for s in blockade.sizes] == [200] and [s.low for s in sit_in.sizes] == [36]


def test_those_protests_after_a_sentence_about_an_earlier_year_are_those(doc_from_text):
    today, earlier, those = extract_mentions(doc_from_text(
        "Police fired tear gas at marchers in Lusaka on Tuesday.\n"
        "Zambia last saw mass street protests in 2021. Nine people died in those protests, activists said.",
        "2024-07-16"))
    assert today.modality.value == "asserted" and today.deaths is None
    assert earlier.modality.value == those.modality.value == "background" and those.deaths == 9
    # "the protests" after a report of today's is today's
    _today, again = extract_mentions(doc_from_text(
        "Police fired tear gas at marchers in Lusaka on Tuesday.\nTwo people died in the protests, a hospital "
        "said.", "2024-07-16"))
    assert again.modality.value == "asserted" and again.date.start == dt.date(2024, 7, 16)


def test_where_people_come_from_and_a_range_of_towns_are_no_events_place(doc_from_text):
    [march] = extract_mentions(doc_from_text(
        "In Durban, about 2,000 dock workers, many of them from the terminals in Richards Bay, marched to "
        "the city hall on Monday.", "2024-10-08"))
    assert march.place.name == "Durban"
    [strike, pickets] = extract_mentions(doc_from_text(
        "The strike by nurses in Scotland entered its second day on Tuesday.\n"
        "Pickets stood again on Tuesday outside hospitals from Glasgow to Aberdeen.", "2024-10-08"))
    assert pickets.place is None or pickets.place.precision != "city"
    # a march from one town to another is a route, and its towns are the march's
    route = extract_mentions(doc_from_text("Thousands of farmers marched from Ghent to Brussels on Monday.",
                                           "2024-10-08"))
    assert route and all(m.place is not None and m.place.precision == "city" for m in route)


def test_a_general_strike_or_the_country_under_a_dateline_is_the_countrys(doc_from_text):
    [greece] = extract_mentions(doc_from_text(
        "ATHENS - Greece ground to a halt on Wednesday as unions staged a 24-hour walkout.", "2025-04-10"))
    assert (greece.place.name, greece.place.precision) == ("Greece", "country")
    [general] = extract_mentions(doc_from_text(
        "LISBON (Reuters) - Portuguese unions held a general strike on Thursday.", "2025-04-11"))
    assert (general.place.name, general.place.precision) == ("Portugal", "country")
    # the dateline's own country is where the report was filed, not a place the sentence names
    [filed] = extract_mentions(doc_from_text("NAIROBI, Kenya (AP) - Police fired tear gas at protesters on Thursday.",
                                             "2025-04-11"))
    assert filed.place.name == "Nairobi"


def test_a_count_of_the_years_strikes_names_the_strike_and_dates_no_later_sentence(doc_from_text):
    from strikewatch.resolve import resolve_events

    mentions = extract_mentions(doc_from_text(
        "Workers in Patras held a general strike on Wednesday.\n"
        "It is the fourth general strike this year. Thousands marched in Patras.", "2025-05-29"))
    assert mentions[-1].date.start == dt.date(2025, 5, 28)  # the march takes Wednesday, not "this year"
    strikes = [e for e in resolve_events(mentions) if e.type.value == "strike"]
    assert [len(e.mentions) for e in strikes] == [2]


def test_a_kind_of_action_a_noun_names_is_no_event_even_with_places(doc_from_text):
    mentions = extract_mentions(doc_from_text(
        "Analysts say the era of mass strikes at shipyards in Ulsan and Geoje appears to be over.", "2024-04-02"))
    assert mentions and all(m.modality is Modality.GENERIC for m in mentions)


def test_an_action_still_going_or_set_after_an_earlier_one_is_no_background(doc_from_text):
    [ongoing] = extract_mentions(doc_from_text("Nurses in Kisumu have been on strike since 2023.", "2025-03-14"))
    assert ongoing.modality is Modality.ASSERTED
    # a span opened decades before the report is a history, not one action going on
    [history] = extract_mentions(doc_from_text("Kenya has seen repeated doctors' strikes since the 1990s.", "2025-03-14"))
    assert history.modality is Modality.BACKGROUND
    # an earlier action the report compares with is background, and its date is its own
    [now] = extract_mentions(doc_from_text("The marches recall the June 2024 demonstrations in Nairobi, in which "
                                           "dozens were killed.", "2025-02-19"))
    assert (now.trigger.text, now.modality, now.date.start) == ("marches", Modality.ASSERTED, dt.date(2025, 2, 19))
    assert now.deaths is None  # the earlier demonstrations' dead
    evoked = [m for m in extract_mentions(doc_from_text("Students in Leeds recalled the 2010 strike as a turning point.",
                                                        "2025-02-19"))]
    assert all(m.modality is not Modality.ASSERTED for m in evoked)
    # one action goes on however long it has lasted
    [long_strike] = extract_mentions(doc_from_text("Printers in Kisumu have been on strike since October 2022.",
                                                   "2025-03-14"))
    assert long_strike.modality is Modality.ASSERTED
    mentions = extract_mentions(doc_from_text("Ten years after the 2015 strike, nurses in Leeds walked out again.",
                                              "2025-03-14"))
    [walkout] = [m for m in mentions if m.modality is Modality.ASSERTED]  # the 2015 strike is background
    assert walkout.trigger.text == "walked out" and walkout.date.start == dt.date(2025, 3, 14)


@pytest.mark.parametrize("sentence", [
    "Bus drivers in Porto have walked out repeatedly over pay.",  # done again and again
    "Strikes are spreading too: nurses and train drivers have repeatedly walked out over pay.",
    "Valencia and other Spanish cities have seen residents protest against short-term lets.",  # kinds a place knew
    "The capital has seen protests against the housing law.",
])
def test_actions_told_as_recurring_or_as_what_places_have_known_are_no_occurrence(doc_from_text, sentence):
    mentions = extract_mentions(doc_from_text("Housing costs rose again.\n\n" + sentence, "2023-10-03"))
    assert mentions and all(m.modality is Modality.GENERIC for m in mentions)


@pytest.mark.parametrize("sentence", [
    "Bus drivers in Porto have walked out over pay.",  # once
    "The capital has seen a huge protest against the housing law.",  # one action
    "Bus drivers in Porto walked out repeatedly on Monday.",  # a day stated
])
def test_one_action_or_a_stated_day_stays_an_occurrence(doc_from_text, sentence):
    mentions = extract_mentions(doc_from_text("Housing costs rose again.\n\n" + sentence, "2023-10-03"))
    assert mentions and all(m.modality is Modality.ASSERTED for m in mentions)


def test_an_action_a_stated_day_comes_a_day_after_is_the_day_before(doc_from_text):
    [march] = extract_mentions(doc_from_text("City news.\n\nShops in the centre were cleaning up on Thursday, a day "
                                             "after a noisy march by striking bin workers.", "2024-07-18"))
    assert march.date.start == dt.date(2024, 7, 17) and march.date.evidence.rule == Rule.DATE_DAY_OFFSET
    # a day the action is given itself is its own
    [own] = extract_mentions(doc_from_text("City news.\n\nShops reopened on Thursday, a day after a march by bin "
                                           "workers on Wednesday.", "2024-07-19"))
    assert own.date.start == dt.date(2024, 7, 17) and own.date.evidence.rule != Rule.DATE_DAY_OFFSET


def test_review_misfires_of_the_place_and_date_rules_stay_fixed(doc_from_text):
    [paris] = extract_mentions(doc_from_text("PARIS - Riot police clashed with protesters near the Bastille on Thursday, "
                                             "as France's pension reform stirred anger.", "2025-04-11"))
    assert paris.place.name == "Paris"
    march = [m for m in extract_mentions(doc_from_text(
        "ATHENS - Workers marched to parliament on Wednesday, the third day of the general strike.", "2025-04-11"))
        if m.type.value == "demonstration"]
    assert [m.place.name for m in march] == ["Athens"]
    [rally] = extract_mentions(doc_from_text(
        "BERLIN (Reuters) - Organisers said on Saturday that the rally in Berlin drew 100,000 people.", "2025-03-10"))
    assert rally.date.start == dt.date(2025, 3, 8)  # the statement's day: the clause is no earlier happening
    [strike] = extract_mentions(doc_from_text(
        "A general strike paralysed Chile, which ground to a halt on Wednesday.", "2025-06-06"))
    assert strike.date.start == dt.date(2025, 6, 4)  # a clause about the place keeps its day
    mentions = extract_mentions(doc_from_text("Organisers of protests in Tbilisi say they will march again.",
                                              "2025-03-14"))
    assert all(m.modality is not Modality.GENERIC for m in mentions)


@pytest.mark.parametrize("sentence", [
    "A man who died in the 2019 protests was remembered at the rally.",
    "Police said no arrests had been made.",
    "The union said the strike would go on until pay arrears were settled.",
    "A monitoring group has recorded more than 19,000 detentions at protests since 2022.",  # a tally over years
])
def test_no_count_where_nobody_was_counted(sentence):
    from strikewatch.extract.response import find_counts

    assert find_counts(sentence) == {}


def test_a_report_with_no_day_of_its_own_carries_the_day_the_story_opens_on(doc_from_text):
    doc = doc_from_text("On Tuesday, several hundred young people again defied the police in the centre of Accra.\n"
                        "Throughout the day, police fired tear gas at small groups of demonstrators.", "2024-07-17")
    [m] = extract_mentions(doc)
    assert m.date.start == dt.date(2024, 7, 16) and m.date.evidence.rule == Rule.DATE_ARTICLE_ANCHOR
    # an opening day after later paragraphs, or one still to come, dates nothing
    later = doc_from_text("Police fired tear gas at demonstrators in Accra.\nOn Friday, the union will meet.", "2024-07-17")
    assert [m.date.start for m in extract_mentions(later)] == [dt.date(2024, 7, 17)]


def test_a_town_people_came_from_is_not_carried_to_the_next_sentence(doc_from_text):
    doc = doc_from_text("Tens of thousands of teachers marched in Porto on Friday.\n"
                        "Buses had arrived from Braga, Viseu and Faro since dawn.\n"
                        "The march ended at the town hall, where police detained three people.", "2024-04-12")
    assert {m.place.name for m in extract_mentions(doc)} == {"Porto"}


def test_overnight_in_a_clause_about_what_set_the_action_off_is_that_happenings_time(doc_from_text):
    doc = doc_from_text("Hundreds of motorcycle riders barricaded the main road in Ibadan, following the death of a rider "
                        "in a hit-and-run crash overnight.", "2024-05-03")
    [m] = extract_mentions(doc)
    assert m.date.start == dt.date(2024, 5, 3)
    # the action's own overnight is its own
    own = doc_from_text("Hundreds of motorcycle riders barricaded the main road in Ibadan overnight.", "2024-05-03")
    assert [m.date.start for m in extract_mentions(own)] == [dt.date(2024, 5, 2)]


def test_a_toll_of_the_killed_and_injured_together_or_over_years_counts_no_deaths():
    from strikewatch.extract.response import find_counts

    for sentence in ("The number of people killed and injured in Tuesday's protests has risen to 45.",
                     "The number of people killed since the uprising began in 2011 has risen to 500,000."):
        assert "deaths" not in find_counts(sentence), sentence
    assert find_counts("The number of people killed during Tuesday's protests has risen to seven.")["deaths"].value == 7


def test_across_the_country_is_the_reports_country_not_one_its_sentence_names_otherwise(doc_from_text):
    doc = doc_from_text("WARSAW (Reuters) - Polish farmers protested in Warsaw on Monday.\nFarmers blocked roads across "
                        "the country on Tuesday to protest against grain imports from Ukraine.", "2024-05-08")
    assert {m.place.name for m in extract_mentions(doc) if m.type is EventType.BLOCKADE} == {"Poland"}


def test_a_town_the_report_names_again_and_again_holds_against_a_city_named_in_passing():
    text = ("Dockers rally at Bootle gates\n\nHundreds of striking dockers rallied outside the port gates in Bootle "
            "on Monday. Solidarity messages were read out from transport workers in Dublin.")
    mentions = extract_mentions(make_doc(text, published="2025-03-11"))
    assert {(m.place.name, m.place.country) for m in mentions} == {("Bootle", "GB")}


def test_a_placeless_sentence_naming_one_nationality_is_that_countrys():
    mentions = extract_mentions(make_doc(
        "Production stopped at the carmaker's Korean plants on Wednesday as union members downed tools for four "
        "hours. Analysts said a longer strike could hit exports to the United States.", published="2024-07-10"))
    assert [(m.type.value, m.place.country) for m in mentions if m.modality is Modality.ASSERTED] == [("strike", "KR")]


def test_a_count_of_each_town_in_a_sentence_with_no_action_word_gives_each_town_its_crowd():
    mentions = extract_mentions(make_doc("Hundreds of thousands marched in Paris on Thursday. Outside the capital, "
                                         "police counted 12,000 in Rouen and 6,500 in Caen.", published="2025-03-14"))
    sizes = {m.place.name: (m.size_low, m.size_high) for m in mentions if m.place and m.place.name in ("Rouen", "Caen")}
    assert sizes == {"Rouen": (12000, 12000), "Caen": (6500, 6500)}


def test_a_crowd_that_grew_later_in_the_day_gives_its_day_a_second_figure():
    mentions = extract_mentions(make_doc("Thousands of farmers marched through Lublin on Friday. By early afternoon "
                                         "the crowd had grown to some 18,000, the town hall said.", published="2025-01-25"))
    assert [(m.place.name, m.size_low) for m in mentions] == [("Lublin", 2000), ("Lublin", 18000)]


@pytest.mark.parametrize("other", [
    "The number of patients waiting for surgery has grown to 12,000 people, the union said.",  # no crowd grows
    "Since 2020 the union has counted 300 members in Lublin.",  # a membership, no source's count of a crowd
    "Hospitals counted 40 in Lublin with heatstroke.",
    "By Friday the protest had grown to 30 cities.",  # a count of towns
])
def test_a_number_that_grows_or_is_counted_is_no_crowd_unless_a_crowd_is_meant(other):
    mentions = extract_mentions(make_doc("Hundreds of nurses rallied in Lublin on Monday. " + other,
                                         published="2025-03-11"))
    assert [(m.size_low, m.size_high) for m in mentions if m.size_low] == [(200, 200)]


def test_a_town_inside_what_a_march_is_about_yields_to_the_reports_dateline():
    """"MULTAN: ... staged a march against the killing of an advocate in Sukkur": the dateline's march,
    about a killing elsewhere; with a town of its own, the march is that town's."""
    [datelined] = extract_mentions(make_doc("MULTAN: Lawyers stayed away from courts on Tuesday and staged a "
                                            "protest march against the killing of an advocate in Sukkur.",
                                            published="2025-02-19"))
    assert datelined.place.name == "Multan"
    [own] = extract_mentions(make_doc("Lawyers staged a protest march in Multan on Tuesday against the killing of "
                                      "an advocate in Sukkur.", published="2025-02-19"))
    assert own.place.name == "Multan"


def test_a_clause_that_tells_of_a_person_dates_and_places_that_persons_story_not_the_gathering():
    """"... chanting in solidarity with the family of the rider who died in custody in Eldoret last week":
    the death's week and town, not the gathering's, which stays at the roundabout of the day before."""
    first, second = extract_mentions(make_doc(
        "Police battled protesters at the main roundabout in Nakuru this afternoon. About 500 youths gathered at "
        "the roundabout at around 10am, chanting in solidarity with the family of the rider who died in police "
        "custody in Eldoret last week.", published="2025-07-08"))
    assert (second.place.name, second.date.start) == ("Nakuru", dt.date(2025, 7, 8)) == (first.place.name,
                                                                                        first.date.start)


def test_a_march_moved_from_one_town_to_another_is_the_march_of_its_own_town_only():
    [march] = extract_mentions(make_doc("Organisers moved the march from Multan to Islamabad on Monday.",
                                        published="2025-02-19"))
    assert march.place is not None and march.place.name in ("Multan", "Islamabad")


@pytest.mark.parametrize("sentence, expected", [
    # a kind's trend with a place and no recurring action beside it may report one
    ("Protests are growing in Nairobi after police shot a student.", Modality.ASSERTED),
    ("Strikes are spreading too: nurses and train drivers have repeatedly walked out over pay.", Modality.GENERIC),
])
def test_a_kinds_trend_is_generic_only_beside_an_action_told_as_recurring(doc_from_text, sentence, expected):
    mentions = extract_mentions(doc_from_text("City news.\n\n" + sentence, "2024-07-18"))
    assert mentions and all(m.modality is expected for m in mentions)


def test_days_counted_to_an_action_stay_in_their_clause(doc_from_text):
    [strike] = extract_mentions(doc_from_text("City news.\n\nTalks resumed on Friday, two days after a strike by "
                                              "workers.", "2024-07-18"))
    assert strike.date.start == dt.date(2024, 7, 10)
    mentions = extract_mentions(doc_from_text("City news.\n\nThe union met the minister on Thursday, a day after a "
                                              "strike vote was announced, and a march is planned.", "2024-07-18"))
    [march] = [m for m in mentions if m.trigger.text == "march"]
    assert march.date is None or march.date.start != dt.date(2024, 7, 17)  # the vote's clause ends at its comma


def test_the_articles_one_town_is_not_a_sentence_of_another_actions_place(doc_from_text):
    """The only town the article names is where the sentence naming it puts another kind of action ("the
    largest march was in Leiden"): the occupation told before it is not placed there."""
    mentions = extract_mentions(doc_from_text(
        "About 80 students occupied the administration building on Wednesday to protest against the cuts.\n\n"
        "Students at other colleges also protested that day; the largest march was in Leiden.", "2026-03-12"))
    occupation = next(m for m in mentions if m.type is EventType.OCCUPATION)
    assert occupation.place is None or occupation.place.name != "Leiden"
    [sit_in] = extract_mentions(doc_from_text(
        "About 60 students occupied the university's administration building on Wednesday morning.\n\n"
        "Montreal police said officers were watching the building.", "2025-03-12"))
    assert sit_in.place.name == "Montréal"  # a town named with no action of its own still places it


def test_the_people_of_an_action_are_its_verbs_subject(doc_from_text):
    """"Drivers faced delays as farmers blocked the road": the farmers blocked it, whoever the sentence
    names first."""
    [blockade] = extract_mentions(doc_from_text(
        "Drivers near Lyon faced long delays on Tuesday as farmers blocked the ring road with tractors.",
        "2025-11-19"))
    assert blockade.type is EventType.BLOCKADE and blockade.participants == "farmers"
    march = next(m for m in extract_mentions(doc_from_text(
        "Commuters waited for hours on Monday while striking nurses marched through Leeds.", "2025-11-18"))
        if m.type is EventType.DEMONSTRATION)
    assert march.participants == "striking nurses"


def test_a_town_named_before_a_noun_is_the_town_the_page_reads_elsewhere(doc_from_text):
    """One sense per page: a small town's name before a noun ("the Agen ring road") is not read alone,
    but it is the town the page names as a place elsewhere ("shops in Agen")."""
    [blockade, *_] = extract_mentions(doc_from_text(
        "Farmers blocked the Agen ring road with their tractors on Tuesday.\n\n"
        "By the evening, shops in Agen were still cut off from the motorway, the prefecture in southwest "
        "France said.", "2025-11-19"))
    assert blockade.type is EventType.BLOCKADE and blockade.place.name == "Agen"
    assert blockade.place.evidence.rule == "place:in-sentence"


def test_an_institution_named_of_its_town_places_the_sentence(doc_from_text):
    """"The University of Amsterdam's offices": the institution's town is the sentence's place, in a report
    that names its country elsewhere."""
    [occupation, *_] = extract_mentions(doc_from_text(
        "Students occupied the University of Amsterdam's administrative offices on Wednesday.\n\n"
        "Universities across the Netherlands face cuts of a billion euros a year.", "2026-03-12"))
    assert occupation.type is EventType.OCCUPATION and occupation.place.name == "Amsterdam"


def test_a_sentence_before_any_town_is_in_the_town_the_title_puts_the_news_in(doc_from_text):
    """The title says where ("Farmers block roads in Toulouse"); the body's first sentences name no
    town: they are in the title's town, not the country, nor a town the body names later for another reason."""
    [blockade, *_] = extract_mentions(doc_from_text(
        "Farmers blocked every road into the city with tractors on Tuesday over grain prices.\n\n"
        "France's farm minister will meet union leaders in Paris next week.", "2025-11-19",
        title="Farmers block roads in Toulouse"))
    assert blockade.type is EventType.BLOCKADE
    assert (blockade.place.name, blockade.place.evidence.rule) == ("Toulouse", "place:title")



def test_a_future_verdict_on_a_past_action_is_no_plan(doc_from_text):
    """"The strike of February 18 will go down in history": a verdict that looks back on what happened;
    "the strike will start on Friday" is still a plan."""
    [strike] = extract_mentions(doc_from_text(
        "The general strike of February 18 will go down in history as one of the largest ever held.", "2026-02-19"))
    assert strike.modality is Modality.ASSERTED and strike.date.start == dt.date(2026, 2, 18)
    [march] = extract_mentions(doc_from_text("Sunday's march will be remembered as the largest in a decade.",
                                             "2026-02-19"))
    assert march.modality is Modality.ASSERTED
    [plan] = extract_mentions(doc_from_text("The general strike will start on Friday, the unions said.", "2026-02-19"))
    assert plan.modality is Modality.PLANNED


def test_narrowings_of_the_places_read_from_a_title_an_institution_or_another_sentence(doc_from_text):
    """A title's town only where the title puts its news there ("Berlin doctors' union calls strike" names the
    union's seat); an institution's town only where something is done at it (not "a spokesperson for the
    University of Bristol said"); the strikers' own march in the one town named keeps the strike there; a
    firm's name ("staff at Halifax") is not the town read elsewhere."""
    mentions = extract_mentions(doc_from_text(
        "Junior doctors walked out on Wednesday in a dispute over pay. In Munich, 2,000 doctors marched to the state "
        "health ministry.", "2025-03-13", title="Berlin doctors' union calls strike"))
    assert all(m.place.name != "Berlin" for m in mentions)
    mentions = extract_mentions(doc_from_text(
        "Lecturers at 60 universities walked out on Monday in a dispute over pensions, a spokesperson for the "
        "University of Bristol said. The strike will continue for ten days across the UK.", "2025-03-13"))
    assert all(m.place.name != "Bristol" for m in mentions)
    strike, *_ = extract_mentions(doc_from_text(
        "Teachers at 40 schools walked out on Tuesday over pay. More than 2,000 of them marched through Leeds "
        "city centre at noon.", "2025-03-12"))
    assert strike.type is EventType.STRIKE and strike.place.name == "Leeds"
    mentions = extract_mentions(doc_from_text(
        "Hundreds of workers staged a sit-in at Mercedes in Stuttgart on Monday.\n\n"
        "In Mercedes, Argentina, farmers blocked a highway on Monday.", "2025-03-12"))
    assert mentions[0].place.name == "Stuttgart"


def test_a_question_an_authorised_strike_and_a_rally_planned_report_nothing(doc_from_text):
    """"Why are they striking?" asks; "nurses have authorized strikes" and "a rally planned at the ministry this
    week" are plans."""
    mentions = extract_mentions(doc_from_text(
        "Dockers in Marseille walked out on Monday over pensions.\n\n"
        "Why are they striking?\n\n"
        "Elsewhere, nurses at two hospitals in Lyon have authorized strikes.\n\n"
        "The union said there is a rally planned at the ministry this week.\n\n"
        "On Tuesday farmers blocked the motorway near Agen, stopping lorries heading to the port of Bordeaux.",
        "2025-10-07"))
    asserted = [m for m in mentions if m.modality is Modality.ASSERTED]
    assert [m.sentence.text[:6] for m in asserted] == ["Docker", "On Tue"]


def test_a_saying_dated_of_people_on_strike_dates_the_saying_not_the_strike(doc_from_text):
    """"ICE said on Monday that seven detainees were on hunger strike": people on a lasting action the day it
    was said, an action begun before; "police said on Sunday that thousands marched" keeps its day."""
    first, later = extract_mentions(doc_from_text(
        "About 40 detainees began a hunger strike at the detention center in Tacoma on Thursday.\n\n"
        "Immigration officials said on Monday that seven detainees were on hunger strike.", "2026-02-10"))
    assert later.date.start == first.date.start == dt.date(2026, 2, 5)
    [march] = extract_mentions(doc_from_text("Police said on Sunday that thousands marched in Lyon.", "2026-02-10"))
    assert march.date.start == dt.date(2026, 2, 8)



def test_the_west_of_a_land_is_in_it():
    [m] = extract_mentions(make_doc("Miners went on strike on Tuesday in the west of Ukraine.", published="2024-07-10"))
    assert m.place.country == "UA"


def test_a_bylines_town_is_where_the_writer_is_based_not_where_anything_happened():
    text = ("By Jane Roe, Brussels\n\nOn Monday, students occupied the square in front of the rectorate, and police "
            "detained 159 of them.")
    [m] = extract_mentions(make_doc(text, published="2021-02-03"))
    assert m.place is None  # neither Brussels nor Belgium
    text = "Автор: Анна Петрова, Казань\n\nВ понедельник в Стамбуле студенты вышли на акцию протеста у ректората."
    [m] = extract_mentions(make_doc(text, published="2021-02-03"))
    assert m.place.name == "Istanbul"
    # a sentence that opens on "By" is no byline
    [m] = extract_mentions(make_doc("By Monday evening, thousands of students had marched in Brussels.",
                                    published="2021-02-03"))
    assert m.place.name == "Brussels"


@pytest.mark.parametrize("text, towns", [
    ("Workers protested on Sunday in Karaj and in the poorer south of Tehran.", ["Karaj", "Tehran"]),
    ("Nurses marched on Monday in Leeds and in the industrial north-east of Manchester.", ["Leeds", "Manchester"]),
])
def test_a_part_of_a_town_is_in_it(text, towns):
    assert sorted(m.place.name for m in extract_mentions(make_doc(text, published="2024-07-10"))) == towns


@pytest.mark.parametrize("text, town", [
    ("Nurses protest pay freeze\n\nBy Sunday Night, Nurses Had Walked Out in Tbilisi\n\nTens of thousands rallied "
     "outside parliament on Sunday.", "Tbilisi"),
    ("Teachers strike\n\nBy Bus and on Foot, Teachers Reach Almaty\n\nHundreds of teachers marched on the education "
     "ministry in Almaty on Tuesday.", "Almaty"),
])
def test_a_headline_opening_on_by_is_no_byline(text, town):
    mentions = extract_mentions(make_doc(text, published="2024-03-15"))
    assert mentions and all(m.place is not None and m.place.name == town for m in mentions)


def test_a_town_named_for_its_government_is_no_place_of_the_report():
    text = ("Dockers in Vancouver walked out on Saturday.\n\nBusiness groups urged Ottawa to step in quickly with "
            "back-to-work legislation.\n\nCruise ship operations are largely exempt from the strike, the union said.")
    assert [m.place.name for m in extract_mentions(make_doc(text, published="2023-07-02"))] == ["Vancouver"] * 2
    text = "Thousands marched in Minsk on Sunday. Moscow said the protests were organised from abroad."
    assert [m.place.name for m in extract_mentions(make_doc(text, published="2023-07-02"))] == ["Minsk"] * 2
    # people in a town who say something are there
    text = "Protesters in Ottawa said they would stay until Friday, and thousands marched in Ottawa on Monday."
    assert [m.place.name for m in extract_mentions(make_doc(text, published="2023-07-02"))] == ["Ottawa"]


@pytest.mark.parametrize("text, town", [
    # a town before a noun or after a preposition of place is where people are
    ("The Paris protests drew about 5,000 people on Thursday.", "Paris"),
    ("The Toronto protest organisers said 4,000 people marched on Saturday.", "Toronto"),
    ("Nurses throughout Lagos protested on Tuesday over unpaid wages.", "Lagos"),
    ("Farmers marching through Madrid demanded lower fuel prices on Friday.", "Madrid"),
    # its people are asked, not its government
    ("Organisers asked Nairobi residents to join the march on Tuesday, and 2,000 marched.", "Nairobi"),
])
def test_a_town_named_beside_a_saying_is_still_a_place_where_its_people_are(text, town):
    mentions = extract_mentions(make_doc(text, published="2024-05-10"))
    assert mentions and all(m.place is not None and m.place.name == town for m in mentions)
