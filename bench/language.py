"""The "is it English" check of ingest (issue 18): on every stored corpus, how many articles it
reads and the range of their English function-word shares, against the threshold.

    .venv/bin/python bench/language.py

Corpora: ../shared/data/articles and articles_check (English news), articles_ru (Russian), the
CASE 2021 task 2 snippets (English), and the examples (English, and one Spanish report).
"""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("STRIKEWATCH_SHARED", REPO.parent / "shared")) / "data"

from strikewatch.ingest.language import MIN_SHARE, MIN_WORDS, function_word_share  # noqa: E402
from strikewatch.ingest.readers import read_file  # noqa: E402
from strikewatch.model import RawDocument  # noqa: E402


def texts(folder: Path) -> list[tuple[str, str]]:
    out = []
    for path in sorted(folder.glob("*.txt")) + sorted(folder.glob("*.html")):
        out += [(path.name, item.text) for item in read_file(path) if isinstance(item, RawDocument)]
    return out


def case_snippets() -> list[tuple[str, str]]:
    """The CASE 2021 task 2 snippets (English news sentences of every kind of event)."""
    path = SHARED / "case2021_task2" / "test_set_final_release_with_labels.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        return [(f"snippet {row['id']}", row["EventSnippet"]) for row in csv.DictReader(fh, delimiter="\t")]


def report(name: str, items: list[tuple[str, str]]) -> None:
    shares = [(function_word_share(text), label) for label, text in items]
    judged = [(share, label) for (n, share), label in shares if n >= MIN_WORDS]
    read = sum(1 for share, _ in judged if share >= MIN_SHARE)
    low = min(judged, default=(float("nan"), "-"))
    high = max(judged, default=(float("nan"), "-"))
    print(f"{name:28} {len(items):5} texts, {len(judged):5} long enough to judge: {read:5} read as English; "
          f"share {low[0]:.3f} ({low[1]}) .. {high[0]:.3f}")


def main() -> None:
    print(f"threshold: {MIN_SHARE} of the words, for texts of {MIN_WORDS}+ words\n")
    for name in ("articles", "articles_check", "articles_ru"):
        report(name, texts(SHARED / name))
    report("case2021_task2", case_snippets())
    report("examples", texts(REPO / "examples" / "articles"))


if __name__ == "__main__":
    main()
