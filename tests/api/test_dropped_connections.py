"""No pre-ping: a pooled connection the server dropped fails its first statement, which is
run again on a fresh connection, on every path (compiled reads, the field path, commands)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from govgraph.container import Container
from tests.factories import Api, Province

COMPILED = '{ orgUnit(code: "SNV") { code leaders { title } } }'
FIELD = "{ orgLevels { code } }"
RENAME = """mutation($id: ID!, $v: Int!) { updateOrgUnit(id: $id, version: $v,
  changes: { phone: "0234 3822 999" }) { unit { phone } errors { code } } }"""


async def _drop_pooled_connections(container: Container) -> int:
    """Terminate every other server process of this database (the pool's connections)."""
    async with container.engine.connect() as conn:
        dropped = await conn.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
        return int(dropped.scalar_one())


async def test_requests_survive_dropped_connections(
    api: Api, province: Province, container: Container
) -> None:
    if not container.settings.database_url.startswith("postgresql"):
        pytest.skip("a server that drops connections: PostgreSQL")
    await api.login("admin@hue.gov.vn")
    for query in (COMPILED, FIELD):
        container.result_cache.clear()
        assert "errors" not in await api.post(query)
    assert await _drop_pooled_connections(container) > 0
    for query in (COMPILED, FIELD):
        container.result_cache.clear()
        body = await api.post(query)
        assert "errors" not in body, body
    snv = (await api.data('{ orgUnit(code: "SNV") { id version } }'))["orgUnit"]
    await _drop_pooled_connections(container)
    changed = await api.data(RENAME, {"id": snv["id"], "v": snv["version"]})
    assert changed["updateOrgUnit"]["errors"] == []
    assert changed["updateOrgUnit"]["unit"]["phone"] == "0234 3822 999"
