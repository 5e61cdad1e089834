"""The dependency direction of ARCHITECTURE.md, checked by import-linter contracts."""

from __future__ import annotations

from importlinter.cli import lint_imports


def test_layers_respect_the_dependency_direction() -> None:
    assert lint_imports(config_filename="pyproject.toml") == 0
