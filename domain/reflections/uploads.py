"""Uploaded photos and videos: what the bytes are, how they are named, and how a report's
media trust the store over the client's claims."""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from domain.errors import DomainError, ErrorCode, RateLimited
from domain.permissions import Principal, enters_reports
from domain.reflections.media import STORED
from domain.reflections.model import Media, MediaKind
from domain.text import clean_optional

RATE_WINDOW = timedelta(hours=1)
"""The sliding window of the per-address upload limit."""

KEY = re.compile(r"[A-Za-z0-9_-]{32}")
"""A store key: `secrets.token_urlsafe(24)`, 192 random bits; nothing else is a key."""
PATH = "/media/"
HEAD_BYTES = 32
"""How many leading bytes `sniff` needs."""
MAX_BYTES = max(limit for _, limit in STORED.values())

_HEIC = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_MP4 = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash"}
_MP4 |= {b"M4VH", b"M4VP", b"MSNV", b"3gp4", b"3gp5", b"3g2a", b"f4v "}


@dataclass(frozen=True)
class MediaUpload:
    """A file received by the media store."""

    key: str
    kind: MediaKind
    mime_type: str
    size_bytes: int
    sha256: str
    name: str | None
    uploaded_at: datetime
    client_address: str
    person_id: int | None = None
    reflection_id: int | None = None  # the report that took it; None: not attached yet
    dossier_id: int | None = None  # the dossier that took it (a component); None: not yet


class MediaUploadRepository(Protocol):
    """Where uploads are recorded."""

    async def add(self, upload: MediaUpload) -> None: ...
    async def get(self, key: str) -> MediaUpload | None: ...
    async def get_many(self, keys: Sequence[str]) -> dict[str, MediaUpload]: ...
    async def count_from(self, client_address: str, since: datetime) -> int:
        """Uploads from the address since `since`."""
        ...

    async def nth_from(self, client_address: str, since: datetime, n: int) -> datetime | None:
        """When the n-th oldest (1: the oldest) upload from the address since `since` was
        made; None when there are fewer."""
        ...

    async def hold_address(self, client_address: str) -> None:
        """Until the transaction ends, other uploads from the address wait to be recorded."""
        ...

    async def attach(self, keys: Sequence[str], reflection_id: int) -> int:
        """Give the not yet attached uploads among `keys` to the report; how many were."""
        ...

    async def expire_unattached(self, before: datetime, limit: int) -> list[str]:
        """Delete the records of uploads no report took, uploaded before `before`; their keys
        (the files are the caller's to remove)."""
        ...


def refuse(message: str) -> DomainError:
    """MEDIA_REJECTED on the media field."""
    return DomainError(ErrorCode.MEDIA_REJECTED, message, "media")


def new_key() -> str:
    """A fresh, unguessable store key."""
    return secrets.token_urlsafe(24)


def is_key(text: str) -> bool:
    """Whether `text` has the exact shape of a store key (no dots, no slashes)."""
    return KEY.fullmatch(text) is not None


def sniff(head: bytes) -> str | None:
    """The media type the leading bytes show, or None for anything not allowed."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIC:
            return "image/heic"
        if brand == b"qt  ":
            return "video/quicktime"
        if brand in _MP4:
            return "video/mp4"
    return None


def kind_of(mime_type: str) -> MediaKind | None:
    """The kind an allowed media type belongs to."""
    return next((kind for kind, (types, _) in STORED.items() if mime_type in types), None)


def declared(content_type: str) -> tuple[MediaKind, str]:
    """The kind and bare media type of a Content-Type header, or MEDIA_REJECTED."""
    mime = content_type.split(";", 1)[0].strip().lower()
    kind = kind_of(mime)
    if kind is None:
        allowed = ", ".join(sorted(t for types, _ in STORED.values() for t in types))
        raise refuse(f"Content-Type must be one of {allowed}")
    return kind, mime


def check_bytes(head: bytes, mime_type: str) -> None:
    """MEDIA_REJECTED unless the bytes are what the sender declared."""
    found = sniff(head)
    if found != mime_type:
        shown = found or "not an allowed photo, video or PDF"
        raise refuse(f"The file is {shown}, not {mime_type}")


def clean_name(name: str | None) -> str | None:
    """The file name as kept: no path, no control characters, at most 255 characters."""
    if name is None:
        return None
    base = re.split(r"[\\/]", name)[-1]
    return clean_optional(base, field="name", max_length=255)


def hourly_limit(uploader: Principal, per_hour: int) -> int | None:
    """Uploads an address may send in an hour; None (no limit) for the IOC, who enters
    citizens' reports with their photos, often from one office address."""
    return None if enters_reports(uploader) else per_hour


