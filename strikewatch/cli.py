"""The `strikewatch` command: thin wrappers over library calls.

Commands that extract, serve or fetch import the pipeline, the web app or the fetchers when they
run: those imports take seconds (spaCy, FastAPI, HTTP clients) that every quick command would pay.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time
from collections import Counter
from pathlib import Path

import click

from strikewatch.explain import explain as explain_event
from strikewatch.export import BINARY_FORMATS, FORMATS, Tally, export
from strikewatch.export import codebook as codebook_text
from strikewatch.filters import FilterError, country_code, event_type
from strikewatch.geo import toponyms
from strikewatch.geo.gazetteer import Gazetteer, load_gazetteer
from strikewatch.ingest import prepare_document
from strikewatch.ingest.readers import FORMATS_READ, count_inputs
from strikewatch.limits import MB, Limits
from strikewatch.model import EventType, RawDocument
from strikewatch.nlp import parse
from strikewatch.store import SqlStore, StoreUnavailable, database_url, open_store
from strikewatch.store.sql import EventQuery

DB_HELP = "Database: a SQLite path or a SQLAlchemy URL (default: $STRIKEWATCH_DB or ./strikewatch.db)."


class Refused(click.ClickException):
    """A command that cannot start (its database or output file cannot be opened): one line, status 2."""

    exit_code = 2


def _store(db: str | None, must_exist: bool = True) -> SqlStore:
    """The store for a command; commands that only read refuse a database that does not exist."""
    try:
        return open_store(db, must_exist=must_exist)
    except StoreUnavailable as exc:
        raise Refused(str(exc)) from None


@click.group()
@click.version_option(package_name="strikewatch")
@click.option("-v", "--verbose", is_flag=True, help="Log debugging detail to standard error.")
def main(verbose: bool) -> None:
    """strikewatch: turn news articles into protest and strike event data."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(message)s")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=None, help=DB_HELP)
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary and rejections (no progress).")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=None,
              help="Extraction processes (default: all cores; inputs under 64 articles run in this process).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' for a local "
                   "cluster of --workers processes. Workers write to the store, so give them one they all "
                   "reach (PostgreSQL).")
@click.option("--max-article-mb", type=click.FloatRange(min=0), default=5.0, show_default=True,
              help="Reject an article (a file, or one JSON Lines record) larger than this; 0 for no limit.")
@click.option("--article-timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Reject an article whose cleaning and extraction take longer (seconds); 0 for no limit.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Articles extracted together and written in one transaction (default 64; 256 on Dask).")
def ingest(paths: tuple[str, ...], db: str | None, quiet: bool, workers: int | None, dask_address: str | None,
           max_article_mb: float, article_timeout: float, batch_size: int | None) -> None:
    """Read articles (files, folders, or - for standard input) into the store and resolve events.

    Formats: .txt (optional `key: value` metadata lines, a blank line, then the text), .html/.htm,
    .pdf, .jsonl (one article per line). Input is streamed. On a terminal a progress bar shows
    articles per second and the time left; otherwise a progress line goes to standard error every
    10 seconds. Exit status 1 if any input was rejected, 130 if interrupted: what was written stays
    consistent, and running the same command again finishes the job without duplicates.
    """
    from strikewatch.batch import BATCH_SIZE  # extraction's modules (seconds): loaded when a command extracts
    from strikewatch.parallel import default_workers
    from strikewatch.pipeline import ingest_paths

    store = _store(db, must_exist=False)
    total = count_inputs(paths)
    if workers is None:
        one_batch = total is not None and total < BATCH_SIZE and not dask_address  # nothing to share out
        workers = 1 if one_batch else default_workers()
    progress = _Progress(total, quiet)

    def report(source: str, status: str) -> None:
        if status.startswith("rejected"):
            progress.write(f"{source}: {status}", err=True)
        elif not quiet:
            progress.write(f"{source}: {status}")

    limits = Limits(max_bytes=round(max_article_mb * MB) or None, max_seconds=article_timeout or None)
    try:
        summary = ingest_paths(paths, store, on_item=report, workers=workers, dask=dask_address,
                               on_progress=progress.update, batch_size=batch_size, limits=limits)
    except KeyboardInterrupt:
        progress.close()
        click.echo("interrupted: the articles written so far are kept; run the same command again to finish "
                   "(nothing is duplicated)", err=True)
        sys.exit(130)
    finally:
        progress.close()
    click.echo(summary.line())
    if not summary.articles:
        click.echo(f"no articles found in {', '.join(paths)} (formats read: {FORMATS_READ})", err=True)
        sys.exit(1)
    sys.exit(1 if summary.rejected else 0)


