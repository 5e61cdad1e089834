"""The leader's web dashboard (client-examples/web-dashboard), served at /dashboard/ in
development mode from its built files; a page saying how to build it until they exist."""

from __future__ import annotations

from html import escape
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Message, Receive, Scope, Send

DIST = Path(__file__).resolve().parents[2] / "client-examples" / "web-dashboard" / "dist"

# The page talks to /graphql (HTTP and websocket) on its own origin and loads nothing else.
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

NOT_BUILT = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bảng điều hành chưa được xây dựng</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;
color:#1f2937;line-height:1.5}}h1{{color:#0b3d6e;font-size:1.4rem}}
pre{{background:#f3f4f6;padding:.8rem 1rem;border-radius:8px;overflow-x:auto}}</style></head>
<body><h1>Bảng điều hành chưa được xây dựng</h1>
<p>The web dashboard has not been built yet. Build it once (Node 20.19+), then reload:</p>
<pre>cd client-examples/web-dashboard
npm ci
npm run build</pre>
<p>govgraph serves <code>{dist}</code> here in development mode.</p></body></html>
"""


class DashboardFiles:
    """The built files with the page's headers, or the how-to-build page while dist/ has no
    index.html (checked on every request, so a build made while serving is picked up)."""

    def __init__(self, dist: Path) -> None:
        self.dist = dist
        self.files = StaticFiles(directory=dist, html=True, check_dir=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not (self.dist / "index.html").is_file():
            page = NOT_BUILT.format(dist=escape(str(self.dist)))
            response: Response = HTMLResponse(page, status_code=503, headers=HEADERS)
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.files(scope, receive, send_with_headers)


async def _to_slash(_request: Request) -> Response:
    return RedirectResponse("/dashboard/", status_code=308)


def dashboard_routes(dist: Path | None = None) -> list[BaseRoute]:
    """/dashboard redirects to /dashboard/, which serves the page and its assets."""
    return [
        Route("/dashboard", _to_slash, methods=["GET", "HEAD"]),
        Mount("/dashboard", app=DashboardFiles(dist or DIST)),
    ]
