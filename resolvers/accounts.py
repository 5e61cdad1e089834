"""Reading accounts: the integrator keys an admin may see (changes go through commands)."""

from __future__ import annotations

from domain import permissions
from domain.accounts.model import ApiKey
from domain.errors import Forbidden
from resolvers.context import RequestContext


async def api_keys(ctx: RequestContext) -> list[ApiKey]:
    """Integrator keys of the units the caller administers."""
    paths = permissions.administered_paths(ctx.principal)
    if not paths:
        raise Forbidden("Only admins list API keys")
    keys = await ctx.reader.api_keys(paths)
    units = await ctx.loaders.unit_by_id.load_many([k.unit_id for k in keys])
    return [
        key
        for key, unit in zip(keys, units, strict=True)
        if unit is not None and permissions.can_administer(ctx.principal, unit.path)
    ]
