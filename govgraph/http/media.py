"""The media store over HTTP: POST /media (a photo or video as the request body, anyone may
send, limited per client address) and GET /media/{key} (the stored file)."""

from __future__ import annotations

import re
from typing import cast
from urllib.parse import quote

import anyio
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response

from domain.errors import DomainError
from domain.reflections.commands import RecordUpload
from domain.reflections.media import STORED
from domain.reflections.ports import ReflectionUnitOfWork
from domain.reflections.uploads import (
    MediaUpload,
    check_bytes,
    check_rate,
    clean_name,
    declared,
    hourly_limit,
    is_key,
    new_key,
    url_of,
)
from domain.text import fold
from govgraph.container import Container
from govgraph.http.callers import client_address, credentials
from govgraph.http.downloads import refusal
from govgraph.http.errors import JSON, error_body
from govgraph.media_files import TooLarge, path_of, place, receive
from resolvers.dispatch import PlainRequest, admit, execute

CACHE = "private, max-age=31536000, immutable"
"""A key names one file forever; `private`: the URL is a capability, not for shared caches."""
_UNSAFE = re.compile(r'[^\x20-\x7e]|["\\]')


def _error(status: int, message: str, code: str) -> Response:
    headers = {"Connection": "close"} if status == 413 else None
    return Response(error_body(message, code), status_code=status, media_type=JSON, headers=headers)


def _too_large(limit: int) -> Response:
    return _error(413, f"A file of this kind may be at most {limit} bytes", "PAYLOAD_TOO_LARGE")


async def upload(request: Request) -> Response:
    """POST /media?name=: store the body if its bytes are the declared photo or video."""
    container: Container = request.app.state.container
    settings = container.settings
    try:
        kind, mime = declared(request.headers.get("content-type", ""))
        name = clean_name(request.query_params.get("name"))
    except DomainError as error:
        return refusal(error)
    bearer, api_key = credentials(request.headers)
    principal = await container.principal(bearer=bearer, api_key=api_key)
    if principal is None:
        return _error(401, "Invalid, expired or revoked credentials", "UNAUTHENTICATED")
    address, now, limit = client_address(request), container.clock.now(), STORED[kind][1]
    per_hour = hourly_limit(principal, settings.media_uploads_per_hour)
    try:  # asked before the body is read, so a refused client sends nothing in vain
        admit(principal, sign_in=RecordUpload.sign_in)
        async with container.uow() as uow:
            await check_rate(cast(ReflectionUnitOfWork, uow).media, address, now, per_hour)
    except DomainError as error:
        return refusal(error)
    if int(request.headers.get("content-length") or 0) > limit:
        return _too_large(limit)
    directory = settings.media_dir
    try:
        received = await receive(request.stream(), directory, limit, lambda h: check_bytes(h, mime))
    except TooLarge:
        return _too_large(limit)
    except DomainError as error:
        return refusal(error)
    key = new_key()
    upload = MediaUpload(
        key, kind, mime, received.size, received.sha256, name, now, address, principal.person_id
    )
    final = path_of(directory, key)  # the file is kept only if its record commits
    plain = PlainRequest(principal, container.calendars, container.uow, container.clock)
    try:
        place(received, directory, key)
        recorded = await execute(plain, RecordUpload(upload, per_hour))
    except BaseException:
        final.unlink(missing_ok=True)
        raise
    finally:
        received.path.unlink(missing_ok=True)
    if isinstance(recorded, DomainError):
        final.unlink(missing_ok=True)
        return refusal(recorded)
    base = settings.media_public_url or str(request.base_url)
    body = {
        "kind": kind.value,
        "url": url_of(base, key),
        "mimeType": mime,
        "sizeBytes": received.size,
        "name": name,
    }
    return JSONResponse(body, status_code=201)


def inline(name: str | None) -> str:
    """A Content-Disposition value: inline, an ASCII fallback and the UTF-8 name (RFC 5987)."""
    if not name:
        return "inline"
    fallback = _UNSAFE.sub("_", fold(name))  # ASCII: "Đèn.jpg" -> "den.jpg"
    return f"inline; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


async def download(request: Request) -> Response:
    """GET or HEAD /media/{key}: the stored file, as recorded; 404 for anything else."""
    container: Container = request.app.state.container
    key = str(request.path_params.get("key", ""))
    found = None
    if is_key(key):
        async with container.uow() as uow:
            found = await cast(ReflectionUnitOfWork, uow).media.get(key)
    path = path_of(container.settings.media_dir, key) if found is not None else None
    if found is None or path is None or not await anyio.Path(path).is_file():
        return _error(404, "No such file", "NOT_FOUND")
    return FileResponse(
        path,
        media_type=found.mime_type,
        headers={
            "X-Content-Type-Options": "nosniff",
            "Content-Disposition": inline(found.name),
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": CACHE,
        },
    )
