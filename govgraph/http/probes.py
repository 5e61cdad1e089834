"""Probes for process managers and load balancers.

`GET /healthz`  liveness: the process answers (no dependency is checked, so a database
                outage does not make a supervisor restart every API process at once).
`GET /readyz`   readiness: the database answers and, when REDIS_URL is set, Redis answers;
                503 names the check that failed, and a draining process answers 503 too.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from govgraph.container import Container
from govgraph.health import health


async def healthz(_request: Request) -> JSONResponse:
    """Liveness: the event loop runs and answers."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """Readiness: 200 when the dependencies answer, else 503 with what failed."""
    container: Container = request.app.state.container
    if container.streams.draining:
        return JSONResponse({"status": "draining"}, status_code=503)
    body, status = await health(container)
    return JSONResponse(body, status_code=status)
