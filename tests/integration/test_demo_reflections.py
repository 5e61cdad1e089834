"""The demo field reports: every category, channel and state, urgent and sensitive ones,
timelines replaying the flows with their limits, and the same rows for the same inputs."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime
from functools import cache

from domain.reflections.model import Channel, ReflectionState, SlaStep
from domain.reflections.workflow import AGENCY_ACTIONS, OPEN_STATES
from govgraph.demo.build import build_demo
from govgraph.demo.reflections import DemoReflections, build_demo_reflections

NOW = datetime(2026, 11, 20, 3, tzinfo=UTC)


@cache
def demo() -> DemoReflections:
    return build_demo_reflections(build_demo(scale=1, bases={}), scale=1, now=NOW)


def test_every_category_channel_and_many_states() -> None:
    rows = demo().rows
    reports = rows["reflections"]
    assert len(reports) == 3000
    assert {r["category_id"] for r in reports} == {c["id"] for c in rows["reflection_categories"]}
    assert {r["channel"] for r in reports} == set(Channel)
    states = Counter(r["state"] for r in reports)
    expected = {
        ReflectionState.PUBLISHED,
        ReflectionState.ANSWERED_PRIVATELY,
        ReflectionState.CANCELLED,
        ReflectionState.IN_HANDLING,
        ReflectionState.SUBMITTED,
    }
    assert expected <= set(states), states
    assert states[ReflectionState.PUBLISHED] > 1000
    assert any(r["priority"].value == "URGENT" for r in reports)
    assert any(r["sensitive"] and r["state"] is ReflectionState.ANSWERED_PRIVATELY for r in reports)
    assert all(r["submitted_at"] <= NOW for r in reports)


def test_timelines_and_limits_are_consistent() -> None:
    rows = demo().rows
    events = defaultdict(list)
    for event in rows["reflection_events"]:
        events[event["reflection_id"]].append(event)
    breached = 0
    for report in rows["reflections"]:
        timeline = events[report["id"]]
        assert timeline[0]["action"] == "SUBMIT"
        assert [e["at"] for e in timeline] == sorted(e["at"] for e in timeline)
        assert timeline[-1]["to_state"] is report["state"]
        if report["state"] is ReflectionState.PUBLISHED:
            assert report["published_at"] is not None
            assert report["result"].startswith("Kính gửi")
            assert report["is_public"]
            assert not report["secrecy_requested"]
        if report["state"] in OPEN_STATES:
            assert report["step_due"] is not None
        for event in timeline:
            if event["due_at"] is not None:
                assert event["breached"] == (event["at"] > event["due_at"])
                breached += event["breached"]
            if event["action"] in {a.value for a in AGENCY_ACTIONS}:
                assert event["agency_unit_id"] is not None
    assert 0 < breached < len(rows["reflection_events"]) // 4
    steps = {e["step"] for e in rows["reflection_events"]}
    assert {SlaStep.INTAKE, SlaStep.ACCEPT, SlaStep.HANDLE, SlaStep.APPROVE} <= steps


def test_same_inputs_give_the_same_rows() -> None:
    again = build_demo_reflections(build_demo(scale=1, bases={}), scale=1, now=NOW)
    assert again.rows["reflections"][:50] == demo().rows["reflections"][:50]
    assert len(again.rows["reflection_events"]) == len(demo().rows["reflection_events"])
