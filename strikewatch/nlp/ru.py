"""Russian sentences and annotations, through natasha (razdel, slovnet, pymorphy3-backed lemmas).

natasha's models ship inside its wheels (navec embeddings, slovnet morphology, syntax and NER),
so nothing downloads. No spaCy Russian model is installable, so natasha's analysis is turned into
spaCy `Doc` objects (a blank Russian vocabulary): sentences, tokens with lemmas, universal POS,
morphological features and dependencies, and PER/LOC/ORG entities, with every character offset
the paragraph's own. The language-neutral parts downstream (sentence spans, entity spans,
`char_span`, geocoding, evidence offsets) then work on Russian as they do on English. An entity's
normal form ("в Минске" -> "Минск") is kept in `doc.user_data` for the gazetteer (under
`model.ENTITY_NAME`, read by `geo.toponyms.entity_name`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

from strikewatch.model import ENTITY_NAME, Document, Sentence

# natasha's labels as the geocoder reads spaCy's: LOC names countries, regions and towns (GPE).
_LABELS = {"LOC": "GPE", "ORG": "ORG", "PER": "PERSON"}
_SENTENCES = "sentences"  # doc.user_data key of natasha's sentence offsets


@functools.lru_cache(maxsize=1)
def _models() -> tuple:
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    return (Segmenter(), MorphVocab(), NewsMorphTagger(embedding), NewsSyntaxParser(embedding),
            NewsNERTagger(embedding))


@functools.lru_cache(maxsize=1)
def _vocab():  # -> spacy.vocab.Vocab
    import spacy

    return spacy.blank("ru").vocab


@functools.lru_cache(maxsize=50_000)
def _lemma(morph_vocab, word: str, pos: str, feats: tuple) -> str:
    return morph_vocab.lemmatize(word, pos, dict(feats))


def _analyse(text: str, full: bool = True):  # -> natasha.Doc
    """natasha's analysis of a text: with `full`, morphology, lemmas, syntax and names in their normal
    form; without, only sentences, tokens and names (what a context paragraph needs)."""
    from natasha import Doc

    segmenter, morph_vocab, morph_tagger, syntax_parser, ner_tagger = _models()
    ndoc = Doc(text)
    ndoc.segment(segmenter)
    ndoc.tag_ner(ner_tagger)
    if not full:
        return ndoc
    ndoc.tag_morph(morph_tagger)
    ndoc.parse_syntax(syntax_parser)
    for token in ndoc.tokens:
        token.lemma = _lemma(morph_vocab, token.text, token.pos, tuple(sorted(token.feats.items())))
    for span in ndoc.spans:
        span.normalize(morph_vocab)
    return ndoc


def to_spacy(text: str, full: bool = True):  # -> spacy.tokens.Doc
    """A spaCy Doc of one paragraph with natasha's analysis; its text is exactly `text` (whitespace
    other than one space after a token becomes a whitespace token of its own). Without `full`, it has
    tokens, sentences and names but no lemmas, morphology or dependencies (`nlp.has_parse` is false)."""
    from spacy.tokens import Doc

    ndoc = _analyse(text, full)
    tokens = [(tok, n == 0, ids, base)
              for sent, base, ids in _sentence_bases(ndoc) for n, tok in enumerate(sent.tokens)]
    position: list[int] = []  # natasha token -> its index among the words
    columns: dict[str, Any] = {k: [] for k in ("words", "spaces", "lemmas", "pos", "morphs", "deps", "sent_starts")}
    heads: list[int | None] = []  # natasha index of the head; None: a whitespace token (resolved below)

    def add(word: str, lemma: str, tag: str, morph: str, dep: str, head: int | None, opens: bool) -> None:
        for key, value in (("words", word), ("spaces", False), ("lemmas", lemma), ("pos", tag), ("morphs", morph),
                           ("deps", dep), ("sent_starts", opens)):
            columns[key].append(value)
        heads.append(head)

    if not tokens or tokens[0][0].start > 0:
        add(text[:tokens[0][0].start] if tokens else text, " ", "SPACE", "", "dep", None, True)
    for n, (tok, opens, ids, base) in enumerate(tokens):
        position.append(len(columns["words"]))
        feats = "|".join(f"{key}={value}" for key, value in sorted((tok.feats or {}).items()))
        head = ids.get(tok.head_id)
        add(tok.text, tok.lemma or tok.text.lower(), tok.pos or "X", feats, tok.rel or "dep",
            base + head if head is not None else n, opens)
        gap = text[tok.stop:tokens[n + 1][0].start if n + 1 < len(tokens) else len(text)]
        if gap == " ":
            columns["spaces"][-1] = True
        elif gap:
            add(gap, " ", "SPACE", "", "dep", None, False)
    resolved = _without_cycles([position[h] if h is not None else max(k - 1, 0) for k, h in enumerate(heads)])
    if columns["sent_starts"]:
        columns["sent_starts"][0] = True
    if not full:
        columns = {k: columns[k] for k in ("words", "spaces", "sent_starts")}
        doc = Doc(_vocab(), **columns)
    else:
        doc = Doc(_vocab(), heads=resolved, **columns)
    _add_entities(doc, ndoc)
    # natasha's sentences: spaCy would cut at every root of the parse, and a parse may have several
    doc.user_data[_SENTENCES] = [(sent.start, sent.stop) for sent in ndoc.sents]
    return doc


def _without_cycles(heads: list[int]) -> list[int]:
    """Heads with every cycle broken: natasha sometimes makes two words each other's head (in a
    verbless sentence such as "Протестующих около 300 человек."), a parse with no root, which spaCy
    accepts and then crashes on (a segmentation fault) when a rule walks a subtree. The first word
    of each cycle met becomes a root."""
    heads = list(heads)
    settled: set[int] = set()
    for start in range(len(heads)):
        path: list[int] = []
        on_path: set[int] = set()
        k = start
        while k not in settled and heads[k] != k:
            if k in on_path:
                heads[k] = k  # the cycle closes here: cut it
                break
            path.append(k)
            on_path.add(k)
            k = heads[k]
        settled.update(path)
        settled.add(k)
    return heads


def _add_entities(doc, ndoc) -> None:  # noqa: ANN001 - a spaCy Doc and a natasha Doc
    """natasha's names as the doc's entities (the first of overlapping ones), each with its normal
    form in `doc.user_data` (`model.ENTITY_NAME`)."""
    ents: list = []
    for span in ndoc.spans:
        ent = doc.char_span(span.start, span.stop, label=_LABELS.get(span.type, span.type), alignment_mode="expand")
        if ent is not None and not any(e.start < ent.end and ent.start < e.end for e in ents):
            ents.append(ent)
            doc.user_data[(ENTITY_NAME, ent.start_char, ent.end_char)] = span.normal or span.text
    doc.ents = ents


def _sentence_bases(ndoc) -> Iterator[tuple[Any, int, dict[str, int]]]:  # noqa: ANN001 - a natasha Doc
    """Each natasha sentence with the index of its first token among the document's tokens, and
    each of its token ids -> the token's index in the sentence."""
    base = 0
    for sent in ndoc.sents:
        yield sent, base, {t.id: k for k, t in enumerate(sent.tokens)}
        base += len(sent.tokens)


