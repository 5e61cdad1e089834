"""The migrations build exactly what the table definitions declare, on both databases."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import persistence.media_tables
import persistence.notification_tables
import persistence.portal_tables
import persistence.program_tables
import persistence.reflection_stats_tables
import persistence.reflection_tables
import persistence.report_tables
import persistence.reporter_message_tables
import persistence.stats_tables
import persistence.task_tables  # noqa: F401  (every table module, for the metadata)
from govgraph.settings import Settings
from persistence.database import create_engine
from persistence.tables import metadata

# PostgreSQL-only indexes the migrations create with SQL of their own (pattern operator class,
# trigram search, the public feed's partial index): not part of the portable definitions
POSTGRES_ONLY = {
    "ix_org_units_path_pattern",
    "ix_persons_search_trgm",
    "ix_reflections_public_feed",
}


def _differences(connection: Any) -> list[Any]:
    return compare_metadata(MigrationContext.configure(connection), metadata)


async def test_the_migrated_schema_matches_the_table_definitions(settings: Settings) -> None:
    engine = create_engine(settings.database_url)
    try:
        async with engine.connect() as conn:
            found = await conn.run_sync(_differences)
    finally:
        await engine.dispose()
    extra = [d for d in found if not (d[0] == "remove_index" and d[1].name in POSTGRES_ONLY)]
    assert extra == []