class _Progress:
    """A tqdm bar on a terminal; plain progress lines on standard error every 10 s otherwise."""

    def __init__(self, total: int | None, quiet: bool, every: float = 10.0) -> None:
        self.total, self.quiet, self.every = total, quiet, every
        self.started = self.last = time.monotonic()
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="art", desc="ingest", dynamic_ncols=True, file=sys.stderr)

    def write(self, line: str, err: bool = False) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr if err else sys.stdout)
        else:
            click.echo(line, err=err)

    def update(self, summary) -> None:  # noqa: ANN001 - an IngestSummary
        if self.bar is not None:
            self.bar.update(summary.seen - self.bar.n)
            return
        now = time.monotonic()
        if self.quiet or now - self.last < self.every:
            return
        self.last = now
        rate = summary.seen / max(now - self.started, 1e-9)
        done = f"{summary.seen:,}/{self.total:,}" if self.total else f"{summary.seen:,}"
        eta = ""
        if self.total and rate > 0:
            eta = f", about {dt.timedelta(seconds=round(max(self.total - summary.seen, 0) / rate))} left"
        click.echo(f"ingest: {done} articles, {rate:.1f}/s{eta}", err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# The format an output file's extension names, when --format is not given.
_FORMAT_OF_EXTENSION = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".geojson": "geojson",
                        ".parquet": "parquet"}


@main.command(name="export")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Default: the output file's extension (.jsonl, .csv, .geojson, .parquet), else jsonl.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Output file (default: standard output).")
@click.option("--codebook", is_flag=True, help="Print the codebook (every column of every format) and exit.")
def export_cmd(db: str | None, fmt: str | None, output: str | None, codebook: bool) -> None:
    """Export events as JSON Lines (the public contract), CSV, GeoJSON, Parquet or ACLED-style CSV.

    Reviewers' corrections are included; events marked wrong or merged into another are left out.
    `--codebook` describes every column.
    """
    if codebook:
        click.echo(codebook_text(), nl=False)
        return
    fmt = fmt or _FORMAT_OF_EXTENSION.get(Path(output).suffix.lower() if output else "", "jsonl")
    if output and not Path(output).resolve().parent.is_dir():
        raise Refused(f"cannot write {output}: the folder {Path(output).resolve().parent} does not exist")
    records = Tally(_store(db).iter_events(EventQuery()))  # read in pages as written: memory stays flat
    binary = fmt in BINARY_FORMATS
    if output:
        with open(output, "wb") if binary else open(output, "w", encoding="utf-8", newline="") as fh:
            n = export(records, fmt, fh)
        click.echo(f"{n} events written to {output}", err=True)
    elif binary:
        if sys.stdout.isatty():
            raise click.UsageError(f"{fmt} is binary: give an output file with -o")
        export(records, fmt, sys.stdout.buffer)
    else:
        export(records, fmt, sys.stdout)
    if note := records.left_out(fmt):
        click.echo(note, err=True)


@main.command()
@click.option("--db", default=None, help=DB_HELP)
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="First day (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Last day (YYYY-MM-DD).")
@click.option("--country", default=None, help="A country's ISO 3166-1 alpha-2 code or name, e.g. BY or Belarus.")
@click.option("--type", "etype", default=None, help=f"Event type: {', '.join(t.value for t in EventType)}.")
def events(db: str | None, since, until, country: str | None, etype: str | None) -> None:
    """Print events as a readable table, oldest first (undated last), each with its id."""

    try:
        code = country_code(country) if country else None
        types = [event_type(etype)] if etype else []
    except FilterError as exc:
        raise click.BadParameter(str(exc), param_hint="--country" if "country" in str(exc) else "--type") from None
    if since and until and since > until:
        raise click.BadParameter("--since is after --until")
    query = EventQuery(since=since.date() if since else None, until=until.date() if until else None,
                       country=code, types=types)
    records = _store(db).query_events(query, limit=None)[1]
    width = max([16, *(len(r["id"]) for r in records)])
    click.echo(f"{'id':{width}}  {'date':10}  {'type':13}  {'place':22}  {'size':>17}  src  description")
    for r in records:
        place = r.get("place") or {}
        where = f"{place.get('name', '?')}, {place.get('country') or '?'}" if place else "?"
        size = "" if r["size_low"] is None else (
            f"{r['size_low']:,}" if r["size_low"] == r["size_high"] else f"{r['size_low']:,}-{r['size_high']:,}")
        sources = len({m["doc_id"] for m in r["mentions"]})
        sentence = r["mentions"][0]["sentence"]
        desc = sentence if len(sentence) <= 70 else sentence[:67] + "..."
        click.echo(f"{r['id']:{width}}  {r['date_start'] or '?':10}  {r['type']:13}  {where[:22]:22}  {size:>17}  "
                   f"{sources:>3}  {desc}")
    click.echo(f"{len(records)} events")


