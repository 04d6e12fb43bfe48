"""Crowd sizes: number phrases read as low-high ranges, following the Crowd Counting Consortium.

CCC coders read a vague word as one number ("hundreds" 200, "dozens" 24, "thousands" 2,000,
"tens of thousands" 20,000, "several hundred" 300) and a hedged figure as the figure itself
("more than 100", "about 100", "nearly 100" are all 100). Ranges keep both ends.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache

from strikewatch.ingest.metadata import month_pattern
from strikewatch.lang import Lexicon, lexicon
from strikewatch.limits import MAX_COUNT
from strikewatch.model import Evidence, SizeClaim
from strikewatch.rules import Rule

LANGUAGE = "en"  # whose lexicon (strikewatch/lang/en/numbers.toml, people.toml) the patterns read
# A figure: "5,000"; "5.000" and "5 000" as much of Europe writes thousands (a run of exactly three
# digits after each point or space; "5.5" stays a decimal); "1,2 million" with a decimal comma.
_DIGITS = (r"\d{1,3}(?:,\d{3})+(?!\.?\d)|\d{1,3}(?:\.\d{3})+(?!,?\d)(?!\s*(?:million|billion|mln|bn|m)\b)"
           r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![.,]?\d)"
           r"|\d+,\d{1,2}(?=\s*(?:million|billion|mln|bn)\b)|\d+(?:\.\d+)?")
_PASSIVE_CLAIMS = r"claimed|estimated|counted|reported|given|cited|announced"  # "(the 250,000) claimed by"
# The words of a gathering a count may be the strength of ("a 5,000-strong crowd", "the march was 8,000 strong").
_GATHERINGS = r"crowds?|march(?:es)?|rall(?:y|ies)|protests?|demonstrations?|pickets?|gatherings?|processions?"
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "three quarters": 0.75, "three-quarters": 0.75}


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in words)


class _Grammar:
    """The size patterns, built once from the lexicon at first use."""

    def __init__(self, lex: Lexicon) -> None:
        numbers = lex.numbers
        self.units, self.scales = numbers.units, numbers.scales
        self.vague, self.weak_vague = numbers.vague, numbers.weak_vague
        self.word_scales = numbers.word_scales
        self.figure_scales = _alternatives(numbers.figure_scales)
        word = "(?:{})".format("|".join(sorted([*self.units, *numbers.word_scales], key=len, reverse=True)))
        word_scale = _alternatives(numbers.word_scales)
        # "half a million", "a quarter of a million", "one and a half million"
        fraction = (rf"(?:(?:a\s+)?half|(?:a\s+)?quarter|three[\s-]quarters)\s+(?:of\s+)?an?\s+(?:million|thousand)"
                    rf"|(?:{word}|\d+)\s+and\s+a\s+half\s+(?:million|thousand)")
        self.number = (
            rf"(?:{fraction}"
            rf"|(?:{_DIGITS})(?:\s*(?:{self.figure_scales})\b)?"
            rf"|an?\s+(?:{word_scale})"
            # before the number words: "two dozen" is 24, not "two" with a word after it
            rf"|(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d)\s+)?dozen\b"
            rf"|(?:{word})(?:[\s-]+(?:and\s+)?(?:{word}))*)"
        )
        self.hedge = f"(?:{_alternatives(h.phrase for h in numbers.hedges)})"
        vague = "|".join(p for p, _ in self.vague)
        self.quantity = rf"(?:(?:{vague})|{self.number})"
        # a number word counts only at a word's start, as every size pattern reads it ("often" has no "ten")
        self.any_quantity = re.compile(rf"\d|(?<!\w)(?:{word}|{vague}|dozen)", re.IGNORECASE)
        self.range = re.compile(rf"(?:between\s+)?(?P<a>{self.number})\s*(?:-|–|to|and)\s*(?P<b>{self.number})",
                                re.IGNORECASE)
        self.hedge_start = re.compile(rf"^(?:{self.hedge})\s+", re.IGNORECASE)
        # People nouns that make a number a crowd size; anything else ("80 companies") is not a size;
        # nationalities by their endings: "thousands of Lebanese", "Colombians", "Iraqis".
        demonyms = "|".join(lex.people.demonym_endings)
        self.people = rf"(?:{_alternatives(lex.people.forms('crowd'))}|(?-i:[A-Z][a-z]+(?:{demonyms})))"
        # the words of the state's counts (arrests, injuries, deaths): detainees counted, not a crowd
        self.harm = re.compile(lex.response.any_count_cue(), re.I)
        self.claimants = "(?:[\\w'’-]+\\s+){{0,3}}?(?:{})".format("|".join(lex.actors.claimant_roles))
        self.acting_endings = lex.people.acting_plural_endings or ("(?!)",)
        forces = [a[:-3] + "men" if a.endswith("man") else a if a.endswith("s") else a + "s"
                  for a in lex.senses.security_actors]  # "policemen", "soldiers": the state's forces
        self.not_acting = _alternatives([*lex.people.not_acting_crowds, *forces]) or "(?!)"
        self.bystanders = lex.people.bystander_plurals
        self._crowd_patterns()

    def _crowd_patterns(self) -> None:
        hedge, number, quantity = self.hedge, self.number, self.quantity
        # Each starts where a word starts ("(?<!\w)"): tried at every other position the alternations
        # cost five times more, and match inside words ("one" of "someone").
        # "5,000 of the plant's 7,000 workers": the part counted, and the whole it is taken from
        # ("about 220,000 of the country's roughly 240,000 teachers": the whole may be hedged too)
        subset = (rf"(?P<subset>\s+of\s+(?:the|its|their|his|her|our)?\s*(?:[\w-]+['’]s?\s+)?"
                  rf"(?:(?:{hedge})\s+)*(?:{quantity}))?")
        self.crowd_after = re.compile(
            rf"(?<!\w)(?P<phrase>(?:(?:{hedge})\s+)*(?P<q>between\s+{number}\s+and\s+{number}|{quantity}(?:\s*(?:-|–|to)\s*{number})?)"
            rf"{_AFTER_HEDGE})"
            rf"{subset}(?:\s+of)?\s+{_MODS}(?P<noun>{self.people})\b",
            re.IGNORECASE,
        )
        hedged_quantity = rf"(?P<phrase>(?:(?:{hedge})\s+)*(?P<q>{quantity}){_AFTER_HEDGE})"
        # a claimant's own range: "estimated 140,000 to 145,000", "counted between 3,000 and 4,000"
        ranged_quantity = (rf"(?P<phrase>(?:(?:{hedge})\s+)*(?P<q>between\s+{number}\s+and\s+{number}"
                           rf"|{quantity}(?:\s*(?:-|–|to)\s*{number})?))")
        # up to eight words (a place, a day, a clause) between a crowd's word and its count; none that ends a
        # clause or counts the state's victims ("the number of people killed ... was put at 12")
        gap = (rf"(?:\s+(?!(?:and|but|while|enrolled|registered|employed|deployed|living|working|studying)\b)"
               rf"(?!\w*(?:{self.harm.pattern}))[\w'’-]+){{1,8}}?")
        self.crowd_before = re.compile(
            rf"(?:(?:crowds?|turnouts?|attendance(?: figure)?|estimate|figure|number|rally|protest|march|gathering)\s+"
            # "the number of marchers was put at": the count of a people noun
            rf"(?:of\s+(?:the\s+)?{self.people}\s+)?"
            rf"(?:(?:was|were|of|at|to|by|put at|estimated at|numbered|numbering|swelled to|grew to|reached"
            rf"|(?:had|has|have)\s+(?:grown|swelled|swollen)\s+to"
            rf"|in the(?=\s+{_PLURAL_VAGUE}))\s+)+"  # "the crowd numbered in the thousands"
            # "marched in their thousands": the idiom counts the crowd
            rf"|\bin\s+their\s+(?={_PLURAL_VAGUE})"
            rf"|\b(?:put|estimated|placed)\s+(?:it|the (?:crowd|number|turnout|figure|size))\s+at\s+"
            # the figure before what it counts: "estimated at 40,000 the number of people who marched"
            rf"|\b(?:put|estimated|placed)\s+at\s+(?=(?:(?:{hedge})\s+)*{quantity}\s+the\s+(?:number|size|turnout|crowd)\b)"
            # a figure in apposition: "the largest crowd, about 20,000, gathered in Hamburg"
            rf"|\bcrowds?,\s+(?=(?:(?:{hedge})\s+)*{quantity},)"
            # the crowd's words, then a place or a day, then its count: "the crowd that gathered in Lisbon
            # on Sunday numbered 42,000", "the number of marchers in Lyon was put at 8,000"
            rf"|\b(?:crowds?|turnout|attendance|number\s+of\s+(?:the\s+)?{self.people}){gap}\s+(?:numbered|(?:was|were)\s+(?:put|estimated|placed|reckoned)\s+at|swelled\s+to)\s+"
            rf"|\b(?:put|estimated|placed)\s+(?:the\s+)?(?:crowd|number(?!\s+of\s+(?:the\s+)?(?:{self.not_acting})\b)|turnout|size|attendance){gap}\s+at\s+(?=(?:(?:{hedge})\s+)*{quantity}(?![.,]?\d|\s*(?:[ap]\.?m\b|GMT|UTC)))"
            # "the crowd, which police estimated at 3,000, ..."
            rf"|\bcrowds?,?\s+(?:which|that)\s+(?:[\w'’-]+\s+){{1,3}}?(?:estimated|put|placed|counted)\s+at\s+"
            # "(the crowd,) estimated by police at 3,000 and by organisers at 10,000"
            rf"|\b(?:estimated\s+|and\s+)by\s+(?:the\s+)?{self.claimants}\s+at\s+"
            # the turnout an event drew: "the rallies drew several hundred each", "drawing 5,000 on Friday"
            # "marchers numbering about 5,000"
            rf"|\bnumbering\s+"
            # a claimant's count of a town's crowd: "police counted 20,000 in Lyon" (and nothing more of it:
            # not "hospitals counted 40 in Delhi with heatstroke")
            rf"|\b(?:{self.claimants})\s+counted\s+(?=(?:(?:{hedge})\s+)*{quantity}\s+(?:in|at)\s+(?:the\s+)?"
            rf"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:\s*[,.;]|\s*$|\s+and\b))"
            rf"|\b(?:drew|drawing|draws?|attract(?:ed|ing|s)?)\s+(?=(?:(?:{hedge})\s+)*{quantity}(?![.,]\d)"
            rf"(?:\s+(?:each|apiece))?(?:\s*[.,;)]|\s*$|\s+(?:on|in|at|to|across|despite|as|and|while)\b)))"
            rf"(?P<phrase>(?:(?:{hedge})\s+)*(?P<q>between\s+{number}\s+and\s+{number}"
            rf"|{quantity}(?:\s*(?:-|–|to)\s*{number})?))",
            re.IGNORECASE,
        )
        # "a 5,000-strong crowd", "a 300-strong picket", "the march was 42,000 strong" (not "a 200-strong
        # police contingent", nor "a 12-strong delegation")
        gatherings = _GATHERINGS
        self.crowd_strong = re.compile(
            rf"(?<!\w){hedged_quantity}[\s-]strong\b(?=\s+(?:[\w-]+\s+){{0,2}}?(?:{self.people}|{gatherings}|convoys?)\b)",
            re.IGNORECASE,
        )
        # the event was so strong (a union "which is 40,000 strong" counts its members)
        self.crowd_was_strong = re.compile(
            rf"\b(?:{gatherings})\b[^.;]{{0,60}}?\b(?:was|were)\s+{hedged_quantity}\s+strong\b", re.IGNORECASE)
        self.crowd_acting = re.compile(
            # "600,000 of us stopped work": the speakers counted
            rf"(?<!\w){hedged_quantity}(?:\s+(?:more|others)|\s+of\s+(?:us|them))?{_APPOSITION}"
            rf"(?:\s+(?:have|had)|\s+(?:were|are|was)(?=\s+\w+ing\b))?\s+(?P<verb>{_ACTING})",
            re.IGNORECASE,
        )
        # "about 33,000 machinists walked out", "tens of thousands of Poles marched": a plural that ends
        # like a people noun (or a capitalised one) not on the list, counted as it acts
        endings = "|".join(self.acting_endings)
        self.crowd_acting_noun = re.compile(
            # not the whole a part is taken from ("11,000 of its 22,000 members took part")
            rf"(?<!\w)(?<!\bof\s)(?<!\bof\sits\s)(?<!\bof\sthe\s)(?<!\bof\stheir\s)"
            rf"{hedged_quantity}{subset}(?:\s+of)?\s+{_MODS}"
            rf"(?P<noun>(?!(?:{self.not_acting})\b)(?:[a-z][\w-]*(?:{endings})|(?-i:[A-Z][a-z]+s)))\b{_APPOSITION}"
            rf"(?:\s+(?:have|had)|\s+(?:were|are|was)(?=\s+\w+ing\b))?\s+(?P<verb>{_ACTING})",
            re.IGNORECASE,
        )
        # "about 40 commuters held a protest": people an action usually strands, counted as they protest
        self.crowd_protesting_bystanders = re.compile(
            rf"(?<!\w){hedged_quantity}\s+{_MODS}(?P<noun>{_alternatives(self.bystanders)})\b{_APPOSITION}"
            rf"\s+(?P<verb>{_PROTESTING})", re.IGNORECASE) if self.bystanders else re.compile("(?!)")
        self.crowd_in_event = re.compile(
            rf"(?<!\w){hedged_quantity}\s+in\s+(?:[\w-]+\s+){{0,3}}?"
            rf"(?:protests?|demonstrations?|rall(?:y|ies)|march(?:es)?|strikes?)\b",
            re.IGNORECASE,
        )
        # Where a match of the patterns that open on their figure (`figure_led`) may start: a hedge, "between"
        # or a quantity at a word's start. They are tried only there, not at every character.
        self.figure_start = re.compile(rf"(?<!\w)(?=(?:{hedge})\s|between\s|{quantity})", re.IGNORECASE)
        self.figure_led = frozenset({self.crowd_after, self.crowd_strong, self.crowd_acting, self.crowd_acting_noun,
                                     self.crowd_protesting_bystanders, self.crowd_in_event})
        # "20,000 marched in Lyon, 8,000 in Lille and about 900 in Brest": once a sentence has counted a
        # crowd, a bare figure followed by "in"/"at" and a place counts that place's crowd; one followed by
        # "according to" counts the same crowd by another claimant ("26,000 according to police, 140,000
        # according to unions").
        # "drawing 5,000 and 3,000 people respectively": a figure whose noun the next figure gives
        self.elliptical_pair = re.compile(
            rf"(?<![\w,.]){hedged_quantity}\s+and\s+(?=(?:(?:{hedge})\s+)*{number}\s+{_MODS}{self.people}\b)",
            re.IGNORECASE)
        # and "marches in Cordoba and Rosario drew 120,000 and 60,000 respectively"
        self.elliptical_claim = re.compile(
            rf"(?:,|\band\b|;)\s+{hedged_quantity}\s+(?:(?:according\s+to|by\s+the\s+count\s+of)\s|"
            rf"(?:people\s+)?respectively\b)")
        # the figures between in a longer list: "turnouts of 3,000, 2,500 and 2,000 respectively"
        self.elliptical_listed = re.compile(
            rf",\s+{hedged_quantity}(?=(?:,|\s+and)\s[^.;!?]{{0,40}}\brespectively\b)", re.IGNORECASE)
        self.elliptical = re.compile(
            rf"(?:,|\band\b|\bwhile\b|(?P<part>\bincluding\b|\bamong\s+them\b|\bof\s+(?:which|whom)\b|(?<=,)\s+with\b|(?<=,)with\b)|;)\s+{hedged_quantity}\s+"
            rf"(?:people\s+|more\s+)?(?:in|at)\s+(?=(?:the\s+(?:city|town|village|region|province|capital)\b|[A-Z]))")
        # "far fewer than the 250,000 claimed by the unions": another claimant's count of the same crowd
        self.elliptical_claimed_by = re.compile(
            rf"(?<![\w,.]){hedged_quantity}\s+(?:people\s+)?(?P<said>{_PASSIVE_CLAIMS})\s+by\b", re.IGNORECASE)
        # "..., while police counted 3,500.": a claimant's count of the same crowd, its noun left out
        self.elliptical_count = re.compile(
            rf"\b(?:counted|counts?|estimated|estimates?|tallied|tall(?:y|ies)|(?P<said>claimed|claims?|said|says?|gave|gives?|"
            rf"reported|reports?|spoke\s+of|speaks?\s+of|talked\s+of)|puts?\s+(?:the\s+)?(?:number|figure|turnout|crowd|"
            rf"attendance)\s+at|puts?\s+it\s+at)\s+{ranged_quantity}(?![.,]\d)(?={_PLACE_AFTER_FIGURE}\s*(?:[.;,)]|$))"
            # "..., mostly minor injuries": a count of something else
            rf"(?!\s*[,;]?\s*(?:\w+\s+){{0,2}}(?:{self.harm.pattern}|dead|casualt))")


@cache
def _claimant_name() -> str:
    """A claimant's name, as a regular expression: a role with up to three words before it ("Moscow
    police", "the students' union"), or a name of capitalised words ("Casa para Todos movement")."""
    role = "(?i:{})".format("|".join(lexicon(LANGUAGE).actors.claimant_roles))
    return (rf"(?:(?:[A-Z][\w-]+['’]?|[a-z]+s['’])\s+){{0,3}}{role}|"
            rf"(?!{_NO_NAMES}\b)[A-Z][\w-]+['’]?"
            rf"(?: (?:of |of the |for |and |para |de |del |la )?[A-Z][\w-]+['’]?){{0,4}}"
            rf"(?: {role})?")


