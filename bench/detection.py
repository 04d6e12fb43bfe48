"""Detection on CASE 2021 task 2: precision, recall and F1 of "is this a protest or strike report".

    .venv/bin/python bench/detection.py [--show 10]

Each labelled snippet is one document. A snippet counts as detected when extraction finds at
least one asserted event mention in it (planned or negated ones do not count). The positives are
the protest, riot and arrest labels (PEACE_PROTEST, PROTEST_WITH_INTER, FORCE_AGAINST_PROTEST,
VIOL_DEMONSTR, MOB_VIOL, ARREST: 206 rows); the other 813 rows (air strikes, disasters, crime,
diplomacy...) are the negatives. A second line scores protest and riot labels only, leaving the
34 ARREST rows out (arrests alone are not events strikewatch codes). The data sits beside the
repository in ../shared/data.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

POSITIVE = {"PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL", "ARREST"}
# strikewatch codes protests, strikes and riots; an arrest alone (of suspects, of activists at
# home) is no such event, so the figures are also given with ARREST rows left out.
PROTEST_OR_RIOT = POSITIVE - {"ARREST"}
DATA = Path(os.environ.get("STRIKEWATCH_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data"
CASE_TSV = DATA / "case2021_task2" / "test_set_final_release_with_labels.tsv"


def load_rows(path: Path = CASE_TSV) -> list[tuple[str, str]]:
    """(snippet, label) rows."""
    with path.open(encoding="utf-8") as fh:
        return [(r["EventSnippet"], r["SubType"]) for r in csv.DictReader(fh, delimiter="\t")]


def detect(snippets: list[str]) -> list[bool]:
    """Whether each snippet reports a protest or strike event (an asserted mention)."""
    from strikewatch.extract import extract_many
    from strikewatch.ingest import prepare_document
    from strikewatch.model import Modality, RawDocument

    docs = [prepare_document(RawDocument(source=f"case:{i}", text=t, id=f"case{i}")) for i, t in enumerate(snippets)]
    return [any(m.modality is Modality.ASSERTED for m in found) for found in extract_many(docs)]


def scores(predicted: list[bool], gold: list[bool]) -> dict[str, float]:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="print this many misses and false alarms")
    args = ap.parse_args()
    if not CASE_TSV.exists():
        sys.exit(f"CASE 2021 data not found at {CASE_TSV}")
    rows = load_rows()
    started = time.perf_counter()
    predicted = detect([text for text, _ in rows])
    elapsed = time.perf_counter() - started
    gold = [label in POSITIVE for _, label in rows]
    s = scores(predicted, gold)
    print(f"CASE 2021 task 2, {len(rows)} snippets ({sum(gold)} protest/riot/arrest): "
          f"precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}  "
          f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']}; {elapsed:.1f} s)")
    kept = [(p, label in PROTEST_OR_RIOT) for p, (_, label) in zip(predicted, rows, strict=True) if label != "ARREST"]
    s2 = scores([p for p, _ in kept], [g for _, g in kept])
    print(f"without the ARREST rows, {len(kept)} snippets ({sum(g for _, g in kept)} protest/riot): "
          f"precision {s2['precision']:.3f}  recall {s2['recall']:.3f}  F1 {s2['f1']:.3f}")
    by_label: dict[str, list[bool]] = {}
    for (_, label), p in zip(rows, predicted, strict=True):
        by_label.setdefault(label, []).append(p)
    for label in sorted(POSITIVE):
        hits = by_label.get(label, [])
        print(f"  recall on {label:22} {sum(hits):3}/{len(hits):3}")
    if args.show:
        misses = [(text, label) for (text, label), p, g in zip(rows, predicted, gold, strict=True) if g and not p]
        alarms = [(text, label) for (text, label), p, g in zip(rows, predicted, gold, strict=True) if p and not g]
        for title, items in (("missed", misses), ("false alarms", alarms)):
            print(f"\n{title}:")
            for text, label in items[: args.show]:
                print(f"  [{label}] {text[:200]}")


if __name__ == "__main__":
    main()
