"""The store: documents, mentions and events behind one narrow interface.

`open_store(url_or_path)` returns a `Store`; SQLite (a path or sqlite:/// URL, the default) and
PostgreSQL (postgresql://...) share one SQLAlchemy Core implementation and one contract test suite.
A database that cannot be opened (a server that does not answer, a folder that does not exist, or
with `must_exist` a SQLite file that is not there) is a `StoreUnavailable` saying what to do.

The package: `schema` (the tables as they are now), `migrations` (each version's SQL, frozen),
`documents` (articles and mentions), `events` (filters, orders, keyset pages, map cells and
counts), `search` (full-text search on SQLite and PostgreSQL), `reviews` (the review log replayed
over the machine's records, and write tokens), and `sql.SqlStore`, a thin front over them.
`Store` below lists every method callers use.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.exc import OperationalError

from strikewatch.model import Document, Event, Mention
from strikewatch.store.events import EventQuery
from strikewatch.store.sql import SqlStore

DEFAULT_DB = "strikewatch.db"

__all__ = ["open_store", "Store", "SqlStore", "EventQuery", "StoreUnavailable", "database_url", "DEFAULT_DB"]


BBox = tuple[float, float, float, float]  # west, south, east, north


class Store(Protocol):
    """What the pipeline, the exporters, the CLI and the web app call on a store."""

    url: str

    # articles and mentions
    def has_document(self, doc_key: str) -> bool: ...
    def stored_keys(self, doc_keys: Iterable[str]) -> set[str]: ...
    def keys_by_id(self, doc_ids: Iterable[str]) -> dict[str, str]: ...
    def add_document(self, doc: Document, doc_mentions: list[Mention]) -> bool: ...
    def add_documents(self, items: Sequence[tuple[Document, list[Mention]]]) -> list[bool]: ...
    def stored_metadata(self, doc_keys: Iterable[str]) -> dict[str, dict]: ...
    def merge_metadata(self, doc: Document, doc_mentions: list[Mention]) -> tuple[str, list[str]]: ...
    def blocks_of_documents(self, doc_ids: Iterable[str]) -> set[str]: ...
    def iter_mentions(self) -> Iterator[Mention]: ...
    def mentions_of_documents(self, doc_ids: Iterable[str]) -> list[Mention]: ...
    def mentions_by_id(self, mention_ids: Iterable[str]) -> dict[str, dict]: ...
    def event_mentions(self, blocks: Iterable[str] | None = None) -> dict[str, set[str]]: ...
    def documents_meta(self, doc_ids: Iterable[str] | None = None) -> dict[str, dict]: ...
    def load_document(self, doc_id: str) -> Document | None: ...
    def undated_documents(self) -> list[str]: ...
    def dated_documents(self, doc_ids: Iterable[str]) -> dict[str, dt.date]: ...
    def redate_document(self, doc_id: str, published: dt.date, published_from: str,
                        doc_mentions: list[Mention]) -> None: ...
    def delete_documents(self, doc_ids: Iterable[str]) -> int: ...
    def pending_documents(self) -> list[str]: ...
    def mark_resolved(self, doc_ids: Iterable[str] | None) -> None: ...
    def counts(self) -> dict[str, int]: ...

    # events
    def replace_events(self, records: Iterable[tuple[Event, dict]], blocks: Iterable[str] | None = None) -> None: ...
    def load_events(self) -> list[dict]: ...
    def query_events(self, query: EventQuery, limit: int | None = 50, offset: int = 0,
                     after: str | None = None) -> tuple[int, list[dict]]: ...
    def page_json(self, query: EventQuery, limit: int | None = 50, offset: int = 0,
                  after: str | None = None) -> tuple[int, list[tuple[str, str]]]: ...
    def iter_events(self, query: EventQuery, chunk: int = 1000) -> Iterator[dict]: ...
    def event_points(self, query: EventQuery, limit: int = 50_000, bbox: BBox | None = None) -> list[dict]: ...
    def event_clusters(self, query: EventQuery, zoom: int, bbox: BBox | None = None) -> list[dict]: ...
    def event_bounds(self, query: EventQuery) -> BBox | None: ...
    def timeline(self, query: EventQuery) -> list[dict]: ...
    def facets(self, query: EventQuery) -> dict[str, dict[str, int]]: ...
    def get_event(self, event_id: str) -> dict | None: ...

    # reviews and tokens
    def add_review(self, event_id: str, action: str, reviewer: str, field: str | None = None,
                   value: Any = None, note: str | None = None) -> dict: ...
    def add_corrections(self, event_id: str, reviewer: str, values: dict[str, Any],
                        note: str | None = None) -> list[dict]: ...
    def reviews_log(self, event_id: str | None = None, limit: int = 1000, offset: int = 0) -> list[dict]: ...
    def create_token(self, name: str) -> str: ...
    def reviewer_of(self, token: str) -> str | None: ...
    def list_tokens(self) -> list[dict]: ...
    def revoke_token(self, name: str) -> bool: ...

    # the store itself
    def exclusive(self) -> AbstractContextManager[Any]: ...
    def migrate(self) -> int: ...
    def schema_version(self) -> int: ...
    def close(self) -> None: ...


class StoreUnavailable(Exception):
    """The database cannot be opened; the message names it, says why and what to do."""


def database_url(db: str | None) -> str:
    """A SQLAlchemy URL from a --db value, STRIKEWATCH_DB, or the default SQLite file."""
    value = db or os.environ.get("STRIKEWATCH_DB") or DEFAULT_DB
    if "://" in value:
        if value.startswith("postgresql://"):
            return "postgresql+psycopg://" + value[len("postgresql://"):]
        if value.startswith("postgres://"):
            return "postgresql+psycopg://" + value[len("postgres://"):]
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def open_store(db: str | None = None, must_exist: bool = False) -> SqlStore:
    """The store at `db` (a path or URL; see `database_url`). `must_exist`: refuse to create a SQLite
    file (what commands that only read want: a misspelt path is an error, not an empty database)."""
    url = database_url(db)
    if url.startswith("sqlite:///"):
        _check_sqlite_file(Path(url[len("sqlite:///"):]), must_exist)
    try:
        return SqlStore(url)
    except OperationalError as exc:
        raise StoreUnavailable(f"cannot open the database {_shown(url)}: {_first_line(exc)} (check the URL in "
                               "--db or $STRIKEWATCH_DB, and that the server is running)") from None


def _check_sqlite_file(path: Path, must_exist: bool) -> None:
    if must_exist and not path.is_file():
        raise StoreUnavailable(f"no database at {path} (check --db or $STRIKEWATCH_DB; "
                               "`strikewatch ingest` creates one)")
    if not path.parent.is_dir():
        raise StoreUnavailable(f"cannot create the database {path}: the folder {path.parent} does not exist")


def _shown(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True).replace("postgresql+psycopg://", "postgresql://")


def _first_line(exc: OperationalError) -> str:
    lines = [line.strip() for line in str(exc.orig).splitlines() if line.strip()]
    return lines[0] if lines else type(exc.orig).__name__
