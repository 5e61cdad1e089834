"""The field reports on the real database: round trips, versions, two leaders approving at
once (exactly one wins), automatic cancellation, duplicate candidates, focal persons."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any, cast

import pytest

from domain.accounts.model import Role
from domain.errors import DomainError, ErrorCode
from domain.permissions import Grant, Principal, PrincipalKind
from domain.reflections import duplicates, interaction, transitions
from domain.reflections.commands import (
    ActOnReflection,
    SetAgencyFocals,
    SubmitReflection,
)
from domain.reflections.model import AssignmentState, CancelReason, ReflectionState
from domain.reflections.ports import ReflectionUnitOfWork
from domain.reflections.transitions import Step
from domain.reflections.workflow import Action
from govgraph.container import Container
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world
from tests.api.test_reflections_queries import RESULT, _principals
from tests.callers import caller
from tests.factories import Api


def ruow(uow: Any) -> ReflectionUnitOfWork:
    return cast(ReflectionUnitOfWork, uow)


@pytest.fixture
async def world(container: Container) -> ReflectionWorld:
    return await build_reflection_world(container, Api(cast(Any, None)))  # no HTTP here


async def _submitted(container: Container, world: ReflectionWorld, phone: str) -> int:
    from domain.reflections import intake
    from domain.reflections.intake import NewReflection
    from domain.reflections.model import Channel
    from tests.api.reflection_factories import PHU_HOI

    ioc, _, _ = _principals(world)
    now = container.clock.now()
    async with container.uow() as uow:
        report = (
            await intake.submit(
                ruow(uow),
                caller(ioc, now, await container.calendars.get()),
                SubmitReflection(
                    new=NewReflection(
                        channel=Channel.HOTLINE,
                        content="Cây xanh gãy cành đè lên dây điện trước trường học",
                        occurred_at=now - timedelta(hours=1),
                        latitude=PHU_HOI[0],
                        longitude=PHU_HOI[1],
                        address="5 Lê Lợi",
                        reporter_name="Người dân",
                        reporter_phone=phone,
                        reporter_email="dan@example.vn",
                        category_id=world.categories["LIGHTING"],
                    )
                ),
            )
        ).reflection
        await uow.commit()
        return report.id


async def _act(
    container: Container, actor: Principal, reflection_id: int, action: Action, **kw: Any
) -> int:
    async with container.uow() as uow:
        report = await transitions.act(
            ruow(uow),
            caller(actor, container.clock.now(), await container.calendars.get()),
            ActOnReflection(
                reflection_id=reflection_id,
                version=kw.pop("version", None),
                step=Step(action, **kw),
            ),
        )
        await uow.commit()
        return report.version


async def test_two_leaders_approving_at_once_exactly_one_wins(
    container: Container, world: ReflectionWorld
) -> None:
    ioc, handler, _ = _principals(world)
    units = world.made.units
    leaders = [
        Principal(
            kind=PrincipalKind.STAFF,
            account_id=world.made.accounts[key],
            person_id=world.made.people[key],
            unit_id=units["SNV"],
            grants=(Grant(Role.LEADER, f"/{units['PROV']}/{units['SNV']}/", False),),
        )
        for key in ("an", "khanh")
    ]
    rid = await _submitted(container, world, "0905 111 222")
    await _act(container, ioc, rid, Action.DISTRIBUTE)
    await _act(container, handler, rid, Action.ACCEPT)
    version = await _act(container, handler, rid, Action.SUBMIT_RESULT, result=RESULT)

    async def approve(leader: Principal, text: str | None) -> None:
        await _act(container, leader, rid, Action.APPROVE, version=version, result=text)

    results = await asyncio.gather(
        approve(leaders[0], None), approve(leaders[1], RESULT + " (đã sửa)"), return_exceptions=True
    )
    refused = [r for r in results if isinstance(r, DomainError)]
    assert [r for r in results if r is not None and not isinstance(r, DomainError)] == []
    assert len(refused) == 1
    assert refused[0].code is ErrorCode.STALE_VERSION
    async with container.uow() as uow:
        report = await ruow(uow).reflections.get(rid)
        assert report is not None
        assert report.state is ReflectionState.HANDLED
        assert report.version == version + 1
        [part] = await ruow(uow).reflections.assignments_of(rid)
        assert part.state is AssignmentState.APPROVED
        events = [e.action for e in await _events(container, rid)]
        assert events.count("APPROVE") == 1


async def _events(container: Container, rid: int) -> list[Any]:
    from persistence.reflection_reading import SqlReflectionReader

    async with container.sessions() as session:
        return await SqlReflectionReader(session).events_of([rid])


async def test_automatic_cancellation_on_the_database(
    container: Container, world: ReflectionWorld
) -> None:
    ioc, _, _ = _principals(world)
    stale = await _submitted(container, world, "0905 000 001")
    fresh = await _submitted(container, world, "0905 000 002")
    await _act(container, ioc, stale, Action.REQUEST_VERIFICATION, note="Gọi lại xác minh")
    await _act(container, ioc, fresh, Action.REQUEST_EDIT, note="Bổ sung ảnh")
    later = container.clock.now() + timedelta(days=1)
    async with container.uow() as uow:
        assert await interaction.cancel_overdue(uow=ruow(uow), now=later) == []
    later = container.clock.now() + timedelta(days=2, minutes=1)
    async with container.uow() as uow:
        done = await interaction.cancel_overdue(uow=ruow(uow), now=later)
        await uow.commit()
    assert sorted(done) == sorted([stale, fresh])
    async with container.uow() as uow:
        report = await ruow(uow).reflections.get(stale)
        assert report is not None
        assert report.cancel_reason is CancelReason.VERIFICATION_FAILED
    [*_, last] = await _events(container, stale)
    assert (last.action, last.actor_account_id, last.breached) == ("CANCEL", None, False)


async def test_duplicates_and_focals_on_the_database(
    container: Container, world: ReflectionWorld
) -> None:
    ioc, _, _ = _principals(world)
    first = await _submitted(container, world, "0905 111 222")
    again = await _submitted(container, world, "0905 111 222")
    async with container.uow() as uow:
        found = await duplicates.likely_duplicates(
            uow=ruow(uow), actor=ioc, reflection_id=again, now=container.clock.now()
        )
        assert [d.reflection.id for d in found] == [first]
        admin = Principal(
            kind=PrincipalKind.STAFF,
            account_id=1,
            grants=(Grant(Role.ADMIN, f"/{world.made.units['PROV']}/", True),),
        )
        for leader in ("an", "khanh"):  # saved twice: one row per agency
            await interaction.set_focals(
                ruow(uow),
                caller(admin, container.clock.now()),
                SetAgencyFocals(
                    agency_id=world.made.units["SNV"],
                    leader_person_id=world.made.people[leader],
                    handler_person_id=world.made.people["giang"],
                ),
            )
        await uow.commit()
    async with container.uow() as uow:
        focal = await ruow(uow).reflections.focal(world.made.units["SNV"])
        assert focal is not None
        assert focal.leader_person_id == world.made.people["khanh"]
