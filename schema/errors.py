"""Shapes every GraphQL error: a code in the extensions; unexpected errors masked in production."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.error import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionResult

from domain.errors import DomainError

log = logging.getLogger("govgraph.errors")


class ErrorCodes(SchemaExtension):
    """Domain refusals keep their message and code; anything else is an internal error."""

    def __init__(self, *, production: bool) -> None:
        self.production = production

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if isinstance(result, (GraphQLExecutionResult, ExecutionResult)) and result.errors:
            result.errors = [self._shape(error) for error in result.errors]

    def _request_id(self) -> str:
        context = self.execution_context.context
        return str(getattr(context, "request_id", "-"))

    def _shape(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        extensions = dict(error.extensions or {})
        if isinstance(original, DomainError):
            extensions["code"] = original.code.value
            return _copy(error, original.message, extensions)
        if original is None or isinstance(original, GraphQLError):
            extensions.setdefault("code", "GRAPHQL_VALIDATION_FAILED")
            return _copy(error, error.message, extensions)
        request_id = self._request_id()
        log.error(
            "unexpected error in resolver",
            exc_info=original,
            extra={"request_id": request_id, "path": error.path},
        )
        extensions["code"] = "INTERNAL_SERVER_ERROR"
        extensions["requestId"] = request_id
        message = (
            f"Internal error (request id {request_id})" if self.production else str(original)
        )
        return _copy(error, message, extensions)


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
