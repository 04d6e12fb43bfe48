"""The FastAPI application: pages, static assets and the API, over one store."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from strikewatch.export import codebook
from strikewatch.store import open_store
from strikewatch.web import api, event_page
from strikewatch.web.auth import reader
from strikewatch.web.cache import ResponseCache
from strikewatch.web.guard import SecurityHeaders, WriteGuard

HERE = Path(__file__).parent
# Scripts only from this server's own files, never inline: article text cannot run code even if
# some escaping failed. Tiles (an optional extra) are the one outside source allowed, for images.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: {tiles}; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


# Threads that run the (synchronous) endpoints at once; more requests wait their turn in order. With
# many threads sharing one interpreter lock, a request that needs 10 ms of work is sliced among all
# the others and finishes last; a few threads let each finish before the next starts (bench/load.py:
# 32 clients on 2 cores, p99 of every list, filter and event request 586 ms with the default 40
# threads, 227 ms with 4).
THREADS = 4


def _with_threads(threads: int) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
    return lifespan


def create_app(db: str | None = None, private: bool = False, tiles: str | None = None,
               cache: bool = True, threads: int = THREADS) -> FastAPI:
    """The web app over the store at `db` (a path or URL, as for the CLI).

    `private`: reading needs a token too. `tiles`: an optional tile URL template
    (https://.../{z}/{x}/{y}.png) drawn under the offline country outlines. `cache`: keep the API's
    read responses until the store changes (see web/cache.py; ETags and 304 either way).
    `threads`: requests answered at once by this process (`THREADS`).
    """
    app = FastAPI(title="strikewatch", version="1", summary="Protest and strike events from news articles",
                  openapi_url="/api/v1/openapi.json", docs_url=None, redoc_url=None, lifespan=_with_threads(threads))
    app.state.store = open_store(db)
    app.state.private = private
    app.state.tiles = tiles
    app.state.response_cache = ResponseCache() if cache else None
    templates = Jinja2Templates(directory=HERE / "templates")  # autoescapes every value
    csp = _CSP.format(tiles=_origin(tiles)).replace(" ;", ";")
    app.add_middleware(WriteGuard)  # added first, so the security headers below wrap its answers too
    app.add_middleware(SecurityHeaders, csp=csp)

    app.include_router(api.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> Response:
        return templates.TemplateResponse(request, "index.html", {"tiles": tiles or "", "private": private})

    @app.get("/codebook", response_class=PlainTextResponse, include_in_schema=False)
    def codebook_page() -> Response:
        """The exports' codebook (Markdown, shown as text)."""
        return PlainTextResponse(codebook())

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources(request: Request, _: None = Depends(reader)) -> Response:
        from strikewatch.sources import source_statuses

        return templates.TemplateResponse(request, "sources.html",
                                          {"sources": source_statuses(request.app.state.store)})

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event(request: Request, event_id: str, _: None = Depends(reader)) -> Response:
        store = request.app.state.store
        record = store.get_event(event_id)
        if record is None:
            raise HTTPException(404, detail=f"no event {event_id!r}")
        return templates.TemplateResponse(request, "event.html", event_page.context(store, record))

    return app


SERVE_ENV = ("STRIKEWATCH_SERVE_DB", "STRIKEWATCH_SERVE_PRIVATE", "STRIKEWATCH_SERVE_TILES", "STRIKEWATCH_SERVE_CACHE",
             "STRIKEWATCH_SERVE_THREADS")


def app_from_environment() -> FastAPI:
    """The app `strikewatch serve --workers N` runs in each of its N processes, configured by the
    SERVE_ENV variables the command sets (uvicorn starts workers from an import path, not an object)."""
    db, private, tiles, cache, threads = (os.environ.get(name) for name in SERVE_ENV)
    return create_app(db, private=private == "1", tiles=tiles or None, cache=cache != "0",
                      threads=int(threads or THREADS))


def _origin(url: str | None) -> str:
    if not url or "://" not in url:
        return ""
    scheme, rest = url.split("://", 1)
    host = rest.split("/", 1)[0].replace("{s}", "*")
    return f"{scheme}://{host}"
