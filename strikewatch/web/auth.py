"""Who may read and who may write: write tokens (`strikewatch token create NAME`) as bearer tokens.

Writes always need `Authorization: Bearer TOKEN`; the reviewer recorded is the token's name.
Reading is open unless the app runs with `private`, when the token may also come from the
`strikewatch_token` cookie the pages set, so that the browser's page loads carry it. A cookie
never authorises a write, so another site cannot make a reviewer's browser change the data.
"""

from __future__ import annotations

from fastapi import HTTPException, Request

from strikewatch.store import Store

COOKIE = "strikewatch_token"
WRITE_HELP = ("a write needs a token: send 'Authorization: Bearer TOKEN' "
              "(create one with `strikewatch token create NAME`)")


def bearer_token(header: str) -> str | None:
    """The token of an `Authorization: Bearer TOKEN` header value, or None."""
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _bearer(request: Request) -> str | None:
    return bearer_token(request.headers.get("authorization", ""))


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": "Bearer"})


def reviewer(request: Request) -> str:
    """The name of the token that authorises this write; 401 without a valid one."""
    token = _bearer(request)
    if token is None:
        raise _unauthorized(WRITE_HELP)
    store: Store = request.app.state.store
    name = store.reviewer_of(token)
    if name is None:
        raise _unauthorized("unknown or revoked token")
    return name


def reader(request: Request) -> None:
    """Reads are open, unless the app is private: then a valid token (header or cookie) is needed."""
    if not request.app.state.private:
        return
    token = _bearer(request) or request.cookies.get(COOKIE)
    if token is None or request.app.state.store.reviewer_of(token) is None:
        raise _unauthorized("this strikewatch is private: reading needs a token")
