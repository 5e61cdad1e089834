"""Both servers' answers as the same plain data: ids as database keys, date-times as
instants, numbers as numbers, lists in the order served."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

Json = dict[str, Any]


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


def unit(u: Json, *, peer: bool) -> Json:
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
        "children": None if children is None else [unit(c, peer=peer) for c in children],
    }


def _person_rows(rows: list[Json]) -> list[tuple[str, str | None]]:
    return [(r["role"], (r["person"] or {}).get("fullName")) for r in rows]


def task(n: Json, *, peer: bool) -> Json:
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


def connection(c: Json, row: Callable[[Json], Json]) -> Json:
    return {
        "total": c.get("totalCount"),
        "more": (c.get("pageInfo") or {}).get("hasNextPage"),
        "rows": [row(n) for n in nodes(c)],
    }


def queue(c: Json, *, peer: bool) -> Json:
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


def public(n: Json, *, peer: bool) -> Json:
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


def person(n: Json, *, peer: bool) -> Json:
    return {
        "id": n["rowId"] if peer else pk(n["id"]),
        "name": n["fullName"],
        "position": n["position"],
        "unit": (n["unit"] or {}).get("name"),
    }


def figures(f: Json) -> Json:
    keys = ("total", "doneOnTime", "doneLate", "openWithinDeadline", "openOverdue")
    return {
        **{k: f[k] for k in keys},
        "onTimeRate": number(f["onTimeRate"]),
        "medianHandlingDays": number(f["medianHandlingDays"]),
    }
