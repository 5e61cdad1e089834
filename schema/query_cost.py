"""Query cost: an upper bound of the work a document asks for, checked before execution.

Every selected field costs 1, plus its sub-selection's cost times a multiplier:

* a field with a `first` argument (a connection) passes its page size down to the
  connection's `edges`/`nodes` list, which multiplies by it: `first`, or `last` when the
  client pages backward, the larger when both are sent (absent or null -> the argument's
  default, else 20; a variable -> its value, else its default in the operation);
* `_entities` multiplies by the number of representations;
* any other list field multiplies by an estimate of its usual length (`LIST_ESTIMATES`,
  keyed `Type.field`, else `DEFAULT_LIST_ESTIMATE`);
* everything else (objects, scalars) multiplies by 1; introspection is free of
  multipliers (it is answered from memory); `__typename` costs nothing.

Fragments are costed once per operation (memoized) and summed wherever spread; inline
fragments on abstract types are summed over all branches (an upper bound).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    NullValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef
from graphql.validation.rules import ASTValidationRule

MAX_COST = 50_000
"""The default limit (MAX_QUERY_COST)."""

DEFAULT_FIRST = 20
"""Page size when `first` and `last` are absent or null (resolvers.pagination.DEFAULT_PAGE)."""

DEFAULT_LIST_ESTIMATE = 10
"""Assumed length of a plain list field not in LIST_ESTIMATES."""

LIST_ESTIMATES: Mapping[str, int] = {
    # The org tree: a province has ~30 direct units, districts ~20, communes ~0, so the
    # average fan-out over a 3-level tree is about 10.
    "OrgUnit.children": 10,
    "HistoricalOrgUnit.children": 10,
    "OrgUnit.ancestors": 5,  # province > district > commune > office: a handful
    "OrgUnit.leaders": 3,  # head and a few deputies
    "OrgUnit.leadershipHistory": 10,
    "OrgUnit.predecessors": 3,
    "OrgUnit.successors": 3,
    "SplitOrgUnitPayload.successors": 5,
    "Person.memberships": 5,
    "Committee.members": 30,
    "Committee.documents": 10,
    "Account.roles": 5,
    "Query.orgLevels": 6,
    "Query.orgTreeAsOf": 3,  # the roots; their children are costed per level
    "Query.apiKeys": 10,
    "errors": 2,  # UserError lists on mutation payloads (any type)
}

CONNECTION_LISTS = frozenset({"edges", "nodes"})


class QueryCost:
    """Computes the cost of operations of one document (see the module docstring)."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any] | None = None,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = dict(variables or {})
        self._defaults: dict[str, Any] = {}
        self._fragment_costs: dict[str, int] = {}

    def operation(self, operation: OperationDefinitionNode) -> int:
        """The cost of one operation of the document."""
        root = self.schema.get_root_type(operation.operation)
        if root is None:
            return 0
        self._defaults = {
            d.variable.name.value: _literal(d.default_value, {})
            for d in operation.variable_definitions or ()
            if d.default_value is not None
        }
        self._fragment_costs = {}
        return self._selection_set(operation.selection_set, root, None, frozenset())

    def _selection_set(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLNamedType,
        page: int | None,
        visiting: frozenset[str],
    ) -> int:
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field(selection, parent, page, visiting)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self._selection_set(
                    selection.selection_set, target or parent, page, visiting
                )
            elif isinstance(selection, FragmentSpreadNode):
                total += self._fragment(selection.name.value, page, visiting)
        return total

    def _fragment(self, name: str, page: int | None, visiting: frozenset[str]) -> int:
        fragment = self.fragments.get(name)
        if fragment is None or name in visiting:  # unknown or cyclic: other rules report
            return 0
        key = f"{name}@{page}"
        if key not in self._fragment_costs:
            target = self.schema.get_type(fragment.type_condition.name.value)
            self._fragment_costs[key] = (
                0
                if target is None
                else self._selection_set(fragment.selection_set, target, page, visiting | {name})
            )
        return self._fragment_costs[key]

    def _field(
        self, node: FieldNode, parent: GraphQLNamedType, page: int | None, visiting: frozenset[str]
    ) -> int:
        name = node.name.value
        if name == "__typename":
            return 0
        definition = self._definition(parent, name)
        if definition is None:  # unknown field: FieldsOnCorrectTypeRule reports it
            return 0
        child_page = self._page(node, definition) if "first" in definition.args else None
        child = self._selection_set(
            node.selection_set, get_named_type(definition.type), child_page, visiting
        )
        return 1 + self._multiplier(node, parent, definition, page) * child

    def _definition(self, parent: GraphQLNamedType, name: str) -> GraphQLField | None:
        if name == "__schema":
            return SchemaMetaFieldDef
        if name == "__type":
            return TypeMetaFieldDef
        if isinstance(parent, (GraphQLObjectType, GraphQLInterfaceType)):
            fields: Mapping[str, GraphQLField] = parent.fields
            return fields.get(name)
        return None

    def _multiplier(
        self, node: FieldNode, parent: GraphQLNamedType, definition: GraphQLField, page: int | None
    ) -> int:
        if not _is_list(definition.type) or parent.name.startswith("__"):
            return 1
        name = node.name.value
        if name in CONNECTION_LISTS and parent.name.endswith("Connection"):
            return page if page is not None else DEFAULT_FIRST
        if name == "_entities":
            representations = self._argument(node, "representations")
            if isinstance(representations, list):
                return len(representations)
        return LIST_ESTIMATES.get(
            f"{parent.name}.{name}", LIST_ESTIMATES.get(name, DEFAULT_LIST_ESTIMATE)
        )

    def _page(self, node: FieldNode, definition: GraphQLField) -> int:
        sizes = [
            size
            for name in ("first", "last")
            if name in definition.args
            and (size := self._size(node, name, definition.args[name].default_value)) is not None
        ]
        return max(sizes) if sizes else DEFAULT_FIRST

    def _size(self, node: FieldNode, name: str, default: Any) -> int | None:
        value = self._argument(node, name)
        if value is _ABSENT:
            value = default
        if isinstance(value, int) and not isinstance(value, bool):
            return max(value, 0)
        return None

    def _argument(self, node: FieldNode, name: str) -> Any:
        for argument in node.arguments or ():
            if argument.name.value == name:
                value = argument.value
                if isinstance(value, VariableNode):
                    variable = value.name.value
                    if variable in self.variables:
                        return self.variables[variable]
                    return self._defaults.get(variable, _ABSENT)
                return _literal(value, self.variables)
        return _ABSENT


