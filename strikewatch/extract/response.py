"""The state's answer: arrests and detentions, injuries, deaths, and the means used (tear gas...)."""

from __future__ import annotations

import re
from functools import cache

from strikewatch.extract import ru_size
from strikewatch.extract.size import claimant, parse_size_phrase, quantity_pattern
from strikewatch.lang import CYRILLIC, lexicon, phrase_pattern
from strikewatch.model import Count, Evidence, Mention
from strikewatch.rules import Rule

LANGUAGE = "en"  # whose lexicon (strikewatch/lang/en/numbers.toml, people.toml) the patterns read

def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in words)


@cache
def _count_patterns() -> dict[str, list[re.Pattern[str]]]:
    """The patterns of each count, built once from the lexicon at first use."""
    lex = lexicon(LANGUAGE)
    hedges = _alternatives(h.phrase for h in lex.numbers.hedges if h.counts)
    vague = _alternatives(lex.numbers.vague_counts)
    count = rf"(?<![\w-])(?P<n>(?:(?:{hedges})\s+)*(?:{quantity_pattern()}|{vague}))"  # not "one" in "None"
    # One person named by a singular noun phrase: "a female garment worker was killed".
    a_one = rf"(?P<n>\b(?:{_alternatives(lex.numbers.words_for_one())}))"
    # "a number of people", "a group of students": no count of one
    collective = r"(?!(?:\w+\s+)?(?:number|lot|lots|group|handful|couple|few|dozen|crowd|host|series|wave|total)\s+of\b)"
    one = rf"{a_one}\s+{collective}(?:[\w-]+\s+){{0,3}}?[\w-]+\s+(?:had\s+been|has\s+been|was)\s+"
    victims = _alternatives(lex.people.forms('victim'))
    nouns = rf"(?:(?:[\w-]+\s+){{0,2}}?(?:{victims}))"
    # whoever is arrested is people, named by any plural noun: "23 traders", "14 market hawkers"
    detainees = rf"(?:{nouns}|(?:[a-z][\w-]+\s+)?[a-z][\w-]+(?<![su]s)s)"
    # "held" is a detention only with its captor or place ("held by police", "held overnight");
    # "a march of 2,000 teachers was held" is an occasion, "rallies of 5,000 were held" too.
    held_how = "|".join(lex.response.held_as_detention) or "(?!)"

    def number_of(counted: str) -> list[re.Pattern[str]]:
        """"The number of detained rose to 40", "activists put the number of injured at 30"."""
        # words between only as a phrase of when or where ("killed during Tuesday's protests"), not "and
        # injured", nor "since 2011"
        return [re.compile(rf"\bnumber\s+of\s+(?:people\s+|those\s+)?(?:{counted})\s+"
                           rf"(?:(?:in|during|at|on)\s+(?:(?!and\b|or\b|since\b)[^\s,.;]+\s+){{1,8}})?"
                           rf"(?:(?:has|had)\s+)?(?:rose|risen|climbed|reached|stood\s+at|grew|was|is)\s+(?:to\s+)?{count}",
                           re.I),
                re.compile(rf"\b(?:put|puts|estimated|placed)\s+the\s+number\s+of\s+(?:people\s+)?(?:{counted})"
                           rf"\s+at\s+{count}", re.I)]

    return {
        "arrests": [
            re.compile(rf"\b(?:detained|arrested|detaining|arresting|rounded up|took away|taken into custody)\s+{count}(?:\s+{nouns})?", re.I),
            re.compile(rf"{count}(?:\s+{detainees})?(?:,[^,]{{0,60}},)?\s+(?:had\s+been|have\s+been|(?:were|was)(?:\s+being)?|being)\s+(?:\w+ly\s+)?(?:detained|arrested|taken into custody|rounded\s+up"
                       rf"|deprived\s+of\s+(?:their\s+)?liberty|secured\s+by\s+(?:the\s+)?police|held\s+(?:{held_how}))",
                       re.I),
            re.compile(rf"(?:names of|detentions of|arrests of)\s+{count}", re.I),
            # a reduced passive: "police said at least 412 people detained", "with 30 students arrested"
            re.compile(rf"{count}\s+{nouns}\s+(?:detained|arrested)\b(?!\s+(?:last|earlier|in\s+(?:19|20)\d\d)\b)", re.I),
            re.compile(rf"\bwith\s+{count}(?:\s+{nouns})?\s+(?:arrested|detained|in custody)\b", re.I),
            re.compile(rf"{one}(?:detained|arrested|taken into custody)", re.I),
            # the counts as nouns: "police made 63 arrests", "there were 12 arrests", "1,200 detentions"
            # not a tally over years ("19,000 detentions at protests since 2022")
            re.compile(rf"{count}\s+(?:(?:more|further|other|new)\s+)?(?:arrests|detentions)\b"
                       rf"(?![^.;]*\bsince\b)", re.I),
            *number_of("detained|arrested|detainees|arrests|detentions"),
            # "22 people were injured and 15 detained"
            re.compile(rf"\b(?:injured|wounded|hurt|killed|dead)\s+and\s+{count}(?:\s+{nouns})?\s+(?:(?:were|others)\s+)?"
                       rf"(?:detained|arrested)\b", re.I),
        ],
        "injuries": [
            *number_of("injured|wounded|hurt"),
            re.compile(rf"{count}(?:\s+{nouns})?(?:,[^,]{{0,60}},)?\s+(?:had\s+been|have\s+been|were|was)\s+(?:(?!fatally|mortally)\w+ly\s+)?"
                       rf"(?:injured|wounded|hurt|hospitali[sz]ed)", re.I),
            # "56 were treated for minor injuries"
            re.compile(rf"{count}(?:\s+{nouns})?\s+(?:had\s+been|have\s+been|were|was)\s+treated\s+(?:in\s+hospital\s+)?"
                       rf"for\s+(?:\w+\s+)?(?:injuries|wounds)", re.I),
            re.compile(rf"\bwith\s+{count}(?:\s+{nouns})?\s+(?:injured|wounded|hurt)\b", re.I),
            # "treated 14 people for injuries"; "one was dead, 14 injured and 23 arrested"
            re.compile(rf"\btreated\s+{count}(?:\s+{nouns})?\s+for\s+(?:\w+\s+)?(?:injuries|wounds)", re.I),
            re.compile(rf"(?:,|\band)\s+{count}\s+(?:injured|wounded|hurt)\b(?!\s+(?:by|in|at)\b)", re.I),
            re.compile(rf"\b(?:injuring|wounding|injured|wounded)\s+{count}", re.I),
            # "39 people had been killed and 361 injured"
            re.compile(rf"\b(?:killed|died|dead|detained|arrested)\s+and\s+{count}(?:\s+{nouns})?\s+"
                       rf"(?:(?:were|others)\s+)?(?:injured|wounded|hurt)\b", re.I),
            re.compile(rf"{one}(?:injured|wounded|hurt|hospitali[sz]ed)", re.I),
            # "seven people suffered minor injuries", "three were taken to hospital", "30 received treatment"
            re.compile(rf"{count}(?:\s+{nouns})?(?:,[^,]{{0,60}},)?\s+(?:(?:had|have|has)\s+)?(?:suffered|sustained|received|needed)\s+"
                       rf"(?:\w+\s+){{0,2}}?(?:injuries|wounds|treatment)\b", re.I),
            re.compile(rf"{count}(?:\s+{nouns})?\s+(?:had\s+been|have\s+been|were|was)\s+(?:taken|rushed|admitted)\s+"
                       rf"to\s+(?:a\s+|the\s+)?hospitals?\b", re.I),
        ],
        "deaths": [
            *number_of("killed|dead|deaths"),
            re.compile(rf"\bwith\s+{count}(?:\s+{nouns})?\s+(?:killed|dead)\b", re.I),
            # "two people were confirmed dead", "14 protesters were martyred" (South Asian and Iranian copy)
            re.compile(rf"{count}(?:\s+{nouns})?\s+(?:had\s+been|have\s+been|were|was)\s+(?:confirmed\s+dead|"
                       rf"declared\s+dead|martyred)\b", re.I),
            re.compile(rf"{count}(?:\s+{nouns})?\s+(?:were|was)\s+\w+(?:\s+\w+){{0,5}}?\s+and\s+died\b", re.I),
            # "one protester was dead", "left one person dead"
            re.compile(rf"{count}(?:\s+{nouns})?\s+(?:was|were|lay)\s+dead\b", re.I),
            re.compile(rf"\bleft\s+{count}(?:\s+{nouns})?\s+dead\b", re.I),
            re.compile(rf"{count}(?:\s+(?!(?:were|was|and|had|have|has|but)\b)[\w-]+){{0,3}}?(?:\s+{nouns})?\s+(?:had\s+been|have\s+been|were|was)\s+"
                       rf"(?:killed|shot dead|shot and killed)", re.I),
            re.compile(rf"\b(?:killing|killed|shot dead|shooting dead|shot and killed)\s+{count}", re.I),
            re.compile(rf"\bdeath toll\s+(?:at|of|to|rose to|stood at)\s+{count}", re.I),
            # "the death toll from Sunday night's riots in Alexandra rose to five"
            re.compile(rf"\bdeath toll\s+(?:from|in|of)\s+[^,.;]{{1,80}}?\s+(?:rose|climbed|reached|stood|grew|has\s+risen)"
                       rf"\s+(?:to|at)\s+{count}", re.I),
            re.compile(rf"{count}(?:\s+{nouns})?\s+(?:had\s+been|have\s+been|were|was)\s+(?:fatally|mortally)\s+"
                       rf"(?:wounded|injured|shot)", re.I),
            # "a further two deaths were reported"
            re.compile(rf"{count}\s+(?:further\s+|more\s+|other\s+)?deaths\s+(?:were|have\s+been|had\s+been)\s+"
                       rf"(?:reported|confirmed|recorded)", re.I),
            re.compile(rf"\bbodies of\s+{count}", re.I),
            re.compile(rf"{count}(?:\s+{nouns})?\s+(?:(?:had|have|has)\s+)?(?:(?:now|since|already|also)\s+)?died\b",
                       re.I),
            # "four people lost their lives during the protests"
            re.compile(rf"{count}(?:\s+{nouns})?\s+(?:(?:had|have|has)\s+)?lost\s+their\s+lives\b", re.I),
            re.compile(rf"{one}(?:killed|shot dead|shot and killed|beaten to death)", re.I),
            # "a 19-year-old student died in hospital" (not "a man who died last year")
            re.compile(rf"{a_one}\s+(?:(?!who\b|which\b|that\b)[\w-]+\s+){{0,3}}?(?:{victims})\s+(?:later\s+)?died\b",
                       re.I),
        ],
    }


