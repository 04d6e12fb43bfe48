"""Language identification at ingest (issues 18 and 20): on every stored corpus, the languages found,
how many articles are read, the time per text, and the range of the English function-word shares
(above ENGLISH_SHARE a text is English without asking lingua).

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

import time  # noqa: E402
from collections import Counter  # noqa: E402

from strikewatch.ingest.language import ENGLISH_SHARE, MIN_WORDS, function_word_share, language_of, reads  # noqa: E402
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
    started = time.perf_counter()
    found = Counter(language_of(text) for _label, text in items)
    seconds = time.perf_counter() - started
    read = sum(n for code, n in found.items() if reads(code))
    shares = [share for n, share in (function_word_share(text) for _label, text in items) if n >= MIN_WORDS]
    spread = f"{min(shares):.3f}..{max(shares):.3f}" if shares else "-"
    print(f"{name:16} {len(items):5} texts: {read:5} read; languages {dict(found.most_common())}; "
          f"English share {spread}; {1000 * seconds / max(len(items), 1):.1f} ms a text")


def main() -> None:
    language_of("Войти в систему, чтобы прочитать новости о забастовке и акции протеста на заводе.")  # load lingua
    print(f"English without lingua above a share of {ENGLISH_SHARE} (texts of {MIN_WORDS}+ words)\n")
    for name in ("articles", "articles_check", "articles_ru"):
        report(name, texts(SHARED / name))
    report("case2021_task2", case_snippets())
    report("examples", texts(REPO / "examples" / "articles"))


if __name__ == "__main__":
    main()
