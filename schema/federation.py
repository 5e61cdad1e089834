"""Lookups by global id from outside: Relay's `node` and Federation's `_entities`.

Both take ids the client made up, so both check them before any resolver runs: a
representation names a known entity type and carries exactly its key fields, as strings;
a global id names a Node type and a database id in range. Anything else is a typed
refusal (INVALID_INPUT) for that id alone, never an internal error.
"""

# No `from __future__ import annotations`: Strawberry reads the resolver's annotations.

from typing import Any, cast

import strawberry
from strawberry import relay
from strawberry.federation.schema import FederationAny
from strawberry.federation.schema_directives import Key
from strawberry.relay import GlobalID
from strawberry.types import Info
from strawberry.types.base import StrawberryObjectDefinition

from domain.errors import DomainError, ErrorCode
from schema.common import numeric_id


def _refusal(message: str, field: str) -> DomainError:
    return DomainError(ErrorCode.INVALID_INPUT, message, field)


class FederatedSchema(strawberry.federation.Schema):
    """The federation schema with representations checked before they are resolved."""

    def entities_resolver(
        self, info: Info, representations: list[FederationAny]
    ) -> list[FederationAny]:
        results: list[Any] = []
        for index, representation in enumerate(representations):
            fault = self._fault(representation, f"representations[{index}]")
            if fault is not None:
                results.append(fault)
                continue
            single = dict(cast(dict[str, Any], representation))
            results.extend(super().entities_resolver(info, [cast(FederationAny, single)]))
        return cast(list[FederationAny], results)

    def _fault(self, representation: object, where: str) -> DomainError | None:
        """Why a representation cannot be resolved, or None."""
        if not isinstance(representation, dict):
            return _refusal("A representation is an object with __typename and its keys", where)
        type_name = representation.get("__typename")
        keys = self._entity_keys(type_name) if isinstance(type_name, str) else None
        if keys is None:
            return _refusal("The representation names no entity type of this service", where)
        given = set(representation) - {"__typename"}
        if given != keys:
            wanted = ", ".join(sorted(keys))
            return _refusal(f"A representation of {type_name} carries exactly: {wanted}", where)
        for key in keys:
            if not isinstance(representation[key], str):
                return _refusal(f"The {key} of a representation is a string", f"{where}.{key}")
        return None

    def _entity_keys(self, type_name: str) -> set[str] | None:
        """The key fields of an entity type (None when the name is not one)."""
        type_ = self.schema_converter.type_map.get(type_name)
        definition = getattr(type_, "definition", None)
        if not isinstance(definition, StrawberryObjectDefinition):
            return None
        if not hasattr(definition.origin, "resolve_reference"):
            return None
        keys: set[str] = set()
        for directive in definition.directives or ():
            if isinstance(directive, Key):
                keys.update(str(directive.fields).split())
        return keys or None


async def resolve_node(info: Info, id: strawberry.ID) -> relay.Node | None:
    """The object a global id names: null when it does not exist or the caller may not see
    it; INVALID_INPUT when the id is not the global id of a Node."""
    try:
        gid: GlobalID | None = GlobalID.from_id(str(id))
    except (ValueError, TypeError):
        gid = None
    origin = _node_type(info, gid.type_name) if gid else None
    if gid is None or origin is None or numeric_id(gid.node_id) is None:
        raise _refusal("Not the global id of an object", "id")
    found = await origin.resolve_nodes(info=info, node_ids=[gid.node_id], required=False)
    return cast(relay.Node | None, next(iter(found), None))


def _node_type(info: Info, type_name: str) -> Any:
    definition = info.schema.get_type_by_name(type_name)
    if not isinstance(definition, StrawberryObjectDefinition):
        return None
    origin = definition.origin
    return origin if isinstance(origin, type) and issubclass(origin, relay.Node) else None
