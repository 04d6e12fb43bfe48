"""The mentions of one Russian sentence: triggers (`ru_detect`), dates (`ru_time`), places (the
resolved toponyms of the document, whose names `nlp.ru` gave in the nominative), figures and who
gave them (`ru_size`), organisations (natasha's ORG entities) and sites (`lang/ru/places.toml`).
A sentence that names no town may name one by its adjective or its residents ("хабаровские
активисты", "минчане": `geo.ru_town_words`).

Every field keeps its evidence: a span of the cleaned Russian text and the rule that set it.
Where a sentence lists several towns, each with its own figure ("в Москве – 300, в Петербурге –
162"), each town is a mention of its own with the figures written after it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from strikewatch.detect import Trigger, chosen_triggers, support_trigger
from strikewatch.extract import ru_detect, ru_size, ru_time
from strikewatch.extract.article import Article, is_question, new_mention
from strikewatch.extract.dating import Dating
from strikewatch.extract.place import distinct_places, fallback_place, in_a_persons_clause, places_in, to_place
from strikewatch.extract.time import DateMention
from strikewatch.geo.gazetteer import GeoPlace, load_gazetteer
from strikewatch.geo.ru_town_words import is_residents_noun, town_of, town_region
from strikewatch.geo.toponyms import Toponym, company_toponym, country_place, people_come_from, workplace_town
from strikewatch.lang import lexicon
from strikewatch.lang.morphology import word_forms
from strikewatch.model import (
    Count,
    DateSpan,
    Document,
    Evidence,
    Mention,
    Modality,
    Place,
    Sentence,
    SizeClaim,
)
from strikewatch.nlp import has_parse
from strikewatch.rules import COUNTED_BACK_DATE_RULES, Rule
from strikewatch.spans import text_of

if TYPE_CHECKING:  # spaCy loads only when a model is first needed
    from spacy.tokens import Span, Token

LANG = "ru"


@functools.cache
def _list_gap() -> re.Pattern[str]:
    """What may stand between two towns of a list: a figure, a conjunction, a preposition ("в Москве –
    300, в Петербурге – 162")."""
    russian = lexicon(LANG)
    conjunctions = "|".join(r"\s+".join(re.escape(w) for w in c.split()) for c in russian.grammar.list_conjunctions)
    prepositions = "|".join(re.escape(w) for w in russian.places.place_prepositions)
    return re.compile(rf"^[\s,;–—-]*(?:\d[\d\s.,]*\s*(?:тыс\.?|человек\w*)?[\s,;–—-]*)?(?:{conjunctions}|,)?\s*"
                      rf"(?:{prepositions})?\s*$", re.I)


@functools.cache
def _site_words() -> frozenset[str]:
    return frozenset(lexicon(LANG).places.site_nouns)


@functools.cache
def _nationwide() -> re.Pattern[str]:
    phrases = sorted(lexicon(LANG).places.nationwide_phrases, key=len, reverse=True)  # a longer one wins a match
    return re.compile(r"(?<!\w)(?:{})".format("|".join(re.escape(p) for p in phrases)), re.I)


@functools.cache
def _people() -> frozenset[str]:
    return frozenset(lexicon(LANG).people.noun_lemmas)


def _support_trigger(sentence: Sentence, span) -> Trigger | None:  # noqa: ANN001
    m = ru_detect.support_match(sentence.text)
    if not m and ru_size.find_sizes(sentence.text):
        m = ru_detect.turnout_match(sentence.text)
    return support_trigger(m, span)


def _cities(sentence: Sentence, toponyms: list[Toponym], text: str, trigger: Trigger, span) -> list[Toponym]:  # noqa: ANN001
    """The towns the sentence's event happened in: all of them when the sentence lists them, else
    the one nearest the trigger; not a town of what a person the sentence names went through ("в поддержку
    губернатора, арестованного в Москве")."""
    distinct = distinct_places(t for t in places_in(sentence, toponyms) if t.place.kind == "city" and not t.by_word)
    action = {span[trigger.token_index].i} if has_parse(span) else set()
    persons = [t for t in distinct if action and in_a_persons_clause(t, sentence, span, action)]
    for t in persons:
        t.of_another = True  # nor carried to the sentences after it
    distinct = [t for t in distinct if t not in persons]
    if len(distinct) < 2:
        return distinct
    # "горняки из Чиатуры ... в Тбилиси": where people came from, where the sentence names another town
    distinct = [t for t in distinct if not people_come_from(text, t.start)] or distinct
    if all(_list_gap().match(text[a.end:b.start]) for a, b in zip(distinct, distinct[1:], strict=False)):
        return distinct
    at = sentence.start + trigger.start
    return [min(distinct, key=lambda t: abs(t.start - at))]


_LATIN = re.compile(r"[A-Za-z]")


def _organisation_town(span, sentence: Sentence, ctx: Article) -> Place | None:  # noqa: ANN001
    """A town an organisation in the sentence is named after ("«Гродно Азот»", "Минский тракторный
    завод"): where a workplace's event happened when the sentence names no town. Only a town of the
    document's country, of some size, counts (a big city where the document names no country)."""
    for ent in span.ents:
        if ent.label_ == "ORG" and (found := _town_of_organisation(ent, ctx)) is not None and (
                toponym := company_toponym(ent, sentence.start - span.start_char, found[1],
                                           f"the organisation '{ent.text}' is named after {found[1].name}")):
            # later sentences about the workplace carry its name and town ("забастовщики были задержаны": there)
            return _carried_on(toponym, ctx, Rule.PLACE_ORGANISATION_TOWN)
    return None


def _town_of_organisation(ent: Span, ctx: Article) -> tuple[Token, GeoPlace] | None:
    """The first word of an organisation's name (or its lemma: "Минский" -> "Минск") that names a
    town (`toponyms.workplace_town`); a Latin-script name ("Washington Post") is an outlet's."""
    country = ctx.country.country if ctx.country is not None else None
    for token in ent:
        acronym = token.text.isupper() and len(token.text) <= 4  # "МВД": no town, nor its lemma "Мвд"
        if token.text[:1].isupper() and not acronym and not _LATIN.search(token.text) and (
                found := workplace_town([token.text, token.lemma_.capitalize()], load_gazetteer(), country)):
            return token, found[1]
    return None


def _carried_on(toponym: Toponym, ctx: Article, rule: Rule) -> Place:
    """The sentence's place, a town the article has now named: later sentences carry it."""
    if toponym.place.kind == "city" and all(t.start != toponym.start for t in ctx.toponyms):
        ctx.toponyms.append(toponym)
        ctx.toponyms.sort(key=lambda t: t.start)
    return to_place(toponym, rule)


def _the_latter_word(token: Token) -> bool:
    """"(на) последнем", standing for a noun of its own: singular, after a preposition, and not before
    a noun it agrees with in case ("на последнем этаже" is a floor, "последние три дня" a time;
    "на последнем милиция задержала" is at the last one, whatever the parser says)."""
    return ru_detect.lemma(token) in _latter_words() and "Sing" in token.morph.get("Number", []) and \
        any(child.dep_ == "case" for child in token.children) and (
            token.dep_ != "amod" or token.head.pos_ != "NOUN" or
            token.morph.get("Case", []) != token.head.morph.get("Case", []))


@functools.cache
def _latter_words() -> frozenset[str]:
    return lexicon(LANG).grammar.latter_words


def _sentence_before(span: Span) -> int:
    """Where the sentence before this one starts in the paragraph's doc (tokens, not the parse
    tree: a span's root may be out of reach where the parser's tree is broken)."""
    k = span.start - 1
    while k > 0 and not span.doc[k].is_sent_start:
        k -= 1
    return k


def _the_latter(span: Span, sentence: Sentence, ctx: Article) -> Place | None:
    """"На последнем" (at the latter): the last of the organisations or places the sentence before
    coordinates ("бастовали завод X и «Гродно Азот». На последнем задержали 32 рабочих": at Гродно
    Азот), placed by its town, for this sentence only; its evidence is the workplace's name, which
    the sentence names by "the latter"."""
    if span.start == 0 or not any(_the_latter_word(t) for t in span):
        return None
    before = _sentence_before(span)
    named = [e for e in span.doc.ents if before <= e.start and e.end <= span.start]
    # the latter of two or more: a word of the last name hangs on an earlier word as its conjunct
    if not named or not any(t.dep_ == "conj" and t.head.i < named[-1].start for t in named[-1]):
        return None
    last = named[-1]
    base = sentence.start - span.start_char
    why = f"'{last.text}', the last the sentence before names, is what the latter refers to"
    if last.label_ == "ORG" and (found := _town_of_organisation(last, ctx)) is not None and (
            toponym := company_toponym(last, base, found[1], f"{why}; it is named after {found[1].name}")):
        return to_place(toponym, Rule.PLACE_ORGANISATION_TOWN)  # not carried on: for this sentence only
    return next((to_place(t, Rule.PLACE_NEAREST_EARLIER, why) for t in ctx.toponyms
                 if t.start == base + last.start_char and t.place.kind == "city"), None)


@functools.cache
def _town_region_words() -> frozenset[str]:
    return frozenset(lexicon(LANG).places.town_region_words)


def _acting_or_counted(token, sentence: Sentence, span) -> bool:  # noqa: ANN001 - spaCy Token, Span
    """Residents who act ("хабаровчане вышли", in the nominative) or are counted ("десятки тысяч
    хабаровчан": a figure of people ends just before them, `ru_size`); "в поддержку задержанных
    хабаровчан" says nothing of where."""
    if "Nom" in token.morph.get("Case") or token.dep_ in ("nsubj", "nsubj:pass"):
        return True
    at = token.idx - span.start_char  # the token's offset in the sentence
    return any(f.people and _COUNTED_GAP.fullmatch(sentence.text[f.end:at]) for f in ru_size.figures(sentence.text))


_COUNTED_GAP = re.compile(r"\s+(?:[^\W\d_]+\s+)?")  # a figure, maybe an adjective, then the noun


def _town_word(span, sentence: Sentence, ctx: Article) -> Place | None:  # noqa: ANN001
    """A town the sentence names only by a word made from its name (`geo.ru_town_words`): a residents'
    noun ("хабаровчане"), a toponymic adjective of people ("гродненские рабочие") or, capitalised
    before a region word, the region named after the town ("Хабаровского края"). An adjective before
    any other noun is not read ("братские народы", "советская власть"). Towns before regions, then
    in text order; a town is carried to later sentences as a town the article named."""
    country = ctx.country.country if ctx.country is not None else _towns_country(ctx)
    found: list[tuple[bool, int, Toponym, Rule]] = []
    for token in span:
        lemma = ru_detect.lemma(token)
        head = token.head.head if token.dep_ == "conj" and token.head.pos_ == "ADJ" else token.head
        text, end = token.text, token.idx + len(token.text)
        if token.pos_ in ("NOUN", "PROPN") and "Anim" in token.morph.get("Animacy") and \
                _acting_or_counted(token, sentence, span):
            town, rule = town_of(lemma, "residents", country), Rule.PLACE_RU_RESIDENTS
        elif token.pos_ == "ADJ" and ru_detect.lemma(head) in _people():
            town, rule = town_of(lemma, "adjective", country), Rule.PLACE_RU_TOWN_ADJECTIVE
        elif token.pos_ == "ADJ" and token.text[:1].isupper() and ru_detect.lemma(head) in _town_region_words() \
                and head.i == token.i + 1:
            town, rule = town_region(lemma, country), Rule.PLACE_RU_TOWN_REGION
            end = head.idx + len(head.text)
            text = text_of(span.doc)[token.idx:end]
        else:
            continue
        if town is not None:
            start = sentence.start + token.idx - span.start_char
            why = f"'{text}' is made from the name of {town.name} ({town.kind}, {town.country}, pop {town.population})"
            found.append((rule == Rule.PLACE_RU_TOWN_REGION, start,
                          Toponym(text, start, start + len(text), town, why, by_word=True), rule))
    if not found:
        return None
    _region, _start, toponym, rule = min(found, key=lambda f: (f[0], f[1]))
    return _carried_on(toponym, ctx, rule)  # later sentences about these people carry their town


def _towns_country(ctx: Article) -> str | None:
    """The one country of the places an article names (not where a way leads), its workplaces' towns
    included: where an article that names no country is ("жители Ванадзора", "по всей стране")."""
    countries = {t.place.country for t in ctx.toponyms if t.place.country and not t.direction}
    return countries.pop() if len(countries) == 1 else None


def _place(sentence: Sentence, cities: list[Toponym], ctx: Article, span=None) -> list[Place | None]:  # noqa: ANN001
    if cities:
        return [to_place(c, Rule.PLACE_IN_SENTENCE) for c in cities]
    if span is not None and (town := _organisation_town(span, sentence, ctx)) is not None:
        return [town]
    if span is not None and (town := _the_latter(span, sentence, ctx)) is not None:
        return [town]
    if span is not None and (town := _town_word(span, sentence, ctx)) is not None:
        return [town]
    regions = [t for t in places_in(sentence, ctx.toponyms) if t.place.kind == "region"]
    whole = _whole_country(sentence, ctx.country)
    if not regions and whole is not None:
        return [whole]
    # a Russian report names its towns by adjectives and residents too ("медики минских больниц"): the
    # towns geocoded are not all it names, so no one of them is the article's only town
    return [fallback_place(sentence, ctx.toponyms, ctx.doc.text, ctx.country, one_town=False,
                           title_town=ctx.title_town)]


def _whole_country(sentence: Sentence, country: Place | None) -> Place | None:
    """The country, when the sentence speaks of all of it ("по всей стране", "общенациональная")."""
    nationwide = _nationwide().search(sentence.text)
    if nationwide is None or country is None:
        return None
    return Place(country.name, country.precision, country.country, None, country.lat, country.lon,
                 country.gazetteer_id, Evidence(nationwide.group(0), sentence.start + nationwide.start(),
                                                sentence.start + nationwide.end(), Rule.PLACE_NATIONWIDE,
                                                "the sentence speaks of the whole country"))


def place_whole_country(mentions: list[Mention], ctx: Article) -> list[Mention]:
    """In an article that names no country, its whole-country sentences ("по всей стране") are placed
    in the one country of the towns it names, its workplaces' towns included (known only once every
    sentence is read); with towns of several countries, or none, they stay unplaced."""
    code = _towns_country(ctx)
    if ctx.country is not None or code is None:
        return mentions
    whole = country_place(code, Rule.PLACE_DOCUMENT_COUNTRY, "the country of the towns it names")
    if whole is None:
        return mentions
    for m in mentions:
        if m.place is None and (place := _whole_country(m.sentence, whole)) is not None:
            m.place, m.place_text, m.evidence["place"] = place, place.evidence.text if place.evidence else None, \
                place.evidence  # type: ignore[assignment]
    return mentions


def _counted_back(date: DateMention) -> bool:
    return date.span.evidence is not None and date.span.evidence.rule in COUNTED_BACK_DATE_RULES


@functools.cache
def _another_events_date() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What stands right before a date that is another event's: its noun ("итоги выборов 4 октября",
    "указ от 5 мая"), every case form of events.toml's lemmas; and that noun after a word that counts from
    it ("с выборов 9 августа", "после выборов", "по итогам выборов")."""
    forms = sorted({f for w in lexicon(LANG).events.other_events for f in word_forms(w)}, key=len, reverse=True)
    noun = rf"(?:{'|'.join(map(re.escape, forms)) or '(?!)'})\s+(?:от\s+)?$"
    counted = r"(?:с|со|после|до|итоги|итогам|итогов|результаты|результатам)\s+(?:[\w-]+\s+){0,2}?"
    return re.compile(rf"(?<![\w-]){noun}", re.I), re.compile(rf"(?<![\w-]){counted}{noun}", re.I)


@functools.cache
def _since() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """calendar.toml's `since_words` ending the text before a date ("со времён", "с зимы"), and opening
    a date read with its "since" ("с 10 июля")."""
    since = "|".join(re.escape(w) for w in lexicon(LANG).calendar.since_words) or "(?!)"
    return re.compile(rf"(?<![\w-])(?:{since})(?:\s+[\w-]+){{0,2}}\s*$", re.I), re.compile(rf"(?:{since})\s", re.I)


def _comparisons_baseline(date: DateMention, sentence: Sentence, span) -> bool:  # noqa: ANN001
    """"Крупнейшая акция со времён 2018 года", "самая многолюдная акция с зимы 2011 года": a date after
    "с"/"со" in a clause with a superlative (or `comparisons`, "впервые с 2012 года") is the comparison's
    baseline, not a day the action took place."""
    before, said = _since()
    since = before.search(sentence.text[max(0, date.start - 30):date.start]) or \
        said.match(sentence.text[date.start:date.end])
    if since is None:
        return False
    clause_start = max((sentence.text.rfind(c, 0, date.start) for c in ".;:!?"), default=-1) + 1
    words = _comparison_forms()
    return any(clause_start <= t.idx - span.start_char < date.start and (
        "Sup" in t.morph.get("Degree") or ru_detect.lemma(t) in words or t.lower_ in words) for t in span)


@functools.cache
def _comparison_forms() -> frozenset[str]:
    """Every form of events.toml's comparison words ("самой" is read as "сам" by the lemmatiser)."""
    return frozenset(f for w in lexicon(LANG).events.comparisons for f in word_forms(w))


