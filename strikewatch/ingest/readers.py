"""Readers: turn files (txt, html, pdf, jsonl) and standard input into RawDocuments.

Every reader yields RawDocument or Rejection; it never raises for bad input, so one unreadable
file never stops a batch.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, BinaryIO

from strikewatch.ingest.metadata import month_value, parse_date_value
from strikewatch.limits import DEFAULT_LIMITS, Limits
from strikewatch.model import RawDocument, Rejection

Item = RawDocument | Rejection
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = {".txt", ".text", ".html", ".htm", ".pdf", *JSONL_SUFFIXES}
FORMATS_READ = ".txt, .html, .htm, .pdf, .jsonl"
_META_LINE = re.compile(r"^([a-z_]+):\s*(.*)$")
_META_KEYS = {"url", "outlet", "published", "title", "id", "source", "date", "note"}  # note: ignored


def decode_bytes(data: bytes) -> str:
    """Decode article bytes: BOMs first, then UTF-8, then a legacy single-byte guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    _refuse_binary(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    cyrillic = sum(1 for b in data if 0xC0 <= b <= 0xFF)
    if cyrillic > len(data) * 0.3:
        return data.decode("cp1251", errors="replace")
    return data.decode("cp1252", errors="replace")


def _refuse_binary(data: bytes) -> None:
    if b"\x00" in data[:4096]:
        raise ValueError("binary content (NUL bytes) in a text file")


def _quiet(library: str) -> None:
    """Parsers log their repairs of broken input ("EOF marker not found") without naming the file;
    a failure becomes that file's rejection instead, which does."""
    logging.getLogger(library).setLevel(logging.CRITICAL)


def split_text_metadata(raw: str) -> tuple[dict[str, str], str]:
    """Leading `key: value` lines ended by a blank line are metadata; the rest is the text."""
    lines = raw.split("\n")
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines) and lines[i].strip():
        m = _META_LINE.match(lines[i].strip())
        if not m or m.group(1) not in _META_KEYS:
            return {}, raw
        meta[m.group(1)] = m.group(2).strip()
        i += 1
    if not meta or i >= len(lines):
        return {}, raw
    return meta, "\n".join(lines[i + 1:])


def _clean_meta(value: str | None) -> str | None:
    if value is None or value.strip().lower() in {"", "unknown", "none", "null", "n/a"}:
        return None
    return value.strip()


def from_text(raw: str, source: str) -> RawDocument:
    meta, text = split_text_metadata(raw)
    return RawDocument(
        source=source,
        text=text,
        id=_clean_meta(meta.get("id")),
        url=_clean_meta(meta.get("url") or meta.get("source")),
        outlet=_clean_meta(meta.get("outlet")),
        title=_clean_meta(meta.get("title")),
        published=parse_date_value(_clean_meta(meta.get("published") or meta.get("date"))),
        fmt="txt",
        published_month=month_value(_clean_meta(meta.get("published") or meta.get("date"))),
    )


def from_html(html: str, source: str, **known: object) -> RawDocument:
    import trafilatura

    _quiet("trafilatura")
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, favor_precision=True, include_comments=False, include_tables=False
        )
    except (RecursionError, ValueError):  # a tree too deep for it
        doc = None
    text = getattr(doc, "text", None) or ""
    if not text.strip():
        # trafilatura gives up on some pages (nesting deeper than its parser allows): their
        # paragraphs, read by a parser that does not build a tree, are the article.
        text = paragraph_text(html)
    if not text.strip():
        raise ValueError("no article text found in the HTML")
    return RawDocument(
        source=source,
        text=text,
        id=known.get("id"),  # type: ignore[arg-type]
        url=known.get("url") or getattr(doc, "url", None),  # type: ignore[arg-type]
        outlet=known.get("outlet") or getattr(doc, "sitename", None),  # type: ignore[arg-type]
        title=known.get("title") or getattr(doc, "title", None),  # type: ignore[arg-type]
        published=known.get("published") or parse_date_value(getattr(doc, "date", None)),  # type: ignore[arg-type]
        fmt="html",
    )


