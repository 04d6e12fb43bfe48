"""The store: documents, mentions and events behind one narrow interface.

`open_store(url_or_path)` returns a `Store`; SQLite (a path or sqlite:/// URL, the default) and
PostgreSQL (postgresql://...) share one SQLAlchemy Core implementation and one contract test suite.
A database that cannot be opened (a server that does not answer, a folder that does not exist, or
with `must_exist` a SQLite file that is not there) is a `StoreUnavailable` saying what to do.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.exc import OperationalError

from strikewatch.store.sql import SqlStore, Store

DEFAULT_DB = "strikewatch.db"

__all__ = ["open_store", "Store", "SqlStore", "StoreUnavailable", "database_url", "DEFAULT_DB"]


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
