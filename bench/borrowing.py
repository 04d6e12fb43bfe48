"""Report dates borrowed by undated pages, measured leave-one-out on development sets (issue 17).

    python3 ../shared/eval/corpus.py ../shared/data/articles_clusters /tmp/c.jsonl \
        ../shared/data/articles_clusters/gold.json
    .venv/bin/python bench/borrowing.py /tmp/c.jsonl [--limit N]

For each article of the corpus that has a publication date, the same corpus is ingested into a
fresh SQLite store with that one article's date (and its URL, which may carry it) left out, as a
scraped page without one would come; the article then takes a date from its own text (a dateline,
a byline, a stamp), borrows one from the other reports (`strikewatch/report_date.py`), or stays
undated. Printed: how many of the articles end with the right date, one a day off, a wrong one,
or none, by where the date came from, and each wrong one. A borrowed date that is wrong puts the
page's events on the wrong days; one left out only leaves them undated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from strikewatch.pipeline import ingest_paths  # noqa: E402
from strikewatch.store import open_store  # noqa: E402


def _outcome(got: str | None, want: str) -> str:
    if got is None:
        return "none"
    days = abs((dt.date.fromisoformat(got) - dt.date.fromisoformat(want)).days)
    return "right" if days == 0 else "a day off" if days == 1 else "wrong"


def leave_one_out(records: list[dict], k: int, folder: Path) -> tuple[str | None, str | None]:
    """Ingest the corpus with record k's date and URL left out: (the date it ends with, from where)."""
    undated = dict(records[k])
    undated.pop("published", None)
    undated.pop("url", None)
    corpus = folder / f"loo{k}.jsonl"
    corpus.write_text("".join(json.dumps(r if i != k else undated, ensure_ascii=False) + "\n"
                              for i, r in enumerate(records)), encoding="utf-8")
    db = folder / f"loo{k}.db"
    store = open_store(str(db))
    try:
        ingest_paths([str(corpus)], store)
    finally:
        store.close()
    with sqlite3.connect(db) as con:
        row = con.execute("SELECT published, published_from FROM documents WHERE doc_id = ?",
                          (undated["id"],)).fetchone()
    return (str(row[0])[:10] if row and row[0] else None), (row[1] if row else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a JSON Lines corpus (corpus.py, with the gold's dates)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N dated articles")
    args = parser.parse_args()
    records = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    dated = [k for k, r in enumerate(records) if r.get("published")]
    if args.limit:
        dated = dated[:args.limit]
    tally: Counter[tuple[str, str]] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for k in dated:
            got, source = leave_one_out(records, k, Path(tmp))
            outcome = _outcome(got, records[k]["published"])
            tally[(outcome, source or "-")] += 1
            if outcome in ("wrong", "a day off"):
                print(f"  {records[k]['id']}: {got} ({source}), published {records[k]['published']}")
    total = len(dated)
    for outcome in ("right", "a day off", "wrong", "none"):
        n = sum(v for (o, _), v in tally.items() if o == outcome)
        by = ", ".join(f"{s} {v}" for (o, s), v in sorted(tally.items()) if o == outcome)
        print(f"{outcome}: {n}/{total}" + (f" ({by})" if by else ""))


if __name__ == "__main__":
    main()