class _Paragraphs(HTMLParser):
    """The text of an HTML page's paragraphs and headings, outside scripts, styles and page furniture."""

    KEEP = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li"})
    SKIP = frozenset({"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
                      "head", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] | None = None
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        elif tag in self.KEEP:
            self._flush()
            self._current = []
        elif tag == "br" and self._current is not None:
            self._current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self.KEEP:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._current is not None and not self._skipping:
            self._current.append(data)

    def _flush(self) -> None:
        if self._current is not None and (text := " ".join("".join(self._current).split())):
            self.paragraphs.append(text)
        self._current = None


def paragraph_text(html: str) -> str:
    """The paragraphs of an HTML page, one a line, read without building a tree (so at any depth)."""
    parser = _Paragraphs()
    parser.feed(html)
    parser.close()
    parser._flush()
    return "\n".join(parser.paragraphs)


def pdf_text(path_or_stream: object) -> str:
    """Text of a PDF with hyphenation, line wraps and page breaks joined into paragraphs."""
    from pypdf import PdfReader

    _quiet("pypdf")
    reader = PdfReader(path_or_stream)  # type: ignore[arg-type]
    if reader.is_encrypted:
        raise ValueError("the PDF is encrypted")
    # A page break is a soft wrap: the sentence usually runs on to the next page.
    pages = [(page.extract_text() or "").strip() for page in reader.pages]
    text = "\n".join(pages)
    if not text.strip():
        raise ValueError("the PDF has no text layer (scanned?)")
    return join_wrapped_lines(text)


def join_wrapped_lines(text: str) -> str:
    """Join lines broken by layout: 'pro-\\ntest' -> 'protest'; a wrapped line continues its paragraph."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(stripped)
        if re.search(r"[.!?\"”:]$", stripped) and len(stripped) < 60:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs)


def from_jsonl_line(line: str, source: str) -> RawDocument:
    record = json.loads(line)
    if not isinstance(record, dict):
        raise ValueError("a JSON Lines record must be an object")
    fields = {k: record.get(k) for k in ("id", "url", "title", "outlet", "published")}
    for key, value in fields.items():
        if value is not None and not isinstance(value, str | int):
            raise ValueError(f"field '{key}' must be a string")
    ident = str(fields["id"]) if fields["id"] is not None else None
    published = parse_date_value(fields["published"]) if fields["published"] else None
    if fields["published"] and published is None:
        raise ValueError(f"field 'published' is not a date: {fields['published']!r}")
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        return RawDocument(source=source, text=text, id=ident, url=fields["url"], outlet=fields["outlet"],
                           title=fields["title"], published=published, fmt="jsonl")
    if isinstance(html, str) and html.strip():
        return from_html(html, source, id=ident, url=fields["url"], outlet=fields["outlet"],
                         title=fields["title"], published=published)
    raise ValueError("record has neither 'text' nor 'html'")


def read_jsonl(lines: Iterable[str | Rejection], source: str) -> Iterator[Item]:
    """JSON Lines records; a line given as a Rejection (over the size limit) is passed on, numbered."""
    for number, line in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if isinstance(line, Rejection):
            yield Rejection(where, line.message)
            continue
        if not line.strip():
            continue
        try:
            yield from_jsonl_line(line, where)
        except (ValueError, TypeError, RecursionError) as exc:
            yield Rejection(where, f"invalid JSON Lines record: {exc}")


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(raw)


def _bounded_lines(fh: BinaryIO, limits: Limits) -> Iterator[bytes | Rejection]:
    """The file's lines; one over the size limit becomes a Rejection and is skipped unread."""
    cap = limits.max_bytes
    while True:
        raw = fh.readline() if cap is None else fh.readline(cap + 1)
        if not raw:
            return
        if cap is not None and len(raw) > cap and not raw.endswith(b"\n"):
            size = len(raw)
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line in bounded reads
                raw = fh.readline(1 << 20)
                size += len(raw)
            yield Rejection("", limits.too_large(size) or "")
            continue
        yield raw


def read_jsonl_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Item]:
    """A JSON Lines file, streamed line by line: memory stays flat whatever the file's size."""
    source = str(path)
    found = False
    with path.open("rb") as fh:
        head = fh.read(4096)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 cannot be split on newline bytes
            if message := limits.too_large(path.stat().st_size):
                yield Rejection(source, message)
                return
            lines: Iterable[str | Rejection] = decode_bytes(head + fh.read()).split("\n")
        else:
            _refuse_binary(head)
            fh.seek(3 if head.startswith(b"\xef\xbb\xbf") else 0)
            lines = (raw if isinstance(raw, Rejection) else _decode_line(raw.rstrip(b"\r\n"))
                     for raw in _bounded_lines(fh, limits))
        for item in read_jsonl(lines, source):
            found = True
            yield item
    if not found:
        yield Rejection(source, "empty file")


