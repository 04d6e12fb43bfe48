"""Make an article storable before it reaches a database, the same on SQLite and PostgreSQL.

Text can hold characters no database takes: a lone UTF-16 surrogate (JSON's "\\udfff", or a file
name Python decoded with surrogateescape) cannot be encoded as UTF-8 at all, and PostgreSQL's text
type refuses NUL. Both are replaced by U+FFFD, which keeps every offset where it was. An id is the
article's name in the store and in exports: one that is too long or holds such a character is
rejected with the reason, never changed behind the user's back.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from strikewatch.model import RawDocument

MAX_ID_CHARS = 200  # documents.doc_id holds 256: room for the "~" + 8 characters a clashing id gets
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def storable_text(value: str) -> str:
    """`value` with NULs and lone surrogates replaced by U+FFFD (same length, same offsets)."""
    return _UNSTORABLE.sub(REPLACEMENT, value)


def unstorable_reason(value: str) -> str | None:
    """Why a value cannot be stored as it is (a NUL or a lone surrogate), or None."""
    found = _UNSTORABLE.search(value)
    if found is None:
        return None
    return "a NUL character" if found.group() == "\x00" else f"a lone surrogate (U+{ord(found.group()):04X})"


def check_id(value: str, name: str = "id") -> None:
    """ValueError, naming the problem, for an id that cannot be stored as it is."""
    if len(value) > MAX_ID_CHARS:
        raise ValueError(f"field '{name}' has {len(value):,} characters, over the limit of {MAX_ID_CHARS}")
    if reason := unstorable_reason(value):
        raise ValueError(f"field '{name}' contains {reason}")


def storable(raw: RawDocument) -> RawDocument:
    """The article with every text field made storable; ValueError for an id that cannot be."""
    if raw.id is not None:
        check_id(raw.id)
    texts: dict[str, Any] = {name: storable_text(value) for name in ("url", "outlet", "title")
                             if isinstance(value := getattr(raw, name), str)}
    return replace(raw, source=storable_text(raw.source), text=storable_text(raw.text), **texts)
