"""Ingest throughput and peak memory (issue 7), against the floor of a bare spaCy pass.

    .venv/bin/python bench/throughput.py [--articles 10000] [--protest 1000] [--workers 1 2]
                                         [--dask] [--postgres URL] [--only mixed|protest] [--skip-floor]

Peak memory at 100,000 articles: --only mixed --articles 100000 --workers 2 --skip-floor

Streams, built from real text in ../shared/data and written as JSON Lines:
- mixed: the development articles (articles/*.txt), the non-protest snippets of case2021_task2 and
  the non-event articles of glocon_india_folia, cycled to --articles articles;
- protest: the development articles alone, cycled to --protest articles.
Every copy gets a last line "Ref. N." so that no two articles are the same text (a repeated text
would be recognised as stored and skipped, which would flatter the figures).

For each stream: `strikewatch ingest FILE -q --workers W` runs as a subprocess into a fresh SQLite
file, timed from start to exit (model loading and event resolution included); peak memory is the
largest sum of the resident sizes of the process and its workers, sampled every 0.1 s. The floor
is spaCy's `nlp.pipe` over the same texts with the same model in one process (model loading
excluded); the ratio is strikewatch at one worker / that floor. With --dask, the same ingest runs
with `--dask local --workers W` into PostgreSQL (the store Dask workers share).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
STRIKEWATCH = [sys.executable, "-m", "strikewatch.cli"]
PROTEST_TYPES = {"PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL",
                 "ARREST"}


def dev_articles() -> list[dict]:
    from strikewatch.ingest.readers import read_file

    out = []
    for path in sorted((DATA / "articles").glob("*.txt")):
        raw = next(read_file(path))
        out.append({"id": path.stem, "text": raw.text, "title": raw.title, "url": raw.url,
                    "published": raw.published.isoformat() if raw.published else None})
    return out


def non_protest_texts() -> list[dict]:
    with (DATA / "case2021_task2" / "test_set_final_release_with_labels.tsv").open(encoding="utf-8") as fh:
        case = [{"id": f"case-{r['id']}", "text": r["EventSnippet"]} for r in csv.DictReader(fh, delimiter="\t")
                if r["SubType"] not in PROTEST_TYPES]
    glocon = []
    with (DATA / "glocon_india_folia" / "glocon_india_toi_adjudicated.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["metadata"].get("Event") == "No":
                glocon.append({"id": r["doc_id"][-40:], "text": r["text"]})
    return case + glocon


def write_stream(path: Path, records: list[dict], n: int) -> list[str]:
    """n unique articles cycled from records; returns their texts (for the spaCy floor)."""
    texts = []
    with path.open("w", encoding="utf-8") as fh:
        for i, r in enumerate(islice(cycle(records), n)):
            record = dict(r, id=f"{r['id']}-{i}", text=f"{r['text']}\nRef. {i}.")
            texts.append(record["text"])
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return texts


def spacy_floor(texts: list[str]) -> float:
    from strikewatch.nlp import load_nlp

    nlp = load_nlp()
    list(nlp.pipe(texts[:50]))  # warm
    start = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - start


def timed_ingest(args: list[str]) -> tuple[float, float, str]:
    """(seconds, peak MB of the process tree, last output line) of one strikewatch ingest."""
    start = time.perf_counter()
    proc = subprocess.Popen(STRIKEWATCH + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            cwd=REPO)
    root, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    output = proc.stdout.read() if proc.stdout else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({proc.returncode}): {output[-2000:]}")
    return seconds, peak / 2**20, output.strip().splitlines()[-1]


def fresh_postgres(url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def run_stream(name: str, path: Path, texts: list[str], args: argparse.Namespace, tmp: Path) -> None:
    n = len(texts)
    print(f"\n{name}: {n:,} articles, {sum(map(len, texts)) / 2**20:.1f} MB of text")
    floor = None if args.skip_floor else spacy_floor(texts)
    if floor:
        print(f"  bare spaCy nlp.pipe, 1 process: {floor:.1f} s = {n / floor:.1f} articles/s")
    first = None
    for workers in args.workers:
        db = tmp / f"{name}-{workers}.db"
        seconds, peak, line = timed_ingest(["ingest", str(path), "--db", str(db), "-q", "--workers", str(workers)])
        first = first or seconds
        ratio = f", {first / seconds:.2f}x one" if workers != args.workers[0] else (
            f", ratio to bare spaCy {seconds / floor:.2f}" if floor and workers == 1 else "")
        print(f"  strikewatch --workers {workers}: {seconds:.1f} s = {n / seconds:.1f} articles/s, "
              f"peak {peak:,.0f} MB{ratio}  [{line}]")
    if not args.dask:
        return
    first = None
    for workers in args.workers:
        db = fresh_postgres(args.postgres, f"sw_bench_{name}_{workers}")
        seconds, peak, line = timed_ingest(["ingest", str(path), "--db", db, "-q", "--dask", "local",
                                            "--workers", str(workers)])
        first = first or seconds
        print(f"  strikewatch --dask local --workers {workers} (PostgreSQL): {seconds:.1f} s = "
              f"{n / seconds:.1f} articles/s, {first / seconds:.2f}x one, peak {peak:,.0f} MB  [{line}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the mixed stream")
    parser.add_argument("--protest", type=int, default=1_000, help="articles in the protest-only stream")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask", action="store_true", help="also run --dask local into PostgreSQL")
    parser.add_argument("--postgres", default=os.environ.get("STRIKEWATCH_TEST_POSTGRES",
                                                             "postgresql://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--only", choices=["mixed", "protest"], default=None)
    parser.add_argument("--skip-floor", action="store_true",
                        help="leave out the bare spaCy pass (for memory runs at 100,000 articles)")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GB")
    subprocess.run(STRIKEWATCH + ["geocode", "Minsk"], check=True, capture_output=True, cwd=REPO)  # index built
    with tempfile.TemporaryDirectory(prefix="sw-bench-") as folder:
        tmp = Path(folder)
        articles = dev_articles()
        if args.only in (None, "mixed"):
            records = articles + non_protest_texts()
            texts = write_stream(tmp / "mixed.jsonl", records, args.articles)
            run_stream("mixed", tmp / "mixed.jsonl", texts, args, tmp)
        if args.only in (None, "protest"):
            texts = write_stream(tmp / "protest.jsonl", articles, args.protest)
            run_stream("protest", tmp / "protest.jsonl", texts, args, tmp)


if __name__ == "__main__":
    main()
