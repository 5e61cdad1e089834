"""Validated documents, remembered: clients send the same few documents again and again.

Validating a document is a pure function of its text, the operation chosen, its variables
(the cost rule reads them) and the protection limits of the app, so a document that passed
under the same key passes again. Mobile apps subscribe with one document each; dashboards
poll with the same queries: validation (about 5 ms of graphql-core visitors per document)
is done once per key instead of once per request. Only documents that passed are kept, in a
bounded LRU, and only small ones, so the cache cannot be filled with large texts.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Hashable, Iterator

from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document
from strawberry.types import ExecutionContext

from schema.protection import LIMITS

MAX_ENTRIES = 512
MAX_KEY_CHARS = 20_000
_passed: OrderedDict[Hashable, bool] = OrderedDict()


def _key(context: ExecutionContext) -> Hashable | None:
    """What validation depends on; None when too large to keep."""
    try:
        variables = json.dumps(context.variables or {}, sort_keys=True, default=str)
    except (TypeError, ValueError):
        return None
    query = context.query or ""
    if len(query) + len(variables) > MAX_KEY_CHARS:
        return None
    chosen = getattr(context, "_provided_operation_name", None)
    return (query, chosen, context.operation_name, variables, LIMITS.get())


class ValidationCache(SchemaExtension):
    """Skips validation of a document that passed under the same key before."""

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        key = _key(context) if context.graphql_document is not None else None
        if key is not None and key in _passed:
            _passed.move_to_end(key)
            context.pre_execution_errors = []  # validated before: Strawberry skips it
        elif key is not None and context.validation_rules:
            assert context.graphql_document is not None
            errors = validate_document(
                context.schema._schema, context.graphql_document, context.validation_rules
            )
            context.pre_execution_errors = errors
            if not errors:
                _passed[key] = True
                while len(_passed) > MAX_ENTRIES:
                    _passed.popitem(last=False)
        yield


def forget_validated() -> None:
    """Empty the cache (tests that change limits or the schema)."""
    _passed.clear()
