"""Live sources (issue 22): pages per second from a local server, and memory.

    .venv/bin/python bench/sources.py [--pages 1000] [--concurrency 8] [--postgres URL]

A threaded http.server on 127.0.0.1 (in this process) serves --pages article pages of about 2 KB
(sentences written for this bench, each page numbered so that no two are the same text) and a
URL list naming them all. A child process then follows that list into a fresh store with the
per-host limit off (per_host_delay = 0, per_host_concurrency = --concurrency), in two timed
phases: fetching (each page fetched and stored raw, compressed), then ingest (each stored page
cleaned, extracted and written as an article, then events resolved). Peak memory is the child's
maximum resident size after each phase (the second includes the spaCy model).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SENTENCES = [
    "Workers at the {n}th depot of the regional bus company stopped work on Monday over late wages.",
    "Their union said that {k} drivers joined the stoppage and that talks with the managers had failed.",
    "Passengers waited at empty stops across the district while a few buses ran on the main roads.",
    "The company said it would pay the wages of depot {n} within a week and asked the drivers to return.",
    "Local officials called for calm and offered to host a meeting between both sides on Thursday.",
]


def page_html(n: int) -> bytes:
    paragraphs = "".join(f"<p>{s.format(n=n, k=100 + n % 400)}</p>" for s in SENTENCES) * 3
    return (f"<!doctype html><html lang='en'><head><title>Depot {n} strike</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>Depot {n} strike</h1>{paragraphs}</article>"
            f"<footer>Regional desk</footer></body></html>").encode()


def serve(pages: int) -> ThreadingHTTPServer:
    bodies = {f"/p{n}": page_html(n) for n in range(pages)}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as a real server would

        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/list.txt":
                port = self.server.server_address[1]
                body = "\n".join(f"http://127.0.0.1:{port}{p}" for p in bodies).encode()
                kind = "text/plain"
            elif self.path in bodies:
                body, kind = bodies[self.path], "text/html; charset=utf-8"
            else:
                body, kind = b"", "text/plain"
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def child(list_url: str, db: str, concurrency: int) -> None:
    """Run in a fresh process: follow the list, timing the fetch and the ingest apart."""
    from strikewatch.sources.config import parse_config
    from strikewatch.sources.watch import RunSummary, SourceReport, Watcher
    from strikewatch.store import open_store

    config = parse_config({"allow_private_addresses": True, "per_host_delay": 0, "contact": "bench@example.org",
                           "per_host_concurrency": concurrency, "concurrency": concurrency,
                           "source": [{"url": list_url, "kind": "urls"}]})
    store = open_store(db)
    watcher = Watcher(store, config.settings)
    source = config.sources[0]
    report, summary = SourceReport(source.label), RunSummary()
    started = time.perf_counter()
    _, listing = watcher._listing(source)
    assert listing is not None
    watcher.state.queue(source.url, listing.entries, None, None)
    watcher.fetch_due(source.url, report, time.time())
    fetched = time.perf_counter()
    fetch_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    watcher.ingest_fetched(source.url, report, summary)
    watcher.resolve(summary)
    done = time.perf_counter()
    print(json.dumps({"listed": len(listing.entries), "failed": report.failed, "added": report.added,
                      "fetch_s": fetched - started, "ingest_s": done - fetched, "fetch_rss_mb": fetch_rss,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "raw_bytes": sum(len(page_html(n)) for n in range(len(listing.entries)))}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--postgres", default=None, help="a PostgreSQL URL to use instead of a SQLite file")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]))
        return
    server = serve(args.pages)
    list_url = f"http://127.0.0.1:{server.server_address[1]}/list.txt"
    with tempfile.TemporaryDirectory() as tmp:
        db = args.postgres or str(Path(tmp) / "bench.db")
        out = subprocess.run([sys.executable, __file__, "--child", list_url, db, str(args.concurrency)],
                             cwd=REPO, capture_output=True, text=True, check=True).stdout
    server.shutdown()
    r = json.loads(out.strip().splitlines()[-1])
    n = r["listed"]
    print(f"{n} pages ({r['raw_bytes'] / n / 1000:.1f} KB each) from 127.0.0.1, per-host limit off, "
          f"{args.concurrency} in flight, store: {'PostgreSQL' if args.postgres else 'SQLite'}")
    print(f"fetch (stored raw):      {r['fetch_s']:6.1f} s  {n / r['fetch_s']:7.1f} pages/s   "
          f"peak RSS {r['fetch_rss_mb']:.0f} MB   ({r['failed']} failed)")
    print(f"ingest (extract, store): {r['ingest_s']:6.1f} s  {n / r['ingest_s']:7.1f} pages/s   "
          f"peak RSS {r['peak_rss_mb']:.0f} MB   ({r['added']} articles)")
    total = r["fetch_s"] + r["ingest_s"]
    print(f"whole run:               {total:6.1f} s  {n / total:7.1f} pages/s")


if __name__ == "__main__":
    main()
