"""Articles and their mentions in the store: written whole, one transaction per batch, and read
back by key, id or block."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from strikewatch.codec import mention_from_dict, mention_to_dict
from strikewatch.model import Document, Mention, OffsetMap
from strikewatch.store.bounds import chunks, findable
from strikewatch.store.schema import documents, event_mentions, events, mentions

MERGED_METADATA = ("url", "outlet", "title", "published")  # what a second copy of an article can add


def mention_row(m: Mention, doc_key: str) -> dict:
    return {"mention_id": m.mention_id, "doc_key": doc_key, "type": m.type.value, "modality": m.modality.value,
            "date_start": m.date.start if m.date else None, "place_id": m.place.gazetteer_id if m.place else None,
            "data": json.dumps(mention_to_dict(m), ensure_ascii=False)}


def stored_keys(conn: Connection, doc_keys: Iterable[str]) -> set[str]:
    """Which of these article keys (text hashes) are stored."""
    return {key for chunk in chunks(sorted(set(doc_keys))) for (key,) in conn.execute(
        select(documents.c.doc_key).where(documents.c.doc_key.in_(chunk)))}


def keys_by_id(conn: Connection, doc_ids: Iterable[str]) -> dict[str, str]:
    """The key of the stored article with each of these ids (the ones in use)."""
    return {doc_id: key for chunk in chunks(sorted(set(doc_ids))) for doc_id, key in conn.execute(
        select(documents.c.doc_id, documents.c.doc_key).where(documents.c.doc_id.in_(chunk)))}


def insert_documents(conn: Connection, items: Sequence[tuple[Document, list[Mention]]]) -> list[bool]:
    """Write the articles not stored yet with their mentions; per article, whether it was written."""
    present = stored_keys(conn, (doc.key for doc, _ in items))
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    added: list[bool] = []
    doc_rows: list[dict[str, Any]] = []
    mention_rows: list[dict[str, Any]] = []
    for doc, doc_mentions in items:
        added.append(doc.key not in present)
        if doc.key in present:
            continue
        present.add(doc.key)
        doc_rows.append({
            "doc_key": doc.key, "doc_id": doc.doc_id, "source": doc.source, "url": doc.url,
            "outlet": doc.outlet, "title": doc.title, "published": doc.published,
            "published_from": doc.published_from, "text": doc.text, "original": doc.original,
            "offsets": json.dumps(doc.offsets.runs), "ingested_at": now, "resolved": False,
            "language": doc.language})
        mention_rows.extend(mention_row(m, doc.key) for m in doc_mentions)
    if doc_rows:
        conn.execute(insert(documents), doc_rows)
    if mention_rows:
        conn.execute(insert(mentions), mention_rows)
    return added


def stored_metadata(conn: Connection, doc_keys: Iterable[str]) -> dict[str, dict]:
    """The metadata (url, outlet, title, published) of these article keys, for those stored."""
    cols = [documents.c.doc_key, *(documents.c[name] for name in MERGED_METADATA)]
    return {r.doc_key: {name: getattr(r, name) for name in MERGED_METADATA}
            for chunk in chunks(sorted(set(doc_keys)))
            for r in conn.execute(select(*cols).where(documents.c.doc_key.in_(chunk)))}


def merge_metadata(conn: Connection, doc: Document, doc_mentions: list[Mention]) -> tuple[str, list[str]]:
    """Fill in what the stored copy of this article lacks from this copy (see SqlStore.merge_metadata)."""
    row = conn.execute(select(documents).where(documents.c.doc_key == doc.key)).first()
    if row is None:
        raise ValueError(f"article {doc.key[:16]} is not stored")
    gained = {name: getattr(doc, name) for name in MERGED_METADATA
              if getattr(row, name) is None and getattr(doc, name) is not None}
    if not gained:
        return row.doc_id, []
    if "published" in gained:
        gained["published_from"] = doc.published_from
        old = f"{doc.doc_id}:"
        conn.execute(delete(mentions).where(mentions.c.doc_key == doc.key))
        renamed = [replace(m, doc_id=row.doc_id, mention_id=row.doc_id + ":" + m.mention_id[len(old):])
                   for m in doc_mentions]
        if renamed:
            conn.execute(insert(mentions), [mention_row(m, doc.key) for m in renamed])
    conn.execute(documents.update().where(documents.c.doc_key == doc.key).values(**gained, resolved=False))
    return row.doc_id, [name for name in MERGED_METADATA if name in gained]


def blocks_of_documents(conn: Connection, doc_ids: Iterable[str]) -> set[str]:
    """The blocks of the stored events that hold sentences of these articles."""
    query = (select(events.c.block).distinct()
             .join(event_mentions, event_mentions.c.event_id == events.c.event_id)
             .join(mentions, mentions.c.mention_id == event_mentions.c.mention_id)
             .join(documents, documents.c.doc_key == mentions.c.doc_key))
    return {block for chunk in chunks(sorted(set(doc_ids)))
            for (block,) in conn.execute(query.where(documents.c.doc_id.in_(chunk)))}


def blocks_of_days(conn: Connection, days: Iterable[dt.date], placed: bool) -> set[str]:
    """The blocks of the stored events of these days: those placed somewhere (`placed`), or those of
    one article that no place was found for (an article's own block, no country)."""
    query = select(events.c.block).distinct()
    query = query.where(~events.c.block.startswith("doc|")) if placed else \
        query.where(events.c.block.startswith("doc|"), events.c.country.is_(None))
    return {block for chunk in chunks(sorted(set(days)))
            for (block,) in conn.execute(query.where(events.c.date_start.in_(chunk)))}


def iter_mentions(conn: Connection) -> Iterator[Mention]:
    """Every stored mention, by id."""
    for (data,) in conn.execute(select(mentions.c.data).order_by(mentions.c.mention_id)):
        yield mention_from_dict(json.loads(data))


def mentions_of_documents(conn: Connection, doc_ids: Iterable[str]) -> list[Mention]:
    """Every mention of the given articles (by doc_id)."""
    found: list[Mention] = []
    for chunk in chunks(sorted(set(doc_ids))):
        query = (select(mentions.c.data).join(documents, documents.c.doc_key == mentions.c.doc_key)
                 .where(documents.c.doc_id.in_(chunk)).order_by(mentions.c.mention_id))
        found.extend(mention_from_dict(json.loads(data)) for (data,) in conn.execute(query))
    return found


def mentions_by_id(conn: Connection, mention_ids: Iterable[str]) -> dict[str, dict]:
    """Stored mentions (every field with its evidence) by mention id."""
    return {mention_id: json.loads(data) for chunk in chunks(sorted(set(filter(findable, mention_ids))))
            for mention_id, data in conn.execute(
                select(mentions.c.mention_id, mentions.c.data).where(mentions.c.mention_id.in_(chunk)))}


def event_mentions_of(conn: Connection, blocks: Iterable[str] | None) -> dict[str, set[str]]:
    """The stored events (of the given blocks, or all), each with its mention ids."""
    query = select(event_mentions.c.event_id, event_mentions.c.mention_id)
    queries = [query] if blocks is None else [
        query.join(events, events.c.event_id == event_mentions.c.event_id).where(events.c.block.in_(chunk))
        for chunk in chunks(sorted(set(blocks)))]
    held: dict[str, set[str]] = {}
    for q in queries:
        for event_id, mention_id in conn.execute(q):
            held.setdefault(event_id, set()).add(mention_id)
    return held


def documents_meta(conn: Connection, doc_ids: Iterable[str] | None) -> dict[str, dict]:
    """Source metadata (url, outlet, title, published, file) by doc_id: of the given articles, or of all."""
    cols = [documents.c.doc_id, documents.c.url, documents.c.outlet, documents.c.title, documents.c.published,
            documents.c.source, documents.c.language]
    queries = [select(*cols)] if doc_ids is None else [
        select(*cols).where(documents.c.doc_id.in_(chunk)) for chunk in chunks(sorted(set(doc_ids)))]
    return {r.doc_id: {"url": r.url, "outlet": r.outlet, "title": r.title,
                       "published": r.published.isoformat() if r.published else None, "file": r.source,
                       "language": r.language or "en"}
            for query in queries for r in conn.execute(query)}


def load_document(conn: Connection, doc_id: str) -> Document | None:
    if not findable(doc_id):
        return None
    r = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).first()
    if r is None:
        return None
    return Document(doc_id=r.doc_id, key=r.doc_key, text=r.text, original=r.original,
                    offsets=OffsetMap([tuple(x) for x in json.loads(r.offsets)]), source=r.source, url=r.url,
                    outlet=r.outlet, title=r.title, published=r.published, published_from=r.published_from,
                    language=r.language or "en")


