"""Who hears of a dossier: the desk of a new one, the leader of a received one, the specialist
given it (inboxes, in the step's transaction); deadline warnings and overdue notices to whoever
holds it (the scheduler's jobs, once, none while the clock is stopped); the applicant by email
and SMS, the SMS never carrying guidance, names or results."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from domain.clock import FixedClock
from domain.notifications.channels import Channel, Message
from govgraph.container import Container
from govgraph.scheduler import dossier_channel_jobs
from govgraph.scheduler_jobs import dossier_jobs
from persistence.notification_tables import notification_events, notifications
from tests.api.dossier_factories import Desk, build_desk
from tests.api.test_dossiers_flow import GUIDE, HOA, STEP, act, as_applicant, submit
from tests.api.test_reporter_messages import record
from tests.factories import Api, Province, gid


@pytest.fixture
async def desk(api: Api, container: Container, province: Province) -> Desk:
    return await build_desk(api, container, province)


async def inbox(container: Container, person: int) -> list[tuple[str, str, str | None]]:
    n, e = notifications.c, notification_events.c
    async with container.engine.connect() as conn:
        rows = await conn.execute(
            select(n.kind, n.subject_type, e.threshold)
            .join(notification_events, e.id == n.event_id)
            .where(n.person_id == person)
            .order_by(n.id)
        )
        return [(r.kind, r.subject_type, r.threshold) for r in rows]


async def run_jobs(container: Container, now: Any) -> int:
    return sum([await job.run(now) for job in dossier_jobs(container)])


async def test_steps_tell_the_desk_the_leader_and_the_specialist(
    api: Api, container: Container, desk: Desk
) -> None:
    await as_applicant(api)
    dossier = (await submit(api, desk))["dossier"]
    assert await inbox(container, desk.persons["desk"]) == [("NEW_ASSIGNMENT", "DOSSIER", None)]
    await act(api, desk, "desk", STEP["accept"], dossier)
    assert await inbox(container, desk.persons["leader"]) == [("NEW_ASSIGNMENT", "DOSSIER", None)]
    await act(
        api, desk, "leader", "assignDossier(id: $id, version: $version, specialistId: $s)",
        dossier, ", $s: ID!", s=gid("Person", desk.persons["spec"]),
    )  # fmt: skip
    assert await inbox(container, desk.persons["spec"]) == [("NEW_ASSIGNMENT", "DOSSIER", None)]
    assert await inbox(container, desk.persons["spec2"]) == []
    # the staff's inbox, as GraphQL shows it: the title names the dossier and procedure only
    await api.login(desk.logins["spec"])
    found = await api.data(
        "{ notifications { edges { node { subjectType subjectId summary { title } } } } }"
    )
    [edge] = found["notifications"]["edges"]
    assert edge["node"]["subjectType"] == "DOSSIER"
    assert edge["node"]["subjectId"] == dossier["id"]
    assert edge["node"]["summary"]["title"].startswith("Hồ sơ #")
    assert "Hoa" not in edge["node"]["summary"]["title"]


async def test_warnings_and_overdue_go_to_the_holder_once(
    api: Api, container: Container, desk: Desk, clock: FixedClock
) -> None:
    await as_applicant(api)
    dossier = (await submit(api, desk))["dossier"]  # Friday 10:00, reception due 11:00
    desk_person = desk.persons["desk"]
    assert await run_jobs(container, clock.now()) == 1  # within 2 working hours: warned now
    assert await run_jobs(container, clock.now()) == 0  # once
    clock.instant += timedelta(hours=1, minutes=1)
    assert await run_jobs(container, clock.now()) == 1  # overdue
    assert await run_jobs(container, clock.now()) == 0
    assert await inbox(container, desk_person) == [
        ("NEW_ASSIGNMENT", "DOSSIER", None),
        ("DEADLINE_WARNING", "DOSSIER", "2_WORKING_HOURS"),
        ("OVERDUE", "DOSSIER", "DUE"),
    ]
    # received, assigned, then a supplement asked: the stopped clock warns nobody
    await act(api, desk, "desk", STEP["accept"], dossier)
    await act(
        api, desk, "leader", "assignDossier(id: $id, version: $version, specialistId: $s)",
        dossier, ", $s: ID!", s=gid("Person", desk.persons["spec"]),
    )  # fmt: skip
    await act(
        api, desk, "spec", "requestDossierSupplement(id: $id, version: $version, guidance: $g)",
        dossier, ", $g: String!", g=GUIDE,
    )  # fmt: skip
    clock.instant += timedelta(days=10)
    assert await run_jobs(container, clock.now()) == 0
    assert [k for k, _, _ in await inbox(container, desk.persons["spec"])] == ["NEW_ASSIGNMENT"]


async def test_the_applicant_hears_by_email_and_a_neutral_sms(
    api: Api, container: Container, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[Message] = record(monkeypatch, container)
    await as_applicant(api, HOA)
    dossier = (await submit(api, desk))["dossier"]
    await act(
        api, desk, "desk", "refuseDossier(id: $id, version: $version, guidance: $g)",
        dossier, ", $g: String!", g=GUIDE,
    )  # fmt: skip
    [job] = dossier_channel_jobs(container)
    assert await job.run(container.clock.now()) == 2
    by = {(m.channel, m.subject) for m in sent}
    code = dossier["trackingCode"]
    assert (Channel.EMAIL, f"Hồ sơ {code}: đã được gửi") in by
    assert (Channel.SMS, f"Hồ sơ {code}: chưa đầy đủ, đề nghị bổ sung") in by
    emails = [m for m in sent if m.channel is Channel.EMAIL]
    smses = [m for m in sent if m.channel is Channel.SMS]
    assert {m.to for m in emails} == {"hoa.nguyen@example.vn"}
    assert GUIDE in emails[-1].body
    for sms in smses:
        assert GUIDE not in sms.body
        assert "Hoa" not in sms.body
        assert "Nguyễn" not in sms.body
    assert await job.run(container.clock.now()) == 0  # delivered once
