"""The urgent flow's calls on the report's record (001 Art. 10.2, 18.1).

Distributing an URGENT report pushes and calls each agency's focal leader and focal handler
(its leaders when it named none) right after the commit (domain.notifications.calls). Who
cannot be called is known at the distribution: a person without a work phone is pushed only,
and an agency with nobody to tell is told nothing. Either goes on the report's timeline as a
CALL_NOT_PLACED entry for that agency (not public; its note, naming the person, is for staff),
so the IOC phones them itself.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from domain.notifications.reflection_rules import agency_people
from domain.reflections.model import Reflection, ReflectionEvent
from domain.reflections.ports import ReflectionUnitOfWork

CALL_NOT_PLACED = "CALL_NOT_PLACED"
NO_PHONE = "Không gọi tự động được cho {names}: chưa có số điện thoại công vụ, chỉ gửi thông báo"
NOBODY = "Không có đầu mối hay lãnh đạo để gọi tự động và thông báo (001 Điều 18.1)"


async def note_unplaced_calls(
    uow: ReflectionUnitOfWork,
    *,
    actor_person_id: int | None,
    reflection: Reflection,
    agencies: Collection[int],
    now: datetime,
) -> int:
    """For an URGENT report just given to `agencies`: one timeline entry per agency where a
    call cannot be placed; how many entries."""
    if not reflection.urgent or not agencies:
        return 0
    units = {u.id: u.path for u in await uow.units.get_many(sorted(set(agencies)))}
    written = 0
    for agency_id, path in sorted(units.items()):
        people = await agency_people(uow, agency_id, path)
        people.discard(actor_person_id or 0)  # the one who acts is never told
        unreachable = []
        for person_id in sorted(people):
            person = await uow.people.get(person_id)
            if person is None or not person.work_phone:
                unreachable.append(person.full_name if person else f"#{person_id}")
        if people and not unreachable:
            continue
        note = NO_PHONE.format(names=", ".join(unreachable)) if unreachable else NOBODY
        await uow.reflections.add_event(
            ReflectionEvent(
                reflection.id,
                CALL_NOT_PLACED,
                reflection.state,
                reflection.state,
                now,
                None,
                agency_unit_id=agency_id,
                note=note,
            )
        )
        written += 1
    return written