def undated_documents(conn: Connection) -> list[str]:
    """The ids of stored articles with no known publication day (candidates for a borrowed one)."""
    return [doc_id for (doc_id,) in conn.execute(
        select(documents.c.doc_id).where(documents.c.published.is_(None)).order_by(documents.c.doc_id))]


def dated_documents(conn: Connection, doc_ids: Iterable[str]) -> dict[str, dt.date]:
    """The publication day of each of the given articles that has one."""
    found: dict[str, dt.date] = {}
    for chunk in chunks(sorted(set(doc_ids))):
        query = select(documents.c.doc_id, documents.c.published).where(
            documents.c.doc_id.in_(chunk), documents.c.published.is_not(None))
        found.update((doc_id, day) for doc_id, day in conn.execute(query))
    return found


def redate_document(conn: Connection, doc_id: str, published: dt.date | None, published_from: str,
                    doc_mentions: list[Mention]) -> None:
    """Give an article a report date (or, with None, only the year of another report: `published_from`
    says which) and replace its mentions; it is pending until resolved again."""
    key = conn.execute(select(documents.c.doc_key).where(documents.c.doc_id == doc_id)).scalar_one()
    conn.execute(update(documents).where(documents.c.doc_key == key).values(
        published=published, published_from=published_from, resolved=False))
    conn.execute(delete(mentions).where(mentions.c.doc_key == key))
    if doc_mentions:
        conn.execute(insert(mentions), [mention_row(m, key) for m in doc_mentions])


def delete_documents(conn: Connection, doc_ids: Iterable[str]) -> int:
    """Delete these articles and their mentions (their events stay until the next resolve)."""
    return sum(conn.execute(delete(documents).where(documents.c.doc_id.in_(chunk))).rowcount
               for chunk in chunks(sorted(set(doc_ids))))


def pending_documents(conn: Connection) -> list[str]:
    """The ids of stored articles whose events are not resolved yet."""
    return [doc_id for (doc_id,) in conn.execute(
        select(documents.c.doc_id).where(documents.c.resolved.is_(False)).order_by(documents.c.doc_id))]


def mark_resolved(conn: Connection, doc_ids: Iterable[str] | None) -> None:
    """Mark these articles (or, with None, all) as resolved."""
    if doc_ids is None:
        conn.execute(documents.update().where(documents.c.resolved.is_(False)).values(resolved=True))
        return
    for chunk in chunks(sorted(set(doc_ids))):
        conn.execute(documents.update().where(documents.c.doc_id.in_(chunk)).values(resolved=True))


def counts(conn: Connection) -> dict[str, int]:
    return {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in (("documents", documents), ("mentions", mentions), ("events", events))}
