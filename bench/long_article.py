"""One long one-paragraph article through cleaning and extraction: time, outcome and peak memory.

The article is a filler sentence repeated to the size asked for, with one strike report at the
end. Each size runs in a fresh process, so each peak is that article's own.

    .venv/bin/python bench/long_article.py [--mb 1 4.5] [--timeout 60]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time

FILLER = "The council met on Tuesday and discussed the budget for the coming year. "
REPORT = "Nurses went on strike in Gomel on Monday over pay."


def one(mb: float, timeout: float) -> None:
    from strikewatch.batch import process_batch
    from strikewatch.limits import Limits
    from strikewatch.model import RawDocument

    process_batch([RawDocument(source="warm.txt", text="Workers struck in Minsk on Monday.")])  # load the model
    text = FILLER * int(mb * 1_000_000 // len(FILLER)) + REPORT
    started = time.perf_counter()
    [outcome] = process_batch([RawDocument(source="long.txt", text=text)],
                              limits=Limits(max_bytes=None, max_seconds=timeout or None))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = outcome.error or f"{len(outcome.mentions)} mention(s)"
    print(f"{len(text.encode()) / 1e6:.1f} MB in one paragraph: {seconds:.1f} s, peak {peak:.0f} MB, {result}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1.0, 4.5])
    parser.add_argument("--timeout", type=float, default=60, help="the article time limit (0: none)")
    parser.add_argument("--one", type=float, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        one(args.one, args.timeout)
        return
    for mb in args.mb:
        subprocess.run([sys.executable, __file__, "--one", str(mb), "--timeout", str(args.timeout)], check=True)


if __name__ == "__main__":
    sys.exit(main())