def _date(trigger: Trigger, sentence: Sentence, dates: list[DateMention], dating: Dating) -> DateSpan | None:
    """The date nearest the trigger in the sentence, else the paragraph's, the article's main day or
    the report's own day; not a date of another event the sentence names ("итоги выборов 4 октября")."""
    another, counted_from = _another_events_date()

    def before(d: DateMention) -> str:
        return sentence.text[max(0, d.start - 60):d.start]

    # a day the protests are counted from ("продолжаются ... с президентских выборов 9 августа", "после выборов 4
    # октября") is never theirs; another event's day beside a date of its own ("Накануне ... итоги выборов 4
    # октября") neither; alone, "митинг против закона 5 мая", "в день голосования 19 сентября" date the protest
    dates = [d for d in dates if not counted_from.search(before(d))]
    dates = [d for d in dates if not another.search(before(d))] or dates
    if dates:  # the nearest, resolved first; an unresolved one keeps its evidence for a borrowed report date
        # a span counted back from the report ("уволенные в прошлом году") yields to a day the sentence states
        # ... in the trigger's own clause first ("В тот же день перекрыли дорогу, а на следующий день объявили
        # голодовку": the blockade's is the first)
        return min(dates, key=lambda d: (d.span.start is None, _counted_back(d),
                                         _another_clause(sentence.text, d.start, trigger.start),
                                         abs(d.start - trigger.start))).span
    if _told_as_earlier(sentence):
        return None  # "Ранее рынок стоял закрытым": some time before the day told of, not that day
    # else an undated article's first year-less day, unresolved as it is: a report date borrowed from
    # a dated report of the same events (`report_date`) resolves it, and these sentences with it
    return dating.carried_stated(sentence) or dating.unresolved_lead


