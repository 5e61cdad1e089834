"""SQL statements per request: govgraph's counted in-process on the app's engine (the servers
under test are separate processes; the count does not depend on the process), PostGraphile's
in the log of a PostGraphile process that logs each statement it sends."""

from __future__ import annotations

from bench.directory import Client, StatementLog, drive, settings_for
from bench.peer.measure import ask
from bench.peer.queries import Case
from bench.peer.servers import Server
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


def count_peer(server: Server, cases: list[Case]) -> dict[str, int]:
    """Statements of a warm PostGraphile request of each case (its plan cached)."""
    counts: dict[str, int] = {}
    for case in cases:
        ask(server, case.peer, {})
        before = server.log.stat().st_size
        ask(server, case.peer, {})
        with server.log.open("rb") as log:
            log.seek(before)
            counts[case.name] = log.read().count(b"# SQL QUERY:")
    return counts
