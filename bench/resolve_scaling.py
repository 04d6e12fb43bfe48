"""Resolution time as the number of mentions grows (issue 4): synthetic mentions, close to linear.

    .venv/bin/python bench/resolve_scaling.py [--sizes 12500 25000 50000 100000] [--seed 1]

The generator builds articles of 2-8 mentions each. Most report an event in one of 40 real cities
of 8 countries on one day of a period that grows with the corpus (one day per 100 mentions, as a
longer crawl covers more days), so a block (country, day) holds about the same number of events
at every size while several outlets still report the same event (and must merge). With
--days fixed instead, blocks grow with the corpus and so does the time per mention.
Some mentions carry no date (they stay in their article's block) and some only a country. Real
gazetteer places are used, so the place checks are the production ones. Printed: mentions, events,
seconds, and microseconds per mention (flat when the growth is linear), measured twice: as is, and
with the input mentions frozen out of Python's cyclic garbage collector (gc.freeze), which shows how
much of the remaining growth is the collector walking a larger heap rather than the algorithm.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import sys
import time

from strikewatch.geo.gazetteer import load_gazetteer
from strikewatch.model import DateSpan, EventType, Evidence, Mention, Modality, Place, Sentence, SizeClaim

CITIES = {"BY": ["Minsk", "Hrodna", "Brest", "Gomel", "Vitebsk"], "RU": ["Moscow", "Saint Petersburg", "Kazan",
          "Novosibirsk", "Omsk"], "BD": ["Dhaka", "Chattogram", "Gazipur", "Khulna", "Sylhet"],
          "KE": ["Nairobi", "Mombasa", "Kisumu", "Nakuru", "Eldoret"], "SD": ["Khartoum", "Omdurman", "Atbara",
          "Port Sudan", "Kassala"], "IN": ["Delhi", "Mumbai", "Ahmedabad", "Bengaluru", "Kolkata"],
          "FR": ["Paris", "Marseille", "Lyon", "Toulouse", "Nantes"], "US": ["Baltimore", "Chicago", "Houston",
          "Seattle", "Denver"]}
TYPES = [EventType.DEMONSTRATION, EventType.STRIKE, EventType.RIOT, EventType.BLOCKADE]


def places() -> dict[str, list[Place]]:
    gaz = load_gazetteer()
    out: dict[str, list[Place]] = {}
    for code, names in CITIES.items():
        out[code] = []
        for name in names:
            p = next(p for p in gaz.lookup(name) if p.country == code and p.kind == "city")
            out[code].append(Place(p.name, "city", p.country, p.admin1, p.lat, p.lon, p.gazetteer_id, None))
        c = gaz.country(code)
        out[code].append(Place(c.name, "country", code, None, c.lat, c.lon, c.gazetteer_id, None))
    return out


def synthetic_mentions(n: int, seed: int, days: int | None = None) -> list[Mention]:
    rng = random.Random(seed)
    days = days or max(30, n // 100)
    located = places()
    start = dt.date(2020, 1, 1)
    mentions: list[Mention] = []
    doc = 0
    while len(mentions) < n:
        doc += 1
        doc_id = f"doc{doc:07d}"
        code = rng.choice(list(CITIES))
        for k in range(rng.randint(2, 8)):
            city = located[code][rng.randrange(6)]  # index 5 is the country itself
            day = start + dt.timedelta(days=rng.randrange(days))
            said = Evidence("on Sunday", 0, 9, "date:weekday")
            date = None if rng.random() < 0.15 else DateSpan(day, day, "day", said)
            etype = rng.choice(TYPES)
            text = f"Sentence {k} of {doc_id}."
            size = rng.choice([None, 100, 1000, 20000])
            mentions.append(Mention(
                mention_id=f"{doc_id}:{k * 40}:{etype.value}:0", doc_id=doc_id,
                sentence=Sentence(text, k * 40, k * 40 + len(text), k), type=etype,
                trigger=Evidence("marched", 0, 7, "trigger:verb"), modality=Modality.ASSERTED, date=date,
                place=city, sizes=[SizeClaim(size, size, str(size), None)] if size else []))
    return mentions[:n]


def main() -> int:
    from strikewatch.resolve import resolve_events

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12_500, 25_000, 50_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--days", type=int, default=None, help="A fixed period instead of one growing with n.")
    args = parser.parse_args()
    print(f"{'mentions':>9} {'events':>8} {'blocks':>7} {'seconds':>8} {'µs/mention':>11} {'frozen µs/mention':>18}")
    for n in args.sizes:
        mentions = synthetic_mentions(n, args.seed, args.days)
        gc.collect()
        start = time.perf_counter()
        events = resolve_events(mentions)
        seconds = time.perf_counter() - start
        del events
        gc.collect()
        gc.freeze()
        start = time.perf_counter()
        events = resolve_events(mentions)
        frozen = time.perf_counter() - start
        gc.unfreeze()
        blocks = len({e.block for e in events})
        print(f"{n:>9,} {len(events):>8,} {blocks:>7,} {seconds:>8.2f} {seconds / n * 1e6:>11.1f} "
              f"{frozen / n * 1e6:>18.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
