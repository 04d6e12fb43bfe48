"""Russian figures: crowd sizes ("около 200 тысяч человек", "более 100 тыс.", "несколько сотен",
"до 100 человек"), who gave them ("по данным МВД", "по оценкам организаторов"), and the people
arrested, injured or killed ("задержаны более 210 человек").

The words are data (`strikewatch/lang/ru/numbers.toml`, `people.toml`, `actors.toml`,
`response.toml`, `grammar.toml`, read through `lexicon("ru")`); number words and people nouns are
read in every case form (pymorphy3). Vague quantities follow the
Crowd Counting Consortium as the English reader does ("сотни" 200, "тысячи" 2,000); a hedged
figure is the figure itself. A figure is a count of arrests, injuries or deaths when a word of
that kind stands in its clause; otherwise it is a crowd when a people noun follows it, or a town's
residents' noun ("десятки тысяч хабаровчан", `geo.ru_town_words`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from strikewatch.extract.ru_time import forms, month_forms
from strikewatch.geo.ru_town_words import is_residents_noun
from strikewatch.lang import lexicon
from strikewatch.lang.morphology import morph
from strikewatch.limits import MAX_COUNT
from strikewatch.model import Count, Evidence, SizeClaim
from strikewatch.rules import Rule

LANG = "ru"
_DIGITS = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)?"
_COUNT_WINDOW = 60  # characters either side of a figure in which a word of arrest, injury or death counts


@dataclass(frozen=True)
class _Words:
    figure: re.Pattern[str]
    units: dict[str, float]
    scales: dict[str, int]
    vague: dict[str, int]
    people: re.Pattern[str]
    openers: re.Pattern[str]
    claimants: dict[str, str]
    counts: dict[str, re.Pattern[str]]
    means: dict[str, re.Pattern[str]]  # export name -> the beginnings of its words
    measure: re.Pattern[str]  # what follows a figure that measures no people (a share, a time, a sum)
    clause_stop: re.Pattern[str]  # where a clause ends: punctuation, a dash, a comma before a conjunction


def _alternation(words) -> str:  # noqa: ANN001
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _all_forms(words) -> dict[str, str]:  # noqa: ANN001
    return {form: word for word in words for form in forms(word)}


@functools.cache
def _words() -> _Words:
    russian = lexicon(LANG)
    numbers = russian.numbers
    unit_values: dict[str, float] = {**numbers.units, **numbers.fractions}
    units = _all_forms(unit_values)
    scales = {form: numbers.scales[w] for form, w in _all_forms(numbers.scales).items()}
    vague_forms: dict[str, int] = {}
    for phrase, value in numbers.vague_lemmas.items():
        parts = phrase.split()
        for combo in _combinations([sorted(forms(p)) for p in parts]):
            vague_forms[" ".join(combo)] = value
    hedges = [hedge.phrase for hedge in numbers.hedges]
    people = _all_forms(russian.people.noun_lemmas)
    number = rf"(?:{_DIGITS})(?:\s*(?:{_alternation(scales)})\.?(?!\w))?"
    word_number = rf"(?:{_alternation(units)})(?:\s+(?:{_alternation(scales)}))?"
    figure = re.compile(
        rf"(?<![\w.,])(?:(?P<hedge>{_alternation(hedges)})\s+)?"
        # a vague quantity first: "полтора десятка" is fifteen, not "полтора" and then "десятка"
        rf"(?P<figure>(?P<vague>{_alternation(vague_forms)})(?!\w)"
        rf"|(?:(?:{_alternation(numbers.range_openers)})\s+)?(?P<a>{number}|{word_number})"
        rf"(?:\s*(?:[–—-]|{_alternation(numbers.range_joiners)})\s*(?P<b>{number}))?)(?!\w)", re.I)
    response = russian.response
    return _Words(
        figure=figure, units={f: unit_values[w] for f, w in units.items()}, scales=scales,
        vague=vague_forms,
        people=re.compile(rf"^\s*(?:[\w-]+\s+)?(?:{_alternation(people)})(?!\w)", re.I),
        openers=re.compile(rf"(?<!\w)(?:{_alternation(russian.actors.claim_openers)})\s+(?P<who>[^,.;:()]+)", re.I),
        claimants=russian.actors.claimant_heads,
        counts={kind: re.compile(rf"(?<!\w)(?:{response.count_cues[kind]})", re.I)
                for kind in ("arrests", "injuries", "deaths")},
        means={name: re.compile(rf"(?<!\w)(?:{pattern})") for name, pattern in response.means.items()},
        measure=re.compile(r"\s*(?:\d|[:.]\d|%|{})".format("|".join(numbers.measure_patterns)), re.I),
        clause_stop=_clause_stop(russian.grammar.clause_conjunctions),
    )


def _clause_stop(conjunctions: tuple[str, ...]) -> re.Pattern[str]:
    words = "|".join(r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in conjunctions)
    return re.compile(rf"[;:()]|,\s+(?:{words})\s|\s[–—-]\s(?!\d)|\.\s")


def _combinations(options: list[list[str]]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = [()]
    for choices in options:
        out = [(*prefix, c) for prefix in out for c in choices]
    return out


def _value(text: str) -> int | None:
    words = _words()
    t = re.sub(r"\s+", " ", text.lower().replace("\u00a0", " ").replace("\u202f", " ")).strip().rstrip(".")
    m = re.fullmatch(rf"({_DIGITS})(?:\s*([^\d\s]+))?", t)
    if m:
        digits = m.group(1)
        number = float(digits.replace(" ", "").replace(",", ".")) if re.fullmatch(r"\d+[.,]\d+", digits) else \
            float(re.sub(r"\D", "", digits))
        scale = words.scales.get(m.group(2) or "", 1) if m.group(2) else 1
        value = int(round(number * scale))
        return value if value <= MAX_COUNT else None
    parts = t.split(" ")
    if parts[0] in words.units:
        scale = words.scales.get(parts[1], 1) if len(parts) > 1 else 1
        return int(words.units[parts[0]] * scale)
    return None


@dataclass(frozen=True)
class Figure:
    low: int
    high: int
    text: str
    start: int  # within the sentence
    end: int
    people: bool  # a people noun follows it


_AN_AGE = re.compile(r"\s*-?\s*(?:ти|ми|и)?летн", re.I)


def figures(sentence: str) -> list[Figure]:
    """Every figure of a Russian sentence as a low-high range (dates and times are not figures)."""
    return list(_figures(sentence))


@functools.lru_cache(maxsize=1024)  # a sentence's figures are read for its sizes, its counts and its support
def _figures(sentence: str) -> tuple[Figure, ...]:
    words = _words()
    found = []
    months = month_forms()
    for m in words.figure.finditer(sentence):
        if words.measure.match(sentence[m.end():]) or _AN_AGE.match(sentence, m.end()):
            continue  # "45-летнего жителя": an age, not a count
        following = re.match(r"(?:-?го)?\s+(\w+)", sentence[m.end():])
        if following and following.group(1).lower() in months:
            continue  # "26 октября": a day, not a count
        if re.search(r"\d[:.]$", sentence[:m.start()]):
            continue
        if m.group("vague"):
            vague = re.sub(r"\s+", " ", m.group("vague").lower())
            low = high = _one_unit(vague, bool(m.group("hedge"))) or words.vague[vague]
        else:
            first = _value(_with_shared_scale(m.group("a"), m.group("b")))
            last = _value(m.group("b")) if m.group("b") else first
            if first is None or last is None:
                continue
            low, high = first, last
            if re.fullmatch(r"(?:19|20)\d\d", m.group("a").strip()):
                continue  # a year
        rest = sentence[m.end():]
        people = (bool(words.people.match(rest)) and not _a_participle_before_its_noun(rest)) or _residents_follow(rest)
        found.append(Figure(low, max(low, high), m.group(0), m.start(), m.end(), people))
    return tuple(found)


@functools.cache
def _singular_only() -> dict[str, int]:
    """The forms of the `one_unit` words that only the singular has ("тысяча", "тысячу"; not "тысячи",
    which is also the plural) -> the unit."""
    found: dict[str, int] = {}
    for lemma, unit in lexicon(LANG).numbers.one_unit.items():
        parses = [p for p in morph().parse(lemma)[:2] if p.normal_form == lemma]
        lexeme = [f for p in parses for f in p.lexeme]
        plural = {f.word for f in lexeme if f.tag.number == "plur"}
        found |= {f.word: unit for f in lexeme if f.tag.number == "sing" and f.word not in plural}
    return found


def _one_unit(vague: str, hedged: bool) -> int | None:
    """"Около тысячи", "тысяча человек": one thousand. A hedge before a lone vague word makes it one
    unit ("около тысячи": about a thousand); so does a form only the singular has."""
    if " " in vague:
        return None
    if vague in _singular_only():
        return _singular_only()[vague]
    if hedged:
        return next((unit for lemma, unit in lexicon(LANG).numbers.one_unit.items() if vague in forms(lemma)), None)
    return None


def _with_shared_scale(first: str, last: str | None) -> str:
    """"От 1,5 до 10 тысяч": the scale word after the second figure is the first one's too."""
    if last is None or not re.fullmatch(rf"\s*{_DIGITS}\s*", first):
        return first
    m = re.fullmatch(rf"\s*({_DIGITS})\s*([^\d\s.]+)\.?\s*", last)
    if not m or m.group(2).lower() not in _words().scales:
        return first
    bare = [float(x.replace(" ", "").replace(",", ".")) for x in (first.strip(), m.group(1))]
    return f"{first.strip()} {m.group(2)}" if bare[0] < bare[1] else first  # "от 500 до 2 тысяч": 500


