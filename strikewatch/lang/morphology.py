"""Word forms: pymorphy3's Russian dictionary (inside its package), loaded once and shared by the
Russian rules (calendar and number words in every case) and the geocoder (place names in the
nominative)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from strikewatch.lang.lexicon import lexicon

if TYPE_CHECKING:
    import pymorphy3


@functools.cache
def morph() -> pymorphy3.MorphAnalyzer:
    """The Russian morphological analyser, loaded on first use (English never loads it)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@functools.cache
def month_forms() -> dict[str, int]:
    """Every case form of the Russian month names ("октября") -> the month's number (1-12)."""
    months = lexicon("ru").calendar.months
    return {form: number for number, names in enumerate(months, start=1) for name in names
            for form in word_forms(name)}


@functools.cache
def word_forms(lemma: str) -> frozenset[str]:
    """Every inflected form of a Russian word (lower case), itself included, each written with "е"
    and, where the dictionary writes "ё", with "ё" too: texts write "шахтёров" and "шахтеров", and
    the data may list either ("шахтер")."""
    found = {lemma}
    for parse in morph().parse(lemma)[:2]:
        if parse.normal_form.replace("ё", "е") == lemma.replace("ё", "е"):
            found |= {f.word for f in parse.lexeme}
        elif parse.tag.POS == "PRTF" and parse.word == lemma:
            # a participle used as a noun ("протестующий"): the dictionary files it under its verb, so
            # its own declension is the participle's forms of the verb's paradigm, same stem
            stem = lemma[:-2]
            found |= {f.word for f in parse.lexeme if f.tag.POS == "PRTF" and f.word[:-2].startswith(stem)
                      and len(f.word) - len(stem) <= 4}
    return frozenset(found | {w.replace("ё", "е") for w in found})
