"""Running extraction in parallel: worker processes on this machine, or Dask workers beyond it.

Both runners take an iterator of input batches and yield each batch's outcomes in input order,
keeping only a few batches in flight, so a corpus of any size streams through in bounded memory.
The spaCy model and the gazetteer load once per worker process.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection

from strikewatch.batch import Outcome, process_batch, store_outcomes
from strikewatch.geo.gazetteer import load_gazetteer
from strikewatch.limits import DEFAULT_LIMITS, Limits
from strikewatch.model import RawDocument, Rejection
from strikewatch.nlp import load_nlp
from strikewatch.store.sql import SqlStore

log = logging.getLogger(__name__)
Batch = list[RawDocument | Rejection]
_worker_store: SqlStore | None = None  # one per worker process
_dask_stores: dict[str, SqlStore] = {}  # one per Dask worker process and store
DASK_WORKER_CONFIG = {"distributed.worker.profile.enabled": False}
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_ORPHANED = 70  # a worker's exit status when the ingest that started it is gone
# The pipe every worker watches: this process holds the only writing end, so its death, however
# abrupt, closes it (see `die_with_parent`).
_alive_reader: Connection | None = None
_alive_writer: Connection | None = None


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _warm_up(store_url: str | None, alive: Connection | None = None) -> None:
    """Worker start: tie the worker's life to this run's, open the store and load the heavy objects
    once, before the first batch."""
    global _worker_store
    if alive is not None:
        die_with_parent(alive)
    if store_url is not None:
        _worker_store = SqlStore(store_url)
    load_nlp()
    load_gazetteer()


def die_with_parent(alive: Connection) -> None:
    """End this worker process when the process that runs the ingest dies, however it dies.

    A killed ingest would otherwise leave its workers alive for good: each holds the other end of
    the pool's queues, so none ever sees end-of-file. On Linux the kernel sends SIGKILL when the
    parent (the forkserver, which itself exits when the ingest does) dies; everywhere, a thread
    watches `alive`, a pipe whose only writing end the ingest holds, and exits at its end-of-file.
    """
    _parent_death_signal()
    threading.Thread(target=exit_when_closed, args=(alive,), name="parent-watchdog", daemon=True).start()


def _parent_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the watchdog still holds
        log.debug("prctl(PR_SET_PDEATHSIG) unavailable", exc_info=True)


def exit_when_closed(alive: Connection) -> None:
    """Block until the other end of `alive` is closed (nothing is ever sent on it), then exit now."""
    try:
        while True:
            alive.recv_bytes()
    except (EOFError, OSError):
        pass
    os._exit(_ORPHANED)


def _alive_pipe() -> Connection:
    """This process's end of the pipe its workers watch (one for the life of the process)."""
    global _alive_reader, _alive_writer
    if _alive_reader is None:
        _alive_reader, _alive_writer = multiprocessing.Pipe(duplex=False)
    return _alive_reader


def _process_in_worker(batch: Batch, limits: Limits) -> list[Outcome]:
    return process_batch(batch, _worker_store, limits)


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: workers start from a clean process, not a copy of one holding database handles.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def run_local(batches: Iterable[Batch], workers: int, store_url: str | None,
              limits: Limits = DEFAULT_LIMITS) -> Iterator[list[Outcome]]:
    """Extract the batches in `workers` processes; outcomes come back in input order, unwritten.

    A worker that dies (killed, out of memory) costs only its batch: those articles are reported as
    rejected and a fresh pool takes over.
    """
    _prepare_shared_resources()
    window = 2 * workers
    pool = _new_pool(workers, store_url)
    pending: deque[tuple[Batch, Future]] = deque()
    try:
        for batch in batches:
            pending.append((batch, pool.submit(_process_in_worker, batch, limits)))
            while len(pending) >= window:
                outcomes, pool = _result(pending.popleft(), pool, workers, store_url)
                yield outcomes
        while pending:
            outcomes, pool = _result(pending.popleft(), pool, workers, store_url)
            yield outcomes
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _result(entry: tuple[Batch, Future], pool: ProcessPoolExecutor, workers: int,
            store_url: str | None) -> tuple[list[Outcome], ProcessPoolExecutor]:
    batch, future = entry
    try:
        return future.result(), pool
    except BrokenProcessPool:
        log.warning("a worker process died; its batch of %d articles is rejected", len(batch))
        pool.shutdown(wait=False, cancel_futures=True)
        return [Outcome(getattr(item, "source", "?"), error="the worker process extracting it died")
                for item in batch], _new_pool(workers, store_url)


def _new_pool(workers: int, store_url: str | None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=_context(), initializer=_warm_up,
                               initargs=(store_url, _alive_pipe()))


def _prepare_shared_resources() -> None:
    """Build the gazetteer index here, once, rather than in every worker at the same time."""
    load_gazetteer()


def _dask_task(batch: Batch, store_url: str, limits: Limits) -> list[Outcome]:
    """On a Dask worker: extract a batch and write it to the shared store; return slim outcomes.

    Dask runs tasks in worker threads, where the time limit cannot interrupt (see `limits`)."""
    if store_url not in _dask_stores:
        _dask_stores[store_url] = SqlStore(store_url)
    store = _dask_stores[store_url]
    outcomes = store_outcomes(process_batch(batch, store, limits), store)
    for o in outcomes:  # the client needs only the counts and ids
        o.doc, o.mentions = None, []
    return outcomes


def dask_client(address: str, workers: int | None = None):
    """A client for `address`, or for 'local' a new local cluster of `workers` single-threaded
    processes (default: one per core)."""
    import dask
    from dask.distributed import Client, LocalCluster

    if address == "local":
        # The statistical profiler samples the worker's stack every 10 ms: on pure-Python work such
        # as ours it costs a tenth of the time (set the same on the workers of a real cluster).
        with dask.config.set(DASK_WORKER_CONFIG):
            cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        return Client(cluster)
    return Client(address)


def run_dask(batches: Iterable[Batch], address, store_url: str,
             workers: int | None = None, limits: Limits = DEFAULT_LIMITS) -> Iterator[list[Outcome]]:
    """Extract and write the batches on Dask workers; outcomes (already written) in input order.

    `address` is a scheduler address, 'local' (a local cluster of `workers` processes), or a
    `dask.distributed.Client` (left open).
    """
    _prepare_shared_resources()
    own = isinstance(address, str)
    client = dask_client(address, workers) if own else address
    try:
        window = 2 * max(1, len(client.scheduler_info().get("workers", {})))
        pending: deque = deque()
        for batch in batches:
            pending.append(client.submit(_dask_task, batch, store_url, limits, pure=False))
            while len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        if own:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
