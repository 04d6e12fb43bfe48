"""Shared fixtures: the development data beside the repo, documents built from text, stores."""

from __future__ import annotations

import os
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import pytest

from strikewatch.ingest import prepare_document
from strikewatch.ingest.readers import from_text
from strikewatch.model import Document

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STRIKEWATCH_SHARED", REPO.parent / "shared"))
ARTICLES = SHARED / "data" / "articles"
EXAMPLES = REPO / "examples" / "articles"  # illustrative reports written for the project
EXAMPLE_NOT_ENGLISH = EXAMPLES / "spanish-teachers.txt"
EXAMPLE_READ = sorted(p for p in EXAMPLES.iterdir() if p != EXAMPLE_NOT_ENGLISH)  # the five read
EXAMPLE_STRIKE = EXAMPLES / "strike-porto-buses.txt"
POSTGRES_URL = os.environ.get("STRIKEWATCH_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def make_doc(text: str, published: str | None = None, doc_id: str = "t1", title: str | None = None) -> Document:
    header = f"id: {doc_id}\n" + (f"published: {published}\n" if published else "") + (f"title: {title}\n" if title else "")
    return prepare_document(from_text(header + "\n" + text, "<test>"))


@pytest.fixture
def doc_from_text():
    return make_doc


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def postgres_url():
    """A fresh PostgreSQL database for this session (dropped afterwards).

    Skipped, saying so, on a machine with no server; under CI (CI=true) a missing server fails.
    """
    if not postgres_available():
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required under CI but not reachable at {POSTGRES_URL}")
        pytest.skip(f"PostgreSQL suite skipped: no server at {POSTGRES_URL}")
    import psycopg

    name = f"sw_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    from sqlalchemy import create_engine  # noqa: F401 - engines are disposed by the tests

    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def fresh_postgres(postgres_url):
    """The session's PostgreSQL database with every strikewatch table dropped: an empty store's URL."""
    from strikewatch.store import open_store
    from strikewatch.store.sql import metadata

    store = open_store(postgres_url)
    metadata.drop_all(store.engine)
    store.close()
    return postgres_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    """An empty store on SQLite, and on the real PostgreSQL server: the store's contract tests."""
    from strikewatch.store import open_store

    if request.param == "sqlite":
        s = open_store(str(tmp_path / "contract.db"))
    else:
        s = open_store(request.getfixturevalue("postgres_url"))
        from strikewatch.store.sql import metadata

        metadata.drop_all(s.engine)
        s = open_store(request.getfixturevalue("postgres_url"))
    yield s
    s.close()


# Short reports written for these tests (not from any article): with the examples they give the web
# and export tests events in several countries and years. Each is one JSON Lines record.
TEST_REPORTS = [
    ("by-minsk", "2020-08-17", "About 100,000 people marched in Minsk on Sunday, demanding that Lukashenko step down."),
    ("by-brest", "2020-09-07", "About 1,000 people marched in Brest on Sunday, chanting against Lukashenko."),
    ("by-gomel", "2020-08-18", "Workers at the tractor plant in Gomel went on strike on Monday, demanding new elections."),
    ("ru-moscow-1", "2019-08-11", "About 50,000 people rallied in Moscow on Saturday. Police detained more than "
                                  "100 people at the rally in Moscow on Saturday."),
    ("ru-moscow-2", "2019-08-04", "Thousands of people marched in Moscow on Saturday, and police detained 600."),
    ("ru-spb", "2019-08-12", "About 2,000 people rallied in Saint Petersburg on Saturday."),
    ("hk-1", "2019-06-17", "Organisers said 2,000,000 people marched in Hong Kong on Sunday."),
    ("hk-2", "2019-07-02", "Hundreds of protesters occupied the legislature in Hong Kong on Monday."),
    ("ng-lagos", "2020-10-21", "Thousands of young people blocked the toll gate in Lagos on Tuesday, protesting "
                               "against police brutality."),
    ("cl-santiago", "2019-10-26", "More than 1,000,000 people marched in Santiago on Friday."),
    ("fr-paris", "2023-03-24", "Rail workers in Paris went on strike on Thursday against the pension reform."),
]


@pytest.fixture(scope="session")
def reports_db(tmp_path_factory) -> Path:
    """The examples and TEST_REPORTS ingested once per test session into a SQLite store.

    Never open it to write: take `copy_store(reports_db, folder)` (or the `reports_db_copy` fixture).
    """
    from strikewatch.pipeline import ingest_paths
    from strikewatch.store import open_store

    folder = tmp_path_factory.mktemp("reports")
    store = open_store(str(folder / "reports.db"))
    ingest_paths([str(write_test_reports(folder / "in"))], store)
    store.close()
    return folder / "reports.db"


def copy_store(source: Path, folder: Path) -> str:
    """A copy of a SQLite store in `folder` (SQLite's backup: whole, whatever its journal holds)."""
    target = folder / source.name
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return str(target)


@pytest.fixture
def reports_db_copy(reports_db, tmp_path) -> str:
    """A store of its own holding the ingested examples and TEST_REPORTS, for a test that writes."""
    return copy_store(reports_db, tmp_path)


def write_test_reports(folder: Path) -> Path:
    """The examples and TEST_REPORTS (as reports.jsonl) in one folder, ready to ingest."""
    import json
    import shutil

    shutil.copytree(EXAMPLES, folder, dirs_exist_ok=True)
    lines = [json.dumps({"id": doc_id, "published": published, "outlet": "Test Wire", "text": text})
             for doc_id, published, text in TEST_REPORTS]
    (folder / "reports.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