_NEXT_WORDS = re.compile(r"^\s*(?:([^\W\d_][\w-]*)\s+)?([^\W\d_][\w-]*)")


def _residents_follow(rest: str) -> bool:
    """A town's residents' noun follows the figure ("десятки тысяч хабаровчан", "300 минчан"): people,
    as a people noun is (`geo.ru_town_words`)."""
    m = _NEXT_WORDS.match(rest)
    if m is None:
        return False
    first, second = (m.group(1), m.group(2)) if m.group(1) else (m.group(2), None)
    if _counted_residents(first):
        return True
    # else an adjective between ("300 молодых минчан"); "30 дней хабаровчане выходили" counts days
    return second is not None and any(p.tag.POS == "ADJF" for p in morph().parse(first)) and \
        _counted_residents(second)


def _counted_residents(word: str) -> bool:
    """A residents' noun as a figure counts it: in the genitive ("300 минчан", "десятки тысяч хабаровчан")."""
    return any(p.tag.POS == "NOUN" and "anim" in p.tag and "gent" in p.tag and is_residents_noun(p.normal_form)
               for p in morph().parse(word))


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause around [start, end) begins and ends."""
    begin = 0
    for stop in _words().clause_stop.finditer(sentence):
        if stop.end() > start:
            break
        begin = stop.end()
    after = _words().clause_stop.search(sentence, end)
    return begin, after.start() if after else len(sentence)


def _kind(sentence: str, fig: Figure) -> str | None:
    """arrests, injuries or deaths when a word of that kind stands near the figure in its clause, and
    no other figure stands nearer that word ("участвовали около 3 тысяч человек, задержаны 25": the
    25 are the detainees, the 3,000 the crowd)."""
    begin, finish = _clause(sentence, fig.start, fig.end)
    window = sentence[max(begin, fig.start - _COUNT_WINDOW):min(finish, fig.end + _COUNT_WINDOW)]
    offset = max(begin, fig.start - _COUNT_WINDOW)
    others = [f for f in figures(sentence) if f.start != fig.start]
    best: tuple[int, str] | None = None
    for kind, pattern in _words().counts.items():
        for m in pattern.finditer(window):
            if _denied(window.lower(), m):
                continue  # "пришли около 2 тысяч человек, задержаний не было": none were detained
            word = (offset + m.start(), offset + _word_end(window, m.end()))
            distance = _distance(fig, word)
            if any(_distance(f, word) < distance for f in others):
                continue
            if best is None or distance < best[0]:
                best = (distance, kind)
    return best[1] if best else None


def _distance(fig: Figure, word: tuple[int, int]) -> int:
    """Characters between a figure and a word, on whichever side the word stands."""
    return max(0, fig.start - word[1]) if word[0] < fig.start else max(0, word[0] - fig.end)


def _word_end(text: str, at: int) -> int:
    """The end of the word a stem match ends inside ("задерж" of "задержаны")."""
    m = re.match(r"\w*", text[at:])
    return at + (m.end() if m else 0)


@functools.cache
def _subject_claim() -> re.Pattern[str]:
    """A source as the subject of a verb of giving a figure, the figure right after ("организаторы
    заявили о 7 тыс.", "в полиции насчитали 1500 человек")."""
    stems = "|".join(re.escape(s) for s in lexicon(LANG).actors.claim_verb_stems) or "(?!)"
    # a hedge may stand before the preposition: "говорят примерно о 8 тысячах"
    hedges = "|".join(r"\s+".join(map(re.escape, h.phrase.split())) for h in lexicon(LANG).numbers.hedges) or "(?!)"
    # the verb may be left out after a dash, where a source opens its clause ("организаторы говорят о 40
    # тысячах, полиция — о 8 тысячах"; not "у здания полиции — 500", a place)
    return re.compile(rf"(?<!\w)(?:в\s+)?(?P<who>[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*)?)\s+(?:{stems})\w*"
                      rf"(?:\s+(?:{hedges}))?(?:\s+(?:о|об|в|что))?\s*[,:—–-]?\s*$"
                      rf"|(?:^|[,;]\s*(?:а\s+)?)(?P<who2>[^\W\d_][\w-]*)\s+[—–]\s*(?:о|об)?\s*$", re.I)


def _subject_claimant(sentence: str, start: int) -> str | None:
    """The known source whose verb of giving a figure stands right before the figure at `start`."""
    m = _subject_claim().search(sentence, max(0, start - 60), start)  # "^": the sentence's start, not the window's
    if m is None:
        return None
    for word in reversed((m.group("who") or m.group("who2")).split()):
        label = claimant_label(word)
        if label is not None and label != word and any(
                word.lower().startswith(k[:max(3, len(k) - 2)]) for k in _words().claimants):
            return label
    return None


def claimant(sentence: str, start: int, end: int) -> str | None:
    """Who gave a figure: the source a phrase such as "по данным МВД" names, as the claimant words
    shared with English. The phrase before the figure with no other count of people between them
    ("по данным МВД, ... около 3 тысяч человек, по оценкам организаторов — более 10 тысяч": police,
    then organisers), unless it follows a figure of its own ("3 тысячи человек, по данным МВД, ..."):
    else the nearest in the figure's clause (or in the sentence when the clause names none)."""
    if (by_subject := _subject_claimant(sentence, start)) is not None:
        return by_subject
    words = _words()
    openers = list(words.openers.finditer(sentence))
    right_after = [m for m in openers if m.start() >= end and _ATTRIBUTION_GAP.match(sentence[end:m.start()])
                   and not _introduces_a_figure(sentence, m)]
    if right_after:
        return claimant_label(_source(right_after[0]))
    before = [m for m in openers if _source_end(m) <= start and not _people_between(sentence, _source_end(m), start)
              and (_introduces_a_figure(sentence, m) or not _follows_a_figure(sentence, m.start()))]
    if before:
        return claimant_label(_source(before[-1]))
    begin, finish = _clause(sentence, start, end)
    near = [m for m in openers if begin <= m.start() < finish] or openers
    if not near:
        return None
    return claimant_label(_source(min(near, key=lambda m: abs(m.start() - start))))


def _introduces_a_figure(sentence: str, m: re.Match[str]) -> bool:
    """The source's phrase leads straight into a figure of its own ("по данным МВД — около 3 тысяч",
    "по оценкам организаторов, более 10 тысяч")."""
    at = _source_end(m)
    return any(_CLAIM_THEN_FIGURE.fullmatch(sentence[at:f.start]) for f in figures(sentence) if f.start >= at)


def _source(m: re.Match[str]) -> str:
    """The source's name a phrase gives, without the figure it may lead into."""
    return m.string[m.start("who"):_source_end(m)].strip()


def _source_end(m: re.Match[str]) -> int:
    """Where the source's name ends: before a dash or a figure that follows it in the same phrase
    ("по оценкам организаторов — более 10 тысяч")."""
    cut = re.search(r"\s*[—–]|\s+-\s|\d", m.group("who"))
    return m.start("who") + cut.start() if cut else m.end()


def _people_between(sentence: str, start: int, end: int) -> bool:
    return any(f.people and start <= f.start < end for f in figures(sentence))


_ATTRIBUTION_GAP = re.compile(r"^\s*(?:[^\W\d_]+\s*)?[,(—–-]\s*$")


def _follows_a_figure(sentence: str, at: int) -> bool:
    """The phrase comes right after a figure (and its noun): "около 3 тысяч человек, по данным МВД"."""
    return any(f.end <= at and _ATTRIBUTION_GAP.match(sentence[f.end:at]) for f in figures(sentence))


def claimant_label(who: str) -> str | None:
    """The English label of a source's name ("МВД Беларуси" -> police), else its first words."""
    words = _words()
    head = who.split()[0].lower().strip("«»\"'") if who else ""
    for key, label in words.claimants.items():
        if head.startswith(key[:max(3, len(key) - 2)]) or key in who.lower():
            return label
    if len(head) < 3 or head[0].isdigit():
        return None  # "сообщил о 300 участниках": a preposition and the figure, no source
    return " ".join(who.split()[:3]) or None


def find_sizes(sentence: str, offset: int = 0) -> list[SizeClaim]:
    """The crowd figures of a sentence: figures of people that count no arrests, injuries or deaths."""
    claims = []
    found = figures(sentence)
    for fig in found:
        # a figure left without its noun after a second source parallels a crowd's, not the injured's
        people = fig.people or _counted_by_a_source(sentence, fig) or (
            (_another_claim(sentence, fig) or _subject_claimant(sentence, fig.start) is not None)
            and any((f.people or _counted_by_a_source(sentence, f)) and _kind(sentence, f) is None for f in found))
        if not people or _kind(sentence, fig) is not None or fig.high > 100_000_000 or \
                _OF_THEM.match(sentence, fig.end) or _part_of_a_count(sentence, fig, found) or \
                _ANOTHER_TIME.search(sentence[max(0, fig.start - 80):fig.start]):
            continue  # "один из участников", "двое из задержанных": some of them, not the crowd
        why = "a figure followed by a word for people" if fig.people else \
            "a figure right after another source's phrase, in a sentence that counts people"
        ev = Evidence(fig.text, offset + fig.start, offset + fig.end, Rule.SIZE_RU_FIGURE, why)
        claims.append(SizeClaim(fig.low, fig.high, fig.text, claimant(sentence, fig.start, fig.end), ev))
    return claims


# The crowd of another time a comparison names: "крупнейшая акция с марта, когда вышли 300 тысяч",
# "больше, чем в 2019 году, когда ...".
_ANOTHER_TIME = re.compile(r"(?:(?:крупнейш|сам(?:ый|ая|ое|ые|ой|ых|ую)\b|больш|рекордн|впервые|максимальн|многолюдн)"
                           r"[^.;]{0,60}?(?:\bс|\bсо)|\bчем)\s+[^,.;]{1,40},\s+когда\s+[^,.;]*$", re.I)
# "задержаны 41 человек, в том числе двое несовершеннолетних": a part of the detainees a count gave
_PART_CUE = re.compile(r"(?:в\s+том\s+числе|включая|среди\s+них|из\s+них)[\s:—–-]*$", re.I)


def _a_participle_before_its_noun(rest: str) -> bool:
    """A participle counted before the noun it describes ("о 30 бастующих предприятиях"): it counts
    the noun's things, not people."""
    words = re.findall(r"[а-яё]+", rest.lower())[:2]
    if len(words) < 2:
        return False
    first, second = (morph().parse(w)[0] for w in words)
    return first.tag.POS == "PRTF" and second.tag.POS == "NOUN" and "anim" not in second.tag


def _part_of_a_count(sentence: str, fig: Figure, found: list[Figure]) -> bool:
    """The figure opens a part ("в том числе двое") of a figure before it that counts the detained,
    hurt or killed."""
    return bool(_PART_CUE.search(sentence[max(0, fig.start - 20):fig.start])) and \
        any(f.end <= fig.start and _kind(sentence, f) is not None for f in found)


# A source's verb of counting right before a figure ("мэрия насчитала 12 тысяч"), or of putting a crowd at one
# ("полиция оценила толпу в 3 тысячи", "число участников оценили в 10 тысяч"): the figure counts people though
# no word for them follows.
_COUNTING_VERB = re.compile(r"(?<!\w)(?:на|со|под)считал[аио]?\s+(?:(?:около|более|свыше|почти|до|порядка)\s+)?$", re.I)
_A_CROWD = r"(?:толп[уы]|(?:число|количество|численность)\s+(?:участник|протестующ|митингующ)\w*)"
_HEDGE = r"(?:(?:около|более|почти|порядка)\s+)?"
_PUTTING_A_CROWD = re.compile(rf"(?<!\w){_A_CROWD}\s+(?:[^\W\d_]+\s+)?оценил[аио]?\s+в\s+{_HEDGE}$"
                              rf"|(?<!\w)оценил[аио]?\s+{_A_CROWD}\s+в\s+{_HEDGE}$", re.I)


def _counted_by_a_source(sentence: str, fig: Figure) -> bool:
    """"Мэрия насчитала 12 тысяч", "полиция оценила толпу в 3 тысячи": a crowd figure a known source's verb of
    counting gives (`claimant`), in a sentence whose other figures count no one else ("насчитала 14, а ... 32
    задержанных" counts detainees; "оценила долги в 40 миллионов", money)."""
    before = sentence[max(0, fig.start - 60):fig.start]
    if _NOTHING_COUNTED_AFTER.match(sentence, fig.end) is None:
        return False  # "насчитал 5 ошибок"
    if _PUTTING_A_CROWD.search(before) is None and (
            _COUNTING_VERB.search(before) is None or claimant(sentence, fig.start, fig.end) is None):
        return False
    return not any(f.start != fig.start and (_kind(sentence, f) is not None or (
        not f.people and _NOTHING_COUNTED_AFTER.match(sentence, f.end) is None)) for f in figures(sentence))


_NOTHING_COUNTED_AFTER = re.compile(r"\s*(?:[,.;:!?)—–-]|$|(?:а|и|но|против|по)\s)")  # not "насчитал 5 ошибок"


_CLAIM_THEN_FIGURE = re.compile(r"[\s,:—–-]*$")
_OF_THEM = re.compile(r"\s+из\s+(?!\d)", re.I)  # "5 тысяч из 20 тысяч зарегистрировавшихся" is a crowd


def _another_claim(sentence: str, fig: Figure) -> bool:
    """A figure without its noun right after a source's phrase ("..., по оценкам организаторов — более
    10 тысяч"): the same count of people as another source gives it, the noun left out."""
    return any(_source_end(m) <= fig.start and _CLAIM_THEN_FIGURE.fullmatch(sentence[_source_end(m):fig.start])
               for m in _words().openers.finditer(sentence))


def find_counts(sentence: str, offset: int = 0) -> dict[str, Count]:
    """The people arrested, injured or killed: the first figure of each kind ("задержаны более 210
    человек" -> arrests 210), keyed as `extract.response.find_counts` keys them."""
    out: dict[str, Count] = {}
    for fig in figures(sentence):
        kind = _kind(sentence, fig)
        if kind is None or kind in out:
            continue
        out[kind] = Count(fig.low, Evidence(fig.text, offset + fig.start, offset + fig.end, Rule(f"response:ru-{kind}"),
                                            f"a figure in a clause with a word of {kind}"))
    return out


def find_means(sentence: str) -> list[str]:
    """The state's means the sentence names, as the English terms of the state responses; not those
    it denies ("задержаний не было", "прошла без задержаний")."""
    lower = sentence.lower()
    return [name for name, pattern in _words().means.items()
            if any(not _denied(lower, m) for m in pattern.finditer(lower))]


_DENIED_BEFORE = re.compile(r"(?<!\w)(?:без|не\s+было|нет)\s+$")
_DENIED_AFTER = re.compile(r"[а-я]*\s+(?:не\s+было|не\s+проводил|не\s+применял|нет)(?!\w)")


def _denied(lower: str, m: re.Match[str]) -> bool:
    return bool(_DENIED_BEFORE.search(lower[max(0, m.start() - 12):m.start()]) or _DENIED_AFTER.match(lower, m.end()))
