"""Server-Sent Events: the subscription streams for clients that cannot hold a websocket.

    GET /events/notifications?after=<cursor>            myNotifications
    GET /events/assignments?unitId=<id>&includeSubtree=true   assignmentCreated
    GET /events/deadline-warnings?unitId=<id>           deadlineWarnings

`Authorization: Bearer <token>`, or (a browser's EventSource, which cannot send headers)
`?ticket=` with a ticket from `POST /events/ticket` (govgraph/http/tickets.py). Each event
carries its cursor as the SSE `id`, so a reconnecting client resumes with `Last-Event-ID`
(it wins over `after`). The same GraphQL subscriptions run underneath: same payloads, same
permission checks. A refusal, or a token that expired or was revoked, sends one `error`
event and ends the stream.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from strawberry.types import ExecutionResult

from govgraph.container import Container
from govgraph.http.callers import client_address, credentials
from govgraph.http.errors import GraphQLHTTPError, error_response
from govgraph.http.tickets import TICKET_SECONDS, Tickets
from govgraph.metrics import OPEN_STREAMS
from persistence.database import close_when_idle
from schema.errors import shape_errors
from schema.root import LIMITS

SUMMARY = "summary { title action state dueAt priority threshold }"
STREAMS = {
    "notifications": (
        "myNotifications",
        "subscription($after: String) { myNotifications(after: $after) { "
        f"id cursor kind subjectType subjectId unitId createdAt read {SUMMARY} }} }}",
    ),
    "assignments": (
        "assignmentCreated",
        "subscription($unitId: ID!, $includeSubtree: Boolean!, $after: String) { "
        "assignmentCreated(unitId: $unitId, includeSubtree: $includeSubtree, after: $after) { "
        f"id cursor kind subjectType subjectId unitId occurredAt {SUMMARY} }} }}",
    ),
    "deadline-warnings": (
        "deadlineWarnings",
        "subscription($unitId: ID!, $includeSubtree: Boolean!, $after: String) { "
        "deadlineWarnings(unitId: $unitId, includeSubtree: $includeSubtree, after: $after) { "
        f"id cursor kind subjectType subjectId unitId occurredAt {SUMMARY} }} }}",
    ),
}
KEEP_ALIVE_SECONDS = 15.0


def _frame(event: str, data: Any, event_id: str | None = None) -> str:
    head = f"id: {event_id}\n" if event_id else ""
    return f"{head}event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _variables(request: Request, stream: str) -> dict[str, Any]:
    params = request.query_params
    if stream == "notifications":
        return {"after": request.headers.get("last-event-id") or params.get("after")}
    if not params.get("unitId"):
        raise GraphQLHTTPError(400, "Give unitId")
    return {
        "after": request.headers.get("last-event-id") or params.get("after"),
        "unitId": params["unitId"],
        "includeSubtree": params.get("includeSubtree", "false").lower() == "true",
    }


def tickets_of(request: Request) -> Tickets:
    """The app's stream tickets (made on first use)."""
    state = request.app.state
    if not hasattr(state, "sse_tickets"):
        container: Container = state.container
        state.sse_tickets = Tickets(container.clock, container.settings.redis_url)
    tickets: Tickets = state.sse_tickets
    return tickets


async def issue_ticket(request: Request) -> Response:
    """POST /events/ticket: a single-use ticket for one stream, for the bearer's person."""
    container: Container = request.app.state.container
    bearer, _api_key = credentials(request.headers)
    principal = await container.principal(bearer=bearer, api_key=None) if bearer else None
    if bearer is None or principal is None or principal.account_id is None:
        return error_response(GraphQLHTTPError(401, "Invalid, expired or revoked credentials"))
    ticket = await tickets_of(request).issue(bearer)
    body = {"ticket": ticket, "expiresInSeconds": TICKET_SECONDS}
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


