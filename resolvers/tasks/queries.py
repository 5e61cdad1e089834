"""Queries of the task chain: lists inside the caller's scope, the inbox, the calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain.calendar import DeclaredDay
from domain.errors import DomainError, ErrorCode, Unauthenticated
from domain.paging import Seek
from domain.tasks import policies
from domain.tasks.model import (
    Directive,
    StatusClass,
    Task,
    TaskEvent,
    TaskKind,
    TaskResponse,
    TaskState,
)
from domain.tasks.policies import TaskScope
from domain.tasks.reading import TaskFilter, TaskSort, sort_key
from domain.tasks.workflow import Action
from resolvers.context import RequestContext
from resolvers.pagination import Page, paginate

MAX_SEARCH = 100


@dataclass(frozen=True)
class TaskListArgs:
    """What a task list asks for (ids already decoded)."""

    unit_id: int | None = None
    include_subtree: bool = True
    kinds: tuple[TaskKind, ...] = ()
    states: tuple[TaskState, ...] = ()
    status_classes: tuple[StatusClass, ...] = ()
    due_from: datetime | None = None
    due_to: datetime | None = None
    tracker_id: int | None = None
    directive_id: int | None = None
    search: str | None = None


def aware(ctx: RequestContext, value: datetime | None) -> datetime | None:
    """A client's date-time; one without an offset is read in the province's time zone."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=ZoneInfo(ctx.time_zone))


def scope_of(ctx: RequestContext) -> TaskScope:
    """The caller's task scope; the public must sign in (integrators see no task rows)."""
    if not ctx.principal.signed_in:
        raise Unauthenticated
    return ctx.task_loaders.scope