@functools.cache
def _earlier_opening() -> re.Pattern[str]:
    calendar = lexicon(LANG).calendar
    words, not_before = calendar.earlier_openers, calendar.earlier_opener_not_before
    return re.compile(rf"^\W*(?:{'|'.join(map(re.escape, words)) or '(?!)'})(?!\w)"
                      rf"(?!\s+(?:{'|'.join(map(re.escape, not_before)) or '(?!)'})(?!\w))", re.I)


_CLAUSE_BREAK = re.compile(r",\s+(?:а|но|однако|тогда как)\s|;")


def _another_clause(text: str, a: int, b: int) -> bool:
    """A break between two clauses (", а ", ", но ", ";") stands between the two offsets."""
    return _CLAUSE_BREAK.search(text, min(a, b), max(a, b)) is not None


def _told_as_earlier(sentence: Sentence) -> bool:
    """The sentence opens on a word that puts what it tells before the narrative's day ("Ранее ...",
    "До этого ..."): no day the text carries is its own."""
    return _earlier_opening().match(sentence.text) is not None


def _site(sentence: Sentence, span) -> Evidence | None:  # noqa: ANN001
    """A workplace or public place: a site noun with the name that follows it ("на площади Свободы")."""
    for k, token in enumerate(span):
        if ru_detect.lemma(token) not in _site_words() or token.pos_ != "NOUN":
            continue
        end = k + 1
        while end < len(span) and end - k <= 4 and (span[end].text[:1].isupper() or span[end].text in "«»\""):
            end += 1
        last = span[end - 1]
        start_char, end_char = token.idx - span.start_char, last.idx + len(last.text) - span.start_char
        text = sentence.text[start_char:end_char].rstrip("«\" ")
        return Evidence(text, sentence.start + start_char, sentence.start + start_char + len(text), Rule.SITE_RU_NOUN)
    return None


