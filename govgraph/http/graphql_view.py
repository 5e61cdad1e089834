"""The GraphQL endpoint: Strawberry's ASGI view, made to follow GraphQL over HTTP (draft).

What Strawberry 0.341 does not do, and this view adds:

* Apollo's conventions: automatic persisted queries and trusted documents
  (persisted.py), batches in a JSON array (operations.py), ETags on GET (caching.py);
* content negotiation (negotiation.py), 406 when neither media type is acceptable;
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
from dataclasses import replace
from datetime import timedelta
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException, StarletteRequestAdapter
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType

from domain.permissions import ANONYMOUS, Principal
from govgraph.container import Container
from govgraph.http import graphiql
from govgraph.http.caching import conditional
from govgraph.http.callers import client_address, credentials, is_router
from govgraph.http.edge import allowed_origins
from govgraph.http.errors import (
    GRAPHQL_RESPONSE_JSON,
    JSON,
    GraphQLHTTPError,
    content_type,
    error_response,
)
from govgraph.http.negotiation import negotiate
from govgraph.http.operations import operations_from, run_batch
from govgraph.http.persisted import persisted_queries
from govgraph.http.prepared import PreparedReads
from govgraph.http.websocket import TransportWSHandler, sign_in_connection
from govgraph.metrics import count_graphql, operation_label
from govgraph.settings import Settings
from persistence.database import close_when_idle
from resolvers.context import RequestContext
from schema.errors import shape_errors, shape_incremental
from schema.protection import LIMITS

MEDIA_TYPE = "graphql_media_type"
REQUEST_ERROR = "graphql_request_error"
OPERATION = "graphql_operation"
METRIC = "graphql_metric"  # the operation's label in govgraph.metrics
BATCH = "graphql_batch"
ERRORS = "graphql_errors"
CONTEXT = "graphql_context"
SUBSCRIPTIONS_ELSEWHERE = (
    "Subscriptions run over a websocket (graphql-transport-ws at /graphql) or as "
    "Server-Sent Events (/events/...), not over plain HTTP"
)


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

    def __init__(
        self, container: Container, settings: Settings | None = None, **kwargs: Any
    ) -> None:
        self.container = container
        self.settings = settings = settings or container.settings  # the app's
        super().__init__(
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),  # legacy graphql-ws off
            connection_init_wait_timeout=timedelta(seconds=settings.ws_init_timeout_seconds),
            max_subscriptions_per_connection=settings.ws_max_subscriptions,
            allowed_origins=allowed_origins(settings),  # cross-origin websockets (CORS's list)
            **kwargs,
        )
        view = self

        class Handler(TransportWSHandler):
            container = view.container

        self.graphql_transport_ws_handler_class = Handler
        self.persisted = persisted_queries(settings)
        self.prepared = PreparedReads()

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
        self._recognize_router(request)
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
            body = await self._json_body(request)
            prepared = await self._prepared(request, body, media_type)
            if prepared is not None:
                await prepared(scope, receive, send)
                return
            try:
                response = await self.run(request)
            except HTTPException as exc:
                response = error_response(exc, media_type)
            else:
                if not isinstance(response, (HTMLResponse, StreamingResponse)):
                    response.headers["content-type"] = content_type(media_type)
                    batch = state.get(BATCH)  # 200: each operation has its own errors
                    if state.get(REQUEST_ERROR) and media_type == GRAPHQL_RESPONSE_JSON:
                        response.status_code = 200 if batch else 400
                    response = conditional(request, response, had_errors=bool(state.get(ERRORS)))
                    self._keep_prepared(request, body, response)
            response.headers.setdefault("vary", "Accept")
        await response(scope, receive, send)
        if not isinstance(response, HTMLResponse):
            state = _state(scope)
            refused = response.status_code >= 400 or bool(state.get(REQUEST_ERROR))
            label = "batch" if state.get(BATCH) else state.get(METRIC, "anonymous")
            count_graphql(label, refused, bool(state.get(ERRORS)), time.perf_counter() - started)

    async def _json_body(self, request: Request) -> bytes | None:
        """The body of a JSON POST (read once; the pipeline reads it again from memory)."""
        if request.method != "POST":
            return None
        mime = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        return await request.body() if mime == JSON else None

    async def _prepared(
        self, request: Request, body: bytes | None, media_type: str
    ) -> Response | None:
        """The answer of a body the compiled path answered before (govgraph/http/prepared.py),
        or None: the request then takes the whole pipeline."""
        prepared = self.prepared.get(body) if body is not None else None
        if prepared is None:
            return None
        bearer, api_key = credentials(request.headers)
        known = (
            self.container.principals.peek(bearer, self.container.clock.now()) if bearer else None
        )
        if api_key is None and (bearer is None or known is not None):
            principal, resolved_under = known if known is not None else (ANONYMOUS, None)
            context = self._context(request, principal, bearer)
            answered = await self.prepared.answer_in_one(prepared, context, resolved_under)
        else:
            try:
                context = await self.get_context(request, Response())
            except HTTPException:
                return None  # the pipeline answers a bad credential
            answered = await self.prepared.answer(prepared, context)
        if answered is None:
            return None
        if prepared.operation_name:  # for the access log
            _state(request.scope)[OPERATION] = prepared.operation_name[:100]
        return Response(
            answered, headers={"content-type": content_type(media_type), "vary": "Accept"}
        )

    def _context(
        self, request: Request, principal: Principal, bearer: str | None
    ) -> RequestContext:
        """A request's context on its one read session (closed when the request ends)."""
        session = self.container.read_sessions()  # the request's one connection checkout
        _state(request.scope).setdefault("cleanups", []).append(lambda: close_when_idle(session))
        context = self.container.request_context(
            principal=principal,
            session=session,
            client_address=client_address(request),
            request_id=str(_state(request.scope).get("request_id", "-")),
            raw_token=bearer,
            base_url=str(request.base_url),
        )
        _state(request.scope)[CONTEXT] = context
        return context

    def _keep_prepared(self, request: Request, body: bytes | None, response: Response) -> None:
        state = _state(request.scope)
        context = state.get(CONTEXT)
        if body is None or response.status_code != 200 or state.get(ERRORS):
            return
        if isinstance(context, RequestContext) and not state.get(BATCH):
            self.prepared.remember(body, context)

    def encode_json(self, data: object) -> str:
        """orjson: fast, and it splices the compiled path's JSON (orjson.Fragment) as is.
        Text, not bytes: websocket frames of graphql-transport-ws must be text frames."""
        return orjson.dumps(data).decode()

    def _recognize_router(self, request: Request) -> None:
        """The federation router (ROUTER_TOKEN in `X-Router-Token`) may read the SDL."""
        if is_router(request.headers, self.settings.router_token):
            LIMITS.set(replace(LIMITS.get(), router=True))

    async def _process_stream_result(
        self, request: Request, value: Any, all_pending: list[Any]
    ) -> tuple[GraphQLHTTPResponse, list[Any]]:
        """Strawberry's (@defer parts), with their errors shaped like any other's."""
        request_id = str(_state(request.scope).get("request_id", "-"))
        shape_incremental(value, production=LIMITS.get().production, request_id=request_id)
        return await super()._process_stream_result(request, value, all_pending)

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL from this installation's own files (govgraph/http/graphiql.py)."""
        return graphiql.page(request)

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        """Only when GraphiQL is enabled, for a browser (text/html) GET without a query."""
        return (
            self.graphql_ide is not None
            and request.method == "GET"
            and request.query_params.get("query") is None
            and request.query_params.get("extensions") is None
            and "text/html" in request.headers.get("accept", "")
        )

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        """A well-formed GraphQL-over-HTTP request (a batch: a JSON array, POST only), or
        4xx; no multipart."""
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
        post, most = request.method == "POST", self.settings.max_batch_size
        return operations_from(data, batch=post, max_batch=most)

    async def execute_operation(  # noqa: PLR0917
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        request_data: GraphQLRequestData | list[GraphQLRequestData],
        context: RequestContext,
        root_value: None,
        sub_response: Response,
    ) -> ExecutionResult | list[ExecutionResult]:
        """One operation, or a batch one after the other, each with its own context
        (loaders) and its own errors: a refused operation does not refuse the others."""
        if not isinstance(request_data, list):
            return await self.execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
        _state(request.scope)[BATCH] = True

        async def run_one(data: GraphQLRequestData) -> ExecutionResult:
            own = await self.get_context(request, sub_response)
            return await self.execute_single(
                request, request_adapter, sub_response, own, root_value, data
            )

        return await run_batch(request_data, run_one)

    async def execute_single(  # noqa: PLR0917
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: RequestContext,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """Queries (GET or POST) and mutations (POST only: 405 with `Allow: POST` over GET);
        a subscription is a typed 400 pointing to the websocket and SSE endpoints (Strawberry
        would run it and fail on the stream it returns)."""
        if request_data.operation_name:  # for the access log
            _state(request.scope)[OPERATION] = request_data.operation_name[:100]
        _state(request.scope)[METRIC] = operation_label(
            request_data.operation_name, request_data.query
        )
        resolved = await self.persisted.resolve(request_data, router=LIMITS.get().router)
        if isinstance(resolved, GraphQLError):
            return PreExecutionError(data=None, errors=[resolved])
        request_data = resolved
        get = request_adapter.method == "GET"
        allowed = {OperationType.QUERY} if get else {OperationType.QUERY, OperationType.MUTATION}
        try:
            return await self.schema.execute(
                request_data.query,
                root_value=root_value,
                variable_values=request_data.variables,
                context_value=context,
                operation_name=request_data.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=request_data.extensions,
            )
        except CannotGetOperationTypeError as exc:
            raise GraphQLHTTPError(400, exc.as_http_error_reason()) from exc
        except MissingQueryError as exc:
            raise GraphQLHTTPError(400, "No GraphQL query found in the request") from exc
        except InvalidOperationTypeError as exc:
            if exc.operation_type is OperationType.SUBSCRIPTION:
                raise GraphQLHTTPError(
                    400, SUBSCRIPTIONS_ELSEWHERE, code="SUBSCRIPTION_OVER_HTTP"
                ) from exc
            raise GraphQLHTTPError(
                405, "Mutations must be sent with POST", headers={"Allow": "POST"}
            ) from exc

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """Request errors leave out `data` (GraphQL spec) and are remembered for the status.

        Errors that escaped schema.errors.ErrorCodes (an exception outside resolvers) are
        shaped here, so production never shows an unexpected exception's text."""
        if result.errors:  # shaping twice changes nothing
            _state(request.scope)[ERRORS] = True
            request_id = str(_state(request.scope).get("request_id", "-"))
            result.errors = shape_errors(
                result.errors, production=LIMITS.get().production, request_id=request_id
            )
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
            session = self.container.read_sessions()
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
        context = self._context(request, ANONYMOUS, bearer)
        if bearer is not None or api_key is not None:
            revisions = await context.reader.access_revisions()
            context.known_revisions = revisions
            principal = await self.container.principal(
                bearer=bearer, api_key=api_key, revisions=revisions
            )
            if principal is None:
                raise GraphQLHTTPError(401, "Invalid, expired or revoked credentials")
            context.principal = principal
        return context
