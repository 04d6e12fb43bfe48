"""The data files of a language, read once: `table("ru", "figures")` is `strikewatch/lang/ru/figures.toml`.

A small, language-generic reader: each file is a TOML table of word lists and word tables; the
modules that use a file say what its keys mean. A missing file or key is an error that names it.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any


class LanguageDataError(ValueError):
    """A language's data file is missing or does not parse."""


@functools.cache
def table(code: str, name: str) -> dict[str, Any]:
    """The parsed data file `strikewatch/lang/<code>/<name>.toml`."""
    path = resources.files("strikewatch.lang") / code / f"{name}.toml"
    if not path.is_file():
        raise LanguageDataError(f"no data file {code}/{name}.toml")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise LanguageDataError(f"{code}/{name}.toml: {err}") from err


def words(code: str, name: str, key: str) -> frozenset[str]:
    """A list of words of a data file, as a set."""
    return frozenset(_key(code, name, key))


def phrases(code: str, name: str, key: str) -> tuple[str, ...]:
    """A list of phrases of a data file, longest first (so that a longer one wins a match)."""
    return tuple(sorted(_key(code, name, key), key=len, reverse=True))


def _key(code: str, name: str, key: str) -> Any:
    data = table(code, name)
    for part in key.split("."):
        if not isinstance(data, dict) or part not in data:
            raise LanguageDataError(f"{code}/{name}.toml has no {key!r}")
        data = data[part]
    return data


def mapping(code: str, name: str, key: str) -> dict[str, Any]:
    """A table of a data file (word -> value)."""
    found = _key(code, name, key)
    if not isinstance(found, dict):
        raise LanguageDataError(f"{code}/{name}.toml: {key!r} is not a table")
    return found
