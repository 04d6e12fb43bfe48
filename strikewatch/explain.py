"""Why an event says what it says: every field with the spans, rules and reasons behind it.

`field_rows` (one supporting span per field) feeds the web app's event page; `explain` writes
the whole account as text for `strikewatch explain EVENT_ID`: each field with every mention's
evidence for it, the sentences and sources, conflicts between sources and reviewers' changes.
"""

from __future__ import annotations

from typing import Any

from strikewatch.model import BORROWED_FROM
from strikewatch.store import Store
from strikewatch.store.sql import SqlStore

FIELDS = ("type", "date_start", "date_end", "date_precision", "place", "site", "participants", "organizations",
          "size_low", "size_high", "demands", "targets", "arrests", "injuries", "deaths", "state_response")
_DIRECT = ("participants", "demands", "site", "arrests", "injuries", "deaths")
_LISTED = ("organizations", "targets", "state_response")


def field_evidence(name: str, m: dict) -> dict | None:
    """The stored evidence of one field in one mention (a stored mention's dict), if it has any."""
    if name == "type":
        return m.get("trigger")
    if name.startswith("date_"):
        return (m.get("date") or {}).get("evidence")
    if name == "place":
        return (m.get("place") or {}).get("evidence")
    if name in ("size_low", "size_high"):
        return next((dict(s["evidence"], claimant=s.get("claimant")) for s in m.get("sizes") or []
                     if s.get("evidence")), None)
    if name in _DIRECT:
        return (m.get("evidence") or {}).get(name)
    return None


def display_value(name: str, value: Any) -> str:
    if value is None or value == []:
        return "–"
    if name == "place":
        bits = [value.get("name"), value.get("admin1"), value.get("country")]
        coords = f" ({value['lat']:.4f}, {value['lon']:.4f})" if value.get("lat") is not None else ""
        return ", ".join(b for b in bits if b) + coords + f" [{value.get('precision')}]"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def source_line(m: dict) -> str:
    """A source as one line: outlet, publication date, title, URL and the file it was read from."""
    bits = [m.get("outlet") or "outlet unknown", f"published {m.get('published') or 'unknown'}"]
    bits += [f'"{m["title"]}"'] if m.get("title") else []
    bits += [m["url"]] if m.get("url") else []
    bits += [f"file {m['file']}"] if m.get("file") else []
    return ", ".join(bits)


def field_rows(record: dict, mentions: list[dict]) -> list[dict]:
    """Each field's value and the first mention's evidence for it (the event page's table)."""
    corrected = set((record.get("review") or {}).get("corrected") or [])
    rows = []
    for name in FIELDS:
        value = record.get(name)
        source = None
        for m in mentions:
            ev = field_evidence(name, m)
            if ev is None and name in _LISTED and value and any(v in (m.get(name) or []) for v in value):
                ev = {"text": "", "start": 0, "end": 0, "rule": f"{name}:sentence", "reason": ""}
            if ev is not None:
                source = {"mention_id": m["mention_id"], "sentence": m["sentence"]["text"], **ev}
                break
        rows.append({"name": name, "value": display_value(name, value), "evidence": source,
                     "corrected": name in corrected or (name.startswith("size") and "size" in corrected)})
    return rows


def stored_mentions(store: Store, record: dict) -> list[dict]:
    """The event's mentions as stored (every field with its evidence), in the record's order."""
    stored = store.mentions_by_id(m["mention_id"] for m in record["mentions"] if m.get("mention_id"))
    return [stored[m["mention_id"]] for m in record["mentions"] if m.get("mention_id") in stored]


