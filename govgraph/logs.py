"""JSON logs, one object a line, each carrying the id of the request being served."""

from __future__ import annotations

import logging
import sys
from contextvars import ContextVar
from typing import IO

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

REQUEST_ID: ContextVar[str] = ContextVar("govgraph_request_id", default="-")
"""The id of the request being served ("-" outside requests); set by RequestScope."""

_FIELDS = "%(levelname)s %(name)s %(message)s"
_QUIET = {
    # Strawberry logs every GraphQL error, validation errors included, at ERROR with a
    # traceback; schema.errors.ErrorCodes logs the unexpected ones itself, with the id.
    "strawberry.execution": logging.CRITICAL,
    # govgraph.access replaces uvicorn's access log.
    "uvicorn.access": logging.WARNING,
    # one line per Alembic plugin at every start-up (the migrations themselves still log)
    "alembic.runtime.plugins": logging.WARNING,
}


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to records that do not carry one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = REQUEST_ID.get()
        return True


class _Stderr(logging.StreamHandler[IO[str]]):
    """Writes to whatever sys.stderr is when the record is emitted (test runners swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def json_formatter() -> logging.Formatter:
    """The formatter: UTC ISO time, level, logger, message, request id and `extra` fields."""
    return JsonFormatter(
        _FIELDS,
        rename_fields={"levelname": "level", "name": "logger"},
        defaults={"request_id": "-"},
        timestamp="time",
        reserved_attrs=[*RESERVED_ATTRS, "color_message"],  # uvicorn's ANSI duplicate
        json_ensure_ascii=False,
    )


def configure_logging(level: str | int = "INFO", *, stream: IO[str] | None = None) -> None:
    """Send every log record, as JSON, to stderr (or `stream`). Idempotent: calling it again
    replaces the handler it installed before."""
    handler: logging.StreamHandler[IO[str]] = (
        logging.StreamHandler(stream) if stream is not None else _Stderr(sys.stderr)
    )
    handler.set_name("govgraph-json")
    handler.setFormatter(json_formatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "govgraph-json"]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper() if isinstance(level, str) else level)
    for name, quiet in _QUIET.items():
        logging.getLogger(name).setLevel(quiet)
    for name in ("uvicorn", "uvicorn.error"):
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.propagate = True
