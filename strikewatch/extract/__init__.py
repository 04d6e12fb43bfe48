"""Extract: from a cleaned document to event mentions with type, time, place, size, actors, response.

`extract_mentions(doc)` is the one entry point (`extract_many(docs)` for batches). The sentence loop
is `mentions`; the dating state it carries from sentence to sentence is `dating`; each field's rules
are in `time`, `place`, `size`, `actors`, `response` and `other_events`.
"""

from strikewatch.extract.mentions import extract_many, extract_mentions

__all__ = ["extract_mentions", "extract_many"]
