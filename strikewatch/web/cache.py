"""A cache of the API's read responses, keyed by the request and the store's generation.

The store counts its committed write transactions (its generation, bumped inside each write);
a response is kept under (path and query, generation), so any write anywhere (an ingest, a
review, from this process or another) makes every older entry unreachable: nothing is served
that the store no longer says. The same pair gives each response an ETag, so a client that
sends it back (If-None-Match) gets 304 without a body while the store is unchanged.

Entries are bounded in number and in bytes, least recently used out first.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import Response

from strikewatch.store import Store

MAX_ENTRIES = 2000
MAX_BYTES = 64 * 1024 * 1024
MAX_ENTRY_BYTES = 4 * 1024 * 1024  # a larger response is served, never kept


@dataclass(frozen=True)
class Entry:
    generation: int
    body: bytes
    media_type: str


class ResponseCache:
    """Response bodies by request key, each valid for one store generation (thread-safe LRU)."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: str, generation: int) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.generation != generation:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: str, entry: Entry) -> None:
        if len(entry.body) > MAX_ENTRY_BYTES:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            self._bytes -= len(old.body) if old else 0
            self._entries[key] = entry
            self._bytes += len(entry.body)
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)


def request_key(request: Request) -> str:
    """The path and the query parameters in a canonical order (the same request, however written)."""
    params = sorted(request.query_params.multi_items())
    return request.url.path + "?" + "&".join(f"{k}={v}" for k, v in params)


def etag_of(key: str, generation: int) -> str:
    return f'"{generation}-{hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]}"'


def cached_response(request: Request, store: Store, build: Callable[[], bytes],
                    media_type: str = "application/json") -> Response:
    """The response to this read request: 304 when the client holds it (If-None-Match), the cached
    body when the store has not changed since it was built, else `build()`, kept for next time.
    Without a cache (app.state.response_cache None) only the ETag and 304 apply."""
    cache: ResponseCache | None = request.app.state.response_cache
    key = request_key(request)
    with store.reading():  # the generation and the body read through one connection
        generation = store.generation()
        headers = {"ETag": etag_of(key, generation), "Cache-Control": "no-cache"}  # revalidate each time
        if headers["ETag"] in _etags(request.headers.get("if-none-match", "")):
            return Response(status_code=304, headers=headers)
        entry = cache.get(key, generation) if cache is not None else None
        if entry is None:
            entry = Entry(generation, build(), media_type)
            if cache is not None:
                cache.put(key, entry)
    return Response(entry.body, media_type=entry.media_type, headers=headers)


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}
