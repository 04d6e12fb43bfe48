"""Geocoding accuracy on real hand-coded data (issue 5).

    .venv/bin/python bench/geocode_accuracy.py [--shared ../shared] [--show 15]

1. africa_education_protests/protests.csv: each row's locality (`Locality NAME`) is geocoded with
   its country (`Name`) as the only context, and the result is right when it lies within 25 km of
   the coder's `LAT`/`LONG`. Rows without a locality, nationwide or multi-place rows, and rows
   whose coordinates are not a point in their own country (shifted columns, see SOURCE.md) are
   left out and counted.
2. glocon_india_folia: every annotated `place` / `place_pub` span (Times of India, so India is the
   context). These annotations carry no coordinates, so the figure is the share of spans that
   resolve to a place in India; spans naming a street, village area or "twin cities" are in the
   denominator too.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

from strikewatch.geo import km
from strikewatch.geo.gazetteer import load_gazetteer
from strikewatch.geo.toponyms import choose, readings, strip_name

# The spreadsheet's own misspellings of country names (evaluation data cleaning, not product rules).
_COUNTRY_FIXES = {"Cote d'lvoire": "CI", "Mauritus": "MU", "Djbouti": "DJ", "Congo - Kinshasa": "CD",
                  "Congo- Brazzaville": "CG", "Guinea Bissau": "GW", "Cape Verde": "CV", "Western Sahara": "EH"}
_SKIP_TYPES = {"Nationwide", "Countrywide", "Multiple urban areas", "Multiple rural areas", ""}


def country_code(name: str, gaz) -> str | None:
    name = name.strip()
    if name in _COUNTRY_FIXES:
        return _COUNTRY_FIXES[name]
    found = [p for p in gaz.lookup(name) if p.kind == "country"]
    return found[0].country if found else None


def geocode_name(name: str, country: str | None, gaz):
    """The place of a coded locality; "Cocody (Abidjan)" tries the name, then the town in brackets."""
    context = Counter({country: 3}) if country else Counter()
    parts = [p.strip() for p in re.split(r"[()]", name) if p.strip()]
    for part in parts or [name]:
        chosen = choose(readings(strip_name(part), "GPE", gaz, context), context)
        if chosen:
            return chosen[0]
    return None


def africa(path: Path, show: int) -> dict:
    gaz = load_gazetteer()
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    counted = Counter()
    misses = []
    for row in rows:
        locality = (row.get("Locality NAME") or "").strip()
        code = country_code(row.get("Name") or "", gaz)
        try:
            point = (float(row["LAT"]), float(row["LONG"]))
        except (TypeError, ValueError):
            point = None
        if not locality or (row.get("Locality Type") or "").strip() in _SKIP_TYPES or not code or not point:
            counted["left out: no locality, nationwide or no point"] += 1
            continue
        capital = gaz.capital(code)
        if capital is None or km(point, (capital.lat, capital.lon)) > 2500:
            counted["left out: point not in the row's country"] += 1
            continue
        counted["scored"] += 1
        place = geocode_name(locality, code, gaz)
        if place is None:
            counted["unresolved"] += 1
            misses.append((locality, code, "unresolved", None))
        elif km(point, (place.lat, place.lon)) <= 25:
            counted["within 25 km"] += 1
        else:
            counted["wrong place"] += 1
            misses.append((locality, code, f"{place.name}, {place.country}", round(km(point, (place.lat, place.lon)))))
    scored = counted["scored"]
    print(f"africa_education_protests: {counted['within 25 km']}/{scored} within 25 km "
          f"= {counted['within 25 km'] / max(scored, 1):.3f}; unresolved {counted['unresolved']}, "
          f"wrong place {counted['wrong place']}; rows {len(rows)}")
    for key in sorted(k for k in counted if k.startswith("left out")):
        print(f"  {key}: {counted[key]}")
    for miss in misses[:show]:
        print("  miss:", *miss)
    return dict(counted)


def glocon(path: Path, show: int) -> dict:
    gaz = load_gazetteer()
    total = in_india = 0
    misses = Counter()
    for line in path.open(encoding="utf-8"):
        doc = json.loads(line)
        for ent in doc["entities"]:
            if ent["class"] not in ("place", "place_pub"):
                continue
            total += 1
            place = geocode_name(ent["text"], "IN", gaz)
            if place is not None and place.country == "IN":
                in_india += 1
            else:
                misses[ent["text"].lower()] += 1
    print(f"glocon_india_folia: {in_india}/{total} place spans resolved to a place in India = "
          f"{in_india / max(total, 1):.3f}")
    print("  not resolved:", ", ".join(f"{name} ({n})" for name, n in misses.most_common(show)))
    return {"spans": total, "in_india": in_india}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--show", type=int, default=15, help="How many misses to list.")
    args = parser.parse_args()
    data = Path(args.shared) / "data"
    if not data.is_dir():
        print(f"no shared data at {data}", file=sys.stderr)
        return 2
    africa(data / "africa_education_protests" / "protests.csv", args.show)
    glocon(data / "glocon_india_folia" / "glocon_india_toi_adjudicated.jsonl", args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