_NOT_ORGANISERS = frozenset({"police", "authorities", "media"})  # claimants that organise no protest


def _organizations(span) -> list[str]:  # noqa: ANN001
    """The organisations the sentence names, but the state's bodies and the press ("по данным МВД"),
    by the name's first word ("Белорусская ассоциация журналистов" is an organisation)."""
    return [e.text for e in span.ents if e.label_ == "ORG" and e.text.split()
            and ru_size.claimant_label(e.text.split()[0]) not in _NOT_ORGANISERS]


def _participants(span, trigger: Trigger, offset: int) -> Evidence | None:  # noqa: ANN001
    """The people who acted: the subject of the trigger's verb when it names people ("работники
    предприятий", "жители Хабаровска", a town's residents: "минчане")."""
    token = span[trigger.token_index]
    verb = token if token.pos_ == "VERB" else token.head
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubj:pass"} and (ru_detect.lemma(child) in _people() or
                                                       is_residents_noun(ru_detect.lemma(child))):
            words = [t for t in child.subtree if t.pos_ != "PUNCT"][:6]
            start, end = words[0].idx, words[-1].idx + len(words[-1].text)
            text = text_of(span.doc)[start:end]
            return Evidence(text, offset + start - span.start_char, offset + end - span.start_char,
                            Rule.PARTICIPANTS_RU_SUBJECT)
    return None


