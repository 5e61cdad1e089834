"""The federated schema: Query, Mutation, entities and protective extensions."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig

from schema.caching import DirectoryResultCache
from schema.compiled.extension import CompiledReads
from schema.errors import ErrorCodes
from schema.federation import FederatedSchema
from schema.input_boundary import InputBoundary
from schema.mutations.accounts import AccountMutations
from schema.mutations.applicants import ApplicantMutations
from schema.mutations.catalog import CatalogMutations
from schema.mutations.dossiers import DossierMutations
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

PARSED_DOCUMENTS = 512
"""Parsed documents kept per process (dashboards and apps send the same few again and again)."""

__all__ = ["LIMITS", "Limits", "Mutation", "build_schema"]


@strawberry.type(
    description="Every change goes through a mutation. Each returns a payload whose `errors` "
    "list says why it was refused (a refusal writes nothing); records people edit take the "
    "`version` the client read, so a concurrent change is refused with STALE_VERSION."
)
class Mutation(
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
    CatalogMutations,
    ApplicantMutations,
    DossierMutations,
):
    """The mutation root: the mutations of every area."""


_BUILT: dict[str, FederatedSchema] = {}


def build_schema(*, incremental: bool | None = None) -> FederatedSchema:
    """The Apollo Federation v2 subgraph schema, built once per process.

    Its extensions are factories called per operation: they read the limits of the app
    serving the request from LIMITS, so one schema serves apps in different modes.
    `incremental` (ENABLE_DEFER, default off) adds `@defer` and `@stream`, Strawberry's
    experimental incremental delivery. It is decided by the first build: Strawberry's types
    serve one schema per process, so asking for the other kind later is an error.
    """
    built = _BUILT.get("schema")
    if built is None:
        built = _BUILT["schema"] = _build(incremental=bool(incremental))
    elif (
        incremental is not None
        and incremental != built.config.enable_experimental_incremental_execution
    ):
        raise RuntimeError("this process built its schema with the other ENABLE_DEFER")
    return built


def _build(*, incremental: bool) -> FederatedSchema:
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: ErrorCodes(production=LIMITS.get().production),
        lambda: QueryDepthLimiter(max_depth=LIMITS.get().max_depth),
        lambda: MaxAliasesLimiter(max_alias_count=LIMITS.get().max_aliases),
        lambda: MaxTokensLimiter(max_token_count=LIMITS.get().max_tokens),
        lambda: ParserCache(maxsize=PARSED_DOCUMENTS),  # with MaxTokensLimiter's options
        lambda: Protection(LIMITS.get()),
        InputBoundary,
        ValidationCache,
        DirectoryResultCache,
        CompiledReads,
    ]
    return FederatedSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=extensions,
        config=StrawberryConfig(
            auto_camel_case=True, enable_experimental_incremental_execution=incremental
        ),
        scalar_overrides=OVERRIDES,
    )
