"""The schema walked for tests/api/test_input_fuzz.py: every argument of every query and
mutation (input object fields and list items included), a plausible value for each, and
the operation that sends a bad value at one position while the rest stays plausible."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    ValueNode,
    ast_from_value,
    get_named_type,
    is_leaf_type,
    print_ast,
)
from graphql.pyutils import Undefined

from tests.factories import gid

Path = tuple[str | int, ...]
"""Inside an argument's value: input field names, and 0 for the first item of a list."""

ID_TYPES = (  # noqa: SIM905
    "Account ApiKey Article CitizenQuestion Committee Directive Notification OrgUnit Person "
    "PressItem ProgramItem ProgressUpdate Reflection ReflectionCategory ReflectionQuestion "
    "ReportType RoleGrant Task TaskOccurrence WorkProgram"
).split()
"""Every type name a global id of the API decodes to."""

_WORDS = {
    "unit": "OrgUnit",
    "agency": "OrgUnit",
    "area": "OrgUnit",
    "commune": "OrgUnit",
    "parent": "OrgUnit",
    "successor": "OrgUnit",
    "into": "OrgUnit",
    "root": "OrgUnit",
    "source": "OrgUnit",
    "person": "Person",
    "leader": "Person",
    "handler": "Person",
    "specialist": "Person",
    "author": "Person",
    "committee": "Committee",
    "task": "Task",
    "directive": "Directive",
    "reflection": "Reflection",
    "category": "ReflectionCategory",
    "account": "Account",
    "grant": "RoleGrant",
    "question": "CitizenQuestion",
    "item": "ProgramItem",
    "program": "WorkProgram",
    "type": "ReportType",
    "occurrence": "TaskOccurrence",
    "notification": "Notification",
    "progress": "ProgressUpdate",
    "key": "ApiKey",
    "article": "Article",
    "tracker": "OrgUnit",
}


@dataclass(frozen=True)
class Slot:
    """One position a client can put a value at: a root field's argument, or inside it."""

    operation: str  # "query" or "mutation"
    field: str
    argument: str
    path: Path
    type: GraphQLInputType

    @property
    def name(self) -> str:
        """`field(argument.path)`, for failure reports."""
        inner = "".join(f".{p}" if isinstance(p, str) else "[]" for p in self.path)
        return f"{self.operation} {self.field}({self.argument}{inner})"

    @property
    def scalar(self) -> str:
        """The named type at this position."""
        return get_named_type(self.type).name


def root_fields(schema: GraphQLSchema) -> list[tuple[str, str, GraphQLField]]:
    """(operation, name, field) of every query and mutation root field."""
    found: list[tuple[str, str, GraphQLField]] = []
    for operation, root in (("query", schema.query_type), ("mutation", schema.mutation_type)):
        assert root is not None
        found.extend((operation, name, field) for name, field in root.fields.items())
    return found


def slots(schema: GraphQLSchema) -> list[Slot]:
    """Every argument and every input field below it (each input type walked once per
    argument, so recursive inputs end)."""
    found: list[Slot] = []
    for operation, name, field in root_fields(schema):
        for arg_name, arg in field.args.items():
            _walk(found, operation, name, arg_name, (), arg.type, set())
    return found


def _walk(
    found: list[Slot],
    operation: str,
    field: str,
    argument: str,
    path: Path,
    type_: GraphQLInputType,
    seen: set[str],
) -> None:
    found.append(Slot(operation, field, argument, path, type_))
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if isinstance(inner, GraphQLList):
        _walk(found, operation, field, argument, (*path, 0), inner.of_type, seen)
    elif isinstance(inner, GraphQLInputObjectType) and inner.name not in seen:
        for name, sub in inner.fields.items():
            _walk(found, operation, field, argument, (*path, name), sub.type, seen | {inner.name})


def id_type_for(field: str, name: str) -> str:
    """The type a global id argument most likely decodes to, from its and its field's name."""
    if name in ("id", "ids"):
        for type_name in sorted(ID_TYPES, key=len, reverse=True):
            if type_name.lower() in field.lower():
                return type_name
        name = field
    words = [w.lower() for w in re.findall(r"[a-z]+|[A-Z][a-z]*", name)]
    for word in reversed(words):
        if word in _WORDS:
            return _WORDS[word]
    return "OrgUnit"


def plausible(type_: GraphQLInputType, name: str, field: str, ids: dict[str, int]) -> Any:
    """A value of the type that looks right, so a bad value elsewhere is what gets judged."""
    if isinstance(type_, GraphQLNonNull):
        return plausible(type_.of_type, name, field, ids)
    if isinstance(type_, GraphQLList):
        return [plausible(type_.of_type, name, field, ids)]
    if isinstance(type_, GraphQLInputObjectType):
        return {
            sub_name: plausible(sub.type, sub_name, field, ids)
            for sub_name, sub in type_.fields.items()
            if isinstance(sub.type, GraphQLNonNull) and sub.default_value is Undefined
        }
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    assert isinstance(type_, GraphQLScalarType)
    return _scalar(type_.name, name, field, ids)