@main.command()
@click.argument("event_id")
@click.option("--db", default=None, help=DB_HELP)
def explain(event_id: str, db: str | None) -> None:
    """Show why an event says what it says: each field with the spans, rules and reasons behind it."""
    text = explain_event(_store(db), event_id)
    if text is None:
        raise click.ClickException(f"no event {event_id!r} (ids are in `strikewatch events` and the exports)")
    click.echo(text, nl=False)


@main.command()
@click.option("--db", default=None, help=DB_HELP)
def stats(db: str | None) -> None:
    """Counts of events by type, country and month."""
    store = _store(db)
    records = store.load_events()
    counts = store.counts()
    click.echo(f"{counts['documents']} documents, {counts['mentions']} mentions, {counts['events']} events")
    by_count = lambda kv: (-kv[1], kv[0])  # noqa: E731
    in_time = lambda kv: (kv[0] == "undated", kv[0])  # noqa: E731 - months in order, undated last
    for title, key, order in (("type", lambda r: r["type"], by_count),
                              ("country", lambda r: (r.get("place") or {}).get("country") or "unknown", by_count),
                              ("month", lambda r: (r.get("date_start") or "undated")[:7], in_time)):
        click.echo(f"\nby {title}:")
        for value, n in sorted(Counter(key(r) for r in records).items(), key=order):
            click.echo(f"  {value:20} {n:6}")


@main.command()
@click.argument("text")
@click.option("--country", default=None, help="ISO 3166-1 alpha-2 code of the article's country, as context.")
def geocode(text: str, country: str | None) -> None:
    """Show how TEXT's place names resolve: every candidate, the choice, and why.

    TEXT is a sentence or an article ("Doctors protested in Baranovici.") or a bare name.
    """
    result = geocode_text(text, country)
    context = ", ".join(f"{code} {n}" for code, n in result.context.most_common()) or "none"
    click.echo(f"country context: {context}")
    for t in result.toponyms:
        p = t.place
        click.echo(f"\n{t.text!r} at {t.start}-{t.end} -> {p.name} ({p.kind}; {p.admin1 or '-'}; {p.country}) "
                   f"{p.lat}, {p.lon}  [{p.gazetteer_id}]")
        click.echo(f"  why: {t.reason}")
        _echo_readings(t.readings, result.context, toponyms.reading_score)
    for name, options in result.unresolved:
        click.echo(f"\n{name!r} -> not resolved ({len(options)} candidates, none credible in this context)")
        _echo_readings(options, result.context, toponyms.reading_score)
    if not result.toponyms:
        sys.exit(1)


def geocode_text(text: str, country: str | None = None, gazetteer: Gazetteer | None = None) -> toponyms.Geocoding:
    """Geocode free text, as `strikewatch geocode` does; `country` (ISO alpha-2) adds context.

    Text in which the model finds no place entity ("Baranovici" alone) is read as one place name.
    """
    gaz = gazetteer or load_gazetteer()
    sentences = parse(prepare_document(RawDocument(id="geocode", text=text, source="<text>")))
    context = toponyms.document_countries(sentences, gaz)
    if country:
        context[country.upper()] += 3
    result = toponyms.geocode(sentences, gaz, context)
    if not result.toponyms and not result.unresolved:
        name = toponyms.strip_name(text.strip())
        options = toponyms.readings(name, "GPE", gaz, context)
        chosen = toponyms.choose(options, context)
        if chosen:
            result.toponyms.append(toponyms.Toponym(name, 0, len(name), *chosen, readings=options))
        else:
            result.unresolved.append((name, options))
    return result


