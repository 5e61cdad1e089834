"""CompiledReader on SQLAlchemy: the root fields of one request in one statement."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Text, cast, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.permissions.read_rules import ReadRules
from domain.selection import NotCompiled, RequestTime, RootRead
from persistence import tables as t
from persistence.compiled import request_params
from persistence.compiled.objects import Build
from persistence.compiled.roots import REFUSED_WHEN_NULL, ROOTS
from persistence.compiled.sqljson import JsonSql
from persistence.database import driver_rows, run_locked
from persistence.revisions import ACCESS, DIRECTORY

TOO_DEEP = "parser stack overflow"
"""SQLite's answer to a statement nested deeper than its parser allows (a deep tree)."""


@dataclass(frozen=True)
class Prepared:
    """A statement's SQL text as the driver takes it, with its positional parameters; the
    request's values (request_params) go in at `slots`, positions by name, each through its
    bind processor (they are no part of the statement's key)."""

    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, str], ...]
    binds: tuple[tuple[str, Callable[[Any], Any] | None], ...]

    def parameters(self, at: RequestTime) -> tuple[Any, ...]:
        """The parameters with the request's values, as the driver takes them."""
        if not self.slots:
            return self.params
        values = {}
        for name, bind in self.binds:
            found = request_params.value(name, at)
            values[name] = found if bind is None else bind(found)
        params = list(self.params)
        for position, name in self.slots:
            params[position] = values[name]
        return tuple(params)


def revision_columns() -> tuple[Any, Any]:
    """The access and directory revisions as two scalar columns."""
    r = t.revisions
    return tuple(  # type: ignore[return-value]
        select(r.c.value).where(r.c.name == name).scalar_subquery().label(f"rev_{name}")
        for name in (ACCESS, DIRECTORY)
    )


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

    async def answer(
        self, reads: Sequence[RootRead], rules: ReadRules, at: RequestTime
    ) -> list[str]:
        return (await self._answer(reads, rules, at, revisions=False))[1]

    async def answer_with_revisions(
        self, reads: Sequence[RootRead], rules: ReadRules, at: RequestTime
    ) -> tuple[tuple[int, int], list[str]]:
        """One round trip for the caller's revisions and the answers (a caller resolved from
        the principal cache is checked against them afterwards)."""
        return await self._answer(reads, rules, at, revisions=True)

    async def _answer(
        self, reads: Sequence[RootRead], rules: ReadRules, at: RequestTime, *, revisions: bool
    ) -> tuple[tuple[int, int], list[str]]:
        dialect = self.session.get_bind().dialect.name
        key = (dialect, tuple(reads), rules, revisions)
        if key in self.statements:
            self.statements.move_to_end(key)
            statement = self.statements[key]
            if statement is None:
                raise NotCompiled("too deep for this database")
        else:
            statement = self._build(dialect, reads, rules, revisions=revisions)
            self._keep(key, statement)
        sql, params = statement.sql, statement.parameters(at)
        try:
            rows = await run_locked(self.session, lambda: driver_rows(self.session, sql, params))
        except OperationalError as error:
            if TOO_DEEP not in str(error.orig):
                raise
            self._keep(key, None)
            raise NotCompiled("too deep for this database") from error
        row = tuple(rows[0])
        read_revisions = (int(row[0] or 0), int(row[1] or 0)) if revisions else (0, 0)
        answers = []
        for read, value in zip(reads, row[2:] if revisions else row, strict=True):
            if value is None and read.root in REFUSED_WHEN_NULL:
                raise NotCompiled(f"{read.root} is refused")
            answers.append("null" if value is None else value)
        return read_revisions, answers

    def _keep(self, key: Hashable, statement: Prepared | None) -> None:
        self.statements[key] = statement
        while len(self.statements) > self.max_statements:
            self.statements.popitem(last=False)

    def _build(
        self, dialect: str, reads: Sequence[RootRead], rules: ReadRules, *, revisions: bool
    ) -> Prepared:
        build = Build(JsonSql(dialect), rules)
        columns: list[Any] = list(revision_columns()) if revisions else []
        for n, read in enumerate(reads):
            root = ROOTS.get(read.root)
            if root is None:
                raise NotCompiled(read.root)
            columns.append(cast(root(build, read), Text).label(f"r{n}"))
        dialect_ = self.session.get_bind().dialect
        compiled = select(*columns).compile(
            dialect=dialect_, compile_kwargs={"render_postcompile": True}
        )
        values = compiled.construct_params()
        order = compiled.positiontup or []
        # what SQLAlchemy's execution would do to each value (datetimes for SQLite, enums);
        # the IN lists rendered in place keep their processors apart
        binds: dict[str, Any] = dict(compiled._bind_processors)
        expanded = compiled._post_compile_expanded_state
        if expanded is not None:
            binds.update(expanded.processors)
        params = tuple(
            binds[name](values[name]) if name in binds else values[name] for name in order
        )
        return Prepared(
            sql=compiled.string,
            params=params,
            slots=tuple((n, name) for n, name in enumerate(order) if name in build.params),
            binds=tuple((name, binds.get(name)) for name in build.params),
        )
