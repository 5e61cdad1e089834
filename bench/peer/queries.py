"""The benchmark's queries: each as govgraph's document and PostGraphile's equivalent, with
the normalisers that turn both answers into the same plain data (ids as database keys)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from bench.directory import SEARCH, TREE
from bench.reflections import PUBLIC, QUEUE
from bench.stats import STATS
from bench.tasks import MY_WORK, TASKS
from domain.reflections.model import ACTIVE_ASSIGNMENT
from domain.tasks.policies import EXTENSION_STATES
from domain.tasks.workflow import WAITING_ON, Actor

Json = dict[str, Any]
Normaliser = Callable[[Json], Any]

PROVINCE, DISTRICT, AGENCY = "UBND-TTH", "UBND-HUE", "SNV"
KINDS = ["DIRECTIVE", "PRESS_INCIDENT", "CITIZEN_QUESTION", "VOTER_PETITION"]
OPEN_CLASSES = ["OPEN_OVERDUE", "OPEN_WITHIN_DEADLINE"]
LEADERS = "condition: {validTo: null}, orderBy: [RANK_DESC, VALID_FROM_ASC, ROW_ID_ASC]"
CHILDREN = 'condition: {status: "ACTIVE"}, orderBy: [LEVEL_CODE_ASC, NAME_ASC, ROW_ID_ASC]'

PEER_TREE = (
    'query Dashboard { orgUnitByCode(code: "' + PROVINCE + '") { ...Card '
    f"children: childOrgUnits({CHILDREN}) {{ nodes {{ ...Card "
    f"children: childOrgUnits({CHILDREN}) {{ nodes {{ ...Card "
    f"children: childOrgUnits({CHILDREN}) {{ nodes {{ ...Card }} }} }} }} }} }} }} }}"
    " fragment Card on OrgUnit { rowId code name levelCode memberCount subtreeMemberCount "
    f"leaders: leadershipsByUnitId({LEADERS}) {{ nodes {{ title rank person {{ fullName }} }} }} }}"
)
UNIT = """
query Unit($code: String!) {
  orgUnit(code: $code) { id code name leaders { title rank person { fullName } } }
}
"""
PEER_UNIT = (
    "query Unit($code: String!) { orgUnitByCode(code: $code) { rowId code name "
    f"leaders: leadershipsByUnitId({LEADERS}) "
    "{ nodes { title rank person { fullName } } } } }"
)
PEER_SEARCH = """
query Search($unit: String!) {
  benchPeerSearchPeople(search: "nguyen van", unitCode: $unit, first: 20) {
    totalCount
    edges { node { rowId fullName position unit { name } } }
  }
}
"""
PEER_MY_WORK = """
query MyWork($unit: String!, $person: Int!, $leader: [String]!, $specialist: [String]!,
             $tracker: [String]!) {
  benchPeerMyWork(leadUnitCode: $unit, personId: $person, leaderStates: $leader,
                  specialistStates: $specialist, trackerStates: $tracker, first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { rowId kind state priority deadline statusClass content leadUnit { name } } }
  }
}
"""
PEER_TASKS = """
query Tasks($unit: String!, $kinds: [String]!, $classes: [String]!, $first: Int!) {
  benchPeerUnitTasks(unitCode: $unit, kinds: $kinds, statusClasses: $classes, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        rowId kind state deadline statusClass content
        leadUnit { name }
        coordinatingUnits: taskUnits(condition: {role: "COORDINATING"}, orderBy: ROW_ID_ASC) {
          nodes { unit { name } }
        }
        assignees: taskAssignees(orderBy: ROW_ID_ASC) { nodes { role person { fullName } } }
        trackers: taskTrackers(orderBy: ROW_ID_ASC) { nodes { role person { fullName } } }
      }
    }
  }
}
"""
PEER_QUEUE = """
query Queue($agency: String!, $states: [String]!, $first: Int!) {
  benchPeerWorkQueue(agencyCode: $agency, states: $states, first: $first) {
    pageInfo { hasNextPage endCursor }
    edges { node { state step dueAt reflection { rowId content state priority stepDue
                                                  agencyPhone communeUnit { name } } } }
  }
}
"""
PEER_PUBLIC = """
query Public($first: Int!) {
  benchPeerPublicReflections(first: $first) {
    pageInfo { hasNextPage endCursor }
    edges { node { rowId content address publishedAt state rating
                   communeUnit { name } category { name } } }
  }
}
"""
PEER_STATS = """
query Stats($unit: String!, $month: Date!) {
  benchPeerMonthStats(unitCode: $unit, month: $month) {
    total doneOnTime doneLate openWithinDeadline openOverdue onTimeRate medianHandlingDays
  }
}
"""


@dataclass(frozen=True)
class Request:
    """A GraphQL document with its variables; `account`: the demo login (govgraph only)."""

    document: str
    variables: Json = field(default_factory=dict)
    account: str | None = None


@dataclass(frozen=True)
class Case:
    """One row of the results: the same question to both servers."""

    name: str
    govgraph: Request
    peer: Request
    same_govgraph: Normaliser
    same_peer: Normaliser
    cached: bool = False  # govgraph with its directory result cache on


@dataclass(frozen=True)
class Facts:
    """Keys of the demo data the queries name (read from the loaded database)."""

    province_id: int
    district_id: int
    agency_id: int
    director_person_id: int
    last_month: date


def pk(global_id: str) -> int:
    """The database key inside a govgraph global id ("Type:123", base64)."""
    return int(base64.b64decode(global_id).decode().split(":", 1)[1])


def gid(type_name: str, key: int) -> str:
    """A govgraph global id."""
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


def instant(value: str | None) -> datetime | None:
    """A DateTime of either side as a UTC instant."""
    return None if value is None else datetime.fromisoformat(value).astimezone(UTC)


def number(value: Any) -> float | None:
    """A number of either side (PostGraphile sends numerics as strings)."""
    return None if value is None else round(float(Decimal(str(value))), 6)


def nodes(connection: Json) -> list[Json]:
    """The rows of a connection, by edges or by nodes."""
    if "edges" in connection:
        return [edge["node"] for edge in connection["edges"]]
    return list(connection["nodes"])


def _leaders(rows: list[Json]) -> list[tuple[str, str, str | None]]:
    return [(r["title"], r["rank"], (r["person"] or {}).get("fullName")) for r in rows]


def _unit(u: Json, *, peer: bool) -> Json:
    children = u.get("children")
    if peer and children is not None:
        children = nodes(children)
    return {
        "id": u["rowId"] if peer else pk(u["id"]),
        "code": u["code"],
        "name": u["name"],
        "level": u.get("levelCode"),
        "members": u.get("memberCount"),
        "subtree": u.get("subtreeMemberCount"),
        "leaders": _leaders(nodes(u["leaders"]) if peer else u["leaders"]),
        "children": None if children is None else [_unit(c, peer=peer) for c in children],
    }


def _person_rows(rows: list[Json]) -> list[tuple[str, str | None]]:
    return [(r["role"], (r["person"] or {}).get("fullName")) for r in rows]


def _task(n: Json, *, peer: bool) -> Json:
    row = {
        "id": n["rowId"] if peer else pk(n["id"]),
        "kind": n["kind"],
        "state": n["state"],
        "priority": n.get("priority"),
        "deadline": instant(n["deadline"]),
        "status": n["statusClass"],
        "content": n["content"],
        "lead": n["leadUnit"]["name"],
    }
    if "coordinatingUnits" in n:
        coordinating = nodes(n["coordinatingUnits"]) if peer else n["coordinatingUnits"]
        row["coordinating"] = [(c["unit"] if peer else c)["name"] for c in coordinating]
        for key in ("assignees", "trackers"):
            row[key] = _person_rows(nodes(n[key]) if peer else n[key])
    return row


def _connection(c: Json, row: Callable[[Json], Json]) -> Json:
    return {
        "total": c.get("totalCount"),
        "more": (c.get("pageInfo") or {}).get("hasNextPage"),
        "rows": [row(n) for n in nodes(c)],
    }


def _queue(c: Json, *, peer: bool) -> Json:
    rows = []
    for edge in c["edges"]:
        part = edge["node"]
        report = part["reflection"] if peer else edge["reflection"]
        rows.append(
            {
                "state": part["state"],
                "step": part["step"],
                "due": instant(part["dueAt"]),
                "report": report["rowId"] if peer else pk(report["id"]),
                "content": report["content"],
                "report_state": report["state"],
                "priority": report["priority"],
                "step_due": instant(report["stepDue"]),
                "phone": report["agencyPhone" if peer else "reporterPhone"],
                "commune": (report["communeUnit" if peer else "commune"] or {}).get("name"),
            }
        )
    return {"more": c["pageInfo"]["hasNextPage"], "rows": rows}


def _public(n: Json, *, peer: bool) -> Json:
    return {
        "id": n["rowId"] if peer else pk(n["id"]),
        "content": n["content"],
        "address": n["address"],
        "published": instant(n["publishedAt"]),
        "state": n["state"],
        "rating": n["rating"],
        "commune": (n["communeUnit" if peer else "commune"] or {}).get("name"),
        "category": (n["category"] or {}).get("name"),
    }


def _person(n: Json, *, peer: bool) -> Json:
    return {
        "id": n["rowId"] if peer else pk(n["id"]),
        "name": n["fullName"],
        "position": n["position"],
        "unit": (n["unit"] or {}).get("name"),
    }


def _figures(f: Json) -> Json:
    keys = ("total", "doneOnTime", "doneLate", "openWithinDeadline", "openOverdue")
    return {
        **{k: f[k] for k in keys},
        "onTimeRate": number(f["onTimeRate"]),
        "medianHandlingDays": number(f["medianHandlingDays"]),
    }


def cases(facts: Facts) -> list[Case]:
    """Every row of the benchmark, in the order printed."""
    month = f"{facts.last_month:%Y-%m}"
    tree = (
        lambda d: _unit(d["orgTree"], peer=False),
        lambda d: _unit(d["orgUnitByCode"], peer=True),
    )
    unit = (
        lambda d: _unit(d["orgUnit"], peer=False),
        lambda d: _unit(d["orgUnitByCode"], peer=True),
    )
    chairman, director = "chairman", "director"
    tree_requests = (Request(TREE, account=chairman), Request(PEER_TREE))
    unit_requests = (
        Request(UNIT, {"code": AGENCY}, chairman),
        Request(PEER_UNIT, {"code": AGENCY}),
    )
    return [
        Case("orgTree (cold)", *tree_requests, *tree),
        Case("orgTree (govgraph cached)", *tree_requests, *tree, cached=True),
        Case(f'orgUnit(code: "{AGENCY}") (cold)', *unit_requests, *unit),
        Case(f'orgUnit(code: "{AGENCY}") (govgraph cached)', *unit_requests, *unit, cached=True),
        Case(
            "myWork(50) director SNV",
            Request(MY_WORK, account=director),
            Request(
                PEER_MY_WORK,
                {
                    "unit": AGENCY,
                    "person": facts.director_person_id,
                    "leader": sorted(WAITING_ON[Actor.UNIT_LEADER]),
                    "specialist": sorted(WAITING_ON[Actor.SPECIALIST]),
                    "tracker": sorted(EXTENSION_STATES),
                },
            ),
            lambda d: _connection(d["myWork"], lambda n: _task(n, peer=False)),
            lambda d: _connection(d["benchPeerMyWork"], lambda n: _task(n, peer=True)),
        ),
        Case(
            f"tasks({DISTRICT} subtree, open, 50)",
            Request(TASKS, {"unit": gid("OrgUnit", facts.district_id), "first": 50}, chairman),
            Request(
                PEER_TASKS,
                {"unit": DISTRICT, "kinds": KINDS, "classes": OPEN_CLASSES, "first": 50},
            ),
            lambda d: _connection(d["tasks"], lambda n: _task(n, peer=False)),
            lambda d: _connection(d["benchPeerUnitTasks"], lambda n: _task(n, peer=True)),
        ),
        Case(
            f"reflectionWorkQueue({AGENCY}, 50)",
            Request(QUEUE, {"agency": gid("OrgUnit", facts.agency_id), "first": 50}, director),
            Request(
                PEER_QUEUE,
                {"agency": AGENCY, "states": sorted(ACTIVE_ASSIGNMENT), "first": 50},
            ),
            lambda d: _queue(d["reflectionWorkQueue"], peer=False),
            lambda d: _queue(d["benchPeerWorkQueue"], peer=True),
        ),
        Case(
            "publicReflections(50)",
            Request(PUBLIC, {"first": 50}),
            Request(PEER_PUBLIC, {"first": 50}),
            lambda d: _connection(d["publicReflections"], lambda n: _public(n, peer=False)),
            lambda d: _connection(d["benchPeerPublicReflections"], lambda n: _public(n, peer=True)),
        ),
        Case(
            'people("nguyen van", subtree, 20)',
            Request(SEARCH, {"unit": gid("OrgUnit", facts.province_id)}, chairman),
            Request(PEER_SEARCH, {"unit": PROVINCE}),
            lambda d: _connection(d["people"], lambda n: _person(n, peer=False)),
            lambda d: _connection(d["benchPeerSearchPeople"], lambda n: _person(n, peer=True)),
        ),
        Case(
            f"taskStats(province, {month})",
            Request(STATS, {"unit": gid("OrgUnit", facts.province_id), "period": month}, chairman),
            Request(PEER_STATS, {"unit": PROVINCE, "month": facts.last_month.isoformat()}),
            lambda d: _figures(d["taskStats"]),
            lambda d: _figures(d["benchPeerMonthStats"]),
        ),
    ]


def last_month(today: date) -> date:
    """The first day of the month before `today`'s."""
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)
