"""Demo applicant accounts (002 Art. 10): a few hundred citizens, businesses and
organisations in every status, the account office's queue with requests on time and late,
and one documented citizen who signs in (docs/demo-accounts.md).

Hashing is argon2id and slow on purpose, so the documented citizen's password is hashed
once and every other demo applicant shares one hash of a random secret: they exist, they do
not sign in."""

from __future__ import annotations

import random
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.accounts.config import AuthConfig
from domain.applicants.model import ApplicantStatus, RequestKind, RequestStatus
from domain.applicants.workflow import due
from domain.calendar import WorkingCalendar
from domain.text import fold
from govgraph.demo import data
from persistence import applicant_tables as at
from persistence import tables as t

Row = dict[str, Any]
SEED = 20_170_101  # the regulation took effect
S = ApplicantStatus
STATUSES = (
    (S.ACTIVE, 200),
    (S.PENDING_APPROVAL, 30),
    (S.UNVERIFIED, 20),
    (S.SUSPENDED, 15),
    (S.CANCELLED, 10),
    (S.REFUSED, 10),
)
BUSINESSES = ("Hương Giang", "Sông Hương", "Ngự Bình", "Thuận Hóa", "Kinh Thành", "Vỹ Dạ")


@dataclass(frozen=True)
class DemoCitizen:
    """The documented applicant: signs in, has an ACTIVE account."""

    login: str = "congdan.demo@example.vn"
    password: str = "DichVuCong#Hue2026"  # noqa: S105 - documented, demo only
    full_name: str = "Lê Thị Thu Hà"
    identity_number: str = "046189012345"
    address: str = "28 Nguyễn Huệ, phường Vĩnh Ninh, thành phố Huế"
    phone: str = "0905 246 810"


DEMO_CITIZEN = DemoCitizen()


def _identity(rng: random.Random, born: date, female: bool) -> str:
    """A citizen identity number of Thừa Thiên Huế (046), century and sex digit, year."""
    sex = (2 if born.year >= 2000 else 0) + (1 if female else 0)
    return f"046{sex}{born.year % 100:02d}{rng.randint(0, 999_999):06d}"


async def load_demo_applicants(
    conn: AsyncConnection,
    *,
    now: datetime,
    auth: AuthConfig,
    calendar: WorkingCalendar,
    office_account_id: int | None,
) -> int:
    """Insert the applicants, their accounts and requests; how many applicants."""
    rng = random.Random(SEED)  # noqa: S311 - deterministic demo data
    tables = (t.accounts, at.applicants, at.applicant_requests)
    ids = {table.name: await _next(conn, table) for table in tables}
    rows: dict[str, list[Row]] = {table.name: [] for table in tables}

    def add(table: Table, row: Row) -> Row:
        row["id"] = ids[table.name]
        ids[table.name] += 1
        rows[table.name].append(row)
        return row

    documented = auth.hasher.hash(DEMO_CITIZEN.password)
    unusable = auth.hasher.hash(secrets.token_urlsafe(24))
    logins: set[str] = set()
    plan = [status for status, n in STATUSES for _ in range(n)]
    rng.shuffle(plan)
    for n, status in enumerate(plan):
        kind = "CITIZEN" if n % 10 < 8 else ("BUSINESS" if n % 10 == 8 else "ORGANISATION")
        female = rng.random() < 0.5
        family = rng.choices([f for f, _ in data.FAMILY_NAMES], [w for _, w in data.FAMILY_NAMES])[
            0
        ]
        middle = rng.choice(data.MIDDLE_FEMALE if female else data.MIDDLE_MALE)
        given = rng.choice(data.GIVEN_FEMALE if female else data.GIVEN_MALE)
        person = f"{family} {middle} {given}"
        born = date(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28))
        district = rng.choice(data.DISTRICTS)
        prefix, commune = rng.choice(district.communes)
        place = f"{prefix} {commune}, {district.prefix} {district.name}"
        address = f"{rng.randint(1, 220)} {rng.choice(data.STREETS)}, {place}"
        base = re.sub(r"[^a-z]", "", fold(given)) + "".join(
            fold(w)[0] for w in f"{family} {middle}".split()
        )
        login, k = f"{base}@example.vn", 2
        while login in logins:
            login, k = f"{base}{k}@example.vn", k + 1
        logins.add(login)
        name, identity, representative = person, _identity(rng, born, female), None
        if kind != "CITIZEN":
            label = "Công ty TNHH" if kind == "BUSINESS" else "Hợp tác xã"
            name = f"{label} {rng.choice(BUSINESSES)} {n}"
            identity, representative = f"3300{rng.randint(100_000, 999_999)}", person
        registered = now - timedelta(
            days=rng.randint(0, 6) if status is S.UNVERIFIED else rng.randint(8, 700),
            minutes=rng.randint(0, 1440),
        )
        signs_in = status in (S.PENDING_APPROVAL, S.ACTIVE, S.SUSPENDED)
        account = add(t.accounts, _account(login, unusable, registered, disabled=not signs_in))
        verified = (
            None if status is S.UNVERIFIED else registered + timedelta(minutes=rng.randint(2, 600))
        )
        if status is S.PENDING_APPROVAL:  # waiting: some within the day, some late
            verified = now - timedelta(hours=rng.randint(1, 60))
        applicant = add(
            at.applicants,
            {
                "account_id": account["id"],
                "kind": kind,
                "status": status,
                "full_name": name,
                "search_name": fold(name),
                "identity_number": identity,
                "address": address,
                "email": login,
                "phone": f"09{rng.randint(0, 99_999_999):08d}",
                "verify_channel": "EMAIL" if rng.random() < 0.7 else "SMS",
                "registered_at": registered,
                "date_of_birth": born if kind == "CITIZEN" else None,
                "representative": representative,
                "code_hash": None,
                "code_sent_at": registered,
                "code_attempts": 0,
                "verified_at": verified,
                "approved_at": None,
                "status_changed_at": verified or registered,
                "version": 1,
            },
        )
        if verified is not None:
            _requests(add, rng, applicant, status, verified, now, calendar, office_account_id)
    _citizen(add, documented, now, calendar, office_account_id)
    for table in tables:
        await conn.execute(table.insert(), rows[table.name])
        if conn.dialect.name == "postgresql":
            await conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                    f"GREATEST((SELECT max(id) FROM {table.name}), 1))"
                )
            )
    return len(rows["applicants"])


