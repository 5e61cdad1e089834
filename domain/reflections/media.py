"""Photos and videos: allowed types and sizes (metadata only; files live in the media store).

`ALLOWED` is what a field report takes; the store also keeps PDF documents for dossiers
(`STORED`), which a report refuses."""

from __future__ import annotations

import json
from collections.abc import Sequence

from domain.errors import DomainError, ErrorCode
from domain.reflections.model import Media, MediaKind
from domain.text import clean_optional, clean_text

MAX_ITEMS = 10
ALLOWED: dict[MediaKind, tuple[frozenset[str], int]] = {
    MediaKind.PHOTO: (
        frozenset({"image/jpeg", "image/png", "image/webp", "image/heic"}),
        10 * 1024 * 1024,
    ),
    MediaKind.VIDEO: (
        frozenset({"video/mp4", "video/quicktime", "video/webm"}),
        100 * 1024 * 1024,
    ),
}


STORED: dict[MediaKind, tuple[frozenset[str], int]] = {
    **ALLOWED,
    MediaKind.DOCUMENT: (frozenset({"application/pdf"}), 20 * 1024 * 1024),
}
"""What the media store accepts: a report's photos and videos, a dossier's PDF documents."""


def _refuse(message: str) -> DomainError:
    return DomainError(ErrorCode.MEDIA_REJECTED, message, "media")


def check_media(items: Sequence[Media]) -> list[Media]:
    """The cleaned list, or MEDIA_REJECTED naming what is wrong."""
    if len(items) > MAX_ITEMS:
        raise _refuse(f"At most {MAX_ITEMS} photos and videos")
    cleaned: list[Media] = []
    for item in items:
        if item.kind not in ALLOWED:
            raise _refuse("A report takes photos and videos only")
        types, limit = ALLOWED[item.kind]
        mime = item.mime_type.strip().lower()
        if mime not in types:
            allowed = ", ".join(sorted(types))
            raise _refuse(f"A {item.kind.lower()} must be one of {allowed}, not {mime}")
        if item.size_bytes <= 0 or item.size_bytes > limit:
            raise _refuse(f"A {item.kind.lower()} must be at most {limit // (1024 * 1024)} MB")
        url = clean_text(item.url, field="media.url", max_length=1000, required=True)
        if not url.startswith(("https://", "http://")):
            raise _refuse("A media URL must be http(s)")
        name = clean_optional(item.name, field="media.name", max_length=255)
        cleaned.append(Media(item.kind, url, mime, item.size_bytes, name))
    return cleaned


def dump_media(items: Sequence[Media]) -> str:
    """The stored JSON form."""
    return json.dumps(
        [
            {
                "kind": m.kind.value,
                "url": m.url,
                "mimeType": m.mime_type,
                "sizeBytes": m.size_bytes,
                "name": m.name,
            }
            for m in items
        ],
        ensure_ascii=False,
    )


def load_media(stored: str) -> list[Media]:
    """Back from the stored JSON form."""
    return [
        Media(MediaKind(d["kind"]), d["url"], d["mimeType"], int(d["sizeBytes"]), d.get("name"))
        for d in json.loads(stored or "[]")
    ]