_COUNT_FIELDS = ("arrests", "injuries", "deaths")


def _split_figures(mentions: list[Mention], claims: list[SizeClaim], counts: dict[str, Count]) -> None:
    """Each place of a listed sentence keeps the figures written between it and the next place."""
    spans = [(m, m.place.evidence.start) for m in mentions if m.place and m.place.evidence]
    if len(spans) < 2:
        for m in mentions:
            m.sizes = list(claims)
            _set_counts(m, counts)
        return
    bounds = [start for _, start in spans] + [10 ** 9]
    for k, (m, start) in enumerate(spans):
        m.sizes = [c for c in claims if c.evidence and start <= c.evidence.start < bounds[k + 1]]
        _set_counts(m, {field: c for field, c in counts.items() if start <= c.evidence.start < bounds[k + 1]})


def _set_counts(m: Mention, counts: dict[str, Count]) -> None:
    for field in _COUNT_FIELDS:
        if field in counts:
            setattr(m, field, counts[field].value)
            m.evidence[field] = counts[field].evidence


def _per_place_counts(sentence: Sentence, places: list[Place | None]) -> list[dict[str, Count]]:
    """For a sentence listing towns with figures: the count figure after each town."""
    located = [p.evidence.start for p in places if p is not None and p.evidence is not None]
    if len(located) < 2:
        return []
    text = sentence.text
    bounds = [start - sentence.start for start in located] + [len(text)]
    kinds = ru_size.find_counts(text)
    kind = next((k for k in _COUNT_FIELDS if k in kinds), None)
    out: list[dict[str, Count]] = []
    for k in range(len(located)):
        figs = ru_size.figures(text[bounds[k]:bounds[k + 1]])
        if kind and figs:
            f = figs[0]
            ev = Evidence(f.text, sentence.start + bounds[k] + f.start, sentence.start + bounds[k] + f.end,
                          Rule(f"response:ru-{kind}"), f"the figure after the town, in a sentence counting {kind}")
            out.append({kind: Count(f.low, ev)})
        else:
            out.append({})
    return out


