"""The SQL side of the field rules' twins (domain/permissions/field_rules.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_

from domain.permissions.field_rules import Paths


def covered(paths: Paths, path: ColumnElement[Any]) -> ColumnElement[bool]:
    """Whether one of `paths` reaches the unit whose path is `path` (null: no)."""
    if not paths:
        return false()
    return and_(
        path.is_not(None),
        or_(
            *(path.startswith(p, autoescape=True) if subtree else path == p for p, subtree in paths)
        ),
    )
