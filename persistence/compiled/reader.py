"""CompiledReader on SQLAlchemy: the root fields of one request in one statement."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence
from typing import Any

from sqlalchemy import Text, cast, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.permissions.field_rules import ReadRules
from domain.selection import NotCompiled, RootRead
from persistence.compiled.objects import Build
from persistence.compiled.roots import REFUSED_WHEN_NULL, ROOTS
from persistence.compiled.sqljson import JsonSql
from persistence.database import driver_rows, run_locked

TOO_DEEP = "parser stack overflow"
"""SQLite's answer to a statement nested deeper than its parser allows (a deep tree)."""

Prepared = tuple[str, tuple[Any, ...]]
"""A statement's SQL text as the driver takes it, with its positional parameters."""


class SqlCompiledReader:
    """Builds and runs the statement on the request's read session.

    Building and compiling a statement costs far more than running it, so the driver's SQL
    text and parameters are kept per selection, arguments and caller rules (a small LRU
    shared by the process): the same dashboard query from the same kind of caller runs
    its statement again without building or compiling anything.
    """

    statements: OrderedDict[Hashable, Prepared | None] = OrderedDict()
    """None: a statement the database could not take (SQLite's parser stack is shallow)."""
    max_statements = 512

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def answer(self, reads: Sequence[RootRead], rules: ReadRules) -> list[str]:
        dialect = self.session.get_bind().dialect.name
        key = (dialect, tuple(reads), rules)
        if key in self.statements:
            self.statements.move_to_end(key)
            statement = self.statements[key]
            if statement is None:
                raise NotCompiled("too deep for this database")
        else:
            statement = self._build(dialect, reads, rules)
            self._keep(key, statement)
        sql, params = statement

        try:
            rows = await run_locked(self.session, lambda: driver_rows(self.session, sql, params))
        except OperationalError as error:
            if TOO_DEEP not in str(error.orig):
                raise
            self._keep(key, None)
            raise NotCompiled("too deep for this database") from error
        answers = []
        for read, value in zip(reads, rows[0], strict=True):
            if value is None and read.root in REFUSED_WHEN_NULL:
                raise NotCompiled(f"{read.root} is refused")
            answers.append("null" if value is None else value)
        return answers

    def _keep(self, key: Hashable, statement: Prepared | None) -> None:
        self.statements[key] = statement
        while len(self.statements) > self.max_statements:
            self.statements.popitem(last=False)

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
