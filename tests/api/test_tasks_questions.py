"""Citizen questions through the API: taken in by batch, forwarded as tasks, the confirmed
answer published to the public without the asker's personal data."""

from __future__ import annotations

from typing import Any

import pytest

from domain.clock import FixedClock
from domain.tasks.workflow import Action
from govgraph.container import Container
from tests.api.paging import PAGE_INFO, refusals, walk_both_ways
from tests.api.task_factories import HAPPY, TaskWorld, build_task_world, codes, iso, vn
from tests.factories import Api


@pytest.fixture
async def world(container: Container, api: Api, clock: FixedClock) -> TaskWorld:
    return await build_task_world(container, api.client, clock)


TAKE_IN = """
mutation TakeIn($input: CitizenQuestionInput!) {
  takeInCitizenQuestion(input: $input) {
    question { id title intakeAt forwardDue askerName askerPhone version }
    errors { code field message }
  }
}
"""

FORWARD = """
mutation Forward($id: ID!, $to: ForwardInput!, $version: Int) {
  forwardCitizenQuestion(id: $id, to: $to, version: $version) {
    question { id forwardedAt forwardedLate version }
    task { id kind state deadline content }
    errors { code field message }
  }
}
"""

QUESTIONS = """
query Questions($office: ID!, $forwarded: Boolean) {
  citizenQuestions(officeUnitId: $office, forwarded: $forwarded) {
    totalCount
    edges { node { title askerName askerEmail askerPhone askerAddress publishedAt answer
                   task { id state } } }
  }
}
"""

PUBLISHED = """
query Published($search: String, $first: Int, $after: String) {
  publishedAnswers(search: $search, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id title question answer askedOn publishedAt answeredBy { code } } }
  }
}
"""


async def _question(world: TaskWorld, title: str, **fields: Any) -> dict[str, Any]:
    values = {
        "officeUnitId": world.unit("VP"),
        "title": title,
        "question": "Xin hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu?",
        "askerName": "Lê Văn Hỏi",
        "askerEmail": "hoi@example.vn",
        "askerPhone": "0905123456",
        "askerAddress": "12 Lê Lợi, Huế",
        "submittedAt": iso(vn(2026, 11, 20, 9, 15)),
    } | fields
    payload = await world.mutate("hoa", TAKE_IN, {"input": values}, "takeInCitizenQuestion")
    assert payload["errors"] == [], payload
    question: dict[str, Any] = payload["question"]
    return question


async def _answered(world: TaskWorld, title: str) -> str:
    question = await _question(world, title)
    forwarded = await world.mutate(
        "hoa",
        FORWARD,
        {"id": question["id"], "to": {"leadUnitId": world.unit("SNV")}},
        "forwardCitizenQuestion",
    )
    task_id: str = forwarded["task"]["id"]
    await world.advance(task_id, HAPPY[1:])
    return task_id


