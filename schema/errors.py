"""Shapes every GraphQL error: a code in the extensions; unexpected errors masked in production."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.error import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionResult

from domain.errors import DomainError
from domain.permissions import Principal

log = logging.getLogger("govgraph.errors")

_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")
"""graphql-core's hints ("Did you mean 'search'?", "Did you mean the enum value 'X'?"):
the names they quote cannot hold a question mark, so a hint ends at the first one."""


def without_suggestions(message: str) -> str:
    """The message without graphql-core's "Did you mean ...?" hints, wherever they are."""
    return _SUGGESTION.sub("", message)


def shape_error(
    error: GraphQLError,
    *,
    production: bool,
    request_id: str,
    principal: Principal | None = None,
) -> GraphQLError:
    """A copy of the error with a `code` extension (and `field`, the argument at fault, when
    a refusal names one); in production, unexpected errors get a generic message with the
    request id, and schema suggestions are removed. A refusal is explained for the caller
    (a token that must change its password is told so)."""
    original = error.original_error
    extensions = dict(error.extensions or {})
    if isinstance(original, DomainError):
        original = principal.explain(original) if principal is not None else original
        extensions["code"] = original.code.value
        if original.field is not None:  # the argument at fault, as the client wrote it
            extensions["field"] = original.field
        return _copy(error, original.message, extensions)
    if original is None or isinstance(original, GraphQLError):
        default = "GRAPHQL_PARSE_FAILED" if isinstance(error, GraphQLSyntaxError) else None
        extensions.setdefault("code", default or "GRAPHQL_VALIDATION_FAILED")
        message = without_suggestions(error.message) if production else error.message
        return _copy(error, message, extensions)
    log.error(
        "unexpected error in resolver",
        exc_info=original,
        extra={"request_id": request_id, "path": error.path},
    )
    extensions["code"] = "INTERNAL_SERVER_ERROR"
    extensions["requestId"] = request_id
    detail = _without_statement(str(original))
    message = f"Internal error (request id {request_id})" if production else detail
    return _copy(error, message, extensions)


def shape_errors(
    errors: Sequence[GraphQLError],
    *,
    production: bool,
    request_id: str,
    principal: Principal | None = None,
) -> list[GraphQLError]:
    """Every error shaped (see `shape_error`): the one function every transport calls,
    HTTP, websockets and Server-Sent Events alike. Shaping twice changes nothing."""
    return [
        shape_error(e, production=production, request_id=request_id, principal=principal)
        for e in errors
    ]


def shape_incremental(value: object, *, production: bool, request_id: str) -> None:
    """Shape, in place, the errors of the deferred parts of an incremental (@defer) result,
    which reach the client without passing the schema's extensions."""
    parts = [
        *(getattr(value, "incremental", None) or ()),
        *(getattr(value, "completed", None) or ()),
    ]
    for part in parts:
        if part.errors:
            part.errors = shape_errors(part.errors, production=production, request_id=request_id)


def _without_statement(text: str) -> str:
    """A driver error's text without the SQL statement and its parameters (they may hold
    what the caller may not read); the log keeps them."""
    return text.split("\n[SQL:", 1)[0]


class ErrorCodes(SchemaExtension):
    """Domain refusals keep their message and code; anything else is an internal error."""

    def __init__(self, *, production: bool) -> None:
        self.production = production

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if isinstance(result, (GraphQLExecutionResult, ExecutionResult)) and result.errors:
            principal = getattr(self.execution_context.context, "principal", None)
            result.errors = shape_errors(
                result.errors,
                production=self.production,
                request_id=self._request_id(),
                principal=principal if isinstance(principal, Principal) else None,
            )

    def _request_id(self) -> str:
        context = self.execution_context.context
        return str(getattr(context, "request_id", "-"))


def _copy(error: GraphQLError, message: str, extensions: dict[str, object]) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions=extensions,
    )
