"""Every Relay connection of the schema pages both ways: `first`/`after` and `last`/`before`
(Relay Cursor Connections spec), with the same types and no default page size in the SDL
(20 when neither `first` nor `last` is given, so that `last` alone is never read as a
`first` + `last` combination)."""

from __future__ import annotations

from graphql import GraphQLObjectType, get_named_type

from schema.root import build_schema

PAGING = {"first": "Int", "after": "String", "last": "Int", "before": "String"}


def test_every_connection_pages_both_ways() -> None:
    schema = build_schema()._schema
    connections: list[str] = []
    for type_name, named in schema.type_map.items():
        if not isinstance(named, GraphQLObjectType) or type_name.startswith("__"):
            continue
        for field_name, field in named.fields.items():
            result = get_named_type(field.type)
            if not (result.name.endswith("Connection") and isinstance(result, GraphQLObjectType)):
                continue
            where = f"{type_name}.{field_name}"
            connections.append(where)
            assert {"edges", "pageInfo"} <= set(result.fields), where
            arguments = {name: str(arg.type) for name, arg in field.args.items()}
            assert {k: arguments.get(k) for k in PAGING} == PAGING, where
            assert all(field.args[k].default_value is None for k in PAGING), where
    assert len(connections) >= 15, connections
