"""Gazetteer index: build time, load time, lookup times, size and memory (issue 5).

    .venv/bin/python bench/gazetteer.py [--rebuild]

The build runs into a temporary folder (the cached index is left alone unless --rebuild). Load
time is measured in a fresh child process, from import to the first answered lookup, so it
includes opening the SQLite file and importing the modules.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAMES = ["Minsk", "Grodno", "Brest", "Kinshasa", "Dhaka", "Paris", "Nairobi", "Khartoum", "Hong Kong", "Baltimore",
         "Mandalay", "Delhi", "Chittagong", "Hrodna", "Гродна", "Springfield", "Lagos", "Cairo", "Santiago", "Moscow"]
FUZZY = ["Baranovici", "Zlobin", "Navapolatsk", "Salihorsk", "Baranavichy", "Kisagani", "Molodechno", "Babruisk"]

LOAD_PROBE = """
import time, resource
t = time.perf_counter()
from strikewatch.geo.gazetteer import load_gazetteer
g = load_gazetteer(); g.lookup("Minsk")
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def timed(fn, rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        fn()
    return (time.perf_counter() - start) / rounds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="Also rebuild the cached index.")
    args = parser.parse_args()
    from strikewatch.geo import gazetteer as gz

    if args.rebuild:
        gz.index_path().unlink(missing_ok=True)
    # Measured first, before this process grows (a child inherits its parent's peak RSS). The first
    # run builds the cached index if it is missing; the second is the load that users see.
    subprocess.run([sys.executable, "-c", LOAD_PROBE], capture_output=True, check=True)
    out = subprocess.run([sys.executable, "-c", LOAD_PROBE], capture_output=True, text=True, check=True,
                         env={**os.environ})
    load_s, load_rss = out.stdout.split()
    print(f"load (fresh process, import + open + first lookup): {float(load_s) * 1000:.0f} ms, "
          f"peak RSS {int(load_rss) / 1024:.0f} MB")
    gaz = gz.load_gazetteer()
    exact = timed(lambda: [gaz.lookup(n) for n in NAMES], 50) / len(NAMES)
    miss = timed(lambda: gaz.lookup("Notaplaceatall"), 1000)
    fuzzy = timed(lambda: [gaz.fuzzy(n) for n in FUZZY], 20) / len(FUZZY)
    gaz.fuzzy("Kisagani", ("CD",))  # loads the country's names once
    edit = timed(lambda: gaz.fuzzy("Kisagani", ("CD",)), 50)
    print(f"lookup: exact {exact * 1e6:.0f} µs, miss {miss * 1e6:.0f} µs, "
          f"fuzzy (skeleton) {fuzzy * 1e6:.0f} µs, fuzzy (edit distance in one country) {edit * 1e6:.0f} µs")
    print(f"peak RSS after the lookups: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.sqlite"
        start = time.perf_counter()
        gz.build_index(path)
        build_s = time.perf_counter() - start
        size_mb = path.stat().st_size / 2**20
    print(f"build: {build_s:.1f} s, index {size_mb:.0f} MB, "
          f"peak RSS of the build {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
