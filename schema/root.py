"""The federated schema: Query, Mutation, entities and protective extensions."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from schema.caching import DirectoryResultCache
from schema.errors import ErrorCodes
from schema.federation import FederatedSchema
from schema.input_boundary import InputBoundary
from schema.mutations.accounts import AccountMutations
from schema.mutations.org import OrgMutations
from schema.mutations.people import PeopleMutations
from schema.mutations.programs import ProgramMutations
from schema.mutations.reflections import ReflectionMutations
from schema.mutations.reports import ReportMutations
from schema.mutations.task_portal import PortalMutations
from schema.mutations.task_progress import TaskProgressMutations
from schema.mutations.tasks import TaskMutations
from schema.notifications import NotificationMutations, Subscription
from schema.protection import LIMITS, Limits, Protection
from schema.query import Query
from schema.scalars import OVERRIDES
from schema.validation_cache import ValidationCache

__all__ = ["LIMITS", "Limits", "Mutation", "build_schema"]

Mutation = merge_types(
    "Mutation",
    (
        AccountMutations,
        OrgMutations,
        PeopleMutations,
        TaskMutations,
        TaskProgressMutations,
        PortalMutations,
        ReportMutations,
        ProgramMutations,
        ReflectionMutations,
        NotificationMutations,
    ),
)


@cache
def build_schema() -> FederatedSchema:
    """The Apollo Federation v2 subgraph schema, built once per process.

    Its extensions are factories called per operation: they read the limits of the app
    serving the request from LIMITS, so one schema serves apps in different modes.
    """
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: ErrorCodes(production=LIMITS.get().production),
        lambda: QueryDepthLimiter(max_depth=LIMITS.get().max_depth),
        lambda: MaxAliasesLimiter(max_alias_count=LIMITS.get().max_aliases),
        lambda: MaxTokensLimiter(max_token_count=LIMITS.get().max_tokens),
        lambda: Protection(LIMITS.get()),
        InputBoundary,
        ValidationCache,
        DirectoryResultCache,
    ]
    return FederatedSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True),
        scalar_overrides=OVERRIDES,
    )
