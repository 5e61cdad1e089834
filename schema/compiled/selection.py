"""A GraphQL selection set as plain picks (domain.selection): aliases, fragments, variables
and @skip/@include resolved the way graphql-core's executor resolves them."""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLIncludeDirective,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSkipDirective,
    InlineFragmentNode,
    SelectionSetNode,
    get_named_type,
    is_abstract_type,
    is_object_type,
)
from graphql.execution.values import get_argument_values, get_directive_values

from domain.selection import NotCompiled, Pick, freeze


class Walker:
    """Collects the fields of selection sets against one schema, document and variables."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDefinitionNode],
        variables: Any,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def picks(
        self, selection_sets: list[SelectionSetNode], parent: GraphQLObjectType
    ) -> tuple[Pick, ...]:
        """The picks of the merged selection sets on an object of type `parent`."""
        grouped: dict[str, list[FieldNode]] = {}
        for selection_set in selection_sets:
            self._collect(selection_set, parent, grouped, set())
        return tuple(self._pick(key, nodes, parent) for key, nodes in grouped.items())

    def _pick(self, key: str, nodes: list[FieldNode], parent: GraphQLObjectType) -> Pick:
        name = nodes[0].name.value
        if name == "__typename":
            return Pick(key, name)
        field = parent.fields.get(name)
        if field is None:
            raise NotCompiled(name)
        args = freeze(get_argument_values(field, nodes[0], self.variables))
        named = get_named_type(field.type)
        if is_abstract_type(named):
            raise NotCompiled(f"{parent.name}.{name} is abstract")
        if not is_object_type(named):
            return Pick(key, name, args)
        sets = [n.selection_set for n in nodes if n.selection_set is not None]
        assert isinstance(named, GraphQLObjectType)
        return Pick(key, name, args, self.picks(sets, named))

    def _collect(
        self,
        selection_set: SelectionSetNode,
        parent: GraphQLObjectType,
        grouped: dict[str, list[FieldNode]],
        seen: set[str],
    ) -> None:
        for node in selection_set.selections:
            if not self._included(node):
                continue
            if isinstance(node, FieldNode):
                key = node.alias.value if node.alias else node.name.value
                grouped.setdefault(key, []).append(node)
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition.name.value if node.type_condition else None
                if self._matches(condition, parent):
                    self._collect(node.selection_set, parent, grouped, seen)
            elif isinstance(node, FragmentSpreadNode):
                name = node.name.value
                fragment = self.fragments.get(name)
                if name in seen or fragment is None:
                    continue
                seen.add(name)
                if self._matches(fragment.type_condition.name.value, parent):
                    self._collect(fragment.selection_set, parent, grouped, seen)

    def _included(self, node: Any) -> bool:
        for directive in node.directives or ():
            if directive.name.value not in ("skip", "include"):
                raise NotCompiled(f"@{directive.name.value}")
        skip = get_directive_values(GraphQLSkipDirective, node, self.variables)
        if skip and skip.get("if") is True:
            return False
        include = get_directive_values(GraphQLIncludeDirective, node, self.variables)
        return not (include and include.get("if") is False)

    def _matches(self, condition: str | None, parent: GraphQLObjectType) -> bool:
        if condition is None or condition == parent.name:
            return True
        found = self.schema.get_type(condition)
        return (
            found is not None and is_abstract_type(found) and self.schema.is_sub_type(found, parent)
        )
