"""The GraphQL endpoint: Strawberry's ASGI view with govgraph's context."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from cross_web import HTTPException

from govgraph.container import Container
from resolvers.context import RequestContext


def credentials(headers: Any) -> tuple[str | None, str | None]:
    """(bearer token, API key) from the Authorization or X-API-Key headers."""
    auth = headers.get("authorization") or ""
    scheme, _, value = auth.partition(" ")
    bearer = value.strip() if scheme.lower() == "bearer" and value.strip() else None
    api_key = headers.get("x-api-key") or (value.strip() if scheme.lower() == "apikey" else None)
    return bearer, api_key or None


class GovGraphView(GraphQL[RequestContext, None]):
    """Builds a RequestContext per operation; the read session closes with the request."""

    def __init__(self, container: Container, **kwargs: Any) -> None:
        self.container = container
        super().__init__(**kwargs)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> RequestContext:
        bearer, api_key = credentials(request.headers)
        principal = await self.container.principal(bearer=bearer, api_key=api_key)
        if principal is None:
            raise HTTPException(401, "Invalid, expired or revoked credentials")
        session = self.container.sessions()
        cleanups = request.scope.setdefault("state", {}).setdefault("cleanups", [])
        cleanups.append(session.close)
        from persistence.reading import SqlDirectoryReader

        client = request.client.host if request.client else "unknown"
        return RequestContext(
            principal=principal,
            reader=SqlDirectoryReader(session),
            uow=self.container.uow,
            clock=self.container.clock,
            auth=self.container.auth,
            time_zone=self.container.settings.time_zone,
            client_address=client,
            request_id=str(request.scope.get("state", {}).get("request_id", "-")),
            raw_token=bearer,
        )