# Capitalised words that open a sentence but name no one ("An estimated 10,000", "He estimated",
# "According to reports"): a pronoun's source is not known here.
_NO_NAMES = "(?:According|An?|The|This|That|These|Those|He|She|They|It|We|I|You|His|Her|Its|Their|Our)"


@cache
def _claimant_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Who gave a figure: a role ("police", "the interior ministry", "city hall"), with the names before
    it ("Moscow police", "the CGT union"), or a name; an aside may stand before the verb ("Warsaw city
    hall, run by the opposition, estimated ...", "the Crowd Counter, an independent monitor, put ...").
    The second: "according to police" right after a figure."""
    actors = lexicon(LANGUAGE).actors
    verbs = "|".join(re.escape(v) for v in actors.claim_verbs)
    claimant = re.compile(
        rf"\b(?:(?i:the)\s+)?({_claimant_name()})"
        rf"(?:,\s+(?:run|led|headed|backed|controlled|which|who|whose|an?|the)\b[^,]{{1,50}},)?"
        rf"(?: \w+){{0,2}}? (?:{verbs})\b"
    )
    according_to = re.compile(
        rf"^(?:\s+[a-z]+(?:\s+[a-z]+)?)??\s*,?\s*(?:according to|says|said)\s+(?:the\s+)?"
        rf"({_source_after_according_to()})")
    return claimant, according_to


def _source_after_according_to() -> str:
    """Whom "according to" names: a role with a word or names before it ("local police", "the Lyon
    prefecture"), or a name ("the Ministry of the Interior")."""
    role = "(?i:{})".format("|".join(lexicon(LANGUAGE).actors.claimant_roles))
    return (rf"(?:[a-z]+\s+)?(?:[A-Z][\w-]+\s+){{0,3}}{role}"
            rf"|[A-Z][\w-]+(?: (?:of |of the |for |and )?[A-Z][\w-]+){{0,4}}")


@cache
def _closing_according_to() -> re.Pattern[str]:
    """"..., according to police." closing the sentence: the source of its every figure."""
    return re.compile(rf",\s*according\s+to\s+(?:the\s+)?({_source_after_according_to()})\s*[.!]?\s*$")


@cache
def _leading_according_to() -> re.Pattern[str]:
    """"According to the Teachers Alliance, 2,000 teachers rallied": the source that opens the sentence."""
    return re.compile(rf"^\s*(?i:according\s+to)\s+(?:the\s+)?({_claimant_name()})\s*,")


@cache
def _grammar() -> _Grammar:
    return _Grammar(lexicon(LANGUAGE))


def quantity_pattern() -> str:
    """A quantity (a figure, number words or a vague word), as a regular expression, for other rules."""
    return _grammar().quantity


def number_value(text: str) -> int | None:
    """'1.7 million' -> 1700000, '5,000' -> 5000, 'two dozen' -> 24, 'forty-five' -> 45; None for
    a figure over MAX_COUNT, which no store or export could hold."""
    value = _number_value(text)
    return value if value is None or value <= MAX_COUNT else None


def _number_value(text: str) -> int | None:
    g = _grammar()
    t = text.lower().strip().replace("–", "-")
    m = re.fullmatch(r"(?:a\s+)?(half|quarter|three[\s-]quarters)\s+(?:of\s+)?an?\s+(million|thousand)", t)
    if m:
        return int(_FRACTIONS[re.sub(r"\s+", " ", m.group(1))] * g.scales[m.group(2)])
    m = re.fullmatch(r"(\w+)\s+and\s+a\s+half\s+(million|thousand)", t)
    if m:
        whole = int(m.group(1)) if m.group(1).isdigit() else g.units.get(m.group(1))
        return int((whole + 0.5) * g.scales[m.group(2)]) if whole is not None else None
    m = re.fullmatch(rf"({_DIGITS})\s*({g.figure_scales})?", t)
    if m:
        value = float(_plain_figure(m.group(1), scaled=bool(m.group(2))))
        return int(round(value * g.scales.get(m.group(2) or "", 1)))
    m = re.fullmatch(r"(?:(\w+)\s+)?dozen", t)
    if m:
        count = m.group(1) or "one"
        return 12 * (int(count) if count.isdigit() else g.units.get(count, 0))
    t = re.sub(rf"^an?\s+(?={_alternatives(g.word_scales)})", "one ", t)
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", t):
        if word == "and" or not word:
            continue
        if word in g.units:
            current += g.units[word]
        elif word in g.word_scales and g.scales[word] < 1_000:  # "two hundred"
            current = max(current, 1) * g.scales[word]
        elif word in g.word_scales:  # "two thousand", "two hundred thousand"
            total += max(current, 1) * g.scales[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _plain_figure(figure: str, scaled: bool = False) -> str:
    """A figure as Python reads it: thousands separators dropped, a decimal comma made a point (before a
    scale word a point is a decimal point: "1.125 million")."""
    figure = re.sub(r"[ \u00a0\u202f]", "", figure)
    if re.fullmatch(r"\d+,\d{1,2}", figure):
        return figure.replace(",", ".")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", figure) and not scaled:
        return figure.replace(".", "")
    return figure.replace(",", "")


def vague_value(text: str) -> int | None:
    t = re.sub(r"\s+", " ", text.lower().strip())
    for pattern, value in _grammar().vague:
        if re.fullmatch(pattern, t):
            return value
    return None


def quantity_range(text: str) -> tuple[int, int] | None:
    """A quantity (no hedge words) as (low, high)."""
    t = text.strip()
    m = _grammar().range.fullmatch(t)
    if m:
        a, b = number_value(m.group("a")), number_value(m.group("b"))
        if a is not None and b is not None and 0 < a <= b:
            return a, b
    value = vague_value(t)
    if value is None:
        value = number_value(t)
    return (value, value) if value is not None else None


# A hedge after the figure: "a thousand or so people", "200-odd workers" ("or more" is a rule's threshold as often:
# "gatherings of 50 or more people are banned").
_AFTER_HEDGE = r"(?:\s+or\s+so\b|-odd\b)?"


def parse_size_phrase(text: str) -> tuple[int, int] | None:
    """A whole size phrase as a CCC coder reads it: 'more than 100' -> (100, 100)."""
    t = re.sub(r"\s+", " ", text.strip().rstrip(".")).lower()
    t = re.sub(r"^(?:fb|photo|pic|video|ig|twitter|tw|image|instagram|youtube)\s*:\s*", "", t)
    t = re.sub(r"^(?:a crowd of|crowds? of|a group of|an? (?:estimated )?crowd of|a total of)\s+", "", t)
    while (m := _grammar().hedge_start.match(t)):
        t = t[m.end():]
    t = re.sub(r"\s+(?:people|persons|protesters|demonstrators|participants|of (?:them|people))$", "", t)
    t = re.sub(r"(?:\s+or so|-odd|\s*-?\s*plus|\s*\+)$", "", t)
    for pattern, value in _grammar().weak_vague:
        if re.fullmatch(pattern, t):
            return value, value
    return quantity_range(t)


# Up to four modifiers between a number and its people noun ("7,000 striking hospital nurses"), but
# no time span or preposition ("three days on the picket line" counts no pickets).
# The plural vague quantities "in the ..." and "in their ..." count a crowd with.
_PLURAL_VAGUE = r"(?:(?:tens|hundreds)\s+of\s+)?(?:hundreds|thousands|millions)\b"
# The place a claimant's bare figure counts ("the CGT claimed 700,000 in the capital", "in Paris").
_PLACE_AFTER_FIGURE = (r"(?:\s+(?:in|at)\s+(?:the\s+(?:capital|city|town)"
                       r"|(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})))?")
_MODS = (r"(?:(?!(?:days?|weeks?|months?|years?|hours?|nights?|on|in|into|onto|at|for|from|to|with|by|after|before|"
         r"and|or|of|across|through|towards?|near|outside|as|while|when|where|"
         r"tractors?|trucks?|lorr(?:y|ies)|vehicles?|cars?|buses|taxis?|boats?|motorcycles?|bikes?)\b)"
         r"#?[\w'’-]+,?\s+){0,4}?")  # nor a vehicle: "hundreds of tractors" count no one; a hashtag may name them
# A quantity that is itself the crowd acting ("thousands rallied", "more than 5,000 marched",
# "tens of thousands took to the streets", "joined hundreds of thousands in demonstrations").
# Verb forms only: "thousands march" is a crowd, "seven protests" or "dozens of rallies" count events.
_ACTING = (r"(?:march(?:ed|ing)?|rall(?:y|ied|ying)|protest(?:ed|ing)?|demonstrat(?:e|ed|ing)|gather(?:ed|ing)?|"
           r"assembl(?:e|ed|ing)|(?:took|take|taking|taken) to the streets|turn(?:ed|ing)? out|join(?:ed|ing)?|"
           r"(?:took|take|taking|taken) part|participat(?:e|ed|ing)|attend(?:ed|ing)?|walk(?:ed|ing)? out|"
           r"(?:went|go|going|gone) on (?:an? )?(?:indefinite )?(?:hunger )?strike|struck work|"
           r"(?:have|has|had) been on (?:an? )?(?:indefinite )?(?:hunger )?strike|stopped work|"
           r"picket(?:ed|ing)?|flock(?:ed|ing)?|pour(?:ed|ing)?|throng(?:ed|ing)?|"
           r"descend(?:ed|ing)?|converg(?:e|ed|ing)|massed|stag(?:e|ed|ing)|brav(?:e|ed|ing)|"
           # what a crowd does as one: "thousands chanted", "hundreds blocked the road"
           r"chant(?:ed|ing)?|shout(?:ed|ing)?|sang|singing|wav(?:ed|ing)|cheer(?:ed|ing)?|whistl(?:ed|ing)|"
           r"fill(?:ed|ing)|pack(?:ed|ing)|lin(?:ed|ing) the|block(?:ed|ing)|blockad(?:ed|ing)|occup(?:ied|ying)|"
           r"storm(?:ed|ing)|surround(?:ed|ing)|camp(?:ed|ing)|sat down|"
           r"sat on (?:the )?(?:[\w-]+ )?(?:roads?|highway|tracks?|railway|street)|stayed out|"
           r"rall(?:y|ied|ying) outside)\b")
# What a crowd's count may be told apart from its verb by: "about 40 commuters, many of them students,
# held a protest".
_APPOSITION = (r"(?:,\s+(?:many|most|some|all|several|half|a\s+few|dozens|hundreds|thousands)"
               r"\s+of\s+them\s+[^,;.]{1,80},)?")
# A protest's own verbs, which make even onlookers and passengers its crowd.
# Not "blocked", "occupying" or "walked out": passengers "blocked in the terminal", "occupying the stranded
# train", who "walked out of the terminal" are stranded, not protesting.
_PROTESTING = (r"(?:march(?:ed|ing)?|protest(?:ed|ing)?|demonstrat(?:ed|ing)|"
               r"(?:went|go|going|gone) on (?:an? )?(?:hunger )?strike|"
               rf"(?:stag(?:e|ed|ing)|h[eo]ld(?:ing)?)\s+(?:an?\s+)?(?:[\w-]+\s+){{0,2}}?(?:{_GATHERINGS}|sit-ins?|vigils?|blockades?))\b")
# People counted as victims or detainees ("releasing approximately 10 women", "2 protesters killed",
# "two members of the security forces") are not the crowd.
_VICTIMS_BEFORE = re.compile(r"\b(?:releas|detain|arrest|kill|injur|wound|shoot|shot|lift|carr|treat|hospitali[sz]|"
                             r"charg|prosecut|indict|convict|"
                             r"deaths?|murder|funeral|bodies|"
                             r"rescu|abduct|kidnap)\w*(?:\s+(?:dead|down))?\s+(?:(?:the|of|to|and)\s+)?[\"“‘']?$", re.I)
_VICTIMS_AFTER = re.compile(r"^(?:\s+\w+){0,2}?(?:,[^,]{1,60},|,)?"  # "12 people, including two reporters, were"
                            r"\s+(?:who\s+)?(?:(?:were|was|have been|had been|are|being|have|had|has)\s+)?"
                            r"(?:(?:briefly|reportedly|also|later|seriously|critically|badly|slightly|lightly|fatally)\s+)?"
                            r"(?:killed|died|injured|wounded|arrested|detained|shot|dead|hurt|released|hospitali[sz]ed|"
                            r"abducted|suffered|sustained|treated|crushed|trampled|beaten|missing|deprived\s+of\s+(?:their\s+)?liberty|"
                            r"taken\s+into\s+custody|taken\s+away|martyred|confirmed\s+dead|"
                            r"sentenced|jailed|convicted|charged|prosecuted|voted|balloted|"
                            r"(?:taken|rushed|admitted)\s+to\s+(?:a\s+|the\s+)?hospital|"
                            r"(?:received|needed|required)\s+(?:\w+\s+)?treatment|in\s+(?:a\s+)?(?:critical|serious|stable)\s+condition)\b"
                            # "three people were trapped inside and died": a clause that ends in harm
                            r"|^(?:\s+\w+){0,2}?\s+(?:were|was)\s+\w+(?:\s+\w+){0,5}?\s+and\s+(?:died|were\s+killed|"
                            r"were\s+injured|were\s+hurt)\b"
                            r"|^\s+of\s+(?:the\s+)?(?:security|police|army|armed|military)\b"
                            # "15 protesters with head injuries"
                            r"|^(?:\s+\w+){0,2}?\s+with\s+(?!no\b)(?:\w+\s+)?(?:injuries|wounds)\b", re.I)
# No gathering or walkout counts more people than this: a larger number is a code or a timestamp.
_MOST_PEOPLE = 1_000_000_000
# A number inside a date, a time or a code ("2019-08-18", "08:30") counts nobody.
_IN_DATE_BEFORE = re.compile(r"\d[-/.:]$")
# A number that names something ("Article 370 protests", "COVID-19 protests", "Route 66") counts nobody.
_LABEL_BEFORE = re.compile(r"(?:[a-z]-|#|\b(?:article|section|no\.?|number|route|highway|flight|gate|platform|"
                           r"rule|clause|chapter|bill|resolution|covid|g|local)\s*)$")  # "UAW Local 228"
# A word that labels a small number ("a Grade 4 teacher", "Year 6 pupils", "Ward 12"): "In the health sector
# 30,000 nurses walked out" is a crowd.
_SMALL_LABEL_BEFORE = re.compile(r"\b(?:grade|year|class|standard|form|level|stage|phase|ward|zone|sector|block|unit|"
                                 r"room|floor|line|tier|division|precinct|terminal|pier|berth|plot)\s*$")
_NOT_PEOPLE_AFTER = re.compile(
    r"^\s*(?:%|percent|per cent|times|in \d|years?|km|kilomet|miles?|taka|tk|dollars?|\$)", re.I)


# A run of digits, and what makes one no count: a time after it ("at 5 pm"), a month before or
# after it ("on 3 May", "June 4"), or a year.
_DIGIT_RUN = re.compile(r"(?<![\w.,])\d[\d,.]*")
_TIME_AFTER = re.compile(r"\s*(?:a\.?m\b|p\.?m\b|GMT|UTC|h\b|hours?\b)", re.I)
# A claimant's verb, then a few words and a figure ("..., and police said (that) 12 ...", "put the
# number at 1,200"): the figure is that claimant's.
_WORDS_TO_A_FIGURE = re.compile(r"\s*(?:(?!on\b|in\b|by\b|since\b|until\b)[a-z]+\s+){0,4}?(?=\d)")


@cache
def _months_around() -> tuple[re.Pattern[str], re.Pattern[str]]:
    month = month_pattern()
    return re.compile(rf"\s*({month})(?!\w)", re.I), re.compile(rf"(?<!\w)({month})\s+$", re.I)


def _is_count(sentence: str, m: re.Match[str]) -> bool:
    """A run of digits that counts something, not a day, a year or a time."""
    after, before = _months_around()
    named_after = after.match(sentence, m.end())
    named_before = before.search(sentence, max(0, m.start() - 12), m.start())
    capitalised = [x for x in (named_after, named_before) if x is not None and x.group(1)[:1].isupper()]
    return not (_is_year(m.group()) or _TIME_AFTER.match(sentence, m.end()) or capitalised)


def _counts(sentence: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """The runs of digits in sentence[start:end] that count something."""
    runs = _DIGIT_RUN.finditer(sentence, start, len(sentence) if end is None else end)
    return [m for m in runs if _is_count(sentence, m)]


def _a_figure_follows(sentence: str, at: int) -> bool:
    words = _WORDS_TO_A_FIGURE.match(sentence, at)
    figure = _DIGIT_RUN.match(sentence, words.end()) if words else None
    return figure is not None and _is_count(sentence, figure)


_ACCORDING_TO = re.compile(r",\s*according to\b")
# Where a clause ends: the claimant said at its end gave every figure in it ("More than a million
# marched across France on Thursday against the plan, the interior ministry said, while ...").
_CLAUSE_END = re.compile(r",\s+(?:while|whereas|but)\b|;|\.\s")


@cache
def _owned_figure() -> re.Pattern[str]:
    """A claimant's own figure named right before it: "the police estimate of 3,000", "police's count
    of", "estimated by police at 3,000 and by organisers at 10,000"."""
    return re.compile(rf"(?:\b(?:(?i:the)\s+)?({_claimant_name()})(?:['’]s?)?\s+(?i:estimate|figure|count|tally)\s+"
                      rf"(?i:of|was|at|stood at|put at)|\b(?i:by)\s+(?:(?i:the)\s+)?({_claimant_name()})\s+(?i:at))"
                      rf"\s+(?:(?i:about|around|some|nearly|more than|over|at least)\s+)?$")


def claimant(sentence: str, start: int, end: int) -> str | None:
    """Who gave the figure at [start, end): one whose figure the words before it name ("the police
    estimate of 3,000", "by organisers at 10,000"), "according to police" right after it, else the
    nearest claimant within 90 characters, else the one that closes the figure's clause."""
    said_by, according_to = _claimant_patterns()
    if owned := _owned_figure().search(sentence[max(0, start - 80):start]):
        return owned.group(1) or owned.group(2)
    agent = _passive_agent().match(sentence[end:])
    if agent and not agent.group("verb") and not re.search(r"\bat\s+(?:\w+\s+)?$", sentence[:start]):
        agent = None  # "a crowd of 3,000 by the town hall": beside it; "was put at 9,000 by police" names who
    if agent:
        return agent.group("who")
    after = according_to.match(sentence[end:])
    if after:
        return after.group(1)
    later = _counts(sentence, end)
    own_clause = sentence[end:later[0].start() if later else len(sentence)]
    if (aside := _ACCORDING_TO.search(own_clause)) and (named := according_to.match(own_clause[aside.start():])):
        return named.group(1)  # "5,000 teachers rallied on Saturday, according to the union, while ..."
    best = _nearest_claimant(sentence, start, end)
    if best and best[0] < 90:
        return best[1]
    if (opening := _leading_according_to().match(sentence)) is not None and opening.end() <= start:
        return opening.group(1)
    clause = _CLAUSE_END.search(sentence, end)
    closing = sentence[end:clause.start() if clause else len(sentence)]
    said = list(said_by.finditer(closing))
    if said and not re.search(r"\d", closing[:said[-1].start()]) and closing[said[-1].end():].strip(" .,") == "":
        return said[-1].group(1)
    return None


@cache
def _passive_agent() -> re.Pattern[str]:
    """The claimant a passive names right after its figure: "(the turnout was put at) 42,000 by police"."""
    role = "(?i:{})".format("|".join(lexicon(LANGUAGE).actors.claimant_roles))
    names = rf"(?:(?:[A-Z][\w-]+['’]?|[a-z]+s['’])\s+){{0,3}}{role}"
    return re.compile(rf"^\s+(?:people\s+)?(?:(?P<verb>{_PASSIVE_CLAIMS})\s+)?by\s+(?:the\s+)?(?P<who>{names})\b")


# A clause of its own between a claimant's figure and a later one ("..., where", "; ", ", while"): the
# later figure is not the claimant's ("The CGT said 20,000 marched in Lyon, 8,000 in Grenoble" is).
_CLAIM_CLAUSE_BREAK = re.compile(r",\s+(?:where|while|whereas|and\s+in|but)\b|;")


def _nearest_claimant(sentence: str, start: int, end: int) -> tuple[int, str] | None:
    """The claimant written nearest the figure at [start, end), with its distance, leaving out those
    whose own figure comes between (the claimant of another count)."""
    best: tuple[int, str] | None = None
    for m in _claimant_patterns()[0].finditer(sentence):
        if m.start() >= end and _a_figure_follows(sentence, m.end()):
            continue  # "..., and police said 12 were arrested": the claimant of that figure
        if m.end() <= start and _a_figure_follows(sentence, m.end()) and _counts(sentence, m.end(), start) and \
                _CLAIM_CLAUSE_BREAK.search(sentence, m.end(), start):
            continue  # "where police counted 25,000, and in Hamburg, where up to 40,000": theirs is the first
        distance = abs(m.start() - start) if m.start() >= end else abs(start - m.end())
        if best is None or distance < best[0]:
            best = (distance, m.group(1))
    return best


# A number a rule sets ("a ban on gatherings of more than five people") counts nobody.
_RULE_BEFORE = re.compile(
    r"\b(?:ban\w*|limit\w*|prohibit\w*|restrict\w*|barred|outlaw\w*|forbid\w*)\s+(?:\w+\s+){0,3}$", re.I)


@cache
def _demanded_for() -> re.Pattern[str]:
    """The people a demand or a grievance is about ("to demand the hiring of 20,000 teachers", "against
    the dismissal of 120 nurses"), or whom an action leaves without a service ("the strike affects
    800,000 students"): not the crowd that made it (people.toml `grievance_nouns`, `affected_verbs`)."""
    people = lexicon(LANGUAGE).people
    nouns = _alternatives(people.grievance_nouns) or "(?!)"
    verbs = _alternatives([*people.grievance_verbs, *people.affected_verbs]) or "(?!)"  # "plans to evict 1,100 traders"
    services = _alternatives(people.affected_nouns) or "(?!)"  # "closing schools for 800,000 pupils"
    return re.compile(rf"(?<![\w-])(?:(?:{nouns})\s+(?:of|for)\s+(?:the\s+)?|(?:(?:{verbs})|(?:{services})\s+for)\s+"
                      rf"(?:(?:some|about|around|nearly|almost|over|more\s+than|up\s+to|another)\s+)?)$", re.I)


def _is_victims(sentence: str, m: re.Match) -> bool:
    before = sentence[max(0, m.start("phrase") - 30):m.start("phrase")]
    if _demanded_for().search(before):
        return True
    after = sentence[m.end():m.end() + 70] if "noun" in m.groupdict() or m.re is _grammar().crowd_in_event else ""
    # "Three arrested as students occupy ...": the figure's own next words count the harmed
    right_after = sentence[m.end("phrase"):m.end("phrase") + 70]
    return bool(_VICTIMS_BEFORE.search(before) or (after and _VICTIMS_AFTER.match(after))
                or _VICTIMS_AFTER.match(right_after))


# A figure in a clause about another time: "smaller than last year's, when 20,000 people turned out".
# Or one a comparison opens: "the largest since March 15, when an estimated 300,000 gathered",
# "bigger than in 2019, when 20,000 marched".
_ANOTHER_TIME_BEFORE = re.compile(r"(?:\b(?:last|previous|past)\s+(?:year|month|week|time|summer|winter|spring|autumn)"
                                  r"['’]s,?|\b(?:largest|biggest|smallest|most|first|highest|lowest|worst|record)\b[^.;]{0,40}?\bsince\s+[^,.;]{1,40},|"
                                  r"\bthan\s+[^,.;]{1,40},)\s+when\s+"
                                  r"(?:(?:some|about|around|nearly|almost|over|more\s+than|an\s+estimated)\s+)?$", re.I)
# People a place holds, not a crowd: "the capital, home to 1.7 million people", "a city of 400,000".
_POPULATION_BEFORE = re.compile(r"\b(?:home\s+to|population\s+of|populated\s+by|inhabited\s+by|(?:city|town|country|"
                                r"nation|province|district|state)\s+of)\s+(?:(?:some|about|around|nearly|almost|"
                                r"over|more\s+than|roughly)\s+)?$", re.I)


# A share of the figure that follows: "90 per cent of its 12,000 members", "half of the 8,000 staff".
_SHARE_BEFORE = re.compile(r"(?<![\w.,])(?:(?P<pct>\d{1,2}(?:\.\d+)?)\s*(?:%|per\s*cent|percent)|(?P<part>(?:a|one)\s+"
                           r"(?:half|third|quarter)|half|two[\s-]thirds|three[\s-]quarters))\s+of\s+(?:(?:the|its|their|"
                           r"his|her|our)\s+)?(?:[\w-]+['’]s?\s+)?$", re.I)
# the crowd acts right after, or after where it is ("90 per cent of its 40,000 members in Wales walked out")
_ACTS_AFTER = re.compile(rf"(?:\s+(?i:in|at|across|from)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}},?)?"
                         rf"\s+(?i:(?:(?:have|had)\s+)?{_ACTING})")
_PARTS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "two-thirds": 2 / 3, "three-quarters": 0.75}


def _share_of(m: re.Match[str]) -> float:
    if m.group("pct"):
        return float(m.group("pct")) / 100
    part = re.sub(r"\s+", "-", m.group("part").lower()).removeprefix("a-").removeprefix("one-")
    return _PARTS[part]


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", text.strip()))


def find_sizes(sentence: str, offset: int = 0) -> list[SizeClaim]:
    """Crowd-size claims in a sentence: a quantity of people, or the figure a crowd was put at."""
    g = _grammar()
    if not g.any_quantity.search(sentence):  # no digit or number word: the costly patterns cannot match
        return []
    claims: list[SizeClaim] = []
    taken: list[tuple[int, int]] = []
    starts: list[int] | None = None
    for pattern, rule in ((g.crowd_after, Rule.SIZE_QUANTITY_OF_PEOPLE), (g.crowd_before, Rule.SIZE_CROWD_FIGURE),
                          (g.crowd_strong, Rule.SIZE_CROWD_FIGURE), (g.crowd_was_strong, Rule.SIZE_CROWD_FIGURE),
                          (g.crowd_acting, Rule.SIZE_QUANTITY_ACTING), (g.crowd_acting_noun, Rule.SIZE_QUANTITY_ACTING),
                          (g.crowd_protesting_bystanders, Rule.SIZE_QUANTITY_ACTING),
                          (g.crowd_in_event, Rule.SIZE_QUANTITY_IN_EVENT)):
        def rejected(m: re.Match[str], pattern: re.Pattern[str] = pattern) -> bool:
            return any(a < m.end("phrase") and m.start("phrase") < b for a, b in taken) or \
                _not_a_crowd_figure(sentence, m, pattern)
        if starts is None and pattern in g.figure_led:
            starts = [m.start() for m in g.figure_start.finditer(sentence)]
        for m in _crowd_matches(pattern, sentence, rejected, starts if pattern in g.figure_led else None):
            rng = parse_size_phrase(m.group("phrase"))
            if not rng or rng[1] < 2 or rng[1] > _MOST_PEOPLE:
                continue
            subset = bool(pattern in (g.crowd_after, g.crowd_acting_noun) and m.group("subset"))
            taken.append((m.start("phrase"), m.end("subset") if subset else m.end("phrase")))
            claims.append(_claim(sentence, offset, m, rng, Rule.SIZE_QUANTITY_OF_PEOPLE_SUBSET if subset else rule))
    if claims:
        claims += _elliptical_figures(sentence, offset, claims)
        claims = _with_the_sentences_source(claims, sentence, offset)
    else:
        claims = _claims_without_a_crowd(sentence, offset)
    return claims


def _claims_without_a_crowd(sentence: str, offset: int) -> list[SizeClaim]:
    """A sentence that counts no crowd by its word: a claimant's bare count, places' shares after
    "with", or a claimant's figures of towns."""
    if (bare := claimant_count(sentence, offset)) is not None:
        return [bare[0]]
    if shares := _shares_after_with(sentence, offset):
        return _with_the_sentences_source(shares, sentence, offset)
    if (towns := towns_counted(sentence, offset)) is not None:
        return towns[0]
    return []


def _claim(sentence: str, offset: int, m: re.Match[str], rng: tuple[int, int], rule: Rule) -> SizeClaim:
    """The claim of a crowd match ("5,000 of 7,000 workers": the first figure, by the subset rule), or
    of the share of it the words before give ("90 per cent of its 12,000 members")."""
    start, end = m.start("phrase"), m.end("phrase")
    share = _SHARE_BEFORE.search(sentence, 0, start)
    # "70 per cent of the 40,000 marchers were women" tells who the crowd was; "... walked out", how many acted
    if share is not None and _ACTS_AFTER.match(sentence, m.end()):
        factor = _share_of(share)
        rng, start, rule = (round(rng[0] * factor), round(rng[1] * factor)), share.start(), Rule.SIZE_SHARE_OF
    return SizeClaim(low=rng[0], high=rng[1], text=sentence[start:end], claimant=claimant(sentence, start, end),
                     evidence=Evidence(sentence[start:end], offset + start, offset + end, rule))


_WITH_SHARES = re.compile(r",\s+with\s+")
_A_RATIO = re.compile(r"\b\d+\s+(?:in|out\s+of)\s+\d+\b")  # "with 9 out of 10 members": a share, no crowd


def _shares_after_with(sentence: str, offset: int) -> list[SizeClaim]:
    """"Teachers rallied in Leeds, York and Hull, with about 4,000 in Leeds, 1,200 in York and 800 in
    Hull": places' shares of a crowd the sentence did not count, led by "with" where no figure comes
    before it (a figure before it may be detainees': "police held 40, with 12 in Paris")."""
    lead = _WITH_SHARES.search(sentence)
    if lead is None or _counts(sentence, 0, lead.start()) or _A_RATIO.search(sentence, lead.end()):
        return []
    shares = _elliptical_figures(sentence, offset, [], led_at=lead.start())
    return shares if shares and shares[0].evidence is not None and \
        shares[0].evidence.start - offset <= lead.end() + 12 else []


def towns_counted(sentence: str, offset: int = 0) -> tuple[list[SizeClaim], re.Match[str]] | None:
    """"Police counted 3,000 in Lyon and 1,200 in Lille", "organisers reported 4,000 in Leeds and 900 in
    York": a sentence that opens on a claimant and its verb, then gives two figures or more, each of a
    town (no crowd's word: the crowds the report has been telling of), with the claimant's match; None
    for any other sentence."""
    lead = len(sentence) - len(sentence.lstrip())
    who = _claimant_patterns()[0].match(sentence, lead)
    if who is None:
        return None
    claims: list[SizeClaim] = []
    at = who.end()
    while (m := (_town_figure_after()[0] if claims else _town_figure_after()[1]).match(sentence, at)) is not None:
        rng = parse_size_phrase(m.group("phrase"))
        if not rng or rng[1] < 2 or rng[1] > _MOST_PEOPLE or _is_year(m.group("q")):
            return None
        start, end = m.start("phrase"), m.end("phrase")
        claims.append(SizeClaim(rng[0], rng[1], m.group("phrase"), who.group(1),
                                Evidence(m.group("phrase"), offset + start, offset + end, Rule.SIZE_ELLIPTICAL)))
        at = m.end("town")
    if _COUNT_OF_OTHERS.search(sentence, at) or _grammar().harm.search(sentence, at):
        return None  # "12 in Paris and 40 in Lyon were injured": the figures count the hurt
    return (claims, who) if len(claims) > 1 else None


# A verb after a list of towns' figures: they count what it says of them, not a crowd ("... were detained").
_COUNT_OF_OTHERS = re.compile(r"\b(?:were|was|are|is|had|have|has|remain|remained)\b", re.I)


@cache
def _town_figure_after() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A figure of a town ("4,000 in Leeds") after a list's joint, and the first one, right after a verb."""
    g = _grammar()
    figure = (rf"(?P<phrase>(?:(?:{g.hedge})\s+)*(?P<q>{g.quantity}))\s+(?:in|at)\s+(?:the\s+)?"
              rf"(?P<town>(?-i:[A-Z][\w'’.-]*)(?:\s+(?-i:[A-Z][\w'’.-]*))*)(?!\s+(?:{g.people})\b)")
    return (re.compile(rf"\s*(?:,\s*(?:and\s+)?|;\s*|\s+and\s+){figure}", re.I),
            re.compile(rf"\s+(?:that\s+)?{figure}", re.I))


def _crowd_matches(pattern: re.Pattern[str], sentence: str, rejected: Callable[[re.Match[str]], bool],
                   starts: list[int] | None = None) -> Iterator[re.Match[str]]:
    """The pattern's matches that are not `rejected`; after a rejected one (a day, "April 14 - Several
    thousand people"; a town's population, "a city of 3.6 million, more than 500 workers"), the search
    goes on right after its figure, so the crowd behind it is still found. `starts`, in order: every
    position a match can start at, where the pattern is tried instead of at each character (the
    first match at or after a position is the one a search finds)."""
    at = 0
    while (m := _next_match(pattern, sentence, at, starts)) is not None:
        if rejected(m):
            at = max(m.end("q"), at + 1)
            continue
        yield m
        at = max(m.end(), at + 1)


def _next_match(pattern: re.Pattern[str], sentence: str, at: int, starts: list[int] | None) -> re.Match[str] | None:
    if starts is None:
        return pattern.search(sentence, at)
    for start in starts[bisect_left(starts, at):]:
        if (m := pattern.match(sentence, start)) is not None:
            return m
    return None


# "Police said 1,500." / "Police estimated it at 1,500.": a sentence that is only a claimant and a figure
# gives that claimant's count of the crowd the report has just counted (`claimant_count`).
_BARE_COUNT_END = r"\s+(?:(?:it|the\s+(?:figure|number|crowd|turnout))\s+(?:at|as)\s+|a\s+figure\s+of\s+)?"


@cache
def _bare_count_rest() -> re.Pattern[str]:
    """What follows the claimant's verb in "Police said 1,500.": the figure, and nothing after it."""
    g = _grammar()
    return re.compile(rf"{_BARE_COUNT_END}(?P<phrase>(?:(?:{g.hedge})\s+)*(?P<q>{g.quantity})){_PLACE_AFTER_FIGURE}"
                      rf"\s*[.!]?\s*$", re.I)


def claimant_count(sentence: str, offset: int = 0) -> tuple[SizeClaim, re.Match[str]] | None:
    """The count a sentence that is only a claimant and a figure gives ("Police said 1,500."), with the
    match of its claimant's words; None for any other sentence."""
    who = _claimant_patterns()[0].match(sentence.strip())
    lead = len(sentence) - len(sentence.lstrip())
    if who is None or who.start() != 0:
        return None
    m = _bare_count_rest().match(sentence, lead + who.end())
    rng = parse_size_phrase(m.group("phrase")) if m else None
    if m is None or rng is None or rng[1] < 2 or rng[1] > _MOST_PEOPLE or _is_year(m.group("q")):
        return None
    start, end = m.start("phrase"), m.end("phrase")
    evidence = Evidence(m.group("phrase"), offset + start, offset + end, Rule.SIZE_CLAIMANT_COUNT)
    return SizeClaim(low=rng[0], high=rng[1], text=m.group("phrase"), claimant=who.group(1), evidence=evidence), who


def _with_the_sentences_source(claims: list[SizeClaim], sentence: str, offset: int) -> list[SizeClaim]:
    """"..., including 15,000 in Paris and 9,000 in Marseille, the interior ministry said." (or
    "..., according to police."): an attribution that closes the sentence after its last figure is
    the source of every figure that names none of its own."""
    claimant, _ = _claimant_patterns()
    closing = [m for m in claimant.finditer(sentence) if not sentence[m.end():].strip(" .,;:\"'”’)")]
    source = closing[-1] if closing else _closing_according_to().search(sentence)
    if source is None:
        return claims
    return [replace(c, claimant=source.group(1)) if c.claimant is None and c.evidence is not None
            and source.start() >= c.evidence.end - offset else c for c in claims]


def _a_day(sentence: str, m: re.Match[str]) -> bool:
    """The match's figure is a day of a month ("RIGA, April 14 - Several thousand people"): the
    dateline's day, not the crowd."""
    run = _DIGIT_RUN.match(sentence, m.start("q")) if _DIGIT_RUN.fullmatch(m.group("q")) else None
    return run is not None and not _is_count(sentence, run)


def _a_day_run_on(sentence: str, m: re.Match[str]) -> bool:
    """"On March 15 300 workers marched": a day of a month run on into the figure after it, not one
    figure written with a space between its thousands."""
    return bool(re.match(r"\d{1,2}\s\d{3}\b", m.group("q"))) and \
        bool(_months_around()[1].search(sentence[max(0, m.start("q") - 12):m.start("q")]))


def _not_a_crowd_figure(sentence: str, m: re.Match[str], pattern: re.Pattern[str]) -> bool:
    """A match that counts no crowd: a year, a figure of something else (a measure, an age, money, a
    label or rule number), a date ("on 12 March"), or the victims of an attack."""
    q = m.group("q")
    if _is_year(q) or _NOT_PEOPLE_AFTER.match(sentence[m.end("q"):]):
        return True
    if _a_day(sentence, m) or _a_day_run_on(sentence, m):
        return True
    if pattern is _grammar().crowd_acting and re.fullmatch(r"\d{1,2}", q) and m.group("verb").lower() == "march":
        return True  # "on 12 March": a date
    before = sentence[max(0, m.start("phrase") - 12):m.start("phrase")].lower()
    if re.search(r"(?:\d|\bof|\baged?|\$)\s*$", before) and "of" not in before[-3:]:
        return True
    if _LABEL_BEFORE.search(before) or _RULE_BEFORE.search(sentence[max(0, m.start("phrase") - 40):m.start("phrase")]):
        return True
    if _SMALL_LABEL_BEFORE.search(before) and re.fullmatch(r"\d{1,3}", q):
        return True
    if _ANOTHER_TIME_BEFORE.search(sentence[max(0, m.start("phrase") - 70):m.start("phrase")]) or \
            _POPULATION_BEFORE.search(sentence[max(0, m.start("phrase") - 40):m.start("phrase")]):
        return True
    if _PART_OF_VICTIMS.search(sentence[max(0, m.start("phrase") - 60):m.start("phrase")]):
        return True
    strength = pattern in (_grammar().crowd_strong, _grammar().crowd_was_strong) or \
        re.match(r"\s+strong\b", sentence[m.end("phrase"):])
    if strength and _strength_of_others(sentence, m):
        return True
    return bool(_IN_DATE_BEFORE.search(before) or _is_victims(sentence, m) or _a_membership(sentence, m)) or \
        (pattern is _grammar().crowd_before and _counts_something_else(sentence, m))


# A lower-case word right after a crowd's figure that is no preposition or conjunction: what it counts
_WORD_AFTER = re.compile(r"\s+(?!(?:by|on|in|at|as|and|or|but|according|from|to|before|after|when|while|with|of|"
                         r"for|during|despite|under|over|near|outside|inside|along|across|through|around|until|"
                         r"each|apiece|strong|again|already|now|then|today|yesterday|this|that|the|a|an)\b)"
                         r"([a-z][a-z-]+(?<![su]s)s)\b")  # a plural noun ("cities"), not a verb ("reached")


def _counts_something_else(sentence: str, m: re.Match[str]) -> bool:
    """"The protest had grown to 30 cities", "the rally had grown to 40 minutes of speeches": the figure
    after a crowd's word counts a plural noun that is no people's."""
    after = _WORD_AFTER.match(sentence, m.end("phrase"))
    return after is not None and re.fullmatch(_grammar().people, after.group(1), re.I) is None


# The strength of a body or of the state's forces, not a crowd's: a body word is the noun "N-strong"
# modifies, before any gathering word ("the 40,000-strong metal workers' union"; not "a 5,000-strong
# crowd of party supporters")
_BODY_AFTER = re.compile(rf"(?:[-\s]strong)?\s+(?:(?!(?:{_GATHERINGS})\b)[\w'’-]+\s+){{0,3}}?"
                         r"(?:unions?|associations?|federations?|confederations?|organi[sz]ations?|"
                         r"councils?|bod(?:y|ies)|movements?|part(?:y|ies)|workforces?|memberships?)\b", re.I)
# the forces' own strength as the subject: "the police presence at the march was 3,000 strong"
_FORCES_BEFORE = re.compile(r"\b(?:police|security|army|military)\s+(?:presence|deployment|contingent|cordon|force)\b",
                            re.I)


def _strength_of_others(sentence: str, m: re.Match[str]) -> bool:
    if _BODY_AFTER.match(sentence, m.end("phrase")):
        return True
    return bool(_FORCES_BEFORE.search(sentence[max(0, m.start() - 60):m.start("phrase")]))


# Some of the people a count of harm counted: "injuring 25, including six women".
_PART_OF_VICTIMS = re.compile(r"\b(?:injur|wound|kill|arrest|detain|hurt)\w*\s+(?:\w+\s+){0,2}?\d[\d,.]*"
                              r"(?:\s+\w+)?,?\s+(?:including|among\s+them|of\s+(?:whom|them))\s+$", re.I)


# An organisation's membership ("Unite, which has 1.2 million members", "the union represents 25,000
# nurses"): the people it counts, not a crowd.
_HAS_BEFORE = re.compile(r"\b(?:has|have|had|having|boasts?|claims?|claiming|counts|counting)\s+"
                         r"(?:(?:some|about|around|nearly|over|more\s+than|almost|roughly)\s+)?$", re.I)
_REPRESENTS_BEFORE = re.compile(r"\b(?:represents?|representing|employs?|employing|employed)\s+(?:(?:some|about|"
                                r"around|nearly|over|more\s+than|almost|roughly)\s+)?$", re.I)


def _a_membership(sentence: str, m: re.Match[str]) -> bool:
    before = sentence[max(0, m.start("phrase") - 40):m.start("phrase")]
    noun = (m.groupdict().get("noun") or "").lower()
    if _TAKING_PART.match(sentence, m.end()) or _ACTS_AFTER.match(sentence, m.end()):
        return False  # "Unite has 2,000 members on strike", "claims 20,000 members joined": who act
    return bool(_REPRESENTS_BEFORE.search(before) or (noun.startswith("member") and _HAS_BEFORE.search(before)))


_TAKING_PART = re.compile(r"\s+(?:(?:who\s+(?:are|were|have)\s+)?(?:on\s+strike|taking\s+part|walking\s+out|involved|"
                          r"striking|out)|who\s+(?:walked|took|joined|struck))\b", re.I)



def _after_a_crowd(sentence: str, at: int, crowds: list[tuple[int, int]]) -> bool:
    """The figure a part is taken from is a crowd's ("120,000 people protested in 200 towns,
    including 15,000 in Paris"), not another count's ("police detained 40 people, including 12 in
    Paris"): the nearest figure before `at` that counts people."""
    for figure in reversed(_counts(sentence, 0, at)):
        if any(a <= figure.start() < b for a, b in crowds):
            return True
        if _VICTIMS_BEFORE.search(sentence[max(0, figure.start() - 30):figure.start()]) or \
                _VICTIMS_AFTER.match(sentence[figure.end():figure.end() + 40]) or \
                re.match(r"\s+(?:people|persons|protesters|demonstrators)\b", sentence[figure.end():]):
            return False  # the detainees', or people counted otherwise
    before = [b for _, b in crowds if b <= at]  # a crowd counted in words ("tens of thousands"), and no
    return bool(before) and not _grammar().harm.search(sentence[max(before):at])  # detainees counted since


# Two claimants' figures for one crowd differ, but not by more than this factor (a tenfold gap is
# common between police and organisers; "3,000 marched ... the ministry reported 12" counts something else).
_ESTIMATES_APART = 10


def _another_estimate(rng: tuple[int, int], found: list[SizeClaim]) -> bool:
    """A bare figure after "said", "claimed": another claimant's count of a crowd the sentence has
    counted, within `_ESTIMATES_APART` of it."""
    return any(c.low <= rng[1] * _ESTIMATES_APART and rng[0] <= c.high * _ESTIMATES_APART for c in found)


_ANOTHER_OCCASION = re.compile(r"\b(?:last|previous|past)\s+(?:year|month|week|time)|\bearlier\b|\bin\s+(?:19|20)\d\d",
                               re.I)
_UP_FROM = re.compile(r"\b(?:up|down)\s+from\s+(?:the\s+)?$", re.I)


def _elliptical_figures(sentence: str, offset: int, found: list[SizeClaim], led_at: int | None = None
                        ) -> list[SizeClaim]:
    """Figures with their noun left out after a crowd the sentence has counted (`found`), or, with
    `led_at`, after the ", with" that leads a list of places' shares."""
    taken = [(c.evidence.start - offset, c.evidence.end - offset) for c in found if c.evidence]
    extra: list[SizeClaim] = []
    g = _grammar()
    for m in [*g.elliptical.finditer(sentence), *g.elliptical_claim.finditer(sentence),
              *g.elliptical_count.finditer(sentence), *g.elliptical_pair.finditer(sentence),
              *g.elliptical_claimed_by.finditer(sentence), *g.elliptical_listed.finditer(sentence)]:
        start, end = m.start("phrase"), m.end("phrase")
        rng = parse_size_phrase(m.group("phrase"))
        if not rng or rng[1] < 2 or rng[1] > _MOST_PEOPLE or _is_year(m.group("q")) or \
                any(a < end and start < b for a, b in taken):
            continue
        if led_at is not None and start < led_at:
            continue
        if m.groupdict().get("part") and led_at is None and not _after_a_crowd(sentence, m.start("part"), taken):
            continue  # "police detained 40 people, including 12 in Paris": a part of the detainees
        if m.groupdict().get("said") and not _another_estimate(rng, found):
            continue  # "3,000 marched, and the ministry reported 12": a figure of something else
        if m.re is g.elliptical_claimed_by and (_ANOTHER_OCCASION.search(sentence, m.end(), m.end() + 60) or
                                               _UP_FROM.search(sentence, max(0, start - 25), start)
                                               or claimant(sentence, start, end) is None):
            continue  # "up from the 3,000 reported by police at last year's march": another occasion's
        if m.re is g.elliptical_listed and not any(0 <= m.start() - b <= 1 for _a, b in taken):
            continue  # a list's later figure only right after a crowd's figure ("turnouts of 3,000, 2,500 and")
        evidence = Evidence(m.group("phrase"), offset + start, offset + end, Rule.SIZE_ELLIPTICAL)
        extra.append(SizeClaim(rng[0], rng[1], m.group("phrase"), claimant(sentence, start, end), evidence))
        taken.append((start, end))
    return extra
