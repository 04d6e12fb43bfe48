"""The language layer: each language's lexicon, read from its data files into typed fields."""

from __future__ import annotations

import pytest

from strikewatch.lang import Hedge, Lexicon, LexiconError, available, lexicon, read_lexicon
from strikewatch.model import EventType


def test_english_is_read_once_into_typed_fields():
    english = lexicon("en")
    assert isinstance(english, Lexicon) and english.code == "en"
    assert lexicon("en") is english  # loaded once, then kept
    assert english.triggers.verbs["march"] is EventType.DEMONSTRATION
    assert english.triggers.phrases["downed tools"] is EventType.STRIKE
    assert english.triggers.irregular_forms["strike"] == ("struck",)
    assert "call" in english.modality.planning_verbs and isinstance(english.modality.planning_verbs, frozenset)
    assert english.calendar.weekdays[0] == "monday" and english.calendar.month_names()[11] == "december"
    assert "en" in available()


def test_an_unknown_language_is_named(tmp_path):
    with pytest.raises(LexiconError, match="no language data for 'xx'"):
        lexicon("xx")


def test_a_language_may_leave_files_and_keys_out(tmp_path):
    (tmp_path / "triggers.toml").write_text('[nouns]\nhuelga = "strike"\n', encoding="utf-8")
    spanish = read_lexicon("es", tmp_path)
    assert spanish.triggers.nouns == {"huelga": EventType.STRIKE}
    assert spanish.triggers.verbs == {} and spanish.modality.planning_verbs == frozenset()
    assert spanish.calendar.weekdays == ()


@pytest.mark.parametrize(("text", "message"), [
    ('nuons = ["huelga"]\n', "unknown key"),  # a typo would otherwise drop a list in silence
    ('[nouns]\nhuelga = "walkout"\n', "not one of"),  # no such event type
    ('not_event_heads = "police"\n', "expected a list"),
    ('not_event_heads = [1, 2]\n', "is not a"),
    ('[nouns\n', "triggers.toml"),  # not TOML at all
])
def test_a_data_file_that_does_not_fit_is_refused_with_its_place(tmp_path, text, message):
    (tmp_path / "triggers.toml").write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        read_lexicon("xx", tmp_path)


def test_russian_calendar_numbers_people_claimants_and_places_are_fields_of_its_lexicon():
    russian = lexicon("ru")
    assert russian.calendar.weekdays[6] == "воскресенье" and russian.calendar.month_names()[9] == "октябрь"
    assert russian.calendar.days_before["вчера"] == 1 and "прошлый" in russian.calendar.last_week_words
    assert "следующий" in russian.calendar.next_week_words and russian.calendar.since_words == ("с", "со")
    assert russian.numbers.units["двести"] == 200 and russian.numbers.fractions == {"полтора": 1.5}
    assert russian.numbers.scales["тыс"] == 1000 and russian.numbers.vague_lemmas["несколько сотня"] == 300
    assert Hedge("около", counts=True) in russian.numbers.hedges
    assert "житель" in russian.people.noun_lemmas and russian.people.nouns == ()
    assert russian.actors.claimant_heads["мвд"] == "police" and "по оценкам" in russian.actors.claim_openers
    assert "рф" in russian.places.country_aliases["RU"] and russian.places.demonyms["BY"] == ("белорусский",)
    assert "завод" in russian.places.site_nouns and "по всей стране" in russian.places.nationwide_phrases
    assert russian.numbers.range_openers == ("от",) and russian.numbers.range_joiners == ("до",)
    assert "процент" in russian.numbers.measure_patterns and "однако" in russian.grammar.clause_conjunctions
    assert russian.modality.negating_particles == {"не"} and russian.modality.absence_words == {"нет"}
    assert russian.calendar.weekday_prepositions[:2] == ("в", "во") and "года" in russian.calendar.year_words
    assert "а также" in russian.grammar.list_conjunctions and "под" in russian.places.place_prepositions


def test_english_leaves_the_russian_fields_empty():
    english = lexicon("en")
    assert english.calendar.last_week_words == () and english.numbers.fractions == {}
    assert english.people.noun_lemmas == () and english.actors.claimant_heads == {}
    assert "percent" in english.numbers.measure_patterns  # shared: a figure of no people in both languages
    assert "until" in english.calendar.until_words and "headquartered" in english.places.seat_participles


@pytest.mark.parametrize(("name", "text", "message"), [
    ("calendar.toml", 'last_week_word = ["прошлый"]\n', "unknown key"),
    ("numbers.toml", '[units]\n"полтора" = 1.5\n', "is not a <class 'int'>"),  # a fraction is no unit
    ("numbers.toml", '[fractions]\n"полтора" = "1.5"\n', "is not a <class 'float'>"),
    ("numbers.toml", 'hedges = [{ phrase = "около", count = true }]\n', "unknown key"),
    ("actors.toml", '[claimant_heads]\n"мвд" = ["police"]\n', "is not a <class 'str'>"),
    ("places.toml", '[country_aliases]\nBY = "беларусь"\n', "expected a list"),
])
def test_a_russian_shaped_file_that_does_not_fit_is_refused(tmp_path, name, text, message):
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        read_lexicon("ru", tmp_path)


def test_a_data_file_that_is_no_section_is_refused(tmp_path):
    (tmp_path / "triggers.toml").write_text('[nouns]\n"забастовка" = "strike"\n', encoding="utf-8")
    (tmp_path / "dates.toml").write_text('weekdays = ["понедельник"]\n', encoding="utf-8")  # the calendar's
    with pytest.raises(LexiconError, match="unknown data file.*dates.toml"):
        read_lexicon("ru", tmp_path)


def test_every_people_noun_is_read_by_the_rules_its_line_names():
    """Each line of people.toml is data the rules read: a crowd noun counts a crowd in both or one of
    its forms, a victim noun is counted when detained, a participant noun names who acted."""
    from strikewatch.extract.actors import find_participants
    from strikewatch.extract.response import find_counts
    from strikewatch.extract.size import find_sizes

    people = lexicon("en").people
    assert len(people.nouns) > 50
    for noun in people.nouns:
        for form in noun.forms(noun.crowd):
            assert [(c.low, c.high) for c in find_sizes(f"About 200 {form} marched on Sunday.")] == [(200, 200)], form
        for form in noun.forms(noun.victim):
            arrests = find_counts(f"Police said 12 {form} were arrested.").get("arrests")
            assert arrests is not None and arrests.value == 12, form
        if noun.participant:
            found = find_participants(f"The {noun.plural} marched on Sunday.")
            assert found is not None and found.text.lower() == noun.plural.lower(), noun.plural


def test_a_form_a_line_does_not_name_is_not_read():
    from strikewatch.extract.size import find_sizes

    # "persons" counts a crowd, "person" (its singular) does not: the line says plural
    assert find_sizes("About 200 persons marched on Sunday.") and not find_sizes("About 200 person marched.")
