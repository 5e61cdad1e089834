"""Caps request bodies: 413 before reading when Content-Length is too large, and as soon as
a streamed (chunked) body goes over the limit. A few paths (uploads) have a wider limit of
their own."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govgraph.http.errors import send_error


class BodyTooLarge(Exception):
    """Raised from `receive` when the body exceeds the limit; BodyLimit answers 413."""


class BodyLimit:
    """Pure ASGI middleware refusing HTTP request bodies over `max_bytes`, or over the limit
    `wider` gives their exact path."""

    def __init__(
        self, app: ASGIApp, max_bytes: int, wider: Mapping[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.wider = dict(wider or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared == -1:
            await send_error(send, 400, "Invalid Content-Length header")
            return
        max_bytes = self.wider.get(scope["path"], self.max_bytes)
        if declared is not None and declared > max_bytes:
            await self._refuse(send, max_bytes)
            return

        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await self._refuse(send, max_bytes)

    async def _refuse(self, send: Send, max_bytes: int) -> None:
        await send_error(
            send,
            413,
            f"Request body larger than {max_bytes} bytes",
            headers={"Connection": "close"},
        )


def _content_length(scope: Scope) -> int | None:
    """The declared body length; None when absent, -1 when malformed."""
    for name, value in scope.get("headers") or ():
        if name == b"content-length":
            try:
                length = int(value)
            except ValueError:
                return -1
            return length if length >= 0 else -1
    return None
