"""Bad input never makes an internal error: every argument of every query and mutation
(input object fields and list items included), read from the schema, gets NUL bytes and
other control characters, lone surrogates, over-long strings, values of the wrong type and
out-of-range numbers and ids. Each answer must be a typed refusal (HTTP status below 500,
every error with a code other than INTERNAL_SERVER_ERROR), the input boundary must refuse
text before anything runs (INVALID_INPUT, TOO_LONG), and a refused mutation writes nothing.

Hypothesis draws the bad values (the text around the NUL, which surrogate, how long, which
id type and number, which variant per position); every position gets every kind once per
run. Values that can reach resolvers (numbers, ids, dates, representations) are sent one at a
time, anonymously and as an admin. Values refused before anything runs (text at the boundary,
wrong types at variable coercion), whoever sends them, go ten positions to a document, each
to be refused with its own error, by one of the two callers in turn.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from govgraph.container import Container
from persistence.tables import metadata
from schema.input_boundary import MAX_CHARS
from schema.root import build_schema
from tests.api.fuzz_schema import (
    ID_TYPES,
    Operation,
    Probe,
    Slot,
    id_type_for,
    operation,
    slots,
)
from tests.factories import Api, Province, gid

SCHEMA = build_schema()._schema
SLOTS = slots(SCHEMA)
MAX_BODY = 1_000_000

COUNTERS = {"login_throttles"}
"""Tables that count attempts by design (sign-in back-off, submissions per address)."""

TEXT_KINDS = ("nul", "surrogate", "big")
REACHING = {"Date", "DateTime", "_Any"}
"""Scalars whose wrong-but-well-typed values reach the resolvers."""


@dataclass(frozen=True)
class BadValues:
    """One draw of every kind of bad value."""

    nul: str
    surrogate: str
    big_length: int
    huge: int
    id_type: str
    id_number: int
    pick: int

    def of(self, kind: str, slot: Slot) -> Any:
        """The value of one kind for one position (the variant picked per position)."""
        if kind == "nul":
            return self.nul
        if kind == "surrogate":
            return self.surrogate
        if kind == "big":
            return "x" * self.big_length
        variants = _wrong_types(slot) if kind == "wrong" else _huge(self, slot)
        return variants[self.spread(slot, kind) % len(variants)]

    def spread(self, slot: Slot, salt: str) -> int:
        """A number that differs from position to position and from draw to draw."""
        return zlib.crc32(f"{self.pick} {salt} {slot.name}".encode())


def _wrong_types(slot: Slot) -> list[Any]:
    scalar = slot.scalar
    values: list[Any] = [[{"nested": ["list"]}], {"not": "expected"}]
    if scalar in ("Int", "Float", "Boolean"):
        values.append("12")
    if scalar in ("String", "Date", "DateTime"):
        values.append(12)
    if scalar == "Date":
        values = ["9999-12-31", "0001-01-01", "2026-02-30"]
    if scalar == "DateTime":
        values = ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "2026-11-20T03:00"]
    if scalar == "_Any":
        values += ["OrgUnit", [1, 2], {"__typename": "OrgUnit", "id": {"x": 1}}]
    return values


def _huge(values: BadValues, slot: Slot) -> list[Any]:
    scalar = slot.scalar
    if scalar == "Int":
        return [values.huge, 2**31 - 1, -(2**31), -1, 0]
    if scalar == "Float":
        return [1e308, -1e308, values.huge]
    kind = id_type_for(slot.field, str(slot.path[-1]) if slot.path else slot.argument)
    return [
        gid(kind, values.id_number),
        gid(values.id_type, values.id_number),
        gid(kind, 0),
        gid(kind, -5),
        f"{kind}:{'9' * 30}",
        gid(kind, "abc"),  # type: ignore[arg-type]
        "9" * 25,
        values.huge,
        gid("Query", 1),
    ]


def kinds_of(slot: Slot) -> tuple[str, ...]:
    """Every kind of bad value that applies at the position."""
    kinds: tuple[str, ...] = (*TEXT_KINDS, "wrong")
    if slot.scalar in ("Int", "Float", "ID"):
        kinds = (*kinds, "huge")
    return kinds


def reaches_resolvers(kind: str, slot: Slot) -> bool:
    """True when the value passes the boundary and coercion, so the caller matters."""
    return kind == "huge" or (kind == "wrong" and slot.scalar in REACHING)


TEXT = "aăâbcdđeêghiklmnoôơpqrstuưvxy Huế\t\n\x01\x1b\x7f\x85\x9f"
BAD_VALUES = st.builds(
    BadValues,
    nul=st.tuples(st.text(TEXT, max_size=6), st.just("\x00"), st.text(TEXT, max_size=6)).map(
        "".join
    ),
    surrogate=st.tuples(
        st.text(TEXT[:-10], max_size=6),
        st.sampled_from(["\ud800", "\udbff", "\udc00", "\udfff"]),
        st.text(TEXT[:-10], max_size=6),
    ).map("".join),
    big_length=st.integers(MAX_CHARS + 1, MAX_CHARS + MAX_CHARS // 4),
    huge=st.sampled_from([2**63, 2**64, -(2**63) - 1, 10**40]),
    id_type=st.sampled_from(ID_TYPES),
    id_number=st.sampled_from([2**63, 2**64 + 7, 10**30, 2**63 + 1]),
    pick=st.integers(0, 2**16),
)


async def _send(
    api: Api, query: str, variables: dict[str, Any], token: str | None
) -> tuple[int, dict[str, Any]]:
    """POST with ASCII JSON, so lone surrogates travel as \\ud800 escapes."""
    sent = json.dumps({"query": query, "variables": variables}, ensure_ascii=True)
    headers = {"Accept": "application/json", "Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    response = await api.client.post("/graphql", content=sent.encode(), headers=headers)
    body: dict[str, Any] = response.json()
    return response.status_code, body


async def _row_counts(container: Container) -> dict[str, int]:
    names = [t.name for t in metadata.sorted_tables if t.name not in COUNTERS]
    union = " UNION ALL ".join(f"SELECT '{n}', count(*) FROM {n}" for n in names)
    async with container.engine.connect() as conn:
        rows = (await conn.execute(text(union))).all()
    return {str(name): int(count) for name, count in rows}


def _internal(status: int, body: dict[str, Any]) -> str | None:
    """Why the answer is an internal error, or None."""
    if status >= 500:
        return f"HTTP {status}"
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        if code in (None, "INTERNAL_SERVER_ERROR") or error["message"].startswith("Internal"):
            return f"{code}: {error['message'][:300]}"
    return None


def _refused(field: str, body: dict[str, Any]) -> bool:
    if body.get("errors"):
        return True
    payload = (body.get("data") or {}).get(field)
    return isinstance(payload, dict) and bool(payload.get("errors"))


@dataclass
class Prober:
    """Sends bad values and collects what went wrong."""

    api: Api
    container: Container
    ids: dict[str, int]
    admin_token: str
    failures: list[str]

    async def one(self, probe: Probe, kind: str, *, admin: bool) -> None:
        """A value that may reach the resolvers: any typed answer, nothing written when a
        mutation refuses."""
        op = operation(SCHEMA, [probe], self.ids)
        watch = admin and probe.slot.operation == "mutation"
        before = await _row_counts(self.container) if watch else None
        status, body = await self._send(op, admin)
        fault = _internal(status, body)
        if fault is None and before is not None and _refused("f0", body):
            after = await _row_counts(self.container)
            changed = sorted(n for n in after if after[n] != before[n])
            fault = f"refused but wrote to {changed}" if changed else None
        if fault:
            self._fail(probe, kind, admin, fault)

    async def batch(self, probes: list[Probe], kind: str, *, admin: bool) -> None:
        """Values refused before anything runs: several positions in one document, each
        refused with its own error (the boundary's naming the position)."""
        status, body = await self._send(operation(SCHEMA, probes, self.ids), admin)
        errors = body.get("errors") or []
        general = _internal(status, body) or ("ran: data in the answer" if "data" in body else None)
        for index, probe in enumerate(probes):
            fault = general or _not_refused(kind, index, probe, errors)
            if fault:
                self._fail(probe, kind, admin, fault)

    async def _send(self, op: Operation, admin: bool) -> tuple[int, dict[str, Any]]:
        token = self.admin_token if admin else None
        return await _send(self.api, op.query, op.variables, token)

    def _fail(self, probe: Probe, kind: str, admin: bool, fault: str) -> None:
        who = "admin" if admin else "anonymous"
        shown = repr(probe.bad)[:40]
        self.failures.append(f"{probe.slot.name} [{kind} {shown}, {who}]: {fault}")


def _not_refused(kind: str, index: int, probe: Probe, errors: list[dict[str, Any]]) -> str | None:
    """Why no error of the answer refuses this probe as it should, or None."""
    if kind == "wrong":  # variable coercion names the variable
        mine = [e for e in errors if f"$v{index}_" in e["message"]]
        return None if mine else "no error names its variable"
    expected = "TOO_LONG" if kind == "big" else "INVALID_INPUT"
    for error in errors:
        extensions = error.get("extensions") or {}
        named = extensions.get("field") == probe.field_path and error.get("locations")
        if extensions.get("code") == expected and named:
            return None
    return f"no {expected} for {probe.field_path}: {[e['message'][:80] for e in errors]}"


def batches(slots_: list[Slot], size: int) -> list[list[Slot]]:
    """Slots grouped by operation type, at most `size` per group and one per root field (a
    document may call `login` once)."""
    groups: list[list[Slot]] = []
    for kind in ("query", "mutation"):
        pending = [s for s in slots_ if s.operation == kind]
        while pending:
            group: list[Slot] = []
            for slot in list(pending):
                if len(group) < size and all(s.field != slot.field for s in group):
                    group.append(slot)
                    pending.remove(slot)
            groups.append(group)
    return groups


BATCH = 10  # the boundary reports up to 10 refusals per operation


FUZZ = settings(
    max_examples=1,
    deadline=None,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(values=BAD_VALUES)
async def test_bad_input_is_refused_with_a_typed_error(
    api: Api, container: Container, province: Province, values: BadValues
) -> None:
    admin = await api.login("admin@hue.gov.vn")
    ids = {"OrgUnit": province.units["HUE"], "Person": province.people["binh"]}
    prober = Prober(api, container, ids, admin["token"], [])
    for kind in ("huge", "wrong"):
        for slot in SLOTS:
            if kind in kinds_of(slot) and reaches_resolvers(kind, slot):
                probe = Probe(slot, values.of(kind, slot))
                await prober.one(probe, kind, admin=False)
                await prober.one(probe, kind, admin=True)
    for kind in (*TEXT_KINDS, "wrong"):
        before_run = [s for s in SLOTS if not reaches_resolvers(kind, s)]
        size = BATCH if kind != "big" else min(BATCH, MAX_BODY * 9 // 10 // values.big_length)
        for number, group in enumerate(batches(before_run, size)):
            inline = kind == "nul"  # literals in the document; the other kinds as variables
            probes = [
                Probe(s, values.of(kind, s), inline and s.scalar in ("String", "ID")) for s in group
            ]
            await prober.batch(probes, kind, admin=(values.pick + number) % 2 == 1)
    failures = prober.failures
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:80])


async def test_a_body_over_the_limit_is_refused_before_parsing(api: Api) -> None:
    query = "query($code: String) { orgUnit(code: $code) { id } }"
    status, body = await _send(api, query, {"code": "x" * MAX_BODY}, None)
    assert status == 413
    assert body["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


def test_every_argument_is_walked() -> None:
    names = {(s.field, s.argument) for s in SLOTS if not s.path}
    for operation_type in (SCHEMA.query_type, SCHEMA.mutation_type):
        assert operation_type is not None
        for field_name, field in operation_type.fields.items():
            assert {(field_name, a) for a in field.args} <= names
    assert any(s.path for s in SLOTS)  # input object fields and list items too
    assert {s.scalar for s in SLOTS} >= {"String", "ID", "Int", "Float", "Date", "_Any"}
