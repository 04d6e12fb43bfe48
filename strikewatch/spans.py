"""Reading parsed docs (spaCy's, or natasha's as spaCy docs) cheaply: helpers every rule module may use,
with no parser of their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_WHOLE_TEXT = "strikewatch:text"  # a key of `Doc.user_data` no parser uses


def text_of(doc: Doc) -> str:
    """A parsed doc's whole text, joined once: spaCy joins `Doc.text` anew from every token on each read,
    which, read for each name or trigger of a long paragraph, costs more than the rules that read it."""
    text = doc.user_data.get(_WHOLE_TEXT)
    if text is None:
        text = doc.user_data[_WHOLE_TEXT] = doc.text
    return text
