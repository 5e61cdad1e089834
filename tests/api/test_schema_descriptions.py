"""Every type, field, argument, input field and enum value a client sees has a description.

Client developers read the schema in GraphiQL, Apollo Studio or their generated code: each
element says what it is (units, time zone, null meaning, who may see it), and each error code
when it happens. The walk covers the whole executable schema; only GraphQL's built-ins and
Apollo Federation's plumbing are left out. A new element without a description fails here,
named, with where to write it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
)
from graphql.type import introspection_types, specified_directives, specified_scalar_types

from schema.common import RESTRICTED
from schema.root import build_schema

FEDERATION_TYPES = frozenset({"_Any", "_Entity", "_Service", "_FieldSet", "FieldSet"})
FEDERATION_PREFIXES = ("link__", "federation__")
FEDERATION_FIELDS = frozenset({"Query._entities", "Query._service"})
FEDERATION_DIRECTIVES = frozenset({"key", "link"})
BUILT_IN_DIRECTIVES = frozenset(d.name for d in specified_directives)


def _excluded(name: str) -> bool:
    return (
        name in introspection_types
        or name in specified_scalar_types
        or name in FEDERATION_TYPES
        or name.startswith(FEDERATION_PREFIXES)
    )


def _words(text: str) -> str:
    """Letters only, lower case: "workPhone", "Work phone." and "WORK_PHONE" are equal."""
    return re.sub(r"[^a-z]", "", text.lower())


def _problem(name: str, description: str | None) -> str | None:
    """Why a description does not help, or None; `name` is the element's own name."""
    text = (description or "").replace(RESTRICTED, "").strip()
    if not text:
        return "no description"
    if _words(text) == _words(name):
        return f"the description only restates the name ({text!r})"
    return None


Element = tuple[str, str, str | None]
"""(where, own name, description)."""


def _arguments(owner: str, args: dict[str, GraphQLArgument]) -> Iterator[Element]:
    for arg_name, arg in args.items():
        yield f"argument {owner}({arg_name})", arg_name, arg.description


def _elements(schema: GraphQLSchema) -> Iterator[Element]:
    """Everything a client may read the description of."""
    for name, named in sorted(schema.type_map.items()):
        if _excluded(name):
            continue
        yield from _of_type(name, named)
    for directive in schema.directives:
        if directive.name in BUILT_IN_DIRECTIVES | FEDERATION_DIRECTIVES:
            continue
        yield f"directive @{directive.name}", directive.name, directive.description
        yield from _arguments(f"@{directive.name}", directive.args)


def _of_type(name: str, named: GraphQLNamedType) -> Iterator[Element]:
    yield f"type {name}", name, named.description
    if isinstance(named, (GraphQLObjectType, GraphQLInterfaceType)):
        for field_name, field in named.fields.items():
            owner = f"{name}.{field_name}"
            if owner in FEDERATION_FIELDS:
                continue
            yield f"field {owner}", field_name, field.description
            yield from _arguments(owner, field.args)
    elif isinstance(named, GraphQLInputObjectType):
        for field_name, input_field in named.fields.items():
            yield f"input field {name}.{field_name}", field_name, input_field.description
    elif isinstance(named, GraphQLEnumType):
        for value_name, value in named.values.items():
            yield f"enum value {name}.{value_name}", value_name, value.description


def test_every_element_is_described() -> None:
    found = list(_elements(build_schema()._schema))
    missing = [
        f"{where}: {problem}"
        for where, name, description in found
        if (problem := _problem(name, description))
    ]
    assert len(found) > 1000, "the walk reached the whole schema"
    assert not missing, (
        f"{len(missing)} schema elements lack a useful description (strawberry.field/"
        "argument/enum_value description=..., schema/descriptions.py for the shared ones):\n"
        + "\n".join(missing)
    )


def test_a_missing_description_is_caught() -> None:
    """The check itself: an empty or name-only description is refused, a real one passes."""
    assert _problem("workPhone", None) == "no description"
    assert _problem("workPhone", f" {RESTRICTED}") == "no description"
    assert _problem("workPhone", "Work phone.") is not None
    assert _problem("workPhone", "The office line, as the unit publishes it") is None
    assert _problem("NOT_FOUND", "Not found") is not None
