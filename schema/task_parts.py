"""Parts of a task: enums, trackers, assignees, timeline events, progress, the response."""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from domain.calendar import DayKind, DeclaredDay
from domain.tasks import model, progress
from resolvers.tasks.queries import sees_note, sees_response_content
from schema import task_enums  # noqa: F401  # the chain's enums, with their descriptions
from schema.common import VisibleTo, ctx_of, encode_id
from schema.org import OrgUnit
from schema.people import Person


@strawberry.enum(
    name="ExtensionDecision",
    description="What a tracker or the office decided on a request for more time",
)
class ExtensionDecision(Enum):
    GRANTED = strawberry.enum_value(
        progress.GRANTED, description="Granted: the task's deadline moved to the date asked for"
    )
    REFUSED = strawberry.enum_value(
        progress.REFUSED, description="Refused: the deadline stays as it was"
    )


@strawberry.type(description="Who took a step: a person's account, or a unit's account")
class TaskActor:
    account_id: strawberry.Private[int | None]
    person_id: strawberry.Private[int | None]

    @strawberry.field(description="The account's global id")
    def account(self) -> strawberry.ID | None:
        return encode_id("Account", self.account_id) if self.account_id is not None else None

    @strawberry.field(description="The person, when the account is personal")
    async def person(self, info: Info) -> Person | None:
        ctx = ctx_of(info)
        person_id = self.person_id
        if person_id is None and self.account_id is not None:
            account = await ctx.task_loaders.account_by_id.load(self.account_id)
            person_id = account.person_id if account else None
        if person_id is None:
            return None
        found = await ctx.loaders.person_by_id.load(person_id)
        return Person.from_domain(found) if found else None

    @strawberry.field(description="The account's unit (the unit a unit account acts for)")
    async def unit(self, info: Info) -> OrgUnit | None:
        if self.account_id is None:
            return None
        ctx = ctx_of(info)
        account = await ctx.task_loaders.account_by_id.load(self.account_id)
        if account is None or account.unit_id is None:
            return None
        unit = await ctx.loaders.unit_by_id.load(account.unit_id)
        return OrgUnit.from_domain(unit) if unit else None


def actor(account_id: int | None, person_id: int | None = None) -> TaskActor | None:
    """The actor of a step, if recorded."""
    if account_id is None and person_id is None:
        return None
    return TaskActor(account_id=account_id, person_id=person_id)


@strawberry.type(description="A person following the task for the office or the leaders")
class TaskTracker:
    domain: strawberry.Private[model.TaskTracker]

    @strawberry.field(description="On whose behalf the person follows the task")
    def role(self) -> model.TrackerRole:
        return self.domain.role

    @strawberry.field(description="The person following the task")
    async def person(self, info: Info) -> Person | None:
        found = await ctx_of(info).loaders.person_by_id.load(self.domain.person_id)
        return Person.from_domain(found) if found else None


@strawberry.type(description="A specialist of the lead unit named by its leader")
class TaskAssignee:
    domain: strawberry.Private[model.TaskAssignee]

    @strawberry.field(description="Lead or coordinating specialist")
    def role(self) -> model.AssigneeRole:
        return self.domain.role

    @strawberry.field(description="The specialist")
    async def person(self, info: Info) -> Person | None:
        found = await ctx_of(info).loaders.person_by_id.load(self.domain.person_id)
        return Person.from_domain(found) if found else None


@strawberry.type(description="One step of the timeline: who, when, from, to, a note")
class TaskEvent:
    domain: strawberry.Private[model.TaskEvent]

    @strawberry.field(
        description="A TaskAction, or CREATE, CORRECT, PROGRESS, ESCALATED_IN, "
        "EXTENSION_GRANTED, EXTENSION_REFUSED, OCCURRENCE_OPENED, OCCURRENCE_PROGRESS, "
        "OCCURRENCE_DONE, OCCURRENCE_REOPENED"
    )
    def action(self) -> str:
        return self.domain.action

    @strawberry.field(description="The task's state before the step; null at creation")
    def from_state(self) -> model.TaskState | None:
        return self.domain.from_state

    @strawberry.field(
        description="The task's state after the step (the same as before for steps that do "
        "not move it: progress, extensions, occurrences)"
    )
    def to_state(self) -> model.TaskState:
        return self.domain.to_state

    @strawberry.field(description="When the step was taken (UTC)")
    def at(self) -> datetime:
        return self.domain.at

    @strawberry.field(description="Who took it; null for the system (the scheduler)")
    def actor(self) -> TaskActor | None:
        return actor(self.domain.actor_account_id, self.domain.actor_person_id)

    @strawberry.field(
        description="Reason or remark; the lead unit's internal notes only for its staff on the "
        "task, its leader and the trackers",
        extensions=[VisibleTo(sees_note)],
    )
    async def note(self) -> str | None:
        return self.domain.note or None


