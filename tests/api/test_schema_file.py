"""schema.graphql is checked in; it must match the code (run `govgraph export-schema`)."""

from __future__ import annotations

from pathlib import Path

from schema.root import build_schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_checked_in_schema_is_current() -> None:
    current = build_schema().as_str() + "\n"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == current, (
        "schema.graphql is stale: run `govgraph export-schema`"
    )
