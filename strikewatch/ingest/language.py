"""Whether an article is in English, the one language strikewatch reads.

A simple, dependable test rather than language identification: English prose is about a third
common function words ("the", "of", "and", ...), which other languages' prose almost never is
(Spanish "a" and Latin-script names aside). A text too short to tell is read. Figures:
bench/language.py.
"""

from __future__ import annotations

import re

from strikewatch.lang import lexicon

LANGUAGE = "en"  # whose function words (strikewatch/lang/en/grammar.toml) are counted
_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 25  # below this a text is read whatever its words
MIN_SHARE = 0.05  # English articles: 0.23-0.41, terse English snippets from 0.07; Russian, Spanish: under 0.02


def function_word_share(text: str) -> tuple[int, float]:
    """(words in the text, the share of them that are English function words)."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0, 0.0
    function_words = lexicon(LANGUAGE).grammar.function_words
    return len(words), sum(w in function_words for w in words) / len(words)


def reads(text: str) -> bool:
    """True when strikewatch can read the text: English, or too short to tell."""
    n, share = function_word_share(text)
    return n < MIN_WORDS or share >= MIN_SHARE
