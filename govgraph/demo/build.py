"""Generate the demo province as table rows, in memory, deterministically (seeded random).

The rows keep the invariants the use cases maintain (domain/org/services.py,
domain/org/transfers.py, domain/people/services.py): materialized path and depth, one
placement per unit, member_count equal to the open memberships, leaders who are members,
search_name = fold(full_name), birth_month_day = "MM-DD".
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from domain.accounts.model import AccountKind
from domain.directory.model import ArticleKind, CommitteeRole
from domain.org.fields import UnitInfo
from domain.org.model import LeaderRank, LineageKind, UnitKind, UnitStatus, child_path
from domain.people.fields import PersonInfo
from domain.people.model import Gender, MembershipEnd, PersonStatus
from domain.text import fold
from govgraph.demo import data
from govgraph.demo.accounts import DEMO_ACCOUNTS, DemoAccount, Holder

Row = dict[str, Any]

SEED = 20_260_101
TODAY = date(2026, 1, 1)
"""Every generated date lies before this day (memberships, appointments, history)."""

# Insertion order (foreign keys first).
TABLES = (
    "org_units",
    "unit_placements",
    "unit_lineage",
    "unit_events",
    "persons",
    "memberships",
    "leaderships",
    "committees",
    "committee_members",
    "committee_documents",
    "articles",
    "accounts",
    "role_grants",
)


@dataclass
class DemoData:
    """Rows per table (explicit ids) and the accounts with the ids they were given."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: {name: [] for name in TABLES})
    accounts: list[tuple[DemoAccount, Row]] = field(default_factory=list)


@cache
def _folded(text: str) -> str:
    return fold(text)


