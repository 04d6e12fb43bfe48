"""What a source lists: the article URLs of a feed (RSS or Atom, by feedparser), a sitemap (or a
sitemap index) or a plain list of URLs, with what the listing says of each."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree

from strikewatch.ingest.metadata import parse_date_value
from strikewatch.sources.fetch import Fetched, FetchError

_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"  # news sitemaps: publication date and title
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


@dataclass(frozen=True)
class Entry:
    url: str
    title: str | None = None
    published: dt.date | None = None  # the feed entry's date


@dataclass
class Listing:
    entries: list[Entry]
    outlet: str | None = None  # the feed's title
    language: str | None = None
    sitemaps: list[str] | None = None  # a sitemap index: the sitemaps it names


def normalize_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no fragment, no tracking parameters."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(_TRACKING)])
    netloc = parts.netloc.lower()
    for scheme, port in (("http", ":80"), ("https", ":443")):
        if parts.scheme.lower() == scheme and netloc.endswith(port):
            netloc = netloc[: -len(port)]
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", query, ""))


def parse_listing(kind: str, fetched: Fetched) -> Listing:
    if kind == "feed":
        return parse_feed(fetched)
    if kind == "sitemap":
        return parse_sitemap(fetched)
    return parse_url_list(fetched)


def parse_feed(fetched: Fetched) -> Listing:
    import feedparser

    # A stream, never bytes or a string: feedparser would take a string for a URL or a path and open it.
    # No content type: feeds are often served as text/html, which feedparser would hold against them.
    parsed = feedparser.parse(io.BytesIO(fetched.body), response_headers={"content-location": fetched.final_url})
    if not parsed.entries and not parsed.version:  # an empty feed is still a feed
        raise FetchError(f"not an RSS or Atom feed ({_bozo_reason(parsed)})", permanent=False)
    entries = []
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        entries.append(Entry(url=_absolute(fetched.final_url, link), title=item.get("title") or None,
                             published=dt.date(*stamp[:3]) if stamp else None))
    feed = parsed.feed
    return Listing(entries, outlet=feed.get("title") or None, language=_language(feed.get("language")))


def _bozo_reason(parsed: object) -> str:
    exc = getattr(parsed, "bozo_exception", None)
    if exc is None or type(exc).__name__ == "NonXMLContentType":  # the header we leave out, not the body
        return "no rss, feed or RDF element in it"
    return " ".join(str(exc).split())


def _language(value: str | None) -> str | None:
    return value.split("-")[0].lower()[:16] if value else None


def parse_sitemap(fetched: Fetched) -> Listing:
    body = fetched.body
    if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz
        body = gzip.decompress(body)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FetchError(f"not a sitemap: {exc}") from None
    if root.tag == f"{_SITEMAP_NS}sitemapindex":
        locs = [_text(item, f"{_SITEMAP_NS}loc") for item in root.iter(f"{_SITEMAP_NS}sitemap")]
        return Listing([], sitemaps=[_absolute(fetched.final_url, loc) for loc in locs if loc])
    if root.tag != f"{_SITEMAP_NS}urlset":
        raise FetchError(f"not a sitemap: the root element is {root.tag}")
    entries = []
    for item in root.iter(f"{_SITEMAP_NS}url"):
        loc = _text(item, f"{_SITEMAP_NS}loc")
        if loc:
            entries.append(Entry(url=_absolute(fetched.final_url, loc), title=_text(item, f".//{_NEWS_NS}title"),
                                 published=_day(_text(item, f".//{_NEWS_NS}publication_date"))))
    return Listing(entries)


def _day(value: str | None) -> dt.date | None:
    """The day of a W3C datetime ('2026-02-14T07:30:00+01:00', the day as the publisher wrote it)."""
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return parse_date_value(value)


def _text(element: etree._Element, path: str) -> str | None:
    found = element.find(path)
    return ((found.text or "").strip() or None) if found is not None else None


def parse_url_list(fetched: Fetched) -> Listing:
    """One URL a line; blank lines and lines starting with # are skipped."""
    text = fetched.body.decode("utf-8", errors="replace")
    lines = (line.strip() for line in text.splitlines())
    return Listing([Entry(url=_absolute(fetched.final_url, line)) for line in lines
                    if line and not line.startswith("#")])


def _absolute(base: str, link: str) -> str:
    return urljoin(base, link.strip())


def http_date(value: str | None) -> dt.date | None:
    """The day of an HTTP date header (Last-Modified)."""
    if not value:
        return None
    from email.utils import parsedate_tz

    parsed = parsedate_tz(value)
    return dt.date(*parsed[:3]) if parsed else None


def iso_time(stamp: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))