def _echo_readings(options, context, score) -> None:
    for r in sorted(options, key=lambda r: -score(r, context))[:8]:
        p, admin1 = r.place, (r.place.admin1 or "-")[:24]
        match = f"{r.match} {r.similarity:.2f}" if r.match == "fuzzy" else r.match
        click.echo(f"    {score(r, context):6.2f}  {p.name[:28]:28} {p.kind:7} {p.country}  {admin1:24} "
                   f"pop {p.population:>11,}  {match}")


@main.command()
@click.option("--db", default=None, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--private", is_flag=True, help="Reading needs a token too (writes always do).")
@click.option("--tiles", default=None, metavar="URL",
              help="Optional online tile layer, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
                   "(by default the map draws offline country outlines only).")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=1, show_default=True,
              help="Server processes: each answers requests on its own core.")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Keep the API's read responses until the store changes (any write empties it).")
@click.option("--threads", type=click.IntRange(min=1), default=4, show_default=True,
              help="Requests each server process answers at once; the others wait their turn.")
def serve(db: str | None, host: str, port: int, private: bool, tiles: str | None, workers: int, cache: bool,
          threads: int) -> None:
    """Serve the web app (map, timeline, event pages, review) and the REST API under /api/v1.

    The API's OpenAPI document is at /api/v1/openapi.json. Reviewers need a token:
    `strikewatch token create NAME`.
    """
    import os

    import uvicorn

    from strikewatch.web import create_app  # FastAPI: loaded when the command serves
    from strikewatch.web.app import SERVE_ENV

    _store(db).close()  # one line and status 2, not a traceback, when the database is not there
    app = create_app(db, private=private, tiles=tiles, cache=cache, threads=threads)  # also migrates the store
    click.echo(f"strikewatch on http://{host}:{port}/ (store: {app.state.store.url})", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    os.environ.update(zip(SERVE_ENV, (database_url(db), "1" if private else "0", tiles or "", "1" if cache else "0",
                                      str(threads)), strict=True))
    uvicorn.run("strikewatch.web.app:app_from_environment", factory=True, workers=workers, host=host, port=port,
                log_level="warning")


@main.group()
def token() -> None:
    """Write tokens for reviewers (and readers, with `serve --private`)."""


@token.command(name="create")
@click.argument("name")
@click.option("--db", default=None, help=DB_HELP)
def token_create(name: str, db: str | None) -> None:
    """Create a token for reviewer NAME; it is printed once (only its hash is stored)."""
    try:
        click.echo(_store(db, must_exist=False).create_token(name))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


@token.command(name="list")
@click.option("--db", default=None, help=DB_HELP)
def token_list(db: str | None) -> None:
    """The reviewers who hold tokens."""
    for t in _store(db).list_tokens():
        click.echo(f"{t['name']}\tcreated {t['created_at']}")


@token.command(name="revoke")
@click.argument("name")
@click.option("--db", default=None, help=DB_HELP)
def token_revoke(name: str, db: str | None) -> None:
    """Revoke NAME's token; its past reviews stay in the log."""
    if not _store(db).revoke_token(name):
        raise click.ClickException(f"no token named {name!r}")
    click.echo(f"revoked {name}")


@main.command()
@click.argument("sources_file", metavar="SOURCES.toml", type=click.Path(dir_okay=False))
@click.option("--db", default=None, help=DB_HELP)
@click.option("--once", "once", is_flag=True, help="One run, then exit (the default).")
@click.option("--every", default=None, metavar="DURATION",
              help="Run again every DURATION (30m, 2h, 1d), until interrupted; the file is read again each run.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary and failures.")
def watch(sources_file: str, db: str | None, once: bool, every: str | None, quiet: bool) -> None:
    """Follow the feeds, sitemaps and URL lists of SOURCES.toml: fetch their new pages into the store.

    A line per source (new, unchanged, failed) and a summary. Pages already seen are not fetched
    again; failed ones are retried on later runs, with backoff. Exit status 1 if a source failed.
    """
    from strikewatch.sources import ConfigError, load_sources, parse_duration  # the fetchers: when watching
    from strikewatch.sources import watch as watch_sources

    if once and every:
        raise click.UsageError("--once and --every exclude each other")
    try:
        interval = parse_duration(every) if every else None
    except ConfigError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from None
    store = open_store(db)
    try:
        while True:
            started = time.monotonic()
            try:
                config = load_sources(sources_file)
            except ConfigError as exc:
                raise click.ClickException(str(exc)) from None
            if not config.settings.contact:
                click.echo("warning: no contact in the sources file: sites cannot reach you "
                           "(add contact = \"you@example.org\")", err=True)
            summary = watch_sources(config, store, on_line=_source_line(quiet))
            click.echo(summary.line())
            if interval is None:
                sys.exit(1 if any(r.error for r in summary.reports) else 0)
            time.sleep(max(0.0, interval - (time.monotonic() - started)))
    except KeyboardInterrupt:
        click.echo("interrupted: what was fetched is kept; the next run carries on from there", err=True)
        sys.exit(130)


def _source_line(quiet: bool):  # noqa: ANN202
    def say(line: str) -> None:
        problem = line.startswith("  ") or ": failed:" in line.split(";")[0]
        if problem:
            click.echo(line, err=True)
        elif not quiet:
            click.echo(line)
    return say


@main.command()
@click.argument("urls", nargs=-1, required=True)
@click.option("--db", default=None, help=DB_HELP)
@click.option("--contact", default=None, envvar="STRIKEWATCH_CONTACT",
              help="An e-mail or URL for site owners, sent in the User-Agent (default: $STRIKEWATCH_CONTACT).")
@click.option("--allow-private-addresses", is_flag=True,
              help="Allow pages on private and loopback addresses (your own network).")
@click.option("--timeout", type=click.FloatRange(min=1), default=30.0, show_default=True,
              help="Seconds for one page, all of it.")
@click.option("--max-page-mb", type=click.FloatRange(min=0), default=5.0, show_default=True,
              help="Refuse a page larger than this; 0 for no limit.")
def fetch(urls: tuple[str, ...], db: str | None, contact: str | None, allow_private_addresses: bool,
          timeout: float, max_page_mb: float) -> None:
    """Fetch single pages (URL...) into the store, as `watch` does for a source's pages.

    robots.txt is respected; a page already stored is not fetched again. Exit status 1 if a page
    failed or held no article.
    """
    from strikewatch.sources import Settings, fetch_pages

    if not contact:
        click.echo("warning: no --contact (or $STRIKEWATCH_CONTACT): sites cannot reach you", err=True)
    settings = Settings(contact=contact or "", allow_private_addresses=allow_private_addresses,
                        timeout=timeout, max_page_mb=max_page_mb)
    summary = fetch_pages(urls, open_store(db), settings, on_line=_source_line(False))
    report = summary.reports[0]
    click.echo(summary.line())
    sys.exit(1 if report.failed or report.rejected else 0)


@main.command(name="sources")
@click.option("--db", default=None, help=DB_HELP)
def sources_cmd(db: str | None) -> None:
    """Each source followed: its last run, last success, last error and article counts."""
    from strikewatch.sources import source_statuses

    rows = source_statuses(open_store(db))
    if not rows:
        click.echo("no sources followed yet (strikewatch watch SOURCES.toml)")
    for r in rows:
        pages = r["pages"]
        click.echo(f"{r['name'] or r['url']}  [{r['kind']}] {r['url']}")
        click.echo(f"  last run {r['last_run'] or '-'}, last success {r['last_success'] or '-'}")
        if r["last_error"]:
            click.echo(f"  last error: {r['last_error']}")
        click.echo(f"  {r['articles']} articles, {pages.get('duplicate', 0)} duplicates, "
                   f"{pages.get('rejected', 0)} without an article, {pages.get('failed', 0)} failed, "
                   f"{pages.get('queued', 0) + pages.get('fetched', 0)} waiting")


@main.command()
@click.option("--db", default=None, help=DB_HELP)
def reprocess(db: str | None) -> None:
    """Extract every stored raw page again (after an update of strikewatch), with no request.

    Each page's article is replaced by the new extraction and all events are resolved again. If
    interrupted, run it again.
    """
    from strikewatch.sources import reprocess as reprocess_pages

    summary = reprocess_pages(open_store(db), on_line=_source_line(True))
    report = summary.reports[0]
    click.echo(f"{report.listed} pages: {report.added} articles, {report.duplicates} duplicates, "
               f"{report.rejected} without an article; {report.mentions} mentions, {summary.events} events in the "
               "store")


if __name__ == "__main__":
    main()