def _at(day: date) -> datetime:
    """Midnight in Huế (UTC+7) of a day, as an aware UTC instant."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(hours=7)


def _abbreviation(name: str) -> str:
    """Initials of a unit name for codes: "Phòng Công chức, viên chức" -> "PCCVC"."""
    words = re.findall(r"[a-z0-9]+", fold(name))
    return "".join(w if w.isdigit() else w[0] for w in words).upper()


def _slug(name: str) -> str:
    """An ASCII code part: "Phú Hội" -> "PHUHOI"."""
    return re.sub(r"[^a-z0-9]", "", fold(name)).upper()


def _leader_titles(office: str) -> tuple[str, str]:
    """(head title, deputy title) of an office from the first word of its name."""
    for prefix, head, deputy in (
        ("Văn phòng", "Chánh Văn phòng", "Phó Chánh Văn phòng"),
        ("Thanh tra", "Chánh Thanh tra", "Phó Chánh Thanh tra"),
        ("Chi cục", "Chi cục trưởng", "Phó Chi cục trưởng"),
        ("Ban", "Trưởng ban", "Phó Trưởng ban"),
        ("Trung tâm", "Giám đốc Trung tâm", "Phó Giám đốc Trung tâm"),
        ("Xí nghiệp", "Giám đốc Xí nghiệp", "Phó Giám đốc Xí nghiệp"),
    ):
        if office.startswith(prefix):
            return head, deputy
    return "Trưởng phòng", "Phó Trưởng phòng"


class _Builder:
    """Accumulates rows; every random draw goes through one seeded generator."""

    def __init__(self, scale: int, bases: dict[str, int]) -> None:
        self.rng = random.Random(SEED)  # noqa: S311 - deterministic demo data, not security
        self.scale = scale
        self.out = DemoData()
        self.next_id = {name: bases.get(name, 1) for name in TABLES}
        self.units: dict[str, Row] = {}
        self.members: dict[int, list[Row]] = defaultdict(list)  # current members per unit id
        self.leaders: dict[int, list[Row]] = defaultdict(list)  # current leaders per unit id
        self.emails: set[str] = set()
        self.codes: set[str] = set()
        self.history_units: list[Row] = []  # units a person may have worked in before
        self.servant_seq = 0
        self.family_names = [name for name, _ in data.FAMILY_NAMES]
        self.family_weights = [weight for _, weight in data.FAMILY_NAMES]

    # --- rows -------------------------------------------------------------------------------

    def _add(self, table: str, row: Row) -> Row:
        row["id"] = self.next_id[table]
        self.next_id[table] += 1
        self.out.rows[table].append(row)
        return row

    def _unique_code(self, code: str) -> str:
        candidate, n = code[:40], 2
        while candidate in self.codes:
            suffix = f"-{n}"
            candidate, n = code[: 40 - len(suffix)] + suffix, n + 1
        self.codes.add(candidate)
        return candidate

    def phone(self) -> str:
        return f"0234 3{self.rng.randint(500, 999)} {self.rng.randint(100, 999)}"

    def unit(
        self,
        *,
        code: str,
        name: str,
        level: str,
        kind: UnitKind,
        parent: Row | None,
        valid_from: date,
        email: str | None = None,
        **info: str | None,
    ) -> Row:
        """A unit with its path, depth, placement and creation event."""
        if parent is not None:
            valid_from = max(valid_from, parent["valid_from"])
        cleaned = UnitInfo(name=name, email=email, phone=self.phone(), **info).cleaned()
        row = self._add(
            "org_units",
            {
                "code": self._unique_code(code),
                "name": cleaned.pop("name"),
                "level_code": level,
                "kind": kind,
                "parent_id": parent["id"] if parent else None,
                "depth": parent["depth"] + 1 if parent else 0,
                "short_name": None,
                "address": None,
                "phone": None,
                "fax": None,
                "email": None,
                "website": None,
                "introduction": None,
                "functions": None,
                "duties": None,
                "status": UnitStatus.ACTIVE,
                "valid_from": valid_from,
                "valid_to": None,
                "member_count": 0,
                "version": 1,
            },
        )
        row.update(cleaned)
        row["path"] = child_path(parent["path"] if parent else "", row["id"])
        self._add(
            "unit_placements",
            {
                "unit_id": row["id"],
                "parent_id": row["parent_id"],
                "valid_from": valid_from,
                "valid_to": None,
            },
        )
        self._event(row, "CREATED", valid_from)
        self.units[row["code"]] = row
        self.history_units.append(row)
        return row

    def _event(self, unit: Row, action: str, day: date, note: str = "") -> None:
        self._add(
            "unit_events",
            {
                "unit_id": unit["id"],
                "action": action,
                "at": _at(day),
                "actor_account_id": None,
                "note": note,
            },
        )

    # --- people -----------------------------------------------------------------------------

    def _name(self, gender: Gender) -> tuple[str, str, str]:
        """(family, middle, given)."""
        family = self.rng.choices(self.family_names, self.family_weights)[0]
        middles: tuple[str, ...] = data.MIDDLE_MALE
        givens: tuple[str, ...] = data.GIVEN_MALE
        if gender is Gender.FEMALE:
            family = "Tôn Nữ" if family == "Tôn Thất" else family
            middles, givens = data.MIDDLE_FEMALE, data.GIVEN_FEMALE
        middle, given = self.rng.choice(middles), self.rng.choice(givens)
        while given == middle:  # "Phạm Đức Đức" is not a name
            given = self.rng.choice(givens)
        return family, middle, given

    def _email(self, family: str, middle: str, given: str, domain: str) -> str:
        initials = "".join(_folded(word)[0] for word in f"{family} {middle}".split())
        base = re.sub(r"[^a-z]", "", _folded(given)) + initials
        candidate, n = f"{base}@{domain}", 2
        while candidate in self.emails:
            candidate, n = f"{base}{n}@{domain}", n + 1
        self.emails.add(candidate)
        return candidate

    def _day_between(self, start: date, end: date) -> date:
        if end <= start:
            return start
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def _home_address(self) -> str:
        district = self.rng.choice(data.DISTRICTS)
        prefix, commune = self.rng.choice(district.communes)
        place = f"{prefix} {commune}, {district.prefix} {district.name}"
        if district.code == "HUE":
            return f"{self.rng.randint(1, 220)} {self.rng.choice(data.STREETS)}, {place}"
        return f"Tổ {self.rng.randint(1, 12)}, {place}"

    def person(
        self,
        unit: Row,
        position: str,
        *,
        senior: bool = False,
        duties: str | None = None,
        domain: str = data.MAIL_DOMAIN,
        civil_servant: bool = True,
        start_on: date | None = None,
    ) -> Row:
        """A current member of `unit`, sometimes with an earlier membership elsewhere."""
        rng = self.rng
        gender = Gender.MALE if rng.random() < (0.75 if senior else 0.5) else Gender.FEMALE
        if "Phụ nữ" in position:
            gender = Gender.FEMALE
        family, middle, given = self._name(gender)
        full_name = f"{family} {middle} {given}"
        born = self._day_between(
            date(1966, 1, 1), date(1982, 12, 31) if senior else date(2002, 12, 31)
        )
        hired = date(born.year + rng.randint(22, 27), rng.randint(1, 12), 1)
        start = max(hired, unit["valid_from"])
        if rng.random() < 0.6:  # most people came from elsewhere or the unit is younger
            start = self._day_between(start, max(start, TODAY - timedelta(days=200)))
        if start_on is not None:
            start = hired = start_on
        self.servant_seq += 1
        info = PersonInfo(
            full_name=full_name,
            gender=gender,
            date_of_birth=born,
            home_address=self._home_address(),
            work_phone=self.phone(),
            personal_phone=(
                f"0{rng.choice(('905', '914', '935', '983', '988', '979', '966', '901', '943'))} "
                f"{rng.randint(100, 999)} {rng.randint(100, 999)}"
            ),
            email=self._email(family, middle, given, domain),
            civil_servant_code=f"46.{self.servant_seq:06d}" if civil_servant else None,
            position=position,
            duties=duties,
        ).cleaned(TODAY)
        row = self._add(
            "persons",
            {
                "full_name": info["full_name"],
                "search_name": info["search_name"],
                "gender": gender,
                "unit_id": unit["id"],
                "position": info["position"],
                "duties": info.get("duties"),
                "date_of_birth": born,
                "birth_month_day": info["birth_month_day"],
                "home_address": info["home_address"],
                "work_phone": info["work_phone"],
                "personal_phone": info["personal_phone"],
                "fax": None,
                "email": info["email"],
                "civil_servant_code": info.get("civil_servant_code"),
                "id_photo_url": None,
                "status": PersonStatus.ACTIVE,
                "version": 1,
            },
        )
        if start - hired > timedelta(days=3 * 365) and rng.random() < 0.3:
            for _ in range(5):  # an earlier post in a unit that existed when they were hired
                earlier = rng.choice(self.history_units)
                if earlier["valid_from"] <= hired and earlier is not unit:
                    self._membership(
                        row,
                        unit=earlier,
                        start=hired,
                        end=start,
                        reason=MembershipEnd.TRANSFERRED,
                        position=rng.choice(data.STAFF_POSITIONS),
                    )
                    break
        self._membership(row, unit=unit, start=start, end=None, reason=None, position=position)
        unit["member_count"] += 1
        self.members[unit["id"]].append(row)
        return row

    def _membership(
        self,
        person: Row,
        *,
        unit: Row,
        start: date,
        end: date | None,
        reason: MembershipEnd | None,
        position: str | None,
    ) -> Row:
        return self._add(
            "memberships",
            {
                "person_id": person["id"],
                "unit_id": unit["id"],
                "position": position,
                "duties": None,
                "valid_from": start,
                "valid_to": end,
                "end_reason": reason,
            },
        )

    def membership_start(self, person: Row) -> date:
        for row in reversed(self.out.rows["memberships"]):
            if row["person_id"] == person["id"] and row["valid_to"] is None:
                start: date = row["valid_from"]
                return start
        raise LookupError(person["id"])

    def leader(
        self, unit: Row, title: str, rank: LeaderRank, *, domain: str, civil_servant: bool = True
    ) -> Row:
        """A new member of the unit appointed head or deputy."""
        duties = (
            "Phụ trách chung; chỉ đạo công tác tổ chức cán bộ, tài chính"
            if rank is LeaderRank.HEAD
            else "Giúp người đứng đầu phụ trách một số lĩnh vực được phân công"
        )
        person = self.person(
            unit, title, senior=True, duties=duties, domain=domain, civil_servant=civil_servant
        )
        since = self._day_between(
            max(self.membership_start(person), unit["valid_from"]), TODAY - timedelta(days=30)
        )
        lead = self._add(
            "leaderships",
            {
                "unit_id": unit["id"],
                "person_id": person["id"],
                "title": title,
                "rank": rank,
                "valid_from": since,
                "valid_to": None,
            },
        )
        self.leaders[unit["id"]].append(lead)
        return person

    def staff_unit(
        self,
        unit: Row,
        head: str,
        deputy: str,
        *,
        deputies: int,
        staff: int,
        positions: tuple[str, ...] = data.STAFF_POSITIONS,
        domain: str = data.MAIL_DOMAIN,
        civil_servant: bool = True,
    ) -> None:
        """Leaders first, then staff."""
        self.leader(unit, head, LeaderRank.HEAD, domain=domain, civil_servant=civil_servant)
        for _ in range(deputies):
            self.leader(unit, deputy, LeaderRank.DEPUTY, domain=domain, civil_servant=civil_servant)
        pool = list(positions)
        for _ in range(staff):
            if not pool:
                pool = list(positions)
            position = pool.pop(self.rng.randrange(len(pool)))
            self.person(unit, position, domain=domain, civil_servant=civil_servant)


def build_demo(*, scale: int = 1, bases: dict[str, int] | None = None) -> DemoData:
    """The whole province's rows; ids start at `bases[table]` (1 by default)."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    b = _Builder(scale, bases or {})
    province = b.unit(
        code=data.PROVINCE_CODE,
        name=data.PROVINCE_NAME,
        level="PROVINCE",
        kind=UnitKind.GOVERNMENT,
        parent=None,
        valid_from=date(1989, 7, 1),
        short_name="UBND tỉnh Thừa Thiên Huế",
        address="16 Lê Lợi, thành phố Huế, tỉnh Thừa Thiên Huế",
        fax="0234 3824 806",
        email=f"ubnd@{data.MAIL_DOMAIN}",
        website=f"https://{data.MAIL_DOMAIN}",
        introduction="Cơ quan hành chính nhà nước ở địa phương, chấp hành nghị quyết của "
        "Hội đồng nhân dân tỉnh.",
        functions="Tổ chức thi hành Hiến pháp, pháp luật; quản lý nhà nước trên địa bàn tỉnh.",
    )
    b.staff_unit(province, "Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh", deputies=2, staff=0)
    for agency in (data.PROVINCIAL_OFFICE, data.IOC, *data.DEPARTMENTS, *data.OTHER_AGENCIES):
        _agency(b, province, agency)
    for copy in range(1, scale + 1):
        for district in data.DISTRICTS:
            _district(b, province, district, copy)
    _committees(b, province)
    _articles(b)
    _accounts(b)
    _subtree_counts(b.out)
    return b.out


