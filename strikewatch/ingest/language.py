"""The language of an article, and whether strikewatch reads it.

Language identification is lingua's (`lingua-language-detector`, its models inside the package),
restricted to the languages news in strikewatch's sources is mostly written in: fewer candidates
are faster and make fewer mistakes between close languages. strikewatch reads the languages in
`READ` (each has its data in `strikewatch/lang/<code>/`); an article in another one is reported as
not read, naming the language, and not stored. A text too short to tell (under `MIN_WORDS` words)
that is not clearly in a language strikewatch reads is read as English, as before. Figures:
bench/language.py.
"""

from __future__ import annotations

import functools
import re

from strikewatch.lang import lexicon

READ = ("en", "ru")  # the languages strikewatch reads
# The candidates lingua chooses among (ISO 639-1): what news in the sources is mostly written in,
# and the neighbours of the languages read that a short text could be taken for.
CANDIDATES = ("en", "ru", "uk", "be", "bg", "sr", "kk", "es", "fr", "de", "pt", "it", "nl", "pl", "cs", "tr",
              "ar", "fa", "hi", "ur", "bn", "id", "zh", "ja", "ko", "vi", "th", "sw")
NAMES = {"en": "English", "ru": "Russian", "uk": "Ukrainian", "be": "Belarusian", "bg": "Bulgarian", "sr": "Serbian",
         "kk": "Kazakh", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese", "it": "Italian",
         "nl": "Dutch", "pl": "Polish", "cs": "Czech", "tr": "Turkish", "ar": "Arabic", "fa": "Persian",
         "hi": "Hindi", "ur": "Urdu", "bn": "Bengali", "id": "Indonesian", "zh": "Chinese", "ja": "Japanese",
         "ko": "Korean", "vi": "Vietnamese", "th": "Thai", "sw": "Swahili"}
MIN_WORDS = 25  # below this a text is read as English unless it is clearly in another language read
SAMPLE_CHARS = 3000  # the language of an article is told from its beginning (a quoted tweet later changes nothing)
LANGUAGE = "en"  # whose function words (strikewatch/lang/en/grammar.toml) tell English at once
_WORD = re.compile(r"[^\W\d_]+")
# English prose is about a third common function words (strikewatch/lang/en/grammar.toml), which other
# languages' prose almost never is: a text over this share is English without asking lingua (whose
# models take seconds to load).
ENGLISH_SHARE = 0.15  # English articles: 0.23-0.41; Russian, Spanish: under 0.02


@functools.lru_cache(maxsize=1)
def _detector():  # -> lingua.LanguageDetector
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in CANDIDATES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def identify(text: str) -> str | None:
    """The ISO 639-1 code of the text's language among `CANDIDATES`; None when lingua cannot tell."""
    sample = text[:SAMPLE_CHARS]
    if not _WORD.search(sample):
        return None
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None


def function_word_share(text: str) -> tuple[int, float]:
    """(words in the text, the share of them that are English function words)."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0, 0.0
    function_words = lexicon(LANGUAGE).grammar.function_words
    return len(words), sum(w in function_words for w in words) / len(words)


def language_of(text: str) -> str:
    """The language an article is read in: English when its function words say so plainly, else what
    lingua finds; a short text (or one lingua cannot tell) is read as English unless it is found to
    be in another language strikewatch reads."""
    n, share = function_word_share(text[:SAMPLE_CHARS])
    if share >= ENGLISH_SHARE:
        return "en"
    found = identify(text)
    if n < MIN_WORDS and found not in READ:
        return "en"
    return found or "en"


def reads(code: str) -> bool:
    """Whether strikewatch reads articles in this language."""
    return code in READ


def name(code: str) -> str:
    return NAMES.get(code, code)


def not_read_message(code: str) -> str:
    """What ingest says of an article in a language it does not read."""
    known = ", ".join(NAMES[c] for c in READ)
    return f"not read: the text is in {name(code)} ({code}), and strikewatch reads {known} (nothing stored)"
