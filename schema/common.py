"""Shared GraphQL pieces: typed errors, global ids, page info, field visibility."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from inspect import isawaitable
from typing import Any, TypeAlias, TypeVar, cast

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.extensions import FieldExtension
from strawberry.relay import GlobalID
from strawberry.types import Info
from strawberry.types.field import StrawberryField
from strawberry.types.nodes import SelectedField
from strawberry.utils.str_converters import to_camel_case

from domain.commands import Command
from domain.errors import DomainError, ErrorCode
from domain.stats.periods import Grain
from resolvers.context import RequestContext
from resolvers.dispatch import execute
from resolvers.pagination import Page
from schema.enums import described
from schema.error_codes import DESCRIPTIONS

described(
    ErrorCode, name="ErrorCode", description="Why an operation was refused", values=DESCRIPTIONS
)
StatsGrain = strawberry.enum(Grain, name="StatsGrain", description="How a series is cut")
ErrorCodeType: TypeAlias = ErrorCode


@strawberry.type(description="A refusal the client can act on; nothing was written.")
class UserError:
    code: ErrorCodeType
    message: str
    field: str | None = strawberry.field(description="The input field at fault, if any")

    @classmethod
    def from_domain(cls, error: DomainError) -> UserError:
        """Build from a domain error."""
        return cls(code=error.code, message=error.message, field=error.field)


def errors_of(result: object) -> list[UserError]:
    """The payload's error list: empty on success."""
    return [UserError.from_domain(result)] if isinstance(result, DomainError) else []


MAX_ID = 2**63 - 1
"""The largest database id (a signed 64-bit integer): larger numbers name no record."""


def numeric_id(text: str) -> int | None:
    """The database id written in `text` (ASCII digits, 1..MAX_ID), else None."""
    if not (text.isascii() and text.isdigit() and len(text) <= 19):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def decode_id(value: strawberry.ID | str, expected: str, field: str = "id") -> int:
    """The database id inside a global id of the expected type, else a typed error."""
    try:
        gid = GlobalID.from_id(str(value))
    except (ValueError, TypeError):
        gid = None
    number = numeric_id(gid.node_id) if gid and gid.type_name == expected else None
    if number is None:
        raise DomainError(ErrorCode.INVALID_INPUT, f"Not a valid {expected} id", field)
    return number


def plain_id(value: strawberry.ID | str, field: str = "id") -> int:
    """A database id sent as plain digits (ids the API shows as such), else a typed error."""
    number = numeric_id(str(value))
    if number is None:
        raise DomainError(ErrorCode.INVALID_INPUT, "Not a valid id", field)
    return number


def encode_id(type_name: str, value: int) -> strawberry.ID:
    """The global id of a record."""
    return strawberry.ID(str(GlobalID(type_name, str(value))))


@strawberry.type(description="Relay page information")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None

    @classmethod
    def from_page(cls, page: Page[Any]) -> PageInfo:
        """Page information of a resolver page."""
        return cls(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=page.cursors[0] if page.cursors else None,
            end_cursor=page.cursors[-1] if page.cursors else None,
        )


T = TypeVar("T")

Rule = Callable[[RequestContext, Any], bool | Awaitable[bool]]


class VisibleTo(FieldExtension):
    """Declares who may read a field; others get null, with no error text that could leak.

    A rule answers at once when what it decides on is already loaded (a page primes it), so
    a sync field stays sync; otherwise it returns an awaitable and so does the field.
    """

    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    def apply(self, field: StrawberryField) -> None:
        field.description = (field.description or "") + " (restricted: null when not allowed)"

    def resolve(self, next_: Callable[..., Any], source: Any, info: Info, **kwargs: Any) -> Any:
        allowed = self.rule(info.context, source.domain)
        if not isawaitable(allowed):
            return next_(source, info, **kwargs) if allowed else None

        async def later(decision: Awaitable[bool]) -> Any:
            if not await decision:
                return None
            value = next_(source, info, **kwargs)
            return await value if isawaitable(value) else value

        return later(allowed)

    async def resolve_async(
        self, next_: Callable[..., Awaitable[Any]], source: Any, info: Info, **kwargs: Any
    ) -> Any:
        allowed = self.rule(info.context, source.domain)
        if not (await allowed if isawaitable(allowed) else allowed):
            return None
        return await next_(source, info, **kwargs)


def restricted_fields(cls: type) -> frozenset[str]:
    """The GraphQL names of a type's fields guarded by VisibleTo."""
    fields = cls.__strawberry_definition__.fields  # type: ignore[attr-defined]
    return frozenset(
        field.graphql_name or to_camel_case(field.python_name)
        for field in fields
        if any(isinstance(extension, VisibleTo) for extension in field.extensions)
    )


def selected_names(info: Info) -> set[str]:
    """Every field name selected under the current field, at any depth, fragments included."""
    names: set[str] = set()
    pending: list[Any] = list(info.selected_fields)
    while pending:
        node = pending.pop()
        if isinstance(node, SelectedField):
            names.add(node.name)
        pending.extend(node.selections)
    return names


def ctx_of(info: Info) -> RequestContext:
    """The typed request context."""
    context = info.context
    assert isinstance(context, RequestContext)
    return context


def raise_graphql(error: DomainError) -> None:
    """Raise a domain error as a GraphQL error with its code in the extensions."""
    from graphql import GraphQLError

    raise GraphQLError(error.message, extensions={"code": error.code.value})


async def dispatch(info: Info, make: Callable[[], Command[T]]) -> T | DomainError:
    """Build a command from the mutation's arguments (a malformed id is a refusal too) and
    run it through the one dispatcher; the result, or the refusal as a value."""
    try:
        command = make()
    except DomainError as error:
        return error
    return await execute(ctx_of(info), command)


async def attempt(make: Callable[[], Awaitable[T]]) -> T | DomainError:
    """Run a resolver call; a refusal (also while decoding ids) becomes a value."""
    try:
        return await make()
    except DomainError as error:
        return error


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
R = TypeVar("R")


def from_loader(loader: DataLoader[K, V], key: K, convert: Callable[[V], R]) -> R:
    """Resolve from the loader's cache without a coroutine when the value is already loaded.

    Tree queries prime their loaders up front, so most nested fields resolve synchronously;
    otherwise this returns a coroutine, which graphql-core awaits like any async resolver.
    """
    future = loader.cache_map.get(key)
    if future is not None and future.done() and not future.cancelled():
        if future.exception() is None:
            return convert(future.result())

    async def later() -> R:
        return convert(await loader.load(key))

    return cast(R, later())  # graphql-core awaits the coroutine
