"""What each request of the load mix costs the server: CPU time per request, one request at a time.

    .venv/bin/python bench/request_cost.py --db STORE [--requests 150]

Starts `strikewatch serve` on a store `bench/load.py` built (`--threads 1 --no-cache`: every answer
computed), asks each endpoint of the load mix `--requests` times over one kept-open connection,
and prints the server process's CPU time per request (user + system, from /proc; Linux only) and
the wall time. Unlike the p99 under 32 clients, these figures hardly depend on what else the
machine runs, so two versions of the code can be compared run against run (with PYTHONPATH set to
another checkout, the server imports that one's code). On PostgreSQL the database server's own
CPU is not counted.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # noqa: E402  (the mix and the store's sample, from the load bench beside this file)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and its children (the workers), in seconds."""
    pids = [pid, *(int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
    ticks = 0
    for p in pids:
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def start_server(db: str) -> tuple[subprocess.Popen, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [sys.executable, "-c", "import sys; from strikewatch.cli import main; sys.argv[0] = 'strikewatch'; "
               "sys.exit(main())", "serve", "--db", db, "--port", str(port), "--threads", "1", "--no-cache"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/api/v1/stats")
            conn.getresponse().read()
            return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="a store bench/load.py built (path or URL)")
    parser.add_argument("--requests", type=int, default=150, help="requests per endpoint")
    parser.add_argument("--events", type=int, default=100_000, help="the events the store was built with")
    args = parser.parse_args()
    sample = load.sample_of(args.db, 500)
    load.EVENTS = args.events
    rng = random.Random(1)
    paths: dict[str, list[str]] = {}
    while len(paths) < 14 or min(len(v) for v in paths.values()) < args.requests:
        name, path = load.requests_mix(rng, sample)
        if len(paths.setdefault(name, [])) < args.requests:
            paths[name].append(path)
    server, port = start_server(args.db)
    try:
        costs = []
        for name in sorted(paths):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            cpu, wall = cpu_seconds(server.pid), time.perf_counter()
            for path in paths[name]:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    raise SystemExit(f"{path}: HTTP {response.status}")
            cpu, wall = cpu_seconds(server.pid) - cpu, time.perf_counter() - wall
            costs.append(cpu / len(paths[name]))
            print(f"{name:<22} server CPU {cpu / len(paths[name]) * 1000:6.2f} ms a request, "
                  f"wall {wall / len(paths[name]) * 1000:6.2f} ms")
        print(f"{'mean over the mix':<22} server CPU {sum(costs) / len(costs) * 1000:6.2f} ms a request")
    finally:
        server.terminate()
        server.wait(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
