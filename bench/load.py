"""A big store under load: p50/p95/p99 per endpoint under concurrent clients, SQLite or PostgreSQL.

Builds a store of N events (the example articles' events, copied with new ids, dates spread over
two years and places scattered around their cities), starts `strikewatch serve` on it in its own
process, and runs C client threads for S seconds over a mix of requests: first and deep keyset
pages (oldest first, and newest first as the web page lists them), a page sorted by size,
filters, full-text search, event pages, the map (clustered, and close up), the timeline, stats
and a day's export. Each client keeps its connection open, as a browser does. One client
runs alone first (each request's own cost, without queueing); one full export is timed alone last.

Request parameters are drawn from a wide range (500 cursors per order, any day of two years,
countries, place names and their parts, search words, any event, map zooms 2 to 8, boxes around
any event), so a warm response cache is not one repeated URL. `--no-cache` serves without the
cache: each request's own cost, cold.

    .venv/bin/python bench/load.py [--events 100000] [--clients 32] [--seconds 30] [--postgres URL] [--no-cache]
                                   [--threads 4] [--db STORE]
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

from sqlalchemy import select

from strikewatch.model import Event, EventType
from strikewatch.pipeline import ingest_paths
from strikewatch.store import open_store
from strikewatch.store.events import EventQuery, conditions, make_cursor, order_by, sort_keys
from strikewatch.store.schema import metadata

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


COUNTRIES = ["DE", "FR", "PT", "FI", "BY", "RU", "HK"]  # the first four are the examples' located events'
PLACES = ["leip", "lyon", "port", "tamp", "Leipzig", "Lyon", "Porto", "Tampere", "ere", "zig", "mins", "mosc",
          "hong", "Grodno", "paris"]
WORDS = ["police%20detained", "opposition", "election", "workers", "strike", "pay", "union", "march", "students",
         "pension", "teachers%20pay", "riot"]
TYPES = ["demonstration", "strike", "riot", "occupation", "blockade"]


def _cells_map(rng: random.Random, zoom: int, lon: float, lat: float) -> str:
    """A map of counted cells as the web page asks for it: the world's up to zoom 6, from zoom 7 the
    cells in a view of 1,200 by 700 pixels around a point (as `app.js` does)."""
    if zoom < 7:
        return f"/api/v1/map?zoom={zoom}"
    half_width = 1200 / 256 * 360 / 2**zoom / 2
    half_height = half_width * 700 / 1200
    west, east = max(-180.0, lon - half_width), min(180.0, lon + half_width)
    south, north = max(-90.0, lat - half_height), min(90.0, lat + half_height)
    return f"/api/v1/map?zoom={zoom}&bbox={west:.4f},{south:.4f},{east:.4f},{north:.4f}"


def requests_mix(rng: random.Random, sample: dict[str, list]) -> tuple[str, str]:
    """(endpoint name, path) of one request of the mix, its parameters drawn from a wide range."""
    day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(700))
    lon, lat = rng.choice(sample["points"])
    west, south = round(lon - rng.uniform(0.05, 0.5), 3), round(lat - rng.uniform(0.05, 0.4), 3)
    stats_filter = rng.choice(["", *(f"?type={t}" for t in TYPES), *(f"?country={c}" for c in COUNTRIES)])
    choices = [
        ("list", f"/api/v1/events?per_page={rng.choice([20, 50, 100])}"),
        ("list deep (keyset)", f"/api/v1/events?per_page=50&after={rng.choice(sample['date'])}"),
        ("list newest (-date)", f"/api/v1/events?per_page={rng.choice([20, 50, 100])}&sort=-date"),
        ("list deep (-date)", f"/api/v1/events?per_page=50&sort=-date&after={rng.choice(sample['-date'])}"),
        ("list by size", f"/api/v1/events?per_page=50&sort={rng.choice(['-size', 'size'])}"),
        ("filter", f"/api/v1/events?country={rng.choice(COUNTRIES)}&type={rng.choice(TYPES)}"
                   f"&since={day}&until={day + dt.timedelta(days=30)}"),
        ("filter size+place", f"/api/v1/events?place={rng.choice(PLACES)}&size_min={rng.choice([10, 100, 1000])}"),
        ("search", f"/api/v1/events?q={rng.choice(WORDS)}"),
        ("event", f"/api/v1/events/b{rng.randrange(EVENTS):09d}"),
        ("map (zoom 2-8)", _cells_map(rng, rng.randrange(2, 9), lon, lat)),
        ("map (zoom 10, bbox)", f"/api/v1/map?zoom=10&bbox={west},{south},{round(west + 0.6, 3)},"
                                f"{round(south + 0.45, 3)}"),
        ("timeline", f"/api/v1/timeline?country={rng.choice(COUNTRIES)}"),
        ("stats", f"/api/v1/stats{stats_filter}"),
        ("export (a day)", f"/api/v1/export?format=csv&since={day}&until={day}"),
    ]
    return rng.choice(choices)


EVENTS = 0


SEEN: set[str] = set()  # the paths asked for: a path asked before may be answered from the cache
REPEATS = [0]


def client(port: int, seconds: float, sample: dict[str, list], seed: int, out: dict[str, list[float]],
           errors: list[str]) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        name, path = requests_mix(rng, sample)
        REPEATS[0] += path in SEEN  # one thread's view may race another's: a count, not a proof
        SEEN.add(path)
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


def sample_of(db: str, n: int) -> dict[str, list]:
    """`n` next-cursors per order spread over the whole list (where deep pages start), from one
    read of the order's keys, and `n` events' positions (where map boxes are drawn)."""
    store = open_store(db)
    found: dict[str, list] = {}
    with store.engine.connect() as conn:
        for sort in ("date", "-date"):
            keys = [col for col, _ in sort_keys(sort)]
            rows = conn.execute(select(*keys).where(*conditions(EventQuery(), conn.dialect.name))
                                .order_by(*order_by(sort))).all()
            found[sort] = [make_cursor(sort, list(rows[k * len(rows) // n])) for k in range(n)]
    points = store.event_points(EventQuery(), limit=len(found["date"]) * 1000)
    found["points"] = [(p["lon"], p["lat"]) for p in random.Random(5).sample(points, min(n, len(points)))]
    store.close()
    return found


def serve(db: str, workers: int, cache: bool, threads: int) -> tuple[subprocess.Popen, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([STRIKEWATCH, "serve", "--db", db, "--port", str(port), "--workers", str(workers),
                               "--threads", str(threads), "--cache" if cache else "--no-cache"],
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
    parser.add_argument("--threads", type=int, default=4, help="requests a process answers at once (serve --threads)")
    parser.add_argument("--postgres", default=None, help="a PostgreSQL URL to use instead of a SQLite file")
    parser.add_argument("--db", default=None, help="reuse a store this bench built before (skips the build)")
    parser.add_argument("--no-cache", dest="cache", action="store_false",
                        help="serve without the response cache (each request's own cost)")
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
    print("load average (1, 5, 15 min) before: " + ", ".join(f"{v:.2f}" for v in os.getloadavg()))
    server, port = serve(db, args.workers, args.cache, args.threads)
    try:
        sample = sample_of(db, 500)
        alone: dict[str, list[float]] = {}
        client(port, args.alone, sample, 7, alone, [])  # one client first: each request's own cost
        times: dict[str, list[float]] = {}
        errors: list[str] = []
        threads = [threading.Thread(target=client, args=(port, args.seconds, sample, i, times, errors))
                   for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        total = sum(len(v) for v in times.values())
        repeats = REPEATS[0]
        print("load average (1, 5, 15 min) after the clients: " + ", ".join(f"{v:.2f}" for v in os.getloadavg()))
        print(f"{args.workers} server process(es) of {args.threads} threads, "
              f"response cache {'on' if args.cache else 'off'}, "
              f"{args.clients} clients, {args.seconds:g} s: "
              f"{total:,} requests, {total / args.seconds:.1f}/s, "
              f"{len(errors)} errors {errors[:3]}; {repeats:,} of all requests (the one client alone's "
              f"included) repeat an earlier path, so at most that many can come from the cache")
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
