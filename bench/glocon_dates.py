"""Which time phrase dates an event? GLOCON's annotated event times against the day mentions get.

    .venv/bin/python bench/glocon_dates.py [--show 10]

The 116 adjudicated Times of India articles (../shared/data/glocon_india_folia) go through
extraction with their publication day from the annotated `eptime`, as in `glocon_events.py`. Their
coders marked the time expression of each event (`etime`, 143 spans). Two measures:

1. Mentions: for each event mention the pipeline produces whose sentence holds an annotated etime
   span, where its date evidence comes from:
   - `etime`: a phrase of the sentence that overlaps the annotated span (the right choice);
   - `other phrase`: another time phrase of the sentence (the wrong one, when the sentence states
     its event's time in the annotated span);
   - `carried`: no phrase of the sentence; the paragraph's or article's day, or the report's own
     (counted by the carrying rule);
   - `none`: no date at all.
2. Spans: for each etime span in a sentence with an annotated event trigger (`etype`), what day our
   reading of the span gives (`find_dates` on its sentence, the date mention that overlaps it) and
   whether the sentence's mentions got that day: `same day`, `other day`, `no mention` (the
   sentence gave no event mention), or `unread` (we read no day in the span: it is a time of day,
   a duration, or a phrase the date rules do not know).

The counts by kind tell which wrong choices are common; `--show` prints examples of the wrong ones
(the sentence's time phrases with the annotated one marked).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from glocon_events import publication_day  # noqa: E402

DATA = Path(os.environ.get("STRIKEWATCH_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data"
GLOCON = DATA / "glocon_india_folia" / "glocon_india_toi_adjudicated.jsonl"


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class _Tally:
    """The counts of both measures, and examples of the wrong choices."""

    def __init__(self, show: int) -> None:
        self.kinds: Counter = Counter()
        self.carried: Counter = Counter()
        self.other_rules: Counter = Counter()
        self.spans: Counter = Counter()
        self.examples: list[str] = []
        self.show = show

    def example(self, line: str, room: int) -> None:
        if len(self.examples) < room:
            self.examples.append(line)


def _mentions(doc, etimes: list[tuple[int, int]], mentions: list, tally: _Tally) -> None:
    """Measure 1: where the date of each mention of a sentence with an etime span comes from."""
    from strikewatch.rules import CARRIED_DATE_RULES

    orig = doc.offsets.to_original
    for m in mentions:
        inside = [t for t in etimes if _overlaps(t, (orig(m.sentence.start), orig(m.sentence.end - 1) + 1))]
        if not inside:
            continue
        ev = m.date.evidence if m.date is not None else None
        if ev is None:
            kind = "none"
        elif ev.rule in CARRIED_DATE_RULES:
            kind = "carried"
            tally.carried[str(ev.rule)] += 1
        elif any(_overlaps((orig(ev.start), orig(ev.end - 1) + 1), t) for t in inside):
            kind = "etime"
        else:
            kind = "other phrase"
            tally.other_rules[str(ev.rule)] += 1
        tally.kinds[kind] += 1
        if kind != "etime":
            said = ", ".join(repr(doc.original[a:b]) for a, b in inside)
            got = f"{ev.text!r} ({ev.rule})" if ev is not None else "none"
            tally.example(f"  {doc.doc_id} {kind}: got {got} -> {m.date.start if m.date else None}; etime {said}; "
                          f"trigger {m.trigger.text!r}: {m.sentence.text[:140]!r}", tally.show)


def _spans(doc, etimes: list[tuple[int, int]], triggers: list[tuple[int, int]], mentions: list,
           tally: _Tally) -> None:
    """Measure 2: the day our reading of each etime span gives against the day its sentence's mentions got.
    The sentences are the annotation's (one a line); a phrase the sentence alone does not date ("the
    next day") counts as read where a mention took its date from it."""
    from strikewatch.extract.time import find_dates

    orig = doc.offsets.to_original
    lines, at = [], 0
    for line in doc.original.split("\n"):
        lines.append((at, at + len(line)))
        at += len(line) + 1
    for etime in etimes:
        a, b = next((line for line in lines if _overlaps(line, etime)), etime)
        if not any(_overlaps(t, (a, b)) for t in triggers):
            tally.spans["no annotated trigger in its sentence"] += 1
            continue
        read = [d for d in find_dates(doc.original[a:b], doc.published, offset=a)
                if d.span.evidence is not None and _overlaps((d.span.evidence.start, d.span.evidence.end), etime)]
        ours = [m for m in mentions if _overlaps((orig(m.sentence.start), orig(m.sentence.end - 1) + 1), (a, b))]
        # a phrase read against the days stated before it ("the next day") is read where a mention took it
        took = [m.date.start for m in ours if m.date is not None and m.date.evidence is not None and
                _overlaps((orig(m.date.evidence.start), orig(m.date.evidence.end - 1) + 1), etime)]
        day = read[0].span.start if read and read[0].span.start else next(iter(took), None)
        if not ours:
            kind = "no mention"
        elif day is None:
            kind = "unread"
        elif any(m.date is not None and m.date.start == day for m in ours):
            kind = "same day"
        else:
            kind = "other day"
            got = sorted({str(m.date.start) if m.date else "None" for m in ours})
            tally.example(f"  {doc.doc_id} span {doc.original[etime[0]:etime[1]]!r} reads {day}, mentions got "
                          f"{', '.join(got)}: {doc.original[a:b][:140]!r}", 2 * tally.show)
        tally.spans[kind] += 1


def run(path: Path, show: int) -> dict[str, Counter]:
    from strikewatch.extract import extract_many
    from strikewatch.ingest import prepare_document
    from strikewatch.model import RawDocument

    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    docs = [prepare_document(RawDocument(source=str(path), text=r["text"], id=f"g{k}", published=publication_day(r)))
            for k, r in enumerate(rows)]
    by_doc = defaultdict(list)
    for m in (m for ms in extract_many(docs) for m in ms):
        by_doc[m.doc_id].append(m)
    tally = _Tally(show)
    for doc, row in zip(docs, rows, strict=True):
        etimes = [(e["char_start"], e["char_end"]) for e in row["entities"] if e["class"] == "etime"]
        triggers = [(e["char_start"], e["char_end"]) for e in row["entities"] if e["class"] == "etype"]
        _mentions(doc, etimes, by_doc[doc.doc_id], tally)
        _spans(doc, etimes, triggers, by_doc[doc.doc_id], tally)
    _report(tally)
    return {"mentions": tally.kinds, "spans": tally.spans}


def _report(tally: _Tally) -> None:
    total = sum(tally.kinds.values())
    print(f"glocon date evidence of mentions in sentences with an annotated event time: {total}")
    for kind in ("etime", "other phrase", "carried", "none"):
        print(f"  {kind}: {tally.kinds[kind]}/{total}")
    if tally.other_rules:
        print("  other phrase, by rule: " + ", ".join(f"{r} {n}" for r, n in tally.other_rules.most_common()))
    if tally.carried:
        print("  carried, by rule: " + ", ".join(f"{r} {n}" for r, n in tally.carried.most_common()))
    print(f"glocon event-time spans: {sum(tally.spans.values())}")
    for kind in ("same day", "other day", "unread", "no mention", "no annotated trigger in its sentence"):
        print(f"  {kind}: {tally.spans[kind]}")
    for line in tally.examples:
        print(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=10)
    run(GLOCON, ap.parse_args().show)


if __name__ == "__main__":
    main()
