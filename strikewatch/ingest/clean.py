"""Remove page furniture from scraped article text, keeping a map back to the original offsets.

Furniture is whatever a page prints around the article: teaser blocks ("Read More", related
titles, video lists), newsletter / donation / sign-up / comment boxes, share buttons, photo
credits, "This article is over N years old", forum profile fields. None of it may yield events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from strikewatch.lang import available, lexicon
from strikewatch.model import OffsetMap


@dataclass(frozen=True)
class _Furniture:
    line: re.Pattern[str]  # a whole line that is furniture
    teaser_opener: re.Pattern[str]  # a line that opens a block of teaser titles
    glued_widget: re.Pattern[str]  # a widget glued to the last sentence ("...in the strike.Copy")
    read_more: re.Pattern[str]  # a "read more" link's line
    comment_opener: re.Pattern[str]  # a line that heads readers' comments
    comment_sign: re.Pattern[str]  # a line only a comment has


@cache
def _furniture() -> _Furniture:
    """The furniture patterns, built from the lexicon at first use."""
    every = [lexicon(code).furniture for code in available()]  # a page's language is not known yet

    def joined(field: str) -> str:
        return "|".join(p for words in every for p in getattr(words, field)) or "(?!)"
    return _Furniture(
        line=re.compile(r"^(?:{})\s*$".format(joined("lines")), re.IGNORECASE),
        teaser_opener=re.compile(r"^(?:{})\s*:?\s*$".format(joined("teaser_openers")), re.IGNORECASE),
        glued_widget=re.compile(r"(?<=[.!?\"”’])\s*(?:{})\s*$".format(joined("glued_widgets"))),
        read_more=re.compile(r"^(?:{})\b".format(joined("read_more")), re.I),
        comment_opener=re.compile(r"^(?:{})\s*:?\s*$".format(joined("comment_openers")), re.I),
        comment_sign=re.compile(r"^(?:{})\s*$".format(joined("comment_signs")), re.I),
    )


_COMMENT_LOOKAHEAD = 6  # lines after a comments heading in which comments' signs must show
_COMMENT_SIGNS = 2  # one line may look like a comment by chance ("LEEDS: Thousands ...")


def _comment_section(lines: list[str]) -> int | None:
    """The index of the line that heads readers' comments, when the lines right after it look like
    comments; None when the page prints none (a "12 comments" link beside the headline is not one)."""
    furniture = _furniture()
    for i, line in enumerate(lines):
        if not furniture.comment_opener.match(line.strip()):
            continue
        after = [x.strip() for x in lines[i + 1:] if x.strip()][:_COMMENT_LOOKAHEAD]
        if sum(1 for x in after if furniture.comment_sign.match(x)) >= _COMMENT_SIGNS:
            return i
    return None


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
    if _furniture().line.match(stripped):
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
    for pattern in (_furniture().glued_widget, _BRACKET_CREDIT):
        m = pattern.search(line[:end])
        if m:
            end = m.start()
    start = len(line) - len(line.lstrip())
    return start, max(start, end)




def _teasers_before_read_more(lines: list[str]) -> set[int]:
    """A related article's title printed before a "Read More" link (often twice: the link's text and
    its heading) is furniture, every copy of it."""
    found: set[int] = set()
    content = [i for i, line in enumerate(lines) if line.strip()]
    for k, i in enumerate(content):
        if not _furniture().read_more.match(lines[i].strip()):
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
    comments = _comment_section([line for _, line in numbered])
    for n, (orig_pos, line) in enumerate(numbered):
        stripped = line.strip()
        reason = "teaser" if n in teasers else "readers' comments" if comments is not None and n >= comments and \
            stripped else _furniture_reason(line, seen, in_teaser)
        if _furniture().teaser_opener.match(stripped):
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
