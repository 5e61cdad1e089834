"""The input boundary: every text value of an operation is checked once, before any
resolver, domain code or SQL sees it.

Every string of the document's arguments (literals, nested in input objects and lists,
directive arguments included) and every string of the request's variables (values and
object keys, at any depth) is refused when it holds a control character (C0 except tab,
line feed and carriage return; DEL; C1) or a lone surrogate (INVALID_INPUT), or when it is
longer than `MAX_CHARS` characters (TOO_LONG). The error names the argument path as the
client wrote it (`input.reporterName`, `items[2].title`) in its message and in the
`field` extension. The domain's own limits (lengths, formats) still apply afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from graphql import (
    ArgumentNode,
    GraphQLError,
    ListValueNode,
    Node,
    ObjectValueNode,
    StringValueNode,
    ValidationRule,
    ValueNode,
    VariableNode,
)
from graphql.validation.rules import ASTValidationRule
from strawberry.extensions import SchemaExtension

from domain.errors import ErrorCode
from domain.text import unprintable

MAX_CHARS = 100_000
"""The hard cap on one text value, on top of the domain's own (smaller) limits."""
MAX_ERRORS = 10
"""At most this many refusals are reported per operation."""


def text_fault(value: str) -> tuple[ErrorCode, str] | None:
    """Why a text value is refused (its code and the reason), or None when it is fine."""
    if len(value) > MAX_CHARS:
        return ErrorCode.TOO_LONG, f"is longer than {MAX_CHARS} characters"
    char = unprintable(value)
    if char is None:
        return None
    kind = "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    return ErrorCode.INVALID_INPUT, f"holds {kind} (U+{ord(char):04X})"


def _strings(value: Any, path: str) -> Iterator[tuple[str, str, str]]:
    """(path, text, what) of every string inside a variable's JSON value, keys included."""
    if isinstance(value, str):
        yield path, value, ""
    elif isinstance(value, Mapping):
        for key, item in value.items():
            name = str(key)
            if text_fault(name):
                yield path, name, " in a field name"
                continue
            yield from _strings(item, f"{path}.{name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


class InputBoundaryRule(ValidationRule):
    """Refuses control characters, lone surrogates and over-long texts in arguments and
    variables (bind the request's variables with `input_boundary_rule`)."""

    variables: ClassVar[Mapping[str, Any]] = {}

    def __init__(self, context: Any) -> None:
        super().__init__(context)
        self.reported = 0
        self.usages: dict[str, tuple[str, Node]] = {}

    def enter_argument(self, node: ArgumentNode, *_args: Any) -> Any:
        self._check_value(node.value, node.name.value)
        return self.SKIP

    def leave_document(self, *_args: Any) -> None:
        for name, value in self.variables.items():
            path, node = self.usages.get(name, (f"${name}", None))
            for where, text, what in _strings(value, path):
                self._judge(text, where, node, what)

    def _check_value(self, value: ValueNode, path: str) -> None:
        if isinstance(value, StringValueNode):
            self._judge(value.value, path, value)
        elif isinstance(value, ObjectValueNode):
            for field in value.fields:
                self._check_value(field.value, f"{path}.{field.name.value}")
        elif isinstance(value, ListValueNode):
            for index, item in enumerate(value.values):
                self._check_value(item, f"{path}[{index}]")
        elif isinstance(value, VariableNode):
            self.usages.setdefault(value.name.value, (path, value))

    def _judge(self, text: str, path: str, node: Node | None, what: str = "") -> None:
        fault = text_fault(text)
        if fault is None or self.reported >= MAX_ERRORS:
            return
        self.reported += 1
        code, reason = fault
        self.report_error(
            GraphQLError(
                f"Argument {path} {reason}{what}; nothing was run",
                node,
                extensions={"code": code.value, "field": path},
            )
        )


def input_boundary_rule(variables: Mapping[str, Any] | None) -> type[ASTValidationRule]:
    """An InputBoundaryRule bound to the request's variables."""
    bound = dict(variables) if isinstance(variables, Mapping) else {}
    return type("BoundInputBoundaryRule", (InputBoundaryRule,), {"variables": bound})


class InputBoundary(SchemaExtension):
    """Adds the input boundary to the validation of every operation."""

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        rule = input_boundary_rule(context.variables)
        context.validation_rules = (*context.validation_rules, rule)
        yield