def read_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Item]:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl_file(path, limits)
            return
        if suffix != ".pdf" and (message := limits.too_large(path.stat().st_size)):
            yield Rejection(source, message)
            return
        if suffix == ".pdf":
            text = pdf_text(str(path))
            if message := limits.too_large(len(text.encode("utf-8"))):
                yield Rejection(source, f"its text: {message}")
                return
            yield RawDocument(source=source, text=text, title=None, fmt="pdf")
            return
        data = path.read_bytes()
        if not data.strip():
            yield Rejection(source, "empty file")
            return
        text = decode_bytes(data)
        if suffix in {".html", ".htm"}:
            yield from_html(text, source)
        else:
            yield from_text(text, source)
    except Exception as exc:  # any reader failure is a rejection of this input, never a crash
        yield Rejection(source, f"cannot read: {_one_line(exc)}")


def _one_line(exc: Exception) -> str:
    """A reader error as one short line (some libraries' messages run over several)."""
    message = " ".join(str(exc).split()) or type(exc).__name__
    return message if len(message) <= 300 else message[:297] + "..."


def read_stdin(stream: IO[str] | None = None, limits: Limits = DEFAULT_LIMITS) -> Iterator[Item]:
    text = (stream or sys.stdin).read()
    if message := limits.too_large(len(text.encode("utf-8", errors="replace"))):
        yield Rejection("<stdin>", message)
        return
    head = text.lstrip()[:1]
    if head == "{":
        yield from read_jsonl(text.split("\n"), "<stdin>")  # not splitlines: U+2028 may sit inside a string
    elif head == "<":
        try:
            yield from_html(text, "<stdin>")
        except Exception as exc:
            yield Rejection("<stdin>", f"cannot read: {_one_line(exc)}")
    elif text.strip():
        yield from_text(text, "<stdin>")
    else:
        yield Rejection("<stdin>", "empty input")


def iter_paths(paths: Iterable[str]) -> Iterator[Path | Rejection]:
    """Files named or found (recursively, in sorted order) under folders. A folder reached a second
    time through a symbolic link (a loop, or two links to one folder) is reported, not read again."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = False
            for item in _walk(path):
                found = True
                yield item
            if not found:
                yield Rejection(name, "skipped: an empty folder", skipped=True)
        elif path.is_file():
            yield path
        else:
            yield Rejection(name, "no such file or folder")


def _walk(folder: Path) -> Iterator[Path | Rejection]:
    seen: set[str] = set()
    for root, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            yield Rejection(root, f"symbolic link to a folder already read ({real}): skipped, "
                                  "it would loop or read the same files twice")
            continue
        seen.add(real)
        dirs.sort()
        for file in sorted(files):
            candidate = Path(root) / file
            if candidate.suffix.lower() in SUPPORTED:
                yield candidate
            else:
                yield Rejection(str(candidate), f"skipped: {candidate.suffix or 'a name without a suffix'} is not "
                                                f"a format strikewatch reads ({FORMATS_READ})", skipped=True)


def read_inputs(paths: Iterable[str], limits: Limits = DEFAULT_LIMITS) -> Iterator[Item]:
    """The one entry point of ingest reading: every article found under the given paths."""
    for name in paths:
        if name == "-":
            yield from read_stdin(limits=limits)
            continue
        for item in iter_paths([name]):
            if isinstance(item, Rejection):
                yield item
            else:
                yield from read_file(item, limits)


def count_inputs(paths: Iterable[str]) -> int | None:
    """About how many articles the paths hold (JSON Lines records by their lines), for progress
    display; None when standard input is among them."""
    total = 0
    for name in paths:
        if name == "-":
            return None
        for item in iter_paths([name]):
            if isinstance(item, Rejection) or item.suffix.lower() not in JSONL_SUFFIXES:
                total += 1
                continue
            try:
                with item.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
    return total

