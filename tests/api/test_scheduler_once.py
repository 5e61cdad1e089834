"""The scheduler on the real database: many schedulers at once raise each warning once;
after downtime they catch up without duplicates; a moved deadline arms the warnings again."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from domain.clock import FixedClock
from domain.notifications.channels import Channel, Message
from domain.tasks.workflow import Action
from govgraph.container import Container
from govgraph.scheduler import build_scheduler, channel_jobs, deadline_jobs
from persistence.notification_tables import notification_events, notifications
from tests.api.task_factories import TaskWorld, build_task_world, iso
from tests.factories import Api


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


async def counts(container: Container, kind: str) -> tuple[int, int]:
    """(events, inbox rows) of a kind."""
    async with container.sessions() as session:
        events = await session.scalar(
            select(func.count()).where(notification_events.c.kind == kind)
        )
        rows = await session.scalar(select(func.count()).where(notifications.c.kind == kind))
    return int(events or 0), int(rows or 0)


async def sent_tasks(world: TaskWorld, n: int, due_in: timedelta) -> list[str]:
    ids = []
    for i in range(n):
        task = await world.new_task(
            content=f"Việc gấp {i}", deadline=iso(world.clock.now() + due_in)
        )
        await world.advance(task["id"], [Action.SEND])
        ids.append(task["id"])
    return ids


async def test_four_schedulers_at_once_raise_each_warning_once(
    world: TaskWorld, container: Container
) -> None:
    await sent_tasks(world, 5, timedelta(hours=1))
    schedulers = [build_scheduler(container) for _ in range(4)]
    await asyncio.gather(*(s.run_once() for s in schedulers))
    await asyncio.gather(*(s.run_once() for s in schedulers))
    # 5 tasks, each warned once at 2 working hours; told to SNV's two leaders
    assert await counts(container, "DEADLINE_WARNING") == (5, 10)


async def test_after_downtime_the_next_run_catches_up_once(
    world: TaskWorld, container: Container, clock: FixedClock
) -> None:
    await sent_tasks(world, 2, timedelta(hours=1))
    await sent_tasks(world, 1, timedelta(days=20))
    clock.instant += timedelta(days=2)  # the scheduler was down; the deadlines passed
    jobs = deadline_jobs(container)
    for _ in range(2):
        for job in jobs:
            await job.run(clock.now())
    assert await counts(container, "OVERDUE") == (2, 6)  # two leaders and the creator
    assert await counts(container, "DEADLINE_WARNING") == (0, 0)  # too late to warn


async def test_a_moved_deadline_arms_the_warnings_again(
    world: TaskWorld, container: Container, clock: FixedClock
) -> None:
    [task_id] = await sent_tasks(world, 1, timedelta(hours=1))
    jobs = deadline_jobs(container)
    for job in jobs:
        await job.run(clock.now())
    assert (await counts(container, "DEADLINE_WARNING"))[0] == 1
    async with container.uow() as uow:
        from strawberry.relay import GlobalID

        task = await uow.tasks.get(int(GlobalID.from_id(task_id).node_id))
        assert task is not None
        task.deadline = clock.now() + timedelta(minutes=90)
        await uow.commit()
    for job in jobs:
        await job.run(clock.now())
    assert (await counts(container, "DEADLINE_WARNING"))[0] == 2


async def test_four_schedulers_hand_each_inbox_row_to_the_channels_once(
    world: TaskWorld, container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[tuple[str, int]] = []

    class Recorder:
        def __init__(self, channel: Channel) -> None:
            self.channel = channel

        async def send(self, message: Message) -> None:
            await asyncio.sleep(0.01)  # a gateway takes a moment: others run meanwhile
            sent.append((message.channel.value, message.notification_id))

    for channel in Channel:
        monkeypatch.setitem(container.channels, channel, Recorder(channel))
    await sent_tasks(world, 5, timedelta(hours=1))
    schedulers = [build_scheduler(container) for _ in range(4)]
    for _ in range(2):
        done = await asyncio.gather(*(s.run_once() for s in schedulers))
        assert all(v >= 0 for d in done for v in d.values()), done
    async with container.sessions() as session:
        rows = int(await session.scalar(select(func.count()).select_from(notifications)) or 0)
        left = await session.scalar(
            select(func.count()).where(notifications.c.dispatched_at.is_(None))
        )
    pushed = [n for channel, n in sent if channel == "PUSH"]
    assert rows > 0
    assert left == 0
    assert sorted(pushed) == sorted(set(pushed))  # nobody is pushed the same row twice
    assert len(pushed) == rows


async def test_a_backlog_drains_in_one_round(
    world: TaskWorld, container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    await sent_tasks(world, 5, timedelta(hours=1))
    await build_scheduler(container).run_once()  # NEW_ASSIGNMENT and warnings: a backlog
    async with container.sessions() as session:
        await session.execute(notifications.update().values(dispatched_at=None))
        await session.commit()
    [job] = channel_jobs(container)
    monkeypatch.setattr(job, "batch", 3)  # more rows than one batch
    handed = await job.run(world.clock.now())
    async with container.sessions() as session:
        rows = int(await session.scalar(select(func.count()).select_from(notifications)) or 0)
    assert rows > 3
    assert handed == rows
