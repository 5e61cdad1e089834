"""Mutations of applicant accounts: register, verify and resend (anonymous, rate-limited per
client address), the applicant's requests, the account office's decisions."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from domain.applicants import model
from domain.applicants.commands import (
    ApplicantData,
    CountApplicantWrite,
    DataChanges,
    DecideApplicantRequest,
    RegisterApplicant,
    RequestAccountChange,
    ResendApplicantCode,
    VerifyApplicant,
    VerifyOutcome,
)
from domain.applicants.registration import within_rate
from domain.errors import DomainError
from schema.applicants import (
    ApplicantAccount,
    ApplicantRequest,
    ApplicantRequestKindType,
    VerifyChannelType,
)
from schema.catalog import ApplicantKindType
from schema.common import UserError, ctx_of, decode_id, dispatch, errors_of


@strawberry.input(description="What an applicant writes about itself")
class ApplicantDataInput:
    full_name: str = strawberry.field(
        description="The citizen's, organisation's or business's name"
    )
    identity_number: str = strawberry.field(
        description="Citizens: identity card number (12 digits, or 9); businesses: tax code "
        "(10 digits, a branch 10-3); organisations: their code"
    )
    address: str = strawberry.field(description="Postal address of the citizen or organisation")
    email: str | None = strawberry.field(default=None, description="Email address")
    phone: str | None = strawberry.field(default=None, description="Phone number")
    date_of_birth: date | None = strawberry.field(
        default=None, description="Date of birth (citizens)"
    )
    representative: str | None = strawberry.field(
        default=None,
        description="The legal representative (required for organisations, businesses)",
    )


@strawberry.input(description="Account data to change; null leaves a field as it is")
class ApplicantChangesInput:
    full_name: str | None = strawberry.field(default=None, description="New name")
    identity_number: str | None = strawberry.field(default=None, description="New identity number")
    address: str | None = strawberry.field(default=None, description="New address")
    email: str | None = strawberry.field(default=None, description="New email address")
    phone: str | None = strawberry.field(default=None, description="New phone number")
    date_of_birth: date | None = strawberry.field(default=None, description="New date of birth")
    representative: str | None = strawberry.field(
        default=None, description="New legal representative"
    )


@strawberry.type(description="An applicant account after the change, or why not")
class ApplicantAccountPayload:
    account: ApplicantAccount | None = strawberry.field(description="The account")
    errors: list[UserError] = strawberry.field(description="Why not; empty on success")

    @classmethod
    def of(cls, result: model.Applicant | DomainError) -> ApplicantAccountPayload:
        """The payload of a command's result."""
        if isinstance(result, DomainError):
            return cls(account=None, errors=errors_of(result))
        return cls(account=ApplicantAccount.from_domain(result), errors=[])


@strawberry.type(description="Done, or why not (says nothing about whether a login exists)")
class ApplicantCodePayload:
    ok: bool = strawberry.field(description="True when the request was taken")
    errors: list[UserError] = strawberry.field(description="Why not; empty on success")


@strawberry.type(description="A request to the account office, or why not")
class ApplicantRequestPayload:
    request: ApplicantRequest | None = strawberry.field(description="The request")
    errors: list[UserError] = strawberry.field(description="Why not; empty on success")

    @classmethod
    def of(cls, result: model.ApplicantRequest | DomainError) -> ApplicantRequestPayload:
        """The payload of a command's result."""
        if isinstance(result, DomainError):
            return cls(request=None, errors=errors_of(result))
        return cls(request=ApplicantRequest(id=result.id, domain=result), errors=[])


async def _counted(info: Info, purpose: str) -> DomainError | None:
    """Count an anonymous write against the client address; the refusal when over the limit."""
    counted = await dispatch(
        info, lambda: CountApplicantWrite(ctx_of(info).client_address, purpose)
    )
    if isinstance(counted, DomainError):
        return counted
    try:
        within_rate(counted, purpose)
    except DomainError as error:
        return error
    return None


