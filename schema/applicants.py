"""Types and queries of applicant accounts (002 Art. 10, 14). Confidential: the applicant
itself, the account office and province admins read them (PERMISSIONS.md)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Annotated, Any, TypeAlias

import strawberry
from strawberry import relay
from strawberry.types import Info

from domain.applicants import model
from resolvers import applicants as queries
from resolvers.pagination import Page
from schema.catalog import ApplicantKindType
from schema.common import PageInfo, ctx_of, decode_id
from schema.descriptions import CURSOR, After, Before, First, Last, describe_enum

S, K, R, C = model.ApplicantStatus, model.RequestKind, model.RequestStatus, model.VerifyChannel
describe_enum(
    S,
    name="ApplicantStatus",
    description="Where a public-service account stands (002 Art. 10)",
    values={
        S.UNVERIFIED: "Registered; the code sent by email or SMS is not confirmed yet "
        "(deleted after 7 days)",
        S.PENDING_APPROVAL: "Verified; the account office approves within 1 working day",
        S.ACTIVE: "Approved: submits and follows dossiers",
        S.SUSPENDED: "Paused on request; may ask for reactivation",
        S.CANCELLED: "Cancelled on request; signs in no more",
        S.REFUSED: "The account office refused the registration",
    },
)
ApplicantStatusType: TypeAlias = model.ApplicantStatus
describe_enum(
    K,
    name="ApplicantRequestKind",
    description="What the account office is asked (each decided within 1 working day)",
    values={
        K.REGISTRATION: "Approve a verified registration",
        K.EDIT: "Check and apply edited account data",
        K.SUSPEND: "Suspend the account",
        K.CANCEL: "Cancel the account",
        K.REACTIVATE: "Reactivate a suspended account",
    },
)
ApplicantRequestKindType: TypeAlias = model.RequestKind
describe_enum(
    R,
    name="ApplicantRequestStatus",
    description="A request's decision",
    values={
        R.OPEN: "Waiting for the office",
        R.APPROVED: "The office granted it: the account was approved, edited, suspended, "
        "cancelled or reactivated as asked",
        R.REFUSED: "The office turned it down (a refused registration leaves the account "
        "REFUSED; any other request leaves it as it was)",
    },
)
ApplicantRequestStatusType: TypeAlias = model.RequestStatus
describe_enum(
    C,
    name="VerifyChannel",
    description="Where the verification code goes",
    values={C.EMAIL: "The email address given", C.SMS: "The phone number given, by SMS"},
)
VerifyChannelType: TypeAlias = model.VerifyChannel


@strawberry.type(description="A request to the account office about an applicant account")
class ApplicantRequest(relay.Node):
    id: relay.NodeID[int]
    domain: strawberry.Private[model.ApplicantRequest]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # hidden ids resolve to null
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[ApplicantRequest | None]:
        return [None for _ in node_ids]  # read through its account or the office's queue

    @strawberry.field(description="What is asked")
    def kind(self) -> ApplicantRequestKindType:
        return self.domain.kind

    @strawberry.field(description="The decision so far")
    def status(self) -> ApplicantRequestStatusType:
        return self.domain.status

    @strawberry.field(description="When it was made")
    def submitted_at(self) -> datetime:
        return self.domain.submitted_at

    @strawberry.field(description="When the office must decide: 1 working day after it was made")
    def due_at(self) -> datetime:
        return self.domain.due_at

    @strawberry.field(description="Decided after dueAt, or open past it")
    def late(self, info: Info) -> bool:
        return self.domain.late(ctx_of(info).now())

    @strawberry.field(description="When it was decided")
    def decided_at(self) -> datetime | None:
        return self.domain.decided_at

    @strawberry.field(description="The applicant's reason (suspension, cancellation...)")
    def reason(self) -> str | None:
        return self.domain.reason

    @strawberry.field(description="The office's note, told to the applicant")
    def note(self) -> str | None:
        return self.domain.note

    @strawberry.field(description="Pass it back when deciding; stale is refused")
    def version(self) -> int:
        return self.domain.version

    @strawberry.field(description="The account the request is about")
    async def account(self, info: Info) -> ApplicantAccount | None:
        found = await queries.applicant(ctx_of(info), self.domain.applicant_id)
        return ApplicantAccount(id=found.id, domain=found) if found else None


@strawberry.type(
    description="A public-service account of a citizen, organisation or business. Read by "
    "the applicant itself, the account office and province admins only."
)
class ApplicantAccount(relay.Node):
    id: relay.NodeID[int]
    domain: strawberry.Private[model.Applicant]

    @classmethod
    def from_domain(cls, applicant: model.Applicant) -> ApplicantAccount:
        """Build from a profile the caller may read (callers apply the row rule)."""
        return cls(id=applicant.id, domain=applicant)

    @classmethod
    async def resolve_nodes(  # type: ignore[override]  # hidden ids resolve to null
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[ApplicantAccount | None]:
        ctx = ctx_of(info)
        found = [await queries.applicant(ctx, int(i)) for i in node_ids]
        return [cls.from_domain(a) if a else None for a in found]

    @strawberry.field(description="Citizen, organisation or business")
    def kind(self) -> ApplicantKindType:
        return self.domain.kind

    @strawberry.field(description="Where the account stands")
    def status(self) -> ApplicantStatusType:
        return self.domain.status

    @strawberry.field(description="The citizen's, organisation's or business's name")
    def full_name(self) -> str:
        return self.domain.full_name

    @strawberry.field(description="Identity number, or tax code of a business")
    def identity_number(self) -> str:
        return self.domain.identity_number

    @strawberry.field(description="Postal address of the citizen or organisation")
    def address(self) -> str:
        return self.domain.address

    @strawberry.field(description="Email address")
    def email(self) -> str | None:
        return self.domain.email

    @strawberry.field(description="Phone number")
    def phone(self) -> str | None:
        return self.domain.phone

    @strawberry.field(description="Date of birth (citizens)")
    def date_of_birth(self) -> date | None:
        return self.domain.date_of_birth

    @strawberry.field(description="The legal representative (organisations, businesses)")
    def representative(self) -> str | None:
        return self.domain.representative

    @strawberry.field(description="Where verification codes go")
    def verify_channel(self) -> VerifyChannelType:
        return self.domain.verify_channel

    @strawberry.field(description="When the account was registered")
    def registered_at(self) -> datetime:
        return self.domain.registered_at

    @strawberry.field(description="When the code was confirmed")
    def verified_at(self) -> datetime | None:
        return self.domain.verified_at

    @strawberry.field(description="When the account office approved the account")
    def approved_at(self) -> datetime | None:
        return self.domain.approved_at

    @strawberry.field(description="Pass it back with a request; stale is refused")
    def version(self) -> int:
        return self.domain.version

    @strawberry.field(description="Requests to the account office, newest first")
    async def requests(self, info: Info) -> list[ApplicantRequest]:
        found = await queries.requests_of(ctx_of(info), self.domain)
        return [ApplicantRequest(id=r.id, domain=r) for r in found]


@strawberry.type(description="An account in a page of the office's list")
class ApplicantAccountEdge:
    cursor: str = strawberry.field(description=CURSOR)
    node: ApplicantAccount = strawberry.field(description="The account")


@strawberry.type(description="A page of applicant accounts, by id")
class ApplicantAccountConnection:
    edges: list[ApplicantAccountEdge] = strawberry.field(description="The accounts of this page")
    page_info: PageInfo = strawberry.field(description="Where the page is in the list")
    page: strawberry.Private[Page[Any]]

    @strawberry.field(description="Accounts in the whole list (one COUNT query)")
    async def total_count(self) -> int:
        return await self.page.count()


@strawberry.type(description="A request in a page of the office's queue")
class ApplicantRequestEdge:
    cursor: str = strawberry.field(description=CURSOR)
    node: ApplicantRequest = strawberry.field(description="The request")


@strawberry.type(description="A page of the account office's queue, the one due first on top")
class ApplicantRequestConnection:
    edges: list[ApplicantRequestEdge] = strawberry.field(description="The requests of this page")
    page_info: PageInfo = strawberry.field(description="Where the page is in the list")
    page: strawberry.Private[Page[Any]]

    @strawberry.field(description="Requests in the whole list (one COUNT query)")
    async def total_count(self) -> int:
        return await self.page.count()


@strawberry.type
class ApplicantQuery:
    @strawberry.field(description="The signed-in applicant's own account (null for anyone else)")
    async def my_applicant_account(self, info: Info) -> ApplicantAccount | None:
        found = await queries.current_applicant(ctx_of(info))
        return ApplicantAccount.from_domain(found) if found else None

    @strawberry.field(
        description="An applicant account: the applicant itself, the account office and "
        "province admins; null for anyone else"
    )
    async def applicant_account(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The account's id")],
    ) -> ApplicantAccount | None:
        found = await queries.applicant(ctx_of(info), decode_id(id, "ApplicantAccount"))
        return ApplicantAccount.from_domain(found) if found else None

    @strawberry.field(description="Applicant accounts (the account office), by id")
    async def applicant_accounts(
        self,
        info: Info,
        status: Annotated[
            ApplicantStatusType | None, strawberry.argument(description="Only this status")
        ] = None,
        search: Annotated[
            str | None, strawberry.argument(description="Words of the name, diacritics ignored")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> ApplicantAccountConnection:
        page = await queries.applicants(
            ctx_of(info),
            status=status,
            search=search,
            first=first,
            after=after,
            last=last,
            before=before,
        )
        return ApplicantAccountConnection(
            edges=[
                ApplicantAccountEdge(cursor=c, node=ApplicantAccount.from_domain(a))
                for a, c in zip(page.items, page.cursors, strict=True)
            ],
            page_info=PageInfo.from_page(page),
            page=page,
        )

    @strawberry.field(
        description="The account office's queue: requests by due time (default: the open "
        "ones), each due 1 working day after it was made"
    )
    async def applicant_requests(
        self,
        info: Info,
        status: Annotated[
            ApplicantRequestStatusType | None,
            strawberry.argument(description="Only this decision (default OPEN; null: all)"),
        ] = model.RequestStatus.OPEN,
        kind: Annotated[
            ApplicantRequestKindType | None, strawberry.argument(description="Only this kind")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> ApplicantRequestConnection:
        page = await queries.requests(
            ctx_of(info),
            status=status,
            kind=kind,
            first=first,
            after=after,
            last=last,
            before=before,
        )
        return ApplicantRequestConnection(
            edges=[
                ApplicantRequestEdge(cursor=c, node=ApplicantRequest(id=r.id, domain=r))
                for r, c in zip(page.items, page.cursors, strict=True)
            ],
            page_info=PageInfo.from_page(page),
            page=page,
        )
