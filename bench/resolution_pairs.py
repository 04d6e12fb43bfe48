"""Pairwise precision and recall of "these two mentions are the same event" against the gold (issue 4).

    python3 ../shared/eval/corpus.py ../shared/data/articles /tmp/dev.jsonl
    .venv/bin/strikewatch ingest /tmp/dev.jsonl --db /tmp/dev.db -q
    .venv/bin/strikewatch export --db /tmp/dev.db -o /tmp/events.jsonl
    .venv/bin/python bench/resolution_pairs.py ../shared/data/articles/gold.json /tmp/events.jsonl

A system mention is tied to a gold event when its sentence contains one of that event's evidence
strings (normalised as the scorer does) and its document is one of the event's documents;
mentions tied to no gold event, or to several, are left out (and counted). Over every pair of
tied mentions: a gold pair shares a gold event, a system pair shares an exported event.
Precision = pairs both / system pairs, recall = pairs both / gold pairs; the same over pairs
whose two mentions come from different documents (the cross-source merges).
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import sys
from pathlib import Path


def _scorer_norm(gold_path: Path):
    path = gold_path.resolve().parents[2] / "eval" / "score_events.py"
    spec = importlib.util.spec_from_file_location("score_events", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.norm


def tied_mentions(gold: dict, events: list[dict], norm, required_only: bool = False
                  ) -> tuple[list[tuple[str, str, str]], int]:
    """(gold id, system event id, doc id) for every mention tied to exactly one gold event."""
    tied, ambiguous = [], 0
    golds = [g for g in gold["events"] if g["required"] or not required_only]
    for ev in events:
        for m in ev["mentions"]:
            sentence = norm(m.get("sentence"))
            gids = {g["gid"] for g in golds if m.get("doc_id") in g["docs"]
                    and any(norm(e) in sentence for e in g["evidence"])}
            if len(gids) == 1:
                tied.append((gids.pop(), ev["id"], m["doc_id"]))
            elif gids:
                ambiguous += 1
    return tied, ambiguous


def pair_scores(tied: list[tuple[str, str, str]], cross_only: bool) -> dict:
    gold_pairs = system_pairs = both = 0
    for (g1, e1, d1), (g2, e2, d2) in itertools.combinations(tied, 2):
        if cross_only and d1 == d2:
            continue
        same_gold, same_system = g1 == g2, e1 == e2
        gold_pairs += same_gold
        system_pairs += same_system
        both += same_gold and same_system
    return {"gold_pairs": gold_pairs, "system_pairs": system_pairs, "both": both,
            "precision": both / system_pairs if system_pairs else None,
            "recall": both / gold_pairs if gold_pairs else None}


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("events", type=Path)
    args = parser.parse_args()
    norm = _scorer_norm(args.gold)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    events = [json.loads(line) for line in args.events.read_text(encoding="utf-8").splitlines() if line.strip()]
    for events_label, required in (("all gold events", False), ("required gold events", True)):
        tied, ambiguous = tied_mentions(gold, events, norm, required)
        print(f"{events_label}: {len(tied)} mentions tied to one event (to several, left out: {ambiguous})")
        for label, cross in (("all pairs", False), ("cross-document pairs", True)):
            s = pair_scores(tied, cross)
            print(f"  {label}: precision {_fmt(s['precision'])} ({s['both']}/{s['system_pairs']}), "
                  f"recall {_fmt(s['recall'])} ({s['both']}/{s['gold_pairs']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
