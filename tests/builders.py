"""Documents, mentions and places made by hand, without spaCy or the gazetteer.

Resolution, store and review tests need mentions with given fields, not the extraction that
would find them: these builders give them in microseconds, with evidence spans that point into
the sentence as extraction's do. The texts are the tests' own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

from strikewatch.model import (
    DatePrecision,
    DateSpan,
    Document,
    EventType,
    Evidence,
    Mention,
    Modality,
    OffsetMap,
    Place,
    PlacePrecision,
    Sentence,
    SizeClaim,
)

# Places the tests use, with the coordinates and ids the gazetteer gives them.
MINSK = Place("Minsk", PlacePrecision.CITY, "BY", "Minsk City", 53.90019, 27.56653, "geonames:625144")
GOMEL = Place("Gomel", PlacePrecision.CITY, "BY", "Gomel Oblast", 52.4345, 30.9754, "geonames:627907")
MOSCOW = Place("Moscow", PlacePrecision.CITY, "RU", "Moscow", 55.75204, 37.61781, "geonames:524901")
SAINT_PETERSBURG = Place("Saint Petersburg", PlacePrecision.CITY, "RU", "St.-Petersburg", 59.93863, 30.31413, "geonames:498817")


def document(doc_id: str, *sentences: str, published: str | None = None) -> Document:
    """A cleaned document whose text is the sentences, one paragraph each."""
    text = "\n".join(sentences)
    return Document(doc_id=doc_id, key=hashlib.sha256(text.encode("utf-8")).hexdigest(), text=text,
                    original=text, offsets=OffsetMap([(0, 0, len(text))]), source="<builder>",
                    published=dt.date.fromisoformat(published) if published else None,
                    published_from="metadata" if published else None)


def _evidence(sentence: Sentence, words: str, rule: str, reason: str = "") -> Evidence:
    at = sentence.text.index(words)
    return Evidence(words, sentence.start + at, sentence.start + at + len(words), rule, reason)


def mention(doc: Document, sentence: str, trigger: str, *, type: EventType = EventType.DEMONSTRATION,
            day: str | None = None, when: str | None = None, place: Place | None = None,
            size: tuple[int, int] | None = None, size_words: str | None = None, claimant: str | None = None,
            arrests: int | None = None, site: str | None = None, k: int = 0,
            after: Mention | None = None) -> Mention:
    """A mention of `doc`'s sentence `sentence`, triggered by the words `trigger`.

    `day` dates it (ISO, day precision) with evidence `when`; `place` locates it (evidence: its name
    in the sentence); `size` (low, high) is claimed by `size_words` of the sentence. `after`: an
    earlier mention whose date and place this one carries, as extraction carries them to a sentence
    that names neither ("at the march").
    """
    if after is not None:
        return _carrying(mention(doc, sentence, trigger, type=type, size=size, size_words=size_words,
                                 claimant=claimant, arrests=arrests, site=site, k=k), after)
    at = doc.text.index(sentence)
    sent = Sentence(sentence, at, at + len(sentence), doc.text[:at].count("\n"))
    evidence: dict[str, Evidence] = {}
    date = None
    if day is not None:
        when_ev = _evidence(sent, when, "date:weekday") if when else None
        date = DateSpan(dt.date.fromisoformat(day), dt.date.fromisoformat(day), DatePrecision.DAY, when_ev)
        if when_ev is not None:
            evidence["date"] = when_ev
    if place is not None:
        place = Place(place.name, place.precision, place.country, place.admin1, place.lat, place.lon,
                      place.gazetteer_id, _evidence(sent, place.name, "place:in-sentence", "built by hand"))
        evidence["place"] = place.evidence  # type: ignore[assignment]
    sizes = []
    if size is not None:
        words = size_words or str(size[0])
        sizes = [SizeClaim(size[0], size[1], words, claimant, _evidence(sent, words, "size:quantity-of-people"))]
    return Mention(doc_id=doc.doc_id, sentence=sent, type=type, trigger=_evidence(sent, trigger, "trigger:verb"),
                   modality=Modality.ASSERTED, date=date, place=place, place_text=place.name if place else None,
                   site=site, sizes=sizes, arrests=arrests, evidence=evidence, start=sent.start, end=sent.end,
                   mention_id=f"{doc.doc_id}:{sent.start}:{type.value}:{k}")


def _carrying(found: Mention, earlier: Mention) -> Mention:
    date = earlier.date.carried("date:article-anchor", "the article's main day") if earlier.date else None
    place = None
    if earlier.place is not None and earlier.place.evidence is not None:
        ev = earlier.place.evidence
        place = replace(earlier.place, evidence=Evidence(ev.text, ev.start, ev.end, "place:nearest-earlier", ev.reason))
    evidence = {**found.evidence, **({"date": date.evidence} if date and date.evidence else {}),
                **({"place": place.evidence} if place and place.evidence else {})}
    return replace(found, date=date, place=place, place_text=earlier.place_text, evidence=evidence)


def march(doc_id: str, place: Place, day: str, *, published: str | None = None,
          size: tuple[int, int] | None = None) -> tuple[Document, list[Mention]]:
    """A one-sentence report of a march in `place` on `day` (published that day unless told)."""
    crowd = f"About {size[0]:,} people" if size else "Thousands of people"
    sentence = f"{crowd} marched in {place.name} on the day."
    doc = document(doc_id, sentence, published=published or day)
    return doc, [mention(doc, sentence, "marched", day=day, when="on the day", place=place, size=size,
                         size_words=f"About {size[0]:,}" if size else None)]


def record(event_id: str, *sizes: tuple[int, int] | None, doc_id: str = "d", **fields) -> dict:
    """An event's exported record (the dict review replays over), with one mention per size given
    (None for a mention without one); other fields as given, the rest empty."""
    mentions = [{"mention_id": f"{doc_id}:{10 * k}:demonstration:0", "doc_id": doc_id, "start": 10 * k,
                 "size_low": size[0] if size else None, "size_high": size[1] if size else None}
                for k, size in enumerate(sizes)]
    lows = [s[0] for s in sizes if s]
    highs = [s[1] for s in sizes if s]
    base = {"id": event_id, "type": "demonstration", "mentions": mentions, "conflicts": [],
            "size_low": min(lows, default=None), "size_high": max(highs, default=None),
            "arrests": None, "injuries": None, "deaths": None, "site": None, "participants": None,
            "place": None, "date_start": None, "date_end": None, "date_precision": None,
            "organizations": [], "demands": [], "targets": [], "state_response": [], "review": None}
    return {**base, **fields}
