"""The dependency direction of ARCHITECTURE.md, checked by import-linter contracts."""

from __future__ import annotations

import logging

from importlinter.cli import lint_imports


def test_layers_respect_the_dependency_direction() -> None:
    loggers = [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger) and not logger.disabled
    ]
    try:
        assert lint_imports(config_filename="pyproject.toml") == 0
    finally:  # import-linter configures logging with disable_existing_loggers: undo that
        for logger in loggers:
            logger.disabled = False
