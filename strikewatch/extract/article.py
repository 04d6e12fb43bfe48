"""What the sentence loop knows of an article while it reads it: the article, its places, its
country and its dating state. The English loop (`mentions`) and the Russian one (`ru_mentions`)
read and update the same state."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from strikewatch.detect import Trigger
from strikewatch.extract.dating import Dating
from strikewatch.geo.toponyms import Toponym
from strikewatch.model import DateSpan, Document, Evidence, Mention, Place, Sentence
from strikewatch.rules import Rule


@dataclass
class Article:
    """What the sentence loop knows of the article: its places and its dating state."""

    doc: Document
    toponyms: list[Toponym]
    country: Place | None
    dating: Dating
    # the one town the page's title puts its news in (`place.fallback_place`), read when first asked for
    title_town: Callable[[], Place | None] | None = None


def new_mention(trig: Trigger, kind: str, sentence: Sentence, date: DateSpan | None, place: Place | None, k: int,
                doc: Document) -> Mention:
    """The mention of the trigger's event at one of its places (the `k`th), with the evidence of its
    trigger, date and place; each language's loop then fills the fields the sentence gives."""
    m = Mention(
        doc_id=doc.doc_id, sentence=sentence, type=trig.type,
        trigger=Evidence(trig.text, sentence.start + trig.start, sentence.start + trig.end, Rule(f"trigger:{kind}")),
        modality=trig.modality, date=date, place=place,
        place_text=place.evidence.text if place and place.evidence else None,
        start=doc.offsets.to_original(sentence.start), end=doc.offsets.to_original(sentence.end - 1) + 1,
        mention_id=f"{doc.doc_id}:{sentence.start}:{trig.type.value}:{k}",
    )
    if date and date.evidence:
        m.evidence["date"] = date.evidence
    if place and place.evidence:
        m.evidence["place"] = place.evidence
    return m


_QUESTION_END = re.compile(r"\?[\"'”’»)\]]*\s*$")


def is_question(sentence: Sentence) -> bool:
    """The sentence asks ("Why are they striking?", "Чего требуют шахтёры?"): it reports no occurrence."""
    return _QUESTION_END.search(sentence.text) is not None
