"""The store's schema as it is now: the tables every query is written against.

How a database gets here is `migrations.py`, whose SQL is frozen version by version; this module
is only the current shape (it is what `metadata.drop_all` clears in tests). The SQLite full-text
index, a virtual table, is outside `metadata` (see `search.py`).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)

metadata = MetaData()
meta_table = Table("meta", metadata, Column("k", String(64), primary_key=True), Column("v", Text))
documents = Table(
    "documents", metadata,
    Column("doc_key", String(64), primary_key=True),
    Column("doc_id", String(256), nullable=False, index=True),
    Column("source", Text), Column("url", Text), Column("outlet", Text), Column("title", Text),
    Column("published", Date), Column("published_from", String(16)),
    Column("text", Text, nullable=False), Column("original", Text, nullable=False),
    Column("offsets", Text, nullable=False), Column("ingested_at", String(32)),
    Column("resolved", Boolean, nullable=False, server_default=text("false"), index=True),  # migration 4
    Column("language", String(8)),  # ISO 639-1 (migration 10); null: stored before, when only English was read
)
mentions = Table(
    "mentions", metadata,
    Column("mention_id", String(300), primary_key=True),
    Column("doc_key", String(64), ForeignKey("documents.doc_key", ondelete="CASCADE"), nullable=False, index=True),
    Column("type", String(32)), Column("modality", String(16)), Column("date_start", Date),
    Column("place_id", String(64)), Column("data", Text, nullable=False),
)
events = Table(
    "events", metadata,
    Column("event_id", String(32), primary_key=True),
    Column("type", String(32), index=True), Column("date_start", Date, index=True),
    Column("country", String(2), index=True), Column("lat", Float), Column("lon", Float),
    Column("n_mentions", Integer), Column("data", Text, nullable=False),
    Column("block", String(300), nullable=False, index=True),
    # The columns lists and filters need, of the reviewed record (migration 3):
    Column("date_end", Date), Column("size_low", BigInteger), Column("size_high", BigInteger),
    Column("place_name", Text), Column("search", Text),
    Column("status", String(16), nullable=False, server_default="ok", index=True),  # ok | wrong | merged
    Column("origin", String(16), nullable=False, server_default="machine"),  # machine | split (a reviewer's)
    Column("machine", Text),  # the machine's record when a review changed it (`data` is the reviewed one)
)


# Every place name an event has been stored with (migration 9): the place filter matches the few
# names first, then finds their events through an index, instead of matching every event's name.
# Names no event uses any longer may stay; they match no event.
place_names = Table("place_names", metadata, Column("name", Text, primary_key=True))
# The map's cells at its finest clustered zoom, per status (migration 9; see map_cells.py).
map_cells = Table(
    "map_cells", metadata,
    Column("gx", Integer, primary_key=True), Column("gy", Integer, primary_key=True),
    Column("status", String(16), primary_key=True), Column("n", Integer, nullable=False),
    Column("sum_lat", Float), Column("sum_lon", Float), Column("min_lat", Float), Column("max_lat", Float),
    Column("min_lon", Float), Column("max_lon", Float), Column("first_id", String(32)),
    Column("first_type", String(32)), Column("max_size", BigInteger),
)
# The events counted by status, type and country ('' when unknown) (migration 9; see event_counts.py).
event_counts = Table(
    "event_counts", metadata,
    Column("status", String(16), primary_key=True), Column("type", String(32), primary_key=True),
    Column("country", String(2), primary_key=True), Column("n", BigInteger, nullable=False),
)
event_mentions = Table(
    "event_mentions", metadata,
    Column("event_id", String(32), nullable=False, index=True),
    Column("mention_id", String(300), nullable=False, index=True),
)


reviews = Table(
    "reviews", metadata,
    Column("review_id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(32), nullable=False, index=True),
    Column("action", String(16), nullable=False), Column("field", String(32)),
    Column("other_id", String(32), index=True),  # merge: the event folded in
    Column("value", Text), Column("before", Text),  # JSON
    Column("reviewer", String(128), nullable=False), Column("at", String(32), nullable=False),
    Column("note", Text),  # the reviewer's reason (migration 5)
)
tokens = Table(
    "tokens", metadata,
    Column("name", String(128), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
)
# Live sources (migration 6): each source's state, and every page listed or fetched, raw and compressed.
source_state = Table(
    "source_state", metadata,
    Column("url", String(2048), primary_key=True),
    Column("name", Text), Column("kind", String(16)),
    Column("etag", Text), Column("last_modified", Text),  # the validators of the last listing fetched
    Column("last_run", String(32)), Column("last_success", String(32)), Column("last_error", Text),
    Column("last_line", Text),  # the progress line of its last run
)
pages = Table(
    "pages", metadata,
    Column("url", String(2048), primary_key=True),  # as listed (normalised)
    Column("source_url", String(2048), index=True),  # the first source that listed it ('' for `fetch`)
    # queued | fetched | stored | duplicate | rejected | failed
    Column("status", String(16), nullable=False, index=True),
    Column("final_url", String(2048), index=True), Column("canonical_url", String(2048), index=True),
    Column("http_status", Integer), Column("error", Text),
    Column("attempts", Integer, nullable=False, server_default=text("0")), Column("next_attempt", String(32)),
    Column("fetched_at", String(32)), Column("http_date", Text), Column("http_last_modified", Text),
    Column("etag", Text), Column("content_type", Text),
    Column("body", LargeBinary), Column("body_sha", String(64), index=True),  # zlib-compressed bytes as served
    Column("entry_title", Text), Column("entry_published", Date), Column("outlet", Text),
    Column("language", String(16)),
    Column("doc_id", String(256)), Column("published", Date), Column("published_from", String(16)),
)
