"""Fetching, politely and safely: one httpx client (HTTP/2 where the server has it) behind
robots.txt, per-host rate and concurrency limits, size and time limits, and an address guard.

The guard sits where connections are opened: every connection, including each hop of a redirect,
goes to an address checked at that moment, so neither a redirect nor a DNS answer that changes
between a check and the connection can lead to a private or loopback address the user did not
allow.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
import urllib.robotparser
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore
import httpx

from strikewatch.limits import MB
from strikewatch.sources.config import Settings, parse_trusted

ROBOTS_AGENT = "strikewatch"
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A fetch that gave no usable page. `permanent`: trying again later will not help."""

    def __init__(self, reason: str, status: int | None = None, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.status, self.permanent = reason, status, permanent


class BlockedAddress(FetchError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason, permanent=True)


@dataclass
class Fetched:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    body: bytes
    headers: dict[str, str]  # etag, last-modified, date, content-type (lower-case names), when sent
    fetched_at: float  # Unix time
    http_version: str = "HTTP/1.1"

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class AddressGuard:
    """Which addresses connections may go to: public ones, and private ones the user allowed."""

    def __init__(self, allow_private: bool = False, trusted: tuple[str, ...] = ()) -> None:
        self.allow_private = allow_private
        self.trusted = [parse_trusted(entry) for entry in trusted]

    def check(self, host: str, address: str, port: int) -> None:
        if self.allow_private or is_public(address):
            return
        ip = ipaddress.ip_address(address)
        if any(ip in network and allowed in (None, port) for network, allowed in self.trusted):
            return
        raise BlockedAddress(f"{host} is at {address}, a private or loopback address: refused "
                             "(allow_private_addresses in the sources file allows it)")


class _GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, resolving the host itself and connecting only to a checked address."""

    def __init__(self, guard: AddressGuard) -> None:
        self.guard = guard

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options=None) -> httpcore.NetworkStream:  # noqa: ANN001
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        address = str(infos[0][4][0])
        for info in infos:  # every address the name has: a name with one private address is refused
            self.guard.check(host, str(info[4][0]), port)
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


class HostGate:
    """At most `concurrency` requests in flight per host, and `delay` seconds between their starts."""

    def __init__(self, delay: float, concurrency: int) -> None:
        self.delay, self.concurrency = delay, concurrency
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next: dict[str, float] = {}

    @contextmanager
    def slot(self, host: str, delay: float | None = None) -> Iterator[None]:
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.Semaphore(self.concurrency))
        with semaphore:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next.get(host, now))
                self._next[host] = start + (self.delay if delay is None else delay)
            if start > now:
                time.sleep(start - now)
            yield


class Fetcher:
    """Fetches pages for one run; safe to share between threads."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        verify: ssl.SSLContext | bool = True
        if settings.ca_bundle:
            verify = ssl.create_default_context(cafile=settings.ca_bundle)
        transport = httpx.HTTPTransport(http2=True, retries=2, verify=verify)  # retries: failed connections
        transport._pool._network_backend = _GuardedBackend(
            AddressGuard(settings.allow_private_addresses, settings.trusted_addresses))
        self.client = httpx.Client(
            transport=transport, timeout=httpx.Timeout(settings.timeout), follow_redirects=True,
            max_redirects=MAX_REDIRECTS, trust_env=False,  # no proxy from the environment: the guard sees the host
            headers={"User-Agent": settings.user_agent}, event_hooks={"request": [self._check_hop]})
        self.gate = HostGate(settings.per_host_delay, settings.per_host_concurrency)
        self._robots: dict[str, urllib.robotparser.RobotFileParser | FetchError] = {}
        self._robots_locks: dict[str, threading.Lock] = {}  # one per site: a slow site holds up only itself
        self._robots_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, max_mb: float | None = None, etag: str | None = None,
            last_modified: str | None = None) -> Fetched:
        """The page at `url`, or FetchError. With `etag`/`last_modified` the request is conditional
        and an unchanged resource comes back as status 304 with no body."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) address: {url}", permanent=True)
        if self.settings.respect_robots and not self.allowed(url):
            raise FetchError("robots.txt disallows it", permanent=True)
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        limit = round((self.settings.max_page_mb if max_mb is None else max_mb) * MB) or None
        with self.gate.slot(parts.netloc, self._crawl_delay(url)):
            return self._request(url, headers, limit)

    def _request(self, url: str, headers: dict[str, str], limit: int | None) -> Fetched:
        deadline = time.monotonic() + self.settings.timeout
        started = time.time()
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if response.status_code >= 400:
                    raise _status_error(response.status_code)
                body = b"" if response.status_code == 304 else _read_bounded(response, limit, deadline,
                                                                              self.settings.timeout)
                kept = {k: response.headers[k] for k in ("etag", "last-modified", "date", "content-type")
                        if k in response.headers}
                return Fetched(url, str(response.url), response.status_code, body, kept, started,
                               response.http_version)
        except FetchError:
            raise
        except httpx.TooManyRedirects:
            raise FetchError(f"more than {MAX_REDIRECTS} redirects", permanent=True) from None
        except httpx.UnsupportedProtocol as exc:
            raise FetchError(f"redirected to an address that is not http(s): {exc}", permanent=True) from None
        except httpx.TimeoutException:
            raise FetchError(f"no answer within {self.settings.timeout:g} s (timeout)") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}") from None
        except (httpx.InvalidURL, ValueError, UnicodeError) as exc:  # an address no request can be made to
            raise FetchError(f"invalid address: {exc}", permanent=True) from None

    def _check_hop(self, request: httpx.Request) -> None:
        """Every request the client sends, each redirect hop included, obeys its site's robots.txt.
        (The first is checked before it waits for its host's turn; this catches the hops.)"""
        if not self.settings.respect_robots or request.url.path == "/robots.txt":
            return
        url = str(request.url)
        # A hop's robots.txt is read outside the per-host gate: this thread holds another host's turn,
        # and waiting for a second one could deadlock with a thread redirected the other way.
        if not self.allowed(url, gated=False):
            raise FetchError(f"robots.txt disallows it (redirected to {url})", permanent=True)

    def allowed(self, url: str, gated: bool = True) -> bool:
        """Whether robots.txt lets strikewatch fetch `url` (fetched once per site and run)."""
        rules = self._robots_of(url, gated)
        if isinstance(rules, BlockedAddress):
            raise rules
        if isinstance(rules, FetchError):
            raise FetchError(f"robots.txt unreachable ({rules.reason}): the site is not fetched")
        return rules.can_fetch(ROBOTS_AGENT, url)

    def _crawl_delay(self, url: str) -> float | None:
        if not self.settings.respect_robots:
            return None
        rules = self._robots_of(url)
        delay = None if isinstance(rules, FetchError) else rules.crawl_delay(ROBOTS_AGENT)
        return max(float(delay), self.settings.per_host_delay) if delay else None

    def _robots_of(self, url: str, gated: bool = True) -> urllib.robotparser.RobotFileParser | FetchError:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            lock = self._robots_locks.setdefault(site, threading.Lock())
        with lock:
            if site not in self._robots:
                self._robots[site] = self._load_robots(site + "/robots.txt", gated)
            return self._robots[site]

    def _load_robots(self, robots_url: str, gated: bool = True) -> urllib.robotparser.RobotFileParser | FetchError:
        """RFC 9309: a missing robots.txt (4xx) allows everything, 401/403 nothing; an unreachable
        one (5xx, no answer) means the site is not fetched this run."""
        rules = urllib.robotparser.RobotFileParser(robots_url)
        try:
            with self.gate.slot(urlsplit(robots_url).netloc) if gated else nullcontext():
                fetched = self._request(robots_url, {}, 512 * 1024)
        except FetchError as exc:
            if exc.status in (401, 403):
                rules.disallow_all = True  # type: ignore[attr-defined]  # its own flag, not in typeshed
            elif exc.status is not None and exc.status < 500:
                rules.allow_all = True  # type: ignore[attr-defined]
            else:
                return exc
            return rules
        rules.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
        return rules


def _status_error(status: int) -> FetchError:
    reason = f"HTTP {status}"
    try:
        from http import HTTPStatus

        reason += f" {HTTPStatus(status).phrase}"
    except ValueError:
        pass
    # A client error is the page's own answer (gone, forbidden); 408 and 429 ask for a later try.
    return FetchError(reason, status=status, permanent=400 <= status < 500 and status not in (408, 429))


def _read_bounded(response: httpx.Response, limit: int | None, deadline: float, timeout: float) -> bytes:
    """The body, refused once over `limit` bytes or past the deadline (a server dripping bytes)."""
    declared = response.headers.get("content-length", "")
    if limit is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(int(declared), limit)
    chunks, size = [], 0
    for chunk in response.iter_bytes(_CHUNK):
        size += len(chunk)
        if limit is not None and size > limit:
            raise _too_large(size, limit, at_least=True)
        if time.monotonic() > deadline:
            raise FetchError(f"the page took longer than {timeout:g} s to arrive (timeout)")
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: int, limit: int, at_least: bool = False) -> FetchError:
    more = "over " if at_least else ""
    return FetchError(f"{more}{size / MB:.1f} MB is over the page size limit of {limit / MB:g} MB (max_page_mb)",
                      permanent=True)