def explain(store: SqlStore, event_id: str) -> str | None:
    """The account of one event as text, or None when the store has no such event."""
    record = store.get_event(event_id)
    if record is None:
        return None
    mentions = stored_mentions(store, record)
    labels = {m["mention_id"]: f"[{i}]" for i, m in enumerate(mentions, start=1)}
    review = record.get("review") or {}
    lines = [f"event {record['id']}: {record['type']}, {display_value('date_start', record.get('date_start'))}, "
             f"{display_value('place', record.get('place'))}",
             f"{_count(len(mentions), 'mention')} from {_count(len({m['doc_id'] for m in mentions}), 'source')}; "
             f"status {review.get('status', 'ok')}; confidence {record.get('confidence')}", ""]
    lines += _field_lines(record, mentions, labels, set(review.get("corrected") or []))
    lines += ["", "sentences:"]
    for m in mentions:
        lines.append(f"  {labels[m['mention_id']]} {m['mention_id']} ({m.get('modality')}, {m['type']}): "
                     f"{m['sentence']['text']}")
    lines += ["", "sources:"]
    by_doc: dict[str, list[dict]] = {}
    for mention in record["mentions"]:
        if mention.get("mention_id") in labels:
            by_doc.setdefault(mention["doc_id"], []).append(mention)
    for doc_id, ms in by_doc.items():
        lines.append(f"  {''.join(labels[m['mention_id']] for m in ms)} {doc_id}: {source_line(ms[0])}")
    lines += ["", "why these sentences are one event:"] + _assembly_lines(record, mentions)
    if record.get("conflicts"):
        sources = {m["doc_id"]: m for m in record["mentions"]}
        lines += ["", "sources disagree:"]
        lines += [f"  {c['field']}: " + " | ".join(_claim_text(v, sources.get(v["doc_id"], {})) for v in c["values"])
                  for c in record["conflicts"]]
    history = store.reviews_log(record["id"])
    if history:
        lines += ["", "reviews:"]
        lines += [f"  {r['at']} {r['reviewer']}: {r['action']} {r['field'] or ''} {r['before']!r} -> {r['value']!r}"
                  + (f" (note: {r['note']})" if r.get("note") else "") for r in history]
    return "\n".join(lines) + "\n"


def _assembly_lines(record: dict, mentions: list[dict]) -> list[str]:
    """Why the sentences are together, where the date came from, and why other sources merged."""
    docs = {m["doc_id"] for m in mentions}
    lines = [f"  each source's sentences share its type, place and day (see the date and place evidence above); "
             f"{len(docs)} sources, {record.get('independent_sources', len(docs))} independent "
             "(copies of one story count once)"]
    borrowed = sorted({m["date"]["evidence"]["reason"] for m in mentions if m.get("date") and m["date"].get("evidence")
                       and BORROWED_FROM in (m["date"]["evidence"].get("reason") or "")})
    lines += [f"  date read against a borrowed report date: {reason}" for reason in borrowed]
    lines += [f"  merged {why}" for why in record.get("merged_because") or []]
    return lines


def _claim_text(claim: dict, source: dict) -> str:
    """One source's claim in a conflict: the value, who claimed it, and the source."""
    value = claim["value"]
    if not isinstance(value, str):
        value = f"{value[0]:,}" if value[0] == value[1] else f"{value[0]:,}-{value[1]:,}"
    who = f" by {claim['claimant']}" if claim.get("claimant") else ""
    where = source.get("outlet") or source.get("url") or source.get("file") or claim["doc_id"]
    return f"{value}{who} ({where})"


_SAME_EVIDENCE = {"date_end": "date_start", "date_precision": "date_start", "size_high": "size_low"}


def _field_lines(record: dict, mentions: list[dict], labels: dict[str, str], corrected: set[str]) -> list[str]:
    lines = []
    for name in FIELDS:
        mark = " (corrected by a reviewer)" if name in corrected else ""
        lines.append(f"{name}: {display_value(name, record.get(name))}{mark}")
        if name in _SAME_EVIDENCE:
            continue  # its evidence is the one listed under _SAME_EVIDENCE[name]
        for m in mentions:
            found = [dict(s["evidence"], claimant=s.get("claimant"), claim=f"{s['low']:,}-{s['high']:,}")
                     for s in m.get("sizes") or [] if s.get("evidence")] if name == "size_low" \
                else [ev for ev in [field_evidence(name, m)] if ev]
            lines += [f"    {labels[m['mention_id']]} {_evidence_text(ev)}" for ev in found]
    return lines


def _evidence_text(ev: dict) -> str:
    spanned = ev.get("end", 0) > ev.get("start", 0)
    where = f"at {ev['start']}-{ev['end']}" if spanned else "(from the article, not the sentence)"
    bits = [f'"{ev["text"]}" {where}', f"rule {ev.get('rule')}"]
    if ev.get("claim"):
        bits.append(f"claim {ev['claim']}" + (f" by {ev['claimant']}" if ev.get("claimant") else ""))
    if ev.get("reason"):
        bits.append(ev["reason"])
    return "; ".join(bits)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
