"""Each step's limit on its own clock (001 Art. 6-13, Annex 2)."""

from __future__ import annotations

from datetime import datetime

from domain.calendar import Sla, WorkingCalendar
from domain.reflections.model import ReflectionPriority, SlaStep

TWO_DAYS = Sla.wall_clock_minutes(2 * 24 * 60)

STANDARD: dict[SlaStep, Sla] = {
    SlaStep.INTAKE: Sla.working_hours(1),  # receive, classify, distribute (Art. 6.3)
    SlaStep.COORDINATION: Sla.working_days(1),  # coordinating agency names content (Art. 11.2)
    SlaStep.ACCEPT: Sla.working_minutes(30),  # the handler acknowledges (Art. 7.1a)
    SlaStep.HANDLE: Sla.working_days(6),  # verify and handle (Art. 7.3)
    SlaStep.RETURN: Sla.working_days(1),  # not our competence: back to the IOC (Art. 7.4)
    SlaStep.APPROVE: Sla.working_days(1),  # the leader approves (Art. 8.3)
    SlaStep.PUBLISH: Sla.working_hours(1),  # the IOC checks and publishes (Art. 9.3)
    SlaStep.AGREEMENT: Sla.working_days(1),  # the coordinating agency agrees (Art. 11.4)
    SlaStep.ANSWER: Sla.wall_clock_minutes(24 * 60),  # answer a follow-up in 1 day (Art. 12.2)
    SlaStep.VERIFICATION: TWO_DAYS,  # cancelled when not verified after 2 days (Art. 13.3)
    SlaStep.EDIT: TWO_DAYS,  # cancelled when not edited after 2 days (Art. 13.4)
}

# Art. 10: fire, accident, robbery, public order run on the wall clock.
URGENT: dict[SlaStep, Sla] = {
    **STANDARD,
    SlaStep.INTAKE: Sla.wall_clock_minutes(30),
    SlaStep.ACCEPT: Sla.wall_clock_minutes(30),
    SlaStep.APPROVE: Sla.wall_clock_minutes(60),
}


def sla(step: SlaStep, priority: ReflectionPriority) -> Sla:
    """The limit of `step` in the flow of a report of `priority`."""
    table = URGENT if priority is ReflectionPriority.URGENT else STANDARD
    return table[step]


def due(
    calendar: WorkingCalendar, step: SlaStep, priority: ReflectionPriority, start: datetime
) -> datetime:
    """When `step`, started at `start`, must be done."""
    return sla(step, priority).due(calendar, start)