async def events(request: Request) -> Response:
    """One SSE stream (see the module's docstring)."""
    container: Container = request.app.state.container
    stream = request.path_params["stream"]
    if stream not in STREAMS:
        return error_response(GraphQLHTTPError(404, f"No stream {stream}"))
    bearer, _api_key = credentials(request.headers)
    if request.query_params.get("ticket"):
        bearer = await tickets_of(request).redeem(request.query_params["ticket"])
        if bearer is None:
            return error_response(GraphQLHTTPError(401, "Invalid, used or expired ticket"))
    principal = await container.principal(bearer=bearer, api_key=None) if bearer else None
    if principal is None or principal.account_id is None:
        return error_response(GraphQLHTTPError(401, "Invalid, expired or revoked credentials"))
    if principal.password_change_required:
        return error_response(
            GraphQLHTTPError(
                403,
                "Change your password first (changePassword)",
                code="PASSWORD_CHANGE_REQUIRED",
            )
        )
    try:
        variables = _variables(request, stream)
    except GraphQLHTTPError as exc:
        return error_response(exc)
    session = container.read_sessions()
    ctx = container.request_context(
        principal=principal,
        session=session,
        client_address=client_address(request),
        request_id=str(request.scope.get("state", {}).get("request_id", "-")),
        raw_token=bearer,
    )

    async def authenticate() -> Any:
        return await container.principal(bearer=bearer, api_key=None, stream=True)

    ctx.authenticate = authenticate
    field, document = STREAMS[stream]

    ended = asyncio.Event()

    async def end() -> None:
        ended.set()

    async def body() -> AsyncIterator[str]:
        forget = container.streams.register(end)  # shutdown ends the stream at once
        OPEN_STREAMS.labels("sse").inc()
        try:
            schema = request.app.state.schema  # the app's (traced when tracing is on)
            async for frame in _run(schema, container, ctx, field, document, variables, ended):
                yield frame
        finally:
            forget()
            OPEN_STREAMS.labels("sse").dec()
            await close_when_idle(session)

    return StreamingResponse(
        body(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


async def _run(  # noqa: PLR0917
    schema: Any,
    container: Container,
    ctx: Any,
    field: str,
    document: str,
    variables: dict[str, Any],
    ended: asyncio.Event,
) -> AsyncIterator[str]:
    result = await schema.subscribe(document, variable_values=variables, context_value=ctx)
    if isinstance(result, ExecutionResult):  # refused before it started
        yield _frame("error", {"errors": _errors(ctx, result)})
        return
    results = result
    recheck = container.settings.ws_auth_recheck_seconds
    waited = 0.0
    step = min(KEEP_ALIVE_SECONDS, recheck)
    pending: asyncio.Task[Any] | None = None
    stop = asyncio.ensure_future(ended.wait())
    try:
        while True:
            pending = pending or asyncio.ensure_future(anext(results))
            await asyncio.wait({pending, stop}, timeout=step, return_when=asyncio.FIRST_COMPLETED)
            if stop.done():  # the server shuts down: the client reconnects elsewhere
                yield "retry: 1000\n\n"
                return
            if not pending.done():
                waited += step
                if waited >= recheck:
                    waited = 0.0
                    if await ctx.current_principal() is None:
                        yield _frame("error", {"errors": [_ended()]})
                        return
                yield ": keep-alive\n\n"
                continue
            try:
                item = pending.result()
            except StopAsyncIteration:
                return
            finally:
                pending = None
            if item.errors:
                yield _frame("error", {"errors": _errors(ctx, item)})
                return
            payload = item.data[field]
            yield _frame(field, payload, payload.get("cursor"))
    finally:
        stop.cancel()
        if pending is not None:
            pending.cancel()
            with contextlib.suppress(BaseException):
                await pending
        with contextlib.suppress(Exception):
            await results.aclose()


def _errors(ctx: Any, result: Any) -> list[dict[str, Any]]:
    """The result's errors, shaped as over HTTP (masked in production)."""
    errors = shape_errors(
        result.errors or (), production=LIMITS.get().production, request_id=ctx.request_id
    )
    return [dict(error.formatted) for error in errors]


def _ended() -> dict[str, Any]:
    return {"message": "Token expired or revoked", "extensions": {"code": "UNAUTHENTICATED"}}
