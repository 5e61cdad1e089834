"""The media store's rules: what the bytes are, keys, names, and trusting the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.errors import DomainError, ErrorCode
from domain.reflections.model import Media, MediaKind
from domain.reflections.uploads import (
    MediaUpload,
    check_bytes,
    check_rate,
    clean_name,
    declared,
    is_key,
    new_key,
    sniff,
    stored_key,
    trust_store,
)
from tests.unit.reflection_fakes import FakeMediaUploads

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(20)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(20)
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(20)
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01" + bytes(20)


def ftyp(brand: bytes) -> bytes:
    return b"\x00\x00\x00\x18ftyp" + brand + b"\x00\x00\x00\x00" + bytes(20)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (JPEG, "image/jpeg"),
        (PNG, "image/png"),
        (WEBP, "image/webp"),
        (ftyp(b"heic"), "image/heic"),
        (ftyp(b"mif1"), "image/heic"),
        (ftyp(b"isom"), "video/mp4"),
        (ftyp(b"mp42"), "video/mp4"),
        (ftyp(b"M4V "), "video/mp4"),
        (ftyp(b"qt  "), "video/quicktime"),
        (WEBM, "video/webm"),
        (b"%PDF-1.7\n" + bytes(20), "application/pdf"),  # a dossier's document
        (b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(20), None),
        (ftyp(b"crx "), None),
        (b"MZ\x90\x00", None),
        (b"", None),
        (b"\xff\xd8", None),
    ],
)
def test_sniffing_names_allowed_types_by_their_magic_numbers(
    head: bytes, expected: str | None
) -> None:
    assert sniff(head[:32]) == expected


def test_the_bytes_must_be_what_was_declared() -> None:
    check_bytes(JPEG, "image/jpeg")
    with pytest.raises(DomainError) as refused:
        check_bytes(JPEG, "image/png")
    assert refused.value.code is ErrorCode.MEDIA_REJECTED
    with pytest.raises(DomainError):
        check_bytes(b"%PDF-1.7", "image/jpeg")


def test_declared_types() -> None:
    assert declared("image/JPEG; charset=binary") == (MediaKind.PHOTO, "image/jpeg")
    assert declared("video/webm") == (MediaKind.VIDEO, "video/webm")
    assert declared("application/pdf") == (MediaKind.DOCUMENT, "application/pdf")
    for bad in ("application/msword", "", "image/svg+xml", "text/html"):
        with pytest.raises(DomainError) as refused:
            declared(bad)
        assert refused.value.code is ErrorCode.MEDIA_REJECTED


def test_keys_are_random_and_strictly_shaped() -> None:
    key = new_key()
    assert is_key(key)
    assert key != new_key()
    for bad in ("", "../etc/passwd", key[:-1], key + "A", key[:-2] + "/.", key[:-1] + "."):
        assert not is_key(bad)


def test_names_lose_their_path_and_control_characters() -> None:
    assert clean_name(None) is None
    assert clean_name("../../etc/ảnh đèn.jpg") == "ảnh đèn.jpg"
    assert clean_name("C:\\Users\\x\\a.png") == "a.png"
    with pytest.raises(DomainError):
        clean_name("a" * 256)


def test_only_urls_under_this_servers_store_are_looked_up() -> None:
    key = new_key()
    bases = ("https://media.hue.gov.vn", "http://govgraph.test")
    assert stored_key(f"https://media.hue.gov.vn/media/{key}", bases) == key
    assert stored_key(f"http://govgraph.test/media/{key}", bases) == key
    assert stored_key(f"https://elsewhere.vn/media/{key}", bases) is None
    with pytest.raises(DomainError):
        stored_key("http://govgraph.test/media/../secret", bases)


def upload(key: str, address: str = "10.0.0.1", at: datetime = NOW) -> MediaUpload:
    return MediaUpload(key, MediaKind.PHOTO, "image/png", 1234, "0" * 64, "a.png", at, address)


async def test_stored_media_replace_the_clients_claims() -> None:
    store = FakeMediaUploads()
    key = new_key()
    await store.add(upload(key))
    url = f"http://govgraph.test/media/{key}"
    claimed = Media(MediaKind.VIDEO, url, "video/mp4", 1, None)
    outside = Media(MediaKind.PHOTO, "https://cdn.vn/a.jpg", "image/jpeg", 99)
    trusted = await trust_store(store, [claimed, outside], ("http://govgraph.test",))
    assert trusted == [Media(MediaKind.PHOTO, url, "image/png", 1234, "a.png"), outside]
    unknown = Media(MediaKind.PHOTO, f"http://govgraph.test/media/{new_key()}", "image/png", 1)
    with pytest.raises(DomainError) as refused:
        await trust_store(store, [unknown], ("http://govgraph.test",))
    assert refused.value.code is ErrorCode.MEDIA_REJECTED


async def test_uploads_are_limited_per_address_and_hour() -> None:
    store = FakeMediaUploads()
    await store.add(upload(new_key(), at=NOW - timedelta(hours=2)))
    await store.add(upload(new_key()))
    await store.add(upload(new_key(), address="10.0.0.2"))
    await check_rate(store, "10.0.0.1", NOW, 2)
    await store.add(upload(new_key()))
    with pytest.raises(DomainError) as refused:
        await check_rate(store, "10.0.0.1", NOW, 2)
    assert refused.value.code is ErrorCode.RATE_LIMITED
