"""Nothing crashes, nothing is lost: bad input, limits, random input, kills, concurrent writers."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date as dt_date
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strikewatch.batch import process_batch
from strikewatch.cli import main
from strikewatch.export import load_schema
from strikewatch.ingest.readers import SUPPORTED, decode_bytes, from_text, read_file, read_jsonl, read_stdin
from strikewatch.limits import UNLIMITED, ArticleTimeout, Limits, time_limit
from strikewatch.model import RawDocument, Rejection
from strikewatch.resolve import resolve_events
from strikewatch.store import open_store
from strikewatch.store.sql import SCHEMA_VERSION

from .badinputs import ARTICLE, write_bad_corpus
from .conftest import ARTICLES, EXAMPLE_READ, EXAMPLE_STRIKE, EXAMPLES

STRIKEWATCH = str(Path(sys.executable).parent / "strikewatch")
needs_dev_articles = pytest.mark.skipif(not ARTICLES.exists(), reason=f"development articles not found at {ARTICLES}")


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def assert_consistent(db: str) -> None:
    """The store's invariants: full migrations, no orphans, events only over resolved articles,
    every exported record valid."""
    store = open_store(db)
    assert store.schema_version() == SCHEMA_VERSION
    con = sqlite3.connect(db)
    try:
        orphans = con.execute("SELECT count(*) FROM mentions WHERE doc_key NOT IN (SELECT doc_key FROM documents)")
        assert orphans.fetchone()[0] == 0
        dangling = con.execute("SELECT count(*) FROM event_mentions WHERE mention_id NOT IN "
                               "(SELECT mention_id FROM mentions) OR event_id NOT IN (SELECT event_id FROM events)")
        assert dangling.fetchone()[0] == 0
        over_pending = con.execute(
            "SELECT count(*) FROM event_mentions em JOIN mentions m ON m.mention_id = em.mention_id "
            "JOIN documents d ON d.doc_key = m.doc_key WHERE NOT d.resolved")
        assert over_pending.fetchone()[0] == 0, "an event holds a mention of an article not yet resolved"
        fts = con.execute("SELECT (SELECT count(*) FROM events_fts), (SELECT count(*) FROM events)").fetchone()
        assert fts[0] == fts[1]
    finally:
        con.close()
    schema = load_schema()
    for record in store.load_events():
        jsonschema.validate(record, schema)


# --- bad input ---------------------------------------------------------------------------------

def test_a_batch_over_every_kind_of_bad_input_keeps_the_good_and_reports_the_bad(tmp_path):
    inputs = tmp_path / "in"
    corpus = write_bad_corpus(inputs / "bad")
    good = inputs / "good"
    shutil.copytree(EXAMPLES, good)
    db = str(tmp_path / "bad.db")

    result = cli("ingest", str(inputs), "--db", db, "-q")

    assert result.exit_code == 1
    rejected_lines = [line for line in result.output.splitlines() if ": rejected: " in line]
    for source, fragment in corpus.rejected.items():
        said = [line for line in rejected_lines if line.startswith(f"{source}: rejected: ")]
        assert len(said) == 1, f"{source} not reported once: {said}"
        assert fragment in said[0], said[0]
    assert len(rejected_lines) == len(corpus.rejected)
    n_good = len(EXAMPLE_READ) + len(corpus.accepted)
    assert f"{n_good} added, 0 already stored, {len(corpus.rejected)} rejected" in result.output

    store = open_store(db)
    con = sqlite3.connect(db)
    stored = dict(con.execute("SELECT source, text FROM documents"))
    con.close()
    assert set(stored) == {str(good / p.name) for p in EXAMPLE_READ} | set(corpus.accepted)  # nothing of the rejected
    for source, phrase in corpus.accepted.items():
        assert phrase in stored[source], source
    assert store.pending_documents() == []
    assert_consistent(db)

    before = cli("export", "--db", db).output
    again = cli("ingest", str(inputs), "--db", db, "-q")
    assert again.exit_code == 1
    assert f"0 added, {n_good} already stored, {len(corpus.rejected)} rejected" in again.output
    assert cli("export", "--db", db).output == before


def test_the_size_limit_is_configurable_and_says_how(tmp_path):
    article = EXAMPLE_STRIKE
    small = next(read_file(article, Limits(max_bytes=100)))
    assert isinstance(small, Rejection) and "--max-article-mb" in small.message
    assert isinstance(next(read_file(article, UNLIMITED)), RawDocument)
    db = str(tmp_path / "limit.db")
    result = cli("ingest", str(article), "--db", db, "--max-article-mb", "0.0001")
    assert result.exit_code == 1 and "over the article size limit of 0.0001 MB" in result.output
    assert cli("ingest", str(article), "--db", db, "--max-article-mb", "0").exit_code == 0


def _loaded_and_slow(subject: str) -> tuple[RawDocument, RawDocument]:
    """A quick article (extracted once, so the model and gazetteer are loaded) and one whose 6,000
    sentences take far longer to extract than the limits below."""
    fast = RawDocument(source="fast.txt", text=ARTICLE, published=None)
    assert process_batch([fast], limits=UNLIMITED)[0].mentions
    sentences = [f"{subject} in town number {i} marched on Monday and {i * 7} people joined the strike."
                 for i in range(6000)]
    return fast, RawDocument(source="slow.txt", text="\n".join(sentences))


@pytest.mark.slow
def test_an_article_past_the_time_limit_is_rejected_and_the_batch_goes_on():
    fast, slow = _loaded_and_slow("Workers")
    limits = Limits(max_bytes=None, max_seconds=0.5)
    started = time.monotonic()
    slow_outcome, fast_outcome = process_batch([slow, fast], limits=limits)
    assert slow_outcome.error == limits.timeout_message() and "--article-timeout" in slow_outcome.error
    assert fast_outcome.error is None and fast_outcome.mentions
    assert time.monotonic() - started < 20  # not the minutes a full parse of the slow article takes


@pytest.mark.slow
def test_an_article_alone_past_the_time_limit_is_tried_once_not_twice(monkeypatch):
    import strikewatch.batch as batch

    _fast, slow = _loaded_and_slow("Dockers")
    tries = []
    extract = batch.extract_many
    monkeypatch.setattr(batch, "extract_many", lambda docs, **kw: tries.append(len(docs)) or extract(docs, **kw))
    limits = Limits(max_bytes=None, max_seconds=2.0)
    [outcome] = process_batch([slow], limits=limits)
    assert outcome.error == limits.timeout_message()
    assert tries == [1]  # the limit once: no batch try followed by a retry of the same article


@pytest.mark.slow
def test_a_paragraph_longer_than_spacy_takes_is_parsed_in_pieces(monkeypatch):
    from strikewatch.extract import extract_mentions
    from strikewatch.ingest import prepare_document
    from strikewatch.nlp import load_nlp

    filler = " ".join(f"The committee met for session {i} and adjourned." for i in range(200))
    text = f"{filler} Nurses in Vitebsk went on strike on Monday over pay. {filler}"
    monkeypatch.setattr(load_nlp(), "max_length", 2000)  # spaCy refuses a text longer than this
    doc = prepare_document(RawDocument(source="long.txt", text=text, published=dt_date(2021, 3, 3)))
    assert "\n" not in doc.text and len(doc.text) > 9 * 2000
    [mention] = extract_mentions(doc)
    assert mention.type.value == "strike" and mention.sentence.text == "Nurses in Vitebsk went on strike on Monday over pay."
    assert doc.text[mention.sentence.start:mention.sentence.end] == mention.sentence.text


def test_a_time_limit_holds_when_its_alarm_lands_where_the_exception_is_swallowed():
    # As in a finalizer, where Python ignores exceptions: the work must still end as timed out.
    started = time.monotonic()
    with pytest.raises(ArticleTimeout), time_limit(0.1):
        for _ in range(3):
            try:
                time.sleep(1)
            except ArticleTimeout:
                pass
    assert time.monotonic() - started < 1  # the repeated alarm ends it, not the three seconds of sleep


# --- random input: no exception escapes but the documented rejection -----------------------------

RANDOM = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RANDOM
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(sorted(SUPPORTED)))
def test_every_file_reader_turns_any_bytes_into_documents_or_rejections(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_file(path))
    assert items and all(isinstance(i, RawDocument | Rejection) for i in items)
    for item in items:
        assert item.source.startswith(str(path))
        if isinstance(item, Rejection):
            assert item.message and "\n" not in item.message


@RANDOM
@given(text=st.text(max_size=3000))
def test_standard_input_and_text_readers_accept_any_text(text):
    items = list(read_stdin(io.StringIO(text)))
    assert items and all(isinstance(i, RawDocument | Rejection) for i in items)
    assert isinstance(from_text(text, "t"), RawDocument)


@RANDOM
@given(data=st.binary(max_size=3000))
def test_decoding_any_bytes_gives_text_or_the_binary_refusal(data):
    try:
        assert isinstance(decode_bytes(data), str)
    except ValueError as exc:
        assert "binary" in str(exc)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20)
RECORD = st.fixed_dictionaries({}, optional={k: JSON for k in ("id", "url", "title", "outlet", "published", "text",
                                                                  "html")})


@RANDOM
@given(lines=st.lists(RECORD.map(json.dumps) | JSON.map(json.dumps) | st.text(max_size=200), max_size=5))
def test_json_lines_of_any_shape_give_documents_or_numbered_rejections(lines):
    items = list(read_jsonl(lines, "crawl.jsonl"))
    assert all(isinstance(i, RawDocument | Rejection) for i in items)
    assert all(i.source.startswith("crawl.jsonl:") for i in items)


WORDS = ["workers", "protest", "strike", "marched", "on", "Monday", "in", "Minsk", "Lagos", "police", "arrested",
         "12", "1,500", "thousands", "of", "tear gas", "yesterday", "2019", "March 3", "hunger strike", "the",
         "union", "blockade", "riot", "killed", "will", "plan", "not", ".", ",", "\n", "\n\n", "Read More", "«", "”"]
ARTICLE_TEXT = st.lists(st.sampled_from(WORDS) | st.text(max_size=12), min_size=1, max_size=120).map(" ".join)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ARTICLE_TEXT, published=st.none() | st.dates())
def test_the_pipeline_turns_any_text_into_mentions_with_true_evidence_or_a_rejection(text, published):
    raw = RawDocument(source="random.txt", text=text, published=published)
    (outcome,) = process_batch([raw])
    if outcome.error is not None:
        assert outcome.doc is None and "\n" not in outcome.error
        return
    doc = outcome.doc
    for mention in outcome.mentions:
        for evidence in (mention.trigger, mention.sentence):
            assert doc.text[evidence.start:evidence.end] == evidence.text
    resolve_events(outcome.mentions)


def test_a_pictograph_the_parser_reads_as_a_space_stays_in_the_evidence():
    (outcome,) = process_batch([RawDocument(source="t.txt", text="Dockers 🔥 marched in Lagos on Monday.",
                                            published=None)])
    [mention] = outcome.mentions
    assert mention.sentence.text == outcome.doc.text[mention.sentence.start:mention.sentence.end]
    assert "🔥" in mention.sentence.text


# --- interruptions -------------------------------------------------------------------------------

def ingest_command(db: str, *paths: str) -> list[str]:
    return [STRIKEWATCH, "ingest", *paths, "--db", db, "-q", "--workers", "1", "--batch-size", "2"]


def stored_documents(db: str) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:  # not created or not migrated yet
        return 0


def export_of(db: str) -> str:
    return subprocess.run([STRIKEWATCH, "export", "--db", db], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def dev_corpus(tmp_path_factory):
    if not ARTICLES.exists():
        pytest.skip(f"development articles not found at {ARTICLES}")
    folder = tmp_path_factory.mktemp("dev")
    for path in sorted(ARTICLES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    db = str(folder.parent / "uninterrupted.db")
    subprocess.run(ingest_command(db, str(folder)), check=True, capture_output=True)
    return folder, export_of(db)


@needs_dev_articles
@pytest.mark.parametrize("sig, after_documents", [
    (signal.SIGKILL, 0),  # while starting: loading the model, creating the schema
    (signal.SIGKILL, 2),  # after the first batch
    (signal.SIGKILL, 11),  # half way
    (signal.SIGKILL, 21),  # every article written, resolution pending or under way
    (signal.SIGINT, 7),
])
def test_a_killed_ingest_leaves_a_consistent_store_and_the_rerun_finishes_the_job(tmp_path, dev_corpus, sig,
                                                                                  after_documents):
    folder, expected = dev_corpus
    db = str(tmp_path / "killed.db")
    process = subprocess.Popen(ingest_command(db, str(folder)), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    deadline = time.monotonic() + 120
    if after_documents == 0:
        time.sleep(0.5)
    else:
        while stored_documents(db) < after_documents and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    if sig == signal.SIGKILL:
        assert process.returncode == -signal.SIGKILL, "the ingest ended before the kill"
    else:
        assert process.returncode == 130 and "run the same command again" in err, err
    if os.path.exists(db) and stored_documents(db):
        assert_consistent(db)
    rerun = subprocess.run(ingest_command(db, str(folder)), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert "0 rejected" in rerun.stdout
    assert open_store(db).pending_documents() == []
    assert_consistent(db)
    assert export_of(db) == expected


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_failed_migration_leaves_the_database_as_it_was(tmp_path, monkeypatch, request, backend):
    from sqlalchemy import inspect

    from strikewatch.store import sql

    db = str(tmp_path / "m.db") if backend == "sqlite" else request.getfixturevalue("fresh_postgres")
    open_store(db).close()

    def half_done(conn):
        conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN half_done TEXT")
        raise RuntimeError("killed midway")

    monkeypatch.setattr(sql, "MIGRATIONS", [*sql.MIGRATIONS, half_done])
    with pytest.raises(RuntimeError):
        open_store(db)
    monkeypatch.undo()
    store = open_store(db)
    assert store.schema_version() == SCHEMA_VERSION
    inspector = inspect(store.engine)
    assert "half_done" not in inspector.get_table_names()
    assert "half_done" not in {c["name"] for c in inspector.get_columns("documents")}
    store.close()


# --- one bad record -----------------------------------------------------------------------------

def _store_on(backend: str, tmp_path: Path, request) -> str:
    return str(tmp_path / "edge.db") if backend == "sqlite" else request.getfixturevalue("fresh_postgres")


def _record(ident: str, **fields: str) -> str:
    text = fields.pop("text", f"Teachers marched in Minsk on Sunday to demand higher pay, the union {ident} said.")
    return json.dumps({"id": ident, "published": "2021-03-07", "text": text, **fields})  # ensure_ascii: \\u escapes


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_unstorable_characters_and_ids_cost_only_their_own_record(tmp_path, request, backend):
    from strikewatch.pipeline import ingest_paths

    db = _store_on(backend, tmp_path, request)
    lines = [
        _record("good-first"),
        _record("surrogate-title", title="A title with a lone \udfff surrogate"),
        _record("surrogate-id-\udfff"),
        _record("nul-text", text="Nurses went on strike in Gomel on Monday.\u0000 They want more staff."),
        _record("nul-fields", title="Ti\u0000tle", outlet="Out\u0000let", url="https://example.org/\u0000"),
        _record("nul-id-\u0000"),
        _record("x" * 257),
        _record("huge-count", text="A crowd of 99999999999999999999999 people marched in Vitebsk on Sunday."),
        _record("good-last"),
    ]
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = open_store(db)
    summary = ingest_paths([str(path)], store)
    reasons = {r.source.rsplit(":", 1)[1]: r.message for r in summary.rejections}
    assert summary.added == 6 and summary.rejected == 3, reasons
    assert "lone surrogate (U+DFFF)" in reasons["3"] and "NUL character" in reasons["6"]
    assert "257 characters, over the limit of 200" in reasons["7"]
    assert store.load_document("good-last") is not None and store.pending_documents() == []
    assert store.load_document("surrogate-title").title == "A title with a lone \ufffd surrogate"
    nul_text = store.load_document("nul-text")
    assert "\x00" not in nul_text.text and "strike in Gomel on Monday.\ufffd They" in nul_text.original
    fields = store.load_document("nul-fields")
    assert (fields.title, fields.outlet, fields.url) == ("Ti\ufffdtle", "Out\ufffdlet", "https://example.org/\ufffd")
    events = store.load_events()
    assert any(e["type"] == "strike" and e["place"]["country"] == "BY" for e in events)
    # a figure no BIGINT holds is no figure: the event is stored without a size
    assert [e["size_high"] for e in events if "Vitebsk" in e["mentions"][0]["sentence"]] == [None]
    again = ingest_paths([str(path)], store)  # a rerun goes past the bad records too
    assert again.added == 0 and again.duplicates == 6 and again.rejected == 3
    store.close()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_record_the_database_refuses_at_write_time_is_rejected_alone(tmp_path, request, backend):
    from dataclasses import replace

    from strikewatch.batch import Outcome, store_outcomes
    from strikewatch.ingest import prepare_document

    store = open_store(_store_on(backend, tmp_path, request))
    docs = [prepare_document(RawDocument(source=f"<{n}>", id=n, text=f"Workers struck in Brest, said {n}."))
            for n in ("first", "bad", "last")]
    # Made past the pipeline's own cleaning, as a bug or a new reader might: no database encodes it.
    docs[1] = replace(docs[1], title="broken \udc80 title")
    outcomes = store_outcomes([Outcome(d.source, doc=d) for d in docs], store)
    assert [o.status for o in outcomes] == ["added", None, "added"]
    assert outcomes[1].error.startswith("cannot be stored:") and outcomes[1].doc is None
    assert set(store.keys_by_id(["first", "bad", "last"])) == {"first", "last"}
    store.close()


# --- concurrency ---------------------------------------------------------------------------------

def normalised(export: str) -> list[dict]:
    """Export records without event ids (which of two concurrent runs resolved first may pick the
    id of an event that several articles report), in a stable order."""
    records = [json.loads(line) for line in export.splitlines()]
    for record in records:
        record.pop("id")
    return sorted(records, key=lambda r: sorted(m["mention_id"] for m in r["mentions"]))


@needs_dev_articles
def test_two_concurrent_ingests_into_one_sqlite_file_lose_nothing(tmp_path, dev_corpus):
    folder, expected = dev_corpus
    files = sorted(str(p) for p in folder.glob("*.txt"))
    db = str(tmp_path / "shared.db")
    first = subprocess.Popen(ingest_command(db, *files[:14]), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(ingest_command(db, *files[8:]), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for process in (first, second):
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    assert stored_documents(db) == len(files)
    assert open_store(db).pending_documents() == []
    assert_consistent(db)
    assert normalised(export_of(db)) == normalised(expected)


@needs_dev_articles
@pytest.mark.postgres
def test_two_concurrent_ingests_into_one_postgresql_database_lose_nothing(dev_corpus, fresh_postgres):
    folder, expected = dev_corpus
    files = sorted(str(p) for p in folder.glob("*.txt"))
    runs = [subprocess.Popen(ingest_command(fresh_postgres, *part), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for part in (files[:14], files[8:])]
    for process in runs:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    store = open_store(fresh_postgres)
    assert store.counts()["documents"] == len(files) and store.pending_documents() == []
    assert normalised(export_of(fresh_postgres)) == normalised(expected)
    store.close()


@needs_dev_articles
def test_an_ingest_while_the_web_app_serves(tmp_path, dev_corpus):
    folder, expected = dev_corpus
    db = str(tmp_path / "served.db")
    open_store(db).close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([STRIKEWATCH, "serve", "--db", db, "--port", str(port)], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        _wait_for(f"{base}/stats")
        ingest = subprocess.Popen(ingest_command(db, str(folder)), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        answered, documents = 0, []
        while ingest.poll() is None:
            for path in ("/stats", "/events?per_page=5", "/map", "/timeline", "/events?q=strike"):
                with urllib.request.urlopen(base + path, timeout=30) as response:
                    assert response.status == 200
                    body = json.load(response)
                    answered += 1
                if path == "/stats":
                    documents.append(body["counts"]["documents"])
        assert ingest.returncode == 0, ingest.stderr.read()
        assert answered > 10 and documents == sorted(documents)  # the count only grows
        with urllib.request.urlopen(f"{base}/stats", timeout=30) as response:
            assert json.load(response)["counts"] == open_store(db).counts()
    finally:
        server.terminate()
        server.wait(10)
    assert_consistent(db)
    assert export_of(db) == expected


def _wait_for(url: str) -> None:
    for _ in range(150):
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def test_opening_a_store_does_not_wait_for_another_process_write(tmp_path):
    import sqlite3
    import time

    db = str(tmp_path / "busy.db")
    open_store(db).close()
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process's write, still going (a long ingest batch)
    try:
        started = time.monotonic()
        store = open_store(db)  # before: the opening took the write lock, waited 60 s and failed
        assert time.monotonic() - started < 5
        assert store.counts()["documents"] == 0
        store.close()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
