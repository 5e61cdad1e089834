"""OpenTelemetry spans of GraphQL operations and resolvers (Strawberry's extension), without
what callers send: no document text (it may hold a password or a phone number inline) and
no argument values, only their names."""

from __future__ import annotations

from collections.abc import Generator
from functools import partial
from typing import Any

from opentelemetry.trace import SpanKind
from strawberry.extensions import LifecycleStep
from strawberry.extensions.tracing import OpenTelemetryExtension


def _names_only(args: dict[str, Any], _info: Any) -> dict[str, Any]:
    return dict.fromkeys(args, "?")


class RedactedOpenTelemetry(OpenTelemetryExtension):
    """Strawberry's OpenTelemetryExtension, minus the document and the argument values."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(arg_filter=_names_only, **kwargs)

    def on_operation(self) -> Generator[None, None, None]:
        """One SERVER span per operation, named after it; the document is not recorded."""
        given = self.execution_context.operation_name
        span = self._tracer.start_span(
            f"GraphQL Query: {given}" if given else "GraphQL Query", kind=SpanKind.SERVER
        )
        span.set_attribute("component", "graphql")
        self._span_holder[LifecycleStep.OPERATION] = span
        yield
        found = self.execution_context.operation_name
        if not given and found:
            span.update_name(f"GraphQL Query: {found}")
        span.end()


def install_tracing(schema: Any, tracer_provider: Any) -> None:
    """Trace every operation of `schema` (built once per process) with this provider; the
    schema has no tracing extension until this is called."""
    uninstall_tracing(schema)
    factory = partial(RedactedOpenTelemetry, tracer_provider=tracer_provider)
    schema.extensions = (factory, *schema.extensions)


def uninstall_tracing(schema: Any) -> None:
    """Take the tracing extension off again."""
    schema.extensions = tuple(
        ext
        for ext in schema.extensions
        if not (isinstance(ext, partial) and ext.func is RedactedOpenTelemetry)
    )
