"""Every payload error names its `field` as the client wrote it: an argument of the mutation,
or an input field (a dotted path through input objects, starting at an argument or at an
input object's field). The test provokes what errors it can for every mutation, as an admin:
each id malformed in turn, each text emptied in turn; the names the code raises refusals
with are checked against the schema's too."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLSchema,
    get_named_type,
)

from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.container import Container
from schema.root import build_schema
from tests.api.fuzz_schema import Probe, Slot, operation, output_is_payload, slots
from tests.api.task_factories import build_task_world
from tests.factories import Api, Province

SCHEMA = build_schema()._schema


def _inputs(type_: GraphQLInputType, seen: frozenset[str] = frozenset()) -> list[Any]:
    named = get_named_type(type_)
    if not isinstance(named, GraphQLInputObjectType) or named.name in seen:
        return []
    found: list[Any] = [named]
    for sub in named.fields.values():
        found += _inputs(sub.type, seen | {named.name})
    return found


def _resolves(field: GraphQLField, path: str) -> bool:
    """True when the dotted path starts at an argument or at a field of an input object the
    mutation takes, and each further part is a field of the input object before it."""
    head, *rest = path.replace("[]", "").split(".")
    starts: list[GraphQLInputType] = [a.type for n, a in field.args.items() if n == head]
    for arg in field.args.values():
        for input_type in _inputs(arg.type):
            starts += [f.type for n, f in input_type.fields.items() if n == head]
    for start in starts:
        current = start
        for part in rest:
            named = get_named_type(current)
            if not isinstance(named, GraphQLInputObjectType) or part not in named.fields:
                break
            current = named.fields[part].type
        else:
            return True
    return False


def _mutations(schema: GraphQLSchema) -> dict[str, GraphQLField]:
    assert schema.mutation_type is not None
    return dict(schema.mutation_type.fields)


def _probes(schema: GraphQLSchema) -> list[tuple[Slot, Any]]:
    """(position, value): each id malformed, each text emptied; a plausible call each."""
    found: list[tuple[Slot, Any]] = []
    for slot in slots(schema):
        if slot.operation != "mutation" or not output_is_payload(schema, slot.field):
            continue
        if slot.scalar == "ID":
            found.append((slot, "not-a-global-id"))
        elif slot.scalar == "String":
            found.append((slot, "   "))
    return found


async def test_every_error_field_is_an_argument_or_input_field(
    api: Api, province: Province
) -> None:
    await api.login("admin@hue.gov.vn")
    ids = {"OrgUnit": province.units["HUE"], "Person": province.people["binh"]}
    mutations = _mutations(SCHEMA)
    wrong: list[str] = []
    seen: set[tuple[str, str]] = set()
    for slot, bad in _probes(SCHEMA):
        op = operation(SCHEMA, [Probe(slot, bad)], ids)
        body = await api.post(
            op.query.replace("{ __typename }", "{ errors { code field } }"), op.variables
        )
        payload = (body.get("data") or {}).get("f0") or {}
        for error in payload.get("errors") or []:
            field = error["field"]
            if field is None:
                continue
            seen.add((slot.field, field))
            if not _resolves(mutations[slot.field], field):
                wrong.append(f"{slot.field}: {error['code']} names {field!r}")
    assert not wrong, "\n".join(sorted(set(wrong)))
    assert len({m for m, _ in seen}) > len(mutations) // 2  # most mutations were provoked


def _schema_names(schema: GraphQLSchema) -> set[str]:
    names: set[str] = set()
    for root in (schema.query_type, schema.mutation_type):
        assert root is not None
        for field in root.fields.values():
            names.update(field.args)
            for arg in field.args.values():
                for input_type in _inputs(arg.type):
                    names.update(input_type.fields)
    return names


FIELD_POSITION = {"DomainError": 2, "NotFound": 1, "decode_id": 2, "plain_id": 1}


def _fields_in_code() -> list[tuple[str, str]]:
    """(where, field) of every literal field name a refusal is raised with in the code."""
    found: list[tuple[str, str]] = []
    for package in ("domain", "resolvers", "schema"):
        for path in sorted(Path(package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text())):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                values = [k.value for k in node.keywords if k.arg == "field"]
                position = FIELD_POSITION.get(name)
                if position is not None and len(node.args) > position:
                    values.append(node.args[position])
                found += [
                    (f"{path}:{node.lineno}", v.value)
                    for v in values
                    if isinstance(v, ast.Constant) and isinstance(v.value, str)
                ]
    return found


def test_every_field_the_code_names_is_an_argument_or_input_field() -> None:
    names = _schema_names(SCHEMA)
    found = _fields_in_code()
    assert len(found) > 100
    wrong = [
        f"{where}: {field}"
        for where, field in found
        if not all(part in names for part in field.replace("[]", "").split("."))
    ]
    assert not wrong, "\n".join(wrong)


async def test_escalating_past_the_level_above_names_to_unit_id(
    container: Container, api: Api, clock: FixedClock
) -> None:
    world = await build_task_world(container, api.client, clock)
    petition = await world.new_task(
        "binh",
        kind="VOTER_PETITION",
        petitionLevel="COMMUNE",
        content="Cử tri kiến nghị sửa chữa cống thoát nước",
        officeUnitId=world.unit("HUE-PHUHOI"),
        leadUnitId=world.unit("HUE-PHUHOI"),
    )
    await world.step(petition["id"], Action.SEND, by="binh")
    refused = await world.step(
        petition["id"], Action.ESCALATE, reason="Vượt thẩm quyền xã", toUnitId=world.unit("SNV")
    )
    assert [(e["code"], e["field"]) for e in refused["errors"]] == [("INVALID_INPUT", "toUnitId")]
