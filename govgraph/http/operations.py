"""Reading GraphQL operations out of a request: one JSON object, or (POST only) a JSON
array of them, Apollo's batching, at most MAX_BATCH_SIZE. Each must be well formed (else
400); its `query` may be left out when it names a persisted document."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

from govgraph.http.errors import GraphQLHTTPError


def operation_from(data: Any) -> GraphQLRequestData:
    """One operation, checked; `documentId` is read as a persisted query hash."""
    if not isinstance(data, dict):
        raise GraphQLHTTPError(400, "The request body must be a JSON object")
    query, operation = data.get("query"), data.get("operationName")
    variables, extensions = data.get("variables"), data.get("extensions")
    document_id = data.get("documentId")
    if not isinstance(variables, (dict, type(None))):
        raise GraphQLHTTPError(400, "`variables` must be an object or null")
    if not isinstance(extensions, (dict, type(None))):
        raise GraphQLHTTPError(400, "`extensions` must be an object or null")
    if isinstance(document_id, str) and "persistedQuery" not in (extensions or {}):
        hashed = {"version": 1, "sha256Hash": document_id.removeprefix("sha256:")}
        extensions = {**(extensions or {}), "persistedQuery": hashed}
    persisted = isinstance((extensions or {}).get("persistedQuery"), dict)
    if query is None and not persisted:
        raise GraphQLHTTPError(400, "No GraphQL query found in the request")
    if not isinstance(query, (str, type(None))):
        raise GraphQLHTTPError(400, "`query` must be a string")
    if not isinstance(operation, (str, type(None))):
        raise GraphQLHTTPError(400, "`operationName` must be a string or null")
    return GraphQLRequestData(
        query=query, variables=variables, operation_name=operation, extensions=extensions
    )


def operations_from(
    data: Any, *, batch: bool, max_batch: int
) -> GraphQLRequestData | list[GraphQLRequestData]:
    """The request's operation, or its batch (`batch`: a JSON array is allowed)."""
    if not isinstance(data, list):
        return operation_from(data)
    if not batch:
        raise GraphQLHTTPError(400, "Batched requests are sent with POST")
    if not data:
        raise GraphQLHTTPError(400, "An empty batch")
    if len(data) > max_batch:
        raise GraphQLHTTPError(
            400, f"A batch may hold at most {max_batch} operations", code="BATCH_TOO_LARGE"
        )
    return [operation_from(item) for item in data]


async def run_batch(
    operations: list[GraphQLRequestData],
    run_one: Callable[[GraphQLRequestData], Awaitable[ExecutionResult]],
) -> list[ExecutionResult]:
    """Run a batch one operation after the other; an operation refused at the HTTP level
    gets its error in its place, the others run."""
    results: list[ExecutionResult] = []
    for data in operations:
        try:
            results.append(await run_one(data))
        except HTTPException as exc:
            code = getattr(exc, "code", None) or "BAD_REQUEST"
            error = GraphQLError(exc.reason, extensions={"code": code})
            results.append(PreExecutionError(data=None, errors=[error]))
    return results