@cache
def _vague_counts() -> dict[str, tuple[int, int]]:
    """Vague counts, read at their lower end like every count ("several protesters died" -> 3), and
    the words for one."""
    numbers = lexicon(LANGUAGE).numbers
    return {**numbers.vague_counts, **{word: (1, 1) for word in numbers.words_for_one()}}


@cache
def _count_cues() -> dict[str, re.Pattern[str]]:
    """A word every pattern of the count needs: sentences without one skip its (costly) patterns."""
    return {count: re.compile(cue, re.I) for count, cue in lexicon(LANGUAGE).response.count_cues.items()}


@cache
def _not_count() -> re.Pattern[str]:
    """What follows a figure of no people: a share, an age, a distance, a time (the lexicon's words)."""
    return re.compile(r"^\s*(?:%|{})".format("|".join(lexicon(LANGUAGE).numbers.measure_patterns)), re.I)


@cache
def _negation() -> re.Pattern[str]:
    response = lexicon(LANGUAGE).response
    cues = "|".join(r"\s+".join(re.escape(w) for w in cue.split())
                    for cue in sorted(response.negation_cues, key=len, reverse=True))
    fillers = "|".join(r"\s+".join(re.escape(w) for w in f.split())
                       for f in sorted(response.negation_fillers, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?P<cue>{cues})(?:\s+(?:{fillers}))*\s+$", re.I)


_NOT_A_NEGATION = re.compile(r"\s+(?:fewer|less|more|sooner)\b", re.I)  # "no fewer than 30": a hedge


def negated(sentence: str, start: int) -> bool:
    """Whether the response word at `start` is said not to have happened ("there were no arrests",
    "no one was arrested", "ended without arrests"): a negation with at most a determiner or an
    auxiliary between ("no further arrests were made" too; not "not only arrested", "without
    warning arrested", "did not hesitate to arrest")."""
    begin = max(0, start - 40)
    m = _negation().search(sentence[begin:start])
    return m is not None and not _NOT_A_NEGATION.match(sentence, begin + m.end("cue"))


@cache
def _cause_clause() -> tuple[re.Pattern[str], re.Pattern[str]]:
    response = lexicon(LANGUAGE).response
    openers = phrase_pattern(response.cause_openers)
    ends = "|".join(re.escape(e) for e in response.cause_clause_ends) or "(?!)"  # punctuation and spaces as written
    return (re.compile(rf"(?<!\w)(?:{openers})(?!\w)(?!\s+(?:which|that)\b)", re.I), re.compile(ends, re.I))


def in_a_cause_clause(sentence: str, start: int) -> bool:
    """Whether `start` lies in a clause that gives the action's cause, after the action's own words
    ("thousands marched in Nairobi after two children were killed", "rallied to mourn the 12 miners
    killed"): such a count is what set the action off, not its toll. A cause clause that opens the
    sentence is left alone ("After police killed two marchers, ..." may still be the day's)."""
    opener, end = _cause_clause()
    before = sentence[:start]
    found = [m for m in opener.finditer(before) if before[:m.start()].strip()]
    return bool(found) and not end.search(before, found[-1].end())


def find_counts(sentence: str, offset: int = 0) -> dict[str, Count]:
    """The arrests, injuries and deaths the sentence counts, each field's count with its words."""
    out: dict[str, Count] = {}
    for field, patterns in _count_patterns().items():
        if not _count_cues()[field].search(sentence):
            continue
        for pattern in patterns:
            m = pattern.search(sentence)
            if not m or _not_count().match(sentence[m.end("n"):]) or negated(sentence, m.start("n")):
                continue
            if in_a_cause_clause(sentence, m.start()):
                continue  # "thousands marched after two children were killed": what set the march off
            said = re.sub(r"\s+", " ", m.group("n").strip().lower())
            if re.fullmatch(r"(?:19|20)\d\d", said):
                continue  # "On March 5, 2023 injured workers rallied": a year, no count
            rng = _vague_counts().get(said) or parse_size_phrase(said)
            if rng is None:
                continue
            evidence = Evidence(m.group(0), offset + m.start(), offset + m.end(), Rule(f"response:{field}"))
            out[field] = Count(rng[1] if rng[0] == rng[1] else rng[0], evidence)
            break
    return out


def count_claimant(mention: Mention, field: str) -> str | None:
    """Who gave the mention's count of `field` (arrests, injuries, deaths), as its sentence names them
    ("police said 35 were detained", "60 were held, according to rights groups"); None where it
    names no one."""
    counted = mention.evidence.get(field)
    if counted is None:
        return None
    text = mention.sentence.text
    start, end = counted.start - mention.sentence.start, counted.end - mention.sentence.start
    if not 0 <= start < end <= len(text):
        return None  # a count the mention took from another sentence
    return (ru_size.claimant if CYRILLIC.search(text) else claimant)(text, start, end)


@cache
def _means() -> dict[str, re.Pattern[str]]:
    """The means used, by their export names (the lexicon's `response.means`)."""
    return {name: re.compile(pattern, re.I) for name, pattern in lexicon(LANGUAGE).response.means.items()}


def find_means(sentence: str) -> list[str]:
    """The means the sentence says were used; "there were no arrests" says one was not, and "demanding
    the arrest of the officer" asks for one."""
    return [name for name, pattern in _means().items()
            if any(not negated(sentence, m.start()) and not _DEMANDED.search(sentence, 0, m.start())
                   for m in pattern.finditer(sentence))]


# "demanding the arrest of the officer": what protesters ask for, not what the state did
_DEMANDED = re.compile(r"\b(?:demand\w*|call(?:s|ed|ing)?\s+for|seek\w*|sought|urg\w*)\s+(?:the\s+)?(?:immediate\s+)?$",
                       re.I)

