"""The gate in front of every write: the token first, then a small body, then a shallow JSON.

FastAPI reads and parses a request's whole body before any dependency (the token check among
them) runs, so an anonymous client could make the server hold any amount of memory. This ASGI
middleware answers a write (POST, PUT, PATCH, DELETE) before the application sees it:
- 401 without a valid bearer token, the body unread;
- 413 when Content-Length is over `max_body`, unread, or once a body sent without a length
  passes it (read no further);
- 422 when the JSON nests deeper than `max_depth` (no parser recursion on it).

`SecurityHeaders`, the other middleware, adds the security headers to every response.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.responses import JSONResponse

from strikewatch.web.auth import WRITE_HELP, bearer_token

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 64 * 1024  # bytes: a review write is a field and a value, or a list of mention ids
MAX_JSON_DEPTH = 16
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class BodyTooLarge(Exception):
    pass


def json_depth(body: bytes) -> int:
    """How deep the arrays and objects of a JSON text nest (brackets inside strings not counted)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


class WriteGuard:
    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY, max_depth: int = MAX_JSON_DEPTH) -> None:
        self.app, self.max_body, self.max_depth = app, max_body, max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            await self.app(scope, receive, send)
            return
        refusal = await self._refusal_before_body(scope)
        if refusal is None:
            try:
                body = await self._read(receive)
            except BodyTooLarge:
                refusal = self._too_large()
            else:
                if json_depth(body) > self.max_depth:
                    refusal = JSONResponse({"detail": f"the JSON body nests deeper than {self.max_depth} levels"},
                                           status_code=422)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _refusal_before_body(self, scope: Scope) -> JSONResponse | None:
        headers = Headers(scope=scope)
        token = bearer_token(headers.get("authorization", ""))
        if token is None:
            return _unauthorized(WRITE_HELP)
        store = scope["app"].state.store
        if await run_in_threadpool(store.reviewer_of, token) is None:
            return _unauthorized("unknown or revoked token")
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return self._too_large()
        return None

    async def _read(self, receive: Receive) -> bytes:
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise BodyTooLarge()
            chunks.append(chunk)
            more = message.get("more_body", False)
        return b"".join(chunks)

    def _too_large(self) -> JSONResponse:
        return JSONResponse({"detail": f"a write's body may have at most {self.max_body:,} bytes"},
                            status_code=413, headers={"Connection": "close"})


def _unauthorized(detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=401, headers={"WWW-Authenticate": "Bearer"})


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def again() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again


class SecurityHeaders:
    """Every response's security headers (the content policy, no MIME sniffing, no referrer), added
    as the response starts: a plain ASGI wrapper, which costs a request far less than an
    http middleware that rebuilds it."""

    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app = app
        self.headers = [(b"content-security-policy", csp.encode("latin-1")), (b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"no-referrer")]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in self.headers}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = kept + self.headers
            await send(message)

        await self.app(scope, receive, with_headers)