def _subtree_counts(out: DemoData) -> None:
    """Roll current members up the tree, as the counter maintained on write does."""
    units = out.rows["org_units"]
    by_id = {u["id"]: u for u in units}
    for unit in units:
        unit["subtree_member_count"] = 0
    for unit in units:
        if unit["status"] is not UnitStatus.ACTIVE or not unit["member_count"]:
            continue
        for part in unit["path"].strip("/").split("/"):
            by_id[int(part)]["subtree_member_count"] += unit["member_count"]


def _agency(b: _Builder, province: Row, agency: data.Agency) -> None:
    slug = agency.code.replace("-", "").lower()
    civil = agency.kind in (UnitKind.GOVERNMENT, UnitKind.IOC)
    level = "DEPARTMENT"
    unit = b.unit(
        code=agency.code,
        name=agency.name,
        level=level,
        kind=agency.kind,
        parent=province,
        valid_from=agency.founded,
        short_name=agency.short_name,
        address=f"{agency.street}, thành phố Huế",
        fax=b.phone(),
        email=f"{slug}@{data.MAIL_DOMAIN}",
        website=f"https://{slug}.{data.MAIL_DOMAIN}",
        introduction=f"{agency.name} trực thuộc hệ thống chính quyền tỉnh Thừa Thiên Huế.",
        functions=f"Tham mưu, giúp UBND tỉnh trong lĩnh vực do {agency.short_name} phụ trách.",
    )
    b.staff_unit(
        unit,
        agency.head,
        agency.deputy,
        deputies=b.rng.randint(1, 2),
        staff=b.rng.randint(1, 3) * b.scale,
        civil_servant=civil,
    )
    for office in agency.offices:
        abbr = _abbreviation(office)
        child = b.unit(
            code=f"{agency.code}-{abbr}",
            name=office,
            level="OFFICE",
            kind=agency.kind,
            parent=unit,
            valid_from=agency.founded,
            address=unit["address"],
            email=f"{abbr.lower()}.{slug}@{data.MAIL_DOMAIN}",
        )
        head, deputy = _leader_titles(office)
        b.staff_unit(
            child,
            head,
            deputy,
            deputies=b.rng.randint(1, 2),
            staff=b.rng.randint(3, 9) * b.scale,
            civil_servant=civil,
        )


