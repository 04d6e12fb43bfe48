"""Whole events on GLOCON's Times of India articles: do they get a place and a plausible day?

    .venv/bin/python bench/glocon_events.py [--show 10]

The 116 adjudicated articles (../shared/data/glocon_india_folia, 2001-2002, lower-cased after
the headline and dateline) go through extraction and resolution with their publication day from
the annotated `eptime`. The articles carry no event-level gold with places and days, so the
figures are checks of plausibility (the articles were read to find rules in the fourth session, so
they are development text now, not unseen):
- articles the coders marked as reporting an event (`Event: Yes`) that yield at least one event,
  and articles marked `No` that yield one anyway;
- events with a place, and with a place in India (the paper's country);
- events dated from a week before publication to the day of publication, as a daily paper's
  reports mostly are (older background is dated to its own day, so not every miss is an error);
- events per article against the coders' `EventCount` (the articles that have one): one event per
  real event means as many as they counted; more is a report split into fragments, fewer is
  events missed or merged.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import time
from collections import Counter
from pathlib import Path

DATA = Path(os.environ.get("STRIKEWATCH_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data"
GLOCON = DATA / "glocon_india_folia" / "glocon_india_toi_adjudicated.jsonl"
_EPTIME = re.compile(r"([A-Z][a-z]{2}) (\d{1,2}) , (\d{4})")


def publication_day(row: dict) -> dt.date | None:
    for entity in row["entities"]:
        m = _EPTIME.search(entity["text"]) if entity["class"] == "eptime" else None
        if m:
            return dt.datetime.strptime(" ".join(m.groups()), "%b %d %Y").date()
    return None


def run(path: Path, show: int) -> dict:
    from strikewatch.extract import extract_many
    from strikewatch.ingest import prepare_document
    from strikewatch.model import RawDocument
    from strikewatch.resolve import resolve_events

    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    docs = [prepare_document(RawDocument(source=str(path), text=r["text"], id=f"g{k}", published=publication_day(r)))
            for k, r in enumerate(rows)]
    started = time.perf_counter()
    mentions = [m for ms in extract_many(docs) for m in ms]
    events = resolve_events(mentions)
    seconds = time.perf_counter() - started
    published = {d.doc_id: d.published for d in docs}
    marked = {f"g{k}": r["metadata"].get("Event") for k, r in enumerate(rows)}
    with_events = {m.doc_id for e in events for m in e.mentions}
    c = Counter()
    misses = []
    for e in events:
        c["events"] += 1
        c["with a place"] += e.place is not None
        c["in India"] += bool(e.place and e.place.country == "IN")
        day, pub = (e.date.start if e.date else None), published[e.mentions[0].doc_id]
        if pub is None:
            c["no publication day"] += 1
        elif day and 0 <= (pub - day).days <= 7:
            c["dated in the week before publication"] += 1
        elif len(misses) < show:
            misses.append((str(day), str(pub), e.place.name if e.place else None, e.mentions[0].sentence.text[:110]))
    c["Yes articles"] = sum(v == "Yes" for v in marked.values())
    c["Yes articles with an event"] = sum(v == "Yes" and d in with_events for d, v in marked.items())
    c["No articles"] = sum(v == "No" for v in marked.values())
    c["No articles with an event"] = sum(v == "No" and d in with_events for d, v in marked.items())
    print(f"glocon articles: {c['Yes articles with an event']}/{c['Yes articles']} marked Yes yield an event; "
          f"{c['No articles with an event']}/{c['No articles']} marked No do")
    for key in ("with a place", "in India"):
        print(f"glocon events {key}: {c[key]}/{c['events']} = {c[key] / c['events']:.3f}")
    dated = c["events"] - c["no publication day"]
    print(f"glocon events dated in the week before publication: {c['dated in the week before publication']}/{dated}"
          f" = {c['dated in the week before publication'] / dated:.3f} (events of articles with a publication day)")
    _compare_event_counts(rows, events)
    print(f"extraction and resolution of {len(docs)} articles: {seconds:.1f} s")
    for miss in misses:
        print("  not in the week before:", *miss)
    return c


def _compare_event_counts(rows: list[dict], events: list) -> None:
    """Events per article against the coders' count, where they gave one."""
    per_doc = Counter(doc for e in events for doc in {m.doc_id for m in e.mentions})
    counted = {f"g{k}": int(r["metadata"]["EventCount"]) for k, r in enumerate(rows)
               if (r["metadata"].get("EventCount") or "").isdigit()}
    diffs = [per_doc[d] - n for d, n in counted.items()]
    if not diffs:
        return
    exact = sum(d == 0 for d in diffs)
    print(f"glocon events per article = coders' EventCount: {exact}/{len(diffs)} = {exact / len(diffs):.3f}; "
          f"more: {sum(d > 0 for d in diffs)} (extra events {sum(d for d in diffs if d > 0)}), "
          f"fewer: {sum(d < 0 for d in diffs)}; mean |difference| {sum(map(abs, diffs)) / len(diffs):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=10)
    run(GLOCON, ap.parse_args().show)


if __name__ == "__main__":
    main()
