"""Name keys for gazetteer lookups: the exact key (`fold`) and the loose keys that spelling variants share.

News spells one town many ways: Baranovichi / Baranovici / Baranavichy, Zhlobin / Zlobin,
Novopolotsk / Navapolatsk, Soligorsk / Salihorsk. Transliteration systems differ mostly in how
they write a few sounds (zh/z, kh/h/g, ch/c, ts/c, y/i/j) and in vowels (Belarusian akanye writes
unstressed o as a). `skeleton` maps those choices to one form and drops the vowels; it is a
blocking key, so names sharing it are then compared by `similarity`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Order matters: longer digraphs first, and "kh" -> "h" before "h" -> "g".
_DIGRAPHS = (("tsch", "c"), ("sch", "s"), ("zh", "z"), ("kh", "h"), ("ch", "c"), ("sh", "s"), ("ts", "c"),
             ("tz", "c"), ("cz", "c"), ("sz", "s"), ("ph", "f"), ("ck", "k"), ("w", "v"), ("q", "k"),
             ("x", "ks"), ("dj", "j"), ("j", "i"), ("y", "i"), ("h", "g"))
_VOWEL_CLASSES = str.maketrans({"o": "a", "e": "i", "u": "a"})


@lru_cache(maxsize=1 << 16)  # a text names its towns again and again; so do the articles of one story
def fold(name: str) -> str:
    """The exact lookup key of a name: ASCII transliteration, lower case, words joined by single spaces."""
    from anyascii import anyascii

    text = anyascii(unicodedata.normalize("NFC", name)).lower()
    text = text.replace("'", "").replace("’", "")
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def phonetic(key: str) -> str:
    """A folded key with transliteration digraphs unified and doubled letters collapsed."""
    text = key.replace(" ", "")
    for written, sound in _DIGRAPHS:
        text = text.replace(written, sound)
    return re.sub(r"(.)\1+", r"\1", text)


def skeleton(key: str) -> str:
    """The consonant skeleton of a folded key (first letter kept): the blocking key of fuzzy lookups."""
    sound = phonetic(key)
    return sound[:1] + re.sub(r"[aeiou]", "", sound[1:])


def similarity(a: str, b: str) -> float:
    """How alike two folded keys are, 0..1: the best of the plain, phonetic and vowel-class comparisons."""
    from rapidfuzz import fuzz

    pa, pb = phonetic(a), phonetic(b)
    return max(fuzz.ratio(a, b), fuzz.ratio(pa, pb),
               fuzz.ratio(pa.translate(_VOWEL_CLASSES), pb.translate(_VOWEL_CLASSES))) / 100