def _district(b: _Builder, province: Row, district: data.District, copy: int) -> None:
    suffix = "" if copy == 1 else f"-{copy}"
    label = "" if copy == 1 else f" (mô phỏng {copy})"
    place = f"{district.prefix} {district.name}"
    mail = district.mail if copy == 1 else f"{copy}.{district.mail}"
    unit = b.unit(
        code=f"UBND-{district.code}{suffix}",
        name=f"Ủy ban nhân dân {place}{label}",
        level="DISTRICT",
        kind=UnitKind.GOVERNMENT,
        parent=province,
        valid_from=district.founded,
        short_name=f"UBND {place}{label}"[:80],
        address=f"{district.street}, {place}",
        fax=b.phone(),
        email=f"ubnd@{mail}",
        website=f"https://{mail}",
        introduction=f"Cơ quan hành chính nhà nước cấp huyện của {place}.",
    )
    b.staff_unit(
        unit,
        f"Chủ tịch UBND {district.prefix}",
        f"Phó Chủ tịch UBND {district.prefix}",
        deputies=2,
        staff=b.rng.randint(0, 2),
        domain=mail,
    )
    offices = list(data.DISTRICT_OFFICES_COMMON)
    offices += list(data.DISTRICT_OFFICES_RURAL) if district.rural else [data.DISTRICT_OFFICE_URBAN]
    if district.code in data.ETHNIC_DISTRICTS:
        offices.append(data.DISTRICT_OFFICE_ETHNIC)
    for office in offices[:9]:
        abbr = _abbreviation(office)
        child = b.unit(
            code=f"{district.code}{suffix}-{abbr}",
            name=office,
            level="OFFICE",
            kind=UnitKind.GOVERNMENT,
            parent=unit,
            valid_from=district.founded,
            address=unit["address"],
            email=f"{abbr.lower()}@{mail}",
        )
        head, deputy = _leader_titles(office)
        b.staff_unit(
            child,
            head,
            deputy,
            deputies=b.rng.randint(1, 2),
            staff=b.rng.randint(2, 6),
            domain=mail,
        )
    merges = {m[2]: m for m in data.MERGES if m[0] == district.code} if copy == 1 else {}
    for prefix, name in district.communes:
        merge = merges.get(name)
        founded = merge[3] if merge else date(1989, 7, 1)
        commune = _commune(b, unit, district, prefix, name, founded, suffix, label, mail)
        if merge:
            _merged_predecessors(b, unit, district, prefix, merge, commune)


