"""Remove page furniture from scraped article text, keeping a map back to the original offsets.

Furniture is whatever a page prints around the article: teaser blocks ("Read More", related
titles, video lists), newsletter / donation / sign-up / comment boxes, share buttons, photo
credits, "This article is over N years old", forum profile fields. None of it may yield events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from strikewatch.model import OffsetMap

# A whole line that is furniture.
_FURNITURE_LINE = re.compile(
    r"""^(?:
        read\ (?:more|next|also|on)\b.{0,80}
      | (?:also\ read|more\ stories|most\ read|recommended|trending|related(?:\ (?:articles?|stories|news))?)\s*:?.{0,200}
      | you\ may\ also\ like.*
      | see\ also\s*:.*
      | go\ to\ video | watch(?:\ the)?\ video.* | \d{1,2}:\d{2}(?::\d{2})?
      | (?:sign\ up|subscribe|register)\b.{0,160}
      | .{0,80}\bnewsletter\b.{0,160}
      | (?:donate|support\ (?:our|independent)\ journalism|make\ a\ donation)\b.{0,200}
      | (?:contact\ us|get\ in\ touch|send\ us\ a\ tip)\b.{0,120}
      | downloading\ pdf.* | download\ pdf.*
      | (?:photo|image|picture|video)\s*(?:credit)?\s*:.{0,160}
      | .{0,120}\bcredit\s*:\s*.{0,80}
      | \(?(?:photo|image)\ (?:by|courtesy\ of)\b.{0,120}
      | share(?:\ (?:this|on)\b.*)? | tweet | copy(?:\ link)? | print | email | whatsapp | facebook | twitter | linkedin | close
      | this\ article\ is\ (?:over|more\ than)\ \w+\ years?\ old
      | leave\ a\ (?:reply|comment).* | \d+\ comments?
      | your\ email\ address\ will\ not\ be\ published.*
      | required\ fields\ are\ marked.*
      | this\ site\ uses\ akismet.* | %d\ bloggers\ like\ this.*
      | tag\ archive\ for\s*:.*
      | source\s*:\s*click\ here
      | advertisement | skip\ (?:to\ content|advert(?:isement)?)
      | (?:all\ rights\ reserved|copyright\b|©).{0,160}
      | -?\s*(?:joined|messages|reaction\ score|location|gender|political\ leaning|likes?\ received|points)
      | document\ \#\d+
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

# A line that opens a block of teaser titles: the short lines after it are furniture too.
_TEASER_OPENER = re.compile(
    r"^(?:read\ more|related(?:\ (?:articles?|stories|news))?|more\ stories|most\ read|you\ may\ also\ like|"
    r"recommended|trending|go\ to\ video|more\ from\ .{1,40}|\d{1,2}:\d{2}(?::\d{2})?)\s*:?\s*$",
    re.IGNORECASE,
)

# Trailing widgets glued to the last sentence ("...in the strike.Copy").
_GLUED_WIDGET = re.compile(r"(?<=[.!?\"”’])\s*(?:Copy|Share|Tweet|Print|Email)(?: link)?\s*$")
# Trailing photo credit in brackets: "[BelaPAN/Reuters]" or "(AFP Photo)".
_BRACKET_CREDIT = re.compile(r"\s*[\[(](?:[A-Z][\w.&-]*(?:\s[\w.&-]+)?/)+[A-Z][\w.&-]*(?:\s[\w.&-]+)?[\])]\s*$")
# A forum or profile furniture line like "- Apr 18, 2013" or "- 83,206".
_BULLET_VALUE = re.compile(r"^-\s*(?:[\d,.]+|[A-Z][a-z]{2} \d{1,2}, \d{4}|[A-Z][\w ]{0,30})$")
# Bare timestamps / page-clock lines are furniture; dateline-like lines are kept for metadata.
_TEASER_MAX_WORDS = 22


@dataclass
class CleanResult:
    text: str
    offsets: OffsetMap
    dropped: list[tuple[str, str]]  # (line, reason)


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, line.rstrip("\r\n")))
        pos += len(line)
    return out


def _is_teaser_title(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _TEASER_MAX_WORDS and not re.search(r"[.!?\"”]\s*$", line)


def _furniture_reason(line: str, seen: set[str], in_teaser: bool) -> str | None:
    stripped = line.strip()
    if not stripped:
        return None
    if _FURNITURE_LINE.match(stripped):
        return "furniture"
    if _BULLET_VALUE.match(stripped) and len(stripped) < 40:
        return "profile-field"
    key = re.sub(r"\W+", " ", stripped).strip().lower()
    if key and key in seen:
        return "duplicate"
    if in_teaser and _is_teaser_title(_BRACKET_CREDIT.sub("", stripped)):
        return "teaser"
    return None


def _trim_line(line: str) -> tuple[int, int]:
    """Span of the line to keep after removing glued widgets and bracketed credits."""
    end = len(line.rstrip())
    for pattern in (_GLUED_WIDGET, _BRACKET_CREDIT):
        m = pattern.search(line[:end])
        if m:
            end = m.start()
    start = len(line) - len(line.lstrip())
    return start, max(start, end)


_READ_MORE = re.compile(r"^(?:read\ (?:more|next|also)|continue\ reading)\b", re.I)


def _teasers_before_read_more(lines: list[str]) -> set[int]:
    """A related article's title printed before a "Read More" link (often twice: the link's text and
    its heading) is furniture, every copy of it."""
    found: set[int] = set()
    content = [i for i, line in enumerate(lines) if line.strip()]
    for k, i in enumerate(content):
        if not _READ_MORE.match(lines[i].strip()):
            continue
        j = k - 1
        title = lines[content[j]].strip() if j >= 0 else ""
        while j >= 0 and lines[content[j]].strip() == title and _is_teaser_title(title):
            found.add(content[j])
            j -= 1
    return found


def clean_text(original: str) -> CleanResult:
    """Drop furniture lines; the kept lines, one paragraph each, are joined by newlines."""
    pieces: list[str] = []
    runs: list[tuple[int, int, int]] = []
    dropped: list[tuple[str, str]] = []
    seen: set[str] = set()
    in_teaser = False
    clean_pos = 0
    numbered = _lines_with_offsets(original)
    teasers = _teasers_before_read_more([line for _, line in numbered])
    for n, (orig_pos, line) in enumerate(numbered):
        stripped = line.strip()
        reason = "teaser" if n in teasers else _furniture_reason(line, seen, in_teaser)
        if _TEASER_OPENER.match(stripped):
            in_teaser = True
        elif stripped and not reason:
            in_teaser = False
        if reason or not stripped:
            if reason:
                dropped.append((stripped, reason))
            continue
        seen.add(re.sub(r"\W+", " ", stripped).strip().lower())
        start, end = _trim_line(line)
        if end <= start:
            continue
        if pieces:
            pieces.append("\n")
            clean_pos += 1
        pieces.append(line[start:end])
        runs.append((clean_pos, orig_pos + start, end - start))
        clean_pos += end - start
    return CleanResult("".join(pieces), OffsetMap(runs), dropped)
