"""What the sentence loop knows of an article while it reads it: the article, its places, its
country and its dating state. The English loop (`mentions`) and the Russian one (`ru_mentions`)
read and update the same state."""

from __future__ import annotations

from dataclasses import dataclass

from strikewatch.extract.dating import Dating
from strikewatch.geo.toponyms import Toponym
from strikewatch.model import Document, Place


@dataclass
class Article:
    """What the sentence loop knows of the article: its places and its dating state."""

    doc: Document
    toponyms: list[Toponym]
    country: Place | None
    dating: Dating
