"""Parallel ingestion: worker processes and a real Dask cluster give the single-process events."""

from __future__ import annotations

import pytest

from strikewatch.pipeline import ingest_paths
from strikewatch.store import open_store

from .conftest import EXAMPLES


def _ingest(db: str, **options) -> tuple[list[dict], object]:
    store = open_store(db)
    summary = ingest_paths([str(EXAMPLES)], store, batch_size=2, **options)
    records = store.load_events()
    store.close()
    return records, summary


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    return _ingest(str(tmp_path_factory.mktemp("single") / "one.db"))


def test_worker_processes_give_the_single_process_events(single, tmp_path):
    records, summary = _ingest(str(tmp_path / "two.db"), workers=2)
    assert summary.added == single[1].added == 5 and summary.rejected == 0
    assert records == single[0]
    again, second = _ingest(str(tmp_path / "two.db"), workers=2)  # workers see what is stored
    assert second.added == 0 and second.duplicates == 5 and again == records


@pytest.mark.postgres
def test_dask_local_cluster_into_postgres_gives_the_single_process_events(single, fresh_postgres):
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        records, summary = _ingest(fresh_postgres, dask=client)
    assert summary.added == 5 and summary.rejected == 0 and summary.mentions == single[1].mentions
    assert records == single[0]  # PostgreSQL, written by two Dask workers, equals SQLite in one process


def test_a_worker_that_dies_costs_only_its_batch_which_is_reported():
    import os

    from strikewatch.model import RawDocument
    from strikewatch.parallel import _new_pool, _result

    pool = fresh = _new_pool(1, None)
    batch = [RawDocument(source="a.txt", text="Workers marched."), RawDocument(source="b.txt", text="Nurses struck.")]
    try:
        outcomes, fresh = _result((batch, pool.submit(os._exit, 9)), pool, 1, None)  # the worker process dies
        assert [(o.source, o.error) for o in outcomes] == [
            ("a.txt", "the worker process extracting it died"), ("b.txt", "the worker process extracting it died")]
        assert fresh is not pool and fresh.submit(sum, [1, 2]).result(timeout=60) == 3  # a new pool takes over
    finally:
        fresh.shutdown()


def _articles(folder, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(
            f"published: 2022-05-{1 + i % 28:02d}\n\nBus drivers in Grodno walked out on Monday over unpaid wages, "
            f"and {100 + i} of them gathered at the depot, their union said.\n", encoding="utf-8")


def test_killing_an_ingest_kills_its_worker_processes(tmp_path):
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    import psutil

    _articles(tmp_path / "in", 40)
    command = [str(Path(sys.executable).parent / "strikewatch"), "ingest", str(tmp_path / "in"), "--quiet",
               "--workers", "2", "--batch-size", "1", "--db", str(tmp_path / "k.db")]
    ingest = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    family: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and ingest.poll() is None:
            family = psutil.Process(ingest.pid).children(recursive=True)
            if sum(1 for p in family if p.ppid() != ingest.pid) >= 2:  # the forkserver's two workers
                break
            time.sleep(0.2)
        assert ingest.poll() is None and len(family) >= 3, "the ingest ended before its workers were seen"
        ingest.send_signal(signal.SIGKILL)
        ingest.wait()
        gone, alive = psutil.wait_procs(family, timeout=20)
        assert alive == [], f"{len(alive)} of the killed ingest's {len(family)} processes outlived it"
    finally:
        for p in family:
            if p.is_running():
                p.kill()
        if ingest.poll() is None:
            ingest.kill()


def test_a_worker_exits_when_the_pipe_to_its_parent_closes():
    import multiprocessing

    from strikewatch.parallel import exit_when_closed

    context = multiprocessing.get_context("spawn")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=exit_when_closed, args=(reader,))
    child.start()
    reader.close()
    child.join(2)
    assert child.is_alive()  # the pipe is open: it waits
    writer.close()  # what the death of the process holding it does
    child.join(30)
    assert child.exitcode == 70
