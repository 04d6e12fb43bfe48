"""How the web app's API answers on a large store: list, filters, full-text search, map, timeline, export.

Builds a SQLite store of N events (the example articles' events, copied with new ids and dates
spread over two years), then times each request through the app (in-process, no network).

    .venv/bin/python bench/web.py [--events 20000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from strikewatch.model import Event, EventType
from strikewatch.pipeline import ingest_paths
from strikewatch.store import open_store
from strikewatch.store.sql import metadata
from strikewatch.web import create_app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def build(db: str, n: int) -> None:
    seed_db = str(Path(tempfile.mkdtemp()) / "seed.db")
    ingest_paths([str(EXAMPLES)], open_store(seed_db))
    seeds = open_store(seed_db).load_events()
    start = dt.date(2020, 1, 1)
    pairs = []
    for i in range(n):
        record = copy.deepcopy(seeds[i % len(seeds)])
        record["id"] = f"bench{i:011d}"
        day = (start + dt.timedelta(days=i % 730)).isoformat()
        record["date_start"] = record["date_end"] = day
        pairs.append((Event(record["id"], EventType(record["type"]), [], block=f"bench|{day}"), record))
    open_store(db).replace_events(pairs)


def timed(api: TestClient, path: str, repeat: int = 5) -> tuple[float, int]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = api.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.text[:200])
    return statistics.median(times) * 1000, len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--postgres", default=None, help="a PostgreSQL URL to use instead of a SQLite file")
    args = parser.parse_args()
    if args.postgres:
        db = args.postgres
        metadata.drop_all(open_store(db).engine)
    else:
        db = str(Path(tempfile.mkdtemp()) / "web-bench.db")
    started = time.perf_counter()
    build(db, args.events)
    print(f"store: {args.events:,} events written in {time.perf_counter() - started:.1f} s "
          f"({'PostgreSQL' if args.postgres else 'SQLite'})")
    api = TestClient(create_app(db))
    for path in ("/api/v1/events?per_page=50", "/api/v1/events?per_page=50&page=200",
                 "/api/v1/events?country=FI&type=demonstration&since=2020-06-01&until=2020-09-30",
                 "/api/v1/events?q=police%20said", "/api/v1/events?place=tamp&size_min=1000",
                 "/api/v1/map", "/api/v1/timeline", "/api/v1/stats", "/api/v1/export?format=jsonl&country=FI"):
        ms, size = timed(api, path)
        print(f"{ms:8.1f} ms  {size / 1024:8.0f} KiB  GET {path}")


if __name__ == "__main__":
    sys.exit(main())