def _scalar(type_name: str, name: str, field: str, ids: dict[str, int]) -> Any:
    lowered = name.lower()
    if type_name == "ID":
        kind = id_type_for(field, name)
        return gid(kind, ids.get(kind, 1))
    if type_name == "Int":
        return 2026 if lowered == "year" else 1
    if type_name == "Float":
        return {"latitude": 16.46, "longitude": 107.59}.get(lowered, 1.5)
    if type_name == "Boolean":
        return False
    if type_name == "Date":
        return "2026-11-20"
    if type_name == "DateTime":
        return "2026-11-20T03:00:00+00:00"
    if type_name == "_Any":
        return {"__typename": "OrgUnit", "id": gid("OrgUnit", ids.get("OrgUnit", 1))}
    if "period" in lowered or lowered in ("from", "to", "upto"):
        return "2026-11"
    return "Huế"


def put(value: Any, path: Path, bad: Any) -> Any:
    """`value` with `bad` placed at `path`."""
    if not path:
        return bad
    head, *rest = path
    if isinstance(head, int):
        items = list(value) if isinstance(value, list) and value else [None]
        items[0] = put(items[0], tuple(rest), bad)
        return items
    copy = dict(value) if isinstance(value, dict) else {}
    copy[head] = put(copy.get(head), tuple(rest), bad)
    return copy


@dataclass(frozen=True)
class Operation:
    """A GraphQL document and its variables."""

    query: str
    variables: dict[str, Any]


@dataclass(frozen=True)
class Probe:
    """A bad value at one position; written as a literal in the document when `inline` (and
    it has a literal form), else sent in a variable."""

    slot: Slot
    bad: Any
    inline: bool = False

    @property
    def field_path(self) -> str:
        """Where the bad value sits, as the input boundary names it."""
        inner = "".join(f".{p}" if isinstance(p, str) else f"[{p}]" for p in self.slot.path)
        return f"{self.slot.argument}{inner}"


def operation(schema: GraphQLSchema, probes: list[Probe], ids: dict[str, int]) -> Operation:
    """One document calling the probes' root fields (all of one operation type), the n-th
    aliased `f<n>` with variables `$v<n>_<argument>`, plausible arguments elsewhere."""
    kind = probes[0].slot.operation
    root = schema.query_type if kind == "query" else schema.mutation_type
    assert root is not None
    assert all(p.slot.operation == kind for p in probes)
    variables: dict[str, Any] = {}
    declared: list[str] = []
    calls: list[str] = []
    for index, probe in enumerate(probes):
        field = root.fields[probe.slot.field]
        arguments: list[str] = []
        for name, arg in field.args.items():
            value = _argument_value(arg, name, probe.slot, probe.bad, ids)
            if value is _SKIP:
                continue
            literal = _literal(value, arg.type) if probe.inline else None
            if literal is not None and name == probe.slot.argument:
                arguments.append(f"{name}: {print_ast(literal)}")
                continue
            variable = f"v{index}_{name}"
            variables[variable] = value
            declared.append(f"${variable}: {arg.type}")
            arguments.append(f"{name}: ${variable}")
        call = f"({', '.join(arguments)})" if arguments else ""
        selection = "" if is_leaf_type(get_named_type(field.type)) else " { __typename }"
        calls.append(f"f{index}: {probe.slot.field}{call}{selection}")
    header = f"({', '.join(declared)})" if declared else ""
    return Operation(f"{kind} Fuzz{header} {{ {' '.join(calls)} }}", variables)


_SKIP: Any = object()


def _literal(value: Any, type_: GraphQLInputType) -> ValueNode | None:
    """The value as a literal of the type, or None when it has no literal form."""
    try:
        return ast_from_value(value, type_)
    except (GraphQLError, TypeError, ValueError, AttributeError):
        return None


def _argument_value(
    arg: GraphQLArgument, name: str, slot: Slot, bad: Any, ids: dict[str, int]
) -> Any:
    if name == slot.argument:
        base = plausible(arg.type, name, slot.field, ids) if slot.path else None
        return put(base, slot.path, bad)
    if isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined:
        return plausible(arg.type, name, slot.field, ids)
    return _SKIP


def output_is_payload(schema: GraphQLSchema, field: str) -> bool:
    """True when a mutation answers a payload object with an `errors` list."""
    mutation = schema.mutation_type
    assert mutation is not None
    named = get_named_type(mutation.fields[field].type)
    return isinstance(named, GraphQLObjectType) and "errors" in named.fields
