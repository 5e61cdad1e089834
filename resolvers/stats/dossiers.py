"""Dossier statistics for integrators, overseers and admins, inside the caller's scope."""

from __future__ import annotations

from collections.abc import Sequence

from domain.errors import DomainError, ErrorCode
from domain.stats.dossier_figures import DossierBreakdown, dossier_figures
from resolvers.context import RequestContext
from resolvers.stats.queries import scoped_unit


async def dossier_stats(
    ctx: RequestContext, unit_id: int, period: str, procedure_ids: Sequence[int]
) -> DossierBreakdown:
    """The figures of one period over the unit's subtree, per agency and procedure."""
    unit = await scoped_unit(ctx, unit_id)
    if ctx.dossier_stats is None:
        raise DomainError(ErrorCode.INVALID_STATE, "Dossier statistics are not available")
    return await dossier_figures(
        ctx.dossier_stats,
        unit.path,
        period,
        now=ctx.now(),
        tz=ctx.time_zone,
        procedure_ids=procedure_ids,
    )
