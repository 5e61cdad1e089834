"""POST /media and GET /media/{key}: the bytes are checked, limits hold, nothing is left
half-written, and a report's media trust the store."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from domain.clock import FixedClock
from domain.reflections.media import STORED
from domain.reflections.model import MediaKind
from govgraph.container import Container
from govgraph.scheduler_jobs import media_jobs
from tests.api.reflection_factories import ReflectionWorld, build_reflection_world, submit
from tests.api.test_reflection_stats import _key as api_key
from tests.factories import Api

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(300)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
MINE = """
query Mine($code: String!) {
  reflectionByTrackingCode(code: $code) { media { kind url mimeType sizeBytes name } }
}"""


async def send(api: Api, body: Any, content_type: str, **params: str) -> httpx.Response:
    return await api.client.post(
        "/media", content=body, headers={"Content-Type": content_type}, params=params
    )


async def rows(container: Container, table: str) -> int:
    async with container.engine.connect() as conn:
        return int((await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


def stored_files(container: Container) -> list[Path]:
    directory = container.settings.media_dir
    return [p for p in directory.rglob("*") if p.is_file()] if directory.exists() else []


def code(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/json")
    result: str = response.json()["errors"][0]["extensions"]["code"]
    return result


async def test_a_photo_is_stored_and_served_back_unchanged(api: Api, container: Container) -> None:
    response = await send(api, JPEG, "image/jpeg", name="../đèn đường.jpg")
    assert response.status_code == 201, response.text
    media = response.json()
    key = media["url"].rsplit("/", 1)[1]
    assert media == {
        "kind": "PHOTO",
        "url": f"http://govgraph.test/media/{key}",
        "mimeType": "image/jpeg",
        "sizeBytes": len(JPEG),
        "name": "đèn đường.jpg",
    }
    assert [p.name for p in stored_files(container)] == [key]
    served = await api.client.get(f"/media/{key}")
    assert served.status_code == 200
    assert served.content == JPEG
    assert served.headers["content-type"] == "image/jpeg"
    assert served.headers["x-content-type-options"] == "nosniff"
    assert served.headers["content-disposition"] == (
        'inline; filename="den duong.jpg"; '
        "filename*=UTF-8''%C4%91%C3%A8n%20%C4%91%C6%B0%E1%BB%9Dng.jpg"
    )
    assert "max-age" in served.headers["cache-control"]
    head = await api.client.head(f"/media/{key}")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == str(len(JPEG))
    async with container.engine.connect() as conn:
        row = (await conn.execute(text("SELECT * FROM media_uploads"))).one()
    assert (row.kind, row.size_bytes, row.client_address, row.person_id) == (
        "PHOTO",
        len(JPEG),
        "10.1.2.3",
        None,
    )


@pytest.mark.parametrize(
    ("body", "content_type"),
    [(JPEG, "image/png"), (PDF, "image/jpeg"), (JPEG, "application/pdf"), (b"", "image/jpeg")],
)
async def test_bytes_that_are_not_the_declared_type_are_refused(
    api: Api, container: Container, body: bytes, content_type: str
) -> None:
    response = await send(api, body, content_type)
    assert response.status_code == 415
    assert code(response) == "MEDIA_REJECTED"
    assert stored_files(container) == []
    assert await rows(container, "media_uploads") == 0


async def chunks(size: int) -> AsyncIterator[bytes]:
    yield JPEG
    for _ in range(size // 1000):
        yield bytes(1000)


@pytest.mark.parametrize("streamed", [False, True])
async def test_a_file_over_its_kinds_limit_leaves_nothing(
    api: Api, container: Container, monkeypatch: pytest.MonkeyPatch, streamed: bool
) -> None:
    types, _ = STORED[MediaKind.PHOTO]
    monkeypatch.setitem(STORED, MediaKind.PHOTO, (types, 2000))  # the store's own limits
    body: Any = chunks(5000) if streamed else JPEG + bytes(5000)
    response = await send(api, body, "image/jpeg")
    assert response.status_code == 413
    assert code(response) == "PAYLOAD_TOO_LARGE"
    assert stored_files(container) == []
    assert await rows(container, "media_uploads") == 0
    assert (await send(api, JPEG, "image/jpeg")).status_code == 201


async def test_uploads_are_limited_per_client_address(api: Api, container: Container) -> None:
    container.settings = container.settings.model_copy(update={"media_uploads_per_hour": 2})
    for _ in range(2):
        assert (await send(api, JPEG, "image/jpeg")).status_code == 201
    refused = await send(api, JPEG, "image/jpeg")
    assert refused.status_code == 429
    assert code(refused) == "RATE_LIMITED"
    assert await rows(container, "media_uploads") == 2


async def test_uploads_sent_at_once_cannot_all_slip_under_the_limit(
    api: Api, container: Container
) -> None:
    container.settings = container.settings.model_copy(update={"media_uploads_per_hour": 3})

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(JPEG), 40):
            await asyncio.sleep(0)  # the bodies arrive interleaved
            yield JPEG[start : start + 40]

    sent = await asyncio.gather(*(send(api, chunks(), "image/jpeg") for _ in range(8)))
    assert sorted(r.status_code for r in sent) == [201] * 3 + [429] * 5
    assert await rows(container, "media_uploads") == 3
    assert len(stored_files(container)) == 3  # the refused ones left no file


async def test_unknown_and_malformed_keys_are_not_found(api: Api) -> None:
    uploaded = (await send(api, JPEG, "image/jpeg")).json()["url"]
    key = uploaded.rsplit("/", 1)[1]
    for path in (
        "/media/" + "A" * 32,
        "/media/..%2F..%2Fetc%2Fpasswd",
        "/media/%2E%2E/media_uploads",
        f"/media/.partial/{key}",
        f"/media/{key}%2F..%2F..%2Fgovgraph.db",
        f"/media/{key[:-1]}",
    ):
        response = await api.client.get(path)
        assert response.status_code == 404, path
        assert code(response) == "NOT_FOUND"


async def test_other_paths_keep_the_body_limit(api: Api) -> None:
    big = b"{" + b" " * 1_100_000 + b"}"
    response = await api.client.post(
        "/graphql", content=big, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert (await send(api, JPEG + bytes(1_100_000), "image/jpeg")).status_code == 201


@pytest.fixture
async def world(container: Container, api: Api) -> ReflectionWorld:
    return await build_reflection_world(container, api)


async def test_a_report_takes_the_stored_facts_over_the_clients_claims(
    world: ReflectionWorld, container: Container
) -> None:
    media = (await send(world.api, JPEG, "image/jpeg", name="a.jpg")).json()
    claimed = {**media, "kind": "VIDEO", "mimeType": "video/mp4", "sizeBytes": 7, "name": None}
    outside = {"kind": "PHOTO", "url": "https://cdn.example.vn/b.png", "mimeType": "image/png"}
    outside["sizeBytes"] = 50
    payload = await submit(world, media=[claimed, outside])
    assert payload["errors"] == []
    mine = await world.api.data(MINE, {"code": payload["trackingCode"]})
    assert mine["reflectionByTrackingCode"]["media"] == [
        {**media, "name": "a.jpg"},
        {**outside, "name": None},
    ]


async def test_an_unknown_key_in_a_report_is_refused_and_nothing_written(
    world: ReflectionWorld, container: Container
) -> None:
    url = "http://govgraph.test/media/" + "B" * 32
    item = {"kind": "PHOTO", "url": url, "mimeType": "image/jpeg", "sizeBytes": 10}
    payload = await submit(world, media=[item])
    assert payload["reflection"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("MEDIA_REJECTED", "media")]
    assert await rows(container, "reflections") == 0
    assert await rows(container, "reflection_events") == 0


async def test_a_signed_in_uploader_is_recorded_and_a_bad_token_refused(
    world: ReflectionWorld, container: Container
) -> None:
    api = await world.as_("an")
    signed = await api.client.post(
        "/media",
        content=JPEG,
        headers={"Content-Type": "image/jpeg", "Authorization": f"Bearer {api.token}"},
    )
    assert signed.status_code == 201
    async with container.engine.connect() as conn:
        person = (await conn.execute(text("SELECT person_id FROM media_uploads"))).scalar_one()
    assert person == world.made.people["an"]
    refused = await api.client.post(
        "/media", content=JPEG, headers={"Content-Type": "image/jpeg", "Authorization": "Bearer x"}
    )
    assert refused.status_code == 401
    assert code(refused) == "UNAUTHENTICATED"
    assert await rows(container, "media_uploads") == 1


async def test_an_api_key_is_read_only_and_sends_no_file(
    world: ReflectionWorld, container: Container
) -> None:
    key = await api_key(world, "HUE")
    refused = await world.api.client.post(
        "/media", content=JPEG, headers={"Content-Type": "image/jpeg", "X-API-Key": key}
    )
    assert refused.status_code == 403
    assert code(refused) == "FORBIDDEN"
    assert await rows(container, "media_uploads") == 0
    assert stored_files(container) == []


async def test_an_upload_belongs_to_the_one_report_that_took_it(
    world: ReflectionWorld, container: Container
) -> None:
    media = (await send(world.api, JPEG, "image/jpeg")).json()
    first = await submit(world, media=[media])
    assert first["errors"] == []
    again = await submit(world, media=[media], reporterPhone="0911 000 111")
    assert again["reflection"] is None
    assert [(e["code"], e["field"]) for e in again["errors"]] == [("MEDIA_REJECTED", "media")]
    assert await rows(container, "reflections") == 1
    async with container.engine.connect() as conn:
        taken = (await conn.execute(text("SELECT reflection_id FROM media_uploads"))).scalar_one()
    assert taken is not None


async def test_uploads_no_report_took_are_deleted_after_a_day(
    world: ReflectionWorld, container: Container, clock: FixedClock
) -> None:
    kept = (await send(world.api, JPEG, "image/jpeg")).json()
    dropped = (await send(world.api, JPEG, "image/jpeg")).json()
    assert (await submit(world, media=[kept]))["errors"] == []
    partial = container.settings.media_dir / ".partial" / "upload-cut-off"
    partial.write_bytes(JPEG[:10])  # an upload a crash cut off
    [job] = media_jobs(container)
    assert await job.run(clock.now()) == 0  # too young
    clock.instant += timedelta(hours=25)
    old = (clock.now() - timedelta(hours=25)).timestamp()
    os.utime(partial, (old, old))
    assert await job.run(clock.now()) == 1
    assert await job.run(clock.now()) == 0
    names = sorted(p.name for p in stored_files(container))
    assert names == [kept["url"].rsplit("/", 1)[1]]  # the dropped file and the partial: gone
    assert await rows(container, "media_uploads") == 1
    gone = await world.api.client.get(dropped["url"].replace("http://govgraph.test", ""))
    assert gone.status_code == 404
    served = await world.api.client.get(kept["url"].replace("http://govgraph.test", ""))
    assert served.content == JPEG


async def test_the_ioc_entering_reports_is_not_held_to_the_citizens_limit(
    world: ReflectionWorld, container: Container
) -> None:
    container.settings = container.settings.model_copy(update={"media_uploads_per_hour": 1})
    for key, expected in (("ioc", [201, 201, 201]), ("an", [201, 429, 429])):
        async with container.engine.begin() as conn:  # a fresh count per caller
            await conn.execute(text("DELETE FROM media_uploads"))
        api = await world.as_(key)
        headers = {"Content-Type": "image/jpeg", "Authorization": f"Bearer {api.token}"}
        sent = [
            (await api.client.post("/media", content=JPEG, headers=headers)).status_code
            for _ in range(3)
        ]
        assert sent == expected, key
