"""Protective validation: per-request limits, query cost, directive count, single login.

The schema is built once per process, so nothing here is decided at build time: the
`Protection` extension is instantiated per operation with the limits of the app serving
the request (the `LIMITS` context variable, set by govgraph.app's RequestScope).

The query cost rule is in `schema.query_cost`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, ClassVar

from graphql import (
    DirectiveNode,
    DocumentNode,
    FieldNode,
    GraphQLError,
    OperationDefinitionNode,
    ValidationContext,
    ValidationRule,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from graphql.validation.rules import ASTValidationRule
from strawberry.extensions import SchemaExtension

from schema.query_cost import MAX_COST, query_cost_rule


@dataclass(frozen=True)
class Limits:
    """Protection limits (see govgraph.settings for the defaults)."""

    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 5000
    max_directives: int = 50
    max_cost: int = MAX_COST
    production: bool = False
    router: bool = False
    """The request comes from the federation router (it gave ROUTER_TOKEN)."""


LIMITS: ContextVar[Limits] = ContextVar(
    "govgraph_limits",
    default=Limits(),  # noqa: B039 - frozen, never mutated
)
"""The limits of the app serving the current request (set by the app's middleware)."""


class MaxDirectivesRule(ValidationRule):
    """Refuses documents using more than `max_directives` directives (bind with the factory)."""

    max_directives: ClassVar[int] = Limits.max_directives

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.count = 0

    def enter_directive(self, node: DirectiveNode, *_args: Any) -> None:
        self.count += 1
        if self.count == self.max_directives + 1:
            self.report_error(
                GraphQLError(
                    f"The document uses more than the maximum of {self.max_directives} directives.",
                    node,
                    extensions={
                        "code": "TOO_MANY_DIRECTIVES",
                        "maxDirectives": self.max_directives,
                    },
                )
            )


def max_directives_rule(max_directives: int) -> type[ASTValidationRule]:
    """A MaxDirectivesRule bound to a limit."""
    return type("BoundMaxDirectivesRule", (MaxDirectivesRule,), {"max_directives": max_directives})


class SingleLoginRule(ValidationRule):
    """A document may call the `login` mutation at most once: aliases cannot multiply
    password attempts within one request."""

    field = "login"

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self.count = 0

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        mutation = self.context.schema.mutation_type
        if node.name.value != self.field or mutation is None:
            return
        if self.context.get_parent_type() is mutation:
            self.count += 1
            if self.count == 2:
                self.report_error(
                    GraphQLError(
                        "A document may call `login` at most once.",
                        node,
                        extensions={"code": "TOO_MANY_LOGINS"},
                    )
                )


class LoneOperationRule(ValidationRule):
    """Without an operationName, the document must hold a single operation (GraphQL
    GetOperation). Strawberry would otherwise run the first named one."""

    def enter_document(self, node: DocumentNode, *_args: Any) -> Any:
        operations = [d for d in node.definitions if isinstance(d, OperationDefinitionNode)]
        if len(operations) > 1:
            self.report_error(
                GraphQLError(
                    "The document has several operations: say which to run with `operationName`.",
                    operations,
                )
            )
        return self.SKIP


class RouterOnlyRule(ValidationRule):
    """`_service { sdl }` (the whole schema, introspection by another name) is for the
    federation router only: in production, other callers get ROUTER_ONLY."""

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        if node.name.value == "_service" and self.context.get_parent_type() is (
            self.context.schema.query_type
        ):
            self.report_error(
                GraphQLError(
                    "`_service` is served to the federation router only.",
                    node,
                    extensions={"code": "ROUTER_ONLY"},
                )
            )


_UNSET: Any = object()


class Protection(SchemaExtension):
    """Adds govgraph's validation rules for one operation, under the given limits."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        rules: list[type[ASTValidationRule]] = [
            max_directives_rule(self.limits.max_directives),
            SingleLoginRule,
            query_cost_rule(self.limits.max_cost, context.variables),
        ]
        # Strawberry keeps the request's operationName privately (`operation_name` falls
        # back to the first operation's); skip the rule if that ever changes.
        if getattr(context, "_provided_operation_name", _UNSET) is None:
            rules.append(LoneOperationRule)
        if self.limits.production:
            rules.append(NoSchemaIntrospectionCustomRule)
            if not self.limits.router:
                rules.append(RouterOnlyRule)
        context.validation_rules = (*context.validation_rules, *rules)
        yield
