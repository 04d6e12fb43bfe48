"""Word forms: pymorphy3's Russian dictionary (inside its package), loaded once and shared by the
Russian rules (calendar and number words in every case) and the geocoder (place names in the
nominative)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymorphy3


@functools.cache
def morph() -> pymorphy3.MorphAnalyzer:
    """The Russian morphological analyser, loaded on first use (English never loads it)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()
