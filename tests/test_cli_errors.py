"""What a person meets at the command line when something is off, run as a real process: one line
naming the problem and what to do (status 2) instead of a traceback, no database created by a
typo, filters checked with suggestions, skipped and unread inputs named, ids to copy."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EXAMPLE_NOT_ENGLISH, EXAMPLES, write_test_reports

EXE = str(Path(sys.executable).parent / "strikewatch")


def sw(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=300)


def _one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("cli")
    db = str(folder / "demo.db")
    result = sw("ingest", str(write_test_reports(folder / "in")), "--db", db)
    assert result.returncode == 0, result.stderr
    return db


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


def test_an_unreachable_postgresql_server_is_one_line_and_status_2():
    url = f"postgresql://nobody@127.0.0.1:{_closed_port()}/strikewatch"
    for args in (["ingest", str(EXAMPLES)], ["events"], ["export"], ["stats"], ["explain", "x"], ["serve"],
                 ["token", "list"]):
        _one_line_error(sw(*args, "--db", url), "cannot open the database postgresql://nobody@127.0.0.1",
                        "Connection refused", "check the URL")


def test_missing_folders_for_the_database_or_the_export_are_one_line_and_status_2(tmp_path, demo_db):
    _one_line_error(sw("ingest", str(EXAMPLES), "--db", str(tmp_path / "no" / "x.db")),
                    f"the folder {tmp_path / 'no'} does not exist")
    _one_line_error(sw("export", "--db", demo_db, "-o", str(tmp_path / "no" / "e.csv")),
                    f"cannot write {tmp_path / 'no' / 'e.csv'}: the folder {tmp_path / 'no'} does not exist")


def test_read_only_commands_refuse_a_database_that_does_not_exist(tmp_path):
    typo = tmp_path / "demo.bd"
    for args in (["events"], ["export"], ["stats"], ["serve"], ["explain", "x"]):
        _one_line_error(sw(*args, "--db", str(typo)), f"no database at {typo}", "strikewatch ingest")
    assert not typo.exists()


def test_events_filters_take_names_and_codes_and_suggest_types(demo_db):
    by_name, by_code = sw("events", "--db", demo_db, "--country", "Finland"), sw("events", "--db", demo_db,
                                                                               "--country", "fi")
    assert by_name.returncode == 0 and by_name.stdout == by_code.stdout
    assert "Tampere, FI" in by_name.stdout and by_name.stdout.rstrip().endswith("1 events")
    for wrong, suggestion in (("protest", "demonstration"), ("strikes", "strike")):
        result = sw("events", "--db", demo_db, "--type", wrong)
        assert result.returncode == 2 and f"did you mean {suggestion}?" in result.stderr, result.stderr
        assert "types are demonstration, strike" in result.stderr
    unknown = sw("events", "--db", demo_db, "--country", "Atlantis")
    assert unknown.returncode == 2 and "unknown country 'Atlantis'" in unknown.stderr


def test_events_lists_ids_that_explain_takes(demo_db):
    lines = sw("events", "--db", demo_db, "--type", "strike").stdout.splitlines()
    assert lines[0].split()[:2] == ["id", "date"]
    event_id = lines[1].split()[0]
    explained = sw("explain", event_id, "--db", demo_db)
    assert explained.returncode == 0 and explained.stdout.startswith(f"event {event_id}: strike, ")


def test_skipped_files_and_empty_folders_are_counted_and_named(tmp_path):
    folder, empty = tmp_path / "notes", tmp_path / "empty"
    folder.mkdir()
    empty.mkdir()
    for name in ("readme.md", "table.csv", "report.docx"):
        (folder / name).write_text("Workers marched in Tampere on Saturday.", encoding="utf-8")
    result = sw("ingest", str(folder), str(empty), "--db", str(tmp_path / "s.db"))
    assert result.returncode == 1
    for name, suffix in (("readme.md", ".md"), ("table.csv", ".csv"), ("report.docx", ".docx")):
        assert f"{folder / name}: skipped: {suffix} is not a format strikewatch reads" in result.stdout
    assert f"{empty}: skipped: an empty folder" in result.stdout
    assert "0 added, 0 already stored, 0 rejected, 4 skipped" in result.stdout
    assert f"no articles found in {folder}, {empty}" in result.stderr


def test_a_page_in_another_language_is_said_to_be_unread(tmp_path):
    result = sw("ingest", str(EXAMPLE_NOT_ENGLISH), "--db", str(tmp_path / "l.db"))
    assert result.returncode == 0, result.stderr
    assert f"{EXAMPLE_NOT_ENGLISH}: not read: the text is in Spanish (es), and strikewatch reads English, " \
           "Russian" in result.stdout
    assert "added (0 mentions)" not in result.stdout and "0 added" in result.stdout and "1 not read" in result.stdout


def test_stats_lists_months_in_time_order(demo_db):
    out = sw("stats", "--db", demo_db).stdout
    months = [line.split()[0] for line in out.split("by month:")[1].strip().splitlines()]
    assert len(months) >= 8 and months == sorted(months[:-1]) + ["undated"]
    assert months[0] == "2019-06" and "2024-03" in months