def _commune(  # noqa: PLR0917 - one call site per role of a commune
    b: _Builder,
    district_unit: Row,
    district: data.District,
    prefix: str,
    name: str,
    founded: date,
    suffix: str,
    label: str,
    mail: str,
    *,
    staff: bool = True,
) -> Row:
    place = f"{prefix} {name}"
    unit = b.unit(
        code=f"{district.code}-{_slug(name)}{suffix}",
        name=f"Ủy ban nhân dân {place}{label}",
        level="COMMUNE",
        kind=UnitKind.GOVERNMENT,
        parent=district_unit,
        valid_from=founded,
        short_name=f"UBND {place}{label}"[:80],
        address=f"Trụ sở UBND {place}, {district.prefix} {district.name}",
        email=f"{_slug(name).lower()}@{mail}",
    )
    if staff:
        b.staff_unit(
            unit,
            f"Chủ tịch UBND {prefix}",
            f"Phó Chủ tịch UBND {prefix}",
            deputies=b.rng.randint(1, 2),
            staff=b.rng.randint(8, 11),
            positions=data.COMMUNE_POSITIONS,
            domain=mail,
        )
    return unit


def _merged_predecessors(  # noqa: PLR0917
    b: _Builder,
    district_unit: Row,
    district: data.District,
    prefix: str,
    merge: tuple[str, tuple[str, ...], str, date],
    successor: Row,
) -> None:
    """Communes merged into `successor`: closed units whose staff moved on the merge date."""
    _district_code, sources, _into, effective = merge
    for name in sources:
        old = _commune(
            b,
            district_unit,
            district,
            prefix,
            name,
            date(1989, 7, 1),
            "",
            "",
            district.mail,
            staff=False,
        )
        b.history_units.remove(old)
        since = b._day_between(date(2012, 1, 1), date(2019, 12, 31))
        title = f"Chủ tịch UBND {prefix}"
        chair = b.person(old, title, senior=True, domain=district.mail, start_on=since)
        b._add(
            "leaderships",
            {
                "unit_id": old["id"],
                "person_id": chair["id"],
                "title": title,
                "rank": LeaderRank.HEAD,
                "valid_from": since,
                "valid_to": effective,
            },
        )
        for person in list(b.members[old["id"]]):
            for row in b.out.rows["memberships"]:
                if row["person_id"] == person["id"] and row["valid_to"] is None:
                    row["valid_to"], row["end_reason"] = effective, MembershipEnd.UNIT_CLOSED
            old["member_count"] -= 1
            person["unit_id"] = successor["id"]
            person["position"] = "Công chức Văn phòng - Thống kê"
            b._membership(
                person,
                unit=successor,
                start=effective,
                end=None,
                reason=None,
                position=person["position"],
            )
            successor["member_count"] += 1
            b.members[successor["id"]].append(person)
        b.members[old["id"]] = []
        old["status"], old["valid_to"] = UnitStatus.MERGED, effective
        for placement in b.out.rows["unit_placements"]:
            if placement["unit_id"] == old["id"]:
                placement["valid_to"] = effective
        b._event(old, UnitStatus.MERGED.value, effective, f"into {successor['code']}")
        b._add(
            "unit_lineage",
            {
                "predecessor_id": old["id"],
                "successor_id": successor["id"],
                "kind": LineageKind.MERGED_INTO,
                "effective_date": effective,
            },
        )
    # A retired specialist, to show inactive people.
    retired = b.person(successor, "Chuyên viên", senior=True, domain=district.mail)
    for row in b.out.rows["memberships"]:
        if row["person_id"] == retired["id"] and row["valid_to"] is None:
            row["valid_to"], row["end_reason"] = TODAY - timedelta(days=90), MembershipEnd.RETIRED
            row["valid_from"] = min(row["valid_from"], row["valid_to"])
    retired["unit_id"], retired["status"] = None, PersonStatus.RETIRED
    successor["member_count"] -= 1
    b.members[successor["id"]].remove(retired)


