"""The schema extension that answers a query through the compiled path when every root field
of it is covered, and otherwise lets graphql-core execute it field by field."""

from __future__ import annotations

from collections.abc import AsyncIterator

import orjson
from graphql import (
    ExecutionResult,
    FragmentDefinitionNode,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
)
from graphql.execution.values import get_variable_values
from strawberry.extensions import SchemaExtension

from domain.selection import NotCompiled, RootRead
from resolvers import compiled
from resolvers.context import RequestContext
from schema.compiled.roots import ROOTS, localized
from schema.compiled.selection import Walker


class CompiledReads(SchemaExtension):
    """Answers covered queries with one statement; the JSON is spliced in unexecuted."""

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        if self.execution_context.result is None and isinstance(context, RequestContext):
            reads = self._reads(context.time_zone)
            if reads is not None:
                try:
                    texts = await compiled.answer(context, [read for _, read in reads])
                except NotCompiled:
                    pass
                else:
                    data = {
                        key: orjson.Fragment(text)
                        for (key, _), text in zip(reads, texts, strict=True)
                    }
                    self.execution_context.result = ExecutionResult(data=data, errors=None)
                    context.compiled_answer = tuple(reads)
        yield

    def _reads(self, time_zone: str) -> list[tuple[str, RootRead]] | None:
        """The root reads of the operation, or None when one is not covered."""
        document = self.execution_context.graphql_document
        if document is None:
            return None
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        name = self.execution_context.operation_name
        chosen = [op for op in operations if name is None or (op.name and op.name.value == name)]
        if len(chosen) != 1 or chosen[0].operation is not OperationType.QUERY:
            return None
        operation = chosen[0]
        schema: GraphQLSchema = self.execution_context.schema._schema
        variables = get_variable_values(
            schema, operation.variable_definitions or (), self.execution_context.variables or {}
        )
        if isinstance(variables, list):
            return None  # the field path reports the variables' errors
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        walker = Walker(schema, fragments, variables)
        query_type = schema.query_type
        assert query_type is not None
        try:
            picks = walker.picks([operation.selection_set], query_type)
            reads = []
            for pick in picks:
                decode = ROOTS.get(pick.name)
                if decode is None:
                    return None
                args = tuple(localized(decode(dict(pick.args)), time_zone).items())
                reads.append((pick.key, RootRead(pick.name, args, pick.picks)))
        except NotCompiled:
            return None
        return reads
