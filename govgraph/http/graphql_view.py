"""The GraphQL endpoint: Strawberry's ASGI view, made to follow GraphQL over HTTP (draft).

What Strawberry 0.341 does not do, and this view adds:

* content negotiation: `application/graphql-response+json` (the default, also for a
  missing Accept or `*/*`) or `application/json` (legacy clients); 406 when neither;
* with graphql-response+json, a document that fails to parse or validate, or whose
  variables cannot be coerced, is answered 400 (no `data` entry); with application/json
  it stays 200, as the spec asks; field errors are 200 with both;
* 415 (not 400) for a POST body that is not `application/json` (UTF-8);
* 405 with `Allow: POST` for a mutation sent with GET;
* every refusal is a GraphQL error body with a `code` extension, never plain text
  (invalid, expired or revoked credentials: 401 UNAUTHENTICATED);
* GraphiQL only when enabled (development) and asked for by a browser (`text/html`).
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException, StarletteRequestAdapter
from graphql import GraphQLError
from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

from domain.permissions import ANONYMOUS
from govgraph.container import Container
from govgraph.http.errors import (
    GRAPHQL_RESPONSE_JSON,
    JSON,
    GraphQLHTTPError,
    content_type,
    error_response,
)
from govgraph.http.negotiation import negotiate
from govgraph.http.websocket import TransportWSHandler, sign_in_connection
from govgraph.metrics import GRAPHQL_REQUESTS, GRAPHQL_SECONDS, operation_label
from persistence.database import close_when_idle
from resolvers.context import RequestContext
from schema.errors import shape_error

MEDIA_TYPE = "graphql_media_type"
REQUEST_ERROR = "graphql_request_error"
OPERATION = "graphql_operation"
METRIC = "graphql_metric"  # the operation's label in govgraph.metrics
FIELD_ERRORS = "graphql_field_errors"


def client_address(connection: HTTPConnection) -> str:
    """The caller's address, as every per-address limit counts it."""
    return connection.client.host if connection.client else "unknown"


def credentials(headers: Any) -> tuple[str | None, str | None]:
    """(bearer token, API key) from the Authorization or X-API-Key headers."""
    auth = headers.get("authorization") or ""
    scheme, _, value = auth.partition(" ")
    bearer = value.strip() if scheme.lower() == "bearer" and value.strip() else None
    api_key = headers.get("x-api-key") or (value.strip() if scheme.lower() == "apikey" else None)
    return bearer, api_key or None


def is_request_error(result: ExecutionResult) -> bool:
    """True when the operation was not executed: parse, validation or variable errors.

    A field error always has a path, even when it nulls the whole `data`."""
    if not result.errors:
        return False
    if isinstance(result, PreExecutionError):
        return True
    return result.data is None and all(error.path is None for error in result.errors)


def _state(scope: Scope) -> dict[str, Any]:
    state: dict[str, Any] = scope.setdefault("state", {})
    return state


