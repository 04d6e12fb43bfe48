"""The pipeline: read -> clean -> nlp -> detect/extract -> geo -> store, then resolve.

`ingest_paths` is the one entry point the CLI and other callers use. A failure in one article is
reported as a rejection naming it; the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from strikewatch.export import event_record
from strikewatch.extract import extract_mentions
from strikewatch.ingest import prepare_document, read_inputs
from strikewatch.model import RawDocument, Rejection
from strikewatch.resolve import doc_of_mention, resolve_events, touched_blocks
from strikewatch.store.sql import SqlStore

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    added: int = 0
    duplicates: int = 0
    rejected: int = 0
    mentions: int = 0
    events: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.added} added, {self.duplicates} already stored, {self.rejected} rejected; "
                f"{self.mentions} mentions, {self.events} events in the store")


def ingest_document(raw: RawDocument, store: SqlStore) -> tuple[str, int, str]:
    """One article through every stage into the store: ('added'|'duplicate', mentions written, doc_id)."""
    doc = prepare_document(raw)
    if not doc.text.strip():
        raise ValueError("no article text left after removing page furniture")
    if store.has_document(doc.key):
        return "duplicate", 0, doc.doc_id
    existing = store.load_document(doc.doc_id)
    if existing is not None and existing.key != doc.key:
        doc.doc_id = f"{doc.doc_id}~{doc.key[:8]}"  # same id, different text: keep both
    mentions = extract_mentions(doc)
    added = store.add_document(doc, mentions)
    return ("added" if added else "duplicate"), len(mentions) if added else 0, doc.doc_id


def resolve_store(store: SqlStore, doc_ids: Iterable[str] | None = None) -> int:
    """Resolve events in the store; returns how many events it holds afterwards.

    With `doc_ids` (the articles just added), only the blocks those articles touch are resolved
    again, with every stored article that has events there; without, everything is. Either way a
    re-resolved event keeps the id of the stored event it overlaps most.
    """
    if doc_ids is None:
        blocks, previous = None, store.event_mentions()
        events = resolve_events(store.iter_mentions(), previous)
    else:
        new_ids = set(doc_ids)
        new_mentions = store.mentions_of_documents(new_ids)
        blocks = touched_blocks(new_mentions)
        previous = store.event_mentions(blocks)
        others = {doc_of_mention(mid) for ids in previous.values() for mid in ids} - new_ids
        events = resolve_events(new_mentions + store.mentions_of_documents(others), previous, blocks)
    meta = store.documents_meta({m.doc_id for e in events for m in e.mentions})
    store.replace_events([(e, event_record(e, meta)) for e in events], blocks)
    return store.counts()["events"]


def ingest_paths(paths: Iterable[str], store: SqlStore,
                 on_item: Callable[[str, str], None] | None = None) -> IngestSummary:
    """Ingest every article under the paths, then resolve events; returns the run's summary."""
    summary = IngestSummary()
    added_ids: list[str] = []
    report = on_item or (lambda source, status: None)
    for item in read_inputs(paths):
        if isinstance(item, Rejection):
            summary.rejected += 1
            summary.rejections.append(item)
            report(item.source, f"rejected: {item.message}")
            continue
        try:
            status, n, doc_id = ingest_document(item, store)
        except Exception as exc:  # one bad article never stops the batch
            log.debug("article failed", exc_info=True)
            rejection = Rejection(item.source, f"{type(exc).__name__}: {exc}")
            summary.rejected += 1
            summary.rejections.append(rejection)
            report(item.source, f"rejected: {rejection.message}")
            continue
        if status == "added":
            added_ids.append(doc_id)
            summary.added += 1
            summary.mentions += n
        else:
            summary.duplicates += 1
        report(item.source, "already stored, nothing added" if status == "duplicate" else f"added ({n} mentions)")
    if added_ids:
        summary.events = resolve_store(store, added_ids)
    else:
        summary.events = store.counts()["events"]
    return summary