def parse_paragraphs(paragraphs: list[tuple[int, int, str]], full: Callable[[str], bool] | None = None
                     ) -> Iterator[list[tuple[Sentence, object]]]:
    """Each paragraph's sentences with their spaCy spans. With `full`, only paragraphs for which it
    holds are fully analysed; the others (context: their place names still count) come back as one
    sentence whose span has names but no dependency parse, as `nlp.parse_many` gives them."""
    for index, start, text in paragraphs:
        if full is not None and not full(text):
            doc = to_spacy(text, full=False)
            yield [(Sentence(text=text, start=start, end=start + len(text), paragraph=index), doc[:])]
            continue
        doc = to_spacy(text)
        out = []
        for first, last in doc.user_data[_SENTENCES]:
            sent_text = text[first:last].strip()
            if sent_text:
                first += len(text[first:last]) - len(text[first:last].lstrip())
                span = doc.char_span(first, first + len(sent_text), alignment_mode="expand")
                if span is None or not len(span):
                    continue
                out.append((Sentence(text=sent_text, start=start + first, end=start + first + len(sent_text),
                                     paragraph=index), span))
        yield out


def parse_document(doc: Document, paras: list[tuple[int, int, str]], full: Callable[[str], bool] | None = None
                   ) -> list[tuple[Sentence, object]]:
    """Every sentence of a Russian document with its span, from its paragraphs (`nlp.paragraphs`),
    paragraph by paragraph (see `parse_paragraphs`)."""
    return [s for para in parse_paragraphs(_rejoined(paras, doc.text), full) for s in para]


_OPEN_END = re.compile(r"[^.!?…:;»\"”)]\s*$")  # a line that stops mid-sentence
_LOWER_START = re.compile(r"^\s*[а-яё]")  # ... and one that goes on with it


def _rejoined(paras: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """Lines a page broke inside a sentence ("Больше всего" / "задержанных в Москве – 300") joined
    again: a line that stops without a sentence end and a next one that opens in lower case are one
    paragraph (with the line break inside, so every offset stays the document's)."""
    joined: list[tuple[int, int, str]] = []
    for index, start, piece in paras:
        if joined and _OPEN_END.search(joined[-1][2]) and _LOWER_START.match(piece):
            first_index, first_start, _ = joined[-1]
            joined[-1] = (first_index, first_start, text[first_start:start + len(piece)])
        else:
            joined.append((index, start, piece))
    return joined
