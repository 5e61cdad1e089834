"""GraphiQL served by govgraph itself (development mode): no CDN, so the IDE works on an
offline intranet.

The browser files come from npm packages pinned in govgraph/static/graphiql/package.json
and installed next to it (`npm ci`, which `python3 run.py install` runs when npm is there);
they are never committed. `/graphiql/{name}` serves the few files the page needs, by name;
without them the page says how to install them.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Route

from govgraph.http.errors import JSON, error_body

STATIC = Path(__file__).resolve().parents[1] / "static"
PACKAGES = STATIC / "graphiql"
MODULES = PACKAGES / "node_modules"
JS = "text/javascript; charset=utf-8"
CSS = "text/css; charset=utf-8"

ASSETS: dict[str, tuple[str, str]] = {
    # name under /graphiql/: (path under node_modules, or "!" + a file of govgraph/static)
    "graphiql.css": ("graphiql/graphiql.min.css", CSS),
    "explorer.css": ("@graphiql/plugin-explorer/dist/style.css", CSS),
    "react.js": ("react/umd/react.production.min.js", JS),
    "react-dom.js": ("react-dom/umd/react-dom.production.min.js", JS),
    "graphiql.js": ("graphiql/graphiql.min.js", JS),
    "explorer.js": ("@graphiql/plugin-explorer/dist/index.umd.js", JS),
    "govgraph.js": ("!govgraph-graphiql.js", JS),
}

POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""The page may load and connect to this server only (its own websocket included)."""

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>govgraph · GraphiQL</title>
<link rel="stylesheet" href="{base}/graphiql.css">
<link rel="stylesheet" href="{base}/explorer.css">
<style>body {{ margin: 0; }} #graphiql {{ height: 100vh; }}</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="{base}/react.js"></script>
<script src="{base}/react-dom.js"></script>
<script src="{base}/graphiql.js"></script>
<script src="{base}/explorer.js"></script>
<script src="{base}/govgraph.js"></script>
</body>
</html>
"""

MISSING = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>govgraph · GraphiQL is not installed</title></head>
<body style="font-family: sans-serif; max-width: 46em; margin: 3em auto; line-height: 1.5">
<h1>GraphiQL is not installed</h1>
<p>govgraph serves GraphiQL from its own installation (no CDN), and its browser files are
missing from <code>{modules}</code>.</p>
<p>Install them on a machine that reaches the npm registry, with Node.js and npm:</p>
<pre>python3 run.py install
# or
cd govgraph/static/graphiql &amp;&amp; npm ci</pre>
<p>then reload this page. The API itself works without them:
<code>POST {endpoint}</code> with a JSON body <code>{{"query": "..."}}</code>.</p>
</body>
</html>
"""


def _file(name: str) -> Path | None:
    found = ASSETS.get(name)
    if found is None:
        return None
    where = found[0]
    return STATIC / where[1:] if where.startswith("!") else MODULES / where


def installed() -> bool:
    """True when every file the page loads is there."""
    return all(path is not None and path.is_file() for path in map(_file, ASSETS))


def page(request: Request) -> Response:
    """The GraphiQL page, or (files missing) a page that says how to install them."""
    root = escape(request.scope.get("root_path", ""))
    headers = {"Content-Security-Policy": POLICY, "Cache-Control": "no-store"}
    if not installed():
        body = MISSING.format(modules=escape(str(MODULES)), endpoint=f"{root}/graphql")
        return HTMLResponse(body, status_code=503, headers=headers)
    return HTMLResponse(PAGE.format(base=f"{root}/graphiql"), headers=headers)


async def asset(request: Request) -> Response:
    """GET /graphiql/{name}: one of the page's files."""
    name = str(request.path_params.get("name", ""))
    path = _file(name)
    if path is None or not path.is_file():
        return Response(error_body("No such file", "NOT_FOUND"), 404, media_type=JSON)
    return FileResponse(
        path,
        media_type=ASSETS[name][1],
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )


def routes(enabled: bool) -> list[Route]:
    """The files' route, when GraphiQL is enabled (development mode)."""
    return [Route("/graphiql/{name}", asset, methods=["GET", "HEAD"])] if enabled else []
