"""HTTP caching of query answers sent with GET: a weak ETag of the answer and
`Cache-Control: private, no-cache`, so a browser (never a shared cache) keeps the answer and
asks again each time with If-None-Match, answered 304 without a body when nothing changed.

Only answers that are safe to keep: GET (queries only: a mutation over GET is refused), 200,
and no error in them. The caller's credentials are part of the key (`Vary: Authorization,
X-API-Key`), so an anonymous answer is never served to a signed-in caller or back.
POST answers carry nothing: they are not cached.
"""

from __future__ import annotations

import hashlib

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

CACHE_CONTROL = "private, no-cache"
VARY = "Accept, Authorization, X-API-Key"


def _matches(if_none_match: str, etag: str) -> bool:
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag.removeprefix("W/") in tags


def conditional(request: Request, response: Response, *, had_errors: bool) -> Response:
    """The answer with its validators, or 304 when the client holds it already."""
    if (
        request.method != "GET"
        or response.status_code != 200
        or had_errors
        or isinstance(response, HTMLResponse)
        or not hasattr(response, "body")
    ):
        return response
    etag = f'W/"{hashlib.sha256(bytes(response.body)).hexdigest()[:32]}"'
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, "Vary": VARY}
    if _matches(request.headers.get("if-none-match", ""), etag):
        return Response(status_code=304, headers=headers)
    response.headers.update(headers)
    return response
