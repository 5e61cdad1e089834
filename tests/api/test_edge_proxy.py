"""Behind a reverse proxy: the client address comes from X-Forwarded-For only when the
connection comes from a trusted proxy (FORWARDED_ALLOW_IPS), and every per-address limit
counts that address. Every 429 says when to come back (Retry-After)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest

from domain.clock import FixedClock
from govgraph.app import create_app
from govgraph.container import Container
from tests.factories import LOGIN, PASSWORD, Province

PROXY = "10.1.2.3"  # the address the ASGI test transport connects from
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(300)


def client(container: Container, trusted: str) -> httpx.AsyncClient:
    settings = container.settings.model_copy(
        update={"forwarded_allow_ips": trusted, "media_uploads_per_hour": 2}
    )
    app = create_app(settings, container)
    container.settings = settings
    transport = httpx.ASGITransport(app=app, client=(PROXY, 5000))
    return httpx.AsyncClient(transport=transport, base_url="http://govgraph.test")


@pytest.fixture
async def behind_proxy(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with client(container, f"127.0.0.1, {PROXY}") as http:
        yield http


@pytest.fixture
async def no_proxy(container: Container) -> AsyncIterator[httpx.AsyncClient]:
    async with client(container, "") as http:
        yield http


async def upload(http: httpx.AsyncClient, forwarded_for: str) -> httpx.Response:
    headers = {"Content-Type": "image/jpeg", "X-Forwarded-For": forwarded_for}
    return await http.post("/media", content=JPEG, headers=headers)


async def test_uploads_are_counted_per_forwarded_address(behind_proxy: httpx.AsyncClient) -> None:
    for _ in range(2):
        assert (await upload(behind_proxy, "203.0.113.7")).status_code == 201
    assert (await upload(behind_proxy, "203.0.113.7")).status_code == 429
    # another citizen behind the same proxy is not held by the first one's uploads
    assert (await upload(behind_proxy, "198.51.100.9")).status_code == 201
    # the proxy appends the address it saw: a header the client forged does not help
    forged = await upload(behind_proxy, "198.51.100.200, 203.0.113.7")
    assert forged.status_code == 429


async def test_forwarded_for_is_ignored_without_trusted_proxies(
    no_proxy: httpx.AsyncClient,
) -> None:
    for n in range(2):
        assert (await upload(no_proxy, f"203.0.113.{n}")).status_code == 201
    refused = await upload(no_proxy, "203.0.113.99")  # all count against the connection
    assert refused.status_code == 429


async def test_media_urls_follow_the_forwarded_scheme(behind_proxy: httpx.AsyncClient) -> None:
    headers = {"Content-Type": "image/jpeg", "X-Forwarded-Proto": "https"}
    response = await behind_proxy.post("/media", content=JPEG, headers=headers)
    assert response.json()["url"].startswith("https://govgraph.test/media/")


async def test_failed_sign_ins_are_counted_per_forwarded_address(
    container: Container, province: Province
) -> None:
    async with client(container, PROXY) as http:

        async def attempt(address: str, login: str, password: str) -> list[str]:
            response = await http.post(
                "/graphql",
                json={"query": LOGIN, "variables": {"login": login, "password": password}},
                headers={"X-Forwarded-For": address, "Accept": "application/json"},
            )
            return [e["code"] for e in response.json()["data"]["login"]["errors"]]

        for n in range(20):  # LOGIN_MAX_FAILURES_PER_ADDRESS
            assert await attempt("203.0.113.7", f"guess{n}@hue.gov.vn", "wrong 1") == [
                "INVALID_CREDENTIALS"
            ]
        assert await attempt("203.0.113.7", "an.nv", PASSWORD) == ["RATE_LIMITED"]
        assert await attempt("198.51.100.9", "an.nv", PASSWORD) == []


async def test_every_429_says_when_the_window_frees(
    no_proxy: httpx.AsyncClient, clock: FixedClock
) -> None:
    assert (await upload(no_proxy, "")).status_code == 201
    clock.instant += timedelta(minutes=20)
    assert (await upload(no_proxy, "")).status_code == 201
    clock.instant += timedelta(minutes=5)
    refused = await upload(no_proxy, "")
    assert refused.status_code == 429
    # the first upload leaves the hour's window 35 minutes from now
    assert refused.headers["retry-after"] == str(35 * 60)
    assert refused.json()["errors"][0]["extensions"]["retryAfter"] == 35 * 60
    clock.instant += timedelta(minutes=35, seconds=1)
    assert (await upload(no_proxy, "")).status_code == 201
