"""What the province's portal feeds into the chain: the daily press digest (000 Annex IV)
and citizen questions (000 Annex V)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class PressDigest:
    """One working day's digest of press items about the province, shared to every unit."""

    office_unit_id: int
    digest_date: date
    due_at: datetime
    published_at: datetime
    published_by: int | None
    published_late: bool = False
    version: int = 1
    id: int = field(init=False)


@dataclass
class PressItem:
    """A press item of a digest; forwarded, it becomes a PRESS_INCIDENT task."""

    digest_id: int
    headline: str
    outlet: str
    summary: str
    url: str | None = None
    article_date: date | None = None
    task_id: int | None = None
    forwarded_at: datetime | None = None
    forwarded_by: int | None = None
    version: int = 1
    id: int = field(init=False)


@dataclass
class CitizenQuestion:
    """A question from the public portal; forwarded as a CITIZEN_QUESTION task, its answer
    is published once the office confirms it (the asker's personal data never is)."""

    office_unit_id: int
    title: str
    question: str
    asker_name: str
    submitted_at: datetime
    intake_at: datetime
    forward_due: datetime
    created_at: datetime
    created_by: int | None
    asker_email: str | None = None
    asker_phone: str | None = None
    asker_address: str | None = None
    search_text: str = ""
    task_id: int | None = None
    forwarded_at: datetime | None = None
    forwarded_late: bool = False
    answer: str | None = None
    answered_unit_id: int | None = None
    published_at: datetime | None = None
    version: int = 1
    id: int = field(init=False)