class GovGraphView(GraphQL[RequestContext, None]):
    """Builds a RequestContext per operation; the read session closes with the request."""

    def __init__(self, container: Container, **kwargs: Any) -> None:
        self.container = container
        settings = container.settings
        super().__init__(
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),  # legacy graphql-ws off
            connection_init_wait_timeout=timedelta(seconds=settings.ws_init_timeout_seconds),
            max_subscriptions_per_connection=settings.ws_max_subscriptions,
            **kwargs,
        )
        view = self

        class Handler(TransportWSHandler):
            container = view.container

        self.graphql_transport_ws_handler_class = Handler

    async def on_ws_connect(self, context: RequestContext) -> dict[str, object] | None:
        """Sign the connection in with the token of its `connection_init` payload."""
        await sign_in_connection(self.container, context)
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        started = time.perf_counter()
        request = Request(scope, receive)
        media_type = negotiate(request.headers.get("accept"))
        ide = self.should_render_graphql_ide(StarletteRequestAdapter(request))
        response: Response
        if media_type is None and not ide:
            response = error_response(
                GraphQLHTTPError(
                    406,
                    f"Accept {GRAPHQL_RESPONSE_JSON} or {JSON}",
                    headers={"Vary": "Accept"},
                )
            )
        else:
            media_type = media_type or JSON
            state = _state(scope)
            state[MEDIA_TYPE] = media_type
            try:
                response = await self.run(request)
            except HTTPException as exc:
                response = error_response(exc, media_type)
            else:
                if not isinstance(response, HTMLResponse):
                    response.headers["content-type"] = content_type(media_type)
                    if state.get(REQUEST_ERROR) and media_type == GRAPHQL_RESPONSE_JSON:
                        response.status_code = 400
            response.headers.setdefault("vary", "Accept")
        await response(scope, receive, send)
        if not isinstance(response, HTMLResponse):
            _count(scope, response.status_code, time.perf_counter() - started)

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        """Only when GraphiQL is enabled, for a browser (text/html) GET without a query."""
        return (
            self.graphql_ide is not None
            and request.method == "GET"
            and request.query_params.get("query") is None
            and "text/html" in request.headers.get("accept", "")
        )

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        """A well-formed GraphQL-over-HTTP request, or 4xx: no batching, no multipart."""
        if request.method == "POST":
            raw_type = (request.content_type or "").strip()
            mime, params = parse_content_type(raw_type) if raw_type else ("", {})
            charset = params.get("charset", "utf-8").lower()
            if mime != JSON or charset not in ("utf-8", "utf8"):
                raise GraphQLHTTPError(
                    415, f"Send the request body as {JSON} (UTF-8), not {raw_type or 'nothing'}"
                )
            data = self.parse_json(await request.get_body())
        else:
            data = self.parse_query_params(request.query_params)
            if data.get("operationName") == "":
                data["operationName"] = None
        if isinstance(data, list):
            raise GraphQLHTTPError(400, "Batched requests are not supported")
        if not isinstance(data, dict):
            raise GraphQLHTTPError(400, "The request body must be a JSON object")
        query, operation = data.get("query"), data.get("operationName")
        variables, extensions = data.get("variables"), data.get("extensions")
        if query is None:
            raise GraphQLHTTPError(400, "No GraphQL query found in the request")
        if not isinstance(query, str):
            raise GraphQLHTTPError(400, "`query` must be a string")
        if not isinstance(operation, (str, type(None))):
            raise GraphQLHTTPError(400, "`operationName` must be a string or null")
        if not isinstance(variables, (dict, type(None))):
            raise GraphQLHTTPError(400, "`variables` must be an object or null")
        if not isinstance(extensions, (dict, type(None))):
            raise GraphQLHTTPError(400, "`extensions` must be an object or null")
        return GraphQLRequestData(
            query=query, variables=variables, operation_name=operation, extensions=extensions
        )

    async def execute_single(  # noqa: PLR0917
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: RequestContext,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """As Strawberry's, but a mutation over GET is 405 with `Allow: POST` (was 400)."""
        state = _state(request.scope)
        if request_data.operation_name:  # for the access log
            state[OPERATION] = request_data.operation_name[:100]
        state[METRIC] = operation_label(request_data.operation_name, request_data.query)
        try:
            return await super().execute_single(
                request=request,
                request_adapter=request_adapter,
                sub_response=sub_response,
                context=context,
                root_value=root_value,
                request_data=request_data,
            )
        except HTTPException as exc:
            if request_adapter.method == "GET" and isinstance(
                exc.__cause__, InvalidOperationTypeError
            ):
                raise GraphQLHTTPError(
                    405, "Mutations must be sent with POST", headers={"Allow": "POST"}
                ) from exc
            raise

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """Request errors leave out `data` (GraphQL spec) and are remembered for the status.

        Errors that escaped schema.errors.ErrorCodes (an exception outside resolvers) are
        shaped here, so production never shows an unexpected exception's text."""
        if result.errors and any(_unshaped(error) for error in result.errors):
            production = self.container.settings.production
            request_id = str(_state(request.scope).get("request_id", "-"))
            result.errors = [
                shape_error(error, production=production, request_id=request_id)
                if _unshaped(error)
                else error
                for error in result.errors
            ]
        if result.errors and not is_request_error(result):
            _state(request.scope)[FIELD_ERRORS] = True
        if is_request_error(result):
            _state(request.scope)[REQUEST_ERROR] = True
            response: GraphQLHTTPResponse = {
                "errors": [error.formatted for error in result.errors or ()]
            }
            if result.extensions:
                response["extensions"] = result.extensions
            return response
        return await super().process_result(request, result)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> RequestContext:
        if isinstance(request, WebSocket):  # signed in by connection_init (on_ws_connect)
            session = self.container.sessions()
            _state(request.scope).setdefault("cleanups", []).append(
                lambda: close_when_idle(session)
            )
            context = self.container.request_context(
                principal=ANONYMOUS,
                session=session,
                client_address=client_address(request),
                request_id=str(_state(request.scope).get("request_id", "-")),
                raw_token=None,
            )
            context.connection_params = {}
            return context
        bearer, api_key = credentials(request.headers)
        principal = await self.container.principal(bearer=bearer, api_key=api_key)
        if principal is None:
            raise GraphQLHTTPError(401, "Invalid, expired or revoked credentials")
        session = self.container.sessions()
        _state(request.scope).setdefault("cleanups", []).append(lambda: close_when_idle(session))
        return self.container.request_context(
            principal=principal,
            session=session,
            client_address=client_address(request),
            request_id=str(_state(request.scope).get("request_id", "-")),
            raw_token=bearer,
            base_url=str(request.base_url),
        )


def _count(scope: Scope, status: int, seconds: float) -> None:
    """Count one answered request: by operation and outcome, and its latency."""
    state = _state(scope)
    operation = state.get(METRIC, "anonymous")
    if status >= 400 or state.get(REQUEST_ERROR):
        outcome = "request_error"
    elif state.get(FIELD_ERRORS):
        outcome = "field_errors"
    else:
        outcome = "ok"
    GRAPHQL_REQUESTS.labels(operation, outcome).inc()
    GRAPHQL_SECONDS.labels(operation).observe(seconds)


def _unshaped(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)