@strawberry.type(description="A progress report on unfinished work, perhaps asking for time")
class ProgressUpdate:
    domain: strawberry.Private[model.ProgressUpdate]

    @strawberry.field(description="Pass it to decideTaskExtension")
    def id(self) -> strawberry.ID:
        return encode_id("ProgressUpdate", self.domain.id)

    @strawberry.field(description="What has been done so far (004 Art. 10.3)")
    def content(self) -> str:
        return self.domain.content

    @strawberry.field(description="When it was reported (UTC)")
    def at(self) -> datetime:
        return self.domain.at

    @strawberry.field(description="Why the work is late; null if not given")
    def delay_reason(self) -> str | None:
        return self.domain.delay_reason

    @strawberry.field(description="What the unit proposes to get it done; null if none")
    def proposals(self) -> str | None:
        return self.domain.proposals

    @strawberry.field(
        description="The new deadline asked for (UTC); null when no extension is asked"
    )
    def extension_until(self) -> datetime | None:
        return self.domain.extension_until

    @strawberry.field(
        description="What was decided on the extension; null while it waits (or none was asked)"
    )
    def extension_decision(self) -> ExtensionDecision | None:
        decision = self.domain.extension_decision
        return ExtensionDecision(decision) if decision else None

    @strawberry.field(description="When the extension was decided (UTC); null until then")
    def decided_at(self) -> datetime | None:
        return self.domain.decided_at

    @strawberry.field(description="Who reported the progress")
    def author(self) -> TaskActor | None:
        return actor(self.domain.author_account_id)


@strawberry.type(description="The result: the draft, its approval, the official reply")
class TaskResponse:
    domain: strawberry.Private[model.TaskResponse]

    @strawberry.field(
        description="Until approved, only for the lead unit's staff on it, its leader and the "
        "trackers",
        extensions=[VisibleTo(sees_response_content)],
    )
    async def content(self) -> str | None:
        return self.domain.content

    @strawberry.field(description="When the last draft was submitted (UTC)")
    def drafted_at(self) -> datetime:
        return self.domain.drafted_at

    @strawberry.field(description="Who submitted the last draft")
    def drafted_by(self) -> TaskActor | None:
        return actor(self.domain.drafted_by)

    @strawberry.field(description="When the unit's leader approved it (UTC); null until then")
    def approved_at(self) -> datetime | None:
        return self.domain.approved_at

    @strawberry.field(description="Who approved it; null until then")
    def approved_by(self) -> TaskActor | None:
        return actor(self.domain.approved_by)

    @strawberry.field(
        description="Number and symbol of the official reply (123/SNV-VP); null until reported"
    )
    def reply_number(self) -> str | None:
        return self.domain.reply_number

    @strawberry.field(description="Local date of the official reply; null until reported")
    def reply_date(self) -> date | None:
        return self.domain.reply_date

    @strawberry.field(description="When the unit recorded its result (UTC); null until then")
    def recorded_at(self) -> datetime | None:
        return self.domain.recorded_at

    @strawberry.field(
        description="True when the result was recorded more than 1 working day after the "
        "reply's date"
    )
    def recorded_late(self) -> bool:
        return self.domain.recorded_late


@strawberry.type(description="Metadata of a file attached to a directive")
class Attachment:
    name: str = strawberry.field(description="The file's name, as attached")
    url: str | None = strawberry.field(description="Where the file can be fetched; null if not")
    mime_type: str | None = strawberry.field(
        description="Its media type (application/pdf...); null if not given"
    )
    size_bytes: int | None = strawberry.field(description="Its size in bytes; null if not given")


def attachments(raw: str) -> list[Attachment]:
    """The attachments stored with a directive."""
    return [
        Attachment(
            name=str(item.get("name", "")),
            url=item.get("url"),
            mime_type=item.get("mimeType"),
            size_bytes=item.get("sizeBytes"),
        )
        for item in json.loads(raw or "[]")
    ]


@strawberry.type(description="A day the province declared off, or a make-up working day")
class CalendarDay:
    date: date = strawberry.field(description="The local date declared")
    kind: DayKind = strawberry.field(description="Day off or working day")
    reason: str = strawberry.field(description="Why, as the admin wrote it")

    @classmethod
    def from_domain(cls, day: DeclaredDay) -> CalendarDay:
        """Build from the domain declaration."""
        return cls(date=day.date, kind=day.kind, reason=day.reason)
