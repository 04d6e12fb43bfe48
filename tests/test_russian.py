"""Russian end to end: language identification, sentences, triggers, modality, dates, figures,
claimants, arrests and places in every case, each with its evidence in the Russian text.

Sentence cases are data: `tests/cases/ru/*.jsonl`, one line a case (a sentence of our own, its
report date, the fields its first mention must have). Adding a rule is one data line in
`strikewatch/lang/ru/` and one case line here.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path

import pytest

from strikewatch.extract import extract_mentions
from strikewatch.extract.ru_size import find_counts, find_means, find_sizes
from strikewatch.extract.ru_time import find_dates, forms
from strikewatch.geo.toponyms import geocode
from strikewatch.ingest.language import language_of
from strikewatch.lang import available, lexicon
from strikewatch.model import EventType, Modality
from strikewatch.nlp import parse
from strikewatch.resolve import resolve_events

from .conftest import make_doc

CASES = Path(__file__).parent / "cases" / "ru"


def _cases() -> list[dict]:
    return [json.loads(line) for path in sorted(CASES.glob("*.jsonl"))
            for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["text"][:40])
def test_sentence_cases(case):
    doc = make_doc(case["text"], published=case.get("published"))
    assert doc.language == "ru"
    mentions = extract_mentions(doc)
    assert mentions, "no mention"
    expect = case["expect"]
    m = next((x for x in mentions if x.type is EventType(expect["type"])), mentions[0])
    assert m.type is EventType(expect["type"])
    assert m.modality is Modality(expect.get("modality", "asserted"))
    if "date" in expect:
        assert m.date is not None and m.date.start == dt.date.fromisoformat(expect["date"])
    if "place" in expect:
        assert m.place is not None and m.place.name == expect["place"]
        ev = m.place.evidence
        assert doc.text[ev.start:ev.end] == ev.text and ev.text in case["text"]  # the Russian form, in the text
    if "size" in expect:
        assert [(c.low, c.high) for c in m.sizes][:1] == [tuple(expect["size"])]
        assert all(doc.text[c.evidence.start:c.evidence.end] == c.evidence.text for c in m.sizes)
    if "claimant" in expect:
        assert m.sizes[0].claimant == expect["claimant"]
    if "arrests" in expect:
        assert any(x.arrests == expect["arrests"] for x in mentions)
    trigger = m.trigger
    assert doc.text[trigger.start:trigger.end] == trigger.text


def test_language_identification():
    assert language_of("Вчера в центре города прошла акция протеста против повышения цен на проезд, "
                       "в ней участвовали несколько сотен человек, полиция задержала троих.") == "ru"
    assert language_of("Hundreds of teachers marched through the capital on Monday to demand higher pay, "
                       "and the union said more protests would follow next week.") == "en"
    assert language_of("Cientos de maestros marcharon el lunes por el centro de la capital para exigir "
                       "mejores salarios, y el sindicato anunció que habrá nuevas protestas durante toda la "
                       "semana si el gobierno no responde.") == "es"
    assert language_of("Strike at the port") == "en"  # too short to tell: read as English


def test_places_in_every_case_resolve_to_the_gazetteer():
    doc = make_doc("Акции прошли в Минске, под Гродно и в Хабаровске, а также в Белоруссии и России.")
    found = {t.text: t.place for t in geocode(parse(doc)).toponyms}
    assert found["Минске"].name == "Minsk" and found["Гродно"].name == "Hrodna"
    assert found["Хабаровске"].name == "Khabarovsk"
    assert found["Белоруссии"].kind == "country" and found["Белоруссии"].country == "BY"
    assert found["России"].country == "RU"


def test_dates():
    published = dt.date(2020, 10, 28)
    read = {d.span.evidence.text: d.span.start for d in
            find_dates("В воскресенье, 25 октября, и в прошлый вторник, а также вчера и с 13 августа", published)}
    assert read == {"В воскресенье": dt.date(2020, 10, 25), "25 октября": dt.date(2020, 10, 25),
                    "в прошлый вторник": dt.date(2020, 10, 20),  # last week's, not yesterday ("во вторник")
                    "вчера": dt.date(2020, 10, 27), "с 13 августа": dt.date(2020, 8, 13)}
    assert [d.span.start for d in find_dates("Марш прошел 12 сентября", None)] == [None]  # no year: unresolved


@pytest.mark.parametrize(("published", "expected"), [
    (dt.date(2020, 11, 1), dt.date(2020, 10, 20)),  # a Sunday: this week's Tuesday is "во вторник"
    (dt.date(2020, 10, 26), dt.date(2020, 10, 20)),  # a Monday: the week before's, six days back
    (dt.date(2020, 10, 21), dt.date(2020, 10, 13)),  # a Wednesday: not yesterday, the week before's
])
def test_last_weekday_is_the_one_of_the_week_before_the_reports(published, expected):
    said = "Рабочие вышли на забастовку в прошлый вторник."
    assert [d.span.start for d in find_dates(said, published)] == [expected]


@pytest.mark.parametrize(("published", "expected"), [
    (dt.date(2025, 6, 15), dt.date(2025, 6, 14)),  # a Sunday: yesterday, not the Saturday of the week before
    (dt.date(2025, 6, 14), dt.date(2025, 6, 7)),  # a Saturday: the one before the report day
    (dt.date(2025, 6, 18), dt.date(2025, 6, 14)),
])
def test_the_weekday_just_past_is_the_latest_before_the_report(published, expected):
    said = "В минувшую субботу в Омске прошёл митинг."
    assert [d.span.start for d in find_dates(said, published)] == [expected]
    assert [d.span.start for d in find_dates("Рабочие вышли на забастовку во вторник.", published)][0] <= published
    assert "октября" in forms("октябрь") and "субботу" in forms("суббота")


@pytest.mark.parametrize("sentence, claims", [
    # each source's phrase before its own figure; the second figure's noun left out
    ("По данным МВД, в акции приняли участие около 3 тысяч человек, по оценкам организаторов — более 10 тысяч.",
     [(3000, "police"), (10000, "organisers")]),
    ("По оценкам организаторов, на митинг вышли более 10 тысяч человек, по данным МВД — около 3 тысяч.",
     [(10000, "organisers"), (3000, "police")]),
    ("По данным МВД, в акции участвовали около 3 тысяч человек, по оценкам организаторов, более 10 тысяч.",
     [(3000, "police"), (10000, "organisers")]),  # a comma, not a dash, before the second figure
    # each source's phrase after its figure
    ("На митинг вышли около 3 тысяч человек, по данным МВД, и более 10 тысяч человек, по оценкам организаторов.",
     [(3000, "police"), (10000, "organisers")]),
    ("Около 3 тысяч человек вышли на митинг, сообщили в МВД.", [(3000, "police")]),
    ("По оценкам мэрии, на митинг вышли около 4 тысяч человек.", [(4000, "city hall")]),
    # the second source's verb left out after a dash
    ("Профсоюз говорит о 12 тысячах участников, полиция — о 5 тысячах.", [(12000, "union"), (5000, "police")]),
])
def test_each_figure_takes_the_source_that_gives_it(sentence, claims):
    assert [(s.low, s.claimant) for s in find_sizes(sentence)] == claims


def test_the_state_and_the_press_organise_no_protest():
    mentions = extract_mentions(make_doc("В воскресенье в Гомеле прошла акция протеста. По данным МВД, в акции "
                                         "приняли участие около 3 тысяч человек.", published="2020-09-14"))
    assert all("МВД" not in org for m in mentions for org in m.organizations)


def test_figures_claimants_and_counts():
    sizes = find_sizes("По оценкам организаторов, на площадь пришли около 200 тысяч человек.")
    assert [(s.low, s.high, s.claimant) for s in sizes] == [(200000, 200000, "organisers")]
    assert [(s.low, s.text) for s in find_sizes("У проходной стояли более 100 тыс. рабочих.")] == [(100000, "более 100 тыс.")]
    assert [s.low for s in find_sizes("Собрались несколько сотен студентов.")] == [300]
    assert [s.low for s in find_sizes("Пришли до 100 человек.")] == [100]
    counts = find_counts("Во время акции задержаны более 210 человек, ранены 12 человек.")
    assert counts["arrests"].value == 210 and counts["injuries"].value == 12
    assert counts["arrests"].evidence.text == "более 210" and counts["arrests"].evidence.rule == "response:ru-arrests"
    assert find_sizes("Во время акции задержаны более 210 человек.") == []  # detainees are no crowd
    assert find_counts("26 октября милиция начала задержания у проходной.") == {}  # a day is no count


def test_every_russian_data_file_is_a_section_of_its_lexicon():
    folder = resources.files("strikewatch.lang") / "ru"
    files = {p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")}
    assert files == {"triggers", "modality", "calendar", "numbers", "people", "actors", "places", "response", "grammar",
                     "furniture", "senses", "events"}
    russian = lexicon("ru")
    for name in files:
        section = getattr(russian, name)
        assert section != type(section)(), name  # each file fills its section: no words left unread


def test_russian_triggers_modality_and_response_words_are_read_through_the_lexicon():
    assert "ru" in available()
    russian = lexicon("ru")
    assert russian.triggers.verbs["бастовать"] is EventType.STRIKE
    assert "призыв" in russian.modality.planning_nouns and "задерж" in russian.response.count_cues["arrests"]
    assert find_means("ОМОН применил слезоточивый газ и дубинки.") == ["tear gas", "batons"]


def test_a_deadline_is_no_day_anything_happened():
    said = "Оппозиция требовала отставки правительства до 25 октября, а 26 октября рабочие начали забастовку."
    assert [d.span.evidence.text for d in find_dates(said, dt.date(2020, 10, 27))] == ["26 октября"]


def test_a_whole_country_sentence_takes_the_country_of_the_towns_the_article_names():
    # the article never names its country; the town a workplace is named after is known only later
    text = ("В понедельник оппозиция объявила общенациональную забастовку.\n"
            "У проходной завода «Гомель Стекло» собрались бастующие рабочие.")
    national = extract_mentions(make_doc(text, published="2020-10-26"))[0]
    assert national.type is EventType.STRIKE and national.place is not None
    assert (national.place.name, national.place.precision) == ("Belarus", "country")
    assert national.place.evidence.rule == "place:nationwide" and national.place.evidence.text == "общенациональн"
    alone = extract_mentions(make_doc(text.split("\n")[0], published="2020-10-26"))
    assert [m.place for m in alone] == [None]  # no town, no country: unplaced, not guessed


def test_a_town_adjective_or_residents_noun_names_its_town_by_regular_derivation():
    from strikewatch.geo.ru_town_words import is_residents_noun, town_of, town_region

    def town(lemma, kind, country=None):
        found = town_of(lemma, kind, country)
        return found.name if found is not None else None

    assert town("хабаровский", "adjective") == "Khabarovsk"  # Хабаровск + ий; 600,000 people: anywhere
    assert town("гомельский", "adjective", "BY") == "Homyel'"  # Гомель + ский
    assert town("гродненский", "adjective", "BY") == "Hrodna"  # Гродно
    assert town("гродненский", "adjective") is None  # 360,000 people: only in a report from Belarus
    assert town("минчанин", "residents") == "Minsk" and town("гродненец", "residents", "BY") == "Hrodna"
    assert town("москвич", "residents") == "Moscow" and town("петербуржец", "residents") == "Saint Petersburg"
    assert town("нижегородец", "residents") == "Nizhniy Novgorod"  # irregular: listed in places.toml
    # words first, nationalities and places that are no towns
    for word in ("советский", "братский", "российский", "белорусский", "сельский", "крымский", "уральский"):
        assert town(word, "adjective", "RU") is None, word
    assert town("петрович", "residents", "RU") is None  # a patronymic
    assert town_region("минский", "BY").name == "Minsk"  # the oblast, not Minsk City
    assert town_region("хабаровский", "RU").kind == "region"
    assert is_residents_noun("хабаровчанин") and not is_residents_noun("боец")


def test_a_sentence_that_names_no_town_is_placed_by_its_town_words():
    said = ("Жители Хабаровского края вышли на акцию протеста.\n"
            "Хабаровчане провели пикет в Москве.")
    region, in_moscow = extract_mentions(make_doc(said, published="2020-07-20"))
    assert (region.place.name, region.place.precision) == ("Khabarovsk", "region")
    assert (region.place.evidence.text, region.place.evidence.rule) == ("Хабаровского края", "place:ru-town-region")
    assert (in_moscow.place.name, in_moscow.place.evidence.rule) == ("Moscow", "place:in-sentence")  # its own town
    assert in_moscow.participants == "Хабаровчане"  # a town's residents are people who act
    soviet = extract_mentions(make_doc("Советские люди вышли на митинг в поддержку правительства."))
    assert [m.place for m in soviet] == [None]  # "советский" is a word first, whatever town bears its name
    people = extract_mentions(make_doc("Гродненские рабочие в Беларуси вчера объявили забастовку.\n"
                                       "Милиция задержала 12 человек у проходной.", published="2020-10-27"))
    assert [(m.place.name, m.place.evidence.text, m.place.evidence.rule) for m in people] == [
        ("Hrodna", "Гродненские", "place:ru-town-adjective"),
        ("Hrodna", "Гродненские", "place:nearest-earlier")]  # the later sentence carries the town


def test_a_vote_or_days_counted_give_no_crowd_its_size():
    rally = "В воскресенье в Гомеле прошёл митинг оппозиции.\n"
    for other in ("Число участников голосования составило около 4 миллионов человек.",
                  "На протяжении 30 дней гомельчане выходили на пикеты."):
        doc = make_doc(rally + other, published="2020-08-10")
        assert [c for m in extract_mentions(doc) for c in m.sizes] == [], other
    assert find_sizes("Около 300 молодых минчан собрались у мэрии.")[0].low == 300


def test_a_town_word_is_the_word_of_the_town_that_bears_the_name_now():
    from strikewatch.geo.ru_town_words import town_of, town_region

    # Stavropol, not the bigger town that once bore its name; no town bears "Петровск" today at that size
    assert town_of("ставропольский", "adjective", "RU").name == "Stavropol"
    assert town_region("ставропольский", "RU").name.startswith("Stavropol")
    assert town_of("петровский", "adjective", "RU") is None


@pytest.mark.parametrize("lemma, country, region", [
    ("ошский", "KG", "Osh Region"), ("карагандинский", "KZ", "Karaganda"),  # a town's region, whatever its size
    ("ширакский", "AM", "Shirak"), ("лорийский", "AM", "Lori"),  # names the dictionary does not know
    ("мангистауский", "KZ", "Mangghystaū"),  # a transliteration apart
    ("таласский", "KG", "Talas Region"), ("нарынский", "KG", "Naryn Region"),
])
def test_a_region_named_by_its_adjective_in_any_country_of_the_region(lemma, country, region):
    from strikewatch.geo.ru_town_words import town_region

    place = town_region(lemma, country)
    assert (place.name, place.kind, place.country) == (region, "region", country)


@pytest.mark.parametrize("country", [None, "RU", "KG"])
def test_a_region_of_that_very_name_beats_a_bigger_town_abroad_that_sounds_like_it(country):
    """Talas Region, not Texas: Dallas transliterates close to "Талас", but a region is named exactly so."""
    from strikewatch.geo.ru_town_words import town_region

    place = town_region("таласский", country)
    assert (place.name, place.country) == ("Talas Region", "KG")


def test_a_town_of_that_very_name_beats_one_merely_like_it():
    from strikewatch.geo.ru_town_words import town_of

    assert town_of("таласский", "adjective", "KG").name == "Talas"
    assert town_of("ставропольский", "adjective", "RU").name == "Stavropol"


@pytest.mark.parametrize("text, capital", [
    ("В воскресенье в центре армянской столицы прошло многолюдное шествие.", "Yerevan"),
    ("В центре столицы Грузии в четверг продолжилась акция протеста.", "Tbilisi"),
    ("Грузинская оппозиция вышла на улицы. В четверг в столице прошла акция протеста.", "Tbilisi"),
])
def test_a_countrys_capital_named_by_its_people_its_name_or_the_reports_country(text, capital):
    marches = [m for m in extract_mentions(make_doc(text, published="2023-03-10")) if "столиц" in m.sentence.text]
    assert {m.place.name for m in marches if m.place} == {capital}


@pytest.mark.parametrize("text", ["В северной столице в четверг прошла акция протеста против застройки парка.",
                                  "В Хабаровском крае неспокойно. В столице края в четверг прошла акция протеста.",
                                  "В столице провинции Хэнань в четверг прошла акция протеста вкладчиков."])
def test_another_capital_than_a_countrys_is_none(text):
    places = {m.place.name for m in extract_mentions(make_doc(text, published="2023-03-10")) if m.place}
    assert not places & {"Moscow", "Tbilisi", "Beijing"}


def test_a_blockade_in_an_oblast_of_another_country_is_placed_there():
    [m] = extract_mentions(make_doc("В понедельник жители Ширакской области Армении перекрыли дорогу.",
                                    published="2026-03-04"))
    assert (m.place.name, m.place.country) == ("Shirak", "AM")


def test_residents_placed_only_where_they_act_or_are_counted():
    placed = {}
    for text in ("Минчане провели пикет у здания администрации.",
                 "Митинг в поддержку задержанных минчан прошёл в субботу."):
        [m] = [m for m in extract_mentions(make_doc(text, published="2020-07-20")) if m.type is EventType.DEMONSTRATION]
        placed[text] = m.place.name if m.place else None
    assert list(placed.values()) == ["Minsk", None]


_TWO_PLANTS = ("В понедельник в Беларуси началась общенациональная забастовка. Из крупных заводов активность "
               "проявили только Минский моторный завод и «Брест Азот». ")


def test_the_latter_is_the_last_workplace_the_sentence_before_names():
    from strikewatch.resolve import resolve_events

    mentions = extract_mentions(make_doc(_TWO_PLANTS + "На последнем милиция задержала 15 рабочих.",
                                         published="2021-05-10"))
    [arrests] = [m for m in mentions if "последнем" in m.sentence.text]
    assert arrests.place is not None and arrests.place.name == "Brest" and arrests.arrests == 15
    assert arrests.place.evidence is not None and arrests.place.evidence.text == "Брест Азот"
    assert arrests.place.evidence.rule == "place:organisation-town"
    # the arrests at one plant are that town's event, not the country's strike
    events = resolve_events(mentions)
    assert sorted((e.place.name if e.place else None, len(e.mentions)) for e in events) == \
        [("Belarus", 1), ("Brest", 1)]


@pytest.mark.parametrize("sentence", ["На последнем этаже здания милиция задержала 15 рабочих.",
                                      "Последние три дня милиция задерживала рабочих."])
def test_last_in_other_senses_points_at_nothing(sentence):
    mentions = extract_mentions(make_doc(_TWO_PLANTS + sentence, published="2021-05-10"))
    assert all(m.place is None or m.place.name != "Brest" for m in mentions if "оследн" in m.sentence.text)


@pytest.mark.parametrize("text", ["В воскресенье тысячи человек вышли на улицы Гомеля.",
                                  "В воскресенье в Гомеле на улицы вышли около 3 тысяч человек."])
def test_the_streets_of_a_town_are_in_that_town_and_the_phrase_in_either_order(text):
    [m] = extract_mentions(make_doc(text, published="2020-09-14"))
    assert m.type is EventType.DEMONSTRATION and m.place is not None and m.place.name == "Homyel'"


def test_a_street_named_after_a_person_is_a_site_not_a_town():
    mentions = extract_mentions(make_doc("В воскресенье в Минске сотни человек вышли на митинг на улице Гоголя.",
                                         published="2020-09-14"))
    assert [m.place.name for m in mentions if m.place] == ["Minsk"]


def test_a_later_sentence_about_a_workplace_carries_its_name_and_town():
    mentions = extract_mentions(make_doc("В понедельник в Беларуси бастовали рабочие «Брест Азот». Администрация "
                                         "вызвала милицию, забастовщики были задержаны.", published="2020-10-26"))
    later = [m for m in mentions if "забастовщики" in m.sentence.text]
    assert later and all(m.place is not None and m.place.name == "Brest" and m.place.evidence is not None
                         and m.place.evidence.rule == "place:workplace-earlier"
                         and m.place.evidence.text == "Брест Азот" for m in later)


@pytest.mark.parametrize("text, modality", [("В Гомеле на улицы не вышли люди, хотя оппозиция призывала.", "negated"),
                                            ("Завтра на улицы выйдут тысячи жителей Гомеля.", "planned")])
def test_a_phrase_with_its_verb_last_takes_the_verbs_modality(text, modality):
    [m] = extract_mentions(make_doc(text, published="2020-10-26"))
    assert m.modality.value == modality


def test_streets_named_in_a_list_after_a_plural_noun_are_sites_not_towns():
    mentions = extract_mentions(make_doc("В воскресенье в Минске на улицах Ленина и Гоголя прошли акции протеста.",
                                         published="2020-09-14"))
    assert [m.place.name for m in mentions if m.place] == ["Minsk"]


def test_a_figure_left_without_its_noun_after_an_injury_count_is_no_crowd():
    assert find_sizes("Около 100 человек пострадали, по данным Минздрава, по данным правозащитников — 300.") == []
    [_, observers] = find_sizes("По данным МВД, в акции участвовали около 3 тысяч человек; по оценкам "
                                "наблюдателей — до 8 тысяч.")
    assert (observers.low, observers.claimant) == (8000, "наблюдателей")  # the source's name, not its figure


def test_a_union_of_journalists_is_an_organisation_and_a_ministry_is_not():
    mentions = extract_mentions(make_doc("В воскресенье в Минске Белорусская ассоциация журналистов провела пикет у "
                                         "здания суда. По данным Минздрава, около 10 человек пострадали.",
                                         published="2020-09-14"))
    organisations = [org for m in mentions for org in m.organizations]
    assert "Белорусская ассоциация журналистов" in organisations
    assert not any("Минздрав" in org for org in organisations)


def test_one_unit_after_a_hedge_a_shared_scale_and_hospital_counts():
    assert [(s.low, s.high) for s in find_sizes("Пришли более сотни человек.")] == [(100, 100)]
    assert [(s.low, s.high) for s in find_sizes("На площадь вышли тысячи человек.")] == [(2000, 2000)]  # thousands
    assert [(s.low, s.high) for s in find_sizes("Вышли от 2 до 5 тысяч человек.")] == [(2000, 5000)]
    counts = find_counts("Задержаны 20 человек, трое из них доставлены в больницу с травмами.")
    assert (counts["arrests"].value, counts["injuries"].value) == (20, 3)
    assert find_counts("Восемь человек доставлены в отдел полиции.")["arrests"].value == 8


def test_one_worker_off_sick_is_no_strike():
    assert extract_mentions(make_doc("Рабочий не вышел на работу из-за болезни, сообщил мастер.",
                                     published="2024-04-10")) == []
    assert extract_mentions(make_doc("Из-за снегопада тысячи жителей не вышли на работу.", published="2024-04-10")) == []


def test_a_dateline_lists_nothing_with_the_towns_of_the_text():
    # the sentences after "В Гомеле ..." carry Gomel, not the dateline's Minsk
    mentions = extract_mentions(make_doc(
        "МИНСК, 13 сентября. В Гомеле в воскресенье прошёл марш. По данным местных каналов, в нём приняли участие "
        "несколько тысяч человек. Силовики задержали не менее 35 человек.", published="2020-09-14"))
    assert {m.place.name for m in mentions} == {"Homyel'"}


@pytest.mark.parametrize("sentence, town", [
    ("В воскресенье в Гомеле силовики задержали 35 участников марша.", "Homyel'"),  # not a namesake's alias
    ("В среду в Белове прошел митинг против закрытия шахты.", "Belovo"),  # the parser's normal form went astray
])
def test_an_oblique_case_reads_as_the_nominatives_town(sentence, town):
    places = {t.place.name for t in geocode_sentence(sentence)}
    assert town in places


def geocode_sentence(text: str):
    from strikewatch.cli import geocode_text

    return geocode_text(text).toponyms


def test_a_town_after_its_administration_is_the_town_and_a_slogan_names_no_place():
    assert "Mezhdurechensk" in {t.place.name for t in geocode_sentence(
        "В понедельник у здания администрации Междуреченска прошел пикет.")}
    assert geocode_sentence("В воскресенье участники собрались на площади с плакатами «Поморье — не помойка».") == []


def test_a_count_of_participants_after_an_event_sentence_gives_its_size():
    [event] = resolve_events(extract_mentions(make_doc(
        "В субботу в Перми прошёл митинг против закрытия больницы. Организаторы говорят о 6 тысячах "
        "участников, полиция — о двух тысячах.", published="2026-03-04")))
    assert sorted((c.low, c.claimant) for m in event.mentions for c in m.sizes) == [(2000, "police"), (6000, "organisers")]


def test_a_source_as_the_subject_of_a_verb_of_counting_claims_its_figure():
    claims = find_sizes("Организаторы говорят о 10 тысячах участников, в полиции насчитали 1500 человек.")
    assert [(c.low, c.claimant) for c in claims] == [(10000, "organisers"), (1500, "police")]
    claims = find_sizes("Число участников, по данным МВД, составило 1,5 тыс. человек, организаторы заявили о 7 тыс.")
    assert [(c.low, c.claimant) for c in claims] == [(1500, "police"), (7000, "organisers")]
    assert [c.claimant for c in find_sizes("Иван Петров сообщил о 300 участниках.")] == [None]  # no source's name


def test_a_shared_scale_only_for_a_smaller_first_figure_and_short_source_heads():
    from strikewatch.extract.ru_size import claimant_label

    assert [(s.low, s.high) for s in find_sizes("Вышли от 500 до 2 тысяч человек.")] == [(500, 2000)]
    assert claimant_label("ГУ МВД по Москве") == "police"


def test_one_of_the_participants_is_no_crowd():
    assert find_sizes("Один из участников акции рассказал, что люди собирались с утра.") == []
    assert [c.low for c in find_sizes("Около 300 человек из разных городов вышли на митинг.")] == [300]


def test_russian_page_furniture_is_removed():
    from strikewatch.ingest.clean import clean_text

    text = ("Главная | Новости\n\nВ Кемерове прошло собрание жильцов.\n\nЧитайте также:\n"
            "Забастовка курьеров в Омске продолжается второй день\nВ Томске рабочие вышли на митинг\n\n"
            "Поделиться: ВКонтакте | Telegram")
    assert clean_text(text).text == "В Кемерове прошло собрание жильцов."


def test_an_age_is_no_crowd_and_a_years_figures_are_background():
    assert find_sizes("Суд приговорил 52-летнего жителя Бреста к трём годам колонии.") == []
    [d] = find_dates("Как и год назад, в 2024 году, на площади задержали более 400 человек.", dt.date(2025, 3, 3))
    assert (d.span.start, d.span.end, d.span.precision) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year")
    mentions = extract_mentions(make_doc("Вчера в Казани прошла акция протеста. Как и год назад, в 2024 году, тогда "
                                         "на площади задержали более 400 человек.", published="2025-03-03"))
    assert [m.modality for m in mentions] == [Modality.ASSERTED, Modality.BACKGROUND]
    assert mentions[0].arrests is None


def test_a_protest_that_gives_a_strikes_purpose_is_no_demonstration_of_its_own():
    mentions = extract_mentions(make_doc("Около 70 курьеров в Омске в среду отказались выходить на линию в знак "
                                         "протеста против снижения тарифов.", published="2025-03-12"))
    assert {m.type for m in mentions} == {EventType.STRIKE}


def test_review_misfires_of_the_russian_rules_stay_fixed():
    from strikewatch.ingest.clean import clean_text

    kept = "Главное требование бастующих — погашение долгов по зарплате за три месяца."
    assert clean_text(kept).text == kept
    assert not extract_mentions(make_doc("Губернатор вышел к журналистам на площади перед администрацией.",
                                         published="2025-03-14"))
    assert not extract_mentions(make_doc("На акцию по сдаче крови в Томске пришли 150 человек.", published="2025-03-14"))
    assert [c.low for c in find_sizes("На митинг пришли 5 тысяч человек из 20 тысяч зарегистрировавшихся.")][:1] == [
        5000]


def test_a_verbless_count_sentence_parses_without_a_cycle():
    """natasha may make two words of a verbless sentence each other's head: the parse handed to spaCy
    must have no cycle (spaCy crashes the process walking one), and the count still reads."""
    from strikewatch.nlp.ru import _without_cycles

    assert _without_cycles([1, 0, 1]) == [0, 0, 1]  # 0 -> 1 -> 0: the first word met becomes a root
    assert _without_cycles([0, 2, 1, 1]) == [0, 1, 1, 1]
    assert _without_cycles([0, 0, 1]) == [0, 0, 1]  # a tree stays as it is
    doc = make_doc("В Самаре прошёл митинг у здания мэрии. Протестующих около 300 человек.", published="2025-03-14")
    for _sentence, span in parse(doc):
        for tok in span:  # every subtree can be walked
            assert len(list(tok.subtree)) >= 1
    assert any(m.size_low == 300 for m in extract_mentions(doc))


def test_pay_held_back_is_no_detention():
    """"Задержка зарплаты" (pay held back) is the commonest cause of a strike, not an arrest."""
    for text in ("В пятницу около 300 рабочих цеха в Самаре объявили забастовку из-за задержки зарплаты.",
                 "Водители автобусов в Самаре не вышли на линию: им задерживают зарплату уже три месяца."):
        mentions = extract_mentions(make_doc(text, published="2025-03-14"))
        assert mentions and all(m.arrests is None for m in mentions)
        assert "arrests" not in find_means(text)
    assert find_counts("В субботу полиция задержала 15 участников акции.")["arrests"].value == 15


def test_an_acronym_is_no_town_an_organisation_is_named_after():
    """"МВД по Дагестану" is the interior ministry, not a company named after a town a gazetteer
    gives that code (Montevideo's airport is MVD)."""
    doc = make_doc("Накануне жители села под Хасавюртом перекрыли трассу. По данным МВД по Дагестану, в акции "
                   "участвовали около 150 человек.", published="2025-03-11")
    assert all(m.place is None or m.place.country == "RU" for m in extract_mentions(doc))


def test_a_hyphenated_town_reads_part_by_part_in_every_case():
    from strikewatch.geo.toponyms import russian_hyphenated_nominative

    assert russian_hyphenated_nominative("Каменске-Шахтинском") == "Каменск-Шахтинский"
    assert russian_hyphenated_nominative("Усолье-Сибирском") == "Усолье-Сибирское"  # the adjective agrees
    assert russian_hyphenated_nominative("Ростове-на-Дону") is None  # another shape: read whole, as before
    doc = make_doc("Шахтёры в Каменске-Шахтинском в понедельник отказались спускаться в шахту.", published="2025-03-11")
    found = {t.text: t.place for t in geocode(parse(doc)).toponyms}
    assert found["Каменске-Шахтинском"].name == "Kamensk-Shakhtinsky"


def test_denied_means_are_none_and_any_form_of_taking_to_a_station_counts_the_detained():
    assert find_means("Акция прошла мирно, задержаний не было.") == []
    assert find_means("Митинг закончился без задержаний.") == []
    assert find_means("Полиция задержала 12 человек.") == ["arrests"]
    assert find_counts("Полиция доставила в отдел троих участников пикета.")["arrests"].value == 3
    assert "arrests" not in find_counts("Троих пострадавших доставили в больницу.")
    # bringing workers to a gate is no detention
    assert "arrests" not in find_counts("Профсоюз доставил к проходной около 300 рабочих на автобусах.")


@pytest.mark.parametrize("sentence, expected", [
    ("В воскресенье у мэрии собрались около 4 тысяч протестующих.", [4000]),  # a participle as the people noun
    ("К вечеру на площади было больше 600 митингующих.", [600]),
    ("Полиция задержала 37 человек, в том числе троих несовершеннолетних.", []),  # a part of the detainees
    ("Это самая многолюдная акция с осени, когда на улицы вышли 90 тысяч человек.", []),  # another time's crowd
])
def test_crowd_figures_in_russian(sentence, expected):
    assert [c.low for c in find_sizes(sentence)] == expected


def test_a_town_glued_to_an_emoji_is_still_read():
    doc = make_doc("⚡️Омск, прямо сейчас: у проходной завода собрались сотни рабочих.", published="2025-03-03")
    assert {m.place.name for m in extract_mentions(doc)} == {"Omsk"}


def test_the_towns_a_road_is_named_after_are_not_where_it_was_blocked():
    doc = make_doc("Вчера жители Балыкчы на несколько часов перекрыли трассу Бишкек — Нарын.", published="2025-01-21")
    assert {m.place.name for m in extract_mentions(doc)} == {"Balykchy"}


def test_a_movement_in_the_genitive_is_whose_rally_a_committee_is_no_protest():
    assert [m.trigger.text for m in extract_mentions(make_doc("В субботу в Гюмри прошёл митинг движения.",
                                                               published="2025-03-03"))] == ["митинг"]
    # a committee's "протест" is an objection, as before
    assert extract_mentions(make_doc("Протест комитета против решения мэрии Казани был отклонён судом.",
                                     published="2025-03-03")) == []


def test_a_town_inside_a_roads_name_is_the_roads():
    doc = make_doc("В субботу в Кишинёве протестующие перекрыли бульвар Штефана чел Маре у здания правительства.",
                   published="2025-03-03")
    assert {m.place.name for m in extract_mentions(doc)} == {"Chisinau"}
    # the street of Minsk: no particle runs its name on to the town
    doc = make_doc("На проспекте Независимости Минска в воскресенье собрались тысячи протестующих.",
                   published="2025-03-03")
    assert {m.place.name for m in extract_mentions(doc)} == {"Minsk"}
    # "the streets of Minsk" are the town's: its name comes first after the word
    doc = make_doc("В воскресенье тысячи человек вышли на улицы Минска.", published="2025-03-03")
    assert {m.place.name for m in extract_mentions(doc)} == {"Minsk"}


@pytest.mark.parametrize("sentence, expected", [
    ("Митинг начался с минуты молчания, когда на площадь вышли около 2 тысяч человек.", [2000]),  # no comparison
    ("Профсоюз сообщил о 40 бастующих предприятиях.", []),  # a participle before its noun counts the noun
])
def test_russian_crowd_figures_not_taken_for_others(sentence, expected):
    assert [c.low for c in find_sizes(sentence)] == expected


def test_outlets_that_count_different_detentions_keep_both_counts():
    from strikewatch.resolve import resolve_events

    police = make_doc("В субботу в Алматы прошёл митинг против повышения цен. По данным полиции, задержаны 12 человек.",
                      published="2024-03-03", doc_id="a")
    other = make_doc("В субботу в Алматы сотни человек вышли на митинг против повышения цен. Были задержаны "
                     "40 человек.", published="2024-03-03", doc_id="b")
    [event] = resolve_events(extract_mentions(police) + extract_mentions(other))
    [conflict] = [c for c in event.conflicts if c.field == "arrests"]
    assert {(v.value, v.doc_id, v.claimant) for v in conflict.values} == {((12, 12), "a", "police"),
                                                                         ((40, 40), "b", None)}


def test_a_countrys_total_of_detentions_is_not_the_towns():
    from strikewatch.resolve import resolve_events

    doc = make_doc("В воскресенье в центре Казани прошла несогласованная акция, собрались около 400 человек. "
                   "Задержаны 37 человек. Всего в воскресенье по России задержали 210 человек.", published="2025-04-14")
    events = resolve_events(extract_mentions(doc))
    kazan = next(e for e in events if e.place is not None and e.place.name == "Kazan")
    assert max(m.arrests or 0 for m in kazan.mentions) == 37


def test_a_report_whose_own_article_places_an_action_of_its_day_joins_no_other_sources_town():
    """The rally the first sentences tell of without a town, in an article that places the detentions
    after it in Moscow: which town the rally was in is the article's to say, never another outlet's St
    Petersburg action of that day, however much the reports share."""
    from strikewatch.resolve import resolve_events

    texts = {"a": "Накануне на проспекте Сахарова прошёл митинг против блокировок мессенджеров. Полиция оценила число "
                  "участников в 3 тысячи человек. По данным ОВД-Инфо, после акции в Москве задержан 21 человек.",
             "b": "В воскресенье в центре Петербурга прошла акция против блокировок мессенджеров. Задержаны 48 человек.",
             "c": "В воскресенье в Москве на проспекте Сахарова прошёл митинг против блокировок мессенджеров. По данным "
                  "ОВД-Инфо, больше всего задержанных в Петербурге, где задержали 48 человек."}
    mentions = [m for k, text in texts.items() for m in extract_mentions(make_doc(text, published="2025-04-14",
                                                                                  doc_id=k))]
    spb = next(e for e in resolve_events(mentions) if e.place is not None and e.place.name == "Saint Petersburg")
    assert "a" not in {m.doc_id for m in spb.mentions}


def test_an_action_without_clashes_reports_none():
    mentions = extract_mentions(make_doc("Вчера около тысячи студентов собрались у здания парламента в Ереване. "
                                         "Акция прошла без столкновений.", published="2025-04-29"))
    assert {m.type for m in mentions} == {EventType.DEMONSTRATION}
    assert extract_mentions(make_doc("В субботу в Киеве прошла акция по сбору крови.", published="2025-06-16")) == []


def test_what_the_new_region_and_turnout_rules_leave_alone():
    # an oblast named after a town's old name is that oblast, not the town's region
    [strike] = extract_mentions(make_doc("В Ленинградской области бастуют водители автобусов.", published="2025-06-04"))
    assert strike.place.name.startswith("Leningrad")
    # a count of a conference's participants, or a bank's shares, is no protest
    assert [m.place.name for m in extract_mentions(make_doc(
        "В Москве прошёл пикет. На прошлой неделе в Петербурге было 300 участников конференции.",
        published="2025-06-04"))] == ["Moscow"]
    assert extract_mentions(make_doc("Акции банка выросли на 3% после сообщения об участии государства в капитале.",
                                     published="2025-06-04")) == []
    # a place after a dash is no source ("у здания полиции — 500")
    assert [c.claimant for c in find_sizes("На площади у мэрии — около 3 тысяч человек, у здания полиции — около "
                                           "500 человек.")] == [None, None]


@pytest.mark.parametrize("text, kind", [
    ("В субботу около 300 жителей перегородили дорогу к руднику.", EventType.BLOCKADE),
    ("В четверг горняки рудника отказались подниматься из шахт на поверхность.", EventType.STRIKE),
])
def test_a_road_barred_and_miners_staying_underground_are_a_blockade_and_a_strike(text, kind):
    assert [m.type for m in extract_mentions(make_doc(text, published="2019-03-16"))] == [kind]
    # a road barred by a fallen tree or by the police is no protest
    for other in ("В субботу упавшее дерево перегородило дорогу к руднику.", "Полиция в субботу перегородила дорогу."):
        assert extract_mentions(make_doc(other, published="2019-03-16")) == [], other


@pytest.mark.parametrize("text, sizes", [
    ("Полтора десятка водителей начали голодовку.", [(15, 15)]),  # fifteen, not "полтора" and "десятка"
    ("Около полутора сотен жителей вышли на пикет.", [(150, 150)]),
    ("В Москве на митинг пришли полтора десятка тысяч человек.", [(15000, 15000)]),
    # a second source's count, hedged before its preposition
    ("На площадь пришли около 12 тысяч человек, в полиции говорят примерно о 4 тысячах.", [(12000, 12000), (4000, 4000)]),
])
def test_russian_vague_halves_and_a_hedged_second_count(text, sizes):
    from strikewatch.extract.ru_size import find_sizes as russian_sizes

    assert [(c.low, c.high) for c in russian_sizes(text)] == sizes


def test_a_weekdays_adjective_dates_the_action():
    """"Субботний пикет" is the latest Saturday's, as "в субботу" is."""
    [saturday] = find_dates("Субботний пикет у мэрии собрал сорок человек.", dt.date(2023, 4, 12))
    assert saturday.span.start == dt.date(2023, 4, 8)
    [sunday] = find_dates("На воскресной акции задержали троих.", dt.date(2023, 4, 12))
    assert sunday.span.start == dt.date(2023, 4, 9)


@pytest.mark.parametrize("text", [
    "Воскресный митинг у мэрии стал крупнейшей акцией в городе со времён 2011 года.",
    "Вчера у мэрии прошла самая многолюдная акция протеста в городе с зимы 2012 года.",
])
def test_a_comparisons_baseline_is_no_day_of_the_action(text):
    [rally] = extract_mentions(make_doc("Новости города\n\n" + text, published="2023-04-10"))
    assert rally.date is not None and rally.date.start == dt.date(2023, 4, 9)


def test_a_political_action_is_a_protest():
    """"Акция" alone may be a sale; "политическая акция" is a public one."""
    [action] = extract_mentions(make_doc("Новости\n\nВчера у здания администрации прошла политическая акция.",
                                         published="2023-04-10"))
    assert action.type is EventType.DEMONSTRATION
    assert extract_mentions(make_doc("Новости\n\nВчера в магазине прошла акция на молоко.", published="2023-04-10")) == []


def test_a_crackdown_the_sentence_denies_counts_no_one():
    """"Пришли около 2 тысяч человек, задержаний не было": the 2,000 are the crowd, no one was detained."""
    text = "На митинг у вокзала пришли около 2 тысяч человек, задержаний не было."
    assert find_counts(text) == {}
    assert [(c.low, c.high) for c in find_sizes(text)] == [(2000, 2000)]
    assert find_counts("Пикет прошёл без задержаний, в нём участвовали 300 человек.") == {}
    assert find_counts("Задержаны 40 человек, задержаний журналистов не было.")["arrests"].value == 40


def test_the_adjective_of_a_day_named_from_the_report_dates_as_the_day_does():
    [night] = find_dates("Вчерашняя ночь закончилась водомётами и газом.", dt.date(2023, 3, 8))
    assert night.span.start == dt.date(2023, 3, 7)
    [today] = find_dates("На сегодняшней акции задержали пятерых.", dt.date(2023, 3, 8))
    assert today.span.start == dt.date(2023, 3, 8)


def test_a_rally_at_the_countrys_parliament_is_in_its_capital():
    [rally] = extract_mentions(make_doc("Новости\n\nСегодня у парламента Грузии прошёл митинг против закона.",
                                        published="2023-03-08"))
    assert rally.place.name == "Tbilisi" and rally.place.evidence.rule == "place:seat-of-government"
    [regional] = extract_mentions(make_doc("Новости\n\nЖители Грузии сегодня пикетировали у парламента Аджарии.",
                                           published="2023-03-08"))
    assert regional.place.precision == "country"  # a region's parliament: not the capital


@pytest.mark.parametrize("text", [
    "Учителя воскресной школы провели пикет у здания епархии.",  # a Sunday school
    "Рабочие завода объявили забастовку, отказавшись выходить на субботние смены.",  # Saturday shifts
])
def test_a_weekdays_adjective_dates_only_an_action(text):
    assert find_dates(text, dt.date(2024, 7, 18)) == []


@pytest.mark.parametrize("text", [
    "Забастовка водителей в Туле стала самой продолжительной с 2019 года.",
    "Это самая массовая акция протеста в городе с 10 июля.",
])
def test_a_baseline_after_a_two_word_superlative_or_inside_the_date_is_none_of_the_actions(text):
    [action] = extract_mentions(make_doc("Новости\n\n" + text, published="2024-07-18"))
    assert action.date.start == dt.date(2024, 7, 18) and action.modality is Modality.ASSERTED


def test_a_crowded_action_is_not_a_protest_by_that_word_alone():
    assert extract_mentions(make_doc("Новости\n\nМноголюдная акция прошла у торгового центра в субботу.",
                                     published="2024-07-18")) == []


def test_a_month_without_its_year_is_the_latest_such_month_up_to_the_report():
    published = dt.date(2026, 2, 12)
    found = find_dates("В декабре жители соседнего села перекрывали дорогу, а в конце января бастовали.", published)
    assert [(d.span.start, d.span.end, d.span.precision) for d in found] == [
        (dt.date(2025, 12, 1), dt.date(2025, 12, 31), "month"), (dt.date(2026, 1, 1), dt.date(2026, 1, 31), "month")]
    assert [d.span.start for d in find_dates("в марте 2024 года", published)] == [dt.date(2024, 3, 1)]
    assert [d.span.start for d in find_dates("Рабочие бастовали в мае.", None)] == [None]  # no report: unresolved
    # the earlier action of another month is its own event, not the report day's blockade
    text = ("Жители города в четверг утром перекрыли трассу.\n"
            "Это не первая подобная акция: в декабре жители соседнего села перекрывали дорогу из-за газа.")
    days = [m.date.start for m in extract_mentions(make_doc(text, published="2026-02-13"))]
    assert days[0] == dt.date(2026, 2, 12) and dt.date(2025, 12, 1) in days


def test_a_month_to_come_is_no_day_of_last_year():
    published = dt.date(2025, 5, 10)
    assert find_dates("Забастовка продолжится в июне, заявили в профсоюзе.", published) == []
    assert [d.span.start for d in find_dates("В июне рабочие бастовали восемь дней.", published)] == [
        dt.date(2024, 6, 1)]


def test_days_counted_from_the_narratives_day():
    """"На следующий день", "в тот же день": from the day the text last stated (in the sentence, else before
    it); "накануне" from the last day a reported action took, and with none, back from the report, as "вчера"."""
    published = dt.date(2024, 5, 22)  # a Wednesday
    [monday, next_day] = find_dates("В понедельник рабочие перекрыли трассу, а на следующий день вышли на митинг.",
                                    published)
    assert (monday.span.start, next_day.span.start) == (dt.date(2024, 5, 20), dt.date(2024, 5, 21))
    [eve] = find_dates("Накануне у мэрии прошёл пикет.", published, narrative_day=dt.date(2024, 5, 20),
                       acted_day=dt.date(2024, 5, 20))
    assert (eve.span.start, eve.span.evidence.rule) == (dt.date(2024, 5, 19), "date:narrative-day")
    [yesterday] = find_dates("Накануне у мэрии прошёл пикет.", published)
    assert yesterday.span.start == dt.date(2024, 5, 21)
    assert find_dates("На следующий день шахтёры продолжат забастовку.", published) == []  # no day to count from


def test_the_same_day_is_the_day_of_the_action_told_before_not_of_its_anniversary():
    """"В субботу прошло шествие ко Дню Воли, годовщине 25 марта 1918 года. В тот же день в Белостоке ...":
    the Saturday of the march, not the anniversary's day."""
    mentions = extract_mentions(make_doc(
        "В субботу в Вильнюсе прошло шествие, приуроченное к годовщине провозглашения республики 25 марта "
        "1918 года. В тот же день в Белостоке около 40 человек провели пикет у здания ратуши.",
        published="2026-03-23"))
    picket = next(m for m in mentions if "Белосток" in m.sentence.text)
    assert picket.date is not None and picket.date.start == dt.date(2026, 3, 21)


def test_a_crowd_that_came_to_a_government_building_demanding_is_a_demonstration():
    """"Пришли к Дому правительства, требуя ...": a building named by a public body is a goal as "к мэрии"
    is, and "требуя" is a demand (no purpose of another kind), in a paragraph with no other trigger word."""
    [rally] = extract_mentions(make_doc(
        "Во вторник около 300 торговцев пришли к Дому правительства в Бишкеке, требуя отменить новые сборы.",
        published="2023-10-18"))
    assert rally.type is EventType.DEMONSTRATION and rally.date.start == dt.date(2023, 10, 17)
    assert extract_mentions(make_doc("Во вторник делегация пришла к Дому правительства, чтобы получить документы.",
                                     published="2023-10-18")) == []


def test_a_sentence_told_as_earlier_takes_no_day_the_text_carries():
    """"Вчера ... задержали 12 торговцев. Ранее рынок стоял закрытым — бастовали тысячи": the strike was
    some day before, not yesterday."""
    mentions = extract_mentions(make_doc(
        "Вчера у мэрии в Бишкеке милиция задержала 12 торговцев, которые требовали отменить сборы. "
        "Ранее рынок стоял закрытым целый день — бастовали тысячи предпринимателей.", published="2023-10-18"))
    strike = next(m for m in mentions if m.type is EventType.STRIKE)
    assert strike.date is None or strike.date.start != dt.date(2023, 10, 17)


def test_narrowings_of_russian_days_counted_from_the_narrative_and_crowds_going_to_a_building():
    """Review narrowings: an arrest's term ("на пять суток") counts no action's days; "накануне выборов" is
    the eve of a thing (from the report, as before); "накануне" counts back from a day an action took, not a
    founding date; "прежде всего" opens no earlier time; journalists coming to a ministry make no protest."""
    from strikewatch.extract.ru_time import day_of_action

    assert day_of_action("Суд арестовал его на пять суток.") is None
    assert day_of_action("Голодовка продолжается уже пятый день.") == 5
    [eve] = find_dates("Накануне выборов оппозиция провела пикет.", dt.date(2025, 3, 12),
                       narrative_day=dt.date(2025, 3, 10), acted_day=dt.date(2025, 3, 10))
    assert eve.span.start == dt.date(2025, 3, 11)
    [picket] = extract_mentions(make_doc(
        "Профсоюз горняков был создан 3 марта 2015 года. Накануне у мэрии Воркуты прошёл пикет горняков, "
        "требующих погасить долги по зарплате.", published="2025-03-12"))
    assert picket.date.start == dt.date(2025, 3, 11)
    mentions = extract_mentions(make_doc(
        "В понедельник в Бишкеке около 200 торговцев вышли на митинг у мэрии. Прежде всего они требуют отменить "
        "новые сборы, заявили участники акции.", published="2025-03-12"))
    assert all(m.date is not None and m.date.start == dt.date(2025, 3, 10) for m in mentions)
    assert extract_mentions(make_doc("Во вторник журналисты пришли к Дому правительства в Бишкеке, требуя "
                                     "комментариев по поводу отставки министра.", published="2023-10-18")) == []
    blockade, strike = [m for m in extract_mentions(make_doc(
        "Митинг в Воркуте состоялся 10 марта. В тот же день горняки шахты перекрыли дорогу, а на следующий день "
        "объявили голодовку.", published="2025-03-12")) if m.type is not EventType.DEMONSTRATION]
    assert (blockade.date.start, strike.date.start) == (dt.date(2025, 3, 10), dt.date(2025, 3, 11))


def test_a_russian_question_reports_nothing():
    """"Почему бастуют шахтёры?" asks: no event of its own."""
    mentions = extract_mentions(make_doc("Почему бастуют шахтёры Воркуты?", published="2025-03-12"))
    assert all(m.modality is not Modality.ASSERTED for m in mentions)


def test_going_out_onto_a_road_is_a_protest_only_for_a_crowd_counted_or_protesting():
    """"На трассу вышли двести жителей" is a road protest; tourists who went out onto a road to a lake walked."""
    assert extract_mentions(make_doc("Вечером туристы вышли на дорогу к озеру.", published="2024-04-10")) == []
    assert extract_mentions(make_doc("17 июля туристы вышли на дорогу к озеру.", published="2024-07-18")) == []
    [m] = extract_mentions(make_doc("Жители села вышли на трассу, требуя отремонтировать мост.", published="2024-04-10"))
    assert m.type is EventType.BLOCKADE  # a crowd that stands on a road blocks it
    # a crowd counted on a road may be runners, or workers going home
    for text in ("В воскресенье на трассу вышли более тысячи участников марафона.",
                 "Около 300 рабочих вышли на дорогу после смены и пошли к автобусам."):
        assert extract_mentions(make_doc(text, published="2024-04-10")) == [], text


def test_a_refusal_to_work_in_any_word_order_is_by_people_with_a_grievance():
    """"На линию не вышли 40 автобусов" (buses, in a snowstorm) is no strike; nor is one man who went out for a
    smoke; "на смены не вышли двести водителей, требуя ..." is."""
    for text in ("Из-за снегопада в среду в Перми на линию не вышли 40 автобусов, пассажиры требуют компенсации.",
                 "В пятницу он вышел вечером на улицу покурить."):
        assert extract_mentions(make_doc(text, published="2024-04-10")) == [], text
    [m] = extract_mentions(make_doc("В понедельник на смены не вышли около двухсот водителей такси в Казани, требуя "
                                    "снизить комиссию.", published="2024-06-11"))
    assert m.type is EventType.STRIKE


def test_the_authorities_word_for_a_protest_is_one():
    """"Несанкционированные массовые мероприятия": the police's name for a protest."""
    [m] = extract_mentions(make_doc("В Гродно в воскресенье прошли несанкционированные массовые мероприятия.",
                                    published="2020-12-14"))
    assert m.type is EventType.DEMONSTRATION and m.place.name == "Hrodna"


def test_a_russian_title_puts_the_bodys_first_sentences_in_its_town():
    """"Под Кстово жители не пускали мусоровозы" (title), a body that names no town of its own at first: the
    title's town ("в", "под" before it), as an English title's "in Toulouse"."""
    doc = make_doc("В субботу утром жители окрестных деревень перекрыли дорогу к полигону. Задержали четверых.",
                   published="2021-07-19", title="Под Кстово жители несколько часов не пускали мусоровозы на полигон")
    blockade = extract_mentions(doc)[0]
    assert (blockade.type, blockade.place.name, blockade.place.evidence.rule) == (
        EventType.BLOCKADE, "Kstovo", "place:title")
    # a town that names another thing's place in the title ("к приезду министра в Москву") is no place of the body
    going = make_doc("В субботу жители провели пикет у здания администрации.", published="2024-03-16",
                     title="Жители Ярославля готовят акцию к приезду министра в Москву")
    assert all(m.place is None or m.place.name != "Moscow" for m in extract_mentions(going))
    # on the title's main verb, the town is the news's ("В Уфу стянули ОМОН перед митингом")
    ufa = make_doc("В субботу жители провели пикет у здания администрации.", published="2024-03-16",
                   title="В Уфу стянули ОМОН перед митингом")
    assert [m.place.name for m in extract_mentions(ufa)] == ["Ufa"]


@pytest.mark.parametrize("text, types", [
    ("В среду журналисты провели акцию протеста против законопроекта, который позволит властям блокировать сайты.",
     ["demonstration"]),
    ("В среду в Омске протестующие заблокировали аккаунты чиновников.", ["demonstration"]),
    ("Участники акции протеста заблокировали въезд на завод в Тольятти в среду.", ["demonstration", "blockade"]),
    ("Жители заблокировали трассу в среду у Хасавюрта.", ["blockade"]),
    # a square, a building, a street by its name, the ways out of a building
    ("Протестующие в Бишкеке заблокировали центр города.", ["blockade"]),
    ("Протестующие в Москве заблокировали Тверскую.", ["blockade"]),
    ("Протестующие заблокировали Дом правительства в Ереване.", ["blockade"]),
    ("Протестующие заблокировали все выходы из здания парламента в Тбилиси.", ["blockade"]),
])
def test_a_blockade_is_of_a_way_or_a_site_not_of_websites_or_accounts(text, types):
    assert [m.type.value for m in extract_mentions(make_doc(text, published="2024-07-10"))] == types


@pytest.mark.parametrize("text, types", [
    # the demand or protest word that makes a refusal to work a strike may stand in the next sentence
    ("Сегодня утром курьеры сервиса доставки в Омске не вышли на смены. По словам участников акции, работа "
     "остановилась на шести складах.", ["strike", "demonstration"]),
    # buses that did not leave the depot, whatever the drivers demand after
    ("Сегодня утром 40 автобусов в Омске не вышли на линию. Водители требуют ремонта.", []),
    # gig workers switching the app off in protest, and users switching their apps off after an outage
    ("Сегодня с 7 утра водители такси в Казани массово отключили приложения агрегатора, требуя снизить комиссию.",
     ["strike"]),
    ("Многие пользователи в Казани отключили приложения банков после сбоя в среду.", []),
])
def test_a_refusal_to_work_is_read_beside_a_demand_in_its_paragraph(text, types):
    assert [m.type.value for m in extract_mentions(make_doc(text, published="2024-07-10"))] == types


@pytest.mark.parametrize("text, found", [
    # a crowd going out for a cause or against something
    ("Тысячи людей вышли в поддержку губернатора в Хабаровске в субботу.", [("demonstration", "Khabarovsk")]),
    ("В субботу жители Твери вышли против вырубки парка.", [("demonstration", "Tver")]),
    # one official's word, and those who never protest as such
    ("В среду министр вышел в защиту реформы на заседании правительства.", []),
    ("Депутаты вышли в поддержку законопроекта в среду.", []),
    # a street action is a public one; street trade is no action
    ("В минувшую субботу в Хабаровске прошла крупнейшая уличная акция в истории города.",
     [("demonstration", "Khabarovsk")]),
    ("Уличная торговля в Хабаровске в субботу выросла.", []),
])
def test_a_crowd_that_goes_out_for_a_cause_is_a_demonstration(text, found):
    mentions = extract_mentions(make_doc(text, published="2020-07-12"))
    assert [(m.type.value, m.place.name if m.place else None) for m in mentions] == found


def test_the_town_of_what_a_named_person_went_through_is_not_the_crowds():
    # the governor was arrested in Moscow; the crowd is in the town the page names before
    text = ("Хабаровск\n\nТысячи людей вышли в поддержку губернатора Сергея Фургала, арестованного в Москве по "
            "обвинению в организации убийств. По данным полиции, в шествии приняли участие около 10 тысяч человек.")
    mentions = extract_mentions(make_doc(text, published="2020-07-12"))
    assert mentions and all(m.place is None or m.place.name != "Moscow" for m in mentions)
    english = extract_mentions(make_doc("Thousands marched on Saturday in support of governor Sergei Furgal, arrested "
                                        "in Moscow last week.", published="2020-07-12"))
    assert english and all(m.place is None or m.place.name != "Moscow" for m in english)


@pytest.mark.parametrize("text, strike", [
    # quantities and crews of people refuse to work
    ("В понедельник десятки рабочих завода в Ижевске не вышли на смену, требуя погасить долги по зарплате.", True),
    ("Большинство сотрудников автобусного парка в Иркутске в среду не вышли на работу, требуя повысить зарплату.",
     True),
    ("Сотни курьеров в Москве в пятницу не вышли на смены, требуя повысить оплату.", True),
    ("Бригады скорой помощи в Ангарске не вышли на линию, требуя повышения зарплаты.", True),
    # pay words in the next sentence make no protest of sick leave, a quarantine or an accident
    ("Во вторник 12 врачей городской больницы Читы не вышли на смену из-за гриппа. По словам главврача, зарплата "
     "медиков в этом году выросла на 10%.", False),
    ("В четверг 40 работников птицефабрики под Омском не вышли на работу: их отправили на карантин. Задолженность "
     "по зарплате на предприятии погашена в прошлом месяце.", False),
    ("Сотрудники завода в Челябинске не вышли на смену из-за аварии на теплотрассе. Работникам пообещали выплатить "
     "зарплату за простой.", False),
    # switching an app off is its workers' stoppage only, and only in protest
    ("По требованию оператора связи жители Махачкалы массово отключили приложение банка.", False),
    ("Водители такси в Казани в среду отключили приложение агрегатора на время технического сбоя. Компания "
     "пообещала компенсировать им потерю зарплаты.", False),
])
def test_a_refusal_to_work_is_people_with_a_grievance(text, strike):
    found = [m for m in extract_mentions(make_doc(text, published="2024-03-15")) if m.type is EventType.STRIKE]
    assert bool(found) is strike
