"""Ingest: read articles from files, folders and standard input; clean them; find their metadata."""

from __future__ import annotations

import hashlib

from strikewatch.ingest.clean import clean_text
from strikewatch.ingest.language import language_of
from strikewatch.ingest.metadata import (
    byline_date,
    dateline_date,
    filing_day,
    stamp_in_month,
    time_stamp_date,
    url_date,
)
from strikewatch.ingest.readers import read_inputs
from strikewatch.ingest.storable import storable
from strikewatch.model import Document, RawDocument

__all__ = ["read_inputs", "prepare_document"]


def prepare_document(raw: RawDocument, language: str | None = None) -> Document:
    """Clean a raw article and settle its identity, language (`language`, where the caller knows it) and
    publication date.

    Every text field is first made storable (see `storable`); an id that cannot be raises ValueError."""
    raw = storable(raw)
    cleaned = clean_text(raw.text)
    key = hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest()
    published, published_from = raw.published, (raw.published_from or "metadata") if raw.published else None
    if published is not None and (filed := filing_day(raw.text, published)) is not None:
        published, published_from = filed, "dateline"  # a repost of an agency report: its filing day
    month = None
    if published is None:
        published = dateline_date(raw.text, title=raw.title)
        published_from = "dateline" if published else None
    if published is None:
        published = byline_date(raw.text)
        published_from = "byline" if published else None
    if published is None:
        published = time_stamp_date(raw.text)
        published_from = "time stamp" if published else None
    if published is None and (dated := url_date(raw.url)):
        published, published_from = (dated[0], "url") if dated[1] == "day" else (None, "url-month")
        month = dated[0] if dated[1] == "month" else None
    if published is None and raw.published_month and month is None:
        month, published_from = raw.published_month, "metadata-month"
    if published is None and month is not None and (stamped := stamp_in_month(raw.text, month)) is not None:
        published, published_from, month = stamped, "dateline", None  # "March 25" on a page of March 2025
    return Document(
        doc_id=raw.id or key[:16],
        key=key,
        text=cleaned.text,
        original=raw.text,
        offsets=cleaned.offsets,
        source=raw.source,
        url=raw.url,
        outlet=raw.outlet,
        title=raw.title,
        published=published,
        published_from=published_from,
        published_month=month,
        language=language or language_of(cleaned.text),
    )
