"""The language layer: each language's lexicon, read from its data files into typed fields."""

from __future__ import annotations

import pytest

from strikewatch.lang import Lexicon, LexiconError, available, lexicon, read_lexicon
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
