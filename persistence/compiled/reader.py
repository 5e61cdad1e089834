"""CompiledReader on SQLAlchemy: the root fields of one request in one statement."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence
from typing import Any

from sqlalchemy import Text, cast, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.permissions.field_rules import ReadRules
from domain.selection import NotCompiled, RootRead
from persistence.compiled.objects import Build
from persistence.compiled.roots import ROOTS
from persistence.compiled.sqljson import JsonSql
from persistence.database import run_locked

Prepared = tuple[str, tuple[Any, ...]]
"""A statement's SQL text as the driver takes it, with its positional parameters."""


class SqlCompiledReader:
    """Builds and runs the statement on the request's read session.

    Building and compiling a statement costs far more than running it, so the driver's SQL
    text and parameters are kept per selection, arguments and caller rules (a small LRU
    shared by the process): the same dashboard query from the same kind of caller runs
    its statement again without building or compiling anything.
    """

    statements: OrderedDict[Hashable, Prepared] = OrderedDict()
    max_statements = 512

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def answer(self, reads: Sequence[RootRead], rules: ReadRules) -> list[str]:
        dialect = self.session.get_bind().dialect.name
        key = (dialect, tuple(reads), rules)
        statement = self.statements.get(key)
        if statement is None:
            statement = self._build(dialect, reads, rules)
            self.statements[key] = statement
            while len(self.statements) > self.max_statements:
                self.statements.popitem(last=False)
        else:
            self.statements.move_to_end(key)
        sql, params = statement

        async def run() -> Any:
            connection = await self.session.connection()
            return await connection.exec_driver_sql(sql, params)

        rows = await run_locked(self.session, run)
        return [value if value is not None else "null" for value in rows[0]]

    def _build(self, dialect: str, reads: Sequence[RootRead], rules: ReadRules) -> Prepared:
        build = Build(JsonSql(dialect), rules)
        columns = []
        for n, read in enumerate(reads):
            root = ROOTS.get(read.root)
            if root is None:
                raise NotCompiled(read.root)
            columns.append(cast(root(build, read), Text).label(f"r{n}"))
        compiled = select(*columns).compile(dialect=self.session.get_bind().dialect)
        values = compiled.construct_params()
        order = compiled.positiontup or []
        return compiled.string, tuple(values[name] for name in order)