def _head(b: _Builder, code: str) -> Row:
    unit = b.units[code]
    lead = next(x for x in b.leaders[unit["id"]] if x["rank"] is LeaderRank.HEAD)
    return next(p for p in b.members[unit["id"]] if p["id"] == lead["person_id"])


def _first_staff(b: _Builder, code: str) -> Row:
    unit = b.units[code]
    leading = {x["person_id"] for x in b.leaders[unit["id"]]}
    return next(p for p in b.members[unit["id"]] if p["id"] not in leading)


def _committees(b: _Builder, province: Row) -> None:
    deputies = [
        p for p in b.members[province["id"]] if p["id"] != _head(b, data.PROVINCE_CODE)["id"]
    ]
    departments = [d.code for d in data.DEPARTMENTS]
    for name, standing, established, functions, documents in data.COMMITTEES:
        committee = b._add(
            "committees",
            {
                "name": name,
                "search_name": fold(name),
                "functions": functions,
                "standing_unit_id": b.units[standing]["id"],
                "established_on": established,
                "dissolved_on": None,
                "version": 1,
            },
        )
        seats: list[tuple[Row, CommitteeRole, str | None]] = [
            (_head(b, data.PROVINCE_CODE), CommitteeRole.HEAD, "Trưởng ban, chỉ đạo chung"),
            (b.rng.choice(deputies), CommitteeRole.DEPUTY_HEAD, "Phó Trưởng ban thường trực"),
            (_head(b, standing), CommitteeRole.STANDING_MEMBER, "Cơ quan thường trực"),
        ]
        others = [c for c in departments if c != standing]
        for code in b.rng.sample(others, 5):
            seats.append((_head(b, code), CommitteeRole.MEMBER, None))
        seats.append((_first_staff(b, standing), CommitteeRole.SECRETARY, "Thư ký Ban"))
        seen: set[int] = set()
        for person, role, duties in seats:
            if person["id"] in seen:
                continue
            seen.add(person["id"])
            b._add(
                "committee_members",
                {
                    "committee_id": committee["id"],
                    "person_id": person["id"],
                    "role": role,
                    "duties": duties,
                },
            )
        for title, number, issued in documents:
            b._add(
                "committee_documents",
                {
                    "committee_id": committee["id"],
                    "title": title,
                    "number": number,
                    "issued_on": issued,
                    "url": f"https://{data.MAIL_DOMAIN}/van-ban/{_slug(number).lower()}",
                },
            )


