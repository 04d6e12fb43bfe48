"""Whether an article is in English, the one language strikewatch reads.

A simple, dependable test rather than language identification: English prose is about a third
common function words ("the", "of", "and", ...), which other languages' prose almost never is
(Spanish "a" and Latin-script names aside). A text too short to tell is read. Figures:
bench/language.py.
"""

from __future__ import annotations

import re

_FUNCTION_WORDS = frozenset(
    "the of and to in a is was were for on that with as by at from said it its his her their they he she "
    "has have had be been not but who which this after an or are will would".split())
_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 25  # below this a text is read whatever its words
MIN_SHARE = 0.05  # English articles: 0.23-0.41, terse English snippets from 0.07; Russian, Spanish: under 0.02


def function_word_share(text: str) -> tuple[int, float]:
    """(words in the text, the share of them that are English function words)."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0, 0.0
    return len(words), sum(w in _FUNCTION_WORDS for w in words) / len(words)


def reads(text: str) -> bool:
    """True when strikewatch can read the text: English, or too short to tell."""
    n, share = function_word_share(text)
    return n < MIN_WORDS or share >= MIN_SHARE
