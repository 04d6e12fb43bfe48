"""Russian against English: extraction time per character of articles of similar length (issue 20).

Each Russian article of ../shared/data/articles_ru is paired with the English article of
../shared/data/articles closest to it in length; both go through cleaning and extraction
(`process_batch`: language identification, parsing, detection, fields, geocoding) one at a time,
after both pipelines are loaded. Prints the figures of each language and the ratio (target: Russian
no worse than 2x English per character), for each article's first run (its words new to the
caches of lemmas and figures, as in an ingest) and its fastest.

    .venv/bin/python bench/russian.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("STRIKEWATCH_SHARED", REPO.parent / "shared")) / "data"

from strikewatch.batch import process_batch  # noqa: E402
from strikewatch.ingest.readers import read_file  # noqa: E402
from strikewatch.model import RawDocument  # noqa: E402


def articles(folder: Path) -> list[RawDocument]:
    return [item for path in sorted(folder.glob("*.txt")) for item in read_file(path) if isinstance(item, RawDocument)]


def seconds(raw: RawDocument, repeat: int) -> tuple[float, float]:
    """The first run of an article (its words new to the caches of lemmas and figures) and the fastest."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        [outcome] = process_batch([raw])
        times.append(time.perf_counter() - started)
        assert outcome.error is None, outcome.error
    return times[0], min(times)


def report(label: str, rows: list[tuple[int, float, int, float]]) -> None:
    """Per 1,000 characters, each language (rows: Russian characters and seconds, English characters and seconds)."""
    ru_rate = sum(r[1] for r in rows) / sum(r[0] for r in rows) * 1_000_000  # ms per 1,000 characters
    en_rate = sum(r[3] for r in rows) / sum(r[2] for r in rows) * 1_000_000
    ratios = [(r[1] / r[0]) / (r[3] / r[2]) for r in rows]
    print(f"{label}: Russian {ru_rate:.0f} ms per 1,000 characters ({sum(r[1] for r in rows):.2f} s), English "
          f"{en_rate:.0f} ms ({sum(r[3] for r in rows):.2f} s); ratio Russian/English per character "
          f"{ru_rate / en_rate:.2f} overall, median of pairs {statistics.median(ratios):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each article; the first and the fastest count")
    args = parser.parse_args()
    russian, english = articles(SHARED / "articles_ru"), articles(SHARED / "articles")
    for warm in (russian[0], english[0]):
        process_batch([warm])  # load both pipelines, lingua and the gazetteer
    pairs = [(ru, min(english, key=lambda en, ru=ru: abs(len(en.text) - len(ru.text)))) for ru in russian]
    timed = [(len(ru.text), seconds(ru, args.repeat), len(en.text), seconds(en, args.repeat)) for ru, en in pairs]
    print(f"{len(timed)} Russian articles ({sum(r[0] for r in timed):,} characters), each against the English "
          f"article nearest in length ({sum(r[2] for r in timed):,} characters)")
    report("first run", [(ru, ru_s[0], en, en_s[0]) for ru, ru_s, en, en_s in timed])
    report("fastest run", [(ru, ru_s[1], en, en_s[1]) for ru, ru_s, en, en_s in timed])


if __name__ == "__main__":
    main()
