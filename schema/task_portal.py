"""The daily press digest, citizen questions and published answers."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import strawberry
from strawberry.types import Info

from domain.tasks import portal_model
from resolvers.tasks import portal, queries
from schema.common import ctx_of, encode_id
from schema.descriptions import VERSION_FIELD
from schema.org import OrgUnit
from schema.tasks import Task


async def _unit(info: Info, unit_id: int | None) -> OrgUnit | None:
    unit = await ctx_of(info).loaders.unit_by_id.load(unit_id) if unit_id else None
    return OrgUnit.from_domain(unit) if unit else None


async def _task(info: Info, task_id: int | None) -> Task | None:
    if task_id is None:
        return None
    [found] = await queries.visible_tasks(ctx_of(info), [task_id])
    return Task.from_domain(found) if found else None


@strawberry.type(description="A press item about the province; forwarded, a PRESS_INCIDENT task")
class PressItem:
    domain: strawberry.Private[portal_model.PressItem]

    @strawberry.field(description="Pass it to forwardPressItem")
    def id(self) -> strawberry.ID:
        return encode_id("PressItem", self.domain.id)

    @strawberry.field(description="The article's headline, as published")
    def headline(self) -> str:
        return self.domain.headline

    @strawberry.field(description="The newspaper or site")
    def outlet(self) -> str:
        return self.domain.outlet

    @strawberry.field(description="What the article says, summed up by the portal's editors")
    def summary(self) -> str:
        return self.domain.summary

    @strawberry.field(description="The article's address; null if not online")
    def url(self) -> str | None:
        return self.domain.url

    @strawberry.field(description="Local date the article appeared; null if not recorded")
    def article_date(self) -> date | None:
        return self.domain.article_date

    @strawberry.field(description="True once forwarded to units as a task")
    def forwarded(self) -> bool:
        return self.domain.task_id is not None

    @strawberry.field(description="When it was forwarded (UTC); null until then")
    def forwarded_at(self) -> datetime | None:
        return self.domain.forwarded_at

    @strawberry.field(description="The task it became (null when the caller may not see it)")
    async def task(self, info: Info) -> Task | None:
        return await _task(info, self.domain.task_id)

    @strawberry.field(description=VERSION_FIELD)
    def version(self) -> int:
        return self.domain.version


@strawberry.type(
    description="One working day's digest of press items about the province, posted by 11:00 "
    "and shared to every unit"
)
class PressDigest:
    domain: strawberry.Private[portal_model.PressDigest]

    @strawberry.field(description="Global id of the digest")
    def id(self) -> strawberry.ID:
        return encode_id("PressDigest", self.domain.id)

    @strawberry.field(name="date", description="The local working day it covers")
    def digest_date(self) -> date:
        return self.domain.digest_date

    @strawberry.field(description="When it was due: 11:00 of its day, province time (in UTC)")
    def due_at(self) -> datetime:
        return self.domain.due_at

    @strawberry.field(description="When it was first posted (UTC)")
    def published_at(self) -> datetime:
        return self.domain.published_at

    @strawberry.field(description="True when it was posted after 11:00")
    def published_late(self) -> bool:
        return self.domain.published_late

    @strawberry.field(description="The office whose editors post it")
    async def office_unit(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.domain.office_unit_id)

    @strawberry.field(description="Its press items, in the order they were posted")
    async def items(self, info: Info) -> list[PressItem]:
        found = await portal.press_items(ctx_of(info), self.domain)
        return [PressItem(domain=i) for i in found]

    @strawberry.field(description=VERSION_FIELD + " (when adding items to it)")
    def version(self) -> int:
        return self.domain.version


@strawberry.type(
    description="A question from the public portal, with the asker's personal data (the "
    "office that takes it in and its overseers only)"
)
class CitizenQuestion:
    domain: strawberry.Private[portal_model.CitizenQuestion]

    @strawberry.field(description="Pass it to forwardCitizenQuestion")
    def id(self) -> strawberry.ID:
        return encode_id("CitizenQuestion", self.domain.id)

    @strawberry.field(description="The question's title, as the asker wrote it")
    def title(self) -> str:
        return self.domain.title

    @strawberry.field(description="The question itself")
    def question(self) -> str:
        return self.domain.question

    @strawberry.field(description="The asker's name (personal data)")
    def asker_name(self) -> str:
        return self.domain.asker_name

    @strawberry.field(description="The asker's email (personal data); null if not given")
    def asker_email(self) -> str | None:
        return self.domain.asker_email

    @strawberry.field(description="The asker's phone (personal data); null if not given")
    def asker_phone(self) -> str | None:
        return self.domain.asker_phone

    @strawberry.field(description="The asker's address (personal data); null if not given")
    def asker_address(self) -> str | None:
        return self.domain.asker_address

    @strawberry.field(description="When the asker sent it on the portal (UTC)")
    def submitted_at(self) -> datetime:
        return self.domain.submitted_at

    @strawberry.field(
        description="The intake batch that took it in (10:00 or 16:00 province time, in UTC)"
    )
    def intake_at(self) -> datetime:
        return self.domain.intake_at

    @strawberry.field(
        description="When the office's leader must have forwarded its batch (07:30 or 14:00 of "
        "the next working session, in UTC)"
    )
    def forward_due(self) -> datetime:
        return self.domain.forward_due

    @strawberry.field(description="When it was forwarded as a task (UTC); null until then")
    def forwarded_at(self) -> datetime | None:
        return self.domain.forwarded_at

    @strawberry.field(description="True when it was forwarded after forwardDue")
    def forwarded_late(self) -> bool:
        return self.domain.forwarded_late

    @strawberry.field(description="The task it became (null when the caller may not see it)")
    async def task(self, info: Info) -> Task | None:
        return await _task(info, self.domain.task_id)

    @strawberry.field(
        description="When the answer was published (UTC): once the office confirmed the task; "
        "null until then"
    )
    def published_at(self) -> datetime | None:
        return self.domain.published_at

    @strawberry.field(description="The confirmed answer; null until confirmed")
    def answer(self) -> str | None:
        return self.domain.answer

    @strawberry.field(description=VERSION_FIELD)
    def version(self) -> int:
        return self.domain.version


@strawberry.type(
    description="A published answer to a citizen question: public, without the asker's "
    "name or contact data"
)
class PublishedAnswer:
    domain: strawberry.Private[portal_model.CitizenQuestion]

    @strawberry.field(description="Global id of the published answer")
    def id(self) -> strawberry.ID:
        return encode_id("PublishedAnswer", self.domain.id)

    @strawberry.field(description="The question's title")
    def title(self) -> str:
        return self.domain.title

    @strawberry.field(description="The question as asked")
    def question(self) -> str:
        return self.domain.question

    @strawberry.field(description="The local date it was asked")
    def asked_on(self, info: Info) -> date:
        return self.domain.submitted_at.astimezone(ZoneInfo(ctx_of(info).time_zone)).date()

    @strawberry.field(description="The answer the office confirmed")
    def answer(self) -> str:
        return self.domain.answer or ""

    @strawberry.field(description="When it was published (UTC)")
    def published_at(self) -> datetime | None:
        return self.domain.published_at

    @strawberry.field(description="The unit that answered")
    async def answered_by(self, info: Info) -> OrgUnit | None:
        return await _unit(info, self.domain.answered_unit_id)
