"""The benchmark's queries: each as govgraph's document and PostGraphile's equivalent, with
the normalisers that turn both answers into the same plain data (ids as database keys)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from bench.directory import SEARCH, TREE
from bench.peer.normalise import Json, connection, figures, gid, person, public, queue, task, unit
from bench.reflections import PUBLIC, QUEUE
from bench.stats import STATS
from bench.tasks import MY_WORK, TASKS
from domain.reflections.model import ACTIVE_ASSIGNMENT
from domain.tasks.policies import EXTENSION_STATES
from domain.tasks.workflow import WAITING_ON, Actor

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


def cases(facts: Facts) -> list[Case]:
    """Every row of the benchmark, in the order printed."""
    month = f"{facts.last_month:%Y-%m}"
    tree = (
        lambda d: unit(d["orgTree"], peer=False),
        lambda d: unit(d["orgUnitByCode"], peer=True),
    )
    one_unit = (
        lambda d: unit(d["orgUnit"], peer=False),
        lambda d: unit(d["orgUnitByCode"], peer=True),
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
        Case(f'orgUnit(code: "{AGENCY}") (cold)', *unit_requests, *one_unit),
        Case(
            f'orgUnit(code: "{AGENCY}") (govgraph cached)', *unit_requests, *one_unit, cached=True
        ),
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
            lambda d: connection(d["myWork"], lambda n: task(n, peer=False)),
            lambda d: connection(d["benchPeerMyWork"], lambda n: task(n, peer=True)),
        ),
        Case(
            f"tasks({DISTRICT} subtree, open, 50)",
            Request(TASKS, {"unit": gid("OrgUnit", facts.district_id), "first": 50}, chairman),
            Request(
                PEER_TASKS,
                {"unit": DISTRICT, "kinds": KINDS, "classes": OPEN_CLASSES, "first": 50},
            ),
            lambda d: connection(d["tasks"], lambda n: task(n, peer=False)),
            lambda d: connection(d["benchPeerUnitTasks"], lambda n: task(n, peer=True)),
        ),
        Case(
            f"reflectionWorkQueue({AGENCY}, 50)",
            Request(QUEUE, {"agency": gid("OrgUnit", facts.agency_id), "first": 50}, director),
            Request(
                PEER_QUEUE,
                {"agency": AGENCY, "states": sorted(ACTIVE_ASSIGNMENT), "first": 50},
            ),
            lambda d: queue(d["reflectionWorkQueue"], peer=False),
            lambda d: queue(d["benchPeerWorkQueue"], peer=True),
        ),
        Case(
            "publicReflections(50)",
            Request(PUBLIC, {"first": 50}),
            Request(PEER_PUBLIC, {"first": 50}),
            lambda d: connection(d["publicReflections"], lambda n: public(n, peer=False)),
            lambda d: connection(d["benchPeerPublicReflections"], lambda n: public(n, peer=True)),
        ),
        Case(
            'people("nguyen van", subtree, 20)',
            Request(SEARCH, {"unit": gid("OrgUnit", facts.province_id)}, chairman),
            Request(PEER_SEARCH, {"unit": PROVINCE}),
            lambda d: connection(d["people"], lambda n: person(n, peer=False)),
            lambda d: connection(d["benchPeerSearchPeople"], lambda n: person(n, peer=True)),
        ),
        Case(
            f"taskStats(province, {month})",
            Request(STATS, {"unit": gid("OrgUnit", facts.province_id), "period": month}, chairman),
            Request(PEER_STATS, {"unit": PROVINCE, "month": facts.last_month.isoformat()}),
            lambda d: figures(d["taskStats"]),
            lambda d: figures(d["benchPeerMonthStats"]),
        ),
    ]


def last_month(today: date) -> date:
    """The first day of the month before `today`'s."""
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)
