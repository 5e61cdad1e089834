"""The federated schema: Query, Mutation, entities and protective extensions."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache

import strawberry
from strawberry.extensions import (
    AddValidationRules,
    DisableValidation,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from schema.errors import ErrorCodes
from schema.mutations.accounts import AccountMutations
from schema.mutations.org import OrgMutations
from schema.mutations.people import PeopleMutations
from schema.query import Query

del DisableValidation, AddValidationRules

Mutation = merge_types("Mutation", (AccountMutations, OrgMutations, PeopleMutations))


@dataclass(frozen=True)
class Limits:
    """Protection limits (see govgraph.settings for the defaults)."""

    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 5000
    max_directives: int = 50
    max_cost: int = 50_000
    production: bool = False


LIMITS: ContextVar[Limits] = ContextVar("govgraph_limits", default=Limits())
"""The limits of the app serving the current request (set by the app's middleware)."""


@cache
def build_schema() -> strawberry.federation.Schema:
    """The Apollo Federation v2 subgraph schema; its extensions read the request's limits."""
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: ErrorCodes(production=LIMITS.get().production),
        lambda: QueryDepthLimiter(max_depth=LIMITS.get().max_depth),
        lambda: MaxAliasesLimiter(max_alias_count=LIMITS.get().max_aliases),
        lambda: MaxTokensLimiter(max_token_count=LIMITS.get().max_tokens),
    ]
    return strawberry.federation.Schema(
        query=Query,
        mutation=Mutation,
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True),
    )
