"""The language layer: what strikewatch knows of each language it reads, as data.

`lexicon("en")` is the typed `Lexicon` of English, read once from `strikewatch/lang/en/*.toml`,
and `lexicon("ru")` Russian's, from `strikewatch/lang/ru/*.toml`. Rule modules keep the mechanism
(parse tests, regular expressions) and take their words from it; `lang.morphology` holds
pymorphy3's Russian dictionary.
"""

import re

from strikewatch.lang.lexicon import (
    Actors,
    Calendar,
    Events,
    Forms,
    Furniture,
    Grammar,
    Hedge,
    Lexicon,
    LexiconError,
    Modality,
    Names,
    Numbers,
    People,
    PeopleNoun,
    Places,
    Response,
    Senses,
    Triggers,
    available,
    lexicon,
    phrase_pattern,
    read_lexicon,
)

# A letter of the Cyrillic script: text written in Russian (or a neighbour of it), not English.
CYRILLIC = re.compile(r"[\u0400-\u04FF]")

__all__ = [
    "CYRILLIC",
    "Actors",
    "Events",
    "Response",
    "Calendar",
    "Forms",
    "Furniture",
    "Grammar",
    "Hedge",
    "Lexicon",
    "LexiconError",
    "Modality",
    "Names",
    "Numbers",
    "People",
    "PeopleNoun",
    "Places",
    "Senses",
    "Triggers",
    "available",
    "lexicon",
    "read_lexicon",
    "phrase_pattern",
]