def _adds_nothing(m: Mention) -> bool:
    """A crackdown sentence with no figure, place or date of its own ("задерживали журналистов"):
    which event it belongs to is only a guess from the sentences before it, so it is left out."""
    return m.trigger.rule == Rule.TRIGGER_SUPPORT and not (m.arrests or m.injuries or m.deaths or m.sizes) and \
        _place_rule(m) != Rule.PLACE_IN_SENTENCE and not (m.date is not None and m.date.stated and
                                                      m.date.evidence is not None and
                                                      m.sentence.start <= m.date.evidence.start < m.sentence.end)


def _place_rule(m: Mention) -> str | None:
    return m.place.evidence.rule if m.place is not None and m.place.evidence is not None else None


def _mention(trig: Trigger, sentence: Sentence, span, date: DateSpan | None, place: Place | None,  # noqa: ANN001
             k: int, doc: Document) -> Mention:
    """One mention of the trigger's event at one of its places, with the fields the sentence gives
    (its figures are shared out afterwards, `_figures_to_places`)."""
    m = new_mention(trig, trig.kind, sentence, date, place, k, doc)
    m.state_response = ru_size.find_means(sentence.text)
    m.organizations = _organizations(span)
    site = _site(sentence, span)
    if site:
        m.site, m.evidence["site"] = site.text, site
    people = _participants(span, trig, sentence.start)
    if people:
        m.participants, m.evidence["participants"] = people.text, people
    return m