async def check_rate(
    uploads: MediaUploadRepository, client_address: str, now: datetime, per_hour: int | None
) -> None:
    """RATE_LIMITED when the address has uploaded `per_hour` files in the last hour (asked
    before the body is read, so a refused client sends nothing in vain)."""
    if per_hour is None:
        return
    since = now - RATE_WINDOW
    counted = await uploads.count_from(client_address, since)
    if counted >= per_hour:
        raise await _too_many(uploads, client_address, since, counted - per_hour + 1, now)


async def record(uploads: MediaUploadRepository, upload: MediaUpload, per_hour: int | None) -> None:
    """Record the upload unless it goes over the address's hourly limit: written first, then
    counted with the address held (the caller's transaction rolls back on a refusal), so
    uploads sent at once cannot all slip under it."""
    await uploads.hold_address(upload.client_address)
    await uploads.add(upload)  # on SQLite the write comes first: it takes the write lock
    if per_hour is None:
        return
    address, now = upload.client_address, upload.uploaded_at
    counted = await uploads.count_from(address, now - RATE_WINDOW)
    if counted > per_hour:
        raise await _too_many(uploads, address, now - RATE_WINDOW, counted - per_hour, now)


async def _too_many(
    uploads: MediaUploadRepository, address: str, since: datetime, over: int, now: datetime
) -> RateLimited:
    """The refusal, with when the window frees: once `over` uploads have left it, that is
    when the `over`-th oldest in it turns an hour old."""
    leaving = await uploads.nth_from(address, since, over)
    wait = leaving + RATE_WINDOW - now if leaving is not None else RATE_WINDOW
    return RateLimited("Too many uploads from this address; try again later", wait.total_seconds())


async def attach_stored(
    uploads: MediaUploadRepository, items: Sequence[Media], bases: Sequence[str], reflection_id: int
) -> None:
    """Give the report the uploads its media name; MEDIA_REJECTED when another report took
    one meanwhile (the caller's transaction then writes nothing)."""
    keys = sorted({key for item in items if (key := stored_key(item.url, bases)) is not None})
    if keys and await uploads.attach(keys, reflection_id) != len(keys):
        raise refuse("This file belongs to another report")


def url_of(base: str, key: str) -> str:
    """The public URL of a stored file."""
    return f"{base.rstrip('/')}{PATH}{key}"


def stored_key(url: str, bases: Sequence[str]) -> str | None:
    """The store key a URL names when it points at this server's store; None otherwise.
    A URL under the store that is no key is refused."""
    for base in bases:
        prefix = url_of(base, "")
        if url.startswith(prefix):
            key = url[len(prefix) :]
            if not is_key(key):
                raise refuse("Unknown uploaded file")
            return key
    return None


async def trust_store(
    uploads: MediaUploadRepository, items: Sequence[Media], bases: Sequence[str]
) -> list[Media]:
    """The items, those in this server's store with the stored kind, type and size (the
    client's claims are ignored); MEDIA_REJECTED for a key the store does not know."""
    keys = {item.url: stored_key(item.url.strip(), bases) for item in items}
    wanted = [key for key in keys.values() if key is not None]
    found = await uploads.get_many(wanted) if wanted else {}
    trusted: list[Media] = []
    for item in items:
        key = keys[item.url]
        if key is None:
            trusted.append(item)
            continue
        upload = found.get(key)
        if upload is None:
            raise refuse("Unknown uploaded file")
        if upload.reflection_id is not None or upload.dossier_id is not None:
            raise refuse("This file belongs to another report")
        trusted.append(
            replace(
                item,
                kind=upload.kind,
                url=item.url.strip(),
                mime_type=upload.mime_type,
                size_bytes=upload.size_bytes,
                name=item.name if item.name is not None else upload.name,
            )
        )
    return trusted
