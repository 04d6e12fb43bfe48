"""The pipeline: read -> clean -> nlp -> detect/extract -> geo -> store, then resolve.

`ingest_paths` is the one entry point the CLI and other callers use. Articles travel in small
batches (their sentences are parsed together, which is much faster than one at a time) through
worker processes (`workers`), or Dask workers (`dask`), and are written one transaction per
article. A failure in one article is reported as a rejection naming it; the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field, replace

from strikewatch import parallel
from strikewatch.batch import BATCH_SIZE, DASK_BATCH_SIZE, Outcome, batches, process_batch, store_outcomes
from strikewatch.extract import extract_many
from strikewatch.ingest import language, read_inputs
from strikewatch.limits import DEFAULT_LIMITS, Limits
from strikewatch.model import Event, Mention, Rejection
from strikewatch.nlp import parses_kept
from strikewatch.record import event_record
from strikewatch.report_date import (
    BorrowedDate,
    BorrowedYear,
    borrow_report_date,
    borrow_year,
    borrow_year_again,
    needs_date,
    with_borrowed_reason,
    with_borrowed_year,
)
from strikewatch.resolve import (
    articles_events,
    block_week,
    days_to_meet,
    doc_of_mention,
    resolve_events,
    touched_blocks,
    week_blocks,
)
from strikewatch.similarity import TermIndex, distinctive_terms, inverse_frequencies, page_terms
from strikewatch.store.sql import EventQuery, SqlStore

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    added: int = 0
    duplicates: int = 0
    rejected: int = 0
    mentions: int = 0
    events: int = 0
    skipped: int = 0  # files in a format ingest does not read, empty folders
    unread: int = 0  # articles in a language strikewatch does not read (`ingest.language.READ`)
    updated: int = 0  # articles stored before, to which this copy added metadata
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.duplicates + self.rejected + self.skipped + self.unread + self.updated

    @property
    def articles(self) -> int:
        """Articles found (stored, already stored, rejected or not read): 0 when the paths held none."""
        return self.added + self.duplicates + self.rejected + self.unread + self.updated

    def line(self) -> str:
        extra = f", {self.skipped} skipped (formats not read, empty folders)" if self.skipped else ""
        extra += f", {self.unread} not read (in a language strikewatch does not read)" if self.unread else ""
        extra += f", {self.updated} updated (metadata added to the stored copy)" if self.updated else ""
        return (f"{self.added} added, {self.duplicates} already stored, {self.rejected} rejected{extra}; "
                f"{self.mentions} mentions, {self.events} events in the store")


def resolve_store(store: SqlStore, doc_ids: Iterable[str] | None = None, stale_blocks: Iterable[str] = ()) -> int:
    """Resolve events in the store; returns how many events it holds afterwards.

    With `doc_ids`, only the blocks those articles (and every article still pending, such as those
    a killed run stored) touch are resolved again, with every stored article that has events
    there, and `stale_blocks` (where re-dated articles' events stood); without, everything is.
    Either way a re-resolved event keeps the id of the stored event it overlaps most. Reading,
    writing the events and marking the articles resolved are one transaction under the store's
    write lock, so concurrent ingests never resolve on stale events.
    """
    with store.exclusive():
        if doc_ids is None:
            blocks, previous = None, store.event_mentions()
            events = resolve_events(store.iter_mentions(), previous)
        else:
            new_ids = set(doc_ids) | set(store.pending_documents())
            new_mentions = store.mentions_of_documents(new_ids)
            # and the blocks their sentences were in before (a date gained or borrowed moves them)
            grouped = articles_events(new_mentions)
            blocks = touched_blocks(new_mentions, grouped) | set(stale_blocks) | store.blocks_of_documents(new_ids)
            blocks |= _where_unplaced_meet(store, [e for events in grouped.values() for e in events])
            previous = store.event_mentions(blocks)
            others = {doc_of_mention(mid) for ids in previous.values() for mid in ids} - new_ids
            blocks |= {f"doc|{doc}" for doc in others}  # where a report that took no place stands if it now joins none
            events = resolve_events(new_mentions + store.mentions_of_documents(others), previous, blocks)
        meta = store.documents_meta({m.doc_id for e in events for m in e.mentions})
        store.replace_events([(e, dict(event_record(e, meta))) for e in events], blocks)
        store.mark_resolved(None if doc_ids is None else new_ids)
        return store.counts()["events"]


def _where_unplaced_meet(store: SqlStore, new_events: list[Event]) -> set[str]:
    """The stored blocks an incremental run must see for reports that no place was found for to meet
    placed ones of their days (`resolve._join_unplaced`): stored unplaced events of the new placed
    events' days, and the weeks of the stored placed events of the new unplaced events' days."""
    placed_days, unplaced_days = days_to_meet(new_events)
    blocks = store.blocks_of_days(placed_days, placed=False) if placed_days else set()
    for block in store.blocks_of_days(unplaced_days, placed=True) if unplaced_days else ():
        blocks |= week_blocks(block_week(block))
    return blocks


def redate_undated(store: SqlStore, added_ids: Iterable[str] = (), events_per_country: int = 2000
                   ) -> tuple[list[str], set[str]]:
    """Undated articles that report what a dated article reports borrow its date (`report_date`) and
    are extracted again against it. Looked at: the pending undated articles, and every stored undated
    one when a dated article arrives; they borrow from the pending articles and the articles of the
    latest stored events of their countries. Returns the re-dated ids and the blocks their old
    events stood in."""
    undated = set(store.undated_documents())
    pending = set(store.pending_documents()) | set(added_ids)
    if not undated or not pending:
        return [], set()
    undated_mentions = {d: ms for d, ms in _by_doc(store.mentions_of_documents(undated)).items() if needs_date(ms)}
    dated = _dated_candidates(store, undated_mentions, pending - undated, events_per_country)
    if not dated or not (pending & (undated_mentions.keys() | dated.keys())):
        return [], set()
    pages = {d: distinctive_terms(m.sentence.text for m in ms) for d, (_, ms) in dated.items()}
    idf = inverse_frequencies([*pages.values(), *(distinctive_terms(m.sentence.text for m in ms)
                                                  for ms in undated_mentions.values())])
    index = TermIndex(pages)
    borrowed: dict[str, BorrowedDate] = {}
    years: dict[str, BorrowedYear] = {}
    for doc_id, old in sorted(undated_mentions.items()):
        looked = doc_id in pending or bool(pending & dated.keys())
        page = store.load_document(doc_id) if looked else None
        text = page.text if page is not None else None
        found = borrow_report_date(old, dated, idf, pages, index, page_terms(text) if text else None) \
            if looked else None
        if found is not None:
            borrowed[doc_id] = found
        elif looked and (year := borrow_year(old, dated, idf, pages, index=index, text=text)) is not None:
            years[doc_id] = year
    _borrow_years_again(undated_mentions, borrowed, years, idf)
    redated, stale = _redate(store, borrowed, years, undated_mentions)
    again = _borrow_again(store, undated_mentions, borrowed, years, redated)
    more, more_stale = _redate(store, again, {}, undated_mentions)
    return [*redated, *more], stale | more_stale


def _redate(store: SqlStore, borrowed: dict[str, BorrowedDate], years: dict[str, BorrowedYear],
            undated_mentions: dict[str, list[Mention]]) -> tuple[dict[str, list[Mention]], set[str]]:
    """The articles extracted again against the report date or year they borrowed, and stored so;
    returns their new mentions and the blocks their old events stood in."""
    docs = [doc for doc in (store.load_document(d) for d in sorted(borrowed.keys() | years.keys())) if doc is not None]
    for doc in docs:
        if doc.doc_id in borrowed:
            doc.published, doc.published_from = borrowed[doc.doc_id].published, "borrowed"
            doc.borrowed_country = borrowed[doc.doc_id].country
        else:
            doc.published_month, doc.published_from = years[doc.doc_id].month, "borrowed-year"
            doc.published = years[doc.doc_id].report_day  # a year-less stamp's day, in that year
    stale: set[str] = set()
    redated: dict[str, list[Mention]] = {}
    for doc, mentions in zip(docs, extract_many(docs), strict=True):  # again, against the borrowed date
        stale |= touched_blocks(undated_mentions[doc.doc_id])
        if doc.doc_id in borrowed:
            redated[doc.doc_id] = [with_borrowed_reason(m, borrowed[doc.doc_id]) for m in mentions]
            store.redate_document(doc.doc_id, borrowed[doc.doc_id].published, "borrowed", redated[doc.doc_id])
        else:
            redated[doc.doc_id] = [with_borrowed_year(m, years[doc.doc_id]) for m in mentions]
            store.redate_document(doc.doc_id, years[doc.doc_id].report_day, "borrowed-year", redated[doc.doc_id])
    return redated, stale


def _borrow_again(store: SqlStore, undated: dict[str, list[Mention]], borrowed: dict[str, BorrowedDate],
                  years: dict[str, BorrowedYear], redated: dict[str, list[Mention]]) -> dict[str, BorrowedDate]:
    """Report dates that articles still undated borrow, by the same rules, from articles of this run
    that have just borrowed theirs (a repost of an undated rewrite), once: a date is never passed on
    twice, and the evidence names both reports."""
    lenders = {d: (borrowed[d].published, ms) for d, ms in redated.items() if d in borrowed and not borrowed[d].via}
    left = {d: ms for d, ms in undated.items() if d not in borrowed and d not in years}
    if not lenders or not left:
        return {}
    pages = {d: distinctive_terms(m.sentence.text for m in ms) for d, (_, ms) in lenders.items()}
    own = [distinctive_terms(m.sentence.text for m in ms) for ms in left.values()]
    idf = inverse_frequencies([*pages.values(), *own])
    index = TermIndex(pages)
    again: dict[str, BorrowedDate] = {}
    for doc_id, old in sorted(left.items()):
        found = borrow_report_date(old, lenders, idf, pages, index, _whole_page(store, doc_id))
        if found is not None:
            again[doc_id] = replace(found, via=borrowed[found.source_doc].source_doc)
    return again


def _whole_page(store: SqlStore, doc_id: str) -> Counter[str] | None:
    doc = store.load_document(doc_id)
    return page_terms(doc.text) if doc is not None else None


def _borrow_years_again(undated: dict[str, list[Mention]], borrowed: dict[str, BorrowedDate],
                        years: dict[str, BorrowedYear], idf: dict[str, float]) -> None:
    """Undated articles that found no year of their own take one from an article of this run that
    has just borrowed one (`report_date.borrow_year_again`), once: a year is never passed on twice."""
    first = dict(years)
    for doc_id, old in sorted(undated.items()):
        if doc_id not in borrowed and doc_id not in first and first:
            found = borrow_year_again(old, first, undated, idf)
            if found is not None:
                years[doc_id] = found


def _dated_candidates(store: SqlStore, undated: dict[str, list[Mention]], pending: set[str],
                      events_per_country: int) -> dict[str, tuple[dt.date, list[Mention]]]:
    """The dated articles undated ones may borrow from: the pending ones, and those of the latest
    stored events in the undated articles' countries; each with its date and mentions."""
    countries = {m.place.country for ms in undated.values() for m in ms if m.place and m.place.country}
    pool = set(pending)
    for country in sorted(countries):
        records = store.query_events(EventQuery(country=country), limit=events_per_country)[1]
        pool |= {m["doc_id"] for r in records for m in r["mentions"]}
    published = store.dated_documents(pool - undated.keys())
    mentions = _by_doc(store.mentions_of_documents(published))
    return {d: (day, mentions.get(d, [])) for d, day in published.items()}


def _by_doc(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    found: dict[str, list[Mention]] = {}
    for m in mentions:
        found.setdefault(m.doc_id, []).append(m)
    return found


def ingest_paths(paths: Iterable[str], store: SqlStore,
                 on_item: Callable[[str, str], None] | None = None, *, workers: int = 1,
                 dask: object = None, on_progress: Callable[[IngestSummary], None] | None = None,
                 batch_size: int | None = None, limits: Limits = DEFAULT_LIMITS) -> IngestSummary:
    """Ingest every article under the paths, then resolve events; returns the run's summary.

    The input is streamed: memory does not grow with the corpus. `workers` > 1 extracts in that
    many processes (this process writes); `dask` ("local", a scheduler address or a Client) extracts
    and writes on Dask workers, which then need a store they can all reach (PostgreSQL).
    """
    # extraction in this process: an undated article's parse is kept for its extraction again (redating)
    with parses_kept() if not dask and workers <= 1 else nullcontext():
        return _ingest(paths, store, on_item, workers, dask, on_progress, batch_size, limits)


def _ingest(paths: Iterable[str], store: SqlStore, on_item: Callable[[str, str], None] | None, workers: int,
            dask: object, on_progress: Callable[[IngestSummary], None] | None, batch_size: int | None,
            limits: Limits) -> IngestSummary:
    summary = IngestSummary()
    added_ids: list[str] = []
    report = on_item or (lambda source, status: None)
    work = batches(read_inputs(paths, limits), batch_size or (DASK_BATCH_SIZE if dask else BATCH_SIZE))
    if dask:
        results = parallel.run_dask(work, dask, store.url, workers, limits)
    elif workers > 1:
        results = parallel.run_local(work, workers, store.url, limits)
    else:
        results = (process_batch(batch, store, limits) for batch in work)
    for outcomes in results:
        for outcome in store_outcomes(outcomes, store):
            _count(outcome, summary, added_ids, report)
        if on_progress:
            on_progress(summary)
    pending = bool(added_ids) or bool(store.pending_documents())  # also what a killed run left
    if pending:
        redated, stale = redate_undated(store, added_ids)
        summary.events = resolve_store(store, [*added_ids, *redated], stale)
    else:
        summary.events = store.counts()["events"]
    return summary


def _count(outcome: Outcome, summary: IngestSummary, added_ids: list[str],
           report: Callable[[str, str], None]) -> None:
    if outcome.error is not None:
        summary.rejected += 1
        summary.rejections.append(Rejection(outcome.source, outcome.error))
        report(outcome.source, f"rejected: {outcome.error}")
    elif outcome.status == "added":
        assert outcome.doc_id is not None
        added_ids.append(outcome.doc_id)
        summary.added += 1
        summary.mentions += outcome.n_mentions
        report(outcome.source, f"added ({outcome.n_mentions} mentions)")
    elif outcome.status == "updated":
        assert outcome.doc_id is not None
        added_ids.append(outcome.doc_id)  # resolved again, with what it gained
        summary.updated += 1
        report(outcome.source, f"already stored as {outcome.doc_id}; this copy added its {outcome.note}")
    elif outcome.status == "skipped":
        summary.skipped += 1
        report(outcome.source, outcome.note or "skipped")
    elif outcome.status == "unread":
        summary.unread += 1
        report(outcome.source, outcome.note or language.not_read_message("und"))
    else:
        summary.duplicates += 1
        report(outcome.source, "already stored, nothing added")
