"""The sources file: which feeds, sitemaps and URL lists to follow, and how politely.

A TOML file; every key is checked, and a mistake is reported with the key that holds it, before
any request is made.
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from strikewatch import __version__

KINDS = ("feed", "sitemap", "urls")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class ConfigError(ValueError):
    """A sources file that cannot be used, with the reason."""


@dataclass(frozen=True)
class Source:
    url: str
    kind: str = "feed"  # feed | sitemap | urls
    name: str | None = None
    language: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, a hint for the articles' places

    @property
    def label(self) -> str:
        return self.name or self.url


@dataclass(frozen=True)
class Settings:
    """How pages are fetched: identity, politeness, safety and limits."""

    contact: str = ""  # an e-mail or URL where site owners reach the person running strikewatch
    allow_private_addresses: bool = False
    trusted_addresses: tuple[str, ...] = ()  # private addresses allowed one by one: "10.0.0.5", "10.0.0.0/8:8080"
    per_host_delay: float = 1.0  # seconds between two requests to one host (0: no limit)
    per_host_concurrency: int = 2
    concurrency: int = 8  # requests in flight in all
    timeout: float = 30.0  # seconds for one page, all of it
    max_page_mb: float = 5.0  # an article page (the ingest's article size limit)
    max_listing_mb: float = 50.0  # a feed, sitemap or URL list
    retry_after: float = 900.0  # seconds before a failed page is tried again; doubles with each failure
    max_attempts: int = 5
    respect_robots: bool = True
    ca_bundle: str | None = None  # a PEM file of certificate authorities to trust instead of the system's

    @property
    def user_agent(self) -> str:
        contact = f"; contact: {self.contact}" if self.contact else ""
        return f"strikewatch/{__version__} (protest and strike event monitor{contact})"


@dataclass(frozen=True)
class SourcesConfig:
    sources: list[Source] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)


def parse_duration(value: str | float | int) -> float:
    """Seconds from '30m', '2h', '1d', '45s' or a number of seconds."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    else:
        m = _DURATION.match(str(value))
        if not m:
            raise ConfigError(f"{value!r} is not a duration (e.g. 30m, 2h, 1d, 45s)")
        seconds = float(m[1]) * _UNIT_SECONDS[m[2] or "s"]
    if seconds < 0:
        raise ConfigError(f"{value!r}: a duration cannot be negative")
    return seconds


def load_sources(path: str | Path) -> SourcesConfig:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    try:
        return parse_config(data)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None


_SETTING_TYPES: dict[str, tuple[type, ...]] = {
    "contact": (str,), "per_host_concurrency": (int,), "concurrency": (int,), "max_attempts": (int,),
    "max_page_mb": (int, float), "max_listing_mb": (int, float), "respect_robots": (bool,), "ca_bundle": (str,),
}
_DURATIONS = ("per_host_delay", "timeout", "retry_after")


def parse_config(data: dict[str, Any]) -> SourcesConfig:
    """A checked configuration from the parsed TOML."""
    settings: dict[str, Any] = {}
    for key, value in data.items():
        if key != "source":
            settings.update(_setting(key, value))
    for key in ("per_host_concurrency", "concurrency", "max_attempts"):
        if key in settings and settings[key] < 1:
            raise ConfigError(f"{key} must be at least 1")
    raw_sources = data.get("source", [])
    if not isinstance(raw_sources, list) or not raw_sources:
        raise ConfigError("no [[source]] tables: list at least one feed, sitemap or URL list")
    sources = [_source(i, entry) for i, entry in enumerate(raw_sources, start=1)]
    urls = [s.url for s in sources]
    if len(set(urls)) != len(urls):
        raise ConfigError("a source URL is listed twice")
    return SourcesConfig(sources=sources, settings=Settings(**settings))


def _setting(key: str, value: Any) -> dict[str, Any]:
    """One top-level setting of the file, checked: {name: value} (the private-address setting gives two)."""
    if key == "allow_private_addresses":
        return _private_setting(value)
    if key in _DURATIONS:
        return {key: parse_duration(value)}
    if key not in _SETTING_TYPES:
        raise ConfigError(f"unknown key {key!r}")
    if isinstance(value, bool) != (bool in _SETTING_TYPES[key]) or not isinstance(value, _SETTING_TYPES[key]):
        raise ConfigError(f"{key} = {value!r}: expected {_SETTING_TYPES[key][0].__name__}")
    return {key: float(cast(float, value)) if key.startswith("max_") and key.endswith("_mb") else value}


def _private_setting(value: Any) -> dict[str, Any]:
    """`allow_private_addresses`: true, false, or a list of the private addresses allowed."""
    if isinstance(value, bool):
        return {"allow_private_addresses": value}
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        for entry in value:
            parse_trusted(entry)
        return {"trusted_addresses": tuple(value)}
    raise ConfigError("allow_private_addresses must be true, false or a list of addresses (\"10.0.0.5:8080\")")


def parse_trusted(entry: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, int | None]:
    """'10.0.0.5', '10.0.0.0/8', '127.0.0.1:8080' or '[::1]:8080': a network and maybe a port."""
    host, port = entry.strip(), None
    if host.startswith("["):
        host, _, rest = host[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else None
    elif host.count(":") == 1:
        host, port = host.split(":")
    try:
        return ipaddress.ip_network(host, strict=False), int(port) if port else None
    except ValueError:
        raise ConfigError(f"allow_private_addresses: {entry!r} is not an address, network or address:port") from None


def _source(number: int, entry: Any) -> Source:
    where = f"source {number}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a [[source]] table")
    unknown = set(entry) - {"url", "kind", "name", "language", "country"}
    if unknown:
        raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    url = entry.get("url")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise ConfigError(f"{where}: url must be an http:// or https:// address, not {url!r}")
    if len(url) > 2048:
        raise ConfigError(f"{where}: url is longer than 2048 characters")
    kind = entry.get("kind", "feed")
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    for key in ("name", "language", "country"):
        if key in entry and not isinstance(entry[key], str):
            raise ConfigError(f"{where}: {key} must be a string")
    country = entry.get("country")
    if country is not None and not re.fullmatch(r"[A-Za-z]{2}", country):
        raise ConfigError(f"{where}: country must be a two-letter ISO code, not {country!r}")
    return Source(url=url, kind=kind, name=entry.get("name"), language=entry.get("language"),
                  country=country.upper() if country else None)
