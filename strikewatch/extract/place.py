"""Place of a mention: a resolved toponym (see `strikewatch.geo.toponyms`) as a `Place`, and the site.

Sites are workplaces and venues ("the X plant", "outside the Y building on Z Street"); they are
kept as text beside the town they are in, never geocoded as towns.
"""

from __future__ import annotations

import re

from strikewatch.geo.toponyms import Toponym
from strikewatch.model import Evidence, Place

_SITE_NOUNS = (r"(?i:plant|factory|factories|mill|mine|port|dock|docks|hospital|hospitals|university|campus|school|"
               r"square|street|avenue|road|highway|bridge|park|palace|parliament|city hall|town hall|embassy|"
               r"consulate|ministry|headquarters|office|offices|station|airport|border|compound|chowk|market|"
               r"building|court|courthouse|stadium|gate|gates|roundabout|refinery|refineries|warehouse|depot|"
               r"terminal|shipyard|prison|jail|barracks|college|rectorate)(?![\w'’-])")
_TIME_WORD = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
              r"July|August|September|October|November|December)\b")
_SITE = re.compile(
    rf"\b(?:at|outside|near|in front of|towards?|into|on|from|inside|around)\s+(?P<site>(?:the\s+)?"
    rf"(?:[A-Z][\w'’.-]*\s+){{0,4}}(?:[a-z-]+\s+){{0,2}}{_SITE_NOUNS}\b"
    rf"(?:\s+(?:of|on)\s+(?!{_TIME_WORD})(?:[A-Z][\w'’-]*\s?){{1,4}})?)"  # "on Z Street", not "on Saturday"
)


def to_place(toponym: Toponym, rule: str, why: str | None = None) -> Place:
    """The toponym as a Place; its evidence gives the rule, `why` it applied, and the gazetteer's choice."""
    p = toponym.place
    reason = f"{why}; {toponym.reason}" if why else toponym.reason
    return Place(
        name=p.name, precision=p.kind, country=p.country,
        admin1=p.admin1, lat=p.lat, lon=p.lon, gazetteer_id=p.gazetteer_id,
        evidence=Evidence(toponym.text, toponym.start, toponym.end, rule, reason),
    )


def find_site(sentence: str, offset: int = 0) -> Evidence | None:
    m = _SITE.search(sentence)
    if not m:
        return None
    site = m.group("site").strip()
    return Evidence(site, offset + m.start("site"), offset + m.start("site") + len(site), "site:locative-noun")
