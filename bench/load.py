"""A big store under load: p50/p95/p99 per endpoint under concurrent clients, SQLite or PostgreSQL.

Builds a store of N events (the example articles' events, copied with new ids, dates spread over
two years and places scattered around their cities), starts `strikewatch serve` on it in its own
process, and runs C client threads for S seconds over a mix of requests: first and deep keyset
pages (oldest first, and newest first as the web page lists them), a page sorted by size,
filters, full-text search, event pages, the map (clustered, and close up), the timeline, stats
and a day's export. Each client keeps its connection open, as a browser does. One client
runs alone first (each request's own cost, without queueing); one full export is timed alone last.

    .venv/bin/python bench/load.py [--events 100000] [--clients 32] [--seconds 30] [--postgres URL]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import http.client
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from strikewatch.model import Event, EventType
from strikewatch.pipeline import ingest_paths
from strikewatch.store import open_store
from strikewatch.store.sql import EventQuery, metadata, page_cursor

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
STRIKEWATCH = str(Path(sys.executable).parent / "strikewatch")
CHUNK = 5000


def build(db: str, n: int) -> None:
    """N events in chunks of their own blocks (memory stays flat)."""
    seed_db = str(Path(tempfile.mkdtemp()) / "seed.db")
    ingest_paths([str(EXAMPLES)], open_store(seed_db))
    seeds = [r for r in open_store(seed_db).load_events() if r["place"] and r["place"].get("lat") is not None]
    rng = random.Random(19)
    store = open_store(db)
    start = dt.date(2020, 1, 1)
    for first in range(0, n, CHUNK):
        pairs = []
        for i in range(first, min(n, first + CHUNK)):
            record = copy.deepcopy(seeds[i % len(seeds)])
            record["id"] = f"b{i:09d}"
            day = (start + dt.timedelta(days=rng.randrange(730))).isoformat() if i % 50 else None
            record["date_start"] = record["date_end"] = day
            record["place"]["lat"] = max(-89.0, min(89.0, record["place"]["lat"] + rng.gauss(0, 2)))
            record["place"]["lon"] = max(-179.0, min(179.0, record["place"]["lon"] + rng.gauss(0, 2)))
            pairs.append((Event(record["id"], EventType(record["type"]), [], block=f"bench|{first}"), record))
        store.replace_events(pairs, blocks=[f"bench|{first}"])
    if store.engine.dialect.name == "postgresql":  # what autovacuum does after a bulk load, without waiting
        with store.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE events")
    store.close()


def requests_mix(rng: random.Random, cursors: dict[str, list[str]]) -> tuple[str, str]:
    """(endpoint name, path) of one request of the mix."""
    day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(700))
    choices = [
        ("list", "/api/v1/events?per_page=50"),
        ("list deep (keyset)", f"/api/v1/events?per_page=50&after={rng.choice(cursors['date'])}"),
        ("list newest (-date)", "/api/v1/events?per_page=50&sort=-date"),
        ("list deep (-date)", f"/api/v1/events?per_page=50&sort=-date&after={rng.choice(cursors['-date'])}"),
        ("list by size", "/api/v1/events?per_page=50&sort=-size"),
        ("filter", f"/api/v1/events?country={rng.choice(['BY', 'RU', 'HK', 'FR'])}&type=demonstration"
                   f"&since={day}&until={day + dt.timedelta(days=30)}"),
        ("filter size+place", f"/api/v1/events?place={rng.choice(['mins', 'mosc', 'hong'])}&size_min=1000"),
        ("search", f"/api/v1/events?q={rng.choice(['police%20detained', 'opposition', 'election'])}"),
        ("event", f"/api/v1/events/b{rng.randrange(EVENTS):09d}"),
        ("map (zoom 3)", "/api/v1/map?zoom=3"),
        ("map (zoom 10, bbox)", "/api/v1/map?zoom=10&bbox=27.3,53.7,27.8,54.1"),
        ("timeline", f"/api/v1/timeline?country={rng.choice(['BY', 'RU'])}"),
        ("stats", "/api/v1/stats"),
        ("export (a day)", f"/api/v1/export?format=csv&since={day}&until={day}"),
    ]
    return rng.choice(choices)


EVENTS = 0


def client(port: int, seconds: float, cursors: dict[str, list[str]], seed: int, out: dict[str, list[float]],
           errors: list[str]) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        name, path = requests_mix(rng, cursors)
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{name}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        out.setdefault(name, []).append(time.perf_counter() - started)
        if response.status != 200:
            errors.append(f"{name}: HTTP {response.status}")
    conn.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def cursors_of(db: str, n: int) -> dict[str, list[str]]:
    """`n` next-cursors per order spread over the whole list: where deep pages start."""
    store = open_store(db)
    total = store.counts()["events"]
    found = {sort: [page_cursor(store.query_events(EventQuery(sort=sort), limit=1, offset=k * total // n)[1][0], sort)
                    for k in range(n)] for sort in ("date", "-date")}
    store.close()
    return found


def serve(db: str, workers: int) -> tuple[subprocess.Popen, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([STRIKEWATCH, "serve", "--db", db, "--port", str(port), "--workers", str(workers)],
                              stdout=subprocess.DEVNULL)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def main() -> None:
    global EVENTS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--alone", type=float, default=10, help="seconds of one client alone, first")
    parser.add_argument("--workers", type=int, default=1, help="server processes (strikewatch serve --workers)")
    parser.add_argument("--postgres", default=None, help="a PostgreSQL URL to use instead of a SQLite file")
    parser.add_argument("--db", default=None, help="reuse a store this bench built before (skips the build)")
    args = parser.parse_args()
    EVENTS = args.events
    db = args.db or args.postgres or str(Path(tempfile.mkdtemp()) / "load-bench.db")
    if args.db is None:
        if args.postgres:
            metadata.drop_all(open_store(db).engine)
        started = time.perf_counter()
        build(db, args.events)
        print(f"store: {args.events:,} events written in {time.perf_counter() - started:.0f} s "
              f"({'PostgreSQL' if args.postgres else 'SQLite'}: {db})")
    server, port = serve(db, args.workers)
    try:
        cursors = cursors_of(db, 50)
        alone: dict[str, list[float]] = {}
        client(port, args.alone, cursors, 7, alone, [])  # one client first: each request's own cost
        times: dict[str, list[float]] = {}
        errors: list[str] = []
        threads = [threading.Thread(target=client, args=(port, args.seconds, cursors, i, times, errors))
                   for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        total = sum(len(v) for v in times.values())
        print(f"{args.workers} server process(es), {args.clients} clients, {args.seconds:g} s: "
              f"{total:,} requests, {total / args.seconds:.1f}/s, "
              f"{len(errors)} errors {errors[:3]}")
        print(f"{'endpoint':<22} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}   {'alone: p50 ms':>13}")
        for name in sorted(times):
            v = times[name]
            print(f"{name:<22} {len(v):>6} {percentile(v, 50):>8.0f} {percentile(v, 95):>8.0f} "
                  f"{percentile(v, 99):>8.0f}   {percentile(alone.get(name, [0]), 50):>13.0f}")
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        conn.request("GET", "/api/v1/export?format=jsonl")
        size = len(conn.getresponse().read())
        print(f"full export (jsonl, alone): {time.perf_counter() - started:.1f} s, {size / 1e6:.0f} MB")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(30)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
