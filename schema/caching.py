"""Result cache for directory reads: the dashboard's tree is served from memory until the
directory changes.

Only queries whose root fields all read the org directory are cached, per principal (its
grants and token are part of the key, so nobody sees another caller's view), per document and
variables. Every entry carries the directory revision it was computed at; the revision is read
(one indexed row) on each request and bumped in the same transaction as any directory write,
so a cached answer is never older than the last committed change any process made.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import AsyncIterator, Hashable
from typing import Any

from graphql import ExecutionResult, FieldNode, OperationDefinitionNode, OperationType
from strawberry.extensions import SchemaExtension

from resolvers.context import RequestContext

CACHEABLE_ROOT_FIELDS = frozenset({"orgTree", "orgUnit", "orgLevels", "orgTreeAsOf", "__typename"})


def result_key(
    principal: Hashable, query: str | None, variables: Any, operation_name: str | None
) -> Hashable:
    """The key of a cached answer: the caller (grants and token), the document, the
    variables and the operation."""
    return (
        principal,
        query,
        json.dumps(variables or {}, sort_keys=True, default=str),
        operation_name,
    )


class ResultCache:
    """A small LRU of (revision, data) per key."""

    def __init__(self, max_entries: int = 256) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, tuple[int, dict[str, Any]]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, revision: int) -> dict[str, Any] | None:
        """The cached data when it was computed at `revision`."""
        entry = self._entries.get(key)
        if entry is None or entry[0] != revision:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry[1]

    def holds(self, key: Hashable, revision: int | None = None) -> bool:
        """Whether an answer is kept under `key`: at `revision` when one is given, else at
        any revision."""
        entry = self._entries.get(key)
        return entry is not None and (revision is None or entry[0] == revision)

    def clear(self) -> None:
        """Forget every entry."""
        self._entries.clear()

    def put(self, key: Hashable, revision: int, data: dict[str, Any]) -> None:
        """Remember `data`, dropping the least recently used entry when full."""
        self._entries[key] = (revision, data)
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)


class DirectoryResultCache(SchemaExtension):
    """Serves cacheable directory queries from the context's ResultCache."""

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        cache = getattr(context, "result_cache", None)
        if not isinstance(context, RequestContext) or cache is None or not self._cacheable():
            yield
            return
        revision = await context.directory_revision()
        key = result_key(
            context.principal,
            self.execution_context.query,
            self.execution_context.variables,
            self.execution_context.operation_name,
        )
        cached = cache.get(key, revision)
        if cached is not None:
            self.execution_context.result = ExecutionResult(data=cached, errors=None)
        yield
        result = self.execution_context.result
        fresh = cached is None and isinstance(result, ExecutionResult) and not result.errors
        if fresh and isinstance(result, ExecutionResult) and result.data is not None:
            cache.put(key, revision, result.data)

    def _cacheable(self) -> bool:
        document = self.execution_context.graphql_document
        if document is None:
            return False
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if len(operations) != 1 or operations[0].operation is not OperationType.QUERY:
            return False
        selections = operations[0].selection_set.selections
        return all(
            isinstance(s, FieldNode) and s.name.value in CACHEABLE_ROOT_FIELDS and not s.directives
            for s in selections
        )
