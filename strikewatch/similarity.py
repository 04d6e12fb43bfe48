"""How much two reports share: distinctive terms (names, figures, hashtags) and copied sentences.

Used to tell whether an undated page reports what a dated one reports (`report_date`), whether two
sources' events are one (`resolve`), and how many independent reports an event rests on (copies of
one wire story count once).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cache, lru_cache

from strikewatch.geo.names import fold
from strikewatch.lang import CYRILLIC, lexicon
from strikewatch.model import Mention

LANGUAGE = "en"  # whose calendar and common capitalised words (strikewatch/lang/en) are skipped


@cache
def _common_capitals() -> frozenset[str]:
    """Capitalised words that say nothing about which story a page tells: names of days and months,
    and the lexicon's common capitalised words."""
    lex = lexicon(LANGUAGE)
    calendar = [*lex.calendar.weekdays, *lex.calendar.month_names()]
    return frozenset(w.capitalize() for w in calendar) | lex.names.common_capitals


@cache
def _number_words() -> dict[str, int]:
    """Number words of two digits or more ("fourteen", "twenty"), as the figures they write."""
    return {w: v for w, v in lexicon(LANGUAGE).numbers.units.items() if 10 <= v < 100 and " " not in w}


_TOKEN = re.compile(r"#\w+|\d[\d,.]*\d|\d|[A-ZÀ-ÖØ-Þ][\w'’-]+|[\w'’-]+")
_MIN_SHARED = 2
# Case endings of Russian names, transliterated, longest first: "Минске" and "Minsk" share a key.
_RUSSIAN_ENDINGS = ("yami", "yakh", "ogo", "ego", "omu", "emu", "ymi", "imi", "ami", "akh", "ykh", "ikh", "aya", "yaya",
                    "oy", "ey", "iy", "yy", "oe", "ee", "ov", "ev", "om", "em", "ym", "im", "oi", "ei", "ya", "yu",
                    "a", "u", "e", "y", "i")
COPY_SHARE = 0.5  # a copy prints at least this share of the other's event sentences word for word


def distinctive_terms(sentences: Iterable[str]) -> Counter[str]:
    """Names, hashtags and figures of a text: what two reports of one event share and two reports of
    different events rarely do. A capitalised word that opens a sentence is not taken as a name."""
    terms: Counter[str] = Counter()
    for sentence in sentences:
        for n, m in enumerate(_TOKEN.finditer(sentence)):
            word = m.group(0)
            if word[0] == "#":
                terms[word.lower()] += 1
            elif word[0].isdigit():
                digits = re.sub(r"\D", "", word.split(".")[0])
                if len(digits) >= 2 and not re.fullmatch(r"(?:19|20)\d\d", digits):
                    terms[digits] += 1
            elif (value := _number_words().get(word.lower())) is not None:
                terms[str(value)] += 1  # "fourteen of our members" and "14 traders" give one figure
            elif word[0].isupper() and n > 0 and word not in _common_capitals() and len(word) >= 3:
                terms[name_term(word)] += 1
    return terms


def name_term(word: str) -> str:
    """The term a capitalised name counts as (`distinctive_terms`)."""
    return _cyrillic_key(word) if CYRILLIC.match(word) else re.sub(r"['’]s?$", "", word.lower())


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def page_terms(text: str) -> Counter[str]:
    """The distinctive terms of a whole page, not only of its event sentences: the names a report
    gives around its events (the person a rally backs, the square it filled) are as much its story's."""
    return distinctive_terms(part for part in _SENTENCE_END.split(text) if part.strip())


def _cyrillic_key(word: str) -> str:
    """A Cyrillic name's key: transliterated (as the gazetteer folds names) without its case ending,
    so that a Russian report's names meet an English report's ("Минске", "Гродно" / Minsk, Grodno)."""
    key = fold(word).replace(" ", "")
    for ending in _RUSSIAN_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 4:
            return key[:-len(ending)]
    return key


def similarity(a: Counter[str], b: Counter[str], idf: Mapping[str, float]) -> float:
    """The weight of the terms two pages share over the weight of the smaller page's terms; nothing
    when they share fewer than two (one country's name is no evidence of one story)."""
    common = a.keys() & b.keys()
    if len(common) < _MIN_SHARED:
        return 0.0
    shared = sum(idf.get(t, 1.0) for t in common)
    smaller = min(sum(idf.get(t, 1.0) for t in a), sum(idf.get(t, 1.0) for t in b))
    return shared / smaller if smaller else 0.0


class TermIndex:
    """Which pages hold which terms, to find the pages another page shares terms with without
    comparing it to every page (two pages with fewer than two terms in common have no similarity)."""

    def __init__(self, pages: Mapping[str, Counter[str]]) -> None:
        self._holders: dict[str, list[str]] = defaultdict(list)
        for name, terms in pages.items():
            for term in terms:
                self._holders[term].append(name)

    def sharing(self, terms: Iterable[str], at_least: int = _MIN_SHARED) -> list[str]:
        """The pages that share at least `at_least` (and never fewer than two) of these terms, by name."""
        counts: Counter[str] = Counter()
        for term in terms:
            counts.update(self._holders.get(term, ()))
        return sorted(name for name, n in counts.items() if n >= max(at_least, _MIN_SHARED))


def inverse_frequencies(pages: Sequence[Counter[str]]) -> dict[str, float]:
    """Rarer terms weigh more: a name every page gives ("Reuters") tells little."""
    df: Counter[str] = Counter()
    for page in pages:
        df.update(page.keys())
    n = len(pages)
    return {t: math.log((n + 1) / (k + 0.5)) for t, k in df.items()}


def copied_share(copy: Sequence[Mention], original: Sequence[Mention]) -> float:
    """The share of one article's event sentences that another prints word for word (a repost may
    drop or add a dateline: "LIMA, May 9 (Wire) - Thousands ..." still holds "Thousands ...")."""
    own = {_normal(m.sentence.text) for m in copy}
    theirs = {_normal(m.sentence.text) for m in original}
    copied = [s for s in own if s in theirs or any(s in t or (len(t) > 40 and t in s) for t in theirs)]
    return len(copied) / len(own) if own else 0.0


def retold_share(retelling: Sequence[Mention], original: Sequence[Mention]) -> float:
    """The share of the content words of one article's event sentences (words of five letters or more,
    by their first six letters, so inflected forms meet) that another's event sentences hold: a post
    that retells a report in its own order keeps most of its words ("Khabarovsk, right now: thousands
    at the rally against the incinerator on Lenin Square")."""
    own, theirs = _stems(retelling), _stems(original)
    return len(own & theirs) / len(own) if len(own) >= _MIN_RETOLD_WORDS else 0.0


_MIN_RETOLD_WORDS = 6


def _stems(mentions: Sequence[Mention]) -> set[str]:
    return {w[:6] for m in mentions for w in re.findall(r"[^\W\d_]{5,}", m.sentence.text.lower())}


@lru_cache(maxsize=65536)  # an undated page's sentences are read against every candidate report
def _normal(sentence: str) -> str:
    return " ".join(re.findall(r"\w+", sentence.lower()))


def independent_sources(mentions: Sequence[Mention]) -> int:
    """How many independent reports the mentions come from: articles that copy each other's event
    sentences (reposted wire copy) count once."""
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc_id, []).append(m)
    originals: list[list[Mention]] = []
    for doc in sorted(by_doc):
        if not any(copied_share(by_doc[doc], kept) >= COPY_SHARE or copied_share(kept, by_doc[doc]) >= COPY_SHARE
                   for kept in originals):
            originals.append(by_doc[doc])
    return max(1, len(originals))