async def test_a_question_goes_from_intake_to_a_published_answer(world: TaskWorld) -> None:
    question = await _question(world, "Thủ tục cấp sổ đỏ lần đầu")
    assert question["intakeAt"] == iso(vn(2026, 11, 20, 10))  # the morning batch
    assert question["forwardDue"] == iso(vn(2026, 11, 20, 14))  # the afternoon forwarding
    forwarded = await world.mutate(
        "hoa",
        FORWARD,
        {"id": question["id"], "to": {"leadUnitId": world.unit("SNV")}, "version": 1},
        "forwardCitizenQuestion",
    )
    assert forwarded["errors"] == []
    assert forwarded["question"]["forwardedLate"] is False
    task = forwarded["task"]
    assert (task["kind"], task["state"]) == ("CITIZEN_QUESTION", "SENT")
    assert task["deadline"] == iso(vn(2026, 11, 30, 17))  # 5 working days, 24 November off
    assert "Lê Văn Hỏi" not in task["content"]
    assert "0905123456" not in task["content"]
    again = await world.mutate(
        "hoa",
        FORWARD,
        {"id": question["id"], "to": {"leadUnitId": world.unit("SNV")}},
        "forwardCitizenQuestion",
    )
    assert codes(again) == ["INVALID_STATE"]

    await world.advance(task["id"], HAPPY[1:-1])  # up to REPORTED: not yet published
    anonymous = Api(world.client)
    assert (await anonymous.data(PUBLISHED))["publishedAnswers"]["totalCount"] == 0
    await world.advance(task["id"], [Action.CONFIRM])
    public = (await anonymous.data(PUBLISHED, {"search": "so do"}))["publishedAnswers"]
    assert public["totalCount"] == 1
    answer = public["edges"][0]["node"]
    assert answer["title"] == "Thủ tục cấp sổ đỏ lần đầu"
    assert answer["answer"] == "Dự thảo báo cáo kết quả xử lý"
    assert (answer["askedOn"], answer["answeredBy"]) == ("2026-11-20", {"code": "SNV"})
    office = await world.data("hoa", QUESTIONS, {"office": world.unit("VP")})
    row = office["citizenQuestions"]["edges"][0]["node"]
    assert row["askerPhone"] == "0905123456"
    assert row["answer"] == answer["answer"]
    assert row["task"]["state"] == "COMPLETED"
    # reopened, the answer is withdrawn until confirmed again
    await world.step(task["id"], Action.REOPEN)
    assert (await anonymous.data(PUBLISHED))["publishedAnswers"]["totalCount"] == 0


async def test_the_askers_data_never_reaches_the_public_nor_other_units(
    world: TaskWorld,
) -> None:
    fields = await Api(world.client).data('{ __type(name: "PublishedAnswer") { fields { name } } }')
    names = {f["name"] for f in fields["__type"]["fields"]}
    assert not {n for n in names if n.startswith("asker")}
    await _question(world, "Câu hỏi")
    for outsider in ("an", "dung", "snv"):
        denied = await (await world.as_(outsider)).post(QUESTIONS, {"office": world.unit("VP")})
        assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert denied["data"] is None
    anonymous = await Api(world.client).post(QUESTIONS, {"office": world.unit("VP")})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    overseer = await world.data("long", QUESTIONS, {"office": world.unit("VP")})
    assert overseer["citizenQuestions"]["edges"][0]["node"]["askerName"] == "Lê Văn Hỏi"
    # forwarding: an outsider learns nothing, an overseer reads but does not forward
    question_id = (
        await world.data(
            "hoa",
            "query($o: ID!) { citizenQuestions(officeUnitId: $o) { edges { node { id } } } }",
            {"o": world.unit("VP")},
        )
    )["citizenQuestions"]["edges"][0]["node"]["id"]
    to = {"leadUnitId": world.unit("SNV")}
    for who, code in (("an", "NOT_FOUND"), ("long", "FORBIDDEN")):
        payload = await world.mutate(
            who, FORWARD, {"id": question_id, "to": to}, "forwardCitizenQuestion"
        )
        assert codes(payload) == [code], who


async def test_questions_are_checked_and_late_forwarding_flagged(world: TaskWorld) -> None:
    async def take(key: str = "hoa", **fields: Any) -> dict[str, Any]:
        values = {
            "officeUnitId": world.unit("VP"),
            "title": "Hỏi",
            "question": "Nội dung",
            "askerName": "Người hỏi",
        } | fields
        return await world.mutate(key, TAKE_IN, {"input": values}, "takeInCitizenQuestion")

    assert codes(await take("an")) == ["FORBIDDEN"]
    assert codes(await take(submittedAt=iso(vn(2026, 11, 21, 9)))) == ["INVALID_INPUT"]
    assert codes(await take(title=" ")) != []
    assert codes(await take(askerPhone="0" * 41)) == ["TOO_LONG"]
    taken = await take(submittedAt=iso(vn(2026, 11, 19, 16, 30)))  # after Thursday's last batch
    question = taken["question"]
    assert question["intakeAt"] == iso(vn(2026, 11, 20, 10))
    assert question["forwardDue"] == iso(vn(2026, 11, 20, 14))
    world.clock.instant = vn(2026, 11, 20, 14, 5)
    late = await world.mutate(
        "hoa",
        FORWARD,
        {"id": question["id"], "to": {"leadUnitId": world.unit("SNV")}},
        "forwardCitizenQuestion",
    )
    assert late["question"]["forwardedLate"] is True
    unforwarded = await world.data(
        "hoa", QUESTIONS, {"office": world.unit("VP"), "forwarded": False}
    )
    assert unforwarded["citizenQuestions"]["totalCount"] == 0