def _figures_to_places(own: list[Mention], trig: Trigger, sentence: Sentence, places: list[Place | None]) -> None:
    """The sentence's crowd figures (for an asserted event) and counts, each to the place it is written after."""
    claims = ru_size.find_sizes(sentence.text, sentence.start) if trig.modality is Modality.ASSERTED else []
    per_place = _per_place_counts(sentence, places)
    if per_place:
        _split_figures(own, claims, {})
        for m, found in zip(own, per_place, strict=True):
            _set_counts(m, found)
    else:
        _split_figures(own, claims, ru_size.find_counts(sentence.text, sentence.start))


def mentions_for_sentence(sentence: Sentence, span, article: Article  # noqa: ANN001
                          ) -> tuple[list[Mention], set[str]]:
    """The event mentions of one Russian sentence (asserted, planned or negated), in text order, and
    the ids of those that only support another event; the article's dating state is updated once."""
    doc, dating = article.doc, article.dating
    chosen = chosen_triggers(ru_detect.find_triggers(span), lambda: _support_trigger(sentence, span))
    if is_question(sentence):  # "Чего требуют шахтёры?": asks, reports nothing
        chosen = [replace(t, modality=Modality.GENERIC) for t in chosen]
    dates = [d for d in ru_time.find_dates(sentence.text, doc.published, sentence.start, dating.year_month,
                                           dating.last_day, dating.last_acted)
             if not _comparisons_baseline(d, sentence, span)]
    mentions: list[Mention] = []
    supporting: set[str] = set()
    for trig in chosen:
        date = _date(trig, sentence, dates, dating)
        places = _place(sentence, _cities(sentence, article.toponyms, doc.text, trig, span), article, span)
        own = [_mention(trig, sentence, span, date, place, k, doc) for k, place in enumerate(places)]
        if trig.kind == "support":
            supporting |= {m.mention_id for m in own}
        _figures_to_places(own, trig, sentence, places)
        mentions.extend(m for m in own if not _adds_nothing(m))
    dating.after_sentence(sentence, dates, bool(chosen), None, mentions)
    return mentions, supporting