@strawberry.type
class ApplicantMutations:
    @strawberry.mutation(
        description="Register a public-service account (anyone; rate-limited per address). "
        "A 6-digit code goes to the email or phone chosen; confirm it with verifyApplicant "
        "within 7 days, or the registration is deleted. A taken login: DUPLICATE_LOGIN."
    )
    async def register_applicant(
        self,
        info: Info,
        login: Annotated[str, strawberry.argument(description="The sign-in name you choose")],
        password: Annotated[str, strawberry.argument(description="At least 8 characters")],
        kind: Annotated[ApplicantKindType, strawberry.argument(description="Who registers")],
        data: Annotated[ApplicantDataInput, strawberry.argument(description="Account data")],
        verify_channel: Annotated[
            VerifyChannelType, strawberry.argument(description="Where the code goes")
        ],
    ) -> ApplicantAccountPayload:
        refused = await _counted(info, "register")
        if refused is not None:
            return ApplicantAccountPayload.of(refused)
        d = data
        return ApplicantAccountPayload.of(
            await dispatch(
                info,
                lambda: RegisterApplicant(
                    login,
                    password,
                    kind,
                    ApplicantData(
                        d.full_name,
                        d.identity_number,
                        d.address,
                        d.email,
                        d.phone,
                        d.date_of_birth,
                        d.representative,
                    ),
                    verify_channel,
                    ctx_of(info).auth,
                ),
            )
        )

    @strawberry.mutation(
        description="Confirm the code sent at registration (anyone; rate-limited): the account "
        "signs in from now on and waits for the account office's approval (1 working day). "
        "A wrong or expired code: INVALID_CODE; the fifth wrong code voids it."
    )
    async def verify_applicant(
        self,
        info: Info,
        login: Annotated[str, strawberry.argument(description="The login registered")],
        code: Annotated[str, strawberry.argument(description="The 6-digit code received")],
    ) -> ApplicantAccountPayload:
        refused = await _counted(info, "verify")
        if refused is not None:
            return ApplicantAccountPayload.of(refused)
        result = await dispatch(info, lambda: VerifyApplicant(login, code))
        if not isinstance(result, VerifyOutcome):
            return ApplicantAccountPayload.of(result)
        if result.error is not None:
            return ApplicantAccountPayload.of(result.error)
        assert result.applicant is not None
        return ApplicantAccountPayload.of(result.applicant)

    @strawberry.mutation(
        description="Send a new code to an unverified registration, at most once a minute "
        "(anyone; rate-limited). Answers the same whether the login exists or not."
    )
    async def resend_applicant_code(
        self,
        info: Info,
        login: Annotated[str, strawberry.argument(description="The login registered")],
    ) -> ApplicantCodePayload:
        refused = await _counted(info, "resend")
        result = refused or await dispatch(info, lambda: ResendApplicantCode(login))
        return ApplicantCodePayload(
            ok=not isinstance(result, DomainError), errors=errors_of(result)
        )

    @strawberry.mutation(
        description="The signed-in applicant asks the account office to EDIT its data "
        "(`changes`), SUSPEND, CANCEL or REACTIVATE its account; decided within 1 working "
        "day. One request at a time."
    )
    async def request_applicant_account_change(
        self,
        info: Info,
        kind: Annotated[ApplicantRequestKindType, strawberry.argument(description="What to ask")],
        reason: Annotated[
            str | None, strawberry.argument(description="Why (told to the office)")
        ] = None,
        changes: Annotated[
            ApplicantChangesInput | None, strawberry.argument(description="EDIT: the new data")
        ] = None,
        version: Annotated[
            int | None, strawberry.argument(description="The account's version you read")
        ] = None,
    ) -> ApplicantRequestPayload:
        c = changes
        edit = (
            DataChanges(
                c.full_name,
                c.identity_number,
                c.address,
                c.email,
                c.phone,
                c.date_of_birth,
                c.representative,
            )
            if c is not None
            else None
        )
        return ApplicantRequestPayload.of(
            await dispatch(info, lambda: RequestAccountChange(kind, version, reason, edit))
        )

    @strawberry.mutation(
        description="The account office approves or refuses a request (a refusal needs a "
        "`note`, told to the applicant by email); approval moves the account (or applies the "
        "edit). ACCOUNT_OFFICE or a province ADMIN."
    )
    async def decide_applicant_request(
        self,
        info: Info,
        request_id: Annotated[strawberry.ID, strawberry.argument(description="The request")],
        approve: Annotated[bool, strawberry.argument(description="True approves, false refuses")],
        note: Annotated[
            str | None, strawberry.argument(description="The reason, told to the applicant")
        ] = None,
        version: Annotated[
            int | None, strawberry.argument(description="The request's version you read")
        ] = None,
    ) -> ApplicantRequestPayload:
        return ApplicantRequestPayload.of(
            await dispatch(
                info,
                lambda: DecideApplicantRequest(
                    decode_id(request_id, "ApplicantRequest", "requestId"), version, approve, note
                ),
            )
        )
