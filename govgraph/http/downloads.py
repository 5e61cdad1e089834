"""File downloads over HTTP with the same credentials as /graphql (Bearer token or X-API-Key):
aggregated periodic reports as DOCX, PDF or XLSX; a dossier's apology letters as PDF."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from domain.errors import DomainError, ErrorCode, RateLimited
from govgraph.container import Container
from govgraph.exports.letter_pdf import letter_pdf
from govgraph.exports.report_files import MEDIA_TYPES, RENDERERS, view_of
from govgraph.http.callers import client_address, credentials
from govgraph.http.errors import JSON, error_body
from persistence.database import close_when_idle
from resolvers.context import RequestContext
from resolvers.reports.reports import aggregate_for_download

_STATUS = {
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.OUT_OF_SCOPE: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.UNKNOWN_REPORT_TYPE: 404,
    ErrorCode.MEDIA_REJECTED: 415,
    ErrorCode.RATE_LIMITED: 429,
}


class Refused(Exception):
    """An HTTP refusal with a GraphQL-style error body."""

    def __init__(self, status: int, message: str, code: str) -> None:
        super().__init__(message)
        self.response = Response(error_body(message, code), status_code=status, media_type=JSON)


def refusal(error: DomainError) -> Response:
    """A domain refusal as a JSON error response with a fitting status."""
    status = _STATUS.get(error.code, 400)
    extensions: dict[str, object] = {"field": error.field}
    headers = {}
    if isinstance(error, RateLimited):  # every 429 says when to come back
        extensions["retryAfter"] = error.retry_after_seconds
        headers["Retry-After"] = str(error.retry_after_seconds)
    return Response(
        error_body(error.message, error.code.value, **extensions),
        status_code=status,
        media_type=JSON,
        headers=headers,
    )


@asynccontextmanager
async def request_context(container: Container, request: Request) -> AsyncIterator[RequestContext]:
    """The caller's context for one download, on its own read session."""
    bearer, api_key = credentials(request.headers)
    principal = await container.principal(bearer=bearer, api_key=api_key)
    if principal is None:
        raise Refused(401, "Invalid, expired or revoked credentials", "UNAUTHENTICATED")
    if principal.password_change_required:
        raise Refused(
            403, "Change your password first (changePassword)", "PASSWORD_CHANGE_REQUIRED"
        )
    session = container.read_sessions()
    try:
        yield container.request_context(
            principal=principal,
            session=session,
            client_address=client_address(request),
            request_id=str(request.scope.get("state", {}).get("request_id", "-")),
            raw_token=bearer,
        )
    finally:
        await close_when_idle(session)


def attachment(name: str) -> str:
    """A Content-Disposition header value for a download."""
    return f"attachment; filename*=UTF-8''{quote(name)}"


async def report_file(request: Request) -> Response:
    """GET /reports/{code}/{period}.{docx|pdf|xlsx}?unit={unit code}."""
    container: Container = request.app.state.container
    code = request.path_params["code"]
    period = request.path_params["period"]
    fmt = request.path_params["fmt"]
    unit = request.query_params.get("unit", "")
    if fmt not in RENDERERS:
        return Response(
            error_body("Use .docx, .pdf or .xlsx", "INVALID_INPUT"),
            status_code=404,
            media_type=JSON,
        )
    try:
        async with request_context(container, request) as ctx:
            found, names = await aggregate_for_download(ctx, code, period, unit)
            above = found.unit.parent_id
            parents = await ctx.reader.units_by_ids([above]) if above is not None else []
            today = ctx.today()
    except Refused as refused:
        return refused.response
    except DomainError as error:
        return refusal(error)
    settings = container.settings
    view = view_of(
        found,
        names,
        settings.time_zone,
        parent=parents[0] if parents else None,
        place=settings.document_place,
        today=today,
    )
    body = RENDERERS[fmt](view)
    return Response(
        body,
        media_type=MEDIA_TYPES[fmt],
        headers={
            "Content-Disposition": attachment(f"{found.report_type.code}-{period}-{unit}.{fmt}")
        },
    )


async def apology_file(request: Request) -> Response:
    """GET /dossiers/apologies/{id}.pdf: an apology letter, to whoever may see its dossier."""
    container: Container = request.app.state.container
    raw = str(request.path_params["id"])
    letter_id = int(raw) if raw.isdigit() and len(raw) < 19 else None
    try:
        async with request_context(container, request) as ctx:
            letter = await ctx.dossiers.apology(letter_id) if letter_id else None
            dossier = await ctx.dossier_loaders.visible(letter.dossier_id) if letter else None
            if letter is None or dossier is None:
                raise DomainError(ErrorCode.NOT_FOUND, "No such letter", "id")
            [agency] = await ctx.reader.units_by_ids([letter.unit_id])
            above = agency.parent_id
            parents = await ctx.reader.units_by_ids([above]) if above is not None else []
            today = ctx.today()
    except Refused as refused:
        return refused.response
    except DomainError as error:
        return refusal(error)
    body = letter_pdf(
        letter.text,
        agency=agency,
        parent=parents[0] if parents else None,
        place=container.settings.document_place,
        day=today,
    )
    name = f"thu-xin-loi-{dossier.tracking_code}.pdf"
    return Response(
        body, media_type=MEDIA_TYPES["pdf"], headers={"Content-Disposition": attachment(name)}
    )
