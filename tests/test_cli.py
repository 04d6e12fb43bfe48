"""The command line, end to end on real articles."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from strikewatch.cli import main
from strikewatch.store import open_store

from .conftest import EXAMPLE_READ, EXAMPLE_STRIKE, EXAMPLES


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result


def test_ingest_is_idempotent_and_export_works(tmp_path):
    db = str(tmp_path / "cli.db")
    first = run("ingest", str(EXAMPLES), "--db", db)
    assert first.exit_code == 0, first.output
    assert "5 added, 0 already stored, 0 rejected" in first.output
    before = run("export", "--db", db, "--format", "jsonl").output
    second = run("ingest", str(EXAMPLES), "--db", db)
    assert "0 added, 5 already stored" in second.output
    assert "already stored, nothing added" in second.output
    assert run("export", "--db", db, "--format", "jsonl").output == before
    records = [json.loads(line) for line in before.splitlines()]
    # the two outlets' reports of the Tampere march are one event
    (march,) = [r for r in records if r["place"] and r["place"]["name"] == "Tampere"]
    assert march["date_start"] == "2024-03-09" and len({m["outlet"] for m in march["mentions"]}) == 2


def test_rejections_set_exit_status_and_name_the_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE_STRIKE, folder / "good.txt")
    (folder / "bad.txt").write_bytes(b"\x00\x00binary")
    result = run("ingest", str(folder), "--db", str(tmp_path / "r.db"))
    assert result.exit_code == 1
    assert "bad.txt: rejected" in result.output
    assert "1 added, 0 already stored, 1 rejected" in result.output


def test_stdin_env_db_and_tables(tmp_path, monkeypatch):
    monkeypatch.setenv("STRIKEWATCH_DB", str(tmp_path / "env.db"))
    line = json.dumps({"id": "x1", "published": "2020-09-20", "url": "http://example.org/x1",
                       "text": "Tens of thousands of opposition supporters marched in Minsk on Sunday."})
    assert run("ingest", "-", input=line + "\n").exit_code == 0
    table = run("events", "--country", "BY").output
    assert "2020-09-20" in table and "Minsk" in table and "1 events" in table
    assert "0 events" in run("events", "--type", "strike").output
    assert "0 events" in run("events", "--since", "2021-01-01").output
    stats = run("stats").output
    assert "demonstration" in stats and "BY" in stats and "2020-09" in stats


def test_every_command_is_documented():
    readme = (EXAMPLES.parent.parent / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"strikewatch {name}" in readme, name


def test_geocode_shows_candidates_choice_and_reason():
    result = run("geocode", "Doctors in Brest and Baranovici protested on Monday.")
    assert result.exit_code == 0, result.output
    assert "country context:" in result.output
    assert "'Baranovici' at 21-31 -> Baranovichi (city; Brest; BY)" in result.output
    assert "spelling variant" in result.output
    homonyms = run("geocode", "Brest", "--country", "FR")
    assert "-> Brest (city; Brittany; FR)" in homonyms.output
    assert "Brest                        city    BY" in homonyms.output  # the rejected homonym is listed
    nothing = run("geocode", "Qwzxv")
    assert nothing.exit_code == 1 and "not resolved" in nothing.output


def test_ingesting_one_article_at_a_time_gives_the_batch_events(tmp_path):
    batch, stepwise = str(tmp_path / "batch.db"), str(tmp_path / "step.db")
    run("ingest", str(EXAMPLES), "--db", batch)
    for path in sorted(EXAMPLE_READ, reverse=True):
        run("ingest", str(path), "--db", stepwise)

    def without_ids(db):
        records = [json.loads(line) for line in run("export", "--db", db).output.splitlines()]
        return sorted(json.dumps({k: v for k, v in r.items() if k != "id"}, sort_keys=True) for r in records)

    assert without_ids(stepwise) == without_ids(batch)


def test_ingest_with_workers_reports_every_article(tmp_path):
    db = str(tmp_path / "w.db")
    result = run("ingest", str(EXAMPLES), "--db", db, "--workers", "2")
    assert result.exit_code == 0, result.output
    assert "5 added, 0 already stored, 0 rejected" in result.output
    assert sum("added (" in line for line in result.output.splitlines()) == 5
    single = str(tmp_path / "s.db")
    run("ingest", str(EXAMPLES), "--db", single, "--workers", "1")
    assert run("export", "--db", db).output == run("export", "--db", single).output


def test_progress_lines_off_a_terminal(capsys):
    from strikewatch.cli import _Progress
    from strikewatch.pipeline import IngestSummary

    progress = _Progress(total=10, quiet=False, every=0.0)
    assert progress.bar is None  # standard error is not a terminal here
    progress.update(IngestSummary(added=3, duplicates=1))
    err = capsys.readouterr().err
    assert err.startswith("ingest: 4/10 articles, ") and "/s, about " in err and " left" in err
    quiet = _Progress(total=10, quiet=True, every=0.0)
    quiet.update(IngestSummary(added=3))
    assert capsys.readouterr().err == ""


@pytest.mark.postgres
def test_every_command_works_on_postgresql_and_exports_what_sqlite_does(tmp_path, fresh_postgres):
    assert run("ingest", str(EXAMPLES), "--db", fresh_postgres, "-q").exit_code == 0
    sqlite = str(tmp_path / "same.db")
    run("ingest", str(EXAMPLES), "--db", sqlite, "-q")
    for fmt in ("jsonl", "csv", "geojson"):
        assert run("export", "--db", fresh_postgres, "--format", fmt).output == \
            run("export", "--db", sqlite, "--format", fmt).output, fmt
    assert run("events", "--db", fresh_postgres).output == run("events", "--db", sqlite).output
    assert run("stats", "--db", fresh_postgres).output == run("stats", "--db", sqlite).output
    again = run("ingest", str(EXAMPLES), "--db", fresh_postgres)
    assert "0 added, 5 already stored" in again.output


def test_tokens_from_the_command_line(tmp_path):
    db = str(tmp_path / "t.db")
    created = run("token", "create", "ana", "--db", db)
    assert created.exit_code == 0 and len(created.output.strip()) >= 24
    assert open_store(db).reviewer_of(created.output.strip()) == "ana"
    again = run("token", "create", "ana", "--db", db)
    assert again.exit_code == 1 and "exists already" in again.output
    assert "ana" in run("token", "list", "--db", db).output
    assert run("token", "revoke", "ana", "--db", db).exit_code == 0
    assert run("token", "revoke", "ana", "--db", db).exit_code == 1
    assert open_store(db).reviewer_of(created.output.strip()) is None


def test_parquet_and_acled_exports_to_files(tmp_path):
    import pyarrow.parquet as pq

    db = str(tmp_path / "x.db")
    run("ingest", str(EXAMPLES), "--db", db)
    n = len(open_store(db).load_events())
    result = run("export", "--db", db, "--format", "parquet", "-o", str(tmp_path / "e.parquet"))
    assert result.exit_code == 0 and pq.read_table(tmp_path / "e.parquet").num_rows == n
    acled = run("export", "--db", db, "--format", "acled")
    dated = sum(1 for e in open_store(db).load_events() if e["date_start"])
    assert acled.stdout.startswith("event_id_cnty,event_date,year,") and len(acled.stdout.strip().splitlines()) == (
        dated + 1)
    assert f"{n - dated} undated events left out (ACLED rows need a date)" in acled.stderr


def test_export_writes_the_format_its_file_extension_names(tmp_path):
    import pyarrow.parquet as pq

    db = str(tmp_path / "x.db")
    run("ingest", str(EXAMPLES), "--db", db)
    n = len(open_store(db).load_events())
    assert run("export", "--db", db, "-o", str(tmp_path / "e.csv")).exit_code == 0
    assert (tmp_path / "e.csv").read_text(encoding="utf-8").startswith("id,")
    assert run("export", "--db", db, "-o", str(tmp_path / "e.parquet")).exit_code == 0
    assert pq.read_table(tmp_path / "e.parquet").num_rows == n
    # an explicit --format wins; an extension it does not know is JSON Lines
    assert run("export", "--db", db, "--format", "geojson", "-o", str(tmp_path / "g.csv")).exit_code == 0
    assert (tmp_path / "g.csv").read_text(encoding="utf-8").startswith('{"type"')
    assert run("export", "--db", db, "-o", str(tmp_path / "e.txt")).exit_code == 0
    assert (tmp_path / "e.txt").read_text(encoding="utf-8").startswith('{"id"')


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_answers_on_its_port(tmp_path, workers):
    import socket
    import subprocess
    import time
    import urllib.request

    import psutil

    db = str(tmp_path / "s.db")
    run("ingest", str(EXAMPLES), "--db", db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).parent / "strikewatch"
    server = subprocess.Popen([str(exe), "serve", "--db", db, "--port", str(port), "--workers", str(workers)],
                              stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/stats", timeout=2) as response:
                    stats = json.load(response)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("strikewatch serve did not answer")
        assert stats["counts"]["events"] == len(open_store(db).load_events())
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert b'id="map"' in response.read()
        if workers > 1:  # each worker process serves the same store
            serving = [p for p in psutil.Process(server.pid).children(recursive=True)
                       if any("spawn" in part for part in p.cmdline())]
            assert len(serving) >= workers, [p.cmdline() for p in serving]
    finally:
        server.terminate()
        server.wait(30)


def test_explain_shows_every_field_with_its_spans_rules_and_sources(tmp_path):
    db = str(tmp_path / "x.db")
    run("ingest", str(EXAMPLES), "--db", db)
    (march,) = [r for r in open_store(db).load_events() if (r["place"] or {}).get("name") == "Tampere"]
    result = run("explain", march["id"], "--db", db)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith(f"event {march['id']}: demonstration, 2024-03-09, Tampere")
    assert '"marched" at ' in out  # the type's evidence
    assert '"on Saturday" at ' in out and "rule date:weekday" in out
    assert "rule place:in-sentence" in out and "chose Tampere" in out  # why this Tampere
    assert "claim 2,000-2,000 by Police" in out and "claim 8,000-8,000 by Organisers" in out  # every claim, its claimant
    assert "Northern Courier (illustrative), published 2024-03-10" in out
    assert "Lake Gazette (illustrative), published 2024-03-10" in out
    assert "size: 2,000 by Police (Northern Courier (illustrative))" in out  # the claims side by side
    assert "8,000 by Organisers (Lake Gazette (illustrative))" in out
    for m in march["mentions"]:
        assert m["mention_id"] in out and m["sentence"] in out
    missing = run("explain", "no-such-event", "--db", db)
    assert missing.exit_code == 1 and "no event 'no-such-event'" in missing.output


def test_export_streams_the_store_in_pages_and_writes_what_a_whole_export_does(store, tmp_path, monkeypatch):
    import io

    import pyarrow.parquet as pq

    from strikewatch.export import FORMATS, export_bytes
    from strikewatch.store.sql import SqlStore

    assert run("ingest", str(EXAMPLES), "--db", store.url, "-q").exit_code == 0
    everything = store.load_events()
    assert len(everything) > 3
    pages: list[int] = []
    paged = SqlStore.iter_events

    def small_pages(self, query, chunk=1000):
        pages.append(chunk)
        return paged(self, query, chunk=2)

    def whole(self):
        raise AssertionError("the export loaded the whole store")

    monkeypatch.setattr(SqlStore, "iter_events", small_pages)
    monkeypatch.setattr(SqlStore, "load_events", whole)
    for fmt in FORMATS:
        out = tmp_path / f"e.{fmt}"
        assert run("export", "--db", store.url, "--format", fmt, "-o", str(out)).exit_code == 0, fmt
        expected = export_bytes(everything, fmt)
        if fmt == "parquet":
            assert pq.read_table(out).to_pylist() == pq.read_table(io.BytesIO(expected)).to_pylist()
        elif fmt == "acled":  # the last column is the time of export
            assert [line.rsplit(",", 1)[0] for line in out.read_text("utf-8").splitlines()] == [
                line.rsplit(",", 1)[0] for line in expected.decode("utf-8").splitlines()]
        else:
            assert out.read_bytes() == expected, fmt
    assert len(pages) == len(FORMATS)
