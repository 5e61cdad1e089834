"""CompiledReader on SQLAlchemy: the root fields of one request in one statement."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Text, cast, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.permissions.field_rules import ReadRules
from domain.selection import NotCompiled, RootRead
from persistence.compiled.objects import Build
from persistence.compiled.roots import ROOTS
from persistence.compiled.sqljson import JsonSql
from persistence.database import run_locked


class SqlCompiledReader:
    """Builds and runs the statement on the request's read session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def answer(self, reads: Sequence[RootRead], rules: ReadRules) -> list[str]:
        build = Build(JsonSql(self.session.get_bind().dialect.name), rules)
        columns = []
        for n, read in enumerate(reads):
            root = ROOTS.get(read.root)
            if root is None:
                raise NotCompiled(read.root)
            columns.append(cast(root(build, read), Text).label(f"r{n}"))
        rows = await run_locked(self.session, lambda: self.session.execute(select(*columns)))
        return [value if value is not None else "null" for value in rows[0]]
