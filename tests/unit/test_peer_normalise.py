"""bench.peer's comparison: both servers' answers normalised alike, a difference found."""

from __future__ import annotations

from datetime import date

from bench.peer.measure import Answer, compare
from bench.peer.normalise import gid, pk
from bench.peer.queries import Case, Facts, cases

FACTS = Facts(province_id=1, district_id=2, agency_id=3, director_person_id=4,
              last_month=date(2026, 10, 1))  # fmt: skip
LEADERS = [{"title": "Giám đốc", "rank": "HEAD", "person": {"fullName": "Lê Văn A"}}]


def _unit_case() -> Case:
    return next(c for c in cases(FACTS) if c.name.startswith("orgUnit") and not c.cached)


def _answers(peer_name: str) -> tuple[Answer, Answer]:
    ours = {"orgUnit": {"id": gid("OrgUnit", 7), "code": "SNV", "name": "Sở Nội vụ",
                        "leaders": LEADERS}}  # fmt: skip
    theirs = {"orgUnitByCode": {"rowId": 7, "code": "SNV", "name": peer_name,
                                "leaders": {"nodes": LEADERS}}}  # fmt: skip
    return Answer("", {}, 0, ours), Answer("", {}, 0, theirs)


def test_global_ids_map_to_database_keys() -> None:
    assert pk(gid("OrgUnit", 1234)) == 1234


def test_the_same_unit_from_both_servers_compares_equal() -> None:
    same, difference = compare(_unit_case(), *_answers("Sở Nội vụ"))
    assert same, difference


def test_a_different_value_is_named() -> None:
    same, difference = compare(_unit_case(), *_answers("Sở Tài chính"))
    assert not same
    assert difference.startswith(".name:"), difference
