"""Staff lists with filters, the work queue, pagination, statement counts, validation of
submissions and their rate limit, through GraphQL."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

import pytest

from domain.accounts.model import Role
from domain.clock import FixedClock
from domain.permissions import Grant, Principal, PrincipalKind
from domain.reflections import intake, transitions
from domain.reflections.commands import (
    ActOnReflection,
    SubmitReflection,
)
from domain.reflections.intake import SUBMISSIONS_PER_HOUR, NewReflection
from domain.reflections.model import Channel
from domain.reflections.ports import ReflectionUnitOfWork
from domain.reflections.transitions import Step
from domain.reflections.workflow import Action
from govgraph.container import Container
from persistence.database import StatementCounter
from resolvers.reflections.loaders import ReflectionLoaders
from schema.compiled import roots as compiled_roots
from tests.api.paging import PAGE_INFO, Read, refusals, walk_both_ways
from tests.api.reflection_factories import (
    PHU_HOI,
    ReflectionWorld,
    build_reflection_world,
    step,
    submit,
)
from tests.callers import caller
from tests.factories import Api

RESULT = "Đã thay 3 bóng đèn hỏng trên đường Nguyễn Huệ, đèn sáng bình thường từ tối nay."
LIST = """query($f: ReflectionFilterInput, $sort: ReflectionSort, $first: Int, $after: String) {
  reflections(filter: $f, sort: $sort, first: $first, after: $after) {
    totalCount edges { cursor node { id state channel priority rating } }
    pageInfo { hasNextPage endCursor } } }"""


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


def _principals(world: ReflectionWorld) -> tuple[Principal, Principal, Principal]:
    units = world.made.units

    def staff(unit: str, *grants: tuple[Role, str]) -> Principal:
        return Principal(
            kind=PrincipalKind.STAFF,
            account_id=world.made.accounts["ioc"],
            unit_id=units[unit],
            grants=tuple(Grant(role, f"/{units['PROV']}/", True) for role, _ in grants),
        )

    ioc = staff("IOC", (Role.IOC_OPERATOR, "PROV"))
    handler = Principal(kind=PrincipalKind.STAFF, account_id=1, unit_id=units["SNV"])
    leader = Principal(
        kind=PrincipalKind.UNIT_ACCOUNT, account_id=2, unit_id=units["SNV"]
    )  # the unit account acts as leader
    return ioc, handler, leader


async def published(
    container: Container,
    world: ReflectionWorld,
    count: int,
    *,
    at: datetime | None = None,
    category: str = "LIGHTING",
) -> None:
    """`count` published reports, made through the domain in one transaction (at `at`)."""
    ioc, handler, leader = _principals(world)
    now = at or container.clock.now()
    calendar = await container.calendars.get()
    async with container.uow() as raw:
        uow = cast(ReflectionUnitOfWork, raw)
        for i in range(count):
            report = (
                await intake.submit(
                    uow,
                    caller(ioc, now, calendar),
                    SubmitReflection(
                        new=NewReflection(
                            channel=Channel.HOTLINE,
                            content=f"Phản ánh số {i}: cây đổ chắn đường sau mưa lớn",
                            occurred_at=now - timedelta(hours=1),
                            latitude=PHU_HOI[0],
                            longitude=PHU_HOI[1],
                            address=f"{i} Lê Lợi",
                            reporter_name="Người dân",
                            reporter_phone=f"0905 {i:06d}",
                            reporter_email=f"p{i}@example.vn",
                            category_id=world.categories[category],
                        )
                    ),
                )
            ).reflection
            for actor, action, extra in (
                (ioc, Action.DISTRIBUTE, {}),
                (handler, Action.ACCEPT, {}),
                (handler, Action.SUBMIT_RESULT, {"result": RESULT}),
                (leader, Action.APPROVE, {}),
                (ioc, Action.PUBLISH, {}),
            ):
                await transitions.act(
                    uow,
                    caller(actor, now, calendar),
                    ActOnReflection(
                        reflection_id=report.id, version=None, step=Step(action, **extra)
                    ),
                )
        await uow.commit()


PUBLIC = """query($first: Int) { publicReflections(first: $first) { totalCount edges { node {
  id content result commune { name } category { name } reporterPhone
  timeline { action at agency { name } note } media { url } } } } }"""


async def test_public_list_costs_the_same_statements_for_5_or_40(
    world: ReflectionWorld, container: Container
) -> None:
    await published(container, world, 5)
    api = await world.as_(None)
    with StatementCounter(container.engine) as small:
        few = (await api.data(PUBLIC, {"first": 50}))["publicReflections"]
    await published(container, world, 35)
    with StatementCounter(container.engine) as large:
        many = (await api.data(PUBLIC, {"first": 50}))["publicReflections"]
    assert (few["totalCount"], many["totalCount"]) == (5, 40)
    assert len(many["edges"]) == 40
    assert small.count == large.count, large.statements
    assert large.count <= 12, large.statements


async def test_filters_and_pagination(
    world: ReflectionWorld, container: Container, clock: FixedClock
) -> None:
    await published(container, world, 3)
    urgent = (await submit(world, categoryId=world.category("FIRE")))["reflection"]
    await step(world, "ioc", "distributeReflection", urgent)
    await submit(world, reporterPhone="0911 000 111", content="Rác thải đổ trộm bên bờ sông Hương")
    api = await world.as_("ioc")

    async def ids(f: dict[str, Any], **more: Any) -> int:
        page = (await api.data(LIST, {"f": f, **more}))["reflections"]
        return int(page["totalCount"])

    assert await ids({}) == 5
    assert await ids({"states": ["PUBLISHED"]}) == 3
    assert await ids({"priorities": ["URGENT"]}) == 1
    assert await ids({"channels": ["HOTLINE"]}) == 3
    assert await ids({"categoryIds": [world.category("FIRE")]}) == 1
    assert await ids({"agencyId": world.unit("PROV")}) == 4  # SNV and HUE-PKT are under it
    assert await ids({"agencyId": world.unit("HUE")}) == 1
    assert await ids({"areaId": world.unit("HUE")}) == 5
    assert await ids({"areaId": world.unit("PD")}) == 0
    assert await ids({"search": "bo song huong"}) == 1  # diacritics ignored
    assert await ids({"submittedFrom": "2026-11-21T00:00:00"}) == 0
    assert await ids({"overdue": True}) == 0
    clock.instant += timedelta(hours=2)  # the urgent part was due 30 minutes after dispatch
    assert await ids({"overdue": True}) == 2
    page = (await api.data(LIST, {"first": 2, "sort": "DUE"}))["reflections"]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = await api.data(
        LIST, {"first": 10, "sort": "DUE", "after": page["pageInfo"]["endCursor"]}
    )
    seen = [e["node"]["id"] for e in page["edges"] + rest["reflections"]["edges"]]
    assert len(seen) == len(set(seen)) == 5
    too_many = await api.post(LIST, {"first": 101})
    assert too_many["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    bad_cursor = await api.post(LIST, {"after": "bm9wZQ=="})
    assert bad_cursor["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


async def test_work_queue_of_an_agency(world: ReflectionWorld) -> None:
    for n in range(3):
        r = (await submit(world, reporterPhone=f"0905 00{n} 000"))["reflection"]
        await step(world, "ioc", "distributeReflection", r)
    api = await world.as_("an")
    query = """query($a: ID!) { reflectionWorkQueue(agencyId: $a, first: 2) {
      totalCount edges { node { state dueAt agency { code } } reflection { state } }
      pageInfo { hasNextPage } } }"""
    queue = (await api.data(query, {"a": world.unit("SNV")}))["reflectionWorkQueue"]
    assert queue["totalCount"] == 3
    assert queue["pageInfo"]["hasNextPage"] is True
    assert {e["node"]["state"] for e in queue["edges"]} == {"ASSIGNED"}
    assert {e["reflection"]["state"] for e in queue["edges"]} == {"IN_HANDLING"}


QUEUE_PAGE = """query($a: ID!) { reflectionWorkQueue(agencyId: $a, first: 10) {
  edges { node { state } reflection { ...Contact commune { name } } } } }
  fragment Contact on Reflection { id reporterPhone consentContact }"""


async def test_a_queue_page_decides_its_restricted_fields_without_waiting(
    world: ReflectionWorld, container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(3):
        r = (await submit(world, reporterPhone=f"0905 00{n} 111"))["reflection"]
        await step(world, "ioc", "distributeReflection", r)
    lookups: list[bool] = []
    known = ReflectionLoaders.known_parties

    def spy(self: ReflectionLoaders, reflection: Any) -> Any:
        found = known(self, reflection)
        lookups.append(found is not None)
        return found

    monkeypatch.setattr(ReflectionLoaders, "known_parties", spy)
    # the field path's loaders (the compiled path decides the rules in its one statement)
    monkeypatch.delitem(compiled_roots.ROOTS, "reflectionWorkQueue")
    api = await world.as_("an")
    with StatementCounter(container.engine) as asked:
        queue = (await api.data(QUEUE_PAGE, {"a": world.unit("SNV")}))["reflectionWorkQueue"]
    assert len(queue["edges"]) == 3
    # the rules are asked twice per report (a field through a fragment, and consent), and
    # each time the parties were already worked out for the whole page
    assert lookups == [True] * 6
    assert [e["reflection"]["consentContact"] for e in queue["edges"]] == [False] * 3
    plain = QUEUE_PAGE.replace("...Contact", "id").split("fragment")[0]
    with StatementCounter(container.engine) as unasked:
        await api.data(plain, {"a": world.unit("SNV")})
    assert unasked.count < asked.count, unasked.statements  # no parties loaded for nothing


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"latitude": 21.03, "longitude": 105.85}, "OUTSIDE_PROVINCE"),
        ({"reporterPhone": ""}, "INVALID_INPUT"),
        ({"reporterEmail": ""}, "INVALID_INPUT"),
        ({"content": "x" * 5001}, "TOO_LONG"),
        (
            {
                "media": [
                    {
                        "kind": "PHOTO",
                        "url": "https://m.vn/a.pdf",
                        "mimeType": "application/pdf",
                        "sizeBytes": 10,
                    }
                ]
            },
            "MEDIA_REJECTED",
        ),
        (
            {
                "media": [
                    {
                        "kind": "PHOTO",
                        "url": "https://m.vn/a.jpg",
                        "mimeType": "image/jpeg",
                        "sizeBytes": 11 * 2**20,
                    }
                ]
            },
            "MEDIA_REJECTED",
        ),
        ({"channel": "HOTLINE"}, "FORBIDDEN"),
        ({"categoryId": "bm9wZQ=="}, "INVALID_INPUT"),
    ],
)
async def test_bad_submissions_are_typed_and_write_nothing(
    world: ReflectionWorld, changes: dict[str, Any], code: str
) -> None:
    payload = await submit(world, None, **changes)
    assert payload["reflection"] is None
    assert payload["errors"][0]["code"] == code
    api = await world.as_("ioc")
    assert (await api.data(LIST))["reflections"]["totalCount"] == 0


async def test_anonymous_submissions_are_rate_limited(world: ReflectionWorld) -> None:
    for n in range(SUBMISSIONS_PER_HOUR):
        sent = await submit(world, None, reporterPhone=f"0905 {n:06d}")
        assert sent["errors"] == []
    refused = await submit(world, None)
    assert refused["errors"][0]["code"] == "RATE_LIMITED"
    ioc = await submit(world, "ioc", channel="HOTLINE")  # the IOC's own entry is not limited
    assert ioc["errors"] == []


PAGING = "$first: Int, $after: String, $last: Int, $before: String"
PAGE = "first: $first, after: $after, last: $last, before: $before"
PAGED_LIST = f"""query($sort: ReflectionSort, {PAGING}) {{ reflections(sort: $sort, {PAGE}) {{
  pageInfo {{ {PAGE_INFO} }} edges {{ cursor node {{ id }} }} }} }}"""
PAGED_PUBLIC = f"""query({PAGING}) {{ publicReflections({PAGE}) {{
  pageInfo {{ {PAGE_INFO} }} edges {{ cursor node {{ id }} }} }} }}"""
PAGED_QUEUE = f"""query($a: ID!, {PAGING}) {{ reflectionWorkQueue(agencyId: $a, {PAGE}) {{
  pageInfo {{ {PAGE_INFO} }} edges {{ cursor node {{ dueAt }} reflection {{ id }} }} }} }}"""


async def test_report_lists_page_both_ways(world: ReflectionWorld, container: Container) -> None:
    await published(container, world, 4)  # published at the same instant: ties go by id
    for n in range(3):
        r = (await submit(world, reporterPhone=f"0905 00{n} 222"))["reflection"]
        await step(world, "ioc", "distributeReflection", r)
    api = await world.as_("ioc")

    def listed(sort: str) -> Read:
        async def read(paging: dict[str, Any]) -> dict[str, Any]:
            found: dict[str, Any] = await api.data(PAGED_LIST, {"sort": sort} | paging)
            return found["reflections"]

        return read

    for sort in ("NEWEST", "DUE"):  # DUE: the published ones have no step due, so last
        assert len(await walk_both_ways(listed(sort), 2)) == 7
    await refusals(lambda paging: api.post(PAGED_LIST, paging))

    async def queue(paging: dict[str, Any]) -> dict[str, Any]:
        variables = {"a": world.unit("SNV")} | paging
        found: dict[str, Any] = (await api.data(PAGED_QUEUE, variables))["reflectionWorkQueue"]
        return found

    api = await world.as_("an")
    assert len(await walk_both_ways(queue, 1)) == 3

    async def feed(paging: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = (await api.data(PAGED_PUBLIC, paging))["publicReflections"]
        return found

    api = await world.as_(None)
    assert len(await walk_both_ways(feed, 3)) == 4
    await refusals(lambda paging: api.post(PAGED_PUBLIC, paging))
