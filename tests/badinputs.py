"""A generator of bad input: every kind a crawl produces that a batch must survive.

`write_bad_corpus(folder)` writes the files and returns what the ingest must say about each:
`rejected` maps each rejected source (a path, or `path:line` for a JSON Lines record) to a
fragment of its expected message; `accepted` lists the awkward but readable files (legacy
encodings, truncated HTML) that must be ingested, each with a phrase its stored text contains.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE = ("Thousands of nurses went on strike in Gdansk on Monday, demanding higher pay. "
           "Police detained 12 people outside the hospital.")


@dataclass
class BadCorpus:
    rejected: dict[str, str] = field(default_factory=dict)
    accepted: dict[str, str] = field(default_factory=dict)


def write_bad_corpus(folder: Path, big_mb: int = 50) -> BadCorpus:
    folder.mkdir(parents=True, exist_ok=True)
    corpus = BadCorpus()
    _plain_files(folder, corpus, big_mb)
    _encodings(folder, corpus)
    _html(folder, corpus)
    _pdfs(folder, corpus)
    _jsonl(folder, corpus)
    _links(folder, corpus)
    return corpus


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _plain_files(folder: Path, corpus: BadCorpus, big_mb: int) -> None:
    corpus.rejected[str(_write(folder, "empty.txt", b""))] = "empty file"
    corpus.rejected[str(_write(folder, "blank.txt", b" \n\t\n  "))] = "empty file"
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    corpus.rejected[str(_write(folder, "photo.txt", png))] = "binary content"
    corpus.rejected[str(_write(folder, "scan.html", png))] = "binary content"
    big = folder / "huge.txt"
    with big.open("wb") as fh:  # 50 MB of plausible text
        line = (ARTICLE + "\n").encode("utf-8")
        for _ in range(big_mb * 1_000_000 // len(line) + 1):
            fh.write(line)
    corpus.rejected[str(big)] = "over the article size limit"
    furniture = "Read More\nSubscribe to our newsletter\nShare this article\n"
    corpus.rejected[str(_write(folder, "furniture.txt", furniture.encode()))] = "no article text left"


def _encodings(folder: Path, corpus: BadCorpus) -> None:
    russian = "Врачи в Бресте провели забастовку в понедельник, требуя повышения зарплаты."
    _write(folder, "cp1251.txt", russian.encode("cp1251"))
    corpus.accepted[str(folder / "cp1251.txt")] = "забастовку"
    french = "Des milliers de cheminots en grève ont défilé à Marseille mardi. Les grévistes réclament des hausses."
    _write(folder, "latin1.txt", french.encode("latin-1"))
    corpus.accepted[str(folder / "latin1.txt")] = "grévistes"
    _write(folder, "utf16.txt", ARTICLE.encode("utf-16"))  # with its byte-order mark
    corpus.accepted[str(folder / "utf16.txt")] = "nurses went on strike"
    mixed = ARTICLE.encode("utf-8") + " Забастовка продолжается.".encode("cp1251")
    _write(folder, "mixed.txt", mixed)  # UTF-8, then a cp1251 tail: read, never a crash
    corpus.accepted[str(folder / "mixed.txt")] = "nurses went on strike"


def _html(folder: Path, corpus: BadCorpus) -> None:
    truncated = ("<html><head><title>Strike</title></head><body><article><h1>Nurses strike</h1><p>"
                 + ARTICLE + " The union said the walkout would go on.</p><p>Hospital managers said")
    _write(folder, "truncated.html", truncated.encode("utf-8"))
    corpus.accepted[str(folder / "truncated.html")] = "nurses went on strike"
    junk = "<div><<span>>></div></</p><script>var x = '<p>';</script><style>p{}</style>"
    corpus.rejected[str(_write(folder, "tags-only.html", junk.encode()))] = "no article text found"


def _pdfs(folder: Path, corpus: BadCorpus) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    locked = folder / "encrypted.pdf"
    c = canvas.Canvas(str(locked), pagesize=A4, encrypt="secret")
    c.drawString(72, 800, ARTICLE[:80])
    c.save()
    corpus.rejected[str(locked)] = "cannot read"
    scanned = folder / "scanned.pdf"
    c = canvas.Canvas(str(scanned), pagesize=A4)
    c.rect(72, 400, 300, 300, fill=1)  # a page of picture, no text layer
    c.save()
    corpus.rejected[str(scanned)] = "no text layer"
    whole = folder / "whole.pdf"
    c = canvas.Canvas(str(whole), pagesize=A4)
    c.drawString(72, 800, ARTICLE[:80])
    c.save()
    data = whole.read_bytes()
    whole.unlink()
    corpus.rejected[str(_write(folder, "broken.pdf", data[: len(data) // 3]))] = "cannot read"
    corpus.rejected[str(_write(folder, "fake.pdf", b"%PDF-1.7\n" + os.urandom(2000)))] = "cannot read"


def _jsonl(folder: Path, corpus: BadCorpus) -> None:
    good = {"id": "crawl-good", "text": ARTICLE + " It was the first strike in a decade.", "published": "2020-03-02", "url": "https://example.org/a"}
    lines = [
        (json.dumps(good), None),
        ("{not json at all", "invalid JSON Lines record"),
        (json.dumps({"id": "no-text", "title": "Strike"}), "neither 'text' nor 'html'"),
        (json.dumps({"id": "bad-type", "text": ARTICLE, "title": ["a", "list"]}), "must be a string"),
        (json.dumps({"id": "num-text", "text": 42}), "neither 'text' nor 'html'"),
        (json.dumps({"id": "bad-date", "text": ARTICLE, "published": "2020-13-45"}), "not a date"),
        (json.dumps([1, 2, 3]), "must be an object"),
        ("[" * 100_000 + "]" * 100_000, "invalid JSON Lines record"),
        (json.dumps({"id": "huge-field", "text": ARTICLE + " x" * 5_000_000}), "over the article size limit"),
        ('{"id": "cut-off", "text": "Nurses went on str', "invalid JSON Lines record"),
    ]
    path = folder / "crawl.jsonl"
    path.write_text("\n".join(line for line, _ in lines) + "\n", encoding="utf-8")
    for number, (_, message) in enumerate(lines, start=1):
        if message:
            corpus.rejected[f"{path}:{number}"] = message
    corpus.accepted[f"{path}:1"] = "nurses went on strike"
    corpus.rejected[str(_write(folder, "empty.jsonl", b"\n\n"))] = "empty file"


def _links(folder: Path, corpus: BadCorpus) -> None:
    inner = folder / "nested"
    inner.mkdir()
    (inner / "loop").symlink_to(folder, target_is_directory=True)  # nested/loop -> the corpus folder
    corpus.rejected[str(inner / "loop")] = "symbolic link to a folder already read"
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    corpus.rejected[str(folder / "dangling.txt")] = "cannot read"
    (folder / "self.txt").symlink_to(folder / "self.txt")
    corpus.rejected[str(folder / "self.txt")] = "cannot read"
