"""Email over a real SMTP conversation (aiosmtpd, failing the first tries): a reporter's
result is tried again with back-off until the server takes it, exactly once, with its
idempotency key as Message-ID; the SMS that went out on the first try is not sent again;
inbox rows that keep failing become dead letters and are left alone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from email.message import Message as Email
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from domain.notifications.channels import Channel, Message
from govgraph.container import Container
from govgraph.metrics import REGISTRY
from govgraph.notifiers import idempotency_key, notifiers_from_settings
from govgraph.scheduler import channel_jobs, reporter_channel_jobs
from persistence.notification_tables import notifications as nt
from persistence.reporter_message_tables import reporter_messages as rm
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world
from tests.api.test_reflections_flow import RESULT, publish_one
from tests.factories import Api
from tests.realtime import free_port
from tests.unit.test_notification_channels import NOW

REPORTER = "dan@example.vn"


class FlakyMailbox:
    """An SMTP server's handler that refuses the first `failures` messages with a 451."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.tries = 0
        self.received: list[Email] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.tries += 1
        if self.tries <= self.failures:
            return "451 4.3.0 Try again later"
        self.received.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def mailbox(request: pytest.FixtureRequest) -> Iterator[tuple[FlakyMailbox, int]]:
    handler = FlakyMailbox(getattr(request, "param", 2))
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


def smtp(container: Container, port: int, **more: Any) -> None:
    container.settings = container.settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_starttls": False,
            "smtp_from": "phananh@hue.gov.vn",
            "channel_retry_base_seconds": 30.0,
            **more,
        }
    )
    container.channels.update(notifiers_from_settings(container.settings))  # the senders too


async def reporter_row(container: Container) -> Any:
    async with container.sessions() as session:
        return (await session.execute(select(rm))).one()


async def test_a_reporters_result_is_retried_until_the_server_takes_it_once(
    world: ReflectionWorld, container: Container, mailbox: tuple[FlakyMailbox, int]
) -> None:
    handler, port = mailbox
    smtp(container, port)
    await publish_one(world)
    [job] = reporter_channel_jobs(container)
    assert await job.run(NOW) == 1  # refused (451): not marked sent
    first = await reporter_row(container)
    assert (first.attempts, first.sent_channels, first.dispatched_at) == (1, "SMS", None)
    assert first.next_try_at == NOW + timedelta(seconds=30)
    assert await job.run(NOW + timedelta(seconds=10)) == 0  # not due yet
    assert handler.tries == 1
    assert await job.run(NOW + timedelta(seconds=30)) == 1  # refused again
    assert await job.run(NOW + timedelta(seconds=90)) == 1  # taken
    assert handler.tries == 3
    [email] = handler.received
    assert email["To"] == REPORTER
    assert RESULT in email.get_payload(decode=True).decode()
    done = await reporter_row(container)
    assert (done.attempts, done.sent_channels, done.dead_at) == (3, "EMAIL,SMS", None)
    assert done.dispatched_at == NOW + timedelta(seconds=90)
    identity = Message(Channel.EMAIL, REPORTER, "", "", reporter_message_id=done.id)
    key = idempotency_key(container.settings, identity)
    assert email["Message-ID"] == f"<{key}@hue.gov.vn>"
    assert email["X-Idempotency-Key"] == key
    assert await job.run(NOW + timedelta(days=1)) == 0
    assert len(handler.received) == 1


@pytest.mark.parametrize("mailbox", [1000], indirect=True)
async def test_rows_that_keep_failing_become_dead_letters(
    world: ReflectionWorld, container: Container, mailbox: tuple[FlakyMailbox, int]
) -> None:
    handler, port = mailbox
    smtp(container, port, channel_max_attempts=2)
    await publish_one(world)  # the agencies' focal persons are told by email too
    dead = {"source": "notification"}
    dead_before = REGISTRY.get_sample_value("govgraph_channel_dead_total", dead) or 0
    [job] = channel_jobs(container)
    assert await job.run(NOW) > 0
    async with container.sessions() as session:
        owed = (await session.execute(select(nt).where(nt.c.dispatched_at.is_(None)))).all()
    assert owed  # the ones with an email address
    assert all((r.attempts, r.sent_channels) == (1, "PUSH") for r in owed)
    assert await job.run(NOW + timedelta(seconds=30)) == len(owed)  # the last try
    tried = handler.tries
    assert tried == 2 * len(owed)
    assert await job.run(NOW + timedelta(days=1)) == 0  # dead: never tried again
    assert handler.tries == tried
    async with container.sessions() as session:
        found = (await session.execute(select(nt).where(nt.c.dead_at.is_not(None)))).all()
    assert sorted(r.id for r in found) == sorted(r.id for r in owed)
    assert all(r.attempts == 2 and r.dispatched_at is not None for r in found)
    assert all(r.sent_channels == "PUSH" for r in found)  # push went out on the first try only
    dead_after = REGISTRY.get_sample_value("govgraph_channel_dead_total", dead) or 0
    assert dead_after - dead_before == len(owed)
