"""SQL statements per govgraph request, counted in-process on the app's engine (the servers
under test are separate processes; the count does not depend on the process)."""

from __future__ import annotations

from bench.directory import Client, StatementLog, drive, settings_for
from bench.peer.queries import Case
from govgraph.container import Container


async def count(url: str, cases: list[Case], tokens: dict[str, str]) -> dict[str, int]:
    """Statements of a warm request of each case (the caller already known), cache on or off
    as the case is measured."""
    counts: dict[str, int] = {}

    async def body(client: Client, log: StatementLog, container: Container) -> None:
        cache = container.result_cache
        with log.listening():
            for case in cases:
                cache.max_entries = 256 if case.cached else 0  # 0: the cache is off
                request = case.govgraph
                client.token = tokens[request.account] if request.account else None
                await client.data(request.document, request.variables)
                before = log.count
                await client.data(request.document, request.variables)
                counts[case.name] = log.count - before

    await drive(settings_for(url), body)
    return counts
