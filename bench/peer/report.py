"""The results as a markdown table (printed, and written with --markdown) and as JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from bench.peer.measure import Row


def _num(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def markdown(rows: list[Row], header: list[str]) -> str:
    """A table to paste into a README, with the run's conditions above it."""
    lines = [*header, ""]
    lines.append(
        "| query | govgraph req/s | p50 ms | p99 ms | PostGraphile req/s | p50 ms | p99 ms "
        "| govgraph ÷ PostGraphile | per round | SQL/req govgraph / PostGraphile | same data |"
    )
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|")
    for row in rows:
        g, p = row.govgraph, row.peer
        measured = bool(g.runs and p.runs)
        rounds = " / ".join(f"{r:.2f}" for r in row.round_ratios)
        same = "yes" if row.same else f"**no**: {row.difference}"
        failures = g.failures + p.failures
        if failures:
            same += f" ({failures} failed requests)"
        lines.append(
            f"| {row.case.name} "
            f"| {_num(g.rate if measured else None)} | {_num(g.p50 if measured else None)} "
            f"| {_num(g.p99 if measured else None)} "
            f"| {_num(p.rate if measured else None)} | {_num(p.p50 if measured else None)} "
            f"| {_num(p.p99 if measured else None)} "
            f"| {_num(row.ratio, 3) if measured else '—'} | {rounds} "
            f"| {_count(row.statements)} / {_count(row.peer_statements)} | {same} |"
        )
    return "\n".join(lines) + "\n"


def as_json(rows: list[Row], conditions: dict[str, Any]) -> dict[str, Any]:
    """Every row's figures, for tools and tests."""
    return {
        "conditions": conditions,
        "rows": [
            {
                "query": row.case.name,
                "same": row.same,
                "difference": row.difference,
                "statements": row.statements,
                "peer_statements": row.peer_statements,
                "ratio": row.ratio,
                "round_ratios": row.round_ratios,
                "failures": row.govgraph.failures + row.peer.failures,
                "govgraph": _side(row.govgraph),
                "postgraphile": _side(row.peer),
            }
            for row in rows
        ],
    }


def _side(side: Any) -> dict[str, Any]:
    if not side.runs:
        return {"runs": 0}
    return {
        "runs": len(side.runs),
        "requests": sum(r.requests for r in side.runs),
        "rate": side.rate,
        "p50": side.p50,
        "p99": side.p99,
        "changed": sum(r.changed for r in side.runs),
        "sample_error": next((r.sample_error for r in side.runs if r.sample_error), None),
    }


def write(path: Path | None, text: str) -> None:
    """Write a result file (its folder created), if asked for."""
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write_json(path: Path | None, data: dict[str, Any]) -> None:
    write(path, json.dumps(data, indent=2, ensure_ascii=False, default=str))


def load_average() -> str:
    """The machine's load average now (the machine may be shared)."""
    one, five, _ = os.getloadavg()
    return f"{one:.1f} / {five:.1f}"