_ABSENT: Any = object()


def _literal(value: Any, variables: Mapping[str, Any]) -> Any:
    """The Python value of a literal that matters for costing (ints, lists, null)."""
    if isinstance(value, IntValueNode):
        return int(value.value)
    if isinstance(value, NullValueNode):
        return None
    if isinstance(value, ListValueNode):
        return [_literal(v, variables) for v in value.values]
    if isinstance(value, VariableNode):
        return variables.get(value.name.value)
    return value


def _is_list(type_: Any) -> bool:
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


def operation_costs(
    schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any] | None = None
) -> dict[str | None, int]:
    """The cost of every operation in a document, by operation name."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    cost = QueryCost(schema, fragments, variables)
    return {
        (d.name.value if d.name else None): cost.operation(d)
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    }


class QueryCostRule(ValidationRule):
    """Refuses operations whose cost exceeds `max_cost` (bind with `query_cost_rule`)."""

    max_cost: ClassVar[int] = MAX_COST
    variables: ClassVar[Mapping[str, Any]] = {}

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        fragments = {
            d.name.value: d
            for d in context.document.definitions
            if isinstance(d, FragmentDefinitionNode)
        }
        self.cost = QueryCost(context.schema, fragments, self.variables)

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> Any:
        cost = self.cost.operation(node)
        if cost > self.max_cost:
            name = f"'{node.name.value}' " if node.name else ""
            self.report_error(
                GraphQLError(
                    f"Operation {name}has a cost of {cost}, more than the maximum of "
                    f"{self.max_cost}. Ask for smaller pages (`first`) or fewer nested lists.",
                    node,
                    extensions={
                        "code": "QUERY_TOO_COMPLEX",
                        "cost": cost,
                        "maxCost": self.max_cost,
                    },
                )
            )
        return self.SKIP


def query_cost_rule(max_cost: int, variables: Mapping[str, Any] | None) -> type[ASTValidationRule]:
    """A QueryCostRule bound to a limit and the request's variables."""
    return type(
        "BoundQueryCostRule",
        (QueryCostRule,),
        {"max_cost": max_cost, "variables": dict(variables or {})},
    )