def _articles(b: _Builder) -> None:
    for (code, _rank), kind, title, body, (year, month, day) in data.ARTICLES:
        author = _head(b, code)
        b._add(
            "articles",
            {
                "author_id": author["id"],
                "unit_id": author["unit_id"],
                "kind": ArticleKind(kind),
                "title": title,
                "body": body,
                "published_at": datetime(year, month, day, 2, 30, tzinfo=UTC),
            },
        )


def _accounts(b: _Builder) -> None:
    """Account rows without hash or timestamps (the loader adds them) and their grants."""
    for spec in DEMO_ACCOUNTS:
        unit = b.units[spec.unit_code]
        person: Row | None = None
        if spec.holder is Holder.HEAD:
            person = _head(b, spec.unit_code)
        elif spec.holder is Holder.STAFF:
            person = _first_staff(b, spec.unit_code)
        assert (person is None) == (spec.kind is not AccountKind.PERSONAL), spec.key
        row = b._add(
            "accounts",
            {
                "login": spec.login,
                "kind": spec.kind,
                "person_id": person["id"] if person else None,
                "unit_id": unit["id"],
                "must_change_password": spec.must_change_password,
                "failed_logins": 0,
                "locked_until": None,
                "disabled": False,
                "version": 1,
            },
        )
        b.out.accounts.append((spec, row))
        for role, on, subtree in spec.roles:
            b._add(
                "role_grants",
                {
                    "account_id": row["id"],
                    "role": role,
                    "unit_id": b.units[on]["id"],
                    "include_subtree": subtree,
                    "granted_by": None,
                },
            )
