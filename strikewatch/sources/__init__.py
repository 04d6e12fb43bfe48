"""Live sources: follow RSS/Atom feeds, sitemaps and URL lists, fetch their pages politely, keep
each page raw, and ingest it as a file would be.

`load_sources(path)` reads a sources file; `watch(config, store)` runs once over its sources;
`fetch_pages(urls, store, settings)` fetches single pages; `reprocess(store)` makes the stored raw
pages into articles again; `source_statuses(store)` lists each source's state.
"""

from __future__ import annotations

from strikewatch.sources.config import ConfigError, Settings, Source, SourcesConfig, load_sources, parse_duration
from strikewatch.sources.state import PageState
from strikewatch.sources.watch import RunSummary, fetch_pages, reprocess, watch
from strikewatch.store.sql import SqlStore

__all__ = ["ConfigError", "Settings", "Source", "SourcesConfig", "RunSummary", "load_sources", "parse_duration",
           "watch", "fetch_pages", "reprocess", "source_statuses"]


def source_statuses(store: SqlStore) -> list[dict]:
    """Each source's last run, last success, last error and its pages by status."""
    return PageState(store).statuses()
