"""The store: documents, mentions and events behind one narrow interface.

`open_store(url_or_path)` returns a `Store`; SQLite (a path or sqlite:/// URL, the default) and
PostgreSQL (postgresql://...) share one SQLAlchemy Core implementation and one contract test suite.
"""

from __future__ import annotations

import os
from pathlib import Path

from strikewatch.store.sql import SqlStore, Store

DEFAULT_DB = "strikewatch.db"

__all__ = ["open_store", "Store", "SqlStore", "database_url", "DEFAULT_DB"]


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


def open_store(db: str | None = None) -> SqlStore:
    return SqlStore(database_url(db))
