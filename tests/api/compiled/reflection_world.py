"""Field reports in every state the compiled read path must answer, and every kind of caller.

On the reflection world (tests/api/reflection_factories.py), by letter: A published and
rated; B answered privately (secrecy); C cancelled; D distributed to SNV and accepted late;
E urgent (FIRE), sent to verification, to SNV and Huế's economy office, returned by SNV
naming a unit, accepted by the office; F returned and cancelled (from test_reflection_stats);
G published with photos and a video, consent given, one question answered and one open;
H sensitive: coordinated by the Provincial Office, advised to SNV and the economy office,
distributed; I the citizen account's own report, distributed, published; J received
non-publicly; K in handling with consent; plus 6 published in bulk, the last placed at a
whole latitude and a longitude of 17 digits. The clock ends two days
later, so open steps are overdue.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, update

from domain.clock import FixedClock
from govgraph.container import Container
from persistence import reflection_tables as rt
from tests.api.compiled.harness import COMPILED_MARKERS, Paths
from tests.api.reflection_factories import ReflectionWorld, step, submit
from tests.api.test_reflection_stats import _by_code, _move, november
from tests.api.test_reflections_flow import RESULT, publish_one
from tests.api.test_reflections_queries import published

CALLERS = ("ioc", "an", "khanh", "giang", "dung", "coord", "cuong", "admin", "citizen")
"""Signed-in callers (besides the public and an integrator's API key)."""

MEDIA = [
    {
        "kind": "PHOTO",
        "url": "https://media.hue.gov.vn/a.jpg",
        "mimeType": "image/jpeg",
        "sizeBytes": 482113,
        "name": "den-hong.jpg",
    },
    {
        "kind": "VIDEO",
        "url": "https://media.hue.gov.vn/b.mp4",
        "mimeType": "video/mp4",
        "sizeBytes": 9000,
    },
]
ASK = """mutation($id: ID!, $code: String, $q: String!) {
  askReflectionQuestion(id: $id, question: $q, trackingCode: $code) {
    question { id } errors { code } } }"""
ANSWER = """mutation($q: ID!) { answerReflectionQuestion(questionId: $q, answer: "Đã sửa xong") {
  errors { code } } }"""
KEY = """mutation($u: ID!) {
  createApiKey(name: "BI", unitId: $u, includeSubtree: true) { secret } }"""


async def build_scenario(
    world: ReflectionWorld, clock: FixedClock, container: Container
) -> dict[str, str]:
    """The reports above; their tracking codes by letter."""
    codes = await november(world, clock)
    m = codes
    await _move(world, m, "E", "ioc", "requestReflectionVerification", note="Xác minh")
    await _move(world, m, "E", "ioc", "verifyReflection")
    await _move(world, m, "E", "ioc", "classifyReflection", categoryId=world.category("FIRE"))
    snv, pkt = world.unit("SNV"), world.unit("HUE-PKT")
    await _move(world, m, "E", "ioc", "distributeReflection", agencyIds=[snv, pkt])
    returned = await step(
        world,
        "giang",
        "returnReflectionToIoc",
        await _by_code(world, m["E"]),
        args=", note: $note, agencyId: $a, suggestedUnitId: $s",
        params=", $note: String!, $a: ID, $s: ID",
        note="Không thuộc thẩm quyền",
        a=snv,
        s=pkt,
    )
    assert returned["errors"] == []
    await _move(world, m, "E", "dung", "acceptReflection", agencyId=pkt)
    clock.instant = clock.instant + timedelta(days=1)
    await _move(world, m, "D", "giang", "acceptReflection")
    await _move(world, m, "F", "giang", "returnReflectionToIoc", note="Không thuộc")
    await _move(world, m, "F", "ioc", "cancelReflection", reason="EDIT_NOT_MADE", note="Hủy")
    g = await publish_one(world, media=MEDIA, consentContact=True, latitude=16.5, longitude=107.6)
    m["G"] = g["trackingCode"]
    await _questions(world, g)
    m["H"] = await _sensitive(world)
    m["I"] = await _citizens_own(world)
    j = await submit(world, "ioc", channel="HOTLINE")
    await step(
        world,
        "ioc",
        "classifyReflection",
        j["reflection"],
        args=", isPublic: $p",
        params=", $p: Boolean",
        p=False,
    )
    m["J"] = j["trackingCode"]
    k = await submit(world, consentContact=True, reporterPhone="0905 333 444")
    await step(world, "ioc", "distributeReflection", k["reflection"])
    m["K"] = k["trackingCode"]
    clock.instant = clock.instant + timedelta(hours=5)
    await published(container, world, 6)
    async with container.engine.begin() as conn:  # places JSON writes differently
        r = rt.reflections.c
        await conn.execute(
            update(rt.reflections)
            .where(r.id == select(func.max(r.id)).scalar_subquery())
            .values(latitude=16.0, longitude=107.12345678901235)
        )
    clock.instant = clock.instant + timedelta(days=2)
    return m


async def _questions(world: ReflectionWorld, g: dict[str, Any]) -> None:
    api = await world.as_(None)
    rid, code = g["reflection"]["id"], g["trackingCode"]
    first = await api.data(ASK, {"id": rid, "code": code, "q": "Đoạn gần cầu đã sửa chưa?"})
    question = first["askReflectionQuestion"]["question"]["id"]
    staff = await world.as_("giang")
    assert (await staff.data(ANSWER, {"q": question}))["answerReflectionQuestion"]["errors"] == []
    api = await world.as_(None)
    second = await api.data(ASK, {"id": rid, "code": code, "q": "Còn đoạn gần chợ thì sao?"})
    assert second["askReflectionQuestion"]["errors"] == []


async def _sensitive(world: ReflectionWorld) -> str:
    sent = await submit(world, categoryId=world.category("LAND"), consentContact=True)
    r = sent["reflection"]
    classify = {"args": ", coordinatingUnitId: $c", "params": ", $c: ID", "c": world.unit("VP")}
    r = (await step(world, "ioc", "classifyReflection", r, **classify))["reflection"]
    r = (await step(world, "ioc", "sendReflectionToCoordinator", r))["reflection"]
    advised = await step(
        world,
        "coord",
        "adviseReflection",
        r,
        args=", note: $note, agencyIds: $ids",
        params=", $note: String!, $ids: [ID!]",
        note="Giao xử lý theo thẩm quyền",
        ids=[world.unit("HUE-PKT"), world.unit("SNV")],
    )
    assert advised["errors"] == []
    moved = await step(world, "ioc", "distributeReflection", advised["reflection"])
    assert moved["errors"] == []
    return str(sent["trackingCode"])


async def _citizens_own(world: ReflectionWorld) -> str:
    sent = await submit(world, "citizen", channel="APP", reporterPhone="0905 777 888")
    r = sent["reflection"]
    r = (await step(world, "ioc", "distributeReflection", r))["reflection"]
    r = (await step(world, "giang", "acceptReflection", r))["reflection"]
    r = (
        await step(
            world,
            "giang",
            "submitReflectionResult",
            r,
            args=", result: $result",
            params=", $result: String!",
            result=RESULT,
        )
    )["reflection"]
    r = (await step(world, "an", "approveReflectionResult", r))["reflection"]
    await step(world, "ioc", "publishReflection", r)
    return str(sent["trackingCode"])


async def callers(world: ReflectionWorld) -> dict[str, dict[str, str]]:
    """Headers of every kind of caller: the public, each signed-in login, an integrator."""
    found: dict[str, dict[str, str]] = {"anonymous": {}}
    for login in CALLERS:
        await world.as_(login)
        found[login] = {"Authorization": f"Bearer {world.api.token}"}
    api = await world.as_("admin")
    made = await api.data(KEY, {"u": world.unit("HUE")})
    found["integrator"] = {"X-API-Key": made["createApiKey"]["secret"]}
    world.api.token = None
    return found


def alone(two: Paths) -> bool:
    """The compiled side answered with its one statement, no field path after it."""
    compiled = [s for s in two.last if any(m in s for m in COMPILED_MARKERS)]
    others = [s for s in two.last if s not in compiled and "reflection" in s]
    return len(compiled) == 1 and not others