async def test_published_answers_page_newest_first(world: TaskWorld) -> None:
    for n in range(3):
        await _answered(world, f"Câu hỏi số {n}")
    anonymous = Api(world.client)
    first = (await anonymous.data(PUBLISHED, {"first": 2}))["publishedAnswers"]
    assert first["totalCount"] == 3
    assert first["pageInfo"]["hasNextPage"] is True
    rest = (await anonymous.data(PUBLISHED, {"first": 2, "after": first["pageInfo"]["endCursor"]}))[
        "publishedAnswers"
    ]
    titles = [e["node"]["title"] for e in first["edges"] + rest["edges"]]
    assert titles == ["Câu hỏi số 2", "Câu hỏi số 1", "Câu hỏi số 0"]
    too_many = await anonymous.post(PUBLISHED, {"first": 101})
    assert too_many["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    bad = await anonymous.post(PUBLISHED, {"after": "bm9wZQ=="})
    assert bad["errors"][0]["extensions"]["code"] == "INVALID_INPUT"


async def test_the_office_pages_through_a_batch(world: TaskWorld) -> None:
    for n in range(3):  # one batch: the same intake instant, ordered by id
        await _question(world, f"Câu hỏi {n}")
    await _question(world, "Câu hỏi sớm", submittedAt=iso(vn(2026, 11, 19, 8)))
    query = """query($o: ID!, $after: String) {
      citizenQuestions(officeUnitId: $o, first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { title intakeAt } } } }"""
    seen: list[str] = []
    after = None
    while True:
        page = (await world.data("hoa", query, {"o": world.unit("VP"), "after": after}))[
            "citizenQuestions"
        ]
        assert page["totalCount"] == 4
        seen += [e["node"]["title"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["Câu hỏi 2", "Câu hỏi 1", "Câu hỏi 0", "Câu hỏi sớm"]


PAGING = "$first: Int, $after: String, $last: Int, $before: String"
PAGE = "first: $first, after: $after, last: $last, before: $before"
PAGED_ANSWERS = f"""query({PAGING}) {{ publishedAnswers({PAGE}) {{
  pageInfo {{ {PAGE_INFO} }} edges {{ cursor node {{ title }} }} }} }}"""
PAGED_QUESTIONS = f"""query($o: ID!, {PAGING}) {{ citizenQuestions(officeUnitId: $o, {PAGE}) {{
  pageInfo {{ {PAGE_INFO} }} edges {{ cursor node {{ title }} }} }} }}"""


async def test_questions_and_answers_page_both_ways(world: TaskWorld) -> None:
    for n in range(3):
        await _answered(world, f"Câu hỏi số {n}")
    for n in range(3):  # one batch: the same intake instant, ordered by id
        await _question(world, f"Câu hỏi {n}")
    anonymous = Api(world.client)

    async def answers(paging: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = (await anonymous.data(PAGED_ANSWERS, paging))["publishedAnswers"]
        return found

    async def questions(paging: dict[str, Any]) -> dict[str, Any]:
        variables = {"o": world.unit("VP")} | paging
        found: dict[str, Any] = await world.data("hoa", PAGED_QUESTIONS, variables)
        return found["citizenQuestions"]

    titles = [e["node"]["title"] for e in await walk_both_ways(answers, 2)]
    assert titles == ["Câu hỏi số 2", "Câu hỏi số 1", "Câu hỏi số 0"]
    assert len(await walk_both_ways(questions, 2)) == 6
    await refusals(lambda paging: anonymous.post(PAGED_ANSWERS, paging))
