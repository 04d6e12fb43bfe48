"""What an event page shows: every field with the sentence and span it came from, every source
with its own figures, the conflicts, and each article's text with the event's sentences and the
fields' spans marked. Values only; the template escapes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strikewatch.explain import FIELDS, display_value, field_evidence, field_rows, stored_mentions
from strikewatch.store import Store


@dataclass
class Segment:
    text: str
    classes: list[str] = field(default_factory=list)
    anchor: str | None = None  # the id of the sentence that starts here
    title: str | None = None


def segments(text: str, marks: list[tuple[int, int, str, str | None, str | None]]) -> list[Segment]:
    """The text cut at every mark's edges; each piece carries the classes of the marks covering it.

    A mark is (start, end, class, anchor id, title).
    """
    marks = [(max(0, a), min(len(text), b), c, anchor, title) for a, b, c, anchor, title in marks if b > a]
    edges = sorted({0, len(text), *(a for a, *_ in marks), *(b for _, b, *_ in marks)})
    out, anchored = [], set()
    for a, b in zip(edges, edges[1:], strict=False):
        covering = [mk for mk in marks if mk[0] <= a and b <= mk[1]]
        anchor = next((mk[3] for mk in covering if mk[3] and mk[0] == a and mk[3] not in anchored), None)
        if anchor:
            anchored.add(anchor)
        title = next((mk[4] for mk in covering if mk[4]), None)
        out.append(Segment(text[a:b], sorted({mk[2] for mk in covering}), anchor, title))
    return out


def _safe_url(url: str | None) -> str | None:
    """Only web links become links: never javascript:, data: or other schemes from an article."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def sources(store: Store, record: dict, mentions: list[dict]) -> list[dict]:
    by_doc: dict[str, list[dict]] = {}
    for m in mentions:
        by_doc.setdefault(m["doc_id"], []).append(m)
    figures = {m.get("mention_id"): m for m in record["mentions"]}
    out = []
    for doc_id, ms in by_doc.items():
        doc = store.load_document(doc_id)
        if doc is None:
            continue
        marks: list[tuple[int, int, str, str | None, str | None]] = []
        for m in ms:
            s = m["sentence"]
            marks.append((s["start"], s["end"], "sentence", f"m-{m['mention_id']}", None))
            for name in FIELDS:
                ev = field_evidence(name, m)
                if ev and ev.get("end", 0) > ev.get("start", 0):
                    marks.append((ev["start"], ev["end"], "evidence", None, f"{name}: {ev.get('rule', '')}"))
        out.append({"doc_id": doc_id, "title": doc.title, "outlet": doc.outlet, "url": _safe_url(doc.url),
                    "raw_url": doc.url, "file": doc.source,
                    "published": doc.published.isoformat() if doc.published else None,
                    "mentions": [{**figures.get(m["mention_id"], {}), "mention_id": m["mention_id"],
                                  "sentence": m["sentence"]["text"]} for m in ms],
                    "segments": segments(doc.text, marks)})
    return out


def corrections(record: dict, history: list[dict]) -> dict[str, dict]:
    """Each corrected field's latest correction of this event: who, when, its note, the value it replaced."""
    latest = {}
    for h in history:
        if h["action"] == "correct" and h["event_id"] == record["id"]:
            latest[h["field"]] = {**h, "before_text": display_value(h["field"], h["before"])}
    corrected = (record.get("review") or {}).get("corrected") or []
    return {name: latest[name] for name in corrected if name in latest}


def _claim_of(name: str, value: object, mentions: list[dict]) -> dict | None:
    """The size claim that gave a replaced size figure (the machine's range is the claims' min and max)."""
    if name not in ("size_low", "size_high") or value is None:
        return None
    end = "low" if name == "size_low" else "high"
    for m in mentions:
        for claim in m.get("sizes") or []:
            if claim.get(end) == value and claim.get("evidence"):
                return {"mention_id": m["mention_id"], "sentence": m["sentence"]["text"], **claim["evidence"],
                        "claimant": claim.get("claimant")}
    return None


def context(store: Store, record: dict) -> dict[str, Any]:
    mentions = stored_mentions(store, record)
    review = record.get("review") or {}
    history = store.reviews_log(record["id"])
    fields = field_rows(record, mentions)
    done = corrections(record, history)
    for row in fields:
        row["correction"] = done.get(row["name"])
        # a size's evidence is the claim that gave the figure (the one a correction replaced)
        value = row["correction"]["before"] if row["correction"] else record.get(row["name"])
        row["evidence"] = _claim_of(row["name"], value, mentions) or row["evidence"]
    shown_sources = sources(store, record, mentions)
    return {"event": record, "status": review.get("status", "ok"), "review": review,
            "fields": fields, "sources": shown_sources,
            "conflicts": disagreements(record.get("conflicts") or [], shown_sources), "history": history,
            "correctable": FIELDS}


def disagreements(conflicts: list[dict], shown: list[dict]) -> list[dict]:
    """Each conflict's claims side by side: the figure (or site), who claimed it, and which source."""
    index = {s["doc_id"]: (i, s) for i, s in enumerate(shown, start=1)}
    out = []
    for c in conflicts:
        claims = []
        for v in c["values"]:
            value = v["value"]
            text = value if isinstance(value, str) else (
                f"{value[0]:,}" if value[0] == value[1] else f"{value[0]:,}–{value[1]:,}")
            number, source = index.get(v["doc_id"], (None, {}))
            label = source.get("outlet") or source.get("title") or source.get("file") or v["doc_id"]
            claims.append({"value": text, "claimant": v.get("claimant"), "source": label, "anchor": number})
        out.append({"field": c["field"], "claims": claims})
    return out