async def tasks(
    ctx: RequestContext,
    args: TaskListArgs,
    *,
    sort: TaskSort,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[Task]:
    """Tasks inside the caller's scope, filtered, in one indexed query (plus a COUNT on demand)."""
    scope = scope_of(ctx)
    where = await _filter(ctx, args)

    async def fetch(seek: Seek[Any], limit: int) -> list[Task]:
        keys = seek.map(lambda key, field: _cursor(key, sort, field))
        if scope.empty:
            return []
        found = await ctx.tasks.tasks(
            where,
            scope,
            sort=sort,
            after=keys.after,
            before=keys.before,
            backward=keys.backward,
            limit=limit,
        )
        ctx.task_loaders.prime(found)
        return found

    async def count() -> int:
        return 0 if scope.empty else await ctx.tasks.count_tasks(where, scope)

    return await paginate(
        fetch,
        lambda t: list(sort_key(t, sort)),
        first=first,
        after=after,
        last=last,
        before=before,
        count=count,
    )


async def _filter(ctx: RequestContext, args: TaskListArgs) -> TaskFilter:
    if args.search is not None and len(args.search) > MAX_SEARCH:
        raise DomainError(
            ErrorCode.TOO_LONG, f"search is longer than {MAX_SEARCH} characters", "search"
        )
    due_from, due_to = aware(ctx, args.due_from), aware(ctx, args.due_to)
    if due_from is not None and due_to is not None and due_to < due_from:
        raise DomainError(ErrorCode.INVALID_INPUT, "dueTo is before dueFrom", "dueTo")
    unit_path = None
    if args.unit_id is not None:
        unit = await ctx.loaders.unit_by_id.load(args.unit_id)
        if unit is None:
            raise DomainError(ErrorCode.NOT_FOUND, "Unit not found", "unitId")
        unit_path = unit.path
    return TaskFilter(
        unit_path=unit_path,
        include_subtree=args.include_subtree,
        kinds=args.kinds,
        states=args.states,
        status_classes=args.status_classes,
        due_from=due_from,
        due_to=due_to,
        tracker_person_id=args.tracker_id,
        directive_id=args.directive_id,
        search=args.search,
        now=ctx.now(),
    )


def cursor_key(key: Any, sort: TaskSort, field: str = "after") -> tuple[str, int] | None:
    """The keyset position inside a cursor (None without one), checked against the order."""
    return None if key is None else _cursor(key, sort, field)


def _cursor(key: Any, sort: TaskSort, field: str) -> tuple[str, int]:
    """The keyset position inside a cursor, checked against the list's order."""
    malformed = DomainError(ErrorCode.INVALID_INPUT, "Malformed cursor", field)
    if not (isinstance(key, list) and len(key) == 2):
        raise malformed
    due, task_id = key
    if not isinstance(due, str) or isinstance(task_id, bool) or not isinstance(task_id, int):
        raise malformed
    if sort is TaskSort.DEADLINE:
        try:
            if datetime.fromisoformat(due).tzinfo is None:
                raise malformed
        except ValueError:
            raise malformed from None
    return (due, task_id)


async def task(ctx: RequestContext, task_id: int) -> Task | None:
    """A task, when the caller may see it."""
    scope_of(ctx)
    loaders = ctx.task_loaders
    found: Task | None = await loaders.task_by_id.load(task_id)
    if found is None or not await loaders.visible_by_task_id.load(task_id):
        return None
    return found


async def visible_tasks(ctx: RequestContext, task_ids: list[int]) -> list[Task | None]:
    """Tasks by id, None where missing or outside the caller's scope (Relay nodes)."""
    if not ctx.principal.signed_in:
        return [None for _ in task_ids]
    loaders = ctx.task_loaders
    found = await loaders.task_by_id.load_many(task_ids)
    visible = await loaders.visible_by_task_id.load_many(task_ids)
    return [t if t is not None and ok else None for t, ok in zip(found, visible, strict=True)]


async def directive(ctx: RequestContext, directive_id: int) -> Directive | None:
    """A directive document, when the caller may see it."""
    scope = scope_of(ctx)
    found: Directive | None = await ctx.task_loaders.directive_by_id.load(directive_id)
    if found is None:
        return None
    office = await ctx.loaders.unit_by_id.load(found.office_unit_id)

    def allowed(sees_a_task: bool) -> bool:
        return policies.can_view_directive(
            ctx.principal,
            office_unit_id=found.office_unit_id,
            office_path=office.path if office else "",
            sees_a_task=sees_a_task,
        )

    if allowed(False):
        return found
    if scope.empty:
        return None
    where = TaskFilter(directive_id=found.id)
    hit = await ctx.tasks.tasks(where, scope, sort=TaskSort.NEWEST, after=None, limit=1)
    return found if allowed(bool(hit)) else None


async def visible_directives(ctx: RequestContext, ids: list[int]) -> list[Directive | None]:
    """Directives by id, None where missing or hidden (Relay nodes, federation)."""
    if not ctx.principal.signed_in:
        return [None for _ in ids]
    return [await directive(ctx, i) for i in ids]


async def my_work(
    ctx: RequestContext,
    *,
    first: int | None,
    after: str | None,
    last: int | None = None,
    before: str | None = None,
) -> Page[Task]:
    """What waits for the caller's action now, by due time (no deadline last)."""
    scope_of(ctx)
    inbox = policies.inbox_of(ctx.principal)

    async def fetch(seek: Seek[Any], limit: int) -> list[Task]:
        keys = seek.map(lambda key, field: _cursor(key, TaskSort.DEADLINE, field))
        if inbox.empty:
            return []
        found = await ctx.tasks.inbox(
            inbox, after=keys.after, before=keys.before, backward=keys.backward, limit=limit
        )
        ctx.task_loaders.prime(found)
        return found

    async def count() -> int:
        return 0 if inbox.empty else await ctx.tasks.count_inbox(inbox)

    return await paginate(
        fetch,
        lambda t: list(sort_key(t, TaskSort.DEADLINE)),
        first=first,
        after=after,
        last=last,
        before=before,
        count=count,
    )


async def calendar_days(ctx: RequestContext, *, start: date, end: date) -> list[DeclaredDay]:
    """Days the province declared off or working between two dates (inclusive)."""
    if end < start:
        raise DomainError(ErrorCode.INVALID_INPUT, "to is before from", "to")
    calendar = await ctx.calendars.get()
    return [d for d in calendar.declared_days if start <= d.date <= end]


# --- Field rules (schema.common.VisibleTo) -----------------------------------------------


async def sees_note(ctx: RequestContext, event: TaskEvent) -> bool:
    """A timeline note: the unit's internal notes only for those who see drafts."""
    parties = await ctx.task_loaders.parties_of_id(event.task_id)
    return parties is not None and policies.can_see_note(ctx.principal, parties, event.action)


async def sees_response_content(ctx: RequestContext, response: TaskResponse) -> bool:
    """The result's content: drafts not yet approved only for those who see drafts."""
    parties = await ctx.task_loaders.parties_of_id(response.task_id)
    return parties is not None and policies.can_see_response_content(
        ctx.principal, parties, approved=response.approved_at is not None
    )


async def actions_for(ctx: RequestContext, found: Task) -> list[Action]:
    """The steps the caller may take on a task now (for clients' buttons)."""
    parties = await ctx.task_loaders.parties(found)
    return policies.available_actions(ctx.principal, parties, found)
