"""A batch of articles: cleaned and extracted (in whichever process runs it), then written.

Both the pipeline (`ingest_paths`) and the parallel runners (`parallel`) sit above this module:
workers call `process_batch`, the process that writes calls `store_outcomes`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice

from sqlalchemy.exc import InterfaceError, OperationalError

from strikewatch.extract import extract_many
from strikewatch.ingest import language, prepare_document
from strikewatch.limits import DEFAULT_LIMITS, ArticleTimeout, Limits, time_limit
from strikewatch.model import Document, Mention, RawDocument, Rejection
from strikewatch.store.sql import SqlStore

log = logging.getLogger(__name__)
BATCH_SIZE = 64  # articles parsed together and written in one transaction
DASK_BATCH_SIZE = 256  # a Dask task carries more, to spread its scheduling and shipping costs


def batches(items: Iterable, size: int = BATCH_SIZE) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch



@dataclass
class Outcome:
    """What became of one input: its document and mentions, or the reason it was rejected.

    `status` is set once the article is written ('added' or 'duplicate'); a worker that finds the
    article already stored sets 'duplicate' without extracting it.
    """

    source: str
    doc: Document | None = None
    mentions: list[Mention] = field(default_factory=list)
    error: str | None = None
    status: str | None = None  # added | duplicate | updated (metadata added) | skipped | unread (a language not read)
    note: str | None = None  # why a file was skipped or not read; the metadata an updated article gained
    n_mentions: int = 0
    doc_id: str | None = None  # as written (a clashing id gets a suffix)
    seconds: float = 0.0  # spent cleaning it: the time limit covers cleaning and extraction together


def process_batch(items: list[RawDocument | Rejection], store: SqlStore | None = None,
                  limits: Limits = DEFAULT_LIMITS) -> list[Outcome]:
    """Clean and extract a batch of articles (in whichever process runs it); nothing is written.

    With `store`, articles it already holds are marked duplicates and not extracted again. An
    article that fails, or runs past the time limit, is rejected; the others go on.
    """
    outcomes: list[Outcome] = []
    for item in items:
        if isinstance(item, Rejection):
            outcomes.append(Outcome(item.source, status="skipped", note=item.message) if item.skipped
                            else Outcome(item.source, error=item.message))
            continue
        started = time.monotonic()
        try:
            with time_limit(limits.max_seconds):
                doc = prepare_document(item)
            if not doc.text.strip():
                raise ValueError("no article text left after removing page furniture")
        except ArticleTimeout:
            outcomes.append(Outcome(item.source, error=limits.timeout_message()))
            continue
        except Exception as exc:  # one bad article never stops the batch
            outcomes.append(Outcome(item.source, error=f"{type(exc).__name__}: {exc}"))
            continue
        if not language.reads(doc.language):
            outcomes.append(Outcome(item.source, status="unread", note=language.not_read_message(doc.language)))
            continue
        outcomes.append(Outcome(item.source, doc=doc, seconds=time.monotonic() - started))
    prepared = [(o, o.doc) for o in outcomes if o.doc is not None]
    stored = store.stored_metadata(doc.key for _, doc in prepared) if store is not None else {}
    for o, doc in prepared:
        if doc.key in stored and not _adds_metadata(stored[doc.key], doc):
            o.status = "duplicate"
    _extract_into([o for o in outcomes if o.doc is not None and o.status is None], limits)
    return outcomes


def _adds_metadata(stored: dict, doc: Document) -> bool:
    return any(stored[name] is None and getattr(doc, name) is not None for name in stored)


def _extract_into(outcomes: list[Outcome], limits: Limits) -> None:
    """Extract the articles together (fast). When that fails or runs past one article's limit
    (a batch of ordinary articles takes a fraction of it), again one by one, each under what is
    left of its own limit after its cleaning, to find the culprit. An article alone is tried once."""
    if len(outcomes) == 1:
        _extract_alone(outcomes[0], limits)
        return
    try:
        with time_limit(limits.max_seconds):
            found = extract_many([o.doc for o in outcomes])  # type: ignore[misc]
    except (Exception, ArticleTimeout):
        for o in outcomes:
            _extract_alone(o, limits)
        return
    for o, mentions in zip(outcomes, found, strict=True):
        o.mentions = mentions


def _extract_alone(o: Outcome, limits: Limits) -> None:
    left = max(limits.max_seconds - o.seconds, 0.001) if limits.max_seconds else None
    try:
        with time_limit(left):
            o.mentions = extract_many([o.doc])[0]  # type: ignore[list-item]
    except ArticleTimeout:
        o.error, o.doc = limits.timeout_message(), None
    except Exception as exc:
        log.debug("article failed", exc_info=True)
        o.error, o.doc = f"{type(exc).__name__}: {exc}", None


def _renamed(doc: Document, mentions: list[Mention], doc_id: str) -> tuple[Document, list[Mention]]:
    old = f"{doc.doc_id}:"
    return replace(doc, doc_id=doc_id), [
        replace(m, doc_id=doc_id, mention_id=doc_id + ":" + m.mention_id[len(old):]) for m in mentions]


def store_outcomes(outcomes: list[Outcome], store: SqlStore) -> list[Outcome]:
    """Write a batch's extracted articles in one transaction and set their status.

    Rejections and articles already marked are left as they are. An article whose id is taken by a
    different text keeps both: it gets the id with a suffix from its own key.
    """
    todo = [o for o in outcomes if o.error is None and o.doc is not None and o.status is None]
    taken = store.keys_by_id(o.doc.doc_id for o in todo)  # type: ignore[union-attr]
    for o in todo:
        doc = o.doc
        assert doc is not None
        if taken.setdefault(doc.doc_id, doc.key) != doc.key:
            o.doc, o.mentions = _renamed(doc, o.mentions, f"{doc.doc_id}~{doc.key[:8]}")
    try:
        added: list[bool | None] = list(store.add_documents([(o.doc, o.mentions) for o in todo]))  # type: ignore[misc]
    except Exception:  # one record the database refuses must not cost the others
        log.debug("batch write failed; writing its articles one by one", exc_info=True)
        added = [_store_alone(o, store) for o in todo]
    for o, new in zip(todo, added, strict=True):
        if new is None:
            continue
        o.status, o.doc_id = ("added" if new else "duplicate"), o.doc.doc_id  # type: ignore[union-attr]
        o.n_mentions = len(o.mentions) if new else 0
        if not new:  # the same text stored before: keep what this copy adds (a date, a URL)
            o.doc_id, gained = store.merge_metadata(o.doc, o.mentions)  # type: ignore[arg-type]
            if gained:
                o.status, o.note = "updated", ", ".join(gained)
    return outcomes


def _store_alone(outcome: Outcome, store: SqlStore) -> bool | None:
    """Write one article in its own transaction; None, with the outcome rejected, when the database
    refuses its data. A lost connection or a locked database is not the article's fault: it raises."""
    try:
        return store.add_documents([(outcome.doc, outcome.mentions)])[0]  # type: ignore[list-item]
    except (OperationalError, InterfaceError):
        raise
    except Exception as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().split("\n")[0][:300]
        outcome.error, outcome.doc, outcome.mentions = f"cannot be stored: {type(exc).__name__}: {reason}", None, []
        return None
