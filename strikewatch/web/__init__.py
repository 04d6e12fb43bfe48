"""The web app: map, timeline, event pages and review in the browser, and the REST API under /api/v1.

`create_app(db)` builds the FastAPI application over the same store the CLI uses;
`strikewatch serve` runs it with uvicorn. Front-end libraries come from npm (see package.json)
and are copied into `static/vendor` by the build (`make assets`); the pages load nothing from
the internet.
"""

from strikewatch.web.app import create_app

__all__ = ["create_app"]