def _account(login: str, password_hash: str, at_: datetime, *, disabled: bool) -> Row:
    return {
        "login": login,
        "kind": "CITIZEN",
        "password_hash": password_hash,
        "person_id": None,
        "unit_id": None,
        "must_change_password": False,
        "failed_logins": 0,
        "locked_until": None,
        "disabled": disabled,
        "created_at": at_,
        "password_changed_at": at_,
        "version": 1,
    }


def _requests(  # noqa: PLR0917 - one call site
    add: Any,
    rng: random.Random,
    applicant: Row,
    status: ApplicantStatus,
    verified: datetime,
    now: datetime,
    calendar: WorkingCalendar,
    office: int | None,
) -> None:
    """The registration request, decided (or open), then the later requests its status
    implies (a suspension, a cancellation; an open edit or reactivation for some)."""
    at_ = verified

    def request(
        kind: RequestKind, state: RequestStatus, note: str | None = None
    ) -> datetime | None:
        nonlocal at_
        decided = None
        if state is not RequestStatus.OPEN:
            decided = min(at_ + timedelta(hours=rng.choice((2, 5, 20, 26, 30, 50))), now)
        add(
            at.applicant_requests,
            {
                "applicant_id": applicant["id"],
                "kind": kind,
                "status": state,
                "submitted_at": at_,
                "due_at": due(calendar, at_),
                "reason": None,
                "changes": None,
                "decided_at": decided,
                "decided_by": office if decided else None,
                "note": note,
                "version": 1 if state is RequestStatus.OPEN else 2,
            },
        )
        if decided is not None:
            at_ = decided + timedelta(days=rng.randint(1, 60))
        return decided

    if status is S.PENDING_APPROVAL:
        request(RequestKind.REGISTRATION, RequestStatus.OPEN)
        return
    if status is S.REFUSED:
        request(RequestKind.REGISTRATION, RequestStatus.REFUSED, "Thông tin định danh không khớp")
        return
    applicant["approved_at"] = request(RequestKind.REGISTRATION, RequestStatus.APPROVED)
    if status in (S.SUSPENDED, S.CANCELLED):
        request(RequestKind.SUSPEND, RequestStatus.APPROVED)
    if status is S.CANCELLED:
        request(RequestKind.CANCEL, RequestStatus.APPROVED)
    if at_ < now and rng.random() < 0.1:  # some wait for the office now
        at_ = now - timedelta(hours=rng.randint(1, 40))
        kind = RequestKind.REACTIVATE if status is S.SUSPENDED else RequestKind.EDIT
        if status is not S.CANCELLED:
            request(kind, RequestStatus.OPEN)


def _citizen(
    add: Any, password_hash: str, now: datetime, calendar: WorkingCalendar, office: int | None
) -> None:
    """The documented citizen: active since a month, one approved registration."""
    c = DEMO_CITIZEN
    since = now - timedelta(days=30)
    account = add(t.accounts, _account(c.login, password_hash, since, disabled=False))
    account["password_changed_at"] = now
    applicant = add(
        at.applicants,
        {
            "account_id": account["id"],
            "kind": "CITIZEN",
            "status": S.ACTIVE,
            "full_name": c.full_name,
            "search_name": fold(c.full_name),
            "identity_number": c.identity_number,
            "address": c.address,
            "email": c.login,
            "phone": c.phone,
            "verify_channel": "EMAIL",
            "registered_at": since,
            "date_of_birth": date(1989, 4, 2),
            "representative": None,
            "code_hash": None,
            "code_sent_at": since,
            "code_attempts": 0,
            "verified_at": since + timedelta(minutes=5),
            "approved_at": since + timedelta(hours=3),
            "status_changed_at": since + timedelta(hours=3),
            "version": 1,
        },
    )
    verified = since + timedelta(minutes=5)
    add(
        at.applicant_requests,
        {
            "applicant_id": applicant["id"],
            "kind": RequestKind.REGISTRATION,
            "status": RequestStatus.APPROVED,
            "submitted_at": verified,
            "due_at": due(calendar, verified),
            "reason": None,
            "changes": None,
            "decided_at": since + timedelta(hours=3),
            "decided_by": office,
            "note": None,
            "version": 2,
        },
    )


async def _next(conn: AsyncConnection, table: Table) -> int:
    found = (await conn.execute(select(func.max(table.c.id)))).scalar_one()
    return int(found or 0) + 1
