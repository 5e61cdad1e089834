"""Subscriptions over graphql-transport-ws: sign-in in `connection_init`, caps, and a watch
that ends the connection (close code 4403) once the token expires or is revoked.

The legacy graphql-ws protocol is not offered. Close codes: 4403 no valid token at init, or
the token ended; 4429 too many connections for one person; 4408 no `connection_init` within
WS_INIT_TIMEOUT_SECONDS (Strawberry's); 1013 the sign-in could not be checked in time (the
database is busy or away: try again); 1001 the server shuts down (reconnect and resume).
More than WS_MAX_SUBSCRIPTIONS operations on one connection are refused with an `error`
message.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator
from typing import Any

from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
    Operation,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ConnectionInitMessage
from strawberry.types import ExecutionResult

from domain.permissions import Principal
from govgraph.container import Container
from govgraph.draining import GOING_AWAY
from govgraph.metrics import OPEN_STREAMS
from resolvers.context import RequestContext
from schema.errors import shape_errors
from schema.protection import LIMITS

log = logging.getLogger("govgraph.ws")

TOKEN_ENDED = 4403
TOO_MANY = 4429
TRY_AGAIN_LATER = 1013  # RFC 6455 registry: the server is overloaded or its database away


class TooManyConnections(Exception):
    """The person holds the most connections allowed already."""


def token_of(params: dict[str, Any] | None) -> str | None:
    """The bearer token of a connection_init payload: {"token": ...} or
    {"Authorization": "Bearer ..."}."""
    params = params or {}
    token = params.get("token")
    if isinstance(token, str) and token.strip():
        return token.strip()
    header = params.get("Authorization") or params.get("authorization")
    if isinstance(header, str):
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
    return None


def holder_of(principal: Principal) -> int:
    """Whose connections count together: the person, else the account."""
    return principal.person_id or -(principal.account_id or 0)


async def sign_in_connection(container: Container, ctx: RequestContext) -> None:
    """Resolve the token of `connection_init` into the context; refuse without one, or over
    the per-person cap (the slot is released by `release_connection`)."""
    token = token_of(ctx.connection_params)
    found = await container.principal(bearer=token, api_key=None, stream=True) if token else None
    if found is None or found.account_id is None:
        raise ConnectionRejectionError
    principal = found
    holder = holder_of(principal)
    if container.connections.get(holder, 0) >= container.settings.ws_max_connections_per_person:
        raise TooManyConnections
    container.connections[holder] = container.connections.get(holder, 0) + 1
    ctx.principal = principal
    ctx.raw_token = token

    async def authenticate() -> Principal | None:
        return await container.principal(bearer=token, api_key=None, stream=True)

    ctx.authenticate = authenticate


def release_connection(container: Container, ctx: RequestContext) -> None:
    """Give the person's connection slot back."""
    if ctx.authenticate is None:
        return
    holder = holder_of(ctx.principal)
    left = container.connections.get(holder, 1) - 1
    if left > 0:
        container.connections[holder] = left
    else:
        container.connections.pop(holder, None)


class TransportWSHandler(BaseGraphQLTransportWSHandler[RequestContext, None]):
    """Strawberry's handler, with the caps and the token watch."""

    container: Container
    _watch: asyncio.Task[None] | None = None

    async def handle(self) -> None:
        """Strawberry's loop, with the connection counted and ended (1001) on shutdown."""

        async def going_away() -> None:
            await self.websocket.close(code=GOING_AWAY, reason="Server shutting down")

        forget = self.container.streams.register(going_away)
        OPEN_STREAMS.labels("websocket").inc()
        try:
            await super().handle()
        finally:
            forget()
            OPEN_STREAMS.labels("websocket").dec()

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        try:
            await super().handle_connection_init(message)
        except TooManyConnections:
            await self.websocket.close(code=TOO_MANY, reason="Too many connections")
            return
        except Exception as exc:  # no database connection in time: the client retries
            log.warning("websocket sign-in failed: %s", type(exc).__name__)
            await self.websocket.close(code=TRY_AGAIN_LATER, reason="Try again later")
            return
        if self.connection_acknowledged and self._watch is None:
            self._watch = asyncio.get_running_loop().create_task(self._watch_token())

    async def _send_result_stream(
        self, operation: Operation[RequestContext, None], result_source: Any
    ) -> None:
        """Strawberry's, with every result's errors shaped as over HTTP: internal errors
        masked in production, no schema suggestions (results of a subscription are not
        seen by the schema's ErrorCodes extension)."""
        async with contextlib.aclosing(self._shaped(result_source)) as shaped:
            await super()._send_result_stream(operation, shaped)

    async def _shaped(self, results: Any) -> AsyncGenerator[Any, None]:
        production, request_id = LIMITS.get().production, self.context.request_id
        async for result in results:
            if isinstance(result, ExecutionResult) and result.errors:
                result.errors = shape_errors(
                    result.errors, production=production, request_id=request_id
                )
            yield result

    async def _watch_token(self) -> None:
        interval = self.container.settings.ws_auth_recheck_seconds
        while True:
            await asyncio.sleep(interval)
            try:
                principal = await self.context.current_principal()
            except Exception:  # the database is away: keep the connection, check again
                log.warning("cannot re-check a websocket token", exc_info=True)
                continue
            if principal is None:
                with contextlib.suppress(Exception):
                    await self.websocket.close(code=TOKEN_ENDED, reason="Token expired or revoked")
                return

    async def shutdown(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
        release_connection(self.container, self.context)
        await super().shutdown()
