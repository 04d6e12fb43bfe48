"""Per-article limits: how large an input and how long its extraction may be.

An article over a limit is rejected with a message naming the limit and the option that sets it;
the rest of the batch goes on. The time limit uses SIGALRM, so it holds in the process's main
thread (the CLI and its worker processes); elsewhere (Dask worker threads, a web server's threads)
no time limit applies.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

MB = 1_000_000
# The largest count (crowd size, arrests...) kept: the largest whole number that every consumer
# holds exactly (the stores' BIGINT, Parquet's int64, a JavaScript number). A text's figure
# over it is no figure; a reviewer's is refused.
MAX_COUNT = 2**53 - 1
_REPEAT_SECONDS = 0.05


@dataclass(frozen=True)
class Limits:
    max_bytes: int | None = 5 * MB  # one article: a file, or one JSON Lines record (None: no limit)
    max_seconds: float | None = 60.0  # cleaning and extracting one article (None: no limit)

    def too_large(self, size: int) -> str | None:
        """The rejection message for an input of `size` bytes, or None when it fits."""
        if self.max_bytes is None or size <= self.max_bytes:
            return None
        return (f"{size / MB:.1f} MB is over the article size limit of {self.max_bytes / MB:g} MB "
                f"(--max-article-mb)")

    def timeout_message(self) -> str:
        return f"extraction took longer than the article time limit of {self.max_seconds:g} s (--article-timeout)"


DEFAULT_LIMITS = Limits()
UNLIMITED = Limits(max_bytes=None, max_seconds=None)


class ArticleTimeout(BaseException):
    """Raised inside work that ran past its time limit. A BaseException, so that no `except
    Exception` on the way (ours or a library's) can swallow it."""


def can_time_limit() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ArticleTimeout in the block once `seconds` have passed (no limit off the main thread)."""
    if not seconds or not can_time_limit():
        yield
        return

    fired = closing = False

    def on_alarm(_signum: int, _frame: object) -> None:
        nonlocal fired
        fired = True
        if not closing:
            raise ArticleTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    # The alarm repeats until cleared: Python ignores an exception raised while it runs a
    # finalizer or a callback, so one alarm landing there would let the work run on unlimited.
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT_SECONDS)
    try:
        yield
    finally:
        closing = True  # set before any call, where a signal handler could run: clearing never raises
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if fired:  # every raise was swallowed, yet the work ran past its limit
        raise ArticleTimeout()
