"""What a database accepts in one statement: bounded IN lists, and keys it could hold at all."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from strikewatch.ingest.storable import unstorable_reason

T = TypeVar("T")


def chunks(items: list[T], size: int = 500) -> Iterator[list[T]]:
    """Bounded IN lists (SQLite allows at most 32,766 parameters in one statement)."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def findable(key: str) -> bool:
    """Whether a key (an id, a token) could be stored at all: one with a NUL or a lone surrogate
    matches nothing, and is never sent to a database (PostgreSQL would raise on it)."""
    return unstorable_reason(key) is None
