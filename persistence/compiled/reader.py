"""CompiledReader on SQLAlchemy: the root fields of one request in one statement."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Text, cast, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.permissions.field_rules import ReadRules
from domain.selection import NotCompiled, RootRead
from persistence import tables as t
from persistence.compiled.objects import REQUEST_NOW, Build
from persistence.compiled.roots import REFUSED_WHEN_NULL, ROOTS
from persistence.compiled.sqljson import JsonSql
from persistence.database import driver_rows, run_locked
from persistence.revisions import ACCESS, DIRECTORY

TOO_DEEP = "parser stack overflow"
"""SQLite's answer to a statement nested deeper than its parser allows (a deep tree)."""


@dataclass(frozen=True)
class Prepared:
    """A statement's SQL text as the driver takes it, with its positional parameters (as
    the driver takes them); the request's instant goes to `now_at` on every run."""

    sql: str
    params: tuple[Any, ...]
    now_at: tuple[int, ...] = ()
    now_as: Callable[[Any], Any] | None = None

    def bound(self, now: datetime) -> tuple[Any, ...]:
        """The parameters of one run."""
        if not self.now_at:
            return self.params
        value = self.now_as(now) if self.now_as else now
        params = list(self.params)
        for position in self.now_at:
            params[position] = value
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
        self, reads: Sequence[RootRead], rules: ReadRules, now: datetime | None = None
    ) -> list[str]:
        return (await self._answer(reads, rules, now, revisions=False))[1]

    async def answer_with_revisions(
        self, reads: Sequence[RootRead], rules: ReadRules, now: datetime | None = None
    ) -> tuple[tuple[int, int], list[str]]:
        """One round trip for the caller's revisions and the answers (a caller resolved from
        the principal cache is checked against them afterwards)."""
        return await self._answer(reads, rules, now, revisions=True)

    async def _answer(
        self,
        reads: Sequence[RootRead],
        rules: ReadRules,
        now: datetime | None,
        *,
        revisions: bool,
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
        sql, params = statement.sql, statement.bound(now or datetime.now(UTC))
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
        compiled = select(*columns).compile(
            dialect=self.session.get_bind().dialect, compile_kwargs={"render_postcompile": True}
        )
        values = compiled.construct_params()
        order = compiled.positiontup or []
        processors = _processors(compiled, order)
        params = tuple(
            processors[name](values[name]) if name in processors else values[name] for name in order
        )
        now_at = tuple(n for n, name in enumerate(order) if name == REQUEST_NOW)
        return Prepared(compiled.string, params, now_at, processors.get(REQUEST_NOW))


def _processors(compiled: Any, names: Sequence[str]) -> dict[str, Callable[[Any], Any]]:
    """The bind processors of the parameters (datetimes to the driver's form), an expanded
    IN list's items taking their list's."""
    found: dict[str, Callable[[Any], Any]] = dict(compiled._bind_processors)
    for name in names:
        base = name.rsplit("_", 1)[0]
        if name not in found and name not in compiled.binds and base in found:
            found[name] = found[base]
    return found
