"""A small web site the tests start on 127.0.0.1: pages, feeds and sitemaps they set up, with
redirects, ETags, delays and slow bodies, and a log of every request it received."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    delay: float = 0.0  # before answering
    drip: float = 0.0  # seconds between two 100-byte pieces of the body
    redirect: str | None = None
    announce_length: bool = True  # send Content-Length (else the body ends when the connection closes)


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[float, str, dict[str, str]]] = []
        self.in_flight = self.most_in_flight = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: str | bytes = b"", **options) -> str:
        self.routes[path] = Route(body=body.encode("utf-8") if isinstance(body, str) else body, **options)
        return self.url(path)

    def hits(self, path: str) -> int:
        return sum(1 for _, p, _ in self.requests if p == path)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            with site._lock:
                site.requests.append((time.monotonic(), self.path, dict(self.headers)))
                site.in_flight += 1
                site.most_in_flight = max(site.most_in_flight, site.in_flight)
            try:
                self._answer(site.routes.get(self.path))
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                with site._lock:
                    site.in_flight -= 1

        def _answer(self, route: Route | None) -> None:
            if route is None:
                self.send_error(404)
                return
            time.sleep(route.delay)
            if route.redirect:
                self.send_response(301)
                self.send_header("Location", route.redirect)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self.send_response(304)
                self.send_header("ETag", route.etag)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if not route.drip and route.announce_length:
                self.send_header("Content-Length", str(len(route.body)))
            if route.etag:
                self.send_header("ETag", route.etag)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not route.drip:
                self.wfile.write(route.body)
                return
            for start in range(0, len(route.body), 100):
                self.wfile.write(route.body[start:start + 100])
                self.wfile.flush()
                time.sleep(route.drip)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def article_html(title: str, paragraphs: list[str], published: str | None = None, canonical: str | None = None) -> str:
    head = f"<title>{escape(title)}</title>"
    if published:
        head += f'<meta property="article:published_time" content="{published}">'
    if canonical:
        head += f'<link rel="canonical" href="{canonical}">'
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">{head}</head><body>"
            f"<nav><a href=\"/\">Home</a></nav><article><h1>{escape(title)}</h1>{body}</article>"
            f"<footer>Contact the desk.</footer></body></html>")


def rss(title: str, items: list[tuple[str, str, str | None]], language: str = "en") -> str:
    """An RSS 2.0 feed; items are (title, link, RFC 822 date or None)."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        + (f"<pubDate>{date}</pubDate>" if date else "") + "</item>" for t, link, date in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://127.0.0.1/</link><description>Test feed</description><language>{language}</language>"
            f"{entries}</channel></rss>")


def atom(title: str, items: list[tuple[str, str, str]]) -> str:
    """An Atom feed; items are (title, link, RFC 3339 date)."""
    entries = "".join(
        f'<entry><title>{escape(t)}</title><link href="{escape(link)}"/><id>{escape(link)}</id>'
        f"<updated>{date}</updated></entry>" for t, link, date in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><id>urn:test:feed</id><updated>2026-01-01T00:00:00Z</updated>"
            f"{entries}</feed>")


def sitemap(urls: list[str], index: bool = False, news: dict[str, str] | None = None) -> str:
    """A sitemap (or sitemap index); `news` gives some URLs a news sitemap publication date."""
    tag, item = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    news = news or {}
    body = "".join(f"<{item}><loc>{escape(u)}</loc>" + (
        f"<news:news><news:publication_date>{news[u]}</news:publication_date></news:news>" if u in news else "")
        + f"</{item}>" for u in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?><{tag} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{body}</{tag}>')
