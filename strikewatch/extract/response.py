"""The state's answer: arrests and detentions, injuries, deaths, and the means used (tear gas...)."""

from __future__ import annotations

import re

from strikewatch.extract.size import QUANTITY, parse_size_phrase
from strikewatch.model import Count, Evidence

_HEDGE = r"(?:(?:at least|more than|over|about|around|nearly|almost|some|up to|approximately|a further|another|roughly)\s+)*"
# Vague counts of victims, read at their lower end like every count: "several protesters died" -> 3.
_FEW = {"several": (3, 9), "a few": (2, 5), "a couple of": (2, 2), "a": (1, 1), "an": (1, 1), "one": (1, 1)}
_COUNT = rf"(?P<n>{_HEDGE}(?:{QUANTITY}|several|a few|a couple of))"
# One person named by a singular noun phrase: "a female garment worker was killed".
_ONE = r"(?P<n>\b(?:an?|one))\s+(?:[\w-]+\s+){0,3}?[\w-]+\s+(?:had\s+been|has\s+been|was)\s+"
_NOUNS = (r"(?:(?:[\w-]+\s+){0,2}?(?:people|persons?|protesters?|protestors?|demonstrators?|workers?|wom[ae]n|m[ae]n|"
          r"students?|activists?|others|of them|journalists?|professors?|civilians?|police(?:m[ae]n)?|officers?|"
          r"farmers?|villagers?|residents?|youths?|teachers?|nurses?|doctors?|employees?|supporters?|children|"
          r"minors?|miners?))")
COUNT_PATTERNS: dict[str, list[re.Pattern[str]]] = {
    "arrests": [
        re.compile(rf"\b(?:detained|arrested|detaining|arresting|rounded up|took away|taken into custody)\s+{_COUNT}(?:\s+{_NOUNS})?", re.I),
        re.compile(rf"{_COUNT}(?:\s+{_NOUNS})?\s+(?:had\s+been|have\s+been|were|was|being)\s+(?:detained|arrested|held|taken into custody)", re.I),
        re.compile(rf"(?:names of|detentions of|arrests of)\s+{_COUNT}", re.I),
        re.compile(rf"{_ONE}(?:detained|arrested|taken into custody)", re.I),
        # "22 people were injured and 15 detained"
        re.compile(rf"\b(?:injured|wounded|hurt|killed|dead)\s+and\s+{_COUNT}(?:\s+{_NOUNS})?\s+(?:(?:were|others)\s+)?"
                   rf"(?:detained|arrested)\b", re.I),
    ],
    "injuries": [
        re.compile(rf"{_COUNT}(?:\s+{_NOUNS})?(?:,[^,]{{0,60}},)?\s+(?:had\s+been|have\s+been|were|was)\s+(?:injured|wounded|hurt|hospitali[sz]ed)", re.I),
        re.compile(rf"\b(?:injuring|wounding|injured|wounded)\s+{_COUNT}", re.I),
        # "39 people had been killed and 361 injured"
        re.compile(rf"\b(?:killed|died|dead|detained|arrested)\s+and\s+{_COUNT}(?:\s+{_NOUNS})?\s+"
                   rf"(?:(?:were|others)\s+)?(?:injured|wounded|hurt)\b", re.I),
        re.compile(rf"{_ONE}(?:injured|wounded|hurt|hospitali[sz]ed)", re.I),
    ],
    "deaths": [
        re.compile(rf"{_COUNT}(?:\s+[\w-]+){{0,3}}?(?:\s+{_NOUNS})?\s+(?:had\s+been|have\s+been|were|was)\s+(?:killed|shot dead|shot and killed)", re.I),
        re.compile(rf"\b(?:killing|killed|shot dead|shooting dead|shot and killed)\s+{_COUNT}", re.I),
        re.compile(rf"\bdeath toll\s+(?:at|of|to|rose to|stood at)\s+{_COUNT}", re.I),
        re.compile(rf"\bbodies of\s+{_COUNT}", re.I),
        re.compile(rf"{_COUNT}(?:\s+{_NOUNS})?\s+(?:(?:had|have|has)\s+)?died\b", re.I),
        re.compile(rf"{_ONE}(?:killed|shot dead|shot and killed|beaten to death)", re.I),
    ],
}
# A word every pattern of the field needs: sentences without one skip its (costly) patterns.
_FIELD_WORDS = {
    "arrests": re.compile(r"detain|detention|arrest|rounded up|took away|custody|held|names of", re.I),
    "injuries": re.compile(r"injur|wound|hurt|hospitali", re.I),
    "deaths": re.compile(r"kill|shot dead|death toll|bodies|died", re.I),
}
_MEANS = {
    "tear gas": r"tear[- ]?gas", "water cannon": r"water[- ]cannons?", "rubber bullets": r"rubber bullets?",
    "live ammunition": r"live (?:rounds|ammunition|fire)|opened fire|shot dead|gunfire",
    "stun grenades": r"stun grenades?|flash[- ]bangs?", "batons": r"batons?|baton[- ]charged|truncheons?",
    "dispersal": r"dispers(?:e|ed|ing|al)", "arrests": r"\b(?:arrest|detain)\w*", "pepper spray": r"pepper spray",
}
_NOT_COUNT = re.compile(r"^\s*(?:percent|%|years?|km|days?|hours?|minutes?)", re.I)


def find_counts(sentence: str, offset: int = 0) -> dict[str, Count]:
    """The arrests, injuries and deaths the sentence counts, each field's count with its words."""
    out: dict[str, Count] = {}
    for field, patterns in COUNT_PATTERNS.items():
        if not _FIELD_WORDS[field].search(sentence):
            continue
        for pattern in patterns:
            m = pattern.search(sentence)
            if not m or _NOT_COUNT.match(sentence[m.end("n"):]):
                continue
            said = re.sub(r"\s+", " ", m.group("n").strip().lower())
            rng = _FEW.get(said) or parse_size_phrase(said)
            if rng is None:
                continue
            evidence = Evidence(m.group(0), offset + m.start(), offset + m.end(), f"response:{field}")
            out[field] = Count(rng[1] if rng[0] == rng[1] else rng[0], evidence)
            break
    return out


_MEANS_RE = {name: re.compile(pattern, re.I) for name, pattern in _MEANS.items()}


def find_means(sentence: str) -> list[str]:
    return [name for name, pattern in _MEANS_RE.items() if pattern.search(sentence)]

