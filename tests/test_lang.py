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
