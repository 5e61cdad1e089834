"""The compiled read path's application side: the caller's rules, then one statement."""

from __future__ import annotations

from collections.abc import Sequence

from domain.permissions.field_rules import read_rules
from domain.selection import NotCompiled, RootRead
from resolvers.context import RequestContext


async def answer(ctx: RequestContext, reads: Sequence[RootRead]) -> list[str]:
    """The JSON text of each root read; NotCompiled when the path does not cover one."""
    if ctx.compiled is None:
        raise NotCompiled("no compiled reader")
    return await ctx.compiled.answer(reads, read_rules(ctx.principal), ctx.now())


async def answer_with_revisions(
    ctx: RequestContext, reads: Sequence[RootRead]
) -> tuple[tuple[int, int], list[str]]:
    """The (access, directory) revisions and the JSON text of each read, in one statement."""
    if ctx.compiled is None:
        raise NotCompiled("no compiled reader")
    return await ctx.compiled.answer_with_revisions(reads, read_rules(ctx.principal), ctx.now())
